"""The policy's models (policies/models.py): natural keys, what each refuses, what the public may see."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from policies.models import Initiative, SdgGoal, SdgTarget, Strategy, Target, TaxonomyTerm
from portal.publishing import PREVIEW_PARAMETER
from tests.support import factories, policy_factories


def refusal(obj):
    with pytest.raises(ValidationError) as refused:
        obj.full_clean()
    return refused.value.message_dict


def test_every_model_is_found_again_by_its_natural_key(db):
    goal = SdgGoal.objects.create(
        number=9, short_name_en="Industry", short_name_ru="Индустрия", name_en="I", name_ru="И"
    )
    sdg_target = SdgTarget.objects.create(goal=goal, code="9.a", text_en="T", text_ru="Т")
    theme = policy_factories.term(TaxonomyTerm.Vocabulary.THEME, "TH31")
    strategy = policy_factories.strategy(key="open-programmes")
    initiative = policy_factories.initiative(key="vouchers")
    target = policy_factories.target(
        factories.indicator(), factories.region(), value=5, period="2025", baseline_period="2020", key="vouchers-2025"
    )
    for obj, key in [
        (goal, (9,)),
        (sdg_target, ("9.a",)),
        (theme, ("theme", "TH31")),
        (strategy, ("open-programmes",)),
        (initiative, ("vouchers",)),
        (target, ("vouchers-2025",)),
    ]:
        assert obj.natural_key() == key
        assert type(obj).objects.get_by_natural_key(*key) == obj


def test_a_taxonomy_code_is_unique_within_its_vocabulary_and_sits_under_a_group_of_the_vocabulary_above(db):
    area = policy_factories.term(TaxonomyTerm.Vocabulary.POLICY_AREA, "governance")
    group = policy_factories.term(TaxonomyTerm.Vocabulary.INSTRUMENT_GROUP, "governance")  # same code, other list
    theme = policy_factories.term(TaxonomyTerm.Vocabulary.THEME, "TH13", parent=area)
    duplicate = TaxonomyTerm(vocabulary="theme", code="TH13", parent=area, name_en="Again", name_ru="Снова")
    assert "__all__" in refusal(duplicate)
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()
    theme.parent = group
    assert refusal(theme) == {"parent": ["Choose its policy area."]}
    area.parent = group
    assert refusal(area) == {"parent": ["A group, area or category has no group above it."]}


def test_an_sdg_target_belongs_to_the_goal_its_code_names(db):
    goal = SdgGoal.objects.create(number=9, short_name_en="I", short_name_ru="И", name_en="I", name_ru="И")
    wrong = SdgTarget(goal=goal, code="4.3", text_en="T", text_ru="Т")
    assert refusal(wrong) == {"code": ["Target 4.3 belongs to goal 4."]}
    assert "code" in refusal(SdgTarget(goal=goal, code="9-5", text_en="T", text_ru="Т"))
    SdgTarget.objects.create(goal=goal, code="9.a", text_en="A", text_ru="А")
    SdgTarget.objects.create(goal=goal, code="9.5", text_en="5", text_ru="5")
    SdgTarget.objects.create(goal=goal, code="9.10", text_en="10", text_ru="10")
    assert list(SdgTarget.objects.values_list("code", flat=True)) == ["9.5", "9.10", "9.a"]


def test_an_initiative_states_dates_status_and_budget_only_with_their_sources(db):
    initiative = policy_factories.initiative()
    initiative.start, initiative.end = "2020", "2019"
    assert refusal(initiative) == {
        "dates_source": ["Name the source of the dates."],
        "end": ["The end comes before the start."],
    }
    initiative.end, initiative.dates_source = "2025", factories.reference()
    initiative.status = Initiative.Status.ACTIVE
    assert refusal(initiative) == {"status_source": ["Name the source of the status."]}
    initiative.status_source = initiative.dates_source
    initiative.budget = Decimal("1500000000")
    assert set(refusal(initiative)) == {"budget_currency", "budget_period", "budget_source"}
    initiative.budget_currency, initiative.budget_period = "KZ", "2025/2020"
    assert refusal(initiative)["budget_currency"] == ["Write the ISO 4217 code of the currency, e.g. KZT, USD, EUR."]
    assert refusal(initiative)["budget_period"] == ["The second period of the span comes before the first."]
    initiative.budget_currency, initiative.budget_period, initiative.budget_source = (
        "KZT",
        "2020/2025",
        factories.reference(),
    )
    initiative.full_clean()
    initiative.budget = None
    assert refusal(initiative) == {
        "budget": ["Currency, period and source belong to a budget: give the amount or leave them out."]
    }


def test_an_initiative_cannot_be_part_of_itself(db):
    programme = policy_factories.initiative()
    road_map = policy_factories.initiative(part_of=programme)
    programme.part_of = road_map
    assert refusal(programme) == {"part_of": ["An initiative cannot be part of itself, directly or through others."]}


def test_a_target_is_set_by_one_initiative_or_strategy_and_published_only_with_its_source(db):
    indicator, region = factories.indicator(max_value=Decimal(1000)), factories.region()
    target = policy_factories.target(
        indicator, region, value=20, period="2030", baseline_period="2020", baseline_value=10
    )
    target.strategy = policy_factories.strategy()
    assert "initiative" in refusal(target)
    target.initiative = None
    target.source = None
    assert refusal(target) == {"source": ["A target without a source cannot be published: name where it is stated."]}
    with pytest.raises(IntegrityError), transaction.atomic():
        target.save()  # the database holds the rule too
    target.published = False
    target.full_clean()
    target.save()
    target.period = "2020-Q4"
    assert refusal(target) == {"period": ["The target period must end at least a month after the baseline period."]}
    target.period, target.value = "2030", Decimal(10)
    assert refusal(target) == {"value": ["The target value equals the baseline: it sets no direction to move in."]}
    target.value = Decimal(5000)
    assert refusal(target) == {"value": ["5000 is above 1000, the highest plausible value of this indicator."]}


def test_the_public_sees_published_policy_of_published_analyses_and_indicators(db, rf, admin_user):
    analysis = factories.analysis()
    strategy = policy_factories.strategy(analysis=analysis)
    initiative = policy_factories.initiative(strategies=[strategy])
    indicator = factories.indicator()
    target = policy_factories.target(
        indicator, factories.region(), value=5, period="2025", baseline_period="2020", initiative=initiative
    )
    public = rf.get("/")
    assert list(Strategy.objects.visible_to(public)) == [strategy]
    assert list(Target.objects.visible_to(public)) == [target]
    analysis.published = False
    analysis.save()
    assert not Strategy.objects.visible_to(public).exists()
    indicator.published = False
    indicator.save()
    assert not Target.objects.visible_to(public).exists()  # a draft indicator's target is not public
    initiative.published = False
    initiative.save()
    assert not Initiative.objects.visible_to(public).exists()
    preview = rf.get("/", {PREVIEW_PARAMETER: "1"})
    preview.user = admin_user
    assert list(Target.objects.visible_to(preview)) == [target]
    assert list(Initiative.objects.visible_to(preview)) == [initiative]
