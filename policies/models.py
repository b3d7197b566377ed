"""The policy itself: strategies that answer the SWOT analysis, the initiatives that carry them
out, who runs them, and the targets that show progress.

Code lists: the Sustainable Development Goals and their targets (A/RES/71/313), and the
EC-OECD STIP Compass taxonomy of policy instruments, themes and target groups.
"""

import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from indicators.models import VALUE_DECIMAL_PLACES, VALUE_MAX_DIGITS, Indicator
from indicators.periods import parse_period, validate_period
from portal.models import (
    Institution,
    NaturalKeyManager,
    NaturalKeyModel,
    PublishedManager,
    PublishedQuerySet,
    Reference,
    Region,
)
from portal.numbers import plain_decimal
from portal.publishing import can_preview
from swot.models import Analysis, Item

from .progress import months_between
from .tows import tows_problem, tows_type


class SdgGoal(NaturalKeyModel):
    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    short_name = models.CharField(_("short name"), max_length=100)
    name = models.CharField(_("name"), max_length=300)
    source = models.ForeignKey(
        Reference, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("source")
    )

    natural_key_fields = ("number",)

    class Meta(NaturalKeyModel.Meta):
        verbose_name = _("SDG goal")
        verbose_name_plural = _("SDG goals")
        ordering = ["number"]

    def __str__(self):
        return f"{self.number}. {self.short_name or self.name}"

    def get_absolute_url(self):
        return reverse("strategies") + f"?sdg={self.number}"


SDG_TARGET_CODE = re.compile(r"^(?P<goal>\d{1,2})\.(?P<target>\d{1,2}|[a-z])$")


class SdgTarget(NaturalKeyModel):
    goal = models.ForeignKey(SdgGoal, models.PROTECT, related_name="targets", verbose_name=_("goal"))
    code = models.CharField(
        _("code"),
        max_length=8,
        unique=True,
        validators=[RegexValidator(SDG_TARGET_CODE, _("Write the goal, a point and the target: 9.5 or 9.a."))],
    )
    text = models.TextField(_("text"))
    # Derived from the code on save: 9.1 … 9.5 before 9.a … 9.c.
    order = models.PositiveSmallIntegerField(_("order"), default=0, editable=False)
    source = models.ForeignKey(
        Reference, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("source")
    )

    natural_key_fields = ("code",)

    class Meta(NaturalKeyModel.Meta):
        verbose_name = _("SDG target")
        verbose_name_plural = _("SDG targets")
        ordering = ["goal__number", "order", "code"]

    def __str__(self):
        return self.code

    def clean(self):
        match = SDG_TARGET_CODE.match(self.code or "")
        if match and self.goal_id is not None and int(match["goal"]) != self.goal.number:
            raise ValidationError(
                {"code": _("Target %(code)s belongs to goal %(goal)s.") % {"code": self.code, "goal": match["goal"]}}
            )

    def save(self, *args, **kwargs):
        match = SDG_TARGET_CODE.match(self.code or "")
        if match:
            part = match["target"]
            self.order = int(part) if part.isdigit() else 100 + ord(part) - ord("a")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return self.goal.get_absolute_url()


class TaxonomyTerm(NaturalKeyModel):
    """A term of the EC-OECD STIP Compass taxonomy: an instrument type, a policy theme or a target
    group (STIP's own codes: PI…, TH…, TG…), or the group, area or category above it."""

    class Vocabulary(models.TextChoices):
        INSTRUMENT_GROUP = "instrument_group", _("instrument group")
        INSTRUMENT_TYPE = "instrument_type", _("instrument type")
        POLICY_AREA = "policy_area", _("policy area")
        THEME = "theme", _("policy theme")
        TARGET_GROUP_CATEGORY = "target_group_category", _("target group category")
        TARGET_GROUP = "target_group", _("target group")

    # The vocabulary a term's parent belongs to; the groups above have none.
    PARENT_VOCABULARY = {
        Vocabulary.INSTRUMENT_TYPE: Vocabulary.INSTRUMENT_GROUP,
        Vocabulary.THEME: Vocabulary.POLICY_AREA,
        Vocabulary.TARGET_GROUP: Vocabulary.TARGET_GROUP_CATEGORY,
    }

    vocabulary = models.CharField(_("vocabulary"), max_length=24, choices=Vocabulary.choices)
    code = models.SlugField(
        _("code"), max_length=64, help_text=_("STIP Compass's code (PI015, TH31, TG29), or a slug for a group.")
    )
    parent = models.ForeignKey(
        "self", models.RESTRICT, null=True, blank=True, related_name="children", verbose_name=_("group")
    )
    name = models.CharField(_("name"), max_length=300)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    source = models.ForeignKey(
        Reference, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("source")
    )

    natural_key_fields = ("vocabulary", "code")

    class Meta(NaturalKeyModel.Meta):
        verbose_name = _("STIP taxonomy term")
        verbose_name_plural = _("STIP taxonomy terms")
        ordering = ["vocabulary", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["vocabulary", "code"], name="taxonomyterm_unique_vocabulary_code")
        ]

    def __str__(self):
        return f"{self.code} {self.name}" if self.vocabulary in self.PARENT_VOCABULARY else self.name

    def clean(self):
        wanted = self.PARENT_VOCABULARY.get(self.vocabulary)
        parent = self.parent if self.parent_id else None
        if wanted is None and parent is not None:
            raise ValidationError({"parent": _("A group, area or category has no group above it.")})
        if wanted is not None and (parent is None or parent.vocabulary != wanted):
            raise ValidationError(
                {"parent": _("Choose its %(vocabulary)s.") % {"vocabulary": self.Vocabulary(wanted).label}}
            )

    def get_absolute_url(self):
        parameter = FILTER_PARAMETERS.get(self.vocabulary)
        return reverse("initiatives") + (f"?{parameter}={self.code}" if parameter else "")


