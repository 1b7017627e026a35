from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "bmnn.core"
    label = "core"
    verbose_name = "Lõi hệ thống"

    def ready(self) -> None:
        from django.urls import register_converter

        from bmnn.core import checks  # noqa: F401  (registers the startup checks)
        from bmnn.core.params import IdConverter

        register_converter(IdConverter, "id")  # `<id:pk>`: ids past 2**63-1 are a 404
