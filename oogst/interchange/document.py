"""The interchange format, version 1, to and from the plain engagement of `measures.model`.

Pure: no Django, no models. `parse` assumes a valid document (see `validation.validate`)
and fills in the format's defaults; `serialize` writes every value, defaults included.

`parse` returns the canonical plain engagement, the same shape a snapshot of the imported
rows gives: meanings in canonical order, expectations by party, attainment by goal and
then rater, goal references in the order of the goals. The order of goals, results and
sessions is the document's.
"""

from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from oogst.measures import model as m

FORMAT = "oogst/engagement@1"
DEFAULT_LANGUAGE = "nl"
DEFAULT_SESSIONS_PLANNED = 12

Document = dict[str, Any]


def parse(document: Mapping[str, Any]) -> m.Engagement:
    goal_order = {g["key"]: i for i, g in enumerate(document.get("goals", ()))}
    return m.Engagement(
        title=document["title"],
        organisation=document["organisation"],
        parties=_by_party(
            {
                party: m.Person(name=person["name"], email=person["email"])
                for party, person in document["parties"].items()
            }
        ),
        language=document.get("language", DEFAULT_LANGUAGE),
        sector=document.get("sector", ""),
        intake=_intake(document.get("intake")),
        expectations=tuple(
            sorted(
                (_expectation(e) for e in document.get("expectations", ())),
                key=lambda e: m.PARTIES.index(e.party),
            )
        ),
        contract=_contract(document.get("contract")),
        goals=tuple(_goal(g) for g in document.get("goals", ())),
        sessions=tuple(_session(s, goal_order) for s in document.get("sessions", ())),
        results=tuple(_result(r, goal_order) for r in document.get("results", ())),
        attainment=tuple(
            sorted(
                (
                    m.Rating(goal=a["goal"], rater=a["rater"], level=a["level"])
                    for a in document.get("attainment", ())
                ),
                key=lambda a: (goal_order.get(a.goal, len(goal_order)), m.PARTIES.index(a.rater)),
            )
        ),
        closing=_closing(document.get("closing")),
        research_consent=_dates(document.get("research_consent", {})),
    )


def serialize(engagement: m.Engagement) -> Document:
    e = engagement
    document: Document = {
        "format": FORMAT,
        "title": e.title,
        "language": e.language,
        "organisation": e.organisation,
    }
    if e.sector:
        document["sector"] = e.sector
    document["parties"] = {
        party: {"name": person.name, "email": person.email}
        for party, person in _by_party(e.parties).items()
    }
    if e.intake is not None:
        document["intake"] = _without_none(
            {"date": _iso(e.intake.date), "question": e.intake.question}
        )
    document["expectations"] = [
        {"party": x.party, "meanings": list(x.meanings), "text": x.text} for x in e.expectations
    ]
    if e.contract is not None:
        document["contract"] = _contract_document(e.contract)
    document["goals"] = [_goal_document(goal) for goal in e.goals]
    document["sessions"] = [
        {
            "number": s.number,
            "date": s.date.isoformat(),
            "topics": list(s.topics),
            "goals": list(s.goals),
        }
        for s in e.sessions
    ]
    document["results"] = [_result_document(result) for result in e.results]
    document["attainment"] = [
        {"goal": a.goal, "rater": a.rater, "level": a.level} for a in e.attainment
    ]
    if e.closing is not None:
        document["closing"] = {
            "status": e.closing.status,
            "by": e.closing.by,
            "date": _iso(e.closing.date),
            "notes": e.closing.notes,
        }
    if e.research_consent:
        document["research_consent"] = _iso_dates(e.research_consent)
    return document


