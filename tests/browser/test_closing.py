"""Closing an engagement in a real browser, each party in its own.

The demo engagement (Kompas Software) is imported without its closing conversation, its
attainment ratings and the value of R7. The coach plans the closing conversation and
records it as held, with minutes on two agenda items; each party rates the goals in its own
login and sees its T-score; the sponsor puts a value on R7 (an observable result for the
organisation) and the return on investment on the engagement page follows. All three read
the minutes; each downloads the final report as a PDF, and the sponsor's copy lacks every
result the client did not share, which the client's copy holds.
"""

import json
import math
import re
import subprocess
import unicodedata
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import BrowserContext, Locator, Page, expect

from oogst.accounts.models import User
from oogst.closing.models import ClosingConversation
from oogst.engagements.models import Engagement
from tests.conftest import ARTIFACTS

DEMO = Path(__file__).resolve().parents[2] / "oogst" / "interchange" / "demo" / "kompas.json"
PASSWORD = "oogst-closing-test-5813"
PARTIES = ("client", "coach", "sponsor")
MINUTES = ("MINUTES-ONE-XYZ", "MINUTES-TWO-XYZ")
CONCLUSIONS = "CONCLUSIONS-XYZ: the sponsor and the client meet again in six months."
VALUED = "R7"  # observable, for the organisation, reported by the coach, shared
VALUE = Decimal(12000)
# The levels each party chooses, per goal (the sponsor may see the goals: default contract).
LEVELS = {
    "client": {"G1": 1, "G2": 1, "G3": 2, "G4": 0},
    "coach": {"G1": 1, "G2": 0, "G3": 1, "G4": 1},
    "sponsor": {"G1": 0, "G2": 0, "G3": 1, "G4": 1},
}


def squashed(text: str) -> str:
    """Text without whitespace or hyphens: pdftotext wraps (and may hyphenate) lines."""
    text = unicodedata.normalize("NFKC", text)  # ligatures such as "ﬁ" back to letters
    return re.sub(r"[\s\-\u00ad\u2010\u2011]+", "", text)


def t_score(levels: list[int], rho: float) -> float:
    """GAS T-score with weights 1 (Kiresuk & Sherman), as DOMAIN.md gives it."""
    n = len(levels)
    return 50 + 10 * sum(levels) / math.sqrt((1 - rho) * n + rho * n**2)


@pytest.fixture
def demo(transactional_db: None) -> tuple[dict[str, Any], Engagement, dict[str, str]]:
    """The demo engagement before its close; returns (document, engagement, e-mail per party)."""
    from oogst.interchange.services import engagement_import

    document = json.loads(DEMO.read_text(encoding="utf-8"))
    document.pop("closing")  # not held yet: the coach plans and records it
    document.pop("attainment")  # nobody has rated yet: each T-score appears on rating
    valued = next(r for r in document["results"] if r["key"] == VALUED)
    assert valued["evidence"] == "observable" and valued["beneficiary"] == "organisation"
    assert valued["shared_with_sponsor"] and valued["value"]["unit"] == "EUR"
    valued["value"] = None  # the sponsor enters it
    engagement = engagement_import(document=document)
    emails = {}
    for party, person in document["parties"].items():
        user = User.objects.get(email=person["email"])
        user.set_password(PASSWORD)
        user.language = "en"
        user.save()
        emails[party] = user.email
    assert set(emails) == set(PARTIES)
    return document, engagement, emails


