"""What WeasyPrint may fetch for the PDF: the project's static files and the report's own
pictures, nothing else."""

import base64
import functools
import mimetypes
from typing import Any
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders

# A made-up origin: every relative or /static/ reference resolves under it, and the fetcher
# answers only for it, from the project's static files. Nothing reaches the network.
STATIC_BASE = "https://oogst.invalid/"
PICTURE_URL = "data:image/svg+xml;base64,"


class ForbiddenFetch(ValueError):
    pass


def picture_url(svg: str) -> str:
    """A picture's SVG as a data URL, for an <img> in the PDF's document."""
    return PICTURE_URL + base64.b64encode(svg.encode()).decode("ascii")


def static_file(url: str) -> tuple[bytes, str]:
    """The bytes and type of the static file `url` names under STATIC_BASE, or an error."""
    parts = urlsplit(url)
    prefix = "/" + settings.STATIC_URL.strip("/") + "/"
    if f"{parts.scheme}://{parts.netloc}/" != STATIC_BASE or not parts.path.startswith(prefix):
        raise ForbiddenFetch(f"the final report fetches only static files, not {url}")
    relative = unquote(parts.path.removeprefix(prefix))
    found = finders.find(relative) if ".." not in relative.split("/") else None
    if not isinstance(found, str):
        raise ForbiddenFetch(f"no static file {relative}")
    with open(found, "rb") as file:
        return file.read(), mimetypes.guess_type(found)[0] or "application/octet-stream"


@functools.cache
def static_fetcher() -> Any:
    """A WeasyPrint URL fetcher that serves the project's static files and nothing else:
    no network, no other file, not even when a text in the report names one."""
    from urllib.request import OpenerDirector

    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticFetcher(URLFetcher):  # type: ignore[misc]
        def __init__(self) -> None:
            # No handlers at all: URLFetcher's would open the network (and building its
            # HTTPS handler alone costs a tenth of a second per PDF).
            OpenerDirector.__init__(self)
            self._fail_on_errors = False

        def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
            if url.startswith(PICTURE_URL):  # the report's own pictures (picture_url)
                body = base64.b64decode(url.removeprefix(PICTURE_URL), validate=True)
                return URLFetcherResponse(url, body, {"Content-Type": "image/svg+xml"})
            body, mime_type = static_file(url)
            return URLFetcherResponse(url, body, {"Content-Type": mime_type})

    return StaticFetcher()
