"""Through a real SMTP server (aiosmtpd on a free local port): a whole engagement driven by
its services, every write committed, and the exact mails that arrive, in each recipient's
language; then a delivery that fails while the server is down and is retried once it is up.
"""

import email
import re
import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from email.message import EmailMessage
from email.policy import default as default_policy
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from django.urls import reverse
from django.utils import timezone, translation

from oogst.accounts.models import User
from oogst.closing.services.attainment import attainment_rate
from oogst.closing.services.conversation import (
    conversation_plan,
    conversation_record_held,
    engagement_close,
)
from oogst.contracting.services.contract import contract_accept, contract_update
from oogst.contracting.services.expectations import expectation_state
from oogst.contracting.services.goals import goal_create
from oogst.contracting.services.sessions import session_log
from oogst.engagements.models import Engagement
from oogst.engagements.services import (
    engagement_start,
    intake_record,
    invitation_accept,
    invitation_send,
)
from oogst.harvest.next_step import OWN
from oogst.notifications.compose import KINDS
from oogst.notifications.models import Message
from oogst.notifications.tasks import retry_due
from oogst.policy import Party
from oogst.results.models import Result
from oogst.results.services.end_reports import end_report_save_draft, end_report_submit
from oogst.results.services.register import result_share
from tests import factories as f

SITE = "https://oogst.example"
PASSWORD = "een-lang-wachtwoord-42"
COACH, CLIENT, SPONSOR = "coach@smtp.example", "client@smtp.example", "sponsor@smtp.example"
TITLE = "Leiderschap"


@dataclass
class Collector:
    """aiosmtpd's handler: every message the server accepted, parsed."""

    received: list[EmailMessage] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        parsed = email.message_from_bytes(envelope.content, policy=default_policy)
        assert isinstance(parsed, EmailMessage)
        self.received.append(parsed)
        return "250 Message accepted for delivery"


@dataclass
class Smtp:
    controller: Controller
    handler: Collector
    port: int

    running: bool = True

    def stop(self) -> None:
        self.controller.stop()
        self.running = False

    def start(self) -> None:
        """Up again on the same port (a stopped controller cannot be restarted)."""
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)
        self.controller.start()
        self.running = True

    def take(self) -> list[tuple[str, str, str]]:
        """(recipient, subject, language) of each mail since the last call; the language is
        the HTML part's `lang`, or "" for a plain-text mail (an invitation)."""
        got = [(str(m["To"]), str(m["Subject"]), _language(m)) for m in self.handler.received]
        self.handler.received.clear()
        return got


def _language(message: EmailMessage) -> str:
    html = message.get_body(preferencelist=("html",))
    if html is None:
        return ""
    found = re.search(r'<html lang="([a-z-]+)"', html.get_content())
    return found.group(1) if found else "?"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture
def smtp(settings: Any) -> Iterator[Smtp]:
    port = _free_port()
    handler = Collector()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    # The test environment puts every mailer on locmem; this test wants the real thing.
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 5},
        }
    }
    settings.OOGST_SITE_URL = SITE
    server = Smtp(controller, handler, port)
    try:
        yield server
    finally:
        if server.running:
            server.stop()


def _token(smtp: Smtp, to: str) -> str:
    """The token of the invitation link in the last mail to `to`."""
    pattern = re.escape(reverse("engagements:invitation", args=["TOKEN"])).replace(
        "TOKEN", r"([^/\s]+)"
    )
    for message in reversed(smtp.handler.received):
        if str(message["To"]) == to:
            body = message.get_body(preferencelist=("plain",))
            assert body is not None
            found = re.search(pattern, body.get_content())
            assert found, body.get_content()
            return found.group(1)
    raise AssertionError(f"no mail to {to}")


def _people() -> tuple[User, User]:
    coach = f.UserFactory(email=COACH, name="Cora Coach", language="nl", is_coach=True)
    client = f.UserFactory(email=CLIENT, name="Chris Client", language="en")
    return coach, client


