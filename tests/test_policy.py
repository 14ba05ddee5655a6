"""Each cell of DOMAIN.md's confidentiality table, stated here again independently of the
policy's own table, so that a changed rule fails a test."""

import pytest

from oogst import policy
from oogst.policy import DEFAULT_SPONSOR_VIEW, Content, Facts, Party

C, K, S = Party.CLIENT, Party.COACH, Party.SPONSOR
WIDE = frozenset({"goals", "attainment"})  # a contract that shows the sponsor attainment

# (content, viewer, extra facts, may read?) — the rows of DOMAIN.md, in its order.
READ_CASES = [
    (Content.INTAKE_NOTES, C, {}, False),
    (Content.INTAKE_NOTES, K, {}, True),
    (Content.INTAKE_NOTES, S, {}, False),
    (Content.INTAKE, C, {}, True),
    (Content.INTAKE, K, {}, True),
    (Content.INTAKE, S, {}, False),
    (Content.COACH_SESSION_NOTES, C, {}, False),
    (Content.COACH_SESSION_NOTES, K, {}, True),
    (Content.COACH_SESSION_NOTES, S, {}, False),
    (Content.CLIENT_REFLECTION, C, {}, True),
    (Content.CLIENT_REFLECTION, K, {"shared_with_coach": False}, False),
    (Content.CLIENT_REFLECTION, K, {"shared_with_coach": True}, True),
    (Content.CLIENT_REFLECTION, S, {"shared_with_coach": True}, False),
    (Content.SESSION_TOPICS, C, {}, True),
    (Content.SESSION_TOPICS, K, {}, True),
    (Content.SESSION_TOPICS, S, {}, False),
    (Content.SESSIONS_HELD, C, {}, True),
    (Content.SESSIONS_HELD, K, {}, True),
    (Content.SESSIONS_HELD, S, {}, True),  # the default contract allows it
    (Content.SESSIONS_HELD, S, {"sponsor_view": frozenset()}, False),
    (Content.CONTRACT, C, {}, True),
    (Content.CONTRACT, K, {}, True),
    (Content.CONTRACT, S, {}, True),
    (Content.GOALS, C, {}, True),
    (Content.GOALS, K, {}, True),
    (Content.GOALS, S, {}, True),  # the default contract allows it
    (Content.GOALS, S, {"sponsor_view": frozenset({"sessions_held"})}, False),
    (Content.EXPECTATION, C, {"author": S}, True),
    (Content.EXPECTATION, K, {"author": C}, True),
    (Content.EXPECTATION, S, {"author": C}, True),
    (Content.RESULT, C, {"author": K}, True),
    (Content.RESULT, K, {"author": C}, True),
    (Content.RESULT, S, {"author": C}, False),
    (Content.RESULT, S, {"author": K}, False),
    (Content.RESULT, S, {"author": C, "shared_with_sponsor": True}, True),
    (Content.RESULT, S, {"author": S}, True),
    (Content.JUDGEMENT, S, {"author": C}, False),
    (Content.JUDGEMENT, S, {"author": C, "shared_with_sponsor": True}, True),
    (Content.RESULT_VALUE, S, {"author": C}, False),
    (Content.RESULT_VALUE, S, {"author": C, "shared_with_sponsor": True}, True),
    (Content.END_REPORT, C, {"author": K, "submitted": True}, True),
    (Content.END_REPORT, C, {"author": K, "submitted": False}, False),
    (Content.END_REPORT, K, {"author": C, "submitted": False}, False),
    (Content.END_REPORT, K, {"author": K, "submitted": False}, True),
    (Content.END_REPORT, S, {"author": C, "submitted": True}, False),
    (Content.END_REPORT, S, {"author": S, "submitted": False}, True),
    # Attainment is rated blind: the others' ratings once the viewer rated every goal
    # itself, or once the closing outcome is recorded or the engagement closed.
    (Content.ATTAINMENT, C, {"author": C}, True),
    (Content.ATTAINMENT, C, {"author": K}, False),
    (Content.ATTAINMENT, C, {"author": S}, False),
    (Content.ATTAINMENT, C, {"author": K, "rated_all": True}, True),
    (Content.ATTAINMENT, C, {"author": K, "ratings_open": True}, True),
    (Content.ATTAINMENT, C, {"author": S, "closed": True}, True),
    (Content.ATTAINMENT, K, {"author": K}, True),
    (Content.ATTAINMENT, K, {"author": C}, False),
    (Content.ATTAINMENT, K, {"author": C, "rated_all": True}, True),
    (Content.ATTAINMENT, K, {"author": S, "ratings_open": True}, True),
    (Content.ATTAINMENT, K, {"author": C, "closed": True}, True),
    (Content.ATTAINMENT, S, {"author": S}, True),
    (Content.ATTAINMENT, S, {"author": C}, False),  # the default contract says no...
    (Content.ATTAINMENT, S, {"author": C, "rated_all": True}, False),  # ...whatever it rated
    (Content.ATTAINMENT, S, {"author": K, "ratings_open": True}, False),
    (Content.ATTAINMENT, S, {"author": C, "sponsor_view": WIDE}, False),  # blind
    (Content.ATTAINMENT, S, {"author": C, "sponsor_view": WIDE, "rated_all": True}, True),
    (Content.ATTAINMENT, S, {"author": K, "sponsor_view": WIDE, "ratings_open": True}, True),
    (Content.ATTAINMENT, S, {"author": C, "sponsor_view": WIDE, "closed": True}, True),
    (Content.CLOSING, C, {}, True),
    (Content.CLOSING, K, {}, True),
    (Content.CLOSING, S, {}, True),
    (Content.MEASURES, S, {}, True),
    (Content.PARTY_CHANGE, C, {}, True),
    (Content.PARTY_CHANGE, K, {}, True),
    (Content.PARTY_CHANGE, S, {}, True),
]


