from django.apps import AppConfig


class InterchangeConfig(AppConfig):
    name = "oogst.interchange"
    label = "interchange"
