"""Serializers list their fields explicitly: `__all__` would publish every `*_kk`
column and every draft flag. A translated text appears once, in the request's
language (with the portal's fallbacks); `?translations=all` adds `name_kk`,
`name_ru`, `name_en` and so on.

Writes (staff only, see permissions.py) take the same shape: relations by natural
key, `name` for the request language's column or `name_kk`/`name_ru`/`name_en`
for one language, and are checked by the model's own full_clean(), as the admin
checks them."""

import copy
import datetime

from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.utils import extend_schema_field
from modeltranslation.utils import get_language
from rest_framework import serializers
from rest_framework.fields import empty
from rest_framework.settings import api_settings

from indicators.models import METADATA_FIELDS, VALUE_DECIMAL_PLACES, VALUE_MAX_DIGITS, Indicator, Observation, Theme
from portal.datasets.columns import API_OBSERVATIONS, header, tidy_column
from portal.languages import language_codes
from portal.models import Institution, Page, Reference, Region
from portal.numbers import plain_decimal
from swot.models import Analysis, Item

from .permissions import is_staff

ALL_TRANSLATIONS = "all"
DECIMAL_TEXT_PATTERN = r"^-?\d+(\.\d+)?$"
STAFF_ONLY_HELP = gettext_lazy("Shown to staff only.")
WRITABLE_COLUMN_HELP = gettext_lazy(
    "One language's text: shown only with ?translations=all; written, it sets that language alone."
)


def wants_all_translations(context):
    request = context.get("request")
    return request is not None and request.query_params.get("translations") == ALL_TRANSLATIONS


class LanguageColumnField(serializers.CharField):
    """`<field>_<language>`: shown only with ?translations=all, so optional in the schema."""


class DerivedLanguageColumnField(LanguageColumnField):
    """A language column of a field nobody writes (a page's HTML, made from its Markdown): input is ignored."""

    def get_value(self, dictionary):
        return empty


class TranslatedModelSerializer(serializers.ModelSerializer):
    """Adds `<field>_<language>` after each field named in Meta.translated, shown only with ?translations=all.

    Fields named in Meta.staff_only (draft flags, plausible bounds) are shown to staff only.
    """

    def get_fields(self):
        fields = super().get_fields()
        ordered = {}
        for name, field in fields.items():
            ordered[name] = field
            if name in self.Meta.translated:
                if field.read_only:
                    column_class, help_text = DerivedLanguageColumnField, gettext_lazy("Only with ?translations=all.")
                else:
                    column_class, help_text = LanguageColumnField, WRITABLE_COLUMN_HELP
                for code in language_codes():
                    ordered[f"{name}_{code}"] = column_class(required=False, allow_blank=True, help_text=help_text)
        for name in getattr(self.Meta, "staff_only", ()):
            ordered[name].help_text = STAFF_ONLY_HELP
        return ordered

    def shown_fields(self):
        """The names an answer shows, in order: language columns only with ?translations=all, the
        staff-only fields only to staff (also the columns of the API's CSV)."""
        hidden = set()
        if not wants_all_translations(self.context):
            hidden |= {f"{name}_{code}" for name in self.Meta.translated for code in language_codes()}
        request = self.context.get("request")
        if request is None or not is_staff(request.user):
            hidden |= set(getattr(self.Meta, "staff_only", ()))
        return [name for name in self.fields if name not in hidden and not self.fields[name].write_only]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        shown = set(self.shown_fields())
        return {name: value for name, value in data.items() if name in shown}


