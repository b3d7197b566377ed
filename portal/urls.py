from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path

from . import health, views
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
]

# Public pages carry the language prefix; "/" redirects by Accept-Language (LocaleMiddleware).
urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("indicators/", views.indicator_list, name="indicators"),
    path("indicators/<slug:code>/", views.indicator_detail, name="indicator"),
    re_path(r"^indicators/(?P<code>[-\w]+)/chart\.(?P<extension>svg|png)$", views.indicator_chart, name="indicator_chart"),
    path("indicators/<slug:code>/series.csv", views.indicator_csv, name="indicator_csv"),
    path("swot/", views.swot, name="swot"),
    path("swot/<slug:slug>/", views.swot, name="swot_analysis"),
    path("institutions/", views.institution_list, name="institutions"),
    path("institutions/<slug:slug>/", views.institution_detail, name="institution"),
    path("references/", views.reference_list, name="references"),
    re_path(r"^references/(?P<key>[-\w]+)\.(?P<extension>bib|ris|json)$", views.reference_export, name="reference_export"),
    path("pages/<slug:slug>/", views.page, name="page"),
    path("search/", views.search_page, name="search"),
    path("compare/", views.compare, name="compare"),
    path("data/", include("portal.datasets.urls")),
    prefix_default_language=True,
)
