"""Filters a researcher uses, shared by the API and the downloads so that one query
string selects the same rows in both. A malformed value is a form error: the API
answers 400 with the message, the downloads too."""

import operator

import django_filters
from django import forms
from django.core.validators import validate_slug
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from indicators.models import Indicator, Observation, Theme
from indicators.periods import parse_period
from portal.models import Institution, Region
from swot.models import Analysis, Item

from .records import path_values

MAX_LIST_LENGTH = 200


class CommaListField(forms.CharField):
    """`a,b,c` -> ["a", "b", "c"]; each item a slug, or one of the `allowed` choices when given."""

    def __init__(self, *args, allowed=None, **kwargs):
        self.allowed = [str(value) for value, _label in allowed] if allowed else None
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        text = super().to_python(value)
        if not text:
            return []
        items = [item.strip() for item in text.split(",") if item.strip()]
        if len(items) > MAX_LIST_LENGTH:
            raise forms.ValidationError(
                ngettext("Give at most %(count)s value.", "Give at most %(count)s values.", MAX_LIST_LENGTH),
                params={"count": MAX_LIST_LENGTH},
            )
        for item in items:
            if self.allowed is not None and item not in self.allowed:
                raise forms.ValidationError(
                    _("“%(value)s” is not one of %(allowed)s."),
                    params={"value": item, "allowed": ", ".join(self.allowed)},
                )
            if self.allowed is None:
                try:
                    validate_slug(item)
                except forms.ValidationError:
                    raise forms.ValidationError(
                        _("“%(value)s” is not a code: use letters, digits, hyphens and underscores."),
                        params={"value": item},
                    ) from None
        return items


class PeriodField(forms.CharField):
    """A period as 2020, 2021-Q2, 2021-08 or 2021-08-01 -> (period, first day, last day)."""

    def to_python(self, value):
        text = super().to_python(value)
        if not text:
            return None
        try:
            return parse_period(text)
        except (ValueError, forms.ValidationError):
            raise forms.ValidationError(
                _("“%(value)s” is not a period: write 2020, 2021-Q2, 2021-08 or 2021-08-01."), params={"value": text}
            ) from None


def released_theme(qs, codes, state):
    return qs.filter(indicator__in=[i.code for i in state.objects(Indicator) if i.theme.code in codes])


# A release's observations name their indicator and region by code (portal.datasets.models.ObservationVersion).
RELEASED_LOOKUPS = {
    "indicator__code": lambda qs, codes, _state: qs.filter(indicator__in=codes),
    "region__code": lambda qs, codes, _state: qs.filter(region__in=codes),
    "indicator__theme__code": released_theme,
}


class CodeListFilter(django_filters.CharFilter):
    """Rows whose `field_name` is one of the comma-separated codes."""

    field_class = CommaListField

    def filter(self, qs, value):
        if not value:
            return qs
        state = getattr(self.parent, "state", None)
        if state is not None and self.field_name in RELEASED_LOOKUPS:
            return RELEASED_LOOKUPS[self.field_name](qs, value, state)
        return qs.filter(**{f"{self.field_name}__in": value})


class PeriodFilter(django_filters.CharFilter):
    """Periods that start on or after (`gte`) / end on or before (`lte`) the given one."""

    field_class = PeriodField

    def filter(self, qs, value):
        if value is None:
            return qs
        _period, start, end = value
        if self.lookup_expr == "gte":
            return qs.filter(period_start__gte=start)
        return qs.filter(period_end__lte=end)


# How a filter's lookup compares a release's row with the value asked for (filter_released).
RELEASED_COMPARISONS = {
    "exact": operator.eq,
    "gte": operator.ge,
    "lte": operator.le,
    "gt": operator.gt,
    "lt": operator.lt,
}


def released_match(filter_, values, value):
    """Whether the `values` a release's row has at the filter's path pass `filter_` given `value`."""
    if isinstance(filter_, CodeListFilter):
        return any(str(actual) in value for actual in values)
    return any(RELEASED_COMPARISONS[filter_.lookup_expr](actual, value) for actual in values)


