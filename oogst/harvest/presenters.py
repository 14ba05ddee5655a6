"""The engagement page's content, shaped for templates from a harvest's view and report.

Pure: everything comes from the policy-filtered plain engagement (`Harvest.view`) and the
computed report, never from the database, so nothing on the page can bypass the policy.
"""

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

from oogst import policy
from oogst.contracting.phrasing import divergence_sentences
from oogst.engagements.frame import Flags, flags_for
from oogst.harvest.charts import Chart, harvest_charts
from oogst.harvest.cut import facts_of, rating_visibility, sponsor_view_of
from oogst.harvest.snapshot import Withdrawn
from oogst.measures import model as m
from oogst.measures.model import PARTIES
from oogst.measures.pairs import is_disagreement
from oogst.measures.shapes import (
    Alignment,
    Desirability,
    IntendedAchieved,
    Pairs,
    Report,
    Roi,
    t_score,
    tally,
)
from oogst.policy import Facts, Party

LEVELS: tuple[int, ...] = (-2, -1, 0, 1, 2)


@dataclass(frozen=True)
class PartyLine:
    party: str
    name: str
    is_viewer: bool


@dataclass(frozen=True)
class ExpectationCard:
    party: str
    name: str
    is_viewer: bool
    stated: bool
    meanings: tuple[str, ...] = ()
    shared: tuple[str, ...] = ()  # of `meanings`, those every stating party named
    text: str = ""


@dataclass(frozen=True)
class GoalRef:
    key: str
    text: str


@dataclass(frozen=True)
class ScaleLevel:
    level: int
    text: str
    raters: tuple[str, ...]  # visible raters who rated the goal at this level
    is_baseline: bool


@dataclass(frozen=True)
class GoalCard:
    key: str
    text: str
    due: date | None
    achieved: bool
    results: tuple[GoalRef, ...]
    scale: tuple[ScaleLevel, ...]
    rated: bool


@dataclass(frozen=True)
class Judged:
    party: str
    desirability: str  # "" when the party did not judge it
    share: Decimal | None = None
    confidence: Decimal | None = None

    @property
    def attributed(self) -> Decimal | None:
        if self.share is None or self.confidence is None:
            return None
        return self.share * self.confidence


@dataclass(frozen=True)
class Withdrawal:
    """Who withdrew a result and when: its reporter, by party and name."""

    party: str
    name: str  # "" once that person is gone
    at: datetime


@dataclass(frozen=True)
class ResultRow:
    key: str
    text: str
    reported_by: str
    reported_by_name: str
    source: str
    meaning: str
    goals: tuple[GoalRef, ...]
    expected: bool
    judged: tuple[Judged, ...]
    disagreement: bool
    beneficiary: str
    evidence: str
    value: m.Value | None
    shared_with_sponsor: bool
    counted: bool
    sharing_undecided: bool = False  # not shared: the client has not decided yet
    # Withdrawn by its reporter: shown struck through, counted in nothing.
    withdrawn: Withdrawal | None = None

    @property
    def consent_applies(self) -> bool:
        """Whether the client's consent decides if the sponsor reads it (not its own)."""
        return policy.consent_applies(self.reported_by)

    @property
    def attributions(self) -> tuple[Judged, ...]:
        return tuple(j for j in self.judged if j.attributed is not None)

    @property
    def undesired_by_someone(self) -> bool:
        return any(j.desirability == "undesired" for j in self.judged)


@dataclass(frozen=True)
class RegisterFilter:
    key: str
    label: Any
    keep: Callable[[ResultRow], bool]


FILTERS: tuple[RegisterFilter, ...] = (
    RegisterFilter("all", _("All results"), lambda r: True),
    RegisterFilter("unexpected", _("Unexpected"), lambda r: not r.expected),
    RegisterFilter("no_goal", _("No goal"), lambda r: not r.goals),
    RegisterFilter("undesired", _("Undesired by someone"), lambda r: r.undesired_by_someone),
    RegisterFilter("disagreement", _("Parties disagree"), lambda r: r.disagreement),
    RegisterFilter(
        "organisation",
        _("For the organisation"),
        lambda r: r.beneficiary in ("organisation", "both"),
    ),
    RegisterFilter("observable", _("Observable"), lambda r: r.evidence == "observable"),
    RegisterFilter("explicable", _("Explicable"), lambda r: r.evidence == "explicable"),
)
FILTERS_BY_KEY = {f.key: f for f in FILTERS}


