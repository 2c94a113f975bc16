"""Forms for creating and changing reviews, recommendations, action plans and savings estimates.

Each form's cleaned data are the keyword arguments of the operation it feeds; choices and people come from the
user's own council only.
"""

from django import forms

from cairn.core.forms import (
    PRECISION_CHOICES,
    MoneyField,
    PersonField,
    PlainTextField,
    UKDateField,
    clean_dated,
    people,
)

from .models import Committee, Recommendation, Review, SavingEstimate


class ReviewForm(forms.Form):
    title = PlainTextField(label="Title", max_length=300, error_messages={"required": "Enter the review's title"})
    kind = forms.ChoiceField(label="Kind of review", choices=Review.Kind.choices, widget=forms.RadioSelect,
                             error_messages={"required": "Select the kind of review"})
    led_by = forms.ChoiceField(label="Led by", choices=[("", "Not recorded"), *Review.LedBy.choices], required=False)
    committee = forms.ModelChoiceField(label="Committee", queryset=Committee.objects.none(), required=False,
                                       empty_label="Not set")
    state = forms.ChoiceField(label="State", choices=Review.State.choices, initial=Review.State.SCOPING)
    summary = PlainTextField(label="Summary", widget=forms.Textarea, required=False,
                             help_text="What the review looks at and why.")
    reported_on = UKDateField(label="Final report went to the committee on", required=False)
    executive_decision_on = UKDateField(label="Executive decision made on", required=False)
    executive_decision_by = PlainTextField(label="Decided by", max_length=100, required=False,
                                           help_text="For example, Cabinet.")

    def __init__(self, organisation, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = Committee.objects.for_organisation(organisation)


class QuestionForm(forms.Form):
    number = forms.IntegerField(label="Number", min_value=1, error_messages={"required": "Enter the question's number"})
    text = PlainTextField(label="Key question", widget=forms.Textarea,
                          error_messages={"required": "Enter the key question"})


class StepForm(forms.Form):
    text = PlainTextField(label="Next step", max_length=300, error_messages={"required": "Enter the next step"})
    due_on = UKDateField(label="Date", required=False)
    done_on = UKDateField(label="Done on", required=False, help_text="Leave empty until the step is done.")
    order = forms.IntegerField(label="Position in the list", min_value=0, initial=0, required=False)

    def clean_order(self) -> int:
        return self.cleaned_data["order"] or 0


class RecommendationForm(forms.Form):
    number = PlainTextField(label="Number", max_length=20, required=False, help_text='As printed: "1", "SC18", "2a".')
    order = forms.IntegerField(label="Position in the action plan", min_value=0, initial=0, required=False)
    objective = PlainTextField(label="Objective or heading", max_length=500, required=False,
                               help_text="The objective or group heading the recommendation sits under.")
    text = PlainTextField(label="Recommendation", widget=forms.Textarea,
                          error_messages={"required": "Enter the recommendation"})
    lead_name = PlainTextField(label="Lead responsibility, as written", max_length=200, required=False,
                               help_text="A post, for example Head of Children's Services.")
    lead_officer = PersonField(label="Lead officer")
    finance_manager_name = PlainTextField(label="Finance manager, as written", max_length=200, required=False)
    finance_manager = PersonField(label="Finance manager")
    executive_response = forms.ChoiceField(
        label="Executive response", choices=[("", "Not yet recorded"), *Recommendation.Response.choices], required=False
    )
    executive_response_on = UKDateField(label="Date of the executive response", required=False)
    executive_response_note = PlainTextField(label="Note on the response", widget=forms.Textarea, required=False)

    def __init__(self, organisation, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_officer"].queryset = people(organisation)
        self.fields["finance_manager"].queryset = people(organisation)

    def clean_order(self) -> int:
        return self.cleaned_data["order"] or 0

    def clean(self):
        data = super().clean()
        if not data.get("executive_response") and (data.get("executive_response_on") or data.get("executive_response_note")):
            self.add_error("executive_response", "Select the executive response, or remove its date and note")
        return data


class ActionForm(forms.Form):
    """A step of the action plan. Its target date is set here once; later changes are revisions with a reason."""

    text = PlainTextField(label="Proposed action", widget=forms.Textarea,
                          error_messages={"required": "Enter the proposed action"})
    success_measure = PlainTextField(label="Success measure", widget=forms.Textarea, required=False)
    target_on = UKDateField(label="Target date", required=False,
                            help_text="For example, 31/3/2027. For a month or a year, any day in it will do.")
    target_precision = forms.ChoiceField(label="How precise is the target date?", choices=PRECISION_CHOICES,
                                         widget=forms.RadioSelect, initial="day", required=False)
    target_text = PlainTextField(label="Target date, as written", max_length=200, required=False,
                                 help_text='For example, "End of March 2027" or "Ongoing".')
    lead_name = PlainTextField(label="Lead, as written", max_length=200, required=False)
    lead_officer = PersonField(label="Lead officer")
    finance_manager_name = PlainTextField(label="Finance manager, as written", max_length=200, required=False)
    finance_manager = PersonField(label="Finance manager")
    progress_note = PlainTextField(label="Progress written into the action plan", widget=forms.Textarea,
                                   required=False, help_text="Only what the plan itself says; updates go in rounds.")
    order = forms.IntegerField(label="Position in the plan", min_value=0, initial=0, required=False)

    def __init__(self, organisation, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_officer"].queryset = people(organisation)
        self.fields["finance_manager"].queryset = people(organisation)

    def clean_order(self) -> int:
        return self.cleaned_data["order"] or 0

    def clean(self):
        data = super().clean()
        if "target_precision" in self.fields:
            data["target_precision"] = data.get("target_precision") or "day"
            clean_dated(self, "target_on", "target_precision", "target_text")
        return data


class ActionEditForm(ActionForm):
    """A step's wording and leads; the target date is changed by revising it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("target_on", "target_precision", "target_text"):
            del self.fields[name]


class ReviseTargetForm(forms.Form):
    target_on = UKDateField(label="New target date", required=False,
                            help_text="For example, 31/3/2027. For a month or a year, any day in it will do.")
    target_precision = forms.ChoiceField(label="How precise is the new date?", choices=PRECISION_CHOICES,
                                         widget=forms.RadioSelect, initial="day", required=False)
    target_text = PlainTextField(label="New target, as written", max_length=200, required=False,
                                 help_text='For example, "End of March 2027" or "Ongoing".')
    reason = PlainTextField(label="Why has the target date changed?", widget=forms.Textarea,
                            error_messages={"required": "Enter why the target date has changed"})

    def clean(self):
        data = super().clean()
        data["target_precision"] = data.get("target_precision") or "day"
        clean_dated(self, "target_on", "target_precision", "target_text", required=True)
        return data


class CompleteActionForm(forms.Form):
    completed_on = UKDateField(label="Date the step was completed",
                               error_messages={"required": "Enter the date the step was completed"})


CASHABLE_CHOICES = [("True", "Cashable"), ("False", "Not cashable"), ("None", "Not stated")]


class SavingEstimateForm(forms.Form):
    kind = forms.ChoiceField(label="Saving or cost?", choices=SavingEstimate.Kind.choices, widget=forms.RadioSelect,
                             initial=SavingEstimate.Kind.SAVING)
    text = PlainTextField(label="The estimate, as written", widget=forms.Textarea,
                          help_text='For example, "Up to £200,000 per annum".',
                          error_messages={"required": "Enter the estimate as written in the action plan"})
    min_amount = MoneyField(label="Lowest amount", required=False, help_text="Leave empty if only a maximum is given.")
    max_amount = MoneyField(label="Highest amount", required=False)
    period = forms.ChoiceField(label="How often", choices=[("", "Not stated"), *SavingEstimate.Period.choices],
                               required=False)
    cashable = forms.TypedChoiceField(
        label="Is it cashable?", choices=CASHABLE_CHOICES, widget=forms.RadioSelect, required=False, empty_value=None,
        coerce=lambda value: {"True": True, "False": False}.get(value),
    )
    recommendations = forms.ModelMultipleChoiceField(
        label="Recommendations it belongs to", queryset=Recommendation.objects.none(), widget=forms.CheckboxSelectMultiple,
        required=False, help_text="An estimate may be shared by several recommendations of the review.",
    )

    def __init__(self, review: Review, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recommendations"].queryset = review.recommendations.all()
        self.fields["recommendations"].label_from_instance = lambda r: f"{r.label}: {r.text[:100]}"

    def clean(self):
        data = super().clean()
        low, high = data.get("min_amount"), data.get("max_amount")
        if low is not None and high is not None and low > high:
            self.add_error("min_amount", "The lowest amount must not be more than the highest amount")
        return data
