"""The closing conversation's pages: the page every party reads, and the coach's forms to
plan it, record it as held, record a decline, and close the engagement."""

import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from oogst.closing.models import ClosingConversation, Minute
from oogst.closing.services.conversation import conversation_record_held, engagement_close
from oogst.engagements.models import Engagement, Participation
from oogst.harvest import next_step
from oogst.harvest.stages import Progress
from oogst.interchange.services import engagement_import
from oogst.measures.stages import Action
from oogst.policy import Party
from tests.engagement_urls import engagement_urls
from tests.parties import SHARED_TEXT, SPONSOR_TEXT, UNSHARED_TEXT, Trio, logged_in

TODAY = timezone.localdate()
EXAMPLE = Path(__file__).resolve().parent.parent / "spec_copies" / "example.json"
R4_TEXT = "Ik leg mezelf geen vertrekdatum meer op"
PREPARE = "To prepare between the two of you"
MISSING = "The sponsor\u2019s perspective is missing."

PAGES = [
    "closing:conversation",
    "closing:conversation_plan",
    "closing:conversation_record",
    "closing:conversation_decline",
    "closing:engagement_close",
]


def url(trio: Trio, name: str = "closing:conversation") -> str:
    return reverse(name, args=[trio.engagement.pk])


def text_of(response: object) -> str:
    return re.sub(r"\s+", " ", response.content.decode())  # type: ignore[attr-defined]


def conversation(trio: Trio) -> ClosingConversation:
    return ClosingConversation.objects.get(engagement=trio.engagement)


# ---------------------------------------------------------------- the page


@pytest.mark.parametrize("who", ["alice", "bob", "charlie"])
def test_every_party_reads_the_conversation(client: Client, trio: Trio, who: str) -> None:
    response = logged_in(client, getattr(trio, who)).get(url(trio))
    assert response.status_code == 200
    page = text_of(response)
    assert "<h1>" in page and page.count("<h1") == 1
    assert "Declined by the sponsor." in page
    assert "Geen reactie." in page
    # The shared agenda, with texts and prompts.
    assert SPONSOR_TEXT in page and SHARED_TEXT in page
    assert "Goal G2 has no result yet: what happened, and does it still matter?" in page


@pytest.mark.parametrize("who", ["alice", "bob"])
def test_client_and_coach_see_what_to_prepare(client: Client, trio: Trio, who: str) -> None:
    page = text_of(logged_in(client, getattr(trio, who)).get(url(trio)))
    assert PREPARE in page
    prepare = page[page.index(PREPARE) :]
    assert UNSHARED_TEXT in prepare  # R2 is only on the list to prepare
    assert UNSHARED_TEXT not in page[: page.index(PREPARE)]


def test_the_sponsor_never_sees_the_list_to_prepare(client: Client, trio: Trio) -> None:
    page = text_of(logged_in(client, trio.charlie).get(url(trio)))
    assert PREPARE not in page
    assert UNSHARED_TEXT not in page
    assert ">R2<" not in page


@pytest.fixture
def example(db: None) -> Engagement:
    return engagement_import(document=json.loads(EXAMPLE.read_text(encoding="utf-8")))


def person(engagement: Engagement, party: str):  # type: ignore[no-untyped-def]
    return Participation.objects.get(engagement=engagement, party=party).person


def test_on_the_example_the_client_prepares_r4(client: Client, example: Engagement) -> None:
    response = logged_in(client, person(example, "client")).get(
        reverse("closing:conversation", args=[example.pk])
    )
    page = text_of(response)
    prepare = page[page.index(PREPARE) :]
    assert R4_TEXT in prepare and ">R4<" in prepare
    assert R4_TEXT not in page[: page.index(PREPARE)]


def test_on_the_example_the_sponsor_sees_no_r4(client: Client, example: Engagement) -> None:
    response = logged_in(client, person(example, "sponsor")).get(
        reverse("closing:conversation", args=[example.pk])
    )
    page = text_of(response)
    assert response.status_code == 200
    assert R4_TEXT not in page and ">R4<" not in page and PREPARE not in page
    assert ">R5<" in page and ">R6<" in page


def test_only_the_coach_sees_the_actions(client: Client, trio: Trio) -> None:
    plan = url(trio, "closing:conversation_plan")
    assert plan in text_of(logged_in(client, trio.bob).get(url(trio)))
    for other in (trio.alice, trio.charlie):
        assert plan not in text_of(logged_in(client, other).get(url(trio)))


