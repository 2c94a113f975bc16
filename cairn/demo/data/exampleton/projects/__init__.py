"""The seven projects of Exampleton's children in care sustainability programme, as their reports show them.

A project's `plan` is one letter per month of the programme's 20-month plan (Design, Plan, Implement, Sustain;
"." for a month with no phase), starting twelve months before the current month.
"""

from .homes import HOMES
from .prevention import PREVENTION
from .shapes import VOICE, Measure, Report

PROJECTS = PREVENTION + HOMES

__all__ = ["PROJECTS", "VOICE", "Measure", "Report"]
