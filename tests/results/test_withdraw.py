"""Withdrawing a result: only its reporter, only before closing; it stays readable, struck
through, to whoever could read it, and a sponsor that could not learns nothing of it.

What a withdrawn result no longer counts in (measures, agenda, open actions, research,
export) is tested in `tests/harvest/test_withdrawn.py`, `tests/research/test_withdrawn.py`
and `tests/interchange/test_withdrawn.py`.
"""

import re
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.defaultfilters import date as date_filter
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from oogst import policy
from oogst.closing.services.conversation import engagement_close
from oogst.closing.services.values import result_value_set
from oogst.harvest.selectors import report_for
from oogst.policy import Facts, Party
from oogst.results.models import Result
from oogst.results.selectors import sharing_to_decide
from oogst.results.services.register import (
    judgement_record,
    result_restore,
    result_share,
    result_update,
    result_withdraw,
)
from tests import factories as f
from tests.parties import SHARED_TEXT, SPONSOR_TEXT, UNSHARED_TEXT, Trio, logged_in

C, K, S = Party.CLIENT, Party.COACH, Party.SPONSOR


def row(trio: Trio, key: str) -> Result:
    return Result.objects.get(engagement=trio.engagement, key=key)


def withdraw(trio: Trio, key: str, actor: Party = C, who: str = "alice") -> Result:
    return result_withdraw(result=row(trio, key), actor=actor, person=getattr(trio, who))


def coach_result(trio: Trio) -> Result:
    return f.ResultFactory(engagement=trio.engagement, key="R4", reported_by="coach", position=4)


def url(name: str, trio: Trio, key: str) -> str:
    return reverse(f"results:{name}", args=[trio.engagement.pk, key])


def engagement_url(trio: Trio) -> str:
    return reverse("closing:engagement", args=[trio.engagement.pk])


def without_tokens(html: bytes) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html.decode())


def withdrawn_on(result: Result) -> str:
    """The date as the pages write it, in English."""
    assert result.withdrawn_at is not None
    with translation.override("en"):
        return str(date_filter(timezone.localtime(result.withdrawn_at), "j F Y"))


# ---------------------------------------------------------------- the policy


@pytest.mark.parametrize(
    ("facts", "allowed"),
    [
        (Facts(viewer=C, author=C), True),
        (Facts(viewer=K, author=K), True),
        (Facts(viewer=S, author=S), True),
        (Facts(viewer=K, author=C), False),
        (Facts(viewer=S, author=C, shared_with_sponsor=True), False),
        (Facts(viewer=C, author=S), False),
        (Facts(viewer=C, author=C, closed=True), False),
        (Facts(viewer=None, author=C), False),  # nobody withdraws on another's behalf
        (Facts(viewer=C, author=None), False),
    ],
)
def test_only_the_reporter_withdraws_and_only_before_closing(facts: Facts, allowed: bool) -> None:
    assert policy.may_withdraw_result(facts) is allowed


# ---------------------------------------------------------------- the services


@pytest.mark.parametrize(
    ("key", "actor", "who"), [("R1", C, "alice"), ("R3", S, "charlie"), ("R4", K, "bob")]
)
def test_each_party_withdraws_the_result_it_reported(
    trio: Trio, key: str, actor: Party, who: str
) -> None:
    coach_result(trio)
    before = timezone.now()

    result = withdraw(trio, key, actor, who)

    stored = row(trio, key)
    assert stored.withdrawn_at is not None and stored.withdrawn_at >= before
    assert stored.withdrawn_by == getattr(trio, who)
    assert result.withdrawn


@pytest.mark.parametrize(
    ("key", "actor", "who", "error"),
    [
        ("R1", K, "bob", PermissionDenied),  # the client's result
        ("R1", S, "charlie", PermissionDenied),  # shared with the sponsor, still not its own
        ("R3", C, "alice", PermissionDenied),  # the sponsor's own result
        ("R3", K, "bob", PermissionDenied),
        ("R4", C, "alice", PermissionDenied),  # the coach's
        ("R2", S, "charlie", Result.DoesNotExist),  # not even readable for the sponsor
    ],
)
def test_no_party_withdraws_anothers_result(
    trio: Trio, key: str, actor: Party, who: str, error: type[Exception]
) -> None:
    coach_result(trio)
    with pytest.raises(error):
        withdraw(trio, key, actor, who)
    assert row(trio, key).withdrawn_at is None


def test_the_person_must_be_the_party_that_withdraws(trio: Trio) -> None:
    with pytest.raises(PermissionDenied):
        withdraw(trio, "R1", C, "bob")  # bob is the coach, not the client
    assert row(trio, "R1").withdrawn_at is None


