"""The terms of the contract, as the coach proposes them."""

from decimal import Decimal

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from oogst.vocabulary import SponsorView

SPONSOR_VIEW_HINT = {
    SponsorView.GOALS: _("The goals, and which results achieve them."),
    SponsorView.SESSIONS_HELD: _(
        "How many sessions were held, and when; never their topics or anyone's notes."
    ),
    SponsorView.ATTAINMENT: _(
        "The levels the client and the coach say each goal reached. Not by default: "
        "it takes effect only once the client accepts."
    ),
}


class ContractForm(forms.Form):
    sessions_planned = forms.IntegerField(
        label=_("Sessions planned"),
        min_value=1,
        max_value=500,
        initial=12,
        error_messages={"min_value": _("Plan at least one session.")},
    )
    costs_amount = forms.DecimalField(
        label=_("Costs"),
        help_text=_("What the coaching costs in total, as you propose it."),
        required=False,
        min_value=Decimal(0),
        max_digits=12,
        decimal_places=2,
        error_messages={"min_value": _("The costs cannot be negative.")},
    )
    currency = forms.CharField(
        label=_("Currency"),
        help_text=_("Three letters, e.g. EUR."),
        initial="EUR",
        max_length=3,
        validators=[
            RegexValidator(r"^[A-Za-z]{3}$", _("Enter a currency as three letters, e.g. EUR."))
        ],
    )
    sponsor_may_see = forms.MultipleChoiceField(
        label=_("What the sponsor may see"),
        help_text=_(
            "The sponsor always reads the contract and the results the client shares. "
            "A result's text is never shown to the sponsor without the client's consent."
        ),
        choices=SponsorView.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    rho = forms.DecimalField(
        label=_("Correlation between goals (rho)"),
        help_text=_(
            "Used in the goal attainment T-score; 0.3 unless you have a reason to change it. "
            "At least 0 and less than 1."
        ),
        initial=Decimal("0.3"),
        min_value=Decimal(0),
        max_value=Decimal("0.999"),
        max_digits=4,
        decimal_places=3,
    )
