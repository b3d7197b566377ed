"""datapackage.zip: every table as CSV with a Frictionless Data Package descriptor
(`datapackage.json`: table schemas with a description of every field, enums on code fields,
keys between tables, link tables for the SWOT items' evidence, licence, sources, the release
and the filter the file was made with)."""

import json

from indicators.models import Indicator, Theme
from portal.models import FormerName, Institution, Reference, Region
from swot.models import Analysis, Item

from . import columns, metadata, policy_tables, tables
from .streaming import csv_chunks, safe_rows

schema = columns.table_schema


def table_specs(selection):
    """(resource name, header, rows, table schema) for each table of the package."""
    items = selection.objects(Item)
    institutions = selection.objects(Institution)
    regions = selection.objects(Region)
    former_names = selection.objects(FormerName)
    item_key = (["analysis", "item"], "swot_items", ["analysis", "key"])
    return [
        (
            "observations",
            tables.TIDY_HEADER,
            tables.tidy_rows(selection.observations, selection.lookups()),
            schema(
                columns.TIDY,
                key=["indicator", "region", "period"],
                foreign=[
                    ("indicator", "indicators", "code"),
                    ("region", "regions", "code"),
                    ("source", "references", "key"),
                ],
            ),
        ),
        (
            "indicators",
            tables.INDICATOR_HEADER,
            safe_rows(tables.indicator_rows(selection.objects(Indicator), tables.indicators_last_updated(selection))),
            schema(
                columns.INDICATORS, key="code", foreign=[("theme", "themes", "code"), ("source", "references", "key")]
            ),
        ),
        (
            "themes",
            tables.THEME_HEADER,
            safe_rows(tables.theme_rows(selection.objects(Theme))),
            schema(columns.THEMES, key="code"),
        ),
        (
            "regions",
            tables.REGION_HEADER,
            safe_rows(tables.region_rows(regions, former_names)),
            schema(columns.REGIONS, key="code"),
        ),
        (
            "region_code_sources",
            tables.REGION_CODE_SOURCE_HEADER,
            tables.region_code_source_rows(regions),
            schema(
                columns.REGION_CODE_SOURCES,
                key=["region", "reference"],
                foreign=[("region", "regions", "code"), ("reference", "references", "key")],
            ),
        ),
        (
            "region_names",
            tables.REGION_NAME_HEADER,
            safe_rows(tables.region_name_rows(former_names)),
            schema(columns.REGION_NAMES, key=["region", "year_from"], foreign=[("region", "regions", "code")]),
        ),
        (
            "institutions",
            tables.INSTITUTION_HEADER,
            safe_rows(tables.institution_rows(institutions)),
            schema(columns.INSTITUTIONS, key="slug", foreign=[("region", "regions", "code")]),
        ),
        (
            "institution_references",
            tables.INSTITUTION_REFERENCE_HEADER,
            tables.institution_reference_rows(institutions),
            schema(
                columns.INSTITUTION_REFERENCES,
                key=["institution", "reference"],
                foreign=[("institution", "institutions", "slug"), ("reference", "references", "key")],
            ),
        ),
        (
            "references",
            tables.REFERENCE_HEADER,
            safe_rows(tables.reference_rows(selection.objects(Reference))),
            schema(columns.REFERENCES, key="key"),
        ),
        (
            "swot_analyses",
            tables.ANALYSIS_HEADER,
            safe_rows(tables.analysis_rows(selection.objects(Analysis))),
            schema(
                columns.ANALYSES, key="slug", foreign=[("region", "regions", "code"), ("source", "references", "key")]
            ),
        ),
        (
            "swot_items",
            tables.ITEM_HEADER,
            safe_rows(tables.item_rows(items)),
            schema(columns.ITEMS, key=["analysis", "key"], foreign=[("analysis", "swot_analyses", "slug")]),
        ),
        (
            "swot_item_indicators",
            columns.header(columns.ITEM_INDICATORS),
            tables.item_link_rows(items, "indicators", "code"),
            schema(
                columns.ITEM_INDICATORS,
                key=["analysis", "item", "indicator"],
                foreign=[item_key, ("indicator", "indicators", "code")],
            ),
        ),
        (
            "swot_item_institutions",
            columns.header(columns.ITEM_INSTITUTIONS),
            tables.item_link_rows(items, "institutions", "slug"),
            schema(
                columns.ITEM_INSTITUTIONS,
                key=["analysis", "item", "institution"],
                foreign=[item_key, ("institution", "institutions", "slug")],
            ),
        ),
        (
            "swot_item_references",
            columns.header(columns.ITEM_REFERENCES),
            tables.item_link_rows(items, "references", "key"),
            schema(
                columns.ITEM_REFERENCES,
                key=["analysis", "item", "reference"],
                foreign=[item_key, ("reference", "references", "key")],
            ),
        ),
        *policy_tables.table_specs(policy_tables.policy_selection(selection)),
    ]


def descriptor(specs, selection):
    lic = metadata.licence()
    release = selection.release or None
    request = selection.request
    # The sources of the numbers, then the classifiers of the regions' codes (regions.csv, region_code_sources.csv).
    sources = list(metadata.used_references(selection))
    for region in selection.objects(Region):
        sources += [r for r in region.code_sources.all() if r.key not in {s.key for s in sources}]
    package = {
        "profile": "tabular-data-package",
        "name": "city-innovation-portal",
        "id": metadata.release_url(release, request) if release else metadata.data_page_url(request),
        "title": metadata.dataset_title(selection.objects(Region)),
        "description": metadata.citation_text(selection, url=request.build_absolute_uri()),
        "homepage": metadata.data_page_url(request),
        "keywords": ["innovation", "statistics", "SWOT", "Kazakhstan", *(r.name for r in selection.objects(Region))],
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
    }
    if release is not None:
        package["version"] = release.version
        package["created"] = f"{release.date.isoformat()}T00:00:00Z"
    # Not part of the Data Package standard (custom properties are allowed): what the file was made from.
    package.update(metadata.file_metadata(selection))
    package["resources"] = [
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
    ]
    return package


def package_members(selection):
    """(name in the zip, chunks) for datapackage.json and each table."""
    specs = table_specs(selection)
    yield "datapackage.json", [json.dumps(descriptor(specs, selection), ensure_ascii=False, indent=2) + "\n"]
    for name, header, rows, _schema in specs:
        yield f"data/{name}.csv", csv_chunks(header, rows)
