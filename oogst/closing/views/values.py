"""The value of one observable result: the coach, the sponsor (on what it may read) and the
client (on her own results) enter an amount and unit; the ROI below shows what it does."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from oogst.closing.forms.values import ValueForm
from oogst.closing.services.values import result_to_value, result_value_set
from oogst.contracting.frame import stage_frame_or_404
from oogst.engagements.access import require_write
from oogst.harvest.values import value_page
from oogst.policy import Content


@require_http_methods(["GET", "POST"])
@login_required
def result_value(request: HttpRequest, engagement_id: int, key: str) -> HttpResponse:
    frame = stage_frame_or_404(request, engagement_id)
    party = frame.party
    page = value_page(frame, key)
    if page is None:  # hidden from this party, or no such key: the same answer
        raise Http404
    require_write(Content.RESULT_VALUE, page.facts)
    status = 200
    if request.method == "POST":
        form = ValueForm(request.POST)
        if form.is_valid():
            amount, unit = form.amount_and_unit()
            try:
                result_value_set(
                    result=result_to_value(engagement_id=engagement_id, key=key),
                    actor=party,
                    amount=amount,
                    unit=unit,
                )
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                done = (
                    _("The value of %(key)s is saved.")
                    if amount is not None
                    else _("The value of %(key)s is removed.")
                )
                messages.success(request, done % {"key": key})
                return redirect("closing:result_value", engagement_id=engagement_id, key=key)
        status = 400
    else:
        value = page.result.value
        form = ValueForm(
            initial=ValueForm.initial_for(
                value.amount if value else None, value.unit if value else "", page.currency
            )
        )
    context = {
        "frame": frame,
        "engagement": page.engagement,
        "party": party,
        "flags": frame.flags,
        "active": "closing:engagement",
        "page": page,
        "r": page.result,
        "roi": page.roi,
        "form": form,
    }
    return render(request, "closing/value.html", context, status=status)
