"""Writes to the results register: recording and correcting a result, each party's own
judgement of it, the client's consent for the sponsor to read it, and its reporter
withdrawing it (and taking that back) before closing.

Every function asks the policy first (a party whose role may not write raises
PermissionDenied; a result the party may not even read raises `Result.DoesNotExist`, so
a view answers 404 exactly as for a key that does not exist) and explains a broken rule
with a ValidationError keyed by the argument's name, so a form shows it at its field.
"""

import re
from dataclasses import replace
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from oogst import policy
from oogst.accounts.models import User
from oogst.contracting.models import Goal
from oogst.contracting.selectors import facts_for
from oogst.engagements.models import Engagement, Participation
from oogst.policy import Content, Party
from oogst.results.models import Judgement, Result
from oogst.results.selectors import may_read_result
from oogst.vocabulary import Beneficiary, Desirability, Evidence, Meaning, Source

KEY = re.compile(r"^R(\d+)$")


def result_next_key(*, engagement_id: int) -> str:
    """The next key in the R-numbering: one past the highest `R<n>` already used."""
    keys = Result.objects.filter(engagement_id=engagement_id).values_list("key", flat=True)
    numbers = [int(m.group(1)) for k in keys if (m := KEY.match(k))]
    return f"R{max(numbers, default=0) + 1}"


def _require_own(content: Content, actor: Party, *, author: Party, engagement_id: int) -> None:
    facts = replace(facts_for(engagement_id=engagement_id, party=actor), author=author)
    if not policy.may_write(content, facts):
        raise PermissionDenied


def _goals(*, engagement: Engagement, actor: Party, goal_keys: list[str]) -> list[Goal]:
    """The goals a result links to; a party links only goals it may read."""
    if not goal_keys:
        return []
    facts = facts_for(engagement_id=engagement.pk, party=actor)
    if not policy.may_read(Content.GOALS, facts):
        raise ValidationError(
            {
                "goal_keys": [
                    _("The contract does not let you see the goals, so you cannot link one.")
                ]
            }
        )
    goals = list(Goal.objects.filter(engagement=engagement, key__in=goal_keys))
    unknown = sorted(set(goal_keys) - {g.key for g in goals})
    if unknown:
        raise ValidationError(
            {
                "goal_keys": [
                    _("This engagement has no goal %(keys)s.") % {"keys": ", ".join(unknown)}
                ]
            }
        )
    return goals


def _check_distinctions(
    *,
    text: str,
    meaning: str,
    beneficiary: str,
    evidence: str,
    value_amount: Decimal | None,
    value_unit: str,
) -> None:
    errors: dict[str, list[str]] = {}
    if not text:
        errors["text"] = [_("Describe the result in a sentence or two.")]
    if meaning not in Meaning.values:
        errors["meaning"] = [_("Choose what kind of result this is.")]
    if beneficiary not in Beneficiary.values:
        errors["beneficiary"] = [_("Choose for whom this is a result.")]
    if evidence not in Evidence.values:
        errors["evidence"] = [_("Choose whether the result is observable or only explicable.")]
    if value_amount is not None and evidence != Evidence.OBSERVABLE:
        errors["value_amount"] = [
            _(
                "Only an observable result carries a value. Choose “observable”, or leave "
                "the value empty."
            )
        ]
    elif value_amount is not None and not value_unit:
        errors["value_unit"] = [_("Give the unit of the value, such as EUR or hours a week.")]
    elif value_amount is None and value_unit:
        errors["value_amount"] = [_("Give the value that goes with the unit, or clear the unit.")]
    if errors:
        raise ValidationError(errors)


def _own_desirability(*, result: Result, party: Party, desirability: str) -> None:
    if desirability not in ("", *Desirability.values):
        raise ValidationError({"desirability": [_("Choose desired, undesired or neutral.")]})
    judgement = Judgement.objects.filter(result=result, party=party).first()
    if judgement is None:
        if desirability:
            judgement = Judgement(result=result, party=party, desirability=desirability)
            judgement.full_clean()
            judgement.save()
        return
    judgement.desirability = desirability
    judgement.full_clean()
    judgement.save(update_fields=["desirability", "updated_at"])


