"""Aligning expectations: each party states its own; everyone sees where they diverge."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from oogst.contracting.forms.expectations import ExpectationForm
from oogst.contracting.phrasing import MEANING_HINT
from oogst.contracting.services.expectations import alignment_for, expectation_state
from oogst.engagements.frame import frame_or_404, render_frame


@require_http_methods(["GET", "POST"])
@login_required
def expectations(request: HttpRequest, engagement_id: int) -> HttpResponse:
    frame = frame_or_404(request, engagement_id)
    party, engagement = frame.party, frame.engagement
    alignment = alignment_for(frame)
    status = 200
    if request.method == "POST":
        form = ExpectationForm(request.POST)
        if form.is_valid():
            try:
                expectation_state(
                    engagement=engagement,
                    party=form.cleaned_data["party"] or party,
                    actor=party,
                    meanings=form.cleaned_data["meanings"],
                    text=form.cleaned_data["text"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Your expectations are saved."))
                return redirect("contracting:expectations", engagement_id=engagement_id)
        status = 400
    else:
        own = next((p for p in alignment.parties if p.party == party), None)
        form = ExpectationForm(
            initial={
                "party": party,
                "meanings": list(own.meanings) if own else [],
                "text": own.text if own else "",
            }
        )
    return render_frame(
        request,
        "contracting/expectations.html",
        frame,
        active="contracting:expectations",
        status=status,
        form=form,
        alignment=alignment,
        hints=MEANING_HINT,
        stated=any(p.stated and p.is_viewer for p in alignment.parties),
    )
