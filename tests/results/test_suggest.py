"""Suggesting the goals a result achieves: worked examples, the labelled figures, the command.

`pytest tests/results -s` prints the figures; `bench/suggest_goals.py` prints them with
timings.
"""

import ast
import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command, get_commands

from oogst.interchange.services import engagement_import
from oogst.results import suggest
from oogst.results.suggest import GoalText, Suggestion, likely_unexpected, rank
from tests.results import suggest_accuracy as accuracy
from tests.results.suggest_cases import ENGAGEMENTS, HELD_OUT, TUNING

EXAMPLE = Path(__file__).resolve().parent.parent / "spec_copies" / "example.json"


def top(result: str, goals: list[Any], lang: str | None = None) -> Suggestion:
    return rank(result, goals, lang)[0]


# ---------------------------------------------------------------- worked examples


def test_a_dutch_compound_matches_the_goal_that_names_its_parts() -> None:
    goals = [("G1", "Een presentatie geven op het congres"), ("G2", "Een gesprek over mijn loon")]
    best = top("De loongesprekken heb ik goed voorbereid.", goals)
    assert best.goal == "G2"
    assert "gesprek" in best.matched


def test_a_compound_in_the_goal_matches_its_parts_in_the_result() -> None:
    goals = [("G1", "Mijn werkweek terugbrengen"), ("G2", "Mijn cv herschrijven")]
    best = top("Ik neem minder werk mee naar huis en heb elke week een vrije middag.", goals)
    assert best.goal == "G1"
    assert {"werk", "week"} <= set(best.matched)


def test_a_synonym_group_links_words_that_share_no_letters() -> None:
    goals = [("G1", "Werk en privé in evenwicht brengen"), ("G2", "Beter onderhandelen")]
    best = top("Eindelijk heb ik weer balans, met tijd voor mijn gezin.", goals)
    assert best.goal == "G1"
    assert best.matched[0] == "private life"


def test_a_dutch_result_matches_an_english_goal_through_a_concept() -> None:
    goals = [("G1", "Delegate the weekly planning"), ("G2", "Cut my overtime")]
    best = top("Ik maak geen overuren meer.", goals, "nl")
    assert best.goal == "G2"
    assert "hours" in best.matched


def test_an_english_result_finds_its_goal() -> None:
    goals = [
        ("G1", "Give clear feedback to my team every month"),
        ("G2", "Negotiate a salary increase before the summer"),
        ("G3", "Sleep at least seven hours a night"),
    ]
    ranking = rank("I asked for a raise and got 8% more pay from January.", goals, "en")
    assert [s.goal for s in ranking] == ["G2", "G1", "G3"]
    assert ranking[0].matched[0] == "pay"
    assert ranking[0].score > suggest.UNEXPECTED_BELOW


def test_the_level_descriptions_lend_their_words_for_less() -> None:
    plain = [("G1", "Gezonder leven"), ("G2", "Mijn cv herschrijven")]
    scaled = [
        ("G1", "Gezonder leven", ("Ziek", "Onveranderd", "Twee keer per week sporten", "", "")),
        ("G2", "Mijn cv herschrijven"),
    ]
    result = "Ik ga weer sporten met een vriend."
    assert top(result, plain).score == 0
    with_scale = top(result, scaled)
    assert with_scale.goal == "G1"
    assert 0 < with_scale.score < top("Ik ga weer sporten.", [("G1", "Weer sporten")]).score


def test_goal_texts_accept_tuples_and_goal_texts_alike() -> None:
    as_tuples = rank("Mijn werkweek is korter", [("G1", "Minder uren"), ("G2", "Promotie")])
    as_goals = rank(
        "Mijn werkweek is korter", [GoalText("G1", "Minder uren"), GoalText("G2", "Promotie")]
    )
    assert as_tuples == as_goals


def test_an_empty_goal_list_gives_no_suggestions_and_so_unexpected() -> None:
    assert rank("Ik werk minder uren.", []) == []
    assert likely_unexpected([]) is True


def test_ties_keep_the_order_of_the_goals() -> None:
    goals = [("B", "Presenteren voor de directie"), ("A", "Presenteren voor de directie")]
    assert [s.goal for s in rank("Mijn presentatie ging goed", goals)] == ["B", "A"]
    unrelated = [("Z", "Promotie maken"), ("Y", "Beter slapen"), ("X", "Sporten")]
    assert [s.goal for s in rank("De kantine is verbouwd", unrelated)] == ["Z", "Y", "X"]


def test_a_higher_score_goes_first_whatever_the_goal_order() -> None:
    goals = [("G1", "Beter slapen"), ("G2", "Mijn werkweek terugbrengen naar 40 uur")]
    assert [s.goal for s in rank("Ik werk nu 40 uur per week", goals)] == ["G2", "G1"]


def test_scores_lie_between_0_and_1_with_three_decimals() -> None:
    for engagement in ENGAGEMENTS:
        for case in engagement.cases:
            for suggestion in rank(case.text, engagement.goals, engagement.lang):
                assert 0 <= suggestion.score <= 1
                assert round(suggestion.score, 3) == suggestion.score


