"""The observations list without model instances: the fields ObservationSerializer describes."""

from django.utils.translation import get_language

from portal.datasets.tables import plain_values
from portal.languages import language_codes, text_in_language, translated_columns
from portal.numbers import plain_decimal

from .serializers import wants_all_translations

COLUMNS = [
    "id",  # for the cursor; not shown
    "indicator__code",
    "region__code",
    "period",
    "period_start",
    "period_end",
    "value",
    "indicator__unit_multiplier",
    "status",
    "source__key",
]


def observation_values(queryset):
    return plain_values(queryset).values(*COLUMNS, *translated_columns("note"))


def observation_rows(rows, *, all_translations=False):
    codes = language_codes()
    language = get_language()
    for row in rows:
        notes = {code: row[f"note_{code}"] for code in codes}
        shaped = {
            "indicator": row["indicator__code"],
            "region": row["region__code"],
            "period": row["period"],
            "period_start": row["period_start"].isoformat(),
            "period_end": row["period_end"].isoformat(),
            "value": plain_decimal(row["value"]),
            "unit_multiplier": row["indicator__unit_multiplier"],
            "status": row["status"],
            "note": text_in_language(notes, language) if any(notes.values()) else "",
        }
        if all_translations:
            shaped.update({f"note_{code}": notes[code] or "" for code in codes})
        shaped["source"] = row["source__key"]
        yield shaped


class ObservationRowsList:
    """The bulk list: rows read as plain dictionaries and shaped by observation_rows(), which
    gives what ObservationSerializer (the schema) describes; model instances and serializer
    fields cost several times more per row."""

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(observation_values(queryset))
        rows = observation_rows(page, all_translations=wants_all_translations({"request": request}))
        return self.get_paginated_response(list(rows))
