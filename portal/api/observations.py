"""The observations list without model instances: the fields ObservationSerializer describes,
read from the live table or from a release's (portal.datasets), in pages or all at once (CSV)."""

from django.db import transaction
from django.utils.translation import get_language

from indicators.periods import frequency_of
from portal.datasets.tables import (
    CHUNK_SIZE,
    NOTE_COLUMNS,
    Lookups,
    base_value,
    observation_keys,
    plain_values,
    release_numbers,
)
from portal.languages import language_codes, text_in_language
from portal.numbers import plain_decimal

from .serializers import ObservationSerializer

# The columns read per row besides observation_keys(): the id for the cursor (not shown), then what is shown.
COLUMNS = ["id", "period", "period_start", "period_end", "value", "status", *NOTE_COLUMNS]


def observation_values(queryset):
    """The rows of `queryset` (live observations or a release's versions) as dictionaries of COLUMNS."""
    return plain_values(queryset).values(*COLUMNS, **observation_keys(queryset))


def every_observation(queryset):
    """Every row of `queryset` in the cursor's order, read with a server-side cursor a few thousand at a time."""
    with transaction.atomic(using=queryset.db):
        yield from observation_values(queryset).order_by("id").iterator(chunk_size=CHUNK_SIZE)


def observation_rows(rows, lookups, *, context):
    """The rows as ObservationSerializer shows them (its fields, in its order), in the answer's language."""
    shown = ObservationSerializer(context=context).shown_fields()
    codes = language_codes()
    language = get_language()
    versions = release_numbers()
    for row in rows:
        indicator = lookups.indicators[row["k_indicator"]]
        source = lookups.references.get(row["k_source"])
        notes = {code: row[f"note_{code}"] or "" for code in codes}
        value = plain_decimal(row["value"])
        shaped = {
            "indicator": indicator.code,
            "region": lookups.regions[row["k_region"]].code,
            "period": row["period"],
            "period_start": row["period_start"].isoformat(),
            "period_end": row["period_end"].isoformat(),
            "value": value,
            "unit": indicator.unit,
            "unit_multiplier": indicator.unit_multiplier,
            "value_base": base_value(value, indicator.unit_multiplier),
            "frequency": frequency_of(row["period"]),
            "status": row["status"],
            "note": text_in_language(notes, language) if any(notes.values()) else "",
            **{f"note_{code}": notes[code] for code in codes},
            "source": source.key if source is not None else None,
            "revised_in": lookups.revised_in(
                row["k_indicator"], row["k_region"], row["period"], value, row["revised"], versions
            ),
        }
        yield {name: shaped[name] for name in shown}


def observation_lookups(state):
    """Indicators, regions and references of a release (`state`), else of the live data."""
    return Lookups.released(state) if state is not None else Lookups.live()


def every_observation_row(queryset, state, *, context):
    """Every row of `queryset` shaped as the list shows them (the CSV answer streams them all)."""
    return observation_rows(every_observation(queryset), observation_lookups(state), context=context)


class ObservationRowsList:
    """The bulk list: rows read as plain dictionaries and shaped by observation_rows(), which
    gives what ObservationSerializer (the schema) describes; model instances and serializer
    fields cost several times more per row."""

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(observation_values(queryset))
        rows = observation_rows(page, observation_lookups(self.release_state), context=self.get_serializer_context())
        return self.get_paginated_response(list(rows))
