"""Goals: the coach writes them with an advisory SMART check; frozen once in force."""

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from oogst.contracting.models import Contract, ContractAcceptance, Goal
from oogst.contracting.services.goals import GoalsFrozen, goal_create, goal_update
from oogst.policy import Party
from tests import factories as f
from tests.parties import GOAL_TEXTS, Trio, logged_in

EN_GOAL = "Within three months I lead the weekly team meeting myself, at least 10 times."
NL_GOAL = "Binnen drie maanden leid ik zelf het wekelijkse teamoverleg, minstens 10 keer."
HTMX: dict[str, Any] = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def open_trio(trio: Trio) -> Trio:
    """The trio before anyone accepted the contract: goals may still change."""
    ContractAcceptance.objects.filter(contract__engagement=trio.engagement).delete()
    return trio


def u(name: str, trio: Trio, *args: object) -> str:
    return reverse(f"contracting:{name}", args=[trio.engagement.pk, *args])


def goal_data(**overrides: str) -> dict[str, str]:
    data = {
        "text": EN_GOAL,
        "weight": "1.5",
        "level_minus_2": "Never leads it",
        "level_minus_1": "",
        "level_0": "Leads it ten times",
        "level_plus_1": "",
        "level_plus_2": "Others ask him to lead theirs",
        "baseline": "-1",
        "due": "2026-09-30",
    }
    return {**data, **overrides}


# ---------------------------------------------------------------- the service


def test_coach_adds_goals_with_the_next_key(open_trio: Trio) -> None:
    goal = goal_create(
        engagement=open_trio.engagement, actor=Party.COACH, text="  Een derde doel  "
    )
    assert (goal.key, goal.text) == ("G3", "Een derde doel")
    assert goal.position > Goal.objects.get(engagement=open_trio.engagement, key="G2").position


@pytest.mark.parametrize("actor", [Party.CLIENT, Party.SPONSOR])
def test_only_the_coach_writes_goals(open_trio: Trio, actor: Party) -> None:
    with pytest.raises(PermissionDenied):
        goal_create(engagement=open_trio.engagement, actor=actor, text="Een doel")
    goal = Goal.objects.get(engagement=open_trio.engagement, key="G1")
    with pytest.raises(PermissionDenied):
        goal_update(goal=goal, actor=actor, text="Iets anders")


def test_goals_are_frozen_once_the_contract_is_in_force(trio: Trio) -> None:
    goal = Goal.objects.get(engagement=trio.engagement, key="G1")
    with pytest.raises(GoalsFrozen):
        goal_update(goal=goal, actor=Party.COACH, text="Iets anders")
    with pytest.raises(GoalsFrozen):
        goal_create(engagement=trio.engagement, actor=Party.COACH, text="Nog een doel")
    goal.refresh_from_db()
    assert goal.text == GOAL_TEXTS[0]
    assert Goal.objects.filter(engagement=trio.engagement).count() == 2


def test_changing_a_goal_clears_the_acceptances_given_so_far(trio: Trio) -> None:
    ContractAcceptance.objects.filter(
        contract__engagement=trio.engagement, party="sponsor"
    ).delete()
    goal = Goal.objects.get(engagement=trio.engagement, key="G1")
    goal_update(goal=goal, actor=Party.COACH, text="Werk en privé in evenwicht, binnen 3 maanden")
    assert not ContractAcceptance.objects.filter(contract__engagement=trio.engagement).exists()


def test_saving_a_goal_unchanged_keeps_the_acceptances(trio: Trio) -> None:
    ContractAcceptance.objects.filter(
        contract__engagement=trio.engagement, party="sponsor"
    ).delete()
    goal = Goal.objects.get(engagement=trio.engagement, key="G1")
    goal_update(goal=goal, actor=Party.COACH, text=goal.text, weight=Decimal("1.00"))
    assert ContractAcceptance.objects.filter(contract__engagement=trio.engagement).count() == 2


def test_a_goal_needs_text_and_a_positive_weight(open_trio: Trio) -> None:
    with pytest.raises(ValidationError):
        goal_create(engagement=open_trio.engagement, actor=Party.COACH, text="   ")
    with pytest.raises(ValidationError):
        goal_create(
            engagement=open_trio.engagement, actor=Party.COACH, text="Doel", weight=Decimal(0)
        )


# ---------------------------------------------------------------- the goals page


def test_goals_page_lists_goals_with_their_smart_check(client: Client, trio: Trio) -> None:
    response = logged_in(client, trio.alice).get(u("goals", trio))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert GOAL_TEXTS[0] in html and GOAL_TEXTS[1] in html
    for name in ("Specific", "Measurable", "Acceptable", "Result-oriented", "Time-bound"):
        assert name in html
    # The client reads goals but writes none.
    assert u("goal_new", trio) not in html
    assert u("goal_edit", trio, "G1") not in html


