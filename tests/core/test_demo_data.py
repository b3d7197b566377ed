"""The demo data: the whole source paper, in three languages, loaded idempotently."""

from decimal import Decimal
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command

from indicators.derivation import derived_value_mismatches
from indicators.models import Indicator, Observation
from portal.models import FormerName, Institution, Page, Reference, Region
from swot.models import Analysis, Item
from tests.support.snapshot import content_models, content_snapshot

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def series(code):
    return {o.period: o.value for o in Observation.objects.filter(indicator__code=code, region__code="astana")}


def test_loading_twice_leaves_the_same_rows(demo):
    before = content_snapshot()
    out = StringIO()
    call_command("load_demo_data", stdout=out)
    assert content_snapshot() == before
    for line in out.getvalue().splitlines():
        assert " 0 new, 0 changed," in line, line


def test_table_1_of_the_paper(demo):
    years = [str(y) for y in range(2015, 2021)]
    assert [series("enterprises_total")[y] for y in years] == [4103, 4003, 4039, 3975, 3821, 3605]
    assert [series("enterprises_with_innovation")[y] for y in years] == [541, 543, 582, 583, 567, 453]
    assert [series("innovation_share")[y] for y in years] == [
        Decimal(v) for v in ["13.2", "13.6", "14.4", "14.7", "14.8", "12.6"]
    ]
    share = Indicator.objects.get(code="innovation_share")
    assert (share.numerator.code, share.denominator.code, share.scale) == (
        "enterprises_with_innovation",
        "enterprises_total",
        100,
    )
    assert derived_value_mismatches() == []


def test_the_citys_other_figures_with_period_and_source(demo):
    expected = {
        "population": ("2021-08-01", Decimal("1.2")),
        "unemployment_rate": ("2021-Q2", Decimal("4.6")),
        "average_monthly_wage": ("2021-Q2", Decimal("324462")),
        "universities": ("2021", Decimal("16")),
        "schools": ("2021", Decimal("1926")),
        "private_schools": ("2021", Decimal("176")),
    }
    for code, (period, value) in expected.items():
        observation = Observation.objects.get(indicator__code=code)
        assert (observation.period, observation.value) == (period, value), code
        assert observation.source is not None and observation.indicator.source is not None, code
    assert Indicator.objects.get(code="population").unit_multiplier == 6
    assert Observation.objects.get(indicator__code="unemployment_rate").status == Observation.Status.ESTIMATED


def test_institutions_references_and_pages(demo):
    slugs = set(Institution.objects.values_list("slug", flat=True))
    assert len(Institution.objects.filter(kind=Institution.Kind.SEZ)) == 2
    assert Institution.objects.filter(kind=Institution.Kind.FUND).count() >= 5
    for name in [
        "Astana Hub",
        "Astana Innovations",
        "Nazarbayev University",
        "Nazarbayev Intellectual Schools",
        "QazTech Ventures",
    ]:
        assert Institution.objects.filter(name_en__icontains=name).exists(), name
    assert len(slugs) >= 11
    # The paper's ten references and the paper itself (11), numbered; the acts behind founding years and
    # the references of the policy pages carry no number.
    assert Reference.objects.filter(key__in=["decree_2001_645_sez_astana_new_city", "weihrich1982"]).count() == 2
    assert sorted(Reference.objects.exclude(number=None).values_list("number", flat=True)) == list(range(1, 12))
    astana = Region.objects.get(code="astana")
    assert astana.iso_3166_2 == "KZ-71" and astana.kato == ""  # KATO: not established from the classifier
    assert list(astana.code_sources.values_list("key", flat=True)) == ["iso3166_2_kz"]
    paper = Reference.objects.get(doi="10.46914/1562-2959-2021-1-4-28-32")
    assert (paper.year, paper.language, paper.publisher) == (2021, "en", "")
    assert Page.objects.filter(slug="about", published=True).exists()


