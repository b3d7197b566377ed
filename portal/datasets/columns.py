"""Every column of every file, described once: the Data Package's table schemas, the codebook
page and codebook.csv are built from here, so they cannot disagree."""

from django.utils.translation import gettext_lazy as _

from indicators.models import Observation
from portal.models import Institution, Reference, Region
from swot.models import Item

STRING, INTEGER, NUMBER, DATE, BOOLEAN = "string", "integer", "number", "date", "boolean"
FREQUENCY_CODES = ["A", "Q", "M", "D"]


def column(name, kind, description, *, enum=None, required=False):
    return {"name": name, "type": kind, "description": description, "enum": enum, "required": required}


def codes(choices):
    return [str(value) for value, _label in choices]


INDICATOR = column("indicator", STRING, _("Indicator code (see the indicators table)."), required=True)
REGION = column("region", STRING, _("Region code (see the regions table)."), required=True)
PERIOD = column(
    "period", STRING, _("Period in ISO 8601 / SDMX form: 2020, 2021-Q2, 2021-08 or 2021-08-01."), required=True
)
UNIT = column("unit", STRING, _("Unit of the value, in the file's language."))
UNIT_MULTIPLIER = column(
    "unit_multiplier", INTEGER, _("Power of ten the value is expressed in (SDMX UNIT_MULT): 6 means millions.")
)

TIDY = [
    INDICATOR,
    column("indicator_name", STRING, _("Indicator name in the file's language.")),
    REGION,
    column("region_name", STRING, _("Region name in the file's language.")),
    PERIOD,
    column(
        "value", NUMBER, _("The value as published, in units of 10 to the power of unit_multiplier."), required=True
    ),
    UNIT,
    UNIT_MULTIPLIER,
    column(
        "status",
        STRING,
        _("Observation status (SDMX OBS_STATUS): A normal, P provisional, E estimated, B break in series."),
        enum=codes(Observation.Status.choices),
    ),
    column("note", STRING, _("Note on the value, in the file's language.")),
    column("source", STRING, _("Key of the reference the value was taken from (see the references table).")),
    column("value_base", NUMBER, _("The value in base units: value times 10 to the power of unit_multiplier.")),
    column(
        "frequency",
        STRING,
        _("Frequency of the period (SDMX FREQ): A year, Q quarter, M month, D day."),
        enum=FREQUENCY_CODES,
    ),
    column(
        "revised_in",
        STRING,
        _("Version of the release that revised this value (empty when it was never revised)."),
    ),
]

WIDE = [
    INDICATOR,
    column("indicator_name", STRING, _("Indicator name in the file's language.")),
    REGION,
    column("region_name", STRING, _("Region name in the file's language.")),
    UNIT,
    UNIT_MULTIPLIER,
    column(
        "y2015, y2021q2, y2021m08, y2021m08d01, …",
        NUMBER,
        _(
            "One column per period: y and the year, then q and the quarter, m and the month, d and the day "
            "(y2021q2 is the period 2021-Q2)."
        ),
    ),
]

INDICATORS = [
    column("code", STRING, _("Indicator code."), required=True),
    column("theme", STRING, _("Theme code (see the themes table)."), required=True),
    column("name", STRING, _("Indicator name.")),
    column("definition", STRING, _("What the indicator measures.")),
    UNIT,
    UNIT_MULTIPLIER,
    column("unit_code", STRING, _("Unit code (SDMX UNIT_MEASURE; see the SDMX structure's CL_UNIT_MEASURE).")),
    column("decimals", INTEGER, _("Decimal places the values are published with.")),
    column("source", STRING, _("Key of the reference for the indicator's statistics.")),
    column("numerator", STRING, _("For a derived indicator: the indicator code of the numerator.")),
    column("denominator", STRING, _("For a derived indicator: the indicator code of the denominator.")),
    column("scale", NUMBER, _("For a derived indicator: the factor (100 for a percentage).")),
]

