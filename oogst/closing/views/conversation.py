"""The closing three-way conversation: its page (for all three parties), the coach's forms
to plan it, record it as held, or record that it was declined or did not happen, and
closing the engagement after it.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from oogst import policy
from oogst.closing.forms.conversation import (
    DeclineForm,
    PlanForm,
    RecordForm,
    add_service_errors,
)
from oogst.closing.models import ClosingConversation
from oogst.closing.services import conversation as services
from oogst.contracting.frame import StageFrame, stage_frame_or_404
from oogst.engagements.access import require_read, require_write
from oogst.harvest.agenda import (
    conversation_agenda,
    present,
    sponsor_perspective_missing,
    with_minutes,
)
from oogst.harvest.next_step import open_actions
from oogst.harvest.selectors import harvests_for
from oogst.policy import Content, Party
from oogst.vocabulary import ClosingStatus

ENDED = (ClosingStatus.HELD, ClosingStatus.DECLINED, ClosingStatus.NOT_HELD)


def _frame(frame: StageFrame) -> dict[str, Any]:
    return {
        "frame": frame,
        "engagement": frame.engagement,
        "party": frame.party,
        "flags": frame.flags,
        "active": "closing:conversation",
    }


def _coach_only(request: HttpRequest, engagement_id: int) -> tuple[StageFrame, dict[str, Any]]:
    """The first lines of every write here: a party (else 404) whose role may write (403)."""
    frame = stage_frame_or_404(request, engagement_id)
    require_write(Content.CLOSING, frame.facts)
    return frame, _frame(frame)


def _existing(engagement_id: int) -> ClosingConversation | None:
    return (
        ClosingConversation.objects.filter(engagement_id=engagement_id)
        .prefetch_related("minutes")
        .first()
    )


@require_GET
@login_required
def conversation(request: HttpRequest, engagement_id: int) -> HttpResponse:
    frame = stage_frame_or_404(request, engagement_id)
    party, facts = frame.party, frame.facts
    require_read(Content.CLOSING, facts)
    harvest, agenda = conversation_agenda(
        engagement_id=engagement_id, viewer=party, engagement=frame.engagement
    )
    record = _existing(engagement_id)
    agenda = with_minutes(agenda, record, harvest.view, viewer=party)
    may_write = policy.may_write(Content.CLOSING, facts)
    context = {
        **_frame(frame),
        "record": record,
        "agenda": agenda,
        "report": harvest.report,
        "perspective_missing": sponsor_perspective_missing(harvest.report),
        "may_write": may_write,
        "may_close": may_write and record is not None and record.status in ENDED,
        "names": {p: person.name for p, person in harvest.view.parties.items()},
    }
    return render(request, "closing/conversation.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def conversation_plan(request: HttpRequest, engagement_id: int) -> HttpResponse:
    frame, context = _coach_only(request, engagement_id)
    party = frame.party
    if request.method == "POST":
        form = PlanForm(request.POST)
        if form.is_valid():
            try:
                services.conversation_plan(
                    engagement=context["engagement"],
                    actor=party,
                    held_on=form.cleaned_data["held_on"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The closing conversation is planned."))
                return redirect("closing:conversation", engagement_id=engagement_id)
        status = 400
    else:
        form = PlanForm(initial=PlanForm.initial_for(_existing(engagement_id)))
        status = 200
    return render(
        request, "closing/conversation_plan.html", {**context, "form": form}, status=status
    )


@require_http_methods(["GET", "POST"])
@login_required
def conversation_record(request: HttpRequest, engagement_id: int) -> HttpResponse:
    frame, context = _coach_only(request, engagement_id)
    party = frame.party
    # The items discussed with the sponsor present: the only ones that get minutes.
    own, sponsor = harvests_for(
        engagement_id=engagement_id,
        viewers=(party, Party.SPONSOR),
        engagement=frame.engagement,
    )
    items = present(sponsor.report["agenda"], own.view)
    parties = frame.present
    if request.method == "POST":
        form = RecordForm(request.POST, agenda=items, parties=parties)
        if form.is_valid():
            try:
                services.conversation_record_held(
                    engagement=context["engagement"], actor=party, **form.service_arguments()
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The closing conversation is recorded as held."))
                return redirect("closing:conversation", engagement_id=engagement_id)
        status = 400
    else:
        initial = RecordForm.initial_for(_existing(engagement_id), parties)
        form = RecordForm(initial=initial, agenda=items, parties=parties)
        status = 200
    return render(
        request, "closing/conversation_record.html", {**context, "form": form}, status=status
    )


@require_http_methods(["GET", "POST"])
@login_required
def conversation_decline(request: HttpRequest, engagement_id: int) -> HttpResponse:
    frame, context = _coach_only(request, engagement_id)
    party = frame.party
    parties = frame.present
    if request.method == "POST":
        form = DeclineForm(request.POST, parties=parties)
        if form.is_valid():
            data = form.cleaned_data
            try:
                if form.declined:
                    services.conversation_decline(
                        engagement=context["engagement"],
                        actor=party,
                        by=data["by"],
                        reason=data["reason"],
                    )
                else:
                    services.conversation_not_held(
                        engagement=context["engagement"], actor=party, reason=data["reason"]
                    )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("What happened to the closing conversation is saved."))
                return redirect("closing:conversation", engagement_id=engagement_id)
        status = 400
    else:
        initial = DeclineForm.initial_for(_existing(engagement_id), parties)
        form = DeclineForm(initial=initial, parties=parties)
        status = 200
    return render(
        request, "closing/conversation_decline.html", {**context, "form": form}, status=status
    )


@require_POST
@login_required
def engagement_close(request: HttpRequest, engagement_id: int) -> HttpResponse:
    """Two steps, both POST: the first shows what closing means, the second closes."""
    frame, context = _coach_only(request, engagement_id)
    party = frame.party
    record = _existing(engagement_id)
    if record is None or record.status not in ENDED:
        not_yet = _(
            "Record first how the closing conversation went: held, declined or not held. "
            "Then the engagement can be closed."
        )
        return render(
            request, "closing/conversation_close.html", {**context, "errors": [not_yet]}, status=400
        )
    if request.POST.get("confirmed") != "yes":
        context = {**context, "ready": True, "still_open": open_actions(frame)}
        return render(request, "closing/conversation_close.html", context)
    try:
        services.engagement_close(
            engagement=context["engagement"],
            actor=party,
            person=request.user,  # type: ignore[arg-type]
        )
    except ValidationError as error:
        return render(
            request,
            "closing/conversation_close.html",
            {**context, "errors": error.messages, "ready": True, "still_open": open_actions(frame)},
            status=400,
        )
    messages.success(request, _("The engagement is closed. It is now read-only for everyone."))
    return redirect("closing:conversation", engagement_id=engagement_id)
