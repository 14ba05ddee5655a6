"""'Your next step' on the engagement page: the viewer's open actions in words, each with
the page where it is done, and otherwise whom the engagement waits for.

Another party's open action shows only where the viewer may read what it concerns
(`policy.may_see_action`); the stage and the actions themselves come from
`measures.stages`, the one definition.
"""

from dataclasses import dataclass
from datetime import datetime

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from oogst import policy
from oogst.contracting.frame import StageFrame
from oogst.harvest.stages import progress_of
from oogst.vocabulary import Stage

STAGE_ORDER = [stage for stage, _label in Stage.choices]

# action: (what the viewer does, in words; the page where it is done; its anchor)
OWN: dict[str, tuple[Promise, str, str]] = {
    "record_intake": (_("Record the intake"), "engagements:intake", ""),
    "state_expectations": (_("State your expectations"), "contracting:expectations", ""),
    "write_goals": (_("Write the goals"), "contracting:goal_new", ""),
    "accept_contract": (_("Accept the contract"), "contracting:contract", "#acceptance"),
    "accept_amendment": (_("Accept the amendment to a goal"), "contracting:goals", "#amendments"),
    "log_sessions": (_("Log the sessions held"), "contracting:session_new", ""),
    "write_end_report": (_("Write your end report"), "results:end_report", ""),
    "decide_sharing": (_("Decide what the sponsor may read"), "closing:engagement", "#to-decide"),
    "rate_attainment": (_("Rate how far each goal was reached"), "closing:attainment", ""),
    "record_closing": (_("Record the closing conversation"), "closing:conversation", ""),
    "close": (_("Close the engagement"), "closing:engagement_close", ""),
}

# action: what another party still has to do, in words
OTHERS: dict[str, Promise] = {
    "accept_invitation": _("accept the invitation"),
    "record_intake": _("record the intake"),
    "state_expectations": _("state expectations"),
    "write_goals": _("write the goals"),
    "accept_contract": _("accept the contract"),
    "accept_amendment": _("accept an amendment"),
    "log_sessions": _("log the sessions held"),
    "write_end_report": _("write the end report"),
    "decide_sharing": _("decide what the sponsor may read"),
    "rate_attainment": _("rate the goals"),
    "record_closing": _("record the closing conversation"),
    "close": _("close the engagement"),
}


@dataclass(frozen=True)
class Step:
    words: str
    url: str
    since: datetime
    optional: bool


@dataclass(frozen=True)
class Waiting:
    party: str
    words: str
    since: datetime
    optional: bool


@dataclass(frozen=True)
class NextStep:
    stage: str
    own: tuple[Step, ...]
    others: tuple[Waiting, ...]

    @property
    def steps(self) -> tuple[tuple[str, str, str], ...]:
        """The lifecycle as (stage, label, "done" | "current" | "later"), for the stepper."""
        reached = STAGE_ORDER.index(self.stage) if self.stage in STAGE_ORDER else -1
        return tuple(
            (stage, str(label), "done" if i < reached else "current" if i == reached else "later")
            for i, (stage, label) in enumerate(Stage.choices)
        )

    @property
    def offers_results(self) -> bool:
        """Results are added once there are sessions to report on, and never once closed."""
        return self.stage in ("sessions", "end_reports", "closing")


def next_step(frame: StageFrame) -> NextStep:
    """The frame's viewer's next steps and whom else the engagement waits for."""
    progress = progress_of(frame.engagement)
    pk = frame.engagement.pk
    own = tuple(
        Step(str(words), reverse(name, args=[pk]) + anchor, a.since, a.optional)
        for a in progress.waiting_for
        if a.party == frame.party and a.action in OWN
        for words, name, anchor in [OWN[a.action]]
    )
    others = tuple(
        Waiting(a.party, str(OTHERS.get(a.action, a.action)), a.since, a.optional)
        for a in progress.waiting_for
        if a.party != frame.party
        and policy.may_see_action(frame.facts, action=a.action, party=a.party)
    )
    return NextStep(stage=progress.stage, own=own, others=others)


def open_actions(
    frame: StageFrame, *, leaving_out: tuple[str, ...] = ("close",)
) -> tuple[Waiting, ...]:
    """Every party's open action the frame's viewer may see, the viewer's own included, in
    the words of `OTHERS` (for the list before closing: what closing leaves undone)."""
    progress = progress_of(frame.engagement)
    return tuple(
        Waiting(a.party, str(OTHERS.get(a.action, a.action)), a.since, a.optional)
        for a in progress.waiting_for
        if a.action not in leaving_out
        and policy.may_see_action(frame.facts, action=a.action, party=a.party)
    )
