"""Writes the hostile files of the import's abuse suite (tests/indicators/test_import_abuse.py,
bench/import_abuse.py): small files that once took hundreds of megabytes or crashed the import
with a 500. Made at test time, never stored.

    .venv/bin/python tests/data/make_hostile_files.py OUTPUT_DIR

`HOSTILE` maps each file's name to what its refusal says (in English), so the tests can tell
that the right rule refused it.
"""

import io
import re
import sys
import zipfile
from pathlib import Path

import openpyxl

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_bulletins import make_oversized  # noqa: E402

HEADER = "indicator;region;period;value;note_ru\r\n"
HOSTILE = {
    # Oversized sheets: a declared size, a column formatted to the bottom, one stray value far away.
    "h1_huge_dimension.xlsx": "Choose the indicator",
    "h2_formatted_to_bottom.xlsx": "Choose the indicator",
    "h3_stray_cell_Z1048576.xlsx": "spans 27 262 976 cells",
    "h4_stray_cell_XFD1048576.xlsx": "spans 17 179 869 184 cells",
    "h5_stray_cell_IV65536.xls": "spans 16 777 216 cells",
    "h6_stray_cell_XFD1048576.ods": "spans 17 179 869 184 cells",
    # Wide and long rows.
    "wide_row.csv": "has 200002 columns",
    "million_columns.csv": "has 1000002 columns",
    "too_many_rows.csv": "more than 100 000 observations",
    # Bytes and fields.
    "undefined_byte.csv": "byte (98) that neither UTF-8 nor",
    "mixed_encoding.csv": "mixes encodings",
    "long_field.csv": "longer than 128 KiB",
    "nul_in_note.csv": "NUL character",
    "too_many_digits.csv": "too large to store",
    # Workbooks that are not what they say.
    "text_in_number.xlsx": "cannot be read (Parse float error",
    "not_a_workbook.xlsx": "cannot be opened",
    "truncated.xlsx": "cannot be opened",
    "entity_expansion.xlsx": "cannot be opened",
    "shared_strings_bomb.xlsx": "texts unpack to",
    "long_inline_string.xlsx": "more than 128 KiB of text",
}


def workbook(rows):
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def rewrite(data, edits, extra=()):
    """The zip `data` with members edited ({name: function(bytes) -> bytes}) and members added."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            target.writestr(info.filename, edits.get(info.filename, lambda b: b)(content))
        for name, content in extra:
            target.writestr(name, content)
    return out.getvalue()


TABLE = [["indicator", "region", "period", "value"], ["schools", "astana", "2022", 1950]]
SHEET = "xl/worksheets/sheet1.xml"


def make_hostile_files(folder):
    """Writes every file of HOSTILE into `folder`; returns {name: path}."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    make_oversized(folder)
    files = {
        "wide_row.csv": ("indicator;region;" + ";".join(["2020"] * 200_000) + "\r\n").encode(),
        "million_columns.csv": ("indicator,region," + ",".join(["2020-01"] * 1_000_000) + "\r\n").encode(),
        "too_many_rows.csv": (HEADER + "schools;astana;2022;1950;\r\n" * 100_001).encode(),
        "undefined_byte.csv": HEADER.encode("cp1251") + "schools;astana;2022;1950;оценка ".encode("cp1251") + b"\x98\r\n",
        "mixed_encoding.csv": (HEADER + "schools;astana;2021;1900;по данным Бюро\r\n").encode()
        + "schools;astana;2022;1950;оценка\r\n".encode("cp1251"),
        "long_field.csv": (HEADER + "schools;astana;2022;1950;" + "я" * (200 * 1024) + "\r\n").encode(),
        "nul_in_note.csv": (HEADER + "schools;astana;2022;1950;по данным\x00 Бюро\r\n").encode(),
        "too_many_digits.csv": (HEADER + "schools;astana;2022;123456789012345678.5;\r\n").encode(),
        "text_in_number.xlsx": rewrite(workbook(TABLE), {SHEET: lambda xml: xml.replace(b"<v>1950</v>", b"<v>abc</v>")}),
        "not_a_workbook.xlsx": rewrite(workbook(TABLE), {}, extra=[("hello.txt", "hello")])[:0]
        + _zip({"hello.txt": b"hello"}),
        "truncated.xlsx": workbook(TABLE)[:2000],
        "entity_expansion.xlsx": rewrite(workbook(TABLE), {"xl/workbook.xml": _laughs}),
        "shared_strings_bomb.xlsx": rewrite(
            workbook(TABLE),
            {},
            extra=[("xl/sharedStrings.xml", b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>'
                    + b"a" * (60 * 1024 * 1024) + b"</t></si></sst>")],
        ),
        # openpyxl keeps Excel's 32,767 characters to a cell: the longer text is written into the XML.
        "long_inline_string.xlsx": rewrite(
            workbook([*TABLE, ["schools", "astana", "2021", 1900, "LONG"]]),
            {SHEET: lambda xml: xml.replace(b"LONG", "я".encode() * (200 * 1024))},
        ),
    }
    for name, content in files.items():
        (folder / name).write_bytes(content)
    return {name: folder / name for name in HOSTILE}


def _zip(members):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


def _laughs(xml):
    """A billion laughs: entities that expand a thousand times a thousand times."""
    doctype = (
        b'<!DOCTYPE workbook [<!ENTITY a "aaaaaaaaaa">'
        + b"".join(b'<!ENTITY %s "%s">' % (chr(98 + n).encode(), (b"&%s;" % chr(97 + n).encode()) * 10) for n in range(8))
        + b"]>"
    )
    return re.sub(rb"^(<\?xml[^>]*\?>)?", lambda m: (m.group(1) or b"") + doctype, xml, count=1).replace(
        b"<sheets>", b"<sheets>&i;", 1
    )


if __name__ == "__main__":
    for name, path in make_hostile_files(sys.argv[1]).items():
        print(f"{path.stat().st_size:>12,}  {name}")
