from indicators.models import Indicator
from portal.languages import translated_columns
from portal.models import Institution, Reference, Region
from portal.resources import ContentResource, natural_key, natural_keys

from .models import Analysis, Item


class AnalysisResource(ContentResource):
    region = natural_key("region", Region, "code")
    source = natural_key("source", Reference, "key")

    class Meta(ContentResource.Meta):
        model = Analysis
        import_id_fields = ["slug"]
        fields = ["slug", "region", "year", "published", "source", "authors", *translated_columns("title", "summary")]


class ItemResource(ContentResource):
    analysis = natural_key("analysis", Analysis, "slug")
    indicators = natural_keys("indicators", Indicator, "code")
    institutions = natural_keys("institutions", Institution, "slug")
    references = natural_keys("references", Reference, "key")

    class Meta(ContentResource.Meta):
        model = Item
        import_id_fields = ["analysis", "key"]
        fields = [
            "analysis",
            "key",
            "quadrant",
            "order",
            *translated_columns("title", "text"),
            "indicators",
            "institutions",
            "references",
        ]
