"""Placeholder views, replaced as the pages are built."""

from django.http import Http404, HttpRequest, HttpResponse


def sessions(request: HttpRequest, engagement_id: int, **kwargs: object) -> HttpResponse:
    raise Http404


def session_new(request: HttpRequest, engagement_id: int, **kwargs: object) -> HttpResponse:
    raise Http404


def session_edit(request: HttpRequest, engagement_id: int, **kwargs: object) -> HttpResponse:
    raise Http404


def reflection(request: HttpRequest, engagement_id: int, **kwargs: object) -> HttpResponse:
    raise Http404
