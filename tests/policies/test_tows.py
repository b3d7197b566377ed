"""The TOWS type of a strategy follows from the quadrants of the SWOT items it pairs (policies/tows.py),
and a strategy whose items give none is refused, in the admin and in an import."""

import pytest
import tablib
from django.urls import reverse

from policies.models import Strategy
from policies.resources import StrategyResource
from policies.tows import TowsType, tows_problem, tows_type
from portal.services import ImportRejected, content_import
from swot.models import Item
from tests.support import factories, policy_factories

S, W, OPP, T = "strength", "weakness", "opportunity", "threat"


@pytest.mark.parametrize(
    ("quadrants", "expected"),
    [
        ({S, OPP}, TowsType.SO),
        ({S, T}, TowsType.ST),
        ({W, OPP}, TowsType.WO),
        ({W, T}, TowsType.WT),
        ([W, W, T, T, T], TowsType.WT),  # several items of the same two quadrants
        ({S, W, OPP}, None),  # strengths and weaknesses at once
        ({S, OPP, T}, None),  # opportunities and threats at once
        ({S}, None),
        ({OPP}, None),
        (set(), None),
    ],
)
def test_the_type_follows_from_the_quadrants(quadrants, expected):
    assert tows_type(quadrants) == expected
    assert (tows_problem(quadrants) is None) == (expected is not None)


def test_a_strategys_type_is_read_from_its_items(db):
    analysis = factories.analysis()
    weakness = factories.item(analysis=analysis, quadrant=W)
    threat = factories.item(analysis=analysis, quadrant=T)
    strategy = policy_factories.strategy(items=[weakness, threat])
    assert strategy.tows_type == TowsType.WT and strategy.tows_type.label.startswith("WT")
    threat.quadrant = OPP
    threat.save()
    assert Strategy.objects.get(pk=strategy.pk).tows_type == TowsType.WO


def strategy_form(analysis, items, **extra):
    return {
        "analysis": analysis.pk,
        "key": "open-programmes",
        "order": 1,
        "title_kk": "Ашық бағдарламалар",
        "title_ru": "Открытые программы",
        "title_en": "Open programmes",
        "text_kk": "",
        "text_ru": "",
        "text_en": "",
        "items": [item.pk for item in items],
        **extra,
    }


def test_the_admin_refuses_items_that_mix_strengths_and_weaknesses(db, editor_client):
    analysis = factories.analysis()
    strength, weakness, threat = (factories.item(analysis=analysis, quadrant=q) for q in (S, W, T))
    url = reverse("admin:policies_strategy_add")
    refused = editor_client.post(url, strategy_form(analysis, [strength, weakness, threat]), HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 200
    assert "Its SWOT items mix strengths and weaknesses" in refused.content.decode()
    assert not Strategy.objects.exists()
    other = factories.item(quadrant=OPP)  # an item of another analysis
    refused = editor_client.post(url, strategy_form(analysis, [strength, other]), HTTP_ACCEPT_LANGUAGE="en")
    assert f"Not items of the analysis “{analysis.slug}”: {other.key}." in refused.content.decode()
    saved = editor_client.post(url, strategy_form(analysis, [weakness, threat]))
    assert saved.status_code == 302
    assert Strategy.objects.get().tows_type == TowsType.WT


def strategies_file(rows):
    dataset = tablib.Dataset(
        headers=["analysis", "key", "order", "published", "title_ru", "title_en", "items", "tows_type"]
    )
    for row in rows:
        dataset.append(row)
    return dataset


def test_an_import_refuses_a_strategy_without_a_type_or_with_a_type_its_items_do_not_give(db):
    analysis = factories.analysis(slug="city-2024")
    for key, quadrant in (("roads", S), ("trust", W), ("exports", OPP), ("brain_drain", T)):
        factories.item(analysis=analysis, key=key, quadrant=quadrant)
    rows = [
        ["city-2024", "good", 1, 1, "Хорошо", "Good", "roads,exports", "SO"],
        ["city-2024", "mixed", 2, 1, "Смесь", "Mixed", "roads,trust,exports", ""],
        ["city-2024", "mislabelled", 3, 1, "Не тот тип", "Wrong type", "trust,brain_drain", "SO"],
        ["city-2024", "unknown", 4, 1, "Нет пункта", "No such item", "roads,nowhere", ""],
    ]
    with pytest.raises(ImportRejected) as rejected:
        content_import([("strategies", StrategyResource, strategies_file(rows))])
    problems = "\n".join(rejected.value.problems)
    assert "row 2, column “items”: Its SWOT items mix strengths and weaknesses" in problems
    assert "row 3, column “tows_type”: The items make the strategy WT, not SO." in problems
    assert "row 4" in problems and "“nowhere”" in problems
    assert "row 1" not in problems
    assert not Strategy.objects.exists()
    content_import([("strategies", StrategyResource, strategies_file(rows[:1]))])
    assert Strategy.objects.get().tows_type == TowsType.SO
    assert sorted(Strategy.objects.get().items.values_list("key", flat=True)) == ["exports", "roads"]
    assert Item.objects.count() == 4
