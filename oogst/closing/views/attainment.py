"""Placeholder views, replaced as the pages are built."""

from django.http import Http404, HttpRequest, HttpResponse


def attainment(request: HttpRequest, engagement_id: int, **kwargs: object) -> HttpResponse:
    raise Http404
