"""Placeholder views, replaced as the pages are built."""

from django.http import Http404, HttpRequest, HttpResponse


def conversation(request: HttpRequest, engagement_id: int, **kwargs: object) -> HttpResponse:
    raise Http404


def conversation_plan(request: HttpRequest, engagement_id: int, **kwargs: object) -> HttpResponse:
    raise Http404


def conversation_record(request: HttpRequest, engagement_id: int, **kwargs: object) -> HttpResponse:
    raise Http404


def conversation_decline(
    request: HttpRequest, engagement_id: int, **kwargs: object
) -> HttpResponse:
    raise Http404


def engagement_close(request: HttpRequest, engagement_id: int, **kwargs: object) -> HttpResponse:
    raise Http404