def test_withdrawing_twice_is_refused_with_a_clear_message(trio: Trio) -> None:
    first = withdraw(trio, "R1")
    with pytest.raises(ValidationError, match="Result R1 is withdrawn already"):
        withdraw(trio, "R1")
    assert row(trio, "R1").withdrawn_at == first.withdrawn_at


def test_nothing_is_withdrawn_or_restored_after_closing(trio: Trio) -> None:
    withdraw(trio, "R2")
    engagement_close(engagement=trio.engagement, actor=K, person=trio.bob)
    with pytest.raises(PermissionDenied):
        withdraw(trio, "R1")
    with pytest.raises(PermissionDenied):
        result_restore(result=row(trio, "R2"), actor=C, person=trio.alice)
    assert row(trio, "R1").withdrawn_at is None and row(trio, "R2").withdrawn_at is not None


def test_the_reporter_takes_a_withdrawal_back(trio: Trio) -> None:
    withdraw(trio, "R3", S, "charlie")
    with pytest.raises(PermissionDenied):
        result_restore(result=row(trio, "R3"), actor=C, person=trio.alice)

    result_restore(result=row(trio, "R3"), actor=S, person=trio.charlie)

    stored = row(trio, "R3")
    assert stored.withdrawn_at is None and stored.withdrawn_by is None
    with pytest.raises(ValidationError, match="Result R3 is not withdrawn"):
        result_restore(result=stored, actor=S, person=trio.charlie)


def test_a_withdrawn_result_is_kept_as_it_was(trio: Trio) -> None:
    withdraw(trio, "R1")
    r1 = row(trio, "R1")
    with pytest.raises(ValidationError, match="withdrawn"):
        result_update(
            result=r1,
            actor=C,
            text="Anders",
            goal_keys=[],
            meaning="effect",
            beneficiary="client",
            evidence="explicable",
        )
    with pytest.raises(ValidationError, match="withdrawn"):
        judgement_record(result=r1, party=K, desirability="desired", share=None, confidence=None)
    with pytest.raises(ValidationError, match="withdrawn"):
        result_share(result=r1, actor=C, shared=False)
    withdraw(trio, "R3", S, "charlie")
    with pytest.raises(ValidationError, match="withdrawn"):
        result_value_set(result=row(trio, "R3"), actor=K, amount=Decimal("1"), unit="EUR")
    assert row(trio, "R1").text == SHARED_TEXT and row(trio, "R1").shared_with_sponsor
    assert row(trio, "R3").value_amount == Decimal("40000")


def test_the_client_has_nothing_to_decide_on_a_withdrawn_result(trio: Trio) -> None:
    Result.objects.filter(engagement=trio.engagement, key="R2").update(sharing_undecided=True)
    facts = Facts(viewer=C, has_sponsor=True)
    assert [r.key for r in sharing_to_decide(engagement_id=trio.engagement.pk, facts=facts)] == [
        "R2"
    ]
    withdraw(trio, "R2")
    assert sharing_to_decide(engagement_id=trio.engagement.pk, facts=facts) == []


# ---------------------------------------------------------------- the pages


def test_the_reporter_confirms_and_withdraws(client: Client, trio: Trio) -> None:
    logged_in(client, trio.alice)
    page = client.get(url("result", trio, "R1"))
    assert url("withdraw", trio, "R1") in page.content.decode()

    confirm = client.get(url("withdraw", trio, "R1"))
    assert confirm.status_code == 200
    assert "Yes, withdraw this result" in confirm.content.decode()
    assert row(trio, "R1").withdrawn_at is None  # looking is not withdrawing

    done = client.post(url("withdraw", trio, "R1"), {"confirmed": "yes"})

    assert done.status_code == 302 and done["Location"] == url("result", trio, "R1")
    assert row(trio, "R1").withdrawn_by == trio.alice
    again = client.post(url("withdraw", trio, "R1"), {"confirmed": "yes"}, follow=True)
    assert "Result R1 is withdrawn already." in again.content.decode()


@pytest.mark.parametrize(
    ("who", "key", "status"),
    [
        ("bob", "R1", 403),
        ("charlie", "R1", 403),
        ("alice", "R3", 403),
        ("charlie", "R2", 404),  # the sponsor may not read it: as if it did not exist
        ("dave", "R1", 404),  # an outsider
    ],
)
def test_no_other_party_may_withdraw(
    client: Client, trio: Trio, who: str, key: str, status: int
) -> None:
    logged_in(client, getattr(trio, who))
    assert client.get(url("withdraw", trio, key)).status_code == status
    assert client.post(url("withdraw", trio, key), {"confirmed": "yes"}).status_code == status
    assert client.post(url("restore", trio, key)).status_code == status
    assert row(trio, key).withdrawn_at is None


def test_the_pages_take_only_their_methods(client: Client, trio: Trio) -> None:
    logged_in(client, trio.alice)
    assert client.put(url("withdraw", trio, "R1")).status_code == 405
    assert client.get(url("restore", trio, "R1")).status_code == 405


