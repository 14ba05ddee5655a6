"""Placeholder views, replaced as the pages are built."""

from django.http import Http404, HttpRequest, HttpResponse


def goals(request: HttpRequest, engagement_id: int, **kwargs: object) -> HttpResponse:
    raise Http404


def goal_new(request: HttpRequest, engagement_id: int, **kwargs: object) -> HttpResponse:
    raise Http404


def goal_edit(request: HttpRequest, engagement_id: int, **kwargs: object) -> HttpResponse:
    raise Http404


def smart_check(request: HttpRequest, engagement_id: int, **kwargs: object) -> HttpResponse:
    raise Http404


def amendment_new(request: HttpRequest, engagement_id: int, **kwargs: object) -> HttpResponse:
    raise Http404


def amendment_accept(request: HttpRequest, engagement_id: int, **kwargs: object) -> HttpResponse:
    raise Http404
