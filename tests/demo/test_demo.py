"""The demo: its documents are valid, `oogst demo` prepares logins, and the main
engagement shows results on both sides of every pair of the essay."""

import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from oogst.accounts.models import User
from oogst.engagements.models import Engagement
from oogst.interchange import demo
from oogst.policy import Party

ESSAY = Path(__file__).resolve().parents[2].parent / "shared/seed/resultaten-van-coaching.txt"
MAIN = "kompas.json"


def _main_document() -> dict[str, Any]:
    return demo.documents()[demo.FILES.index(MAIN)]


def _run_demo() -> str:
    out = io.StringIO()
    call_command("demo", no_server=True, stdout=out)
    return out.getvalue()


def _main_report(viewer: Party | None = None) -> dict[str, Any]:
    from oogst.harvest.selectors import report_for

    engagement = Engagement.objects.get(title=_main_document()["title"])
    return report_for(engagement_id=engagement.pk, viewer=viewer)


@pytest.mark.parametrize("name", demo.FILES)
def test_demo_document_is_valid(name: str) -> None:
    validation = pytest.importorskip("oogst.interchange.validation")
    document = demo.documents()[demo.FILES.index(name)]
    assert validation.validate(document) == []


def test_the_same_coach_has_several_engagements() -> None:
    coaches = [d["parties"]["coach"]["email"] for d in demo.documents()]
    assert coaches.count(_main_document()["parties"]["coach"]["email"]) >= 2
    private = [d for d in demo.documents() if "sponsor" not in d["parties"]]
    assert private
    assert private[0]["organisation"] == "particulier"


@pytest.mark.django_db
def test_demo_creates_the_engagements_and_logins() -> None:
    output = _run_demo()
    titles = [d["title"] for d in demo.documents()]
    assert sorted(Engagement.objects.values_list("title", flat=True)) == sorted(titles)
    for label in ("klant / client", "coach / coach", "opdrachtgever / sponsor"):
        assert label in output
    assert "beheer / operator" in output
    assert "demo password" in output
    assert "http://127.0.0.1:8000/" in output

    emails = {p["email"] for d in demo.documents() for p in d["parties"].values()}
    for email in emails:
        assert email in output
        assert authenticate(username=email, password=demo.PASSWORD) is not None, email
    operator = authenticate(username=demo.OPERATOR_EMAIL, password=demo.PASSWORD)
    assert operator is not None
    assert operator.is_staff
    assert operator.is_superuser
    # Every demo coach may start an engagement; no client or sponsor may.
    coaches = {d["parties"]["coach"]["email"] for d in demo.documents()}
    for email in emails:
        assert User.objects.get(email=email).is_coach is (email in coaches), email


@pytest.mark.django_db
def test_running_the_demo_twice_duplicates_nothing() -> None:
    from django.contrib.auth import get_user_model

    _run_demo()
    engagements, users = Engagement.objects.count(), get_user_model().objects.count()
    output = _run_demo()
    assert Engagement.objects.count() == engagements == len(demo.FILES)
    assert get_user_model().objects.count() == users
    assert "Already present" in output
    assert authenticate(username=demo.OPERATOR_EMAIL, password=demo.PASSWORD) is not None


@pytest.mark.django_db
def test_the_main_engagement_covers_both_sides_of_every_pair() -> None:
    _run_demo()
    report = _main_report()
    pairs = report["pairs"]

    intended = pairs["intended_achieved"]
    assert intended["goals"] >= 3
    assert intended["goals_achieved"] > 0
    assert intended["results_linked"] > 0
    assert intended["results_unlinked"] > 0

    assert pairs["expected"]["expected"] > 0
    assert pairs["expected"]["unexpected"] > 0

    desirability = pairs["desirability"]
    assert any(desirability[p]["desired"] > 0 for p in ("client", "coach", "sponsor"))
    assert desirability["sponsor"]["undesired"] > 0
    assert desirability["client"]["undesired"] > 0
    assert desirability["disagreements"]

    for side in ("client", "organisation", "both"):
        assert pairs["beneficiary"][side] > 0, side
    assert pairs["evidence"]["observable"] > 0
    assert pairs["evidence"]["explicable"] > 0


@pytest.mark.django_db
def test_the_main_engagement_has_a_private_result_a_refusal_and_a_real_roi() -> None:
    _run_demo()
    report = _main_report()
    assert report["hidden"] == 0
    assert _main_report(Party.SPONSOR)["hidden"] >= 1
    assert report["closing"]["status"] == "declined"
    assert report["closing"]["by"] == "sponsor"
    roi = report["roi"]
    assert roi["costs"] > 0
    assert len(roi["counted"]) >= 2
    assert roi["benefits"] != 0
    assert roi["roi_percent"] not in (None, 0, -100)
    assert report["alignment"]["divergent"] is True
    raters = {r["rater"] for r in _main_document()["attainment"]}
    assert {"client", "coach"} <= raters
    goals = {g["key"] for g in _main_document()["goals"]}
    for rater in ("client", "coach"):
        rated = {r["goal"] for r in _main_document()["attainment"] if r["rater"] == rater}
        assert rated == goals, rater


def test_the_main_document_has_every_kind_of_result() -> None:
    document = _main_document()
    results = document["results"]
    assert len(results) in range(8, 11)
    reporters = {r["reported_by"] for r in results}
    assert reporters == {"client", "coach", "sponsor"}
    assert any(not r.get("shared_with_sponsor", False) for r in results)
    assert any(len(r["attribution"]) >= 2 for r in results)
    units = {r["value"]["unit"] for r in results if r.get("value")}
    assert "EUR" in units
    assert "uur/week" in units
    assert document["closing"]["status"] == "declined"
    assert document["contract"]["sessions_planned"] == 12
    assert set(document["contract"]["accepted"]) == {"client", "coach", "sponsor"}
    assert set(document["research_consent"]) == {"client", "sponsor"}
    negotiating = [s for s in document["sessions"] if any("onderhandel" in t for t in s["topics"])]
    assert len(negotiating) >= len(document["sessions"]) // 3
    assert not any("onderhandel" in g["text"].lower() for g in document["goals"])


def _texts(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for v in value.values() for t in _texts(v)]
    if isinstance(value, list):
        return [t for v in value for t in _texts(v)]
    return []


def _words(text: str) -> list[str]:
    return re.findall(r"[a-zà-ÿ]+", text.lower())


def test_no_demo_text_repeats_nine_words_of_the_essay() -> None:
    if not ESSAY.exists():
        pytest.skip(f"essay not found at {ESSAY}")
    essay = _words(ESSAY.read_text(encoding="utf-8"))
    runs = {tuple(essay[i : i + 9]) for i in range(len(essay) - 8)}
    for document in demo.documents():
        for text in _texts(document):
            words = _words(text)
            for i in range(len(words) - 8):
                assert tuple(words[i : i + 9]) not in runs, (document["title"], text)


def test_demo_files_are_plain_json() -> None:
    folder = Path(demo.__file__).parent
    assert sorted(p.name for p in folder.glob("*.json")) == sorted(demo.FILES)
    for path in folder.glob("*.json"):
        json.loads(path.read_text(encoding="utf-8"))
