"""The search page: a council's records matching every word asked for, grouped by kind, a page of each at a time."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import render

from cairn.accounts.permissions import can_view_records
from cairn.core.pagination import page_of

from .finding import KINDS, MAX_LENGTH, words_of
from .presenters import result

PER_PAGE = 10


def search(request):
    if not can_view_records(request.user):
        raise PermissionDenied
    query = request.GET.get("q")
    context = {"query": query or "", "max_length": MAX_LENGTH, "error": None, "groups": []}
    if query is None:
        return render(request, "search/results.html", context)
    try:
        words = words_of(query)
    except ValidationError as error:
        context["error"] = error.messages[0]
        return render(request, "search/results.html", context)
    for kind in KINDS:
        page = page_of(request, kind.matching(request, words), per_page=PER_PAGE, parameter=f"{kind.key}_page")
        page.rows = [result(kind.key, row, words) for row in page.rows]
        context["groups"].append({"kind": kind, "page": page})
    context["total"] = sum(group["page"].count for group in context["groups"])
    return render(request, "search/results.html", context)
