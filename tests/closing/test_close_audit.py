"""After the coach closes the engagement it is read-only for every party.

The pages are not listed here: every URL that takes an `engagement_id` comes from the URL
configuration (`tests.engagement_urls`), and each of the three parties posts to it after
closing. Nothing may be written: every row of every model of the project is compared
before and after, field by field (so a changed `updated_at`, or a bulk update that skips
it, shows too), and no mail may leave. A refusing page answers 403, or 404/405 where the
party may not see it at all or it takes no POST. A page added to any `urls.py` later is
audited the same way without anyone adding it here.

Every write asks the policy with facts gathered by `contracting.selectors.facts_for`
(or `engagements.selectors.engagement_facts`), which carry `closed`; a service or view
that built its facts by hand would let a write through, and its case here would fail.
"""

from typing import Any

import pytest
from django.apps import apps
from django.core import mail
from django.db.models import Model
from django.test import Client

from oogst.closing.services.conversation import engagement_close
from oogst.contracting.models import Amendment, ContractAcceptance, Goal, PartyChange
from oogst.contracting.services.amendments import amendment_propose
from oogst.contracting.services.parties import party_change_propose
from oogst.policy import Party
from oogst.results.services.register import result_withdraw
from tests import factories as f
from tests.engagement_urls import (
    engagement_url,
    engagement_url_names,
    unwalkable_engagement_patterns,
)
from tests.parties import Trio, logged_in

PARTIES = ("alice", "bob", "charlie")  # client, coach, sponsor
REFUSED = (403, 404, 405)

# Writes that stay open after closing, each with the models it may write; every other
# page must refuse, and even these may write nothing else.
STILL_OPEN: dict[str, frozenset[str]] = {
    # A party may give or withdraw consent for practice research at any time, also after
    # closing: research happens after an engagement ends (docs/research.md, "Consent").
    "research:consent": frozenset({"research.ResearchConsent"}),
    # The coach may propose the engagement as a good practice: practice research, after
    # the engagement (DOMAIN.md, step 7), written to the research app, not the engagement.
    "research:practice_propose": frozenset({"research.GoodPractice"}),
}

# Changes that are no write of the engagement. The session's own tables (and the
# messages kept in it) belong to django.contrib, outside the project, and are not compared.
NOT_WRITES: dict[str, frozenset[str]] = {
    "accounts.User": frozenset({"last_login"}),  # logging in, not writing
}

# The other parts of a URL, where the default (`tests.engagement_urls.SAMPLES`) would miss
# what makes the write real: an unshared result to share, the sponsor's own result to
# value, a goal to edit or amend. The ids of the amendment and the party change are
# looked up in the test.
PATH_VALUES: dict[str, dict[str, object]] = {
    "contracting:goal_edit": {"key": "G1"},
    "contracting:amendment_new": {"key": "G2"},
    "closing:result_value": {"key": "R3"},
    "results:consent": {"key": "R2"},
    "results:restore": {"key": "R4"},
}

GOAL = {"text": "Elke week een avond zonder werk, vanaf maart", "weight": "1"}
RESULT = {
    "text": "Nog een resultaat na de afsluiting",
    "expected": "auto",
    "meaning": "effect",
    "beneficiary": "client",
    "evidence": "explicable",
    "desirability": "desired",
    "source": "other",
}
END_REPORT = {
    "goal-G1-text": "Ik werk nu hooguit 45 uur.",
    "goal-G2-text": "Ik vraag eerst wat mijn team denkt.",
    "other-text": "Ik onderhandel beter.",
    "summary": "Alsnog een verslag.",
}

