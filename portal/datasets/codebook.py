"""The codebook: every column of every file, as a page and as codebook.csv (from portal.datasets.columns)."""

from django.http import HttpResponse
from django.shortcuts import render

from . import columns
from .http import only_parameters
from .streaming import csv_chunks

HEADER = ["file", "column", "type", "description", "values"]


def codebook_rows():
    for files, table in columns.FILES.items():
        for spec in table:
            yield [files, spec["name"], spec["type"], str(spec["description"]), ", ".join(spec["enum"] or [])]


@only_parameters()
def codebook_page(request):
    return render(request, "data/codebook.html", {"files": columns.FILES})


@only_parameters()
def codebook_csv(request):
    response = HttpResponse("".join(csv_chunks(HEADER, codebook_rows())), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="codebook.csv"'
    return response
