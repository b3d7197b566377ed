"""Fill empty entries of locale/{kk,ru}/LC_MESSAGES/django.po from a table.

Usage: python locale/fill_translations.py TABLE.py
TABLE.py defines T = {msgid or (context, msgid): (kk, ru)}; plural entries give
lists of forms. Existing translations are kept; fuzzy flags are cleared only on
entries this fills. Prints what is still missing.
"""

import runpy
import sys
from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parent


def fill(table):
    missing = 0
    for index, code in enumerate(("kk", "ru")):
        path = LOCALE / code / "LC_MESSAGES" / "django.po"
        catalogue = polib.pofile(str(path), wrapwidth=0)
        for entry in catalogue:
            if entry.obsolete:
                continue
            key = (entry.msgctxt, entry.msgid) if entry.msgctxt else entry.msgid
            done = all(entry.msgstr_plural.values()) if entry.msgid_plural else bool(entry.msgstr)
            if done and "fuzzy" not in entry.flags:
                continue
            if key not in table:
                missing += 1
                print(f"{code}: missing {key!r}")
                continue
            value = table[key][index]
            if entry.msgid_plural:
                entry.msgstr_plural = dict(enumerate(value))
            else:
                entry.msgstr = value
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
        catalogue.save(str(path))
    return missing


if __name__ == "__main__":
    sys.exit(1 if fill(runpy.run_path(sys.argv[1])["T"]) else 0)