# ---------------------------------------------------------------- the sponsor's perspective


def test_the_perspective_notice_when_declined(client: Client, trio: Trio) -> None:
    page = text_of(logged_in(client, trio.charlie).get(url(trio)))
    assert MISSING in page
    assert "declined by the sponsor" in page


def test_no_perspective_notice_once_held(client: Client, trio: Trio) -> None:
    conversation_record_held(
        engagement=trio.engagement,
        actor=Party.COACH,
        held_on=TODAY,
        present=["client", "coach", "sponsor"],
        minutes={},
        conclusions="",
        agenda=[],
    )
    page = text_of(logged_in(client, trio.charlie).get(url(trio)))
    assert MISSING not in page


def test_the_perspective_notice_before_anything_is_planned(client: Client, trio: Trio) -> None:
    ClosingConversation.objects.all().delete()
    page = text_of(logged_in(client, trio.alice).get(url(trio)))
    assert MISSING in page
    assert "has not been held yet" in page


# ---------------------------------------------------------------- plan


def test_the_coach_plans_the_conversation(client: Client, trio: Trio) -> None:
    c = logged_in(client, trio.bob)
    assert c.get(url(trio, "closing:conversation_plan")).status_code == 200
    day = TODAY + timedelta(days=10)
    response = c.post(url(trio, "closing:conversation_plan"), {"held_on": day.isoformat()})
    assert response.status_code == 302
    assert (conversation(trio).status, conversation(trio).held_on) == ("planned", day)
    assert "Planned for" in text_of(c.get(url(trio)))


def test_a_bad_plan_date_is_explained(client: Client, trio: Trio) -> None:
    c = logged_in(client, trio.bob)
    response = c.post(url(trio, "closing:conversation_plan"), {"held_on": "31-02-2026"})
    assert response.status_code == 400
    page = text_of(response)
    assert "Give a date such as 2026-06-15." in page
    assert 'value="31-02-2026"' in page  # what was typed stays
    assert 'aria-describedby="id_held_on_error"' in page
    past = (TODAY - timedelta(days=3)).isoformat()
    response = c.post(url(trio, "closing:conversation_plan"), {"held_on": past})
    assert response.status_code == 400
    assert "record it as held" in text_of(response)
    assert conversation(trio).status == "declined"


# ---------------------------------------------------------------- record as held


def record_data(**extra: object) -> dict[str, object]:
    data: dict[str, object] = {
        "held_on": TODAY.isoformat(),
        "present": ["client", "coach", "sponsor"],
        "minute-unexpected-R3": "De directie noemt het behoud van groot belang.",
        "minute-open_goal-G2": "",
        "minute-unexpected-R2": "Dit mag er niet in",  # not a field: ignored
        "conclusions": "We sluiten af.",
    }
    data.update(extra)
    return data


def test_the_record_form_has_a_field_per_item_of_the_sponsor_agenda(
    client: Client, trio: Trio
) -> None:
    page = text_of(logged_in(client, trio.bob).get(url(trio, "closing:conversation_record")))
    assert 'name="minute-unexpected-R3"' in page
    assert 'name="minute-open_goal-G2"' in page
    assert "minute-unexpected-R2" not in page and UNSHARED_TEXT not in page
    assert "<legend>Who took part</legend>" in page


def test_the_coach_records_the_conversation_as_held(client: Client, trio: Trio) -> None:
    response = logged_in(client, trio.bob).post(
        url(trio, "closing:conversation_record"), record_data()
    )
    assert response.status_code == 302
    record = conversation(trio)
    assert record.status == "held" and record.present == ["client", "coach", "sponsor"]
    assert list(Minute.objects.values_list("kind", "ref")) == [("unexpected", "R3")]
    # Minutes, conclusions and presence are for all three to read.
    page = text_of(logged_in(client, trio.charlie).get(url(trio)))
    assert "De directie noemt het behoud van groot belang." in page
    assert "We sluiten af." in page
    assert "Dit mag er niet in" not in page
    assert "Charlie Claes" in page


