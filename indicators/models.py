"""Statistics: themes, indicators and their observations (one value per region and period)."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import connection, models
from django.db.models import Prefetch
from django.db.models.functions import Now
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.models import (
    ContentQuerySet,
    NaturalKeyManager,
    NaturalKeyModel,
    PublishedManager,
    PublishedQuerySet,
    Reference,
    Region,
)
from portal.numbers import plain_decimal

from .periods import parse_period, validate_period

VALUE_MAX_DIGITS = 20
# An indicator's metadata as an SDG metadata page gives it, in the order readers see it (the page,
# the API, the downloads); "last updated" is read from the data (IndicatorQuerySet.with_last_updated).
METADATA_FIELDS = ("periodicity", "next_release", "compiler", "contact", "methodology", "limitations", "coverage")
VALUE_DECIMAL_PLACES = 6
# SQLite keeps a decimal as a double: about 15 significant digits come back as they went in.
SQLITE_SIGNIFICANT_DIGITS = 15
WHOLE_DIGITS = VALUE_MAX_DIGITS - VALUE_DECIMAL_PLACES


def value_storage_problem(value):
    """Why the database cannot hold `value` exactly (too many places or digits), or None."""
    _sign, digits, exponent = value.as_tuple()
    if exponent.__class__ is not int:
        return gettext("not a number")
    whole = len(digits) + exponent
    if -exponent <= VALUE_DECIMAL_PLACES and whole <= WHOLE_DIGITS and len(digits) <= SQLITE_SIGNIFICANT_DIGITS:
        return None  # nearly every value: nothing to look at more closely
    if -exponent > VALUE_DECIMAL_PLACES:
        return gettext("more than %(places)s decimal places; round it in the file so no digit is lost silently") % {
            "places": VALUE_DECIMAL_PLACES
        }
    if value and whole > WHOLE_DIGITS:
        return gettext("too large to store")
    significant = len(value.normalize().as_tuple().digits) if value else 0
    if connection.vendor == "sqlite" and significant > SQLITE_SIGNIFICANT_DIGITS:
        return gettext(
            "%(digits)s significant digits; this database keeps %(kept)s exactly. Round the value, or run the portal "
            "on PostgreSQL"
        ) % {"digits": significant, "kept": SQLITE_SIGNIFICANT_DIGITS}
    return None


class Theme(NaturalKeyModel):
    code = models.SlugField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    natural_key_fields = ("code",)

    class Meta(NaturalKeyModel.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["order", "code"]

    def __str__(self):
        return self.name or self.code

    def get_absolute_url(self):
        return reverse("indicators") + "#theme-" + self.code


DERIVATION_PARTS = ("numerator", "denominator")


class IndicatorQuerySet(PublishedQuerySet):
    def visible_to(self, request=None):
        """The indicators `request` may see, each derived one with its numerator and denominator
        only if `request` may see them too: a draft part reads as None (its id stays), so a
        published share shows no draft's name or code on its page, in the API or in a download."""
        parts = PublishedQuerySet.visible_to(Indicator.objects.all(), request)
        return (
            super()
            .visible_to(request)
            .prefetch_related(*(Prefetch(name, queryset=parts) for name in DERIVATION_PARTS))
        )

    def select_related(self, *fields):
        """As Django's, but after visible_to() the two parts are not joined: a joined row would be
        shown whatever it is, and their filtered prefetch would be skipped."""
        prefetched = {
            lookup.prefetch_through for lookup in self._prefetch_related_lookups if isinstance(lookup, Prefetch)
        }
        hidden = prefetched & set(DERIVATION_PARTS)
        if hidden and fields and None not in fields:
            fields = tuple(name for name in fields if name.split("__")[0] not in hidden)
            if not fields:
                return self._chain()
        return super().select_related(*fields)

    def with_last_updated(self):
        """Annotates `last_updated`: when a value of the indicator last changed (its metadata's "last updated")."""
        latest = Observation.objects.filter(indicator=models.OuterRef("pk")).order_by("-updated_at")
        return self.annotate(last_updated=models.Subquery(latest.values("updated_at")[:1]))