def _start(smtp: Smtp, coach: User) -> Engagement:
    engagement = engagement_start(coach=coach, title=TITLE, organisation="Acme", language="nl")
    for party, name, address in (("client", "Chris", CLIENT), ("sponsor", "Sam", SPONSOR)):
        invitation_send(
            engagement=engagement,
            party=party,
            name=name,
            email=address,
            invited_by=coach,
            base_url=SITE,
        )
    invitation_accept(token=_token(smtp, CLIENT), password=None)  # she has a password
    invitation_accept(token=_token(smtp, SPONSOR), password=PASSWORD)
    return engagement


def _subject(what: str, language: str) -> str:
    """The subject a message about `what` (an action, or a hand-off's kind) has in `language`,
    as the translations stand (the Dutch of the hand-offs may still be missing)."""
    with translation.override(language):
        words = OWN[what][0] if what in OWN else KINDS[what][0]
        return f"{TITLE}: {words}"


def _mails(*expected: tuple[str, str, str]) -> list[tuple[str, str, str]]:
    """(recipient, action or kind, language) -> what `Smtp.take` gives for such a mail."""
    return [(to, _subject(what, language), language) for to, what, language in expected]


def test_a_whole_engagement_sends_these_mails_through_smtp(
    transactional_db: None, smtp: Smtp
) -> None:
    coach, client = _people()
    engagement = _start(smtp, coach)
    sponsor = User.objects.get(email=SPONSOR)
    # The invitations are the first messages (plain text, each in its person's language);
    # accepting them announces nothing: it is no one's next step yet.
    assert smtp.take() == [
        (CLIENT, f'Invitation to the coaching engagement "{TITLE}"', ""),
        (SPONSOR, f"Uitnodiging voor het coachingstraject „{TITLE}”", ""),
    ]

    intake_record(
        engagement=engagement,
        actor=Party.COACH,
        held_on=timezone.localdate(),
        question="Hoe blijf ik rustig?",
        notes="",
    )
    assert smtp.take() == _mails(
        (CLIENT, "state_expectations", "en"),
        (COACH, "state_expectations", "nl"),
        (SPONSOR, "state_expectations", "nl"),
    )

    for party in (Party.CLIENT, Party.COACH, Party.SPONSOR):
        expectation_state(
            engagement=engagement, party=party, actor=party, meanings=["effect"], text=""
        )
    assert smtp.take() == _mails((COACH, "write_goals", "nl"))

    goal = goal_create(engagement=engagement, actor=Party.COACH, text="Rustig blijven")
    assert smtp.take() == []  # the terms are not proposed yet
    contract_update(
        engagement=engagement,
        actor=Party.COACH,
        sessions_planned=1,
        costs_amount=None,
        currency="EUR",
        sponsor_may_see=["goals"],
        rho=Decimal("0.3"),
    )
    assert smtp.take() == _mails(
        (CLIENT, "accept_contract", "en"),
        (COACH, "accept_contract", "nl"),
        (SPONSOR, "accept_contract", "nl"),
    )
    for party, person in ((Party.CLIENT, client), (Party.COACH, coach), (Party.SPONSOR, sponsor)):
        contract_accept(engagement=engagement, party=party, person=person)
    assert smtp.take() == _mails((COACH, "log_sessions", "nl"))

    session_log(
        engagement=engagement,
        actor=Party.COACH,
        number=1,
        held_on=timezone.localdate(),
        topics=["rust"],
        goal_keys=[goal.key],
    )
    assert smtp.take() == _mails(
        (CLIENT, "write_end_report", "en"),
        (COACH, "write_end_report", "nl"),
        (SPONSOR, "write_end_report", "nl"),  # its statement, optional
    )

    def report(party: Party, person: User) -> None:
        end_report_save_draft(
            engagement=engagement,
            party=party,
            draft={
                "goals": {goal.key: {"text": "Gelukt", "results": [f"Resultaat van {party}"]}},
                "other": {"text": "", "results": []},
                "summary": "Klaar",
            },
        )
        end_report_submit(engagement=engagement, party=party, person=person)

    report(Party.CLIENT, client)  # the coach hears of it; the client decides on sharing
    assert smtp.take() == _mails(
        (CLIENT, "decide_sharing", "en"), (COACH, "end_report_submitted", "nl")
    )
    report(Party.COACH, coach)  # and now the other way round, and the closing stage opens
    assert smtp.take() == _mails(
        (CLIENT, "rate_attainment", "en"),
        (COACH, "rate_attainment", "nl"),
        (SPONSOR, "rate_attainment", "nl"),
        (COACH, "record_closing", "nl"),
        (CLIENT, "end_report_submitted", "en"),
    )

    shared = list(Result.objects.filter(engagement=engagement))
    assert len(shared) == 2
    for result in shared:
        result_share(result=result, actor=Party.CLIENT, shared=True)
    # That results were shared, once a day: never which, nor how many.
    assert smtp.take() == _mails((SPONSOR, "results_shared", "nl"))

    for party in (Party.CLIENT, Party.COACH):
        attainment_rate(engagement=engagement, party=party, levels={goal.key: 1})
    assert smtp.take() == []

    conversation_plan(
        engagement=engagement, actor=Party.COACH, held_on=timezone.localdate() + timedelta(7)
    )
    # Not to the coach, who planned it.
    assert smtp.take() == _mails(
        (CLIENT, "closing_planned", "en"), (SPONSOR, "closing_planned", "nl")
    )
    conversation_record_held(
        engagement=engagement,
        actor=Party.COACH,
        held_on=timezone.localdate(),
        present=["client", "coach", "sponsor"],
        minutes={},
        conclusions="",
        agenda=[],
    )
    assert smtp.take() == _mails((COACH, "close", "nl"))

    engagement_close(engagement=engagement, actor=Party.COACH, person=coach)
    assert smtp.take() == _mails(
        (CLIENT, "engagement_closed", "en"),
        (COACH, "engagement_closed", "nl"),
        (SPONSOR, "engagement_closed", "nl"),
    )
    assert set(Message.objects.values_list("status", flat=True)) == {"sent"}
    assert Message.objects.filter(kind="results_shared").count() == 1


