from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "bmnn.core"
    label = "core"
    verbose_name = "Lõi hệ thống"

    def ready(self) -> None:
        from bmnn.core import checks  # noqa: F401  (registers the startup checks)
