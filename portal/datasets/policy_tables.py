"""The policy as tables: the data package's resources (strategies, initiatives, targets, the code
lists and the links between them, with foreign keys) and the STIP-style list of initiatives.

Link tables carry the relations a comma-separated cell could not check: every row of them points
at rows of the package, so a Frictionless validation proves the references whole.
"""

from collections import defaultdict

from policies.models import Initiative, SdgGoal, SdgTarget, Strategy, Target, TaxonomyTerm
from policies.selectors import attach_progress, with_progress
from portal.numbers import plain_decimal

from . import columns
from .streaming import safe_rows


def keys(objects, field="key"):
    return ",".join(sorted(str(getattr(obj, field)) for obj in objects))


def key_of(obj, field="key"):
    return getattr(obj, field) if obj is not None else ""


def policy_selection(selection):
    """What the selection (a release's rows, or what the request may see) holds of the policy, read once
    for every table (portal.datasets.selection: relations already limited to what is visible)."""
    strategies = list(selection.objects(Strategy))
    initiatives = list(selection.objects(Initiative))
    keys_seen = {initiative.key for initiative in initiatives}
    for initiative in initiatives:
        if initiative.part_of is not None and initiative.part_of.key not in keys_seen:
            initiative.part_of = None  # a draft, or not in the release: not named
        initiative.visible_strategies = list(initiative.strategies.all())
    return {
        "strategies": strategies,
        "initiatives": initiatives,
        "targets": targets_with_progress(selection),
        "terms": list(selection.objects(TaxonomyTerm)),
        "goals": list(selection.objects(SdgGoal)),
        "sdg_targets": list(selection.objects(SdgTarget)),
    }


def targets_with_progress(selection):
    """The selection's targets with their progress."""
    return progress_of(list(selection.objects(Target)), selection.state)


def progress_of(targets, state=None):
    """`targets` with their progress, from the live observations, or from those of the release `state` (whose
    targets these are): a release's progress is its own, whatever the live data became."""
    if state is None:
        return with_progress(targets)
    wanted = {(t.indicator.code, t.region.code) for t in targets}
    grouped = defaultdict(list)
    versions = state.observations().filter(
        indicator__in={code for code, _region in wanted}, region__in={region for _code, region in wanted}
    )
    for version in versions.order_by("period_start", "period_end"):
        if (version.indicator, version.region) in wanted:
            grouped[(version.indicator, version.region)].append(version)
    return attach_progress(targets, grouped, lambda target: (target.indicator.code, target.region.code))


STRATEGY_HEADER = columns.header(columns.STRATEGIES)
STRATEGY_ITEM_HEADER = columns.header(columns.STRATEGY_SWOT_ITEMS)
INITIATIVE_HEADER = columns.header(columns.INITIATIVES)
INITIATIVE_TERM_HEADER = columns.header(columns.INITIATIVE_TERMS)
INITIATIVE_INSTITUTION_HEADER = columns.header(columns.INITIATIVE_INSTITUTIONS)
INITIATIVE_STRATEGY_HEADER = columns.header(columns.INITIATIVE_STRATEGIES)
TARGET_HEADER = columns.header(columns.TARGETS)
TERM_HEADER = columns.header(columns.POLICY_TERMS)
GOAL_HEADER = columns.header(columns.SDG_GOALS)
SDG_TARGET_HEADER = columns.header(columns.SDG_TARGETS)
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


def table_specs(selection):
    """(resource name, header, rows, table schema) of each policy table, as datapackage.table_specs gives them."""
    schema, link_schema = columns.table_schema, columns.link_schema
    source = ("references", "key")
    to_initiative = ("initiative", "initiatives", "key")
    return [
        (
            "strategies",
            STRATEGY_HEADER,
            safe_rows(strategy_rows(selection["strategies"])),
            schema(columns.STRATEGIES, key="key", foreign=[("analysis", "swot_analyses", "slug")]),
        ),
        (
            "strategy_swot_items",
            STRATEGY_ITEM_HEADER,
            safe_rows(strategy_item_rows(selection["strategies"])),
            link_schema(
                columns.STRATEGY_SWOT_ITEMS,
                ("strategy", "strategies", "key"),
                (["analysis", "item"], "swot_items", ["analysis", "key"]),
            ),
        ),
        (
            "initiatives",
            INITIATIVE_HEADER,
            safe_rows(initiative_rows(selection["initiatives"])),
            schema(
                columns.INITIATIVES,
                key="key",
                foreign=[
                    ("part_of", "", "key"),
                    ("region", "regions", "code"),
                    ("dates_source", *source),
                    ("status_source", *source),
                    ("budget_source", *source),
                ],
            ),
        ),
        (
            "initiative_terms",
            INITIATIVE_TERM_HEADER,
            safe_rows(initiative_term_rows(selection["initiatives"])),
            link_schema(
                columns.INITIATIVE_TERMS,
                to_initiative,
                (["vocabulary", "code"], "policy_terms", ["vocabulary", "code"]),
            ),
        ),
        (
            "initiative_institutions",
            INITIATIVE_INSTITUTION_HEADER,
            safe_rows(initiative_institution_rows(selection["initiatives"])),
            link_schema(columns.INITIATIVE_INSTITUTIONS, to_initiative, ("institution", "institutions", "slug")),
        ),
        (
            "initiative_strategies",
            INITIATIVE_STRATEGY_HEADER,
            safe_rows(initiative_strategy_rows(selection["initiatives"])),
            link_schema(columns.INITIATIVE_STRATEGIES, to_initiative, ("strategy", "strategies", "key")),
        ),
        (
            "targets",
            TARGET_HEADER,
            safe_rows(target_rows(selection["targets"])),
            schema(
                columns.TARGETS,
                key="key",
                foreign=[
                    ("indicator", "indicators", "code"),
                    ("region", "regions", "code"),
                    ("initiative", "initiatives", "key"),
                    ("strategy", "strategies", "key"),
                    ("source", *source),
                ],
            ),
        ),
        (
            "policy_terms",
            TERM_HEADER,
            safe_rows(term_rows(selection["terms"])),
            schema(
                columns.POLICY_TERMS,
                key=["vocabulary", "code"],
                foreign=[(["parent_vocabulary", "parent"], "", ["vocabulary", "code"]), ("source", *source)],
            ),
        ),
        (
            "sdg_goals",
            GOAL_HEADER,
            safe_rows(goal_rows(selection["goals"])),
            schema(columns.SDG_GOALS, key="number", foreign=[("source", *source)]),
        ),
        (
            "sdg_targets",
            SDG_TARGET_HEADER,
            safe_rows(sdg_target_rows(selection["sdg_targets"])),
            schema(columns.SDG_TARGETS, key="code", foreign=[("goal", "sdg_goals", "number"), ("source", *source)]),
        ),
    ]


# The STIP-style list: one row per initiative, its codes as comma-separated lists (STIP Compass's
# own codes: PI… instrument types, TH… themes, TG… target groups), names in the page's language.
STIP_HEADER = columns.header(columns.STIP)


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
