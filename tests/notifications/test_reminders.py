"""`oogst send-reminders --now`: an open, non-optional action reminds its party after
OOGST_REMINDER_DAYS, then weekly, at most three times; a coach gets one digest a week; an
open invitation is sent again with a fresh link, at most twice. A second run, or two at
once, sends nothing twice; whoever switched reminders off gets none."""

import os
import re
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta
from io import StringIO
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import Client

from oogst.accounts.models import User
from oogst.engagements.models import Engagement, Invitation
from oogst.engagements.services import invitation_send
from oogst.harvest.models import OpenAction
from oogst.harvest.stored import refresh
from oogst.notifications.models import Message
from oogst.notifications.reminders import is_due
from tests import factories as f
from tests.stage_builders import at_stage

ROOT = Path(__file__).resolve().parents[2]
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))  # a Monday


def days(n: float) -> datetime:
    return T0 + timedelta(days=n)


def run(capture: Any, now: datetime, *args: str) -> str:
    out = StringIO()
    with capture(execute=True):
        call_command("send-reminders", "--now", now.isoformat(), *args, stdout=out)
    return out.getvalue()


def reminders() -> list[tuple[str, str, str]]:
    return sorted(
        Message.objects.filter(kind="reminder").values_list("recipient__email", "action", "day")
    )


def opened_at_t0(engagement: Engagement) -> None:
    refresh([engagement.pk])
    OpenAction.objects.filter(engagement=engagement).update(since=T0)


@pytest.fixture
def expecting(db: None) -> Engagement:
    """Every party's expectations are open since T0; the sponsor's are optional."""
    coach = f.UserFactory(email="coach@remind.example", language="en", is_coach=True)
    client = f.UserFactory(email="client@remind.example", language="en")
    sponsor = f.UserFactory(email="sponsor@remind.example", language="en")
    engagement = at_stage("expectations", coach=coach, client=client, sponsor=sponsor)
    opened_at_t0(engagement)
    return engagement


# ---------------------------------------------------------------- when one is due


def test_due_after_the_days_then_weekly_at_most_three_times() -> None:
    def due(at: float, *sent: float) -> bool:
        return is_due(
            since=T0, sent=[days(s).date() for s in sent], now=days(at), at_most=3, days=7
        )

    assert not due(6.9)
    assert due(7)
    assert not due(13, 7)
    assert due(14, 7)
    assert due(21, 7, 14)
    assert not due(28, 7, 14, 21)
    # After a long pause one goes out, and the next one only a week later: no burst.
    assert due(40)
    assert not due(41, 40)
    assert due(47, 40)
    # A reminder before the action (re)opened does not count.
    assert due(7, -30, -20, -10)


# ---------------------------------------------------------------- reminders


def test_ten_days_on_each_party_is_reminded_of_its_open_action_except_optional_ones(
    expecting: Engagement, django_capture_on_commit_callbacks: Any
) -> None:
    output = run(django_capture_on_commit_callbacks, days(10))
    assert "reminder: 2 sent of 2 due" in output
    day = days(10).date()
    assert reminders() == [
        ("client@remind.example", "state_expectations", day),
        ("coach@remind.example", "state_expectations", day),
    ]
    # The sponsor's expectations are optional: never reminded.
    reminded = [m for m in mail.outbox if "A reminder" in m.body]
    assert sorted(m.to[0] for m in reminded) == ["client@remind.example", "coach@remind.example"]
    assert all(m.subject.endswith("State your expectations") for m in reminded)
    assert f"/engagements/{expecting.pk}/expectations/" in reminded[0].body
    assert set(Message.objects.filter(kind="reminder").values_list("status", flat=True)) == {"sent"}


def test_a_second_run_the_same_day_sends_nothing_and_three_is_the_most(
    expecting: Engagement, django_capture_on_commit_callbacks: Any
) -> None:
    capture = django_capture_on_commit_callbacks
    run(capture, days(10))
    assert "reminder: 0 sent of 0 due" in run(capture, days(10) + timedelta(hours=3))
    run(capture, days(13))  # not a week since the first one
    assert len(reminders()) == 2
    run(capture, days(17))
    assert len(reminders()) == 4
    run(capture, days(24))
    assert len(reminders()) == 6
    run(capture, days(31))
    run(capture, days(60))
    assert len(reminders()) == 6
    client = User.objects.get(email="client@remind.example")
    assert Message.objects.filter(kind="reminder", recipient=client).count() == 3


