"""Writes through the API: staff with the admin's permissions, by token or session (CSRF
checked); everyone else is refused and nothing changes. Observations go through the
editors' import."""

import json
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from indicators.models import ChangeSet, Indicator, Observation, Theme
from portal.models import Institution, Region
from swot.models import Item

ALMATY = {"code": "almaty", "kind": "city", "name_kk": "Алматы", "name_ru": "Алматы", "name_en": "Almaty"}


def token_client(user):
    client = APIClient()
    token, _created = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def raw_json(client, method, url, text):
    """The body exactly as written, so a JSON number reaches the server as the client typed it."""
    return getattr(client, method)(url, data=text, content_type="application/json")


@pytest.fixture
def editor_token_client(editor):
    return token_client(editor)


def test_an_editor_writes_a_region_through_the_session_with_the_csrf_token(demo, editor):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(editor)
    without_csrf = client.post("/api/v1/regions/?lang=ru", ALMATY, format="json")
    assert without_csrf.status_code == 403
    assert "CSRF" in without_csrf.json()["detail"] and "X-CSRFToken" in without_csrf.json()["detail"]
    assert not Region.objects.filter(code="almaty").exists()

    client.get("/admin/")  # an admin page sets the csrftoken cookie, as for a script running in the admin's browser
    csrf = {"HTTP_X_CSRFTOKEN": client.cookies["csrftoken"].value}
    created = client.post("/api/v1/regions/", ALMATY, format="json", **csrf)
    assert created.status_code == 201, created.json()
    assert client.get("/api/v1/regions/almaty/?lang=en").json() == {
        "code": "almaty",
        "kind": "city",
        "name": "Almaty",
        "kato": "",
        "iso_3166_2": "",
        "code_sources": [],
    }

    # `name` is the request language's text; the other languages stay as they were.
    changed = client.patch("/api/v1/regions/almaty/?lang=en", {"name": "Almaty city"}, format="json", **csrf)
    assert changed.status_code == 200 and changed.json()["name"] == "Almaty city"
    region = Region.objects.get(code="almaty")
    assert (region.name_en, region.name_ru) == ("Almaty city", "Алматы")

    assert client.delete("/api/v1/regions/almaty/", **csrf).status_code == 204
    assert client.get("/api/v1/regions/almaty/").status_code == 404
    history = Region.history.filter(code="almaty").order_by("history_date")
    assert [(h.history_type, h.history_user) for h in history] == [("+", editor), ("~", editor), ("-", editor)]


def test_an_editor_writes_an_institution_with_a_token_and_the_public_page_shows_it_at_once(
    demo, editor, editor_token_client, client
):
    api = editor_token_client
    body = {
        "slug": "astana_ai_lab",
        "kind": "hub",
        "region": "astana",
        "references": ["mukhamedzhanova2021"],
        "name_kk": "Астана ЖИ зертханасы",
        "name_ru": "Лаборатория ИИ Астаны",
        "name_en": "Astana AI Lab",
        "founded_year": 2024,
        "published": True,
    }
    created = api.post("/api/v1/institutions/", body, format="json")
    assert created.status_code == 201, created.json()
    assert created.json()["published"] is True  # staff see the draft flag; the public does not
    public = client.get("/api/v1/institutions/astana_ai_lab/?lang=en").json()
    assert (
        public["name"] == "Astana AI Lab"
        and public["references"] == ["mukhamedzhanova2021"]
        and "published" not in public
    )
    assert "Astana AI Lab" in client.get("/en/institutions/astana_ai_lab/").content.decode()

    renamed = api.patch(
        "/api/v1/institutions/astana_ai_lab/?lang=en", {"name": "Astana Artificial Intelligence Lab"}, format="json"
    )
    assert renamed.status_code == 200
    assert (
        "Astana Artificial Intelligence Lab" in client.get("/en/institutions/astana_ai_lab/").content.decode()
    )  # not the cached page
    latest = Institution.history.filter(slug="astana_ai_lab").latest("history_date")
    assert latest.history_user == editor and latest.name_en == "Astana Artificial Intelligence Lab"

    assert api.delete("/api/v1/institutions/astana_ai_lab/").status_code == 204
    assert client.get("/en/institutions/astana_ai_lab/").status_code == 404
    assert not Institution.objects.filter(slug="astana_ai_lab").exists()


