"""The hand-offs that are no open action: each sent on the transition only, to the parties
of docs/notifications.md, and not to the one who caused it where that is natural."""

from datetime import timedelta
from typing import Any

from django.core import mail
from django.utils import timezone

from oogst.closing.models import ClosingConversation
from oogst.closing.services.conversation import conversation_plan
from oogst.notifications.models import Message
from oogst.policy import Party
from oogst.results.models import EndReport, Result
from oogst.results.services.register import result_share
from tests.parties import Trio


def sent(kind: str) -> list[str]:
    return sorted(Message.objects.filter(kind=kind).values_list("recipient__email", flat=True))


def test_an_end_report_tells_the_other_of_client_and_coach_once(
    trio: Trio, django_capture_on_commit_callbacks: Any
) -> None:
    reports = {
        party: EndReport.objects.create(engagement=trio.engagement, party=party, summary="x")
        for party in ("client", "coach", "sponsor")
    }
    assert sent("end_report_submitted") == []  # drafts
    with django_capture_on_commit_callbacks(execute=True):
        reports["client"].submitted_at = timezone.now()
        reports["client"].save(update_fields=["submitted_at"])
    assert sent("end_report_submitted") == ["bob@example.com"]
    assert [m.to for m in mail.outbox] == [["bob@example.com"]]
    reports["client"].summary = "y"
    reports["client"].save()  # submitted already: nothing new
    reports["sponsor"].submitted_at = timezone.now()
    reports["sponsor"].save()  # the sponsor's statement is its own
    assert sent("end_report_submitted") == ["bob@example.com"]
    reports["coach"].submitted_at = timezone.now()
    reports["coach"].save()
    assert sent("end_report_submitted") == ["alice@example.com", "bob@example.com"]


def test_sharing_results_tells_the_sponsor_once_a_day_and_never_which(
    trio: Trio, django_capture_on_commit_callbacks: Any
) -> None:
    r2 = Result.objects.get(engagement=trio.engagement, key="R2")
    with django_capture_on_commit_callbacks(execute=True):
        result_share(result=r2, actor=Party.CLIENT, shared=True)
        result_share(result=r2, actor=Party.CLIENT, shared=False)
        result_share(result=r2, actor=Party.CLIENT, shared=True)
    assert sent("results_shared") == ["charlie@example.com"]
    (message,) = mail.outbox
    assert r2.text not in message.body and "R2" not in message.body
    r1 = Result.objects.get(engagement=trio.engagement, key="R1")
    r1.text = "changed"
    r1.save()  # shared already: no transition
    assert sent("results_shared") == ["charlie@example.com"]


def test_planning_the_closing_conversation_tells_client_and_sponsor(
    trio: Trio, django_capture_on_commit_callbacks: Any
) -> None:
    ClosingConversation.objects.filter(engagement=trio.engagement).delete()
    day = timezone.localdate() + timedelta(days=7)
    with django_capture_on_commit_callbacks(execute=True):
        conversation_plan(engagement=trio.engagement, actor=Party.COACH, held_on=day)
    assert sent("closing_planned") == ["alice@example.com", "charlie@example.com"]
    assert len(mail.outbox) == 2
    conversation_plan(engagement=trio.engagement, actor=Party.COACH, held_on=day)
    assert Message.objects.filter(kind="closing_planned").count() == 2  # the same plan


def test_closing_the_engagement_tells_every_party_that_the_report_is_ready(
    trio: Trio, django_capture_on_commit_callbacks: Any
) -> None:
    engagement = trio.engagement
    with django_capture_on_commit_callbacks(execute=True):
        engagement.closed_at = timezone.now()
        engagement.save(update_fields=["closed_at", "updated_at"])
    assert sent("engagement_closed") == [
        "alice@example.com",
        "bob@example.com",
        "charlie@example.com",
    ]
    assert all("/report/" in m.body for m in mail.outbox)
    engagement.title = "Renamed"
    engagement.save()  # closed already
    assert Message.objects.filter(kind="engagement_closed").count() == 3


def test_an_import_of_a_closed_engagement_announces_nothing(db: None) -> None:
    from oogst.interchange import demo
    from oogst.interchange.services import engagement_import

    for document in demo.documents():
        engagement_import(document=document)
    assert Message.objects.count() == 0
