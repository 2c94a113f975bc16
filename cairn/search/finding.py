"""What a search finds: one query per kind of record, scoped to the person's council through the access helpers,
each word of the query found somewhere in the kind's fields (case-insensitive `icontains`, the same on SQLite and
PostgreSQL: decision 19)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from cairn.core.access import scoped
from cairn.programmes.models import Indicator, Milestone, Project
from cairn.reviews.models import CommitteePaper, PaperSection, Recommendation, Review

MIN_LENGTH = 2
MAX_LENGTH = 200
MAX_WORDS = 10


def words_of(query: str) -> list[str]:
    """The words to look for, or a ValidationError saying what is wrong with the query."""
    query = " ".join(query.split())
    if not query:
        raise ValidationError("Enter a word or more to search for")
    if len(query) > MAX_LENGTH:
        raise ValidationError(f"Search for {MAX_LENGTH} characters or fewer")
    words = list(dict.fromkeys(word for word in query.split(" ") if len(word) >= MIN_LENGTH))
    if not words:
        raise ValidationError(f"Enter at least {MIN_LENGTH} letters or numbers to search for")
    if len(words) > MAX_WORDS:
        raise ValidationError(f"Search for {MAX_WORDS} words or fewer")
    return words


def any_field(fields: tuple[str, ...]) -> Callable[[str], Q]:
    def condition(word: str) -> Q:
        found = Q()
        for field in fields:
            found |= Q(**{f"{field}__icontains": word})
        return found

    return condition


def paper_condition(word: str) -> Q:
    in_sections = PaperSection.objects.filter(paper=OuterRef("pk")).filter(
        Q(heading__icontains=word) | Q(body__icontains=word)
    )
    return any_field(("title", "summary", "detail", "agenda_item", "contact_name"))(word) | Q(Exists(in_sections))


@dataclass(frozen=True)
class Kind:
    key: str  # names the group's anchor and its page parameter
    label: str
    records: Callable  # request -> the council's records of this kind, ready to show
    condition: Callable[[str], Q]  # word -> where it may be found

    def matching(self, request, words: list[str]) -> QuerySet:
        found = self.records(request)
        for word in words:
            found = found.filter(self.condition(word))
        return found


def _indicators(request):
    # The pages an indicator is shown on: its projects', its reviews', its recommendations'.
    return scoped(request, Indicator.objects.all()).prefetch_related(
        Prefetch("projects", Project.objects.order_by("order", "pk")),
        Prefetch("reviews", Review.objects.order_by("title", "pk")),
        Prefetch("recommendations", Recommendation.objects.select_related("review").order_by("order", "pk")),
    ).order_by("name", "pk")


KINDS = (
    Kind("reviews", "Reviews",
         lambda request: scoped(request, Review.objects.select_related("committee")).order_by("title", "pk"),
         any_field(("title", "summary"))),
    Kind("recommendations", "Recommendations",
         lambda request: scoped(request, Recommendation.objects.select_related("review"))
         .order_by("review__title", "review_id", "order", "pk"),
         any_field(("number", "text", "objective", "lead_name", "executive_response_note"))),
    Kind("projects", "Projects",
         lambda request: scoped(request, Project.objects.select_related("programme"))
         .order_by("programme__name", "programme_id", "order", "pk"),
         any_field(("name", "short_name", "objective", "key_elements", "impact", "risk_area", "lead_name"))),
    Kind("milestones", "Milestones",
         lambda request: scoped(request, Milestone.objects.select_related("project__programme"))
         .order_by("project__programme__name", "project__order", "project_id", "order", "pk"),
         any_field(("activity", "owner_name", "state_text", "due_text"))),
    Kind("indicators", "Indicators", _indicators, any_field(("name", "description", "reported_to", "source_code"))),
    # Papers written for a review (a paper filed at a meeting without one has no page of its own in Cairn).
    Kind("papers", "Papers",
         lambda request: scoped(request, CommitteePaper.objects.filter(review__isnull=False)
                                .select_related("review", "meeting__committee").prefetch_related("sections"))
         .order_by("-meeting__held_on", "pk"),
         paper_condition),
)
