from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "bmnn.accounts"
    label = "accounts"
    verbose_name = "Tài khoản"
