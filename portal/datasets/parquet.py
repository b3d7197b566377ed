"""observations.parquet: the tidy table for pandas, R arrow and DuckDB, written with pyarrow in
row groups to a temporary file (memory stays flat), then streamed."""

import pyarrow as pa
import pyarrow.parquet as pq

from . import tables
from .streaming import file_chunks, spooled_file

ROWS_PER_GROUP = 100_000
NUMBERS = {"value", "value_base"}  # doubles: the CSV keeps the exact decimal text
SCHEMA = pa.schema(
    [
        (name, pa.float64() if name in NUMBERS else pa.int8() if name == "unit_multiplier" else pa.string())
        for name in tables.TIDY_HEADER
    ]
)


def batch(rows):
    columns = list(zip(*rows, strict=True)) if rows else [[] for _ in SCHEMA]
    arrays = []
    for field, values in zip(SCHEMA, columns, strict=True):
        if field.name in NUMBERS:
            values = [float(value) for value in values]
        arrays.append(pa.array(values, type=field.type))
    return pa.record_batch(arrays, schema=SCHEMA)


def parquet_chunks(selection):
    file = spooled_file()
    rows = tables.tidy_rows(selection.observations, selection.lookups(), spreadsheet=False)
    with pq.ParquetWriter(file, SCHEMA, compression="zstd") as writer:
        group = []
        for row in rows:
            group.append(row)
            if len(group) == ROWS_PER_GROUP:
                writer.write_batch(batch(group))
                group.clear()
        if group or writer is not None:
            writer.write_batch(batch(group))
    file.seek(0)
    return file_chunks(file)
