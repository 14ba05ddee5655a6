"""On login, the person's saved language becomes the session's language."""

from typing import Any

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest

from oogst.accounts.middleware import SESSION_LANGUAGE_KEY
from oogst.accounts.models import User


@receiver(user_logged_in)
def remember_language(sender: type, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    if request is not None and getattr(request, "session", None) is not None and user.language:
        request.session[SESSION_LANGUAGE_KEY] = user.language
