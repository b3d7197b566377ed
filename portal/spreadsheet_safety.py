"""Keep spreadsheet formulas from travelling in exported files.

A text cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return is
run as a formula by Excel, LibreOffice and Google Sheets ("CSV injection").
Such texts get a leading apostrophe, which spreadsheets show as plain text.
Numbers stay numbers: "-5" or "+3.2" are left alone, and so is an empty cell.

The rule is reversible: a text that already starts with apostrophes before a
trigger gets one more, and `restore` removes exactly one, so an exported file
imports back to the same texts.
"""

import re

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_NEEDS_QUOTE = re.compile(r"'*[=+\-@\t\r]")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\Z")


def neutralise(value):
    """The text a spreadsheet may open safely; anything not a risky text is returned as it is."""
    if not isinstance(value, str) or not _NEEDS_QUOTE.match(value) or _NUMBER.match(value):
        return value
    return "'" + value


def restore(value):
    """Undo `neutralise` on a text read back from an exported file."""
    if (
        isinstance(value, str)
        and value.startswith("'")
        and _NEEDS_QUOTE.match(value[1:])
        and not _NUMBER.match(value[1:])
    ):
        return value[1:]
    return value
