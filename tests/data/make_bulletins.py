"""Writes bulletin-like workbooks the way the Bureau of National Statistics of
Kazakhstan (stat.gov.kz) publishes them and Russian/Kazakh Excel or LibreOffice
saves them: a contents sheet first, a title row, a unit row, a two-row header
with merged cells, regions as rows in the Bureau's order, years as columns,
footnote marks ("г. Астана1)", as superscript rich text), "х" for confidential
figures, "-" and "…" for missing ones, a preliminary "2022*" column and the
footnotes under the table.

Deterministic: the figures come from a seeded random generator (plus the
demo data's figures for Astana where they overlap), and the ZIP-based files
(XLSX, ODS) are rewritten with fixed timestamps, so two runs give the same bytes.

    .venv/bin/python tests/data/make_bulletins.py OUTPUT_DIR

The tests call `make_bulletins(folder)` (tests/indicators/test_bulletins.py) rather than keep
the files; the hostile files of the abuse suite reuse its writers (make_hostile_files.py).
Writers: openpyxl (.xlsx), xlwt 1.3.0 (.xls, BIFF8 "Excel 97-2003"; pure Python,
works on Python 3.11), odfpy 1.4.1 (.ods; pure Python): the `test` extra installs them.
"""

import datetime
import io
import random
import re
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

SEED = 20250401
FIXED_ZIP_TIME = (2025, 4, 1, 12, 0, 0)
FIXED_ISO = "2025-04-01T12:00:00Z"

# --- Real-world layout facts ---------------------------------------------------------------------
# Order: the Bureau's (and the KATO classifier's) order of 2018 - mid-2022: the republic first,
# then the 14 oblasts by KATO code (11 Akmola ... 63 East Kazakhstan), then the three cities of
# republican significance (71 Astana / Nur-Sultan, 75 Almaty, 79 Shymkent). 17 regions.
# (slug, KATO, ru short as in BNS tables, ru full, kk short, kk full)
REGIONS_2018_2022 = [
    ("kz", "000000000", "Республика Казахстан", "Республика Казахстан", "Қазақстан Республикасы", "Қазақстан Республикасы"),
    ("akmola", "11", "Акмолинская", "Акмолинская область", "Ақмола", "Ақмола облысы"),
    ("aktobe", "15", "Актюбинская", "Актюбинская область", "Ақтөбе", "Ақтөбе облысы"),
    ("almaty_region", "19", "Алматинская", "Алматинская область", "Алматы", "Алматы облысы"),
    ("atyrau", "23", "Атырауская", "Атырауская область", "Атырау", "Атырау облысы"),
    ("west_kazakhstan", "27", "Западно-Казахстанская", "Западно-Казахстанская область", "Батыс Қазақстан", "Батыс Қазақстан облысы"),
    ("zhambyl", "31", "Жамбылская", "Жамбылская область", "Жамбыл", "Жамбыл облысы"),
    ("karaganda", "35", "Карагандинская", "Карагандинская область", "Қарағанды", "Қарағанды облысы"),
    ("kostanay", "39", "Костанайская", "Костанайская область", "Қостанай", "Қостанай облысы"),
    ("kyzylorda", "43", "Кызылординская", "Кызылординская область", "Қызылорда", "Қызылорда облысы"),
    ("mangystau", "47", "Мангистауская", "Мангистауская область", "Маңғыстау", "Маңғыстау облысы"),
    ("pavlodar", "55", "Павлодарская", "Павлодарская область", "Павлодар", "Павлодар облысы"),
    ("north_kazakhstan", "59", "Северо-Казахстанская", "Северо-Казахстанская область", "Солтүстік Қазақстан", "Солтүстік Қазақстан облысы"),
    ("turkestan", "61", "Туркестанская", "Туркестанская область", "Түркістан", "Түркістан облысы"),
    ("east_kazakhstan", "63", "Восточно-Казахстанская", "Восточно-Казахстанская область", "Шығыс Қазақстан", "Шығыс Қазақстан облысы"),
    ("astana", "71", "г. Астана", "г. Астана", "Астана қ.", "Астана қаласы"),
    ("almaty", "75", "г. Алматы", "г. Алматы", "Алматы қ.", "Алматы қаласы"),
    ("shymkent", "79", "г. Шымкент", "г. Шымкент", "Шымкент қ.", "Шымкент қаласы"),
]
# Since 8 June 2022 three more oblasts (figures from the 2022 annual data on): Abai (KATO 10, carved
# from East Kazakhstan), Zhetisu (33, from Almaty oblast), Ulytau (62, from Karaganda). The official
# Russian names keep the Kazakh word: "область Абай", "область Жетісу", "область Ұлытау".
NEW_2022 = {
    "abai": ("10", "область Абай", "область Абай", "Абай", "Абай облысы"),
    "zhetisu": ("33", "область Жетісу", "область Жетісу", "Жетісу", "Жетісу облысы"),
    "ulytau": ("62", "область Ұлытау", "область Ұлытау", "Ұлытау", "Ұлытау облысы"),
}


def regions_2023():
    """The 20-region list in KATO order (republic, 10 Abai, 11 Akmola, ..., 33 Zhetisu, ..., 62 Ulytau, 63 ...)."""
    rows = [r for r in REGIONS_2018_2022] + [(slug, *names) for slug, names in NEW_2022.items()]
    return [rows[0]] + sorted(rows[1:], key=lambda r: int(r[1]))


# Astana's name in a bulletin by the year it was published (renamed Nur-Sultan 23 March 2019,
# Astana again 17 September 2022).
ASTANA_NAME = {
    "ru": {"astana": "г. Астана", "nur_sultan": "г. Нур-Султан"},
    "kk": {"astana": "Астана қ.", "nur_sultan": "Нұр-Сұлтан қ."},
}

CONFIDENTIAL = "х"  # Cyrillic "ha" (U+0445), as Russian/Kazakh typists enter it; the legend uses it too
LATIN_X = "x"  # ... and sometimes the Latin letter slips in
NOTHING = "-"  # "явление отсутствует" / "құбылыс жоқ"
NO_DATA = "…"  # U+2026, "данных нет" / "деректер жоқ"

