"""The home page: the dashboard of the person's engagements."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET

from oogst import policy
from oogst.accounts.models import User
from oogst.dashboard.selectors import (
    ACTIVE_STAGES,
    PER_PAGE,
    Filters,
    participations,
    rows_of,
    stage_counts,
)
from oogst.engagements.selectors import invitations_unanswered, joins_waiting_for
from oogst.htmx import wants_fragment


@require_GET
@login_required
def home(request: HttpRequest) -> HttpResponse:
    person: User = request.user  # type: ignore[assignment]
    filters = Filters.from_query(request.GET.dict())
    page = Paginator(participations(person, filters), PER_PAGE).get_page(request.GET.get("page"))
    counts = stage_counts(person)
    context = {
        "filters": filters,
        "page": page,
        "rows": rows_of(list(page.object_list)),
        "stages": [(stage, stage.label, counts.get(stage, 0)) for stage in ACTIVE_STAGES],
        "open_count": sum(counts.values()),
        "page_query": _query_without_page(request),
        "waiting": invitations_unanswered(invited_by=person),
        "joining": joins_waiting_for(person=person),
        "may_start": policy.may_start_engagement(coach_role=person.is_coach),
        "may_invite_coaches": policy.may_invite_coaches(staff=person.is_staff),
    }
    template = "dashboard/_rows.html" if wants_fragment(request) else "dashboard/home.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _query_without_page(request: HttpRequest) -> str:
    """The filters as a query string, for the page links."""
    kept = {k: v for k, v in request.GET.items() if k != "page" and v}
    return urlencode(kept)
