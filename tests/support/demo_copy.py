"""The demo data's rows, copied from the first load of a test session into later tests.

Loading the demo data through the import takes seconds; inserting the rows it wrote, ids
and history included, takes milliseconds. Used by the `demo` fixture (tests/conftest.py).
"""

first_load = {}  # model -> (columns, rows) as the first load in this session left them


def demo_models():
    """The content tables, and the releases the demo publishes (its first one)."""
    from portal.content import content_models
    from portal.datasets.models import ObservationVersion, Release, ReleasedRecord

    return [*content_models(include_auto_created=True), Release, ReleasedRecord, ObservationVersion]


def all_empty(models):
    return not any(model._base_manager.exists() for model in models)


def copy_rows(models):
    from django.db import connection

    copied = {}
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(model._meta.db_table)}")
            rows = cursor.fetchall()
            if rows:
                copied[model] = ([column[0] for column in cursor.description], rows)
    return copied


def paste_rows(copied):
    """Insert the copied rows as they were (ids included), then move the id sequences past them."""
    from django.core.management.color import no_style
    from django.db import connection, transaction

    from portal.content import content_changed

    quote = connection.ops.quote_name
    # One transaction, so the deferred foreign-key checks see every table filled (transactional tests too).
    with transaction.atomic(), connection.cursor() as cursor:
        for model, (columns, rows) in copied.items():
            cursor.executemany(
                "INSERT INTO {} ({}) VALUES ({})".format(
                    quote(model._meta.db_table), ", ".join(map(quote, columns)), ", ".join(["%s"] * len(columns))
                ),
                rows,
            )
        for statement in connection.ops.sequence_reset_sql(no_style(), list(copied)):
            cursor.execute(statement)
    content_changed.send(sender=None)
