"""On PostgreSQL, a trigram index makes the accent-free "contains" search of the register use an
index instead of reading every row. Needs the pg_trgm extension; where the database role may not
create it, the migration leaves search unindexed (correct, only slower) and says so."""

from django.db import migrations


def forwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")
        if cursor.fetchone() is None:
            print("  pg_trgm is not available: register search stays unindexed")
            return
        cursor.execute("SAVEPOINT bmnn_trgm")
        try:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except Exception:  # no right to create extensions: keep going without the index
            cursor.execute("ROLLBACK TO SAVEPOINT bmnn_trgm")
            print("  cannot create pg_trgm (ask the DBA): register search stays unindexed")
            return
        cursor.execute(
            "CREATE INDEX IF NOT EXISTS registry_item_search_trgm ON registry_secretitem "
            "USING gin (search_text gin_trgm_ops)"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS registry_item_search_trgm")


class Migration(migrations.Migration):
    dependencies = [("registry", "0002_list_index")]
    operations = [migrations.RunPython(forwards, backwards)]