class KnownCodesFilterSet(django_filters.FilterSet):
    """Names every unknown code in a message instead of silently returning nothing.

    `known_codes` maps a filter name to the model whose rows the request may see and the
    field holding their code.
    """

    known_codes = {}
    # The paths a filter with its own method reads in a release's rows ({"institution": [path, …]}: a row
    # passes when any of them does); other filters read their field_name (for a method, the filter's name).
    released_lookups = {}

    def __init__(self, *args, state=None, **kwargs):
        self.state = state  # a release's rows (portal.datasets.state) instead of the live ones
        super().__init__(*args, **kwargs)

    def codes_found(self, model, field, codes):
        if self.state is not None:
            return {str(code) for code in self.state.keys(model, field)} & set(codes)
        visible = model.objects.visible_to(self.request)
        return {str(code) for code in visible.filter(**{f"{field}__in": codes}).values_list(field, flat=True)}

    def filter_released(self, rows):
        """The rows of a release (unsaved instances, not a queryset) that the filters select, as
        `qs` selects the live ones; call after is_valid()."""
        rows = list(rows)
        for name, value in self.form.cleaned_data.items():
            if value is None or value == "" or value == []:
                continue
            filter_ = self.filters[name]
            lookups = self.released_lookups.get(name, [filter_.field_name])
            rows = [
                row
                for row in rows
                if any(released_match(filter_, path_values(row, lookup), value) for lookup in lookups)
            ]
        return rows

    def is_valid(self):
        super().is_valid()  # then name unknown codes too, so one answer lists every problem
        for name, (model, field) in self.known_codes.items():
            codes = self.form.cleaned_data.get(name) or []
            if not codes:
                continue
            found = self.codes_found(model, field, codes)
            missing = [code for code in codes if code not in found]
            if missing:
                self.form.add_error(
                    name,
                    forms.ValidationError(
                        _("Nothing published has the code %(codes)s."),
                        params={"codes": ", ".join(f"“{c}”" for c in missing)},
                    ),
                )
        return not self.form.errors


class ObservationFilter(KnownCodesFilterSet):
    indicator = CodeListFilter(field_name="indicator__code", help_text=_("Indicator codes, comma-separated."))
    region = CodeListFilter(field_name="region__code", help_text=_("Region codes, comma-separated."))
    theme = CodeListFilter(field_name="indicator__theme__code", help_text=_("Theme codes, comma-separated."))
    period_from = PeriodFilter(
        lookup_expr="gte", help_text=_("Periods starting on or after this one (2020, 2021-Q2, 2021-08, 2021-08-01).")
    )
    period_to = PeriodFilter(lookup_expr="lte", help_text=_("Periods ending on or before this one."))
    status = CodeListFilter(
        field_name="status",
        allowed=Observation.Status.choices,
        help_text=_("Observation status codes (SDMX OBS_STATUS), comma-separated: A, P, E, B."),
    )

    known_codes = {
        "indicator": (Indicator, "code"),
        "region": (Region, "code"),
        "theme": (Theme, "code"),
    }

    class Meta:
        model = Observation
        fields = []

    def is_valid(self):
        super().is_valid()
        start, end = self.form.cleaned_data.get("period_from"), self.form.cleaned_data.get("period_to")
        if start and end and start[1] > end[2]:
            self.form.add_error("period_to", _("period_to is before period_from."))
        return not self.form.errors


class IndicatorFilter(KnownCodesFilterSet):
    code = CodeListFilter(field_name="code", help_text=_("Indicator codes, comma-separated."))
    theme = CodeListFilter(field_name="theme__code", help_text=_("Theme codes, comma-separated."))

    known_codes = {"theme": (Theme, "code")}

    class Meta:
        model = Indicator
        fields = []


class InstitutionFilter(KnownCodesFilterSet):
    kind = CodeListFilter(
        field_name="kind", allowed=Institution.Kind.choices, help_text=_("Institution kinds, comma-separated.")
    )
    region = CodeListFilter(field_name="region__code", help_text=_("Region codes, comma-separated."))

    known_codes = {"region": (Region, "code")}

    class Meta:
        model = Institution
        fields = []


class ItemFilter(KnownCodesFilterSet):
    analysis = CodeListFilter(field_name="analysis__slug", help_text=_("SWOT analysis slugs, comma-separated."))
    quadrant = CodeListFilter(
        field_name="quadrant", allowed=Item.Quadrant.choices, help_text=_("Quadrants, comma-separated.")
    )
    region = CodeListFilter(field_name="analysis__region__code", help_text=_("Region codes, comma-separated."))

    known_codes = {"analysis": (Analysis, "slug"), "region": (Region, "code")}

    class Meta:
        model = Item
        fields = []
