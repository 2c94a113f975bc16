"""Benchmark pages: the measures loaded, and one measure for an LA against its neighbours, England and region."""

from django.shortcuts import render

from cairn.core.downloads import csv_query, csv_response, wants_csv
from cairn.programmes.access import benchmark_links_for_user

from . import figures, presenters
from .access import get_measure_for_user, measures_for_user
from .models import ATTRIBUTION, OGL_URL, Area, Release, Value


def measure_list(request):
    measures = measures_for_user(request)
    linked = {i.benchmark_id: i for i in benchmark_links_for_user(request)}
    return render(request, "benchmarks/measure_list.html", {"measures": measures, "linked": linked,
                                                            "attribution": ATTRIBUTION, "ogl_url": OGL_URL})


def measure_detail(request, pk: int):
    measure = get_measure_for_user(request, pk)
    indicators = list(benchmark_links_for_user(request).filter(benchmark=measure))
    code = (request.GET.get("la") or "").strip() or (indicators[0].benchmark_la if indicators else "")
    context = {"measure": measure, "indicators": indicators, "code": code, "attribution": ATTRIBUTION,
               "ogl_url": OGL_URL, "better": presenters.better_words(measure.polarity)}
    la = None
    if code:
        try:
            la = figures.find_la(code)
        except figures.NotFound as error:
            context["error"] = str(error)
    if la is None:
        return render(request, "benchmarks/measure_detail.html", context)
    data = figures.series(measure, la, detail=True)
    releases = Release.objects.filter(pk__in=Value.objects.filter(measure=measure).values("release").distinct())
    names = dict(Area.objects.filter(kind=Area.Kind.LA).values_list("code", "name"))
    rows = presenters.neighbour_rows(data, names, measure.polarity) if data["years"] else []
    if wants_csv(request):
        return _csv(measure, data, presenters.attribution(measure, releases))
    latest = data["years"][-1] if data["years"] else None
    context |= {
        "la": la, "data": data, "latest": latest, "rows": rows, "releases": releases,
        "csv_query": csv_query(request),
        "line_svg": presenters.line_svg(data, measure.label) if data["years"] else "",
        "bar_svg": presenters.bar_svg(data, rows, measure.polarity, measure.label) if rows else "",
        "quartile": presenters.quartile_tag(latest["quartile"] if latest else None, measure.polarity),
        "against_neighbours": presenters.is_better(
            latest["la"], latest["neighbours"], measure.polarity) if latest else None,
        "source": presenters.attribution(measure, releases),
    }
    return render(request, "benchmarks/measure_detail.html", context)


def _csv(measure, data: dict, source: str):
    header = ["Year", data["la"]["name"], "Symbol", "Statistical neighbours (mean)", "Neighbours with a figure",
              "England", data["region"] or "Region", "Rank", "Of", "Quartile"]
    rows = [[y["year"], y["la"], y["la_symbol"], y["neighbours"], y["neighbours_count"], y["england"], y["region"],
             y["rank"], y["of"], y["quartile"]] for y in data["years"]]
    rows += [[], [source], [OGL_URL]]
    return csv_response(f"{measure.column[:40]}-{data['la']['code']}.csv".replace(" ", "_").replace("/", "-"), header, rows)
