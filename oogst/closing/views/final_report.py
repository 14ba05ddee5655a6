"""Placeholder views, replaced as the pages are built."""

from django.http import Http404, HttpRequest, HttpResponse


def final_report(request: HttpRequest, engagement_id: int, **kwargs: object) -> HttpResponse:
    raise Http404


def final_report_pdf(request: HttpRequest, engagement_id: int, **kwargs: object) -> HttpResponse:
    raise Http404
