-- Tamper evidence for the audit trail. A sealer chains every audit event, in
-- the order it seals them, with a keyed hash (HMAC-SHA-256 under a key the
-- database does not hold) of the event's fields and the previous seal. The
-- tables refuse UPDATE, DELETE and TRUNCATE; changing or removing an event
-- therefore takes a superuser disabling the triggers, and breaks the chain
-- where it happened (caredesk-server --verify-audit says where).
CREATE TABLE audit_seals (
    seq       bigint      PRIMARY KEY CHECK (seq >= 1), -- 1, 2, 3, ...: the chain's order
    event_id  bigint      NOT NULL UNIQUE REFERENCES audit_events (id),
    hash      bytea       NOT NULL CHECK (octet_length(hash) = 32),
    sealed_at timestamptz NOT NULL DEFAULT now()
);

-- Which key seals the chain (an HMAC of a fixed text, not the key): an
-- instance started with another key refuses to seal instead of forking it.
CREATE TABLE audit_chain_key (
    one            boolean     PRIMARY KEY DEFAULT true CHECK (one),
    fingerprint    bytea       NOT NULL CHECK (octet_length(fingerprint) = 32),
    first_used_at  timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION refuse_change_of_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP;
END;
$$;
CREATE TRIGGER audit_seals_no_update BEFORE UPDATE OR DELETE ON audit_seals
    FOR EACH ROW EXECUTE FUNCTION refuse_change_of_append_only();
CREATE TRIGGER audit_seals_no_truncate BEFORE TRUNCATE ON audit_seals
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_of_append_only();
CREATE TRIGGER audit_chain_key_no_update BEFORE UPDATE OR DELETE ON audit_chain_key
    FOR EACH ROW EXECUTE FUNCTION refuse_change_of_append_only();
