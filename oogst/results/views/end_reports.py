"""Placeholder views, replaced as the pages are built."""

from django.http import Http404, HttpRequest, HttpResponse


def end_report(request: HttpRequest, engagement_id: int, **kwargs: object) -> HttpResponse:
    raise Http404


def end_report_autosave(request: HttpRequest, engagement_id: int, **kwargs: object) -> HttpResponse:
    raise Http404


def end_report_submit(request: HttpRequest, engagement_id: int, **kwargs: object) -> HttpResponse:
    raise Http404

