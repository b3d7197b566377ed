"""Regions as statistics tables name them: by code, by name in any language, by the usual official
variants ("г. Астана", "Астана қ.", "Астана қаласы"), by a former name in the years it was used
("Нур-Султан" for 2019-2022), and by the aliases editors add in the admin. Footnote marks
("г. Астана1)", "Астана¹⁾") are not part of a name.
"""

import re

from django.conf import settings
from django.utils.translation import gettext as _

from portal.models import FormerName, Region, RegionAlias

from .cells import strip_marks

CITY_FORMS = ("г. {}", "г.{}", "город {}", "{} қ.", "{} қ", "{} қаласы", "{} city", "city of {}")
REGION_WORDS = ("область", "обл.", "облысы", "region", "oblast")
SPACES = re.compile(r"\s+")


def normal(text):
    text = SPACES.sub(" ", strip_marks(str(text))[0].lower().replace("ё", "е")).strip()
    return text.replace("г. ", "г.").replace("г.", "г. ") if text.startswith("г.") else text


def variants(name, kind):
    """The forms a name takes in statistics tables."""
    base = normal(name)
    if not base:
        return set()
    forms = {base}
    if kind == Region.Kind.CITY:
        forms |= {normal(form.format(base)) for form in CITY_FORMS}
    else:
        for word in REGION_WORDS:
            if base.endswith(" " + word):
                forms.add(base[: -len(word) - 1].strip())
            if base.startswith(word + " "):
                forms.add(base[len(word) + 1 :].strip())
    return forms


class RegionMatcher:
    """Looks labels up; a former name only matches a period inside its years."""

    def __init__(self):
        self.always = {}  # form -> {region}
        self.former = {}  # form -> [(region, year_from, year_to)]
        languages = [code for code, _name in settings.LANGUAGES]
        regions = {region.pk: region for region in Region.objects.all()}
        for region in regions.values():
            self.add(region.code.lower(), region)
            for code in languages:
                for form in variants(getattr(region, f"name_{code}", "") or "", region.kind):
                    self.add(form, region)
        for alias in RegionAlias.objects.all():
            region = regions.get(alias.region_id)
            if region is not None:
                for form in variants(alias.name, region.kind):
                    self.add(form, region)
        for former in FormerName.objects.all():
            region = regions.get(former.region_id)
            if region is None:
                continue
            forms = set()
            for code in languages:
                forms |= variants(getattr(former, f"name_{code}", "") or "", region.kind)
            for form in forms:
                self.former.setdefault(form, []).append((region, former.year_from, former.year_to))
        self.cache = {}

    def add(self, form, region):
        self.always.setdefault(form, set()).add(region)

    def match(self, label, year):
        """(region, None) or (None, reason) for a label in a row of period `year` (None: any)."""
        key = (label, year)
        if key not in self.cache:
            self.cache[key] = self.lookup(label, year)
        return self.cache[key]

    def lookup(self, label, year):
        form = normal(label)
        found = set(self.always.get(form, ()))
        formers = self.former.get(form, [])
        in_years = {region for region, first, last in formers if year is None or first <= year <= last}
        found |= in_years
        if len(found) == 1:
            return found.pop(), None
        if len(found) > 1:
            return None, _("the name fits several regions (%(codes)s); use the region's code") % {
                "codes": ", ".join(sorted(region.code for region in found))
            }
        if formers:
            region, first, last = formers[0]
            return None, _(
                "“%(name)s” was the name of %(region)s in %(first)s-%(last)s only, not in this period; if the table "
                "names the region by its name of a later year, add that name to the region's other names"
            ) % {
                "name": label,
                "region": region,
                "first": first,
                "last": last,
            }
        return None, None  # unknown