TEXT = {
    "ru": {
        "publisher": "Бюро национальной статистики Агентства по стратегическому планированию и реформам Республики Казахстан",
        "contents": "Содержание",
        "units": "единиц",
        "bulletin": "Инновационная деятельность предприятий Республики Казахстан",
        "t1": "Количество предприятий, имеющих инновации, по регионам",
        "t1_group": "Количество предприятий, имеющих инновации",
        "t2": "Уровень активности в области инноваций и объём инновационной продукции по регионам",
        "t2_group_a": "Уровень активности в области инноваций, в %",
        "t2_group_b": "Объём инновационной продукции (товаров, услуг), млн. тенге",
        "renamed": "1) С 23 марта 2019 года по 16 сентября 2022 года – г. Нур-Султан.",
        "renamed_2021": "1) До 23 марта 2019 года – г. Астана.",
        "new_regions": "2) Образованы в июне 2018 года; данные за 2017 год не разрабатывались.",
        "preliminary": "* Предварительные данные.",
        "legend": "Условные обозначения: «х» – данные конфиденциальны; «-» – явление отсутствует; «…» – данных нет.",
        "source": "Источник: Бюро национальной статистики АСПиР РК",
    },
    "kk": {
        "publisher": "Қазақстан Республикасы Стратегиялық жоспарлау және реформалар агенттігінің Ұлттық статистика бюросы",
        "contents": "Мазмұны",
        "units": "бірлік",
        "bulletin": "Қазақстан Республикасы кәсіпорындарының инновациялық қызметі",
        "t1": "Инновациялары бар кәсіпорындар саны, өңірлер бөлінісінде",
        "t1_group": "Инновациялары бар кәсіпорындар саны",
        "t2": "Инновациялар саласындағы белсенділік деңгейі және инновациялық өнім көлемі, өңірлер бөлінісінде",
        "t2_group_a": "Инновациялар саласындағы белсенділік деңгейі, %-бен",
        "t2_group_b": "Инновациялық өнімнің (тауарлардың, қызметтердің) көлемі, млн. теңге",
        "renamed": "1) 2019 жылғы 23 наурыздан 2022 жылғы 16 қыркүйекке дейін – Нұр-Сұлтан қ.",
        "preliminary": "* Алдын ала деректер.",
        "legend": "Шартты белгілер: «х» – деректер құпия; «-» – құбылыс жоқ; «…» – деректер жоқ.",
        "source": "Дереккөз: ҚР СЖРА Ұлттық статистика бюросы",
    },
}

# The demo data's figures for Astana (portal/demo_data/observations.yaml), reused where years overlap.
ASTANA_WITH_INNOVATION = {2015: 541, 2016: 543, 2017: 582, 2018: 583, 2019: 567, 2020: 453}
ASTANA_INNOVATION_SHARE = {2015: 13.2, 2016: 13.6, 2017: 14.4, 2018: 14.7, 2019: 14.8, 2020: 12.6}


# --- A format-neutral sheet model ----------------------------------------------------------------


@dataclass
class Rich:
    """Text with a superscript footnote mark: ("г. Астана", "1)") shows as г. Астана¹⁾."""

    text: str
    mark: str

    def __str__(self):
        return self.text + self.mark


@dataclass
class Cell:
    value: object
    fmt: str | None = None  # Excel number format code
    bold: bool = False
    align: str | None = None  # "center", "right"
    wrap: bool = False
    link: str | None = None  # sheet name the cell links to (contents sheet)
    ods_date_style: str | None = None  # "month_year" for ODS date cells


@dataclass
class Sheet:
    name: str
    cells: dict = field(default_factory=dict)  # (row, col) 0-based -> Cell
    merges: list = field(default_factory=list)  # (r1, c1, r2, c2) 0-based inclusive
    widths: dict = field(default_factory=dict)

    def put(self, r, c, value, **style):
        self.cells[(r, c)] = value if isinstance(value, Cell) else Cell(value, **style)

    def merge(self, r1, c1, r2, c2):
        self.merges.append((r1, c1, r2, c2))

    @property
    def size(self):
        return max(r for r, _ in self.cells) + 1, max(c for _, c in self.cells) + 1


# --- Figures ---------------------------------------------------------------------------------------


def one_decimal(x):
    return round(x + 0.0, 1)


def innovation_figures(rng, regions, years):
    """{slug: {year: (count, share_percent, product_mln_tenge)}}, with the republic the sum."""
    figures = {}
    for slug, *_ in regions[1:]:
        base = rng.randint(25, 260) if slug not in ("astana", "almaty") else rng.randint(420, 700)
        share = rng.uniform(4.0, 18.0)
        product = rng.uniform(2_000, 250_000)
        row = {}
        for year in years:
            base = max(3, int(base * rng.uniform(0.88, 1.15)))
            share = min(30.0, max(1.0, share * rng.uniform(0.9, 1.12)))
            product *= rng.uniform(0.85, 1.3)
            count = ASTANA_WITH_INNOVATION.get(year, base) if slug == "astana" else base
            pct = ASTANA_INNOVATION_SHARE.get(year, share) if slug == "astana" else share
            row[year] = (count, one_decimal(pct), one_decimal(product))
        figures[slug] = row
    total = {}
    for year in years:
        count = sum(figures[s][year][0] for s in figures)
        share = one_decimal(sum(figures[s][year][1] for s in figures) / len(figures))
        product = one_decimal(sum(figures[s][year][2] for s in figures))
        total[year] = (count, share, product)
    figures["kz"] = total
    return figures


# Published gaps: (slug, year) -> the mark shown instead of the figure.
GAPS_2022 = {
    ("kyzylorda", 2019): CONFIDENTIAL,
    ("mangystau", 2022): CONFIDENTIAL,
    ("north_kazakhstan", 2018): NOTHING,
    ("atyrau", 2022): NO_DATA,
    ("shymkent", 2018): "...",  # three full stops instead of the ellipsis character
}


# --- Tables ----------------------------------------------------------------------------------------


def contents_sheet(lang, titles, edition):
    t = TEXT[lang]
    sheet = Sheet(t["contents"])
    sheet.put(0, 0, t["publisher"], bold=True)
    sheet.put(2, 0, f"{t['bulletin']} ({edition})", bold=True)
    sheet.put(4, 0, t["contents"], bold=True)
    for i, (name, title) in enumerate(titles):
        sheet.put(5 + i, 0, f"{name}. {title}", link=name)
    sheet.widths[0] = 100
    return sheet


