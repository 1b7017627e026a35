from django.apps import AppConfig


class SyncConfig(AppConfig):
    name = "bmnn.sync"
    verbose_name = "Node channels"

    def ready(self) -> None:
        from bmnn.sync import checks  # noqa: F401  (registers the node check)
