"""The sessions stage: the list, logging a session (coach), the client's reflection."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from oogst.contracting.forms.sessions import ReflectionForm, SessionForm
from oogst.contracting.frame import StageFrame, stage_frame_or_404
from oogst.contracting.models import Session
from oogst.contracting.services.deletion import Deletion, session_delete, session_deletion
from oogst.contracting.services.sessions import (
    reflection_save,
    session_log,
    session_next_number,
    session_update,
)
from oogst.contracting.session_selectors import (
    session_for_reflection,
    session_goals,
    sessions_page,
    topic_suggestions,
)
from oogst.engagements.access import require_write
from oogst.engagements.frame import frame_or_404, render_frame
from oogst.engagements.models import Engagement
from oogst.policy import Content, Party

ACTIVE = "contracting:sessions"


@require_GET
@login_required
def sessions(request: HttpRequest, engagement_id: int) -> HttpResponse:
    frame = stage_frame_or_404(request, engagement_id)
    return render_frame(
        request, "contracting/sessions.html", frame, active=ACTIVE, page=sessions_page(frame)
    )


def _save_session(
    form: SessionForm, *, party: Party, engagement: Engagement, session: Session | None
) -> Session:
    fields = {
        "actor": party,
        "number": form.cleaned_data["number"],
        "held_on": form.cleaned_data["held_on"],
        "topics": form.all_topics(),
        "goal_keys": form.cleaned_data["goal_keys"],
        "coach_notes": form.cleaned_data["coach_notes"],
    }
    if session is None:
        return session_log(engagement=engagement, **fields)
    return session_update(session=session, **fields)


def _session_form_page(
    request: HttpRequest, engagement_id: int, number: int | None
) -> HttpResponse:
    frame = stage_frame_or_404(request, engagement_id)
    require_write(Content.SESSIONS_HELD, frame.facts)
    require_write(Content.SESSION_TOPICS, frame.facts)
    party, engagement = frame.party, frame.engagement
    session = None
    if number is not None:
        session = get_object_or_404(
            Session.objects.prefetch_related("goals"), engagement_id=engagement_id, number=number
        )
    goals = session_goals(engagement_id=engagement_id)
    suggestions = topic_suggestions(engagement_id=engagement_id, coach=request.user)  # type: ignore[arg-type]
    if request.method == "POST":
        form = SessionForm(request.POST, goals=goals, suggestions=suggestions)
        if form.is_valid():
            try:
                saved = _save_session(form, party=party, engagement=engagement, session=session)
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                done = (
                    _("Session %(number)s is logged.")
                    if session is None
                    else _("Session %(number)s is saved.")
                )
                messages.success(request, done % {"number": saved.number})
                return redirect("contracting:sessions", engagement_id=engagement_id)
        return render_frame(
            request,
            "contracting/session_form.html",
            frame,
            active=ACTIVE,
            status=400,
            session=session,
            form=form,
        )
    if session is None:
        initial = {"number": session_next_number(engagement_id=engagement_id)}
    else:
        initial = SessionForm.initial_for(session, suggestions)
    form = SessionForm(initial=initial, goals=goals, suggestions=suggestions)
    return render_frame(
        request, "contracting/session_form.html", frame, active=ACTIVE, session=session, form=form
    )


@require_http_methods(["GET", "POST"])
@login_required
def session_new(request: HttpRequest, engagement_id: int) -> HttpResponse:
    return _session_form_page(request, engagement_id, None)


@require_http_methods(["GET", "POST"])
@login_required
def session_edit(request: HttpRequest, engagement_id: int, number: int) -> HttpResponse:
    return _session_form_page(request, engagement_id, number)


@require_http_methods(["GET", "POST"])
@login_required
def session_delete_page(request: HttpRequest, engagement_id: int, number: int) -> HttpResponse:
    """Delete a session logged by mistake: GET says what goes (or why it cannot), POST
    deletes. Only the coach, before the contract is in force; the others keep their
    numbers."""
    frame = stage_frame_or_404(request, engagement_id)
    require_write(Content.SESSIONS_HELD, frame.facts)
    require_write(Content.SESSION_TOPICS, frame.facts)
    session = get_object_or_404(Session, engagement_id=engagement_id, number=number)
    if request.method == "POST":
        try:
            session_delete(session=session, actor=frame.party)
        except ValidationError as error:
            refused = Deletion(refusals=tuple(error.messages), consequences=())
            return _session_delete_page(request, frame, session, refused, status=409)
        messages.success(request, _("Session %(number)s is deleted.") % {"number": number})
        return redirect("contracting:sessions", engagement_id=engagement_id)
    return _session_delete_page(request, frame, session, session_deletion(frame, session))


def _session_delete_page(
    request: HttpRequest,
    frame: StageFrame,
    session: Session,
    deletion: Deletion,
    status: int = 200,
) -> HttpResponse:
    engagement_id = frame.engagement.pk
    return render_frame(
        request,
        "contracting/delete_confirm.html",
        frame,
        active=ACTIVE,
        status=status,
        session=session,
        deletion=deletion,
        action=reverse("contracting:session_delete", args=[engagement_id, session.number]),
        back=reverse("contracting:session_edit", args=[engagement_id, session.number]),
    )


@require_http_methods(["GET", "POST"])
@login_required
def reflection(request: HttpRequest, engagement_id: int, number: int) -> HttpResponse:
    frame = frame_or_404(request, engagement_id)
    require_write(Content.CLIENT_REFLECTION, frame.facts)
    party = frame.party
    session = session_for_reflection(engagement_id=engagement_id, number=number)
    if session is None:
        raise Http404
    existing = getattr(session, "reflection", None)
    if request.method == "POST":
        form = ReflectionForm(request.POST)
        if form.is_valid():
            try:
                saved = reflection_save(
                    session=session,
                    actor=party,
                    text=form.cleaned_data["text"],
                    shared_with_coach=form.cleaned_data["shared_with_coach"],
                )
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                if saved.shared_with_coach:
                    note = _(
                        "Your reflection on session %(number)s is saved and shared with your coach."
                    )
                else:
                    note = _(
                        "Your reflection on session %(number)s is saved. Only you can read it."
                    )
                messages.success(request, note % {"number": session.number})
                return redirect("contracting:sessions", engagement_id=engagement_id)
        status = 400
    else:
        initial = (
            {"text": existing.text, "shared_with_coach": existing.shared_with_coach}
            if existing
            else {}
        )
        form = ReflectionForm(initial=initial)
        status = 200
    return render_frame(
        request,
        "contracting/session_reflection.html",
        frame,
        active=ACTIVE,
        status=status,
        form=form,
        session=session,
    )
