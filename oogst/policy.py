"""Who may see and write what: the confidentiality table of DOMAIN.md, in one place.

Pure: decided from plain facts (the viewer's party, the kind of content, whose it is,
the client's consent, what the contract lets the sponsor see). No model is imported;
selectors, views, the API, exports and PDFs gather the facts and ask `may_read` or
`may_write`. The operator (staff, the command line) is `viewer=None` and reads everything.

Read the two tables below as the table in DOMAIN.md, row by row. Below them, the rules
about who binds whom: when a contract is in force, whose acceptance an amendment needs,
who lets a party join late, and who decides what the sponsor reads.

A person proposed as a party after the contract came into force is no party at all until
the client agreed and the person accepted the contract as amended: every selector finds
no participation for them, so every page, fragment, PDF and export answers them as it
answers an outsider. `newcomer_may_join` says when they may take that last step.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from enum import StrEnum


class Party(StrEnum):
    CLIENT = "client"
    COACH = "coach"
    SPONSOR = "sponsor"


class Content(StrEnum):
    INTAKE = "intake"  # the date and the client's question
    INTAKE_NOTES = "intake_notes"
    COACH_SESSION_NOTES = "coach_session_notes"
    CLIENT_REFLECTION = "client_reflection"
    SESSION_TOPICS = "session_topics"
    SESSIONS_HELD = "sessions_held"  # how many sessions were held, and when
    CONTRACT = "contract"  # terms, costs, acceptances
    GOALS = "goals"  # the goals, and which results achieve them
    EXPECTATION = "expectation"
    RESULT = "result"  # a result with every judgement on it
    JUDGEMENT = "judgement"  # one party's desirability and attribution of a result
    RESULT_VALUE = "result_value"  # the value (amount, unit) of an observable result
    END_REPORT = "end_report"
    ATTAINMENT = "attainment"  # one rater's attainment ratings
    ACCEPTANCE = "acceptance"  # one party's acceptance of the contract or an amendment
    CLOSING = "closing"  # the closing conversation: agenda, minutes, conclusions
    MEASURES = "measures"  # attribution and ROI, computed over what the viewer may read
    PARTY_CHANGE = "party_change"  # a party added or replaced once the contract is in force


class SponsorView(StrEnum):
    """What a contract may let the sponsor see beyond the results the client shares."""

    GOALS = "goals"
    SESSIONS_HELD = "sessions_held"
    ATTAINMENT = "attainment"


DEFAULT_SPONSOR_VIEW: frozenset[str] = frozenset({SponsorView.GOALS, SponsorView.SESSIONS_HELD})


def effective_sponsor_view(may_see: Iterable[str], *, client_accepted: bool) -> frozenset[str]:
    """What the contract lets the sponsor see now.

    A narrowing takes effect at once; a widening beyond the default only once the client
    has accepted the contract, so nobody can open the client's data without her.
    """
    asked = frozenset(may_see)
    return asked if client_accepted else asked & DEFAULT_SPONSOR_VIEW


def acceptance_opens_widening(party: str) -> bool:
    """Whose acceptance puts a widening of the sponsor's view into effect: the client's
    (`effective_sponsor_view`)."""
    return party == Party.CLIENT


@dataclass(frozen=True)
class Facts:
    """Everything the policy needs to know about one piece of content and one viewer."""

    viewer: Party | None  # None: the operator
    author: Party | None = None  # whose statement, judgement, rating or note it is
    shared_with_sponsor: bool = False  # the client's consent, per result
    shared_with_coach: bool = False  # the client's choice, per session reflection
    submitted: bool = True  # an end report is read by others only once submitted
    sponsor_view: frozenset[str] = DEFAULT_SPONSOR_VIEW  # effective, see above
    closed: bool = False  # a closed engagement is read-only for every party
    # Whether the engagement has a sponsor: without one there is nobody to share with.
    has_sponsor: bool = False
    # Attainment ratings are rated blind (see `unblinded`): whether the viewer has rated
    # every goal itself (False while there are no goals), and whether the closing
    # conversation's outcome is recorded (held, declined or not held).
    rated_all: bool = False
    ratings_open: bool = False


Rule = Callable[[Facts], bool]


def always(_facts: Facts) -> bool:
    return True


def never(_facts: Facts) -> bool:
    return False


def own(facts: Facts) -> bool:
    return facts.author is not None and facts.author == facts.viewer


def shared_with_sponsor(facts: Facts) -> bool:
    return facts.shared_with_sponsor


def shared_with_coach(facts: Facts) -> bool:
    return facts.shared_with_coach


def submitted(facts: Facts) -> bool:
    return facts.submitted


def unblinded(facts: Facts) -> bool:
    """Another party's attainment ratings, and what is computed from them, show once the
    viewer has rated every goal itself, or once the closing conversation's outcome is
    recorded or the engagement closed: nobody copies a rating they have not given yet."""
    return facts.rated_all or facts.ratings_open or facts.closed


def contract_allows(view: SponsorView) -> Rule:
    def rule(facts: Facts) -> bool:
        return view in facts.sponsor_view

    rule.__name__ = f"contract_allows_{view}"
    return rule


def any_of(*rules: Rule) -> Rule:
    def rule(facts: Facts) -> bool:
        return any(r(facts) for r in rules)

    rule.__name__ = "_or_".join(r.__name__ for r in rules)
    return rule


def all_of(*rules: Rule) -> Rule:
    def rule(facts: Facts) -> bool:
        return all(r(facts) for r in rules)

    rule.__name__ = "_and_".join(r.__name__ for r in rules)
    return rule


C, K, S = Party.CLIENT, Party.COACH, Party.SPONSOR

READ: dict[Content, dict[Party, Rule]] = {
    Content.INTAKE: {C: always, K: always, S: never},
    Content.INTAKE_NOTES: {C: never, K: always, S: never},
    Content.COACH_SESSION_NOTES: {C: never, K: always, S: never},
    Content.CLIENT_REFLECTION: {C: always, K: shared_with_coach, S: never},
    Content.SESSION_TOPICS: {C: always, K: always, S: never},
    Content.SESSIONS_HELD: {C: always, K: always, S: contract_allows(SponsorView.SESSIONS_HELD)},
    Content.CONTRACT: {C: always, K: always, S: always},
    Content.GOALS: {C: always, K: always, S: contract_allows(SponsorView.GOALS)},
    Content.EXPECTATION: {C: always, K: always, S: always},
    Content.RESULT: {C: always, K: always, S: any_of(shared_with_sponsor, own)},
    # A judgement is read with its result; whoever may read the result reads them all.
    Content.JUDGEMENT: {C: always, K: always, S: any_of(shared_with_sponsor, own)},
    Content.RESULT_VALUE: {C: always, K: always, S: any_of(shared_with_sponsor, own)},
    Content.END_REPORT: {C: any_of(own, submitted), K: any_of(own, submitted), S: own},
    # Rated blind: the others' ratings only once `unblinded`.
    Content.ATTAINMENT: {
        C: any_of(own, unblinded),
        K: any_of(own, unblinded),
        S: any_of(own, all_of(contract_allows(SponsorView.ATTAINMENT), unblinded)),
    },
    Content.ACCEPTANCE: {C: always, K: always, S: always},
    Content.CLOSING: {C: always, K: always, S: always},
    Content.MEASURES: {C: always, K: always, S: always},
    # The history of the parties belongs to the contract, which every party reads.
    Content.PARTY_CHANGE: {C: always, K: always, S: always},
}

WRITE: dict[Content, dict[Party, Rule]] = {
    Content.INTAKE: {C: never, K: always, S: never},
    Content.INTAKE_NOTES: {C: never, K: always, S: never},
    Content.COACH_SESSION_NOTES: {C: never, K: always, S: never},
    Content.CLIENT_REFLECTION: {C: always, K: never, S: never},
    Content.SESSION_TOPICS: {C: never, K: always, S: never},
    Content.SESSIONS_HELD: {C: never, K: always, S: never},
    # The coach proposes the contract; every party accepts it in its own login.
    Content.CONTRACT: {C: never, K: always, S: never},
    Content.GOALS: {C: never, K: always, S: never},
    Content.EXPECTATION: {C: own, K: own, S: own},
    Content.RESULT: {C: own, K: own, S: own},
    Content.JUDGEMENT: {C: own, K: own, S: own},
    # Money is for the parties who can put a figure on it: the sponsor (on what it may
    # read) and the coach; the client on the results she reported herself.
    Content.RESULT_VALUE: {C: own, K: always, S: any_of(shared_with_sponsor, own)},
    Content.END_REPORT: {C: own, K: own, S: own},
    Content.ATTAINMENT: {C: own, K: own, S: own},
    Content.ACCEPTANCE: {C: own, K: own, S: own},
    Content.CLOSING: {C: never, K: always, S: never},
    Content.MEASURES: {C: never, K: never, S: never},
    # The coach proposes a new party; only the client lets it in (`may_admit_party`).
    Content.PARTY_CHANGE: {C: never, K: always, S: never},
}


def may_read(content: Content, facts: Facts) -> bool:
    if facts.viewer is None:
        return True
    return READ[content][facts.viewer](facts)


def may_write(content: Content, facts: Facts) -> bool:
    if facts.viewer is None:
        return True
    if facts.closed:
        return False
    return WRITE[content][facts.viewer](facts)


def consent_applies(reported_by: str) -> bool:
    """The sponsor reads the results it reported itself: there is nothing to consent to."""
    return reported_by != Party.SPONSOR


def may_share_result(facts: Facts) -> bool:
    """Only the client decides whether the sponsor may read a result (or the operator);
    once the engagement is closed, that decision is final too. Consent needs someone to
    consent to: while the engagement has no sponsor, nothing can be shared; and nobody
    consents on a result the sponsor reported (`facts.author`, when given)."""
    if facts.author is not None and not consent_applies(facts.author):
        return False
    if facts.viewer is None:
        return True
    return facts.viewer == Party.CLIENT and facts.has_sponsor and not facts.closed


def may_withdraw_result(facts: Facts) -> bool:
    """Only the party that reported a result (`facts.author`) withdraws it, or takes the
    withdrawal back, and only while the engagement is open: the record at closing stays
    as it was. Nobody withdraws on another's behalf, the operator neither."""
    return facts.viewer is not None and own(facts) and not facts.closed


