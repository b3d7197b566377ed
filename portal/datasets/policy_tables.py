"""The policy as tables: the data package's resources (strategies, initiatives, targets, the code
lists and the links between them, with foreign keys) and the STIP-style list of initiatives.

Link tables carry the relations a comma-separated cell could not check: every row of them points
at rows of the package, so a Frictionless validation proves the references whole.
"""

from django.db.models import Prefetch

from policies.models import SdgGoal, SdgTarget, Strategy, Target, TaxonomyTerm
from policies.selectors import initiatives_with_links, targets_with_progress
from portal.numbers import plain_decimal
from swot.models import Item

from .datapackage import INTEGER, NUMBER, schema
from .streaming import safe_rows


def keys(objects, field="key"):
    return ",".join(sorted(str(getattr(obj, field)) for obj in objects))


def key_of(obj, field="key"):
    return getattr(obj, field) if obj is not None else ""


def policy_selection(request):
    """What the request may see of the policy, read once for every table."""
    strategies = list(
        Strategy.objects.visible_to(request)
        .select_related("analysis")
        .prefetch_related(
            Prefetch("items", Item.objects.visible_to(request).select_related("analysis")),
            "sdg_goals",
            "sdg_targets",
            "references",
        )
    )
    visible_strategies = {strategy.pk for strategy in strategies}
    initiatives = list(
        initiatives_with_links(request)
        .select_related("part_of", "dates_source", "status_source", "budget_source")
        .prefetch_related("strategies", "references")
    )
    visible_initiatives = {initiative.pk for initiative in initiatives}
    for initiative in initiatives:
        if initiative.part_of_id not in visible_initiatives:
            initiative.part_of = None
        initiative.visible_strategies = [s for s in initiative.strategies.all() if s.pk in visible_strategies]
    return {
        "strategies": strategies,
        "initiatives": initiatives,
        "targets": targets_with_progress(Target.objects.visible_to(request)),
        "terms": list(TaxonomyTerm.objects.visible_to(request).select_related("parent", "source")),
        "goals": list(SdgGoal.objects.visible_to(request).select_related("source")),
        "sdg_targets": list(SdgTarget.objects.visible_to(request).select_related("goal", "source")),
    }


STRATEGY_HEADER = ["key", "analysis", "order", "title", "text", "tows_type", "sdg_goals", "sdg_targets", "references"]
STRATEGY_ITEM_HEADER = ["strategy", "analysis", "item"]
INITIATIVE_HEADER = [
    "key",
    "kind",
    "part_of",
    "name",
    "description",
    "region",
    "website",
    "start",
    "end",
    "dates_source",
    "status",
    "status_source",
    "budget",
    "budget_currency",
    "budget_period",
    "budget_source",
    "references",
]
INITIATIVE_TERM_HEADER = ["initiative", "vocabulary", "code"]
INITIATIVE_INSTITUTION_HEADER = ["initiative", "institution", "role"]
INITIATIVE_STRATEGY_HEADER = ["initiative", "strategy"]
TARGET_HEADER = [
    "key",
    "indicator",
    "region",
    "value",
    "period",
    "baseline_value",
    "baseline_period",
    "initiative",
    "strategy",
    "source",
    "note",
    "progress",
    "latest_value",
    "latest_period",
    "expected_value",
]
TERM_HEADER = ["vocabulary", "code", "parent_vocabulary", "parent", "order", "name", "source"]
GOAL_HEADER = ["number", "short_name", "name", "source"]
SDG_TARGET_HEADER = ["code", "goal", "text", "source"]
TERM_RELATIONS = [
    (TaxonomyTerm.Vocabulary.INSTRUMENT_TYPE, "instrument_types"),
    (TaxonomyTerm.Vocabulary.THEME, "themes"),
    (TaxonomyTerm.Vocabulary.TARGET_GROUP, "target_groups"),
]


def strategy_rows(strategies):
    for s in strategies:
        yield [
            s.key,
            s.analysis.slug,
            s.order,
            s.title,
            s.text,
            s.tows_type or "",
            keys(s.sdg_goals.all(), "number"),
            keys(s.sdg_targets.all(), "code"),
            keys(s.references.all()),
        ]


