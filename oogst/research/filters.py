"""The research filters as a form: period, sector, number of sessions, session topic.

The sector and topic lists offer only values that at least k included engagements share
(`selectors.sector_choices` / `topic_choices`): a rarer value could single out an
organisation or a person, and is refused if typed into the URL by hand.
"""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from oogst.research.aggregates import Filters
from oogst.research.selectors import sector_choices, topic_choices


class FilterForm(forms.Form):
    since = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("By the date of the first session, else the intake."),
    )
    until = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    sessions_min = forms.IntegerField(label=_("At least"), required=False, min_value=0)
    sessions_max = forms.IntegerField(label=_("At most"), required=False, min_value=0)
    topic = forms.ChoiceField(label=_("Session topic"), required=False)

    def __init__(self, *args: Any, k: int | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        everything = [("", _("all"))]
        sector = self.fields["sector"]
        topic = self.fields["topic"]
        assert isinstance(sector, forms.ChoiceField) and isinstance(topic, forms.ChoiceField)
        sector.choices = everything + [(s, s) for s in sector_choices(k=k)]
        topic.choices = everything + [(t, t) for t in topic_choices(k=k)]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", _("The end of the period lies before its start."))
        low, high = data.get("sessions_min"), data.get("sessions_max")
        if low is not None and high is not None and low > high:
            self.add_error("sessions_max", _("The most sessions cannot be fewer than the least."))
        return data

    def filters(self) -> Filters:
        """The valid filters (call after is_valid())."""
        d = self.cleaned_data
        return Filters(
            since=d.get("since"),
            until=d.get("until"),
            sector=d.get("sector") or None,
            sessions_min=d.get("sessions_min"),
            sessions_max=d.get("sessions_max"),
            topic=d.get("topic") or None,
        )
