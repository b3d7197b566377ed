from portal.languages import translated_columns
from portal.models import Reference, Region
from portal.resources import ContentResource, decimal, natural_key

from .models import Indicator, Observation, Theme


class ThemeResource(ContentResource):
    class Meta(ContentResource.Meta):
        model = Theme
        import_id_fields = ["code"]
        fields = ["code", "order", *translated_columns("name", "description")]


class IndicatorResource(ContentResource):
    theme = natural_key("theme", Theme, "code")
    source = natural_key("source", Reference, "key")
    numerator = natural_key("numerator", Indicator, "code")
    denominator = natural_key("denominator", Indicator, "code")
    min_value = decimal("min_value")
    max_value = decimal("max_value")
    scale = decimal("scale")

    class Meta(ContentResource.Meta):
        model = Indicator
        import_id_fields = ["code"]
        fields = [
            "code",
            "theme",
            "order",
            "published",
            *translated_columns("name", "definition", "unit", "unit_forms"),
            "unit_multiplier",
            "unit_code",
            "decimals",
            "min_value",
            "max_value",
            "source",
            *translated_columns("source_note"),
            "numerator",
            "denominator",
            "scale",
            "periodicity",
            "next_release",
            *translated_columns("compiler"),
            "contact",
            *translated_columns("methodology", "limitations", "coverage"),
        ]
        widgets = {"next_release": {"format": "%Y-%m-%d"}}


class ObservationResource(ContentResource):
    indicator = natural_key("indicator", Indicator, "code")
    region = natural_key("region", Region, "code")
    value = decimal("value")
    source = natural_key("source", Reference, "key")

    class Meta(ContentResource.Meta):
        model = Observation
        import_id_fields = ["indicator", "region", "period"]
        fields = ["indicator", "region", "period", "value", "status", "source", *translated_columns("note")]
