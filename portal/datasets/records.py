"""Public rows as release records and back.

A record is a row's public state as JSON: every field but the database id and the draft
flag, every language column, relations by natural key (many-to-many ones limited to what
the public may see). Freezing writes records; reading a release turns them back into unsaved
model instances with their relations attached, so the tables, serializers and pages that
read live rows read a release unchanged.
"""

import datetime
import json
from collections import defaultdict
from decimal import Decimal

from django.db import connection
from django.db.models import OrderBy
from modeltranslation.translator import NotRegistered, translator

from portal.content import content_resources
from portal.numbers import plain_decimal

from .models import ObservationVersion

TYPED = {ObservationVersion.mirrors: ObservationVersion}  # models frozen in a table of their own


def released_models():
    """The content models a release keeps: those of every app's import resources (portal.content)."""
    return list(dict.fromkeys(resource._meta.model for _name, resource in content_resources()))


def record_models():
    return [model for model in released_models() if model not in TYPED]


def model_label(model):
    return model._meta.label_lower


def stored_fields(model):
    """Concrete fields a record keeps: not the id, not the draft flag, not modeltranslation's base column."""
    try:
        translated = set(translator.get_options_for_model(model).fields)
    except NotRegistered:
        translated = set()
    return [
        field
        for field in model._meta.concrete_fields
        if not field.primary_key and field.name != "published" and field.name not in translated
    ]


def key_text(key):
    return json.dumps(list(key), ensure_ascii=False)


def json_value(value):
    if isinstance(value, Decimal):
        return plain_decimal(value)
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value


def key_paths(model):
    """select_related() paths that natural_key() walks (region__code -> region)."""
    return sorted({lookup.rsplit("__", 1)[0] for lookup in model.natural_key_fields if "__" in lookup})


def natural_keys(model, queryset=None):
    """{id: natural key as a list} of the model's rows (or of `queryset`)."""
    rows = (queryset if queryset is not None else model._base_manager.all()).select_related(*key_paths(model))
    return {obj.pk: list(obj.natural_key()) for obj in rows}


def records_of(model, queryset):
    """{key text: data} of the rows of `queryset`, with a fixed number of queries."""
    fields = stored_fields(model)
    related_keys = {field.name: natural_keys(field.related_model) for field in fields if field.is_relation}
    linked = {}
    for field in model._meta.many_to_many:
        through = field.remote_field.through
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        visible = field.related_model.objects.visible_to(None)
        keys = natural_keys(field.related_model, visible)
        by_row = defaultdict(list)
        for row_id, target_id in through.objects.values_list(f"{source}_id", f"{target}_id"):
            if target_id in keys:
                by_row[row_id].append(keys[target_id])
        linked[field.name] = by_row
    records = {}
    for obj in queryset.select_related(*key_paths(model)):
        data = {}
        for field in fields:
            value = getattr(obj, field.attname)
            if field.is_relation:
                data[field.name] = related_keys[field.name].get(value) if value is not None else None
            else:
                data[field.name] = json_value(value)
        for name, by_row in linked.items():
            data[name] = sorted(by_row.get(obj.pk, []))
        records[key_text(obj.natural_key())] = data
    return records


def live_records(model):
    return records_of(model, model.objects.visible_to(None))


def attach_many(obj, name, model, instances):
    """Give `obj.<name>.all()` the frozen related rows, as prefetch_related() would (no query)."""
    cached = model._base_manager.none()
    cached._result_cache = list(instances)
    cached._prefetch_done = True
    if not hasattr(obj, "_prefetched_objects_cache"):
        obj._prefetched_objects_cache = {}
    obj._prefetched_objects_cache[name] = cached


def model_ordering(model, prefix=""):
    """The model's Meta.ordering as (lookup, descending, empty values last or None for the database's
    default) terms; a relation stands for its own model's ordering."""
    terms = []
    for entry in model._meta.ordering:
        if isinstance(entry, OrderBy):
            name, descending = entry.expression.name, entry.descending
            empty_last = True if entry.nulls_last else False if entry.nulls_first else None
        else:
            name, descending, empty_last = entry.lstrip("-"), entry.startswith("-"), None
        field = model._meta.get_field(name.split("__")[0])
        if field.is_relation and "__" not in name:
            for lookup, inner_descending, inner_last in model_ordering(field.related_model, f"{prefix}{name}__"):
                terms.append((lookup, inner_descending != descending, inner_last))
        else:
            terms.append((prefix + name, descending, empty_last))
    return terms


def path_value(obj, lookup):
    """The value at a lookup path of a row (theme__code -> obj.theme.code); None where a link is empty."""
    for name in lookup.split("__"):
        obj = getattr(obj, name, None)
        if obj is None:
            return None
    return obj


def path_values(obj, lookup):
    """Every value at a lookup path of a row, through many-to-many relations too
    (instrument_types__code -> the codes of obj.instrument_types.all())."""
    objects = [obj]
    for name in lookup.split("__"):
        reached = []
        for one in objects:
            value = getattr(one, name, None)
            if value is None:
                continue
            if callable(getattr(value, "all", None)):  # a many-to-many relation
                reached.extend(value.all())
            else:
                reached.append(value)
        objects = reached
    return objects


def sort_rows(objects, ordering):
    """Rows sorted as order_by(*ordering) sorts a queryset on this database. Terms are "-year" or
    (lookup, descending, empty values last); where a term does not say, empty values are sorted as the
    largest on PostgreSQL and as the smallest on SQLite."""
    objects = list(objects)
    largest = connection.features.nulls_order_largest
    for term in reversed(ordering):
        if isinstance(term, str):
            term = (term.lstrip("-"), term.startswith("-"), None)
        lookup, descending, empty_last = term
        # Sorted ascending, then reversed when descending: "last" means largest before the reversal.
        empty_largest = largest if empty_last is None else empty_last != descending

        def key(obj, lookup=lookup, empty_largest=empty_largest):
            value = path_value(obj, lookup)
            return ((value is None) == empty_largest, 0 if value is None else value)

        objects.sort(key=key, reverse=descending)
    return objects


def sort_like_the_database(model, objects):
    """The rows in the order of the model's Meta.ordering, as the live queryset gives them."""
    return sort_rows(objects, model_ordering(model))
