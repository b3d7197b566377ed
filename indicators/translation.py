from modeltranslation.translator import TranslationOptions, register

from portal.languages import required_in
from portal.translation import register_history

from .models import Indicator, Observation, Theme


@register(Theme)
class ThemeTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = required_in("name")


@register(Indicator)
class IndicatorTranslation(TranslationOptions):
    fields = (
        "name",
        "definition",
        "unit",
        "unit_forms",
        "source_note",
        "compiler",
        "methodology",
        "limitations",
        "coverage",
    )
    required_languages = required_in("name")


@register(Observation)
class ObservationTranslation(TranslationOptions):
    fields = ("note",)
    required_languages = ()


# After the translation fields exist, so history records every language (see portal/translation.py).
register_history(Theme, Indicator)
# An observation's history is read by the observation (its id): indexes on its indicator, region and
# source would only slow the imports, which write one history row per observation.
register_history(Observation, no_db_index=["indicator", "region", "source"])
