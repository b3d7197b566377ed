from django.urls import path, re_path

from . import policy_downloads, views

app_name = "data"
urlpatterns = [
    path("", views.index, name="index"),
    path("observations.csv", views.observations_csv, name="observations_csv"),
    path("observations-wide.csv", views.observations_wide_csv, name="observations_wide_csv"),
    path("observations-sdmx.csv", views.observations_sdmx_csv, name="observations_sdmx_csv"),
    path("observations.json", views.observations_json, name="observations_json"),
    path("observations.xlsx", views.observations_xlsx, name="observations_xlsx"),
    path("datapackage.zip", views.datapackage_zip, name="datapackage_zip"),
    path("initiatives-stip.csv", policy_downloads.initiatives_stip_csv, name="initiatives_stip_csv"),
    re_path(r"^cite\.(?P<extension>bib|ris|json)$", views.citation, name="citation"),
]
