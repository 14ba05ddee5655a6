"""Every page of an engagement costs exactly the queries pinned here, and runs none twice.

The pages come from the URL configuration (`tests.engagement_urls`), so a new page is
covered the moment it exists: a page that answers GET with 200 and is missing from the
table fails until its count is pinned here. Each page frames itself once (the viewer's
party, the engagement, the parties, the contract: `contracting.frame`) and hands that to
the reads it calls, so none derives the same facts twice. Counts are for the three
parties of `tests/parties.py`, after one warm-up request; `bench/pages.py` prints them.
"""

from collections import Counter

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.engagement_urls import engagement_urls
from tests.parties import Trio, logged_in

PARTIES = ("alice", "bob", "charlie")  # client, coach, sponsor
NO = "refused"  # 403, 404 or 405: the party may not open this page

# page: (client, coach, sponsor)
EXPECTED: dict[str, tuple[int | str, int | str, int | str]] = {
    "closing:attainment": (18, 18, 18),
    "closing:conversation": (19, 19, 19),
    "closing:conversation_decline": (NO, 8, NO),
    "closing:conversation_plan": (NO, 8, NO),
    "closing:conversation_record": (NO, 19, NO),
    "closing:engagement": (21, 20, 20),
    "closing:final_report": (18, 18, 18),
    "closing:final_report_pdf": (18, 18, 18),
    "closing:result_value": (17, 17, 17),
    "contracting:contract": (11, 11, 11),
    "contracting:expectations": (5, 5, 5),
    "contracting:goal_new": (NO, 6, NO),
    "contracting:goals": (9, 9, 9),
    "contracting:invite": (NO, 8, NO),
    "contracting:reflection": (6, NO, NO),
    "contracting:session_edit": (NO, 10, NO),
    "contracting:session_new": (NO, 9, NO),
    "contracting:sessions": (8, 8, 7),
    "engagements:intake": (5, 5, NO),
    "research:consent": (6, 6, 6),
    "research:practice_propose": (NO, 10, NO),
    "results:end_report": (9, 9, 9),
    "results:judgement": (13, 13, 13),
    "results:result": (13, 13, 13),
    "results:result_edit": (10, NO, NO),
    "results:result_new": (7, 7, 7),
    "results:sponsor_preview": (17, 17, NO),
    "results:suggest_goals": (7, 7, 7),
}


def _measure(client: Client, url: str) -> tuple[int | str, list[str]]:
    client.get(url)  # warm: the session, template loading
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    statements = [q["sql"] for q in captured.captured_queries]
    if response.status_code in (403, 404, 405):
        return NO, statements
    assert response.status_code == 200, (url, response.status_code)
    return len(statements), statements


@pytest.mark.parametrize("who", PARTIES)
def test_every_page_costs_its_pinned_queries_and_none_twice(
    client: Client, trio: Trio, who: str
) -> None:
    logged_in(client, getattr(trio, who))
    column = PARTIES.index(who)
    found, repeated = {}, {}
    for name, url in sorted(engagement_urls(trio.engagement.pk, key="R1", number=1).items()):
        count, statements = _measure(client, url)
        if name in EXPECTED or count != NO:
            found[name] = count
        twice = [sql for sql, n in Counter(statements).items() if n > 1]
        if twice:
            repeated[name] = twice
    expected = {name: row[column] for name, row in EXPECTED.items()}
    assert found == expected
    assert repeated == {}, "a page ran the same query twice"
