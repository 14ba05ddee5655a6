"""The parties: inviting them, and changing them once the contract is in force.

Each view: who is asking and may they, bind a form, call a service, redirect or re-render
with everything typed. The join page is the one page for a person who is no party yet.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from oogst.contracting.forms.contract import SPONSOR_VIEW_HINT
from oogst.contracting.forms.parties import PartyChangeForm
from oogst.contracting.frame import StageFrame, stage_frame_or_404
from oogst.contracting.models import Contract, PartyChange
from oogst.contracting.party_selectors import join_page, open_change
from oogst.contracting.services.contract import canonical_view
from oogst.contracting.services.parties import (
    LATE_PARTIES,
    party_change_agree,
    party_change_decline,
    party_change_join,
    party_change_propose,
    party_change_withdraw,
    party_invitation_correct,
    party_invite,
)
from oogst.engagements.access import require_write
from oogst.engagements.forms import InvitationForm
from oogst.engagements.frame import frame_or_404, render_frame
from oogst.engagements.models import Engagement, Invitation
from oogst.engagements.selectors import pending_invitation
from oogst.engagements.services import INVITABLE
from oogst.engagements.views import add_errors
from oogst.policy import Content, Party
from oogst.vocabulary import Party as PartyChoice

GET_OR_POST = require_http_methods(["GET", "POST"])


@GET_OR_POST
@login_required
def invite(request: HttpRequest, engagement_id: int) -> HttpResponse:
    frame = stage_frame_or_404(request, engagement_id)
    # Inviting the parties is part of the coach's contracting work.
    require_write(Content.CONTRACT, frame.facts)
    engagement, party, in_force = frame.engagement, frame.party, frame.in_force
    forms: dict[Party, Any] = {p: InvitationForm(prefix=p) for p in INVITABLE}
    propose = _propose_form(frame.contract) if in_force and frame.contract else None
    if request.method == "POST":
        if in_force and request.POST.get("action") == "propose":
            propose = PartyChangeForm(request.POST, prefix=PROPOSE)
            if propose.is_valid() and _propose(request, engagement, party, propose):
                return redirect("contracting:invite", engagement.pk)
        else:
            invited = request.POST.get("party", "")
            if invited not in INVITABLE:
                return HttpResponseBadRequest()
            form = forms[Party(invited)] = InvitationForm(request.POST, prefix=invited)
            if form.is_valid() and _invite(request, engagement, party, Party(invited), form):
                return redirect("contracting:invite", engagement.pk)
    bound = [f for f in (*forms.values(), propose) if f is not None and f.is_bound]
    return render_frame(
        request,
        "contracting/invite.html",
        frame,
        active="contracting:invite",
        status=400 if bound else 200,
        in_force=in_force,
        open_change=open_change(engagement_id=engagement_id),
        propose_form=propose,
        hints=SPONSOR_VIEW_HINT,
        rows=[{**row, "form": forms.get(row["party"])} for row in _party_rows(frame)],
    )


PROPOSE = "propose"  # the prefix of the form that proposes a sponsor to a contract in force


def _propose_form(contract: Contract) -> PartyChangeForm:
    return PartyChangeForm(
        prefix=PROPOSE,
        initial={
            "sponsor_may_see": canonical_view(contract.sponsor_may_see),
            "costs_amount": contract.costs_amount,
            "currency": contract.currency or "EUR",
        },
    )


def _invite(
    request: HttpRequest, engagement: Engagement, actor: Party, invited: Party, form: Any
) -> bool:
    """Invite; True when done, else the errors are on the form."""
    with _errors_on(form):
        invitation = party_invite(
            engagement=engagement,
            actor=actor,
            party=invited,
            invited_by=request.user,  # type: ignore[arg-type]
            base_url=request.build_absolute_uri("/"),
            **form.cleaned_data,
        )
        messages.success(request, _sent_message(invitation))
        return True
    return False


def _propose(request: HttpRequest, engagement: Engagement, actor: Party, form: Any) -> bool:
    """Propose a sponsor to a contract in force; True when done."""
    with _errors_on(form):
        change = party_change_propose(
            engagement=engagement,
            actor=actor,
            proposed_by=request.user,  # type: ignore[arg-type]
            party=Party.SPONSOR,
            base_url=request.build_absolute_uri("/"),
            **form.cleaned_data,
        )
        messages.success(request, _proposed_message(change))
        return True
    return False


@contextmanager
def _errors_on(form: Any) -> Iterator[None]:
    """A service's refusal goes onto the form, whatever was typed stays."""
    try:
        yield
    except ValidationError as error:
        add_errors(form, error)
    except OSError:  # the mail server did not take it (smtplib errors are OSErrors)
        form.add_error(
            None, _("The e-mail could not be sent, so nothing was saved. Try again later.")
        )


def _sent_message(invitation: Invitation) -> str:
    return _("The invitation for %(name)s (%(party)s) was sent to %(email)s.") % {
        "name": invitation.person,
        "party": PartyChoice(invitation.party).label,
        "email": invitation.person.email,
    }


def _proposed_message(change: PartyChange) -> str:
    return _(
        "You proposed %(name)s as the %(party)s. The client agrees first; then %(name)s "
        "accepts the contract as amended. Until then %(name)s sees nothing of the engagement."
    ) % {"name": change.person, "party": PartyChoice(change.party).label}