def test_coach_sees_propose_an_amendment_when_in_force(client: Client, trio: Trio) -> None:
    html = logged_in(client, trio.bob).get(u("goals", trio)).content.decode()
    assert u("amendment_new", trio, "G1") in html
    assert u("goal_edit", trio, "G1") not in html
    assert "the goals are frozen" in html


def test_coach_sees_edit_links_before_the_contract_is_in_force(
    client: Client, open_trio: Trio
) -> None:
    html = logged_in(client, open_trio.bob).get(u("goals", open_trio)).content.decode()
    assert u("goal_edit", open_trio, "G1") in html
    assert u("goal_new", open_trio) in html


def test_sponsor_is_told_the_contract_keeps_the_goals_from_it(client: Client, trio: Trio) -> None:
    Contract.objects.filter(engagement=trio.engagement).update(sponsor_may_see=["sessions_held"])
    response = logged_in(client, trio.charlie).get(u("goals", trio))
    html = response.content.decode()
    assert response.status_code == 200
    assert "The contract keeps the goals from you." in html
    assert GOAL_TEXTS[0] not in html and GOAL_TEXTS[1] not in html


def test_sponsor_reads_the_goals_by_default(client: Client, trio: Trio) -> None:
    html = logged_in(client, trio.charlie).get(u("goals", trio)).content.decode()
    assert GOAL_TEXTS[0] in html


def test_goals_page_queries_stay_flat_as_goals_grow(client: Client, open_trio: Trio) -> None:
    logged_in(client, open_trio.bob)
    with CaptureQueriesContext(connection) as few:
        client.get(u("goals", open_trio))
    for n in range(5):
        f.GoalFactory(engagement=open_trio.engagement, key=f"G{n + 10}")
    with CaptureQueriesContext(connection) as many:
        client.get(u("goals", open_trio))
    assert len(many) == len(few)


def test_goals_outsider_404_and_wrong_method_405(client: Client, trio: Trio) -> None:
    assert logged_in(client, trio.dave).get(u("goals", trio)).status_code == 404
    assert logged_in(client, trio.alice).post(u("goals", trio)).status_code == 405


# ---------------------------------------------------------------- new and edit


def test_coach_adds_a_goal_in_the_form(client: Client, open_trio: Trio) -> None:
    response = logged_in(client, open_trio.bob).post(u("goal_new", open_trio), goal_data())
    assert response.status_code == 302
    goal = Goal.objects.get(engagement=open_trio.engagement, key="G3")
    assert response["Location"].endswith("#goal-G3")
    assert goal.text == EN_GOAL
    assert goal.weight == Decimal("1.5")
    assert goal.baseline == -1
    assert goal.due == dt.date(2026, 9, 30)
    assert goal.level_plus_2 == "Others ask him to lead theirs"


def test_the_form_labels_each_level_with_its_meaning(client: Client, open_trio: Trio) -> None:
    html = logged_in(client, open_trio.bob).get(u("goal_new", open_trio)).content.decode()
    assert "-2: much less than expected" in html
    assert "+2: much more than expected" in html
    assert "<legend>Goal attainment scale</legend>" in html


