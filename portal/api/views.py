"""The API's endpoints. Everyone reads published content; staff may add ?preview=1 to see
drafts, as on the public pages.

Staff write too, each action needing the Django permission it needs in the admin
(permissions.py), signed in by token or by the admin's session (authentication.py):
the catalogues (regions, themes, indicators, references, institutions, pages, SWOT
analyses and items) are created, changed and deleted one object at a time, checked
by the model's full_clean(); observations only in bulk, through the editors' import
(observation_import.py). Saves go through the ORM, so django-simple-history records
who changed what and the public pages show it at once (portal.ops.caching)."""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import ProtectedError, RestrictedError
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.exceptions import APIException, ValidationError
from rest_framework.permissions import SAFE_METHODS
from rest_framework.response import Response

from indicators.models import Indicator, Observation, Theme
from indicators.services import ObservationImportRejected, observation_import
from portal.datasets import selectors, tables
from portal.datasets.filters import IndicatorFilter, InstitutionFilter, ItemFilter, ObservationFilter
from portal.datasets.selection import RELEASE_PARAMETER, Selection
from portal.languages import language_codes, translated_columns
from portal.models import Institution, Page, Reference, Region
from portal.publishing import PREVIEW_PARAMETER
from portal.services import content_publish
from swot.models import Analysis

from . import observation_import as rows
from . import serializers
from .caching import CachedListMixin
from .observations import ObservationRowsList, every_observation_row
from .pagination import ObservationCursorPagination, PagePagination
from .permissions import ObservationImportPermissions
from .reading import ReadingMixin, ReleaseFilterBackend, StrictOrderingFilter, released_object

LANGUAGE_PARAMETERS = [
    OpenApiParameter(
        "lang",
        OpenApiTypes.STR,
        enum=language_codes(),
        description="Language of the texts; without it, the Accept-Language header decides. "
        "In a write, `name` (`title`, …) sets this language's text.",
    ),
    OpenApiParameter(
        "translations",
        OpenApiTypes.STR,
        enum=[serializers.ALL_TRANSLATIONS],
        description=f"`all` adds every language of each text: {', '.join(translated_columns('name'))}, …",
    ),
]
READ_PARAMETERS = [
    OpenApiParameter(
        RELEASE_PARAMETER,
        OpenApiTypes.STR,
        pattern=r"^([0-9]{4}\.[0-9]{1,3}|latest)$",
        description="A published release's version (`2026.1`) or `latest`: the rows as that release froze them "
        "(filters and ordering apply as to the live data). Without it, the live data.",
    ),
    OpenApiParameter(
        PREVIEW_PARAMETER,
        OpenApiTypes.STR,
        enum=["1"],
        description="Staff only: `1` shows drafts too, as the public would see them once published.",
    ),
]
READ_ACTIONS = ("list", "retrieve")
WRITE_DESCRIPTIONS = {
    "create": "Staff with the add permission on this kind of content. Relations by code, key or slug; "
    "the model's own checks apply, every problem named by field (400).",
    "update": "Staff with the change permission. Every field not marked optional.",
    "partial_update": "Staff with the change permission. Only the fields sent.",
    "destroy": "Staff with the delete permission. 409 when other content still refers to it (and nothing is deleted).",
}


def documented(viewset):
    """The language parameters on every operation of the viewset, and what each write needs."""
    operations = {}
    for action in READ_ACTIONS + tuple(WRITE_DESCRIPTIONS):
        if hasattr(viewset, action):
            description = WRITE_DESCRIPTIONS.get(action)
            parameters = LANGUAGE_PARAMETERS + (READ_PARAMETERS if action in READ_ACTIONS else [])
            operations[action] = extend_schema(
                parameters=parameters, **({"description": description} if description else {})
            )
    return extend_schema_view(**operations)(viewset)


class Conflict(APIException):
    """Refused because of other content (it still refers to the object, or was saved meanwhile)."""

    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


