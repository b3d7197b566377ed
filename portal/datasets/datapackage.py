"""datapackage.zip: every table as CSV with a Frictionless Data Package descriptor
(`datapackage.json`: table schemas, keys between tables, licence, sources, contributors)."""

import json

from . import metadata, tables
from .streaming import csv_chunks, safe_rows

STRING, INTEGER, NUMBER, DATE = "string", "integer", "number", "date"


def field(name, kind=STRING, *, required=False, description=""):
    spec = {"name": name, "type": kind}
    if required:
        spec["constraints"] = {"required": True}
    if description:
        spec["description"] = description
    return spec


def schema(header, types, *, key=None, foreign=()):
    fields = [field(name, types.get(name, STRING), required=(name == key)) for name in header]
    spec = {"fields": fields}
    if key:
        spec["primaryKey"] = [key] if isinstance(key, str) else list(key)
    if foreign:
        spec["foreignKeys"] = [
            {"fields": name, "reference": {"resource": resource, "fields": target}}
            for name, resource, target in foreign
        ]
    return spec


OBSERVATION_SCHEMA = {
    **schema(
        tables.TIDY_HEADER,
        {"value": NUMBER, "unit_multiplier": INTEGER},
        foreign=[("indicator", "indicators", "code"), ("region", "regions", "code"), ("source", "references", "key")],
    ),
    "primaryKey": ["indicator", "region", "period"],
}


def table_specs(selection):
    """(resource name, header, rows, table schema) for each table of the package."""
    return [
        ("observations", tables.TIDY_HEADER, tables.tidy_rows(selection["observations"]), OBSERVATION_SCHEMA),
        (
            "indicators",
            tables.INDICATOR_HEADER,
            safe_rows(tables.indicator_rows(selection["indicators"])),
            schema(
                tables.INDICATOR_HEADER,
                {
                    "unit_multiplier": INTEGER,
                    "decimals": INTEGER,
                    "scale": NUMBER,
                    "last_updated": DATE,
                    "next_release": DATE,
                },
                key="code",
                foreign=[("theme", "themes", "code"), ("source", "references", "key")],
            ),
        ),
        (
            "themes",
            tables.THEME_HEADER,
            safe_rows(tables.theme_rows(selection["themes"])),
            schema(
                tables.THEME_HEADER,
                {"order": INTEGER},
                key="code",
            ),
        ),
        (
            "regions",
            tables.REGION_HEADER,
            safe_rows(tables.region_rows(selection["regions"])),
            schema(
                tables.REGION_HEADER,
                {},
                key="code",
            ),
        ),
        (
            "institutions",
            tables.INSTITUTION_HEADER,
            safe_rows(tables.institution_rows(selection["institutions"])),
            schema(
                tables.INSTITUTION_HEADER,
                {"founded_year": INTEGER},
                key="slug",
                foreign=[("region", "regions", "code")],
            ),
        ),
        (
            "references",
            tables.REFERENCE_HEADER,
            safe_rows(tables.reference_rows(selection["references"])),
            schema(
                tables.REFERENCE_HEADER,
                {"number": INTEGER, "year": INTEGER, "accessed": DATE},
                key="key",
            ),
        ),
        (
            "swot_items",
            tables.ITEM_HEADER,
            safe_rows(tables.item_rows(selection["items"])),
            {
                **schema(tables.ITEM_HEADER, {"order": INTEGER}),
                "primaryKey": ["analysis", "key"],
            },
        ),
        *selection.get("policy", ()),
    ]


def descriptor(specs, sources, request=None):
    lic = metadata.licence()
    return {
        "profile": "tabular-data-package",
        "name": "city-innovation-portal",
        "title": metadata.dataset_title(),
        "homepage": metadata.data_page_url(request),
        "licenses": [{key: value for key, value in lic.items() if value}],
        "sources": [
            {
                "title": metadata.reference_text(reference),
                **(
                    {"path": f"https://doi.org/{reference.doi}"}
                    if reference.doi
                    else {"path": reference.url}
                    if reference.url
                    else {}
                ),
            }
            for reference in sources
        ],
        "contributors": [{"title": metadata.publisher(), "role": "publisher"}],
        "resources": [
            {
                "name": name,
                "path": f"data/{name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": table_schema,
            }
            for name, _header, _rows, table_schema in specs
        ],
    }


def package_members(selection, sources, request=None):
    """(name in the zip, chunks) for datapackage.json and each table."""
    specs = table_specs(selection)
    yield "datapackage.json", [json.dumps(descriptor(specs, sources, request), ensure_ascii=False, indent=2) + "\n"]
    for name, header, rows, _schema in specs:
        yield f"data/{name}.csv", csv_chunks(header, rows)
