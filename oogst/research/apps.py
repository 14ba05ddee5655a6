from django.apps import AppConfig


class ResearchConfig(AppConfig):
    name = "oogst.research"
    label = "research"
