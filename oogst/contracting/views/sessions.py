"""The sessions stage: the list, logging a session (coach), the client's reflection."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from oogst.contracting.forms.sessions import ReflectionForm, SessionForm
from oogst.contracting.models import Session
from oogst.contracting.selectors import facts_for
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
from oogst.engagements.access import party_or_404, require_write
from oogst.engagements.models import Engagement
from oogst.policy import Content, Party


def _engagement(engagement_id: int) -> Engagement:
    return get_object_or_404(Engagement.objects.select_related("organisation"), pk=engagement_id)


def _frame(engagement: Engagement, party: Party) -> dict[str, object]:
    """What engagements/stage.html needs around every sessions page."""
    return {"engagement": engagement, "party": party, "active": "contracting:sessions"}


@require_GET
@login_required
def sessions(request: HttpRequest, engagement_id: int) -> HttpResponse:
    party = party_or_404(request, engagement_id)
    page = sessions_page(engagement_id=engagement_id, party=party)
    return render(
        request,
        "contracting/sessions.html",
        {**_frame(_engagement(engagement_id), party), "page": page},
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
        return session_log(engagement=engagement, **fields)  # type: ignore[arg-type]
    return session_update(session=session, **fields)  # type: ignore[arg-type]


def _session_form_page(
    request: HttpRequest, engagement_id: int, number: int | None
) -> HttpResponse:
    party = party_or_404(request, engagement_id)
    facts = facts_for(engagement_id=engagement_id, party=party)
    require_write(Content.SESSIONS_HELD, facts)
    require_write(Content.SESSION_TOPICS, facts)
    session = None
    if number is not None:
        session = get_object_or_404(
            Session.objects.prefetch_related("goals"), engagement_id=engagement_id, number=number
        )
    engagement = _engagement(engagement_id)
    context = {**_frame(engagement, party), "session": session}
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
        return render(
            request, "contracting/session_form.html", {**context, "form": form}, status=400
        )
    if session is None:
        initial = {"number": session_next_number(engagement_id=engagement_id)}
    else:
        initial = SessionForm.initial_for(session, suggestions)
    form = SessionForm(initial=initial, goals=goals, suggestions=suggestions)
    return render(request, "contracting/session_form.html", {**context, "form": form})


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
def reflection(request: HttpRequest, engagement_id: int, number: int) -> HttpResponse:
    party = party_or_404(request, engagement_id)
    facts = facts_for(engagement_id=engagement_id, party=party)
    require_write(Content.CLIENT_REFLECTION, facts)
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
    return render(
        request,
        "contracting/session_reflection.html",
        {**_frame(_engagement(engagement_id), party), "form": form, "session": session},
        status=status,
    )
