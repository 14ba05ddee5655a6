"""Alignment of expectations: which meanings of "result" each party has in mind.

The first real step of an engagement is to find out where the three parties mean
different things by "result"; this module states those differences as plain data and
leaves the phrasing to the interface.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from oogst.measures.model import MEANINGS, PARTIES, Expectation


@dataclass(frozen=True)
class Alignment:
    meanings: dict[str, tuple[str, ...]]  # party -> meanings, only parties that stated any
    shared: tuple[str, ...]  # named by every party in `meanings`
    divergent: bool  # some party named a meaning that is not shared


@dataclass(frozen=True)
class Divergence:
    meaning: str
    named_by: tuple[str, ...]
    not_named_by: tuple[str, ...]  # parties that stated expectations but not this meaning


def _canonical(items: Iterable[str], order: Sequence[str]) -> tuple[str, ...]:
    wanted = set(items)
    return tuple(x for x in order if x in wanted)


def meanings_by_party(expectations: Iterable[Expectation]) -> dict[str, tuple[str, ...]]:
    """party -> its meanings in canonical order; several statements of a party are merged."""
    named: dict[str, set[str]] = {}
    for expectation in expectations:
        named.setdefault(expectation.party, set()).update(expectation.meanings)
    return {p: _canonical(named[p], MEANINGS) for p in PARTIES if p in named}


def compute(expectations: Sequence[Expectation]) -> Alignment:
    meanings = meanings_by_party(expectations)
    if not meanings:
        return Alignment(meanings={}, shared=(), divergent=False)
    common = set.intersection(*(set(m) for m in meanings.values()))
    shared = _canonical(common, MEANINGS)
    divergent = any(set(m) - common for m in meanings.values())
    return Alignment(meanings=meanings, shared=shared, divergent=divergent)


def divergences(alignment: Alignment) -> list[Divergence]:
    """Each meaning that some but not all stating parties named, in canonical order."""
    out: list[Divergence] = []
    for meaning in MEANINGS:
        named_by = tuple(p for p, m in alignment.meanings.items() if meaning in m)
        if named_by and meaning not in alignment.shared:
            not_named_by = tuple(p for p in alignment.meanings if p not in named_by)
            out.append(Divergence(meaning, named_by=named_by, not_named_by=not_named_by))
    return out


def missing_parties(
    expectations: Iterable[Expectation], parties_present: Iterable[str]
) -> tuple[str, ...]:
    """Parties in the engagement that have not stated any expectation, in canonical order."""
    stated = {e.party for e in expectations}
    return _canonical(set(parties_present) - stated, PARTIES)
