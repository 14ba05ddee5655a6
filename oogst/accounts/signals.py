"""On login, the person's saved language becomes the session's language; and `mail_sent`,
which the services that mail inside their own transaction (invitations) send, so that the
record of messages (`notifications`) has them too.

`mail_sent(kind, person, engagement_id)`: a mail of `kind` went to `person` (about
`engagement_id`, or None), inside the transaction that rolls it back with the write.
"""

from typing import Any

from django.contrib.auth.signals import user_logged_in
from django.dispatch import Signal, receiver
from django.http import HttpRequest

from oogst.accounts.middleware import SESSION_LANGUAGE_KEY
from oogst.accounts.models import User

mail_sent = Signal()


@receiver(user_logged_in)
def remember_language(sender: type, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    if request is not None and getattr(request, "session", None) is not None and user.language:
        request.session[SESSION_LANGUAGE_KEY] = user.language
