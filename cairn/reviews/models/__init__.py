from .committees import Committee, CommitteePaper, Meeting, PaperSection
from .recommendations import Action, Recommendation, SavingEstimate, TargetRevision
from .reviews import Review, ReviewQuestion, ReviewStep
from .summaries import ProgressSummary
from .rounds import AssessmentLevel, AssessmentScale, Notice, ProgressUpdate, ReportingRound, lock_for_change, refuse_if_changed_by_others

__all__ = [
    "Action",
    "AssessmentLevel",
    "AssessmentScale",
    "Committee",
    "CommitteePaper",
    "Meeting",
    "Notice",
    "PaperSection",
    "ProgressSummary",
    "ProgressUpdate",
    "Recommendation",
    "ReportingRound",
    "Review",
    "ReviewQuestion",
    "ReviewStep",
    "SavingEstimate",
    "TargetRevision",
    "lock_for_change",
    "refuse_if_changed_by_others",
]