@pytest.mark.parametrize(("content", "viewer", "extra", "expected"), READ_CASES)
def test_read_rule_matches_the_confidentiality_table(content, viewer, extra, expected):
    facts = Facts(viewer=viewer, **extra)
    assert policy.may_read(content, facts) is expected


WRITE_CASES = [
    (Content.INTAKE_NOTES, K, {}, True),
    (Content.INTAKE_NOTES, C, {}, False),
    (Content.COACH_SESSION_NOTES, C, {}, False),
    (Content.CLIENT_REFLECTION, C, {}, True),
    (Content.CLIENT_REFLECTION, K, {}, False),
    (Content.SESSION_TOPICS, K, {}, True),
    (Content.SESSION_TOPICS, C, {}, False),
    (Content.GOALS, K, {}, True),
    (Content.GOALS, S, {}, False),
    (Content.CONTRACT, K, {}, True),
    (Content.CONTRACT, S, {}, False),
    (Content.EXPECTATION, S, {"author": S}, True),
    (Content.EXPECTATION, S, {"author": C}, False),
    (Content.JUDGEMENT, C, {"author": C}, True),
    (Content.JUDGEMENT, K, {"author": C}, False),
    (Content.JUDGEMENT, S, {"author": K}, False),
    (Content.RESULT, C, {"author": K}, False),
    (Content.RESULT_VALUE, K, {"author": C}, True),
    (Content.RESULT_VALUE, C, {"author": K}, False),
    (Content.RESULT_VALUE, C, {"author": C}, True),
    (Content.RESULT_VALUE, S, {"author": C}, False),
    (Content.RESULT_VALUE, S, {"author": C, "shared_with_sponsor": True}, True),
    (Content.END_REPORT, S, {"author": S}, True),
    (Content.END_REPORT, C, {"author": K}, False),
    (Content.ATTAINMENT, S, {"author": S}, True),
    (Content.ATTAINMENT, C, {"author": K}, False),
    (Content.CLOSING, K, {}, True),
    (Content.CLOSING, S, {}, False),
    (Content.PARTY_CHANGE, K, {}, True),  # the coach proposes a party
    (Content.PARTY_CHANGE, C, {}, False),  # she agrees instead: `may_admit_party`
    (Content.PARTY_CHANGE, S, {}, False),
]


@pytest.mark.parametrize(("content", "viewer", "extra", "expected"), WRITE_CASES)
def test_write_rule_matches_the_confidentiality_table(content, viewer, extra, expected):
    facts = Facts(viewer=viewer, **extra)
    assert policy.may_write(content, facts) is expected


def test_every_content_kind_has_a_rule_for_every_party():
    for table in (policy.READ, policy.WRITE):
        assert set(table) == set(Content)
        for rules in table.values():
            assert set(rules) == set(Party)


def test_operator_reads_everything():
    for content in Content:
        assert policy.may_read(content, Facts(viewer=None, sponsor_view=frozenset()))


def test_only_the_client_decides_what_the_sponsor_sees():
    assert policy.may_share_result(Facts(viewer=C, has_sponsor=True))
    assert not policy.may_share_result(Facts(viewer=K, has_sponsor=True))
    assert not policy.may_share_result(Facts(viewer=S, has_sponsor=True))
    assert not policy.may_share_result(Facts(viewer=C, has_sponsor=True, closed=True))
    assert policy.may_share_result(Facts(viewer=None))