def test_with_reminders_switched_off_there_are_none(
    expecting: Engagement, django_capture_on_commit_callbacks: Any
) -> None:
    User.objects.update(reminders=False)
    output = run(django_capture_on_commit_callbacks, days(10))
    assert "reminder: 0 sent" in output and "digest: 0 sent" in output
    assert Message.objects.count() == 0 and mail.outbox == []


def test_only_the_person_who_switched_them_off_is_left_out(
    expecting: Engagement, django_capture_on_commit_callbacks: Any
) -> None:
    User.objects.filter(email="client@remind.example").update(reminders=False)
    run(django_capture_on_commit_callbacks, days(10))
    assert [r[0] for r in reminders()] == ["coach@remind.example"]


def test_optional_actions_are_never_reminded(
    db: None, django_capture_on_commit_callbacks: Any
) -> None:
    coach = f.UserFactory(is_coach=True, reminders=False)
    client = f.UserFactory(reminders=False)
    sponsor = f.UserFactory(email="sponsor@remind.example")
    engagement = at_stage("expectations", coach=coach, client=client, sponsor=sponsor)
    opened_at_t0(engagement)
    assert OpenAction.objects.filter(engagement=engagement, party="sponsor").get().optional
    for n in (10, 17, 24):
        run(django_capture_on_commit_callbacks, days(n))
    assert Message.objects.count() == 0


def test_a_dry_run_says_what_is_due_and_sends_nothing(
    expecting: Engagement, django_capture_on_commit_callbacks: Any
) -> None:
    output = run(django_capture_on_commit_callbacks, days(10), "--dry-run")
    assert "reminder: 2 due (dry run: nothing sent)" in output
    assert "digest: 1 due" in output
    assert Message.objects.count() == 0 and mail.outbox == []


def test_now_must_be_an_iso_date_and_time(db: None) -> None:
    with pytest.raises(CommandError, match="no ISO date"):
        call_command("send-reminders", "--now", "next tuesday", stdout=StringIO())


# ---------------------------------------------------------------- the coach's digest


def test_a_coach_gets_one_digest_a_week_of_what_waits_for_whom(
    expecting: Engagement, django_capture_on_commit_callbacks: Any
) -> None:
    capture = django_capture_on_commit_callbacks
    run(capture, days(1))  # Tuesday
    run(capture, days(1) + timedelta(hours=1))
    run(capture, days(4))  # Friday, the same week
    digests = Message.objects.filter(kind="digest")
    assert list(digests.values_list("recipient__email", "engagement", "day")) == [
        ("coach@remind.example", None, T0.date())
    ]
    [sent] = [m for m in mail.outbox if m.subject == "What waits for whom this week"]
    assert sent.to == ["coach@remind.example"]
    assert expecting.title in sent.body
    assert "client: state expectations" in sent.body
    assert "you: state expectations" in sent.body
    assert "sponsor: state expectations (optional)" in sent.body
    html, _kind = sent.alternatives[0]
    assert "<li" in html and html.count("<a href=") == 1
    run(capture, days(7))  # the next Monday: the next week's digest
    assert digests.count() == 2


def test_the_unique_day_holds_for_messages_about_no_engagement(expecting: Engagement) -> None:
    from django.db import IntegrityError, transaction

    coach = User.objects.get(email="coach@remind.example")
    row = {"recipient": coach, "kind": "digest", "language": "en", "day": T0.date()}
    Message.objects.create(**row)
    with pytest.raises(IntegrityError), transaction.atomic():
        Message.objects.create(**row)


# ---------------------------------------------------------------- invitations


def _token(message: mail.EmailMessage) -> str:
    found = re.search(r"/invitations/([^/\s]+)/", message.body)
    assert found, message.body
    return found.group(1)


