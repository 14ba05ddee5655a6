"""Pictures of the harvest: drawn from what the viewer may read, well-formed, accessible."""

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from oogst.accounts.models import User
from oogst.harvest import charts
from oogst.harvest.selectors import harvest_for
from oogst.interchange.services import engagement_import
from oogst.measures import model as m
from oogst.measures import report
from oogst.policy import Party
from tests.parties import UNSHARED_TEXT, Trio, logged_in

EXAMPLE = Path(__file__).resolve().parent.parent / "spec_copies" / "example.json"
SVG = "{http://www.w3.org/2000/svg}"
R4_TEXT = "vertrekdatum"  # a word of R4, the result the client did not share


def example(**contract: Any) -> int:
    document = json.loads(EXAMPLE.read_text())
    document["contract"].update(contract)
    return engagement_import(document=document).pk


def pictures(engagement_id: int, viewer: Party) -> dict[str, charts.Chart]:
    harvest = harvest_for(engagement_id=engagement_id, viewer=viewer)
    with translation.override("en"):
        drawn = charts.harvest_charts(harvest.view, harvest.report, viewer=viewer)
    return {c.key: c for c in drawn}


def everything(chart: charts.Chart) -> str:
    """All a person could read of a chart: picture, words and table."""
    cells = " ".join(" ".join(row) for row in (chart.head, *chart.rows))
    return " ".join((chart.svg, chart.title, chart.description, chart.empty, cells))


def parsed(chart: charts.Chart) -> ET.Element:
    return ET.fromstring(str(chart.svg))


@pytest.mark.django_db
def test_client_pictures_show_the_result_she_did_not_share() -> None:
    drawn = pictures(example(), Party.CLIENT)
    assert "R4" in drawn["goals"].svg
    assert "R4" in drawn["pairs"].svg
    assert any("R4" in row for row in drawn["sides"].rows)
    assert "R4, R5, R6" in drawn["goals"].description


@pytest.mark.django_db
def test_sponsor_pictures_leave_out_the_unshared_result_everywhere() -> None:
    drawn = pictures(example(), Party.SPONSOR)
    assert set(drawn) == {"goals", "pairs", "sides", "attainment"}
    for chart in drawn.values():
        assert "R4" not in everything(chart), chart.key
        assert R4_TEXT not in everything(chart), chart.key
    assert "R5" in drawn["pairs"].svg  # shared results are drawn
    assert drawn["goals"].description == "3 of 3 goals achieved. 2 results no goal foresaw: R5, R6."


@pytest.mark.django_db
def test_sponsor_sees_no_goal_picture_when_the_contract_hides_goals() -> None:
    drawn = pictures(example(sponsor_may_see=[]), Party.SPONSOR)
    for key in ("goals", "attainment"):
        assert drawn[key].svg == ""
        assert "The contract does not let you see the goals" in drawn[key].empty
        assert "G1" not in everything(drawn[key])
    assert drawn["pairs"].svg  # the results it may read are still drawn


@pytest.mark.django_db
@pytest.mark.parametrize("viewer", list(Party))
def test_every_picture_is_well_formed_svg_named_by_its_title_and_desc(viewer: Party) -> None:
    for chart in pictures(example(), viewer).values():
        if not chart.svg:
            assert chart.empty
            continue
        root = parsed(chart)
        assert root.tag == f"{SVG}svg"
        assert root.get("role") == "img"
        title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
        assert title is not None and desc is not None
        assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
        assert title.text == chart.title
        assert desc.text == chart.description
        assert chart.rows, chart.key  # the same facts as a table


@pytest.mark.django_db
def test_pictures_use_only_plain_svg_elements() -> None:
    allowed = {"svg", "title", "desc", "g", "rect", "circle", "path", "polygon", "line", "text"}
    for chart in pictures(example(), Party.CLIENT).values():
        tags = {e.tag.removeprefix(SVG) for e in parsed(chart).iter()}
        assert tags <= allowed, chart.key
        assert "style=" not in chart.svg and "var(" not in chart.svg


