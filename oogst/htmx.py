"""What every view needs to know about htmx requests."""

from django.http import HttpRequest


def wants_fragment(request: HttpRequest) -> bool:
    """An htmx swap, not htmx restoring a page from history (that needs the whole page)."""
    return (
        request.headers.get("HX-Request") == "true"
        and request.headers.get("HX-History-Restore-Request") != "true"
    )
