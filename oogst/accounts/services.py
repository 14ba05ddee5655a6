"""Giving a person the coach role: an operator invites a coach, who sets a password.

The link in the mail is Django's password-reset token for that person: it works until
the password is set (or for PASSWORD_RESET_TIMEOUT), and only a person without a usable
password gets one; someone who already logs in is told the role is theirs now.
"""

from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from oogst import policy
from oogst.accounts.models import User
from oogst.accounts.signals import mail_sent


@transaction.atomic
def coach_invite(*, name: str, email: str, language: str, invited_by: User, base_url: str) -> User:
    """Give the person with this address the coach role (making them if new) and mail
    them: a link to choose a password, or, if they have one, that they may start now."""
    if not policy.may_invite_coaches(staff=invited_by.is_staff):
        raise PermissionDenied
    email = email.strip()
    person = User.objects.filter(email__iexact=email).first()
    if person is None:
        person = User.objects.create_user(
            email, password=None, name=name.strip(), language=language
        )
    person.is_coach = True
    person.save(update_fields=["is_coach"])
    _mail(person, invited_by=invited_by, base_url=base_url)
    return person


def welcome_link(person: User, *, base_url: str) -> str:
    uid = urlsafe_base64_encode(force_bytes(person.pk))
    token = default_token_generator.make_token(person)
    return base_url.rstrip("/") + reverse("accounts:coach_welcome", args=[uid, token])


def _mail(person: User, *, invited_by: User, base_url: str) -> None:
    has_password = person.has_usable_password()
    with translation.override(person.language):
        context = {
            "name": person.get_short_name(),
            "inviter": invited_by,
            "has_password": has_password,
            "link": base_url if has_password else welcome_link(person, base_url=base_url),
        }
        subject = render_to_string("emails/coach_invitation_subject.txt", context).strip()
        body = render_to_string("emails/coach_invitation.txt", context)
    # Sent inside the transaction: if the mail cannot go out, nobody gets the role silently.
    send_mail(subject, body, None, [person.email])
    mail_sent.send(sender=User, kind="coach_invitation", person=person, engagement_id=None)


def coaches() -> list[User]:
    return list(User.objects.filter(is_coach=True).order_by("name", "email"))