def test_a_derived_indicator_is_written_with_exact_numbers_and_checked_by_the_model(demo, editor_token_client, client):
    body = """{"code": "patents_share", "theme": "innovation",
               "name_ru": "Доля патентов", "name_en": "Share of patents",
               "numerator": "enterprises_with_innovation", "denominator": "enterprises_total",
               "scale": 100, "min_value": 0.1, "max_value": 99.95, "decimals": 1, "published": true}"""
    created = raw_json(editor_token_client, "post", "/api/v1/indicators/", body)
    assert created.status_code == 201, created.json()
    indicator = Indicator.objects.get(code="patents_share")
    assert (indicator.scale, indicator.min_value, indicator.max_value) == (
        Decimal(100),
        Decimal("0.1"),
        Decimal("99.95"),
    )
    assert (created.json()["min_value"], created.json()["max_value"]) == ("0.1", "99.95")
    shown = client.get("/api/v1/indicators/patents_share/?lang=ru").json()
    assert (shown["name"], shown["numerator"], shown["scale"]) == (
        "Доля патентов",
        "enterprises_with_innovation",
        "100",
    )

    # The model's own rules, in the language asked for, each under its field.
    half_derived = editor_token_client.patch(
        "/api/v1/indicators/patents_share/?lang=ru", {"denominator": None}, format="json"
    )
    assert half_derived.status_code == 400
    assert "Производному показателю нужны числитель, знаменатель и масштаб" in " ".join(
        half_derived.json()["non_field_errors"]
    )
    bounds = editor_token_client.patch(
        "/api/v1/indicators/patents_share/?lang=ru", {"min_value": "5", "max_value": "1"}, format="json"
    )
    assert bounds.json()["non_field_errors"] == ["Наименьшее правдоподобное значение больше наибольшего."]
    unnamed = editor_token_client.patch("/api/v1/indicators/patents_share/?lang=ru", {"name_en": ""}, format="json")
    assert unnamed.json()["name_en"] == ["Это поле не может быть пустым."]
    assert editor_token_client.patch(
        "/api/v1/indicators/patents_share/?lang=ru", {"scale": "много"}, format="json"
    ).json()["scale"] == ["Требуется численное значение."]
    too_precise = raw_json(
        editor_token_client, "patch", "/api/v1/indicators/patents_share/?lang=en", '{"scale": 1.1234567}'
    )
    assert too_precise.json()["scale"] == ["Ensure that there are no more than 6 decimal places."]
    unknown_theme = editor_token_client.patch(
        "/api/v1/indicators/patents_share/?lang=en", {"theme": "sport"}, format="json"
    )
    assert unknown_theme.json()["theme"] == ["Object with code=sport does not exist."]
    assert (
        raw_json(
            editor_token_client, "patch", "/api/v1/indicators/patents_share/?lang=en", '{"scale": NaN}'
        ).status_code
        == 400
    )
    indicator.refresh_from_db()
    assert (indicator.denominator.code, indicator.min_value, indicator.scale, indicator.name_en) == (
        "enterprises_total",
        Decimal("0.1"),
        Decimal(100),
        "Share of patents",
    )

    assert editor_token_client.delete("/api/v1/indicators/patents_share/").status_code == 204
    assert not Indicator.objects.filter(code="patents_share").exists()