@GET_OR_POST
@login_required
def invite_correct(request: HttpRequest, engagement_id: int, party: str) -> HttpResponse:
    """Correct the address of an invitation nobody has accepted yet: the old link dies and
    the right address gets a new one. 404 when no such invitation waits."""
    frame = stage_frame_or_404(request, engagement_id)
    require_write(Content.CONTRACT, frame.facts)  # whoever invites
    invitation = pending_invitation(engagement_id=engagement_id, party=party)
    if party not in INVITABLE or invitation is None:
        raise Http404
    wrong = invitation.person
    if request.method == "POST":
        form = InvitationForm(request.POST)
        if form.is_valid():
            with _errors_on(form):
                corrected = party_invitation_correct(
                    engagement=frame.engagement,
                    actor=frame.party,
                    party=party,
                    invited_by=request.user,  # type: ignore[arg-type]
                    base_url=request.build_absolute_uri("/"),
                    **form.cleaned_data,
                )
                messages.success(request, _corrected_message(corrected, wrong_email=wrong.email))
                return redirect("contracting:invite", engagement_id)
    else:
        form = InvitationForm(initial={"name": wrong.name, "email": wrong.email})
    return render_frame(
        request,
        "contracting/invite_correct.html",
        frame,
        active="contracting:invite",
        status=400 if form.is_bound else 200,
        form=form,
        invitation=invitation,
        party_label=PartyChoice(party).label,
        # The party accepted the contract in this person's login: no longer to redirect.
        accepted=party in frame.accepted,
    )


def _corrected_message(invitation: Invitation, *, wrong_email: str) -> str:
    return _(
        "The invitation for the %(party)s now goes to %(name)s at %(email)s. "
        "The link sent to %(wrong)s no longer works."
    ) % {
        "party": PartyChoice(invitation.party).label,
        "name": invitation.person,
        "email": invitation.person.email,
        "wrong": wrong_email,
    }


ROW_WORDS: dict[Party, dict[str, Any]] = {
    Party.CLIENT: {
        "heading": gettext_lazy("The client"),
        "invite_label": gettext_lazy("Invite the client"),
    },
    Party.COACH: {"heading": gettext_lazy("The coach"), "invite_label": ""},
    Party.SPONSOR: {
        "heading": gettext_lazy("The sponsor"),
        "invite_label": gettext_lazy("Invite the sponsor"),
    },
}


def _party_rows(frame: StageFrame) -> list[dict[str, Any]]:
    """Each party with its person (if any), that person's invitation (if any), its words,
    whether it may be absent, and whether it now joins only by a change of the parties."""
    people = frame.people
    invitations = {(i.party, i.person_id): i for i in frame.engagement.invitations.all()}
    rows: list[dict[str, Any]] = []
    for p in Party:
        person = people.get(p)
        rows.append(
            {
                "party": p,
                "person": person,
                "invitation": invitations.get((p, person.pk)) if person else None,
                "optional": p == Party.SPONSOR,  # an engagement without a sponsor is allowed
                "late": frame.in_force and p in LATE_PARTIES,
                **ROW_WORDS[p],
            }
        )
    return rows


# ---------------------------------------------------------------- the client, the coach


@require_POST
@login_required
def change_agree(request: HttpRequest, engagement_id: int, change_id: int) -> HttpResponse:
    change = _change_or_404(request, engagement_id, change_id)
    if request.POST.get("answer") == "decline":
        settled = _settle(request, party_change_decline, change=change, person=request.user)
        done = _("You declined: %(name)s does not join the engagement.")
    else:
        settled = _settle(
            request,
            party_change_agree,
            change=change,
            person=request.user,
            base_url=request.build_absolute_uri("/"),
        )
        done = _("You agreed. %(name)s can now accept the contract and join.")
    if settled:
        messages.success(request, done % {"name": change.person})
    return redirect("contracting:contract", engagement_id=engagement_id)


@require_POST
@login_required
def change_withdraw(request: HttpRequest, engagement_id: int, change_id: int) -> HttpResponse:
    party = frame_or_404(request, engagement_id).party
    change = _change_or_404(request, engagement_id, change_id)
    if _settle(request, party_change_withdraw, change=change, actor=party, person=request.user):
        messages.success(request, _("The proposal is withdrawn; its link no longer works."))
    return redirect("contracting:contract", engagement_id=engagement_id)


def _change_or_404(request: HttpRequest, engagement_id: int, change_id: int) -> PartyChange:
    frame_or_404(request, engagement_id)
    return get_object_or_404(
        PartyChange.objects.select_related("person"), pk=change_id, engagement_id=engagement_id
    )


def _settle(request: HttpRequest, service: Any, **kwargs: Any) -> bool:
    """Call a service that settles a change; a refusal is said, not raised."""
    try:
        service(**kwargs)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return False
    return True


# ---------------------------------------------------------------- the person proposed


@GET_OR_POST
@login_required
def join(request: HttpRequest, engagement_id: int) -> HttpResponse:
    """Where a person proposed after the contract came into force accepts it as amended."""
    page = join_page(engagement_id=engagement_id, person=request.user)  # type: ignore[arg-type]
    if page is None:
        raise Http404
    error = ""
    if request.method == "POST":
        if not page.may_join:
            error = _("The client has not agreed yet; you can accept once she has.")
        else:
            try:
                party_change_join(change=page.change, person=request.user)  # type: ignore[arg-type]
            except ValidationError as refused:
                error = " ".join(refused.messages)
            else:
                messages.success(request, _("You accepted the contract and joined."))
                return redirect("closing:engagement", engagement_id)
    context = {"page": page, "error": error}
    return render(request, "contracting/join.html", context, status=400 if error else 200)
