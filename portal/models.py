"""The shared vocabulary: regions, references, institutions and pages.

Nothing here imports from `indicators` or `swot`; they build on this.
"""

from operator import attrgetter

import markdown
import nh3
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .languages import translated_columns
from .publishing import can_preview

# Every content model may be imported and exported; django-import-export checks
# these two permissions (see IMPORT_EXPORT_*_PERMISSION_CODE in settings).
CONTENT_PERMISSIONS = ("add", "change", "delete", "view", "import", "export")

YEAR_VALIDATORS = [MinValueValidator(1800), MaxValueValidator(2200)]


class ContentQuerySet(models.QuerySet):
    def visible_to(self, request=None):
        """What `request` may read on the public pages, in the API and in the downloads: here, every row.
        Models with drafts, or whose rows belong to a draft, narrow it."""
        return self


class PublishedQuerySet(ContentQuerySet):
    def published(self):
        return self.filter(published=True)

    def visible_to(self, request=None):
        """Published rows, or every row for an editor previewing drafts (?preview=1)."""
        return self if can_preview(request, self.model) else self.published()


class NaturalKeyManager(models.Manager.from_queryset(ContentQuerySet)):
    """Looks rows up by the lookups named in the model's `natural_key_fields`."""

    def get_by_natural_key(self, *key):
        return self.get(**dict(zip(self.model.natural_key_fields, key, strict=True)))


class PublishedManager(NaturalKeyManager.from_queryset(PublishedQuerySet)):
    pass


class NaturalKeyModel(models.Model):
    """A content model: named by a natural key (files, the API and other portals name rows by it,
    never by database id), imported and exported with its own permissions."""

    # The lookups that name a row, e.g. ("region__code", "year_from"); a unique constraint holds them.
    natural_key_fields = ()
    objects = NaturalKeyManager()

    class Meta:
        abstract = True
        default_permissions = CONTENT_PERMISSIONS

    def natural_key(self):
        return tuple(attrgetter(lookup.replace("__", "."))(self) for lookup in self.natural_key_fields)


class Region(NaturalKeyModel):
    class Kind(models.TextChoices):
        CITY = "city", _("city of republican significance")
        REGION = "region", pgettext_lazy("kind of region", "region")

    code = models.SlugField(
        _("code"), max_length=64, unique=True, help_text=_("Stable identifier used in URLs, files and the API.")
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.REGION)
    kato = models.CharField(
        _("KATO code"),
        max_length=9,
        blank=True,
        validators=[RegexValidator(r"^[0-9]{9}$", _("Nine digits."))],
        help_text=_("Code in KATO; empty until taken from the classifier, cited in “sources of the codes”."),
    )
    iso_3166_2 = models.CharField(
        _("ISO 3166-2 code"),
        max_length=6,
        blank=True,
        validators=[RegexValidator(r"^[A-Z]{2}-[A-Z0-9]{1,3}$", _("As KZ-71."))],
        help_text=_("Subdivision code of ISO 3166-2 (KZ-71 for Astana); empty where none exists."),
    )
    code_sources = models.ManyToManyField(
        "Reference",
        blank=True,
        related_name="coded_regions",
        verbose_name=_("sources of the codes"),
        help_text=_("The classifiers the KATO and ISO 3166-2 codes were taken from."),
    )

    natural_key_fields = ("code",)

    class Meta(NaturalKeyModel.Meta):
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["code"]

    def __str__(self):
        return self.name or self.code


class FormerName(NaturalKeyModel):
    """A name a region had for a span of years (Astana was Nur-Sultan 2019-2022)."""

    region = models.ForeignKey(Region, models.CASCADE, related_name="former_names", verbose_name=_("region"))
    name = models.CharField(_("name"), max_length=200)
    year_from = models.PositiveSmallIntegerField(_("used from (year)"), validators=YEAR_VALIDATORS)
    year_to = models.PositiveSmallIntegerField(_("used until (year)"), validators=YEAR_VALIDATORS)

    natural_key_fields = ("region__code", "year_from")

    class Meta(NaturalKeyModel.Meta):
        verbose_name = _("former name")
        verbose_name_plural = _("former names")
        ordering = ["region", "year_from"]
        constraints = [
            models.UniqueConstraint(fields=["region", "year_from"], name="formername_unique_region_year_from"),
            models.CheckConstraint(
                condition=models.Q(year_to__gte=models.F("year_from")), name="formername_years_in_order"
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.year_from}-{self.year_to})"


class RegionAlias(NaturalKeyModel):
    """Another name statistics tables give a region ("Нур-Султан қ.", "Astana city"), added by editors
    so that the observation import recognises it; former names with their years are FormerName."""

    region = models.ForeignKey(Region, models.CASCADE, related_name="aliases", verbose_name=_("region"))
    name = models.CharField(_("name"), max_length=200, unique=True)

    natural_key_fields = ("name",)

    class Meta(NaturalKeyModel.Meta):
        verbose_name = _("other name in statistics tables")
        verbose_name_plural = _("other names in statistics tables")
        ordering = ["region", "name"]

    def __str__(self):
        return self.name


