"""Reading a release: its rows as unsaved model instances, its observations as a queryset.

`ReleaseState(release).objects(Model)` gives what `Model.objects.visible_to(None)` gave on the
day the release was published, in the same order, with relations (foreign keys and
many-to-many evidence) pointing to the release's own frozen rows. Nothing is written.
"""

import json

from .models import ObservationVersion, ReleasedRecord
from .records import attach_many, key_text, model_label, record_models, sort_like_the_database, stored_fields


class ReleaseState:
    def __init__(self, release):
        self.release = release
        self._records = {}  # model -> {key text: (record id, data)}
        self._instances = {}  # (model, key text) -> instance
        self._released = set(record_models())
        self._pointing = {}  # (model, field name) -> {key text of the row pointed at: [keys of the rows pointing]}
        self._pending = []  # (instance, relation name, related model, keys): many-valued relations to attach

    def records(self, model):
        if model not in self._records:
            rows = ReleasedRecord.objects.filter(
                ReleasedRecord.in_release(self.release.number), model=model_label(model)
            )
            self._records[model] = {key: (pk, data) for pk, key, data in rows.values_list("pk", "key", "data")}
        return self._records[model]

    def objects(self, model):
        """Every row of `model` in the release, in the model's order."""
        rows = [self._instance(model, key) for key in self.records(model)]
        self._attach_pending()
        return sort_like_the_database(model, rows)

    def keys(self, model, field):
        """The values of one field (a code, key or slug) of every row of `model` in the release."""
        return {data.get(field) for _pk, data in self.records(model).values()}

    def instance(self, model, key):
        """The frozen row of `model` with this natural key (text or list); a stub holding only the key
        when the release does not have it (a row of a model the release does not keep)."""
        obj = self._instance(model, key)
        self._attach_pending()
        return obj

    def _instance(self, model, key):
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
        """The row's own fields and foreign keys now; its many-valued relations (many-to-many, and the rows
        pointing at it) once every row they reach is filled, so that they are sorted by complete rows."""
        model = type(obj)
        obj.pk = pk  # the record's id stands in for the row's (unique within the model and the release)
        obj._state.adding = False
        fields = [field for field in stored_fields(model) if field.name in data]  # a later field keeps its default
        for field in fields:
            if not field.is_relation:
                setattr(obj, field.attname, field.to_python(data[field.name]))
        for field in fields:
            if field.is_relation:
                setattr(obj, field.name, self.related(field.related_model, data[field.name]))
        for field in model._meta.many_to_many:
            self._pending.append((obj, field.name, field.related_model, data.get(field.name, [])))
        # The other side of relations too (a strategy's initiatives, an initiative's parts): from the release's
        # rows, never by the record's id from the live tables.
        own_key = key_text(obj.natural_key())
        for relation in model._meta.related_objects:
            source = relation.related_model
            if source in self._released and (relation.many_to_many or relation.one_to_many):
                keys = self.pointing(source, relation.field.name).get(own_key, [])
                self._pending.append((obj, relation.get_accessor_name(), source, keys))

    def _attach_pending(self):
        """Make the rows the pending relations reach (which may add relations of their own), then attach each
        relation's rows in their model's order."""
        attaching = []
        while self._pending:
            obj, name, model, keys = self._pending.pop()
            attaching.append((obj, name, model, [self._instance(model, key) for key in keys]))
        for obj, name, model, rows in attaching:
            attach_many(obj, name, model, sort_like_the_database(model, rows))

    def related(self, model, key):
        """The row a foreign key points to: None when it is empty, or when the release does not have that row
        (a draft: the public saw nothing there)."""
        if key is None:
            return None
        if model in self._released and key_text(key) not in self.records(model):
            return None
        return self._instance(model, key)

    def pointing(self, model, field_name):
        """{key text of a row: [keys of the rows of `model` whose `field_name` points at it]}."""
        if (model, field_name) not in self._pointing:
            index = {}
            for key, (_pk, data) in self.records(model).items():
                value = data.get(field_name)
                many = isinstance(value, list) and value and isinstance(value[0], list)
                for target in value if many else [value]:
                    if target is not None:
                        index.setdefault(key_text(target), []).append(key)
            self._pointing[(model, field_name)] = index
        return self._pointing[(model, field_name)]

    def observations(self):
        return ObservationVersion.objects.filter(ObservationVersion.in_release(self.release.number))
