"""The check of derived indicators (indicators/derivation.py): is each published share what its counts give?"""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from indicators.derivation import Mismatch, computed_value, derived_value_mismatches
from indicators.models import Indicator
from tests.support import factories
from tests.support.admin import change_url


@pytest.fixture
def share(db):
    """A share in % published with one decimal, its two counts, and a region to observe them in."""
    share = factories.derived_indicator(decimals=1, scale=100)
    return share, factories.region()


def observe(share, region, period, numerator, denominator, published):
    """The two counts and the published share of one period (a count left None is not observed)."""
    for indicator, value in [(share.numerator, numerator), (share.denominator, denominator), (share, published)]:
        if value is not None:
            factories.observation_series(indicator, region, [period], [Decimal(value)])


def test_computed_value_is_numerator_over_denominator_times_scale_exactly():
    assert computed_value(Decimal(1320), Decimal(10_000), Decimal(100)) == Decimal("13.2")
    assert computed_value(Decimal(1), Decimal(8), Decimal(1000)) == Decimal("125")
    assert computed_value(Decimal(1), Decimal(3), Decimal(100)).quantize(Decimal("0.000001")) == Decimal("33.333333")


@pytest.mark.parametrize("denominator", [Decimal(0), Decimal("0.000000"), None])
def test_computed_value_of_a_zero_or_missing_denominator_is_none_not_an_error(denominator):
    assert computed_value(Decimal(5), denominator, Decimal(100)) is None


def test_a_share_that_agrees_with_its_counts_is_not_reported(share):
    indicator, region = share
    observe(indicator, region, "2020", 1320, 10_000, "13.2")
    observe(indicator, region, "2021", 1_500, 12_000, "12.5")
    assert derived_value_mismatches() == []


@pytest.mark.parametrize(
    "numerator, published, agrees",
    [
        (1325, "13.2", True),  # computed 13.25: exactly half a unit of the last decimal away
        (1315, "13.2", True),  # computed 13.15
        (1326, "13.2", False),  # computed 13.26: 0.06 away
        (1314, "13.2", False),  # computed 13.14
        (1320, "13.3", False),  # computed 13.2, published 13.3
    ],
)
def test_a_share_published_with_one_decimal_agrees_within_half_a_unit_of_that_decimal(
    share, numerator, published, agrees
):
    indicator, region = share
    observe(indicator, region, "2020", numerator, 10_000, published)
    assert (derived_value_mismatches() == []) is agrees


def test_the_tolerance_follows_the_decimals_published(db):
    whole = factories.derived_indicator(decimals=0)
    region = factories.region()
    observe(whole, region, "2020", 1325, 10_000, "13")  # 13.25 is 13 with no decimals
    observe(whole, region, "2021", 1351, 10_000, "13")  # 13.51 is not
    assert [m.observation.period for m in derived_value_mismatches()] == ["2021"]


def test_a_mismatch_carries_the_counts_the_computed_value_and_the_difference(share):
    indicator, region = share
    observe(indicator, region, "2015", 1320, 10_000, "20")
    [mismatch] = derived_value_mismatches()
    assert mismatch.observation.indicator == indicator and mismatch.observation.region == region
    assert (mismatch.numerator_value, mismatch.denominator_value) == (Decimal(1320), Decimal(10_000))
    assert (mismatch.computed, mismatch.difference) == (Decimal("13.2"), Decimal("6.8"))


@pytest.mark.parametrize("missing", ["numerator", "denominator"])
def test_a_share_whose_numerator_or_denominator_is_missing_is_not_judged(share, missing):
    indicator, region = share
    counts = {"numerator": 1320, "denominator": 10_000, missing: None}
    observe(indicator, region, "2020", counts["numerator"], counts["denominator"], "99.9")
    # The missing count observed for another period or another region does not stand in for it.
    observe(indicator, region, "2021", 1320, 10_000, "13.2")
    observe(indicator, factories.region(), "2020", 1320, 10_000, "13.2")
    assert derived_value_mismatches() == []


def test_a_zero_denominator_is_not_judged_and_raises_nothing(share):
    indicator, region = share
    observe(indicator, region, "2020", 0, 0, "0")
    observe(indicator, region, "2021", 1320, 10_000, "50")
    assert [m.observation.period for m in derived_value_mismatches()] == ["2021"]


def test_mismatches_come_sorted_by_indicator_region_and_period(db):
    first = factories.derived_indicator(code="a-share")
    second = factories.derived_indicator(code="b-share")
    astana, almaty = factories.region(code="astana"), factories.region(code="almaty")
    for indicator in (second, first):
        for region in (astana, almaty):
            for period in ("2021-02", "2020-12-31", "2021-Q1"):
                observe(indicator, region, period, 1, 2, "99")
    found = [
        (m.observation.indicator.code, m.observation.region.code, m.observation.period)
        for m in derived_value_mismatches()
    ]
    assert found == [
        (code, region, period)
        for code in ("a-share", "b-share")
        for region in ("almaty", "astana")
        for period in ("2020-12-31", "2021-Q1", "2021-02")  # by first day, not as written
    ]