class Indicator(NaturalKeyModel):
    class Periodicity(models.TextChoices):
        # Codes of SDMX FREQ.
        ANNUAL = "A", _("annual")
        HALF_YEARLY = "S", _("half-yearly")
        QUARTERLY = "Q", _("quarterly")
        MONTHLY = "M", _("monthly")
        WEEKLY = "W", _("weekly")
        DAILY = "D", _("daily")

    code = models.SlugField(_("code"), max_length=64, unique=True)
    theme = models.ForeignKey(Theme, models.PROTECT, related_name="indicators", verbose_name=_("theme"))
    name = models.CharField(_("name"), max_length=300)
    definition = models.TextField(_("definition"), blank=True)
    unit = models.CharField(_("unit"), max_length=100, blank=True, help_text=_("e.g. “%”, “enterprises”, “tenge”."))
    unit_forms = models.CharField(
        _("unit after a number"),
        max_length=200,
        blank=True,
        help_text=_(
            "The unit's forms after a number, separated by “|”, in the order of the language's plural forms "
            "(en: one|other, enterprise|enterprises; ru: one|few|many|other, "
            "предприятие|предприятия|предприятий|предприятия). Empty: the unit as written above."
        ),
    )
    unit_multiplier = models.SmallIntegerField(
        _("unit multiplier (power of ten)"),
        default=0,
        validators=[MinValueValidator(-12), MaxValueValidator(12)],
        help_text=_("As SDMX UNIT_MULT: values are in units of 10^n; 6 means millions."),
    )
    unit_code = models.CharField(
        _("unit code"),
        max_length=32,
        blank=True,
        validators=[RegexValidator(r"^[A-Za-z0-9_@$-]+$", _("Letters, digits, _, @, $ and - only."))],
        help_text=_("The unit as a code for SDMX UNIT_MEASURE: KZT, PT (per cent), PS (persons), ENTERPRISE."),
    )
    decimals = models.PositiveSmallIntegerField(
        _("decimals"),
        default=0,
        validators=[MaxValueValidator(VALUE_DECIMAL_PLACES)],
        help_text=_("Decimal places the values are published with."),
    )
    min_value = models.DecimalField(
        _("lowest plausible value"),
        max_digits=VALUE_MAX_DIGITS,
        decimal_places=VALUE_DECIMAL_PLACES,
        null=True,
        blank=True,
    )
    max_value = models.DecimalField(
        _("highest plausible value"),
        max_digits=VALUE_MAX_DIGITS,
        decimal_places=VALUE_DECIMAL_PLACES,
        null=True,
        blank=True,
    )
    source = models.ForeignKey(
        Reference, models.PROTECT, null=True, blank=True, related_name="indicators", verbose_name=_("source")
    )
    # A derived indicator is numerator / denominator x scale (a share from two counts).
    numerator = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("numerator"),
        help_text=_("For a derived indicator: the indicator divided…"),
    )
    denominator = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("denominator"),
        help_text=_("…by this one…"),
    )
    scale = models.DecimalField(
        _("scale"),
        max_digits=VALUE_MAX_DIGITS,
        decimal_places=VALUE_DECIMAL_PLACES,
        null=True,
        blank=True,
        help_text=_("…and multiplied by this (100 for a percentage)."),
    )
    # Metadata, as an SDG metadata page gives it. The date of the last update comes from the data.
    source_note = models.TextField(
        _("note on the source"), blank=True, help_text=_("Why this source, and what else readers should know of it.")
    )
    periodicity = models.CharField(_("periodicity"), max_length=1, choices=Periodicity.choices, blank=True)
    next_release = models.DateField(_("next release"), null=True, blank=True)
    compiler = models.CharField(_("compiling organisation"), max_length=300, blank=True)
    contact = models.CharField(
        _("contact"), max_length=200, blank=True, help_text=_("E-mail, telephone or web address of the compiler.")
    )
    methodology = models.TextField(_("methodology"), blank=True)
    limitations = models.TextField(_("comparability and limitations"), blank=True)
    coverage = models.CharField(_("geographic coverage"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    published = models.BooleanField(_("published"), default=False)

    natural_key_fields = ("code",)
    objects = PublishedManager.from_queryset(IndicatorQuerySet)()

    class Meta(NaturalKeyModel.Meta):
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["theme__order", "order", "code"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(numerator__isnull=True, denominator__isnull=True, scale__isnull=True)
                    | models.Q(numerator__isnull=False, denominator__isnull=False, scale__isnull=False)
                ),
                name="indicator_derivation_complete",
            ),
        ]

    def __str__(self):
        return self.name or self.code

    def get_absolute_url(self):
        return reverse("indicator", kwargs={"code": self.code})

    @property
    def is_derived(self):
        return self.numerator_id is not None

    def clean(self):
        derivation = (self.numerator_id, self.denominator_id, self.scale)
        if any(part is not None for part in derivation) and not all(part is not None for part in derivation):
            raise ValidationError(
                _("A derived indicator needs a numerator, a denominator and a scale; leave all three empty otherwise.")
            )
        if self.pk and self.pk in (self.numerator_id, self.denominator_id):
            raise ValidationError(_("An indicator cannot be derived from itself."))
        if self.min_value is not None and self.max_value is not None and self.min_value > self.max_value:
            raise ValidationError(_("The lowest plausible value is above the highest."))

    def implausibility(self, value):
        """Why `value` cannot be a value of this indicator (outside its plausible bounds), or None."""
        if self.min_value is not None and value < self.min_value:
            return _("below %(bound)s, the lowest plausible value of this indicator") % {
                "bound": plain_decimal(self.min_value)
            }
        if self.max_value is not None and value > self.max_value:
            return _("above %(bound)s, the highest plausible value of this indicator") % {
                "bound": plain_decimal(self.max_value)
            }
        return None

    def rounding_tolerance(self):
        """Half a unit in the last published decimal place: 0.05 for one decimal."""
        return Decimal(5).scaleb(-(self.decimals + 1))


