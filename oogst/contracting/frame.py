"""The frame of the stage pages: the engagement's frame plus what its contract says.

`stage_frame_of` adds the contract (two queries: the contract and its acceptances) to
`engagements.frame.frame_of`, so the viewer's facts carry what the contract lets the
sponsor see now, and the page knows who accepted, when, and whether the contract is in
force, without asking again.
"""

from dataclasses import dataclass, replace

from django.db.models import prefetch_related_objects
from django.http import Http404, HttpRequest

from oogst import policy
from oogst.accounts.models import User
from oogst.contracting.models import Contract, ContractAcceptance
from oogst.engagements.frame import Frame, frame_of
from oogst.policy import Party


@dataclass(frozen=True)
class StageFrame(Frame):
    contract: Contract | None  # None while the coach has proposed no terms
    acceptances: tuple[ContractAcceptance, ...]

    @property
    def accepted(self) -> frozenset[str]:
        return frozenset(a.party for a in self.acceptances)

    @property
    def in_force(self) -> bool:
        return policy.contract_in_force(present=self.present, accepted=self.accepted)


def stage_frame_of(*, person: User, engagement_id: int) -> StageFrame | None:
    """The person's frame with the contract's facts (four queries); None for an outsider."""
    base = frame_of(person=person, engagement_id=engagement_id)
    if base is None:
        return None
    # Read onto the engagement itself, where the snapshot of a harvest finds them.
    prefetch_related_objects([base.engagement], "contract__acceptances")
    contract: Contract | None = getattr(base.engagement, "contract", None)
    acceptances = tuple(contract.acceptances.all()) if contract is not None else ()
    client_accepted = any(a.party == Party.CLIENT for a in acceptances)
    view = (
        policy.effective_sponsor_view(contract.sponsor_may_see, client_accepted=client_accepted)
        if contract is not None
        else policy.DEFAULT_SPONSOR_VIEW
    )
    return StageFrame(
        engagement=base.engagement,
        party=base.party,
        people=base.people,
        facts=replace(base.facts, sponsor_view=view),
        contract=contract,
        acceptances=acceptances,
    )


def stage_frame_or_404(request: HttpRequest, engagement_id: int) -> StageFrame:
    frame = stage_frame_of(person=request.user, engagement_id=engagement_id)  # type: ignore[arg-type]
    if frame is None:
        raise Http404
    return frame
