"""The first lines of every engagement view: who is asking, and may they?

Views call `party_or_404` (an outsider learns nothing, not even that the engagement
exists) and then `require(...)`, which asks the policy and answers 403 to a party whose
role does not allow the action. No view decides by role by hand.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from oogst import policy
from oogst.engagements.selectors import party_in
from oogst.policy import Content, Facts, Party


def party_or_404(request: HttpRequest, engagement_id: int) -> Party:
    party = party_in(person=request.user, engagement_id=engagement_id)  # type: ignore[arg-type]
    if party is None:
        raise Http404
    return party


def require_read(content: Content, facts: Facts) -> None:
    if not policy.may_read(content, facts):
        raise PermissionDenied


def require_write(content: Content, facts: Facts) -> None:
    if not policy.may_write(content, facts):
        raise PermissionDenied
