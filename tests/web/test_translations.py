"""The Dutch catalogue is complete, and pages speak the visitor's language (Dutch by default)."""

from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.parties import Trio, logged_in

PO = Path(settings.BASE_DIR) / "locale" / "nl" / "LC_MESSAGES" / "django.po"
LOGIN = reverse("accounts:login")


def test_dutch_catalogue_has_no_untranslated_or_fuzzy_entries() -> None:
    catalogue = polib.pofile(str(PO))
    assert len(catalogue) > 100
    assert [e.msgid for e in catalogue.untranslated_entries()] == []
    assert [e.msgid for e in catalogue.fuzzy_entries()] == []
    assert not catalogue.metadata_is_fuzzy
    assert "nplurals=2" in catalogue.metadata["Plural-Forms"]


def test_dutch_catalogue_is_compiled() -> None:
    compiled = {(e.msgctxt, e.msgid): e for e in polib.mofile(str(PO.with_suffix(".mo")))}
    for entry in polib.pofile(str(PO)).translated_entries():
        found = compiled.get((entry.msgctxt, entry.msgid))
        assert found is not None, f"run `oogst compilemessages`: {entry.msgid!r} is missing"
        assert (found.msgstr, found.msgstr_plural) == (entry.msgstr, entry.msgstr_plural), (
            f"run `oogst compilemessages`: {entry.msgid!r} differs"
        )


@pytest.mark.django_db
def test_pages_are_dutch_by_default(client: Client) -> None:
    html = client.get(LOGIN).content.decode()
    assert '<html lang="nl">' in html
    assert "Inloggen" in html and "E-mailadres" in html
    assert "Log in" not in html


@pytest.mark.django_db
def test_accept_language_english_gives_english(client: Client) -> None:
    html = client.get(LOGIN, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="en">' in html
    assert "Log in" in html and "E-mail address" in html
    assert "Inloggen" not in html


@pytest.mark.django_db
def test_language_cookie_english_gives_english(client: Client) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(LOGIN).content.decode()
    assert '<html lang="en">' in html and "E-mail address" in html


def test_engagement_page_in_dutch_uses_the_domain_words(client: Client, trio: Trio) -> None:
    url = reverse("closing:engagement", args=[trio.engagement.pk])
    html = logged_in(client, trio.charlie, language="nl").get(url).content.decode()
    assert '<html lang="nl">' in html
    for words in (
        "Jij bent: opdrachtgever",
        "Resultatenregister",
        "onverwacht",
        "ongewenst",
        "voor de organisatie",
        "waarneembaar",
        "Driegesprek",
        "1 resultaat is niet zichtbaar voor jou.",
        "In één oogopslag",
        "€ 40.000",
    ):
        assert words in html, words
    for english in ("Results register", " unexpected<", "not visible to you", "Sponsor<"):
        assert english not in html, english
    expectations = reverse("contracting:expectations", args=[trio.engagement.pk])
    alignment = client.get(expectations).content.decode()
    assert (
        "De opdrachtgever denkt aan financieel resultaat; de klant en de coach niet." in alignment
    )


def test_django_s_own_strings_say_je_in_dutch() -> None:
    """Oogst addresses the reader as "je"; Django's Dutch says "u". The strings of Django
    that show in Oogst's pages (oogst/accounts/django_strings.py) are Oogst's own."""
    import re

    from django.contrib.auth.password_validation import (
        CommonPasswordValidator,
        MinimumLengthValidator,
        NumericPasswordValidator,
    )
    from django.utils import translation

    with translation.override("nl"):
        texts = [
            MinimumLengthValidator(12).get_help_text(),
            CommonPasswordValidator().get_help_text(),
            NumericPasswordValidator().get_help_text(),
            translation.gettext(
                "Your old password was entered incorrectly. Please enter it again."
            ),
        ]
    for text in texts:
        assert re.search(r"\b[Jj]e\b", text), text
        assert not re.search(r"\b([Uu]w?)\b", text), text
