from django.contrib import admin

from oogst.notifications.models import Message


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin[Message]):
    """What was sent to whom and whether it arrived: no message text is stored at all."""

    list_display = ("created_at", "recipient", "kind", "action", "engagement", "status", "attempts")
    list_filter = ("status", "kind")
    search_fields = ("recipient__email",)
    readonly_fields = [f.name for f in Message._meta.fields]

    def has_add_permission(self, request: object) -> bool:
        return False
