"""Published statistics shared by every council (cairn/benchmarks): measures, areas and values. Not tenant data, but
read only by people who hold a role in a council, as the rest of the API."""

from django.core.exceptions import PermissionDenied
from ninja import Field, FilterSchema, ModelSchema, Query, Router

from cairn.accounts.permissions import can_view_records
from cairn.benchmarks.models import Area, Measure, Value

from ..paging import Page, PageParams, id_filter, page

router = Router(tags=["Published statistics"])


class MeasureOut(ModelSchema):
    class Meta:
        model = Measure
        fields = ["id", "name", "title", "column", "definition"]


class AreaOut(ModelSchema):
    class Meta:
        model = Area
        fields = ["id", "kind", "code", "name", "ons_code", "region"]


class ValueOut(ModelSchema):
    class Meta:
        model = Value
        fields = ["id", "measure", "area", "year", "number", "symbol", "release"]


def _readers_only(request) -> None:
    if not can_view_records(request.user):
        raise PermissionDenied


@router.get("/benchmarks/measures", response=Page[MeasureOut], url_name="benchmark_measure_list")
def benchmark_measure_list(request, paging: Query[PageParams]):
    """The published measures loaded (by `cairn benchmarks load`)."""
    _readers_only(request)
    return page(request, Measure.objects.order_by("name", "pk"), paging)


class AreaFilter(FilterSchema):
    kind: Area.Kind | None = None


@router.get("/benchmarks/areas", response=Page[AreaOut], url_name="benchmark_area_list")
def benchmark_area_list(request, filters: Query[AreaFilter], paging: Query[PageParams]):
    """England, the regions and the local authorities (by DfE code)."""
    _readers_only(request)
    return page(request, filters.filter(Area.objects.all()).order_by("kind", "code", "pk"), paging)


class ValueFilter(FilterSchema):
    measure: id_filter("measure_id") = None
    area: id_filter("area_id") = None
    year: str | None = Field(None, pattern=r"^[0-9/ -]{4,20}$", description='The period as published, e.g. "2024".')


@router.get("/benchmarks/values", response=Page[ValueOut], url_name="benchmark_value_list")
def benchmark_value_list(request, filters: Query[ValueFilter], paging: Query[PageParams]):
    """Published values, by measure, area and year."""
    _readers_only(request)
    return page(request, filters.filter(Value.objects.all()).order_by("measure_id", "area_id", "year", "pk"), paging)
