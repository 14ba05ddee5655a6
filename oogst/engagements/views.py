"""The home page: the engagements the person takes part in."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from oogst.engagements.selectors import participations_of


@require_GET
@login_required
def home(request: HttpRequest) -> HttpResponse:
    participations = participations_of(person=request.user)  # type: ignore[arg-type]
    return render(request, "engagements/home.html", {"participations": participations})
