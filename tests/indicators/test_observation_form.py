"""The admin's observation form: the value typed as text, read by the import's strict rules in the
admin's language; the bounds, the database's digits and the scale guard apply."""

from decimal import Decimal

import pytest

from indicators.models import Observation
from tests.support.admin import change_url


def observation(indicator="unemployment_rate", period="2021-Q2"):
    return Observation.objects.get(indicator__code=indicator, region__code="astana", period=period)


def form_data(obs, value, **more):
    return {
        "indicator": obs.indicator_id,
        "region": obs.region_id,
        "period": obs.period,
        "value": value,
        "status": obs.status,
        "source": obs.source_id or "",
        **{f"note_{code}": getattr(obs, f"note_{code}") or "" for code in ("kk", "ru", "en")},
        **more,
    }


@pytest.mark.parametrize(
    ("language", "typed", "saved"),
    [("ru", "4,7", "4.7"), ("kk", "4,7", "4.7"), ("en", "4.7", "4.7"), ("ru", "4,70", "4.7")],
)
def test_a_value_typed_with_the_languages_decimal_mark_is_saved_as_typed(demo, editor_client, language, typed, saved):
    obs = observation()
    response = editor_client.post(change_url(obs), form_data(obs, typed), HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert observation().value == Decimal(saved)


@pytest.mark.parametrize(("language", "typed"), [("en", "4,7"), ("ru", "4.7"), ("ru", "4 7"), ("en", "1,234")])
def test_a_value_typed_another_way_is_refused_never_read_as_another_number(demo, editor_client, language, typed):
    obs = observation()
    before = obs.value
    response = editor_client.post(change_url(obs), form_data(obs, typed), HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    assert observation().value == before


def test_grouped_thousands_are_read_where_they_are_unambiguous(demo, editor_client):
    obs = observation("enterprises_total", "2020")
    response = editor_client.post(change_url(obs), form_data(obs, "3 612"), HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 302
    assert observation("enterprises_total", "2020").value == 3612


def test_the_bounds_and_the_scale_guard_apply(demo, editor_client):
    obs = observation()  # unemployment, per cent: 0-100
    page = editor_client.post(change_url(obs), form_data(obs, "470"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "highest plausible value" in page
    population = observation("population", "2021-08-01")
    data = form_data(population, "1200000", period="2022")
    page = editor_client.post("/admin/indicators/observation/add/", data, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "it looks like units; this indicator is in millions" in page
    assert not Observation.objects.filter(indicator__code="population", period="2022").exists()
    data["confirm_scale"] = "on"
    response = editor_client.post("/admin/indicators/observation/add/", data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    assert Observation.objects.get(indicator__code="population", period="2022").value == 1200000


def test_the_list_shows_values_in_the_admins_number_format(demo, editor_client):
    wage = observation("average_monthly_wage").indicator_id
    page = editor_client.get(
        f"/admin/indicators/observation/?indicator__id__exact={wage}", HTTP_ACCEPT_LANGUAGE="ru"
    ).content.decode()
    assert "324\u00a0462<" in page and "324462.000000" not in page and "324462,000000" not in page
