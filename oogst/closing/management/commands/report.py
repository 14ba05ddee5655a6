"""`oogst report ID`: the computed report of one engagement, as one viewer sees it.

`--format text|json` print the computed report; `--format html|pdf` the final report, the
document a party keeps (html to standard output unless `--output FILE`; pdf needs a file).
"""

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from oogst.closing.final_report import render_html, render_pdf
from oogst.engagements.models import Engagement
from oogst.harvest.selectors import report_for
from oogst.measures.shapes import Alignment, ClosingLine, Gas, Pairs, Report, Roi
from oogst.policy import Party

FORMATS = ("text", "json")
DOCUMENT_FORMATS = ("html", "pdf")


class Command(BaseCommand):
    help = (
        "Print the computed report of one engagement, or write its final report as HTML or "
        "PDF: as the operator (everything) or, with --as, as the client, coach or sponsor "
        "sees it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("engagement_id", type=int, metavar="ID", help="the engagement's id")
        parser.add_argument(
            "--as",
            dest="viewer",
            choices=[party.value for party in Party],
            default=None,
            help="the party whose view to report (default: the operator, who sees everything)",
        )
        parser.add_argument(
            "--format",
            default="text",
            help="text (default) or json: the computed report; html or pdf: the final report",
        )
        parser.add_argument(
            "--output",
            metavar="FILE",
            default=None,
            help="write the html or pdf final report to FILE (pdf needs it; html defaults "
            "to standard output)",
        )
        parser.add_argument(
            "--lang",
            choices=[code for code, _name in settings.LANGUAGES],
            default=None,
            help="the language of the html or pdf final report (default: the engagement's)",
        )

    def handle(self, *args: Any, engagement_id: int, viewer: str | None, **options: Any) -> None:
        output = options["format"]
        if output not in FORMATS + DOCUMENT_FORMATS:
            raise CommandError(f"Unknown format `{output}`; use --format text, json, html or pdf.")
        if output == "pdf" and not options["output"]:
            raise CommandError(
                "A PDF is not written to the terminal: add --output FILE, e.g. "
                f"--output oogst-{engagement_id}.pdf."
            )
        found = Engagement.objects.filter(pk=engagement_id).values_list("title", "language").first()
        if found is None:
            raise CommandError(f"There is no engagement with id {engagement_id}.")
        title, language = found
        party = Party(viewer) if viewer else None
        if output in DOCUMENT_FORMATS:
            lang = options["lang"] or (language if language in dict(settings.LANGUAGES) else None)
            self._document(output, engagement_id, party, lang or settings.LANGUAGE_CODE, options)
            return
        report = report_for(engagement_id=engagement_id, viewer=party)
        if output == "json":
            self.stdout.write(json.dumps(report, indent=2, ensure_ascii=False))
        else:
            self.stdout.write(
                as_text(report, title=title, engagement_id=engagement_id, viewer=viewer)
            )

    def _document(
        self, output: str, engagement_id: int, party: Party | None, lang: str, options: Any
    ) -> None:
        target = Path(options["output"]) if options["output"] else None
        if output == "pdf":
            pdf, _filename = render_pdf(engagement_id=engagement_id, viewer=party, lang=lang)
            assert target is not None
            _write(target, pdf)
            self.stderr.write(f"Wrote {target} ({len(pdf)} bytes).")
            return
        html = render_html(engagement_id=engagement_id, viewer=party, lang=lang, standalone=True)
        if target is None:
            self.stdout.write(html)
        else:
            _write(target, html.encode())
            self.stderr.write(f"Wrote {target} ({len(html.encode())} bytes).")


def _write(target: Path, data: bytes) -> None:
    try:
        target.write_bytes(data)
    except OSError as error:
        raise CommandError(f"Cannot write {target}: {error.strerror or error}.") from error


def as_text(report: Report, *, title: str, engagement_id: int, viewer: str | None) -> str:
    """The report as a short plain-text summary in English."""
    lines = [
        f"Report: {title} (engagement {engagement_id})",
        f"Viewer: {viewer or 'operator (sees everything)'}",
    ]
    if viewer:
        lines.append(f"Results hidden from this viewer: {report['hidden']}")
    lines += ["", "Goals"]
    for goal in report["goals"]:
        results = ", ".join(goal["results"]) or "none"
        ratings = ", ".join(f"{rater} {level:+d}" for rater, level in goal["attainment"].items())
        lines.append(
            f"  {goal['key']}: {goal['status']}; results: {results}; "
            f"attainment: {ratings or 'not rated'}"
        )
    if not report["goals"]:
        lines.append("  (none)")
    lines += ["", "The five distinctions", *_pairs(report["pairs"])]
    lines += ["", "Alignment of expectations", *_alignment(report["alignment"])]
    lines += ["", "Goal attainment (GAS T-scores)", *_gas(report["gas"])]
    lines += ["", "Return on investment", *_roi(report["roi"])]
    lines += ["", "Closing conversation", *_closing(report["closing"])]
    lines += ["", "Agenda of the closing conversation"]
    lines += [f"  {i}. {item['kind']}: {item['ref']}" for i, item in enumerate(report["agenda"], 1)]
    if not report["agenda"]:
        lines.append("  (empty)")
    return "\n".join(lines)


def _pairs(pairs: Pairs) -> list[str]:
    ia, ex, de = pairs["intended_achieved"], pairs["expected"], pairs["desirability"]
    be, ev = pairs["beneficiary"], pairs["evidence"]
    lines = [
        f"  1. intended/achieved: {ia['goals']} goals, {ia['goals_achieved']} achieved; "
        f"{ia['results_linked']} results linked to a goal, {ia['results_unlinked']} not",
        f"  2. expected/unexpected: {ex['expected']} expected, {ex['unexpected']} unexpected",
        "  3. desirability:",
    ]
    for party in ("client", "coach", "sponsor"):
        c = de[party]
        lines.append(
            f"       {party}: {c['desired']} desired, {c['undesired']} undesired, "
            f"{c['neutral']} neutral, {c['unjudged']} not judged"
        )
    lines.append(f"       disagreements: {', '.join(de['disagreements']) or 'none'}")
    lines += [
        f"  4. for whom: {be['client']} for the client, {be['organisation']} for the "
        f"organisation, {be['both']} for both",
        f"  5. evidence: {ev['observable']} observable, {ev['explicable']} explicable",
    ]
    return lines


def _alignment(alignment: Alignment) -> list[str]:
    lines = [
        f"  {party}: {', '.join(meanings) or '-'}"
        for party, meanings in alignment["meanings"].items()
    ]
    if not lines:
        lines.append("  no party stated expectations")
    lines.append(f"  shared by all: {', '.join(alignment['shared']) or 'none'}")
    lines.append(f"  divergent: {'yes' if alignment['divergent'] else 'no'}")
    return lines


def _gas(gas: Gas) -> list[str]:
    scores = ", ".join(
        f"{party} {gas[party] if gas[party] is not None else '-'}"
        for party in ("client", "coach", "sponsor")
    )
    return [f"  {scores} (rho {gas['rho']}; 50 means as expected)"]


def _roi(roi: Roi) -> list[str]:
    if roi["costs"] is None:
        return ["  no costs agreed: nothing counts"]
    return [
        f"  costs {roi['costs']}, benefits {roi['benefits']}, ROI {roi['roi_percent']}%, "
        f"benefit-cost ratio {roi['bcr']}",
        f"  counted: {', '.join(roi['counted']) or 'none'}",
    ]


def _closing(closing: ClosingLine | None) -> list[str]:
    if closing is None:
        return ["  none recorded"]
    status = closing["status"].replace("_", " ")
    if closing["by"]:
        status += f" by the {closing['by']}"
    lines = [f"  {status}" + (f" on {closing['date']}" if closing["date"] else "")]
    if closing["notes"]:
        lines.append(f"  notes: {closing['notes']}")
    return lines
