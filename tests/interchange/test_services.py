"""Import and export through the services: all rows or none, a flat number of queries."""

import copy
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from oogst.accounts.models import User
from oogst.closing.models import AttainmentRating, ClosingConversation
from oogst.contracting.models import Contract, ContractAcceptance, Expectation, Goal, Session
from oogst.engagements.models import Engagement, Organisation, Participation
from oogst.harvest.snapshot import engagement_with_everything, snapshot
from oogst.interchange.document import parse
from oogst.interchange.services import InvalidDocument, engagement_export, engagement_import
from oogst.research.models import ResearchConsent
from oogst.results.models import Judgement, Result

from .conftest import load, row_counts

pytestmark = pytest.mark.django_db


def test_import_writes_every_part_of_the_example(imported: Engagement) -> None:
    e = imported
    assert e.title == "Coaching van een ICT-manager" and e.language == "nl"
    assert (e.organisation.name, e.organisation.sector) == ("Noordlicht ICT", "ICT")
    assert dict(
        Participation.objects.filter(engagement=e).values_list("party", "person__email")
    ) == {
        "client": "sanne@noordlicht.example",
        "coach": "pieter@dekkercoaching.example",
        "sponsor": "marieke@noordlicht.example",
    }
    assert str(e.intake.held_on) == "2026-01-12"
    assert Expectation.objects.filter(engagement=e).count() == 3
    contract = Contract.objects.get(engagement=e)
    assert (contract.sessions_planned, contract.costs_amount, contract.currency) == (
        12,
        3600,
        "EUR",
    )
    assert ContractAcceptance.objects.filter(contract=contract).count() == 3
    goals = list(Goal.objects.filter(engagement=e))
    assert [(g.key, g.position) for g in goals] == [("G1", 0), ("G2", 1), ("G3", 2)]
    assert goals[0].level_minus_2 == "Werkweken worden langer" and goals[1].level_0 == ""
    sessions = list(Session.objects.filter(engagement=e).prefetch_related("goals"))
    assert [[g.key for g in s.goals.all()] for s in sessions] == [["G1"], ["G2"], [], ["G3"]]
    results = list(Result.objects.filter(engagement=e).prefetch_related("goals"))
    assert [r.key for r in results] == ["R1", "R2", "R3", "R4", "R5", "R6"]
    assert [r.expected for r in results] == [True, True, True, False, False, False]
    assert (results[4].value_amount, results[4].value_unit) == (4500, "EUR")
    # One judgement per party that judged or attributed: R6 has client, sponsor, coach.
    assert Judgement.objects.filter(result__engagement=e).count() == 3 + 3 + 3 + 2 + 3 + 3
    r6 = {j.party: j for j in Judgement.objects.filter(result=results[5])}
    assert r6["coach"].desirability == "" and r6["coach"].share == Decimal("0.5")
    assert r6["client"].share is None
    assert AttainmentRating.objects.filter(goal__engagement=e).count() == 6
    assert ClosingConversation.objects.get(engagement=e).declined_by == "sponsor"
    assert ResearchConsent.objects.filter(engagement=e).count() == 2


def test_new_people_cannot_log_in_until_they_set_a_password(imported: Engagement) -> None:
    sanne = User.objects.get(email="sanne@noordlicht.example")
    assert sanne.name == "Sanne Verbeek"
    assert not sanne.has_usable_password()


def test_people_and_organisations_are_reused(imported: Engagement) -> None:
    document = load("example.json")
    document["parties"]["client"]["email"] = "SANNE@Noordlicht.example"
    document["parties"]["client"]["name"] = "S. Verbeek"
    second = engagement_import(document=document)
    assert User.objects.count() == 3
    assert Organisation.objects.count() == 1
    client = second.participations.get(party="client").person
    assert client == imported.participations.get(party="client").person
    assert client.name == "Sanne Verbeek"  # an existing person keeps their name


def test_an_organisation_without_sector_gets_the_documents(db: None) -> None:
    Organisation.objects.create(name="Noordlicht ICT")
    engagement_import(document=load("example.json"))
    assert Organisation.objects.get().sector == "ICT"


def test_an_organisation_keeps_its_own_sector(db: None) -> None:
    Organisation.objects.create(name="Noordlicht ICT", sector="software")
    engagement_import(document=load("example.json"))
    assert Organisation.objects.get().sector == "software"


def test_an_invalid_document_writes_nothing(imported: Engagement) -> None:
    document = load("example.json")
    document["results"][0]["colour"] = "red"
    document["results"][2]["goals"] = ["G9"]
    document["results"][5]["attribution"]["coach"]["share"] = 1.5
    document["attainment"][1]["level"] = 3
    before = row_counts()
    with pytest.raises(InvalidDocument) as raised:
        engagement_import(document=document)
    assert len(raised.value.problems) == 4
    assert row_counts() == before


def test_a_failure_while_writing_leaves_no_rows(db: None, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("the database went away")

    before = row_counts()
    monkeypatch.setattr(AttainmentRating.objects, "bulk_create", broken)
    with pytest.raises(RuntimeError):
        engagement_import(document=load("example.json"))
    assert row_counts() == before


def test_the_same_person_in_two_parties_is_a_problem_not_a_crash(db: None) -> None:
    document = load("example.json")
    document["parties"]["sponsor"]["email"] = "Sanne@noordlicht.example"
    before = row_counts()
    with pytest.raises(InvalidDocument) as raised:
        engagement_import(document=document)
    assert [p.path for p in raised.value.problems] == ["$.parties.sponsor.email"]
    assert row_counts() == before


def test_the_snapshot_of_an_import_is_the_parsed_document(imported: Engagement) -> None:
    assert snapshot(engagement_with_everything(imported.pk)) == parse(load("example.json"))


def test_export_then_import_then_export_is_stable(imported: Engagement) -> None:
    first = engagement_export(engagement_id=imported.pk)
    again = engagement_import(document=copy.deepcopy(first))
    assert again.pk != imported.pk
    assert engagement_export(engagement_id=again.pk) == first


def test_export_of_an_unknown_engagement(db: None) -> None:
    with pytest.raises(Engagement.DoesNotExist):
        engagement_export(engagement_id=404)


def _bigger(n: int) -> dict[str, Any]:
    document = load("example.json")
    template = document["results"][4]
    document["results"] += [
        {**copy.deepcopy(template), "key": f"X{i}", "goals": ["G1", "G2"]} for i in range(n)
    ]
    document["sessions"] += [
        {"number": 10 + i, "date": "2026-05-01", "topics": [], "goals": ["G1"]} for i in range(n)
    ]
    return document


def test_import_costs_a_fixed_number_of_queries(db: None) -> None:
    engagement_import(document=_bigger(0))  # people and organisation exist from now on
    counts = []
    for n in (1, 40):
        with CaptureQueriesContext(connection) as queries:
            engagement_import(document=_bigger(n))
        counts.append(len(queries))
    assert counts[0] == counts[1]
    # 21 to write the document, plus the rows that mark the research figures (2) and the
    # stored progress (4) stale, one per row saved one by one (signals).
    assert counts[1] <= 27
