"""A result's page and the sponsor's preview, each as one viewer reads it.

A result the viewer may not read is simply absent from its harvest: its page is a 404,
the same as for a key that does not exist.
"""

from dataclasses import dataclass, replace

from oogst import policy
from oogst.contracting.selectors import facts_for
from oogst.harvest import presenters
from oogst.harvest.selectors import harvest_for
from oogst.policy import Content, Party
from oogst.results.models import Result
from oogst.results.selectors import nobody_to_share_with


@dataclass(frozen=True)
class ResultPage:
    """One result as the viewer may read it, with what the viewer may do to it."""

    row: presenters.ResultRow
    page: presenters.Page  # the engagement as the viewer sees it (for names and badges)
    viewer: Party
    may_edit: bool
    may_consent: bool
    nobody_to_share_with: bool  # she would decide, but the engagement has no sponsor
    sharing_undecided: bool  # shared before a sponsor joined: she decides again
    desired_by: tuple[str, ...]
    undesired_by: tuple[str, ...]

    @property
    def own(self) -> presenters.Judged:
        return next(j for j in self.row.judged if j.party == self.viewer)


def result_page(*, engagement_id: int, key: str, viewer: Party) -> ResultPage | None:
    """The result page's content, from the viewer's harvest; None if it is not in it."""
    harvest = harvest_for(engagement_id=engagement_id, viewer=viewer)
    page = presenters.page(harvest.view, harvest.report, viewer=viewer)
    row = next((r for r in page.register.rows if r.key == key), None)
    if row is None:
        return None
    facts = facts_for(engagement_id=engagement_id, party=viewer)
    author = replace(facts, author=Party(row.reported_by))
    return ResultPage(
        row=row,
        page=page,
        viewer=viewer,
        may_edit=policy.may_write(Content.RESULT, author),
        may_consent=policy.may_share_result(facts) and row.reported_by != Party.SPONSOR,
        nobody_to_share_with=nobody_to_share_with(facts),
        sharing_undecided=Result.objects.filter(
            engagement_id=engagement_id, key=key, sharing_undecided=True
        ).exists(),
        desired_by=tuple(j.party for j in row.judged if j.desirability == "desired"),
        undesired_by=tuple(j.party for j in row.judged if j.desirability == "undesired"),
    )


def sponsor_page(*, engagement_id: int) -> presenters.Page:
    """The engagement exactly as the sponsor sees it now, for the client's and coach's preview."""
    harvest = harvest_for(engagement_id=engagement_id, viewer=Party.SPONSOR)
    return presenters.page(harvest.view, harvest.report, viewer=Party.SPONSOR)
