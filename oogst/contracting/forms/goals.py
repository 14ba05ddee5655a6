"""The goal form (the coach writes goals before the contract is in force) and the
amendment form (the same fields, prefilled, with a reason, once it is in force)."""

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from oogst.contracting.models import Goal

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise as StrOrPromise


# The model's labels ("-2: much less than expected" ...), so the words are the same
# everywhere a scale is shown.
def _goal_label(name: str) -> "StrOrPromise":
    """The label of a field of Goal, as the model names it (translated when shown)."""
    field = Goal._meta.get_field(name)
    assert isinstance(field, models.Field)
    return field.verbose_name


LEVEL_LABELS = {name: _goal_label(name) for name in Goal.LEVEL_FIELDS.values()}
BASELINE_CHOICES = [
    ("", _("not known")),
    *((str(level), LEVEL_LABELS[name]) for level, name in Goal.LEVEL_FIELDS.items()),
]


def _level_field(label: "StrOrPromise") -> forms.CharField:
    return forms.CharField(label=label, required=False, widget=forms.Textarea(attrs={"rows": 2}))


class GoalForm(forms.Form):
    text = forms.CharField(
        label=_("Goal"),
        help_text=_(
            "What should be reached, by when, and how anyone can tell. "
            "The SMART check below is advice; it never stops you from saving."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write the goal: it cannot be empty.")},
    )
    weight = forms.DecimalField(
        label=_("Weight"),
        help_text=_("How much this goal counts in the attainment score; 1 unless agreed."),
        initial=Decimal(1),
        max_digits=6,
        decimal_places=2,
        error_messages={"invalid": _("Enter the weight as a number, e.g. 1 or 1.5.")},
    )
    level_minus_2 = _level_field(LEVEL_LABELS["level_minus_2"])
    level_minus_1 = _level_field(LEVEL_LABELS["level_minus_1"])
    level_0 = _level_field(LEVEL_LABELS["level_0"])
    level_plus_1 = _level_field(LEVEL_LABELS["level_plus_1"])
    level_plus_2 = _level_field(LEVEL_LABELS["level_plus_2"])
    baseline = forms.TypedChoiceField(
        label=_("Level at the start"),
        help_text=_("Where the client stands now on this scale, if known."),
        choices=BASELINE_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
    )
    due = forms.DateField(
        label=_("Due date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter a real date, e.g. 2026-09-30.")},
    )

    LEVEL_FIELDS = tuple(LEVEL_LABELS)

    def __init__(self, *args: Any, smart_url: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if smart_url:
            # The advisory SMART check follows the typing (htmx); without JavaScript it
            # shows on the goals page after saving.
            self.fields["text"].widget.attrs.update(
                {
                    "hx-post": smart_url,
                    "hx-trigger": "input changed delay:500ms",
                    "hx-target": "#smart-check",
                    "hx-swap": "innerHTML",
                }
            )

    def clean_weight(self) -> Decimal:
        weight: Decimal = self.cleaned_data["weight"]
        if weight <= 0:
            raise forms.ValidationError(
                _("The weight must be greater than 0."), code="not_positive"
            )
        return weight

    def clean_text(self) -> str:
        text: str = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("Write the goal: it cannot be empty."), code="required")
        return text

    def goal_values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.fields if name != "reason"}

    @property
    def level_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.LEVEL_FIELDS]

    @classmethod
    def initial_from(cls, goal: Goal) -> dict[str, Any]:
        initial = {name: getattr(goal, name) for name in cls.base_fields if name != "reason"}
        initial["baseline"] = "" if goal.baseline is None else str(goal.baseline)
        return initial


class AmendmentForm(GoalForm):
    reason = forms.CharField(
        label=_("Why the goal should change"),
        help_text=_("Every party reads this before accepting the amendment."),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say why the goal should change.")},
    )
