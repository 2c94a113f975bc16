"""The demo's benchmarks: the DfE files shared with the project, and Exampleton's indicators linked to measures for
a real LA (Stockton-on-Tees, 808: a unitary council of about Exampleton's size)."""

from django.db import transaction

from cairn.benchmarks.models import Area, Measure
from cairn.benchmarks.operations import load_files
from cairn.benchmarks.shared import dfe_dir, dfe_files
from cairn.programmes.models import Indicator
from cairn.programmes.operations import update_indicator

from . import exampleton

LA_CODE = "808"
LINKS = {
    "Re-referrals within 12 months (%)": "rereferral_percent",
    "Children in care": "children_count (Children looked after on 31 March each year)",
    "Children in care per 10,000 under-18s": "LAC",
    "Children with 3 or more social workers in 12 months (%)": "Stability_SocialWorker",
    "Assessments completed within 45 working days (%)": "Continue_Assess_Comp",
}


def load_statistics() -> list[str]:
    """Load the shared DfE files (those loaded before are left as they are); say what happened, file by file."""
    files = dfe_files()
    if not files:
        return [f"DfE statistics: not loaded, no files in {dfe_dir()} (the benchmarks will be empty)."]
    loaded = load_files([(path.name, path.read_bytes()) for path in files])
    fresh = sum(1 for result in loaded if result.release is not None)
    return [f"DfE statistics: {fresh} of {len(files)} files loaded from {dfe_dir()}."]


@transaction.atomic
def link_indicators() -> int:
    """Link Exampleton's indicators to their DfE measures for LA 808, where both are there and not yet linked."""
    if not Area.objects.filter(kind=Area.Kind.LA, code=LA_CODE).exists():
        return 0
    measures = {m.name: m for m in Measure.objects.filter(name__in=LINKS.values())}
    linked = 0
    for indicator in Indicator.objects.filter(
        organisation__slug=exampleton.SLUG, name__in=LINKS, benchmark__isnull=True
    ):
        measure = measures.get(LINKS[indicator.name])
        if measure is not None:
            update_indicator(indicator, by=None, benchmark=measure, benchmark_la=LA_CODE)
            linked += 1
    return linked
