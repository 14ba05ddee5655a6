"""The ROI section: exactly which results counted, with the figures, and why every other
result did not; over what the viewer may read, with links only for who may enter a value."""

import json
import re
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from oogst.accounts.models import User
from oogst.closing.services.values import RoiBreakdown, roi_breakdown
from oogst.engagements.models import Engagement
from oogst.harvest.cut import visible_to
from oogst.interchange.services import engagement_import
from oogst.measures.model import Engagement as Engagement_
from oogst.measures.model import Value
from oogst.policy import Facts, Party
from tests.measures.build import attribution, contract, engagement, result
from tests.measures.example_engagement import example_engagement
from tests.parties import logged_in

EXAMPLE = Path(__file__).resolve().parent.parent / "spec_copies" / "example.json"
EMAILS = {
    "client": "sanne@noordlicht.example",
    "coach": "pieter@dekkercoaching.example",
    "sponsor": "marieke@noordlicht.example",
}


def breakdown(
    viewer: Party, view: Engagement_ | None = None, *, closed: bool = False
) -> RoiBreakdown:
    snapshot = view if view is not None else example_engagement()
    seen, _ = visible_to(snapshot, viewer)
    facts = Facts(viewer=viewer, closed=closed)
    return roi_breakdown(seen, engagement_id=1, viewer=viewer, facts=facts)


# ---------------------------------------------------------------- pure, on the spec example


def test_the_spec_example_counts_r6_at_the_sponsors_estimate() -> None:
    roi = breakdown(Party.COACH)
    assert (roi.costs, roi.benefits, roi.roi_percent, roi.bcr) == (
        Decimal(3600),
        Decimal(7200),
        Decimal(100),
        Decimal(2),
    )
    [r6] = roi.counted
    # Sponsor 0.3 x 0.6 = 0.18 is below the coach's 0.5 x 0.5 = 0.25: the sponsor's counts.
    assert (r6.key, r6.amount, r6.share, r6.confidence) == (
        "R6",
        Decimal(40000),
        Decimal("0.3"),
        Decimal("0.6"),
    )
    assert r6.contribution == Decimal(7200)
    assert r6.parties == ("sponsor",)
    assert not r6.is_cost


def test_the_spec_example_says_why_every_other_result_did_not_count() -> None:
    roi = breakdown(Party.COACH)
    assert [(x.key, x.reason) for x in roi.excluded] == [
        ("R1", "no_value"),
        ("R2", "no_value"),
        ("R3", "no_value"),
        ("R4", "no_value"),
        ("R5", "not_for_organisation"),
    ]


def test_the_sponsors_breakdown_covers_only_what_it_may_read() -> None:
    roi = breakdown(Party.SPONSOR)
    assert [line.key for line in roi.counted] == ["R6"]
    assert [x.key for x in roi.excluded] == ["R1", "R2", "R3", "R5"]  # R4 is not shared


def test_links_to_enter_a_value_follow_the_policy() -> None:
    def valuable(viewer: Party) -> set[str]:
        roi = breakdown(viewer)
        return {x.key for x in (*roi.counted, *roi.excluded) if x.may_value}

    # Only R5 and R6 are observable. The coach values both; the sponsor both (R5 is
    # shared, R6 its own); the client only R5, her own.
    assert valuable(Party.COACH) == {"R5", "R6"}
    assert valuable(Party.SPONSOR) == {"R5", "R6"}
    assert valuable(Party.CLIENT) == {"R5"}
    # A closed engagement offers nobody a link.
    assert {x.key for x in breakdown(Party.COACH, closed=True).counted if x.may_value} == set()


def test_a_cost_counts_at_the_highest_estimate() -> None:
    view = engagement(
        contract=contract(1000),
        results=(
            result(
                "R1",
                evidence="observable",
                beneficiary="organisation",
                value=Value(Decimal(-500), "EUR"),
                attribution={
                    "client": attribution("0.2", "0.5"),
                    "coach": attribution("0.8", "0.5"),
                },
            ),
        ),
    )
    [line] = breakdown(Party.COACH, view).counted
    assert (line.parties, line.contribution, line.is_cost) == (("coach",), Decimal(-200), True)