THEMES = [
    column("code", STRING, _("Theme code."), required=True),
    column("order", INTEGER, _("Position of the theme in lists.")),
    column("name", STRING, _("Theme name.")),
    column("description", STRING, _("What the theme covers.")),
]

REGIONS = [
    column("code", STRING, _("Region code used in every table."), required=True),
    column("kind", STRING, _("Kind: city of republican significance or region."), enum=codes(Region.Kind.choices)),
    column("name", STRING, _("Region name.")),
    column(
        "kato",
        STRING,
        _(
            "Code in KATO, Kazakhstan's classifier of administrative-territorial objects; empty means not "
            "established from the classifier."
        ),
    ),
    column(
        "iso_3166_2",
        STRING,
        _("ISO 3166-2 subdivision code (KZ-71 for Astana); empty means none exists or it is not established."),
    ),
    column("former_names", STRING, _("Former names with their years, separated by semicolons.")),
]

REGION_NAMES = [
    column("region", STRING, _("Region code (see the regions table)."), required=True),
    column("name", STRING, _("A name the region had.")),
    column("year_from", INTEGER, _("First year of the name."), required=True),
    column("year_to", INTEGER, _("Last year of the name.")),
]

INSTITUTIONS = [
    column("slug", STRING, _("Institution identifier."), required=True),
    column("kind", STRING, _("Kind of institution."), enum=codes(Institution.Kind.choices)),
    column("name", STRING, _("Institution name.")),
    column("description", STRING, _("What the institution does.")),
    column("region", STRING, _("Region code; empty for national bodies.")),
    column("website", STRING, _("Website address.")),
    column("founded_year", INTEGER, _("Year the institution was founded.")),
]

REFERENCES = [
    column("key", STRING, _("Reference key, as cited in the other tables."), required=True),
    column("number", INTEGER, _("Number in the bibliography.")),
    column("kind", STRING, _("Kind of source."), enum=codes(Reference.Kind.choices)),
    column("authors", STRING, _("Authors, “Family, Initials” separated by semicolons.")),
    column("title", STRING, _("Title.")),
    column("container", STRING, _("Journal, book or website.")),
    column("publisher", STRING, _("Publisher.")),
    column("year", INTEGER, _("Year of publication.")),
    column("volume", STRING, _("Volume.")),
    column("issue", STRING, _("Issue.")),
    column("pages", STRING, _("Pages.")),
    column("url", STRING, _("Web address.")),
    column("doi", STRING, _("DOI.")),
    column("accessed", DATE, _("Day the web address was read.")),
]

ANALYSES = [
    column("slug", STRING, _("SWOT analysis identifier."), required=True),
    column("region", STRING, _("Region code of the analysis."), required=True),
    column("title", STRING, _("Title of the analysis.")),
    column("year", INTEGER, _("Year of the analysis.")),
    column("authors", STRING, _("Authors of the analysis.")),
    column("source", STRING, _("Key of the reference the analysis comes from.")),
]

ITEMS = [
    column("analysis", STRING, _("SWOT analysis identifier (see the analyses table)."), required=True),
    column("key", STRING, _("Item key, unique within its analysis."), required=True),
    column("quadrant", STRING, _("Quadrant of the SWOT matrix."), enum=codes(Item.Quadrant.choices)),
    column("order", INTEGER, _("Position of the item in its quadrant.")),
    column("title", STRING, _("Short title of the item.")),
    column("text", STRING, _("The item in full.")),
]

