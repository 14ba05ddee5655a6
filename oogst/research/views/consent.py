"""Research consent: the client and the sponsor each give or withdraw their own.

The coach sees where consent stands; an outsider learns nothing (404). Who may consent
is `services.consent.may_consent`, which asks `policy.may_consent_to_research` (consent
is each party's own statement, so it is not in the policy table of engagement content).
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from oogst.engagements.frame import Frame, frame_or_404, render_frame
from oogst.research.selectors import research_k
from oogst.research.services.consent import (
    consent_statuses,
    may_consent,
    research_consent_give,
    research_consent_withdraw,
)

GIVE, WITHDRAW = "give", "withdraw"


class ConsentForm(forms.Form):
    """Giving consent: a deliberate tick, so a stray click on the button does not count."""

    agree = forms.BooleanField(
        label=gettext_lazy(
            "I agree that this engagement is used in practice research, without names,"
            " e-mail addresses, organisations or texts."
        ),
        error_messages={"required": gettext_lazy("Tick the box to give your consent.")},
    )


def _page(
    request: HttpRequest,
    frame: Frame,
    *,
    form: ConsentForm | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    party = frame.party
    statuses = consent_statuses(engagement=frame.engagement)
    own = next((s for s in statuses if s.party == party), None)
    return render_frame(
        request,
        "research/consent.html",
        frame,
        active="research:consent",
        status=status,
        statuses=statuses,
        own=own,
        may_consent=may_consent(party),
        form=form or ConsentForm(),
        error=error,
        included=bool(statuses) and all(s.active for s in statuses),
        k=research_k(),
    )


@require_http_methods(["GET", "POST"])
@login_required
def consent(request: HttpRequest, engagement_id: int) -> HttpResponse:
    frame = frame_or_404(request, engagement_id)
    party, engagement = frame.party, frame.engagement
    if request.method != "POST":
        return _page(request, frame)
    if not may_consent(party):
        raise PermissionDenied
    if request.POST.get("action") == WITHDRAW:
        try:
            research_consent_withdraw(engagement=engagement, party=party)
        except ValidationError as error:
            return _page(request, frame, error=error.messages[0], status=400)
        messages.success(
            request, _("Your consent is withdrawn: this engagement is no longer used in research.")
        )
        return redirect("research:consent", engagement_id)
    form = ConsentForm(request.POST)
    if not form.is_valid():
        return _page(request, frame, form=form, status=400)
    try:
        research_consent_give(engagement=engagement, party=party)
    except ValidationError as error:
        return _page(request, frame, form=form, error=error.messages[0], status=400)
    messages.success(request, _("Thank you: your consent is recorded."))
    return redirect("research:consent", engagement_id)
