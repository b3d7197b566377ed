"""Reading a release: its rows as unsaved model instances, its observations as a queryset.

`ReleaseState(release).objects(Model)` gives what `Model.objects.visible_to(None)` gave on the
day the release was published, in the same order, with relations (foreign keys and
many-to-many evidence) pointing to the release's own frozen rows. Nothing is written.
"""

import json

from .models import ObservationVersion, ReleasedRecord
from .records import attach_many, key_text, model_label, sort_like_the_database, stored_fields


class ReleaseState:
    def __init__(self, release):
        self.release = release
        self._records = {}  # model -> {key text: (record id, data)}
        self._instances = {}  # (model, key text) -> instance

    def records(self, model):
        if model not in self._records:
            rows = ReleasedRecord.objects.filter(
                ReleasedRecord.in_release(self.release.number), model=model_label(model)
            )
            self._records[model] = {key: (pk, data) for pk, key, data in rows.values_list("pk", "key", "data")}
        return self._records[model]

    def objects(self, model):
        """Every row of `model` in the release, in the model's order."""
        return sort_like_the_database(model, (self.instance(model, key) for key in self.records(model)))

    def keys(self, model, field):
        """The values of one field (a code, key or slug) of every row of `model` in the release."""
        return {data.get(field) for _pk, data in self.records(model).values()}

    def instance(self, model, key):
        """The frozen row of `model` with this natural key (text or list); a stub holding only the key
        when the release does not have it (a draft another row points to)."""
        text = key if isinstance(key, str) else key_text(key)
        cache_key = (model, text)
        if cache_key not in self._instances:
            record = self.records(model).get(text)
            obj = self._instances[cache_key] = model()  # registered first: relations back to it find it
            if record:
                self.fill(obj, *record)
            else:
                for lookup, value in zip(model.natural_key_fields, json.loads(text), strict=False):
                    if "__" not in lookup:
                        setattr(obj, lookup, value)
        return self._instances[cache_key]

    def fill(self, obj, pk, data):
        model = type(obj)
        obj.pk = pk  # the record's id stands in for the row's (unique within the model and the release)
        obj._state.adding = False
        for field in stored_fields(model):
            if field.name not in data:
                continue  # a field added after the release keeps its default
            value = data[field.name]
            if field.is_relation:
                setattr(obj, field.name, self.instance(field.related_model, value) if value is not None else None)
            else:
                setattr(obj, field.attname, field.to_python(value))
        for field in model._meta.many_to_many:
            targets = [self.instance(field.related_model, key) for key in data.get(field.name, [])]
            attach_many(obj, field.name, field.related_model, sort_like_the_database(field.related_model, targets))

    def observations(self):
        return ObservationVersion.objects.filter(ObservationVersion.in_release(self.release.number))
