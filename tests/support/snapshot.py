"""Every content row with every column (all languages), foreign keys by natural key:
what 'the database is unchanged' means in the tests."""

from django.core import serializers

from portal.content import content_resources

# When a row was written, not what it holds (an observation's updated_at).
WRITE_TIMES = {"updated_at"}


def content_models():
    return [resource._meta.model for _name, resource in content_resources()]


def content_snapshot():
    snapshot = {}
    for model in content_models():
        rows = serializers.serialize(
            "python", model.objects.all(), use_natural_foreign_keys=True, use_natural_primary_keys=True
        )
        many = {field.name for field in model._meta.many_to_many}
        cleaned = []
        for row in rows:
            fields = {}
            for name, value in row["fields"].items():
                if name in WRITE_TIMES:
                    continue
                if name in many:
                    value = sorted(tuple(key) for key in value)
                elif isinstance(value, list):  # a foreign key as its natural key
                    value = tuple(value)
                fields[name] = value
            cleaned.append(fields)
        snapshot[model._meta.label] = sorted(cleaned, key=repr)
    return snapshot
