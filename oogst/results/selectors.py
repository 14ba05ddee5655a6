"""Plain reads of the results register for one viewer, each asking the policy.

The pages a person sees are built from the viewer's harvest (`harvest.result_page`), one
layer up; these are the reads the write side needs: may this party read, edit or share
this result, which goals may it link to, what does the client still have to decide.
"""

from dataclasses import dataclass, replace

from oogst import policy
from oogst.contracting.models import Goal
from oogst.contracting.selectors import facts_for
from oogst.policy import Content, Facts, Party
from oogst.results import suggest
from oogst.results.models import Judgement, Result


def may_read_result(*, result: Result, party: Party | None) -> bool:
    """Whether `party` may read this result (and so every judgement on it)."""
    if party is None:
        return True
    facts = Facts(
        viewer=party,
        author=Party(result.reported_by),
        shared_with_sponsor=result.shared_with_sponsor,
    )
    return policy.may_read(Content.RESULT, facts)


def may_edit_result(*, result: Result, party: Party) -> bool:
    facts = facts_for(engagement_id=result.engagement_id, party=party)
    return policy.may_write(Content.RESULT, replace(facts, author=Party(result.reported_by)))


def may_consent(*, result: Result, party: Party) -> bool:
    """Whether `party` decides if the sponsor reads this result (the sponsor's own: nobody)."""
    facts = facts_for(engagement_id=result.engagement_id, party=party)
    return policy.may_share_result(replace(facts, author=Party(result.reported_by)))


def sharing_to_decide(*, engagement_id: int, facts: Facts) -> list[Result]:
    """For the one who decides (the client): results whose sharing she has not decided
    yet (new ones, and those that went back to "not decided" when a sponsor joined an
    engagement that had none). Nothing while there is no sponsor to decide for."""
    if not policy.may_share_result(facts):
        return []
    return list(
        Result.objects.filter(engagement_id=engagement_id, sharing_undecided=True).only(
            "key", "text"
        )
    )


def nobody_to_share_with(facts: Facts) -> bool:
    """Whether the viewer would decide what the sponsor reads, but there is no sponsor."""
    return not facts.has_sponsor and policy.may_share_result(replace(facts, has_sponsor=True))


def readable_result(*, engagement_id: int, key: str, party: Party) -> Result | None:
    """The result with this key if `party` may read it; None whether missing or hidden."""
    result = (
        Result.objects.select_related("engagement")
        .prefetch_related("goals")
        .filter(engagement_id=engagement_id, key=key)
        .first()
    )
    if result is None or not may_read_result(result=result, party=party):
        return None
    return result


def goals_to_link(*, engagement_id: int, facts: Facts) -> list[Goal]:
    """The goals the viewer may link a result to: those it may read, in contract order."""
    if not policy.may_read(Content.GOALS, facts):
        return []
    return list(Goal.objects.filter(engagement_id=engagement_id).order_by("position", "id"))


def own_judgement(*, result: Result, party: Party) -> Judgement | None:
    return Judgement.objects.filter(result=result, party=party).first()


@dataclass(frozen=True)
class GoalSuggestion:
    goal: Goal
    score: float  # 0..1
    matched: tuple[str, ...]  # the words and concepts result and goal share


MAX_SUGGESTIONS = 3
MIN_WORDS_FOR_UNEXPECTED = 4  # while the first words are typed, nothing is "unexpected" yet


def goal_suggestions(
    *, engagement_id: int, facts: Facts, text: str
) -> tuple[list[GoalSuggestion], bool]:
    """The goals the viewer may link, best fit for the result's text first, and whether
    the result is probably unexpected (no goal fits). Advisory: the party decides."""
    text = text.strip()
    goals = goals_to_link(engagement_id=engagement_id, facts=facts)
    if not text or not goals:
        return [], False
    ranked = suggest.rank(
        text,
        [
            suggest.GoalText(g.key, g.text, tuple(g.scale[k] for k in sorted(g.scale)))
            for g in goals
        ],
    )
    if suggest.likely_unexpected(ranked):
        return [], len(text.split()) >= MIN_WORDS_FOR_UNEXPECTED
    by_key = {g.key: g for g in goals}
    return [
        GoalSuggestion(goal=by_key[s.goal], score=s.score, matched=s.matched)
        for s in ranked[:MAX_SUGGESTIONS]
        if s.score > 0
    ], False
