from django.urls import path, re_path

from . import codebook, feeds, policy_downloads, release_views, views
from .http import only_parameters

app_name = "data"
urlpatterns = [
    path("", views.index, name="index"),
    path("observations.csv", views.observations_csv, name="observations_csv"),
    path("observations-wide.csv", views.observations_wide_csv, name="observations_wide_csv"),
    path("observations-sdmx.csv", views.observations_sdmx_csv, name="observations_sdmx_csv"),
    path("observations-sdmx2.csv", views.observations_sdmx2_csv, name="observations_sdmx2_csv"),
    path("observations.json", views.observations_json, name="observations_json"),
    path("observations.xlsx", views.observations_xlsx, name="observations_xlsx"),
    path("observations.parquet", views.observations_parquet, name="observations_parquet"),
    path("datapackage.zip", views.datapackage_zip, name="datapackage_zip"),
    path("initiatives-stip.csv", policy_downloads.initiatives_stip_csv, name="initiatives_stip_csv"),
    re_path(r"^cite\.(?P<extension>bib|ris|json)$", views.citation, name="citation"),
    path("codebook/", codebook.codebook_page, name="codebook"),
    path("codebook.csv", codebook.codebook_csv, name="codebook_csv"),
    path("releases.atom", only_parameters()(feeds.ReleaseFeed()), name="releases_feed"),
    path(
        "indicators/<slug:code>/changes.atom",
        only_parameters()(feeds.IndicatorChangesFeed()),
        name="indicator_changes_feed",
    ),
    re_path(r"^releases/(?P<version>[0-9]{4}\.[0-9]{1,3})/$", release_views.release_page, name="release"),
    re_path(
        r"^releases/(?P<version>[0-9]{4}\.[0-9]{1,3})/CITATION\.cff$", release_views.citation_cff, name="release_cff"
    ),
    re_path(
        r"^releases/(?P<version>[0-9]{4}\.[0-9]{1,3})/changes/$", release_views.changes_page, name="release_changes"
    ),
    re_path(
        r"^releases/(?P<version>[0-9]{4}\.[0-9]{1,3})/changes\.csv$",
        release_views.changes_download,
        {"extension": "csv"},
        name="release_changes_csv",
    ),
    re_path(
        r"^releases/(?P<version>[0-9]{4}\.[0-9]{1,3})/changes\.json$",
        release_views.changes_download,
        {"extension": "json"},
        name="release_changes_json",
    ),
]
