import pytest
from django.core.management import call_command
from django.utils import translation


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in English unless a test picks another language."""
    with translation.override("en"):
        yield


DEMO_APPS = ("portal", "indicators", "swot")
_demo_rows = {}  # model -> (columns, rows) as the first load in this session left them


def content_models():
    from django.apps import apps

    return [model for label in DEMO_APPS for model in apps.get_app_config(label).get_models(include_auto_created=True)]


def all_empty(models):
    return not any(model._base_manager.exists() for model in models)


def copy_rows(models):
    from django.db import connection

    copied = {}
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute("SELECT * FROM %s" % connection.ops.quote_name(model._meta.db_table))
            rows = cursor.fetchall()
            if rows:
                copied[model] = ([column[0] for column in cursor.description], rows)
    return copied


def paste_rows(copied):
    """Insert the copied rows as they were (ids included), then move the id sequences past them."""
    from django.core.management.color import no_style
    from django.db import connection, transaction

    from portal.caching import content_changed

    quote = connection.ops.quote_name
    # One transaction, so the deferred foreign-key checks see every table filled (transactional tests too).
    with transaction.atomic(), connection.cursor() as cursor:
        for model, (columns, rows) in copied.items():
            cursor.executemany(
                "INSERT INTO %s (%s) VALUES (%s)" % (quote(model._meta.db_table), ", ".join(map(quote, columns)), ", ".join(["%s"] * len(columns))),
                rows,
            )
        for statement in connection.ops.sequence_reset_sql(no_style(), list(copied)):
            cursor.execute(statement)
    content_changed()


@pytest.fixture
def demo(db):
    """The demo data, loaded as `make run` loads it.

    Loading it through the import takes seconds; so the first test loads it and keeps a copy
    of every row it wrote, and later tests get those same rows inserted directly (ids and
    history included), when they start from the same empty content tables.
    """
    models = content_models()
    if _demo_rows and all_empty(models):
        paste_rows(_demo_rows)
        return
    fresh = all_empty(models)
    call_command("load_demo_data", stdout=open("/dev/null", "w"))
    if fresh:
        _demo_rows.update(copy_rows(models))


@pytest.fixture
def editor(db, django_user_model):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user("editor", password="correct horse battery staple", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture(autouse=True)
def api_throttle_out_of_the_way(settings):
    """The anonymous API rate counts across tests in the shared cache; a test of throttling sets its own."""
    settings.API_ANON_THROTTLE_RATE = "1000000/minute"
