"""Releases: numbered, dated, immutable states of everything public, stored as temporal tables.

A release does not copy the database. Each public row is stored once per version of it, with
the number of the release it entered (`valid_from`) and of the release that replaced or withdrew
it (`valid_until`, empty while it is current). Release n is therefore the rows with
valid_from <= n < valid_until. Content of every app that registers itself in portal.content goes
into one generic table (ReleasedRecord: the row's fields, all languages, relations by natural key);
observations, the only table that grows large, have a typed one (ObservationVersion).
"""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from indicators.models import VALUE_DECIMAL_PLACES, VALUE_MAX_DIGITS, Observation

LATEST = "latest"
VERSION_PATTERN = r"^[0-9]{4}\.[0-9]{1,3}$"


class ReleaseQuerySet(models.QuerySet):
    def published(self):
        return self.filter(number__isnull=False).order_by("number")

    def planned(self):
        return self.filter(number__isnull=True).order_by("date", "version")

    def last_published(self):
        return self.filter(number__isnull=False).order_by("-number").first()


class Release(models.Model):
    """A release: published (it has a number and froze the public state) or announced (planned)."""

    version = models.CharField(
        _("version"),
        max_length=16,
        unique=True,
        validators=[RegexValidator(VERSION_PATTERN, _("Write the year, a dot and a number: 2026.1."))],
        help_text=_("Year and number within the year: 2026.1, 2026.2, …"),
    )
    date = models.DateField(_("date"), help_text=_("The day it is published (or planned to be)."))
    notes = models.TextField(_("notes"), blank=True, help_text=_("What is new in this release, for its readers."))
    number = models.PositiveIntegerField(_("number"), null=True, blank=True, unique=True, editable=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )

    objects = ReleaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("release")
        verbose_name_plural = _("releases")
        ordering = [models.F("number").desc(nulls_first=True), "-date"]
        permissions = [("publish_release", _("Can publish a release (it freezes the public data for good)"))]

    def __str__(self):
        return self.version

    def get_absolute_url(self):
        return reverse("data:release", kwargs={"version": self.version})

    @property
    def is_published(self):
        return self.number is not None


class Versioned(models.Model):
    """A row's version: in every release numbered from valid_from up to (not including) valid_until."""

    valid_from = models.PositiveIntegerField(_("in releases from"))
    valid_until = models.PositiveIntegerField(_("until"), null=True, blank=True)

    class Meta:
        abstract = True

    @classmethod
    def in_release(cls, number):
        return Q(valid_from__lte=number) & (Q(valid_until__isnull=True) | Q(valid_until__gt=number))


class ReleasedRecord(Versioned):
    """A version of one public row of any content model: its fields as the release froze them."""

    model = models.CharField(_("model"), max_length=100)  # app_label.model_name
    key = models.CharField(_("natural key"), max_length=500)  # the natural key as JSON text
    data = models.JSONField(_("data"))

    class Meta:
        verbose_name = _("released record")
        verbose_name_plural = _("released records")
        indexes = [
            models.Index(fields=["model", "valid_from"], name="record_model_from_idx"),
            models.Index(fields=["model", "valid_until"], name="record_model_until_idx"),
        ]

    def __str__(self):
        return f"{self.model} {self.key}"


class ObservationVersion(Versioned):
    """A version of one public observation, by natural keys (the live rows may change or go)."""

    mirrors = Observation

    indicator = models.CharField(_("indicator"), max_length=64)
    region = models.CharField(_("region"), max_length=64)
    period = models.CharField(_("period"), max_length=10)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    value = models.DecimalField(_("value"), max_digits=VALUE_MAX_DIGITS, decimal_places=VALUE_DECIMAL_PLACES)
    status = models.CharField(_("status"), max_length=1)
    note = models.TextField(_("note"), blank=True)
    source = models.CharField(_("source"), max_length=64, blank=True)
    # Set when this version replaced an earlier value of the same observation: "revised in <valid_from>".
    revises = models.BooleanField(_("revises an earlier value"), default=False)

    class Meta:
        verbose_name = _("observation version")
        verbose_name_plural = _("observation versions")
        indexes = [
            models.Index(fields=["valid_from"], name="obsversion_from_idx"),
            models.Index(fields=["valid_until"], name="obsversion_until_idx"),
            models.Index(
                fields=["indicator", "region", "period_start", "period_end", "period"], name="obsversion_key_idx"
            ),
        ]

    def __str__(self):
        return f"{self.indicator} · {self.region} · {self.period}"


class DataState(models.Model):
    """One row: when public content last changed (Last-Modified of the live downloads)."""

    modified_at = models.DateTimeField(_("content last changed"))

    class Meta:
        verbose_name = _("data state")
        default_permissions = ()

    def __str__(self):
        return self.modified_at.isoformat()


class ReleaseFile(models.Model):
    """A download of a release as it was first answered, kept compressed in parts (ReleaseFilePart): a
    release never changes, so later requests get these bytes back instead of the file built again
    (portal.datasets.stored). In the database, so that every app server has it."""

    release = models.ForeignKey(Release, models.CASCADE, related_name="files", verbose_name=_("release"))
    address = models.CharField(_("address digest"), max_length=64)  # http.answer_address, hashed
    path = models.CharField(_("address"), max_length=2000)
    format_version = models.CharField(_("format version"), max_length=8)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    stored_at = models.DateTimeField(_("stored at"), auto_now_add=True)

    class Meta:
        verbose_name = _("stored release file")
        verbose_name_plural = _("stored release files")
        default_permissions = ()
        constraints = [models.UniqueConstraint(fields=["release", "address"], name="release_file_address_unique")]

    def __str__(self):
        return self.path


class ReleaseFilePart(models.Model):
    """A part of a stored release file: at most stored.PART_BYTES of its zlib stream."""

    file = models.ForeignKey(ReleaseFile, models.CASCADE, related_name="parts")
    number = models.PositiveIntegerField()
    data = models.BinaryField()

    class Meta:
        default_permissions = ()
        constraints = [models.UniqueConstraint(fields=["file", "number"], name="release_file_part_unique")]

    def __str__(self):
        return f"{self.file} #{self.number}"
