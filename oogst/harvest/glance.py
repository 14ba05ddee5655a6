"""The engagement page's summary ("at a glance"), counted from its presenter.

Only counts what `presenters.Page` holds, which is already the viewer's cut: nothing here
can show more than the page itself may.
"""

from dataclasses import dataclass

from oogst.harvest.presenters import Page, RaterScore


@dataclass(frozen=True)
class Glance:
    stated: int  # parties that stated their expectations
    achieved: int  # goals a result achieves
    disagreements: int  # results on which one party says desired and another undesired
    scores: tuple[RaterScore, ...]  # the T-scores the viewer may read, of raters who rated


def glance(page: Page) -> Glance:
    return Glance(
        stated=sum(1 for e in page.expectations if e.stated),
        achieved=sum(1 for g in page.goals if g.achieved),
        # The register's rows may be filtered; the third pair counts every readable one.
        disagreements=sum(int(b.note or 0) for b in page.pairs if b.number == 3),
        scores=tuple(s for s in page.gas_raters if s.visible and s.t is not None),
    )
