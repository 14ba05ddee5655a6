"""Nothing private in a message: whatever the engagement holds (results, the coach's intake
and session notes, the client's reflections, expectations, goals, end reports, minutes and
conclusions), no message of any kind to any party carries it, in subject, text or HTML.
Each has one button, to Oogst itself, where the policy decides what is read."""

import re
from datetime import date

import pytest
from django.utils import timezone

from oogst.closing.models import ClosingConversation, Minute
from oogst.contracting.models import Expectation, SessionReflection
from oogst.engagements.models import Intake
from oogst.harvest.next_step import OWN
from oogst.notifications.compose import KINDS, compose
from oogst.notifications.models import Message
from oogst.notifications.services import NOT_ANNOUNCED
from oogst.results.models import EndReport, Result
from tests import factories as f
from tests.parties import GOAL_TEXTS, SHARED_TEXT, SPONSOR_TEXT, UNSHARED_TEXT, Trio, make_trio

SITE = "https://oogst.example/"
PRIVATE = {
    "result": (SHARED_TEXT, UNSHARED_TEXT, SPONSOR_TEXT),
    "goal": GOAL_TEXTS,
    "intake": ("Wil stoppen met haar baan", "Slaapt slecht sinds de reorganisatie"),
    "session": ("Huilde toen het over haar vader ging",),
    "reflection": ("Ik durf het mijn manager niet te zeggen",),
    "expectation": ("Dat zij eindelijk ophoudt met klagen",),
    "end report": ("Samenvatting: de burn-out is voorbij", "Zij blijft toch vertrekken"),
    "closing": ("Conclusie: geen verlenging van haar contract", "Minuut over de opvolging"),
    "level": ("Nooit meer overwerken in het weekend",),
}
SECRETS = [text for texts in PRIVATE.values() for text in texts]
ANNOUNCED = sorted(set(OWN) - NOT_ANNOUNCED)
HANDOFFS = sorted(set(KINDS) - {"digest"})  # a digest is the coach's weekly list (reminders)
PARTIES = ("client", "coach", "sponsor")


@pytest.fixture
def full(db: None) -> Trio:
    """`make_trio`, with a private string in every place one can be written."""
    trio = make_trio()
    engagement = trio.engagement
    Intake.objects.create(
        engagement=engagement,
        held_on=date(2026, 1, 5),
        question=PRIVATE["intake"][0],
        notes=PRIVATE["intake"][1],
    )
    session = f.SessionFactory(
        engagement=engagement, number=2, position=2, coach_notes=PRIVATE["session"][0]
    )
    SessionReflection.objects.create(session=session, text=PRIVATE["reflection"][0])
    Expectation.objects.filter(engagement=engagement, party="sponsor").update(
        text=PRIVATE["expectation"][0]
    )
    engagement.goals.filter(key="G1").update(level_plus_2=PRIVATE["level"][0])
    for party, summary in zip(("client", "coach"), PRIVATE["end report"], strict=True):
        EndReport.objects.create(
            engagement=engagement,
            party=party,
            summary=summary,
            draft={"summary": summary, "goals": {}, "other": {"text": summary, "results": []}},
            submitted_at=timezone.now(),
        )
    conversation = ClosingConversation.objects.get(engagement=engagement)
    conversation.conclusions = PRIVATE["closing"][0]
    conversation.save()
    Minute.objects.create(
        conversation=conversation, kind="unexpected", ref="R3", text=PRIVATE["closing"][1]
    )
    assert Result.objects.filter(engagement=engagement).count() == 3
    return trio


def _messages(trio: Trio) -> list[Message]:
    people = {"client": trio.alice, "coach": trio.bob, "sponsor": trio.charlie}
    kinds = [
        *[("action_opened", action) for action in ANNOUNCED],
        *[("reminder", action) for action in ANNOUNCED],
        *[(kind, "") for kind in HANDOFFS],
    ]
    return [
        Message(
            recipient=people[party],
            engagement=trio.engagement,
            kind=kind,
            action=action,
            language=language,
            day=timezone.localdate(),
        )
        for party in PARTIES
        for kind, action in kinds
        for language in ("nl", "en")
    ]


def test_every_kind_of_message_is_covered() -> None:
    assert {"end_report_submitted", "results_shared", "closing_planned", "engagement_closed"} <= (
        set(HANDOFFS)
    )
    assert "accept_invitation" not in ANNOUNCED and "accept_contract" in ANNOUNCED


def test_no_message_carries_anything_private(full: Trio, settings: object) -> None:
    settings.OOGST_SITE_URL = SITE  # type: ignore[attr-defined]
    messages = _messages(full)
    assert len(messages) == 3 * 2 * (2 * len(ANNOUNCED) + len(HANDOFFS))
    for message in messages:
        composed = compose(message)
        where = f"{message.kind}/{message.action} to {message.recipient.name} ({message.language})"
        for part, content in (
            ("subject", composed.subject),
            ("text", composed.text),
            ("html", composed.html),
        ):
            for secret in SECRETS:
                assert secret.lower() not in content.lower(), f"{secret!r} in the {part}: {where}"
        # One button, to Oogst; the text says the same link once.
        links = re.findall(r'<a\s[^>]*href="([^"]*)"', composed.html)
        assert len(links) == 1, where
        assert links[0].startswith(SITE), where
        urls = re.findall(r"https?://\S+", composed.text)
        assert len(urls) == 1 and urls[0] == links[0], where
        assert full.engagement.title in composed.subject
