"""Helpers for the tests of starting an engagement, inviting its parties and the intake."""

import re

import pytest
from django.core import mail

from oogst.accounts.models import User
from oogst.engagements.models import Engagement
from oogst.engagements.services import engagement_start
from tests import factories as f

BASE_URL = "http://testserver/"
LINK = re.compile(r"http://testserver/invitations/(?P<token>[\w-]+)/")


@pytest.fixture
def coach(db: None) -> User:
    return f.UserFactory(email="bob@example.com", name="Bob Bakker", language="en", is_coach=True)


@pytest.fixture
def fresh(coach: User) -> Engagement:
    """An engagement just started by bob: only the coach takes part."""
    return engagement_start(
        coach=coach, title="Loopbaancoaching", organisation="Praktijk Janssen", sector="zorg"
    )


def last_token() -> str:
    """The token in the link of the last e-mail sent."""
    match = LINK.search(mail.outbox[-1].body)
    assert match, mail.outbox[-1].body
    return match["token"]
