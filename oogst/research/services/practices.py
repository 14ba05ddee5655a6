"""Good practices: a coach proposes an engagement, staff approve or reject it.

An engagement can be proposed only while its client and (if it has one) its sponsor
consent to research use: a good practice is published research. Proposing again while
the proposal waits, or after a rejection, replaces it; an approved practice is fixed.
"""

from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from oogst import policy
from oogst.accounts.models import User
from oogst.engagements.models import Engagement
from oogst.engagements.selectors import party_in
from oogst.research.models import GoodPractice
from oogst.research.practice_selectors import consent_missing, may_review_practices
from oogst.results.models import Result
from oogst.vocabulary import Party

MAX_TOPICS = 10
MAX_TOPIC_LENGTH = 60


def topics_clean(topics: Sequence[str]) -> list[str]:
    """Trimmed, single-spaced, without repeats (ignoring case), in the order given."""
    seen: dict[str, str] = {}
    for topic in topics:
        text = " ".join(str(topic).split())
        if text:
            seen.setdefault(text.casefold(), text)
    return list(seen.values())


def _consent_error(missing: Sequence[str]) -> ValidationError:
    names = ", ".join(str(Party(p).label) for p in missing)
    return ValidationError(
        _(
            "This engagement can be a good practice only once its parties consent to "
            "research use. Consent is still missing from: %(parties)s."
        )
        % {"parties": names},
        code="no_consent",
    )


@transaction.atomic
def practice_propose(
    *,
    engagement: Engagement,
    coach: User,
    title: str,
    summary: str,
    result_keys: Sequence[str],
    topics: Sequence[str],
) -> GoodPractice:
    """Propose `engagement` as a good practice (or revise the waiting proposal)."""
    if not policy.may_propose_practice(party_in(person=coach, engagement_id=engagement.pk)):
        raise PermissionDenied
    missing = consent_missing(engagement_id=engagement.pk)
    if missing:
        raise _consent_error(missing)
    practice = GoodPractice.objects.select_for_update().filter(
        engagement=engagement
    ).first() or GoodPractice(engagement=engagement)
    if practice.status == GoodPractice.Status.APPROVED:
        raise ValidationError(
            _("This good practice is approved and published; it can no longer be changed."),
            code="approved",
        )
    errors: dict[str, list[str]] = {}
    title = " ".join(title.split())
    summary = summary.strip()
    if not title:
        errors["title"] = [_("Give the practice a title.")]
    if not summary:
        errors["summary"] = [_("Write a summary of what made this engagement work.")]
    keys = list(dict.fromkeys(key.strip() for key in result_keys))
    known = list(
        Result.objects.filter(engagement=engagement, withdrawn_at__isnull=True)
        .order_by("position", "id")
        .values_list("key", flat=True)
    )
    unknown = [key for key in keys if key not in known]
    if unknown:
        errors["result_keys"] = [
            _("This engagement has no result %(key)s.") % {"key": key} for key in unknown
        ]
    elif not keys:
        errors["result_keys"] = [_("Choose at least one result you attribute to the coaching.")]
    clean_topics = topics_clean(topics)
    if len(clean_topics) > MAX_TOPICS:
        errors["topics"] = [_("Give at most %(n)s topics.") % {"n": MAX_TOPICS}]
    elif any(len(t) > MAX_TOPIC_LENGTH for t in clean_topics):
        errors["topics"] = [_("Keep each topic under %(n)s characters.") % {"n": MAX_TOPIC_LENGTH}]
    if errors:
        raise ValidationError(errors)
    practice.title = title
    practice.summary = summary
    practice.result_keys = [key for key in known if key in keys]
    practice.topics = clean_topics
    practice.status = GoodPractice.Status.PROPOSED
    practice.proposed_by = coach
    practice.decided_by = None
    practice.decided_at = None
    practice.full_clean()
    practice.save()
    return practice


@transaction.atomic
def practice_decide(*, practice: GoodPractice, staff: User, approve: bool) -> GoodPractice:
    """Staff approve (publish to researchers and coaches) or reject a proposal."""
    if not may_review_practices(staff):
        raise PermissionDenied
    practice = GoodPractice.objects.select_for_update().get(pk=practice.pk)
    if approve:
        missing = consent_missing(engagement_id=practice.engagement_id)
        if missing:
            raise _consent_error(missing)
    practice.status = GoodPractice.Status.APPROVED if approve else GoodPractice.Status.REJECTED
    practice.decided_by = staff
    practice.decided_at = timezone.now()
    practice.full_clean()
    practice.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
    return practice
