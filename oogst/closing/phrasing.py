"""Sentences about the computed report, for pages, exports and the closing conversation.

Pure: reads the report's plain dicts and returns translated text; no database.
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


def divergence_sentences(alignment: Mapping[str, Any]) -> list[str]:
    """Each divergence of `report["alignment"]` in words, in the canonical order of meanings.

    "The sponsor thinks of financial results; neither the client nor the coach does."
    """
    plain = measured.Alignment(
        meanings={p: tuple(ms) for p, ms in alignment.get("meanings", {}).items()},
        shared=tuple(alignment.get("shared", ())),
        divergent=bool(alignment.get("divergent")),
    )
    return [
        divergence_sentence(d.meaning, d.named_by, d.not_named_by)
        for d in measured.divergences(plain)
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
