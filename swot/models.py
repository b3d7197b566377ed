"""SWOT analyses of a region, each item linked to the evidence it rests on."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from indicators.models import Indicator
from portal.models import (
    CONTENT_PERMISSIONS,
    YEAR_VALIDATORS,
    Institution,
    NaturalKeyManager,
    PublishedManager,
    Reference,
    Region,
)


class Analysis(models.Model):
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    region = models.ForeignKey(Region, models.PROTECT, related_name="swot_analyses", verbose_name=_("region"))
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    authors = models.CharField(_("authors"), max_length=500, blank=True)
    source = models.ForeignKey(
        Reference, models.PROTECT, null=True, blank=True, related_name="swot_analyses", verbose_name=_("source")
    )
    published = models.BooleanField(_("published"), default=False)

    natural_key_fields = ("slug",)
    objects = PublishedManager()

    class Meta:
        verbose_name = _("SWOT analysis")
        verbose_name_plural = _("SWOT analyses")
        ordering = ["-year", "slug"]
        default_permissions = CONTENT_PERMISSIONS

    def __str__(self):
        return self.title or self.slug

    def natural_key(self):
        return (self.slug,)


class Item(models.Model):
    class Quadrant(models.TextChoices):
        STRENGTH = "strength", _("strength")
        WEAKNESS = "weakness", _("weakness")
        OPPORTUNITY = "opportunity", _("opportunity")
        THREAT = "threat", _("threat")

    analysis = models.ForeignKey(Analysis, models.CASCADE, related_name="items", verbose_name=_("analysis"))
    key = models.SlugField(_("key"), max_length=100, help_text=_("Short identifier, unique within the analysis."))
    quadrant = models.CharField(_("quadrant"), max_length=16, choices=Quadrant.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"), blank=True)
    indicators = models.ManyToManyField(Indicator, blank=True, related_name="swot_items", verbose_name=_("indicators"))
    institutions = models.ManyToManyField(
        Institution, blank=True, related_name="swot_items", verbose_name=_("institutions")
    )
    references = models.ManyToManyField(Reference, blank=True, related_name="swot_items", verbose_name=_("references"))

    natural_key_fields = ("analysis__slug", "key")
    objects = NaturalKeyManager()

    class Meta:
        verbose_name = _("SWOT item")
        verbose_name_plural = _("SWOT items")
        ordering = ["analysis", "quadrant", "order", "key"]
        default_permissions = CONTENT_PERMISSIONS
        constraints = [models.UniqueConstraint(fields=["analysis", "key"], name="item_unique_analysis_key")]

    def __str__(self):
        return self.title or self.key

    def natural_key(self):
        return (self.analysis.slug, self.key)
