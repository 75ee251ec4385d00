-- Visits and their transition log, provider availability, per-state intake
-- settings and holiday closures, and the views that say who may see whom now.

ALTER TABLE jurisdictions
    ADD COLUMN queue_cap         integer CHECK (queue_cap > 0),  -- NULL: no fixed cap
    -- NULL: marking the state busy does not throttle arrivals
    ADD COLUMN busy_max_per_hour integer CHECK (busy_max_per_hour > 0),
    ADD COLUMN status_changed_by bigint REFERENCES caregivers (id),
    ADD COLUMN status_changed_at timestamptz;

-- Whole days a state does not take visits (holidays), as dates in its local time.
CREATE TABLE jurisdiction_closures (
    jurisdiction_code text NOT NULL REFERENCES jurisdictions (code) ON DELETE CASCADE,
    closed_on         date NOT NULL,
    note              text NOT NULL DEFAULT '',
    PRIMARY KEY (jurisdiction_code, closed_on)
);

-- No row means unavailable: a provider opts in each shift.
CREATE TABLE provider_availability (
    caregiver_id bigint      PRIMARY KEY REFERENCES caregivers (id) ON DELETE CASCADE,
    available    boolean     NOT NULL DEFAULT false,
    changed_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE visits (
    id                   bigserial   PRIMARY KEY,
    jurisdiction_code    text        NOT NULL REFERENCES jurisdictions (code),
    status               text        NOT NULL DEFAULT 'waiting'
                         CHECK (status IN ('waiting', 'ready', 'assigned', 'in_visit', 'completed',
                                           'cancelled', 'removed', 'no_show', 'left')),
    priority             smallint    NOT NULL DEFAULT 0 CHECK (priority BETWEEN 0 AND 9),
    requested_at         timestamptz NOT NULL DEFAULT now(), -- arrival: ordered after priority
    first_name           text        NOT NULL CHECK (length(first_name) BETWEEN 1 AND 100),
    last_name            text        NOT NULL CHECK (length(last_name) BETWEEN 1 AND 100),
    date_of_birth        date        NOT NULL CHECK (date_of_birth >= DATE '1900-01-01'),
    reason               text        NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
    contact              text        NOT NULL CHECK (length(contact) BETWEEN 1 AND 254),
    -- The patient's browser holds the per-visit secret; only its SHA-256 is kept.
    patient_token_hash   bytea       NOT NULL UNIQUE CHECK (length(patient_token_hash) = 32),
    assigned_provider_id bigint      REFERENCES caregivers (id),
    assigned_at          timestamptz,
    started_at           timestamptz,
    ended_at             timestamptz,
    removed_reason       text CHECK (length(removed_reason) BETWEEN 1 AND 500),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    version              integer     NOT NULL DEFAULT 1, -- +1 on every change

    -- The columns agree with the status whatever code writes them.
    CONSTRAINT visits_queued_unassigned CHECK (
        status NOT IN ('waiting', 'ready')
        OR (assigned_provider_id IS NULL AND assigned_at IS NULL
            AND started_at IS NULL AND ended_at IS NULL)),
    CONSTRAINT visits_assigned_has_provider CHECK (
        status NOT IN ('assigned', 'in_visit', 'completed')
        OR (assigned_provider_id IS NOT NULL AND assigned_at IS NOT NULL)),
    CONSTRAINT visits_started_has_start CHECK (
        status NOT IN ('in_visit', 'completed') OR started_at IS NOT NULL),
    CONSTRAINT visits_ended_iff_final CHECK (
        (status IN ('completed', 'cancelled', 'removed', 'no_show', 'left'))
        = (ended_at IS NOT NULL)),
    CONSTRAINT visits_removed_has_reason CHECK (status <> 'removed' OR removed_reason IS NOT NULL)
);

-- "Next visit for these states": one ordered index range per state, and the
-- whole queue in order for a provider licensed in many states (the planner
-- picks by the states' share of the queue). Also queue positions.
CREATE INDEX visits_queue_idx ON visits (jurisdiction_code, priority DESC, requested_at, id)
    WHERE status IN ('waiting', 'ready');
CREATE INDEX visits_next_idx ON visits (priority DESC, requested_at, id)
    WHERE status IN ('waiting', 'ready');
-- The board's snapshot: every visit not yet over.
CREATE INDEX visits_open_idx ON visits (jurisdiction_code, id)
    WHERE status IN ('waiting', 'ready', 'assigned', 'in_visit');
CREATE INDEX visits_provider_idx ON visits (assigned_provider_id)
    WHERE status IN ('assigned', 'in_visit');
-- Recent visit durations per state, for wait estimates.
CREATE INDEX visits_completed_idx ON visits (jurisdiction_code, ended_at DESC)
    WHERE status = 'completed';
-- Arrivals per state in a rolling window, for the busy policy.
CREATE INDEX visits_arrivals_idx ON visits (jurisdiction_code, requested_at);

-- Append-only: one row per status change, from_status NULL at creation.
CREATE TABLE visit_events (
    id          bigserial   PRIMARY KEY,
    visit_id    bigint      NOT NULL REFERENCES visits (id),
    from_status text,
    to_status   text        NOT NULL,
    -- who moved it: a caregiver in one of their roles, the patient, or the server
    actor_kind  text        NOT NULL
                CHECK (actor_kind IN ('patient', 'support', 'provider', 'admin', 'system')),
    actor_id    bigint, -- caregiver id; for the patient, the visit id
    provider_id bigint      REFERENCES caregivers (id), -- the provider the visit went to, if any
    reason      text        NOT NULL DEFAULT '',
    occurred_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX visit_events_visit_idx ON visit_events (visit_id, id);

CREATE FUNCTION visit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'visit_events is append-only (% refused)', TG_OP;
END;
$$;
CREATE TRIGGER visit_events_no_update BEFORE UPDATE OR DELETE ON visit_events
    FOR EACH ROW EXECUTE FUNCTION visit_events_append_only();
CREATE TRIGGER visit_events_no_truncate BEFORE TRUNCATE ON visit_events
    FOR EACH STATEMENT EXECUTE FUNCTION visit_events_append_only();

-- Licenses in force at this moment (the transaction's now()). A license is
-- valid through the last instant of its expiry date in the state's own time
-- zone, so it lapses at local midnight there, not at UTC midnight.
CREATE VIEW active_licenses AS
SELECT DISTINCT l.caregiver_id, l.jurisdiction_code
FROM licenses l
JOIN jurisdictions j ON j.code = l.jurisdiction_code
WHERE l.verified_at IS NOT NULL
  AND now() < ((l.expires_on + 1)::timestamp AT TIME ZONE j.time_zone);

-- Who can be routed a visit in which state right now: an active provider
-- account, marked available, with a license in force there.
CREATE VIEW routable_providers AS
SELECT al.caregiver_id, al.jurisdiction_code
FROM active_licenses al
JOIN caregivers c ON c.id = al.caregiver_id
JOIN provider_availability a ON a.caregiver_id = al.caregiver_id
WHERE c.active AND 'provider' = ANY (c.roles) AND a.available;