def test_equal_estimates_name_every_party_that_gave_it() -> None:
    view = engagement(
        contract=contract(1000),
        results=(
            result(
                "R1",
                evidence="observable",
                beneficiary="both",
                value=Value(Decimal(100), "EUR"),
                attribution={"client": attribution("0.5", "1"), "coach": attribution("1", "0.5")},
            ),
        ),
    )
    assert breakdown(Party.COACH, view).counted[0].parties == ("client", "coach")


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"value": Value(Decimal(100), "USD")}, "other_currency"),
        ({"attribution": {}}, "no_attribution"),
        ({"beneficiary": "client"}, "not_for_organisation"),
        ({"value": None}, "no_value"),
    ],
)
def test_each_reason_is_given(changes: dict, reason: str) -> None:
    counted = result(
        "R1",
        evidence="observable",
        beneficiary="organisation",
        value=Value(Decimal(100), "EUR"),
        attribution={"client": attribution("1", "1")},
    )
    view = engagement(contract=contract(1000), results=(replace(counted, **changes),))
    roi = breakdown(Party.COACH, view)
    assert [(x.key, x.reason) for x in roi.excluded] == [("R1", reason)]


def test_without_costs_nothing_counts_and_says_so() -> None:
    roi = breakdown(Party.COACH, replace(example_engagement(), contract=None))
    assert roi.costs is None and roi.counted == ()
    assert {x.reason for x in roi.excluded} == {"no_costs"}


# ---------------------------------------------------------------- on the engagement page


@pytest.fixture
def imported(db: None) -> Engagement:
    return engagement_import(document=json.loads(EXAMPLE.read_text(encoding="utf-8")))


def section(client: Client, engagement: Engagement, party: str) -> str:
    person = User.objects.get(email=EMAILS[party])
    # The return is shown in full on the attainment page (the overview summarises).
    response = logged_in(client, person).get(reverse("closing:attainment", args=[engagement.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    return html.split('id="roi"')[1].split("</section>")[0]


def listed(html: str, which: str) -> list[tuple[str, str]]:
    part = html.split(f'data-roi="{which}"')[1].split("</ul>")[0]
    return re.findall(r'data-key="(\w+)"(?:\s+data-reason="(\w+)")?', part)


def test_the_page_lists_exactly_what_counted_and_why_the_rest_did_not(
    client: Client, imported: Engagement
) -> None:
    html = section(client, imported, "coach")
    assert listed(html, "counted") == [("R6", "")]
    assert listed(html, "excluded") == [
        ("R1", "no_value"),
        ("R2", "no_value"),
        ("R3", "no_value"),
        ("R4", "no_value"),
        ("R5", "not_for_organisation"),
    ]
    assert "€40,000 × share 30% × confidence 60% = €7,200" in html
    assert "Estimate used: sponsor." in html
    assert "It is explicable: it shows in conversation and carries no money value." in html
    assert "It is a result for the client alone" in html
    assert "it never counts an unmonetised result" in html
    for figure in ("€3,600", "€7,200", "100%", "2.00"):
        assert figure in html


def test_the_sponsors_page_leaves_out_what_it_may_not_read(
    client: Client, imported: Engagement
) -> None:
    html = section(client, imported, "sponsor")
    assert [k for k, _ in listed(html, "excluded")] == ["R1", "R2", "R3", "R5"]
    assert "vertrekdatum" not in html  # R4's text


def test_enter_a_value_links_appear_only_where_the_policy_allows(
    client: Client, imported: Engagement
) -> None:
    def links(party: str) -> set[str]:
        html = section(client, imported, party)
        return set(re.findall(r"/results/(\w+)/value/", html))

    assert links("coach") == {"R5", "R6"}
    assert links("client") == {"R5"}


def test_the_sponsor_preview_offers_no_links(client: Client, imported: Engagement) -> None:
    person = User.objects.get(email=EMAILS["coach"])
    html = (
        logged_in(client, person)
        .get(reverse("results:sponsor_preview", args=[imported.pk]))
        .content.decode()
    )
    roi = html.split('id="roi"')[1].split("</section>")[0]
    assert [k for k, _ in listed(roi, "excluded")] == ["R1", "R2", "R3", "R5"]
    assert "/value/" not in roi
