"""The forms of practice research: proposing a good practice, reviewing one, and
searching the approved ones.

The forms check what a field can know; the rules (consent, known result keys, limits on
topics) live in `services.practices`, whose errors the view adds to the bound form.
"""

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from oogst.research.models import GoodPractice
from oogst.research.practice_selectors import ResultChoice
from oogst.service_errors import add_service_errors as put_service_errors
from oogst.vocabulary import Beneficiary, Evidence, Meaning

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise as StrOrPromise


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """The service's `topics` are the form's `other_topics`."""
    put_service_errors(form, error, renamed={"topics": "other_topics"})


class PracticeForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_("What another coach would look for, such as: Learning to negotiate a role."),
        error_messages={"required": _("Give the practice a title.")},
    )
    summary = forms.CharField(
        label=_("Summary for publication"),
        max_length=6000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "What made this engagement work, written for other coaches and researchers. "
            "Do not name people, the organisation or anything that points to them."
        ),
        error_messages={"required": _("Write a summary of what made this engagement work.")},
    )
    result_keys = forms.MultipleChoiceField(
        label=_("Results you attribute to the coaching"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose at least one result you attribute to the coaching."),
            "invalid_choice": _("This engagement has no result %(value)s."),
        },
    )
    suggested_topics = forms.MultipleChoiceField(
        label=_("Topics from the sessions"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    other_topics = forms.CharField(
        label=_("Other topics"),
        required=False,
        max_length=600,
        help_text=_("Separate topics with commas, such as: negotiating, boundaries."),
    )

    def __init__(
        self,
        *args: Any,
        results: Sequence[ResultChoice],
        session_topics: Sequence[str],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.results = {r.key: r for r in results}
        self.fields["result_keys"].choices = [(r.key, r.text) for r in results]  # type: ignore[attr-defined]
        self.fields["suggested_topics"].choices = [(t, t) for t in session_topics]  # type: ignore[attr-defined]

    @classmethod
    def initial_for(cls, practice: GoodPractice, session_topics: Sequence[str]) -> dict[str, Any]:
        suggested = [t for t in practice.topics if t in session_topics]
        return {
            "title": practice.title,
            "summary": practice.summary,
            "result_keys": practice.result_keys,
            "suggested_topics": suggested,
            "other_topics": ", ".join(t for t in practice.topics if t not in suggested),
        }

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        others = [t for t in data["other_topics"].split(",") if t.strip()]
        return {
            "title": data["title"],
            "summary": data["summary"],
            "result_keys": data["result_keys"],
            "topics": [*data["suggested_topics"], *others],
        }


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", _("Approve")), ("reject", _("Reject"))],
        error_messages={
            "required": _("Choose whether to approve or reject the practice."),
            "invalid_choice": _("Choose whether to approve or reject the practice."),
        },
    )

    @property
    def approve(self) -> bool:
        return bool(self.cleaned_data["decision"] == "approve")


def _any(label: "StrOrPromise", choices: Sequence[tuple[str, Any]]) -> list[tuple[str, Any]]:
    return [("", label), *choices]


class PracticeSearchForm(forms.Form):
    """The filters over approved practices (GET); an unknown value filters nothing."""

    q = forms.CharField(label=_("Search the titles and summaries"), required=False)
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    meaning = forms.ChoiceField(
        label=_("Kind of result"),
        required=False,
        choices=_any(_("any kind"), Meaning.choices),
    )
    beneficiary = forms.ChoiceField(
        label=_("For whom"),
        required=False,
        choices=_any(_("anyone"), Beneficiary.choices),
    )
    evidence = forms.ChoiceField(
        label=_("How anyone can tell"),
        required=False,
        choices=_any(_("either way"), Evidence.choices),
    )

    def __init__(self, *args: Any, topics: Sequence[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = _any(_("any topic"), [(t, t) for t in topics])  # type: ignore[attr-defined]

    def filters(self) -> dict[str, str]:
        self.is_valid()  # a value that is not offered (a stale link) filters nothing
        return {name: str(self.cleaned_data.get(name) or "").strip() for name in self.fields}
