"""Read-only endpoints. Everyone reads; nobody writes through the API (editors use the admin).
Staff may add ?preview=1 to see drafts, as on the public pages."""

from django.utils import translation
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.filters import OrderingFilter

from portal.datasets import selectors
from portal.datasets.filters import IndicatorFilter, InstitutionFilter, ItemFilter, ObservationFilter
from portal.languages import language_codes

from . import serializers
from .caching import CachedListMixin
from .observations import ObservationRowsList
from .pagination import ObservationCursorPagination, PagePagination

LANGUAGE_PARAMETERS = [
    OpenApiParameter(
        "lang", OpenApiTypes.STR, enum=["kk", "ru", "en"],
        description="Language of the texts; without it, the Accept-Language header decides.",
    ),
    OpenApiParameter(
        "translations", OpenApiTypes.STR, enum=[serializers.ALL_TRANSLATIONS],
        description="`all` adds every language of each text: name_kk, name_ru, name_en, …",
    ),
]


def documented(viewset):
    """The language parameters on every operation of the viewset."""
    return extend_schema_view(list=extend_schema(parameters=LANGUAGE_PARAMETERS), retrieve=extend_schema(parameters=LANGUAGE_PARAMETERS))(viewset)


class PublicReadMixin(CachedListMixin):
    """Language from ?lang (else Accept-Language); malformed ?lang or ?translations is a 400.
    Lists answer from the cache when they can (portal.api.caching)."""

    pagination_class = PagePagination
    filter_backends = [DjangoFilterBackend, OrderingFilter]

    def initial(self, request, *args, **kwargs):
        language = request.query_params.get("lang")
        if language is not None:
            if language not in language_codes():
                raise ValidationError({"lang": [_("Choose one of %(codes)s.") % {"codes": ", ".join(language_codes())}]})
            translation.activate(language)
            request.LANGUAGE_CODE = language
        translations = request.query_params.get("translations")
        if translations is not None and translations != serializers.ALL_TRANSLATIONS:
            raise ValidationError({"translations": [_("The only value is “all”.")]})
        super().initial(request, *args, **kwargs)


class ReadOnlyViewSet(PublicReadMixin, viewsets.ReadOnlyModelViewSet):
    # Any key without a slash reaches the view, so a malformed one gets the API's JSON 404.
    lookup_value_regex = "[^/]+"


@documented
class RegionViewSet(ReadOnlyViewSet):
    """Regions and cities, by code."""

    serializer_class = serializers.RegionSerializer
    lookup_field = "code"
    ordering_fields = ["code", "kind"]
    ordering = ["code"]

    def get_queryset(self):
        return selectors.public_regions(self.request)


@documented
class ThemeViewSet(ReadOnlyViewSet):
    """Themes that group the indicators."""

    serializer_class = serializers.ThemeSerializer
    lookup_field = "code"
    ordering_fields = ["code", "order"]
    ordering = ["order", "code"]

    def get_queryset(self):
        return selectors.public_themes(self.request)


@documented
class ReferenceViewSet(ReadOnlyViewSet):
    """The bibliography: every source the portal cites, by key."""

    serializer_class = serializers.ReferenceSerializer
    lookup_field = "key"
    filterset_fields = {"kind": ["exact"], "year": ["exact", "gte", "lte"]}
    ordering_fields = ["key", "number", "year"]
    ordering = ["number", "key"]

    def get_queryset(self):
        return selectors.public_references(self.request)


@documented
class IndicatorViewSet(ReadOnlyViewSet):
    """Published indicators: what each measures, its unit, source and derivation."""

    serializer_class = serializers.IndicatorSerializer
    filterset_class = IndicatorFilter
    lookup_field = "code"
    ordering_fields = ["code", "order"]
    ordering = ["theme__order", "order", "code"]

    def get_queryset(self):
        return selectors.public_indicators(self.request).select_related("theme", "source", "numerator", "denominator")


@extend_schema_view(list=extend_schema(parameters=LANGUAGE_PARAMETERS))
class ObservationViewSet(PublicReadMixin, ObservationRowsList, viewsets.GenericViewSet):
    """Observations of published indicators, one per indicator, region and period."""

    serializer_class = serializers.ObservationSerializer
    filterset_class = ObservationFilter
    filter_backends = [DjangoFilterBackend]
    pagination_class = ObservationCursorPagination

    def get_queryset(self):
        return selectors.public_observations(self.request)


@documented
class InstitutionViewSet(ReadOnlyViewSet):
    """Published institutions of the innovation system."""

    serializer_class = serializers.InstitutionSerializer
    filterset_class = InstitutionFilter
    lookup_field = "slug"
    ordering_fields = ["slug", "kind", "founded_year"]
    ordering = ["kind", "slug"]

    def get_queryset(self):
        return selectors.public_institutions(self.request).select_related("region").prefetch_related("references")


@documented
class PageViewSet(ReadOnlyViewSet):
    """Published narrative pages (about, methodology, recommendations)."""

    serializer_class = serializers.PageSerializer
    lookup_field = "slug"
    ordering_fields = ["slug", "order"]
    ordering = ["order", "slug"]

    def get_queryset(self):
        return selectors.public_pages(self.request)


@documented
class AnalysisViewSet(ReadOnlyViewSet):
    """Published SWOT analyses."""

    serializer_class = serializers.AnalysisSerializer
    lookup_field = "slug"
    filterset_fields = {"year": ["exact", "gte", "lte"]}
    ordering_fields = ["slug", "year"]
    ordering = ["-year", "slug"]

    def get_queryset(self):
        return selectors.public_analyses(self.request).select_related("region", "source")


@extend_schema_view(list=extend_schema(parameters=LANGUAGE_PARAMETERS))
class ItemViewSet(PublicReadMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Items of the published SWOT analyses with the codes of their evidence."""

    serializer_class = serializers.ItemSerializer
    filterset_class = ItemFilter
    ordering_fields = ["quadrant", "order", "key"]
    ordering = ["analysis__slug", "quadrant", "order", "key"]

    def get_queryset(self):
        return selectors.public_items(self.request)