def region_label(region, lang, full, astana, astana_mark):
    slug, _kato, ru_short, ru_full, kk_short, kk_full = region
    if slug == "astana":
        name = ASTANA_NAME[lang][astana]
        if lang == "kk" and full:
            name = name.replace(" қ.", " қаласы")
        return Rich(name, astana_mark) if astana_mark else name
    if lang == "ru":
        return ru_full if full else ru_short
    return kk_full if full else kk_short


def year_header(year, preliminary, lang, style):
    """2018 as a number; the preliminary year as text "2022*" (or "2022 ж.*" in Kazakh style)."""
    if year == preliminary:
        return f"{year} ж.*" if style == "kk_suffix" else f"{year}*"
    if style == "kk_suffix":
        return f"{year} ж."
    return year


def innovation_tables(lang, figures, years, preliminary, gaps, *, full_names, astana, extra_notes=(), year_style="number"):
    """Sheets "1" and "2" of the innovation bulletin."""
    t = TEXT[lang]
    regions = REGIONS_2018_2022
    ncols = 1 + len(years)

    # Table 1: title, unit row, two-row header (A3:A4 merged, group over the years), 18 rows, notes.
    s1 = Sheet("1")
    s1.put(0, 0, f"1. {t['t1']}", bold=True)
    s1.merge(0, 0, 0, ncols - 1)
    s1.put(1, ncols - 1, t["units"], align="right")
    s1.put(2, 0, "", align="center")
    s1.merge(2, 0, 3, 0)
    s1.put(2, 1, t["t1_group"], bold=True, align="center", wrap=True)
    s1.merge(2, 1, 2, ncols - 1)
    for j, year in enumerate(years):
        s1.put(3, 1 + j, year_header(year, preliminary, lang, year_style), bold=True, align="center")
    for i, region in enumerate(regions):
        r = 4 + i
        s1.put(r, 0, region_label(region, lang, full_names, astana, "1)"), bold=region[0] == "kz")
        for j, year in enumerate(years):
            value = gaps.get((region[0], year), figures[region[0]][year][0])
            s1.put(r, 1 + j, value, fmt="#,##0" if not isinstance(value, str) else None, align="right")
    r = 4 + len(regions) + 1
    for note in [t["renamed"], *extra_notes, t["preliminary"], t["legend"]]:
        s1.put(r, 0, note)
        r += 1
    s1.widths = {0: 34, **{1 + j: 11 for j in range(len(years))}}

    # Table 2: two measures side by side, each a merged group over the same years; no unit row
    # (the units are in the group headers), numbers with a decimal comma in the display.
    s2 = Sheet("2")
    width = 1 + 2 * len(years)
    s2.put(0, 0, f"2. {t['t2']}", bold=True)
    s2.merge(0, 0, 0, width - 1)
    s2.put(2, 0, "")
    s2.merge(2, 0, 3, 0)
    s2.put(2, 1, t["t2_group_a"], bold=True, align="center", wrap=True)
    s2.merge(2, 1, 2, len(years))
    s2.put(2, 1 + len(years), t["t2_group_b"], bold=True, align="center", wrap=True)
    s2.merge(2, 1 + len(years), 2, width - 1)
    for j, year in enumerate(years):
        head = year_header(year, preliminary, lang, year_style)
        s2.put(3, 1 + j, head, bold=True, align="center")
        s2.put(3, 1 + len(years) + j, head, bold=True, align="center")
    for i, region in enumerate(regions):
        r = 4 + i
        s2.put(r, 0, region_label(region, lang, not full_names, astana, "1)"), bold=region[0] == "kz")
        for j, year in enumerate(years):
            _count, share, product = figures[region[0]][year]
            gap = gaps.get((region[0], year))
            s2.put(r, 1 + j, gap or share, fmt=None if gap else "0.0", align="right")
            s2.put(r, 1 + len(years) + j, gap or product, fmt=None if gap else "#,##0.0", align="right")
    # One figure typed as text with a decimal comma (a pasted value): Excel keeps it as a string.
    s2.put(4 + 7, 1, str(figures["karaganda"][years[0]][1]).replace(".", ","), align="right")
    r = 4 + len(regions) + 1
    for note in [t["renamed"], t["preliminary"], t["legend"], t["source"]]:
        s2.put(r, 0, note)
        r += 1
    s2.widths = {0: 34, **{1 + j: 10 for j in range(2 * len(years))}}
    return [s1, s2]


def innovation_bulletin(lang, rng, edition_years, preliminary, *, astana, full_names, gaps, extra_notes=(), year_style="number"):
    figures = innovation_figures(rng, REGIONS_2018_2022, edition_years)
    tables = innovation_tables(
        lang, figures, edition_years, preliminary, gaps,
        full_names=full_names, astana=astana, extra_notes=extra_notes, year_style=year_style,
    )
    t = TEXT[lang]
    edition = f"{edition_years[0]}-{edition_years[-1]}"
    return [contents_sheet(lang, [("1", t["t1"]), ("2", t["t2"])], edition), *tables]


