"""The alignment of expectations in words, for the expectations and contract pages.

Pure: plain data in, translated sentences out; no database. The sentences are the same
as the closing stage's (same message ids, so one translation serves both); the closing
stage may import these instead of keeping its own copy, since later stages may import
earlier ones and not the reverse.
"""

from collections.abc import Mapping, Sequence
from typing import Any

from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from oogst.measures import alignment as measured
from oogst.measures.model import PARTIES

# The party as the subject of a sentence, with its article ("de opdrachtgever").
PARTY_SUBJECT = {
    "client": gettext_lazy("the client"),
    "coach": gettext_lazy("the coach"),
    "sponsor": gettext_lazy("the sponsor"),
}

# What a party thinks of when it thinks of a result in this meaning.
MEANING_OBJECT = {
    "product": gettext_lazy("results as a product"),
    "effect": gettext_lazy("results as the effect of deliberate change"),
    "consequence": gettext_lazy("results as a consequence of conduct"),
    "outcome": gettext_lazy("results as an outcome"),
    "success": gettext_lazy("results as success achieved"),
    "performance": gettext_lazy("results as performance delivered"),
    "financial": gettext_lazy("financial results"),
}

# One line per meaning for the form, with an example from DOMAIN.md.
MEANING_HINT = {
    "product": gettext_lazy("something made by the effort, e.g. a written career plan"),
    "effect": gettext_lazy("a change you aimed for, e.g. leading in a more coaching way"),
    "consequence": gettext_lazy(
        "what follows almost by itself from new conduct, e.g. less overtime"
    ),
    "outcome": gettext_lazy("how something turns out, e.g. a negotiation ends with the bonus paid"),
    "success": gettext_lazy("something achieved to be proud of"),
    "performance": gettext_lazy("a performance delivered, e.g. a better appraisal, a target met"),
    "financial": gettext_lazy("money: what the coaching cost against the value gained"),
}


def divergence_sentences(alignment: measured.Alignment | Mapping[str, Any]) -> list[str]:
    """Each divergence in words, in the canonical order of meanings.

    Takes a computed `Alignment` or the report's `alignment` dict.
    "The sponsor thinks of financial results; neither the client nor the coach does."
    """
    if not isinstance(alignment, measured.Alignment):
        alignment = measured.Alignment(
            meanings={p: tuple(ms) for p, ms in alignment.get("meanings", {}).items()},
            shared=tuple(alignment.get("shared", ())),
            divergent=bool(alignment.get("divergent")),
        )
    return [
        divergence_sentence(d.meaning, d.named_by, d.not_named_by)
        for d in measured.divergences(alignment)
    ]


def divergence_sentence(meaning: str, named_by: Sequence[str], not_named_by: Sequence[str]) -> str:
    named = [str(PARTY_SUBJECT[p]) for p in _ordered(named_by)]
    others = [str(PARTY_SUBJECT[p]) for p in _ordered(not_named_by)]
    what = str(MEANING_OBJECT[meaning])
    if len(named) == 1 and len(others) == 1:
        text = _("%(a)s thinks of %(meaning)s; %(b)s does not.") % {
            "a": named[0],
            "meaning": what,
            "b": others[0],
        }
    elif len(named) == 1 and len(others) == 2:
        text = _("%(a)s thinks of %(meaning)s; neither %(b)s nor %(c)s does.") % {
            "a": named[0],
            "meaning": what,
            "b": others[0],
            "c": others[1],
        }
    elif len(named) == 2 and len(others) == 1:
        text = _("%(a)s and %(b)s think of %(meaning)s; %(c)s does not.") % {
            "a": named[0],
            "b": named[1],
            "meaning": what,
            "c": others[0],
        }
    else:  # Only three parties exist; kept total for safety.
        text = _("Not every party thinks of %(meaning)s.") % {"meaning": what}
    return capfirst(text)


def _ordered(parties: Sequence[str]) -> list[str]:
    return [p for p in PARTIES if p in parties]
