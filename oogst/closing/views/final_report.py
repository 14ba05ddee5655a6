"""The final report: in the browser within the site's frame, and as a PDF to keep.

Both in the viewer's own language, both built from the viewer's policy-filtered harvest.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.views.decorators.http import require_GET

from oogst.closing import final_report as reporting
from oogst.contracting.frame import stage_frame_or_404
from oogst.engagements.access import require_read
from oogst.engagements.frame import render_frame
from oogst.policy import Content


@require_GET
@login_required
def final_report(request: HttpRequest, engagement_id: int) -> HttpResponse:
    frame = stage_frame_or_404(request, engagement_id)
    require_read(Content.CLOSING, frame.facts)
    with translation.override(request.user.language):  # type: ignore[union-attr]
        report = reporting.final_report(
            engagement_id=engagement_id, viewer=frame.party, engagement=frame.engagement
        )
        return render_frame(
            request,
            "closing/final_report.html",
            frame,
            active="closing:final_report",
            **reporting.report_context(report),
        )


@require_GET
@login_required
def final_report_pdf(request: HttpRequest, engagement_id: int) -> HttpResponse:
    frame = stage_frame_or_404(request, engagement_id)
    require_read(Content.CLOSING, frame.facts)
    with translation.override(request.user.language):  # type: ignore[union-attr]
        report = reporting.final_report(
            engagement_id=engagement_id, viewer=frame.party, engagement=frame.engagement
        )
        pdf = reporting.pdf_of(report)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{report.filename}"'
    # A party's own copy: never kept by a shared cache.
    response["Cache-Control"] = "private, no-store"
    return response
