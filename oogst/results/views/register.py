"""The results register's pages: one result, adding and correcting a result, a party's own
judgement, the client's consent, and the sponsor's view as a preview.

A result the viewer may not read is a 404, exactly like a key that does not exist, so
the sponsor learns nothing from the address of a result the client did not share.
"""

from dataclasses import replace
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from oogst.contracting.selectors import facts_for
from oogst.engagements.access import party_or_404, require_write
from oogst.engagements.models import Engagement
from oogst.harvest.result_page import result_page, sponsor_page
from oogst.htmx import wants_fragment
from oogst.policy import Content, Facts, Party
from oogst.results import selectors
from oogst.results.forms.register import JudgementForm, ResultForm
from oogst.results.models import Result
from oogst.results.services.register import (
    judgement_record,
    result_record,
    result_share,
    result_update,
)


def _frame(engagement_id: int, party: Party) -> dict[str, Any]:
    engagement = get_object_or_404(
        Engagement.objects.select_related("organisation"), pk=engagement_id
    )
    return {"engagement": engagement, "party": party, "active": "closing:engagement"}


def _result_or_404(engagement_id: int, key: str, party: Party) -> Result:
    result = selectors.readable_result(engagement_id=engagement_id, key=key, party=party)
    if result is None:
        raise Http404
    return result


def _detail_context(engagement_id: int, key: str, party: Party) -> dict[str, Any]:
    detail = result_page(engagement_id=engagement_id, key=key, viewer=party)
    if detail is None:
        raise Http404
    return {**_frame(engagement_id, party), "detail": detail, "r": detail.row}


@require_GET
@login_required
def result_detail(request: HttpRequest, engagement_id: int, key: str) -> HttpResponse:
    party = party_or_404(request, engagement_id)
    context = _detail_context(engagement_id, key, party)
    own = context["detail"].own
    form = JudgementForm(
        initial=JudgementForm.initial_for(own.desirability, own.share, own.confidence)
    )
    return render(request, "results/result.html", {**context, "form": form})


def _facts(engagement_id: int, party: Party, author: Party) -> Facts:
    return replace(facts_for(engagement_id=engagement_id, party=party), author=author)


def _result_form_page(request: HttpRequest, engagement_id: int, key: str | None) -> HttpResponse:
    party = party_or_404(request, engagement_id)
    result = None
    if key is not None:
        result = _result_or_404(engagement_id, key, party)
        require_write(Content.RESULT, _facts(engagement_id, party, Party(result.reported_by)))
    else:
        require_write(Content.RESULT, _facts(engagement_id, party, party))
    context = {**_frame(engagement_id, party), "result": result}
    goals = selectors.goals_to_link(engagement_id=engagement_id, party=party)
    editing = result is not None
    if request.method == "POST":
        form = ResultForm(request.POST, goals=goals, editing=editing)
        if form.is_valid():
            try:
                if result is None:
                    saved = result_record(
                        engagement=context["engagement"], actor=party, **form.service_arguments()
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
        return render(request, "results/result_form.html", {**context, "form": form}, status=400)
    initial = {}
    if result is not None:
        own = selectors.own_judgement(result=result, party=party)
        initial = ResultForm.initial_for(result, own.desirability if own else "")
    form = ResultForm(initial=initial, goals=goals, editing=editing)
    return render(request, "results/result_form.html", {**context, "form": form})


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
    party = party_or_404(request, engagement_id)
    result = _result_or_404(engagement_id, key, party)
    require_write(Content.JUDGEMENT, _facts(engagement_id, party, party))
    if request.method == "POST":
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
    else:
        own = selectors.own_judgement(result=result, party=party)
        initial = (
            JudgementForm.initial_for(own.desirability, own.share, own.confidence) if own else {}
        )
        form = JudgementForm(initial=initial)
        status = 200
    context = _detail_context(engagement_id, key, party)
    return render(
        request, "results/result_judgement.html", {**context, "form": form}, status=status
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
    party = party_or_404(request, engagement_id)
    result = _result_or_404(engagement_id, key, party)
    if not selectors.may_consent(result=result, party=party):
        raise PermissionDenied
    shared = request.POST.get("shared") == "1"
    result = result_share(result=result, actor=party, shared=shared)
    if wants_fragment(request):
        response = render(
            request,
            "results/_consent.html",
            {
                "engagement_id": engagement_id,
                "key": key,
                "shared": result.shared_with_sponsor,
                "next": request.POST.get("next", ""),
                "announce": True,
            },
        )
        patch_vary_headers(response, ["HX-Request"])
        return response
    if result.shared_with_sponsor:
        note = _("The sponsor can now read result %(key)s.")
    else:
        note = _("Result %(key)s is no longer shared with the sponsor.")
    messages.success(request, note % {"key": key})
    fallback = reverse("results:result", kwargs={"engagement_id": engagement_id, "key": key})
    return redirect(_safe_next(request, fallback))


@require_GET
@login_required
def sponsor_preview(request: HttpRequest, engagement_id: int) -> HttpResponse:
    party = party_or_404(request, engagement_id)
    if not selectors.sees_unshared_results(party):
        raise PermissionDenied  # the sponsor sees its own view; there is nothing to preview
    page = sponsor_page(engagement_id=engagement_id)
    return render(
        request,
        "results/sponsor_preview.html",
        {**_frame(engagement_id, party), "page": page, "engagement_id": engagement_id},
    )


@require_GET
@login_required
def suggest_goals(request: HttpRequest, engagement_id: int) -> HttpResponse:
    party = party_or_404(request, engagement_id)
    suggestions, unexpected = selectors.goal_suggestions(
        engagement_id=engagement_id, party=party, text=request.GET.get("text", "")
    )
    return render(
        request,
        "results/_result_suggestions.html",
        {"suggestions": suggestions, "unexpected": unexpected},
    )
