"""Reads for good practices: who may browse them, what a practice shows, and the search.

An approved practice shows its title, the coach's summary (written for publication),
its topics and the distinctions of the results it attributes to the coaching, never
their texts: a result's text was written inside the engagement and may name people.
A practice whose engagement left research (a consent withdrawn) is shown to nobody,
whatever its status, since it is built on that engagement.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, QuerySet

from oogst import policy
from oogst.accounts.models import User
from oogst.contracting.models import Session
from oogst.engagements.models import Participation
from oogst.policy import Content, Facts, Party
from oogst.research.models import GoodPractice, ResearchConsent
from oogst.research.selectors import included_engagements, research_standing
from oogst.results.models import Judgement, Result


def may_browse_practices(user: object) -> bool:
    """Researchers, staff, and anyone who is the coach of some engagement."""
    coach = bool(getattr(user, "is_authenticated", False)) and _coaches_some_engagement(user)
    return policy.may_browse_practices(research_standing(user, coach=coach))


def _coaches_some_engagement(user: object) -> bool:
    return Participation.objects.filter(person=user, party=Party.COACH).exists()  # type: ignore[misc]


def may_review_practices(user: object) -> bool:
    return policy.may_review_practices(research_standing(user))


def consent_missing(*, engagement_id: int) -> list[str]:
    """The parties whose research consent the engagement still needs (client, sponsor)."""
    present = Participation.objects.filter(engagement_id=engagement_id).values_list(
        "party", flat=True
    )
    given = ResearchConsent.objects.filter(
        engagement_id=engagement_id, withdrawn_on__isnull=True
    ).values_list("party", flat=True)
    missing = policy.research_consent_missing(present=list(present), consented=list(given))
    return [str(p) for p in missing]


@dataclass(frozen=True)
class ResultChoice:
    """A result as the coach sees it when choosing what to attribute to the coaching."""

    key: str
    text: str
    meaning: str
    attributed: bool  # some party attributes a share above zero to the coaching


def results_to_attribute(*, engagement_id: int, party: Party) -> list[ResultChoice]:
    """The results `party` may read, in register order, with their texts (not those
    withdrawn: a good practice rests on results that count)."""
    results = Result.objects.filter(
        engagement_id=engagement_id, withdrawn_at__isnull=True
    ).order_by("position", "id")
    attributed = set(
        Judgement.objects.filter(result__engagement_id=engagement_id, share__gt=0).values_list(
            "result_id", flat=True
        )
    )
    return [
        ResultChoice(key=r.key, text=r.text, meaning=r.meaning, attributed=r.pk in attributed)
        for r in results
        if policy.may_read(
            Content.RESULT,
            Facts(
                viewer=party,
                author=Party(r.reported_by),
                shared_with_sponsor=r.shared_with_sponsor,
            ),
        )
    ]


def session_topics(*, engagement_id: int, party: Party) -> list[str]:
    """The engagement's agenda topics, in order of first appearance, as suggestions."""
    if not policy.may_read(Content.SESSION_TOPICS, Facts(viewer=party)):
        return []
    topics: dict[str, None] = {}
    for row in Session.objects.filter(engagement_id=engagement_id).values_list("topics", flat=True):
        for topic in row or ():
            topics.setdefault(str(topic), None)
    return list(topics)


def practice_of(*, engagement_id: int) -> GoodPractice | None:
    return GoodPractice.objects.filter(engagement_id=engagement_id).first()


# ---------------------------------------------------------------- cards


@dataclass(frozen=True)
class ResultKind:
    """One attributed result, by its distinctions only."""

    key: str
    meaning: str
    expected: bool
    goals_linked: int
    beneficiary: str
    evidence: str
    desirability: dict[str, str] = field(default_factory=dict)
    attribution: dict[str, tuple[Decimal, Decimal]] = field(default_factory=dict)


@dataclass(frozen=True)
class PracticeCard:
    id: int
    engagement_id: int
    title: str
    summary: str
    topics: tuple[str, ...]
    status: str
    in_research: bool  # the engagement's parties (still) consent
    results: tuple[ResultKind, ...]

    @property
    def status_label(self) -> str:
        return str(GoodPractice.Status(self.status).label)

    def has(self, *, meaning: str = "", beneficiary: str = "", evidence: str = "") -> bool:
        """Whether some attributed result is of this kind (empty: any)."""
        return any(
            (not meaning or r.meaning == meaning)
            and (not beneficiary or r.beneficiary == beneficiary)
            and (not evidence or r.evidence == evidence)
            for r in self.results
        )


