from oogst.measures import alignment
from oogst.measures.alignment import Alignment, Divergence
from oogst.measures.model import Expectation


def test_example_parties_share_nothing():
    a = alignment.compute(
        [
            Expectation("client", ("effect", "success")),
            Expectation("coach", ("effect", "product")),
            Expectation("sponsor", ("performance", "financial")),
        ]
    )
    assert a.meanings == {
        "client": ("effect", "success"),
        "coach": ("product", "effect"),  # canonical order, not the order stated
        "sponsor": ("performance", "financial"),
    }
    assert a.shared == ()
    assert a.divergent is True


def test_meanings_dict_follows_party_order_whatever_the_statement_order():
    a = alignment.compute([Expectation("sponsor", ("effect",)), Expectation("client", ("effect",))])
    assert list(a.meanings) == ["client", "sponsor"]


def test_shared_meanings_in_canonical_order():
    a = alignment.compute(
        [
            Expectation("client", ("success", "effect", "product")),
            Expectation("coach", ("product", "effect")),
        ]
    )
    assert a.shared == ("product", "effect")
    assert a.divergent is True  # the client also named success


def test_same_meanings_are_not_divergent():
    a = alignment.compute(
        [
            Expectation("client", ("effect", "product")),
            Expectation("sponsor", ("product", "effect")),
        ]
    )
    assert a == Alignment(
        meanings={"client": ("product", "effect"), "sponsor": ("product", "effect")},
        shared=("product", "effect"),
        divergent=False,
    )


def test_one_party_alone_shares_all_its_meanings():
    a = alignment.compute([Expectation("coach", ("financial", "effect"))])
    assert a.shared == ("effect", "financial")
    assert a.divergent is False


def test_nobody_stated_anything():
    assert alignment.compute([]) == Alignment(meanings={}, shared=(), divergent=False)


def test_several_statements_of_one_party_are_merged():
    a = alignment.compute(
        [
            Expectation("client", ("success",)),
            Expectation("client", ("effect", "success")),
            Expectation("coach", ("effect",)),
        ]
    )
    assert a.meanings["client"] == ("effect", "success")
    assert a.shared == ("effect",)


def test_a_party_naming_no_meaning_leaves_nothing_shared():
    a = alignment.compute([Expectation("client", ()), Expectation("coach", ("effect",))])
    assert a.meanings == {"client": (), "coach": ("effect",)}
    assert a.shared == ()
    assert a.divergent is True


def test_divergences_name_who_did_and_did_not():
    a = alignment.compute(
        [
            Expectation("client", ("effect", "success")),
            Expectation("coach", ("effect", "product")),
            Expectation("sponsor", ("effect", "financial", "success")),
        ]
    )
    assert alignment.divergences(a) == [
        Divergence("product", named_by=("coach",), not_named_by=("client", "sponsor")),
        Divergence("success", named_by=("client", "sponsor"), not_named_by=("coach",)),
        Divergence("financial", named_by=("sponsor",), not_named_by=("client", "coach")),
    ]


def test_no_divergences_when_aligned_or_empty():
    aligned = alignment.compute(
        [Expectation("client", ("effect",)), Expectation("coach", ("effect",))]
    )
    assert alignment.divergences(aligned) == []
    assert alignment.divergences(alignment.compute([])) == []


def test_missing_parties_in_canonical_order():
    stated = [Expectation("coach", ("effect",))]
    assert alignment.missing_parties(stated, ["sponsor", "coach", "client"]) == (
        "client",
        "sponsor",
    )
    assert alignment.missing_parties(stated, ["client", "coach"]) == ("client",)
    assert alignment.missing_parties([], []) == ()
