"""The results register's pages: one result, adding and correcting a result, a party's own
judgement, the client's consent, withdrawing a result (and taking that back), and the
sponsor's view as a preview.

A result the viewer may not read is a 404, exactly like a key that does not exist, so
the sponsor learns nothing from the address of a result the client did not share.
"""

from dataclasses import replace
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from oogst import policy
from oogst.contracting.frame import StageFrame, stage_frame_or_404
from oogst.engagements.access import require_write
from oogst.engagements.frame import render_frame
from oogst.harvest.result_page import result_page, sponsor_page
from oogst.htmx import wants_fragment
from oogst.policy import Content, Party
from oogst.results import selectors
from oogst.results.forms.register import JudgementForm, ResultForm
from oogst.results.models import Result
from oogst.results.services.register import (
    judgement_record,
    result_record,
    result_restore,
    result_share,
    result_update,
    result_withdraw,
)

ACTIVE = "closing:engagement"


def _result_or_404(frame: StageFrame, key: str) -> Result:
    result = selectors.readable_result(
        engagement_id=frame.engagement.pk, key=key, party=frame.party
    )
    if result is None:
        raise Http404
    return result


def _detail_context(frame: StageFrame, key: str) -> dict[str, Any]:
    detail = result_page(frame, key)
    if detail is None:
        raise Http404
    return {"detail": detail, "r": detail.row}


@require_GET
@login_required
def result_detail(request: HttpRequest, engagement_id: int, key: str) -> HttpResponse:
    frame = stage_frame_or_404(request, engagement_id)
    context = _detail_context(frame, key)
    own = context["detail"].own
    form = JudgementForm(
        initial=JudgementForm.initial_for(own.desirability, own.share, own.confidence)
    )
    return render_frame(request, "results/result.html", frame, active=ACTIVE, **context, form=form)


def _result_form_page(request: HttpRequest, engagement_id: int, key: str | None) -> HttpResponse:
    frame = stage_frame_or_404(request, engagement_id)
    party = frame.party
    result = _result_or_404(frame, key) if key is not None else None
    if frame.facts.closed:  # read-only for everyone: say so, not "not for your role"
        return render_frame(request, "results/result_closed.html", frame, active=ACTIVE, status=403)
    author = Party(result.reported_by) if result is not None else party
    require_write(Content.RESULT, replace(frame.facts, author=author))
    goals = selectors.goals_to_link(engagement_id=engagement_id, facts=frame.facts)
    editing = result is not None
    if request.method == "POST":
        form = ResultForm(request.POST, goals=goals, editing=editing)
        if form.is_valid():
            try:
                if result is None:
                    saved = result_record(
                        engagement=frame.engagement, actor=party, **form.service_arguments()
                    )
                else:
                    saved = result_update(result=result, actor=party, **form.service_arguments())
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                done = (
                    _("Result %(key)s is added to the register.")
                    if not editing
                    else _("Result %(key)s is saved.")
                )
                messages.success(request, done % {"key": saved.key})
                return redirect("results:result", engagement_id=engagement_id, key=saved.key)
        return _result_form(request, frame, result=result, form=form, status=400)
    initial = {}
    if result is not None:
        own = selectors.own_judgement(result=result, party=party)
        initial = ResultForm.initial_for(result, own.desirability if own else "")
    form = ResultForm(initial=initial, goals=goals, editing=editing)
    return _result_form(request, frame, result=result, form=form)


def _result_form(
    request: HttpRequest,
    frame: StageFrame,
    *,
    result: Result | None,
    form: ResultForm,
    status: int = 200,
) -> HttpResponse:
    return render_frame(
        request,
        "results/result_form.html",
        frame,
        active=ACTIVE,
        status=status,
        result=result,
        form=form,
    )


@require_http_methods(["GET", "POST"])
@login_required
def result_new(request: HttpRequest, engagement_id: int) -> HttpResponse:
    return _result_form_page(request, engagement_id, None)


@require_http_methods(["GET", "POST"])
@login_required
def result_edit(request: HttpRequest, engagement_id: int, key: str) -> HttpResponse:
    return _result_form_page(request, engagement_id, key)


@require_http_methods(["GET", "POST"])
@login_required
def judgement_edit(request: HttpRequest, engagement_id: int, key: str) -> HttpResponse:
    frame = stage_frame_or_404(request, engagement_id)
    party = frame.party
    require_write(Content.JUDGEMENT, replace(frame.facts, author=party))
    if request.method == "POST":
        result = _result_or_404(frame, key)
        form = JudgementForm(request.POST)
        if form.is_valid():
            try:
                judgement_record(result=result, party=party, **form.service_arguments())
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(request, _("Your judgement of %(key)s is saved.") % {"key": key})
                return redirect("results:result", engagement_id=engagement_id, key=key)
        status = 400
    context = _detail_context(frame, key)  # 404 when the viewer may not read the result
    if request.method != "POST":
        own = context["detail"].own
        form = JudgementForm(
            initial=JudgementForm.initial_for(own.desirability, own.share, own.confidence)
        )
        status = 200
    return render_frame(
        request,
        "results/result_judgement.html",
        frame,
        active=ACTIVE,
        status=status,
        **context,
        form=form,
    )