def unit_column_sheets():
    """(e) A city profile with a "Ед. изм." column and mixed units; the region is only in the title."""
    years = [2019, 2020, 2021, 2022, 2023]
    ru = Sheet("Астана")
    ru.put(0, 0, "Основные социально-экономические показатели г. Астаны", bold=True)
    ru.merge(0, 0, 0, 1 + len(years))
    ru.put(2, 0, "", align="center")
    ru.merge(2, 0, 3, 0)
    ru.put(2, 1, "Ед. изм.", bold=True, align="center")
    ru.merge(2, 1, 3, 1)
    ru.put(2, 2, "Годы", bold=True, align="center")
    ru.merge(2, 2, 2, 1 + len(years))
    for j, y in enumerate(years):
        ru.put(3, 2 + j, f"{y}*" if y == 2023 else y, bold=True, align="center")
    rows = [
        ("Население", None, None),
        ("Численность населения (на конец года)", "тыс. человек", [1184.5, 1239.9, 1354.6, 1423.7, 1488.0]),
        ("в том числе:", None, None),
        ("  городское", "тыс. человек", [1184.5, 1239.9, 1354.6, 1423.7, 1488.0]),
        ("Численность безработных", "человек", [29_512, 34_118, 33_604, 32_870, "…"]),
        ("Уровень безработицы", "%", [4.7, 5.0, 4.6, 4.5, 4.4]),
        ("Инновации", None, None),
        ("Количество предприятий, имеющих инновации", "единиц", [567, 453, 598, 611, "х"]),
        ("Уровень активности в области инноваций", "%", [14.8, 12.6, 14.1, 13.9, "-"]),
        ("Объём инновационной продукции", "млн. тенге", [212_344.7, 187_905.2, 259_118.0, 301_442.6, 344_210.9]),
        ("Внутренние затраты на исследования и разработки", "тыс. тенге", [18_904_512, 21_330_008, 25_118_774, 29_004_210, 33_870_115]),
        ("Численность работников, выполнявших исследования и разработки", "человек", [5_480, 5_612, 5_790, 5_911, 6_020]),
        ("Доходы", None, None),
        ("Среднемесячная номинальная заработная плата", "тенге", [248_602, 286_907, 337_052, 410_813, 475_120]),
    ]
    r = 4
    for label, unit, values in rows:
        ru.put(r, 0, label, bold=unit is None)
        if unit:
            ru.put(r, 1, unit, align="center")
            for j, v in enumerate(values):
                fmt = None if isinstance(v, str) else ("0.0" if isinstance(v, float) else "#,##0")
                ru.put(r, 2 + j, v, fmt=fmt, align="right")
        r += 1
    ru.put(r + 1, 0, "* Предварительные данные.")
    ru.widths = {0: 60, 1: 14}

    kk = Sheet("Астана (қаз)")
    kk.put(0, 0, "Астана қаласының негізгі әлеуметтік-экономикалық көрсеткіштері", bold=True)
    kk.put(2, 0, "")
    kk.merge(2, 0, 3, 0)
    kk.put(2, 1, "Өлшем бірлігі", bold=True, align="center")
    kk.merge(2, 1, 3, 1)
    kk.put(2, 2, "Жылдар", bold=True, align="center")
    kk.merge(2, 2, 2, 1 + len(years))
    for j, y in enumerate(years):
        kk.put(3, 2 + j, f"{y}*" if y == 2023 else y, bold=True, align="center")
    kk_rows = [
        ("Халық саны (жыл соңына)", "мың адам", rows[1][2]),
        ("Жұмыссыздар саны", "адам", rows[4][2]),
        ("Жұмыссыздық деңгейі", "%", rows[5][2]),
        ("Инновациялары бар кәсіпорындар саны", "бірлік", rows[7][2]),
        ("Инновациялық өнім көлемі", "млн. теңге", rows[9][2]),
        ("Орташа айлық номиналды жалақы", "теңге", rows[13][2]),
    ]
    for i, (label, unit, values) in enumerate(kk_rows):
        kk.put(4 + i, 0, label)
        kk.put(4 + i, 1, unit, align="center")
        for j, v in enumerate(values):
            fmt = None if isinstance(v, str) else ("0.0" if isinstance(v, float) else "#,##0")
            kk.put(4 + i, 2 + j, v, fmt=fmt, align="right")
    kk.put(4 + len(kk_rows) + 1, 0, "* Алдын ала деректер.")
    kk.widths = {0: 50, 1: 14}
    return [ru, kk]


MONTH_YEAR_RU = "[$-419]mmm.yy"  # a custom format of Russian Excel: 2025-04-01 shows as "апр.25"
MONTH_YEAR_BUILTIN = "mmm-yy"  # built-in format 14+3 = numFmtId 17 (no code stored); Russian Excel shows "апр.25"


def date_period_sheets(rng):
    """(f) Monthly columns whose headers Excel turned into dates."""
    months = [datetime.date(2025, m, 1) for m in (1, 2, 3, 4)]
    a = Sheet("ИПЦ")
    a.put(0, 0, "Индекс потребительских цен по регионам", bold=True)
    a.merge(0, 0, 0, len(months))
    a.put(1, len(months), "в % к предыдущему месяцу", align="right")
    a.put(2, 0, "")
    a.merge(2, 0, 3, 0)
    a.put(2, 1, "2025 год", bold=True, align="center")
    a.merge(2, 1, 2, len(months))
    for j, m in enumerate(months):
        # A date cell (the first of the month) shown as "янв.25", "фев.25", ... "апр.25": the first two
        # with the built-in format 17, the others with a custom one.
        fmt = MONTH_YEAR_BUILTIN if j < 2 else MONTH_YEAR_RU
        a.put(3, 1 + j, m, fmt=fmt, bold=True, align="center", ods_date_style="month_year")
    for i, region in enumerate(REGIONS_2018_2022):
        a.put(4 + i, 0, region[2], bold=region[0] == "kz")
        for j in range(len(months)):
            a.put(4 + i, 1 + j, one_decimal(rng.uniform(100.2, 101.6)), fmt="0.0", align="right")
    a.put(4 + len(REGIONS_2018_2022) + 1, 0, "Дата обновления:")
    a.put(4 + len(REGIONS_2018_2022) + 1, 1, datetime.datetime(2025, 5, 15, 10, 30), fmt="dd.mm.yyyy hh:mm")
    a.widths = {0: 30}

    # The traps: "апр.25" typed in 2025 becomes 25 April 2025 (day 25, same display);
    # a year typed into a date-formatted column, 2023, becomes serial 2023 = 1905-07-15;
    # one header kept as text with a leading apostrophe; one range header as text.
    b = Sheet("янв-апр")
    b.put(0, 0, "Среднемесячная номинальная заработная плата одного работника", bold=True)
    b.put(1, 5, "тенге", align="right")
    b.put(2, 0, "")
    b.put(2, 1, datetime.date(2025, 3, 25), fmt=MONTH_YEAR_RU, bold=True, ods_date_style="month_year")  # shows "мар.25"
    b.put(2, 2, datetime.date(2025, 4, 25), fmt=MONTH_YEAR_RU, bold=True, ods_date_style="month_year")  # shows "апр.25"
    b.put(2, 3, "апр.25", bold=True)  # text: typed as 'апр.25
    b.put(2, 4, 2023, fmt=MONTH_YEAR_RU, bold=True, ods_date_style="month_year")  # shows "июл.05"
    b.put(2, 5, "январь-апрель 2025", bold=True)
    for i, region in enumerate(REGIONS_2018_2022):
        b.put(3 + i, 0, region[2])
        for j in range(5):
            b.put(3 + i, 1 + j, rng.randint(280_000, 520_000), fmt="#,##0", align="right")
    b.widths = {0: 30}
    return [a, b]


