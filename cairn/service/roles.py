"""Least privilege on PostgreSQL (`cairn db-roles`): the owner role runs migrations and owns every table; the role
the web server and worker connect as may read and write rows, and nothing more.

What the application's role cannot do, whatever a bug or an attacker in the web server tries: change or delete an
audit event (no UPDATE, DELETE or TRUNCATE on the audit table), alter any table, disable or drop a trigger (only an
owner may), create tables, or change the record of migrations. Published rounds are guarded by their trigger (audit
migration 0004), which the application's role cannot lift for the same reason.
"""

from django.db import connection
from psycopg import sql

APPEND_ONLY = ["audit_auditevent"]  # rows are added, never changed or removed
READ_ONLY = ["django_migrations"]  # the owner's record of the schema


class RolesError(Exception):
    pass


def grant(app_role: str) -> list[str]:
    """Give `app_role` exactly what Cairn needs, from the owner's connection. Safe to run again (after an upgrade)."""
    if connection.vendor != "postgresql":
        raise RolesError("Database roles are for PostgreSQL: SQLite has no roles (its file's permissions guard it).")
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user, current_database()")
        owner, database = cursor.fetchone()
        cursor.execute("SELECT rolsuper, rolcreaterole, rolbypassrls FROM pg_roles WHERE rolname = %s", [app_role])
        row = cursor.fetchone()
        if row is None:
            raise RolesError(
                f"There is no role {app_role!r}. Create it first (as a database administrator), e.g. "
                f"CREATE ROLE {app_role} LOGIN PASSWORD '...'; then run this again."
            )
        if app_role == owner:
            raise RolesError(f"{app_role!r} is the role running this: the application's role must not be the owner.")
        if any(row):
            raise RolesError(f"{app_role!r} is a superuser or may create roles or bypass row security: give the "
                             "application an ordinary role.")
        cursor.execute("SELECT pg_has_role(%s, %s, 'MEMBER')", [app_role, owner])
        if cursor.fetchone()[0]:
            raise RolesError(f"{app_role!r} is a member of the owner role {owner!r}, so it has the owner's rights.")
        cursor.execute(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'S') AND pg_get_userbyid(c.relowner) <> %s",
            [owner],
        )
        if foreign := [name for (name,) in cursor.fetchall()]:
            raise RolesError(f"Run this as the role that owns Cairn's tables: {', '.join(sorted(foreign)[:3])} ... "
                             f"are owned by another role.")
        role, db = sql.Identifier(app_role), sql.Identifier(database)
        statements = [
            sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(db, role),
            sql.SQL("REVOKE CREATE ON SCHEMA public FROM PUBLIC"),
            sql.SQL("REVOKE CREATE ON SCHEMA public FROM {}").format(role),
            sql.SQL("GRANT USAGE ON SCHEMA public TO {}").format(role),
            sql.SQL("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {}").format(role),
            sql.SQL("REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA public FROM {}").format(role),
            sql.SQL("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {}").format(role),
            # Tables and sequences later migrations create are the application's to use in the same way.
            sql.SQL("ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {}").format(role),
            sql.SQL("ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO {}").format(role),
        ]
        for table in APPEND_ONLY:
            statements.append(sql.SQL("REVOKE UPDATE, DELETE, TRUNCATE ON {} FROM {}").format(sql.Identifier(table), role))
        for table in READ_ONLY:
            statements.append(
                sql.SQL("REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON {} FROM {}").format(sql.Identifier(table), role)
            )
        for statement in statements:
            cursor.execute(statement)
    return [
        f"{app_role} may read and write Cairn's rows in {database}; {owner} owns every table and runs migrations.",
        f"{app_role} may only add to the audit trail ({', '.join(APPEND_ONLY)}), and only read {', '.join(READ_ONLY)}.",
        f"{app_role} owns nothing, and may not create, alter or truncate tables, nor disable or drop their triggers.",
    ]
