"""On PostgreSQL, refuse at the database itself any change to what a published round froze, and its deletion.

A round, once published, keeps its frozen content, fingerprint, publication time and publisher, and stays published;
its other columns (none are changed today) are left alone. Lives with the audit trail's own trigger: both are the
database's guarantee that what was recorded stays as it was.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION reviews_round_refuse_unfreezing() RETURNS trigger AS $$
BEGIN
    IF OLD.state = 'published' THEN
        IF TG_OP = 'DELETE' THEN
            RAISE EXCEPTION 'published round % cannot be deleted', OLD.id;
        END IF;
        IF NEW.state IS DISTINCT FROM OLD.state
           OR NEW.published_content IS DISTINCT FROM OLD.published_content
           OR NEW.content_hash IS DISTINCT FROM OLD.content_hash
           OR NEW.published_at IS DISTINCT FROM OLD.published_at
           OR NEW.published_by_id IS DISTINCT FROM OLD.published_by_id
           OR NEW.organisation_id IS DISTINCT FROM OLD.organisation_id THEN
            RAISE EXCEPTION 'published round % cannot be changed: what was published is frozen', OLD.id;
        END IF;
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER reviews_round_published_frozen
    BEFORE UPDATE OR DELETE ON reviews_reportinground
    FOR EACH ROW EXECUTE FUNCTION reviews_round_refuse_unfreezing();
"""

DROP = """
DROP TRIGGER IF EXISTS reviews_round_published_frozen ON reviews_reportinground;
DROP FUNCTION IF EXISTS reviews_round_refuse_unfreezing();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)  # RAISE uses %: no placeholders here


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_sealed_events"), ("reviews", "0004_round_imported_from")]
    operations = [migrations.RunPython(forwards, backwards)]
