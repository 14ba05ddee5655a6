"""'Not decided yet': where every result whose sharing the client decides starts.

New results (recorded, from an end report, imported, generated) start not shared and not
decided; the client's decision makes it shared or kept; old unshared rows are migrated to
"not decided"; the client is asked on the result's page, the coach sees the state.
"""

import importlib
import json
import re
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from oogst.harvest.selectors import report_for
from oogst.interchange.services import engagement_export, engagement_import
from oogst.policy import Party
from oogst.results.models import Result
from oogst.results.services.end_reports import end_report_save_draft, end_report_submit
from oogst.results.services.register import result_record, result_share
from tests import factories as f
from tests.parties import Trio, logged_in

EXAMPLE = Path(__file__).resolve().parent.parent / "spec_copies" / "example.json"
MIGRATION = "oogst.results.migrations.0004_result_sharing_undecided_by_default"


def record(trio: Trio, actor: Party) -> Result:
    return result_record(
        engagement=trio.engagement,
        actor=actor,
        text=f"Een nieuw resultaat van de {actor}",
        goal_keys=[],
        meaning="effect",
        beneficiary="client",
        evidence="explicable",
    )


def sharing(result: Result) -> tuple[bool, bool]:
    """(shared with the sponsor, not decided yet), as stored."""
    result.refresh_from_db()
    return result.shared_with_sponsor, result.sharing_undecided


# ---------------------------------------------------------------- new results


@pytest.mark.parametrize("actor", [Party.CLIENT, Party.COACH])
def test_a_new_result_the_client_decides_on_starts_not_decided(trio: Trio, actor: Party) -> None:
    assert sharing(record(trio, actor)) == (False, True)


def test_a_new_result_of_the_sponsor_is_its_own_and_not_undecided(trio: Trio) -> None:
    assert sharing(record(trio, Party.SPONSOR)) == (False, False)


@pytest.mark.parametrize(
    ("party", "undecided"), [(Party.CLIENT, True), (Party.COACH, True), (Party.SPONSOR, False)]
)
def test_results_from_an_end_report_start_not_decided_unless_the_sponsors(
    trio: Trio, party: Party, undecided: bool
) -> None:
    draft = {"other": {"text": "", "results": ["Een resultaat uit het eindverslag"]}}
    end_report_save_draft(engagement=trio.engagement, party=party, draft=draft)
    person = {Party.CLIENT: trio.alice, Party.COACH: trio.bob, Party.SPONSOR: trio.charlie}
    report = end_report_submit(engagement=trio.engagement, party=party, person=person[party])
    (result,) = Result.objects.filter(end_report=report)
    assert sharing(result) == (False, undecided)


def test_an_engagement_without_a_sponsor_still_starts_not_decided(trio: Trio) -> None:
    trio.engagement.participations.filter(party="sponsor").delete()
    assert sharing(record(trio, Party.CLIENT)) == (False, True)


# ---------------------------------------------------------------- the client decides


def test_keeping_it_from_the_sponsor_is_a_decision(trio: Trio) -> None:
    result = record(trio, Party.CLIENT)
    result_share(result=result, actor=Party.CLIENT, shared=False)
    assert sharing(result) == (False, False)


def test_sharing_it_is_a_decision_and_taking_it_back_stays_decided(trio: Trio) -> None:
    result = record(trio, Party.COACH)
    result_share(result=result, actor=Party.CLIENT, shared=True)
    assert sharing(result) == (True, False)
    result_share(result=result, actor=Party.CLIENT, shared=False)
    assert sharing(result) == (False, False)


# ---------------------------------------------------------------- the migration


def test_the_migration_marks_old_unshared_results_not_decided(trio: Trio) -> None:
    # The trio's rows are as before the migration: R1 shared, R2 (the client's) kept
    # without a decision on record, R3 the sponsor's own.
    coach = f.ResultFactory(engagement=trio.engagement, key="R4", reported_by="coach", position=4)
    migration = importlib.import_module(MIGRATION)
    migration.mark_unshared_undecided(apps, None)
    rows = dict(
        Result.objects.filter(engagement=trio.engagement).values_list("key", "sharing_undecided")
    )
    assert rows == {"R1": False, "R2": True, "R3": False, coach.key: True}
    assert not Result.objects.filter(shared_with_sponsor=True, sharing_undecided=True).exists()


# ---------------------------------------------------------------- import of version 1


def example() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    results = {r["key"]: r for r in document["results"]}
    assert results["R6"]["reported_by"] == "sponsor"
    results["R1"]["shared_with_sponsor"] = True
    results["R2"].update(reported_by="coach", shared_with_sponsor=False)
    results["R3"].pop("shared_with_sponsor", None)  # absent: false
    results["R4"]["shared_with_sponsor"] = False
    results["R6"]["shared_with_sponsor"] = False
    return document


def test_import_reads_false_as_not_decided_and_true_as_decided(db: None) -> None:
    engagement = engagement_import(document=example())
    rows = {
        r.key: (r.shared_with_sponsor, r.sharing_undecided)
        for r in Result.objects.filter(engagement=engagement)
    }
    assert rows["R1"] == (True, False)
    assert rows["R2"] == (False, True)  # the coach's
    assert rows["R3"] == (False, True)
    assert rows["R4"] == (False, True)
    assert rows["R6"] == (False, False)  # the sponsor's own: nothing to decide