@dataclass(frozen=True)
class Register:
    """The rows the active filter keeps; `total` counts the results that count. The
    withdrawn results come last, and only unfiltered ("all"): they count in no filter."""

    rows: tuple[ResultRow, ...]
    total: int
    active: RegisterFilter
    filters: tuple[RegisterFilter, ...] = FILTERS
    withdrawn: int = 0  # of `rows`, those withdrawn


@dataclass(frozen=True)
class Bar:
    label: Any
    count: int
    percent: int  # of the pair's total, for the bar's width


@dataclass(frozen=True)
class PairBlock:
    number: int
    title: Any
    groups: tuple[tuple[Any, tuple[Bar, ...]], ...]  # (group heading or "", bars)
    note: Any = ""


@dataclass(frozen=True)
class RaterScore:
    party: str
    t: float | None
    visible: bool  # False: the policy keeps this rater's ratings from the viewer
    position: int  # where T falls on a 20-80 axis, in percent, for the marker
    # Not visible yet: the viewer reads them once it has rated every goal itself or the
    # closing outcome is recorded (blind ratings, `policy.unblinded`).
    waiting: bool = False


@dataclass(frozen=True)
class Page:
    viewer: str
    title: str
    organisation: str
    sector: str
    parties: tuple[PartyLine, ...]
    hidden: int
    sees: frozenset[str]  # for the sponsor: what the contract lets it see; else everything
    expectations: tuple[ExpectationCard, ...]
    shared_meanings: tuple[str, ...]
    divergences: tuple[str, ...]
    goals: tuple[GoalCard, ...]
    register: Register
    pairs: tuple[PairBlock, ...]
    rho: float
    gas_raters: tuple[RaterScore, ...]
    roi: Roi
    currency: str
    counted: tuple[GoalRef, ...]
    sessions_planned: int | None
    sessions: tuple[m.Session, ...]
    closing: m.Closing | None
    results_total: int = field(default=0)
    charts: tuple[Chart, ...] = ()  # the pictures of the harvest (the final report)

    @property
    def flags(self) -> Flags:
        """What the viewer may see, from the policy, for the templates to ask."""
        viewer = Party(self.viewer) if self.viewer in set(Party) else None  # None: operator
        has_sponsor = any(p.party == Party.SPONSOR for p in self.parties)
        return flags_for(Facts(viewer=viewer, sponsor_view=self.sees, has_sponsor=has_sponsor))


def page(
    view: m.Engagement,
    report: Report,
    *,
    viewer: str,
    show: str = "all",
    undecided: Collection[str] = frozenset(),
    pictures: bool = True,
    withdrawn: Sequence[Withdrawn] = (),
) -> Page:
    """The page of `view` for `viewer`; `undecided`: the keys of the results whose sharing
    the client has not decided yet (`snapshot.sharing_undecided`), for the badges;
    `pictures`: draw the pictures of the harvest (the final report shows them);
    `withdrawn`: the withdrawn results the viewer may read (`Harvest.withdrawn`), shown
    struck through at the end of the unfiltered register."""
    goal_texts = {g.key: g.text for g in view.goals}
    counted = set(report["roi"]["counted"])
    disagreements = set(report["pairs"]["desirability"]["disagreements"])
    names = {p: person.name for p, person in view.parties.items()}
    rows = tuple(
        _row(r, goal_texts, counted, disagreements, names, undecided=r.key in undecided)
        for r in view.results
    )
    withdrawn_rows = tuple(
        withdrawn_row(w, goal_texts, names, undecided=w.result.key in undecided) for w in withdrawn
    )
    result_texts = {r.key: r.text for r in view.results}
    sees = (
        sponsor_view_of(view.contract)
        if viewer == "sponsor"
        else frozenset({"goals", "sessions_held", "attainment"})
    )
    facts = facts_of(view, viewer)
    return Page(
        viewer=viewer,
        title=view.title,
        organisation=view.organisation,
        sector=view.sector,
        parties=tuple(
            PartyLine(party=p, name=view.parties[p].name, is_viewer=p == viewer)
            for p in PARTIES
            if p in view.parties
        ),
        hidden=int(report["hidden"]),
        sees=sees,
        expectations=_expectations(view, report["alignment"], viewer),
        shared_meanings=tuple(report["alignment"]["shared"]),
        divergences=tuple(divergence_sentences(report["alignment"])),
        goals=_goals(view, report, result_texts),
        register=register(rows, show, withdrawn_rows),
        pairs=_pairs(report["pairs"]),
        rho=report["gas"]["rho"],
        gas_raters=tuple(
            _score(p, t_score(report["gas"], p), *rating_visibility(facts, p)) for p in PARTIES
        ),
        roi=report["roi"],
        currency=view.contract.costs.currency if view.contract and view.contract.costs else "",
        counted=tuple(GoalRef(k, result_texts.get(k, "")) for k in report["roi"]["counted"]),
        sessions_planned=view.contract.sessions_planned if view.contract else None,
        sessions=view.sessions,
        closing=view.closing,
        results_total=len(rows),
        charts=harvest_charts(view, report, viewer=viewer) if pictures else (),
    )


