"""A search result as shown: its title, the page it links to, a line about where it sits and a short excerpt with
the words found marked. Pure functions over rows already fetched: no queries."""

import re

from django.urls import reverse
from markupsafe import Markup, escape

from cairn.core.presenters import uk_date

EXCERPT_LENGTH = 220


def excerpt(texts: list[str], words: list[str], length: int = EXCERPT_LENGTH) -> Markup:
    """About `length` characters of the first text a word is found in, around the first word found, with every word
    found marked; the start of the first non-empty text when none is (the word was in the title)."""
    pattern = re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)
    texts = [" ".join(text.split()) for text in texts if text and text.strip()]
    if not texts:
        return Markup("")
    text, at = texts[0], 0
    for candidate in texts:
        if found := pattern.search(candidate):
            text, at = candidate, found.start()
            break
    start = max(0, at - length // 3)
    if start:
        # Begin at a word: the first space after the cut, unless that would pass the word found.
        space = text.find(" ", start, at)
        start = space + 1 if space != -1 else start
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > at else end
    shown = text[start:end]
    marked, last = [], 0
    for match in pattern.finditer(shown):
        marked.append(escape(shown[last:match.start()]))
        marked.append(Markup("<mark>{}</mark>").format(match.group()))
        last = match.end()
    marked.append(escape(shown[last:]))
    return Markup("{}{}{}").format("… " if start else "", Markup("").join(marked), " …" if end < len(text) else "")


def result(kind: str, row, words: list[str]) -> dict:
    """{"title", "href" (None where the record has no page), "meta", "excerpt"} for one row of a kind."""
    return PRESENT[kind](row, words)


def _review(review, words):
    meta = [review.get_kind_display(), review.get_state_display()]
    if review.committee_id:
        meta.append(review.committee.name)
    return {"title": review.title, "href": reverse("reviews:review_detail", args=[review.pk]),
            "meta": ", ".join(meta), "excerpt": excerpt([review.summary], words)}


def _recommendation(rec, words):
    return {
        "title": f"{rec.review.title}: recommendation {rec.label}",
        "href": reverse("reviews:recommendation_detail", args=[rec.pk]),
        "meta": ", ".join(part for part in [rec.get_state_display(), rec.lead_name] if part),
        "excerpt": excerpt([rec.text, rec.objective, rec.executive_response_note, rec.lead_name], words),
    }


def _project(project, words):
    meta = [project.programme.name] + ([f"RAG {project.get_rag_display().lower()}"] if project.rag else [])
    return {
        "title": str(project), "href": reverse("programmes:project_detail", args=[project.pk]), "meta": ", ".join(meta),
        "excerpt": excerpt([project.objective, project.key_elements, project.impact, project.risk_area,
                            project.short_name, project.lead_name], words),
    }


def _milestone(milestone, words):
    due = milestone.due_text or (uk_date(milestone.current_due_on) if milestone.current_due_on else "")
    meta = [str(milestone.project)] + ([f"due {due}"] if due else []) + (
        [milestone.get_state_display()] if milestone.state else []
    )
    return {
        "title": milestone.activity if len(milestone.activity) <= 120 else milestone.activity[:119] + "…",
        "href": reverse("programmes:project_detail", args=[milestone.project_id]), "meta": ", ".join(meta),
        "excerpt": excerpt([milestone.activity, milestone.owner_name, milestone.state_text], words),
    }


def _indicator(indicator, words):
    projects, reviews, recommendations = (list(indicator.projects.all()), list(indicator.reviews.all()),
                                          list(indicator.recommendations.all()))
    if projects:
        href, meta = reverse("programmes:project_detail", args=[projects[0].pk]), f"Project: {projects[0]}"
    elif reviews:
        href, meta = reverse("reviews:review_detail", args=[reviews[0].pk]), f"Review: {reviews[0].title}"
    elif recommendations:
        rec = recommendations[0]
        href = reverse("reviews:recommendation_detail", args=[rec.pk])
        meta = f"{rec.review.title}: recommendation {rec.label}"
    else:
        href, meta = None, "Not linked to a project, review or recommendation"
    return {"title": indicator.name, "href": href, "meta": meta,
            "excerpt": excerpt([indicator.description, indicator.reported_to, indicator.source_code], words)}


def _paper(paper, words):
    sections = [f"{section.heading}: {section.body}" for section in paper.sections.all()]
    kind = "Paper" if paper.kind == paper.Kind.OTHER else paper.get_kind_display()
    meta = f"{kind} for {paper.meeting}" + (f", agenda item {paper.agenda_item}" if paper.agenda_item else "")
    return {
        "title": paper.title, "href": reverse("reviews:review_detail", args=[paper.review_id]) + f"#paper-{paper.pk}",
        "meta": f"{meta}. Review: {paper.review.title}",
        "excerpt": excerpt([paper.summary, paper.detail, *sections, paper.contact_name], words),
    }


PRESENT = {
    "reviews": _review, "recommendations": _recommendation, "projects": _project, "milestones": _milestone,
    "indicators": _indicator, "papers": _paper,
}