def test_likely_unexpected_draws_the_line_at_the_threshold() -> None:
    line = suggest.UNEXPECTED_BELOW
    assert likely_unexpected([Suggestion("G1", round(line - 0.001, 3))]) is True
    assert likely_unexpected([Suggestion("G1", line), Suggestion("G2", 0.0)]) is False


def test_a_result_about_something_else_is_likely_unexpected() -> None:
    goals = [("G1", "Werk en privé in evenwicht brengen"), ("G2", "Coachend leidinggeven")]
    ranking = rank("Ik heb mijn rijbewijs gehaald.", goals)
    assert likely_unexpected(ranking)


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="lang must be one of nl, en"):
        rank("Ik werk minder", [("G1", "Minder werken")], "de")


def _imported(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    } | {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}


def test_the_package_imports_no_django() -> None:
    modules = sorted(Path(suggest.__file__).parent.glob("*.py"))
    names = set().union(*(_imported(path) for path in modules))
    assert len(modules) > 1
    assert not {name for name in names if name.split(".")[0] == "django"}
    ours = {name for name in names if name.startswith("oogst")}
    allowed = ("oogst.text", "oogst.measures", "oogst.results.suggest.")
    assert all(name.startswith(allowed) for name in ours), ours


# ---------------------------------------------------------------- the labelled cases


def test_the_labelled_set_is_large_enough_and_balanced() -> None:
    linked = [(e, c) for e in ENGAGEMENTS for c in e.cases if c.goal is not None]
    unlinked = [c for e in ENGAGEMENTS for c in e.cases if c.goal is None]
    assert len(linked) >= 70
    assert len(unlinked) >= 10
    dutch = sum(e.lang == "nl" for e, _ in linked)
    assert 0.4 <= dutch / len(linked) <= 0.6
    for engagement, case in linked:
        assert case.goal in {key for key, *_ in engagement.goals}, case.text
    assert all(3 <= len(e.goals) <= 5 for e in ENGAGEMENTS)
    assert TUNING + HELD_OUT == ENGAGEMENTS
    assert len(HELD_OUT) * 3 == len(ENGAGEMENTS)


def test_figures_over_the_labelled_cases(capsys: pytest.CaptureFixture[str]) -> None:
    table = accuracy.subsets()
    with capsys.disabled():
        print("\n" + accuracy.report(verbose=False))
    every = accuracy.figures(table["all"])
    assert every.top1 >= 0.75
    assert every.top2 >= every.top1
    assert every.precision >= 0.7
    assert every.recall >= 0.7
    for language in ("nl", "en"):
        assert accuracy.figures(table[language]).top1 >= 0.75, language


def test_the_held_out_engagements_are_not_far_behind() -> None:
    held_out = accuracy.figures(accuracy.subsets()["held-out"])
    assert held_out.top1 >= 0.75
    assert held_out.recall >= 0.5


def test_the_project_documents_link_as_their_authors_did() -> None:
    documents = accuracy.figures(accuracy.document_outcomes())
    assert documents.cases >= 10
    assert documents.top1 >= 0.75


# ---------------------------------------------------------------- the command


def run(*args: object) -> str:
    out = StringIO()
    call_command("suggest-goals", *map(str, args), stdout=out)
    return out.getvalue()


@pytest.fixture
def example_id(db: None) -> int:
    document = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    return engagement_import(document=document).pk


def test_the_command_is_called_suggest_goals() -> None:
    assert get_commands()["suggest-goals"] == "oogst.results"


@pytest.mark.django_db
def test_json_lists_every_goal_best_first(example_id: int) -> None:
    rows = json.loads(run(example_id, "Ik werk nu gemiddeld 44 uur en heb mijn weekenden vrij"))
    assert rows[0]["goal"] == "G1"
    assert sorted(row["goal"] for row in rows) == ["G1", "G2", "G3"]
    assert [set(row) for row in rows] == [{"goal", "score", "matched"}] * 3
    scores = [row["score"] for row in rows]
    assert scores == sorted(scores, reverse=True)
    assert all(isinstance(score, float) for score in scores)
    assert "hours" in rows[0]["matched"]


@pytest.mark.django_db
def test_json_in_english_with_a_given_language(example_id: int) -> None:
    rows = json.loads(run(example_id, "I chose to stay in my job", "--lang", "en"))
    assert rows[0]["goal"] == "G3"
    assert rows[0]["matched"][0] == "career"


@pytest.mark.django_db
def test_text_ranks_the_goals_and_flags_an_unexpected_result(example_id: int) -> None:
    out = run(example_id, "Ik heb mijn rijbewijs gehaald", "--format", "text")
    lines = out.splitlines()
    assert lines[0].startswith("1. G1 0.000  Werk en privé weer in evenwicht brengen")
    assert len([line for line in lines if line[:1].isdigit()]) == 3
    assert lines[-1].startswith("Probably unexpected")


@pytest.mark.django_db
def test_text_does_not_flag_a_result_that_matches(example_id: int) -> None:
    out = run(example_id, "Ik heb besloten in mijn functie te blijven", "--format", "text")
    assert out.splitlines()[0].startswith("1. G3 ")
    assert "Probably unexpected" not in out


@pytest.mark.django_db
def test_an_unknown_engagement_is_an_error_with_exit_status_1() -> None:
    with pytest.raises(CommandError, match="There is no engagement with id 999") as raised:
        run(999, "Iets")
    assert raised.value.returncode == 1
