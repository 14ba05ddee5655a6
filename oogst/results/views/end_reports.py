"""End reports: each party writes its own, saved as it types, then submits it once.

There is no URL for another party's report: every view works on the viewer's own.
"""

from dataclasses import replace
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from oogst import policy
from oogst.contracting.frame import StageFrame, stage_frame_or_404
from oogst.contracting.models import Goal
from oogst.engagements.access import require_write
from oogst.engagements.frame import render_frame
from oogst.policy import Content, Party
from oogst.results.forms.end_reports import EndReportForm
from oogst.results.models import EndReport
from oogst.results.services import end_reports as service
from oogst.results.services.end_reports import (
    EndReportPage,
    end_report_page,
    end_report_save_draft,
    goals_for,
)

ACTIVE = "results:end_report"


def _own(request: HttpRequest, engagement_id: int, *, write: bool = True) -> StageFrame:
    """The viewer's frame; with `write`, the viewer may write only their own report."""
    frame = stage_frame_or_404(request, engagement_id)
    if write:
        require_write(Content.END_REPORT, replace(frame.facts, author=frame.party))
    return frame


def _form(party: Party, page: EndReportPage) -> EndReportForm:
    report = page.own.report
    return EndReportForm(
        party=party,
        goals=list(page.goals),
        draft=report.draft if report and not report.submitted else None,
    )


def _render(
    request: HttpRequest,
    frame: StageFrame,
    *,
    form: EndReportForm | None = None,
    status: int = 200,
    **context: Any,
) -> HttpResponse:
    page = end_report_page(frame)
    writable = policy.may_write(Content.END_REPORT, replace(frame.facts, author=frame.party))
    if form is None and writable and not page.own.submitted:
        form = _form(frame.party, page)
    return render_frame(
        request,
        "results/end_report.html",
        frame,
        active=ACTIVE,
        status=status,
        page=page,
        form=form,
        **context,
    )


@require_http_methods(["GET", "POST"])
@login_required
def end_report(request: HttpRequest, engagement_id: int) -> HttpResponse:
    """The page; without JavaScript its POST saves the draft (or opens one more line)."""
    frame = _own(request, engagement_id, write=request.method != "GET")
    engagement, party = frame.engagement, frame.party
    if request.method == "GET":
        return _render(request, frame)
    form = EndReportForm(request.POST, party=party, goals=_goals(frame))
    add = request.POST.get("add") or None
    if form.is_valid():
        try:
            end_report_save_draft(engagement=engagement, party=party, draft=form.to_draft(add=add))
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            if add:
                target = reverse(ACTIVE, args=[engagement_id])
                return redirect(f"{target}#part-{add}")
            messages.success(request, _("Your draft is saved. Only you can read it."))
            return redirect(ACTIVE, engagement_id=engagement_id)
    return _render(request, frame, form=form, status=400)


def _goals(frame: StageFrame) -> list[Goal]:
    return goals_for(engagement_id=frame.engagement.pk, party=frame.party, facts=frame.facts)


@require_POST
@login_required
def end_report_autosave(request: HttpRequest, engagement_id: int) -> HttpResponse:
    """Save the draft as the person types; answers with the words for the live region."""
    frame = _own(request, engagement_id)
    engagement, party = frame.engagement, frame.party
    form = EndReportForm(request.POST, party=party, goals=_goals(frame))
    report: EndReport | None = None
    error = ""
    status = 200
    if form.is_valid():
        try:
            report = end_report_save_draft(
                engagement=engagement, party=party, draft=form.to_draft()
            )
        except ValidationError as failure:
            error = " ".join(failure.messages)
            status = 409 if getattr(failure, "code", None) == "submitted" else 400
    else:
        error = " ".join(str(e) for errors in form.errors.values() for e in errors)
        status = 400
    return render(
        request,
        "results/_end_report_saved.html",
        {"report": report, "error": error},
        status=status,
    )


@require_POST
@login_required
def end_report_submit(request: HttpRequest, engagement_id: int) -> HttpResponse:
    """First the confirmation (saving what was posted), then, confirmed, the submission."""
    frame = _own(request, engagement_id)
    engagement, party = frame.engagement, frame.party
    if "report" in request.POST:
        # Posted from the report form: keep what was typed before asking to confirm.
        form = EndReportForm(request.POST, party=party, goals=_goals(frame))
        if not form.is_valid():
            return _render(request, frame, form=form, status=400)
        try:
            end_report_save_draft(engagement=engagement, party=party, draft=form.to_draft())
        except ValidationError as error:
            if getattr(error, "code", None) == "submitted":
                messages.error(request, " ".join(error.messages))
                return redirect(ACTIVE, engagement_id=engagement_id)
            form.add_service_errors(error)
            return _render(request, frame, form=form, status=400)
    if request.POST.get("confirm") != "yes":
        return _confirm(request, frame)
    try:
        service.end_report_submit(engagement=engagement, party=party, person=request.user)  # type: ignore[arg-type]
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your end report is submitted. Thank you."))
    return redirect(ACTIVE, engagement_id=engagement_id)


def _confirm(request: HttpRequest, frame: StageFrame) -> HttpResponse:
    page = end_report_page(frame)
    engagement = frame.engagement
    if page.own.submitted:
        messages.error(
            request, _("Your end report was already submitted; it can no longer change.")
        )
        return redirect(ACTIVE, engagement_id=engagement.pk)
    if page.own_is_empty:
        return _render(
            request,
            frame,
            status=400,
            error=_(
                "Your end report is empty. Write what the engagement yielded before submitting."
            ),
        )
    return render_frame(request, "results/end_report_confirm.html", frame, active=ACTIVE, page=page)
