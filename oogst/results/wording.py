"""How an end report is spoken of, per party: the sponsor writes a statement (DOMAIN.md),
client and coach an end report, and each reads who else will read it.

The templates never compare a party's name: they take these words (translated through
the catalogue), so a sentence that differs per party is decided here, once.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from oogst.policy import Party


@dataclass(frozen=True)
class ReportWords:
    is_statement: bool  # the sponsor's report is a statement, its summary comes first
    own_heading: Promise
    intro: Promise  # what to write, and who reads it once submitted
    intro_if_sponsor: Promise | str  # added when the engagement has a sponsor
    summary_title: Promise
    other_section: Promise  # the section beyond the goals
    by: Promise  # the heading of the report, with the name of its author
    submit: Promise
    submit_question: Promise
    submit_yes: Promise
    final_readers: Promise  # who reads it once submitted
    final_if_sponsor: Promise | str  # added when the engagement has a sponsor
    shared_if_sponsor: Promise | str  # about the results it names, when there is a sponsor


_REPORT = {
    "own_heading": _("Your end report"),
    "summary_title": _("Summary"),
    "other_section": _("Beyond the goals"),
    "submit": _("Submit my end report…"),
    "submit_question": _("Submit your end report?"),
    "submit_yes": _("Yes, submit my end report"),
    "final_if_sponsor": _("The sponsor does not read your report."),
}

WORDS: dict[Party, ReportWords] = {
    Party.CLIENT: ReportWords(
        is_statement=False,
        intro=_(
            "Write down what the engagement yielded for you: goal by goal, and whatever else "
            "happened. Your draft is saved as you type and only you can read it. Once you "
            "submit it, your coach reads it too."
        ),
        intro_if_sponsor=_(
            "The sponsor does not read your report; you decide per result whether the sponsor "
            "may see it."
        ),
        by=_("The client’s end report, by %(name)s"),
        final_readers=_("You can no longer change it, and your coach can read it."),
        shared_if_sponsor=_(
            "None of them is shared with the sponsor until you decide so, result by result."
        ),
        **_REPORT,
    ),
    Party.COACH: ReportWords(
        is_statement=False,
        intro=_(
            "Write your own view of what the client achieved, goal by goal, and what else the "
            "coaching yielded. Your draft is saved as you type and only you can read it. Once "
            "you submit it, the client reads it too."
        ),
        intro_if_sponsor=_("The sponsor does not read your report."),
        by=_("The coach’s end report, by %(name)s"),
        final_readers=_("You can no longer change it, and the client can read it."),
        shared_if_sponsor="",
        **_REPORT,
    ),
    Party.SPONSOR: ReportWords(
        is_statement=True,
        own_heading=_("Your statement"),
        intro=_(
            "Add your statement: what the engagement meant for the organisation, and the "
            "results you see. Your draft is saved as you type and only you can read it. Once "
            "you submit it, the client and the coach read it."
        ),
        intro_if_sponsor="",
        summary_title=_("Statement"),
        other_section=_("Results for the organisation"),
        by=_("The sponsor’s statement, by %(name)s"),
        submit=_("Submit my statement…"),
        submit_question=_("Submit your statement?"),
        submit_yes=_("Yes, submit my statement"),
        final_readers=_("You can no longer change it, and the client and the coach can read it."),
        final_if_sponsor="",
        shared_if_sponsor="",
    ),
}


def report_words(party: str) -> ReportWords:
    return WORDS[Party(party)]
