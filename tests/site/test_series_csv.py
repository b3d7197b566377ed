"""An indicator's series.csv is written as every download is (portal.datasets.tables): no text in it
can start a formula when the file is opened in a spreadsheet."""

import csv
import io

from indicators.models import Indicator


def test_a_formula_like_unit_or_name_arrives_neutralised(demo, client):
    Indicator.objects.filter(code="population").update(unit_en="+1+1", name_en="=HYPERLINK(0)")
    response = client.get("/en/indicators/population/series.csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows and {row["unit"] for row in rows} == {"'+1+1"}
    assert {row["indicator_name"] for row in rows} == {"'=HYPERLINK(0)"}
