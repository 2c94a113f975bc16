from .finance import BudgetLine, Risk
from .indicators import Indicator, Reading
from .projects import Milestone, MilestoneRevision, Phase, PhasePlanEntry, Programme, Project, ProjectUpdate, Rag

__all__ = [
    "BudgetLine",
    "Indicator",
    "Milestone",
    "MilestoneRevision",
    "Phase",
    "PhasePlanEntry",
    "Programme",
    "Project",
    "ProjectUpdate",
    "Rag",
    "Reading",
    "Risk",
]
