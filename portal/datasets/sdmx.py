"""SDMX-CSV (version 1.0 of the format): one row per observation, codes only, the
column names of the SDMX cross-domain concepts, so statistics tools read it as a dataflow."""

DATAFLOW = "PORTAL:CITY_INNOVATION(1.0)"
SDMX_HEADER = [
    "DATAFLOW",
    "INDICATOR",
    "REF_AREA",
    "TIME_PERIOD",
    "OBS_VALUE",
    "UNIT_MULT",
    "OBS_STATUS",
    "COMMENT",
    "SOURCE",
]


def sdmx_rows(tidy):
    """Tidy rows (portal.datasets.tables.TIDY_HEADER) as SDMX-CSV rows."""
    for indicator, _name, region, _region_name, period, value, _unit, multiplier, status, note, source in tidy:
        yield [DATAFLOW, indicator, region, period, value, multiplier, status, note, source]