def number(value: Decimal) -> int | float:
    """A JSON number: an int when integral, else a float."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)


# parse --------------------------------------------------------------------------------


def _decimal(value: object) -> Decimal:
    # Through str, so that 0.6 becomes Decimal("0.6") and not the float's binary value.
    return Decimal(str(value))


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value is not None else None


def _dates(mapping: Mapping[str, str]) -> dict[str, date]:
    return _by_party({party: date.fromisoformat(day) for party, day in mapping.items()})


def _intake(intake: Mapping[str, Any] | None) -> m.Intake | None:
    if intake is None:
        return None
    return m.Intake(date=_date(intake.get("date")), question=intake.get("question", ""))


def _expectation(expectation: Mapping[str, Any]) -> m.Expectation:
    meanings = expectation.get("meanings", ())
    return m.Expectation(
        party=expectation["party"],
        meanings=tuple(x for x in m.MEANINGS if x in meanings),
        text=expectation.get("text", ""),
    )


def _contract(contract: Mapping[str, Any] | None) -> m.Contract | None:
    if contract is None:
        return None
    costs = contract.get("costs")
    return m.Contract(
        sessions_planned=contract.get("sessions_planned", DEFAULT_SESSIONS_PLANNED),
        costs=(
            m.Money(amount=_decimal(costs["amount"]), currency=costs["currency"])
            if costs is not None
            else None
        ),
        sponsor_may_see=tuple(contract.get("sponsor_may_see", m.DEFAULT_SPONSOR_MAY_SEE)),
        accepted=_dates(contract.get("accepted", {})),
        rho=_decimal(contract["rho"]) if "rho" in contract else m.DEFAULT_RHO,
    )


def _goal(goal: Mapping[str, Any]) -> m.Goal:
    return m.Goal(
        key=goal["key"],
        text=goal["text"],
        weight=_decimal(goal.get("weight", 1)),
        # Levels in order -2..2; an empty description is no description.
        scale={
            level: text for level in range(-2, 3) if (text := goal.get("scale", {}).get(str(level)))
        },
        baseline=goal.get("baseline"),
        due=_date(goal.get("due")),
    )


def _goal_keys(keys: Iterable[str], goal_order: Mapping[str, int]) -> tuple[str, ...]:
    return tuple(sorted(keys, key=lambda key: goal_order.get(key, len(goal_order))))


def _session(session: Mapping[str, Any], goal_order: Mapping[str, int]) -> m.Session:
    return m.Session(
        number=session["number"],
        date=date.fromisoformat(session["date"]),
        topics=tuple(session.get("topics", ())),
        goals=_goal_keys(session.get("goals", ()), goal_order),
    )


def _result(result: Mapping[str, Any], goal_order: Mapping[str, int]) -> m.Result:
    goals = _goal_keys(result.get("goals", ()), goal_order)
    value = result.get("value")
    return m.Result(
        key=result["key"],
        text=result["text"],
        reported_by=result["reported_by"],
        source=result["source"],
        goals=goals,
        meaning=result["meaning"],
        expected=result.get("expected", bool(goals)),
        beneficiary=result["beneficiary"],
        evidence=result["evidence"],
        desirability=_by_party(result.get("desirability", {})),
        value=(
            m.Value(amount=_decimal(value["amount"]), unit=value["unit"])
            if value is not None
            else None
        ),
        attribution=_by_party(
            {
                party: m.Attribution(
                    share=_decimal(a["share"]), confidence=_decimal(a["confidence"])
                )
                for party, a in result.get("attribution", {}).items()
            }
        ),
        shared_with_sponsor=result.get("shared_with_sponsor", False),
    )


def _closing(closing: Mapping[str, Any] | None) -> m.Closing | None:
    if closing is None:
        return None
    return m.Closing(
        status=closing["status"],
        by=closing.get("by"),
        date=_date(closing.get("date")),
        notes=closing.get("notes", ""),
    )


# serialize ----------------------------------------------------------------------------


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _iso_dates(mapping: Mapping[str, date]) -> dict[str, str]:
    return {party: day.isoformat() for party, day in _by_party(mapping).items()}


def _without_none(mapping: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in mapping.items() if value is not None}


def _contract_document(contract: m.Contract) -> Document:
    document: Document = {"sessions_planned": contract.sessions_planned}
    if contract.costs is not None:
        document["costs"] = {
            "amount": number(contract.costs.amount),
            "currency": contract.costs.currency,
        }
    document["sponsor_may_see"] = list(contract.sponsor_may_see)
    document["accepted"] = _iso_dates(contract.accepted)
    document["rho"] = number(contract.rho)
    return document


def _goal_document(goal: m.Goal) -> Document:
    document: Document = {"key": goal.key, "text": goal.text, "weight": number(goal.weight)}
    if goal.scale:
        document["scale"] = {str(level): goal.scale[level] for level in sorted(goal.scale)}
    if goal.baseline is not None:
        document["baseline"] = goal.baseline
    if goal.due is not None:
        document["due"] = goal.due.isoformat()
    return document


def _result_document(result: m.Result) -> Document:
    return {
        "key": result.key,
        "text": result.text,
        "reported_by": result.reported_by,
        "source": result.source,
        "goals": list(result.goals),
        "meaning": result.meaning,
        "expected": result.expected,
        "desirability": _by_party(result.desirability),
        "beneficiary": result.beneficiary,
        "evidence": result.evidence,
        "value": (
            {"amount": number(result.value.amount), "unit": result.value.unit}
            if result.value is not None
            else None
        ),
        "attribution": {
            party: {"share": number(a.share), "confidence": number(a.confidence)}
            for party, a in _by_party(result.attribution).items()
        },
        "shared_with_sponsor": result.shared_with_sponsor,
    }


def _by_party[T](mapping: Mapping[str, T]) -> dict[str, T]:
    """The mapping with its parties in the order client, coach, sponsor."""
    return {party: mapping[party] for party in m.PARTIES if party in mapping}