@transaction.atomic
def result_record(
    *,
    engagement: Engagement,
    actor: Party,
    text: str,
    goal_keys: list[str],
    meaning: str,
    beneficiary: str,
    evidence: str,
    value_amount: Decimal | None = None,
    value_unit: str = "",
    expected: bool | None = None,
    desirability: str = Desirability.DESIRED,
    source: str = Source.OTHER,
) -> Result:
    """Add a result to the register, reported by `actor`, with its own desirability.

    `expected` None: it follows from the goals (a result that achieves a goal was
    foreseen). The new result is not shared with the sponsor until the client says so:
    its sharing is "not decided yet" (unless the sponsor reported it: that is its own).
    """
    _require_own(Content.RESULT, actor, author=actor, engagement_id=engagement.pk)
    text, value_unit = text.strip(), value_unit.strip()
    if source not in Source.values:
        raise ValidationError({"source": [_("Choose where the result was reported.")]})
    _check_distinctions(
        text=text,
        meaning=meaning,
        beneficiary=beneficiary,
        evidence=evidence,
        value_amount=value_amount,
        value_unit=value_unit,
    )
    goals = _goals(engagement=engagement, actor=actor, goal_keys=goal_keys)
    # Lock the engagement so two parties adding at once do not both take the same key.
    Engagement.objects.select_for_update().filter(pk=engagement.pk).first()
    position = Result.objects.filter(engagement=engagement).aggregate(p=Max("position"))["p"]
    result = Result(
        engagement=engagement,
        key=result_next_key(engagement_id=engagement.pk),
        position=(position or 0) + 1,
        text=text,
        reported_by=actor,
        source=source,
        meaning=meaning,
        expected=bool(goals) if expected is None else expected,
        beneficiary=beneficiary,
        evidence=evidence,
        value_amount=value_amount,
        value_unit=value_unit,
        shared_with_sponsor=False,
        sharing_undecided=policy.consent_applies(actor),
    )
    result.full_clean()
    result.save()
    result.goals.set(goals)
    _own_desirability(result=result, party=actor, desirability=desirability)
    return result


@transaction.atomic
def result_update(
    *,
    result: Result,
    actor: Party,
    text: str,
    goal_keys: list[str],
    meaning: str,
    beneficiary: str,
    evidence: str,
    value_amount: Decimal | None = None,
    value_unit: str = "",
    expected: bool | None = None,
    desirability: str | None = None,
) -> Result:
    """Correct a result's text and distinctions; only the party that reported it may.

    `desirability` None leaves the reporter's own judgement as it is.
    """
    if not may_read_result(result=result, party=actor):
        raise Result.DoesNotExist
    _require_own(
        Content.RESULT, actor, author=Party(result.reported_by), engagement_id=result.engagement_id
    )
    refuse_if_withdrawn(result)
    text, value_unit = text.strip(), value_unit.strip()
    _check_distinctions(
        text=text,
        meaning=meaning,
        beneficiary=beneficiary,
        evidence=evidence,
        value_amount=value_amount,
        value_unit=value_unit,
    )
    goals = _goals(engagement=result.engagement, actor=actor, goal_keys=goal_keys)
    result.text = text
    result.meaning = meaning
    result.expected = bool(goals) if expected is None else expected
    result.beneficiary = beneficiary
    result.evidence = evidence
    result.value_amount = value_amount
    result.value_unit = value_unit
    result.full_clean()
    fields = ["text", "meaning", "expected", "beneficiary", "evidence", "value_amount"]
    result.save(update_fields=[*fields, "value_unit", "updated_at"])
    result.goals.set(goals)
    if desirability is not None:
        _own_desirability(result=result, party=actor, desirability=desirability)
    return result


