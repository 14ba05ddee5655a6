"""The attainment page: each party rates each goal in its own login, and reads the T-scores
and the differences between raters that the policy lets it read."""

from dataclasses import replace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from oogst.closing.forms.attainment import AttainmentForm
from oogst.closing.services.attainment import attainment_rate
from oogst.contracting.frame import stage_frame_or_404
from oogst.engagements.access import require_write
from oogst.engagements.frame import render_frame
from oogst.harvest.attainment import attainment_page
from oogst.policy import Content


@require_http_methods(["GET", "POST"])
@login_required
def attainment(request: HttpRequest, engagement_id: int) -> HttpResponse:
    frame = stage_frame_or_404(request, engagement_id)
    party = frame.party
    page = attainment_page(frame)
    status = 200
    if request.method == "POST":
        require_write(Content.ATTAINMENT, replace(page.facts, author=party))
        form = AttainmentForm(request.POST, goals=page.goals)
        if form.is_valid():
            try:
                attainment_rate(engagement=page.engagement, party=party, levels=form.levels())
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(request, _("Your attainment ratings are saved."))
                return redirect("closing:attainment", engagement_id=engagement_id)
        status = 400
    else:
        form = AttainmentForm(initial=page.initial(), goals=page.goals)
    return render_frame(
        request,
        "closing/attainment.html",
        frame,
        active="closing:attainment",
        status=status,
        page=page,
        form=form,
    )
