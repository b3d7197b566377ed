"""Writes the observation files the import tests read, byte for byte as Excel on
Russian- or Kazakh-language Windows saves them: cp1251 or kz1048, semicolons,
decimal commas, CRLF line ends, no-break spaces grouping thousands; plus a
UTF-16 "Unicode text" file and an XLSX workbook. Run it again only to change them:

    .venv/bin/python tests/data/make_observation_files.py
"""

from pathlib import Path

import openpyxl
import yaml

HERE = Path(__file__).resolve().parent
NBSP = "\u00a0"


def write(name, lines, encoding, separator=";"):
    text = "".join(separator.join(cells) + "\r\n" for cells in lines)
    (HERE / name).write_bytes(text.encode(encoding))


DEMO = {(o["indicator"], o["period"]): o for o in yaml.safe_load((HERE.parent.parent / "portal/demo_data/observations.yaml").read_text())}


def notes(indicator, period):
    """The demo's notes as Excel on Russian Windows saves them: Kazakh letters become “?”."""
    o = DEMO[(indicator, period)]
    return [o["note_kk"].encode("cp1251", errors="replace").decode("cp1251"), o["note_ru"], o["note_en"]]


# The portal's own tidy export, opened in Excel on Russian Windows and saved as "CSV (разделители — запятые)".
tidy_header = ["indicator", "indicator_name", "region", "region_name", "period", "value", "unit", "unit_multiplier", "status", "source", "note_kk", "note_ru", "note_en"]
write("observations_excel_ru_cp1251.csv", [
    tidy_header,
    ["enterprises_total", "Число предприятий", "astana", "Астана", "2019", "3821", "предприятий", "0", "A", "mukhamedzhanova2021", "", "", ""],
    ["enterprises_total", "Число предприятий", "astana", "Астана", "2020", "3610", "предприятий", "0", "P", "mukhamedzhanova2021", "", "уточнено Бюро", ""],
    ["innovation_share", "Доля предприятий с инновациями", "astana", "Астана", "2019", "14,8", "%", "0", "A", "mukhamedzhanova2021", "", "", ""],
    ["population", "Численность населения", "astana", "Астана", "2021-08-01", "1,2", "млн человек", "6", "A", "mukhamedzhanova2021", *notes("population", "2021-08-01")],
    ["average_monthly_wage", "Среднемесячная номинальная заработная плата", "astana", "Астана", "2021-Q2", f"324{NBSP}462", "тенге", "0", "A", "mukhamedzhanova2021", *notes("average_monthly_wage", "2021-Q2")],
    ["average_monthly_wage", "Среднемесячная номинальная заработная плата", "astana", "Астана", "2021-Q3", f"338{NBSP}951,5", "тенге", "0", "P", "", "", "предварительно", ""],
    ["", "", "", "", "", "", "", "", "", "", "", "", ""],
], "cp1251")

# Table 1 of the paper as the Bureau publishes it: Kazakh names, periods as columns, a title above.
write("table1_wide_kz1048.csv", [
    ["1-кесте. Астана қаласының инновациялық белсенділігі", "", "", "", "", "", "", ""],
    ["", "", "", "", "", "", "", ""],
    ["Көрсеткіш", "Өңір", "2015", "2016", "2017", "2018", "2019", "2020 ж."],
    ["Кәсіпорындар саны", "Астана", f"4{NBSP}103", f"4{NBSP}003", f"4{NBSP}039", f"3{NBSP}975", f"3{NBSP}821", f"3{NBSP}605"],
    ["Инновациясы бар кәсіпорындар саны", "Астана", "541", "543", "582", "583", "567", "453"],
    ["Инновациясы бар кәсіпорындардың үлесі", "Астана", "13,2", "13,6", "14,4", "14,7", "14,8", "12,6"],
    ["Жоғары оқу орындарының саны", "Астана", "–", "–", "–", "–", "–", "16"],
], "kz1048")

# A long file with Kazakh notes, saved on Kazakh Windows.
write("observations_excel_kk_kz1048.csv", [
    ["indicator", "region", "period", "value", "status", "note_kk", "note_ru"],
    ["unemployment_rate", "astana", "2021-Q3", "4,4", "P", "Бюро бағалауы, қайта қаралуы мүмкін", "оценка Бюро"],
    ["universities", "astana", "2022", "17", "A", "Жаңа университет ашылды: Әлихан Бөкейхан атындағы", ""],
], "kz1048")

# Excel's "Unicode text": UTF-16 with a BOM, tab-separated, decimal point.
(HERE / "observations_unicode_text.txt").write_bytes(
    "indicator\tregion\tperiod\tvalue\r\nschools\tastana\t2022\t1950\r\nunemployment_rate\tastana\t2021-Q2\t4.6\r\n".encode("utf-16")
)

# Every kind of bad row; nothing of it may be saved.
write("observations_errors_cp1251.csv", [
    ["indicator", "region", "period", "value"],
    ["no_such_indicator", "astana", "2020", "1"],
    ["schools", "atlantis", "2020", "1"],
    ["schools", "astana", "авг.21", "1"],
    ["schools", "astana", "2020", "н/д"],
    ["innovation_share", "astana", "2021", "130,5"],
    ["schools", "astana", "2019", "1,926E+03"],
    ["private_schools", "astana", "2022", "180"],
    ["private_schools", "astana", "2022", "181"],
    ["schools", "astana", "2023", "1950"],
], "cp1251")

# "1,234": one thousand two hundred and thirty-four, or one and a bit? The editor must say.
write("observations_ambiguous.csv", [
    ["indicator", "region", "period", "value"],
    ["schools", "astana", "2022", "1,950"],
    ["private_schools", "astana", "2022", "180"],
], "utf-8-sig")

# A real workbook: a title row, then the paper's Table 1 with numeric cells and year headers as numbers.
book = openpyxl.Workbook()
sheet = book.active
sheet.title = "Table 1"
sheet.append(["Table 1. Innovation activity of Nur-Sultan (Astana)"])
sheet.append([])
sheet.append(["Indicator", "Region", 2015, 2016, 2017, 2018, 2019, 2020, 2021])
sheet.append(["enterprises_total", "astana", 4103, 4003, 4039, 3975, 3821, 3605, None])
sheet.append(["enterprises_with_innovation", "astana", 541, 543, 582, 583, 567, 453, None])
sheet.append(["innovation_share", "astana", 13.2, 13.6, 14.4, 14.7, 14.8, 12.6, None])
sheet.append(["private_schools", "astana", None, None, None, None, None, None, 176])
sheet.append(["schools", "astana", "-", "-", "-", "-", "-", "-", 1926])
book.save(HERE / "table1_wide.xlsx")
