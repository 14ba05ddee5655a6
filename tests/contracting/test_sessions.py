"""The sessions pages: each party sees what the policy lets it see, and the coach logs."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from oogst.contracting.models import Session, SessionReflection
from oogst.engagements.models import Engagement
from tests import factories as f
from tests.parties import Trio, logged_in

TOPIC = "zeggen-wat-je-vindt-topic"
NOTES = "Coachnotitie: haar vader was ook manager"
REFLECTION = "Mijn reflectie: ik durfde nee te zeggen"


def sessions_url(engagement: Engagement) -> str:
    return reverse("contracting:sessions", args=[engagement.pk])


def new_url(engagement: Engagement) -> str:
    return reverse("contracting:session_new", args=[engagement.pk])


def edit_url(engagement: Engagement, number: int) -> str:
    return reverse("contracting:session_edit", args=[engagement.pk, number])


def reflection_url(engagement: Engagement, number: int) -> str:
    return reverse("contracting:reflection", args=[engagement.pk, number])


@pytest.fixture
def held(trio: Trio) -> Session:
    """Session 2 of the trio, with a distinctive topic, the coach's notes and a reflection."""
    session = f.SessionFactory(
        engagement=trio.engagement,
        number=2,
        held_on=date(2026, 3, 9),
        topics=[TOPIC],
        coach_notes=NOTES,
    )
    session.goals.add(trio.engagement.goals.get(key="G2"))
    SessionReflection.objects.create(session=session, text=REFLECTION, shared_with_coach=False)
    return session


def share(session: Session, shared: bool) -> None:
    SessionReflection.objects.filter(session=session).update(shared_with_coach=shared)


def get_page(client: Client, user: object, url: str) -> str:
    response = logged_in(client, user).get(url)  # type: ignore[arg-type]
    assert response.status_code == 200
    return response.content.decode()


# ---------------------------------------------------------------- the sessions page


def test_sponsor_sees_count_and_dates_but_no_content(
    client: Client, trio: Trio, held: Session
) -> None:
    html = get_page(client, trio.charlie, sessions_url(trio.engagement))
    assert "2 sessions held of the 12 planned." in html
    assert 'class="card session"' not in html  # no session cards, only the dates
    assert "March 9, 2026" in html and "Feb. 2, 2026" in html
    for secret in (TOPIC, "onderhandelen", NOTES, REFLECTION, "Meer coachend leidinggeven"):
        assert secret not in html
    assert "Log a session" not in html


def test_sponsor_whose_contract_hides_sessions_sees_no_dates(
    client: Client, trio: Trio, held: Session
) -> None:
    trio.engagement.contract.sponsor_may_see = ["goals"]
    trio.engagement.contract.save(update_fields=["sponsor_may_see"])
    html = get_page(client, trio.charlie, sessions_url(trio.engagement))
    assert "The contract keeps the sessions from the sponsor." in html
    assert "March 9, 2026" not in html and "Feb. 2, 2026" not in html
    assert "sessions held" not in html
    assert TOPIC not in html


def test_client_sees_topics_goals_and_her_reflection_but_not_the_notes(
    client: Client, trio: Trio, held: Session
) -> None:
    html = get_page(client, trio.alice, sessions_url(trio.engagement))
    assert TOPIC in html and "onderhandelen" in html
    assert "Meer coachend leidinggeven" in html  # G2, served by session 2
    assert REFLECTION in html
    assert reflection_url(trio.engagement, 2) in html
    assert NOTES not in html
    assert edit_url(trio.engagement, 2) not in html


def test_coach_sees_his_notes_but_not_an_unshared_reflection(
    client: Client, trio: Trio, held: Session
) -> None:
    html = get_page(client, trio.bob, sessions_url(trio.engagement))
    assert NOTES in html and TOPIC in html
    assert REFLECTION not in html
    assert "The client&#x27;s reflection" not in html
    assert edit_url(trio.engagement, 2) in html
    assert new_url(trio.engagement) in html


def test_coach_sees_the_reflection_once_shared(client: Client, trio: Trio, held: Session) -> None:
    share(held, True)
    html = get_page(client, trio.bob, sessions_url(trio.engagement))
    assert REFLECTION in html


def test_sessions_page_outsider_404(client: Client, trio: Trio) -> None:
    response = logged_in(client, trio.dave).get(sessions_url(trio.engagement))
    assert response.status_code == 404


def test_sessions_page_wrong_method_405(client: Client, trio: Trio) -> None:
    response = logged_in(client, trio.bob).post(sessions_url(trio.engagement))
    assert response.status_code == 405


def test_sessions_page_asks_for_login(client: Client, trio: Trio) -> None:
    response = client.get(sessions_url(trio.engagement))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize("person", ["alice", "bob", "charlie"])