def still_referenced(obj, error):
    """409 naming what still refers to `obj`: “institutions: 5, observations: 224”."""
    counts = {}
    for referring in error.protected_objects if isinstance(error, ProtectedError) else error.restricted_objects:
        name = str(referring._meta.verbose_name_plural)
        counts[name] = counts.get(name, 0) + 1
    listed = ", ".join(f"{name}: {count}" for name, count in counts.items())
    return Conflict(
        _(
            "“%(object)s” was not deleted: other content still refers to it (%(referring)s). Change or delete that "
            "first."
        )
        % {"object": obj, "referring": listed}
    )


class PublicReadMixin(ReadingMixin, CachedListMixin):
    """Language from ?lang (else Accept-Language); malformed ?lang or ?translations is a 400, and so is
    an unknown parameter or release (portal.api.reading: ?release=, CSV of every row).
    Lists answer from the cache when they can (portal.api.caching)."""

    pagination_class = PagePagination
    filter_backends = [ReleaseFilterBackend, StrictOrderingFilter]
    language_parameters = [parameter.name for parameter in LANGUAGE_PARAMETERS]

    def initial(self, request, *args, **kwargs):
        language = request.query_params.get("lang")
        if language is not None:
            if language not in language_codes():
                raise ValidationError(
                    {"lang": [_("Choose one of %(codes)s.") % {"codes": ", ".join(language_codes())}]}
                )
            translation.activate(language)
            request.LANGUAGE_CODE = language
        translations = request.query_params.get("translations")
        if translations is not None and translations != serializers.ALL_TRANSLATIONS:
            raise ValidationError({"translations": [_("The only value is “all”.")]})
        self.check_query(request)
        super().initial(request, *args, **kwargs)


class ContentWriteMixin:
    """Writes find drafts too, run in one transaction, and never end in a 500: a protected
    delete or a unique key taken meanwhile is a 409."""

    def get_queryset(self):
        if self.request.method in SAFE_METHODS:
            return super().get_queryset()  # the public rows, or a release's (portal.api.reading)
        return self.row_model().objects.all()

    def perform_create(self, serializer):
        self.save_in_transaction(serializer)

    def perform_update(self, serializer):
        # Publishing and unpublishing go through the service the admin's actions use, so the history
        # records them with their reason; the other fields are saved as sent.
        instance, data = serializer.instance, serializer.validated_data
        published = data.pop("published", None)
        if published == getattr(instance, "published", None):
            published = None
        self.save_in_transaction(serializer, save=bool(data) or published is None, published=published)

    def save_in_transaction(self, serializer, *, save=True, published=None):
        try:
            with transaction.atomic():
                if save:
                    serializer.save()
                if published is not None:
                    content_publish([serializer.instance], published=published)
        except IntegrityError:
            raise Conflict(
                _("Someone saved a conflicting change at the same time; read the object again and retry.")
            ) from None

    def perform_destroy(self, instance):
        try:
            with transaction.atomic():
                instance.delete()
        except (ProtectedError, RestrictedError) as error:
            raise still_referenced(instance, error) from None


class ContentViewSet(ContentWriteMixin, PublicReadMixin, viewsets.ModelViewSet):
    # Any key without a slash reaches the view, so a malformed one gets the API's JSON 404.
    lookup_value_regex = "[^/]+"


@documented
class RegionViewSet(ContentViewSet):
    """Regions and cities, by code."""

    serializer_class = serializers.RegionSerializer
    lookup_field = "code"
    ordering_fields = ["code", "kind"]
    ordering = ["code"]

    def public_queryset(self):
        return Region.objects.visible_to(self.request).prefetch_related("code_sources")


@documented
class ThemeViewSet(ContentViewSet):
    """Themes that group the indicators."""

    serializer_class = serializers.ThemeSerializer
    lookup_field = "code"
    ordering_fields = ["code", "order"]
    ordering = ["order", "code"]

    def public_queryset(self):
        return Theme.objects.visible_to(self.request)


