"""Proposing a sponsor once the contract is in force: the person and the terms with it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from oogst.contracting.forms.contract import ContractForm
from oogst.engagements.forms import InvitationForm


class PartyChangeForm(InvitationForm):
    """The person (name, e-mail), what the sponsor may see, the costs, and why."""

    sponsor_may_see = ContractForm.base_fields["sponsor_may_see"]
    costs_amount = ContractForm.base_fields["costs_amount"]
    currency = ContractForm.base_fields["currency"]
    reason = forms.CharField(
        label=_("Why"),
        required=False,
        max_length=2000,
        help_text=_("For example: the HR contact has left. The client reads this."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