@pytest.mark.parametrize(("reported_by", "applies"), [(C, True), (K, True), (S, False)])
def test_nobody_consents_on_the_sponsors_own_result(reported_by, applies):
    assert policy.consent_applies(reported_by) is applies
    for viewer in (C, None):  # not even the client, nor the operator
        facts = Facts(viewer=viewer, has_sponsor=True, author=reported_by)
        assert policy.may_share_result(facts) is applies


def test_consent_needs_a_sponsor_to_consent_to():
    assert not policy.may_share_result(Facts(viewer=C, has_sponsor=False))
    assert not policy.may_share_result(Facts(viewer=C))  # unknown counts as no sponsor


# (parties present, parties that accepted, in force?) — DOMAIN.md: a contract is in force
# only once the client accepted it, and the coach, and the sponsor if there is one.
IN_FORCE_CASES = [
    ({C, K, S}, {C, K, S}, True),
    ({C, K}, {C, K}, True),  # a private engagement: no sponsor to accept
    ({C, K, S}, {K, S}, False),
    ({C, K, S}, {C, K}, False),
    ({C, K}, {K}, False),
    ({K}, {K}, False),  # the coach alone binds nobody: there is no client yet
    ({K, S}, {K, S}, False),
    (set(), set(), False),
    ({C, K}, {C, K, S}, True),  # an acceptance of a party no longer there changes nothing
]


@pytest.mark.parametrize(("present", "accepted", "expected"), IN_FORCE_CASES)
def test_a_contract_is_in_force_only_with_the_client(present, accepted, expected):
    assert policy.contract_in_force(present=present, accepted=accepted) is expected


def test_a_goal_amendment_asks_only_who_may_read_the_goals():
    everyone = [C, K, S]
    assert policy.amendment_acceptors(present=everyone, sponsor_view=DEFAULT_SPONSOR_VIEW) == [
        C,
        K,
        S,
    ]
    no_goals = frozenset({"sessions_held"})
    assert policy.amendment_acceptors(present=everyone, sponsor_view=no_goals) == [C, K]
    assert policy.amendment_acceptors(present=[C, K], sponsor_view=DEFAULT_SPONSOR_VIEW) == [C, K]


def test_only_the_client_lets_a_party_join_late():
    assert policy.may_admit_party(Facts(viewer=C))
    assert not policy.may_admit_party(Facts(viewer=K))
    assert not policy.may_admit_party(Facts(viewer=S))
    assert not policy.may_admit_party(Facts(viewer=C, closed=True))
    assert policy.may_admit_party(Facts(viewer=None))


def test_a_newcomer_joins_only_after_the_client_agreed():
    assert policy.newcomer_may_join(client_agreed=True, closed=False)
    assert not policy.newcomer_may_join(client_agreed=False, closed=False)
    assert not policy.newcomer_may_join(client_agreed=True, closed=True)


def test_each_party_accepts_only_for_itself():
    assert policy.may_write(Content.ACCEPTANCE, Facts(viewer=S, author=S))
    assert not policy.may_write(Content.ACCEPTANCE, Facts(viewer=K, author=C))
    assert not policy.may_write(Content.ACCEPTANCE, Facts(viewer=C, author=C, closed=True))


def test_a_widening_waits_for_the_client():
    asked = ["goals", "sessions_held", "attainment"]
    assert policy.effective_sponsor_view(asked, client_accepted=False) == DEFAULT_SPONSOR_VIEW
    assert policy.effective_sponsor_view(asked, client_accepted=True) == frozenset(asked)


def test_a_narrowing_applies_at_once():
    assert policy.effective_sponsor_view(["sessions_held"], client_accepted=False) == frozenset(
        {"sessions_held"}
    )
    assert policy.effective_sponsor_view([], client_accepted=False) == frozenset()


def test_a_closed_engagement_is_read_only_for_every_party():
    for content in Content:
        for party in Party:
            facts = Facts(viewer=party, author=party, closed=True)
            assert not policy.may_write(content, facts)
    assert policy.may_read(Content.RESULT, Facts(viewer=C, closed=True))


# ---------------------------------------------------------------- practice research
# Who may use research, and whose consent an engagement needs: each cell stated here
# again, independently of the policy's `RESEARCH_CONSENT` and its functions.

# (rule, standing, allowed?)
RESEARCH_ACCESS_CASES = [
    ("may_use_research", {}, False),
    ("may_use_research", {"researcher": True}, True),
    ("may_use_research", {"staff": True}, True),
    ("may_use_research", {"coach": True}, False),
    ("may_browse_practices", {}, False),
    ("may_browse_practices", {"researcher": True}, True),
    ("may_browse_practices", {"staff": True}, True),
    ("may_browse_practices", {"coach": True}, True),
    ("may_review_practices", {}, False),
    ("may_review_practices", {"researcher": True}, False),
    ("may_review_practices", {"staff": True}, True),
    ("may_review_practices", {"coach": True}, False),
]