def test_a_delete_refused_because_of_references_says_what_still_refers_to_it(demo, editor_token_client):
    response = editor_token_client.delete("/api/v1/regions/astana/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 409
    assert "observations: 24" in response.json()["detail"] and "institutions" in response.json()["detail"]
    assert Region.objects.filter(code="astana").exists()
    theme = editor_token_client.delete("/api/v1/themes/innovation/?lang=ru")
    assert theme.status_code == 409 and "показатели: 3" in theme.json()["detail"]
    assert Theme.objects.filter(code="innovation").exists()


def test_anonymous_users_non_staff_and_staff_without_permission_write_nothing(demo, client, django_user_model):
    before = list(Region.objects.values_list("code", "name_en"))
    anonymous = APIClient().post("/api/v1/regions/?lang=ru", ALMATY, format="json")
    assert anonymous.status_code == 401 and anonymous["WWW-Authenticate"] == "Token"
    assert anonymous.json()["detail"] == "Учетные данные не были предоставлены."

    reader = django_user_model.objects.create_user("reader", password="x" * 20)
    reader.user_permissions.add(
        *Permission.objects.filter(codename__in=["add_region", "change_region", "delete_region"])
    )
    not_staff = token_client(reader).post("/api/v1/regions/?lang=ru", ALMATY, format="json")
    assert (
        not_staff.status_code == 403
        and not_staff.json()["detail"] == "У вас недостаточно прав для выполнения данного действия."
    )

    clerk = django_user_model.objects.create_user("clerk", password="x" * 20, is_staff=True)
    clerk.user_permissions.add(Permission.objects.get(codename="view_region"))
    session = APIClient()
    session.force_login(clerk)
    assert session.post("/api/v1/regions/", ALMATY, format="json").status_code == 403
    assert session.patch("/api/v1/regions/astana/", {"name": "X"}, format="json").status_code == 403
    assert session.delete("/api/v1/regions/astana/").status_code == 403

    gone = django_user_model.objects.create_user(
        "gone", password="x" * 20, is_staff=True, is_superuser=True, is_active=False
    )
    assert token_client(gone).delete("/api/v1/regions/astana/").status_code == 401
    wrong_token = APIClient()
    wrong_token.credentials(HTTP_AUTHORIZATION="Token not-a-token")
    assert wrong_token.delete("/api/v1/regions/astana/").status_code == 401
    assert list(Region.objects.values_list("code", "name_en")) == before
    assert client.get("/api/v1/regions/").status_code == 200  # reading stays open


def test_tokens_are_made_in_the_admin_by_administrators_only(db, admin_client, editor_client):
    assert admin_client.get("/admin/authtoken/tokenproxy/add/").status_code == 200
    assert editor_client.get("/admin/authtoken/tokenproxy/").status_code == 403


def test_swot_items_are_written_at_their_analysis_and_key(demo, editor_token_client, client):
    api = editor_token_client
    body = {
        "analysis": "astana-2021",
        "key": "talent_outflow",
        "quadrant": "threat",
        "order": 9,
        "title_ru": "Отток кадров",
        "title_en": "Talent outflow",
        "indicators": ["population"],
        "references": [],
    }
    assert api.post("/api/v1/swot-items/", body, format="json").status_code == 201
    duplicate = api.post("/api/v1/swot-items/?lang=en", body, format="json")
    assert duplicate.status_code == 400 and "unique" in json.dumps(duplicate.json())
    url = "/api/v1/swot-items/astana-2021/talent_outflow/"
    assert client.get(url + "?lang=en").json()["title"] == "Talent outflow"
    assert api.patch(url, {"quadrant": "weakness", "institutions": ["astana_hub"]}, format="json").status_code == 200
    item = Item.objects.get(key="talent_outflow")
    assert (item.quadrant, [i.slug for i in item.institutions.all()]) == ("weakness", ["astana_hub"])
    assert client.get("/api/v1/swot-items/astana-2021/no_such_item/").status_code == 404
    assert api.delete(url).status_code == 204
    assert not Item.objects.filter(key="talent_outflow").exists()


# --- Observations: through the editors' import -------------------------------------------------


def observation(period, value, indicator="enterprises_total", **more):
    return {"indicator": indicator, "region": "astana", "period": period, "value": value, **more}


def test_observation_rows_are_imported_exactly_as_one_change_set(demo, editor, editor_token_client, client):
    body = json.dumps(
        [
            observation("2022", "4500"),
            observation(
                "2015",
                "13.9",
                indicator="innovation_share",
                status="E",
                note="оценка",
                source="bns_nursultan_statistics",
            ),
            observation("2016", "4003"),
            observation("2022", "X", indicator="population"),
        ]
    )
    # JSON numbers, as a script would send them, read exactly: 17 digits are more than a float holds (it would
    # say …234568). PostgreSQL keeps them all; SQLite keeps 15 significant digits, and more are refused there.
    big = "12345678901.234567" if connection.vendor == "postgresql" else "1234567890.12345"
    body = body.replace('"13.9"', "13.9").replace('"X"', big)
    # A population a billion times the city's is held back as a likely scale slip…
    held = raw_json(editor_token_client, "post", "/api/v1/observations/?lang=en", body).json()
    assert "from 1.2, the value for 2021-08-01" in held["errors"][0]["reason"]
    # …unless the request confirms it.
    response = raw_json(editor_token_client, "post", "/api/v1/observations/?lang=ru&confirm_scale=1", body)
    assert response.status_code == 201, response.json()
    answer = response.json()
    assert answer["counts"] == {"new": 2, "changed": 1, "unchanged": 1} and answer["dry_run"] is False
    # 13.9 % no longer agrees with the counts (541 of 4103 give 13.2 %): a warning, not a refusal.
    assert len(answer["warnings"]) == 1 and "13.9" in answer["warnings"][0]
    change_set = ChangeSet.objects.get(pk=answer["change_set"])
    assert (change_set.user, change_set.filename, change_set.new_count, change_set.changed_count) == (
        editor,
        "API",
        2,
        1,
    )
    changed = Observation.objects.get(indicator__code="innovation_share", period="2015")
    assert (changed.value, changed.status, changed.note_ru, changed.source.key) == (
        Decimal("13.9"),
        "E",
        "оценка",
        "bns_nursultan_statistics",
    )
    listed = client.get("/api/v1/observations/?indicator=innovation_share&period_from=2015&period_to=2015").json()[
        "results"
    ]
    assert [(o["value"], o["status"]) for o in listed] == [("13.9", "E")]
    # What the import wrote, as its change set records it and as the database gives it back.
    assert [c["new"]["value"] for c in change_set.changes if c["indicator"] == "population"] == [big]
    assert Observation.objects.get(indicator__code="population", period="2022").value == Decimal(big)


def test_more_digits_than_the_database_keeps_are_refused_not_rounded(demo, editor_token_client):
    """SQLite keeps about 15 significant digits (it stored 17 rounded, then failed reading them back);
    PostgreSQL keeps the column's 20 digits with 6 places."""
    value = "123456789012.34567" if connection.vendor == "sqlite" else "123456789012345.5"
    body = json.dumps([observation("2022", "X", indicator="population")]).replace('"X"', value)
    response = raw_json(editor_token_client, "post", "/api/v1/observations/?lang=en", body)
    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert error["column"] == "value" and ("significant digits" in error["reason"] or "too large" in error["reason"])
    assert not Observation.objects.filter(indicator__code="population", period="2022").exists()


def test_bad_observation_rows_are_all_listed_in_the_request_language_and_nothing_is_saved(demo, editor_token_client):
    before = (list(Observation.objects.values_list("pk", "value", "status")), ChangeSet.objects.count())
    rows = [
        observation("2022", "4500"),  # good, but not saved with the others
        observation("2023", "12,5"),
        observation("2021-13", "1", indicator="no_such_indicator"),
        "2024;astana;4600",
        {**observation("2024", "1"), "valeu": "2"},
    ]
    response = editor_token_client.post("/api/v1/observations/?lang=ru", rows, format="json")
    assert response.status_code == 400
    answer = response.json()
    assert answer["detail"] == "Ничего не импортировано: 5 ошибок."
    problems = {(e["row"], e["column"]): e["reason"] for e in answer["errors"]}
    assert set(problems) == {(2, "value"), (3, "indicator"), (3, "period"), (4, ""), (5, "valeu")}
    assert problems[(3, "indicator")] == "нет показателя с таким кодом или названием"
    assert problems[(2, "value")].startswith("не число")
    assert (list(Observation.objects.values_list("pk", "value", "status")), ChangeSet.objects.count()) == before


def test_values_json_cannot_hold_exactly_are_refused_with_a_message(demo, editor_token_client):
    too_large = raw_json(
        editor_token_client,
        "post",
        "/api/v1/observations/?lang=en",
        json.dumps([observation("2023", "X")]).replace('"X"', "1e21"),
    )
    assert too_large.status_code == 400 and too_large.json()["errors"][0]["reason"] == "too large to store"
    not_a_number = raw_json(
        editor_token_client,
        "post",
        "/api/v1/observations/?lang=en",
        json.dumps([observation("2023", "X")]).replace('"X"', "NaN"),
    )
    assert not_a_number.status_code == 400 and "NaN is not a number JSON allows" in not_a_number.json()["detail"]
    not_a_list = editor_token_client.post("/api/v1/observations/?lang=en", {"indicator": "population"}, format="json")
    assert not_a_list.status_code == 400 and "JSON list" in not_a_list.json()["detail"]
    assert not Observation.objects.filter(period="2023").exists()


def test_a_dry_run_counts_and_warns_but_saves_nothing(demo, editor_token_client):
    before = (list(Observation.objects.values_list("pk", "value")), ChangeSet.objects.count())
    rows = [observation("2022", "4500"), observation("2015", "13.9", indicator="innovation_share")]
    response = editor_token_client.post("/api/v1/observations/?dry_run=1", rows, format="json")
    assert response.status_code == 200
    assert response.json()["counts"] == {"new": 1, "changed": 1, "unchanged": 0}
    assert response.json()["change_set"] is None and len(response.json()["warnings"]) == 1
    assert (list(Observation.objects.values_list("pk", "value")), ChangeSet.objects.count()) == before
    assert editor_token_client.post("/api/v1/observations/?dry_run=maybe", rows, format="json").status_code == 400


def test_importing_observations_needs_staff_with_add_and_change(demo, django_user_model):
    rows = [observation("2022", "4500")]
    assert APIClient().post("/api/v1/observations/", rows, format="json").status_code == 401
    adder = django_user_model.objects.create_user("adder", password="x" * 20, is_staff=True)
    adder.user_permissions.add(Permission.objects.get(codename="add_observation"))
    assert token_client(adder).post("/api/v1/observations/", rows, format="json").status_code == 403
    adder.user_permissions.add(Permission.objects.get(codename="change_observation"))
    assert token_client(adder).post("/api/v1/observations/", rows, format="json").status_code == 201
    assert ChangeSet.objects.get().user == adder


def test_the_schema_documents_the_writes_and_their_refusals(db, client):
    schema = client.get("/api/v1/schema/?format=json").json()
    paths = schema["paths"]
    assert {"get", "put", "patch", "delete"} <= set(paths["/api/v1/regions/{code}/"])
    assert {"409", "401", "403"} <= set(paths["/api/v1/institutions/{slug}/"]["delete"]["responses"])
    assert set(paths["/api/v1/swot-items/{analysis}/{key}/"]) >= {"get", "put", "patch", "delete"}
    importing = paths["/api/v1/observations/"]["post"]
    assert {"200", "201", "400", "401", "403"} <= set(importing["responses"])
    assert "dry_run" in [p["name"] for p in importing["parameters"]]
    assert {"tokenAuth", "cookieAuth"} <= set(schema["components"]["securitySchemes"])
    assert (
        {} in paths["/api/v1/regions/"]["get"]["security"] and {} not in paths["/api/v1/regions/"]["post"]["security"]
    )


def test_publishing_through_the_api_is_in_the_history_with_its_reason_as_in_the_admin(
    demo, editor_token_client, client
):
    from portal.models import Institution

    assert client.get("/en/institutions/astana_hub/").status_code == 200
    answer = editor_token_client.patch("/api/v1/institutions/astana_hub/", {"published": False}, format="json")
    assert answer.status_code == 200, answer.json()
    assert client.get("/en/institutions/astana_hub/").status_code == 404
    institution = Institution.objects.get(slug="astana_hub")
    assert institution.history.first().history_change_reason == "unpublished"
    assert institution.history.first().history_user.username == "editor"
    renamed = editor_token_client.patch(
        "/api/v1/institutions/astana_hub/", {"published": True, "name_en": "Astana Hub park"}, format="json"
    )
    assert renamed.status_code == 200
    reasons = [record.history_change_reason for record in institution.history.all()[:2]]
    assert reasons == ["published", None]  # the new name saved first, then published with its reason
    assert "Astana Hub park" in client.get("/en/institutions/astana_hub/").content.decode()
