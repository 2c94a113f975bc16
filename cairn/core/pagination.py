"""Long lists a page at a time, with GOV.UK pagination: a page reads only the rows it shows (and one count)."""

from dataclasses import dataclass

PER_PAGE = 50


@dataclass
class Page:
    rows: list
    count: int  # rows in the whole list
    first: int  # the number of the first row shown, from 1
    navigation: dict | None  # for govukPagination; None when everything fits on one page


def pages(request, count: int, per_page: int, parameter: str) -> tuple[range, dict | None]:
    """The indexes shown on the page `?parameter=N` asks for, and the GOV.UK pagination to reach the others (None
    when everything fits on one page)."""
    last = max((count - 1) // per_page + 1, 1)
    try:
        number = min(max(int(request.GET.get(parameter, 1)), 1), last)
    except ValueError:
        number = 1
    shown = range((number - 1) * per_page, min(number * per_page, count))
    if last == 1:
        return shown, None

    def link(page: int) -> str:
        query = request.GET.copy()
        query[parameter] = page
        return f"?{query.urlencode()}"

    numbers = sorted({1, last, *range(max(number - 2, 1), min(number + 2, last) + 1)})
    items, previous = [], 0
    for page in numbers:
        if page > previous + 1:
            items.append({"ellipsis": True})
        items.append({"number": page, "href": link(page), "current": page == number})
        previous = page
    navigation = {"items": items, "landmarkLabel": parameter.replace("_", " ")}
    if number > 1:
        navigation["previous"] = {"href": link(number - 1)}
    if number < last:
        navigation["next"] = {"href": link(number + 1)}
    return shown, navigation


def page_of(request, queryset, *, per_page: int = PER_PAGE, parameter: str = "page") -> Page:
    """The rows of the page `?page=N` asks for, from a queryset counted and sliced in the database."""
    count = queryset.count()
    shown, navigation = pages(request, count, per_page, parameter)
    rows = _slice(queryset, shown.start, shown.stop) if count else []
    return Page(rows=rows, count=count, first=shown.start + 1, navigation=navigation)


def _slice(queryset, start: int, stop: int) -> list:
    """The rows from `start` to `stop` in the queryset's order, in two steps: the keys alone are sorted and cut (narrow
    rows, no annotations the order does not need), then only those rows are read whole, with their annotations."""
    keys = list(queryset.values_list("pk", flat=True)[start:stop])
    found = queryset.order_by().filter(pk__in=keys).in_bulk() if keys else {}
    return [found[key] for key in keys if key in found]
