from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "oogst.accounts"
    label = "accounts"
    verbose_name = _("people")

    def ready(self) -> None:
        from oogst.accounts import signals  # noqa: F401  (connects the receivers)