def test_a_future_held_date_keeps_what_was_typed(client: Client, trio: Trio) -> None:
    future = (TODAY + timedelta(days=2)).isoformat()
    response = logged_in(client, trio.bob).post(
        url(trio, "closing:conversation_record"), record_data(held_on=future)
    )
    assert response.status_code == 400
    page = text_of(response)
    assert "is in the future" in page
    assert "De directie noemt het behoud van groot belang." in page
    assert "We sluiten af." in page
    assert conversation(trio).status == "declined"


def test_nobody_present_is_explained(client: Client, trio: Trio) -> None:
    data = record_data()
    del data["present"]
    response = logged_in(client, trio.bob).post(url(trio, "closing:conversation_record"), data)
    assert response.status_code == 400
    assert "Tick who took part in the conversation." in text_of(response)


# ---------------------------------------------------------------- declined, not held


def test_the_coach_records_a_decline(client: Client, trio: Trio) -> None:
    c = logged_in(client, trio.bob)
    assert c.get(url(trio, "closing:conversation_decline")).status_code == 200
    response = c.post(
        url(trio, "closing:conversation_decline"),
        {"outcome": "declined", "by": "client", "reason": "Wil niet."},
    )
    assert response.status_code == 302
    record = conversation(trio)
    assert (record.status, record.declined_by, record.notes) == ("declined", "client", "Wil niet.")


def test_the_decline_form_shows_what_was_recorded(client: Client, trio: Trio) -> None:
    page = text_of(logged_in(client, trio.bob).get(url(trio, "closing:conversation_decline")))
    assert "Geen reactie.</textarea>" in page
    assert re.search(r'name="by" value="sponsor"[^>]*checked', page)


def test_the_coach_records_not_held(client: Client, trio: Trio) -> None:
    response = logged_in(client, trio.bob).post(
        url(trio, "closing:conversation_decline"),
        {"outcome": "not_held", "by": "sponsor", "reason": "Geen reactie op twee uitnodigingen."},
    )
    assert response.status_code == 302
    record = conversation(trio)
    assert (record.status, record.declined_by) == ("not_held", "")


def test_a_decline_needs_who_and_why(client: Client, trio: Trio) -> None:
    response = logged_in(client, trio.bob).post(
        url(trio, "closing:conversation_decline"), {"outcome": "declined", "reason": ""}
    )
    assert response.status_code == 400
    page = text_of(response)
    assert "Choose the party that declined." in page
    assert "Say briefly why" in page


# ---------------------------------------------------------------- closing


def test_closing_asks_for_confirmation_first(client: Client, trio: Trio) -> None:
    c = logged_in(client, trio.bob)
    response = c.post(url(trio, "closing:engagement_close"))
    assert response.status_code == 200
    assert "Are you sure?" in text_of(response)
    assert Engagement.objects.get(pk=trio.engagement.pk).closed_at is None
    response = c.post(url(trio, "closing:engagement_close"), {"confirmed": "yes"})
    assert response.status_code == 302
    engagement = Engagement.objects.get(pk=trio.engagement.pk)
    assert engagement.closed_by == trio.bob
    page = text_of(c.get(url(trio)))
    assert "by Bob Bakker: read-only." in page
    assert url(trio, "closing:conversation_plan") not in page


def still_open(response: object) -> str:
    page = text_of(response)
    part = page[page.index('id="still-open-heading"') : page.index("Are you sure?")]
    return " ".join(re.sub(r"<[^>]+>", " ", part).split())  # the words, without the tags


def test_closing_lists_what_is_still_open_before_asking(client: Client, trio: Trio) -> None:
    listed = still_open(logged_in(client, trio.bob).post(url(trio, "closing:engagement_close")))
    assert "Coach: record the intake" in listed
    assert "Coach: log the sessions held · since 19 January 2026" in listed
    assert "close the engagement" not in listed.lower()


def test_closing_names_optional_steps_and_leaves_out_closing_itself(
    client: Client, trio: Trio, monkeypatch: pytest.MonkeyPatch
) -> None:
    since = datetime(2026, 12, 3, 10, tzinfo=UTC)
    waiting = (
        Action("sponsor", "rate_attainment", since, optional=True),
        Action("coach", "close", since),
    )
    monkeypatch.setattr(next_step, "progress_of", lambda _e: Progress("closing", waiting))
    listed = still_open(logged_in(client, trio.bob).post(url(trio, "closing:engagement_close")))
    assert "Sponsor: rate the goals (optional) · since 3 December 2026" in listed
    assert "close the engagement" not in listed.lower()


