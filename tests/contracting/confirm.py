"""Accepting the contract or an amendment takes two POSTs: the first shows what is
accepted and the version of it, the second confirms that version."""

import re
from typing import Any

from django.http import HttpResponse
from django.test import Client

VERSION = re.compile(r'name="version" value="([0-9a-f]+)"')


def version_on(response: HttpResponse) -> str:
    found = VERSION.search(response.content.decode())
    assert found, "the confirmation page carries no version"
    return found.group(1)


def accept_confirmed(
    client: Client, url: str, data: dict[str, Any] | None = None, **extra: Any
) -> HttpResponse:
    """Press the accept button, then "Yes, I accept" on the confirmation page."""
    asked = client.post(url, data or {})
    assert asked.status_code == 200, asked.status_code
    confirm = {**(data or {}), "confirm": "yes", "version": version_on(asked)}
    return client.post(url, confirm, **extra)  # type: ignore[return-value]