def test_the_text_field_checks_smart_live(client: Client, open_trio: Trio) -> None:
    html = logged_in(client, open_trio.bob).get(u("goal_new", open_trio)).content.decode()
    assert f'hx-post="{u("smart_check", open_trio)}"' in html
    assert 'hx-trigger="input changed delay:500ms"' in html
    assert 'id="smart-check"' in html


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("text", "   ", "Write the goal: it cannot be empty."),
        ("weight", "0", "The weight must be greater than 0."),
        ("due", "2026-02-30", "Enter a real date, e.g. 2026-09-30."),
    ],
)
def test_form_errors_keep_what_was_typed(
    client: Client, open_trio: Trio, field: str, value: str, message: str
) -> None:
    data = goal_data(**{field: value, "level_plus_2": "Typed with care"})
    response = logged_in(client, open_trio.bob).post(u("goal_new", open_trio), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert "Typed with care" in html
    assert f'aria-describedby="id_{field}_helptext id_{field}_error"' in html or (
        f'aria-describedby="id_{field}_error"' in html
    )
    assert Goal.objects.filter(engagement=open_trio.engagement).count() == 2


def test_the_smart_check_never_blocks_saving(client: Client, open_trio: Trio) -> None:
    response = logged_in(client, open_trio.bob).post(
        u("goal_new", open_trio), goal_data(text="Beter worden")
    )
    assert response.status_code == 302
    assert Goal.objects.filter(engagement=open_trio.engagement, text="Beter worden").exists()


def test_coach_edits_a_goal_before_the_contract_is_in_force(
    client: Client, open_trio: Trio
) -> None:
    page = logged_in(client, open_trio.bob).get(u("goal_edit", open_trio, "G1"))
    assert GOAL_TEXTS[0] in page.content.decode()
    response = client.post(u("goal_edit", open_trio, "G1"), goal_data(text="Een nieuw doel"))
    assert response.status_code == 302
    assert Goal.objects.get(engagement=open_trio.engagement, key="G1").text == "Een nieuw doel"


def test_changing_a_goal_says_whose_acceptance_no_longer_holds(client: Client, trio: Trio) -> None:
    ContractAcceptance.objects.filter(
        contract__engagement=trio.engagement, party="sponsor"
    ).delete()
    response = logged_in(client, trio.bob).post(
        u("goal_edit", trio, "G1"), goal_data(text="Een nieuw doel"), follow=True
    )
    html = response.content.decode()
    assert "The client had accepted the contract before this change" in html
    assert "The coach had accepted the contract before this change" in html
    assert "The sponsor had accepted" not in html


def test_editing_a_frozen_goal_is_refused_with_a_way_to_amend(client: Client, trio: Trio) -> None:
    logged_in(client, trio.bob)
    page = client.get(u("goal_edit", trio, "G1"))
    assert page.status_code == 200
    assert u("amendment_new", trio, "G1") in page.content.decode()
    response = client.post(u("goal_edit", trio, "G1"), goal_data(text="Stiekem anders"))
    assert response.status_code == 409
    assert "can no longer be edited" in response.content.decode()
    assert Goal.objects.get(engagement=trio.engagement, key="G1").text == GOAL_TEXTS[0]


@pytest.mark.parametrize("person", ["alice", "charlie"])
def test_client_and_sponsor_cannot_write_goals(
    client: Client, open_trio: Trio, person: str
) -> None:
    logged_in(client, getattr(open_trio, person))
    assert client.get(u("goal_new", open_trio)).status_code == 403
    assert client.post(u("goal_new", open_trio), goal_data()).status_code == 403
    assert client.post(u("goal_edit", open_trio, "G1"), goal_data()).status_code == 403
    assert Goal.objects.filter(engagement=open_trio.engagement).count() == 2


def test_goal_forms_outsider_404_and_wrong_method_405(client: Client, open_trio: Trio) -> None:
    logged_in(client, open_trio.dave)
    assert client.get(u("goal_new", open_trio)).status_code == 404
    assert client.get(u("goal_edit", open_trio, "G1")).status_code == 404
    logged_in(client, open_trio.bob)
    assert client.delete(u("goal_new", open_trio)).status_code == 405
    assert client.put(u("goal_edit", open_trio, "G1")).status_code == 405
    assert client.get(u("goal_edit", open_trio, "G99")).status_code == 404


# ---------------------------------------------------------------- the live SMART fragment


@pytest.mark.parametrize(
    ("language", "text", "reason_word"),
    [("en", EN_GOAL, "three months"), ("nl", NL_GOAL, "drie maanden")],
)
def test_smart_fragment_returns_the_five_letters(
    client: Client, open_trio: Trio, language: str, text: str, reason_word: str
) -> None:
    open_trio.engagement.language = language
    open_trio.engagement.save(update_fields=["language"])
    response = logged_in(client, open_trio.bob).post(
        u("smart_check", open_trio), {"text": text}, **HTMX
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html  # a fragment, not a page
    assert html.count('class="smart__letter"') == 5
    for letter in "SMART":
        assert f'<span class="smart__letter" aria-hidden="true">{letter}</span>' in html
    assert reason_word in html  # the reasons are read in the goal's language


def test_smart_fragment_for_an_empty_text_invites_to_write(client: Client, open_trio: Trio) -> None:
    response = logged_in(client, open_trio.bob).post(u("smart_check", open_trio), {"text": ""})
    assert "Write the goal to see the SMART check." in response.content.decode()


def test_smart_fragment_is_for_the_goal_writer_only(client: Client, open_trio: Trio) -> None:
    assert (
        logged_in(client, open_trio.alice)
        .post(u("smart_check", open_trio), {"text": EN_GOAL})
        .status_code
        == 403
    )
    assert (
        logged_in(client, open_trio.dave)
        .post(u("smart_check", open_trio), {"text": EN_GOAL})
        .status_code
        == 404
    )
    assert logged_in(client, open_trio.bob).get(u("smart_check", open_trio)).status_code == 405