def _check_attribution(share: Decimal | None, confidence: Decimal | None) -> None:
    errors: dict[str, list[str]] = {}
    for name, value in (("share", share), ("confidence", confidence)):
        if value is not None and not Decimal(0) <= value <= Decimal(1):
            errors[name] = [_("Give a percentage from 0% to 100%.")]
    if share is not None and confidence is None and "share" not in errors:
        errors["confidence"] = [_("Say how confident you are of that share too, from 0% to 100%.")]
    if confidence is not None and share is None and "confidence" not in errors:
        errors["share"] = [_("Give the share owed to the coaching that you are this confident of.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def judgement_record(
    *,
    result: Result,
    party: Party,
    desirability: str,
    share: Decimal | None,
    confidence: Decimal | None,
) -> Judgement:
    """A party's own judgement of a result: desirability, and the share it attributes to
    the coaching (0..1) with its confidence (0..1). It never touches another party's."""
    facts = facts_for(engagement_id=result.engagement_id, party=party)
    if not policy.may_write(Content.JUDGEMENT, replace(facts, author=party)):
        raise PermissionDenied
    if not may_read_result(result=result, party=party):
        raise Result.DoesNotExist
    refuse_if_withdrawn(result)
    if desirability not in ("", *Desirability.values):
        raise ValidationError({"desirability": [_("Choose desired, undesired or neutral.")]})
    _check_attribution(share, confidence)
    judgement = Judgement.objects.filter(result=result, party=party).first()
    if judgement is None:
        judgement = Judgement(result=result, party=party)
    judgement.desirability = desirability
    judgement.share = share
    judgement.confidence = confidence
    judgement.full_clean()
    if judgement.pk is None:
        judgement.save()
    else:
        judgement.save(update_fields=["desirability", "share", "confidence", "updated_at"])
    return judgement


@transaction.atomic
def result_share(*, result: Result, actor: Party, shared: bool) -> Result:
    """The client's consent: whether the sponsor may read this result. She can take it back.

    A result the sponsor reported is the sponsor's own; there is nothing to consent to.
    """
    if not policy.consent_applies(result.reported_by):
        raise ValidationError(_("The sponsor reported this result itself, so it always reads it."))
    if not policy.may_share_result(facts_for(engagement_id=result.engagement_id, party=actor)):
        raise PermissionDenied
    refuse_if_withdrawn(result)
    if result.shared_with_sponsor != shared or result.sharing_undecided:
        result.shared_with_sponsor = shared
        result.sharing_undecided = False  # she decided
        result.save(update_fields=["shared_with_sponsor", "sharing_undecided", "updated_at"])
    return result


def sharing_reset(*, engagement_id: int) -> list[str]:
    """A sponsor joined an engagement that had none: results marked shared before it
    existed (by an import, or earlier data) go back to "not decided", and the client is
    asked to decide for this sponsor. Returns their keys (those already not decided stay
    as they are and are not among them)."""
    results = list(
        Result.objects.filter(engagement_id=engagement_id, shared_with_sponsor=True).exclude(
            reported_by=Party.SPONSOR
        )
    )
    for result in results:  # one by one, so the research figures hear of it (signals)
        result.shared_with_sponsor = False
        result.sharing_undecided = True
        result.save(update_fields=["shared_with_sponsor", "sharing_undecided", "updated_at"])
    return [r.key for r in results]


def refuse_if_withdrawn(result: Result) -> None:
    """A withdrawn result is kept as it was: nobody changes, judges, values or shares it
    until its reporter takes the withdrawal back (`result_restore`)."""
    if result.withdrawn_at is not None:
        raise ValidationError(
            _(
                "Result %(key)s is withdrawn, so it can no longer be changed. Its reporter "
                "can take the withdrawal back before the engagement is closed."
            )
            % {"key": result.key},
            code="withdrawn",
        )


def _require_reporter(*, result: Result, actor: Party, person: User) -> Result:
    """The policy's answer for withdrawing `result`, then the row itself, locked."""
    if not may_read_result(result=result, party=actor):
        raise Result.DoesNotExist
    facts = facts_for(engagement_id=result.engagement_id, party=actor)
    if not policy.may_withdraw_result(replace(facts, author=Party(result.reported_by))):
        raise PermissionDenied
    if not Participation.objects.filter(
        engagement_id=result.engagement_id, person=person, party=actor
    ).exists():
        raise PermissionDenied
    # Locked, so two requests at once cannot both withdraw (or restore) it.
    return Result.objects.select_for_update().get(pk=result.pk)


@transaction.atomic
def result_withdraw(*, result: Result, actor: Party, person: User) -> Result:
    """The party that reported a result withdraws it, before the engagement is closed.

    The row stays, with who withdrew it and when: whoever may read the result still reads
    it, struck through, and it counts in no measure, agenda, research figure or export.
    Withdrawing a result that is withdrawn already is refused.
    """
    row = _require_reporter(result=result, actor=actor, person=person)
    if row.withdrawn_at is not None:
        raise ValidationError(
            _("Result %(key)s is withdrawn already.") % {"key": row.key}, code="withdrawn"
        )
    row.withdrawn_at = timezone.now()
    row.withdrawn_by = person
    row.full_clean()
    # Saved through the ORM, so the research figures and the stored progress hear of it.
    row.save(update_fields=["withdrawn_at", "withdrawn_by", "updated_at"])
    return row


@transaction.atomic
def result_restore(*, result: Result, actor: Party, person: User) -> Result:
    """Take a withdrawal back: the result counts again, as it was before. Only its reporter,
    only before closing; a result that is not withdrawn is refused."""
    row = _require_reporter(result=result, actor=actor, person=person)
    if row.withdrawn_at is None:
        raise ValidationError(
            _("Result %(key)s is not withdrawn.") % {"key": row.key}, code="not_withdrawn"
        )
    row.withdrawn_at = None
    row.withdrawn_by = None
    row.full_clean()
    row.save(update_fields=["withdrawn_at", "withdrawn_by", "updated_at"])
    return row