def population_sheets():
    """(g) Population in thousands of persons, 20 regions (2023+ territorial division)."""
    base = {  # thousand persons at 1 January 2023, rounded approximations
        "abai": 607.0, "akmola": 785.4, "aktobe": 916.9, "almaty_region": 1494.3, "atyrau": 691.1,
        "west_kazakhstan": 685.8, "zhambyl": 1213.0, "zhetisu": 696.6, "karaganda": 1131.6,
        "kostanay": 832.2, "kyzylorda": 831.6, "mangystau": 772.8, "pavlodar": 752.2,
        "north_kazakhstan": 535.9, "turkestan": 2083.0, "ulytau": 221.5, "east_kazakhstan": 727.7,
        "astana": 1354.6, "almaty": 2161.3, "shymkent": 1176.6,
    }
    growth = {"astana": 1.051, "almaty": 1.026, "shymkent": 1.022, "turkestan": 1.017}
    years = [2023, 2024, 2025]
    regions = regions_2023()
    values = {}
    for slug, *_ in regions[1:]:
        v = base[slug]
        values[slug] = []
        for _y in years:
            values[slug].append(one_decimal(v))
            v *= growth.get(slug, 1.006)
    values["kz"] = [one_decimal(sum(values[s][k] for s in base)) for k in range(len(years))]

    sheets = []
    for lang, title, unit, head, note in (
        ("ru", "Численность населения Республики Казахстан по регионам", "тыс. человек", "на начало года",
         "Примечание: численность населения за 2023-2025 гг. – по новому административно-территориальному делению."),
        ("kk", "Қазақстан Республикасы халқының саны өңірлер бөлінісінде", "мың адам", "жыл басына",
         "Ескерту: 2023-2025 жж. халық саны – жаңа әкімшілік-аумақтық бөлініс бойынша."),
    ):
        s = Sheet("Население" if lang == "ru" else "Халық")
        s.put(0, 0, title, bold=True)
        s.merge(0, 0, 0, len(years))
        s.put(1, len(years), unit, align="right")
        s.put(2, 0, "")
        s.merge(2, 0, 3, 0)
        s.put(2, 1, head, bold=True, align="center")
        s.merge(2, 1, 2, len(years))
        for j, y in enumerate(years):
            s.put(3, 1 + j, y, bold=True, align="center")
        for i, region in enumerate(regions):
            slug = region[0]
            label = (region[2] if lang == "ru" else region[4]) if slug != "astana" else ASTANA_NAME[lang]["astana"]
            s.put(4 + i, 0, label, bold=slug == "kz")
            for j in range(len(years)):
                s.put(4 + i, 1 + j, values[slug][j], fmt="#,##0.0", align="right")
        s.put(4 + len(regions) + 1, 0, note)
        s.widths = {0: 30}
        sheets.append(s)
    return sheets


# --- Writers ---------------------------------------------------------------------------------------


def write_xlsx(path, sheets, finish=True):
    import openpyxl
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.hyperlink import Hyperlink

    book = openpyxl.Workbook()
    book.remove(book.active)
    superscript = InlineFont(vertAlign="superscript")
    for model in sheets:
        ws = book.create_sheet(model.name)
        for (r, c), cell in sorted(model.cells.items()):
            target = ws.cell(row=r + 1, column=c + 1)
            if isinstance(cell.value, Rich):
                target.value = CellRichText(cell.value.text, TextBlock(superscript, cell.value.mark))
            else:
                target.value = cell.value
            if cell.fmt:
                target.number_format = cell.fmt
            if cell.bold:
                target.font = Font(bold=True)
            if cell.align or cell.wrap:
                target.alignment = Alignment(horizontal=cell.align, vertical="center", wrap_text=cell.wrap)
            if cell.link:
                target.hyperlink = Hyperlink(ref=target.coordinate, location=f"'{cell.link}'!A1", display=str(cell.value))
                target.font = Font(color="0000FF", underline="single")
        for r1, c1, r2, c2 in model.merges:
            ws.merge_cells(start_row=r1 + 1, start_column=c1 + 1, end_row=r2 + 1, end_column=c2 + 1)
        for c, width in model.widths.items():
            ws.column_dimensions[get_column_letter(c + 1)].width = width
    book.properties.creator = "Бюро национальной статистики"
    book.properties.created = datetime.datetime(2025, 4, 1, 12, 0, 0)
    if not finish:  # raw openpyxl output, to be edited further
        book.save(path)
        return
    buffer = io.BytesIO()
    book.save(buffer)
    path.write_bytes(normalise_zip(buffer.getvalue(), excel_strings=True))


def normalise_zip(data, xml_edits=None, excel_strings=False):
    """The same archive with fixed timestamps (and docProps/core.xml's dcterms:modified), so that
    runs give identical bytes; `xml_edits` maps a member name to a function of its bytes.

    excel_strings: openpyxl 3.1 writes every string inline (t="inlineStr"); Excel keeps them in
    xl/sharedStrings.xml (t="s", rich text as <r> runs inside <si>) and writes numbers without
    t="n". The workbook is rewritten the way Excel would have saved it."""
    source = zipfile.ZipFile(io.BytesIO(data))
    infos = source.infolist()
    members = {info.filename: source.read(info.filename) for info in infos}
    if excel_strings:
        table, index, uses = [], {}, [0]
        inline = re.compile(rb'<c ([^>]*?)t="inlineStr"([^>]*)><is>(.*?)</is></c>', re.S)

        def shared(match):
            text = match.group(3)
            if text not in index:
                index[text] = len(table)
                table.append(text)
            uses[0] += 1
            return b"<c " + match.group(1) + b't="s"' + match.group(2) + b"><v>%d</v></c>" % index[text]

        for name in sorted(members):
            if name.startswith("xl/worksheets/sheet"):
                members[name] = inline.sub(shared, members[name]).replace(b' t="n"', b"")
        members["xl/sharedStrings.xml"] = (
            b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">'
            % (uses[0], len(table))
            + b"".join(b"<si>" + text + b"</si>" for text in table)
            + b"</sst>"
        )
        members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
            b"</Types>",
            b'<Override PartName="/xl/sharedStrings.xml" '
            b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
        )
        members["xl/_rels/workbook.xml.rels"] = members["xl/_rels/workbook.xml.rels"].replace(
            b"</Relationships>",
            b'<Relationship Id="rIdSharedStrings" '
            b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
            b'Target="/xl/sharedStrings.xml"/></Relationships>',
        )
        infos.append(zipfile.ZipInfo("xl/sharedStrings.xml"))
        infos[-1].compress_type = zipfile.ZIP_DEFLATED
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in infos:
            content = members[info.filename]
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + FIXED_ISO.encode(), content)
            if info.filename == "meta.xml":
                content = re.sub(rb"(<(?:meta:creation-date|dc:date)>)[^<]*", rb"\g<1>2025-04-01T12:00:00", content)
            if xml_edits and info.filename in xml_edits:
                content = xml_edits[info.filename](content)
            fixed = zipfile.ZipInfo(info.filename, FIXED_ZIP_TIME)
            fixed.compress_type = info.compress_type  # ODS: "mimetype" first and stored
            fixed.external_attr = info.external_attr
            target.writestr(fixed, content)
    return out.getvalue()