def strategy_item_rows(strategies):
    for s in strategies:
        for item in sorted(s.items.all(), key=lambda i: (i.analysis.slug, i.key)):
            yield [s.key, item.analysis.slug, item.key]


def initiative_rows(initiatives):
    for i in initiatives:
        yield [
            i.key,
            i.kind,
            key_of(i.part_of),
            i.name,
            i.description,
            key_of(i.region, "code"),
            i.website,
            i.start,
            i.end,
            key_of(i.dates_source),
            i.status,
            key_of(i.status_source),
            plain_decimal(i.budget),
            i.budget_currency,
            i.budget_period,
            key_of(i.budget_source),
            keys(i.references.all()),
        ]


def initiative_term_rows(initiatives):
    for i in initiatives:
        for vocabulary, relation in TERM_RELATIONS:
            for term in sorted(getattr(i, relation).all(), key=lambda t: t.code):
                yield [i.key, vocabulary.value, term.code]


def initiative_institution_rows(initiatives):
    for i in initiatives:
        for role, relation in (("responsible", "responsible_institutions"), ("partner", "partner_institutions")):
            for institution in sorted(getattr(i, relation).all(), key=lambda x: x.slug):
                yield [i.key, institution.slug, role]


def initiative_strategy_rows(initiatives):
    for i in initiatives:
        for strategy in sorted(i.visible_strategies, key=lambda s: s.key):
            yield [i.key, strategy.key]


def target_rows(targets):
    for t in targets:
        progress = t.progress
        yield [
            t.key,
            t.indicator.code,
            t.region.code,
            plain_decimal(t.value),
            t.period,
            plain_decimal(t.baseline_value),
            t.baseline_period,
            key_of(t.initiative),
            key_of(t.strategy),
            key_of(t.source),
            t.note,
            progress.status.value,
            plain_decimal(progress.latest.value) if progress.latest else "",
            progress.latest.period if progress.latest else "",
            plain_decimal(round(progress.expected, 6)) if progress.expected is not None else "",
        ]


def term_rows(terms):
    for t in terms:
        parent = t.parent if t.parent_id else None
        yield [
            t.vocabulary,
            t.code,
            key_of(parent, "vocabulary"),
            key_of(parent, "code"),
            t.order,
            t.name,
            key_of(t.source),
        ]


def goal_rows(goals):
    for g in goals:
        yield [g.number, g.short_name, g.name, key_of(g.source)]


def sdg_target_rows(sdg_targets):
    for t in sdg_targets:
        yield [t.code, t.goal.number, t.text, key_of(t.source)]


def foreign_key(fields, resource, target):
    return {"fields": fields, "reference": {"resource": resource, "fields": target}}


def link_schema(header, *foreign_keys):
    """A link table's schema: the whole row is its key, and each column points at a table of the package."""
    return {**schema(header, {}), "primaryKey": list(header), "foreignKeys": list(foreign_keys)}


