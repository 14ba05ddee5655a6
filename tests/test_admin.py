"""The admin is an operator's tool for structure and shows no private text (DOMAIN.md)."""

import pytest
from django.contrib import admin
from django.test import Client, RequestFactory
from django.urls import reverse

from oogst.contracting.models import Session, SessionReflection
from oogst.engagements.models import Intake
from tests import factories as f
from tests.parties import SHARED_TEXT, UNSHARED_TEXT, Trio

PRIVATE = {
    "intake notes": "Intake: twijfelt hardop over haar leidinggevende",
    "intake question": "Mijn betrokkenheid neemt af en ik twijfel of ik blijf",
    "coach's session notes": "Sessienotitie: spanning rond de bonus",
    "client's reflection": "Reflectie: ik merkte dat ik weer durfde",
    "unshared result": UNSHARED_TEXT,
    "shared result": SHARED_TEXT,
}


@pytest.fixture
def operator_client(trio: Trio, client: Client) -> Client:
    Intake.objects.create(
        engagement=trio.engagement,
        question=PRIVATE["intake question"],
        notes=PRIVATE["intake notes"],
    )
    session = Session.objects.get(engagement=trio.engagement, number=1)
    session.coach_notes = PRIVATE["coach's session notes"]
    session.save(update_fields=["coach_notes"])
    SessionReflection.objects.create(session=session, text=PRIVATE["client's reflection"])
    client.force_login(f.UserFactory(is_staff=True, is_superuser=True))
    return client


def admin_pages(trio: Trio) -> list[str]:
    """Every page the admin offers: the index and each registered model's list and form."""
    pages = [reverse("admin:index")]
    request = RequestFactory().get("/")
    request.user = f.UserFactory.build(is_staff=True, is_superuser=True)
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        pages.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
        if model_admin.has_add_permission(request):  # a record of what happened: no adding
            pages.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
        for obj in model._default_manager.all()[:5]:
            pages.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]))
    return pages


def test_the_admin_shows_no_private_text(trio: Trio, operator_client: Client) -> None:
    pages = admin_pages(trio)
    assert any("engagement" in page for page in pages)
    for page in pages:
        response = operator_client.get(page)
        assert response.status_code == 200, page
        body = response.content.decode()
        for what, text in PRIVATE.items():
            assert text not in body, f"{what} appears on {page}"


def test_the_admin_registers_structure_only() -> None:
    registered = {model._meta.label for model in admin.site._registry}
    assert {"accounts.User", "engagements.Engagement", "engagements.Organisation"} <= registered
    private_models = {
        "engagements.Intake",
        "engagements.Invitation",
        "contracting.Session",
        "contracting.SessionReflection",
        "contracting.Goal",
        "contracting.Expectation",
        "results.Result",
        "results.Judgement",
        "closing.ClosingConversation",
    }
    assert not registered & private_models