def test_export_writes_not_decided_as_false_and_the_report_does_not_change(db: None) -> None:
    document = example()
    engagement = engagement_import(document=document)
    exported = engagement_export(engagement_id=engagement.pk)
    shared = {r["key"]: r["shared_with_sponsor"] for r in exported["results"]}
    assert shared == {r["key"]: r.get("shared_with_sponsor", False) for r in document["results"]}
    before = report_for(engagement_id=engagement.pk, viewer=Party.SPONSOR)
    Result.objects.filter(engagement=engagement).update(sharing_undecided=False)
    assert report_for(engagement_id=engagement.pk, viewer=Party.SPONSOR) == before


# ---------------------------------------------------------------- generated engagements


def test_generated_results_not_shared_are_not_decided(db: None) -> None:
    call_command("generate", "--engagements", "6", "--seed", "5", stdout=StringIO())
    results = Result.objects.all()
    assert results.filter(sharing_undecided=True).exists()
    for r in results:
        expected = r.reported_by != "sponsor" and not r.shared_with_sponsor
        assert r.sharing_undecided == expected, r


# ---------------------------------------------------------------- the pages


def result_html(client: Client, trio: Trio, user: object, key: str) -> str:
    url = reverse("results:result", args=[trio.engagement.pk, key])
    response = logged_in(client, user).get(url)  # type: ignore[arg-type]
    assert response.status_code == 200
    return response.content.decode()


def engagement_html(client: Client, trio: Trio, user: object) -> str:
    url = reverse("closing:engagement", args=[trio.engagement.pk])
    response = logged_in(client, user).get(url)  # type: ignore[arg-type]
    assert response.status_code == 200
    return response.content.decode()


def consent_block(html: str, key: str) -> str:
    found = re.search(rf'<div class="consent[^"]*"\s+id="consent-{key}">(.*?)</div>', html, re.S)
    assert found, "no consent block"
    return found.group(1)


def test_the_client_is_asked_with_two_buttons(client: Client, trio: Trio) -> None:
    key = record(trio, Party.COACH).key
    block = consent_block(result_html(client, trio, trio.alice, key), key)
    assert "not decided yet" in block
    assert "You have not decided yet whether the sponsor may read this result" in block
    assert "before the engagement had a sponsor" not in block
    assert re.search(r'name="shared"\s+value="1"', block)
    assert re.search(r'name="shared"\s+value="0"', block)
    assert f"Share {key} with the sponsor" in block
    assert f"Keep {key} from the sponsor" in block
    assert "not shared with the sponsor" not in block


def test_a_decided_result_has_one_button(client: Client, trio: Trio) -> None:
    result = record(trio, Party.CLIENT)
    result_share(result=result, actor=Party.CLIENT, shared=False)
    block = consent_block(result_html(client, trio, trio.alice, result.key), result.key)
    assert "not decided yet" not in block
    assert "not shared with the sponsor" in block
    assert f"Keep {result.key} from the sponsor" not in block


def test_keeping_it_without_javascript_says_so(client: Client, trio: Trio) -> None:
    result = record(trio, Party.CLIENT)
    url = reverse("results:consent", args=[trio.engagement.pk, result.key])
    response = logged_in(client, trio.alice).post(url, {"shared": "0"}, follow=True)
    assert f"Result {result.key} is kept from the sponsor." in response.content.decode()
    assert sharing(result) == (False, False)


def test_client_and_coach_see_not_decided_where_they_saw_not_shared(
    client: Client, trio: Trio
) -> None:
    key = record(trio, Party.CLIENT).key
    for user in (trio.alice, trio.bob):
        page = engagement_html(client, trio, user)
        card = page[page.index(f'id="result-{key}"') :]
        card = card[: card.index("</header>")]
        assert "sharing not decided yet" in card
        assert "not shared with the sponsor" not in card
        # R2 is kept from the sponsor by a decision on record: still "not shared".
        r2 = page[page.index('id="result-R2"') :]
        assert "not shared with the sponsor" in r2[: r2.index("</header>")]
    coach_page = result_html(client, trio, trio.bob, key)
    assert "sharing not decided yet" in coach_page
    assert "The client has not decided yet whether the sponsor may read this result" in coach_page


def test_the_client_is_asked_on_the_engagement_page(client: Client, trio: Trio) -> None:
    key = record(trio, Party.CLIENT).key
    page = engagement_html(client, trio, trio.alice)
    assert "Decide whether the sponsor may read 1 result" in page
    assert reverse("results:result", args=[trio.engagement.pk, key]) in page
    assert "Decide whether the sponsor may read" not in engagement_html(client, trio, trio.bob)


def test_the_final_report_says_not_decided(client: Client, trio: Trio) -> None:
    key = record(trio, Party.CLIENT).key
    url = reverse("closing:final_report", args=[trio.engagement.pk])
    html = logged_in(client, trio.alice).get(url).content.decode()
    row = html[html.index(f'id="report-result-{key}"') :]
    row = row[: row.index("</tr>")]
    assert "the client has not decided yet" in row


def test_the_sponsor_never_reads_a_result_not_decided(client: Client, trio: Trio) -> None:
    result = record(trio, Party.CLIENT)
    assert result.text not in engagement_html(client, trio, trio.charlie)
    url = reverse("results:result", args=[trio.engagement.pk, result.key])
    assert logged_in(client, trio.charlie).get(url).status_code == 404
