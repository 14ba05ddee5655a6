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
from oogst.contracting.party_selectors import party_changes_of
from oogst.contracting.selectors import accepted_by, facts_for
from oogst.contracting.services.amendments import amendments_of
from oogst.contracting.services.contract import contract_accept as accept_contract
from oogst.contracting.services.contract import contract_for, contract_update
from oogst.contracting.services.expectations import alignment_for
from oogst.contracting.services.goals import goal_cards
from oogst.contracting.views.expectations import render_stage, stage_engagement
from oogst.contracting.views.goals import tell_cleared
from oogst.engagements.access import party_or_404, require_read, require_write
from oogst.policy import Content, Party


def _page(
    request: HttpRequest,
    engagement_id: int,
    party: Party,
    *,
    form: ContractForm | None = None,
    accept_error: str = "",
    status: int = 200,
) -> HttpResponse:
    engagement = stage_engagement(engagement_id)
    view = contract_for(engagement=engagement, viewer=party)
    may_edit = (
        policy.may_write(Content.CONTRACT, facts_for(engagement_id=engagement_id, party=party))
        and not view.in_force
    )
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
    own = next((a for a in view.acceptances if a.party == party), None)
    return render_stage(
        request,
        "contracting/contract.html",
        engagement=engagement,
        party=party,
        active="contracting:contract",
        status=status,
        view=view,
        form=form if may_edit else None,
        hints=SPONSOR_VIEW_HINT,
        own=own,
        accept_error=accept_error,
        alignment=alignment_for(engagement_id=engagement_id, viewer=party),
        cards=goal_cards(engagement=engagement, viewer=party),
        amendments=amendments_of(engagement_id=engagement_id, viewer=party),
        party_changes=party_changes_of(engagement_id=engagement_id, viewer=party),
    )


@require_http_methods(["GET", "POST"])
@login_required
def contract(request: HttpRequest, engagement_id: int) -> HttpResponse:
    party = party_or_404(request, engagement_id)
    facts = facts_for(engagement_id=engagement_id, party=party)
    require_read(Content.CONTRACT, facts)
    if request.method != "POST":
        return _page(request, engagement_id, party)
    require_write(Content.CONTRACT, facts)
    form = ContractForm(request.POST)
    if form.is_valid():
        before = accepted_by(engagement_id=engagement_id)
        try:
            contract_update(
                engagement=stage_engagement(engagement_id), actor=party, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The terms of the contract are saved."))
            tell_cleared(request, before - accepted_by(engagement_id=engagement_id))
            return redirect("contracting:contract", engagement_id=engagement_id)
    return _page(request, engagement_id, party, form=form, status=400)


@require_POST
@login_required
def contract_accept(request: HttpRequest, engagement_id: int) -> HttpResponse:
    party = party_or_404(request, engagement_id)
    require_read(Content.CONTRACT, facts_for(engagement_id=engagement_id, party=party))
    try:
        accept_contract(
            engagement=stage_engagement(engagement_id),
            party=party,
            person=request.user,  # type: ignore[arg-type]
        )
    except ValidationError as error:
        return _page(
            request, engagement_id, party, accept_error=" ".join(error.messages), status=400
        )
    messages.success(request, _("You accepted the contract."))
    return redirect("contracting:contract", engagement_id=engagement_id)