def test_a_failed_delivery_is_recorded_and_retried_once_the_server_is_back(
    transactional_db: None, smtp: Smtp
) -> None:
    coach, _client = _people()
    engagement = _start(smtp, coach)
    smtp.take()
    smtp.stop()
    intake_record(
        engagement=engagement,
        actor=Party.COACH,
        held_on=timezone.localdate(),
        question="?",
        notes="",
    )  # the write goes through; its three messages cannot be delivered
    failed = list(Message.objects.exclude(kind="invitation").order_by("pk"))
    assert [(m.kind, m.action, m.status, m.attempts) for m in failed] == [
        ("action_opened", "state_expectations", "failed", 1)
    ] * 3
    for message in failed:
        assert message.error.startswith("ConnectionRefusedError"), message.error
        assert message.next_attempt_at is not None
        assert message.next_attempt_at > timezone.now()
        assert message.sent_at is None
    assert retry_due(now=timezone.now()) == 0  # its wait is not over

    smtp.start()
    later = timezone.now() + timedelta(hours=1)
    assert retry_due(now=later) == 3
    assert retry_due(now=later) == 0  # delivered: nothing left to try
    for message in failed:
        message.refresh_from_db()
        assert (message.status, message.attempts, message.error) == ("sent", 2, "")
        assert message.sent_at is not None
    assert sorted(smtp.take()) == _mails(
        (CLIENT, "state_expectations", "en"),
        (COACH, "state_expectations", "nl"),
        (SPONSOR, "state_expectations", "nl"),
    )
