"""File writers that hand out their output in chunks, for StreamingHttpResponse.

Rows are buffered and written a few thousand at a time: one yield per row would
spend most of the time in the WSGI server rather than in writing.
"""

import csv
import io
import json
import tempfile
import zipfile

from portal.spreadsheet_safety import neutralise

ROWS_PER_CHUNK = 2000


def safe_rows(rows):
    """Rows whose texts are neutralised cell by cell (for tables not built formula-safe)."""
    for row in rows:
        yield [neutralise(cell) for cell in row]


def csv_chunks(header, rows, *, bom=False):
    """CSV text in chunks of ROWS_PER_CHUNK rows; `rows` must already be formula-safe."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if bom:  # Excel reads UTF-8 only when the file starts with a byte order mark
        buffer.write("\ufeff")
    writer.writerow(header)
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) == ROWS_PER_CHUNK:
            writer.writerows(batch)
            batch.clear()
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    writer.writerows(batch)
    yield buffer.getvalue()


def joined_csv_chunks(header, rows, *, bom=False):
    """The same bytes as csv_chunks for rows whose cells are already CSV-quoted text
    (tables.tidy_rows(csv_quoted=True)): a plain join is several times faster than csv.writer."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(header)
    yield ("\ufeff" if bom else "") + buffer.getvalue()
    batch = []
    for row in rows:
        batch.append(",".join(row))
        if len(batch) == ROWS_PER_CHUNK:
            batch.append("")
            yield "\r\n".join(batch)
            batch.clear()
    if batch:
        batch.append("")
        yield "\r\n".join(batch)


def json_chunks(metadata, key, header, rows):
    """`{…metadata, key: [{header: value}, …]}` with the rows written as they come."""
    opening = json.dumps(metadata, ensure_ascii=False, indent=1)[:-2] + f',\n "{key}": [\n'
    yield opening
    parts = []
    first = True
    for row in rows:
        parts.append(("" if first else ",\n") + json.dumps(dict(zip(header, row, strict=True)), ensure_ascii=False))
        first = False
        if len(parts) == ROWS_PER_CHUNK:
            yield "".join(parts)
            parts.clear()
    parts.append("\n ]\n}\n")
    yield "".join(parts)


class _Pipe(io.RawIOBase):
    """A write-only file whose bytes are collected for the next chunk (zipfile streams into it)."""

    def __init__(self):
        self.chunks = []

    def writable(self):
        return True

    def write(self, data):
        self.chunks.append(bytes(data))
        return len(data)

    def take(self):
        data = b"".join(self.chunks)
        self.chunks.clear()
        return data


# rw-r--r--: files anyone may read once unpacked (the zip module's default is no permission at all).
READABLE_FILE = 0o100644 << 16


def zip_chunks(members, *, date_time):
    """A zip archive streamed as it is written; `members` yields (name, chunks of text).

    Every entry carries `date_time` (the release's day, or when the live data last changed)
    and readable file modes."""
    pipe = _Pipe()
    with zipfile.ZipFile(pipe, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, chunks in members:
            info = zipfile.ZipInfo(name, date_time=date_time.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = READABLE_FILE
            with archive.open(info, "w", force_zip64=True) as member:
                for chunk in chunks:
                    member.write(chunk.encode("utf-8") if isinstance(chunk, str) else chunk)
                    data = pipe.take()
                    if data:
                        yield data
    yield pipe.take()


def file_chunks(file, size=256 * 1024):
    with file:
        while data := file.read(size):
            yield data


def spooled_file():
    """A temporary file for writers that need one (openpyxl), removed when closed."""
    return tempfile.TemporaryFile()