def test_an_open_invitation_is_sent_again_with_a_fresh_link_at_most_twice(
    db: None, django_capture_on_commit_callbacks: Any, client: Client
) -> None:
    coach = f.UserFactory(is_coach=True, language="en")
    engagement = f.EngagementFactory()
    f.ParticipationFactory(engagement=engagement, person=coach, party="coach")
    with django_capture_on_commit_callbacks(execute=True):
        invitation_send(
            engagement=engagement,
            party="client",
            name="Kim Klant",
            email="kim@remind.example",
            invited_by=coach,
            base_url="http://testserver",
        )
    Invitation.objects.update(created_at=T0)
    opened_at_t0(engagement)
    first = _token(mail.outbox[-1])
    mail.outbox.clear()

    capture = django_capture_on_commit_callbacks
    assert "invitation_resent: 0 sent" in run(capture, days(6))
    output = run(capture, days(10))
    assert "invitation_resent: 1 sent of 1 due" in output
    to_kim = [m for m in mail.outbox if m.to == ["kim@remind.example"]]
    assert len(to_kim) == 1  # the invitation itself, and no reminder besides it
    second = _token(to_kim[0])
    assert second != first
    assert client.get(f"/invitations/{first}/").status_code == 404  # dead
    assert client.get(f"/invitations/{second}/").status_code == 200

    run(capture, days(10) + timedelta(hours=2))  # the same day: nothing
    run(capture, days(17))
    run(capture, days(24))
    run(capture, days(31))
    resent = Message.objects.filter(kind="invitation_resent")
    assert resent.count() == 2
    assert len([m for m in mail.outbox if m.to == ["kim@remind.example"]]) == 2
    # Its open action is chased by the re-sends only: no reminder of accepting it.
    assert not Message.objects.filter(kind="reminder", action="accept_invitation").exists()


def test_an_accepted_invitation_is_not_sent_again(
    db: None, django_capture_on_commit_callbacks: Any
) -> None:
    coach = f.UserFactory(is_coach=True)
    engagement = f.EngagementFactory()
    f.ParticipationFactory(engagement=engagement, person=coach, party="coach")
    with django_capture_on_commit_callbacks(execute=True):
        invitation_send(
            engagement=engagement,
            party="client",
            name="Kim Klant",
            email="kim@remind.example",
            invited_by=coach,
            base_url="http://testserver",
        )
    Invitation.objects.update(created_at=T0, accepted_at=T0)
    run(django_capture_on_commit_callbacks, days(10))
    assert not Message.objects.filter(kind="invitation_resent").exists()


# ---------------------------------------------------------------- two runs at once

SETUP = """
import django
django.setup()
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo
from oogst.harvest.models import OpenAction
from oogst.harvest.stored import refresh
from tests import factories as f
from tests.stage_builders import at_stage

coach = f.UserFactory(email="coach@remind.example", is_coach=True)
client = f.UserFactory(email="client@remind.example")
sponsor = f.UserFactory(email="sponsor@remind.example")
engagement = at_stage("expectations", coach=coach, client=client, sponsor=sponsor)
refresh([engagement.pk])
t0 = datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
OpenAction.objects.filter(engagement=engagement).update(since=t0)
"""


@pytest.mark.django_db(False)
def test_two_processes_started_at_once_send_each_reminder_once(tmp_path: Path) -> None:
    database = tmp_path / "oogst.sqlite3"
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("OOGST_SMTP", "EMAIL_"))
    }
    env |= {
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "OOGST_TASKS": "immediate",
    }
    oogst = [sys.executable, "-c", "from oogst.cli import main; main()"]

    def check(*command: str) -> None:
        done = subprocess.run(
            command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False
        )
        assert done.returncode == 0, done.stderr

    check(*oogst, "migrate", "--verbosity", "0")
    check(sys.executable, "-c", SETUP)
    now = days(10).isoformat()
    runs = [
        subprocess.Popen(
            [*oogst, "send-reminders", "--now", now],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [process.communicate(timeout=120) for process in runs]
    assert [process.returncode for process in runs] == [0, 0], outputs
    sent = sum(
        int(re.search(r"reminder: (\d+) sent", out).group(1))  # type: ignore[union-attr]
        for out, _err in outputs
    )
    assert sent == 2
    with sqlite3.connect(database) as connection:
        rows = connection.execute(
            "SELECT u.email, m.action, m.day FROM notifications_message m "
            "JOIN accounts_user u ON u.id = m.recipient_id WHERE m.kind = 'reminder' "
            "ORDER BY u.email"
        ).fetchall()
        digests = connection.execute(
            "SELECT count(*) FROM notifications_message WHERE kind = 'digest'"
        ).fetchone()
    assert rows == [
        ("client@remind.example", "state_expectations", "2026-03-12"),
        ("coach@remind.example", "state_expectations", "2026-03-12"),
    ]
    assert digests == (1,)
