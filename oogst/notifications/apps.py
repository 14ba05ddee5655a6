from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "oogst.notifications"
    label = "notifications"

    def ready(self) -> None:
        from oogst.harvest.signals import actions_opened
        from oogst.notifications import handoffs
        from oogst.notifications.services import announce_opened

        actions_opened.connect(announce_opened, dispatch_uid="notifications-actions-opened")
        handoffs.connect()  # the other hand-offs: end reports, sharing, closing
