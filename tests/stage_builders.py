"""Engagements built up to a given stage, through the ORM (signals fire as in the app).

`at_stage(stage, coach=..., client=..., sponsor=...)` gives an engagement that entered
`stage` and no further one, each step adding what the next stage's entry condition needs
(measures.stages). Used by the dashboard's tests and its browser test.
"""

from datetime import date

from django.utils import timezone

from oogst.accounts.models import User
from oogst.engagements.models import Engagement, Intake
from oogst.measures.stages import STAGES
from oogst.results.models import EndReport
from tests import factories as f

PLANNED = 2


def at_stage(
    stage: str,
    *,
    coach: User,
    client: User | None = None,
    sponsor: User | None = None,
    sponsor_may_see: list[str] | None = None,
    organisation: str = "",
) -> Engagement:
    upto = STAGES.index(stage)
    org = {"organisation__name": organisation} if organisation else {}
    engagement = f.EngagementFactory(**org)
    client = client or f.UserFactory()
    people = {"client": client, "coach": coach, **({"sponsor": sponsor} if sponsor else {})}
    for party, person in people.items():
        f.ParticipationFactory(engagement=engagement, person=person, party=party)
    steps = [_intake, _expectations, _contract, _sessions, _end_reports, _close]
    for step in steps[:upto]:
        step(engagement, list(people), sponsor_may_see)
    return engagement


def _intake(engagement: Engagement, parties: list[str], _view: object) -> None:
    Intake.objects.create(engagement=engagement, held_on=date(2026, 1, 5), question="Vraag")


def _expectations(engagement: Engagement, parties: list[str], _view: object) -> None:
    for party in parties:
        f.ExpectationFactory(engagement=engagement, party=party, meanings=["effect"])


def _contract(engagement: Engagement, parties: list[str], view: list[str] | None) -> None:
    seen = {"sponsor_may_see": view} if view is not None else {}
    contract = f.ContractFactory(engagement=engagement, sessions_planned=PLANNED, **seen)
    f.GoalFactory(engagement=engagement, key="G1", position=1)
    for party in parties:
        f.ContractAcceptanceFactory(contract=contract, party=party)


def _sessions(engagement: Engagement, parties: list[str], _view: object) -> None:
    for number in range(1, PLANNED + 1):
        f.SessionFactory(engagement=engagement, number=number, position=number)


def _end_reports(engagement: Engagement, parties: list[str], _view: object) -> None:
    for party in ("client", "coach"):
        EndReport.objects.create(
            engagement=engagement, party=party, summary="Klaar", submitted_at=timezone.now()
        )


def _close(engagement: Engagement, parties: list[str], _view: object) -> None:
    engagement.closed_at = timezone.now()
    engagement.save(update_fields=["closed_at", "updated_at"])
