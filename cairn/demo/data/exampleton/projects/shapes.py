"""The shapes a project is written in, and short names for the states, kinds and colours they use."""

from typing import NamedTuple

from cairn.programmes.models import Indicator, Milestone, Rag, Risk

from ...dates import When

HIGHER, LOWER = Indicator.Polarity.HIGHER, Indicator.Polarity.LOWER
ON, OFF, DONE = Milestone.State.ON, Milestone.State.OFF, Milestone.State.COMPLETED
RISK, ISSUE, BARRIER = Risk.Kind.RISK, Risk.Kind.ISSUE, Risk.Kind.BARRIER
R, A, G = Rag.RED, Rag.AMBER, Rag.GREEN

VOICE = "Children's co-production framework to report on the child's voice and feedback"


class Step(NamedTuple):
    due: When  # as first agreed
    activity: str
    state: str = ""
    state_text: str = ""  # the word the report used, when it is not simply on or off
    revisions: tuple[tuple[When, str], ...] = ()  # later due dates, each with its reason


class Measure(NamedTuple):
    """An indicator with monthly readings moving from `start` to `end`, wobbling as real ones do."""

    name: str
    unit: str
    polarity: str
    green_from: float | int
    amber_from: float | int
    start: float | int
    end: float | int
    wobble: float | int
    places: int = 0


class Money(NamedTuple):
    year: int  # financial years from this one: -1 is last year
    budget: int
    spent: int | None  # None: spent so far this year, in step with the projected outturn
    projected: int


class Report(NamedTuple):
    rag: str
    progress: list[str]
    risks: list[str]
    spent: int | None = None
    savings: int | None = None
    voice: str = VOICE
    state: str = "accepted"
