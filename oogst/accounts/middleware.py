"""Serve a logged-in person in the language they chose, before LocaleMiddleware decides."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


class UserLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # The session is read lazily: the person's id is there without a query.
        if settings.LANGUAGE_COOKIE_NAME not in request.COOKIES:
            language = request.session.get("oogst_language")
            if language:
                request.COOKIES[settings.LANGUAGE_COOKIE_NAME] = language
        return self.get_response(request)
