"""The withdrawn results one viewer may read: the same policy as for any result.

A withdrawn result is not in the plain engagement (`snapshot`), so no measure counts it;
the register shows it apart, struck through. Who may read it is decided exactly as for a
result that counts (`cut.visible_to`): a sponsor that could not read it learns neither
the result nor that it was withdrawn, and it stays among the results hidden from it.
"""

from dataclasses import replace

from oogst import policy
from oogst.harvest.cut import facts_of
from oogst.harvest.snapshot import Withdrawn
from oogst.measures import model as m
from oogst.policy import Content, Party


def withdrawn_visible_to(
    withdrawn: tuple[Withdrawn, ...], snapshot: m.Engagement, viewer: Party | None
) -> tuple[tuple[Withdrawn, ...], int]:
    """The withdrawn results `viewer` may read (None: the operator, all of them), and how
    many it may not. Hidden goals hide their links, as for every other result."""
    if viewer is None:
        return withdrawn, 0
    facts = facts_of(snapshot, viewer)
    goals_visible = policy.may_read(Content.GOALS, facts)
    readable = []
    for w in withdrawn:
        about = replace(
            facts,
            author=Party(w.result.reported_by),
            shared_with_sponsor=w.result.shared_with_sponsor,
        )
        if not policy.may_read(Content.RESULT, about):
            continue
        readable.append(w if goals_visible else replace(w, result=replace(w.result, goals=())))
    return tuple(readable), len(withdrawn) - len(readable)