def _cards(practices: QuerySet[GoodPractice]) -> list[PracticeCard]:
    """Cards for these practices in a fixed number of queries, however many there are."""
    rows = list(practices)
    engagement_ids = [p.engagement_id for p in rows]
    included = set(
        included_engagements().filter(pk__in=engagement_ids).values_list("pk", flat=True)
    )
    kinds = _result_kinds(engagement_ids)
    return [
        PracticeCard(
            id=p.pk,
            engagement_id=p.engagement_id,
            title=p.title,
            summary=p.summary,
            topics=tuple(p.topics),
            status=p.status,
            in_research=p.engagement_id in included,
            results=tuple(
                kinds[p.engagement_id][key]
                for key in p.result_keys
                if key in kinds[p.engagement_id]
            ),
        )
        for p in rows
    ]


def _result_kinds(engagement_ids: Iterable[int]) -> dict[int, dict[str, ResultKind]]:
    ids = list(engagement_ids)
    results = (
        Result.objects.filter(engagement_id__in=ids, withdrawn_at__isnull=True)
        .annotate(goals_linked=Count("goals"))
        .values(
            "id",
            "engagement_id",
            "key",
            "meaning",
            "expected",
            "goals_linked",
            "beneficiary",
            "evidence",
        )
    )
    judgements: dict[int, list[Any]] = defaultdict(list)
    for j in Judgement.objects.filter(result__engagement_id__in=ids).values(
        "result_id", "party", "desirability", "share", "confidence"
    ):
        judgements[j["result_id"]].append(j)
    out: dict[int, dict[str, ResultKind]] = defaultdict(dict)
    for r in results:
        js = judgements[r["id"]]
        out[r["engagement_id"]][r["key"]] = ResultKind(
            key=r["key"],
            meaning=r["meaning"],
            expected=r["expected"],
            goals_linked=r["goals_linked"],
            beneficiary=r["beneficiary"],
            evidence=r["evidence"],
            desirability={j["party"]: j["desirability"] for j in js if j["desirability"]},
            attribution={
                j["party"]: (j["share"], j["confidence"]) for j in js if j["share"] is not None
            },
        )
    return out


def practice_card(*, practice_id: int) -> PracticeCard | None:
    cards = _cards(GoodPractice.objects.filter(pk=practice_id))
    return cards[0] if cards else None


def approved_practices(
    *,
    q: str = "",
    topic: str = "",
    meaning: str = "",
    beneficiary: str = "",
    evidence: str = "",
) -> list[PracticeCard]:
    """Approved practices of engagements still in research, newest approval first,
    narrowed by a search text, a topic and the kind of an attributed result."""
    practices = GoodPractice.objects.filter(
        status=GoodPractice.Status.APPROVED,
        engagement__in=included_engagements().values("pk"),
    ).order_by("-decided_at", "-id")
    cards = _cards(practices)
    words = q.casefold().split()
    return [
        card
        for card in cards
        if (not topic or topic.casefold() in {t.casefold() for t in card.topics})
        and card.has(meaning=meaning, beneficiary=beneficiary, evidence=evidence)
        and all(word in _haystack(card) for word in words)
    ]


def _haystack(card: PracticeCard) -> str:
    return " ".join((card.title, card.summary, *card.topics)).casefold()


def approved_topics() -> list[str]:
    """The topics of the approved practices (of engagements still in research)."""
    lists = GoodPractice.objects.filter(
        status=GoodPractice.Status.APPROVED,
        engagement__in=included_engagements().values("pk"),
    ).values_list("topics", flat=True)
    return sorted({str(t) for topics in lists for t in topics}, key=str.casefold)


def practices_to_review() -> list[PracticeCard]:
    """Proposals waiting for staff, oldest first."""
    return _cards(
        GoodPractice.objects.filter(status=GoodPractice.Status.PROPOSED).order_by("created_at")
    )


def practices_proposed_by(user: User) -> list[PracticeCard]:
    """The practices of the engagements `user` coaches, with their status."""
    coached: Sequence[int] = list(
        Participation.objects.filter(person=user, party=Party.COACH).values_list(
            "engagement_id", flat=True
        )
    )
    return _cards(GoodPractice.objects.filter(engagement_id__in=coached).order_by("-updated_at"))
