"""The client's consent, per result, for the sponsor to read it; and what that changes."""

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from oogst.policy import Party
from oogst.results.models import Result
from oogst.results.services.register import result_share
from tests import factories as f
from tests.parties import UNSHARED_TEXT, Trio, logged_in

HTMX = {"HTTP_HX_REQUEST": "true"}
COACH_TEXT = "De coach zag haar voor het eerst ontspannen presenteren"


def consent_url(trio: Trio, key: str) -> str:
    return reverse("results:consent", args=[trio.engagement.pk, key])


def engagement_html(client: Client, trio: Trio, user: object) -> str:
    response = logged_in(client, user).get(  # type: ignore[arg-type]
        reverse("closing:engagement", args=[trio.engagement.pk])
    )
    assert response.status_code == 200
    return response.content.decode()


def shared(key: str) -> bool:
    return Result.objects.get(key=key).shared_with_sponsor


# ---------------------------------------------------------------- result_share


def test_only_the_client_shares(trio: Trio) -> None:
    r2 = Result.objects.get(key="R2")
    for party in (Party.COACH, Party.SPONSOR):
        with pytest.raises(PermissionDenied):
            result_share(result=r2, actor=party, shared=True)
    assert not shared("R2")
    result_share(result=r2, actor=Party.CLIENT, shared=True)
    assert shared("R2")
    result_share(result=r2, actor=Party.CLIENT, shared=False)
    assert not shared("R2")


def test_a_sponsor_result_is_always_the_sponsors_own(trio: Trio) -> None:
    with pytest.raises(ValidationError):
        result_share(result=Result.objects.get(key="R3"), actor=Party.CLIENT, shared=False)


# ---------------------------------------------------------------- the toggle


def test_consent_toggles_and_the_sponsors_page_follows(client: Client, trio: Trio) -> None:
    assert UNSHARED_TEXT not in engagement_html(client, trio, trio.charlie)
    response = logged_in(client, trio.alice).post(consent_url(trio, "R2"), {"shared": "1"})
    assert response.status_code == 302
    assert response["Location"] == reverse("results:result", args=[trio.engagement.pk, "R2"])
    assert UNSHARED_TEXT in engagement_html(client, trio, trio.charlie)
    logged_in(client, trio.alice).post(consent_url(trio, "R2"), {"shared": "0"})
    assert UNSHARED_TEXT not in engagement_html(client, trio, trio.charlie)
    detail = reverse("results:result", args=[trio.engagement.pk, "R2"])
    assert logged_in(client, trio.charlie).get(detail).status_code == 404


def test_htmx_toggle_returns_the_button_in_its_new_state(client: Client, trio: Trio) -> None:
    response = logged_in(client, trio.alice).post(consent_url(trio, "R2"), {"shared": "1"}, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert 'id="consent-R2"' in html
    assert "Stop sharing R2 with the sponsor" in html
    assert re.search(r'name="shared"\s+value="0"', html)
    assert shared("R2")


def badge(html: str, key: str) -> str:
    """The words of the one badge `share-badge-KEY` (ids are unique on a page)."""
    assert html.count(f'id="share-badge-{key}"') == 1
    found = re.search(
        rf'<span class="share-badge"\s+id="share-badge-{key}"[^>]*>(.*?)</span>\s*</span>',
        html,
        re.S,
    )
    assert found, html
    return " ".join(re.sub(r"<[^>]+>", " ", found.group(1)).split())


def test_a_change_of_consent_updates_every_badge_of_the_result_at_once(
    client: Client, trio: Trio
) -> None:
    page = reverse("results:result", args=[trio.engagement.pk, "R2"])
    logged_in(client, trio.alice)
    assert badge(client.get(page).content.decode(), "R2") == "⊘ not shared with the sponsor"
    assert badge(engagement_html(client, trio, trio.alice), "R2") == (
        "⊘ not shared with the sponsor"
    )
    answer = client.post(consent_url(trio, "R2"), {"shared": "1"}, **HTMX).content.decode()
    assert re.search(r'id="share-badge-R2"\s+hx-swap-oob="true"', answer)
    assert badge(answer, "R2") == "⇢ shared with the sponsor"
    answer = client.post(consent_url(trio, "R2"), {"shared": "0"}, **HTMX).content.decode()
    assert badge(answer, "R2") == "⊘ not shared with the sponsor"
    assert 'id="share-badge-R1"' not in answer  # only the result that changed


def test_the_badge_of_the_sponsors_own_result_says_so_everywhere(
    client: Client, trio: Trio
) -> None:
    page = reverse("results:result", args=[trio.engagement.pk, "R3"])
    logged_in(client, trio.alice)
    assert badge(client.get(page).content.decode(), "R3") == "⇢ reported by the sponsor"
    assert badge(engagement_html(client, trio, trio.alice), "R3") == "⇢ reported by the sponsor"


def test_without_javascript_the_toggle_returns_to_a_safe_next_page(
    client: Client, trio: Trio
) -> None:
    page = reverse("closing:engagement", args=[trio.engagement.pk])
    logged_in(client, trio.alice)
    back = client.post(consent_url(trio, "R2"), {"shared": "1", "next": page})
    assert back["Location"] == page
    away = client.post(consent_url(trio, "R2"), {"shared": "0", "next": "https://evil.test/"})
    assert away["Location"] == reverse("results:result", args=[trio.engagement.pk, "R2"])


def test_coach_reported_result_is_hidden_until_the_client_shares_it(
    client: Client, trio: Trio
) -> None:
    f.ResultFactory(
        engagement=trio.engagement, key="R4", reported_by="coach", text=COACH_TEXT, position=4
    )
    assert COACH_TEXT in engagement_html(client, trio, trio.bob)
    assert COACH_TEXT not in engagement_html(client, trio, trio.charlie)
    detail = reverse("results:result", args=[trio.engagement.pk, "R4"])
    assert logged_in(client, trio.charlie).get(detail).status_code == 404
    # The coach reported it, but only the client decides.
    assert (
        logged_in(client, trio.bob).post(consent_url(trio, "R4"), {"shared": "1"}).status_code
        == 403
    )
    assert not shared("R4")
    logged_in(client, trio.alice).post(consent_url(trio, "R4"), {"shared": "1"})
    assert COACH_TEXT in engagement_html(client, trio, trio.charlie)
    assert logged_in(client, trio.charlie).get(detail).status_code == 200


def test_sponsor_toggling_gets_404_on_hidden_and_403_on_shared(client: Client, trio: Trio) -> None:
    logged_in(client, trio.charlie)
    assert client.post(consent_url(trio, "R2"), {"shared": "1"}).status_code == 404
    assert client.post(consent_url(trio, "R1"), {"shared": "0"}).status_code == 403
    assert not shared("R2") and shared("R1")


def test_consent_outsider_404_and_wrong_method_405(client: Client, trio: Trio) -> None:
    assert (
        logged_in(client, trio.dave).post(consent_url(trio, "R2"), {"shared": "1"}).status_code
        == 404
    )
    assert logged_in(client, trio.alice).get(consent_url(trio, "R2")).status_code == 405
    assert not shared("R2")
