from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from . import policy_views, views

router = DefaultRouter()
router.register("regions", views.RegionViewSet, basename="region")
router.register("themes", views.ThemeViewSet, basename="theme")
router.register("indicators", views.IndicatorViewSet, basename="indicator")
router.register("observations", views.ObservationViewSet, basename="observation")
router.register("swot-analyses", views.AnalysisViewSet, basename="swot-analysis")
router.register("swot-items", views.ItemViewSet, basename="swot-item")
router.register("institutions", views.InstitutionViewSet, basename="institution")
router.register("references", views.ReferenceViewSet, basename="reference")
router.register("pages", views.PageViewSet, basename="page")
router.register("strategies", policy_views.StrategyViewSet, basename="strategy")
router.register("initiatives", policy_views.InitiativeViewSet, basename="initiative")
router.register("targets", policy_views.TargetViewSet, basename="target")
router.register("taxonomy", policy_views.TaxonomyTermViewSet, basename="taxonomy-term")
router.register("sdg-goals", policy_views.SdgGoalViewSet, basename="sdg-goal")
router.register("sdg-targets", policy_views.SdgTargetViewSet, basename="sdg-target")

# A SWOT item's key is unique only within its analysis, so its address names both.
item_detail = views.ItemDetailViewSet.as_view(
    {"get": "retrieve", "put": "update", "patch": "partial_update", "delete": "destroy"}
)

app_name = "api"
urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view loads its script from our own static files: no inline script, no CDN.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    re_path(r"^swot-items/(?P<analysis>[^/]+)/(?P<key>[^/]+)/$", item_detail, name="swot-item-detail"),
    path("", include(router.urls)),
]
