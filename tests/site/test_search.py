SEARCHES = [
    ("АСТАНА", "Astana – New City"),  # Cyrillic, upper case, against mixed-case text
    ("инновациями", "/en/indicators/innovation_share/"),  # a Russian word found from the English page
    ("hub", "/en/institutions/astana_hub/"),
    ("Mukhamedzhanova", "#ref-mukhamedzhanova2021"),
    ("methodology", "/en/pages/methodology/"),
]


def test_search_finds_content_in_any_language_and_case(client, demo):
    for query, expected in SEARCHES:
        html = client.get("/en/search/", {"q": query}).content.decode()
        assert expected in html, query
    html = client.get("/ru/search/", {"q": "инфраструктура"}).content.decode()
    assert 'href="/ru/swot/astana-2021/#item-infrastructure"' in html


def test_a_search_without_hits_says_so_and_odd_input_does_no_harm(client, demo):
    html = client.get("/ru/search/", {"q": "qwertyzxcv"}).content.decode()
    assert "Ничего не найдено" in html
    for odd in ["%", "_", "'; drop table", "x" * 5000, "   ", "\\"]:
        assert client.get("/en/search/", {"q": odd}).status_code == 200
