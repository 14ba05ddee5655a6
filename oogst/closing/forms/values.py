"""The value form: an amount and its unit for one observable result.

The form checks only that the amount is a number; whether the result may carry a value
(it must be observable) and who may enter it, the service decides.
"""

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from oogst.service_errors import add_service_errors as put_service_errors


class ValueForm(forms.Form):
    amount = forms.DecimalField(
        label=_("Amount"),
        required=False,
        max_digits=14,
        decimal_places=2,
        localize=True,
        help_text=_(
            "What the result is worth, such as 40000. A negative amount is a cost the "
            "coaching caused, such as -1500. Leave it empty to remove the value."
        ),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 12}),
        error_messages={
            "invalid": _("Give the amount as a number, such as 4000 or -12.5."),
            "max_digits": _("That amount is too large for the register."),
            "max_decimal_places": _("Give the amount with at most two decimals."),
        },
    )
    unit = forms.CharField(
        label=_("Unit"),
        required=False,
        max_length=20,
        help_text=_(
            "The contract's currency makes it money that counts in the return on investment; "
            "another unit, such as hours a week, is kept but not counted."
        ),
        widget=forms.TextInput(attrs={"size": 12}),
    )

    def amount_and_unit(self) -> tuple[Decimal | None, str]:
        """As `result_value_set` takes them: no amount clears the value (and its unit)."""
        amount = self.cleaned_data["amount"]
        return amount, self.cleaned_data["unit"] if amount is not None else ""

    def add_service_errors(self, error: ValidationError) -> None:
        """The result's `value_amount` and `value_unit` are this form's amount and unit."""
        put_service_errors(self, error, renamed={"value_amount": "amount", "value_unit": "unit"})

    @staticmethod
    def initial_for(amount: Decimal | None, unit: str, currency: str) -> dict[str, Any]:
        return {"amount": amount, "unit": unit or currency}
