"""The project's URLs: the admin, the probes and the API without a language prefix; the public
site (portal.site, with the downloads of portal.datasets) under /kk/, /ru/ and /en/."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from portal.datasets import sdmx
from portal.ops import health

from .translation_report import translation_report_view

urlpatterns = [
    # The admin stays outside the language prefix: editors switch language in its own menu.
    path("admin/translations/", admin.site.admin_view(translation_report_view), name="translation_report"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    # Probes for load balancers: no language prefix, no redirect.
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    # The API takes its language from ?lang or Accept-Language, not from the path.
    path("api/v1/", include("portal.api.urls")),
    # The SDMX structure holds every language: one stable address, no language prefix.
    path("sdmx/structure.xml", sdmx.structure, name="sdmx_structure"),
]

# Public pages carry the language prefix; "/" redirects by Accept-Language (LocaleMiddleware).
urlpatterns += i18n_patterns(path("", include("portal.site.urls")), prefix_default_language=True)