def test_sessions_page_query_count_stays_flat(client: Client, trio: Trio, person: str) -> None:
    user = getattr(trio, person)
    logged_in(client, user)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(sessions_url(trio.engagement)).status_code == 200
        return len(queries)

    few = count()
    goal = trio.engagement.goals.first()
    for n in range(3, 13):
        s = f.SessionFactory(engagement=trio.engagement, number=n, coach_notes="n")
        s.goals.add(goal)
        SessionReflection.objects.create(session=s, text="r", shared_with_coach=n % 2 == 0)
    assert count() == few


# ---------------------------------------------------------------- logging a session


def post_session(client: Client, url: str, **data: object) -> object:
    fields: dict[str, object] = {
        "number": "2",
        "held_on": "2026-03-09",
        "topics": "",
        "coach_notes": "",
    }
    fields.update(data)
    return client.post(url, fields)


def test_coach_logs_a_session(client: Client, trio: Trio) -> None:
    logged_in(client, trio.bob)
    response = post_session(
        client,
        new_url(trio.engagement),
        topics_picked=["onderhandelen"],
        topics="Grenzen stellen,  nee zeggen , grenzen stellen",
        goal_keys=["G1", "G2"],
        coach_notes="  Privé  ",
    )
    assert response.status_code == 302  # type: ignore[attr-defined]
    assert response["Location"] == sessions_url(trio.engagement)  # type: ignore[index]
    session = Session.objects.get(engagement=trio.engagement, number=2)
    assert session.held_on == date(2026, 3, 9)
    assert session.topics == ["onderhandelen", "Grenzen stellen", "nee zeggen"]
    assert sorted(session.goals.values_list("key", flat=True)) == ["G1", "G2"]
    assert session.coach_notes == "Privé"
    html = client.get(sessions_url(trio.engagement)).content.decode()
    assert "Session 2 is logged." in html


def test_new_session_form_offers_the_next_number_and_earlier_topics(
    client: Client, trio: Trio
) -> None:
    # The coach's other engagement: its topics are suggested too; a stranger's are not.
    other = f.EngagementFactory()
    f.ParticipationFactory(engagement=other, person=trio.bob, party="coach")
    f.SessionFactory(engagement=other, number=1, topics=["Time management"])
    stranger = f.EngagementFactory()
    f.SessionFactory(engagement=stranger, number=1, topics=["not bob's topic"])
    html = get_page(client, trio.bob, new_url(trio.engagement))
    assert 'name="number" value="2"' in html
    assert 'value="onderhandelen"' in html
    assert 'value="Time management"' in html
    assert "not bob&#x27;s topic" not in html
    assert "Only you can read these notes." in html
    assert 'type="date"' in html
    assert "<datalist" in html
    # This engagement's topics come before the others'.
    assert html.index('value="onderhandelen"') < html.index('value="Time management"')


def test_duplicate_number_is_refused_and_keeps_the_typed_values(client: Client, trio: Trio) -> None:
    logged_in(client, trio.bob)
    response = post_session(
        client,
        new_url(trio.engagement),
        number="1",
        topics="een nieuw onderwerp",
        goal_keys=["G2"],
        coach_notes="mijn getypte notitie",
    )
    assert response.status_code == 400  # type: ignore[attr-defined]
    html = response.content.decode()  # type: ignore[attr-defined]
    assert "Session 1 is already logged. Choose another number." in html
    assert 'aria-describedby="id_number_error"' in html
    assert 'value="een nieuw onderwerp"' in html
    assert "mijn getypte notitie" in html
    assert 'value="2026-03-09"' in html
    assert Session.objects.filter(engagement=trio.engagement).count() == 1


def test_future_date_is_refused_and_keeps_the_typed_values(client: Client, trio: Trio) -> None:
    tomorrow = timezone.localdate() + timedelta(days=1)
    logged_in(client, trio.bob)
    response = post_session(
        client,
        new_url(trio.engagement),
        held_on=tomorrow.isoformat(),
        topics="plannen",
        goal_keys=["G1"],
    )
    assert response.status_code == 400  # type: ignore[attr-defined]
    html = response.content.decode()  # type: ignore[attr-defined]
    assert "A session is logged once it has been held." in html
    assert f'value="{tomorrow.isoformat()}"' in html
    assert 'value="plannen"' in html
    assert 'value="G1"' in html and "checked" in html.split('value="G1"')[1].split(">")[0]
    assert not Session.objects.filter(engagement=trio.engagement, number=2).exists()


def test_bad_date_gets_a_clear_message(client: Client, trio: Trio) -> None:
    logged_in(client, trio.bob)
    response = post_session(client, new_url(trio.engagement), held_on="31-02-2026x")
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "Enter a date such as 2026-02-02" in response.content.decode()  # type: ignore[attr-defined]


def test_coach_edits_a_session(client: Client, trio: Trio, held: Session) -> None:
    logged_in(client, trio.bob)
    html = client.get(edit_url(trio.engagement, 2)).content.decode()
    assert NOTES in html
    assert f'value="{TOPIC}"' in html
    response = post_session(
        client,
        edit_url(trio.engagement, 2),
        number="3",
        topics_picked=[TOPIC],
        goal_keys=["G1"],
        coach_notes="herzien",
    )
    assert response.status_code == 302  # type: ignore[attr-defined]
    held.refresh_from_db()
    assert (held.number, held.coach_notes, held.topics) == (3, "herzien", [TOPIC])
    assert list(held.goals.values_list("key", flat=True)) == ["G1"]


