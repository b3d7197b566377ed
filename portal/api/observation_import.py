"""POST /api/v1/observations/: JSON rows through the editors' import.

The rows become the long layout of a file (`importing.ParsedFile`) and go through
`services.observation_import`, the path of the admin's import and of
`manage.py import_observations`: the same checks, all rows or none, one change set.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from modeltranslation.utils import get_language
from rest_framework import serializers

from indicators.importing import ParsedFile, RawObservation, RowError, cell_text
from indicators.models import Observation
from indicators.selectors import NOTE_FIELDS

from .serializers import DecimalTextField

API_FILENAME = "API"
DRY_RUN_PARAMETER = "dry_run"
ROW_FIELDS = ("indicator", "region", "period", "value", "status", "note", *NOTE_FIELDS, "source")
TRUE, FALSE = ("1", "true"), ("0", "false")


class RowsNotAList(Exception):
    pass


def parsed_rows(data):
    """ParsedFile of the request's rows; problems of shape (not an object, unknown field) are row errors too."""
    if not isinstance(data, list) or not data:
        raise RowsNotAList
    language_note = f"note_{get_language()}"
    observations, errors = [], []
    for number, row in enumerate(data, start=1):
        if not isinstance(row, dict):
            errors.append(
                RowError(
                    number,
                    "",
                    cell_text(row)[:200],
                    _("each observation is a JSON object with indicator, region, period and value"),
                )
            )
            continue
        cells, labels = {}, {}
        for name, value in row.items():
            column = language_note if name == "note" else name
            if name == "note" and language_note in row:
                errors.append(
                    RowError(
                        number,
                        name,
                        cell_text(value),
                        _("“note” is “%(column)s” in this request's language; give one of them")
                        % {"column": language_note},
                    )
                )
            elif name not in ROW_FIELDS:
                errors.append(
                    RowError(
                        number,
                        name,
                        cell_text(value)[:200],
                        _("not a field of an observation; the fields are %(fields)s")
                        % {"fields": ", ".join(ROW_FIELDS)},
                    )
                )
            else:
                cells[column], labels[column] = value, name
        observations.append(RawObservation(number, cells, labels))
    return ParsedFile("long", observations, decimal=".", errors=errors)


def dry_run_flag(request):
    value = request.query_params.get(DRY_RUN_PARAMETER, "0").lower()
    if value not in TRUE + FALSE:
        raise serializers.ValidationError({DRY_RUN_PARAMETER: [_("Write 1 to check without saving, or 0.")]})
    return value in TRUE


def refusal(errors):
    rows = [
        {"row": e.row, "column": e.column, "value": e.value, "reason": e.reason}
        if isinstance(e, RowError)
        else {"row": None, "column": "", "value": "", "reason": str(e)}
        for e in errors
    ]
    detail = ngettext(
        "Nothing was imported: %(count)s problem.", "Nothing was imported: %(count)s problems.", len(rows)
    )
    return {"detail": detail % {"count": len(rows)}, "errors": rows}


def outcome_answer(outcome, dry_run):
    return {
        "dry_run": dry_run,
        "counts": outcome.counts,
        "change_set": outcome.change_set.pk if outcome.change_set else None,
        "warnings": [str(warning) for warning in outcome.warnings],
    }


# --- For the schema ------------------------------------------------------------------------------


class ObservationRowSerializer(serializers.Serializer):
    indicator = serializers.CharField(help_text=gettext_lazy("Indicator code (or its name in any language)."))
    region = serializers.CharField(help_text=gettext_lazy("Region code (or its name in any language)."))
    period = serializers.CharField(help_text=gettext_lazy("2020, 2021-Q2, 2021-08 or 2021-08-01."))
    value = DecimalTextField(
        help_text=gettext_lazy("A JSON number or decimal text with a point: 13.2 or “13.2”; read exactly.")
    )
    status = serializers.ChoiceField(
        choices=Observation.Status.choices,
        required=False,
        help_text=gettext_lazy("Left as it is when absent; A when new."),
    )
    note = serializers.CharField(
        required=False, allow_blank=True, help_text=gettext_lazy("The note in the request's language.")
    )
    source = serializers.CharField(
        required=False, allow_null=True, allow_blank=True, help_text=gettext_lazy("Reference key.")
    )

    def get_fields(self):
        """`note_<language>` after `note`, one per language of settings.LANGUAGES."""
        fields = {}
        for name, field in super().get_fields().items():
            fields[name] = field
            if name == "note":
                fields.update(
                    {column: serializers.CharField(required=False, allow_blank=True) for column in NOTE_FIELDS}
                )
        return fields


class ImportCountsSerializer(serializers.Serializer):
    new = serializers.IntegerField()
    changed = serializers.IntegerField()
    unchanged = serializers.IntegerField()


class ImportOutcomeSerializer(serializers.Serializer):
    dry_run = serializers.BooleanField()
    counts = ImportCountsSerializer()
    change_set = serializers.IntegerField(
        allow_null=True,
        help_text=gettext_lazy("The change set recorded (admin: Statistics → Change sets); null for a dry run."),
    )
    warnings = serializers.ListField(
        child=serializers.CharField(),
        help_text=gettext_lazy("Derived values the rows put out of step with their counts."),
    )


class RowProblemSerializer(serializers.Serializer):
    row = serializers.IntegerField(allow_null=True, help_text=gettext_lazy("Position in the list, from 1."))
    column = serializers.CharField()
    value = serializers.CharField()
    reason = serializers.CharField()


class ImportRefusalSerializer(serializers.Serializer):
    detail = serializers.CharField(required=False)
    errors = RowProblemSerializer(many=True, required=False)
