from django.db import migrations

# 0003 refused UPDATE on SQLite but allowed DELETE, so a truncated tail went unnoticed once the
# head row was rewritten too. Now both backends refuse UPDATE and DELETE of stored events, and
# the chain head may only move forward onto an event that is stored with that hash, never be
# deleted. Emptying the whole database stays possible: PostgreSQL's flush uses TRUNCATE, which
# row triggers do not see; on SQLite `bmnn flush` (bmnn/core/management/commands/flush.py)
# lifts these triggers for the flush and puts them back in the same transaction.
SQLITE_TRIGGERS = [
    """CREATE TRIGGER core_auditevent_no_delete BEFORE DELETE ON core_auditevent
       BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END""",
    """CREATE TRIGGER core_auditchainhead_forward BEFORE UPDATE ON core_auditchainhead
       WHEN NEW.id <> OLD.id OR NEW.last_seq < OLD.last_seq OR NOT EXISTS (
           SELECT 1 FROM core_auditevent WHERE seq = NEW.last_seq AND hash = NEW.last_hash)
       BEGIN SELECT RAISE(ABORT, 'the audit chain head only moves forward to a stored event');
       END""",
    """CREATE TRIGGER core_auditchainhead_no_delete BEFORE DELETE ON core_auditchainhead
       BEGIN SELECT RAISE(ABORT, 'the audit chain head cannot be deleted'); END""",
]
SQLITE_NAMES = [
    "core_auditevent_no_delete",
    "core_auditchainhead_forward",
    "core_auditchainhead_no_delete",
]
POSTGRES_TRIGGERS = [
    """CREATE OR REPLACE FUNCTION core_auditchainhead_forward() RETURNS trigger AS $$
       BEGIN
         IF TG_OP = 'DELETE' THEN
           RAISE EXCEPTION 'the audit chain head cannot be deleted';
         END IF;
         IF NEW.id <> OLD.id OR NEW.last_seq < OLD.last_seq OR NOT EXISTS (
             SELECT 1 FROM core_auditevent WHERE seq = NEW.last_seq AND hash = NEW.last_hash) THEN
           RAISE EXCEPTION 'the audit chain head only moves forward to a stored event';
         END IF;
         RETURN NEW;
       END; $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER core_auditchainhead_forward BEFORE UPDATE OR DELETE ON core_auditchainhead
       FOR EACH ROW EXECUTE FUNCTION core_auditchainhead_forward()""",
]


def add_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = {"sqlite": SQLITE_TRIGGERS, "postgresql": POSTGRES_TRIGGERS}.get(vendor, [])
    for sql in statements:
        schema_editor.execute(sql)


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for name in SQLITE_NAMES:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")
    elif vendor == "postgresql":
        schema_editor.execute(
            "DROP TRIGGER IF EXISTS core_auditchainhead_forward ON core_auditchainhead"
        )


class Migration(migrations.Migration):
    dependencies = [("core", "0006_trustedkey")]
    operations = [migrations.RunPython(add_triggers, drop_triggers)]
