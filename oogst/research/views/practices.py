"""Good practices: the coach's proposal, the staff review, and browsing the approved ones."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from oogst import policy
from oogst.engagements.frame import Frame, frame_or_404
from oogst.htmx import wants_fragment
from oogst.research import practice_selectors as selectors
from oogst.research.context_processors import may_browse
from oogst.research.forms import PracticeForm, PracticeSearchForm, ReviewForm, add_service_errors
from oogst.research.models import GoodPractice
from oogst.research.services import practices as services


@require_GET
@login_required
def practices(request: HttpRequest) -> HttpResponse:
    if not may_browse(request):  # the same answer as the header's link
        raise PermissionDenied
    form = PracticeSearchForm(request.GET, topics=selectors.approved_topics())
    context: dict[str, Any] = {
        "form": form,
        "cards": selectors.approved_practices(**form.filters()),
        "searched": any(form.filters().values()),
    }
    if wants_fragment(request):
        return render(request, "research/practice_list.html", context)
    if selectors.may_review_practices(request.user):
        context["to_review"] = selectors.practices_to_review()
    context["own"] = selectors.practices_proposed_by(request.user)  # type: ignore[arg-type]
    return render(request, "research/practices.html", context)


def _propose_context(frame: Frame) -> dict[str, Any]:
    engagement_id, party = frame.engagement.pk, frame.party
    practice = selectors.practice_of(engagement_id=engagement_id)
    return {
        "frame": frame,
        "engagement": frame.engagement,
        "party": party,
        "flags": frame.flags,
        "active": "closing:engagement",
        "practice": practice,
        "card": selectors.practice_card(practice_id=practice.pk) if practice else None,
        "missing": selectors.consent_missing(engagement_id=engagement_id),
        "results": selectors.results_to_attribute(engagement_id=engagement_id, party=party),
        "session_topics": selectors.session_topics(engagement_id=engagement_id, party=party),
    }


@require_http_methods(["GET", "POST"])
@login_required
def practice_propose(request: HttpRequest, engagement_id: int) -> HttpResponse:
    frame = frame_or_404(request, engagement_id)
    if not policy.may_propose_practice(frame.party):
        raise PermissionDenied
    context = _propose_context(frame)
    choices = {"results": context["results"], "session_topics": context["session_topics"]}
    if request.method == "POST":
        form = PracticeForm(request.POST, **choices)
        if form.is_valid():
            try:
                services.practice_propose(
                    engagement=context["engagement"],
                    coach=request.user,  # type: ignore[arg-type]
                    **form.service_arguments(),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, _("Your proposal is sent. Staff will review it before publication.")
                )
                return redirect("research:practice_propose", engagement_id=engagement_id)
        return render(
            request, "research/practice_propose.html", {**context, "form": form}, status=400
        )
    practice = context["practice"]
    initial = (
        PracticeForm.initial_for(practice, context["session_topics"])
        if practice
        else {"result_keys": [r.key for r in context["results"] if r.attributed]}
    )
    form = PracticeForm(initial=initial, **choices)
    return render(request, "research/practice_propose.html", {**context, "form": form})


@require_http_methods(["GET", "POST"])
@login_required
def practice_review(request: HttpRequest, practice_id: int) -> HttpResponse:
    if not selectors.may_review_practices(request.user):
        raise PermissionDenied
    practice = get_object_or_404(GoodPractice, pk=practice_id)
    card = selectors.practice_card(practice_id=practice_id)
    if card is None:  # pragma: no cover - deleted between the two reads
        raise Http404
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.practice_decide(practice=practice, staff=request.user, approve=form.approve)  # type: ignore[arg-type]
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            done = (
                _("“%(title)s” is approved and published.")
                if form.approve
                else _("“%(title)s” is rejected.")
            )
            messages.success(request, done % {"title": practice.title})
            return redirect("research:practices")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "research/practice_review.html",
        {"practice": practice, "card": card, "form": form},
        status=status,
    )