def test_the_result_page_shows_a_withdrawn_result_struck_through_with_who_and_when(
    client: Client, trio: Trio
) -> None:
    withdraw(trio, "R1")
    when = withdrawn_on(row(trio, "R1"))
    for who in ("alice", "bob", "charlie"):  # R1 is shared: the sponsor read it too
        logged_in(client, getattr(trio, who))
        html = client.get(url("result", trio, "R1")).content.decode()
        assert re.search(rf"<del>\s*{SHARED_TEXT}\s*</del>", html), who
        assert f"Withdrawn by the client (Alice Aarts) on {when}." in html, who
        assert 'class="badge badge--withdrawn"' in html, who
        assert "Your judgement" not in html, who  # nothing to judge any more
    logged_in(client, trio.bob)
    assert url("restore", trio, "R1") not in client.get(url("result", trio, "R1")).content.decode()


def test_the_reporter_restores_from_the_result_page(client: Client, trio: Trio) -> None:
    withdraw(trio, "R1")
    logged_in(client, trio.alice)
    response = client.get(url("result", trio, "R1"))
    detail = response.context["detail"]
    assert detail.may_withdraw and not detail.may_edit and not detail.may_consent
    withdrawn = response.content.decode()
    assert url("restore", trio, "R1") in withdrawn
    assert url("result_edit", trio, "R1") not in withdrawn  # nothing to edit until restored
    assert url("consent", trio, "R1") not in withdrawn

    response = client.post(url("restore", trio, "R1"))

    assert response.status_code == 302
    assert row(trio, "R1").withdrawn_at is None
    html = client.get(url("result", trio, "R1")).content.decode()
    assert "<del>" not in html and "Your judgement" in html
    assert url("result_edit", trio, "R1") in html and url("consent", trio, "R1") in html


def test_the_register_shows_it_last_struck_through_and_counts_it_in_no_filter(
    client: Client, trio: Trio
) -> None:
    withdraw(trio, "R1")
    when = withdrawn_on(row(trio, "R1"))
    logged_in(client, trio.bob)

    response = client.get(engagement_url(trio))

    register = response.context["page"].register
    assert register.total == 2  # R2 and R3: the counted ones
    assert [r.key for r in register.rows] == ["R2", "R3", "R1"]
    assert [r.key for r in register.rows if r.withdrawn] == ["R1"]
    assert not register.rows[-1].counted and not register.rows[-1].disagreement
    html = response.content.decode()
    assert re.search(rf"<del>\s*{SHARED_TEXT}\s*</del>", html)
    assert f"Withdrawn by the client (Alice Aarts) on {when}." in html
    for show, kept in (
        ("explicable", ["R2"]),
        ("no_goal", ["R2", "R3"]),
        ("unexpected", ["R2", "R3"]),
    ):
        filtered = client.get(engagement_url(trio), {"show": show}).context["page"].register
        assert [r.key for r in filtered.rows] == kept, show
        assert filtered.total == 2


def test_the_sponsor_sees_a_withdrawn_result_it_could_read(client: Client, trio: Trio) -> None:
    withdraw(trio, "R3", S, "charlie")
    logged_in(client, trio.charlie)
    response = client.get(engagement_url(trio))
    rows = response.context["page"].register.rows
    assert [(r.key, bool(r.withdrawn)) for r in rows] == [("R1", False), ("R3", True)]
    # Client and sponsor disagree on R3, but it is no disagreement to discuss any more.
    assert not rows[-1].disagreement and not rows[-1].counted
    html = response.content.decode()
    assert re.search(rf"<del>\s*{SPONSOR_TEXT}\s*</del>", html)
    assert "Withdrawn by the sponsor (Charlie Claes) on" in html


def test_a_sponsor_that_could_not_read_it_learns_nothing_of_its_withdrawal(
    client: Client, trio: Trio
) -> None:
    logged_in(client, trio.charlie)
    before = client.get(engagement_url(trio))
    report_before = report_for(engagement_id=trio.engagement.pk, viewer=S)

    withdraw(trio, "R2")

    after = client.get(engagement_url(trio))
    html = after.content.decode()
    assert UNSHARED_TEXT not in html
    assert "withdrawn" not in html.lower()
    assert after.context["page"].hidden == before.context["page"].hidden == 1
    assert without_tokens(after.content) == without_tokens(before.content)
    assert report_for(engagement_id=trio.engagement.pk, viewer=S) == report_before
    assert client.get(url("result", trio, "R2")).status_code == 404
    # Nor in the client's preview of what the sponsor sees.
    logged_in(client, trio.alice)
    preview = client.get(reverse("results:sponsor_preview", args=[trio.engagement.pk]))
    assert UNSHARED_TEXT not in preview.content.decode()
    assert "withdrawn" not in preview.content.decode().lower()