def contract_in_force(*, present: Iterable[str], accepted: Iterable[str]) -> bool:
    """A contract is in force once the client and the coach have accepted it, and the
    sponsor if there is one: nobody binds the client, or opens her data, without her."""
    present_set, accepted_set = set(present), set(accepted)
    required = {Party.CLIENT, Party.COACH} | (present_set & {Party.SPONSOR})
    return required <= present_set & accepted_set


def amendment_acceptors(*, present: Iterable[str], sponsor_view: frozenset[str]) -> list[Party]:
    """Whose acceptance puts an amendment to a goal in force: every party present that may
    read the goals. The sponsor is never asked to accept what it may not read."""
    present_set = set(present)
    return [
        p
        for p in Party
        if p in present_set and may_read(Content.GOALS, Facts(viewer=p, sponsor_view=sponsor_view))
    ]


def may_admit_party(facts: Facts) -> bool:
    """Once the contract is in force, a party joins or is replaced only with the client's
    agreement (or the operator's): nobody opens her data without her."""
    if facts.viewer is None:
        return True
    return facts.viewer == Party.CLIENT and not facts.closed


# What another party's open action (`measures.stages`) concerns: a viewer sees that it is
# open only where it may read what it concerns (no "log sessions" for a sponsor the
# contract keeps from the sessions, no "decide sharing" for the sponsor at all).
ACTION_CONCERNS: dict[str, Content] = {
    "accept_invitation": Content.CONTRACT,
    "record_intake": Content.INTAKE,
    "state_expectations": Content.EXPECTATION,
    "write_goals": Content.GOALS,
    "accept_contract": Content.ACCEPTANCE,
    "accept_amendment": Content.GOALS,
    "log_sessions": Content.SESSIONS_HELD,
    "write_end_report": Content.END_REPORT,
    "decide_sharing": Content.RESULT,
    "rate_attainment": Content.ATTAINMENT,
    "record_closing": Content.CLOSING,
    "close": Content.CLOSING,
}


