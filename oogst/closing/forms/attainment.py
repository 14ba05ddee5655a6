"""The attainment form: one group of five levels per goal, each level with its description.

The form only checks that a choice is one of the five levels; whether the party may rate
at all, and which goals exist, the service decides. Its errors are keyed by goal key and
land on that goal's group here.
"""

from collections.abc import Iterator, Sequence
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from oogst.closing.services.attainment import GoalToRate
from oogst.measures.gas import LEVELS
from oogst.service_errors import add_service_errors as put_service_errors

LEVEL_NAMES = {
    -2: gettext_lazy("much less than expected"),
    -1: gettext_lazy("less than expected"),
    0: gettext_lazy("the expected level"),
    1: gettext_lazy("more than expected"),
    2: gettext_lazy("much more than expected"),
}


def signed(level: int) -> str:
    return f"+{level}" if level > 0 else str(level)


def level_label(level: int, description: str) -> str:
    """ "-2 much less than expected: works even longer weeks" (the description if any)."""
    if description:
        return _("%(level)s %(name)s: %(description)s") % {
            "level": signed(level),
            "name": LEVEL_NAMES[level],
            "description": description,
        }
    return _("%(level)s %(name)s") % {"level": signed(level), "name": LEVEL_NAMES[level]}


def field_name(goal_key: str) -> str:
    return f"level_{goal_key}"


class AttainmentForm(forms.Form):
    def __init__(self, *args: Any, goals: Sequence[GoalToRate], **kwargs: Any) -> None:
        initial = kwargs.pop("initial", None) or {}
        kwargs["initial"] = {field_name(k): v for k, v in initial.items()}
        super().__init__(*args, **kwargs)
        self.goals = tuple(goals)
        for goal in self.goals:
            self.fields[field_name(goal.key)] = forms.TypedChoiceField(
                label=goal.text,
                choices=[
                    (level, level_label(level, goal.scale.get(level, ""))) for level in LEVELS
                ],
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
                error_messages={
                    "invalid_choice": _("Choose one of the five levels, from -2 to +2."),
                },
            )

    def rows(self) -> Iterator[tuple[GoalToRate, forms.BoundField]]:
        """Each goal with its bound group of levels, for the template."""
        for goal in self.goals:
            yield goal, self[field_name(goal.key)]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.goals and not self.errors and not self.levels_from(cleaned):
            raise ValidationError(_("Choose the level reached for at least one goal."))
        return cleaned

    def levels_from(self, cleaned: dict[str, Any]) -> dict[str, int]:
        return {
            goal.key: cleaned[field_name(goal.key)]
            for goal in self.goals
            if cleaned.get(field_name(goal.key)) is not None
        }

    def levels(self) -> dict[str, int]:
        """The chosen levels by goal key, as `attainment_rate` takes them."""
        return self.levels_from(self.cleaned_data)

    def add_service_errors(self, error: ValidationError) -> None:
        """The service keys its errors by goal key; each goal's group is its own field."""
        put_service_errors(self, error, renamed=field_name)