# Plausible form data, so that a page that validates before it asks the policy gets past
# its form; a page that refuses first ignores it. A page not named here gets none.
FORMS: dict[str, dict[str, Any]] = {
    "engagements:intake": {"held_on": "2026-01-12", "question": "Waarom?", "notes": "Past."},
    "contracting:expectations": {"meanings": ["product"], "text": "Iets anders"},
    "contracting:goal_new": GOAL,
    "contracting:goal_edit": GOAL,
    "contracting:smart_check": GOAL,
    "contracting:amendment_new": {**GOAL, "reason": "Scherper"},
    "contracting:contract": {
        "sessions_planned": "20",
        "costs_amount": "9000",
        "currency": "EUR",
        "sponsor_may_see": ["goals", "sessions_held", "attainment"],
        "rho": "0.3",
    },
    "contracting:invite": {
        "party": "sponsor",
        "sponsor-name": "Erik Evers",
        "sponsor-email": "erik@example.com",
    },
    "contracting:party_change_answer": {"answer": "agree"},
    # Past the confirmation step: the policy refuses before the version is compared.
    "contracting:contract_accept": {"confirm": "yes", "version": "0123456789abcdef"},
    "contracting:amendment_accept": {"confirm": "yes", "version": "0123456789abcdef"},
    "contracting:session_new": {"number": "2", "held_on": "2026-02-03", "topics": "grenzen"},
    "contracting:session_edit": {"number": "1", "held_on": "2026-02-03", "topics": "grenzen"},
    "contracting:reflection": {"text": "Terugblik", "shared_with_coach": "on"},
    "results:end_report": END_REPORT,
    "results:end_report_autosave": END_REPORT,
    "results:end_report_submit": {**END_REPORT, "report": "1", "confirm": "yes"},
    "results:result_new": RESULT,
    "results:result_edit": RESULT,
    "results:judgement": {"desirability": "undesired", "share": "50", "confidence": "50"},
    "results:consent": {"shared": "1"},
    "results:withdraw": {"confirmed": "yes"},
    "closing:conversation_plan": {"held_on": "2026-12-15"},
    "closing:conversation_record": {
        "held_on": "2026-01-20",
        "present": ["client", "coach", "sponsor"],
        "conclusions": "Alsnog gehouden.",
    },
    "closing:conversation_decline": {"outcome": "not_held", "reason": "Geen tijd gevonden."},
    "closing:engagement_close": {"confirmed": "yes"},
    "closing:attainment": {"level_G1": "2", "level_G2": "1"},
    "closing:result_value": {"amount": "1", "unit": "EUR"},
    "research:consent": {"agree": "on"},
    "research:practice_propose": {
        "title": "Onderhandelen als sleutel",
        "summary": "Door te oefenen met onderhandelen vond de cliënt haar grenzen terug.",
        "result_keys": ["R1", "R3"],
        "other_topics": "onderhandelen",
    },
}


@pytest.fixture
def closed(trio: Trio) -> Trio:
    """The trio's engagement, closed by the coach after the declined conversation.

    Before closing: the client has not accepted the contract yet (so accepting is a real
    write), the coach has proposed an amendment to G1 that the others have not accepted
    yet, and has proposed dave to replace charlie as the sponsor, which waits for the
    client (so agreeing and withdrawing are real writes). The client has withdrawn a
    result of hers, R4 (so taking that back is a real write).
    """
    r4 = f.ResultFactory(engagement=trio.engagement, key="R4", position=4)
    result_withdraw(result=r4, actor=Party.CLIENT, person=trio.alice)
    party_change_propose(
        engagement=trio.engagement,
        actor=Party.COACH,
        proposed_by=trio.bob,
        party=Party.SPONSOR,
        name=trio.dave.name,
        email=trio.dave.email,
        sponsor_may_see=["goals", "sessions_held"],
        costs_amount=None,
        currency="EUR",
        reason="De opdrachtgever is van afdeling gewisseld.",
        base_url="http://testserver/",
    )
    amendment_propose(
        goal=Goal.objects.get(engagement=trio.engagement, key="G1"),
        actor=Party.COACH,
        person=trio.bob,
        reason="Scherper",
        text="Werk en privé in balans: hooguit 45 uur per week",
    )
    ContractAcceptance.objects.filter(contract__engagement=trio.engagement, party="client").delete()
    engagement_close(engagement=trio.engagement, actor=Party.COACH, person=trio.bob)
    return trio


