"""The policy's own download: initiatives-stip.csv, one row per initiative in the manner of the
EC-OECD STIP Compass data, its instrument, theme and target-group codes as comma-separated lists.
Like every download it takes ?release= (and refuses an unknown parameter); the observation filters
do not apply to it."""

from indicators.models import Observation

from .filters import KnownCodesFilterSet
from .policy_tables import STIP_HEADER, policy_selection, stip_rows
from .streaming import csv_chunks, safe_rows
from .views import CSV, bom_wanted, serve


class NoFilters(KnownCodesFilterSet):
    """The list has every public initiative: no observation filter applies."""

    class Meta:
        model = Observation
        fields = []


def initiatives_stip_csv(request):
    def build(selection):
        initiatives = policy_selection(selection)["initiatives"]
        return csv_chunks(STIP_HEADER, safe_rows(stip_rows(initiatives, request)), bom=bom_wanted(request))

    return serve(request, "initiatives-stip.csv", CSV, build, extra=("bom",), filterset_class=NoFilters)