def test_edit_keeps_its_own_number(client: Client, trio: Trio, held: Session) -> None:
    logged_in(client, trio.bob)
    response = post_session(client, edit_url(trio.engagement, 2), number="2")
    assert response.status_code == 302  # type: ignore[attr-defined]


@pytest.mark.parametrize("person", ["alice", "charlie"])
def test_only_the_coach_logs_a_session(client: Client, trio: Trio, person: str) -> None:
    logged_in(client, getattr(trio, person))
    assert client.get(new_url(trio.engagement)).status_code == 403
    assert post_session(client, new_url(trio.engagement)).status_code == 403  # type: ignore[attr-defined]
    assert client.get(edit_url(trio.engagement, 1)).status_code == 403
    assert not Session.objects.filter(engagement=trio.engagement, number=2).exists()


def test_session_forms_outsider_404(client: Client, trio: Trio) -> None:
    logged_in(client, trio.dave)
    assert client.get(new_url(trio.engagement)).status_code == 404
    assert post_session(client, new_url(trio.engagement)).status_code == 404  # type: ignore[attr-defined]
    assert client.get(edit_url(trio.engagement, 1)).status_code == 404


def test_edit_unknown_session_404(client: Client, trio: Trio) -> None:
    assert logged_in(client, trio.bob).get(edit_url(trio.engagement, 9)).status_code == 404


def test_session_forms_wrong_method_405(client: Client, trio: Trio) -> None:
    logged_in(client, trio.bob)
    assert client.put(new_url(trio.engagement)).status_code == 405
    assert client.delete(edit_url(trio.engagement, 1)).status_code == 405


# ---------------------------------------------------------------- the client's reflection


def test_client_writes_a_private_reflection_then_shares_and_unshares(
    client: Client, trio: Trio
) -> None:
    logged_in(client, trio.alice)
    url = reflection_url(trio.engagement, 1)
    page = client.get(url).content.decode()
    assert "Share with my coach" in page and "onderhandelen" in page
    response = client.post(url, {"text": REFLECTION})
    assert response.status_code == 302
    reflection = SessionReflection.objects.get(session__engagement=trio.engagement)
    assert (reflection.text, reflection.shared_with_coach) == (REFLECTION, False)
    assert REFLECTION not in get_page(Client(), trio.bob, sessions_url(trio.engagement))

    client.post(url, {"text": REFLECTION, "shared_with_coach": "on"})
    assert REFLECTION in get_page(Client(), trio.bob, sessions_url(trio.engagement))

    client.post(url, {"text": REFLECTION})
    reflection.refresh_from_db()
    assert reflection.shared_with_coach is False
    assert REFLECTION not in get_page(Client(), trio.bob, sessions_url(trio.engagement))
    assert REFLECTION not in get_page(Client(), trio.charlie, sessions_url(trio.engagement))


def test_reflection_form_shows_the_saved_reflection(
    client: Client, trio: Trio, held: Session
) -> None:
    html = get_page(client, trio.alice, reflection_url(trio.engagement, 2))
    assert REFLECTION in html


def test_empty_reflection_is_refused_and_keeps_the_choice(client: Client, trio: Trio) -> None:
    logged_in(client, trio.alice)
    response = client.post(
        reflection_url(trio.engagement, 1), {"text": "   ", "shared_with_coach": "on"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Write your reflection before saving." in html
    assert "checked" in html.split('name="shared_with_coach"')[1].split(">")[0]
    assert not SessionReflection.objects.exists()


@pytest.mark.parametrize("person", ["bob", "charlie"])
def test_only_the_client_writes_a_reflection(
    client: Client, trio: Trio, held: Session, person: str
) -> None:
    logged_in(client, getattr(trio, person))
    url = reflection_url(trio.engagement, 2)
    assert client.get(url).status_code == 403
    assert client.post(url, {"text": "overgeschreven"}).status_code == 403
    assert SessionReflection.objects.get(session=held).text == REFLECTION


def test_reflection_outsider_404(client: Client, trio: Trio) -> None:
    logged_in(client, trio.dave)
    assert client.get(reflection_url(trio.engagement, 1)).status_code == 404
    assert client.post(reflection_url(trio.engagement, 1), {"text": "x"}).status_code == 404


def test_reflection_on_unknown_session_404(client: Client, trio: Trio) -> None:
    assert logged_in(client, trio.alice).get(reflection_url(trio.engagement, 9)).status_code == 404


def test_reflection_wrong_method_405(client: Client, trio: Trio) -> None:
    assert logged_in(client, trio.alice).put(reflection_url(trio.engagement, 1)).status_code == 405
