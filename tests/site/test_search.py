from indicators.models import Indicator

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


def test_stems_find_other_forms_of_a_word_on_either_database(client, demo):
    # «Астане» (locative) finds Astana; «инновационный» (an adjective) finds «инновации».
    html = client.get("/ru/search/", {"q": "Астане"}).content.decode()
    assert 'href="/ru/institutions/sez_astana_new_city/"' in html
    assert "Специальная экономическая зона «<mark>Астана</mark> – новый город»" in html
    html = client.get("/ru/search/", {"q": "инновационный"}).content.decode()
    assert "<mark>инновации</mark>" in html or "<mark>инновациями</mark>" in html
    assert 'href="/ru/indicators/innovation_share/"' in html
    # English stems: "enterprise" finds "enterprises"; a Kazakh ending is stripped: «Астанада» finds Astana.
    assert (
        'href="/en/indicators/enterprises_total/"' in client.get("/en/search/", {"q": "enterprise"}).content.decode()
    )
    assert "sez_astana_new_city" in client.get("/kk/search/", {"q": "Астанада"}).content.decode()


def test_results_are_counted_per_kind_with_snippets_in_the_readers_language_first(client, demo):
    html = client.get("/en/search/", {"q": "innovation"}).content.decode()
    indicators = Indicator.objects.filter(published=True)
    count = sum(1 for i in indicators if "innovation" in (i.name_en + i.definition_en).lower())
    assert f'<a href="#results-indicator">Indicators ({count})</a>' in html
    assert '<p class="snippet">' in html and "<mark>" in html
    # A Russian word from the English site: the match is in Russian text, and the page says so.
    html = client.get("/en/search/", {"q": "инновац"}).content.decode()
    assert '<p class="snippet" lang="ru">' in html
    assert "Match in another language: Russian." in html


def test_a_match_in_the_readers_language_comes_before_one_in_another(client, demo):
    from portal.models import Institution

    hub = Institution.objects.get(slug="astana_hub")
    hub.description_en = hub.description_en + " Zebrafish."
    hub.save()
    nu = Institution.objects.get(slug="nazarbayev_university")
    nu.description_ru = nu.description_ru + " Zebrafish."
    nu.save()
    html = client.get("/en/search/", {"q": "zebrafish"}).content.decode()
    assert html.index("/en/institutions/astana_hub/") < html.index("/en/institutions/nazarbayev_university/")
    html = client.get("/ru/search/", {"q": "zebrafish"}).content.decode()
    assert html.index("/ru/institutions/nazarbayev_university/") < html.index("/ru/institutions/astana_hub/")
