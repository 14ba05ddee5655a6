"""The anonymised dataset as an HTTP download, for researchers and staff.

CSV streams row by row as it is built; xlsx and Parquet are zip/columnar containers that
must be complete before the first byte makes sense, so they are written to a temporary
file (deleted when the response is closed) and sent from there.
"""

import tempfile

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, StreamingHttpResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

from oogst import policy
from oogst.research import dataset
from oogst.research.selectors import research_standing


def may_use_research(user: object) -> bool:
    """Researchers (granted by staff) and staff read research data; nobody else."""
    return policy.may_use_research(research_standing(user))


def dataset_response(request: HttpRequest, fmt: str) -> StreamingHttpResponse | FileResponse:
    if not may_use_research(request.user):
        raise PermissionDenied
    if fmt not in dataset.FORMATS:
        raise Http404
    filename = f"oogst-dataset-{timezone.localdate().isoformat()}.{fmt}"
    response: StreamingHttpResponse | FileResponse
    if fmt == "csv":
        response = StreamingHttpResponse(
            dataset.csv_lines(dataset.dataset_rows()), content_type=dataset.CONTENT_TYPES[fmt]
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    else:
        spool = tempfile.TemporaryFile()  # noqa: SIM115 -- FileResponse closes it
        dataset.dataset_write(fmt=fmt, out=spool)
        spool.seek(0)
        response = FileResponse(
            spool, as_attachment=True, filename=filename, content_type=dataset.CONTENT_TYPES[fmt]
        )
    add_never_cache_headers(response)
    return response
