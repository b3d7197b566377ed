"""Every importable kind of content, in the order a full load must follow
(a row's natural-key references must already exist)."""

from indicators.resources import IndicatorResource, ObservationResource, ThemeResource
from swot.resources import AnalysisResource, ItemResource

from .resources import FormerNameResource, InstitutionResource, PageResource, ReferenceResource, RegionResource

# (name of the demo file / dataset, resource class)
CONTENT_RESOURCES = [
    ("regions", RegionResource),
    ("region_names", FormerNameResource),
    ("references", ReferenceResource),
    ("themes", ThemeResource),
    ("institutions", InstitutionResource),
    ("indicators", IndicatorResource),
    ("observations", ObservationResource),
    ("analyses", AnalysisResource),
    ("items", ItemResource),
    ("pages", PageResource),
]