class ObservationQuerySet(ContentQuerySet):
    def visible_to(self, request=None):
        """Observations of the indicators `request` may see: a draft indicator's numbers are not public."""
        return self.filter(indicator__in=Indicator.objects.visible_to(request))


class Observation(NaturalKeyModel):
    class Status(models.TextChoices):
        # Codes of SDMX OBS_STATUS, so exports speak the statistics offices' language.
        NORMAL = "A", _("normal")
        PROVISIONAL = "P", _("provisional")
        ESTIMATED = "E", _("estimated")
        BREAK = "B", _("break in series")

    indicator = models.ForeignKey(Indicator, models.CASCADE, related_name="observations", verbose_name=_("indicator"))
    region = models.ForeignKey(Region, models.PROTECT, related_name="observations", verbose_name=_("region"))
    period = models.CharField(
        _("period"),
        max_length=10,
        validators=[validate_period],
        help_text=_("2020, 2021-Q2, 2021-08 or 2021-08-01."),
    )
    period_start = models.DateField(_("period start"), editable=False)
    period_end = models.DateField(_("period end"), editable=False)
    value = models.DecimalField(_("value"), max_digits=VALUE_MAX_DIGITS, decimal_places=VALUE_DECIMAL_PLACES)
    status = models.CharField(_("status"), max_length=1, choices=Status.choices, default=Status.NORMAL)
    note = models.TextField(_("note"), blank=True)
    source = models.ForeignKey(
        Reference, models.PROTECT, null=True, blank=True, related_name="observations", verbose_name=_("source")
    )
    # The indicator's "last updated" is the latest of these. db_default: the import's COPY leaves it out.
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_default=Now(), editable=False)

    natural_key_fields = ("indicator__code", "region__code", "period")
    objects = NaturalKeyManager.from_queryset(ObservationQuerySet)()

    class Meta(NaturalKeyModel.Meta):
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        ordering = ["indicator__code", "region__code", "period_start", "period_end"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "region", "period"], name="observation_unique_indicator_region_period"
            ),
        ]
        indexes = [models.Index(fields=["indicator", "region", "period_start"], name="observation_series_idx")]

    def __str__(self):
        return f"{self.indicator} · {self.period}: {plain_decimal(self.value)}"

    def get_absolute_url(self):
        return self.indicator.get_absolute_url()

    def save(self, *args, **kwargs):
        # The dates are derived from the period text; keep them in step wherever it is saved from.
        parsed = parse_period(self.period)
        self.period, self.period_start, self.period_end = parsed
        super().save(*args, **kwargs)

    def clean(self):
        if self.indicator_id is None or self.value is None:
            return
        reason = self.indicator.implausibility(self.value)
        if reason:
            raise ValidationError(
                {"value": _("%(value)s is %(reason)s.") % {"value": plain_decimal(self.value), "reason": reason}}
            )


