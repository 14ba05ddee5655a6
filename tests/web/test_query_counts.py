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

# page: (client, coach, sponsor). Every whole page (not the PDF, not a fragment) asks once
# whether the viewer may browse the good practices (the header's link,
# `research.context_processors`): one query, since the viewer may coach another engagement.
EXPECTED: dict[str, tuple[int | str, int | str, int | str]] = {
    "closing:attainment": (19, 19, 19),
    "closing:conversation": (20, 20, 20),
    "closing:conversation_decline": (NO, 9, NO),
    "closing:conversation_plan": (NO, 9, NO),
    "closing:conversation_record": (NO, 20, NO),
    "closing:engagement": (22, 21, 21),
    "closing:final_report": (19, 19, 19),
    "closing:final_report_pdf": (18, 18, 18),
    "closing:result_value": (18, 18, 18),
    "contracting:contract": (12, 12, 12),
    "contracting:expectations": (6, 6, 6),
    "contracting:goal_new": (NO, 7, NO),
    "contracting:goals": (10, 10, 10),
    "contracting:invite": (NO, 9, NO),
    "contracting:reflection": (7, NO, NO),
    # The trio's contract is in force: the page says why session 1 can no longer go.
    "contracting:session_delete": (NO, 8, NO),
    "contracting:session_edit": (NO, 11, NO),
    "contracting:session_new": (NO, 10, NO),
    "contracting:sessions": (9, 9, 8),
    "engagements:intake": (6, 6, NO),
    "research:consent": (7, 7, 7),
    "research:practice_propose": (NO, 11, NO),
    "results:end_report": (10, 10, 10),
    "results:judgement": (14, 14, 14),
    "results:result": (14, 14, 14),
    "results:result_edit": (11, NO, NO),
    "results:result_new": (8, 8, 8),
    "results:sponsor_preview": (18, 18, NO),
    "results:suggest_goals": (7, 7, 7),
    # The confirmation before withdrawing R1 (the client's own): the result's page.
    "results:withdraw": (14, NO, NO),
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
