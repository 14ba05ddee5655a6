from typing import Any

from django.apps import AppConfig


class ResearchConfig(AppConfig):
    name = "oogst.research"
    label = "research"

    def ready(self) -> None:
        connect_summary_signals()


def _engagement_of(instance: Any) -> list[int | None]:
    """The engagement an instance's change touches (see `STALE_SOURCES`)."""
    from oogst.closing.models import AttainmentRating
    from oogst.contracting.models import Goal
    from oogst.results.models import Judgement, Result

    if isinstance(instance, Judgement):
        return list(
            Result.objects.filter(pk=instance.result_id).values_list("engagement_id", flat=True)
        )
    if isinstance(instance, AttainmentRating):
        return list(
            Goal.objects.filter(pk=instance.goal_id).values_list("engagement_id", flat=True)
        )
    return [getattr(instance, "engagement_id", None)]


def _saved(sender: type, instance: Any, **kwargs: Any) -> None:
    from oogst.research.summary import mark_stale

    mark_stale(_engagement_of(instance))


def _deleted(sender: type, instance: Any, **kwargs: Any) -> None:
    from oogst.research.summary import mark_stale

    mark_stale(_engagement_of(instance), create=False)


def _links_changed(sender: type, instance: Any, action: str, **kwargs: Any) -> None:
    """A result's goal links changed (from either side): both live in one engagement."""
    if action.startswith("post_"):
        from oogst.research.summary import mark_stale

        mark_stale([getattr(instance, "engagement_id", None)], create=action == "post_add")


def connect_summary_signals() -> None:
    """Mark an engagement's research figures stale when anything they count changes.

    Signals rather than calls from the services: the research app must not be called by
    the earlier stages' services. Bulk writes skip signals; they write new engagements,
    whose figures are missing and therefore computed anyway (see `research.summary`).
    Consent, sessions and sectors are not in the figures (applied live), so need nothing.
    """
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from oogst.closing.models import AttainmentRating, ClosingConversation
    from oogst.contracting.models import Contract, Expectation, Goal
    from oogst.results.models import Judgement, Result

    for model in (
        Result,
        Judgement,
        Goal,
        AttainmentRating,
        Contract,
        ClosingConversation,
        Expectation,
    ):
        uid = f"research-figures-{model._meta.label_lower}"
        post_save.connect(_saved, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"{uid}-delete")
    m2m_changed.connect(
        _links_changed, sender=Result.goals.through, dispatch_uid="research-figures-links"
    )
