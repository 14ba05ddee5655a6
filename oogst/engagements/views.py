"""The start of an engagement: starting one, accepting an invitation, the intake.

Each view: who is asking and may they (`access`, which asks the policy), bind a form,
call a service, redirect or re-render the form with everything the person typed.
"""

from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from oogst import policy
from oogst.accounts.models import User
from oogst.engagements.access import require_read, require_write
from oogst.engagements.forms import (
    ORGANISATION_LIST,
    SECTOR_LIST,
    EngagementStartForm,
    IntakeForm,
)
from oogst.engagements.frame import frame_or_404, render_frame
from oogst.engagements.models import Intake, Invitation, Organisation
from oogst.engagements.selectors import (
    party_in,
)
from oogst.engagements.services import (
    InvitationNotValid,
    engagement_start,
    intake_record,
    invitation_accept,
    token_hash,
)
from oogst.policy import Content, Facts, Party
from oogst.service_errors import add_service_errors as put_service_errors

GET_OR_POST = require_http_methods(["GET", "POST"])


# ---------------------------------------------------------------- starting an engagement


@GET_OR_POST
@login_required
def start(request: HttpRequest) -> HttpResponse:
    person: User = request.user  # type: ignore[assignment]
    if not policy.may_start_engagement(coach_role=person.is_coach):
        raise PermissionDenied  # only coaches start engagements; an operator invites them
    if request.method == "POST":
        form = EngagementStartForm(request.POST)
        if form.is_valid():
            try:
                engagement = engagement_start(coach=person, **form.cleaned_data)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(
                    request,
                    _(
                        "The engagement is started and you are its coach. Now invite the "
                        "client and, if there is one, the sponsor."
                    ),
                )
                return redirect("contracting:invite", engagement.pk)
    else:
        form = EngagementStartForm(initial={"language": person.language})
    organisations, sectors = _suggestions(person)
    context = {
        "form": form,
        "organisations": organisations,
        "sectors": sectors,
        "organisation_list": ORGANISATION_LIST,
        "sector_list": SECTOR_LIST,
    }
    return render(request, "engagements/start.html", context, status=_status(form))


# ---------------------------------------------------------------- invitations


@GET_OR_POST
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the e-mail: set a password (or log in) and join the engagement."""
    pending = _pending_invitation(token)
    if pending is None:
        return _invitation_invalid(request)
    person, user = pending.person, request.user
    context: dict[str, Any] = {"invitation": pending, "person": person}
    if user.is_authenticated and user.pk != person.pk:
        context["state"] = "other_person"
        return render(request, "engagements/invitation.html", context, status=403)
    engagement_url = _landing(pending)
    if person.has_usable_password():
        # Logged in as the invitee: nothing left to ask. Otherwise accept on a button,
        # so a mail scanner that opens the link does not use it up.
        if user.is_authenticated or request.method == "POST":
            try:
                invitation_accept(token=token, password=None)
            except InvitationNotValid:
                return _invitation_invalid(request)
            if user.is_authenticated:
                return redirect(engagement_url)
            return redirect(f"{reverse('accounts:login')}?{urlencode({'next': engagement_url})}")
        context["state"] = "accept"
        return render(request, "engagements/invitation.html", context)
    form = SetPasswordForm(person, request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            accepted = invitation_accept(token=token, password=form.cleaned_data["new_password1"])
        except InvitationNotValid:
            return _invitation_invalid(request)
        except ValidationError as error:
            form.add_error("new_password2", error)
        else:
            login(request, accepted, backend="django.contrib.auth.backends.ModelBackend")
            return redirect(engagement_url)
    context.update(state="set_password", form=form)
    return render(request, "engagements/invitation.html", context, status=_status(form))


def _landing(invitation: Invitation) -> str:
    """Where an accepted invitation leads: the engagement, or for a person proposed after
    the contract came into force (no party yet, `contracting.services.parties`) the page
    where they accept the contract as amended."""
    if party_in(person=invitation.person, engagement_id=invitation.engagement_id) is None:
        return reverse("contracting:join", args=[invitation.engagement_id])
    return reverse("closing:engagement", args=[invitation.engagement_id])


def _invitation_invalid(request: HttpRequest) -> HttpResponse:
    return render(request, "engagements/invitation_invalid.html", status=404)


# ---------------------------------------------------------------- the intake


@GET_OR_POST
@login_required
def intake(request: HttpRequest, engagement_id: int) -> HttpResponse:
    frame = frame_or_404(request, engagement_id)
    party, facts, engagement = frame.party, frame.facts, frame.engagement
    require_read(Content.INTAKE, facts)
    record = Intake.objects.filter(engagement=engagement).first()
    form: IntakeForm | None = None
    if request.method == "POST":
        require_write(Content.INTAKE, facts)
        form = IntakeForm(request.POST)
        if form.is_valid():
            try:
                intake_record(engagement=engagement, actor=party, **form.cleaned_data)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("The intake is saved."))
                return redirect("engagements:intake", engagement.pk)
    elif policy.may_write(Content.INTAKE, facts):
        form = IntakeForm(initial=_intake_initial(record))
    return render_frame(
        request,
        "engagements/intake.html",
        frame,
        active="engagements:intake",
        status=_status(form),
        form=form,
        intake=_intake_as_read(record, facts),
        words=_intake_words(party),
    )


def _intake_words(party: Party) -> dict[str, str]:
    """The intake is the client's own story: she reads it addressed to her."""
    if party == Party.CLIENT:
        return {
            "question": _("Your question"),
            "not_recorded": _("Your coach has not recorded the intake yet."),
        }
    return {
        "question": _("The client's question"),
        "not_recorded": _("The intake was not recorded."),
    }


def _intake_initial(record: Intake | None) -> dict[str, Any] | None:
    if record is None:
        return None
    return {"held_on": record.held_on, "question": record.question, "notes": record.notes}


def _intake_as_read(record: Intake | None, facts: Facts) -> dict[str, Any] | None:
    """The intake as this viewer may read it: the notes only for whom the policy allows."""
    if record is None:
        return None
    notes = record.notes if policy.may_read(Content.INTAKE_NOTES, facts) else None
    return {"held_on": record.held_on, "question": record.question, "notes": notes}


# ---------------------------------------------------------------- shared


add_errors = put_service_errors


def _status(form: forms.Form | None) -> int:
    """A re-rendered form that failed is a 400; the page itself is a 200."""
    return 400 if form is not None and form.is_bound and form.errors else 200


def _suggestions(person: User) -> tuple[list[str], list[str]]:
    """Organisations and sectors to offer: from the person's own engagements (operators: all).

    Not every organisation of the practice: a client who starts nothing should not learn
    which other organisations the practice works for.
    """
    organisations = Organisation.objects.all()
    if not person.is_staff:
        organisations = organisations.filter(engagements__participations__person=person)
    rows = list(organisations.distinct().order_by("name").values_list("name", "sector"))
    return [name for name, _sector in rows], sorted({s for _name, s in rows if s})


def _pending_invitation(token: str) -> Invitation | None:
    """The invitation a link stands for, while it can still be used."""
    return (
        Invitation.objects.select_related("person", "engagement__organisation", "invited_by")
        .filter(token_hash=token_hash(token), accepted_at__isnull=True)
        .first()
    )
