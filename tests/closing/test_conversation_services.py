"""Writing the closing conversation: plan, held (with minutes), declined, not held; and
closing the engagement. Coach only, validated, atomic."""

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from oogst.closing.models import ClosingConversation, Minute
from oogst.closing.services.conversation import (
    conversation_decline,
    conversation_not_held,
    conversation_plan,
    conversation_record_held,
    engagement_close,
)
from oogst.contracting.selectors import facts_for
from oogst.engagements.models import Engagement
from oogst.harvest.agenda import keys, sponsor_agenda
from oogst.policy import Party
from tests.parties import Trio

TODAY = timezone.localdate()


def conversation(trio: Trio) -> ClosingConversation:
    return ClosingConversation.objects.get(engagement=trio.engagement)


def held(trio: Trio, **kw: Any) -> ClosingConversation:
    args: dict[str, Any] = {
        "engagement": trio.engagement,
        "actor": Party.COACH,
        "held_on": TODAY,
        "present": ["sponsor", "client", "coach"],
        "minutes": {("unexpected", "R3"): "  Besproken.  ", ("open_goal", "G2"): ""},
        "conclusions": "We zijn het eens.",
        # As the view does: the items of the sponsor's agenda, from the sponsor's harvest.
        "agenda": keys(sponsor_agenda(engagement_id=trio.engagement.pk)),
    }
    args.update(kw)
    return conversation_record_held(**args)


# ---------------------------------------------------------------- each status


def test_the_coach_plans_the_conversation(trio: Trio) -> None:
    planned = conversation_plan(
        engagement=trio.engagement, actor=Party.COACH, held_on=TODAY + timedelta(days=7)
    )
    assert (planned.status, planned.held_on, planned.declined_by) == (
        "planned",
        TODAY + timedelta(days=7),
        "",
    )
    # Planning again after the decline drops the decline's reason.
    assert conversation(trio).notes == ""


def test_planning_creates_the_conversation_when_there_is_none(trio: Trio) -> None:
    ClosingConversation.objects.all().delete()
    conversation_plan(engagement=trio.engagement, actor=Party.COACH, held_on=TODAY)
    assert conversation(trio).status == "planned"


def test_the_coach_records_it_as_held(trio: Trio) -> None:
    record = held(trio)
    record.refresh_from_db()
    assert record.status == "held"
    assert record.held_on == TODAY
    assert record.present == ["client", "coach", "sponsor"]  # in party order
    assert record.conclusions == "We zijn het eens."
    assert record.declined_by == ""
    # Only non-empty minutes are kept, trimmed.
    assert [(x.kind, x.ref, x.text) for x in record.minutes.all()] == [
        ("unexpected", "R3", "Besproken.")
    ]


def test_recording_again_replaces_the_minutes(trio: Trio) -> None:
    held(trio)
    held(trio, minutes={("organisation", "R3"): "Anders."})
    assert list(Minute.objects.values_list("kind", "ref")) == [("organisation", "R3")]


def test_the_coach_records_a_decline(trio: Trio) -> None:
    conversation_plan(engagement=trio.engagement, actor=Party.COACH, held_on=TODAY)
    record = conversation_decline(
        engagement=trio.engagement, actor=Party.COACH, by="sponsor", reason=" Geen tijd. "
    )
    record.refresh_from_db()
    assert (record.status, record.declined_by, record.notes, record.held_on) == (
        "declined",
        "sponsor",
        "Geen tijd.",
        None,
    )


def test_the_client_can_decline_too(trio: Trio) -> None:
    conversation_decline(engagement=trio.engagement, actor=Party.COACH, by="client", reason="x")
    assert conversation(trio).declined_by == "client"


def test_the_coach_records_it_as_not_held(trio: Trio) -> None:
    record = conversation_not_held(
        engagement=trio.engagement, actor=Party.COACH, reason="De directie reageerde niet."
    )
    record.refresh_from_db()
    assert (record.status, record.declined_by, record.notes) == (
        "not_held",
        "",
        "De directie reageerde niet.",
    )


# ---------------------------------------------------------------- validation


