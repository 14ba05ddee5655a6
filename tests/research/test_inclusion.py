"""Who is in research is decided three ways, for speed: an ORM filter (`consented_q`),
one grouped SQL pass (`consented_ids_sql`, behind `included_engagements`) and Python per
engagement (`consent_missing`). All three are built from the policy's answer, so they
agree with each other and with `policy.research_consent_missing`, and move with it."""

import datetime as dt
from itertools import combinations

import pytest

from oogst import policy
from oogst.engagements.models import Engagement
from oogst.policy import ConsentNeeded, Party
from oogst.research.models import ResearchConsent
from oogst.research.practice_selectors import consent_missing
from oogst.research.selectors import consented_q, included_engagements
from tests import factories as f

PRESENCES = [("client", "coach", "sponsor"), ("client", "coach"), ("coach", "sponsor")]
CONSENTERS = ("client", "coach", "sponsor")


def _engagement(present: tuple[str, ...], consented: tuple[str, ...], withdrawn: str = "") -> int:
    engagement = f.EngagementFactory()
    for party in present:
        f.ParticipationFactory(engagement=engagement, party=party)
    for party in (*consented, *([withdrawn] if withdrawn else [])):
        ResearchConsent.objects.create(
            engagement=engagement,
            party=party,
            given_on=dt.date(2026, 10, 1),
            withdrawn_on=dt.date(2026, 11, 1) if party == withdrawn else None,
        )
    return engagement.pk


@pytest.fixture
def every_case(db: None) -> dict[int, tuple[tuple[str, ...], tuple[str, ...]]]:
    """Per engagement id, its parties and standing consents: every combination."""
    cases = {}
    for present in PRESENCES:
        for n in range(len(CONSENTERS) + 1):
            for consented in combinations(CONSENTERS, n):
                cases[_engagement(present, consented)] = (present, consented)
    # A withdrawn consent counts as none.
    cases[_engagement(PRESENCES[0], ("client",), withdrawn="sponsor")] = (
        PRESENCES[0],
        ("client",),
    )
    return cases


def _three_ways(ids: list[int]) -> tuple[set[int], set[int], set[int]]:
    orm = set(Engagement.objects.filter(consented_q()).values_list("pk", flat=True))
    sql = set(included_engagements().values_list("pk", flat=True))
    python = {e for e in ids if not consent_missing(engagement_id=e)}
    return orm, sql, python


def _per_policy(cases: dict[int, tuple[tuple[str, ...], tuple[str, ...]]]) -> set[int]:
    return {
        e
        for e, (present, consented) in cases.items()
        if not policy.research_consent_missing(present=present, consented=consented)
    }


def test_the_orm_the_sql_and_python_include_what_the_policy_includes(
    every_case: dict[int, tuple[tuple[str, ...], tuple[str, ...]]],
) -> None:
    orm, sql, python = _three_ways(list(every_case))
    expected = _per_policy(every_case)
    assert orm == sql == python == expected
    # Today's rule, spelled out: the client's consent, and the sponsor's where there is one.
    assert expected == {
        e
        for e, (present, consented) in every_case.items()
        if "client" in consented and ("sponsor" in consented or "sponsor" not in present)
    }
    assert len(expected) == 2 + 4 + 2  # per presence in PRESENCES, in order


@pytest.mark.parametrize(
    "change",
    [
        {Party.SPONSOR: ConsentNeeded.NEVER},
        {Party.SPONSOR: ConsentNeeded.ALWAYS},
        {Party.COACH: ConsentNeeded.ALWAYS},
        {Party.CLIENT: ConsentNeeded.IF_PRESENT},
    ],
)
def test_all_three_follow_a_changed_policy(
    every_case: dict[int, tuple[tuple[str, ...], tuple[str, ...]]],
    monkeypatch: pytest.MonkeyPatch,
    change: dict[Party, ConsentNeeded],
) -> None:
    before = _per_policy(every_case)
    for party, need in change.items():
        monkeypatch.setitem(policy.RESEARCH_CONSENT, party, need)
    orm, sql, python = _three_ways(list(every_case))
    expected = _per_policy(every_case)
    assert expected != before
    assert orm == sql == python == expected
