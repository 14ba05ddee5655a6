from typing import Any

from django.apps import AppConfig


class ResultsConfig(AppConfig):
    name = "oogst.results"
    label = "results"

    def ready(self) -> None:
        from oogst.contracting.signals import party_admitted

        party_admitted.connect(_sponsor_added, dispatch_uid="results-sharing-reset")


def _sponsor_added(sender: type, *, engagement_id: int, party: str, kind: str, **_: Any) -> None:
    """Consent given before there was a sponsor was consent to nobody: ask again."""
    if party == "sponsor" and kind == "add":
        from oogst.results.services.register import sharing_reset

        sharing_reset(engagement_id=engagement_id)