def may_see_action(facts: Facts, *, action: str, party: str) -> bool:
    """Whether `facts.viewer` may see that `party` has `action` open: its own always;
    another's where it may read what the action concerns once it is there (an unknown
    action: never). That the others have not rated yet shows through the blind ratings:
    it tells nothing of their levels."""
    if facts.viewer is None or party == facts.viewer:
        return True
    content = ACTION_CONCERNS.get(action)
    if content is None:
        return False
    about = replace(
        facts, author=Party(party), submitted=True, shared_with_sponsor=False, ratings_open=True
    )
    return may_read(content, about)


def newcomer_may_join(*, client_agreed: bool, closed: bool) -> bool:
    """A person proposed as a party late accepts the contract as amended, and so becomes a
    party, only after the client agreed, and never in a closed engagement."""
    return client_agreed and not closed


# ---------------------------------------------------------------- practice research
# Practice research reads across engagements. Who may use it goes by a person's standing
# outside any one engagement (`Standing`); whether an engagement may be used at all goes
# by its parties' consent (`RESEARCH_CONSENT`). The research selectors build their ORM
# filter, their SQL and their checks in Python from these answers.


@dataclass(frozen=True)
class Standing:
    """What practice research asks about a person: roles outside any one engagement."""

    researcher: bool = False  # the research role, which staff grant
    staff: bool = False  # the operator
    coach: bool = False  # the coach of at least one engagement


