"""Goals with their advisory SMART check, and amendments once the contract is in force."""

from collections.abc import Set

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from oogst import policy
from oogst.contracting.forms.goals import AmendmentForm, GoalForm
from oogst.contracting.frame import StageFrame, stage_frame_or_404
from oogst.contracting.models import Amendment, Goal
from oogst.contracting.phrasing import PARTY_SUBJECT
from oogst.contracting.selectors import accepted_by
from oogst.contracting.services.amendments import (
    amendment_accept as accept_amendment,
)
from oogst.contracting.services.amendments import (
    amendment_check_acceptable,
    amendment_propose,
    amendment_version,
    amendments_of,
    has_pending,
)
from oogst.contracting.services.deletion import Deletion, goal_delete, goal_deletion
from oogst.contracting.services.goals import (
    goal_cards,
    goal_create,
    goal_update,
    smart_for,
    smart_language,
)
from oogst.engagements.access import require_read, require_write
from oogst.engagements.frame import render_frame
from oogst.policy import Content, Party

ACTIVE = "contracting:goals"


def _goals_url(engagement_id: int, key: str = "") -> str:
    url = reverse("contracting:goals", args=[engagement_id])
    return f"{url}#goal-{key}" if key else url


def tell_cleared(request: HttpRequest, cleared: Set[str]) -> None:
    """Say whose acceptance a change undid: they accepted something else."""
    for party in (p for p in Party if p in cleared):
        messages.warning(
            request,
            _("%(party)s had accepted the contract before this change and has to accept again.")
            % {"party": capfirst(str(PARTY_SUBJECT[party]))},
        )


@require_GET
@login_required
def goals(request: HttpRequest, engagement_id: int) -> HttpResponse:
    frame = stage_frame_or_404(request, engagement_id)
    return render_frame(
        request,
        "contracting/goals.html",
        frame,
        active=ACTIVE,
        cards=goal_cards(frame),  # None: kept from the viewer
        amendments=amendments_of(frame),
        in_force=frame.in_force,
        may_write=policy.may_write(Content.GOALS, frame.facts),
    )


def _frozen(request: HttpRequest, frame: StageFrame, goal: Goal | None) -> HttpResponse:
    # A GET just explains; a POST that tried to change a frozen goal is refused (409).
    return render_frame(
        request,
        "contracting/goal_frozen.html",
        frame,
        active=ACTIVE,
        status=409 if request.method == "POST" else 200,
        goal=goal,
    )


def _goal_form_page(
    request: HttpRequest, frame: StageFrame, form: GoalForm, goal: Goal | None
) -> HttpResponse:
    text = form["text"].value() or ""
    return render_frame(
        request,
        "contracting/goal_form.html",
        frame,
        active=ACTIVE,
        status=400 if form.is_bound else 200,
        form=form,
        goal=goal,
        smart=smart_for(str(text), lang=smart_language(frame.engagement)),
    )


def _goal_writer(request: HttpRequest, engagement_id: int) -> StageFrame:
    frame = stage_frame_or_404(request, engagement_id)
    require_write(Content.GOALS, frame.facts)
    return frame


@require_http_methods(["GET", "POST"])
@login_required
def goal_new(request: HttpRequest, engagement_id: int) -> HttpResponse:
    frame = _goal_writer(request, engagement_id)
    if frame.in_force:
        return _frozen(request, frame, None)
    smart_url = reverse("contracting:smart_check", args=[engagement_id])
    if request.method != "POST":
        return _goal_form_page(request, frame, GoalForm(smart_url=smart_url), None)
    form = GoalForm(request.POST, smart_url=smart_url)
    if form.is_valid():
        try:
            goal = goal_create(engagement=frame.engagement, actor=frame.party, **form.goal_values())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return _saved(request, frame, goal)
    return _goal_form_page(request, frame, form, None)


def _saved(request: HttpRequest, frame: StageFrame, goal: Goal) -> HttpResponse:
    messages.success(request, _("Goal %(key)s is saved.") % {"key": goal.key})
    tell_cleared(request, frame.accepted - accepted_by(engagement_id=frame.engagement.pk))
    return redirect(_goals_url(frame.engagement.pk, goal.key))


@require_http_methods(["GET", "POST"])
@login_required
def goal_edit(request: HttpRequest, engagement_id: int, key: str) -> HttpResponse:
    frame = _goal_writer(request, engagement_id)
    goal = get_object_or_404(Goal, engagement_id=engagement_id, key=key)
    if frame.in_force:
        return _frozen(request, frame, goal)
    smart_url = reverse("contracting:smart_check", args=[engagement_id])
    if request.method != "POST":
        form = GoalForm(initial=GoalForm.initial_from(goal), smart_url=smart_url)
        return _goal_form_page(request, frame, form, goal)
    form = GoalForm(request.POST, smart_url=smart_url)
    if form.is_valid():
        try:
            goal_update(goal=goal, actor=frame.party, **form.goal_values())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return _saved(request, frame, goal)
    return _goal_form_page(request, frame, form, goal)


