"""The anonymised dataset: what a row holds, what it never holds, and who is in it."""

import csv
import io
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook
from pyarrow import parquet as pq

from oogst.contracting.models import Session
from oogst.engagements.models import Intake
from oogst.research import dataset
from oogst.research.models import Pseudonym, ResearchConsent
from tests import factories as f
from tests.parties import GOAL_TEXTS, SHARED_TEXT, SPONSOR_TEXT, UNSHARED_TEXT, Trio

ORGANISATION = "Zonnebloem Zorggroep Oosterhout"
INTAKE_QUESTION = "Vraag over de samenwerking met Hendrika"
SESSION_NOTES = "Notitie: Hendrika twijfelt over haar rol"
UNIT_TEXT = "uur bij Ruisdael"  # a unit column holds at most 20 characters


def consent(engagement: Any, *parties: str, withdrawn: bool = False) -> None:
    for party in parties:
        ResearchConsent.objects.create(
            engagement=engagement,
            party=party,
            given_on=date(2026, 1, 20),
            withdrawn_on=date(2026, 3, 1) if withdrawn else None,
        )


@pytest.fixture
def consented(trio: Trio) -> Trio:
    """The trio's engagement with research consent of client and sponsor, and more free
    text in every corner that could leak: intake, session notes, a free-text unit."""
    organisation = trio.engagement.organisation
    organisation.name = ORGANISATION
    organisation.save(update_fields=["name"])
    Intake.objects.create(engagement=trio.engagement, question=INTAKE_QUESTION, notes="Privé")
    Session.objects.filter(engagement=trio.engagement).update(coach_notes=SESSION_NOTES)
    f.ResultFactory(
        engagement=trio.engagement,
        key="R4",
        text="Ruim twee uur per week minder overwerk",
        evidence="observable",
        value_amount=Decimal("2.5"),
        value_unit=UNIT_TEXT,
        position=4,
    )
    consent(trio.engagement, "client", "sponsor")
    return trio


def forbidden(trio: Trio) -> list[str]:
    people = (trio.alice, trio.bob, trio.charlie)
    return [
        *(p.name for p in people),
        *(p.name.split()[1] for p in people),  # surnames on their own too
        *(p.email for p in people),
        ORGANISATION,
        trio.engagement.title,
        SHARED_TEXT,
        UNSHARED_TEXT,
        SPONSOR_TEXT,
        "Ruim twee uur per week minder overwerk",
        *GOAL_TEXTS,
        INTAKE_QUESTION,
        SESSION_NOTES,
        "Hendrika",
        UNIT_TEXT,
        "Kwekerij",
        "Geen reactie.",  # the closing conversation's notes
        "Weer plezier in het werk.",  # the expectations' text
    ]


def export_text(fmt: str, **kwargs: Any) -> tuple[str, list[dict[str, Any]]]:
    """The export in `fmt`, read back with that format's own reader: all its text, and
    its rows as dicts."""
    if fmt == "csv":
        out = io.StringIO()
        dataset.dataset_write(fmt="csv", out=out, **kwargs)
        text = out.getvalue()
        return text, list(csv.DictReader(io.StringIO(text)))
    binary = io.BytesIO()
    dataset.dataset_write(fmt=fmt, out=binary, **kwargs)
    binary.seek(0)
    if fmt == "xlsx":
        sheet = load_workbook(binary).active
        cells = [list(row) for row in sheet.iter_rows(values_only=True)]
        header, body = cells[0], cells[1:]
        rows = [dict(zip(header, row, strict=True)) for row in body]
        return "\n".join(" | ".join(str(c) for c in row) for row in cells), rows
    table = pq.read_table(binary)
    rows = table.to_pylist()
    return "\n".join(table.column_names) + "\n" + repr(rows), rows