class Reference(NaturalKeyModel):
    class Kind(models.TextChoices):
        ARTICLE = "article", _("article")
        STATISTICS = "statistics", _("statistics")
        REPORT = "report", _("report")
        WEBPAGE = "webpage", _("web page")
        LAW = "law", _("law")
        PROGRAMME = "programme", _("programme")
        SPEECH = "speech", _("speech or address")

    key = models.SlugField(
        _("key"), max_length=64, unique=True, help_text=_("Citation key, e.g. mukhamedzhanova2021.")
    )
    number = models.PositiveIntegerField(_("number in the bibliography"), null=True, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.ARTICLE)
    authors = models.CharField(
        _("authors"),
        max_length=500,
        blank=True,
        help_text=_(
            "“Family, Initials” separated by semicolons, as published. An organisation as author is "
            "written in each language by its own name in that language."
        ),
    )
    language = models.CharField(
        _("language of the original"),
        max_length=32,
        blank=True,
        help_text=_(
            "The language the work is published in, as a code: “ru”, or “kk ru” for parallel originals. "
            "The title in that language is the original; titles in the portal's other languages are "
            "translations (shown in brackets)."
        ),
    )
    title = models.CharField(
        _("title"),
        max_length=500,
        blank=True,
        help_text=_(
            "In the original language as published, and translated into the others; "
            "leave the original empty when it has not been seen."
        ),
    )
    original_title = models.CharField(
        _("original title"),
        max_length=500,
        blank=True,
        help_text=_("The title as published, when the original language is none of the portal's languages."),
    )
    container = models.CharField(
        _("journal, book or website"),
        max_length=300,
        blank=True,
        help_text=_("As published, never translated: fill another language only with the journal's own title in it."),
    )
    publisher = models.CharField(_("publisher"), max_length=300, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True, validators=YEAR_VALIDATORS)
    volume = models.CharField(_("volume"), max_length=32, blank=True)
    issue = models.CharField(_("issue"), max_length=32, blank=True)
    pages = models.CharField(_("pages"), max_length=32, blank=True)
    url = models.URLField(_("URL"), max_length=500, blank=True)
    doi = models.CharField(_("DOI"), max_length=200, blank=True)
    accessed = models.DateField(_("accessed on"), null=True, blank=True)
    # Not stored: set on the unsaved Reference that cites one of the portal's own releases
    # (portal.datasets.metadata.dataset_reference), whose version and day of release the citations give.
    version = ""
    issued = None

    natural_key_fields = ("key",)

    class Meta(NaturalKeyModel.Meta):
        verbose_name = _("reference")
        verbose_name_plural = _("references")
        ordering = [models.F("number").asc(nulls_last=True), "key"]

    def __str__(self):
        return self.title or self.original_title or self.key

    def get_absolute_url(self):
        return reverse("references") + "#ref-" + self.key

    def clean(self):
        if not any(getattr(self, column) for column in translated_columns("title")) and not self.original_title:
            raise ValidationError({"title": _("A reference needs a title in at least one language.")})


class Institution(NaturalKeyModel):
    class Kind(models.TextChoices):
        SEZ = "sez", _("special economic zone")
        HUB = "hub", _("technology park or hub")
        UNIVERSITY = "university", _("university")
        SCHOOL_NETWORK = "school_network", _("school network")
        FUND = "fund", _("development bank or fund")
        AGENCY = "agency", _("city company or operator")
        # Programmes and road maps are not institutions but policy initiatives (policies.Initiative).
        GOVERNMENT = "government", _("government body")

    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    region = models.ForeignKey(
        Region,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="institutions",
        verbose_name=_("region"),
        help_text=_("Empty for national bodies."),
    )
    website = models.URLField(_("website"), blank=True)
    founded_year = models.PositiveSmallIntegerField(
        _("founded (year)"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    references = models.ManyToManyField(
        Reference, blank=True, related_name="institutions", verbose_name=_("references")
    )
    published = models.BooleanField(_("published"), default=False)

    natural_key_fields = ("slug",)
    objects = PublishedManager()

    class Meta(NaturalKeyModel.Meta):
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        ordering = ["kind", "slug"]

    def __str__(self):
        return self.name or self.slug

    def get_absolute_url(self):
        return reverse("institution", kwargs={"slug": self.slug})


def render_markdown(text):
    """Markdown to HTML that is safe to show: nh3 drops scripts, handlers and unknown tags."""
    html = markdown.markdown(text or "", extensions=["extra", "sane_lists"], output_format="html")
    return nh3.clean(html, link_rel="noopener noreferrer")


class Page(NaturalKeyModel):
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("body (Markdown)"), blank=True)
    # Derived from `body` on save, one column per language (see translation.py).
    body_html = models.TextField(_("body (sanitised HTML)"), blank=True, editable=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    published = models.BooleanField(_("published"), default=False)

    natural_key_fields = ("slug",)
    objects = PublishedManager()

    class Meta(NaturalKeyModel.Meta):
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        ordering = ["order", "slug"]

    def __str__(self):
        return self.title or self.slug

    def save(self, *args, **kwargs):
        # Sanitising here, not in a form, covers the admin, imports and the shell alike.
        for code, _name in settings.LANGUAGES:
            setattr(self, f"body_html_{code}", render_markdown(getattr(self, f"body_{code}")))
        if "update_fields" in kwargs and kwargs["update_fields"] is not None:
            kwargs["update_fields"] = set(kwargs["update_fields"]) | {f"body_html_{c}" for c, _n in settings.LANGUAGES}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("page", kwargs={"slug": self.slug})


class TranslationCheck(models.Model):
    """A translator's word that a text still says what its newer version in another language says.
    The translation report leaves the text out until that other version changes again."""

    content_type = models.ForeignKey("contenttypes.ContentType", models.CASCADE, verbose_name=_("kind"))
    object_id = models.PositiveBigIntegerField(_("object"))
    field = models.CharField(_("field"), max_length=100)
    language = models.CharField(_("language"), max_length=16)
    checked_at = models.DateTimeField(_("checked on"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("who")
    )

    class Meta:
        verbose_name = _("translation checked")
        verbose_name_plural = _("translations checked")
        default_permissions = ()
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field", "language"], name="translationcheck_unique_text"
            ),
        ]

    def __str__(self):
        return f"{self.field} [{self.language}]"
