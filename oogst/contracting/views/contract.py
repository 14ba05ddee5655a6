"""The contract: terms proposed by the coach, accepted by every party in its own login."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from oogst import policy
from oogst.contracting.forms.contract import SPONSOR_VIEW_HINT, ContractForm
from oogst.contracting.frame import StageFrame, stage_frame_or_404
from oogst.contracting.party_selectors import party_changes_of
from oogst.contracting.selectors import accepted_by
from oogst.contracting.services.amendments import amendments_of
from oogst.contracting.services.contract import contract_accept as accept_contract
from oogst.contracting.services.contract import contract_check_acceptable as check_acceptable
from oogst.contracting.services.contract import contract_for, contract_update, contract_version
from oogst.contracting.services.expectations import alignment_for
from oogst.contracting.services.goals import goal_cards
from oogst.contracting.views.goals import tell_cleared
from oogst.engagements.access import require_read, require_write
from oogst.engagements.frame import render_frame
from oogst.policy import Content


def _page(
    request: HttpRequest,
    frame: StageFrame,
    *,
    form: ContractForm | None = None,
    accept_error: str = "",
    status: int = 200,
) -> HttpResponse:
    view = contract_for(frame)
    may_edit = policy.may_write(Content.CONTRACT, frame.facts) and not view.in_force
    if form is None and may_edit:
        c = view.contract
        form = ContractForm(
            initial={
                "sessions_planned": c.sessions_planned,
                "costs_amount": c.costs_amount,
                "currency": c.currency,
                "sponsor_may_see": list(c.sponsor_may_see),
                "rho": c.rho,
            }
        )
    own = next((a for a in view.acceptances if a.party == frame.party), None)
    return render_frame(
        request,
        "contracting/contract.html",
        frame,
        active="contracting:contract",
        status=status,
        view=view,
        form=form if may_edit else None,
        hints=SPONSOR_VIEW_HINT,
        own=own,
        accept_error=accept_error,
        alignment=alignment_for(frame),
        cards=goal_cards(frame),
        amendments=amendments_of(frame),
        party_changes=party_changes_of(frame),
    )


@require_http_methods(["GET", "POST"])
@login_required
def contract(request: HttpRequest, engagement_id: int) -> HttpResponse:
    frame = stage_frame_or_404(request, engagement_id)
    require_read(Content.CONTRACT, frame.facts)
    if request.method != "POST":
        return _page(request, frame)
    require_write(Content.CONTRACT, frame.facts)
    form = ContractForm(request.POST)
    if form.is_valid():
        try:
            contract_update(engagement=frame.engagement, actor=frame.party, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The terms of the contract are saved."))
            tell_cleared(request, frame.accepted - accepted_by(engagement_id=engagement_id))
            return redirect("contracting:contract", engagement_id=engagement_id)
    return _page(request, frame, form=form, status=400)


def _confirm_page(
    request: HttpRequest, frame: StageFrame, *, error: str = "", status: int = 200
) -> HttpResponse:
    """What the viewer accepts, with "Yes, I accept": the terms as they stand now."""
    view = contract_for(frame)
    opens = policy.acceptance_opens_widening(frame.party) and bool(view.widenings_pending)
    return render_frame(
        request,
        "contracting/contract_confirm.html",
        frame,
        active="contracting:contract",
        status=status,
        view=view,
        cards=goal_cards(frame),
        version=contract_version(engagement_id=frame.engagement.pk),
        confirm_error=error,
        widening_note=_("Your acceptance opens this to the sponsor.") if opens else "",
    )


@require_POST
@login_required
def contract_accept(request: HttpRequest, engagement_id: int) -> HttpResponse:
    """Two steps, both POST: without `confirm=yes` and the terms' `version` it shows what
    is accepted and asks to confirm; with them it accepts, if the terms are still those."""
    frame = stage_frame_or_404(request, engagement_id)
    require_read(Content.CONTRACT, frame.facts)
    person = request.user
    version = request.POST.get("version", "")
    try:
        if request.POST.get("confirm") != "yes" or not version:
            check_acceptable(engagement=frame.engagement, party=frame.party, person=person)  # type: ignore[arg-type]
            return _confirm_page(request, frame)
        accept_contract(
            engagement=frame.engagement,
            party=frame.party,
            person=person,  # type: ignore[arg-type]
            version=version,
        )
    except ValidationError as error:
        if error.code == "changed":
            return _confirm_page(request, frame, error=" ".join(error.messages), status=409)
        return _page(request, frame, accept_error=" ".join(error.messages), status=400)
    messages.success(request, _("You accepted the contract."))
    return redirect("contracting:contract", engagement_id=engagement_id)
