"""Forms for the reporting cycle: opening, correcting or cancelling a round, a lead's update, the finance check,
returning, signing off."""

from django import forms
from django.utils import timezone

from cairn.core.forms import MoneyField, UKDateField
from cairn.lib.text import shorten
from cairn.programmes.models import Programme

from .models import Action, AssessmentLevel, Committee, Meeting, ProgressUpdate, Review


class RoundDetailsForm(forms.Form):
    """A round's name, dates and meeting; the meeting can be one already held or planned, or added here and now."""

    title = forms.CharField(label="Name of the round", max_length=300,
                            help_text='For example, "Progress to Children and Young People Select Committee, March 2027"')
    as_at_on = UKDateField(label="Progress as at")
    deadline_on = UKDateField(label="Deadline for updates from leads")
    meeting = forms.ModelChoiceField(label="Committee meeting", queryset=Meeting.objects.none(), required=False,
                                     empty_label="Not yet known, or a new meeting below")
    new_meeting_committee = forms.ModelChoiceField(
        label="Committee", queryset=Committee.objects.none(), required=False,
        empty_label="Choose a committee",
    )
    new_meeting_on = UKDateField(label="Date of the meeting", required=False)

    def __init__(self, organisation, *args, today=None, deadline_was=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        self.deadline_was = deadline_was  # a deadline already set and left alone may have passed
        self.fields["meeting"].queryset = Meeting.objects.for_organisation(organisation).select_related("committee")
        self.fields["new_meeting_committee"].queryset = Committee.objects.for_organisation(organisation)

    def clean(self):
        data = super().clean()
        as_at, deadline = data.get("as_at_on"), data.get("deadline_on")
        if as_at and deadline and deadline < as_at:
            self.add_error("deadline_on", "The deadline must be on or after the date progress is reported as at")
        elif deadline and deadline < self.today and deadline != self.deadline_was:
            self.add_error("deadline_on", f"The deadline has passed: choose {self.today:%d/%m/%Y} or a later date")
        committee, held_on = data.get("new_meeting_committee"), data.get("new_meeting_on")
        if committee or held_on:
            if data.get("meeting"):
                self.add_error("meeting", "Choose a meeting already held or planned, or add a new one: not both")
            elif not committee:
                self.add_error("new_meeting_committee", "Choose the committee the new meeting is of")
            elif not held_on and "new_meeting_on" not in self.errors:
                self.add_error("new_meeting_on", "Enter the date of the new meeting")
            elif held_on and committee.meetings.filter(held_on=held_on).exists():
                self.add_error("new_meeting_on", f"{committee} already meets on {held_on:%d/%m/%Y}: choose that meeting above")
        meeting_on = data["meeting"].held_on if data.get("meeting") else held_on
        if meeting_on and as_at and meeting_on < as_at:
            field = "meeting" if data.get("meeting") else "new_meeting_on"
            self.add_error(field, f"The meeting on {meeting_on:%d/%m/%Y} is before the date progress is reported as at: "
                                  "choose a later meeting, or an earlier as-at date")
        return data

    def meeting_for(self, *, by) -> Meeting | None:
        """The meeting chosen, or the new one added now (call inside the operation's transaction)."""
        data = self.cleaned_data
        if data.get("new_meeting_committee") and data.get("new_meeting_on"):
            from .operations import schedule_meeting

            return schedule_meeting(data["new_meeting_committee"], by=by, held_on=data["new_meeting_on"])
        return data.get("meeting")


class OpenRoundForm(RoundDetailsForm):
    reviews = forms.ModelMultipleChoiceField(
        label="Reviews in this round", queryset=Review.objects.none(), widget=forms.CheckboxSelectMultiple,
        help_text="Every agreed recommendation of these reviews that is not yet signed off is included.",
        error_messages={"required": "Select at least one review"},
    )

    def __init__(self, organisation, *args, **kwargs):
        super().__init__(organisation, *args, **kwargs)
        self.fields["reviews"].queryset = Review.objects.for_organisation(organisation).open()


class CancelRoundForm(forms.Form):
    cancelled_reason = forms.CharField(
        label="Why is the round cancelled?", widget=forms.Textarea,
        help_text="The leads already asked for updates are e-mailed this.",
        error_messages={"required": "Enter why the round is cancelled: the leads asked are told"},
    )


class ProgressUpdateForm(forms.Form):
    evidence = forms.CharField(label="Evidence of progress", widget=forms.Textarea, required=False,
                               help_text="What has been done since the last update, and what it shows.")
    level = forms.ModelChoiceField(label="Assessment of progress", queryset=AssessmentLevel.objects.none(),
                                   widget=forms.RadioSelect, required=False, empty_label=None)
    assessment_reason = forms.CharField(label="Reason for the assessment", widget=forms.Textarea, required=False,
                                        help_text="Needed if the work has slipped or will not be achieved.")
    revised_target_on = UKDateField(label="Revised target date", required=False,
                                    help_text="Needed if the work has slipped. For example, 31/3/2027")
    revised_target_text = forms.CharField(label="Words to go with the revised date", required=False, max_length=200,
                                          help_text='Optional, for example "subject to Cabinet approval".')
    revised_actions = forms.ModelMultipleChoiceField(
        label="Which steps does the revised date apply to?", queryset=Action.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Their target dates change to the revised date once your update is accepted; the original dates "
                  "are kept. If you choose none, the steps due before the revised date change.",
    )
    savings_amount = MoneyField(label="Savings or costs to date", required=False)
    savings_basis = forms.ChoiceField(label="Is that amount actual or estimated?", required=False,
                                      choices=ProgressUpdate.Basis.choices, widget=forms.RadioSelect)
    savings_text = forms.CharField(label="Savings or costs to date, in words", required=False, max_length=300,
                                   help_text='For example, "None" or "£13,000 estimated from two placements".')
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, scale, *args, update=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].queryset = scale.levels.all() if scale else AssessmentLevel.objects.none()
        self.fields["level"].label_from_instance = lambda level: f"{level.code} {level.label}"
        # A choice of steps only where there is one to make: an update of one step, or of a recommendation with one
        # open step, revises that step.
        steps = Action.objects.none()
        if update is not None and update.action_id is None:
            steps = update.recommendation.actions.filter(completed_on__isnull=True)
        if steps.count() > 1:
            self.fields["revised_actions"].queryset = steps
            self.fields["revised_actions"].label_from_instance = lambda step: (
                f"{shorten(step.text, 90)} (target {step.target_display or 'not set'}"
                f"{', now ' + step.current_target_on.strftime('%d/%m/%Y') if step.current_target_on and step.current_target_on != step.target_on else ''})"
            )
        else:
            del self.fields["revised_actions"]

    def clean(self):
        data = super().clean()
        if data.get("savings_amount") is not None and not data.get("savings_basis"):
            self.add_error("savings_basis", "Select whether the amount is actual or estimated")
        return data


