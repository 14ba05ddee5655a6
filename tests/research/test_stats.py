"""`oogst research stats`: the aggregates as JSON on the command line, as the operator."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from oogst.interchange.services import engagement_import
from tests.research.test_aggregates import consented_set, documents, summed_pairs, variant


def run(*args: str) -> dict:
    out = StringIO()
    call_command("research", "stats", *args, stdout=out)
    return json.loads(out.getvalue())


@pytest.mark.django_db
def test_stats_json_equals_the_sum_of_the_imported_engagements_pairs() -> None:
    engagements = consented_set(8)
    engagement_import(document=variant(documents()[1], 99, consent=False))

    figures = run("--format", "json")

    assert figures["engagements"] == 8
    assert figures["pairs"] == summed_pairs(e.pk for e in engagements)
    assert isinstance(figures["pairs"]["desirability"]["disagreements"], int)
    assert figures["pairs"]["desirability"]["disagreements"] > 0
    assert figures["k"] is None and figures["suppressed"] == []


@pytest.mark.django_db
def test_stats_is_unsuppressed_unless_k_is_given() -> None:
    consented_set(3)

    assert run("--format", "json")["engagements"] == 3
    suppressed = run("--format", "json", "--k", "5")
    assert suppressed["engagements"] is None
    assert suppressed["pairs"]["expected"]["expected"] is None
    assert run("--format", "json", "--k", "3")["engagements"] == 3


@pytest.mark.django_db
def test_stats_period_is_by_the_first_session() -> None:
    engagements = consented_set(4)
    firsts = sorted(e.sessions.order_by("held_on").first().held_on for e in engagements)

    since = firsts[-1].isoformat()
    assert run("--format", "json", "--since", since)["engagements"] == firsts.count(firsts[-1])
    until = firsts[0].isoformat()
    assert run("--until", until)["engagements"] == firsts.count(firsts[0])
    assert run("--since", since, "--until", since)["filters"] == {"since": since, "until": since}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--since", "2026-13-01"), "is not a date"),
        (("--k", "0"), "at least 1"),
        (("--format", "csv"), "Unknown format"),
        (("--since", "2026-05-01", "--until", "2026-04-01"), "before --since"),
    ],
)
def test_stats_refuses_bad_arguments_with_a_clear_message(
    args: tuple[str, ...], message: str
) -> None:
    with pytest.raises(CommandError, match=message):
        run(*args)
