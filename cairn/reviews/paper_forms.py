"""The form for a cover report written in Cairn: the paper that puts an action plan or a progress update before a
committee (seed 002)."""

from django import forms

from cairn.core.forms import PlainTextField

from .models import CommitteePaper, Meeting

COVER_KINDS = [
    (CommitteePaper.Kind.ACTION_PLAN.value, "The action plan for agreed recommendations"),
    (CommitteePaper.Kind.PROGRESS_UPDATE.value, "A progress update on the recommendations"),
]


class MeetingField(forms.ModelChoiceField):
    def label_from_instance(self, meeting: Meeting) -> str:
        return f"{meeting.committee}, {meeting.held_on:%d/%m/%Y}"


class PaperForm(forms.Form):
    kind = forms.ChoiceField(
        label="What the paper puts before the committee", choices=COVER_KINDS, widget=forms.RadioSelect,
        error_messages={"required": "Choose whether the paper is the action plan or a progress update"},
    )
    meeting = MeetingField(
        label="Meeting", queryset=Meeting.objects.none(), empty_label="Choose a meeting",
        help_text="The paper carries the meeting's date. Add a meeting on the committees page if it is not listed.",
        error_messages={"required": "Choose the meeting the paper goes to",
                        "invalid_choice": "Choose one of the council's meetings"},
    )
    agenda_item = PlainTextField(label="Agenda item", max_length=20, required=False,
                                 help_text="Leave blank until the agenda is set.")
    title = PlainTextField(label="Title", max_length=300, error_messages={"required": "Enter the paper's title"},
                           help_text="As printed, for example “Action Plan for Agreed Recommendations – Review of …”")
    summary = PlainTextField(label="Summary", required=False, widget=forms.Textarea(attrs={"rows": 4}),
                             help_text="What members are asked to consider.")
    detail = PlainTextField(
        label="Detail", required=False, widget=forms.Textarea(attrs={"rows": 8}),
        help_text="One paragraph per line, numbered as they are to be printed, for example “1. The final report…”",
    )
    contact_name = PlainTextField(label="Name of contact officer", max_length=200, required=False)
    contact_post = PlainTextField(label="Post title", max_length=200, required=False)
    contact_phone = PlainTextField(label="Telephone number", max_length=40, required=False)
    contact_email = forms.EmailField(label="Email address", required=False, error_messages={
        "invalid": "Enter an email address in the correct format, like name@example.gov.uk"})

    def __init__(self, review, *args, paper=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.review, self.paper = review, paper
        if paper is not None and paper.kind not in dict(COVER_KINDS):
            # An imported paper of another kind (a presentation, a final report) keeps its kind when changed here.
            self.fields["kind"].choices = [*COVER_KINDS, (paper.kind, paper.get_kind_display())]
        meetings = Meeting.objects.for_organisation(review.organisation).select_related("committee")
        self.fields["meeting"].queryset = meetings.order_by("committee__name", "-held_on")

    def clean(self):
        data = super().clean()
        kind, meeting = data.get("kind"), data.get("meeting")
        if kind == CommitteePaper.Kind.PROGRESS_UPDATE and meeting is not None:
            # A round's progress update takes the one cover report for its review at the round's meeting.
            taken = self.review.papers.filter(kind=kind, meeting=meeting)
            if self.paper is not None:
                taken = taken.exclude(pk=self.paper.pk)
            if taken.exists():
                self.add_error("meeting", f"This review already has a progress update cover report for {meeting}: "
                                          "change that one instead")
        return data
