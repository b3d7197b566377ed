"""Every interface string is translated into Kazakh and Russian."""

from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parents[2] / "locale"


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_catalogue_has_no_empty_and_no_fuzzy_entry(language):
    catalogue = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    assert len(catalogue) > 100
    assert [e.msgid for e in catalogue.untranslated_entries()] == []
    assert [e.msgid for e in catalogue.fuzzy_entries()] == []
    # GNU msgfmt refuses a catalogue that defines a message twice (polib, which compiles ours, does not).
    keys = [(e.msgctxt, e.msgid) for e in catalogue]
    assert sorted({key for key in keys if keys.count(key) > 1}, key=str) == []
    plural_forms = int(catalogue.metadata["Plural-Forms"].split("nplurals=")[1].split(";")[0])
    for entry in catalogue:
        if entry.msgid_plural:
            assert len([form for form in entry.msgstr_plural.values() if form]) == plural_forms, entry.msgid
        for placeholder in ("%(value)s", "%(count)d", "%(row)s"):
            if placeholder in entry.msgid:
                assert placeholder in (entry.msgstr or entry.msgstr_plural[0]), (language, entry.msgid)
