"""Forms for starting an engagement, inviting its parties and recording the intake.

They check what a person typed; the rules about who may do what and about the parties
live in `services.py` and `oogst.policy`.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from oogst.engagements.models import Engagement

ORGANISATION_LIST = "organisation-names"
SECTOR_LIST = "sector-names"


class EngagementStartForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=300,
        help_text=_("A short name that the three parties recognise."),
        error_messages={"required": _("Give the engagement a title.")},
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=200,
        help_text=_(
            "The organisation the coaching is for. Choose one you worked with before or type "
            "a new name. For a private client, write the client's own business or "
            '"private".'
        ),
        error_messages={"required": _('Name the organisation, or write "private".')},
        widget=forms.TextInput(attrs={"list": ORGANISATION_LIST, "autocomplete": "off"}),
    )
    sector = forms.CharField(
        label=_("Sector"),
        max_length=100,
        required=False,
        help_text=_('For practice research across engagements, for example "healthcare".'),
        widget=forms.TextInput(attrs={"list": SECTOR_LIST, "autocomplete": "off"}),
    )
    language = forms.ChoiceField(
        label=_("Language of the texts"),
        choices=Engagement.Language.choices,
        initial=Engagement.Language.DUTCH,
        help_text=_("The language the parties write their expectations, goals and reports in."),
        widget=forms.RadioSelect,
    )


class InvitationForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        error_messages={"required": _("Write the name of the person you invite.")},
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        error_messages={
            "required": _("Write the e-mail address the invitation goes to."),
            "invalid": _("This is not an e-mail address; check it, for example name@example.com."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )


class IntakeForm(forms.Form):
    held_on = forms.DateField(
        label=_("Date of the intake"),
        required=False,
        input_formats=["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"],
        error_messages={
            "invalid": _("This is not a date that exists. Enter it as, for example, 2026-03-14.")
        },
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    question = forms.CharField(
        label=_("The client's question"),
        required=False,
        help_text=_("In the client's own words, as far as possible. The client reads this."),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    notes = forms.CharField(
        label=_("Intake notes"),
        required=False,
        help_text=_("Only you can read these, never the client or the sponsor."),
        widget=forms.Textarea(attrs={"rows": 8}),
    )
