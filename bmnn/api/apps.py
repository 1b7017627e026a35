from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "bmnn.api"
    label = "api"
    verbose_name = "API"
