"""A list view's rows as a CSV download: UTF-8 that Excel opens, formula-looking text made plain."""

import csv
from collections.abc import Iterable

from django.http import HttpResponse

from cairn.lib.cells import safe_cell


def wants_csv(request) -> bool:
    return request.GET.get("format") == "csv"


def csv_query(request) -> str:
    """The page's current query string with format=csv, for its download link."""
    query = request.GET.copy()
    query["format"] = "csv"
    return query.urlencode()


def csv_response(filename: str, header: list[str], rows: Iterable[Iterable]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # so Excel reads the file as UTF-8
    writer = csv.writer(response)
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell("" if value is None else value) for value in row])
    return response
