from .committees import Committee, CommitteePaper, Meeting, PaperSection
from .recommendations import Action, Recommendation, SavingEstimate, TargetRevision
from .reviews import Review, ReviewQuestion, ReviewStep
from .rounds import AssessmentLevel, AssessmentScale, Notice, ProgressUpdate, ReportingRound

__all__ = [
    "Action",
    "AssessmentLevel",
    "AssessmentScale",
    "Committee",
    "CommitteePaper",
    "Meeting",
    "Notice",
    "PaperSection",
    "ProgressUpdate",
    "Recommendation",
    "ReportingRound",
    "Review",
    "ReviewQuestion",
    "ReviewStep",
    "SavingEstimate",
    "TargetRevision",
]
