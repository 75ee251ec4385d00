-- The role the server's runtime connections use. It reads and writes what the
-- product needs, but the append-only records (audit trail, its seals and key,
-- the visit history) it may only insert and read: the database refuses it
-- UPDATE, DELETE and TRUNCATE there by privilege, and their triggers refuse
-- everyone else. The schema's owner applies migrations; the role does not.
-- A cluster the server runs itself lets this role log in; elsewhere the DBA
-- grants it to the server's login.
DO $$
BEGIN
    CREATE ROLE caredesk_app NOLOGIN;
EXCEPTION WHEN duplicate_object THEN
    NULL; -- another database of this cluster made it
END;
$$;

GRANT USAGE ON SCHEMA public TO caredesk_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO caredesk_app;
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO caredesk_app;
-- Tables of later migrations too; an append-only one revokes as below.
ALTER DEFAULT PRIVILEGES IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO caredesk_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO caredesk_app;

REVOKE UPDATE, DELETE, TRUNCATE ON audit_events, audit_seals, audit_chain_key, visit_events
    FROM caredesk_app;
-- Which migrations ran is the owner's business; the server only reads it.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON schema_migrations FROM caredesk_app;
