"""Forms for the reporting cycle: opening a round, a lead's update, the finance check, returning, signing off."""

from django import forms

from cairn.core.forms import MoneyField, UKDateField
from cairn.programmes.models import Programme

from .models import AssessmentLevel, Meeting, ProgressUpdate, Review


class OpenRoundForm(forms.Form):
    title = forms.CharField(label="Name of the round", max_length=300,
                            help_text='For example, "Progress to Children and Young People Select Committee, March 2027"')
    meeting = forms.ModelChoiceField(label="Committee meeting", queryset=Meeting.objects.none(), required=False,
                                     empty_label="Not yet known")
    as_at_on = UKDateField(label="Progress as at")
    deadline_on = UKDateField(label="Deadline for updates from leads")
    reviews = forms.ModelMultipleChoiceField(
        label="Reviews in this round", queryset=Review.objects.none(), widget=forms.CheckboxSelectMultiple,
        help_text="Every agreed recommendation of these reviews that is not yet signed off is included.",
        error_messages={"required": "Select at least one review"},
    )

    def __init__(self, organisation, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = Meeting.objects.for_organisation(organisation).select_related("committee")
        self.fields["reviews"].queryset = Review.objects.for_organisation(organisation).open()

    def clean(self):
        data = super().clean()
        if data.get("as_at_on") and data.get("deadline_on") and data["deadline_on"] < data["as_at_on"]:
            self.add_error("deadline_on", "The deadline must be on or after the date progress is reported as at")
        return data


class ProgressUpdateForm(forms.Form):
    evidence = forms.CharField(label="Evidence of progress", widget=forms.Textarea, required=False,
                               help_text="What has been done since the last update, and what it shows.")
    level = forms.ModelChoiceField(label="Assessment of progress", queryset=AssessmentLevel.objects.none(),
                                   widget=forms.RadioSelect, required=False, empty_label=None)
    assessment_reason = forms.CharField(label="Reason for the assessment", widget=forms.Textarea, required=False,
                                        help_text="Needed if the work has slipped or will not be achieved.")
    revised_target_on = UKDateField(label="Revised target date", required=False,
                                    help_text="Needed if the work has slipped. For example, 31/3/2027")
    revised_target_text = forms.CharField(label="Revised target, in words", required=False, max_length=200,
                                          help_text='Only if there is no single date, for example "March 2027".')
    savings_amount = MoneyField(label="Savings or costs to date", required=False)
    savings_basis = forms.ChoiceField(label="Is that amount actual or estimated?", required=False,
                                      choices=ProgressUpdate.Basis.choices, widget=forms.RadioSelect)
    savings_text = forms.CharField(label="Savings or costs to date, in words", required=False, max_length=300,
                                   help_text='For example, "None" or "£13,000 estimated from two placements".')
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, scale, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].queryset = scale.levels.all() if scale else AssessmentLevel.objects.none()
        self.fields["level"].label_from_instance = lambda level: f"{level.code} {level.label}"

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


class ProgrammeRoundForm(forms.Form):
    programme = forms.ModelChoiceField(label="Programme", queryset=None, empty_label=None)
    title = forms.CharField(label="Name of the round", max_length=300,
                            help_text='For example, "Highlight report to the programme board, March 2027"')
    period_label = forms.CharField(label="Period it reports on", max_length=50, required=False,
                                   help_text='As the report names it, for example "March 2027"')
    meeting = forms.ModelChoiceField(label="Board meeting", queryset=Meeting.objects.none(), required=False,
                                     empty_label="Not yet known")
    as_at_on = UKDateField(label="Progress as at")
    deadline_on = UKDateField(label="Deadline for reports from project leads")

    def __init__(self, organisation, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = Programme.objects.for_organisation(organisation)
        self.fields["meeting"].queryset = Meeting.objects.for_organisation(organisation).select_related("committee")

    def clean(self):
        data = super().clean()
        if data.get("as_at_on") and data.get("deadline_on") and data["deadline_on"] < data["as_at_on"]:
            self.add_error("deadline_on", "The deadline must be on or after the date progress is reported as at")
        return data


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
