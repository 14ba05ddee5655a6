"""The research aggregates: who is included, that they add up to the per-engagement
reports, and that small groups are suppressed."""

import copy
import datetime as dt
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

from oogst.engagements.models import Engagement
from oogst.harvest.selectors import report_for
from oogst.interchange.services import engagement_import
from oogst.measures.model import PARTIES
from oogst.research.aggregates import Filters, stats
from oogst.research.figures.cells import GAS_EDGES, bin_index, roi_bin
from oogst.research.figures.shapes import PARTY_KEYS
from oogst.research.models import ResearchConsent
from oogst.research.selectors import included_engagements, sector_choices, topic_choices
from oogst.research.services.consent import research_consent_withdraw

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "tests" / "spec_copies" / "example.json"
DEMO = sorted((ROOT / "oogst" / "interchange" / "demo").glob("*.json"))


def documents() -> list[dict[str, Any]]:
    """The spec's example and the demo documents, parsed (fresh copies)."""
    return [json.loads(p.read_text(encoding="utf-8")) for p in [EXAMPLE, *DEMO]]


def variant(
    document: dict[str, Any], i: int, *, consent: bool = True, sector: str | None = None
) -> dict[str, Any]:
    """A copy of `document` as another engagement: its own title, people and organisation,
    and (by i) other judgements, expectations and ratings, so the sums are not trivial."""
    doc = copy.deepcopy(document)
    doc["title"] = f"{doc['title']} (variant {i})"
    doc["organisation"] = f"{doc['organisation']} {i}"
    if sector is not None:
        doc["sector"] = sector
    for person in doc["parties"].values():
        local, domain = person["email"].split("@")
        person["email"] = f"{local}.v{i}@{domain}"
        person["name"] = f"{person['name']} V{i}"
    results = doc.get("results", [])
    if results and i % 3 == 1:
        first = results[0]
        first["expected"] = not first.get("expected", bool(first.get("goals")))
    if results and i % 3 == 2:
        results[-1]["desirability"] = {"client": "undesired", "coach": "desired"}
    if i % 2 == 1:
        doc["attainment"] = [a for a in doc.get("attainment", []) if a["rater"] != "coach"]
        for e in doc.get("expectations", []):
            if e["party"] == "coach":
                e["meanings"] = ["financial"]
    doc["research_consent"] = (
        {p: "2026-10-01" for p in ("client", "sponsor") if p in doc["parties"]} if consent else {}
    )
    return doc


def import_all(docs: Iterable[dict[str, Any]]) -> list[Engagement]:
    return [engagement_import(document=d) for d in docs]


def consented_set(count: int, *, sector: str | None = None, start: int = 0) -> list[Engagement]:
    """`count` consented engagements cycling through the example and the demo documents."""
    docs = documents()
    return import_all(variant(docs[i % len(docs)], start + i, sector=sector) for i in range(count))


def summed_pairs(engagement_ids: Iterable[int]) -> dict[str, Any]:
    """The per-engagement reports' `pairs` (operator's view) added up; a list becomes a count."""
    total: dict[str, Any] = {}

    def add(into: dict[str, Any], part: dict[str, Any]) -> None:
        for key, value in part.items():
            if isinstance(value, dict):
                add(into.setdefault(key, {}), value)
            else:
                n = len(value) if isinstance(value, list) else value
                into[key] = into.get(key, 0) + n

    for engagement_id in engagement_ids:
        add(total, report_for(engagement_id=engagement_id, viewer=None)["pairs"])
    return total


def reports(engagements: Iterable[Engagement]) -> list[dict[str, Any]]:
    return [report_for(engagement_id=e.pk, viewer=None) for e in engagements]


# ---------------------------------------------------------------- who is included