@documented
class ReferenceViewSet(ContentViewSet):
    """The bibliography: every source the portal cites, by key."""

    serializer_class = serializers.ReferenceSerializer
    lookup_field = "key"
    filterset_fields = {"kind": ["exact"], "year": ["exact", "gte", "lte"]}
    ordering_fields = ["key", "number", "year"]
    ordering = ["number", "key"]

    def public_queryset(self):
        return Reference.objects.visible_to(self.request)


@documented
class IndicatorViewSet(ContentViewSet):
    """Published indicators: what each measures, its unit, source and derivation."""

    serializer_class = serializers.IndicatorSerializer
    filterset_class = IndicatorFilter
    lookup_field = "code"
    ordering_fields = ["code", "order"]
    ordering = ["theme__order", "order", "code"]

    def public_queryset(self):
        return Indicator.objects.visible_to(self.request).with_last_updated().select_related("theme", "source")

    def released_rows(self, state):
        """A release's indicators, each last updated on the day of the release that last changed a value."""
        rows = super().released_rows(state)
        days = tables.indicators_last_updated(Selection(self.request, state.release))
        for row in rows:
            row.last_updated = datetime.date.fromisoformat(days[row.code]) if row.code in days else None
        return rows


@extend_schema_view(
    list=extend_schema(
        description=(
            "Observations of published indicators, one per indicator, region and period, with their unit, value in "
            "base units, frequency and the release that revised them. JSON comes in pages (follow `next`); "
            "`?format=csv` answers every matching row in one file, without pages."
        ),
        parameters=LANGUAGE_PARAMETERS + READ_PARAMETERS,
    ),
    create=extend_schema(
        description=(
            "Staff with the add and change permissions on observations: a JSON list of rows, checked and saved "
            "as the editors' import does (all rows or none, one change set). `?dry_run=1` checks and counts, "
            "and saves nothing. Values are exact: a JSON number or decimal text with a point."
        ),
        parameters=[
            OpenApiParameter(
                "lang",
                OpenApiTypes.STR,
                enum=language_codes(),
                description="Language of the messages, and of `note`.",
            ),
            OpenApiParameter(
                rows.DRY_RUN_PARAMETER,
                OpenApiTypes.STR,
                enum=["0", "1"],
                description="`1`: check and count, save nothing.",
            ),
            OpenApiParameter(
                rows.CONFIRM_SCALE_PARAMETER,
                OpenApiTypes.STR,
                enum=["0", "1"],
                description=(
                    "`1`: import values far from their series (more than OBSERVATION_SCALE_GUARD_FACTOR times), which "
                    "are otherwise refused as likely scale slips."
                ),
            ),
        ],
        request=rows.ObservationRowSerializer(many=True),
        responses={
            200: OpenApiResponse(rows.ImportOutcomeSerializer, description="Dry run: what the rows would change."),
            201: OpenApiResponse(rows.ImportOutcomeSerializer, description="Saved, as one change set."),
            400: OpenApiResponse(
                rows.ImportRefusalSerializer,
                description="Nothing saved: every bad row with its column, value and reason.",
            ),
        },
    ),
)
class ObservationViewSet(PublicReadMixin, ObservationRowsList, viewsets.GenericViewSet):
    """Observations of published indicators, one per indicator, region and period."""

    serializer_class = serializers.ObservationSerializer
    filterset_class = ObservationFilter
    filter_backends = [ReleaseFilterBackend]
    pagination_class = ObservationCursorPagination
    permission_classes = [ObservationImportPermissions]
    action_parameters = {"create": (rows.DRY_RUN_PARAMETER, rows.CONFIRM_SCALE_PARAMETER)}

    def public_queryset(self):
        return Observation.objects.visible_to(self.request)

    def released_rows(self, state):
        return state.observations()

    def csv_rows(self, queryset):
        return every_observation_row(queryset, self.release_state, context=self.get_serializer_context())

    def create(self, request, *args, **kwargs):
        dry_run = rows.dry_run_flag(request)
        confirm_scale = rows.dry_run_flag(request, rows.CONFIRM_SCALE_PARAMETER)
        try:
            parsed = rows.parsed_rows(request.data)
        except rows.RowsNotAList:
            return Response(
                {
                    "detail": _(
                        "Send a JSON list of observations, each an object with indicator, region, period and value."
                    )
                },
                status=status.HTTP_400_BAD_REQUEST,
            )
        try:
            outcome = observation_import(
                parsed, user=request.user, filename=rows.API_FILENAME, dry_run=dry_run, confirm_scale=confirm_scale
            )
        except ObservationImportRejected as rejected:
            return Response(rows.refusal(rejected.errors), status=status.HTTP_400_BAD_REQUEST)
        return Response(
            rows.outcome_answer(outcome, dry_run), status=status.HTTP_200_OK if dry_run else status.HTTP_201_CREATED
        )


