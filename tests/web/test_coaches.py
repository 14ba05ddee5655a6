"""Only coaches start engagements; an operator invites a coach, who sets a password."""

import importlib
import re

import pytest
from django.apps import apps
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from oogst.accounts.models import User
from oogst.engagements.services import engagement_start
from oogst.interchange.services import engagement_import
from tests import factories as f
from tests.interchange.conftest import load
from tests.parties import Trio, logged_in

INVITE = reverse("accounts:coach_invite")
START = reverse("engagements:start")
HOME = reverse("dashboard:home")


def test_someone_without_the_role_starts_nothing(client: Client, db: None) -> None:
    person = f.UserFactory(email="eve@example.com")
    logged_in(client, person)
    assert client.get(START).status_code == 403
    assert (
        client.post(START, {"title": "X", "organisation": "Y", "language": "nl"}).status_code == 403
    )
    assert START not in client.get(HOME).content.decode()
    with pytest.raises(PermissionDenied):
        engagement_start(coach=person, title="X", organisation="Y")


def test_a_coach_is_offered_to_start_one(client: Client, db: None) -> None:
    html = logged_in(client, f.UserFactory(is_coach=True)).get(HOME).content.decode()
    assert START in html


def test_the_migration_gives_the_role_to_every_coach_of_an_engagement(
    trio: Trio, capsys: pytest.CaptureFixture[str]
) -> None:
    migration = importlib.import_module(
        "oogst.accounts.migrations.0004_coaches_hold_the_coach_role"
    )
    User.objects.update(is_coach=False)
    migration.give_the_role(apps, None)
    assert list(User.objects.filter(is_coach=True)) == [trio.bob]
    assert "1 person(s) coach an engagement" in capsys.readouterr().out


def test_an_import_gives_its_coach_the_role(db: None) -> None:
    engagement = engagement_import(document=load("example.json"))
    coach = engagement.participations.get(party="coach").person
    assert coach.is_coach
    client = engagement.participations.get(party="client").person
    assert not client.is_coach


@pytest.mark.parametrize("who", ["alice", "bob", "charlie"])
def test_only_an_operator_invites_coaches(client: Client, trio: Trio, who: str) -> None:
    logged_in(client, getattr(trio, who))
    assert client.get(INVITE).status_code == 403
    response = client.post(INVITE, {"name": "N", "email": "n@example.com", "language": "nl"})
    assert response.status_code == 403
    assert not User.objects.filter(email="n@example.com").exists()


def test_an_invited_coach_chooses_a_password_and_may_start(client: Client, db: None) -> None:
    operator = f.UserFactory(email="ops@example.com", is_staff=True)
    response = logged_in(client, operator).post(
        INVITE, {"name": "Nadia Nieuw", "email": "nadia@example.com", "language": "en"}
    )
    assert response.status_code == 302
    nadia = User.objects.get(email="nadia@example.com")
    assert nadia.is_coach and not nadia.has_usable_password()
    link = re.search(r"http://testserver(/accounts/welcome/\S+/)", mail.outbox[-1].body)
    assert link, mail.outbox[-1].body
    visitor = Client()
    password = "a-new-coach-password-71"
    done = visitor.post(link[1], {"new_password1": password, "new_password2": password})
    assert done.status_code == 302 and done["Location"] == HOME
    assert START in visitor.get(HOME).content.decode()  # logged in, and a coach
    assert Client().get(link[1]).status_code == 404  # the link works once
    assert "Nadia Nieuw" in client.get(INVITE).content.decode()


def test_a_bad_address_is_explained_and_saves_nothing(client: Client, db: None) -> None:
    operator = f.UserFactory(email="ops@example.com", is_staff=True)
    response = logged_in(client, operator).post(
        INVITE, {"name": "N", "email": "not an address", "language": "nl"}
    )
    assert response.status_code == 400
    assert "This is not an e-mail address" in response.content.decode()
    assert not mail.outbox


def test_someone_who_logs_in_already_gets_the_role_without_a_link(client: Client, db: None) -> None:
    existing = f.UserFactory(email="known@example.com")
    operator = f.UserFactory(email="ops@example.com", is_staff=True)
    logged_in(client, operator).post(
        INVITE, {"name": "Known", "email": "known@example.com", "language": "en"}
    )
    existing.refresh_from_db()
    assert existing.is_coach and existing.has_usable_password()
    assert "/accounts/welcome/" not in mail.outbox[-1].body
