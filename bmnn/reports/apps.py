from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "bmnn.reports"
    verbose_name = "Reports and incidents"