@documented
class InstitutionViewSet(ContentViewSet):
    """Published institutions of the innovation system."""

    serializer_class = serializers.InstitutionSerializer
    filterset_class = InstitutionFilter
    lookup_field = "slug"
    ordering_fields = ["slug", "kind", "founded_year"]
    ordering = ["kind", "slug"]

    def public_queryset(self):
        return Institution.objects.visible_to(self.request).select_related("region").prefetch_related("references")


@documented
class PageViewSet(ContentViewSet):
    """Published narrative pages (about, methodology, recommendations)."""

    serializer_class = serializers.PageSerializer
    lookup_field = "slug"
    ordering_fields = ["slug", "order"]
    ordering = ["order", "slug"]

    def public_queryset(self):
        return Page.objects.visible_to(self.request)


@documented
class AnalysisViewSet(ContentViewSet):
    """Published SWOT analyses."""

    serializer_class = serializers.AnalysisSerializer
    lookup_field = "slug"
    filterset_fields = {"year": ["exact", "gte", "lte"]}
    ordering_fields = ["slug", "year"]
    ordering = ["-year", "slug"]

    def public_queryset(self):
        return Analysis.objects.visible_to(self.request).select_related("region", "source")


class ItemMixin(ContentWriteMixin, PublicReadMixin):
    serializer_class = serializers.ItemSerializer

    def public_queryset(self):
        return selectors.items_with_public_evidence(self.request)


@documented
class ItemViewSet(ItemMixin, mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    """Items of the published SWOT analyses with the codes of their evidence."""

    filterset_class = ItemFilter
    ordering_fields = ["quadrant", "order", "key"]
    ordering = ["analysis__slug", "quadrant", "order", "key"]


ITEM_PATH_PARAMETERS = [
    OpenApiParameter(
        "analysis",
        OpenApiTypes.STR,
        OpenApiParameter.PATH,
        pattern="^[^/]+$",
        description="Slug of the SWOT analysis.",
    ),
    OpenApiParameter(
        "key",
        OpenApiTypes.STR,
        OpenApiParameter.PATH,
        pattern="^[^/]+$",
        description="Key of the item within that analysis.",
    ),
]


@extend_schema_view(
    **{
        action: extend_schema(
            parameters=ITEM_PATH_PARAMETERS + LANGUAGE_PARAMETERS + (READ_PARAMETERS if action == "retrieve" else []),
            **({"description": WRITE_DESCRIPTIONS[action]} if action in WRITE_DESCRIPTIONS else {}),
        )
        for action in ("retrieve", "update", "partial_update", "destroy")
    }
)
class ItemDetailViewSet(
    ItemMixin, mixins.RetrieveModelMixin, mixins.UpdateModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet
):
    """One SWOT item, named by its analysis and its key: /api/v1/swot-items/{analysis}/{key}/
    (a key is unique only within its analysis)."""

    filter_backends = []
    pagination_class = None

    def get_object(self):
        found = {"analysis__slug": self.kwargs["analysis"], "key": self.kwargs["key"]}
        if self.release_state is not None:
            item = released_object(self.get_queryset(), **found)
        else:
            item = get_object_or_404(self.get_queryset(), **found)
        self.check_object_permissions(self.request, item)
        return item