def _safe_next(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


@require_POST
@login_required
def consent_toggle(request: HttpRequest, engagement_id: int, key: str) -> HttpResponse:
    frame = stage_frame_or_404(request, engagement_id)
    party = frame.party
    result = _result_or_404(frame, key)
    if not policy.may_share_result(replace(frame.facts, author=Party(result.reported_by))):
        raise PermissionDenied
    shared = request.POST.get("shared") == "1"
    was_undecided = result.sharing_undecided
    try:
        result = result_share(result=result, actor=party, shared=shared)
    except ValidationError as error:  # withdrawn meanwhile: nothing to share any more
        messages.error(request, " ".join(error.messages))
        return redirect("results:result", engagement_id=engagement_id, key=key)
    if wants_fragment(request):
        response = render(
            request,
            "results/_consent_answer.html",
            {
                "engagement_id": engagement_id,
                "key": key,
                "shared": result.shared_with_sponsor,
                "next": request.POST.get("next", ""),
                "announce": True,
                # Every badge of the result on the page, swapped out of band.
                "shows": frame.flags.shows_sharing,
                "consent_applies": True,  # the client decided: it is not the sponsor's own
                "undecided": result.sharing_undecided,
            },
        )
        patch_vary_headers(response, ["HX-Request"])
        return response
    if result.shared_with_sponsor:
        note = _("The sponsor can now read result %(key)s.")
    elif was_undecided:
        note = _("Result %(key)s is kept from the sponsor.")
    else:
        note = _("Result %(key)s is no longer shared with the sponsor.")
    messages.success(request, note % {"key": key})
    fallback = reverse("results:result", kwargs={"engagement_id": engagement_id, "key": key})
    return redirect(_safe_next(request, fallback))


def _reporter_only(frame: StageFrame, result: Result) -> None:
    """Only the party that reported the result withdraws it or takes that back, before
    closing (`policy.may_withdraw_result`); asked before any form is read."""
    if not policy.may_withdraw_result(replace(frame.facts, author=Party(result.reported_by))):
        raise PermissionDenied


@require_http_methods(["GET", "POST"])
@login_required
def result_withdraw_page(request: HttpRequest, engagement_id: int, key: str) -> HttpResponse:
    """Withdraw a result: a page that says what withdrawing means, and a button to confirm."""
    frame = stage_frame_or_404(request, engagement_id)
    if request.method == "POST":
        result = _result_or_404(frame, key)
        _reporter_only(frame, result)
        try:
            result_withdraw(result=result, actor=frame.party, person=request.user)  # type: ignore[arg-type]
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("Result %(key)s is withdrawn. It no longer counts in any measure.")
                % {"key": key},
            )
        return redirect("results:result", engagement_id=engagement_id, key=key)
    context = _detail_context(frame, key)  # 404 when the viewer may not read the result
    if not context["detail"].may_withdraw:  # the same policy as `_reporter_only`
        raise PermissionDenied
    if context["r"].withdrawn is not None:
        messages.info(request, _("Result %(key)s is withdrawn already.") % {"key": key})
        return redirect("results:result", engagement_id=engagement_id, key=key)
    return render_frame(request, "results/result_withdraw.html", frame, active=ACTIVE, **context)


@require_POST
@login_required
def result_restore_view(request: HttpRequest, engagement_id: int, key: str) -> HttpResponse:
    """Take a withdrawal back: the result counts again."""
    frame = stage_frame_or_404(request, engagement_id)
    result = _result_or_404(frame, key)
    _reporter_only(frame, result)
    try:
        result_restore(result=result, actor=frame.party, person=request.user)  # type: ignore[arg-type]
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Result %(key)s is restored and counts again.") % {"key": key})
    return redirect("results:result", engagement_id=engagement_id, key=key)


@require_GET
@login_required
def sponsor_preview(request: HttpRequest, engagement_id: int) -> HttpResponse:
    frame = stage_frame_or_404(request, engagement_id)
    if not frame.flags.may_preview_as_sponsor:
        raise PermissionDenied  # the sponsor sees its own view; there is nothing to preview
    page, roi = sponsor_page(frame)
    return render_frame(
        request,
        "results/sponsor_preview.html",
        frame,
        active=ACTIVE,
        page=page,
        roi=roi,
        engagement_id=engagement_id,
    )


@require_GET
@login_required
def suggest_goals(request: HttpRequest, engagement_id: int) -> HttpResponse:
    frame = stage_frame_or_404(request, engagement_id)
    suggestions, unexpected = selectors.goal_suggestions(
        engagement_id=engagement_id, facts=frame.facts, text=request.GET.get("text", "")
    )
    return render(
        request,
        "results/_result_suggestions.html",
        {"suggestions": suggestions, "unexpected": unexpected},
    )
