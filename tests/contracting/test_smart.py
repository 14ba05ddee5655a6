"""The advisory SMART check: agreement with hand labels, worked examples, the command."""

import json
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from oogst.contracting import smart
from tests.contracting.smart_accuracy import LABELLED, agreement, report, subsets
from tests.contracting.smart_goals import GOALS

REQUIRED_AGREEMENT = 0.9

# ---------------------------------------------------------------- agreement with the labels


def test_labelled_set_is_large_and_balanced() -> None:
    languages = [goal.lang for goal in GOALS]
    assert len(GOALS) >= 50
    assert abs(languages.count("nl") - languages.count("en")) <= len(GOALS) // 10


@pytest.mark.parametrize("letter", LABELLED)
@pytest.mark.parametrize("subset", ["all", "nl", "en"])
def test_agreement_with_hand_labels(subset: str, letter: str) -> None:
    assert agreement(subsets()[subset], letter) >= REQUIRED_AGREEMENT


def test_agreement_report_prints_the_figures() -> None:
    text = report()
    print("\n" + text)  # quoted by `pytest -s`
    assert text.splitlines()[1].startswith("all")


# ---------------------------------------------------------------- M: measurable


@pytest.mark.parametrize(
    ("lang", "text", "found"),
    [
        ("nl", "Ik wil het verzuim terugbrengen van 8% naar 5%.", "8%"),
        ("nl", "Ik werk hooguit 45 uur per week.", "hooguit 45"),
        ("nl", "Ik voer wekelijkse teamoverleggen in.", "wekelijkse"),
        ("nl", "Ik wil een keer per week thuiswerken.", "een keer"),
        ("nl", "Vóór de zomer rond ik één project af.", "één"),  # accented: the number
        ("nl", "Ik wil de doorlooptijd van offertes halveren.", "doorlooptijd"),
        ("nl", "De feedbackscore van mijn workshops stijgt.", "feedbackscore"),
        ("en", "I want a feedback score of at least 4 out of 5.", "score"),
        ("en", "I want to raise revenue from €2.1M to €2.5M.", "revenue"),
        ("en", "Twice a month I block an afternoon for strategy.", "Twice"),
        ("en", "I want to cut the number of meetings I attend.", "number of"),
    ],
)
def test_measure_found(lang: str, text: str, found: str) -> None:
    criterion = smart.check(text, lang).M
    assert criterion.ok
    assert found in criterion.reason
    assert criterion.suggestion == ""


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("nl", "Ik wil een betere leider worden."),  # "een" is the article here
        ("nl", "Ik wil mijn uren beter verdelen over de week."),
        ("nl", "Vóór 1 oktober 2026 wil ik rustiger zijn."),  # the numbers are a date
        ("nl", "Ik wil binnen drie maanden rustiger reageren."),  # the number is a period
        ("en", "One of my goals is to be a better listener."),
        ("en", "I want to spend less time on email."),
    ],
)
def test_no_measure(lang: str, text: str) -> None:
    criterion = smart.check(text, lang).M
    assert not criterion.ok
    assert criterion.reason == smart.TEXTS[lang]["M_no"]
    assert criterion.suggestion == smart.TEXTS[lang]["M_fix"]


# ---------------------------------------------------------------- T: time-bound


