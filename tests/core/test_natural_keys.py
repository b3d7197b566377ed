import pytest
from django.db import models

from tests.support.snapshot import content_models


@pytest.mark.parametrize("model", content_models(), ids=lambda m: m._meta.label)
def test_every_row_is_found_again_by_its_natural_key(demo, model):
    rows = list(model.objects.all())
    # The sources state no target, so the demo has none: tests/policies/test_models.py makes one.
    assert rows or model._meta.label == "policies.Target"
    for row in rows:
        assert model.objects.get_by_natural_key(*row.natural_key()) == row


@pytest.mark.parametrize("model", content_models(), ids=lambda m: m._meta.label)
def test_the_natural_key_is_unique_in_the_database(model):
    unique_sets = [tuple(c.fields) for c in model._meta.constraints if isinstance(c, models.UniqueConstraint)]
    unique_sets += [(f.name,) for f in model._meta.fields if f.unique and not f.primary_key]
    key = tuple(name.split("__")[0] for name in model.natural_key_fields)
    assert key in unique_sets
