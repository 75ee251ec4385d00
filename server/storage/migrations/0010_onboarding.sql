-- Self-service onboarding: contact details and invitations on caregiver
-- accounts, and the type, issue date and review of state licenses.

-- An account created by an admin has no password (password_hash '') until the
-- caregiver spends an invitation; nothing verifies against ''.
ALTER TABLE caregivers
    ADD COLUMN email           text        NOT NULL DEFAULT '' CHECK (length(email) <= 254),
    ADD COLUMN phone           text        NOT NULL DEFAULT '' CHECK (length(phone) <= 40),
    ADD COLUMN version         integer     NOT NULL DEFAULT 1, -- +1 on every admin change
    ADD COLUMN deactivated_at  timestamptz, -- when an admin last deactivated it
    ADD COLUMN last_sign_in_at timestamptz;
UPDATE caregivers SET deactivated_at = now() WHERE NOT active;

-- One-time activation codes. Only a SHA-256 of the code is kept; issuing a new
-- one voids the open ones, and using one marks it used.
CREATE TABLE caregiver_invites (
    id           bigserial   PRIMARY KEY,
    caregiver_id bigint      NOT NULL REFERENCES caregivers (id) ON DELETE CASCADE,
    token_hash   bytea       NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    created_by   bigint      REFERENCES caregivers (id),
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    used_at      timestamptz,
    voided_at    timestamptz,
    CHECK (used_at IS NULL OR voided_at IS NULL)
);
CREATE INDEX caregiver_invites_open_idx ON caregiver_invites (caregiver_id)
    WHERE used_at IS NULL AND voided_at IS NULL;

-- A license is pending until an admin verifies or rejects it; verified_at /
-- verified_by (as before) or rejected_at / rejected_by say who and when, and
-- the status follows from them. Only verified licenses route (active_licenses).
ALTER TABLE licenses
    ADD COLUMN license_type text        NOT NULL DEFAULT '' CHECK (length(license_type) <= 64),
    ADD COLUMN issued_on    date,
    ADD COLUMN rejected_at  timestamptz,
    ADD COLUMN rejected_by  bigint      REFERENCES caregivers (id),
    ADD COLUMN review_note  text        NOT NULL DEFAULT '' CHECK (length(review_note) <= 500),
    ADD COLUMN version      integer     NOT NULL DEFAULT 1,
    ADD COLUMN updated_at   timestamptz NOT NULL DEFAULT now(),
    ADD CONSTRAINT licenses_one_review CHECK (verified_at IS NULL OR rejected_at IS NULL),
    ADD CONSTRAINT licenses_issued_by_expiry CHECK (issued_on IS NULL OR issued_on <= expires_on),
    ADD COLUMN status text GENERATED ALWAYS AS (
        CASE WHEN verified_at IS NOT NULL THEN 'verified'
             WHEN rejected_at IS NOT NULL THEN 'rejected'
             ELSE 'pending' END) STORED;

-- One license per provider and state and number; the import finds it by these.
CREATE INDEX licenses_caregiver_idx ON licenses (caregiver_id, jurisdiction_code);

-- Licenses in force now, one row per license; active_licenses (what routing
-- reads) is built on it, so the console's "in force" and routing agree.
CREATE VIEW licenses_in_force AS
SELECT l.id, l.caregiver_id, l.jurisdiction_code
FROM licenses l
JOIN jurisdictions j ON j.code = l.jurisdiction_code
WHERE l.verified_at IS NOT NULL
  AND now() < ((l.expires_on + 1)::timestamp AT TIME ZONE j.time_zone);

CREATE OR REPLACE VIEW active_licenses AS
SELECT DISTINCT caregiver_id, jurisdiction_code FROM licenses_in_force;