def project_models() -> list[type[Model]]:
    """Every model of the project's own apps, with the tables of many-to-many links."""
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_config.name.startswith("oogst.")
    ]


def rows() -> dict[str, dict[object, dict[str, object]]]:
    """Every row of every project model, by model and primary key."""
    everything = {}
    for model in project_models():
        label = model._meta.label
        fields = [
            f.attname
            for f in model._meta.concrete_fields
            if f.attname not in NOT_WRITES.get(label, ())
        ]
        pk = model._meta.pk.attname  # type: ignore[union-attr]
        everything[label] = {row[pk]: row for row in model._default_manager.values(*fields)}
    return everything


def written(before: dict[str, dict[object, dict[str, object]]]) -> dict[str, str]:
    """What changed since `before`, per model: rows added, deleted, or changed (which fields)."""
    changes = {}
    for label, after in rows().items():
        old = before[label]
        added, deleted = after.keys() - old.keys(), old.keys() - after.keys()
        changed = {
            pk: sorted(f for f in row if row[f] != old[pk][f])
            for pk, row in after.items()
            if pk in old and row != old[pk]
        }
        if added or deleted or changed:
            changes[label] = f"added {sorted(added)}, deleted {sorted(deleted)}, changed {changed}"
    return changes


def url_for(name: str, trio: Trio) -> str:
    values = {
        "amendment_id": Amendment.objects.get(goal__engagement=trio.engagement).pk,
        "change_id": PartyChange.objects.get(engagement=trio.engagement).pk,
        **PATH_VALUES.get(name, {}),
    }
    return engagement_url(name, trio.engagement.pk, **values)


CASES = [
    pytest.param(name, who, id=f"{name}-{who}")
    for name in engagement_url_names()
    for who in PARTIES
]


@pytest.mark.parametrize(("name", "who"), CASES)
def test_a_closed_engagement_refuses_every_write(
    client: Client, closed: Trio, name: str, who: str
) -> None:
    url = url_for(name, closed)
    logged_in(client, getattr(closed, who))
    mail.outbox.clear()
    before = rows()

    response = client.post(url, FORMS.get(name, {}))

    changes = written(before)
    case = f"POST {url} ({name}) as {who}"
    if name in STILL_OPEN:
        unexpected = {label: c for label, c in changes.items() if label not in STILL_OPEN[name]}
        assert not unexpected, f"{case} wrote beyond what stays open: {unexpected}"
        return
    assert not changes, f"{case} wrote after closing: {changes}"
    assert not mail.outbox, f"{case} sent mail after closing: {mail.outbox[0].subject}"
    assert response.status_code in REFUSED, (
        f"{case} answered {response.status_code}; a closed engagement refuses with 403 "
        "(404/405 where the party may not see the page or it takes no POST). A 400 means "
        "the page validated its form before asking the policy, or FORMS lacks its data."
    )


def test_the_audit_walks_the_write_pages() -> None:
    """The walk finds the pages (an empty walk would pass every case), misses none of an
    engagement, and every page named in this file still exists, so no allowance outlives
    its page."""
    names = set(engagement_url_names())
    assert not unwalkable_engagement_patterns()
    assert {"contracting:contract_accept", "results:result_new", "closing:attainment"} <= names
    assert {*STILL_OPEN, *PATH_VALUES, *FORMS} <= names


# ---------------------------------------------------------------- reading stays possible

READABLE = (
    "closing:conversation",
    "closing:engagement",
    "results:result",
    "contracting:goals",
    "contracting:contract",
    "contracting:sessions",
    "results:end_report",
)


@pytest.mark.parametrize("name", READABLE)
def test_a_closed_engagement_can_still_be_read(client: Client, closed: Trio, name: str) -> None:
    response = logged_in(client, closed.alice).get(url_for(name, closed))
    assert response.status_code == 200
