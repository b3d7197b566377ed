"""The policy's own download: initiatives-stip.csv, one row per initiative in the manner of the
EC-OECD STIP Compass data, its instrument, theme and target-group codes as comma-separated lists."""

from .policy_tables import STIP_HEADER, policy_selection, stip_rows
from .streaming import csv_chunks, safe_rows
from .views import CSV, download


def initiatives_stip_csv(request):
    initiatives = policy_selection(request)["initiatives"]
    chunks = csv_chunks(STIP_HEADER, safe_rows(stip_rows(initiatives, request)), bom=request.GET.get("bom") == "1")
    return download(request, chunks, "initiatives-stip.csv", CSV)