def test_closing_says_when_nothing_is_open(
    client: Client, trio: Trio, monkeypatch: pytest.MonkeyPatch
) -> None:
    only_closing = (Action("coach", "close", datetime(2026, 12, 3, tzinfo=UTC)),)
    monkeypatch.setattr(next_step, "progress_of", lambda _e: Progress("closing", only_closing))
    response = logged_in(client, trio.bob).post(url(trio, "closing:engagement_close"))
    assert "Nothing is open: no party has a step left to take." in still_open(response)
    assert "Yes, close the engagement" in text_of(response)


def test_closing_before_an_outcome_is_refused_clearly(client: Client, trio: Trio) -> None:
    ClosingConversation.objects.all().delete()
    response = logged_in(client, trio.bob).post(
        url(trio, "closing:engagement_close"), {"confirmed": "yes"}
    )
    assert response.status_code == 400
    assert "Record first how the closing conversation went" in text_of(response)
    assert Engagement.objects.get(pk=trio.engagement.pk).closed_at is None


def test_the_closed_banner_for_every_party(client: Client, trio: Trio) -> None:
    engagement_close(engagement=trio.engagement, actor=Party.COACH, person=trio.bob)
    page = text_of(logged_in(client, trio.charlie).get(url(trio)))
    assert "Closed on" in page and "by Bob Bakker: read-only." in page


@pytest.mark.parametrize("who", ["alice", "bob", "charlie"])
def test_the_closed_banner_shows_once_on_every_page(client: Client, trio: Trio, who: str) -> None:
    engagement_close(engagement=trio.engagement, actor=Party.COACH, person=trio.bob)
    logged_in(client, getattr(trio, who))
    pages = engagement_urls(trio.engagement.pk, key="R1", number=1)
    seen = {}
    for name, page in pages.items():
        response = client.get(page)
        html = response.content.decode(errors="replace")
        if response.status_code == 200 and "<html" in html:  # a page, not a fragment or PDF
            seen[name] = text_of(response).count("by Bob Bakker: read-only.")
    assert {"closing:engagement", "closing:conversation", "contracting:contract"} <= set(seen)
    assert seen == dict.fromkeys(seen, 1)


def test_no_banner_while_open(client: Client, trio: Trio) -> None:
    assert "read-only." not in text_of(logged_in(client, trio.alice).get(url(trio)))


# ---------------------------------------------------------------- access


# The methods each page answers; every other one is a 405.
ALLOWED = {
    "closing:conversation": ("get",),
    "closing:conversation_plan": ("get", "post"),
    "closing:conversation_record": ("get", "post"),
    "closing:conversation_decline": ("get", "post"),
    "closing:engagement_close": ("post",),
}


@pytest.mark.parametrize(("name", "method"), [(n, m) for n, ms in ALLOWED.items() for m in ms])
def test_an_outsider_gets_404(client: Client, trio: Trio, name: str, method: str) -> None:
    response = getattr(logged_in(client, trio.dave), method)(url(trio, name), {"confirmed": "yes"})
    assert response.status_code == 404


@pytest.mark.parametrize("name", ALLOWED)
def test_anonymous_is_sent_to_log_in(client: Client, trio: Trio, name: str) -> None:
    response = getattr(client, ALLOWED[name][-1])(url(trio, name))
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.parametrize("name", PAGES[1:])
@pytest.mark.parametrize("who", ["alice", "charlie"])
def test_client_and_sponsor_may_not_write(client: Client, trio: Trio, name: str, who: str) -> None:
    c = logged_in(client, getattr(trio, who))
    data = {"held_on": TODAY.isoformat(), "confirmed": "yes", "outcome": "not_held", "reason": "x"}
    assert c.post(url(trio, name), data).status_code == 403
    if name != "closing:engagement_close":
        assert c.get(url(trio, name)).status_code == 403
    assert conversation(trio).status == "declined"
    assert Engagement.objects.get(pk=trio.engagement.pk).closed_at is None


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("closing:conversation", "post"),
        ("closing:conversation_plan", "put"),
        ("closing:conversation_record", "delete"),
        ("closing:conversation_decline", "patch"),
        ("closing:engagement_close", "get"),
    ],
)
def test_wrong_method(client: Client, trio: Trio, name: str, method: str) -> None:
    response = getattr(logged_in(client, trio.bob), method)(url(trio, name))
    assert response.status_code == 405