def log_in(context: BrowserContext, base_url: str, email: str) -> Page:
    page = context.new_page()
    page.goto(base_url + reverse("accounts:login"))
    page.locator("input[name=username]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(lambda url: reverse("accounts:login") not in url)
    return page


def url(base: str, name: str, engagement: Engagement, *args: Any) -> str:
    return base + reverse(name, args=[engagement.pk, *args])


def text_of(page: Page) -> str:
    return re.sub(r"\s+", " ", page.locator("body").inner_text())


def shot(page: Page | Locator, name: str) -> None:
    """The whole page, or just one part of it (a locator)."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = str(ARTIFACTS / f"closing-{name}.png")
    if isinstance(page, Page):
        page.screenshot(path=path, full_page=True)
        return
    # A clip of the full page: an element screenshot would scroll, and the sticky section
    # navigation would then cover the element's top; from the top of the page it does not.
    page.page.evaluate("window.scrollTo(0, 0)")
    box = page.evaluate(
        "e => { const r = e.getBoundingClientRect();"
        " return {x: r.x + scrollX, y: r.y + scrollY, width: r.width, height: r.height}; }"
    )
    page.page.screenshot(path=path, full_page=True, clip=box)


def benefits(page: Page, base: str, engagement: Engagement) -> str:
    """The benefits as the attainment page shows them (with the return, in full)."""
    page.goto(url(base, "closing:attainment", engagement))
    figure = page.locator("#measures [data-figure=benefits]")
    expect(figure).to_be_visible()
    return figure.inner_text().strip()


def amount_of(figure: str) -> Decimal:
    """ "€4,260" (English) as a number."""
    return Decimal(re.sub(r"[^\d.\-]", "", figure))


def pdf_text(page: Page, base: str, engagement: Engagement, party: str) -> str:
    page.goto(url(base, "closing:final_report", engagement))
    shot(page, f"final-report-{party}")
    with page.expect_download() as info:
        page.get_by_role("link", name="Download PDF").click()
    download = info.value
    assert download.suggested_filename.endswith(".pdf"), download.suggested_filename
    data = Path(download.path()).read_bytes()
    assert data.startswith(b"%PDF"), f"{party}: the download is no PDF"
    done = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True
    )
    return done.stdout.decode("utf-8")


def test_coach_records_the_closing_parties_rate_sponsor_values_and_each_keeps_a_report(
    live_server: Any,
    new_context: Callable[..., BrowserContext],
    demo: tuple[dict[str, Any], Engagement, dict[str, str]],
) -> None:
    document, engagement, emails = demo
    base = live_server.url
    pages = {party: log_in(new_context(), base, emails[party]) for party in PARTIES}
    coach, client, sponsor = pages["coach"], pages["client"], pages["sponsor"]
    today = timezone.localdate().isoformat()

    # ---- The coach plans the closing conversation.
    coach.goto(url(base, "closing:conversation", engagement))
    expect(coach.locator("#status")).to_contain_text("No closing conversation has been planned")
    coach.get_by_role("link", name="Plan the conversation").click()
    coach.get_by_label("Planned for").fill(today)
    coach.get_by_role("button", name="Save the date").click()
    coach.wait_for_url(url(base, "closing:conversation", engagement))
    expect(coach.locator("body")).to_contain_text("The closing conversation is planned.")
    expect(coach.locator("#status .badge--status")).to_have_class(re.compile("badge--planned"))

    # ---- ... and records it as held: minutes on two agenda items, who came, conclusions.
    coach.get_by_role("link", name="Record it as held").click()
    coach.get_by_label("Held on").fill(today)
    minute_fields = coach.locator(".minute-field textarea")
    assert minute_fields.count() >= 2, "the sponsor's agenda should hold at least two items"
    names = []
    for field, minute in zip((minute_fields.nth(0), minute_fields.nth(1)), MINUTES, strict=True):
        names.append(field.get_attribute("name"))
        field.fill(minute)
    present = coach.locator("input[name=present]")
    expect(present).to_have_count(3)
    for box in present.all():
        box.check()
    coach.get_by_label("Agreed conclusions").fill(CONCLUSIONS)
    coach.get_by_role("button", name="Save as held").click()
    coach.wait_for_url(url(base, "closing:conversation", engagement))
    expect(coach.locator("body")).to_contain_text("recorded as held")
    record = ClosingConversation.objects.get(engagement=engagement)
    assert record.status == "held" and sorted(record.present) == sorted(PARTIES)
    assert sorted(m.text for m in record.minutes.all()) == sorted(MINUTES)
    shot(coach, "conversation-coach")

    # ---- All three read the minutes, each under its own agenda item, and the conclusions.
    for party, page in pages.items():
        page.goto(url(base, "closing:conversation", engagement))
        status = page.locator("#status")
        expect(status).to_contain_text("Held on")
        expect(status).to_contain_text(CONCLUSIONS)
        for name, minute in zip(names, MINUTES, strict=True):
            assert name is not None
            _minute, kind, ref = name.split("-", 2)
            item = page.locator(f"#agenda article[aria-labelledby=agenda-shared-{kind}-{ref}]")
            expect(item.locator(".agenda-item__minute")).to_contain_text(minute)
        seen = text_of(page)
        assert all(minute in seen for minute in MINUTES), party
    shot(sponsor, "conversation-sponsor")

    # ---- Each party rates the goals in its own login and sees its own T-score appear.
    rho = document["contract"]["rho"]
    for party, page in pages.items():
        page.goto(url(base, "closing:attainment", engagement))
        own = page.locator(f"#attainment-scores td[data-rater={party}]")
        expect(own).to_have_text("not rated yet")
        for goal, level in LEVELS[party].items():
            page.locator(f'input[name="level_{goal}"][value="{level}"]').check()
        page.get_by_role("button", name="Save my ratings").click()
        page.wait_for_url(url(base, "closing:attainment", engagement))
        expect(page.locator("body")).to_contain_text("Your attainment ratings are saved.")
        expected = t_score(list(LEVELS[party].values()), rho)
        expect(own.locator(".tscore")).to_have_text(f"{expected:.2f}")
        for goal, level in LEVELS[party].items():  # the form keeps what was chosen
            expect(page.locator(f'input[name="level_{goal}"][value="{level}"]')).to_be_checked()
        shot(page, f"attainment-{party}")
    # The client reads every rater's score; the sponsor (default contract) only its own.
    client.goto(url(base, "closing:attainment", engagement))
    for party in PARTIES:
        expected = t_score(list(LEVELS[party].values()), rho)
        expect(client.locator(f"td[data-rater={party}] .tscore")).to_have_text(f"{expected:.2f}")
    sponsor.goto(url(base, "closing:attainment", engagement))
    for party in ("client", "coach"):
        expect(sponsor.locator(f"td[data-rater={party}]")).to_have_text("not visible to you")

    # ---- The sponsor puts a value on R7; the ROI on the attainment page follows.
    before = benefits(sponsor, base, engagement)
    roi = sponsor.locator("#measures .roi")
    expect(roi.locator(f"[data-roi=counted] [data-key={VALUED}]")).to_have_count(0)
    roi.locator("details.roi__excluded summary").click()
    shot(sponsor.locator("#measures"), "roi-before")
    roi.get_by_role("link", name=f"enter a value {VALUED}").click()
    sponsor.wait_for_url(url(base, "closing:result_value", engagement, VALUED))
    sponsor.get_by_label("Amount").fill(str(VALUE))
    expect(sponsor.get_by_label("Unit")).to_have_value("EUR")  # the contract's currency
    sponsor.get_by_role("button", name="Save the value").click()
    expect(sponsor.locator("body")).to_contain_text(f"The value of {VALUED} is saved.")
    after = benefits(sponsor, base, engagement)
    assert after != before, f"the benefits stayed {before!r} after the value was entered"
    counted = roi.locator(f"[data-roi=counted] [data-key={VALUED}]")
    expect(counted).to_contain_text("€12,000")
    # Conservative: the lowest share x confidence of the parties' estimates.
    attribution = next(r for r in document["results"] if r["key"] == VALUED)["attribution"]
    factor = min(
        Decimal(str(a["share"])) * Decimal(str(a["confidence"])) for a in attribution.values()
    )
    assert amount_of(after) - amount_of(before) == VALUE * factor, (before, after)
    shot(sponsor.locator("#measures"), "roi-after")

    # ---- Each party downloads its own PDF; the sponsor's lacks what the client kept.
    unshared = [
        r["text"]
        for r in document["results"]
        if not r["shared_with_sponsor"] and r["reported_by"] != "sponsor"
    ]
    shared = [r["text"] for r in document["results"] if r["shared_with_sponsor"]]
    assert len(unshared) >= 2, "the demo should have results the client did not share"
    texts = {
        party: squashed(pdf_text(page, base, engagement, party)) for party, page in pages.items()
    }
    for party, text in texts.items():
        assert squashed(document["title"]) in text, party
        assert squashed(shared[0][:40]) in text, f"{party}'s PDF lacks a shared result"
        assert squashed(MINUTES[0]) in text, f"{party}'s PDF lacks the minutes"
    for result in unshared:
        words = squashed(result[:40])
        assert words in texts["client"], f"the client's PDF lacks her result {result[:40]!r}"
        assert words in texts["coach"], f"the coach's PDF lacks {result[:40]!r}"
        assert words not in texts["sponsor"], f"the sponsor's PDF holds {result[:40]!r}"
