"""Two editors importing at the same moment: each import is whole, none is lost or mixed."""

import threading

import pytest
from django.core.management import call_command
from django.db import connection, connections

from indicators.importing import parse_file
from indicators.models import ChangeSet, Observation
from indicators.services import change_set_revert, observation_import

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL")


def rows(value):
    body = "".join(f"schools;astana;{year};{value}\r\n" for year in range(1900, 2000))
    return ("indicator;region;period;value\r\n" + body).encode()


@pytest.mark.django_db(transaction=True)
def test_two_imports_at_once_are_serialised_and_both_recorded_whole():
    call_command("load_demo_data", stdout=open("/dev/null", "w"))
    errors = []
    start = threading.Barrier(2)

    def run(value):
        try:
            parsed = parse_file(rows(value), f"{value}.csv")
            start.wait()
            observation_import(parsed, filename=f"{value}.csv")
        except Exception as error:  # reported below; a thread's exception would be lost
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(value,)) for value in (111, 222)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    values = set(
        Observation.objects.filter(indicator__code="schools", period__lt="2000").values_list("value", flat=True)
    )
    assert len(values) == 1  # all rows from one file or all from the other, never a mix
    first, second = ChangeSet.objects.order_by("pk")
    assert (first.new_count, second.new_count, second.changed_count) == (100, 0, 100)
    change_set_revert(second)  # the later import undone: the earlier file's values are back, whole
    assert set(
        Observation.objects.filter(indicator__code="schools", period__lt="2000").values_list("value", flat=True)
    ) == {int(first.filename[:3])}
