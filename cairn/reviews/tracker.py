"""The recommendation tracker: every recommendation across reviews, filtered, with its latest visible assessment."""

import datetime as dt

from django import forms
from django.db.models import Exists, F, OuterRef, Q

from cairn.accounts.models import User

from . import summaries
from .models import Action, AssessmentLevel, Committee, Recommendation, Review


class TrackerForm(forms.Form):
    q = forms.CharField(label="Search", required=False, max_length=200,
                        help_text="Words in the recommendation, its number, objective or lead")
    committee = forms.ModelChoiceField(label="Committee", queryset=Committee.objects.none(), required=False,
                                       empty_label="Any committee")
    review = forms.ModelChoiceField(label="Review", queryset=Review.objects.none(), required=False, empty_label="Any review")
    lead = forms.ModelChoiceField(label="Lead officer", queryset=User.objects.none(), required=False, empty_label="Anyone")
    assessment = forms.ChoiceField(label="Latest assessment", required=False)
    state = forms.ChoiceField(label="Open or signed off", required=False, initial="open",
                              choices=[("open", "Open"), ("closed", "Signed off"), ("all", "Either")])
    overdue = forms.BooleanField(label="Only those with an overdue step", required=False)

    def __init__(self, organisation, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = Committee.objects.for_organisation(organisation)
        # A council has hundreds of reviews: the options need only their titles.
        self.fields["review"].queryset = Review.objects.for_organisation(organisation).only("pk", "title")
        self.fields["lead"].queryset = User.objects.filter(
            organisation=organisation, led_recommendations__isnull=False
        ).distinct().order_by("first_name", "last_name")
        self.fields["lead"].label_from_instance = lambda user: user.display_name
        levels = AssessmentLevel.objects.for_organisation(organisation).filter(scale__is_active=True)
        self.fields["assessment"].choices = (
            [("", "Any"), ("none", "Not yet assessed")] + [(str(level.pk), f"{level.code} {level.label}") for level in levels]
        )


def tracked_recommendations(organisation, user, filters: dict, today: dt.date):
    """Recommendations matching the filters, annotated with the latest visible assessment and an overdue flag."""
    overdue = Action.objects.filter(recommendation=OuterRef("pk"), current_target_on__lt=today, completed_on__isnull=True)
    recommendations = (
        Recommendation.objects.for_organisation(organisation)
        .select_related("review__committee", "lead_officer")
        .annotate(latest_level_id=F(f"summary__{summaries.level_field(user)}"), has_overdue=Exists(overdue))
        .order_by("review__title", "order", "id")
    )
    if text := (filters.get("q") or "").strip():
        recommendations = recommendations.filter(
            Q(text__icontains=text) | Q(number__iexact=text) | Q(objective__icontains=text) | Q(lead_name__icontains=text)
            | Q(review__title__icontains=text)
        )
    if filters.get("committee"):
        recommendations = recommendations.filter(review__committee=filters["committee"])
    if filters.get("review"):
        recommendations = recommendations.filter(review=filters["review"])
    if filters.get("lead"):
        recommendations = recommendations.filter(lead_officer=filters["lead"])
    state = filters.get("state") or "open"
    if state in (Recommendation.State.OPEN, Recommendation.State.CLOSED):
        recommendations = recommendations.filter(state=state)
    if filters.get("overdue"):
        recommendations = recommendations.filter(has_overdue=True, state=Recommendation.State.OPEN)
    assessment = filters.get("assessment")
    if assessment == "none":
        recommendations = recommendations.filter(latest_level_id__isnull=True)
    elif assessment:
        recommendations = recommendations.filter(latest_level_id=int(assessment))
    return recommendations
