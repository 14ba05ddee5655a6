# ruff: noqa: E501 - the strings must be Django's exactly, as one literal each
"""Django's own strings that show in Oogst's pages, kept in Oogst's catalogue.

Django's Dutch addresses the reader as "u"; Oogst says "je" throughout. The project's
catalogue (LOCALE_PATHS) comes before Django's, so the Dutch of these strings in
locale/nl is Oogst's. Listed here only so that `makemessages` keeps them: password
validation and changing a password (accounts), and the page of a refused CSRF check.
Nothing imports this module at run time.
"""

from django.utils.translation import gettext_noop, ngettext


def django_strings() -> tuple[str, ...]:
    """The strings (never called: `makemessages` reads the calls)."""
    return (
        gettext_noop(
            "You are seeing this message because this HTTPS site requires a “Referer header” to be sent by your web browser, but none was sent. This header is required for security reasons, to ensure that your browser is not being hijacked by third parties."
        ),
        gettext_noop(
            "If you have configured your browser to disable “Referer” headers, please re-enable them, at least for this site, or for HTTPS connections, or for “same-origin” requests."
        ),
        gettext_noop(
            'If you are using the <meta name="referrer" content="no-referrer"> tag or including the “Referrer-Policy: no-referrer” header, please remove them. The CSRF protection requires the “Referer” header to do strict referer checking. If you’re concerned about privacy, use alternatives like <a rel="noreferrer" …> for links to third-party sites.'
        ),
        gettext_noop(
            "You are seeing this message because this site requires a CSRF cookie when submitting forms. This cookie is required for security reasons, to ensure that your browser is not being hijacked by third parties."
        ),
        gettext_noop(
            "If you have configured your browser to disable cookies, please re-enable them, at least for this site, or for “same-origin” requests."
        ),
        gettext_noop("Your old password was entered incorrectly. Please enter it again."),
        ngettext(
            "Your password must contain at least %(min_length)d character.",
            "Your password must contain at least %(min_length)d characters.",
            1,
        ),
        gettext_noop("Your password can’t be too similar to your other personal information."),
        gettext_noop("Your password can’t be a commonly used password."),
        gettext_noop("Your password can’t be entirely numeric."),
    )