def errors(excinfo: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return excinfo.value.message_dict


def test_a_held_conversation_is_not_in_the_future(trio: Trio) -> None:
    with pytest.raises(ValidationError) as excinfo:
        held(trio, held_on=TODAY + timedelta(days=1))
    assert "in the future" in errors(excinfo)["held_on"][0]
    assert conversation(trio).status == "declined"  # nothing changed


def test_a_held_conversation_needs_a_date_and_someone_present(trio: Trio) -> None:
    with pytest.raises(ValidationError) as excinfo:
        held(trio, held_on=None, present=[])
    assert set(errors(excinfo)) == {"held_on", "present"}


def test_present_only_parties_of_the_engagement(trio: Trio) -> None:
    with pytest.raises(ValidationError) as excinfo:
        held(trio, present=["client", "operator"])
    assert "operator" in errors(excinfo)["present"][0]


def test_no_minutes_on_an_unshared_result(trio: Trio) -> None:
    # R2 is on the client's and coach's agenda (unexpected), not on the sponsor's.
    with pytest.raises(ValidationError) as excinfo:
        held(trio, minutes={("unexpected", "R3"): "ok", ("unexpected", "R2"): "Geheim"})
    assert "unexpected R2" in errors(excinfo)["minutes"][0]
    assert not Minute.objects.exists()
    assert conversation(trio).status == "declined"


def test_no_minutes_on_an_item_that_is_not_on_the_agenda(trio: Trio) -> None:
    with pytest.raises(ValidationError):
        held(trio, minutes={("disagreement", "R1"): "R1 is not contested"})


def test_an_empty_minute_for_an_unshared_result_is_simply_ignored(trio: Trio) -> None:
    held(trio, minutes={("unexpected", "R2"): "   "})
    assert not Minute.objects.exists()


def test_a_plan_is_not_in_the_past(trio: Trio) -> None:
    with pytest.raises(ValidationError) as excinfo:
        conversation_plan(
            engagement=trio.engagement, actor=Party.COACH, held_on=TODAY - timedelta(days=1)
        )
    assert "record it as held" in errors(excinfo)["held_on"][0]


def test_a_held_conversation_is_not_planned_or_declined_afterwards(trio: Trio) -> None:
    held(trio)
    with pytest.raises(ValidationError):
        conversation_plan(engagement=trio.engagement, actor=Party.COACH, held_on=TODAY)
    with pytest.raises(ValidationError):
        conversation_decline(
            engagement=trio.engagement, actor=Party.COACH, by="sponsor", reason="x"
        )
    with pytest.raises(ValidationError):
        conversation_not_held(engagement=trio.engagement, actor=Party.COACH, reason="x")
    assert conversation(trio).status == "held"


def test_declined_by_a_party_of_the_engagement(trio: Trio) -> None:
    trio.engagement.participations.filter(party="sponsor").delete()
    with pytest.raises(ValidationError) as excinfo:
        conversation_decline(
            engagement=trio.engagement, actor=Party.COACH, by="sponsor", reason="x"
        )
    assert "by" in errors(excinfo)
    with pytest.raises(ValidationError):
        conversation_decline(engagement=trio.engagement, actor=Party.COACH, by="nobody", reason="x")


@pytest.mark.parametrize("write", ["decline", "not_held"])
def test_a_reason_is_required(trio: Trio, write: str) -> None:
    with pytest.raises(ValidationError) as excinfo:
        if write == "decline":
            conversation_decline(
                engagement=trio.engagement, actor=Party.COACH, by="sponsor", reason="  "
            )
        else:
            conversation_not_held(engagement=trio.engagement, actor=Party.COACH, reason="")
    assert "reason" in errors(excinfo)


# ---------------------------------------------------------------- coach only


WRITES = {
    "plan": lambda t, p: conversation_plan(engagement=t.engagement, actor=p, held_on=TODAY),
    "held": lambda t, p: held(t, actor=p),
    "decline": lambda t, p: conversation_decline(
        engagement=t.engagement, actor=p, by="sponsor", reason="x"
    ),
    "not_held": lambda t, p: conversation_not_held(engagement=t.engagement, actor=p, reason="x"),
}


@pytest.mark.parametrize("write", WRITES)
@pytest.mark.parametrize("party", [Party.CLIENT, Party.SPONSOR])
def test_only_the_coach_writes_the_conversation(trio: Trio, write: str, party: Party) -> None:
    with pytest.raises(PermissionDenied):
        WRITES[write](trio, party)
    assert conversation(trio).status == "declined"


# ---------------------------------------------------------------- closing


def test_the_coach_closes_the_engagement(trio: Trio) -> None:
    closed = engagement_close(engagement=trio.engagement, actor=Party.COACH, person=trio.bob)
    closed.refresh_from_db()
    assert closed.closed_by == trio.bob
    assert closed.closed_at is not None
    assert facts_for(engagement_id=closed.pk, party=Party.CLIENT).closed


def test_not_closed_before_the_conversation_has_an_outcome(trio: Trio) -> None:
    conversation_plan(engagement=trio.engagement, actor=Party.COACH, held_on=TODAY)
    with pytest.raises(ValidationError):
        engagement_close(engagement=trio.engagement, actor=Party.COACH, person=trio.bob)
    ClosingConversation.objects.all().delete()
    with pytest.raises(ValidationError):
        engagement_close(engagement=trio.engagement, actor=Party.COACH, person=trio.bob)
    assert Engagement.objects.get(pk=trio.engagement.pk).closed_at is None


@pytest.mark.parametrize(("party", "who"), [(Party.CLIENT, "alice"), (Party.SPONSOR, "charlie")])
def test_only_the_coach_closes(trio: Trio, party: Party, who: str) -> None:
    with pytest.raises(PermissionDenied):
        engagement_close(engagement=trio.engagement, actor=party, person=getattr(trio, who))
    assert Engagement.objects.get(pk=trio.engagement.pk).closed_at is None


def test_the_person_closing_must_be_the_coach(trio: Trio) -> None:
    with pytest.raises(PermissionDenied):
        engagement_close(engagement=trio.engagement, actor=Party.COACH, person=trio.dave)


@pytest.mark.parametrize("write", WRITES)
def test_a_closed_engagement_refuses_every_conversation_write(trio: Trio, write: str) -> None:
    engagement_close(engagement=trio.engagement, actor=Party.COACH, person=trio.bob)
    with pytest.raises(PermissionDenied):
        WRITES[write](trio, Party.COACH)
    with pytest.raises(PermissionDenied):
        engagement_close(engagement=trio.engagement, actor=Party.COACH, person=trio.bob)
    assert conversation(trio).status == "declined"
