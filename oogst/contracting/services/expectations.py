"""Aligning expectations: each party states what it means by "result" and expects.

`expectation_state` is the write; `alignment_for` gathers what the page shows (every
party reads every expectation, DOMAIN.md) and the alignment computed over it.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from oogst import policy
from oogst.contracting import phrasing
from oogst.contracting.models import Expectation
from oogst.contracting.selectors import may_write
from oogst.engagements.frame import Frame
from oogst.engagements.models import Engagement, Participation
from oogst.measures import alignment as measured
from oogst.measures import model as m
from oogst.policy import Content, Party
from oogst.vocabulary import Meaning


@transaction.atomic
def expectation_state(
    *,
    engagement: Engagement,
    party: Party,
    actor: Party,
    meanings: list[str],
    text: str,
) -> Expectation:
    """Record (or restate) what `party` means by "result"; only a party states its own."""
    if not may_write(Content.EXPECTATION, engagement_id=engagement.pk, party=actor, author=party):
        raise PermissionDenied
    unknown = set(meanings) - set(Meaning.values)
    if unknown:
        raise ValidationError(
            {"meanings": _("Unknown meaning of result: %(m)s.") % {"m": ", ".join(unknown)}}
        )
    text = text.strip()
    if not meanings and not text:
        raise ValidationError(
            _("Choose at least one meaning of “result” or write what you expect."),
            code="empty",
        )
    expectation = (
        Expectation.objects.select_for_update().filter(engagement=engagement, party=party).first()
    ) or Expectation(engagement=engagement, party=party)
    expectation.meanings = [x for x in m.MEANINGS if x in set(meanings)]
    expectation.text = text
    expectation.full_clean()
    if expectation.pk:
        expectation.save(update_fields=["meanings", "text", "updated_at"])
    else:
        expectation.save()
    return expectation


# ---------------------------------------------------------------- reads


def party_names(*, engagement_id: int) -> dict[str, str]:
    """party -> the name of the person who holds it (structure, not content)."""
    rows = Participation.objects.filter(engagement_id=engagement_id).values_list(
        "party", "person__name", "person__email"
    )
    return {party: name or email for party, name, email in rows}


@dataclass(frozen=True)
class PartyExpectation:
    party: str
    stated: bool
    meanings: tuple[str, ...]
    shared: tuple[str, ...]
    text: str
    is_viewer: bool
    name: str


@dataclass(frozen=True)
class AlignmentView:
    parties: tuple[PartyExpectation, ...]  # every party present, client, coach, sponsor
    missing: tuple[str, ...]  # parties present that have not stated expectations
    shared: tuple[str, ...]  # meanings every stating party named
    divergences: tuple[str, ...]  # in words, in the active language
    stated_by: int  # how many parties stated expectations

    @property
    def aligned(self) -> bool:
        return self.stated_by > 1 and not self.divergences


def alignment_for(frame: Frame) -> AlignmentView:
    """The expectations of every party and where they diverge (one query; the parties come
    from the page's frame)."""
    viewer = frame.party
    if not policy.may_read(Content.EXPECTATION, frame.facts):
        raise PermissionDenied
    rows = {e.party: e for e in Expectation.objects.filter(engagement_id=frame.engagement.pk)}
    names = frame.names
    present = [p for p in m.PARTIES if p in names]
    plain = [m.Expectation(e.party, tuple(e.meanings), e.text) for e in rows.values()]
    computed = measured.compute(plain)
    shared = set(computed.shared)
    cards = tuple(
        PartyExpectation(
            party=p,
            stated=p in rows,
            meanings=computed.meanings.get(p, ()),
            shared=tuple(x for x in computed.meanings.get(p, ()) if x in shared),
            text=rows[p].text if p in rows else "",
            is_viewer=p == viewer,
            name=names.get(p, ""),
        )
        for p in m.PARTIES
        if p in present or p in rows
    )
    return AlignmentView(
        parties=cards,
        missing=measured.missing_parties(plain, present),
        shared=computed.shared,
        divergences=tuple(phrasing.divergence_sentences(computed)),
        stated_by=len(rows),
    )
