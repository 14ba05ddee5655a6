"""The header's language switch."""

from typing import Any

from django import template
from django.conf import settings
from django.utils.translation import get_language

register = template.Library()


@register.inclusion_tag("accounts/_language_switch.html", takes_context=True)
def language_switch(context: template.Context) -> dict[str, Any]:
    request = context.get("request")
    return {
        "csrf_token": context.get("csrf_token"),
        "languages": settings.LANGUAGES,
        "current": get_language(),
        "next": request.get_full_path() if request is not None else "",
    }
