"""SWOT analyses and their items (swot/models.py): natural keys, uniqueness, what deleting takes along."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import translation

from swot.models import Analysis, Item
from tests.support import factories


def test_an_item_is_found_again_by_its_analysis_and_key(db):
    analysis = factories.analysis(slug="astana-2021")
    item = factories.item(analysis=analysis, key="young-population")
    assert item.natural_key() == ("astana-2021", "young-population")
    assert Item.objects.get_by_natural_key("astana-2021", "young-population") == item
    assert Analysis.objects.get_by_natural_key("astana-2021") == analysis


def test_a_key_is_unique_within_its_analysis_not_across_analyses(db):
    first, second = factories.analysis(), factories.analysis()
    factories.item(analysis=first, key="infrastructure")
    factories.item(analysis=second, key="infrastructure")  # another analysis may use the same key
    duplicate = Item(analysis=first, key="infrastructure", quadrant=Item.Quadrant.THREAT, title_en="T", title_ru="Т")
    with pytest.raises(ValidationError) as refused:
        duplicate.full_clean()
    assert "already exists" in " ".join(refused.value.messages)
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()
    assert Item.objects.filter(key="infrastructure").count() == 2


def test_an_item_belongs_to_one_of_the_four_quadrants(db):
    item = factories.item()
    item.quadrant = "opportunities"
    with pytest.raises(ValidationError) as refused:
        item.full_clean()
    assert "quadrant" in refused.value.message_dict


def test_deleting_an_analysis_deletes_its_items_but_not_their_evidence(db):
    share = factories.derived_indicator()
    institution = factories.institution()
    reference = factories.reference()
    analysis = factories.analysis()
    for _number in range(3):
        factories.item(analysis=analysis, indicators=[share], institutions=[institution], references=[reference])
    kept = factories.item()
    analysis.delete()
    assert list(Item.objects.all()) == [kept]
    for evidence in (share, institution, reference):
        assert type(evidence).objects.filter(pk=evidence.pk).exists()


def test_a_region_with_an_analysis_cannot_be_deleted(db):
    analysis = factories.analysis()
    with pytest.raises(ProtectedError), transaction.atomic():
        analysis.region.delete()
    assert Analysis.objects.filter(pk=analysis.pk).exists()


def test_the_public_sees_published_analyses_only(db):
    published = factories.analysis()
    factories.analysis(published=False)
    assert list(Analysis.objects.published()) == [published]


def test_an_item_without_a_kazakh_title_reads_in_russian_in_kazakh(db):
    item = factories.item(title_kk="", title_ru="Молодое население", title_en="Young population")
    with translation.override("kk"):
        assert str(Item.objects.get(pk=item.pk)) == "Молодое население"
    with translation.override("en"):
        assert str(Item.objects.get(pk=item.pk)) == "Young population"


def test_items_link_the_evidence_they_rest_on_both_ways(db):
    share, institution, reference = factories.derived_indicator(), factories.institution(), factories.reference()
    item = factories.item(indicators=[share], institutions=[institution], references=[reference])
    assert (list(item.indicators.all()), list(item.institutions.all()), list(item.references.all())) == (
        [share],
        [institution],
        [reference],
    )
    assert list(share.swot_items.all()) == list(institution.swot_items.all()) == list(reference.swot_items.all())
    assert list(share.swot_items.all()) == [item]