# The initiatives directory's filter for each vocabulary of the codes (portal/site/policy_views.py).
FILTER_PARAMETERS = {
    TaxonomyTerm.Vocabulary.INSTRUMENT_TYPE: "instrument",
    TaxonomyTerm.Vocabulary.THEME: "theme",
    TaxonomyTerm.Vocabulary.TARGET_GROUP: "target_group",
}


class StrategyQuerySet(PublishedQuerySet):
    def visible_to(self, request=None):
        """Published strategies of the analyses `request` may see (every one for an editor previewing)."""
        return super().visible_to(request).filter(analysis__in=Analysis.objects.visible_to(request))


class Strategy(NaturalKeyModel):
    """A recommendation: what to do about the SWOT items it pairs (its TOWS type follows from them)."""

    analysis = models.ForeignKey(Analysis, models.PROTECT, related_name="strategies", verbose_name=_("SWOT analysis"))
    key = models.SlugField(_("key"), max_length=100, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"), blank=True)
    items = models.ManyToManyField(
        Item,
        blank=True,
        related_name="strategies",
        verbose_name=_("SWOT items it answers"),
        help_text=_("Items of its analysis: strengths or weaknesses, with opportunities or threats."),
    )
    sdg_goals = models.ManyToManyField(SdgGoal, blank=True, related_name="strategies", verbose_name=_("SDG goals"))
    sdg_targets = models.ManyToManyField(
        SdgTarget, blank=True, related_name="strategies", verbose_name=_("SDG targets")
    )
    references = models.ManyToManyField(Reference, blank=True, related_name="strategies", verbose_name=_("references"))
    published = models.BooleanField(_("published"), default=False)

    natural_key_fields = ("key",)
    objects = NaturalKeyManager.from_queryset(StrategyQuerySet)()

    class Meta(NaturalKeyModel.Meta):
        verbose_name = _("strategy")
        verbose_name_plural = _("strategies")
        ordering = ["analysis", "order", "key"]

    def __str__(self):
        return self.title or self.key

    def get_absolute_url(self):
        return reverse("strategies") + "#strategy-" + self.key

    @property
    def tows_type(self):
        """SO, ST, WO or WT from the quadrants of its items; None when they do not determine one."""
        return tows_type(item.quadrant for item in self.items.all())


def items_problem(analysis, items):
    """Why `items` cannot be the SWOT items of a strategy of `analysis`, or None."""
    others = sorted(item.key for item in items if item.analysis_id != analysis.pk)
    if others:
        return _("Not items of the analysis “%(analysis)s”: %(keys)s.") % {
            "analysis": analysis.slug,
            "keys": ", ".join(others),
        }
    return tows_problem(item.quadrant for item in items)


BUDGET_PERIOD = re.compile(r"^(?P<first>[^/]+)(?:/(?P<last>[^/]+))?$")
CURRENCY = RegexValidator(r"^[A-Z]{3}$", _("Write the ISO 4217 code of the currency, e.g. KZT, USD, EUR."))


def validate_period_span(text):
    """A period (2021) or a span of two periods in order, ISO 8601 style (2020/2025)."""
    match = BUDGET_PERIOD.match(text or "")
    if not match:
        raise ValidationError(_("Write a period (2021) or two periods with a slash (2020/2025)."))
    first = parse_period(match["first"])
    if match["last"] and parse_period(match["last"]).end < first.start:
        raise ValidationError(_("The second period of the span comes before the first."))


def stip_terms(vocabulary, name, verbose_name):
    """An initiative's codes of one STIP vocabulary (term.initiatives_as_<name> the other way)."""
    return models.ManyToManyField(
        TaxonomyTerm,
        blank=True,
        related_name=f"initiatives_as_{name}",
        limit_choices_to={"vocabulary": vocabulary},
        verbose_name=verbose_name,
    )


class Initiative(NaturalKeyModel):
    """A policy initiative in the sense of STIP Compass: a programme, road map, regime, fund
    instrument, law or strategy document, with its instruments, themes and target groups."""

    class Kind(models.TextChoices):
        PROGRAMME = "programme", _("programme")
        ROAD_MAP = "road_map", _("road map")
        MEASURE = "measure", _("measure of a programme or road map")
        SEZ_REGIME = "sez_regime", _("special economic zone regime")
        TECHNOLOGY_PARK_REGIME = "technology_park_regime", _("technology park regime")
        FUND_INSTRUMENT = "fund_instrument", _("fund or financing instrument")
        PUBLIC_PROCUREMENT = "public_procurement", _("public procurement")
        LAW = "law", _("law or regulation")
        STRATEGY_DOCUMENT = "strategy_document", _("strategy document")

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        ACTIVE = "active", _("active")
        COMPLETED = "completed", _("completed")
        DISCONTINUED = "discontinued", _("discontinued")

    key = models.SlugField(_("key"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    # RESTRICT: a programme with parts cannot be deleted alone, but it can together with its parts.
    part_of = models.ForeignKey(
        "self", models.RESTRICT, null=True, blank=True, related_name="parts", verbose_name=_("part of")
    )
    name = models.CharField(_("name"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    region = models.ForeignKey(
        Region,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="initiatives",
        verbose_name=_("region"),
        help_text=_("Empty for national initiatives."),
    )
    website = models.URLField(_("website"), blank=True)
    instrument_types = stip_terms(TaxonomyTerm.Vocabulary.INSTRUMENT_TYPE, "instrument", _("instrument types"))
    themes = stip_terms(TaxonomyTerm.Vocabulary.THEME, "theme", _("policy themes"))
    target_groups = stip_terms(TaxonomyTerm.Vocabulary.TARGET_GROUP, "target_group", _("target groups"))
    responsible_institutions = models.ManyToManyField(
        Institution, blank=True, related_name="initiatives_run", verbose_name=_("responsible institutions")
    )
    partner_institutions = models.ManyToManyField(
        Institution, blank=True, related_name="initiatives_joined", verbose_name=_("partner institutions")
    )
    start = models.CharField(
        _("start"), max_length=10, blank=True, validators=[validate_period], help_text=_("2020, 2020-03 or a day.")
    )
    end = models.CharField(_("end"), max_length=10, blank=True, validators=[validate_period])
    dates_source = models.ForeignKey(
        Reference,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("source of the dates"),
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, blank=True)
    status_source = models.ForeignKey(
        Reference, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("source of the status")
    )
    budget = models.DecimalField(
        _("budget"), max_digits=VALUE_MAX_DIGITS, decimal_places=VALUE_DECIMAL_PLACES, null=True, blank=True
    )
    budget_currency = models.CharField(_("currency"), max_length=3, blank=True, validators=[CURRENCY])
    budget_period = models.CharField(
        _("budget period"),
        max_length=21,
        blank=True,
        validators=[validate_period_span],
        help_text=_("The period the budget covers: 2021, or 2020/2025."),
    )
    budget_source = models.ForeignKey(
        Reference, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("source of the budget")
    )
    strategies = models.ManyToManyField(
        Strategy, blank=True, related_name="initiatives", verbose_name=_("strategies it serves")
    )
    swot_items = models.ManyToManyField(
        Item,
        blank=True,
        related_name="initiatives",
        verbose_name=_("SWOT items that name it"),
        help_text=_("Items that cite this initiative as evidence."),
    )
    references = models.ManyToManyField(
        Reference, blank=True, related_name="initiatives", verbose_name=_("references")
    )
    published = models.BooleanField(_("published"), default=False)

    natural_key_fields = ("key",)
    objects = PublishedManager()

    class Meta(NaturalKeyModel.Meta):
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["key"]

    def __str__(self):
        return self.name or self.key

    def get_absolute_url(self):
        return reverse("initiative", kwargs={"key": self.key})

    def clean(self):
        errors = {}
        if (self.start or self.end) and self.dates_source_id is None:
            errors["dates_source"] = _("Name the source of the dates.")
        if self.start and self.end:
            try:
                if parse_period(self.end).end < parse_period(self.start).start:
                    errors["end"] = _("The end comes before the start.")
            except ValidationError:
                pass  # the field's own validator names the malformed period
        if self.status and self.status_source_id is None:
            errors["status_source"] = _("Name the source of the status.")
        budget_parts = {
            "budget_currency": self.budget_currency,
            "budget_period": self.budget_period,
            "budget_source": self.budget_source_id,
        }
        if self.budget is not None:
            for field, value in budget_parts.items():
                if not value:
                    errors[field] = _("A budget needs its currency, its period and its source.")
        elif any(budget_parts.values()):
            errors["budget"] = _("Currency, period and source belong to a budget: give the amount or leave them out.")
        if self.budget is not None and self.budget < 0:
            errors["budget"] = _("A budget cannot be negative.")
        parent, seen = self.part_of if self.part_of_id else None, {self.pk}
        while parent is not None:
            if parent.pk in seen:
                errors["part_of"] = _("An initiative cannot be part of itself, directly or through others.")
                break
            seen.add(parent.pk)
            parent = parent.part_of
        if errors:
            raise ValidationError(errors)


class TargetQuerySet(PublishedQuerySet):
    def visible_to(self, request=None):
        """Published targets of public indicators, set by an initiative or strategy `request` may see."""
        if can_preview(request, self.model):
            return self
        return self.published().filter(
            models.Q(initiative__in=Initiative.objects.visible_to(request))
            | models.Q(strategy__in=Strategy.objects.visible_to(request)),
            indicator__in=Indicator.objects.visible_to(request),
        )


class Target(NaturalKeyModel):
    """A value an indicator should reach in a region by a period, set by an initiative or a strategy."""

    key = models.SlugField(_("key"), max_length=100, unique=True)
    indicator = models.ForeignKey(Indicator, models.PROTECT, related_name="targets", verbose_name=_("indicator"))
    region = models.ForeignKey(Region, models.PROTECT, related_name="targets", verbose_name=_("region"))
    value = models.DecimalField(_("target value"), max_digits=VALUE_MAX_DIGITS, decimal_places=VALUE_DECIMAL_PLACES)
    period = models.CharField(
        _("target period"), max_length=10, validators=[validate_period], help_text=_("By when: 2025, 2025-Q4 …")
    )
    baseline_value = models.DecimalField(
        _("baseline value"),
        max_digits=VALUE_MAX_DIGITS,
        decimal_places=VALUE_DECIMAL_PLACES,
        null=True,
        blank=True,
        help_text=_("Empty: the observation of the baseline period is the baseline."),
    )
    baseline_period = models.CharField(_("baseline period"), max_length=10, validators=[validate_period])
    initiative = models.ForeignKey(
        Initiative,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="targets",
        verbose_name=_("set by initiative"),
    )
    strategy = models.ForeignKey(
        Strategy, models.CASCADE, null=True, blank=True, related_name="targets", verbose_name=_("set by strategy")
    )
    source = models.ForeignKey(
        Reference,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="targets",
        verbose_name=_("source"),
        help_text=_("Where the target is stated. Required to publish it."),
    )
    note = models.TextField(_("note"), blank=True)
    published = models.BooleanField(_("published"), default=False)

    natural_key_fields = ("key",)
    objects = NaturalKeyManager.from_queryset(TargetQuerySet)()

    class Meta(NaturalKeyModel.Meta):
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["indicator__code", "region__code", "period", "key"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(initiative__isnull=True, strategy__isnull=False)
                | models.Q(initiative__isnull=False, strategy__isnull=True),
                name="target_set_by_initiative_or_strategy",
            ),
            models.CheckConstraint(
                condition=models.Q(published=False) | models.Q(source__isnull=False),
                name="target_published_with_source",
            ),
        ]

    def __str__(self):
        return self.key

    def get_absolute_url(self):
        if self.initiative_id:
            return self.initiative.get_absolute_url() + "#target-" + self.key
        return reverse("strategies") + "#target-" + self.key

    @property
    def setter(self):
        """The initiative or strategy that sets the target."""
        return self.initiative if self.initiative_id else self.strategy

    def clean(self):
        errors = {}
        if (self.initiative_id is None) == (self.strategy_id is None):
            errors["initiative"] = _("A target is set by one initiative or by one strategy: name one of them.")
        if self.published and self.source_id is None:
            errors["source"] = _("A target without a source cannot be published: name where it is stated.")
        try:
            if months_between(self.baseline_period, self.period) < 1:
                errors["period"] = _("The target period must end at least a month after the baseline period.")
        except ValidationError:
            pass  # the fields' own validators name the malformed period
        if self.baseline_value is not None and self.value == self.baseline_value:
            errors["value"] = _("The target value equals the baseline: it sets no direction to move in.")
        if self.indicator_id is not None:
            for field in ("value", "baseline_value"):
                number = getattr(self, field)
                reason = self.indicator.implausibility(number) if number is not None else None
                if reason:
                    errors[field] = _("%(value)s is %(reason)s.") % {"value": plain_decimal(number), "reason": reason}
        if errors:
            raise ValidationError(errors)
