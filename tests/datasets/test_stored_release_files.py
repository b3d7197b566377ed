"""A release's full downloads are built once, stored, and then sent as stored (portal.datasets.stored)."""

import io

import pandas as pd

from portal.datasets import http, stored
from portal.datasets.models import ObservationVersion, Release, ReleaseFile, ReleaseFilePart

from .test_releases import FILES, body, revise_share_2020, second_release

FULL_FILES = [name for name in FILES if "series.csv" not in name]


def test_each_full_download_is_stored_once_and_sent_back_byte_for_byte(demo, client):
    first = {name: body(client.get(f"/ru/{name}?release=2026.1")) for name in FULL_FILES}
    files = {f.path: f for f in ReleaseFile.objects.all()}
    assert sorted(files) == sorted(f"/ru/{name}?release=2026.1" for name in FULL_FILES)
    for name, data in first.items():
        assert files[f"/ru/{name}?release=2026.1"].size == len(data), name
    # The versions table is altered behind the release's back: what is sent is what was stored.
    ObservationVersion.objects.update(value=0)
    for name in FULL_FILES:
        assert body(client.get(f"/ru/{name}?release=2026.1")) == first[name], name
    assert ReleaseFile.objects.count() == len(FULL_FILES)
    # Without the stored files the release is built again, and then shows the altered values.
    ReleaseFile.objects.all().delete()
    rebuilt = body(client.get("/ru/data/observations.csv?release=2026.1"))
    assert rebuilt != first["data/observations.csv"]
    assert set(pd.read_csv(io.BytesIO(rebuilt))["value"]) == {0}


def test_headers_and_readers_of_a_stored_answer(demo, client):
    url = "/en/data/observations.csv?release=2026.1"
    built = client.get(url)
    built_bytes = body(built)
    sent = client.get(url)
    assert body(sent) == built_bytes
    for header in ("Content-Type", "Content-Disposition", "ETag", "Cache-Control", "Content-Language"):
        assert sent[header] == built[header], header
    assert client.get(url, HTTP_IF_NONE_MATCH=sent["ETag"]).status_code == 304
    table = pd.read_csv(io.BytesIO(body(client.get(url))))
    assert len(table) == 24 and "value_base" in table.columns


def test_filtered_repeated_and_preview_queries_are_not_stored(demo, client):
    for query in (
        "release=2026.1&indicator=population",
        "release=2026.1&release=2026.1",
        "release=2026.1&preview=1",
    ):
        answer = client.get(f"/en/data/observations.csv?{query}")
        assert answer.status_code == 200, query
        body(answer)
    assert not ReleaseFile.objects.exists()
    body(client.get("/en/indicators/innovation_share/series.csv?release=2026.1"))
    assert not ReleaseFile.objects.exists()
    body(client.get("/en/data/observations.csv"))  # live data is never stored
    assert not ReleaseFile.objects.exists()


def test_a_client_that_leaves_early_stores_nothing(demo):
    # The WSGI server closes the answer's iterator when the client goes: the same as closing it here
    # (the test client's close would also end the test's transaction on PostgreSQL).
    release = Release.objects.get(version="2026.1")
    chunks = stored.storing(iter(["indicator,value\r\n", "a,1\r\n", "b,2\r\n"]), release, "0" * 64, "/x")
    assert next(chunks) == b"indicator,value\r\n"
    chunks.close()
    assert not ReleaseFile.objects.exists()
    whole = stored.storing(iter(["indicator,value\r\n", "a,1\r\n"]), release, "0" * 64, "/x")
    assert b"".join(whole) == b"indicator,value\r\na,1\r\n"
    assert ReleaseFile.objects.get().size == len(b"indicator,value\r\na,1\r\n")


def test_a_file_of_many_parts_comes_back_whole(demo, client, monkeypatch):
    monkeypatch.setattr(stored, "PART_BYTES", 97)
    monkeypatch.setattr(stored, "CHUNK_BYTES", 101)
    url = "/kk/data/observations.xlsx?release=2026.1"
    built = body(client.get(url))
    parts = ReleaseFilePart.objects.filter(file__path=url)
    assert parts.count() > 10 and max(len(bytes(p.data)) for p in parts) <= 97
    answer = client.get(url)
    chunks = list(answer.streaming_content)
    assert b"".join(chunks) == built and max(len(c) for c in chunks) <= 101


def test_a_new_file_format_replaces_the_stored_files(demo, client, monkeypatch):
    url = "/en/data/observations-wide.csv?release=2026.1"
    body(client.get(url))
    monkeypatch.setattr(http, "FORMAT_VERSION", http.FORMAT_VERSION + "-next")
    ObservationVersion.objects.update(value=0)
    rebuilt = body(client.get(url))
    assert b",0," in rebuilt or b",0\r\n" in rebuilt
    assert list(ReleaseFile.objects.values_list("format_version", flat=True)) == [http.FORMAT_VERSION]


def test_the_changes_between_two_releases_are_stored_without_a_filter(demo, client):
    revise_share_2020()
    second_release()
    url = "/en/data/releases/2026.2/changes.csv?since=2026.1"
    first = body(client.get(url))
    assert b"revised,innovation_share" in first
    assert list(ReleaseFile.objects.values_list("path", flat=True)) == [url]
    ObservationVersion.objects.filter(valid_from=2).update(value=0)
    assert body(client.get(url)) == first
    body(client.get("/en/data/releases/2026.2/changes.json?since=2026.1&indicator=innovation_share"))
    assert ReleaseFile.objects.count() == 1
