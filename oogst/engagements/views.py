"""The home page: the engagements the person takes part in."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from oogst.engagements.selectors import participations_of


@require_GET
@login_required
def home(request: HttpRequest) -> HttpResponse:
    participations = participations_of(person=request.user)  # type: ignore[arg-type]
    return render(request, "engagements/home.html", {"participations": participations})


# Placeholders, replaced as the pages are built.
def start(request: HttpRequest) -> HttpResponse:
    raise Http404


def invite(request: HttpRequest, engagement_id: int) -> HttpResponse:
    raise Http404


def intake(request: HttpRequest, engagement_id: int) -> HttpResponse:
    raise Http404


def invitation(request: HttpRequest, token: str) -> HttpResponse:
    raise Http404