class DecimalTextField(serializers.DecimalField):
    """A stored Decimal as its published text ("13.2", "324462"): exact, unlike a float.

    Written as decimal text or as a JSON number, which the API's parser reads exactly
    (parsers.py); digits beyond what the column holds are refused, never rounded away."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", VALUE_MAX_DIGITS)
        kwargs.setdefault("decimal_places", VALUE_DECIMAL_PLACES)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return plain_decimal(value)


class DecimalTextFieldSchema(OpenApiSerializerFieldExtension):
    target_class = DecimalTextField

    def map_serializer_field(self, auto_schema, direction):
        text = {"type": "string", "format": "decimal", "pattern": DECIMAL_TEXT_PATTERN}
        if direction == "request":
            return {"oneOf": [text, {"type": "number"}]}
        return text


class DerivedLanguageColumnFieldSchema(OpenApiSerializerFieldExtension):
    target_class = DerivedLanguageColumnField

    def map_serializer_field(self, auto_schema, direction):
        return None if direction == "request" else {"type": "string"}


class CodeField(serializers.SlugRelatedField):
    """A related row named by its natural key (code, key or slug); writable when given a queryset."""

    def __init__(self, slug_field="code", **kwargs):
        if "queryset" not in kwargs:
            kwargs["read_only"] = True
        super().__init__(slug_field=slug_field, **kwargs)

    def bind(self, field_name, parent):
        # A relation the model lets stay empty is null in the answer, and the schema says so.
        super().bind(field_name, parent)
        model = getattr(getattr(parent, "Meta", None), "model", None)
        if model is not None and "." not in self.source and self.source != "*":
            try:
                model_field = model._meta.get_field(self.source)
            except FieldDoesNotExist:
                return
            if model_field.null and not model_field.many_to_many:
                self.allow_null = True


def model_errors(error):
    """Django's ValidationError as DRF's field -> messages ("__all__" under non_field_errors)."""
    if not hasattr(error, "error_dict"):
        return {api_settings.NON_FIELD_ERRORS_KEY: error.messages}
    return {
        (api_settings.NON_FIELD_ERRORS_KEY if field == NON_FIELD_ERRORS else field): messages
        for field, messages in error.message_dict.items()
    }


class ContentSerializer(TranslatedModelSerializer):
    """Relations by code, key or slug; a text in the request's language (`name`) or in one
    language (`name_kk`, …). Writes are checked as the admin checks them, by the model's
    full_clean(): every problem is named by field."""

    def get_fields(self):
        fields = super().get_fields()
        for name in self.Meta.translated:
            # Written as `name` or as `name_<language>`: neither alone is required
            # (full_clean() says which languages must not stay empty).
            fields[name].required = False
        return fields

    def validate(self, attrs):
        attrs = self.language_columns(attrs)
        many = {field.name for field in self.Meta.model._meta.many_to_many}
        if self.instance is None:
            candidate = self.Meta.model(**{name: value for name, value in attrs.items() if name not in many})
        else:
            candidate = copy.copy(self.instance)
            for name, value in attrs.items():
                if name not in many:
                    setattr(candidate, name, value)
        try:
            candidate.full_clean()
        except DjangoValidationError as error:
            raise serializers.ValidationError(model_errors(error)) from None
        return attrs

    def language_columns(self, attrs):
        """`name` -> `name_<request language>`; an explicit `name_<language>` may not say otherwise."""
        language = get_language()
        conflicts = {}
        for name in self.Meta.translated:
            if name not in attrs:
                continue
            value, column = attrs.pop(name), f"{name}_{language}"
            if column in attrs and attrs[column] != value:
                conflicts[name] = [
                    _("“%(field)s” and “%(column)s” are the same text in this request's language; give one of them.")
                    % {"field": name, "column": column}
                ]
            attrs.setdefault(column, value)
        if conflicts:
            raise serializers.ValidationError(conflicts)
        return attrs


class RegionSerializer(ContentSerializer):
    code_sources = CodeField(slug_field="key", queryset=Reference.objects.all(), many=True, required=False)

    class Meta:
        model = Region
        fields = ["code", "kind", "name", "kato", "iso_3166_2", "code_sources"]
        translated = ["name"]


class ThemeSerializer(ContentSerializer):
    class Meta:
        model = Theme
        fields = ["code", "order", "name", "description"]
        translated = ["name", "description"]


class ReferenceSerializer(ContentSerializer):
    class Meta:
        model = Reference
        fields = [
            "key",
            "number",
            "kind",
            "authors",
            "language",
            "title",
            "original_title",
            "container",
            "publisher",
            "year",
            "volume",
            "issue",
            "pages",
            "url",
            "doi",
            "accessed",
        ]
        translated = ["authors", "title", "container"]


class IndicatorSerializer(ContentSerializer):
    theme = CodeField(queryset=Theme.objects.all())
    source = CodeField(slug_field="key", queryset=Reference.objects.all(), allow_null=True, required=False)
    numerator = CodeField(queryset=Indicator.objects.all(), allow_null=True, required=False)
    denominator = CodeField(queryset=Indicator.objects.all(), allow_null=True, required=False)
    scale = DecimalTextField(allow_null=True, required=False)
    min_value = DecimalTextField(allow_null=True, required=False)
    max_value = DecimalTextField(allow_null=True, required=False)
    last_updated = serializers.SerializerMethodField(
        help_text=gettext_lazy("The day a value of this indicator last changed (from the data).")
    )

    class Meta:
        model = Indicator
        fields = [
            "code",
            "theme",
            "order",
            "name",
            "definition",
            "unit",
            "unit_forms",
            "unit_multiplier",
            "decimals",
            "source",
            "source_note",
            "numerator",
            "denominator",
            "scale",
            "last_updated",
            *METADATA_FIELDS,
            "min_value",
            "max_value",
            "published",
        ]
        translated = [
            "name",
            "definition",
            "unit",
            "unit_forms",
            "source_note",
            "compiler",
            "methodology",
            "limitations",
            "coverage",
        ]
        staff_only = ["min_value", "max_value", "published"]

    @extend_schema_field({"type": "string", "format": "date", "nullable": True})
    def get_last_updated(self, indicator):
        # A time (live: an observation's change, with_last_updated) or a day (a release's, portal.api.reading).
        last_updated = getattr(indicator, "last_updated", None)
        if isinstance(last_updated, datetime.datetime):
            last_updated = timezone.localdate(last_updated)
        return last_updated.isoformat() if last_updated else None


class ObservationSerializer(TranslatedModelSerializer):
    """What the observation list shows (read only: observations are written through the import)."""

    indicator = CodeField()
    region = CodeField()
    value = DecimalTextField(
        read_only=True, help_text=gettext_lazy("The value as published, as exact decimal text (e.g. “13.2”).")
    )
    unit = serializers.CharField(
        source="indicator.unit", read_only=True, help_text=gettext_lazy("Unit of the value, in the answer's language.")
    )
    unit_multiplier = serializers.IntegerField(
        source="indicator.unit_multiplier",
        read_only=True,
        help_text=tidy_column("unit_multiplier")["description"],
    )
    value_base = DecimalTextField(
        read_only=True,
        help_text=tidy_column("value_base")["description"],
    )
    frequency = serializers.ChoiceField(
        choices=tidy_column("frequency")["enum"],
        read_only=True,
        help_text=tidy_column("frequency")["description"],
    )
    source = CodeField(slug_field="key", allow_null=True)
    revised_in = serializers.CharField(
        read_only=True,
        help_text=tidy_column("revised_in")["description"],
    )

    class Meta:
        model = Observation
        fields = header(API_OBSERVATIONS)  # the codebook describes the same columns (portal.datasets.columns)
        translated = ["note"]


class InstitutionSerializer(ContentSerializer):
    region = CodeField(queryset=Region.objects.all(), allow_null=True, required=False)
    references = CodeField(slug_field="key", queryset=Reference.objects.all(), many=True, required=False)

    class Meta:
        model = Institution
        fields = [
            "slug",
            "kind",
            "name",
            "description",
            "region",
            "website",
            "founded_year",
            "references",
            "published",
        ]
        translated = ["name", "description"]
        staff_only = ["published"]


class PageSerializer(ContentSerializer):
    class Meta:
        model = Page
        fields = ["slug", "order", "title", "body", "body_html", "published"]
        translated = ["title", "body", "body_html"]
        staff_only = ["published"]


class ItemSerializer(ContentSerializer):
    analysis = CodeField(slug_field="slug", queryset=Analysis.objects.all())
    indicators = CodeField(queryset=Indicator.objects.all(), many=True, required=False)
    institutions = CodeField(slug_field="slug", queryset=Institution.objects.all(), many=True, required=False)
    references = CodeField(slug_field="key", queryset=Reference.objects.all(), many=True, required=False)

    class Meta:
        model = Item
        fields = ["analysis", "key", "quadrant", "order", "title", "text", "indicators", "institutions", "references"]
        translated = ["title", "text"]


class AnalysisSerializer(ContentSerializer):
    region = CodeField(queryset=Region.objects.all())
    source = CodeField(slug_field="key", queryset=Reference.objects.all(), allow_null=True, required=False)

    class Meta:
        model = Analysis
        fields = ["slug", "region", "year", "title", "summary", "authors", "source", "published"]
        translated = ["title", "summary"]
        staff_only = ["published"]