def test_every_added_fact_cites_its_own_reference(demo):
    """Founding years the paper does not give stand only with the act that sets them among the references."""
    founded = Institution.objects.exclude(founded_year=None)
    assert sorted(founded.values_list("slug", "founded_year")) == [
        ("sez_astana_new_city", 2001),
        ("sez_astana_technopolis", 2017),
    ]
    for institution in founded:
        acts = institution.references.filter(kind=Reference.Kind.LAW, year=institution.founded_year)
        assert acts.exists(), institution.slug
    # The paper gives no publisher of its own journal, nor of the WIPO profile, nor a year of the address.
    assert Reference.objects.get(key="wipo_gii2020_kazakhstan").publisher == ""
    assert Reference.objects.get(key="tokayev2021address").year is None


def test_table_1_cites_what_the_paper_cites_and_says_why_the_bureau_matters(demo):
    for code in ("enterprises_total", "enterprises_with_innovation", "innovation_share"):
        indicator = Indicator.objects.get(code=code)
        assert indicator.source.number == 4, code
        assert "[3]" in indicator.source_note_en and "[4]" in indicator.source_note_en, code
        assert all(getattr(indicator, f"source_note_{code}") for code in LANGUAGES)
    assert Indicator.objects.get(code="population").source.number == 3


def test_the_swot_analysis_has_every_item_with_its_evidence(demo):
    analysis = Analysis.objects.get()
    counts = {q: analysis.items.filter(quadrant=q).count() for q in Item.Quadrant.values}
    assert counts == {"strength": 4, "weakness": 6, "opportunity": 3, "threat": 3}
    for item in analysis.items.all():
        assert item.references.exists(), item.key
    assert Item.objects.filter(institutions__kind=Institution.Kind.FUND).exists()
    assert Item.objects.filter(indicators__code="innovation_share").exists()


def test_the_city_is_astana_and_the_data_knows_it_was_nur_sultan(demo):
    former = FormerName.objects.get(year_from=2019)
    assert (former.name_en, former.year_to, former.region.name_en) == ("Nur-Sultan", 2022, "Astana")


@pytest.mark.parametrize("model", content_models(), ids=lambda m: m._meta.label)
def test_every_text_is_written_in_kazakh_russian_and_english(demo, model):
    from modeltranslation.translator import translator

    options = translator.get_options_for_model(model)
    # A reference's title is written in its original language and translated where no published title
    # exists; its journal and person authors as published; a unit's forms only where the language inflects.
    as_published = {("portal.Reference", f) for f in ("title", "container", "authors")} | {
        ("indicators.Indicator", "unit_forms")
    }
    for row in model.objects.all():
        for field in options.fields:
            if field == "body_html" or (model._meta.label, field) in as_published:
                continue
            values = {code: getattr(row, f"{field}_{code}") for code in LANGUAGES}
            if model._meta.get_field(field).blank and not any(values.values()):
                continue  # an optional text left empty in every language
            assert all(values.values()), (model, row.pk, field, values)
            if len(values["en"]) > 60:  # a sentence, not a proper name: really written three times
                assert len(set(values.values())) == 3, (model, field, values)


def test_the_copy_of_the_demo_data_later_tests_get_is_what_a_fresh_load_gives(demo):
    """The `demo` fixture copies the first load's rows into later tests (tests/support/demo_copy.py)."""
    from django.db import connection

    from tests.support.demo_copy import demo_models, first_load, paste_rows

    def empty_the_content_tables():  # inside this test's transaction
        with connection.cursor() as cursor:
            for model in demo_models():
                cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")

    empty_the_content_tables()
    assert first_load  # this test's own `demo` left it, if no test before did
    paste_rows(first_load)
    copied = content_snapshot()
    empty_the_content_tables()
    assert content_snapshot() != copied
    call_command("load_demo_data", stdout=StringIO())
    assert content_snapshot() == copied
