import pytest
from django.core.management import call_command
from django.utils import translation

from tests.support import demo_copy, factories
from tests.support.processes import demo_database_url  # noqa: F401 (a fixture, for every test)


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in English unless a test picks another language."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def seeded_factories():
    """Every test starts the factories (tests/support/factories.py) from the same seed: the same data each run."""
    factories.reseed()


@pytest.fixture
def demo(db):
    """The demo data, loaded as `make run` loads it.

    Loading it through the import takes seconds; so the first test loads it and keeps a copy
    of every row it wrote, and later tests get those same rows inserted directly (ids and
    history included), when they start from the same empty content tables.
    """
    models = demo_copy.demo_models()
    if demo_copy.first_load and demo_copy.all_empty(models):
        demo_copy.paste_rows(demo_copy.first_load)
        return
    fresh = demo_copy.all_empty(models)
    call_command("load_demo_data", stdout=open("/dev/null", "w"))
    if fresh:
        demo_copy.first_load.update(demo_copy.copy_rows(models))


@pytest.fixture
def editor(db, django_user_model):
    """A member of the Editors group, the group as the migrations made it."""
    from django.apps import apps
    from django.contrib.auth.models import Group
    from django.db import connection

    from portal.roles import EDITORS_GROUP, sync_editors_group

    if not connection.in_atomic_block and not Group.objects.filter(name=EDITORS_GROUP).exists():
        # A transactional test starts from the tables the one before it emptied (Django's flush), and
        # the group went with them: make it again as its migration does. (Other tests run inside a
        # transaction on the migrated database, so there a missing group still fails.)
        sync_editors_group(apps)
    user = django_user_model.objects.create_user("editor", password="correct horse battery staple", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS_GROUP))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture(autouse=True)
def api_throttle_out_of_the_way(settings):
    """The anonymous API rate counts across tests in the shared cache; a test of throttling sets its own."""
    settings.API_ANON_THROTTLE_RATE = "1000000/minute"


@pytest.fixture(autouse=True)
def no_answer_kept_from_another_test():
    """Each process keeps the answers it served last under the content version (portal/ops/caching.py);
    a test rolled back leaves the version as it was, so answers of an earlier test must not be served."""
    from portal.ops import caching

    caching._local_answers.clear()
    caching.forget_version()