@pytest.mark.parametrize(("rule", "standing", "allowed"), RESEARCH_ACCESS_CASES)
def test_research_access_goes_by_standing(rule: str, standing: dict, allowed: bool) -> None:
    assert getattr(policy, rule)(policy.Standing(**standing)) is allowed


@pytest.mark.parametrize(("party", "allowed"), [(C, False), (K, True), (S, False), (None, False)])
def test_only_the_coach_proposes_a_good_practice(party: Party | None, allowed: bool) -> None:
    assert policy.may_propose_practice(party) is allowed


@pytest.mark.parametrize(
    ("party", "allowed"), [("client", True), ("coach", False), ("sponsor", True), (None, False)]
)
def test_the_client_and_the_sponsor_give_research_consent(party: str | None, allowed: bool) -> None:
    assert policy.may_consent_to_research(party) is allowed


def test_the_consenting_parties_are_the_client_and_the_sponsor() -> None:
    assert policy.research_consenters() == [C, S]


# (parties present, consent needed) — the client's always, the sponsor's only if present.
CONSENT_NEEDED_CASES = [
    ({C, K, S}, [C, S]),
    ({C, K}, [C]),
    ({C, S}, [C, S]),
    ({K, S}, [C, S]),
    (set(), [C]),
]


@pytest.mark.parametrize(("present", "needed"), CONSENT_NEEDED_CASES)
def test_research_needs_the_clients_consent_and_the_sponsors_if_any(
    present: set[str], needed: list[Party]
) -> None:
    assert policy.research_consent_needed(present=present) == needed


# (parties present, standing consents, missing) — included exactly when nothing is missing.
CONSENT_MISSING_CASES = [
    ({C, K, S}, {C, S}, []),
    ({C, K, S}, {C}, [S]),
    ({C, K, S}, {S}, [C]),
    ({C, K, S}, set(), [C, S]),
    ({C, K, S}, {C, K}, [S]),  # the coach's consent stands in for nobody
    ({C, K}, {C}, []),  # no sponsor: the client's consent is enough
    ({C, K}, set(), [C]),
    ({C, K}, {S}, [C]),
]


@pytest.mark.parametrize(("present", "consented", "missing"), CONSENT_MISSING_CASES)
def test_research_consent_missing(
    present: set[str], consented: set[str], missing: list[Party]
) -> None:
    assert policy.research_consent_missing(present=present, consented=consented) == missing


# (viewer, action, whose action, extra facts, may see it?) — an open action of another
# party shows only where the viewer may read what it concerns.
ACTION_CASES = [
    (S, "log_sessions", K, {}, True),  # the default contract shows sessions held
    (S, "log_sessions", K, {"sponsor_view": frozenset({"goals"})}, False),
    (S, "record_intake", K, {}, False),
    (S, "write_end_report", C, {}, False),  # the sponsor never reads the others' reports
    (S, "decide_sharing", C, {}, False),
    (S, "rate_attainment", C, {}, False),  # not by default
    (S, "rate_attainment", C, {"sponsor_view": frozenset({"attainment"})}, True),
    # That another has not rated yet shows while its ratings are blind: it tells no level.
    (C, "rate_attainment", K, {}, True),
    (K, "rate_attainment", S, {}, True),
    (S, "accept_contract", C, {}, True),
    (S, "accept_amendment", C, {"sponsor_view": frozenset()}, False),
    (C, "log_sessions", K, {}, True),
    (C, "write_end_report", K, {}, True),
    (K, "decide_sharing", C, {}, True),
    (K, "record_intake", K, {}, True),  # one's own action, always
    (S, "write_end_report", S, {}, True),
    (K, "an_action_not_known_yet", C, {}, False),
    (None, "decide_sharing", C, {}, True),  # the operator
]


@pytest.mark.parametrize(("viewer", "action", "party", "extra", "expected"), ACTION_CASES)
def test_another_partys_open_action_shows_where_its_subject_is_readable(
    viewer, action, party, extra, expected
):
    facts = Facts(viewer=viewer, **extra)
    assert policy.may_see_action(facts, action=action, party=party) is expected


@pytest.mark.parametrize(
    ("party", "opens"), [("client", True), ("coach", False), ("sponsor", False)]
)
def test_only_the_clients_acceptance_opens_a_widening(party: str, opens: bool) -> None:
    assert policy.acceptance_opens_widening(party) is opens
