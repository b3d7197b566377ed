import json
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"


FORMATS = [
    ("bib", "application/x-bibtex"),
    ("ris", "application/x-research-info-systems"),
    ("json", "application/vnd.citationstyles.csl+json"),
]


def test_each_entry_downloads_as_bibtex_ris_and_csl_json_in_the_pages_language(client, demo):
    for extension, content_type in FORMATS:
        response = client.get(f"/en/references/mukhamedzhanova2021.{extension}")
        assert response["Content-Type"].startswith(content_type)
        assert f'attachment; filename="mukhamedzhanova2021.{extension}"' == response["Content-Disposition"]
        assert response.content.decode() == (DATA / f"mukhamedzhanova2021.{extension}").read_bytes().decode("utf-8")
    item = json.loads(client.get("/ru/references/mukhamedzhanova2021.json").content)[0]
    assert item["title"].startswith("Инновационное развитие")
    assert item["author"][0] == {"family": "Mukhamedzhanova", "given": "A. A."}


def test_the_bibliography_is_numbered_and_links_every_format(client, demo):
    html = client.get("/en/references/").content.decode()
    assert '<li id="ref-tokayev2021address" value="1">' in html
    for extension in ("bib", "ris", "json"):
        assert f'href="/en/references/tokayev2021address.{extension}"' in html
    assert client.get("/en/references/tokayev2021address.exe").status_code == 404