class SavingsForm(forms.Form):
    savings_amount = MoneyField(label="Savings or costs to date", required=False)
    savings_basis = forms.ChoiceField(label="Is that amount actual or estimated?", required=False,
                                      choices=ProgressUpdate.Basis.choices, widget=forms.RadioSelect)
    savings_text = forms.CharField(label="Savings or costs to date, in words", required=False, max_length=300)

    def clean(self):
        data = super().clean()
        if data.get("savings_amount") is not None and not data.get("savings_basis"):
            self.add_error("savings_basis", "Select whether the amount is actual or estimated")
        return data


class ReturnForm(forms.Form):
    return_comment = forms.CharField(label="What needs to change", widget=forms.Textarea,
                                     error_messages={"required": "Enter what the lead needs to change"})


class SignOffForm(forms.Form):
    meeting = forms.ModelChoiceField(label="Meeting that signed them off", queryset=Meeting.objects.none(),
                                     error_messages={"required": "Select the meeting"})
    recommendations = forms.MultipleChoiceField(label="Recommendations to sign off", widget=forms.CheckboxSelectMultiple,
                                                error_messages={"required": "Select at least one recommendation"})

    def __init__(self, organisation, candidates, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = Meeting.objects.for_organisation(organisation).select_related("committee")
        self.fields["recommendations"].choices = [
            (str(rec.pk), f"{rec.review.title}: recommendation {rec.label}") for rec in candidates
        ]


class ProgrammeRoundForm(RoundDetailsForm):
    programme = forms.ModelChoiceField(label="Programme", queryset=None, empty_label=None)
    period_label = forms.CharField(label="Period it reports on", max_length=50, required=False,
                                   help_text='As the report names it, for example "March 2027"')

    field_order = ["programme", "title", "period_label", "as_at_on", "deadline_on", "meeting", "new_meeting_committee",
                   "new_meeting_on"]

    def __init__(self, organisation, *args, **kwargs):
        super().__init__(organisation, *args, **kwargs)
        self.fields["programme"].queryset = Programme.objects.for_organisation(organisation)
        self.fields["title"].help_text = 'For example, "Highlight report to the programme board, March 2027"'
        self.fields["meeting"].label = "Board meeting"
        self.fields["deadline_on"].label = "Deadline for reports from project leads"


class ProjectUpdateForm(forms.Form):
    rag = forms.ChoiceField(label="RAG status", required=False, widget=forms.RadioSelect,
                            choices=[("R", "Red"), ("A", "Amber"), ("G", "Green"), ("B", "Blue (complete)")])
    progress_points = forms.CharField(label="Progress: key points", widget=forms.Textarea, required=False,
                                      help_text="One point per line.")
    risks_text = forms.CharField(label="Risks, issues and barriers", widget=forms.Textarea, required=False,
                                 help_text="One per line.")
    spent = MoneyField(label="Spent so far", required=False)
    savings = MoneyField(label="Savings so far", required=False)
    voice_and_feedback = forms.CharField(label="Voice and feedback", widget=forms.Textarea, required=False,
                                         help_text="What children, families and staff have said.")
    version = forms.IntegerField(widget=forms.HiddenInput)
