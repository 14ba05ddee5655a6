"""The coach's forms for the closing conversation: plan it, record it as held, or record
that it was declined or did not happen.

The forms check what a field can know (a date is a date); the rules (a held conversation
is not in the future, minutes only for the sponsor's agenda, who may decline) live in
`closing.services.conversation`, whose errors the view adds to the bound form.
"""

from collections.abc import Sequence
from typing import Any, Protocol

from django import forms
from django.utils.translation import gettext_lazy as _

from oogst.closing.models import ClosingConversation
from oogst.service_errors import add_service_errors as put_service_errors
from oogst.vocabulary import ClosingStatus, Party

DATE_ERRORS = {
    "required": _("Give the date."),
    "invalid": _("Give a date such as 2026-06-15."),
}


def _date_field(label: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
        error_messages=DATE_ERRORS,
    )


add_service_errors = put_service_errors


def _party_choices(parties: Sequence[str]) -> list[tuple[str, Any]]:
    return [(p, Party(p).label) for p in parties]


class AgendaItem(Protocol):
    """An item of the sponsor's agenda as the view hands it (`harvest.agenda.Item`)."""

    @property
    def kind(self) -> str: ...

    @property
    def ref(self) -> str: ...

    @property
    def field_name(self) -> str: ...


class PlanForm(forms.Form):
    held_on = _date_field(_("Planned for"))

    @staticmethod
    def initial_for(conversation: ClosingConversation | None) -> dict[str, Any]:
        if conversation is None or conversation.status != ClosingStatus.PLANNED:
            return {}
        return {"held_on": conversation.held_on}


class RecordForm(forms.Form):
    """A held conversation: date, who was there, minutes per item, conclusions."""

    held_on = _date_field(_("Held on"))
    present = forms.MultipleChoiceField(
        label=_("Who took part"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Tick who took part in the conversation."),
            "invalid_choice": _("This engagement has no party %(value)s."),
        },
    )
    conclusions = forms.CharField(
        label=_("Agreed conclusions"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What the three of you agreed on at the end. All parties can read this."),
    )

    def __init__(
        self, *args: Any, agenda: Sequence[AgendaItem], parties: Sequence[str], **kw: Any
    ) -> None:
        super().__init__(*args, **kw)
        self.agenda = agenda
        self.fields["present"].choices = _party_choices(parties)  # type: ignore[attr-defined]
        for item in agenda:
            self.fields[item.field_name] = forms.CharField(
                label=_("Minutes on %(ref)s") % {"ref": item.ref},
                required=False,
                max_length=20000,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def minute_fields(self) -> list[tuple[AgendaItem, forms.BoundField]]:
        return [(item, self[item.field_name]) for item in self.agenda]

    @staticmethod
    def initial_for(
        conversation: ClosingConversation | None, parties: Sequence[str]
    ) -> dict[str, Any]:
        if conversation is None:
            return {"present": parties}
        initial: dict[str, Any] = {
            "held_on": conversation.held_on,
            "present": conversation.present or parties,
            "conclusions": conversation.conclusions,
        }
        for minute in conversation.minutes.all():
            initial[f"minute-{minute.kind}-{minute.ref}"] = minute.text
        return initial

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "held_on": data["held_on"],
            "present": list(data["present"]),
            "minutes": {(i.kind, i.ref): data[i.field_name] for i in self.agenda},
            "conclusions": data["conclusions"],
            "agenda": [(i.kind, i.ref) for i in self.agenda],
        }


OUTCOME_CHOICES = [
    (ClosingStatus.DECLINED, _("A party declined the conversation")),
    (ClosingStatus.NOT_HELD, _("It did not happen, although nobody declined it")),
]

OUTCOME_VALUES = frozenset(value for value, _label in OUTCOME_CHOICES)


class DeclineForm(forms.Form):
    """The conversation did not take place: declined by a party, or simply not held."""

    outcome = forms.ChoiceField(
        label=_("What happened?"),
        choices=OUTCOME_CHOICES,
        initial=ClosingStatus.DECLINED,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what happened.")},
    )
    by = forms.ChoiceField(
        label=_("Declined by"),
        required=False,
        help_text=_("Only when a party declined."),
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose the party of this engagement that declined.")},
    )
    reason = forms.CharField(
        label=_("Why"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "In a sentence or two, for instance “no reply to two invitations”. All parties "
            "can read this."
        ),
        error_messages={
            "required": _(
                "Say briefly why, for instance “no reply to two invitations”: it limits "
                "what can be said about the results for the organisation."
            )
        },
    )

    @staticmethod
    def initial_for(
        conversation: ClosingConversation | None, parties: Sequence[str]
    ) -> dict[str, Any]:
        if conversation is not None and conversation.status in OUTCOME_VALUES:
            return {
                "outcome": conversation.status,
                "by": conversation.declined_by,
                "reason": conversation.notes,
            }
        return {"by": Party.SPONSOR} if Party.SPONSOR in parties else {}

    def __init__(self, *args: Any, parties: Sequence[str], **kw: Any):
        super().__init__(*args, **kw)
        self.fields["by"].choices = _party_choices(parties)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("outcome") == ClosingStatus.DECLINED and not data.get("by"):
            self.add_error("by", _("Choose the party that declined."))
        return data

    @property
    def declined(self) -> bool:
        return bool(self.cleaned_data["outcome"] == ClosingStatus.DECLINED)
