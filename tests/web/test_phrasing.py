"""Divergences of meaning, phrased as sentences."""

from typing import Any

from django.utils import translation

from oogst.contracting.phrasing import divergence_sentences

EXAMPLE: dict[str, Any] = {
    "meanings": {
        "client": ["effect", "success"],
        "coach": ["product", "effect"],
        "sponsor": ["performance", "financial"],
    },
    "shared": [],
    "divergent": True,
}


def test_each_divergence_in_canonical_order() -> None:
    with translation.override("en"):
        sentences = divergence_sentences(EXAMPLE)
    assert sentences == [
        "The coach thinks of results as a product; neither the client nor the sponsor does.",
        "The client and the coach think of results as the effect of deliberate change;"
        " the sponsor does not.",
        "The client thinks of results as success achieved; neither the coach nor the sponsor does.",
        "The sponsor thinks of results as performance delivered; neither the client nor the"
        " coach does.",
        "The sponsor thinks of financial results; neither the client nor the coach does.",
    ]


def test_two_parties() -> None:
    alignment: dict[str, Any] = {
        "meanings": {"client": ["effect"], "sponsor": ["effect", "financial"]},
        "shared": ["effect"],
        "divergent": True,
    }
    with translation.override("en"):
        assert divergence_sentences(alignment) == [
            "The sponsor thinks of financial results; the client does not."
        ]


def test_shared_meanings_are_no_divergence() -> None:
    alignment: dict[str, Any] = {
        "meanings": {"client": ["effect"], "coach": ["effect"]},
        "shared": ["effect"],
    }
    assert divergence_sentences(alignment | {"divergent": False}) == []
    assert divergence_sentences({"meanings": {}, "shared": [], "divergent": False}) == []


def test_in_dutch() -> None:
    with translation.override("nl"):
        sentences = divergence_sentences(EXAMPLE)
    assert (
        sentences[-1]
        == "De opdrachtgever denkt aan financieel resultaat; de klant en de coach niet."
    )
