"""The form in which a party states what it means by "result" and what it expects."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from oogst.vocabulary import Meaning, Party


class ExpectationForm(forms.Form):
    # Always the viewer's own party in the page; the service refuses any other (403).
    party = forms.TypedChoiceField(
        choices=Party.choices, required=False, widget=forms.HiddenInput, empty_value=None
    )
    meanings = forms.MultipleChoiceField(
        label=_("What you mean by “result”"),
        help_text=_("Tick every meaning you have in mind; there is no wrong answer."),
        choices=Meaning.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    text = forms.CharField(
        label=_("What you expect from the engagement"),
        help_text=_("In your own words: what should be different at the end, and for whom?"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("meanings") and not (data.get("text") or "").strip():
            raise forms.ValidationError(
                _("Choose at least one meaning of “result” or write what you expect."),
                code="empty",
            )
        return data