@pytest.mark.django_db
def test_only_engagements_with_every_consent_are_included() -> None:
    docs = documents()
    both = engagement_import(document=variant(docs[0], 1))
    none = engagement_import(document=variant(docs[0], 2, consent=False))
    client_only = variant(docs[0], 3)
    client_only["research_consent"] = {"client": "2026-10-01"}
    client_only = engagement_import(document=client_only)
    no_sponsor = next(d for d in docs if "sponsor" not in d["parties"])
    alone = engagement_import(document=variant(no_sponsor, 4))

    assert set(included_engagements()) == {both, alone}
    assert none not in included_engagements() and client_only not in included_engagements()


@pytest.mark.django_db
def test_an_engagement_without_consent_is_in_no_aggregate() -> None:
    docs = documents()
    kept = import_all(variant(d, i) for i, d in enumerate(docs))
    before = stats(k=None)
    import_all(variant(d, 10 + i, consent=False) for i, d in enumerate(docs))

    after = stats(k=None)
    assert after == before
    assert after["engagements"] == len(kept)
    assert after["pairs"] == summed_pairs(e.pk for e in kept)


@pytest.mark.django_db
def test_withdrawn_consent_removes_the_engagement_from_every_aggregate() -> None:
    docs = documents()
    kept = import_all(variant(d, i) for i, d in enumerate(docs))
    leaving = engagement_import(document=variant(docs[1], 9))
    with_it = stats(k=None)
    assert with_it["engagements"] == len(kept) + 1

    research_consent_withdraw(engagement=leaving, party="sponsor")

    without = stats(k=None)
    assert without["engagements"] == len(kept)
    assert without["pairs"] == summed_pairs(e.pk for e in kept)
    assert without["results"] == with_it["results"] - leaving.results.count()
    assert without["gas"] != with_it["gas"] or without["roi"] != with_it["roi"]


# ---------------------------------------------------------------- the sums


@pytest.mark.django_db
def test_pairs_equal_the_sum_of_the_reports_pairs() -> None:
    engagements = consented_set(9)

    figures = stats(k=None)

    assert figures["engagements"] == 9
    assert figures["pairs"] == summed_pairs(e.pk for e in engagements)
    assert figures["results"] == sum(v for v in figures["pairs"]["expected"].values())
    assert figures["suppressed"] == []


@pytest.mark.django_db
def test_the_counts_with_k_are_those_without() -> None:
    """With k the cells are counted another way (each with its engagements); k=1 hides
    nothing, so both ways must give the same figures."""
    consented_set(8)

    plain, with_k = stats(k=None), stats(k=1)

    assert with_k["suppressed"] == []
    assert {**with_k, "k": None} == plain


@pytest.mark.django_db
def test_gas_histograms_hold_each_engagements_t_score_per_rater() -> None:
    engagements = consented_set(8)
    expected: dict[str, list[float]] = {"client": [], "coach": [], "sponsor": []}
    for report in reports(engagements):
        for rater, scores in expected.items():
            if report["gas"][rater] is not None:
                scores.append(report["gas"][rater])

    gas = stats(k=None)["gas"]

    for rater, scores in expected.items():
        counts = [0] * (len(GAS_EDGES) + 1)
        for t in scores:
            counts[bin_index(t, GAS_EDGES)] += 1
        assert gas["raters"][rater]["counts"] == counts
        assert gas["raters"][rater]["engagements"] == len(scores)
        if scores:
            assert gas["raters"][rater]["mean"] == pytest.approx(sum(scores) / len(scores), 0.01)
    assert sum(gas["raters"]["coach"]["counts"]) < sum(gas["raters"]["client"]["counts"])


@pytest.mark.django_db
def test_roi_distribution_counts_each_engagement_with_costs_as_its_report_does() -> None:
    engagements = consented_set(8)
    rois = [r["roi"]["roi_percent"] for r in reports(engagements)]
    known = sorted(x for x in rois if x is not None)
    counts = [0] * 5
    for x in known:
        counts[roi_bin(x)] += 1

    roi = stats(k=None)["roi"]

    assert roi["engagements"] == len(known) > 0
    assert roi["counts"] == counts
    middle = len(known) // 2
    median = known[middle] if len(known) % 2 else (known[middle - 1] + known[middle]) / 2
    assert roi["median_percent"] == pytest.approx(median, abs=0.01)


