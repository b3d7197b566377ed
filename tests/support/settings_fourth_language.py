"""The portal's settings with a fourth language (Uzbek), as README "Adding a language" says:
LANGUAGES and the columns modeltranslation derives from them. The tables are made straight
from the models (no migrations), so they carry the new language's columns; a real
deployment would run makemigrations and migrate instead."""

import os

from portal.settings import *  # noqa: F403
from portal.settings import LANGUAGES

LANGUAGES = [*LANGUAGES, ("uz", "Uzbek")]
MODELTRANSLATION_LANGUAGES = tuple(code for code, _name in LANGUAGES)
# Every content app (and the releases that freeze them): tables from the models, with the new columns.
MIGRATION_MODULES = dict.fromkeys(("portal", "indicators", "swot", "policies", "datasets"))
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.environ["FOURTH_LANGUAGE_DATABASE"]}}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
