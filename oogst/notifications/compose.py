"""What a message says, in its recipient's language: a subject, a headline, one sentence
and one button. Never a result, note, reflection or goal: a message names what happened
and links to the page where it is read, under the policy, after logging in."""

from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from oogst.harvest.next_step import OWN
from oogst.notifications import digest
from oogst.notifications.models import Message


@dataclass(frozen=True)
class Composed:
    subject: str
    text: str
    html: str


def compose(message: Message) -> Composed:
    with translation.override(message.language):
        context: dict[str, object] = {**_context(message), "LANGUAGE_CODE": message.language}
        if message.kind == "digest":  # what waits for whom, a line per engagement
            context["items"] = digest.items(message.recipient)
        return Composed(
            subject=str(context["subject"]),
            text=render_to_string("emails/notifications/message.txt", context),
            html=render_to_string("emails/notifications/message.html", context),
        )


def site_url(path: str) -> str:
    return settings.OOGST_SITE_URL.rstrip("/") + path


def _context(message: Message) -> dict[str, str]:
    engagement = message.engagement
    title = engagement.title if engagement is not None else ""
    if message.kind in ("action_opened", "reminder") and message.action in OWN:
        words, name, anchor = OWN[message.action]
        url = site_url(reverse(name, args=[engagement.pk]) + anchor) if engagement else ""
        lede = (
            _("In the engagement “%(title)s” it is your turn: %(step)s.")
            if message.kind == "action_opened"
            else _("A reminder: in the engagement “%(title)s” this still waits for you: %(step)s.")
        ) % {"title": title, "step": str(words).lower()}
        return {
            "subject": f"{title}: {words}",
            "headline": str(words),
            "lede": lede,
            "button": str(words),
            "url": url,
            "name": message.recipient.name,
        }
    return _other(message, title)


def _other(message: Message, title: str) -> dict[str, str]:
    """The hand-offs that are no open action of the recipient's (see docs/notifications.md)."""
    engagement_url = (
        site_url(
            reverse(PAGES.get(message.kind, "closing:engagement"), args=[message.engagement.pk])
        )
        if message.engagement is not None
        else site_url(reverse("dashboard:home"))
    )
    texts = KINDS.get(message.kind)
    if texts is None:
        raise ValueError(f"no text for a message of kind {message.kind!r}")
    headline, lede, button = (str(t) for t in texts)
    return {
        "subject": f"{title}: {headline}" if title else headline,
        "headline": headline,
        "lede": lede % {"title": title},
        "button": button,
        "url": engagement_url,
        "name": message.recipient.name,
    }


# Where a hand-off's button leads, when not to the engagement's page.
PAGES = {"closing_planned": "closing:conversation", "engagement_closed": "closing:final_report"}

# kind: (headline, one sentence with %(title)s, the button); docs/notifications.md.
KINDS: dict[str, tuple[Promise, Promise, Promise]] = {
    # A coach's weekly digest (notifications.reminders): the list is the context's `items`.
    "digest": (
        gettext_lazy("What waits for whom this week"),
        gettext_lazy("In the engagements you coach, these steps are still open."),
        gettext_lazy("Open your overview"),
    ),
    "end_report_submitted": (
        gettext_lazy("An end report came in"),
        gettext_lazy("In the engagement “%(title)s” the other party submitted its end report."),
        gettext_lazy("Open the engagement"),
    ),
    "results_shared": (
        gettext_lazy("Results were shared with you"),
        gettext_lazy("In the engagement “%(title)s” the client shared results with you."),
        gettext_lazy("Open the results register"),
    ),
    "closing_planned": (
        gettext_lazy("The closing conversation is planned"),
        gettext_lazy("In the engagement “%(title)s” the closing conversation is planned."),
        gettext_lazy("See when and what"),
    ),
    "engagement_closed": (
        gettext_lazy("The engagement is closed; the final report is ready"),
        gettext_lazy("The engagement “%(title)s” is closed. Its final report is ready for you."),
        gettext_lazy("Open the final report"),
    ),
}