def may_use_research(standing: Standing) -> bool:
    """The research figures and the anonymised dataset: researchers and staff. Being a
    party in some engagements gives no right to figures about everyone else's."""
    return standing.researcher or standing.staff


def may_browse_practices(standing: Standing) -> bool:
    """The approved good practices: whoever may use research, and every coach, for whom
    they are written."""
    return may_use_research(standing) or standing.coach


def may_review_practices(standing: Standing) -> bool:
    """Only staff approve or reject a proposed good practice: approving publishes it."""
    return standing.staff


def may_start_engagement(*, coach_role: bool) -> bool:
    """Only people with the coach role start engagements (and become their coach); an
    operator gives the role by inviting a coach."""
    return coach_role


def may_invite_coaches(*, staff: bool) -> bool:
    """The operator gives the coach role, by inviting a coach from Oogst's staff page."""
    return staff


def may_propose_practice(party: Party | None) -> bool:
    """Only the engagement's coach proposes it as a good practice."""
    return party == Party.COACH


class ConsentNeeded(StrEnum):
    """When a party's consent is needed before its engagement is used in research."""

    ALWAYS = "always"
    IF_PRESENT = "if_present"  # only where the engagement has that party
    NEVER = "never"  # the party is not asked, and gives no consent


RESEARCH_CONSENT: dict[Party, ConsentNeeded] = {
    # An engagement always has a client; nothing of her coaching is used without her.
    Party.CLIENT: ConsentNeeded.ALWAYS,
    Party.COACH: ConsentNeeded.NEVER,
    # The organisation's side is in it too; without a sponsor there is nobody to ask.
    Party.SPONSOR: ConsentNeeded.IF_PRESENT,
}


def research_consenters() -> list[Party]:
    """The parties that give (and withdraw) research consent, each only for itself."""
    return [p for p, need in RESEARCH_CONSENT.items() if need != ConsentNeeded.NEVER]


def may_consent_to_research(party: str | None) -> bool:
    """Whether `party` gives or withdraws research consent itself."""
    return party is not None and party in research_consenters()


def research_consent_needed(*, present: Iterable[str]) -> list[Party]:
    """Whose consent an engagement with the parties `present` needs to be used in research."""
    present_set = set(present)
    return [
        p
        for p, need in RESEARCH_CONSENT.items()
        if need == ConsentNeeded.ALWAYS or (need == ConsentNeeded.IF_PRESENT and p in present_set)
    ]


def research_consent_missing(*, present: Iterable[str], consented: Iterable[str]) -> list[Party]:
    """The needed consents not given, or withdrawn (`consented`: the standing consents).
    An engagement is used in research exactly when none is missing."""
    given = set(consented)
    return [p for p in research_consent_needed(present=present) if p not in given]
