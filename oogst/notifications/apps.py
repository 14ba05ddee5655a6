from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "oogst.notifications"
    label = "notifications"

    def ready(self) -> None:
        from oogst.accounts.signals import mail_sent
        from oogst.harvest.signals import actions_opened
        from oogst.notifications import handoffs
        from oogst.notifications.services import announce_opened, record_mailed

        actions_opened.connect(announce_opened, dispatch_uid="notifications-actions-opened")
        mail_sent.connect(record_mailed, dispatch_uid="notifications-mail-sent")
        handoffs.connect()  # the other hand-offs: end reports, sharing, closing
