"""The forms of the results register: a result with its distinctions, and one party's
own judgement of a result.

Short, with defaults that fit most results, so a party rarely has to click much. The
forms check only what a field can know (a number is a number); the business rules (a
value only on an observable result, a share between 0% and 100%, a confidence with
every share) live in the services, whose errors the view adds to the bound form.
"""

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from oogst.contracting.models import Goal
from oogst.results.models import Result
from oogst.service_errors import add_service_errors as put_service_errors
from oogst.vocabulary import Beneficiary, Desirability, Evidence, Meaning, Source

MEANING_HINTS = {
    Meaning.PRODUCT: _("Product: something made, such as a written career plan"),
    Meaning.EFFECT: _("Effect: a change worked towards, such as leading in a more coaching way"),
    Meaning.CONSEQUENCE: _("Consequence: follows from new behaviour, such as less overtime"),
    Meaning.OUTCOME: _("Outcome: of a negotiation or an experiment, such as a bonus paid"),
    Meaning.SUCCESS: _("Success: something reached to be proud of"),
    Meaning.PERFORMANCE: _("Performance: a target met, a better appraisal"),
    Meaning.FINANCIAL: _("Financial: money gained or saved against the costs"),
}

# How "expected" is decided: from the goal links, or the reporter says otherwise.
EXPECTED_CHOICES = [
    ("auto", _("Follows from the goals: expected if it achieves a goal, else unexpected")),
    ("expected", _("Expected, although no goal named it")),
    ("unexpected", _("Unexpected, although it achieves a goal")),
]
EXPECTED_VALUES: dict[str, bool | None] = {"auto": None, "expected": True, "unexpected": False}

SOURCE_CHOICES = [
    (Source.SESSION, Source.SESSION.label),
    (Source.CLOSING, Source.CLOSING.label),
    (Source.OTHER, Source.OTHER.label),
]

NOT_JUDGED = ""


add_service_errors = put_service_errors


