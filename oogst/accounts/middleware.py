"""Serve a logged-in person in the language they chose, before LocaleMiddleware decides.

On login (`signals.remember_language`) the person's saved language goes into the session,
so no request needs a query for it: the session is loaded for the login anyway. The
session's choice wins over a language cookie left in the browser, and the cookie is
brought in line so that the choice also holds after logging out.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

SESSION_LANGUAGE_KEY = "oogst_language"


class UserLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        name = settings.LANGUAGE_COOKIE_NAME
        in_browser = request.COOKIES.get(name)
        # Without a session cookie this reads nothing from the database.
        chosen = request.session.get(SESSION_LANGUAGE_KEY)
        if chosen:
            request.COOKIES[name] = chosen
        response = self.get_response(request)
        # Logging in may just have put the person's language in the session.
        chosen = request.session.get(SESSION_LANGUAGE_KEY)
        if chosen and chosen != in_browser and name not in response.cookies:
            response.set_cookie(
                name,
                chosen,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return response