@pytest.mark.parametrize(
    ("lang", "text", "found"),
    [
        ("nl", "Ik wil binnen drie maanden rustiger reageren.", "binnen drie maanden"),
        ("nl", "Binnen twee kwartalen is de omzet gestegen.", "Binnen twee kwartalen"),
        ("nl", "Vóór 1-10-2026 heb ik een nieuwe baan.", "1-10-2026"),
        ("nl", "Uiterlijk eind van het jaar werk ik minder.", "eind van het jaar"),
        ("nl", "Ik wil het komende halfjaar leren delegeren.", "komende halfjaar"),
        ("nl", "Na de zomer stel ik duidelijker grenzen.", "Na de zomer"),
        ("nl", "Per 1 januari 2027 werk ik vier dagen.", "1 januari 2027"),
        ("nl", "In het tweede kwartaal presenteer ik mijn plan.", "tweede kwartaal"),
        ("en", "By October 1, 2026 our NPS is above 40.", "October 1, 2026"),
        ("en", "I will delegate three tasks by Q3.", "Q3"),
        ("en", "I will work on it over the next six months.", "over the next six months"),
        ("en", "Before the summer I want to feel calmer.", "Before the summer"),
        ("en", "I want to be promoted by next year.", "next year"),
        ("en", "By the end of March I have a written plan.", "end of March"),
    ],
)
def test_time_frame_found(lang: str, text: str, found: str) -> None:
    criterion = smart.check(text, lang).T
    assert criterion.ok
    assert criterion.reason == smart.TEXTS[lang]["T_ok"].format(found=f"'{found}'")


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("nl", "Ik werk maximaal 45 uur per week."),  # a frequency, not a deadline
        ("nl", "Iedere maand bespreek ik de cijfers met mijn team."),
        ("nl", "Halfjaarlijks houd ik een evaluatiegesprek."),
        ("nl", "Ik wil leren om tegen mijn directeur nee te zeggen."),
        ("en", "Every quarter I present a progress report."),
        ("en", "I want to answer customer emails within 24 hours."),
        ("en", "I want to learn when I may say no to my director."),
        ("en", "I want to be seen as a partner by the board."),
    ],
)
def test_no_time_frame(lang: str, text: str) -> None:
    criterion = smart.check(text, lang).T
    assert not criterion.ok
    assert criterion.reason == smart.TEXTS[lang]["T_no"]
    assert "binnen drie maanden" in smart.TEXTS["nl"]["T_fix"]


def test_frequency_is_measure_not_deadline() -> None:
    result = smart.check("Ik werk hooguit 45 uur per week.", "nl")
    assert (result.M.ok, result.T.ok) == (True, False)


# ---------------------------------------------------------------- S, A, R


@pytest.mark.parametrize(
    ("lang", "text", "ok"),
    [
        ("nl", "Ik wil een betere leider worden.", False),
        ("nl", "Ik wil groeien als professional.", False),
        ("nl", "In het maandagoverleg laat ik mijn teamleden eerst aan het woord.", True),
        ("en", "I want to develop my leadership skills.", False),
        ("en", "I want to handle conflicts in my team more calmly.", True),
    ],
)
def test_specific(lang: str, text: str, ok: bool) -> None:
    criterion = smart.check(text, lang).S
    assert criterion.ok is ok
    assert (criterion.suggestion == "") is ok


def test_specific_names_the_subject_not_the_date() -> None:
    reason = smart.check("Binnen drie maanden daalt het verzuim in mijn team.", "nl").S.reason
    assert reason == "Concreet genoeg: noemt 'daalt', 'verzuim', 'team'"


@pytest.mark.parametrize(
    ("lang", "text", "ok", "found"),
    [
        ("nl", "Ik wil dat mijn team meer verantwoordelijkheid neemt.", False, "mijn team"),
        ("nl", "Mijn medewerkers moeten beter plannen.", False, "medewerkers moeten"),
        ("nl", "Ik plan mijn week op maandag.", True, "'Ik'"),
        ("en", "I want my team to take more ownership.", False, "my team to"),
        ("en", "They must report every Friday.", False, "They must"),
        ("en", "I chair the Monday meeting.", True, "'I'"),
    ],
)
def test_acceptable(lang: str, text: str, ok: bool, found: str) -> None:
    criterion = smart.check(text, lang).A
    assert criterion.ok is ok
    assert found in criterion.reason
    assert criterion.suggestion.endswith(smart.TEXTS[lang]["A_fix"])


def test_acceptable_neutral_goal() -> None:
    criterion = smart.check("Het verzuim daalt naar vijf procent.", "nl").A
    assert criterion.ok
    assert criterion.reason == smart.TEXTS["nl"]["A_neutral"]