def write_xls(path, sheets):
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    styles = {}

    def style(cell):
        key = (cell.fmt, cell.bold, cell.align, cell.wrap)
        if key not in styles:
            s = xlwt.XFStyle()
            if cell.fmt:
                s.num_format_str = cell.fmt
            s.font = xlwt.Font()
            s.font.name = "Times New Roman"
            s.font.bold = cell.bold
            s.alignment = xlwt.Alignment()
            s.alignment.horz = {"center": xlwt.Alignment.HORZ_CENTER, "right": xlwt.Alignment.HORZ_RIGHT}.get(
                cell.align, xlwt.Alignment.HORZ_GENERAL
            )
            s.alignment.vert = xlwt.Alignment.VERT_CENTER
            s.alignment.wrap = 1 if cell.wrap else 0
            styles[key] = s
        return styles[key]

    superscript = xlwt.Font()
    superscript.name = "Times New Roman"
    superscript.escapement = xlwt.Font.ESCAPEMENT_SUPERSCRIPT
    plain = xlwt.Font()
    plain.name = "Times New Roman"
    for model in sheets:
        ws = book.add_sheet(model.name)
        merged_tl = {(r1, c1): (r1, c1, r2, c2) for r1, c1, r2, c2 in model.merges}
        covered = {
            (r, c)
            for r1, c1, r2, c2 in model.merges
            for r in range(r1, r2 + 1)
            for c in range(c1, c2 + 1)
            if (r, c) != (r1, c1)
        }
        for (r, c), cell in sorted(model.cells.items()):
            if (r, c) in covered:
                continue
            value = cell.value
            if (r, c) in merged_tl:
                r1, c1, r2, c2 = merged_tl[(r, c)]
                ws.write_merge(r1, r2, c1, c2, str(value) if isinstance(value, Rich) else value, style(cell))
            elif isinstance(value, Rich):
                ws.write_rich_text(r, c, [(value.text, plain), (value.mark, superscript)], style(cell))
            else:
                ws.write(r, c, value, style(cell))
        for c, width in model.widths.items():
            ws.col(c).width = int(width * 256)
    buffer = io.BytesIO()
    book.save(buffer)
    path.write_bytes(buffer.getvalue())


