from django.apps import AppConfig


class ResultsConfig(AppConfig):
    name = "oogst.results"
    label = "results"
