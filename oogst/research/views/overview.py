"""Placeholder views, replaced as the pages are built."""

from django.http import Http404, HttpRequest, HttpResponse


def overview(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def export(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404