def write_ods(path, sheets, trailing_rows=True, stray_last_cell=False):
    """As LibreOffice Calc (Russian locale) saves it: display text in <text:p> with a decimal comma,
    the value in office:value, covered cells for merges, and the empty rest of the sheet written out
    as rows repeated down to row 1,048,576 with cells repeated over 16,384 columns (LibreOffice 7.4
    does exactly that: checked by converting an .xlsx with soffice)."""
    from odf import number
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.style import (
        ParagraphProperties, Style, TableCellProperties, TableColumnProperties, TableRowProperties, TextProperties,
    )
    from odf.table import CoveredTableCell, Table, TableCell, TableColumn, TableRow
    from odf.text import A, P, Span

    doc = OpenDocumentSpreadsheet()
    month_year = number.DateStyle(name="N_month_year", language="ru", country="RU")
    month_year.addElement(number.Month(style="short", textual="true"))
    month_year.addElement(number.Text(text="."))
    month_year.addElement(number.Year(style="short"))
    doc.automaticstyles.addElement(month_year)
    date_cell = Style(name="ce_date", family="table-cell", datastylename="N_month_year")
    doc.automaticstyles.addElement(date_cell)
    date_time = number.DateStyle(name="N_date_time")
    for part in (number.Day(style="long"), number.Text(text="."), number.Month(style="long"), number.Text(text="."),
                 number.Year(style="long"), number.Text(text=" "), number.Hours(style="long"), number.Text(text=":"),
                 number.Minutes(style="long")):
        date_time.addElement(part)
    doc.automaticstyles.addElement(date_time)
    datetime_cell = Style(name="ce_datetime", family="table-cell", datastylename="N_date_time")
    doc.automaticstyles.addElement(datetime_cell)
    bold_cell = Style(name="ce_bold", family="table-cell")
    bold_cell.addElement(TextProperties(fontweight="bold"))
    doc.automaticstyles.addElement(bold_cell)
    right_cell = Style(name="ce_right", family="table-cell")
    right_cell.addElement(ParagraphProperties(textalign="end"))
    right_cell.addElement(TableCellProperties(verticalalign="middle"))
    doc.automaticstyles.addElement(right_cell)
    row_style = Style(name="ro1", family="table-row")
    row_style.addElement(TableRowProperties(rowheight="0.452cm", useoptimalrowheight="true"))
    doc.automaticstyles.addElement(row_style)
    superscript = Style(name="T_sup", family="text")
    superscript.addElement(TextProperties(textposition="super 58%"))
    doc.automaticstyles.addElement(superscript)
    column_styles = {}

    def display(value):
        if isinstance(value, float):
            return f"{value:,.1f}".replace(",", "\u00a0").replace(".", ",")
        if isinstance(value, int):
            return f"{value:,}".replace(",", "\u00a0")
        return str(value)

    for model in sheets:
        table = Table(name=model.name)
        nrows, ncols = model.size
        for c in range(ncols):
            width = model.widths.get(c, 10)
            if width not in column_styles:
                st = Style(name=f"co{len(column_styles) + 1}", family="table-column")
                st.addElement(TableColumnProperties(columnwidth=f"{width * 0.19:.2f}cm"))
                doc.automaticstyles.addElement(st)
                column_styles[width] = st
            table.addElement(TableColumn(stylename=column_styles[width]))
        table.addElement(TableColumn(numbercolumnsrepeated=16384 - ncols))
        spans = {(r1, c1): (r2 - r1 + 1, c2 - c1 + 1) for r1, c1, r2, c2 in model.merges}
        covered = {
            (r, c)
            for r1, c1, r2, c2 in model.merges
            for r in range(r1, r2 + 1)
            for c in range(c1, c2 + 1)
            if (r, c) != (r1, c1)
        }
        for r in range(nrows):
            row = TableRow(stylename=row_style)
            used = [c for (rr, c) in model.cells if rr == r] + [c for (rr, c) in covered if rr == r]
            last = max(used) if used else -1
            for c in range(last + 1):
                if (r, c) in covered:
                    row.addElement(CoveredTableCell())
                    continue
                cell = model.cells.get((r, c))
                if cell is None or cell.value is None or cell.value == "":
                    attrs = {}
                    if (r, c) in spans:
                        attrs = {"numberrowsspanned": spans[(r, c)][0], "numbercolumnsspanned": spans[(r, c)][1]}
                    row.addElement(TableCell(**attrs))
                    continue
                value = cell.value
                attrs = {}
                if (r, c) in spans:
                    attrs["numberrowsspanned"], attrs["numbercolumnsspanned"] = spans[(r, c)]
                if isinstance(value, datetime.datetime):
                    tc = TableCell(valuetype="date", datevalue=value.isoformat(), stylename=datetime_cell, **attrs)
                    tc.addElement(P(text=value.strftime("%d.%m.%Y %H:%M")))
                elif cell.ods_date_style and isinstance(value, (datetime.date, int)):
                    if isinstance(value, int):  # a year typed into a date-formatted cell: serial -> date
                        value = datetime.date(1899, 12, 30) + datetime.timedelta(days=value)
                    tc = TableCell(valuetype="date", datevalue=value.isoformat(), stylename=date_cell, **attrs)
                    months = ["янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек"]
                    tc.addElement(P(text=f"{months[value.month - 1]}.{value.year % 100:02d}"))
                elif isinstance(value, (int, float)) and not isinstance(value, bool):
                    tc = TableCell(valuetype="float", value=value, stylename=right_cell, **attrs)
                    tc.addElement(P(text=display(value)))
                else:
                    tc = TableCell(valuetype="string", stylename=bold_cell if cell.bold else None, **attrs)
                    p = P()
                    if isinstance(value, Rich):
                        p.addText(value.text)
                        p.addElement(Span(stylename=superscript, text=value.mark))
                    elif cell.link:
                        p.addElement(A(type="simple", href=f"#{cell.link}.A1", text=str(value)))
                    else:
                        p.addText(str(value))
                    tc.addElement(p)
                row.addElement(tc)
            table.addElement(row)
        if trailing_rows:  # LibreOffice 7.4 writes the rest of the sheet, 16384 columns wide, as two rows
            tail = TableRow(stylename=row_style, numberrowsrepeated=1048576 - nrows - 1)
            tail.addElement(TableCell(numbercolumnsrepeated=16384))
            table.addElement(tail)
            last = TableRow(stylename=row_style)
            last.addElement(TableCell(numbercolumnsrepeated=16384))
            table.addElement(last)
        if stray_last_cell:  # one space typed into XFD1048576, the sheet's last cell
            gap = TableRow(stylename=row_style, numberrowsrepeated=1048576 - nrows - 1)
            gap.addElement(TableCell(numbercolumnsrepeated=16384))
            table.addElement(gap)
            last = TableRow(stylename=row_style)
            last.addElement(TableCell(numbercolumnsrepeated=16383))
            far = TableCell(valuetype="string")
            far.addElement(P(text=" "))
            last.addElement(far)
            table.addElement(last)
        doc.spreadsheet.addElement(table)
    buffer = io.BytesIO()
    doc.save(buffer)
    path.write_bytes(normalise_zip(buffer.getvalue()))


# --- Oversized sheets (for the memory checks) -----------------------------------------------------


def small_sheet():
    """Ten rows: a title, a unit row, a header and seven regions."""
    sheet = Sheet("1")
    sheet.put(0, 0, "Количество предприятий, имеющих инновации", bold=True)  # cell style 1, used below
    sheet.put(1, 3, "единиц")
    for c, head in enumerate([2020, 2021, "2022*"], start=1):
        sheet.put(2, c, head)
    for i, region in enumerate(REGIONS_2018_2022[:7]):
        sheet.put(3 + i, 0, region[2])
        for c, value in enumerate([100, 110, 120], start=1):
            sheet.put(3 + i, c, value)
    return sheet


def marked_year_sheet(heading):
    """Astana's enterprises with innovation, 2020-2022, the last year's heading carrying a footnote mark as
    the Bureau writes it ("2022*", "2022 1)", "2022¹⁾"), the footnote under the table."""
    sheet = Sheet("1")
    sheet.put(0, 0, TEXT["ru"]["t1"], bold=True)
    sheet.put(1, 3, TEXT["ru"]["units"])
    for c, head in enumerate([2020, 2021, heading], start=1):
        sheet.put(2, c, head)
    sheet.put(3, 0, "г. Астана")
    for c, value in enumerate([453, 627, 571], start=1):
        sheet.put(3, c, value)
    sheet.put(5, 0, f"{heading[4:].strip()} Предварительные данные.")
    return sheet


def marked_year_xlsx(path, heading):
    write_xlsx(path, [marked_year_sheet(heading)])
    return path


def small_table_xlsx():
    buffer = io.BytesIO()
    write_xlsx(buffer, [small_sheet()], finish=False)
    return buffer.getvalue()


def with_dimension(ref):
    def edit(xml):
        edited, count = re.subn(rb'<dimension ref="[^"]*"\s*/>', f'<dimension ref="{ref}"/>'.encode(), xml)
        assert count == 1, "no <dimension> element"
        return edited

    return edit


