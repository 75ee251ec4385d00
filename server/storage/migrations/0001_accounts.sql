-- Caregivers, their sessions, login throttling and the audit trail.

CREATE TABLE caregivers (
    id                  bigserial PRIMARY KEY,
    username            text        NOT NULL CHECK (length(username) BETWEEN 1 AND 128),
    display_name        text        NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
    password_hash       text        NOT NULL,
    roles               text[]      NOT NULL DEFAULT '{}'
                        CHECK (roles <@ ARRAY['support', 'provider', 'admin']::text[]),
    active              boolean     NOT NULL DEFAULT true,
    created_at          timestamptz NOT NULL DEFAULT now(),
    password_changed_at timestamptz NOT NULL DEFAULT now()
);
-- Usernames are unique regardless of case; lookups go through lower(username).
CREATE UNIQUE INDEX caregivers_username_key ON caregivers (lower(username));

-- Only a SHA-256 of each token is stored; the token itself exists only at the client.
CREATE TABLE sessions (
    id                  bigserial PRIMARY KEY,
    caregiver_id        bigint      NOT NULL REFERENCES caregivers (id) ON DELETE CASCADE,
    token_hash          bytea       NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    created_at          timestamptz NOT NULL DEFAULT now(),
    last_used_at        timestamptz NOT NULL DEFAULT now(),
    idle_expires_at     timestamptz NOT NULL,
    absolute_expires_at timestamptz NOT NULL,
    revoked_at          timestamptz,
    revoked_reason      text,
    client_address      text        NOT NULL DEFAULT ''
);
CREATE INDEX sessions_caregiver_idx ON sessions (caregiver_id) WHERE revoked_at IS NULL;

-- Every login attempt, for throttling per account and per address.
CREATE TABLE login_attempts (
    id             bigserial PRIMARY KEY,
    username_key   text        NOT NULL, -- lower(username) as typed, whether or not it exists
    client_address text        NOT NULL,
    succeeded      boolean     NOT NULL,
    attempted_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_attempts_user_idx ON login_attempts (username_key, attempted_at);
CREATE INDEX login_attempts_address_idx ON login_attempts (client_address, attempted_at);

-- Append-only record of who did what to which subject, and when.
CREATE TABLE audit_events (
    id           bigserial PRIMARY KEY,
    occurred_at  timestamptz NOT NULL DEFAULT now(),
    actor_kind   text        NOT NULL CHECK (actor_kind IN ('caregiver', 'patient', 'system')),
    actor_id     bigint,
    action       text        NOT NULL,
    subject_type text        NOT NULL DEFAULT '',
    subject_id   text        NOT NULL DEFAULT '',
    client_address text      NOT NULL DEFAULT '',
    detail       jsonb       NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_events_subject_idx ON audit_events (subject_type, subject_id, occurred_at);
CREATE INDEX audit_events_actor_idx ON audit_events (actor_kind, actor_id, occurred_at);

CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_events is append-only (% refused)', TG_OP;
END;
$$;
CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
