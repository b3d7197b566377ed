import json

from django.http import HttpResponse
from django.urls import path

from indicators.models import Observation
from portal.urls import urlpatterns as portal_urlpatterns


def trivial(request):
    return HttpResponse(b"ok", content_type="text/plain")


def observations_values(request):
    """What an API list of observations must come close to: values() + json.dumps (bench/load.py)."""
    rows = Observation.objects.order_by("indicator_id", "region_id", "period_start").values(
        "indicator__code", "region__code", "period", "value", "status"
    )[: int(request.GET.get("limit", 1000))]
    return HttpResponse(json.dumps(list(rows), default=str), content_type="application/json")


urlpatterns = [
    path("bench/trivial/", trivial),
    path("bench/observations-values", observations_values),
] + portal_urlpatterns
