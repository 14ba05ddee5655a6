"""The checks after the frame: may the viewer's party do this?

Views first establish the frame (`engagements.frame.frame_or_404`, or the stage frame of
`contracting.frame`: an outsider gets a 404 and learns nothing, not even that the
engagement exists), then call `require_read` or `require_write` with the frame's facts,
which ask the policy and answer 403 to a party whose role does not allow the action. No
view decides by role by hand.
"""

from django.core.exceptions import PermissionDenied

from oogst import policy
from oogst.policy import Content, Facts


def require_read(content: Content, facts: Facts) -> None:
    if not policy.may_read(content, facts):
        raise PermissionDenied


def require_write(content: Content, facts: Facts) -> None:
    if not policy.may_write(content, facts):
        raise PermissionDenied