@pytest.mark.django_db
@pytest.mark.parametrize("viewer", [Party.CLIENT, Party.COACH])
def test_attainment_t_score_labels_are_the_reports(viewer: Party) -> None:
    engagement_id = example()
    gas = harvest_for(engagement_id=engagement_id, viewer=viewer).report["gas"]
    chart = pictures(engagement_id, viewer)["attainment"]
    labels = {e.get("data-rater"): e.text for e in parsed(chart).iter(f"{SVG}text")}
    labels.pop(None)
    expected = {p: f"{gas[p]:.1f}" for p in ("client", "coach", "sponsor") if gas[p] is not None}
    assert labels == expected
    assert labels == {"client": "59.1", "coach": "54.6"}  # 59.13 and 54.56 in the report
    assert chart.rows[-1] == ("T-score", "", "59.1", "54.6")


def test_open_goals_are_marked_open_and_loose_results_get_their_own_row() -> None:
    view = m.Engagement(
        title="t",
        organisation="o",
        parties={},
        goals=(m.Goal(key="G1", text="first goal"), m.Goal(key="G2", text="second goal")),
        results=(
            m.Result(key="R1", text="r", reported_by="client", source="end_report",
                     goals=("G1",), meaning="effect", expected=True, beneficiary="client",
                     evidence="explicable"),
            m.Result(key="R2", text="r", reported_by="client", source="end_report", goals=(),
                     meaning="effect", expected=False, beneficiary="client",
                     evidence="explicable"),
        ),
    )  # fmt: skip
    with translation.override("en"):
        chart = charts.goals_chart(view, report.compute(view, hidden=0))
    texts = [e.text for e in parsed(chart).iter(f"{SVG}text")]
    assert texts.count("open") == 1 and texts.count("achieved") == 1
    assert "Results no goal foresaw" in texts
    assert chart.description == "1 of 2 goals achieved. 1 result no goal foresaw: R2."
    assert chart.rows[1] == ("G2 second goal", "open", "")
    assert chart.rows[2] == ("Results no goal foresaw", "", "R2")


def test_texts_are_escaped_in_the_svg() -> None:
    text = 'Less <b>overtime</b> & "calm" <script>alert(1)</script>'
    view = m.Engagement(
        title="t", organisation="o", parties={}, goals=(m.Goal(key="G1", text=text),)
    )
    chart = charts.goals_chart(view, report.compute(view, hidden=0))
    assert "<script>" not in chart.svg and "<b>" not in chart.svg
    hover = parsed(chart).find(f"{SVG}g/{SVG}title")
    assert hover is not None and hover.text == f"G1 {text}"


# ---------------------------------------------------------------- on the page


def pictures_section(client: Client, trio: Trio, person: User) -> str:
    """The pictures in the final report (the engagement page only summarises)."""
    url = reverse("closing:final_report", args=[trio.engagement.pk])
    response = logged_in(client, person).get(url)
    assert response.status_code == 200
    html = response.content.decode()
    return html.split('id="report-pictures"', 1)[1].split("</section>", 1)[0]


def test_the_final_report_shows_the_pictures(client: Client, trio: Trio) -> None:
    section = pictures_section(client, trio, trio.alice)
    for key in ("goals", "pairs", "sides", "attainment"):
        assert f'aria-labelledby="chart-{key}-title chart-{key}-desc"' in section
    assert "1 of 2 goals achieved. 2 results no goal foresaw: R2, R3." in section
    assert UNSHARED_TEXT in section  # the client may read R2: its text is R2's hover text


def test_the_sponsors_pictures_leave_out_the_unshared_result(client: Client, trio: Trio) -> None:
    section = pictures_section(client, trio, trio.charlie)
    assert "1 of 2 goals achieved. 1 result no goal foresaw: R3." in section
    assert "R2" not in section and UNSHARED_TEXT not in section


@pytest.mark.parametrize("fragment", [False, True])
def test_the_engagement_page_draws_no_pictures(client: Client, trio: Trio, fragment: bool) -> None:
    url = reverse("closing:engagement", args=[trio.engagement.pk])
    headers = {"HX-Request": "true"} if fragment else {}
    response = logged_in(client, trio.alice).get(url, headers=headers)
    html = response.content.decode()
    assert 'class="results"' in html  # the register is there
    assert "chart-goals" not in html and 'role="img"' not in html