class ResultForm(forms.Form):
    text = forms.CharField(
        label=_("The result, in your own words"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Describe the result in a sentence or two.")},
    )
    goal_keys = forms.MultipleChoiceField(
        label=_("Goals it achieves"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("This engagement has no goal %(value)s.")},
    )
    expected = forms.ChoiceField(
        label=_("Expected or unexpected"),
        choices=EXPECTED_CHOICES,
        initial="auto",
        widget=forms.RadioSelect,
    )
    meaning = forms.ChoiceField(
        label=_("What kind of result is it?"),
        choices=list(MEANING_HINTS.items()),
        initial=Meaning.EFFECT,
        error_messages={"required": _("Choose what kind of result this is.")},
    )
    beneficiary = forms.ChoiceField(
        label=_("For whom"),
        choices=Beneficiary.choices,
        initial=Beneficiary.CLIENT,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose for whom this is a result.")},
    )
    evidence = forms.ChoiceField(
        label=_("How can anyone tell?"),
        choices=[
            (Evidence.EXPLICABLE, _("Explicable: it shows in conversation")),
            (Evidence.OBSERVABLE, _("Observable: it can be seen or measured")),
        ],
        initial=Evidence.EXPLICABLE,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether the result is observable or explicable.")},
    )
    value_amount = forms.DecimalField(
        label=_("Value"),
        required=False,
        max_digits=14,
        decimal_places=2,
        localize=True,
        error_messages={
            "invalid": _("Give the value as a number, such as 4000 or 12.5."),
            "max_digits": _("That value is too large for the register."),
            "max_decimal_places": _("Give the value with at most two decimals."),
        },
    )
    value_unit = forms.CharField(
        label=_("Unit"),
        required=False,
        max_length=20,
        help_text=_("EUR for money, or a unit such as hours a week."),
    )
    desirability = forms.ChoiceField(
        label=_("Is it a desired result, to you?"),
        choices=Desirability.choices,
        initial=Desirability.DESIRED,
        widget=forms.RadioSelect,
    )
    source = forms.ChoiceField(
        label=_("Where was it reported?"), choices=SOURCE_CHOICES, initial=Source.OTHER
    )

    def __init__(self, *args: Any, goals: list[Goal], editing: bool = False, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.goals = goals
        self.fields["goal_keys"].choices = [(g.key, g.text) for g in goals]  # type: ignore[attr-defined]
        if editing:  # where a result was reported does not change afterwards
            del self.fields["source"]

    def add_service_errors(self, error: ValidationError) -> None:
        add_service_errors(self, error)

    def service_arguments(self) -> dict[str, Any]:
        """The cleaned values, named as `result_record` and `result_update` take them."""
        data = self.cleaned_data
        arguments = {
            "text": data["text"],
            "goal_keys": data["goal_keys"],
            "meaning": data["meaning"],
            "beneficiary": data["beneficiary"],
            "evidence": data["evidence"],
            "value_amount": data["value_amount"],
            "value_unit": data["value_unit"],
            "expected": EXPECTED_VALUES[data["expected"]],
            "desirability": data["desirability"],
        }
        if "source" in self.fields:
            arguments["source"] = data["source"]
        return arguments

    @staticmethod
    def initial_for(result: Result, desirability: str) -> dict[str, Any]:
        goal_keys = [g.key for g in result.goals.all()]
        expected = "auto"
        if result.expected != bool(goal_keys):
            expected = "expected" if result.expected else "unexpected"
        return {
            "text": result.text,
            "goal_keys": goal_keys,
            "expected": expected,
            "meaning": result.meaning,
            "beneficiary": result.beneficiary,
            "evidence": result.evidence,
            "value_amount": result.value_amount,
            "value_unit": result.value_unit,
            "desirability": desirability or Desirability.DESIRED,
        }


def _percent_field(label: Any, help_text: Any) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=False,
        max_digits=7,
        decimal_places=1,
        localize=True,
        help_text=help_text,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 5}),
        error_messages={
            "invalid": _("Give a percentage as a number from 0 to 100, such as 40."),
            "max_digits": _("Give a percentage from 0% to 100%."),
            "max_decimal_places": _("Give the percentage with at most one decimal."),
        },
    )


class JudgementForm(forms.Form):
    desirability = forms.ChoiceField(
        label=_("Is it desired, to you?"),
        choices=[*Desirability.choices, (NOT_JUDGED, _("I do not say"))],
        required=False,
        initial=Desirability.DESIRED,
        widget=forms.RadioSelect,
    )
    share = _percent_field(
        _("Share owed to the coaching (%)"),
        _("How much of this result would not be there without the coaching, 0 to 100."),
    )
    confidence = _percent_field(
        _("Your confidence in that share (%)"),
        _("How sure you are of that estimate, 0 to 100."),
    )

    def add_service_errors(self, error: ValidationError) -> None:
        add_service_errors(self, error)

    def service_arguments(self) -> dict[str, Any]:
        """The percentages as the fractions 0..1 that `judgement_record` takes."""
        return {
            "desirability": self.cleaned_data["desirability"] or NOT_JUDGED,
            "share": _fraction(self.cleaned_data["share"]),
            "confidence": _fraction(self.cleaned_data["confidence"]),
        }

    @staticmethod
    def initial_for(
        desirability: str, share: Decimal | None, confidence: Decimal | None
    ) -> dict[str, Any]:
        return {
            "desirability": desirability,
            "share": _percentage(share),
            "confidence": _percentage(confidence),
        }


def _fraction(percentage: Decimal | None) -> Decimal | None:
    if percentage is None:
        return None
    return (percentage / 100).quantize(Decimal("0.001"))


def _percentage(fraction: Decimal | None) -> Decimal | None:
    if fraction is None:
        return None
    return (fraction * 100).quantize(Decimal("0.1")).normalize() + Decimal(0)
