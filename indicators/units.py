"""The unit a file states ("тыс. человек", "мың адам", "млн. тенге") against the indicator's.

An indicator keeps its values in `unit` x 10^unit_multiplier (population: человек x 10^6).
A file in thousands of persons is read as persons x 10^3 and its values moved three powers
of ten, exactly; a file whose unit is another thing altogether is refused, never rescaled.
"""

import re

from django.conf import settings
from django.utils.translation import gettext as _

PREFIXES = (
    (9, ("млрд.", "млрд", "billion", "billions", "bn")),
    (6, ("млн.", "млн", "million", "millions", "mln")),
    (3, ("тыс.", "тыс", "мың", "thousand", "thousands", "thous.", "th.")),
)
# Words for the same thing in the three languages; "единиц" (units) counts anything countable.
SAME = (
    {"человек", "чел.", "чел", "адам", "people", "persons", "person"},
    {"тенге", "теңге", "tenge", "kzt"},
    {"%", "процент", "процентов", "пайыз", "per cent", "percent"},
)
COUNTS = {"единиц", "ед.", "ед", "бірлік", "units", "unit"}
NOT_COUNTS = set().union(*SAME[1:])
SPACES = re.compile(r"\s+")


def normal(text):
    return SPACES.sub(" ", str(text or "").strip().lower().replace("ё", "е"))


def parse_unit(text):
    """(power of ten, base unit) of a unit as written: "тыс. человек" -> (3, "человек")."""
    text = normal(text)
    for power, words in PREFIXES:
        for word in words:
            if text == word or text.startswith(word + " "):
                return power, text[len(word) :].strip()
    return 0, text


def same_thing(base, indicator_units):
    if not base or base in indicator_units:
        return True
    for group in SAME:
        if base in group and indicator_units & group:
            return True
    return base in COUNTS and not indicator_units & NOT_COUNTS


def unit_shift(text, indicator):
    """Powers of ten to move a value stated in unit `text` into the indicator's unit; ValueError if unlike."""
    power, base = parse_unit(text)
    units = {normal(getattr(indicator, f"unit_{code}", "") or "") for code, _name in settings.LANGUAGES} - {""}
    if not same_thing(base, units):
        raise ValueError(
            _("the file states the unit “%(unit)s”, but this indicator is in “%(own)s”")
            % {"unit": text, "own": indicator.unit or "—"}
        )
    return power - indicator.unit_multiplier
