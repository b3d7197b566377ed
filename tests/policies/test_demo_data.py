"""The policy in the demo data: the paper's five recommendations and the instruments it names, no figure,
date or budget the sources do not give, every entry citing its reference."""

from policies.models import Initiative, SdgGoal, SdgTarget, Strategy, Target, TaxonomyTerm
from policies.tows import TowsType
from portal.languages import translated_columns
from portal.models import Institution

PAPER = "mukhamedzhanova2021"


def test_the_five_recommendations_are_strategies_placed_by_their_items(demo):
    types = {s.key: s.tows_type for s in Strategy.objects.prefetch_related("items")}
    assert types == {
        "programme_transparency": TowsType.WT,
        "public_awareness": TowsType.WT,
        "adult_retraining": TowsType.ST,
        "sme_innovation_share": TowsType.WO,
        "inclusive_green_innovation": TowsType.SO,
    }
    for strategy in Strategy.objects.all():
        assert PAPER in strategy.references.values_list("key", flat=True), strategy.key
        assert all(getattr(strategy, column) for column in translated_columns("title", "text")), strategy.key
    # Weakness W2, no steady demand from private firms: which measures answer it, and who runs them.
    demand = Strategy.objects.get(items__key="private_demand")
    assert demand.key == "sme_innovation_share"
    runners = Institution.objects.filter(initiatives_run__strategies=demand).distinct()
    assert {"astana_innovations", "astana_hub", "qaztech_ventures"} <= set(runners.values_list("slug", flat=True))


def test_the_instruments_the_paper_names_are_initiatives_with_nothing_the_sources_do_not_state(demo):
    assert Initiative.objects.count() == 15
    assert not Initiative.objects.exclude(status="").exists()
    assert not Initiative.objects.exclude(budget=None).exists()
    dated = Initiative.objects.exclude(start="", end="")
    assert [(i.key, i.start, i.end, i.dates_source.key) for i in dated] == [
        ("state_programme_regional_development", "2020", "2025", "state_programme_regions_2020_2025")
    ]
    for initiative in Initiative.objects.all():
        assert PAPER in initiative.references.values_list("key", flat=True), initiative.key
        assert all(getattr(initiative, column) for column in translated_columns("name", "description")), initiative.key
    assert not Target.objects.exists()  # the sources set no quantified target
    # The two programmes are initiatives now, not institutions.
    assert Initiative.objects.get(key="nur_sultan_city_of_innovation").kind == Initiative.Kind.ROAD_MAP
    assert not Institution.objects.filter(
        slug__in=["nur_sultan_city_of_innovation", "state_programme_regional_development"]
    ).exists()
    assert Institution.objects.get(slug="government_kazakhstan").kind == Institution.Kind.GOVERNMENT


def test_the_code_lists_are_complete_in_three_languages_and_cite_their_source(demo):
    assert SdgGoal.objects.count() == 17 and SdgTarget.objects.count() == 169
    for model, fields in ((SdgGoal, ("short_name", "name")), (SdgTarget, ("text",))):
        for row in model.objects.all():
            assert all(getattr(row, column) for column in translated_columns(*fields)), row
            assert row.source.key == "un_a_res_71_313"
    for term in TaxonomyTerm.objects.all():
        term.full_clean()  # every code sits under a group of the vocabulary above
        assert term.source.key == "ec_oecd_stip_codebook_2021"
    used = TaxonomyTerm.objects.filter(vocabulary__in=TaxonomyTerm.PARENT_VOCABULARY)
    assert all(
        term.initiatives_as_instrument.exists()
        or term.initiatives_as_theme.exists()
        or term.initiatives_as_target_group.exists()
        for term in used
    )
