"""The ROI breakdown for the engagement page's measures section.

The engagement page's view hands its template only the presented page, not the harvest;
this tag builds the breakdown from the viewer's own harvest (so over what the viewer may
read). A view that already holds a harvest passes `roi_breakdown(...)` as `roi` instead.
"""

from django import template

from oogst.closing.services.values import RoiBreakdown
from oogst.harvest.values import roi_for
from oogst.policy import Party

register = template.Library()


@register.simple_tag
def roi_for_viewer(engagement_id: int, viewer: str, actor: str = "") -> RoiBreakdown:
    """`actor`: who is looking, when that is not `viewer` (the client's or coach's preview
    of the sponsor's view); then no line offers to enter a value."""
    links = not actor or actor == viewer
    return roi_for(engagement_id=int(engagement_id), viewer=Party(viewer), links=links)
