"""A NUL character in any part of a request is a 400 in the reader's language (portal/ops/request_checks.py),
never a 500 from the database (PostgreSQL cannot hold one in a text)."""

import pytest


@pytest.mark.parametrize(
    "path, query",
    [
        ("/en/search/", "q=%00"),
        ("/en/search/", "q=astana&q=%00"),  # the last of repeated values is the one read
        ("/en/search/", "%00=1"),
        ("/en/institutions/", "kind=hub%00"),
        ("/en/data/observations.csv", "indicator=population%00"),
        ("/api/v1/observations/", "region=%00"),
        ("/api/v1/swot-items/%00/x/", ""),
        ("/en/institutions/astana%00hub/", ""),
    ],
)
def test_a_nul_in_the_path_or_a_parameter_is_a_400(demo, client, path, query):
    response = client.get(path, QUERY_STRING=query)
    assert response.status_code == 400
    if path.startswith("/api/"):  # in JSON, as the API's other refusals
        assert "NUL" in response.json()["detail"]
    else:
        assert "Bad request" in response.content.decode()


def test_a_nul_in_a_write_to_an_api_address_is_a_400_too(demo, editor_client):
    response = editor_client.patch("/api/v1/swot-items/%00/x/", {"title": "x"}, content_type="application/json")
    assert response.status_code == 400


def test_a_nul_in_a_cookie_or_a_header_is_a_400(demo, client):
    client.cookies["sessionid"] = "\x00" * 32
    assert client.get("/en/").status_code == 400
    client.cookies.clear()
    assert client.get("/en/", HTTP_USER_AGENT="robot\x00").status_code == 400
    assert client.get("/en/").status_code == 200


def test_the_refusal_speaks_the_readers_language(demo, client):
    assert "Некорректный запрос" in client.get("/ru/search/", QUERY_STRING="q=%00").content.decode()