def formatted_to_bottom(xml):
    """Styled empty cells in column A of every row down to 1,048,576 (a column "formatted to the
    bottom" cell by cell); the dimension says so too."""
    rows = b"".join(b'<row r="%d"><c r="A%d" s="1"/></row>' % (n, n) for n in range(11, 1048577))
    xml = with_dimension("A1:D1048576")(xml)
    return xml.replace(b"</sheetData>", rows + b"</sheetData>")


def stray_cell(coordinate):
    """One value far from the table (a space typed into a distant cell)."""

    def edit(xml):
        row = int(re.sub(r"\D", "", coordinate))
        xml = with_dimension(f"A1:{coordinate}")(xml)
        cell = f'<row r="{row}"><c r="{coordinate}" t="inlineStr"><is><t xml:space="preserve"> </t></is></c></row>'
        return xml.replace(b"</sheetData>", cell.encode() + b"</sheetData>")

    return edit


# --- Main --------------------------------------------------------------------------------------------


def make_bulletins(OUT):
    """Writes the bulletin-like files into folder OUT; returns {name: path}."""
    OUT = Path(OUT)
    OUT.mkdir(parents=True, exist_ok=True)
    years_2022 = [2018, 2019, 2020, 2021, 2022]

    # (a) Russian, edition 2018-2022 (published in 2023): "г. Астана1)", "2022*", 17 regions, "область".
    ru_2022 = innovation_bulletin("ru", random.Random(SEED), years_2022, 2022, astana="astana", full_names=True, gaps=GAPS_2022)
    write_xlsx(OUT / "a_innovation_ru_2018-2022.xlsx", ru_2022)
    # (b) The same in Kazakh: "Астана қаласы1)" / "Астана қ.1)", "2022 ж.*", Latin "x" in one cell.
    gaps_kk = {**GAPS_2022, ("kyzylorda", 2019): LATIN_X}
    kk_2022 = innovation_bulletin("kk", random.Random(SEED), years_2022, 2022, astana="astana", full_names=True, gaps=gaps_kk, year_style="kk_suffix")
    write_xlsx(OUT / "b_innovation_kk_2018-2022.xlsx", kk_2022)
    # (c) The Russian bulletin as Excel 97-2003 (.xls), same content as (a).
    write_xls(OUT / "c_innovation_ru_2018-2022.xls", ru_2022)
    # (d) The Russian bulletin as LibreOffice .ods, same content as (a).
    write_ods(OUT / "d_innovation_ru_2018-2022.ods", ru_2022)
    # (a2) The previous edition, 2017-2021 (published in 2022): "г. Нур-Султан1)", short names, "2021*",
    # Turkestan and Shymkent "…" for 2017 (formed in June 2018), as .xlsx and as .xls.
    years_2021 = [2017, 2018, 2019, 2020, 2021]
    gaps_2021 = {("turkestan", 2017): NO_DATA, ("shymkent", 2017): NO_DATA, ("kyzylorda", 2019): CONFIDENTIAL}
    ru_2021 = innovation_bulletin(
        "ru", random.Random(SEED + 1), years_2021, 2021, astana="nur_sultan", full_names=False, gaps=gaps_2021,
        extra_notes=[TEXT["ru"]["new_regions"]],
    )
    for sheet in ru_2021[1:]:  # the note for the former name reads differently in this edition
        for key, cell in sheet.cells.items():
            if cell.value == TEXT["ru"]["renamed"]:
                sheet.cells[key] = Cell(TEXT["ru"]["renamed_2021"])
    write_xlsx(OUT / "a2_innovation_ru_2017-2021_nur-sultan.xlsx", ru_2021)
    write_xls(OUT / "a2_innovation_ru_2017-2021_nur-sultan.xls", ru_2021)
    # (e) "Ед. изм." column with mixed units (ru and kk sheets).
    write_xlsx(OUT / "e_astana_profile_units.xlsx", unit_column_sheets())
    # (f) Period headers turned into dates ("апр.25"), with the traps; also as .xls and .ods.
    dates = date_period_sheets(random.Random(SEED + 2))
    write_xlsx(OUT / "f_monthly_dates.xlsx", dates)
    write_xls(OUT / "f_monthly_dates.xls", dates)
    write_ods(OUT / "f_monthly_dates.ods", dates, trailing_rows=False)
    # (g) Population in thousands of persons, 20 regions.
    write_xlsx(OUT / "g_population_thousands.xlsx", population_sheets())
    return {path.name: path for path in sorted(OUT.iterdir())}


def make_oversized(OUT):
    """The oversized sheets of the abuse suite: ten rows plus a declared size, a formatted column or
    one stray value far away. Returns {name: path}."""
    OUT = Path(OUT)
    OUT.mkdir(parents=True, exist_ok=True)
    # (h) Oversized sheets, by post-processing the worksheet XML of a 10-row workbook.
    small = small_table_xlsx()
    sheet_xml = "xl/worksheets/sheet1.xml"
    for name, edit in (
        ("h1_huge_dimension.xlsx", with_dimension("A1:XFD1048576")),
        ("h2_formatted_to_bottom.xlsx", formatted_to_bottom),
        ("h3_stray_cell_Z1048576.xlsx", stray_cell("Z1048576")),
        ("h4_stray_cell_XFD1048576.xlsx", stray_cell("XFD1048576")),
    ):
        (OUT / name).write_bytes(normalise_zip(small, {sheet_xml: edit}, excel_strings=True))
    # The same stray cell in the other formats: IV65536 is the last cell of an .xls sheet;
    # XFD1048576 the last of an .ods sheet (LibreOffice 7.4+: 16384 columns).
    stray = Sheet("1", cells={k: v for k, v in small_sheet().cells.items()})
    stray.put(65535, 255, " ")
    write_xls(OUT / "h5_stray_cell_IV65536.xls", [stray])
    write_ods(OUT / "h6_stray_cell_XFD1048576.ods", [small_sheet()], trailing_rows=False, stray_last_cell=True)
    return {name: OUT / name for name in (
        "h1_huge_dimension.xlsx", "h2_formatted_to_bottom.xlsx", "h3_stray_cell_Z1048576.xlsx",
        "h4_stray_cell_XFD1048576.xlsx", "h5_stray_cell_IV65536.xls", "h6_stray_cell_XFD1048576.ods",
    )}


if __name__ == "__main__":
    for path in {**make_bulletins(sys.argv[1]), **make_oversized(sys.argv[1])}.values():
        print(f"{path.stat().st_size:>10,}  {path.name}")
