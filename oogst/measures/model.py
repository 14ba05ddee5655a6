"""The plain shape of one engagement, as every computation and the interchange format see it.

Frozen dataclasses with no Django: the database is read into this shape (a snapshot), the
policy filters it down to what one viewer may read, and `measures.report` computes over
what is left. The fields follow `spec/engagement-format.md` one to one.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

PARTIES: tuple[str, ...] = ("client", "coach", "sponsor")
MEANINGS: tuple[str, ...] = (
    "product",
    "effect",
    "consequence",
    "outcome",
    "success",
    "performance",
    "financial",
)
DEFAULT_SPONSOR_MAY_SEE: tuple[str, ...] = ("goals", "sessions_held")
DEFAULT_RHO = Decimal("0.3")


@dataclass(frozen=True)
class Person:
    name: str
    email: str


@dataclass(frozen=True)
class Intake:
    date: dt.date | None = None
    question: str = ""


@dataclass(frozen=True)
class Expectation:
    party: str
    meanings: tuple[str, ...] = ()
    text: str = ""


@dataclass(frozen=True)
class Money:
    amount: Decimal
    currency: str


@dataclass(frozen=True)
class Contract:
    sessions_planned: int = 12
    costs: Money | None = None
    sponsor_may_see: tuple[str, ...] = DEFAULT_SPONSOR_MAY_SEE
    accepted: dict[str, dt.date] = field(default_factory=dict)
    rho: Decimal = DEFAULT_RHO


@dataclass(frozen=True)
class Goal:
    key: str
    text: str
    weight: Decimal = Decimal(1)
    scale: dict[int, str] = field(default_factory=dict)
    baseline: int | None = None
    due: dt.date | None = None


@dataclass(frozen=True)
class Session:
    number: int
    date: dt.date
    topics: tuple[str, ...] = ()
    goals: tuple[str, ...] = ()


@dataclass(frozen=True)
class Value:
    amount: Decimal
    unit: str


@dataclass(frozen=True)
class Attribution:
    share: Decimal
    confidence: Decimal


@dataclass(frozen=True)
class Result:
    key: str
    text: str
    reported_by: str
    source: str
    goals: tuple[str, ...]
    meaning: str
    expected: bool
    beneficiary: str
    evidence: str
    desirability: dict[str, str] = field(default_factory=dict)
    value: Value | None = None
    attribution: dict[str, Attribution] = field(default_factory=dict)
    shared_with_sponsor: bool = False


@dataclass(frozen=True)
class Rating:
    goal: str
    rater: str
    level: int


@dataclass(frozen=True)
class Closing:
    status: str
    by: str | None = None
    date: dt.date | None = None
    notes: str = ""


@dataclass(frozen=True)
class Engagement:
    title: str
    organisation: str
    parties: dict[str, Person]
    language: str = "nl"
    sector: str = ""
    intake: Intake | None = None
    expectations: tuple[Expectation, ...] = ()
    contract: Contract | None = None
    goals: tuple[Goal, ...] = ()
    sessions: tuple[Session, ...] = ()
    results: tuple[Result, ...] = ()
    attainment: tuple[Rating, ...] = ()
    closing: Closing | None = None
    research_consent: dict[str, dt.date] = field(default_factory=dict)
