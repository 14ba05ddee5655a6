"""The end report form: per goal a text and result lines, then the rest, then a summary.

The fields are named as the service names its errors (`goal-G1-text`, `goal-G1-result`,
`other-text`, `other-result`, `summary`), so a ValidationError from the service lands
next to the field the person typed in. The lengths and counts are checked by the service
alone, which also checks what the autosave sends.
"""

from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext_lazy as _

from oogst.contracting.models import Goal
from oogst.policy import Party
from oogst.results.services.end_reports import LINE_MAX_LENGTH, OTHER
from oogst.service_errors import add_service_errors as put_service_errors

GOAL_TEXT_LABEL = {
    Party.CLIENT: _("What did you achieve on this goal?"),
    Party.COACH: _("What did the client achieve on this goal, as you see it?"),
    Party.SPONSOR: _("What did you see achieved on this goal?"),
}
OTHER_LEGEND = {
    Party.CLIENT: _("What else happened that no goal named?"),
    Party.COACH: _("What else did the coaching yield that no goal named?"),
    Party.SPONSOR: _("What the organisation gained"),
}
OTHER_RESULTS_LABEL = {
    Party.CLIENT: _("Results beyond the goals"),
    Party.COACH: _("Results beyond the goals"),
    Party.SPONSOR: _("Results you see for the organisation"),
}
OTHER_TEXT_LABEL = {
    Party.CLIENT: _("Describe it in your own words"),
    Party.COACH: _("Describe it in your own words"),
}
SUMMARY_LABEL = {
    Party.CLIENT: _("In short: what did the engagement yield for you?"),
    Party.COACH: _("Your summary of the engagement"),
    Party.SPONSOR: _("What did the engagement mean for the organisation?"),
}
SUMMARY_HELP = {
    Party.CLIENT: _("A few sentences you would say to someone who asks how it went."),
    Party.COACH: _("How you look back on the engagement as its coach."),
    Party.SPONSOR: _("In your own words. The client and the coach read it once you submit."),
}


class LinesWidget(forms.Widget):
    """Several inputs of the same name; the template draws them, one per result line."""

    def value_from_datadict(self, data: Any, files: Any, name: str) -> list[str]:
        if isinstance(data, MultiValueDict):
            return data.getlist(name)
        value = data.get(name, [])
        return value if isinstance(value, list) else [value]


class LinesField(forms.Field):
    widget = LinesWidget

    def to_python(self, value: Any) -> list[str]:
        return [str(line) for line in value or []]


def _text_field(label: Any, help_text: Any = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


@dataclass
class SectionFields:
    """One part of the form: a goal (or the rest), its text and its result lines."""

    key: str
    goal: Goal | None
    legend: str
    text: forms.BoundField | None
    results: forms.BoundField
    lines: list[str]

    @property
    def anchor(self) -> str:
        return f"part-{self.key}"


class EndReportForm(forms.Form):
    def __init__(
        self,
        data: Any = None,
        *,
        party: Party,
        goals: list[Goal],
        draft: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(data, initial=self._initial(draft or {}))
        self.party = party
        self.goals = goals
        for goal in goals:
            self.fields[f"goal-{goal.key}-text"] = _text_field(GOAL_TEXT_LABEL[party])
            self.fields[f"goal-{goal.key}-result"] = LinesField(
                label=_("Results on this goal"), required=False
            )
        if party != Party.SPONSOR:
            self.fields["other-text"] = _text_field(OTHER_TEXT_LABEL[party])
        self.fields["other-result"] = LinesField(label=OTHER_RESULTS_LABEL[party], required=False)
        self.fields["summary"] = _text_field(SUMMARY_LABEL[party], SUMMARY_HELP[party])
        self.fields["summary"].widget.attrs["rows"] = 5

    @staticmethod
    def _initial(draft: dict[str, Any]) -> dict[str, Any]:
        initial: dict[str, Any] = {"summary": draft.get("summary", "")}
        for key, section in (draft.get("goals") or {}).items():
            initial[f"goal-{key}-text"] = section.get("text", "")
            initial[f"goal-{key}-result"] = section.get("results", [])
        other = draft.get(OTHER) or {}
        initial["other-text"] = other.get("text", "")
        initial["other-result"] = other.get("results", [])
        return initial

    # ------------------------------------------------------------ for the template

    def sections(self) -> list[SectionFields]:
        parts: list[tuple[str, Goal | None, str]] = [
            (g.key, g, f"goal-{g.key}") for g in self.goals
        ]
        parts.append((OTHER, None, OTHER))
        sections = []
        for key, goal, prefix in parts:
            text = self[f"{prefix}-text"] if f"{prefix}-text" in self.fields else None
            results = self[f"{prefix}-result"]
            lines = list(results.value() or []) or [""]
            legend = str(OTHER_LEGEND[self.party]) if goal is None else goal.text
            sections.append(SectionFields(key, goal, legend, text, results, lines))
        return sections

    @property
    def line_max_length(self) -> int:
        return LINE_MAX_LENGTH

    # ------------------------------------------------------------ for the service

    def to_draft(self, *, add: str | None = None) -> dict[str, Any]:
        """The draft as typed; `add` (a goal key or "other") opens one more empty line."""
        data = self.cleaned_data

        def section(prefix: str, key: str) -> dict[str, Any]:
            lines = list(data.get(f"{prefix}-result") or [])
            if add == key:
                lines.append("")
            return {"text": data.get(f"{prefix}-text", ""), "results": lines}

        return {
            "goals": {g.key: section(f"goal-{g.key}", g.key) for g in self.goals},
            OTHER: section(OTHER, OTHER),
            "summary": data.get("summary", ""),
        }

    def add_service_errors(self, error: ValidationError) -> None:
        """The service names the fields as this form does."""
        put_service_errors(self, error)