class ChangeSet(models.Model):
    """One import (or the revert of one) as a whole: every observation it created, changed or
    deleted, with the values before and after, so it can be reviewed and undone at once.

    Bulk writes send no signals and leave no per-row history; this is their history.
    """

    class Kind(models.TextChoices):
        IMPORT = "import", _("import")
        REVERT = "revert", _("revert")

    created_at = models.DateTimeField(_("when"), auto_now_add=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("who")
    )
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.IMPORT)
    filename = models.CharField(_("file"), max_length=255, blank=True)
    new_count = models.PositiveIntegerField(_("new"), default=0)
    changed_count = models.PositiveIntegerField(_("changed"), default=0)
    deleted_count = models.PositiveIntegerField(_("deleted"), default=0)
    # [{"indicator", "region", "period", "old": {field: value} | None, "new": … | None}, …]
    changes = models.JSONField(_("changes"), default=list, editable=False)
    reverts = models.OneToOneField(
        "self", models.PROTECT, null=True, blank=True, related_name="reverted_by", verbose_name=_("reverts")
    )

    class Meta:
        verbose_name = _("change set")
        verbose_name_plural = _("change sets")
        ordering = ["-created_at", "-pk"]
        # Change sets are a log: viewed and reverted, never edited by hand.
        default_permissions = ("view", "revert")

    def __str__(self):
        return _("%(kind)s of %(when)s") % {
            "kind": self.get_kind_display(),
            "when": timezone.localtime(self.created_at).strftime("%Y-%m-%d %H:%M") if self.created_at else "",
        }


class ImportJob(models.Model):
    """An observation file between upload and import: its bytes (in the database, so that any app
    server and any worker can read them), the editor's choices, and what reading and checking it
    found. A worker reads, checks and writes it (indicators.tasks); it is removed after the import,
    a cancel, or OBSERVATION_IMPORT_STAGED_HOURS."""

    announces_changes = False  # staged work, not content: saving or removing it changes nothing readers see

    class State(models.TextChoices):
        WAITING = "waiting", _("waiting for a worker")
        CHECKING = "checking", _("reading and checking")
        READY = "ready", _("ready to import")
        REFUSED = "refused", _("refused")
        IMPORTING = "importing", _("importing")
        DONE = "done", _("imported")
        FAILED = "failed", _("failed")

    token = models.UUIDField(_("token"), unique=True, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+", verbose_name=_("who"))
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    filename = models.CharField(_("file"), max_length=255)
    data = models.BinaryField(_("content"))
    language = models.CharField(_("language"), max_length=16)
    options = models.JSONField(_("choices"), default=dict)
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.WAITING)
    # What the worker found: the file's layout and counts, warnings, the choice it needs or why it was refused.
    result = models.JSONField(_("result"), default=dict)
    change_set = models.ForeignKey(
        ChangeSet, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("change set")
    )

    class Meta:
        verbose_name = _("staged import")
        verbose_name_plural = _("staged imports")
        ordering = ["-created_at"]
        default_permissions = ()

    def __str__(self):
        return self.filename


class ImportJobPage(models.Model):
    """One page of an import's preview (new, changed, unchanged rows) or of its problems, as shown."""

    announces_changes = False  # as ImportJob's; its removal is also a plain DELETE, no rows read back

    job = models.ForeignKey(ImportJob, models.CASCADE, related_name="pages")
    section = models.CharField(max_length=16)
    number = models.PositiveIntegerField()
    rows = models.JSONField(default=list)

    class Meta:
        default_permissions = ()
        constraints = [
            models.UniqueConstraint(fields=["job", "section", "number"], name="importjobpage_unique_page"),
        ]

    def __str__(self):
        return f"{self.job} · {self.section} {self.number}"
