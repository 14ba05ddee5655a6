"""A service's refusal, put on the form that asked for it: the one place that does this.

Services raise `ValidationError`s keyed by their own argument names; forms name their
fields the same way, except where a form renames one (`renamed`: a mapping, or a function
for names made of a key). A message whose name the form has no field for goes on top of
the form, so nothing a service says is ever lost.
"""

from collections.abc import Callable, Mapping

from django import forms
from django.core.exceptions import ValidationError


def add_service_errors(
    form: forms.Form,
    error: ValidationError,
    *,
    renamed: Mapping[str, str] | Callable[[str], str] | None = None,
) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for name, messages in error.message_dict.items():
        field = _field_name(name, renamed)
        form.add_error(field if field in form.fields else None, messages)


def _field_name(name: str, renamed: Mapping[str, str] | Callable[[str], str] | None) -> str:
    if renamed is None:
        return name
    if callable(renamed):
        return renamed(name)
    return renamed.get(name, name)
