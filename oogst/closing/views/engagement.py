"""The engagement page: what one party may read of an engagement, and the measures over it."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET

from oogst.contracting.frame import stage_frame_or_404
from oogst.harvest import presenters
from oogst.harvest.agenda import sponsor_perspective_missing
from oogst.harvest.glance import glance
from oogst.harvest.next_step import next_step
from oogst.harvest.selectors import harvest_for
from oogst.harvest.snapshot import sharing_undecided
from oogst.htmx import wants_fragment
from oogst.results.selectors import sharing_to_decide


@require_GET
@login_required
def engagement(request: HttpRequest, engagement_id: int) -> HttpResponse:
    # Operators too get a 404 here: they use the admin and the command line.
    frame = stage_frame_or_404(request, engagement_id)
    party = frame.party
    harvest = harvest_for(engagement_id=engagement_id, viewer=party, engagement=frame.engagement)
    page = presenters.page(
        harvest.view,
        harvest.report,
        viewer=party,
        show=request.GET.get("show", "all"),
        undecided=sharing_undecided(harvest.engagement),
        pictures=False,  # they are in the final report; the overview only summarises
        withdrawn=harvest.withdrawn,  # struck through, after the results that count
    )
    context = {
        "engagement": harvest.engagement,
        "engagement_id": harvest.engagement.pk,
        "perspective_missing": sponsor_perspective_missing(harvest.report),
        "closing": harvest.report["closing"],
        "page": page,
        "glance": glance(page),
        "fragment": wants_fragment(request),
        "to_decide": sharing_to_decide(engagement_id=engagement_id, facts=frame.facts),
        "next": next_step(frame),
    }
    template = "closing/engagement.html"
    if context["fragment"]:
        template += "#register"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response
