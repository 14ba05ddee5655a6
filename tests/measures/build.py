"""Small builders for plain engagements: a valid default, overridden where a test cares."""

from decimal import Decimal
from typing import Any

from oogst.measures.model import Attribution, Contract, Engagement, Goal, Money, Person, Result


def result(key: str, **overrides: Any) -> Result:
    fields: dict[str, Any] = {
        "key": key,
        "text": f"result {key}",
        "reported_by": "client",
        "source": "end_report",
        "goals": (),
        "meaning": "effect",
        # The format's default: expected exactly when some goal foresaw it.
        "expected": bool(overrides.get("goals")),
        "beneficiary": "client",
        "evidence": "explicable",
    }
    fields.update(overrides)
    return Result(**fields)


def attribution(share: str, confidence: str) -> Attribution:
    return Attribution(Decimal(share), Decimal(confidence))


def goal(key: str, weight: int | str = 1) -> Goal:
    return Goal(key, f"goal {key}", weight=Decimal(weight))


def engagement(**overrides: Any) -> Engagement:
    fields: dict[str, Any] = {
        "title": "t",
        "organisation": "o",
        "parties": {"client": Person("C", "c@x.example"), "coach": Person("K", "k@x.example")},
    }
    fields.update(overrides)
    return Engagement(**fields)


def contract(amount: int | str | None = 1000, currency: str = "EUR", **kw: Any) -> Contract:
    costs = None if amount is None else Money(Decimal(amount), currency)
    return Contract(costs=costs, **kw)