def plain(value: Any) -> str:
    """A cell as text, the same in each format ('' for empty, 'true' for yes)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{Decimal(str(value)).normalize():f}"
    try:
        return f"{Decimal(str(value)).normalize():f}"
    except ArithmeticError:
        return str(value)


@pytest.mark.parametrize("fmt", dataset.FORMATS)
def test_no_name_email_organisation_or_free_text_in_any_format(consented: Trio, fmt: str) -> None:
    text, rows = export_text(fmt)
    assert len(rows) == 4  # the export is not empty: the absence below means something
    for needle in forbidden(consented):
        assert needle.lower() not in text.lower(), needle


@pytest.mark.parametrize("fmt", dataset.FORMATS)
def test_every_format_has_the_same_columns(consented: Trio, fmt: str) -> None:
    _, rows = export_text(fmt)
    assert tuple(rows[0]) == dataset.COLUMN_NAMES


@pytest.mark.parametrize("fmt", dataset.FORMATS)
def test_a_row_holds_the_distinctions_and_engagement_facts(consented: Trio, fmt: str) -> None:
    _, rows = export_text(fmt)
    by_key = {row["result"]: {k: plain(v) for k, v in row.items()} for row in rows}
    r1, r3 = by_key["R1"], by_key["R3"]
    assert r1["goals_linked"] == "1"
    assert by_key["R2"]["goals_linked"] == "0"
    assert r1["expected"] == "true"
    assert by_key["R2"]["expected"] == "false"
    assert r1["share_client"] == "0.6"
    assert r1["confidence_client"] == "0.8"
    assert r1["share_sponsor"] == ""
    assert r3["desirability_client"] == "undesired"
    assert r3["desirability_sponsor"] == "desired"  # client and sponsor disagree
    assert r3["desirability_coach"] == ""
    assert r3["share_sponsor"] == "0.3"
    assert r3["reported_by"] == "sponsor"
    assert r3["source"] == "other"
    assert r3["meaning"] == "outcome"
    assert r3["beneficiary"] == "organisation"
    assert r3["evidence"] == "observable"
    assert (r3["has_value"], r3["monetary"]) == ("true", "true")
    assert (r3["value_amount"], r3["value_currency"]) == ("40000", "EUR")
    # Of the engagement, the same on every row.
    assert {row["engagement"] for row in by_key.values()} == {consented.engagement.pseudonym.code}
    assert r1["sessions"] == "1"
    assert r1["goals"] == "2"
    assert r1["closing"] == "declined"
    # G1 rated +1 by the client and 0 by the coach, one goal of weight 1: T = 60 and 50.
    assert (r1["gas_t_client"], r1["gas_t_coach"], r1["gas_t_sponsor"]) == ("60", "50", "")
    assert (r1["costs_amount"], r1["costs_currency"]) == ("3600", "EUR")


@pytest.mark.parametrize("fmt", dataset.FORMATS)
def test_a_value_in_another_unit_than_money_is_flagged_but_not_given(
    consented: Trio, fmt: str
) -> None:
    _, rows = export_text(fmt)
    r4 = next({k: plain(v) for k, v in row.items()} for row in rows if row["result"] == "R4")
    assert (r4["has_value"], r4["monetary"]) == ("true", "false")
    assert (r4["value_amount"], r4["value_currency"]) == ("", "")


def test_a_sector_is_named_only_when_k_engagements_of_the_export_share_it(
    consented: Trio,
) -> None:
    rows = list(dataset.dataset_rows())
    assert {row["sector"] for row in rows} == {dataset.OTHER_SECTOR}  # 1 < k = 5
    rows = list(dataset.dataset_rows(k=1))
    assert {row["sector"] for row in rows} == {"ICT"}


def test_a_sector_shared_by_k_engagements_is_named(consented: Trio, settings: Any) -> None:
    settings.RESEARCH_K = 2
    other = f.EngagementFactory(organisation=f.OrganisationFactory(name="Tweede", sector="ICT"))
    f.ResultFactory(engagement=other)
    consent(other, "client")
    assert {row["sector"] for row in dataset.dataset_rows()} == {"ICT"}


def parties(engagement: Any) -> None:
    for party in ("client", "coach", "sponsor"):
        f.ParticipationFactory(engagement=engagement, party=party)


@pytest.mark.parametrize("fmt", dataset.FORMATS)
def test_an_engagement_without_consent_or_with_consent_withdrawn_is_in_no_export(
    consented: Trio, fmt: str
) -> None:
    never = f.EngagementFactory()
    only_client = f.EngagementFactory()
    withdrawn = f.EngagementFactory()
    for engagement in (never, only_client, withdrawn):
        parties(engagement)
        f.ResultFactory(engagement=engagement)
    consent(only_client, "client")  # the sponsor did not consent
    consent(withdrawn, "client")
    consent(withdrawn, "sponsor", withdrawn=True)
    _, rows = export_text(fmt)
    assert len(rows) == 4
    assert {row["engagement"] for row in rows} == {consented.engagement.pseudonym.code}
    assert not Pseudonym.objects.filter(engagement__in=[never, only_client, withdrawn]).exists()


def test_withdrawing_consent_removes_the_engagement_from_later_exports(consented: Trio) -> None:
    assert len(list(dataset.dataset_rows())) == 4
    ResearchConsent.objects.filter(engagement=consented.engagement, party="client").update(
        withdrawn_on=date(2026, 4, 1)
    )
    assert list(dataset.dataset_rows()) == []


def test_the_pseudonym_is_stable_across_exports_and_not_the_database_id(
    consented: Trio,
) -> None:
    first = {row["engagement"] for row in dataset.dataset_rows()}
    second = {row["engagement"] for row in dataset.dataset_rows()}
    assert first == second
    (code,) = first
    pk = consented.engagement.pk
    assert code != str(pk)
    assert len(code) >= 16
    assert Pseudonym.objects.get(engagement=consented.engagement).code == code
    assert Pseudonym.objects.count() == 1


def test_pseudonyms_of_different_engagements_differ_and_follow_no_id_order(
    consented: Trio,
) -> None:
    for _ in range(6):
        engagement = f.EngagementFactory()
        f.ResultFactory(engagement=engagement)
        consent(engagement, "client")
    codes = [row["engagement"] for row in dataset.dataset_rows()]
    distinct = list(dict.fromkeys(codes))
    assert len(distinct) == 7
    assert distinct == sorted(distinct)  # rows come in pseudonym order, not id order


def test_export_can_be_narrowed_to_some_engagements_but_never_beyond_consent(
    consented: Trio,
) -> None:
    other = f.EngagementFactory()
    f.ResultFactory(engagement=other)
    assert list(dataset.dataset_rows([other.pk])) == []
    assert len(list(dataset.dataset_rows([consented.engagement.pk, other.pk]))) == 4


def test_the_number_of_queries_does_not_grow_with_engagements(
    consented: Trio, django_assert_max_num_queries: Any
) -> None:
    list(dataset.dataset_rows())  # pseudonyms exist from here on
    with CaptureQueriesContext(connection) as one:
        list(dataset.dataset_rows())
    for _ in range(20):
        engagement = f.EngagementFactory()
        parties(engagement)
        goal = f.GoalFactory(engagement=engagement)
        f.AttainmentRatingFactory(goal=goal, rater="coach", level=2)
        result = f.ResultFactory(engagement=engagement, goals=[goal])
        f.JudgementFactory(result=result, party="coach")
        consent(engagement, "client", "sponsor")
    list(dataset.dataset_rows())  # their pseudonyms
    with django_assert_max_num_queries(len(one)):
        rows = list(dataset.dataset_rows())
    assert len(rows) == 24


@pytest.mark.parametrize("fmt", dataset.FORMATS)
def test_an_empty_export_still_has_its_columns(db: None, fmt: str) -> None:
    text, rows = export_text(fmt)
    assert rows == []
    assert "engagement" in text