def table_specs(selection):
    """(resource name, header, rows, table schema) of each policy table, as datapackage.table_specs gives them."""
    reference = ("references", "key")
    to_initiative = foreign_key("initiative", "initiatives", "key")
    return [
        (
            "strategies",
            STRATEGY_HEADER,
            safe_rows(strategy_rows(selection["strategies"])),
            schema(STRATEGY_HEADER, {"order": INTEGER}, key="key"),
        ),
        (
            "strategy_swot_items",
            STRATEGY_ITEM_HEADER,
            safe_rows(strategy_item_rows(selection["strategies"])),
            link_schema(
                STRATEGY_ITEM_HEADER,
                foreign_key("strategy", "strategies", "key"),
                foreign_key(["analysis", "item"], "swot_items", ["analysis", "key"]),
            ),
        ),
        (
            "initiatives",
            INITIATIVE_HEADER,
            safe_rows(initiative_rows(selection["initiatives"])),
            schema(
                INITIATIVE_HEADER,
                {"budget": NUMBER},
                key="key",
                foreign=[
                    ("part_of", "", "key"),
                    ("region", "regions", "code"),
                    ("dates_source", *reference),
                    ("status_source", *reference),
                    ("budget_source", *reference),
                ],
            ),
        ),
        (
            "initiative_terms",
            INITIATIVE_TERM_HEADER,
            safe_rows(initiative_term_rows(selection["initiatives"])),
            link_schema(
                INITIATIVE_TERM_HEADER,
                to_initiative,
                foreign_key(["vocabulary", "code"], "policy_terms", ["vocabulary", "code"]),
            ),
        ),
        (
            "initiative_institutions",
            INITIATIVE_INSTITUTION_HEADER,
            safe_rows(initiative_institution_rows(selection["initiatives"])),
            link_schema(
                INITIATIVE_INSTITUTION_HEADER, to_initiative, foreign_key("institution", "institutions", "slug")
            ),
        ),
        (
            "initiative_strategies",
            INITIATIVE_STRATEGY_HEADER,
            safe_rows(initiative_strategy_rows(selection["initiatives"])),
            link_schema(INITIATIVE_STRATEGY_HEADER, to_initiative, foreign_key("strategy", "strategies", "key")),
        ),
        (
            "targets",
            TARGET_HEADER,
            safe_rows(target_rows(selection["targets"])),
            schema(
                TARGET_HEADER,
                {"value": NUMBER, "baseline_value": NUMBER, "latest_value": NUMBER, "expected_value": NUMBER},
                key="key",
                foreign=[
                    ("indicator", "indicators", "code"),
                    ("region", "regions", "code"),
                    ("initiative", "initiatives", "key"),
                    ("strategy", "strategies", "key"),
                    ("source", *reference),
                ],
            ),
        ),
        (
            "policy_terms",
            TERM_HEADER,
            safe_rows(term_rows(selection["terms"])),
            {
                **schema(TERM_HEADER, {"order": INTEGER}),
                "primaryKey": ["vocabulary", "code"],
                "foreignKeys": [
                    foreign_key(["parent_vocabulary", "parent"], "", ["vocabulary", "code"]),
                    foreign_key("source", *reference),
                ],
            },
        ),
        (
            "sdg_goals",
            GOAL_HEADER,
            safe_rows(goal_rows(selection["goals"])),
            schema(GOAL_HEADER, {"number": INTEGER}, key="number", foreign=[("source", *reference)]),
        ),
        (
            "sdg_targets",
            SDG_TARGET_HEADER,
            safe_rows(sdg_target_rows(selection["sdg_targets"])),
            schema(
                SDG_TARGET_HEADER,
                {"goal": INTEGER},
                key="code",
                foreign=[("goal", "sdg_goals", "number"), ("source", *reference)],
            ),
        ),
    ]


# The STIP-style list: one row per initiative, its codes as comma-separated lists (STIP Compass's
# own codes: PI… instrument types, TH… themes, TG… target groups), names in the page's language.
STIP_HEADER = [
    "InitiativeID",
    "Name",
    "Description",
    "Kind",
    "Region",
    "StartDate",
    "EndDate",
    "Status",
    "ResponsibleOrganisations",
    "PartnerOrganisations",
    "InstrumentTypeCodes",
    "InstrumentTypeLabels",
    "ThemeCodes",
    "ThemeLabels",
    "TargetGroupCodes",
    "TargetGroupLabels",
    "Budget",
    "BudgetCurrency",
    "BudgetPeriod",
    "Strategies",
    "Sources",
    "URL",
]


def stip_rows(initiatives, request):
    for i in initiatives:
        terms = {relation: sorted(getattr(i, relation).all(), key=lambda t: t.code) for _v, relation in TERM_RELATIONS}
        yield [
            i.key,
            i.name,
            i.description,
            i.get_kind_display(),
            i.region.name if i.region else "",
            i.start,
            i.end,
            i.get_status_display() if i.status else "",
            "; ".join(x.name for x in i.responsible_institutions.all()),
            "; ".join(x.name for x in i.partner_institutions.all()),
            ",".join(t.code for t in terms["instrument_types"]),
            "; ".join(t.name for t in terms["instrument_types"]),
            ",".join(t.code for t in terms["themes"]),
            "; ".join(t.name for t in terms["themes"]),
            ",".join(t.code for t in terms["target_groups"]),
            "; ".join(t.name for t in terms["target_groups"]),
            plain_decimal(i.budget),
            i.budget_currency,
            i.budget_period,
            ",".join(s.key for s in i.visible_strategies),
            ",".join(sorted(r.key for r in i.references.all())),
            request.build_absolute_uri(i.get_absolute_url()),
        ]
