from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "bmnn.web"
    label = "web"
    verbose_name = "Giao diện"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from bmnn.core.sorting import register_sqlite_collation

        # ORDER BY … COLLATE "vietnamese" on SQLite (bmnn.core.sorting.vietnamese_order)
        connection_created.connect(register_sqlite_collation, dispatch_uid="bmnn-vietnamese")
