"""`oogst generate`: synthetic engagements, deterministic, valid, varied, mostly consented."""

import json
from collections import Counter
from collections.abc import Iterable
from io import StringIO
from typing import Any

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from oogst.engagements.models import Engagement
from oogst.harvest.selectors import report_for
from oogst.harvest.snapshot import engagement_with_everything, snapshot
from oogst.interchange.services import engagement_export
from oogst.interchange.validation import validate
from oogst.measures import model as m
from oogst.progress import Progress
from oogst.research.generate import engagements_generate
from oogst.research.generate.plan import engagement_plan, population
from oogst.research.models import ResearchConsent
from oogst.research.selectors import included_engagements

pytestmark = pytest.mark.django_db

N, SEED = 20, 3


def generate(*args: str) -> tuple[list[int], str, str]:
    """Run the command; the ids of the engagements it added, its stdout and stderr."""
    before = set(Engagement.objects.values_list("id", flat=True))
    out, err = StringIO(), StringIO()
    call_command("generate", *args, stdout=out, stderr=err)
    added = sorted(set(Engagement.objects.values_list("id", flat=True)) - before)
    return added, out.getvalue(), err.getvalue()


def snapshots(ids: Iterable[int]) -> list[m.Engagement]:
    return [snapshot(engagement_with_everything(i)) for i in ids]


def summed_pairs(ids: Iterable[int]) -> Counter[str]:
    """The staff view's `pairs` of every engagement, flattened and summed."""
    total: Counter[str] = Counter()
    for engagement_id in ids:
        pairs = report_for(engagement_id=engagement_id, viewer=None)["pairs"]
        pairs["desirability"]["disagreements"] = len(pairs["desirability"]["disagreements"])
        total.update(_flat(pairs))
    return total


