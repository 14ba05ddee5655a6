"""Placeholder views, replaced as the pages are built."""

from django.http import Http404, HttpRequest, HttpResponse


def practices(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def practice_propose(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def practice_review(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404
