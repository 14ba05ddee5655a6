from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "oogst.accounts"
    label = "accounts"
