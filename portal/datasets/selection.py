"""What one download or list reads: the live public data or one release's, chosen by the query
string, with every parameter checked (an unknown one is refused, not ignored)."""

from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Prefetch
from django.http import Http404
from django.utils.translation import gettext as _

from indicators.models import Observation

from .filters import ObservationFilter
from .models import LATEST, Release
from .state import ReleaseState
from .tables import Lookups

RELEASE_PARAMETER = "release"
# Parameters every download understands besides the filters.
COMMON_PARAMETERS = (RELEASE_PARAMETER, "preview")
# Options some downloads take (`extra`), with the only values each accepts: junk is refused, not ignored.
OPTION_VALUES = {"bom": ("1",)}


class BadQuery(Exception):
    """The query string names an unknown parameter, release or code: `problems` says each, one per line."""

    def __init__(self, problems):
        self.problems = problems
        super().__init__("\n".join(problems))


def unknown_parameter_messages(query, known):
    """{name: message} of each parameter of `query` that is not in `known` (the API answers these as JSON)."""
    message = _("unknown parameter; the parameters here are %(known)s.") % {"known": ", ".join(sorted(known))}
    return dict.fromkeys(sorted(set(query) - set(known)), message)


def unknown_parameters(query, known):
    """Lines naming each parameter of `query` that is not in `known` (a download's 400 lists them)."""
    return [f"{name}: {message}" for name, message in unknown_parameter_messages(query, known).items()]


def release_named(text):
    """The published release `text` names ("2026.1" or "latest"), or BadQuery."""
    releases = Release.objects.filter(number__isnull=False)
    release = releases.order_by("-number").first() if text == LATEST else releases.filter(version=text).first()
    if release is None:
        versions = ", ".join(releases.order_by("number").values_list("version", flat=True)) or _("none yet")
        raise BadQuery(
            [
                _("%(name)s: there is no published release “%(value)s”; the releases are %(versions)s, or latest.")
                % {"name": RELEASE_PARAMETER, "value": text, "versions": versions}
            ]
        )
    return release


def foreign_keys(model):
    return [f.name for f in model._meta.concrete_fields if f.is_relation]


def live_objects(model, request):
    """What the public (or a previewing editor) sees of `model`, with its relations read at once (many-to-many
    ones limited to what the request may see, with their own foreign keys)."""
    queryset = model.objects.visible_to(request)
    prefetches = [
        Prefetch(f.name, f.related_model.objects.visible_to(request).select_related(*foreign_keys(f.related_model)))
        for f in model._meta.many_to_many
    ]
    return queryset.select_related(*foreign_keys(model)).prefetch_related(*prefetches)


@dataclass
class Selection:
    request: object
    release: Release | None = None
    filters: dict = field(default_factory=dict)  # the filter parameters as given
    observations: object = None  # the filtered observations (live or the release's)

    def __post_init__(self):
        self.state = ReleaseState(self.release) if self.release else None
        self._objects = {}

    def objects(self, model):
        """Every public row of `model` (a list, read once): the release's, else the live ones."""
        if model not in self._objects:
            rows = self.state.objects(model) if self.state is not None else live_objects(model, self.request)
            self._objects[model] = list(rows)
        return self._objects[model]

    @cached_property
    def latest_release(self):
        """The latest published release (what live data builds on), or None."""
        return Release.objects.last_published()

    def lookups(self):
        return Lookups.released(self.state) if self.state is not None else None

    def all_observations(self):
        if self.state is not None:
            return self.state.observations()
        return Observation.objects.visible_to(self.request)


def option_problems(query, names):
    return [
        _("%(name)s: give %(values)s or leave it out.") % {"name": name, "values": " or ".join(OPTION_VALUES[name])}
        for name in names
        if name in query and not set(query.getlist(name)) <= set(OPTION_VALUES[name])
    ]


def selection_from(request, *, extra=(), filterset_class=ObservationFilter, fixed=None):
    """The Selection the query string asks for; BadQuery naming every problem at once.

    `extra`: options of this download (OPTION_VALUES). `fixed`: filters the URL's path sets ({"indicator":
    code} for one indicator's series), which the query string may not set again; Http404 if one names nothing.
    """
    fixed = fixed or {}
    known = (set(filterset_class.base_filters) - set(fixed)) | set(COMMON_PARAMETERS) | set(extra)
    problems = unknown_parameters(request.GET, known) + option_problems(request.GET, extra)
    release = None
    if request.GET.get(RELEASE_PARAMETER):
        try:
            release = release_named(request.GET[RELEASE_PARAMETER])
        except BadQuery as bad:
            problems += bad.problems
    if problems:
        raise BadQuery(problems)
    selection = Selection(request, release)
    query = request.GET.copy()
    for name, value in fixed.items():
        query[name] = value
    filters = {name: value for name, value in query.items() if name in filterset_class.base_filters}
    filterset = filterset_class(query, queryset=selection.all_observations(), request=request, state=selection.state)
    if not filterset.is_valid():
        if set(fixed) & set(filterset.errors):
            raise Http404
        raise BadQuery([f"{name}: {message}" for name, messages in filterset.errors.items() for message in messages])
    selection.filters = filters
    selection.observations = filterset.qs
    return selection
