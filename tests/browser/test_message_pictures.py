"""Two messages as a mail client shows them, Dutch and English, as pictures in
test-artifacts/ (message-<kind>-<language>.png) to look at: the action “accept the
contract” and the engagement closed. The HTML is written next to them."""

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pytest
from django.utils import timezone

from oogst.notifications.compose import compose
from oogst.notifications.models import Message
from tests.conftest import ARTIFACTS
from tests.parties import Trio

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize(
    ("kind", "action"), [("action_opened", "accept_contract"), ("engagement_closed", "")]
)
def test_a_message_as_a_picture(
    trio: Trio,
    settings: Any,
    new_context: Callable[..., "BrowserContext"],
    kind: str,
    action: str,
    language: str,
) -> None:
    settings.OOGST_SITE_URL = "https://oogst.example"
    message = Message(
        recipient=trio.alice,
        engagement=trio.engagement,
        kind=kind,
        action=action,
        language=language,
        day=timezone.localdate(),
    )
    composed = compose(message)
    name = f"message-{action or kind}-{language}"
    ARTIFACTS.mkdir(exist_ok=True)
    html = ARTIFACTS / f"{name}.html"
    html.write_text(composed.html, encoding="utf-8")
    page = new_context(viewport={"width": 640, "height": 520}).new_page()
    page.goto(html.as_uri())
    assert page.locator("h1").inner_text()
    link = page.get_by_role("link")
    assert link.count() == 1 and link.get_attribute("href", timeout=1000).startswith(
        "https://oogst.example/"
    )
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