@pytest.mark.django_db
def test_closing_and_divergence_count_engagements_as_their_reports_do() -> None:
    engagements = consented_set(8)
    rs = reports(engagements)

    figures = stats(k=None)

    for status in ("held", "declined", "not_held", "planned"):
        expected = sum(1 for r in rs if r["closing"] and r["closing"]["status"] == status)
        assert figures["closing"][status] == expected
    assert figures["closing"]["none"] == sum(1 for r in rs if r["closing"] is None)
    divergent = sum(1 for r in rs if r["alignment"]["divergent"])
    assert figures["meanings"]["divergent"] == divergent
    for meaning, row in figures["meanings"]["by_meaning"].items():
        named = [r for r in rs if any(meaning in m for m in r["alignment"]["meanings"].values())]
        assert row["named_in"] == len(named), meaning
        shared = sum(1 for r in named if meaning in r["alignment"]["shared"])
        assert row["diverging"] == len(named) - shared, meaning


@pytest.mark.django_db
def test_attribution_bins_count_every_judgement_with_a_share() -> None:
    engagements = consented_set(6)
    documents_judged = sum(
        1
        for e in engagements
        for result in e.results.all()
        for j in result.judgements.all()
        if j.share is not None
    )

    attribution = stats(k=None)["attribution"]["parties"]

    assert sum(sum(p["counts"]) for p in attribution.values()) == documents_judged > 0
    assert sum(p["judgements"] for p in attribution.values()) == documents_judged


@pytest.mark.django_db
def test_a_share_times_confidence_on_a_bin_edge_falls_in_the_bin_above() -> None:
    document = variant(documents()[0], 1)
    for result in document["results"]:
        result["attribution"] = {}
    # 0.5 x 0.4 is exactly 0.2: the second bin, [0.2, 0.4), not the first.
    document["results"][0]["attribution"] = {"client": {"share": 0.5, "confidence": 0.4}}
    import_all([document])

    counts = stats(k=None)["attribution"]["parties"]["client"]["counts"]

    assert counts == [0, 1, 0, 0, 0]


# ---------------------------------------------------------------- filters


@pytest.mark.django_db
def test_filters_narrow_the_engagements_by_period_sector_sessions_and_topic() -> None:
    docs = documents()
    example = engagement_import(document=variant(docs[0], 1, sector="Zorg"))  # 4 sessions
    others = import_all(variant(d, 2 + i, sector="ICT") for i, d in enumerate(docs[1:]))
    first_session = example.sessions.order_by("held_on").first()
    assert first_session is not None

    def ids(**kw: Any) -> set[int]:
        return set(included_engagements(**kw).values_list("pk", flat=True))

    assert ids(sector="Zorg") == {example.pk}
    assert ids(topic="onderhandelen") >= {example.pk}
    assert ids(topic="no such topic") == set()
    assert example.pk in ids(sessions_min=4, sessions_max=4)
    assert example.pk not in ids(sessions_min=5)
    assert example.pk in ids(since=first_session.held_on, until=first_session.held_on)
    assert example.pk not in ids(since=first_session.held_on + dt.timedelta(days=1))
    assert len(ids()) == 1 + len(others)
    assert stats(Filters(sector="Zorg"), k=None)["engagements"] == 1


@pytest.mark.django_db
def test_the_period_falls_back_to_the_intake_without_sessions() -> None:
    doc = variant(documents()[0], 1)
    doc["sessions"] = []
    engagement = engagement_import(document=doc)
    intake = dt.date.fromisoformat(doc["intake"]["date"])

    assert list(included_engagements(since=intake, until=intake)) == [engagement]
    assert not included_engagements(since=intake + dt.timedelta(days=1)).exists()


