"""Least privilege on PostgreSQL: after `cairn db-roles`, the application's role runs Cairn (loads the demo, verifies)
but cannot truncate or change the audit trail, lift or drop a trigger, alter a table, or change a published round."""

import os
import subprocess
import sys

import psycopg
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

pytestmark = pytest.mark.django_db
on_postgresql = pytest.mark.skipif("connection.vendor != 'postgresql'", reason="roles are PostgreSQL's")

KEY = "roles-test-key-0123456789abcdefghijklmnopqrstuvwxyz-0123456789"


@pytest.fixture
def roles(tmp_path):
    """A database owned by an owner role, migrated by it, and an ordinary role for the application."""
    s = connection.settings_dict
    base = s["NAME"]
    owner, app, database = f"{base}_owner", f"{base}_app", f"{base}_roles"
    admin = psycopg.connect(dbname="postgres", user=s["USER"], host=s["HOST"], port=s["PORT"] or 5432, autocommit=True)
    admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    for role in (owner, app):
        admin.execute(f'DROP ROLE IF EXISTS "{role}"')
    admin.execute(f'CREATE ROLE "{owner}" LOGIN')
    admin.execute(f'CREATE ROLE "{app}" LOGIN')
    admin.execute(f'CREATE DATABASE "{database}" OWNER "{owner}"')
    with psycopg.connect(dbname=database, user=s["USER"], host=s["HOST"], port=s["PORT"] or 5432, autocommit=True) as db:
        db.execute(f'ALTER SCHEMA public OWNER TO "{owner}"')
    host = f"{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CAIRN_", "DATABASE_URL", "DJANGO_"))}
    env |= {"CAIRN_DATA_DIR": str(tmp_path), "CAIRN_SECRET_KEY": KEY}
    as_owner = env | {"DATABASE_URL": f"postgresql://{owner}@{host}/{database}"}
    as_app = env | {"DATABASE_URL": f"postgresql://{app}@{host}/{database}"}
    yield {"owner": owner, "app": app, "database": database, "as_owner": as_owner, "as_app": as_app, "admin": admin,
           "connect_as_app": lambda: psycopg.connect(dbname=database, user=app, host=s["HOST"], port=s["PORT"] or 5432,
                                                     autocommit=True)}
    admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    for role in (app, owner):
        admin.execute(f'DROP ROLE IF EXISTS "{role}"')
    admin.close()


def cairn(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cairn", *args], env=env, capture_output=True, text=True,
                          timeout=600, cwd=settings.BASE_DIR)


def ok(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


REFUSED = {
    "TRUNCATE audit_auditevent": "permission denied",
    "TRUNCATE audit_auditevent CASCADE": "permission denied",
    "UPDATE audit_auditevent SET actor_label = 'Someone else'": "permission denied",
    "DELETE FROM audit_auditevent": "permission denied",
    "ALTER TABLE audit_auditevent DISABLE TRIGGER audit_auditevent_append_only": "must be owner",
    "ALTER TABLE audit_auditevent DISABLE TRIGGER ALL": "must be owner",
    "DROP TRIGGER audit_auditevent_append_only ON audit_auditevent": "must be owner",
    "DROP TABLE audit_auditevent": "must be owner",
    "ALTER TABLE audit_auditevent ADD COLUMN note text": "must be owner",
    "ALTER TABLE reviews_reportinground DISABLE TRIGGER reviews_round_published_frozen": "must be owner",
    "DROP FUNCTION reviews_round_refuse_unfreezing() CASCADE": "must be owner",
    "UPDATE reviews_reportinground SET published_content = '{}' WHERE state = 'published'": "cannot be changed",
    "DELETE FROM reviews_reportinground WHERE state = 'published'": "cannot be deleted",
    "CREATE TABLE reviews_shadow (id int)": "permission denied",
    "DELETE FROM django_migrations": "permission denied",
}


@on_postgresql
def test_the_application_role_runs_cairn_but_cannot_change_what_was_recorded(roles):
    ok(cairn(roles["as_owner"], "migrate", "--no-input", "-v", "0"))
    said = ok(cairn(roles["as_owner"], "db-roles", roles["app"]))
    assert "owns nothing" in said
    # Everything Cairn does, it does as the application's role: the demo goes in through its operations.
    ok(cairn(roles["as_app"] | {"CAIRN_DEMO": "1"}, "load-demo"))
    assert "Everything matches." in ok(cairn(roles["as_app"], "verify"))
    with roles["connect_as_app"]() as db:
        assert db.execute("SELECT count(*) FROM reviews_reportinground WHERE state = 'published'").fetchone()[0] > 0
        owned = db.execute(
            "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = 'public' AND pg_get_userbyid(c.relowner) = current_user"
        ).fetchone()[0]
        assert owned == 0
        for statement, refusal in REFUSED.items():
            with pytest.raises(psycopg.Error, match=refusal):
                db.execute(statement)
        events = db.execute("SELECT count(*) FROM audit_auditevent").fetchone()[0]
    assert events > 100
    # Run again (as after an upgrade): nothing changes, nothing is refused.
    ok(cairn(roles["as_owner"], "db-roles", roles["app"]))


@on_postgresql
def test_db_roles_refuses_an_application_role_that_could_lift_the_guards(roles):
    refused = cairn(roles["as_owner"], "db-roles", roles["owner"])
    assert refused.returncode != 0 and "must not be the owner" in refused.stderr
    refused = cairn(roles["as_owner"], "db-roles", "no_such_role_here")
    assert refused.returncode != 0 and "There is no role 'no_such_role_here'" in refused.stderr
    roles["admin"].execute(f'ALTER ROLE "{roles["app"]}" SUPERUSER')
    refused = cairn(roles["as_owner"], "db-roles", roles["app"])
    assert refused.returncode != 0 and "is a superuser" in refused.stderr


@pytest.mark.skipif("connection.vendor == 'postgresql'")
def test_db_roles_is_for_postgresql_only():
    with pytest.raises(CommandError, match="Database roles are for PostgreSQL"):
        call_command("db_roles", "cairn_app")
