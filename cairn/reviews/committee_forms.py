"""Forms for committees (and boards) and their meetings."""

from django import forms

from cairn.core.forms import PlainTextField, UKDateField

from .models import Committee


class CommitteeForm(forms.Form):
    name = PlainTextField(label="Name", max_length=200, help_text='For example, "Children and Young People Select Committee"',
                          error_messages={"required": "Enter the committee's name"})

    def __init__(self, organisation, *args, committee=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation, self.committee = organisation, committee

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        taken = Committee.objects.for_organisation(self.organisation).filter(name__iexact=name)
        if self.committee is not None:
            taken = taken.exclude(pk=self.committee.pk)
        if taken.exists():
            raise forms.ValidationError("There is already a committee with that name")
        return name


class MeetingForm(forms.Form):
    held_on = UKDateField(label="Date of the meeting", error_messages={"required": "Enter the date of the meeting"})

    def __init__(self, committee, *args, meeting=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.committee, self.meeting = committee, meeting

    def clean_held_on(self):
        held_on = self.cleaned_data["held_on"]
        taken = self.committee.meetings.filter(held_on=held_on)
        if self.meeting is not None:
            taken = taken.exclude(pk=self.meeting.pk)
        if taken.exists():
            raise forms.ValidationError(f"{self.committee} already meets on {held_on:%d/%m/%Y}")
        return held_on
