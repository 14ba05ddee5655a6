"""Forms of the accounts: logging in by e-mail address, choosing the interface language."""

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from oogst.accounts.models import Language


class EmailAuthenticationForm(AuthenticationForm):
    """Django's login form; the `username` field holds the e-mail address."""

    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )

    def clean_username(self) -> str:
        # Addresses are stored in lower case (UserManager.create_user).
        return str(self.cleaned_data["username"]).strip().lower()


class LanguageForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    next = forms.CharField(required=False, widget=forms.HiddenInput)


class CoachInviteForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        error_messages={"required": _("Write the name of the coach you invite.")},
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        error_messages={
            "required": _("Write the e-mail address the invitation goes to."),
            "invalid": _("This is not an e-mail address; check it, for example name@example.com."),
        },
    )
    language = forms.ChoiceField(
        label=_("Language"), choices=Language.choices, initial=Language.DUTCH
    )