@pytest.mark.parametrize(
    ("lang", "text", "ok", "found"),
    [
        ("nl", "Ik ga een cursus timemanagement volgen.", False, "cursus timemanagement volgen"),
        ("nl", "Ik wil nadenken over mijn loopbaan.", False, "nadenken over"),
        ("nl", "Ik ben bezig met mijn presentatievaardigheden.", False, "bezig met"),
        ("nl", "Na de cursus kan ik mijn week in een uur plannen.", True, "kan"),
        ("en", "I will take a course on negotiation.", False, "take a course"),
        ("en", "I will work on my presentation skills.", False, "work on"),
        ("en", "My goal is to talk about my career.", False, "talk about"),
        ("en", "I want to reach a score of 8.", True, "reach"),
    ],
)
def test_result_oriented(lang: str, text: str, ok: bool, found: str) -> None:
    criterion = smart.check(text, lang).R
    assert criterion.ok is ok
    assert found in criterion.reason


# ---------------------------------------------------------------- language and shape


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Ik wil groeien als professional.", "nl"),
        ("Halfjaarlijks houd ik een evaluatiegesprek met elke medewerker.", "nl"),
        ("I want to grow as a leader.", "en"),
        ("Daily, I spend 15 minutes planning my priorities.", "en"),
        ("", "nl"),
    ],
)
def test_language_is_detected(text: str, lang: str) -> None:
    assert smart.check(text).lang == lang


def test_reasons_follow_the_language() -> None:
    text = "Ik wil groeien als professional."
    assert smart.check(text).T.reason == "Geen datum, termijn of periode gevonden"
    assert smart.check(text, "en").T.reason == "No date, deadline or period found"


def test_to_dict_has_the_five_letters() -> None:
    data = smart.check("I want to grow as a leader.").to_dict()
    assert list(data) == list("SMART")
    assert all(set(entry) == {"ok", "reason", "suggestion"} for entry in data.values())


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="lang must be one of nl, en"):
        smart.check("Ik wil groeien.", "de")


def test_imports_without_django() -> None:
    code = (
        "import sys, oogst.contracting.smart as s; "
        "assert not any(m == 'django' or m.startswith('django.') for m in sys.modules); "
        "print(s.check('Binnen drie maanden', 'nl').T.ok)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env={}
    )
    assert out.stdout.strip() == "True"


# ---------------------------------------------------------------- the command


def _run(*args: str) -> str:
    out = StringIO()
    call_command("smart", *args, stdout=out)
    return out.getvalue()


def test_command_json_contract() -> None:
    data = json.loads(_run("Ik wil binnen drie maanden het verzuim halveren."))
    assert list(data) == list("SMART")
    for entry in data.values():
        assert isinstance(entry["ok"], bool)
        assert isinstance(entry["reason"], str)
        assert entry["reason"]
    assert data["T"] == {
        "ok": True,
        "reason": "Termijn gevonden: 'binnen drie maanden'",
        "suggestion": "",
    }


def test_command_detects_english() -> None:
    data = json.loads(_run("I want to grow as a leader."))
    assert data["M"]["reason"] == "No number, amount, percentage, frequency or indicator found"


def test_command_lang_option_sets_the_language() -> None:
    data = json.loads(_run("Ik wil groeien als professional.", "--lang", "en"))
    assert data["T"]["reason"] == "No date, deadline or period found"


def test_command_text_format() -> None:
    lines = _run("Ik wil een betere leider worden.", "--format", "text").splitlines()
    assert lines[0].startswith("✗ S Specifiek: ")
    assert "✓ A Acceptabel: Eigen doel van de klant: 'Ik'" in lines
    assert "    Klant, coach en opdrachtgever accepteren dit doel in het contract." in lines
    assert sum(line[0] in "✓✗" for line in lines) == 5


def test_command_refuses_empty_text() -> None:
    with pytest.raises(CommandError, match="Give the text of a goal"):
        call_command("smart", "  ")
