"""What the header of every page needs from practice research: whether to show the link to
the good practices, decided by the same check as the page it opens."""

from collections.abc import Callable

from django.http import HttpRequest

from oogst.research import practice_selectors as selectors

_ASKED = "_oogst_may_browse_practices"


def may_browse(request: HttpRequest) -> bool:
    """`practice_selectors.may_browse_practices` for the request's person, asked once per
    request (the page and its header ask the same)."""
    answer = getattr(request, _ASKED, None)
    if answer is None:
        answer = selectors.may_browse_practices(request.user)
        setattr(request, _ASKED, answer)
    return bool(answer)


def practices(request: HttpRequest) -> dict[str, Callable[[], bool]]:
    # A callable, so the query runs only on pages that show the header's link.
    return {"may_browse_practices": lambda: may_browse(request)}
