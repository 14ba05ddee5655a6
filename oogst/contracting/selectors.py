"""Plain facts about an engagement's contract, gathered for the policy."""

from dataclasses import replace

from oogst import policy
from oogst.contracting.models import Contract
from oogst.engagements.models import Participation
from oogst.engagements.selectors import engagement_facts
from oogst.policy import Content, Facts, Party


def parties_present(*, engagement_id: int) -> list[str]:
    """The parties this engagement has, in the order client, coach, sponsor."""
    present = set(
        Participation.objects.filter(engagement_id=engagement_id).values_list("party", flat=True)
    )
    return [p for p in Party if p in present]


def accepted_by(*, engagement_id: int) -> set[str]:
    return set(
        Contract.objects.filter(engagement_id=engagement_id).values_list(
            "acceptances__party", flat=True
        )
    ) - {None}


def contract_in_force(*, engagement_id: int) -> bool:
    """True once the client, the coach and any sponsor accepted the contract: goals are
    frozen, and a party added from now on is an amendment (`policy.contract_in_force`)."""
    return policy.contract_in_force(
        present=parties_present(engagement_id=engagement_id),
        accepted=accepted_by(engagement_id=engagement_id),
    )


def sponsor_view(*, engagement_id: int) -> frozenset[str]:
    """What the contract lets the sponsor see now (a widening waits for the client)."""
    may_see = (
        Contract.objects.filter(engagement_id=engagement_id)
        .values_list("sponsor_may_see", flat=True)
        .first()
    )
    if may_see is None:
        return policy.DEFAULT_SPONSOR_VIEW
    return policy.effective_sponsor_view(
        may_see, client_accepted=Party.CLIENT in accepted_by(engagement_id=engagement_id)
    )


def facts_for(*, engagement_id: int, party: Party) -> Facts:
    """The facts every policy question about this engagement starts from, for one viewer."""
    return replace(
        engagement_facts(engagement_id=engagement_id, party=party),
        sponsor_view=sponsor_view(engagement_id=engagement_id),
    )


def may_write(
    content: Content, *, engagement_id: int, party: Party, author: Party | None = None
) -> bool:
    """Ask the policy with this engagement's facts (closed or not, the sponsor's view)."""
    facts = replace(facts_for(engagement_id=engagement_id, party=party), author=author)
    return policy.may_write(content, facts)
