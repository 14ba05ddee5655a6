"""An action that opens gets its party one message, in its own language, with one button to
where it is done; the first computation of an engagement announces nothing."""

from datetime import date
from typing import Any

from django.core import mail

from oogst.engagements.models import Intake
from oogst.notifications.models import Message
from tests import factories as f
from tests.stage_builders import at_stage


def test_recording_the_intake_tells_each_party_to_state_its_expectations(
    db: None, django_capture_on_commit_callbacks: Any
) -> None:
    client = f.UserFactory(language="en", email="client@notify.example")
    coach = f.UserFactory(language="nl", email="coach@notify.example", is_coach=True)
    sponsor = f.UserFactory(language="nl", email="sponsor@notify.example")
    with django_capture_on_commit_callbacks(execute=True):
        engagement = at_stage("intake", coach=coach, client=client, sponsor=sponsor)
    assert Message.objects.count() == 0  # its starting point: nothing to announce
    with django_capture_on_commit_callbacks(execute=True):
        Intake.objects.create(engagement=engagement, held_on=date(2026, 12, 1), question="?")
    sent = {m.to[0]: m for m in mail.outbox}
    assert set(sent) == {"client@notify.example", "coach@notify.example", "sponsor@notify.example"}
    assert sent["client@notify.example"].subject.endswith("State your expectations")
    assert sent["coach@notify.example"].subject.endswith("Je verwachtingen uitspreken")
    html, kind = sent["client@notify.example"].alternatives[0]
    assert kind == "text/html"
    assert html.count("<a href=") == 1
    assert f"/engagements/{engagement.pk}/expectations/" in html
    assert set(Message.objects.values_list("kind", "status")) == {("action_opened", "sent")}


def test_the_same_action_opening_twice_a_day_is_told_once(
    db: None, django_capture_on_commit_callbacks: Any
) -> None:
    coach = f.UserFactory(is_coach=True)
    with django_capture_on_commit_callbacks(execute=True):
        engagement = at_stage("intake", coach=coach)
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            Intake.objects.filter(engagement=engagement).delete()
        with django_capture_on_commit_callbacks(execute=True):
            Intake.objects.create(engagement=engagement, held_on=date(2026, 12, 1))
    to_coach = Message.objects.filter(recipient=coach, action="state_expectations")
    assert to_coach.count() == 1


def test_an_import_announces_nothing_and_leaves_its_progress_for_the_first_read(
    db: None, django_capture_on_commit_callbacks: Any
) -> None:
    from oogst.harvest.models import Progress
    from oogst.interchange import demo
    from oogst.interchange.services import engagement_import

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        engagement = engagement_import(document=demo.documents()[0])
    assert callbacks == []  # no rewrite queued per row written
    assert Progress.objects.get(engagement=engagement).stale
    assert Message.objects.count() == 0 and mail.outbox == []


def test_an_invitation_mail_is_recorded_as_sent_each_time(db: None) -> None:
    from oogst.engagements.services import engagement_start, invitation_send

    coach = f.UserFactory(is_coach=True)
    engagement = engagement_start(coach=coach, title="Nieuw", organisation="Particulier")
    for _ in range(2):  # the second replaces the first: both went out
        invitation_send(
            engagement=engagement,
            party="client",
            name="Nina",
            email="nina@record.example",
            invited_by=coach,
            base_url="http://testserver/",
        )
    rows = Message.objects.filter(kind="invitation", engagement=engagement)
    assert len(mail.outbox) == 2 and rows.count() == 2
    assert {m.status for m in rows} == {"sent"}
    assert {m.recipient.email for m in rows} == {"nina@record.example"}