ITEM_ANALYSIS = column("analysis", STRING, _("SWOT analysis identifier."), required=True)
ITEM_KEY = column("item", STRING, _("Item key within the analysis."), required=True)
ITEM_INDICATORS = [ITEM_ANALYSIS, ITEM_KEY, column("indicator", STRING, _("Indicator code."), required=True)]
ITEM_INSTITUTIONS = [ITEM_ANALYSIS, ITEM_KEY, column("institution", STRING, _("Institution slug."), required=True)]
ITEM_REFERENCES = [ITEM_ANALYSIS, ITEM_KEY, column("reference", STRING, _("Reference key."), required=True)]
REGION_CODE_SOURCES = [
    column("region", STRING, _("Region code (see the regions table)."), required=True),
    column(
        "reference",
        STRING,
        _("Key of the classifier its kato and iso_3166_2 codes were taken from (see the references table)."),
        required=True,
    ),
]
INSTITUTION_REFERENCES = [
    column("institution", STRING, _("Institution slug."), required=True),
    column("reference", STRING, _("Reference key."), required=True),
]

CHANGES = [
    column("change", STRING, _("new, revised or withdrawn."), enum=["new", "revised", "withdrawn"]),
    INDICATOR,
    REGION,
    PERIOD,
    column("old_value", NUMBER, _("Value in the earlier release (empty for a new value).")),
    column("new_value", NUMBER, _("Value in the later release (empty for a withdrawn value).")),
    column("old_status", STRING, _("Status in the earlier release.")),
    column("new_status", STRING, _("Status in the later release.")),
]

SDMX = [
    column(
        "DATAFLOW / STRUCTURE, STRUCTURE_ID, ACTION",
        STRING,
        _("SDMX-CSV's own columns: the dataflow the rows belong to."),
    ),
    column("FREQ", STRING, _("Frequency (SDMX FREQ), from the form of the period."), enum=FREQUENCY_CODES),
    column("INDICATOR", STRING, _("Indicator code (code list CL_INDICATOR).")),
    column("REF_AREA", STRING, _("Region code (code list CL_AREA).")),
    column("TIME_PERIOD", STRING, _("Period as written.")),
    column("OBS_VALUE", NUMBER, _("The value.")),
    column("UNIT_MEASURE", STRING, _("Unit code (code list CL_UNIT_MEASURE).")),
    column("UNIT_MULT", INTEGER, _("Power of ten of the value.")),
    column("DECIMALS", INTEGER, _("Decimal places published.")),
    column("OBS_STATUS", STRING, _("Observation status."), enum=codes(Observation.Status.choices)),
    column("COMMENT_OBS", STRING, _("Note on the value (on one line).")),
    column("SOURCE_DETAIL", STRING, _("Key of the reference the value was taken from (code list CL_SOURCE).")),
]

# file -> its columns, in the order the codebook lists them
FILES = {
    "observations.csv, observations.json, observations.parquet, observations.xlsx (data)": TIDY,
    "observations-wide.csv": WIDE,
    "observations-sdmx.csv, observations-sdmx2.csv": SDMX,
    "datapackage.zip: data/indicators.csv, observations.xlsx (indicators)": INDICATORS,
    "datapackage.zip: data/themes.csv": THEMES,
    "datapackage.zip: data/regions.csv": REGIONS,
    "datapackage.zip: data/region_names.csv": REGION_NAMES,
    "datapackage.zip: data/region_code_sources.csv": REGION_CODE_SOURCES,
    "datapackage.zip: data/institutions.csv": INSTITUTIONS,
    "datapackage.zip: data/institution_references.csv": INSTITUTION_REFERENCES,
    "datapackage.zip: data/references.csv, observations.xlsx (sources)": REFERENCES,
    "datapackage.zip: data/swot_analyses.csv": ANALYSES,
    "datapackage.zip: data/swot_items.csv": ITEMS,
    "datapackage.zip: data/swot_item_indicators.csv": ITEM_INDICATORS,
    "datapackage.zip: data/swot_item_institutions.csv": ITEM_INSTITUTIONS,
    "datapackage.zip: data/swot_item_references.csv": ITEM_REFERENCES,
    "releases/<version>/changes.csv, changes.json": CHANGES,
}


def header(columns):
    return [c["name"] for c in columns]


def tidy_column(name):
    """The tidy table's column `name` (the API's observations describe theirs with the same words)."""
    return next(c for c in TIDY if c["name"] == name)
