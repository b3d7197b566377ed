"""Serializers list their fields explicitly: `__all__` would publish every `*_kk`
column and every draft flag. A translated text appears once, in the request's
language (with the portal's fallbacks); `?translations=all` adds `name_kk`,
`name_ru`, `name_en` and so on."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from indicators.models import Indicator, Observation, Theme
from portal.languages import language_codes
from portal.models import Institution, Page, Reference, Region
from portal.numbers import plain_decimal
from swot.models import Analysis, Item

ALL_TRANSLATIONS = "all"


def wants_all_translations(context):
    request = context.get("request")
    return request is not None and request.query_params.get("translations") == ALL_TRANSLATIONS


class TranslatedModelSerializer(serializers.ModelSerializer):
    """Adds `<field>_<language>` after each field named in Meta.translated, shown only with ?translations=all."""

    def get_fields(self):
        fields = super().get_fields()
        ordered = {}
        for name, field in fields.items():
            ordered[name] = field
            if name in self.Meta.translated:
                for code in language_codes():
                    # Not read-only on purpose: optional in the schema, since it is present only on request.
                    ordered[f"{name}_{code}"] = serializers.CharField(
                        required=False, allow_blank=True, help_text=_("Only with ?translations=all.")
                    )
        return ordered

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if not wants_all_translations(self.context):
            for name in self.Meta.translated:
                for code in language_codes():
                    data.pop(f"{name}_{code}", None)
        return data


@extend_schema_field({"type": "string", "format": "decimal", "pattern": r"^-?\d+(\.\d+)?$"})
class DecimalTextField(serializers.Field):
    """A stored Decimal as its published text ("13.2", "324462"): exact, unlike a float."""

    def to_representation(self, value):
        return plain_decimal(value)


class CodeField(serializers.SlugRelatedField):
    def __init__(self, slug_field="code", **kwargs):
        super().__init__(slug_field=slug_field, read_only=True, **kwargs)


class RegionSerializer(TranslatedModelSerializer):
    class Meta:
        model = Region
        fields = ["code", "kind", "name"]
        translated = ["name"]


class ThemeSerializer(TranslatedModelSerializer):
    class Meta:
        model = Theme
        fields = ["code", "order", "name", "description"]
        translated = ["name", "description"]


class ReferenceSerializer(TranslatedModelSerializer):
    class Meta:
        model = Reference
        fields = [
            "key", "number", "kind", "authors", "title", "container", "publisher", "year",
            "volume", "issue", "pages", "url", "doi", "accessed",
        ]
        translated = ["title", "container"]


class IndicatorSerializer(TranslatedModelSerializer):
    theme = CodeField()
    source = CodeField(slug_field="key", allow_null=True)
    numerator = CodeField(allow_null=True)
    denominator = CodeField(allow_null=True)
    scale = DecimalTextField(allow_null=True)

    class Meta:
        model = Indicator
        fields = [
            "code", "theme", "order", "name", "definition", "unit", "unit_multiplier", "decimals",
            "source", "numerator", "denominator", "scale",
        ]
        translated = ["name", "definition", "unit"]


class ObservationSerializer(TranslatedModelSerializer):
    indicator = CodeField()
    region = CodeField()
    value = DecimalTextField(help_text=_("The value as published, as exact decimal text (e.g. “13.2”)."))
    unit_multiplier = serializers.IntegerField(source="indicator.unit_multiplier", read_only=True)
    source = CodeField(slug_field="key", allow_null=True)

    class Meta:
        model = Observation
        fields = [
            "indicator", "region", "period", "period_start", "period_end", "value", "unit_multiplier",
            "status", "note", "source",
        ]
        translated = ["note"]


class InstitutionSerializer(TranslatedModelSerializer):
    region = CodeField(allow_null=True)
    references = CodeField(slug_field="key", many=True)

    class Meta:
        model = Institution
        fields = ["slug", "kind", "name", "description", "region", "website", "founded_year", "references"]
        translated = ["name", "description"]


class PageSerializer(TranslatedModelSerializer):
    class Meta:
        model = Page
        fields = ["slug", "order", "title", "body", "body_html"]
        translated = ["title", "body", "body_html"]


class ItemSerializer(TranslatedModelSerializer):
    analysis = CodeField(slug_field="slug")
    indicators = CodeField(many=True)
    institutions = CodeField(slug_field="slug", many=True)
    references = CodeField(slug_field="key", many=True)

    class Meta:
        model = Item
        fields = ["analysis", "key", "quadrant", "order", "title", "text", "indicators", "institutions", "references"]
        translated = ["title", "text"]


class AnalysisSerializer(TranslatedModelSerializer):
    region = CodeField()
    source = CodeField(slug_field="key", allow_null=True)

    class Meta:
        model = Analysis
        fields = ["slug", "region", "year", "title", "summary", "authors", "source"]
        translated = ["title", "summary"]
