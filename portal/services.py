"""Writes with side effects: importing content through the resources, publishing and unpublishing."""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _


class ImportRejected(Exception):
    """Raised when any row of a file is bad; nothing of the file (or the load) is saved."""

    def __init__(self, problems):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass
class ImportTotals:
    new: int = 0
    update: int = 0
    skip: int = 0
    delete: int = 0
    problems: list = field(default_factory=list)


def result_problems(result, label=""):
    """Every bad row of an import-export Result as 'file, row N, column: reason' lines."""
    prefix = f"{label}, " if label else ""
    problems = [f"{prefix}{error.error}" for error in result.base_errors]
    for number, errors in result.row_errors():
        for error in errors:
            problems.append(
                _("%(prefix)srow %(row)s: %(reason)s") % {"prefix": prefix, "row": number, "reason": error.error}
            )
    for invalid in result.invalid_rows:
        for column, messages in invalid.field_specific_errors.items():
            for message in messages:
                problems.append(
                    _("%(prefix)srow %(row)s, column “%(column)s”: %(reason)s")
                    % {"prefix": prefix, "row": invalid.number, "column": column, "reason": message}
                )
        for message in invalid.non_field_specific_errors:
            problems.append(
                _("%(prefix)srow %(row)s: %(reason)s") % {"prefix": prefix, "row": invalid.number, "reason": message}
            )
    return problems


@transaction.atomic
def content_import(datasets, *, user=None):
    """Import [(label, resource_class, tablib.Dataset), …] in order, all or nothing.

    Returns {label: ImportTotals}. Raises ImportRejected listing every bad row of
    every file; then nothing is saved.
    """
    totals = {}
    problems = []
    for label, resource_class, dataset in datasets:
        result = resource_class().import_data(
            dataset, dry_run=False, raise_errors=False, use_transactions=False, user=user
        )
        counted = ImportTotals(**{kind: result.totals.get(kind, 0) for kind in ("new", "update", "skip", "delete")})
        counted.problems = result_problems(result, label)
        problems.extend(counted.problems)
        totals[label] = counted
    if problems:
        raise ImportRejected(problems)
    return totals


# The reason the history records with each publish or unpublish.
PUBLISH_REASONS = {True: "published", False: "unpublished"}


def content_publish(objects, *, published):
    """Publish (or return to draft) each of `objects` that is not so already; returns how many changed.

    Saved one by one, not with QuerySet.update, so that each change is in the object's history
    with its reason, and the save signal tells the caches (portal.content.content_changed).
    The admin's actions and the API's writes both come here.
    """
    changed = [obj for obj in objects if obj.published != published]
    for obj in changed:
        obj.published = published
        obj._change_reason = PUBLISH_REASONS[published]
        obj.save(update_fields=["published"])
    return len(changed)
