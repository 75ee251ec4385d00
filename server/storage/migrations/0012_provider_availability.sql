-- Provider availability as the coverage board shows it: a status the provider
-- sets (available, on break, offline; "in visit" follows from their visits),
-- an optional shift outside which they are offered no visits, and when their
-- consoles were last seen, so that a provider whose last console went away
-- goes offline after a grace period whichever instance they were on.

ALTER TABLE provider_availability
    ADD COLUMN status text NOT NULL DEFAULT 'offline'
        CHECK (status IN ('available', 'on_break', 'offline')),
    ADD COLUMN shift_starts_at timestamptz,
    ADD COLUMN shift_ends_at   timestamptz,
    ADD CONSTRAINT provider_shift_in_order
        CHECK (shift_starts_at IS NULL OR shift_ends_at IS NULL
               OR shift_starts_at < shift_ends_at);

UPDATE provider_availability SET status = CASE WHEN available THEN 'available' ELSE 'offline' END;

DROP VIEW routable_providers;
ALTER TABLE provider_availability DROP COLUMN available;

-- Every active provider as of now(): the status they set (no row: offline)
-- and whether now() is within their shift (no shift: always).
CREATE VIEW provider_standing AS
SELECT c.id AS caregiver_id,
       coalesce(a.status, 'offline') AS status,
       a.shift_starts_at,
       a.shift_ends_at,
       (a.shift_starts_at IS NULL OR a.shift_starts_at <= now())
           AND (a.shift_ends_at IS NULL OR now() < a.shift_ends_at) AS on_shift,
       a.changed_at
FROM caregivers c
LEFT JOIN provider_availability a ON a.caregiver_id = c.id
WHERE c.active AND 'provider' = ANY (c.roles);

-- Who can be routed a visit in which state right now: an active provider,
-- available, within their shift, with a license in force there.
CREATE VIEW routable_providers AS
SELECT al.caregiver_id, al.jurisdiction_code
FROM active_licenses al
JOIN provider_standing p ON p.caregiver_id = al.caregiver_id
WHERE p.status = 'available' AND p.on_shift;

-- When a provider's console was last seen connected, stamped by the instance
-- holding it every few seconds and once more when it closes. A table of its
-- own, as patient_presence: the stamps must not lock provider_availability,
-- which routing holds FOR SHARE. No row: never stamped (the provider never
-- signed in to a console), and such a provider is never taken offline.
CREATE TABLE provider_presence (
    caregiver_id bigint      PRIMARY KEY REFERENCES caregivers (id) ON DELETE CASCADE,
    seen_at      timestamptz NOT NULL
) WITH (fillfactor = 50);
