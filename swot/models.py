"""SWOT analyses of a region, each item linked to the evidence it rests on."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from indicators.models import Indicator
from portal.models import (
    YEAR_VALIDATORS,
    ContentQuerySet,
    Institution,
    NaturalKeyManager,
    NaturalKeyModel,
    PublishedManager,
    Reference,
    Region,
)


class Analysis(NaturalKeyModel):
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

    class Meta(NaturalKeyModel.Meta):
        verbose_name = _("SWOT analysis")
        verbose_name_plural = _("SWOT analyses")
        ordering = ["-year", "slug"]

    def __str__(self):
        return self.title or self.slug

    def get_absolute_url(self):
        return reverse("swot_analysis", kwargs={"slug": self.slug})


class ItemQuerySet(ContentQuerySet):
    def visible_to(self, request=None):
        """Items of the analyses `request` may see."""
        return self.filter(analysis__in=Analysis.objects.visible_to(request))


class Item(NaturalKeyModel):
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
    objects = NaturalKeyManager.from_queryset(ItemQuerySet)()

    class Meta(NaturalKeyModel.Meta):
        verbose_name = _("SWOT item")
        verbose_name_plural = _("SWOT items")
        ordering = ["analysis", "quadrant", "order", "key"]
        constraints = [models.UniqueConstraint(fields=["analysis", "key"], name="item_unique_analysis_key")]

    def __str__(self):
        return self.title or self.key

    def get_absolute_url(self):
        return self.analysis.get_absolute_url() + "#item-" + self.key
