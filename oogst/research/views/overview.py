"""The research overview (aggregates with pictures) and the dataset download."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.views.decorators.http import require_GET

from oogst.research.aggregates import Filters, stats
from oogst.research.charts import key_figures, party_rates, research_charts
from oogst.research.downloads import dataset_response, may_use_research
from oogst.research.filters import FilterForm
from oogst.research.selectors import research_k


@require_GET
@login_required
def overview(request: HttpRequest) -> HttpResponse:
    """Aggregates over the consented engagements, filtered, with small groups suppressed."""
    if not may_use_research(request.user):
        raise PermissionDenied
    k = research_k()
    bound = any(request.GET.get(name) for name in FilterForm.base_fields)
    form = FilterForm(request.GET if bound else None, k=k)
    if bound and not form.is_valid():
        context = {"form": form, "k": k, "figures": None, "charts": ()}
        return render(request, "research/overview.html", context, status=400)
    figures = stats(form.filters() if bound else Filters(), k=k)
    # The charts read the figures as plain JSON-like data.
    plain: dict[str, Any] = dict(figures)
    context = {
        "form": form,
        "k": k,
        "figures": figures,
        "charts": research_charts(plain, k),
        "key_figures": key_figures(plain, k),
        "party_rates": party_rates(plain, k),
    }
    return render(request, "research/overview.html", context)


@require_GET
@login_required
def export(request: HttpRequest, fmt: str) -> HttpResponseBase:
    """The anonymised dataset (csv, xlsx or parquet): researchers and staff only."""
    return dataset_response(request, fmt)
