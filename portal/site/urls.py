"""The public pages, under the language prefix (/kk/, /ru/, /en/) that portal.urls puts before them."""

from django.urls import include, path, re_path

from portal.datasets import views as data_views

from . import policy_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("indicators/", views.indicator_list, name="indicators"),
    path("indicators/<slug:code>/", views.indicator_detail, name="indicator"),
    path("indicators/<slug:code>/embed/", views.indicator_embed, name="indicator_embed"),
    re_path(
        r"^indicators/(?P<code>[-\w]+)/chart\.(?P<extension>svg|png)$", views.indicator_chart, name="indicator_chart"
    ),
    path("indicators/<slug:code>/series.csv", data_views.indicator_series_csv, name="indicator_csv"),
    path("swot/", views.swot, name="swot"),
    path("swot/<slug:slug>/", views.swot, name="swot_analysis"),
    path("institutions/", views.institution_list, name="institutions"),
    path("institutions/<slug:slug>/", views.institution_detail, name="institution"),
    path("references/", views.reference_list, name="references"),
    re_path(
        r"^references/(?P<key>[-\w]+)\.(?P<extension>bib|ris|json)$", views.reference_export, name="reference_export"
    ),
    path("pages/<slug:slug>/", views.page, name="page"),
    path("strategies/", policy_views.strategies, name="strategies"),
    path("initiatives/", policy_views.initiatives, name="initiatives"),
    path("initiatives/<slug:key>/", policy_views.initiative, name="initiative"),
    path("search/", views.search_page, name="search"),
    path("compare/", views.compare, name="compare"),
    path("preview.png", views.preview_image, name="preview_image"),
    path("data/", include("portal.datasets.urls")),
]
