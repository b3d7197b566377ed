from modeltranslation.translator import TranslationOptions, register

from portal.languages import required_in
from portal.translation import register_history

from .models import Initiative, SdgGoal, SdgTarget, Strategy, Target, TaxonomyTerm


@register(SdgGoal)
class SdgGoalTranslation(TranslationOptions):
    fields = ("short_name", "name")
    required_languages = required_in("short_name", "name")


@register(SdgTarget)
class SdgTargetTranslation(TranslationOptions):
    fields = ("text",)
    required_languages = required_in("text")


@register(TaxonomyTerm)
class TaxonomyTermTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = required_in("name")


@register(Strategy)
class StrategyTranslation(TranslationOptions):
    fields = ("title", "text")
    required_languages = required_in("title")


@register(Initiative)
class InitiativeTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = required_in("name")


@register(Target)
class TargetTranslation(TranslationOptions):
    fields = ("note",)
    required_languages = ()


# After the translation fields exist, so history records every language (see portal/translation.py).
register_history(SdgGoal, SdgTarget, TaxonomyTerm, Target)
for model in (Strategy, Initiative):
    register_history(model, m2m_fields=[field.name for field in model._meta.many_to_many])
