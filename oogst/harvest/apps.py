from django.apps import AppConfig


class HarvestConfig(AppConfig):
    name = "oogst.harvest"
    label = "harvest"
