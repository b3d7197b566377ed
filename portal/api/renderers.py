"""`?format=csv`: one object or an error as CSV, formula-safe. A list's CSV is streamed with every
matching row by portal.api.reading (the same cells, flat_cell)."""

import csv
import io

from rest_framework.renderers import BaseRenderer

from portal.spreadsheet_safety import neutralise


def flat_cell(value):
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ",".join(str(item) for item in value)
    return neutralise(str(value))


class CSVRenderer(BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, dict) and isinstance(data.get("results"), list):
            rows = data["results"]
        elif isinstance(data, list):
            rows = data
        else:  # one object, or an error message
            rows = [data] if isinstance(data, dict) else []
        headers = list(dict.fromkeys(name for row in rows for name in row))
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(headers)
        for row in rows:
            writer.writerow([flat_cell(row.get(name)) for name in headers])
        return buffer.getvalue().encode(self.charset)
