"""A result's page and the sponsor's preview, each as one viewer reads it.

A result the viewer may not read is simply absent from its harvest: its page is a 404,
the same as for a key that does not exist.
"""

from dataclasses import dataclass, replace

from oogst import policy
from oogst.closing.services.values import RoiBreakdown, roi_breakdown
from oogst.engagements.frame import Frame
from oogst.harvest import presenters
from oogst.harvest.cut import visible_to
from oogst.harvest.selectors import harvest_for
from oogst.harvest.snapshot import snapshot_of_result
from oogst.harvest.withdrawn import withdrawn_visible_to
from oogst.measures import report
from oogst.policy import Content, Facts, Party
from oogst.results.selectors import nobody_to_share_with


@dataclass(frozen=True)
class ResultPage:
    """One result as the viewer may read it, with what the viewer may do to it."""

    row: presenters.ResultRow
    viewer: Party
    may_edit: bool
    may_consent: bool
    may_withdraw: bool  # its reporter, before closing: withdraw it, or take that back
    nobody_to_share_with: bool  # she would decide, but the engagement has no sponsor
    sharing_undecided: bool  # the client has not decided yet whether the sponsor reads it
    watches_consent: bool  # reads what the client did not share, but never decides it
    desired_by: tuple[str, ...]
    undesired_by: tuple[str, ...]

    @property
    def own(self) -> presenters.Judged:
        return next(j for j in self.row.judged if j.party == self.viewer)


def result_page(frame: Frame, key: str) -> ResultPage | None:
    """One result's page for the frame's viewer; None when it may not read it (or there is
    none). Reads that result with its judgements and links and the engagement's parties,
    contract and goals: the cost does not grow with the other results of the register."""
    whole, withdrawn, found = snapshot_of_result(frame.engagement, key)
    view, _hidden = visible_to(whole, frame.party)
    readable, _hidden_withdrawn = withdrawn_visible_to(withdrawn, whole, frame.party)
    if found is None or not (view.results or readable):
        return None
    if readable:  # withdrawn: shown struck through, with nothing to do but restore it
        names = {p: person.name for p, person in view.parties.items()}
        goal_texts = {g.key: g.text for g in view.goals}
        row = presenters.withdrawn_row(
            readable[0], goal_texts, names, undecided=found.sharing_undecided
        )
    else:
        row = presenters.result_row(view, report.compute(view, hidden=0), view.results[0])
    facts = frame.facts
    author = replace(facts, author=Party(row.reported_by))
    live = row.withdrawn is None
    return ResultPage(
        row=row,
        viewer=frame.party,
        may_edit=live and policy.may_write(Content.RESULT, author),
        may_consent=live and policy.may_share_result(author),
        may_withdraw=policy.may_withdraw_result(author),
        nobody_to_share_with=nobody_to_share_with(facts),
        sharing_undecided=found.sharing_undecided,
        watches_consent=watches_consent(facts),
        desired_by=tuple(j.party for j in row.judged if j.desirability == "desired"),
        undesired_by=tuple(j.party for j in row.judged if j.desirability == "undesired"),
    )


def watches_consent(facts: Facts) -> bool:
    """The coach: reads the results the client did not share, and never decides on them."""
    unshared = replace(facts, author=Party.CLIENT, shared_with_sponsor=False)
    decides = replace(facts, has_sponsor=True, closed=False, author=None)
    return policy.may_read(Content.RESULT, unshared) and not policy.may_share_result(decides)


def sponsor_page(frame: Frame) -> tuple[presenters.Page, RoiBreakdown]:
    """The engagement exactly as the sponsor sees it now, with its ROI lines, for the
    client's and coach's preview (where nobody acts, so no line offers to enter a value)."""
    harvest = harvest_for(
        engagement_id=frame.engagement.pk, viewer=Party.SPONSOR, engagement=frame.engagement
    )
    page = presenters.page(
        harvest.view, harvest.report, viewer=Party.SPONSOR, withdrawn=harvest.withdrawn
    )
    as_sponsor = replace(frame.facts, viewer=Party.SPONSOR, closed=True)  # closed: no links
    roi = roi_breakdown(
        harvest.view, engagement_id=frame.engagement.pk, viewer=Party.SPONSOR, facts=as_sponsor
    )
    return page, roi
