"""The generated chart descriptions and change sentences against the table of expected sentences
(tests/data/generated_sentences.yaml), in Kazakh, Russian and English: plural forms after numbers,
no declension around names and periods, one full stop after an abbreviation."""

from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from django.utils import translation

from indicators.models import Indicator, Observation
from indicators.periods import parse_period
from portal.models import Region
from portal.site import figures
from portal.site.selectors import Series

TABLE = yaml.safe_load((Path(__file__).resolve().parent.parent / "data" / "generated_sentences.yaml").read_text())

ENTERPRISES = {
    **{"name_kk": "Кәсіпорындар саны", "name_ru": "Число предприятий", "name_en": "Number of enterprises"},
    **{"unit_kk": "кәсіпорын", "unit_ru": "предприятий", "unit_en": "enterprises"},
    **{"unit_forms_ru": "предприятие|предприятия|предприятий|предприятия", "unit_forms_en": "enterprise|enterprises"},
}
SHARE = {
    **{"name_kk": "Инновациясы бар кәсіпорындардың үлесі", "name_ru": "Доля предприятий с инновациями"},
    **{
        "name_en": "Share of enterprises with innovation",
        "unit_kk": "%",
        "unit_ru": "%",
        "unit_en": "%",
        "decimals": 1,
    },
}
POPULATION = {
    **{"name_kk": "Халық саны", "name_ru": "Численность населения", "name_en": "Population"},
    **{"unit_kk": "адам", "unit_ru": "человек", "unit_en": "people", "unit_multiplier": 6, "decimals": 1},
    **{"unit_forms_ru": "человек|человека|человек|человека", "unit_forms_en": "person|people"},
}
UNEMPLOYMENT = {
    **{"name_kk": "Жұмыссыздық деңгейі", "name_ru": "Уровень безработицы", "name_en": "Unemployment rate"},
    **{"unit_kk": "%", "unit_ru": "%", "unit_en": "%", "decimals": 1},
}
CITY = Region(code="astana", name_kk="Астана", name_ru="Астана", name_en="Astana")


def series(fields, values):
    indicator = Indicator(code="x", **fields)
    observations = []
    for period, value, *status in values:
        text, start, end = parse_period(period)
        observations.append(
            Observation(
                indicator=indicator,
                region=CITY,
                period=text,
                period_start=start,
                period_end=end,
                value=Decimal(value),
                status=(status or ["A"])[0],
            )
        )
    return Series(indicator, CITY, observations)


CASES = {
    "falling": series(ENTERPRISES, [("2015", "4103"), ("2019", "3821"), ("2020", "3605")]),
    "share": series(SHARE, [("2015", "13.2"), ("2019", "14.8"), ("2020", "12.6")]),
    "rising2": series(ENTERPRISES, [("2019", "1"), ("2020", "2")]),
    "up21": series(ENTERPRISES, [("2019", "100"), ("2020", "121")]),
    "down1": series(ENTERPRISES, [("2019", "101"), ("2020", "100")]),
    "down11": series(ENTERPRISES, [("2019", "111"), ("2020", "100")]),
    "quarters": series(UNEMPLOYMENT, [("2021-Q1", "4.8"), ("2021-Q2", "4.6", "E")]),
    "one": series(UNEMPLOYMENT, [("2021-Q2", "4.6", "E")]),
    "pop": series(POPULATION, [("2021-08-01", "1.2")]),
    "flat": series(SHARE, [("2019", "12.6"), ("2020", "12.6")]),
    "five": series(ENTERPRISES, [("2016", "5"), ("2017", "5"), ("2018", "5"), ("2019", "5"), ("2020", "22")]),
}


def spaced(text):
    return text.replace("\xa0", " ")


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
@pytest.mark.parametrize("row", TABLE, ids=lambda row: row["case"])
def test_generated_sentences_read_as_the_table_says(row, language):
    with translation.override(language):
        if row["case"] == "compare":
            indicators = [CASES["share"].indicator, CASES["one"].indicator]
            assert figures.compare_sentence(indicators, CITY, indexed=True) == row[f"description_{language}"]
            return
        case = CASES[row["case"]]
        assert spaced(figures.describe_series(case)) == row[f"description_{language}"]
        assert spaced(figures.change_sentence(case)) == row.get(f"change_{language}", "")


def test_the_table_covers_every_case_and_language():
    assert {row["case"] for row in TABLE} == set(CASES) | {"compare"}
    for row in TABLE:
        for language in ("kk", "ru", "en"):
            assert row[f"description_{language}"], (row["case"], language)
