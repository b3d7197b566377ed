from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from indicators.models import Observation
from tests.support import factories


@pytest.fixture
def series(db):
    """A rate in % with one decimal, plausible from 0 to 100, and a region to observe it in."""
    indicator = factories.indicator(
        name_kk="Жұмыссыздық деңгейі",
        name_ru="Уровень безработицы",
        name_en="Unemployment rate",
        unit_kk="%",
        unit_ru="%",
        unit_en="%",
        decimals=1,
        min_value=0,
        max_value=100,
    )
    return indicator, factories.region()


def test_values_come_back_as_the_decimals_that_were_saved(series):
    indicator, region = series
    Observation.objects.create(indicator=indicator, region=region, period="2021-Q2", value=Decimal("4.6"))
    stored = Observation.objects.get()
    assert isinstance(stored.value, Decimal)
    assert stored.value == Decimal("4.6")
    assert (stored.period_start.isoformat(), stored.period_end.isoformat()) == ("2021-04-01", "2021-06-30")


def test_a_second_observation_for_the_same_indicator_region_and_period_is_refused(series):
    indicator, region = series
    Observation.objects.create(indicator=indicator, region=region, period="2021-Q2", value=Decimal("4.6"))
    duplicate = Observation(indicator=indicator, region=region, period="2021-Q2", value=Decimal("4.9"))
    with pytest.raises(ValidationError) as refused:
        duplicate.full_clean()
    assert "already exists" in " ".join(refused.value.messages)
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()
    assert [o.value for o in Observation.objects.all()] == [Decimal("4.6")]


def test_a_bad_period_is_refused_with_a_clear_message(series):
    indicator, region = series
    observation = Observation(indicator=indicator, region=region, period="II quarter 2021", value=Decimal("4.6"))
    with pytest.raises(ValidationError) as refused:
        observation.full_clean()
    assert (
        "“II quarter 2021” is not a period. Write a year (2020), a quarter (2021-Q2), a month (2021-08) or a day "
        "(2021-08-01)." in refused.value.message_dict["period"]
    )
    with pytest.raises(ValidationError):
        observation.save()
    assert not Observation.objects.exists()


def test_a_value_outside_the_indicators_bounds_is_refused(series):
    indicator, region = series
    observation = Observation(indicator=indicator, region=region, period="2021", value=Decimal("146"))
    with pytest.raises(ValidationError) as refused:
        observation.full_clean()
    assert refused.value.message_dict["value"] == ["146 is above 100, the highest plausible value of this indicator."]
