"""The closing conversation's agenda as people read it: each item with what to talk about.

The agenda itself is computed by `measures.agenda.build` over what a viewer may read. The
conversation is held with the sponsor present, so THE agenda everybody sees (and the only
one that gets minutes) is the sponsor's; client and coach additionally see the items the
sponsor may not read, as a list to prepare between the two of them. The sponsor never
sees that list, not even its length.

`present` and `sponsor_perspective_missing` are pure; `conversation_agenda` gathers the
two harvests through `harvest.selectors`, so the policy decides what each list holds.
"""

from collections.abc import Iterable
from dataclasses import dataclass, replace

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from oogst.closing.models import ClosingConversation
from oogst.engagements.models import Engagement
from oogst.harvest.cut import reads_unshared_results
from oogst.harvest.selectors import Harvest, harvest_for, harvests_for
from oogst.measures import model as m
from oogst.measures.shapes import AgendaItem, Report
from oogst.policy import Party
from oogst.vocabulary import Party as PartyLabel

# The heading of each kind of item, in agenda order.
KIND_LABELS = {
    "open_goal": gettext_lazy("Open goal"),
    "unexpected": gettext_lazy("Unexpected result"),
    "disagreement": gettext_lazy("Disagreement"),
    "organisation": gettext_lazy("Result for the organisation"),
    "explicable": gettext_lazy("Before and after"),
    "attribution": gettext_lazy("Attribution"),
}

MISSING_STATUSES = frozenset({"declined", "not_held"})


@dataclass(frozen=True)
class Item:
    kind: str
    ref: str
    label: str  # the kind's heading
    prompt: str  # what to talk about, in the viewer's language
    text: str  # the goal's or result's text as the viewer may read it ("" if it may not)
    minute: str = ""  # what was said about it, once the conversation was held

    @property
    def field_name(self) -> str:
        """The name of this item's minutes field in the record form."""
        return f"minute-{self.kind}-{self.ref}"


@dataclass(frozen=True)
class ConversationAgenda:
    shared: tuple[Item, ...]  # the sponsor's agenda: discussed together, minuted
    prepare: tuple[Item, ...]  # client and coach only: about what the sponsor may not read
    # Minutes whose item is no longer on the sponsor's agenda (a result unshared after the
    # conversation): client and coach only, never the sponsor.
    earlier: tuple[Item, ...] = ()


def _parties(parties: Iterable[str]) -> str:
    labels = [str(PartyLabel(p).label) for p in parties]
    if len(labels) < 2:
        return "".join(labels)
    # Translators: a list of parties, e.g. "the client and the coach".
    return _("%(first)s and %(last)s") % {"first": ", ".join(labels[:-1]), "last": labels[-1]}


def prompt(kind: str, ref: str, view: m.Engagement) -> str:
    """What to discuss about one agenda item, as one or two whole sentences."""
    if kind == "open_goal":
        return _("Goal %(key)s has no result yet: what happened, and does it still matter?") % {
            "key": ref
        }
    if kind == "unexpected":
        return _(
            "No goal foresaw result %(key)s. How did it come about, and what does it mean "
            "to each of you?"
        ) % {"key": ref}
    if kind == "disagreement":
        judged = next((r.desirability for r in view.results if r.key == ref), {})
        desired = [p for p in m.PARTIES if judged.get(p) == "desired"]
        undesired = [p for p in m.PARTIES if judged.get(p) == "undesired"]
        return _(
            "Result %(key)s is desired by the %(desired)s and undesired by the %(undesired)s. "
            "Where do your views part, and can both stand?"
        ) % {"key": ref, "desired": _parties(desired), "undesired": _parties(undesired)}
    if kind == "organisation":
        return _(
            "Result %(key)s matters to the organisation too. How does the organisation notice "
            "it, and what is it worth to it?"
        ) % {"key": ref}
    if kind == "explicable":
        return _(
            "Result %(key)s shows only in how things are done. Compare before and after the "
            "coaching: what do you now deliberately leave to others or leave undone, "
            "together with whom, in what way, and on what grounds?"
        ) % {"key": ref}
    if kind == "attribution":
        return _(
            "No one has said how much of result %(key)s is owed to the coaching. How much "
            "would each of you say, and how sure are you?"
        ) % {"key": ref}
    raise ValueError(f"unknown agenda kind {kind!r}")


