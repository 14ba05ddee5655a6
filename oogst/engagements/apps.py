from django.apps import AppConfig


class EngagementsConfig(AppConfig):
    name = "oogst.engagements"
    label = "engagements"
