"""The forms of the sessions stage: logging a session, and the client's reflection.

The forms check only what a field can know (a number, a date); the business rules (a
number already taken, a date in the future) live in the services, whose errors the view
adds to the bound form.
"""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from oogst.contracting.models import Goal
from oogst.service_errors import add_service_errors as put_service_errors


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


add_service_errors = put_service_errors


def split_topics(text: str) -> list[str]:
    return [part for part in (p.strip() for p in text.split(",")) if part]


class SessionForm(forms.Form):
    number = forms.IntegerField(
        label=_("Session number"),
        min_value=1,
        max_value=999,
        error_messages={
            "required": _("Give the session a number."),
            "invalid": _("The session number is a whole number, such as 3."),
        },
    )
    held_on = forms.DateField(
        label=_("Date held"),
        widget=DateInput(),
        input_formats=["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"],
        error_messages={
            "required": _("Fill in the date the session was held."),
            "invalid": _("Enter a date such as 2026-02-02 (year-month-day)."),
        },
    )
    topics_picked = forms.MultipleChoiceField(
        label=_("Earlier topics"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    topics = forms.CharField(
        label=_("New topics"),
        required=False,
        max_length=2000,
        help_text=_("Separate topics with commas, for example: negotiating, saying no."),
        widget=forms.TextInput(attrs={"list": "topic-suggestions", "autocomplete": "off"}),
    )
    goal_keys = forms.MultipleChoiceField(
        label=_("Goals this session served"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    coach_notes = forms.CharField(
        label=_("Your notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Only you can read these notes."),
    )

    def __init__(self, *args: Any, goals: list[Goal], suggestions: list[str], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.suggestions = suggestions
        # A hint for the date picker; the service says why a later date is refused.
        self.fields["held_on"].widget.attrs["max"] = timezone.localdate().isoformat()
        self.fields["topics_picked"].choices = [(t, t) for t in suggestions]  # type: ignore[attr-defined]
        self.fields["goal_keys"].choices = [  # type: ignore[attr-defined]
            (g.key, f"{g.key} · {g.text}") for g in goals
        ]

    def all_topics(self) -> list[str]:
        """The ticked earlier topics, then the new ones as typed."""
        return [*self.cleaned_data["topics_picked"], *split_topics(self.cleaned_data["topics"])]

    def add_service_errors(self, error: ValidationError) -> None:
        """A service's ValidationError, shown at the field the person filled in."""
        add_service_errors(self, error)

    @staticmethod
    def initial_for(session: Any, suggestions: list[str]) -> dict[str, Any]:
        """The form's start values from a logged session: its topics ticked where offered."""
        offered = {s.casefold(): s for s in suggestions}
        picked = [offered[t.casefold()] for t in session.topics if t.casefold() in offered]
        typed = [t for t in session.topics if t.casefold() not in offered]
        return {
            "number": session.number,
            "held_on": session.held_on,
            "topics_picked": picked,
            "topics": ", ".join(typed),
            "goal_keys": [g.key for g in session.goals.all()],
            "coach_notes": session.coach_notes,
        }


class ReflectionForm(forms.Form):
    text = forms.CharField(
        label=_("Your reflection"),
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Write your reflection before saving.")},
    )
    shared_with_coach = forms.BooleanField(
        label=_("Share with my coach"),
        required=False,
        help_text=_(
            "Your coach reads this reflection only while this is ticked. "
            "The sponsor never reads it."
        ),
    )

    def add_service_errors(self, error: ValidationError) -> None:
        add_service_errors(self, error)
