from django.apps import AppConfig


class ContractingConfig(AppConfig):
    name = "oogst.contracting"
    label = "contracting"