def test_the_check_can_be_narrowed_to_some_indicators(share):
    indicator, region = share
    other = factories.derived_indicator()
    observe(indicator, region, "2020", 1320, 10_000, "20")
    observe(other, region, "2020", 1320, 10_000, "20")
    assert [m.observation.indicator for m in derived_value_mismatches([indicator])] == [indicator]
    assert [m.observation.indicator for m in derived_value_mismatches([other.pk])] == [other]
    narrowed = derived_value_mismatches(Indicator.objects.filter(pk=other.pk))
    assert [m.observation.indicator for m in narrowed] == [other]
    assert len(derived_value_mismatches()) == 2
    # A count is no derived indicator: narrowed to counts only, there is nothing to check.
    assert derived_value_mismatches([indicator.numerator, indicator.denominator]) == []


def test_without_derived_indicators_there_is_nothing_to_report(db):
    count = factories.indicator()
    factories.observation_series(count, values=[10, 20])
    assert derived_value_mismatches() == []


@pytest.mark.parametrize("years", [2, 40])
def test_the_check_reads_the_database_a_fixed_number_of_times_whatever_the_number_of_observations(
    share, django_assert_num_queries, years
):
    indicator, region = share
    other = factories.derived_indicator()
    for year in range(1980, 1980 + years):
        observe(indicator, region, str(year), 1320, 10_000, "20")
        observe(other, region, str(year), 1320, 10_000, "13.2")
    # The derived indicators, then every observation involved; a queryset to narrow by is one more.
    with django_assert_num_queries(2):
        assert len(derived_value_mismatches()) == years
    with django_assert_num_queries(2):
        assert len(derived_value_mismatches([indicator, other])) == years
    with django_assert_num_queries(3):
        assert len(derived_value_mismatches(Indicator.objects.filter(numerator__isnull=False))) == years


def test_a_mismatch_reads_as_one_sentence_in_the_editors_language(db):
    share = factories.derived_indicator(
        decimals=1, name_kk="Инновациялық белсенділік", name_ru="Инновационная активность", name_en="Innovation share"
    )
    region = factories.region(name_kk="Астана", name_ru="Астана", name_en="Astana")
    observe(share, region, "2021-Q2", 1, 3, "20.000")
    [mismatch] = derived_value_mismatches()
    assert isinstance(mismatch, Mismatch)
    # The published value as written, without the stored zeros; the computed one to four decimals.
    assert str(mismatch) == "Innovation share, Astana, 2021-Q2: published 20, but its counts give 33.3333."
    with translation.override("ru"):
        assert str(mismatch) == (
            "Инновационная активность, Астана, 2021-Q2: опубликовано 20, "
            "а по исходным численностям получается 33.3333."
        )
    with translation.override("kk"):
        assert str(mismatch) == (
            "Инновациялық белсенділік, Астана, 2021-Q2: жарияланған мән 20, ал бастапқы сандар бойынша 33.3333 шығады."
        )


def test_a_computed_value_longer_than_decimals_default_precision_is_reported_not_a_server_error(admin_client):
    """99999999999999 / 0.000001 × 99999999999999 has 34 digits: the admin page, the check action and
    the API's import name it as they name any other mismatch."""
    share = factories.derived_indicator(scale=Decimal("99999999999999"), decimals=0)
    region = factories.region()
    observe(share, region, "2020", "99999999999999", "0.000001", "1")
    computed = "9999999999999800000000000001000000"
    [mismatch] = derived_value_mismatches()
    assert str(mismatch).endswith(f"published 1, but its counts give {computed}.")
    page = admin_client.get(change_url(share))
    assert page.status_code == 200 and computed in page.content.decode()
    checked = admin_client.post(
        reverse("admin:indicators_indicator_changelist"),
        {"action": "check_derived_values", "_selected_action": [share.pk]},
        follow=True,
    )
    assert checked.status_code == 200 and computed in checked.content.decode()
    row = {"indicator": share.code, "region": region.code, "period": "2021", "value": "2"}
    for counts in (
        {"indicator": share.numerator.code, "value": "99999999999999"},
        {
            "indicator": share.denominator.code,
            "value": "0.000001",
        },
    ):
        observe_row = {**row, **counts}
        assert (
            admin_client.post("/api/v1/observations/", [observe_row], content_type="application/json").status_code
            == 201
        )
    imported = admin_client.post("/api/v1/observations/?lang=en", [row], content_type="application/json")
    assert imported.status_code == 201 and computed in imported.json()["warnings"][0]
