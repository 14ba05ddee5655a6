"""Forms of the accounts: logging in by e-mail address, choosing the interface language,
the profile."""

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from oogst.accounts.models import Language, User


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


class ProfileForm(forms.ModelForm[User]):
    """A person's own profile: their name, language and whether they get reminders."""

    reminders = forms.TypedChoiceField(
        label=_("Reminders"),
        choices=[
            ("1", _("On: remind me of what still waits for me")),
            ("0", _("Off: no reminders, only the messages that something happened")),
        ],
        coerce=lambda value: value in (True, "1", "True"),
        widget=forms.RadioSelect,
        help_text=_(
            "An open step is reminded after a week, then weekly, at most three times. "
            "A coach also gets a weekly overview of what waits for whom."
        ),
        error_messages={"required": _("Choose whether you want reminders.")},
    )

    class Meta:
        model = User
        fields = ("name", "language", "reminders")
        error_messages = {
            "name": {"required": _("Write your name, as the other parties will see it.")},
            "language": {"required": _("Choose the language of the pages and the e-mails.")},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["reminders"] = "1" if self.instance.reminders else "0"

    def clean_name(self) -> str:
        name = str(self.cleaned_data["name"]).strip()
        if not name:
            raise forms.ValidationError(_("Write your name, as the other parties will see it."))
        return name
