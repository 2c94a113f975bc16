"""Lists a page at a time: `limit` and `offset`, with the total `count` and the next page's address."""

from typing import Annotated, Generic, TypeVar

from django.db.models import QuerySet
from ninja import Field, FilterLookup, Schema

T = TypeVar("T")
MAX_LIMIT = 500
# Ids and offsets stay within what PostgreSQL's bigint (and SQLite's integer) can hold.
MAX_ID = 2**53


class PageParams(Schema):
    limit: int = Field(100, ge=1, le=MAX_LIMIT, description=f"How many to return (at most {MAX_LIMIT}).")
    offset: int = Field(0, ge=0, le=MAX_ID, description="How many to skip.")


class Page(Schema, Generic[T]):
    count: int = Field(description="How many there are in all, with the filters given.")
    next: str | None = Field(description="The address of the next page, if there is one.")
    items: list[T]


def page(request, queryset, params: PageParams, *, prepare=None) -> dict:
    """One page of the queryset (in a fixed order, so pages do not overlap), `prepare` applied to its rows."""
    if isinstance(queryset, QuerySet):
        if not queryset.ordered:
            queryset = queryset.order_by("pk")
        count = queryset.count()
    else:
        count = len(queryset)
    rows = list(queryset[params.offset:params.offset + params.limit])
    if prepare is not None:
        rows = prepare(rows)
    following = None
    if params.offset + params.limit < count:
        query = request.GET.copy()
        query["offset"] = str(params.offset + params.limit)
        query["limit"] = str(params.limit)
        following = request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
    return {"count": count, "next": following, "items": rows}


def id_filter(lookup: str):
    """A filter by a related record's id (bounded, so a huge number is a 422, never a database error)."""
    return Annotated[int | None, FilterLookup(lookup), Field(ge=1, le=MAX_ID)]
