"""Every column of every file, described once: the Data Package's table schemas, the codebook
page and codebook.csv are built from here, so they cannot disagree."""

from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext_lazy as _

from indicators.models import METADATA_FIELDS, Indicator, Observation
from policies.models import Initiative, TaxonomyTerm
from policies.progress import ProgressStatus
from policies.tows import TowsType
from portal.models import Institution, Reference, Region
from swot.models import Item

STRING, INTEGER, NUMBER, DATE, BOOLEAN = "string", "integer", "number", "date", "boolean"
FREQUENCY_CODES = ["A", "Q", "M", "D"]


def column(name, kind, description, *, enum=None, required=False):
    return {"name": name, "type": kind, "description": description, "enum": enum, "required": required}


def codes(choices):
    return [str(value) for value, _label in choices]


def field_column(model, name, kind=STRING, **options):
    """A column holding a model field: described by the field's help text, else by its name."""
    field = model._meta.get_field(name)
    return column(name, kind, field.help_text or format_lazy("{}.", capfirst(field.verbose_name)), **options)


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


def tidy_columns(*names):
    return [next(c for c in TIDY if c["name"] == name) for name in names]


# The API's observations (/api/v1/observations/, JSON and ?format=csv): the tidy table's codes and numbers,
# with each period's first and last day instead of the names.
API_OBSERVATIONS = [
    *tidy_columns("indicator", "region", "period"),
    column("period_start", DATE, _("First day of the period (ISO 8601 date).")),
    column("period_end", DATE, _("Last day of the period (ISO 8601 date).")),
    *tidy_columns("value", "unit", "unit_multiplier", "value_base", "frequency", "status", "note", "source"),
    *tidy_columns("revised_in"),
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
    field_column(Indicator, "source_note"),
    column(
        "last_updated",
        DATE,
        _("Day a value of the indicator last changed; in a release, the day of the release that last changed one."),
    ),
    # The metadata an SDG metadata page gives (indicators.models.METADATA_FIELDS).
    *(
        field_column(
            Indicator,
            name,
            DATE if name == "next_release" else STRING,
            enum=codes(Indicator.Periodicity.choices) if name == "periodicity" else None,
        )
        for name in METADATA_FIELDS
    ),
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

# SDMX-CSV 1.0 opens each row with the dataflow; 2.0 with the kind and id of the structure, and the action.
SDMX_1_LEAD = [column("DATAFLOW", STRING, _("SDMX-CSV 1.0: the dataflow the rows belong to (agency:id(version))."))]
SDMX_2_LEAD = [
    column("STRUCTURE", STRING, _("SDMX-CSV 2.0: the kind of structure the rows follow (dataflow).")),
    column("STRUCTURE_ID", STRING, _("SDMX-CSV 2.0: the dataflow the rows belong to (agency:id(version)).")),
    column("ACTION", STRING, _("SDMX-CSV 2.0: what the rows do to a receiver's copy (I: information)."), enum=["I"]),
]
SDMX_OBSERVATIONS = [
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

# The policy (policies app): strategies, initiatives, targets, the code lists they use, and link tables.
SOURCE_KEY = _("Key of the reference it is taken from (see the references table).")
KEY_LIST = _("Keys of its references, comma-separated (see the references table).")

STRATEGIES = [
    column("key", STRING, _("Strategy identifier."), required=True),
    column("analysis", STRING, _("SWOT analysis identifier (see the analyses table)."), required=True),
    column("order", INTEGER, _("Position of the strategy in its analysis.")),
    column("title", STRING, _("Title of the strategy.")),
    column("text", STRING, _("The strategy in full.")),
    column(
        "tows_type",
        STRING,
        _("TOWS type from the quadrants of the SWOT items it answers: SO, ST, WO or WT; empty when they do not say."),
        enum=codes(TowsType.choices),
    ),
    column("sdg_goals", STRING, _("Numbers of the SDG goals it serves, comma-separated.")),
    column("sdg_targets", STRING, _("Codes of the SDG targets it serves, comma-separated.")),
    column("references", STRING, KEY_LIST),
]
STRATEGY_SWOT_ITEMS = [
    column("strategy", STRING, _("Strategy identifier (see the strategies table)."), required=True),
    ITEM_ANALYSIS,
    ITEM_KEY,
]
INITIATIVES = [
    column("key", STRING, _("Initiative identifier."), required=True),
    column("kind", STRING, _("Kind of initiative."), enum=codes(Initiative.Kind.choices)),
    column("part_of", STRING, _("Identifier of the initiative it is part of (a programme or road map).")),
    column("name", STRING, _("Name of the initiative.")),
    column("description", STRING, _("What the initiative does.")),
    column("region", STRING, _("Region code; empty for national initiatives.")),
    column("website", STRING, _("Website address.")),
    column("start", STRING, _("Start: a year, month or day (2020, 2020-03, 2020-03-01); empty when not stated.")),
    column("end", STRING, _("End, in the same form; empty when not stated or still running.")),
    column("dates_source", STRING, _("Key of the reference for the dates.")),
    column(
        "status",
        STRING,
        _("Status where a source states it; empty when none does."),
        enum=codes(Initiative.Status.choices),
    ),
    column("status_source", STRING, _("Key of the reference for the status.")),
    column("budget", NUMBER, _("Budget where a source states it, in budget_currency over budget_period.")),
    column("budget_currency", STRING, _("Currency of the budget (ISO 4217).")),
    column("budget_period", STRING, _("Period the budget covers: 2021, or 2020/2025.")),
    column("budget_source", STRING, _("Key of the reference for the budget.")),
    column("references", STRING, KEY_LIST),
]
INITIATIVE = column("initiative", STRING, _("Initiative identifier (see the initiatives table)."), required=True)
VOCABULARY = column(
    "vocabulary",
    STRING,
    _("STIP Compass vocabulary of the code."),
    enum=codes(TaxonomyTerm.Vocabulary.choices),
    required=True,
)
INITIATIVE_TERMS = [
    INITIATIVE,
    VOCABULARY,
    column("code", STRING, _("STIP Compass code (PI…, TH…, TG…; see the policy_terms table)."), required=True),
]
INITIATIVE_INSTITUTIONS = [
    INITIATIVE,
    column("institution", STRING, _("Institution slug."), required=True),
    column(
        "role",
        STRING,
        _("responsible: runs the initiative; partner: takes part."),
        enum=["responsible", "partner"],
        required=True,
    ),
]
INITIATIVE_STRATEGIES = [
    INITIATIVE,
    column("strategy", STRING, _("Identifier of a strategy it serves (see the strategies table)."), required=True),
]
TARGETS = [
    column("key", STRING, _("Target identifier."), required=True),
    INDICATOR,
    REGION,
    column("value", NUMBER, _("The value the indicator should reach, in the indicator's unit."), required=True),
    column("period", STRING, _("The period by which it should be reached."), required=True),
    column("baseline_value", NUMBER, _("Value the target starts from; empty: the observation of baseline_period.")),
    column("baseline_period", STRING, _("Period of the baseline."), required=True),
    column("initiative", STRING, _("Identifier of the initiative that sets it, or empty.")),
    column("strategy", STRING, _("Identifier of the strategy that sets it, or empty.")),
    column("source", STRING, _("Key of the reference where the target is stated.")),
    column("note", STRING, _("Note on the target, in the file's language.")),
    column(
        "progress",
        STRING,
        _("Progress from the observations: the latest value against the straight path from the baseline."),
        enum=codes(ProgressStatus.choices),
    ),
    column("latest_value", NUMBER, _("The latest observed value after the baseline period.")),
    column("latest_period", STRING, _("Period of the latest value.")),
    column("expected_value", NUMBER, _("The value the straight path expects by latest_period.")),
]
POLICY_TERMS = [
    VOCABULARY,
    column("code", STRING, _("STIP Compass code."), required=True),
    column(
        "parent_vocabulary",
        STRING,
        _("Vocabulary of the group, area or category above the term; empty at the top."),
        enum=codes(TaxonomyTerm.Vocabulary.choices),
    ),
    column("parent", STRING, _("Code of the group, area or category above the term.")),
    column("order", INTEGER, _("Position of the term in its vocabulary.")),
    column("name", STRING, _("Label of the term in the file's language.")),
    column("source", STRING, SOURCE_KEY),
]
SDG_GOALS = [
    column("number", INTEGER, _("Number of the Sustainable Development Goal."), required=True),
    column("short_name", STRING, _("Short name of the goal.")),
    column("name", STRING, _("The goal in full.")),
    column("source", STRING, SOURCE_KEY),
]
SDG_TARGETS = [
    column("code", STRING, _("Code of the SDG target (9.5, 9.a)."), required=True),
    column("goal", INTEGER, _("Number of its goal (see the sdg_goals table)."), required=True),
    column("text", STRING, _("The target in full.")),
    column("source", STRING, SOURCE_KEY),
]
STIP = [
    column("InitiativeID", STRING, _("Initiative identifier."), required=True),
    column("Name", STRING, _("Name of the initiative.")),
    column("Description", STRING, _("What the initiative does.")),
    column("Kind", STRING, _("Kind of initiative, in the file's language.")),
    column("Region", STRING, _("Region name; empty for national initiatives.")),
    column("StartDate", STRING, _("Start: a year, month or day (2020, 2020-03, 2020-03-01); empty when not stated.")),
    column("EndDate", STRING, _("End, in the same form; empty when not stated or still running.")),
    column("Status", STRING, _("Status in the file's language, where a source states it.")),
    column("ResponsibleOrganisations", STRING, _("Names of the institutions that run it, separated by semicolons.")),
    column("PartnerOrganisations", STRING, _("Names of the institutions that take part, separated by semicolons.")),
    column("InstrumentTypeCodes", STRING, _("STIP Compass instrument type codes (PI…), comma-separated.")),
    column("InstrumentTypeLabels", STRING, _("Their labels, separated by semicolons.")),
    column("ThemeCodes", STRING, _("STIP Compass policy theme codes (TH…), comma-separated.")),
    column("ThemeLabels", STRING, _("Their labels, separated by semicolons.")),
    column("TargetGroupCodes", STRING, _("STIP Compass target group codes (TG…), comma-separated.")),
    column("TargetGroupLabels", STRING, _("Their labels, separated by semicolons.")),
    column("Budget", NUMBER, _("Budget where a source states it, in budget_currency over budget_period.")),
    column("BudgetCurrency", STRING, _("Currency of the budget (ISO 4217).")),
    column("BudgetPeriod", STRING, _("Period the budget covers: 2021, or 2020/2025.")),
    column("Strategies", STRING, _("Identifiers of the strategies it serves, comma-separated.")),
    column("Sources", STRING, KEY_LIST),
    column("URL", STRING, _("Address of the initiative's page on the portal.")),
]

# file -> its columns, in the order the codebook lists them
FILES = {
    "observations.csv, observations.json, observations.parquet, observations.xlsx (data)": TIDY,
    "observations-wide.csv": WIDE,
    "observations-sdmx.csv": SDMX_1_LEAD + SDMX_OBSERVATIONS,
    "observations-sdmx2.csv": SDMX_2_LEAD + SDMX_OBSERVATIONS,
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
    "datapackage.zip: data/strategies.csv": STRATEGIES,
    "datapackage.zip: data/strategy_swot_items.csv": STRATEGY_SWOT_ITEMS,
    "datapackage.zip: data/initiatives.csv": INITIATIVES,
    "datapackage.zip: data/initiative_terms.csv": INITIATIVE_TERMS,
    "datapackage.zip: data/initiative_institutions.csv": INITIATIVE_INSTITUTIONS,
    "datapackage.zip: data/initiative_strategies.csv": INITIATIVE_STRATEGIES,
    "datapackage.zip: data/targets.csv": TARGETS,
    "datapackage.zip: data/policy_terms.csv": POLICY_TERMS,
    "datapackage.zip: data/sdg_goals.csv": SDG_GOALS,
    "datapackage.zip: data/sdg_targets.csv": SDG_TARGETS,
    "initiatives-stip.csv": STIP,
    "releases/<version>/changes.csv, changes.json": CHANGES,
    "/api/v1/observations/ (JSON, ?format=csv)": API_OBSERVATIONS,
}


def header(columns):
    return [c["name"] for c in columns]


def table_schema(columns, *, key=None, foreign=()):
    """The Frictionless table schema of a table: its fields with description, type and constraints, its key,
    and foreign keys as (field or fields, resource, target field or fields); resource "" is the table itself."""
    fields = []
    for spec in columns:
        field = {"name": spec["name"], "type": spec["type"], "description": str(spec["description"])}
        constraints = {}
        if spec["required"]:
            constraints["required"] = True
        if spec["enum"]:
            constraints["enum"] = spec["enum"]
        if constraints:
            field["constraints"] = constraints
        fields.append(field)
    table = {"fields": fields}
    if key:
        table["primaryKey"] = [key] if isinstance(key, str) else list(key)
    if foreign:
        table["foreignKeys"] = [
            {"fields": name, "reference": {"resource": resource, "fields": target}}
            for name, resource, target in foreign
        ]
    return table


def link_schema(columns, *foreign):
    """A link table's schema: the whole row is its key, each column points at a table of the package."""
    return table_schema(columns, key=header(columns), foreign=foreign)


def tidy_column(name):
    """The tidy table's column `name` (the API's observations describe theirs with the same words)."""
    return tidy_columns(name)[0]