# ---------------------------------------------------------------- suppression


@pytest.mark.django_db
def test_a_filter_leaving_fewer_than_k_engagements_suppresses_the_cells() -> None:
    consented_set(6, sector="ICT")
    consented_set(2, sector="Zorg", start=20)

    wide = stats(Filters(sector="ICT"), k=5)
    narrow = stats(Filters(sector="Zorg"), k=5)

    assert wide["engagements"] == 6
    assert wide["pairs"]["expected"]["expected"] is not None
    assert narrow["engagements"] is None
    assert narrow["pairs"]["expected"]["expected"] is None
    assert narrow["pairs"]["desirability"]["client"]["desired"] is None
    assert narrow["gas"]["raters"]["client"]["counts"] == [None] * (len(GAS_EDGES) + 1)
    assert "pairs.expected.expected" in narrow["suppressed"]
    assert narrow["rates"]["unexpected"] is None
    # The operator, without k, sees the same small group in full.
    assert stats(Filters(sector="Zorg"), k=None)["engagements"] == 2


@pytest.mark.django_db
def test_a_cell_from_fewer_than_k_engagements_is_suppressed_though_the_total_is_not() -> None:
    docs = documents()
    # Only the example has a result the client finds undesired... in one engagement.
    engagements = import_all(variant(docs[3], i) for i in (3, 6, 9, 12, 15))
    odd = variant(docs[0], 0)
    odd["results"][0]["desirability"]["client"] = "undesired"
    engagements.append(engagement_import(document=odd))

    figures = stats(k=5)
    open_figures = stats(k=None)

    assert figures["engagements"] == 6
    assert open_figures["pairs"]["desirability"]["client"]["undesired"] >= 1
    assert figures["pairs"]["desirability"]["client"]["undesired"] is None
    assert "pairs.desirability.client.undesired" in figures["suppressed"]
    assert figures["pairs"]["desirability"]["client"]["desired"] is not None


@pytest.mark.django_db
def test_a_difference_of_two_shown_figures_is_suppressed_when_its_group_is_small() -> None:
    example = documents()[0]
    docs = [variant(example, i) for i in (0, 2, 4, 6, 8, 10)]  # the coach's meanings kept
    for expectation in docs[0]["expectations"]:
        expectation["meanings"] = sorted({*expectation["meanings"], "effect"})
    import_all(docs)

    effect = stats(k=5)["meanings"]["by_meaning"]["effect"]
    in_full = stats(k=None)["meanings"]["by_meaning"]["effect"]

    assert in_full == {**in_full, "named_in": 6, "diverging": 5, "shared": 1}
    assert effect["named_in"] == 6 and effect["diverging"] == 5
    assert effect["shared"] is None


@pytest.mark.django_db
def test_filters_offer_only_sectors_and_topics_that_k_engagements_share() -> None:
    consented_set(5, sector="ICT")
    consented_set(2, sector="Zorg", start=10)

    assert sector_choices(k=5) == ["ICT"]
    assert sector_choices(k=None) == ["ICT", "Zorg"]
    common = topic_choices(k=5)
    every = topic_choices(k=None)
    assert set(common) < set(every)
    for topic in common:
        assert included_engagements(topic=topic).count() >= 5


@pytest.mark.django_db
def test_consent_given_back_after_withdrawal_counts_again() -> None:
    engagement = consented_set(1)[0]
    ResearchConsent.objects.filter(engagement=engagement, party="client").update(
        withdrawn_on=dt.date(2026, 11, 1)
    )
    assert stats(k=None)["engagements"] == 0
    ResearchConsent.objects.filter(engagement=engagement, party="client").update(withdrawn_on=None)
    assert stats(k=None)["engagements"] == 1


def test_the_typed_figures_name_every_party() -> None:
    # `Desirability` has a key per party; `rates` reads them by these literal keys.
    assert PARTY_KEYS == PARTIES
