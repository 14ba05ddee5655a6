"""The frame of every page of one engagement: who is asking, as which party, and the facts
the policy decides from, established once per request.

`frame_of` reads, in one query, the viewer's party, the engagement with its organisation
and every party's person; `frame_or_404` answers an outsider with a 404 (they learn
nothing, not even that the engagement exists). The contracting stage adds what the
contract says (`contracting.frame.stage_frame_or_404`), which is the frame the stage
pages use. Views hand `frame.facts` to the reads they call, so no page derives the
same facts twice, and templates get policy-derived flags (`Frame.flags`) instead of
comparing a party's name.
"""

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from oogst import policy
from oogst.accounts.models import User
from oogst.engagements.models import Engagement, Participation
from oogst.policy import Content, Facts, Party


@dataclass(frozen=True)
class Flags:
    """What the viewer's party may see, as the templates ask it (always from the policy)."""

    may_read_topics: bool  # session topics
    may_read_goals: bool  # the goals (the contract may keep them from the sponsor)
    sees_unshared: bool  # results the client did not share
    shows_sharing: bool  # sees unshared results and there is a sponsor: the sharing badges
    may_preview_as_sponsor: bool  # sees more than the sponsor, so a preview tells something
    prepares_unshared: bool  # the client and coach list to prepare the closing conversation


def flags_for(facts: Facts) -> Flags:
    unshared = policy.may_read(
        Content.RESULT, replace(facts, author=Party.CLIENT, shared_with_sponsor=False)
    )
    return Flags(
        may_read_topics=policy.may_read(Content.SESSION_TOPICS, facts),
        may_read_goals=policy.may_read(Content.GOALS, facts),
        sees_unshared=unshared,
        shows_sharing=unshared and facts.has_sponsor,
        may_preview_as_sponsor=unshared,
        prepares_unshared=unshared,
    )


@dataclass(frozen=True)
class Frame:
    engagement: Engagement  # with its organisation: structure for the frame, never content
    party: Party  # the viewer's
    people: Mapping[str, User]  # the person of every party present, by party
    facts: Facts  # the viewer's facts for the policy

    @property
    def present(self) -> list[Party]:
        """The parties present, in the order client, coach, sponsor."""
        return [p for p in Party if p in self.people]

    @property
    def names(self) -> dict[str, str]:
        return {p: str(person) for p, person in self.people.items()}

    @property
    def flags(self) -> Flags:
        return flags_for(self.facts)


def frame_of(*, person: User, engagement_id: int) -> Frame | None:
    """The person's frame of this engagement (two queries: the engagement with its
    organisation, the parties with their people); None when they take no part.

    The parties stay on `frame.engagement` as read, so a later snapshot of the harvest
    (`harvest.snapshot.prefetch_everything`) does not read them again."""
    engagement = (
        Engagement.objects.select_related("organisation", "closed_by")
        .prefetch_related(
            Prefetch("participations", queryset=Participation.objects.select_related("person"))
        )
        .filter(pk=engagement_id)
        .first()
    )
    if engagement is None:
        return None
    rows = list(engagement.participations.all())
    mine = next((p for p in rows if p.person_id == person.pk), None)
    if mine is None:
        return None
    people = {p.party: p.person for p in rows}
    facts = Facts(
        viewer=Party(mine.party),
        closed=engagement.closed_at is not None,
        has_sponsor=Party.SPONSOR in people,
    )
    return Frame(engagement=engagement, party=Party(mine.party), people=people, facts=facts)


def frame_or_404(request: HttpRequest, engagement_id: int) -> Frame:
    frame = frame_of(person=request.user, engagement_id=engagement_id)  # type: ignore[arg-type]
    if frame is None:
        raise Http404
    return frame


def render_frame(
    request: HttpRequest,
    template: str,
    frame: Frame,
    *,
    active: str,
    status: int = 200,
    **context: Any,
) -> HttpResponse:
    """Render a page inside `engagements/stage.html`'s frame."""
    frame_context = {
        "frame": frame,
        "engagement": frame.engagement,
        "party": frame.party,
        "flags": frame.flags,
        "active": active,
    }
    return render(request, template, {**frame_context, **context}, status=status)