def _text(kind: str, ref: str, view: m.Engagement) -> str:
    if kind == "open_goal":
        return next((g.text for g in view.goals if g.key == ref), "")
    return next((r.text for r in view.results if r.key == ref), "")


def present(agenda: Iterable[AgendaItem], view: m.Engagement) -> tuple[Item, ...]:
    """Agenda items (`{kind, ref}`) with their headings, prompts and texts from `view`."""
    return tuple(
        Item(
            kind=i["kind"],
            ref=i["ref"],
            label=str(KIND_LABELS[i["kind"]]),
            prompt=prompt(i["kind"], i["ref"], view),
            text=_text(i["kind"], i["ref"], view),
        )
        for i in agenda
    )


def keys(agenda: Iterable[AgendaItem]) -> list[tuple[str, str]]:
    return [(i["kind"], i["ref"]) for i in agenda]


def for_viewer(
    own: Harvest, sponsor_agenda: list[AgendaItem], *, viewer: Party
) -> ConversationAgenda:
    """The shared agenda and, for client and coach, what to prepare between the two.

    Texts come from the viewer's own view: every item of the sponsor's agenda is about
    something the client and the coach may read as well.
    """
    shared = present(sponsor_agenda, own.view)
    if not reads_unshared_results(viewer):
        return ConversationAgenda(shared=shared, prepare=())
    on_shared = set(keys(sponsor_agenda))
    extra = [i for i in own.report["agenda"] if (i["kind"], i["ref"]) not in on_shared]
    return ConversationAgenda(shared=shared, prepare=present(extra, own.view))


def sponsor_agenda(*, engagement_id: int) -> list[AgendaItem]:
    """The agenda as the sponsor may read it: the one discussed (and minuted) together."""
    return harvest_for(engagement_id=engagement_id, viewer=Party.SPONSOR).report["agenda"]


def conversation_agenda(
    *, engagement_id: int, viewer: Party, engagement: Engagement | None = None
) -> tuple[Harvest, ConversationAgenda]:
    """The viewer's harvest and the conversation's agenda as this viewer sees it; one read
    of the engagement (`engagement` as a page's frame read it, if given), cut for the
    viewer and, where it differs, for the sponsor."""
    if not reads_unshared_results(viewer):
        own = harvest_for(engagement_id=engagement_id, viewer=viewer, engagement=engagement)
        return own, for_viewer(own, own.report["agenda"], viewer=viewer)
    own, sponsor = harvests_for(
        engagement_id=engagement_id, viewers=(viewer, Party.SPONSOR), engagement=engagement
    )
    return own, for_viewer(own, sponsor.report["agenda"], viewer=viewer)


def sponsor_perspective_missing(report: Report) -> bool:
    """Whether what is said about results for the organisation lacks the sponsor's view.

    True when the closing conversation was declined or not held, or when it has not been
    held yet (none recorded, or only planned) while there are results. Only a conversation
    recorded as held brings the sponsor's perspective in.
    """
    closing = report.get("closing")
    status = closing["status"] if closing else None
    if status in MISSING_STATUSES:
        return True
    if status == "held":
        return False
    evidence = report["pairs"]["evidence"]
    results = evidence["observable"] + evidence["explicable"] + report.get("hidden", 0)
    return results > 0


def with_minutes(
    agenda: ConversationAgenda,
    conversation: ClosingConversation | None,
    view: m.Engagement,
    *,
    viewer: Party,
) -> ConversationAgenda:
    """Put each minute with its item of the shared agenda.

    A minute whose item has left the sponsor's agenda since (the client stopped sharing
    the result) is shown to client and coach apart, and never to the sponsor.
    """
    if conversation is None:
        return agenda
    minutes = {(x.kind, x.ref): x.text for x in conversation.minutes.all()}
    shared = tuple(replace(i, minute=minutes.pop((i.kind, i.ref), "")) for i in agenda.shared)
    earlier: tuple[Item, ...] = ()
    if reads_unshared_results(viewer):
        earlier = tuple(
            replace(item, minute=minutes[(item.kind, item.ref)])
            for item in present([{"kind": k, "ref": r} for k, r in minutes], view)
        )
    return replace(agenda, shared=shared, earlier=earlier)