def _flat(tree: dict[str, Any], prefix: str = "") -> dict[str, int]:
    out: dict[str, int] = {}
    for key, value in tree.items():
        if isinstance(value, dict):
            out.update(_flat(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = value
    return out


def test_the_same_seed_gives_the_same_engagements_whatever_the_batch_size() -> None:
    first, out, _ = generate("--engagements", str(N), "--seed", str(SEED))
    second, _, _ = generate("--engagements", str(N), "--seed", str(SEED), "--batch", "7")

    assert len(first) == len(second) == N
    assert snapshots(first) == snapshots(second)
    assert summed_pairs(first) == summed_pairs(second)
    assert f"Generated {N} engagements (seed {SEED})" in out


def test_another_seed_gives_other_engagements() -> None:
    first, _, _ = generate("--engagements", str(N), "--seed", str(SEED))
    other, _, _ = generate("--engagements", str(N), "--seed", str(SEED + 1))

    assert summed_pairs(first) != summed_pairs(other)


def test_a_second_run_reuses_the_people_and_organisations() -> None:
    people = population(count=N, seed=SEED)
    first = engagements_generate(count=N, seed=SEED)
    second = engagements_generate(count=N, seed=SEED, batch=3)

    assert first.rows["accounts_user"] > 0
    assert "accounts_user" not in second.rows
    assert "engagements_organisation" not in second.rows
    assert {k: v for k, v in first.rows.items() if k not in second.rows} == {
        "accounts_user": first.rows["accounts_user"],
        "engagements_organisation": first.rows["engagements_organisation"],
    }
    assert {k: first.rows[k] for k in second.rows} == dict(second.rows)
    # Coaches serve several engagements: fewer coaches than engagements.
    coaches = {engagement_plan(people, i).engagement.parties["coach"] for i in range(N)}
    assert len(coaches) < N


def test_every_side_of_every_pair_occurs() -> None:
    ids, _, _ = generate("--engagements", str(N), "--seed", str(SEED))
    totals = summed_pairs(ids)

    sides = [key for key in totals if key != "intended_achieved.goals"]
    assert sides == [
        "intended_achieved.goals_achieved",
        "intended_achieved.results_linked",
        "intended_achieved.results_unlinked",
        "expected.expected",
        "expected.unexpected",
        *(
            f"desirability.{party}.{side}"
            for party in m.PARTIES
            for side in ("desired", "undesired", "neutral", "unjudged")
        ),
        "desirability.disagreements",
        "beneficiary.client",
        "beneficiary.organisation",
        "beneficiary.both",
        "evidence.observable",
        "evidence.explicable",
    ]
    assert all(totals[key] > 0 for key in sides), totals
    # Goals both achieved and open.
    assert 0 < totals["intended_achieved.goals_achieved"] < totals["intended_achieved.goals"]
    results = totals["expected.expected"] + totals["expected.unexpected"]
    assert 4 * N <= results <= 8 * N  # about six per engagement


def test_generated_engagements_are_valid_documents_and_valid_rows() -> None:
    ids, _, _ = generate("--engagements", str(N), "--seed", str(SEED))

    for engagement_id in ids:
        assert validate(engagement_export(engagement_id=engagement_id)) == []
    checked = 0
    for app in ("engagements", "contracting", "results", "closing", "research", "accounts"):
        for model in apps.get_app_config(app).get_models():
            for row in model._default_manager.all():
                # Choices, lengths and decimal places: what the database does not check.
                row.clean_fields(exclude=["password"])
                checked += 1
    assert checked > 40 * N


def test_most_engagements_are_in_research_but_not_all() -> None:
    ids, _, _ = generate("--engagements", str(N), "--seed", str(SEED))

    included = included_engagements().filter(pk__in=ids).count()
    assert N // 2 < included < N


def test_a_larger_set_holds_every_kind_of_engagement() -> None:
    ids, _, _ = generate("--engagements", "200", "--seed", str(SEED))
    plain = snapshots(ids)

    assert Counter(e.closing.status if e.closing else "none" for e in plain).keys() == {
        "held",
        "declined",
        "not_held",
        "planned",
        "none",
    }
    private = [e for e in plain if "sponsor" not in e.parties]
    assert 0 < len(private) < len(plain) // 4
    assert {e.language for e in plain} == {"nl", "en"}
    assert len({e.sector for e in plain}) > 5
    assert sum(1 for e in plain if e.contract and e.contract.costs) > len(plain) // 2
    raters = Counter(r.rater for e in plain for r in e.attainment)
    assert set(raters) == set(m.PARTIES)
    values = [r.value for e in plain for r in e.results if r.value is not None]
    assert {v.unit for v in values} > {"EUR"}  # money and other units
    assert any(r.attribution for e in plain for r in e.results)
    assert len({g.text for e in plain for g in e.goals}) > 15
    assert len({t for e in plain for s in e.sessions for t in s.topics}) > 15
    consents = ResearchConsent.objects.filter(engagement_id__in=ids)
    assert consents.filter(withdrawn_on__isnull=False).exists()
    sponsored_without_consent = [
        e for e in plain if "sponsor" in e.parties and "sponsor" not in e.research_consent
    ]
    assert sponsored_without_consent


def test_stats_over_generated_engagements_equal_their_summed_pairs() -> None:
    generate("--engagements", str(N), "--seed", str(SEED))
    out = StringIO()
    call_command("research", "stats", "--format", "json", stdout=out)
    figures = json.loads(out.getvalue())

    included = list(included_engagements().values_list("pk", flat=True))
    assert figures["engagements"] == len(included)
    assert Counter(_flat(figures["pairs"])) == summed_pairs(included)


def test_the_progress_bar_goes_to_stderr_and_the_rate_to_stdout() -> None:
    _, out, err = generate("--engagements", "5", "--seed", "1")

    assert "5/5 engagements" in err
    assert "engagements/s" in out and "rows/s" in out
    assert "results_judgement" in out


def test_a_count_below_one_is_refused() -> None:
    with pytest.raises(CommandError, match="at least 1"):
        call_command("generate", "--engagements", "0", stdout=StringIO(), stderr=StringIO())


class _Terminal(StringIO):
    def isatty(self) -> bool:
        return True


def test_on_a_terminal_the_progress_bar_redraws_one_line() -> None:
    stream = _Terminal()
    progress = Progress(stream, total=4, unit="engagements", every=0)
    for _ in range(4):
        progress.advance()
    progress.close()

    text = stream.getvalue()
    assert text.count("\r") == 5 and text.count("\n") == 1
    assert text.rsplit("\r", 1)[1].startswith("[" + "#" * 30 + "] 4/4 engagements")


def test_into_a_file_the_progress_bar_writes_a_line_per_tenth() -> None:
    stream = StringIO()
    progress = Progress(stream, total=100, unit="documents")
    for _ in range(100):
        progress.advance()
    progress.close()

    lines = stream.getvalue().splitlines()
    assert len(lines) == 10
    assert "\r" not in stream.getvalue()
    assert lines[-1].startswith("[" + "#" * 30 + "] 100/100 documents")