def _score(party: str, t: float | None, visible: bool, waiting: bool) -> RaterScore:
    position = 0 if t is None else max(0, min(100, round((t - 20) / 60 * 100)))
    return RaterScore(party=party, t=t, visible=visible, position=position, waiting=waiting)


def register(
    rows: tuple[ResultRow, ...], show: str, withdrawn: tuple[ResultRow, ...] = ()
) -> Register:
    active = FILTERS_BY_KEY.get(show, FILTERS[0])
    kept = tuple(r for r in rows if active.keep(r))
    shown = withdrawn if active is FILTERS[0] else ()
    return Register(rows=kept + shown, total=len(rows), active=active, withdrawn=len(shown))


def result_row(
    view: m.Engagement, report: Report, result: m.Result, *, undecided: bool = False
) -> ResultRow:
    """One result of `view` as the register shows it (`report` computed over `view`);
    `undecided`: the client has not decided yet whether the sponsor may read it."""
    return _row(
        result,
        {g.key: g.text for g in view.goals},
        set(report["roi"]["counted"]),
        set(report["pairs"]["desirability"]["disagreements"]),
        {p: person.name for p, person in view.parties.items()},
        undecided=undecided,
    )


def withdrawn_row(
    w: Withdrawn, goal_texts: Mapping[str, str], names: Mapping[str, str], *, undecided: bool
) -> ResultRow:
    """A withdrawn result as the register shows it: struck through, with who withdrew it
    and when; never counted in the return, never marked as a disagreement to discuss."""
    row = _row(w.result, dict(goal_texts), set(), set(), dict(names), undecided=undecided)
    return replace(
        row,
        disagreement=False,
        withdrawn=Withdrawal(party=w.by, name=w.by_name, at=w.at),
    )


def _row(
    r: m.Result,
    goal_texts: dict[str, str],
    counted: set[str],
    disagreements: set[str],
    names: dict[str, str],
    *,
    undecided: bool = False,
) -> ResultRow:
    return ResultRow(
        key=r.key,
        text=r.text,
        reported_by=r.reported_by,
        reported_by_name=names.get(r.reported_by, ""),
        source=r.source,
        meaning=r.meaning,
        goals=tuple(GoalRef(k, goal_texts[k]) for k in r.goals if k in goal_texts),
        expected=r.expected,
        judged=tuple(
            Judged(
                party=p,
                desirability=r.desirability.get(p, ""),
                share=r.attribution[p].share if p in r.attribution else None,
                confidence=r.attribution[p].confidence if p in r.attribution else None,
            )
            for p in PARTIES
        ),
        disagreement=r.key in disagreements or is_disagreement(r),
        beneficiary=r.beneficiary,
        evidence=r.evidence,
        value=r.value,
        shared_with_sponsor=r.shared_with_sponsor,
        counted=r.key in counted,
        sharing_undecided=undecided and not r.shared_with_sponsor,
    )


