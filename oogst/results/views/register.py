"""Placeholder views, replaced as the pages are built."""

from django.http import Http404, HttpRequest, HttpResponse


def result_detail(request: HttpRequest, engagement_id: int, **kwargs: object) -> HttpResponse:
    raise Http404


def result_new(request: HttpRequest, engagement_id: int, **kwargs: object) -> HttpResponse:
    raise Http404


def result_edit(request: HttpRequest, engagement_id: int, **kwargs: object) -> HttpResponse:
    raise Http404


def judgement_edit(request: HttpRequest, engagement_id: int, **kwargs: object) -> HttpResponse:
    raise Http404


def consent_toggle(request: HttpRequest, engagement_id: int, **kwargs: object) -> HttpResponse:
    raise Http404


def sponsor_preview(request: HttpRequest, engagement_id: int, **kwargs: object) -> HttpResponse:
    raise Http404


def suggest_goals(request: HttpRequest, engagement_id: int, **kwargs: object) -> HttpResponse:
    raise Http404

