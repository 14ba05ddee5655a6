from typing import Any

from django.apps import AppConfig


class ResultsConfig(AppConfig):
    name = "oogst.results"
    label = "results"

    def ready(self) -> None:
        from oogst.contracting.signals import goal_references, party_admitted

        party_admitted.connect(_sponsor_added, dispatch_uid="results-sharing-reset")
        goal_references.connect(_goal_references, dispatch_uid="results-goal-references")


def _sponsor_added(sender: type, *, engagement_id: int, party: str, kind: str, **_: Any) -> None:
    """Consent given before there was a sponsor was consent to nobody: ask again."""
    if party == "sponsor" and kind == "add":
        from oogst.results.services.register import sharing_reset

        sharing_reset(engagement_id=engagement_id)


def _goal_references(sender: type, *, goal: Any, facts: Any, **_: Any) -> list[str]:
    """Before a goal is deleted: the results linked to it and the end reports about it."""
    from oogst.results.selectors import goal_references

    return goal_references(goal=goal, facts=facts)