@require_http_methods(["GET", "POST"])
@login_required
def goal_delete_page(request: HttpRequest, engagement_id: int, key: str) -> HttpResponse:
    """Delete a goal written by mistake: GET says what goes and what changes with it (or
    why it cannot go), POST deletes. Only the coach, before the contract is in force."""
    frame = _goal_writer(request, engagement_id)
    goal = get_object_or_404(Goal, engagement_id=engagement_id, key=key)
    if request.method == "POST":
        try:
            cleared = goal_delete(goal=goal, actor=frame.party)
        except ValidationError as error:
            refused = Deletion(refusals=tuple(error.messages), consequences=())
            return _goal_delete_page(request, frame, goal, refused, status=409)
        messages.success(request, _("Goal %(key)s is deleted.") % {"key": key})
        tell_cleared(request, set(cleared))
        return redirect(_goals_url(engagement_id))
    return _goal_delete_page(request, frame, goal, goal_deletion(frame, goal))


def _goal_delete_page(
    request: HttpRequest, frame: StageFrame, goal: Goal, deletion: Deletion, status: int = 200
) -> HttpResponse:
    return render_frame(
        request,
        "contracting/delete_confirm.html",
        frame,
        active=ACTIVE,
        status=status,
        goal=goal,
        deletion=deletion,
        action=reverse("contracting:goal_delete", args=[frame.engagement.pk, goal.key]),
        back=_goals_url(frame.engagement.pk, goal.key),
    )


@require_POST
@login_required
def smart_check(request: HttpRequest, engagement_id: int) -> HttpResponse:
    """The advisory SMART check of the goal being typed, as a fragment for htmx."""
    frame = _goal_writer(request, engagement_id)
    text = request.POST.get("text", "")
    return render(
        request,
        "contracting/_smart.html",
        {"smart": smart_for(text, lang=smart_language(frame.engagement))},
    )


@require_http_methods(["GET", "POST"])
@login_required
def amendment_new(request: HttpRequest, engagement_id: int, key: str) -> HttpResponse:
    frame = _goal_writer(request, engagement_id)
    goal = get_object_or_404(Goal, engagement_id=engagement_id, key=key)
    if not frame.in_force:
        return redirect("contracting:goal_edit", engagement_id=engagement_id, key=key)
    smart_url = reverse("contracting:smart_check", args=[engagement_id])
    if request.method == "POST":
        form = AmendmentForm(request.POST, smart_url=smart_url)
        if form.is_valid():
            try:
                amendment_propose(
                    goal=goal,
                    actor=frame.party,
                    person=request.user,  # type: ignore[arg-type]
                    reason=form.cleaned_data["reason"],
                    **form.goal_values(),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _(
                        "Your amendment to %(key)s is proposed; "
                        "the other parties are asked to accept it."
                    )
                    % {"key": goal.key},
                )
                return redirect(_goals_url(engagement_id) + "#amendments")
    else:
        form = AmendmentForm(initial=GoalForm.initial_from(goal), smart_url=smart_url)
    return render_frame(
        request,
        "contracting/amendment_form.html",
        frame,
        active=ACTIVE,
        status=400 if form.is_bound else 200,
        form=form,
        goal=goal,
        pending=has_pending(goal),
        smart=smart_for(str(form["text"].value() or ""), lang=smart_language(frame.engagement)),
    )


def _back_to_amendments(request: HttpRequest, engagement_id: int) -> str:
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = _goals_url(engagement_id) + "#amendments"
    return back


def _amendment_confirm_page(
    request: HttpRequest,
    frame: StageFrame,
    amendment: Amendment,
    *,
    back: str,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    """The goal's fields as accepted and as proposed, with "Yes, I accept"."""
    card = next(c for c in amendments_of(frame) if c.amendment.pk == amendment.pk)
    return render_frame(
        request,
        "contracting/amendment_confirm.html",
        frame,
        active=ACTIVE,
        status=status,
        card=card,
        version=amendment_version(card.amendment),
        back=back,
        confirm_error=error,
    )


@require_POST
@login_required
def amendment_accept(request: HttpRequest, engagement_id: int, amendment_id: int) -> HttpResponse:
    """Two steps, both POST: without `confirm=yes` and the amendment's `version` it shows
    the change and asks to confirm; with them it accepts, if the change is still that one."""
    frame = stage_frame_or_404(request, engagement_id)
    require_read(Content.CONTRACT, frame.facts)
    party = frame.party
    amendment = get_object_or_404(
        Amendment.objects.select_related("goal"), pk=amendment_id, goal__engagement_id=engagement_id
    )
    back = _back_to_amendments(request, engagement_id)
    version = request.POST.get("version", "")
    person = request.user
    try:
        if request.POST.get("confirm") != "yes" or not version:
            amendment_check_acceptable(amendment=amendment, party=party, person=person)  # type: ignore[arg-type]
            return _amendment_confirm_page(request, frame, amendment, back=back)
        accept_amendment(amendment=amendment, party=party, person=person, version=version)  # type: ignore[arg-type]
    except ValidationError as error:
        if error.code == "changed":
            message = " ".join(error.messages)
            return _amendment_confirm_page(
                request, frame, amendment, back=back, error=message, status=409
            )
        for message in error.messages:
            messages.error(request, message)
        return redirect(back)
    amendment.refresh_from_db(fields=["status"])
    if amendment.status == Amendment.Status.IN_FORCE:
        messages.success(
            request,
            _("Every party has accepted: the amendment to %(key)s is in force.")
            % {"key": amendment.goal.key},
        )
    else:
        messages.success(
            request, _("You accepted the amendment to %(key)s.") % {"key": amendment.goal.key}
        )
    return redirect(back)
