import pytest
from django.core.management import call_command
from django.utils import translation


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in English unless a test picks another language."""
    with translation.override("en"):
        yield


@pytest.fixture
def demo(db):
    """The demo data, loaded as `make run` loads it."""
    call_command("load_demo_data", stdout=open("/dev/null", "w"))


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
