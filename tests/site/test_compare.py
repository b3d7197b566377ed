def test_compare_puts_several_indicators_on_one_chart(client, demo):
    html = client.get(
        "/en/compare/", {"indicator": ["enterprises_total", "enterprises_with_innovation"]}
    ).content.decode()
    # One chart, in its wide and its narrow layout.
    assert html.count('<svg role="img"') == 2 and html.count('class="chart-narrow"') == 1
    names = "“Number of enterprises”; “Number of enterprises with innovation”"
    assert f"The chart compares these indicators (Astana): {names}." in html
    assert "as an index" not in html


def test_indicators_with_different_units_are_compared_as_an_index(client, demo):
    html = client.get("/en/compare/", {"indicator": ["enterprises_total", "innovation_share"]}).content.decode()
    assert "each is shown as an index: its first value is 100" in html


def test_compare_without_a_choice_explains_what_to_do(client, demo):
    html = client.get("/ru/compare/", {"indicator": "no-such"}).content.decode()
    assert "<svg" not in html.split("<main")[1]
