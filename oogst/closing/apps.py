from django.apps import AppConfig


class ClosingConfig(AppConfig):
    name = "oogst.closing"
    label = "closing"