def _expectations(
    view: m.Engagement, alignment: Alignment, viewer: str
) -> tuple[ExpectationCard, ...]:
    by_party = {e.party: e for e in view.expectations}
    shared = set(alignment["shared"])
    cards = []
    for p in PARTIES:
        if p not in view.parties and p not in by_party:
            continue
        name = view.parties[p].name if p in view.parties else ""
        e = by_party.get(p)
        meanings = tuple(alignment["meanings"].get(p, e.meanings if e else ()))
        cards.append(
            ExpectationCard(
                party=p,
                name=name,
                is_viewer=p == viewer,
                stated=e is not None,
                meanings=meanings,
                shared=tuple(x for x in meanings if x in shared),
                text=e.text if e else "",
            )
        )
    return tuple(cards)


def _goals(
    view: m.Engagement, report: Report, result_texts: dict[str, str]
) -> tuple[GoalCard, ...]:
    computed = {g["key"]: g for g in report["goals"]}
    cards = []
    for goal in view.goals:
        c = computed.get(goal.key)
        attainment: dict[str, int] = c["attainment"] if c else {}
        linked = c["results"] if c else []
        cards.append(
            GoalCard(
                key=goal.key,
                text=goal.text,
                due=goal.due,
                achieved=c is not None and c["status"] == "achieved",
                results=tuple(GoalRef(k, result_texts.get(k, "")) for k in linked),
                scale=tuple(
                    ScaleLevel(
                        level=level,
                        text=goal.scale.get(level, ""),
                        raters=tuple(p for p in PARTIES if attainment.get(p) == level),
                        is_baseline=goal.baseline == level,
                    )
                    for level in LEVELS
                ),
                rated=bool(attainment),
            )
        )
    return tuple(cards)


def _bars(total: int, items: list[tuple[Any, int]]) -> tuple[Bar, ...]:
    return tuple(
        Bar(label=label, count=n, percent=round(100 * n / total) if total else 0)
        for label, n in items
    )


def _pairs(pairs: Pairs) -> tuple[PairBlock, ...]:
    """The five distinctions as blocks of bars, in the order of DOMAIN.md."""
    ex = pairs["expected"]
    expected = {"expected": ex["expected"], "unexpected": ex["unexpected"]}
    return (
        _intended(pairs["intended_achieved"]),
        PairBlock(2, _("Expected and unexpected"), (("", _sides(expected, EXPECTED)),)),
        _desired(pairs["desirability"]),
        PairBlock(
            4,
            _("For the client and for the organisation"),
            (("", _sides(pairs["beneficiary"], BENEFICIARY)),),
        ),
        PairBlock(5, _("Explicable and observable"), (("", _sides(pairs["evidence"], EVIDENCE)),)),
    )


# The sides of each distinction, with their labels, in the order the bars show them.
EXPECTED = (("expected", _("expected")), ("unexpected", _("unexpected")))
BENEFICIARY = (
    ("client", _("for the client")),
    ("organisation", _("for the organisation")),
    ("both", _("for both")),
)
EVIDENCE = (("observable", _("observable")), ("explicable", _("explicable")))
DESIRABILITY = (
    ("desired", _("desired")),
    ("undesired", _("undesired")),
    ("neutral", _("neutral")),
    ("unjudged", _("not judged")),
)
PARTY_TITLES = {"client": _("Client"), "coach": _("Coach"), "sponsor": _("Sponsor")}


def _sides(counts: Mapping[str, int], sides: tuple[tuple[str, Any], ...]) -> tuple[Bar, ...]:
    return _bars(sum(counts[s] for s, _label in sides), [(label, counts[s]) for s, label in sides])


def _intended(ia: IntendedAchieved) -> PairBlock:
    goals = {"achieved": ia["goals_achieved"], "open": ia["goals"] - ia["goals_achieved"]}
    results = {"linked": ia["results_linked"], "unlinked": ia["results_unlinked"]}
    return PairBlock(
        1,
        _("Intended goal and achieved product"),
        (
            (_("Goals"), _sides(goals, (("achieved", _("achieved")), ("open", _("open"))))),
            (
                _("Results"),
                _sides(results, (("linked", _("linked to a goal")), ("unlinked", _("no goal")))),
            ),
        ),
    )


def _desired(de: Desirability) -> PairBlock:
    return PairBlock(
        3,
        _("Desired and undesired"),
        tuple((PARTY_TITLES[p], _sides(tally(de, p), DESIRABILITY)) for p in PARTIES),
        note=len(de["disagreements"]),
    )
