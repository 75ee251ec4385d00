-- States (jurisdictions), their weekly hours, and caregivers' state licenses.
-- Enough to route by licensure; scheduling and intake policy build on these.

CREATE TABLE jurisdictions (
    code       text PRIMARY KEY CHECK (code ~ '^[A-Z]{2}$'),
    name       text NOT NULL,
    time_zone  text NOT NULL, -- IANA name, e.g. America/Phoenix
    status     text NOT NULL DEFAULT 'closed' CHECK (status IN ('open', 'busy', 'closed')),
    enabled    boolean NOT NULL DEFAULT false, -- offered to patients at all
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- Hours per weekday in the state's local time; closes_at <= opens_at means the
-- range runs past midnight into the next day.
CREATE TABLE jurisdiction_hours (
    jurisdiction_code text     NOT NULL REFERENCES jurisdictions (code) ON DELETE CASCADE,
    weekday           smallint NOT NULL CHECK (weekday BETWEEN 0 AND 6), -- 0 = Sunday
    opens_at          time     NOT NULL,
    closes_at         time     NOT NULL,
    PRIMARY KEY (jurisdiction_code, weekday, opens_at)
);

CREATE TABLE licenses (
    id                bigserial PRIMARY KEY,
    caregiver_id      bigint NOT NULL REFERENCES caregivers (id) ON DELETE CASCADE,
    jurisdiction_code text   NOT NULL REFERENCES jurisdictions (code),
    license_number    text   NOT NULL CHECK (length(license_number) BETWEEN 1 AND 64),
    expires_on        date   NOT NULL,
    verified_at       timestamptz,
    verified_by       bigint REFERENCES caregivers (id),
    created_at        timestamptz NOT NULL DEFAULT now(),
    UNIQUE (caregiver_id, jurisdiction_code, license_number)
);
CREATE INDEX licenses_jurisdiction_idx ON licenses (jurisdiction_code, expires_on);
