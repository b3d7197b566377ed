"""What reading and checking an observation file can end in, short of an import."""

from dataclasses import dataclass

from django.utils.translation import gettext as _


class FileRefused(Exception):
    """The file cannot be read at all (too big, not a table, no header); nothing is imported."""


class ChoiceNeeded(Exception):
    """The file is ambiguous in one respect; the editor must choose (`option` is a ReadOptions field)."""

    def __init__(self, option, message, examples=(), choices=()):
        self.option = option
        self.examples = list(examples)
        self.choices = list(choices)  # for a choice among the file's own parts (its sheets)
        super().__init__(message)


@dataclass
class RowError:
    row: int
    column: str
    value: str
    reason: str

    def __post_init__(self):
        # Shown on the page and in JSON: at most 200 characters, and never half of a character.
        # (A NUL shows as ␀: PostgreSQL keeps no NUL in a text, and the page would hide it.)
        self.value = str(self.value)[:200].encode("utf-8", "replace").decode("utf-8").replace("\x00", "\u2400")
        self.column, self.reason = str(self.column), str(self.reason)

    def __str__(self):
        return _("Row %(row)s, column “%(column)s”, value “%(value)s”: %(reason)s") % {
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "reason": self.reason,
        }
