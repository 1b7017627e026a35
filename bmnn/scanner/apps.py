from django.apps import AppConfig


class ScannerConfig(AppConfig):
    name = "bmnn.scanner"
    verbose_name = "Leak scanner"
