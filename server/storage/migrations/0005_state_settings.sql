-- What admins configure per state beyond 0002/0004: the zones a state may be
-- given, days with special hours, and who last changed the settings (with a
-- version for optimistic concurrency between admins).

ALTER TABLE jurisdictions
    ADD COLUMN settings_version    bigint NOT NULL DEFAULT 1,
    ADD COLUMN settings_changed_by bigint REFERENCES caregivers (id),
    ADD COLUMN settings_changed_at timestamptz;

-- Zero per hour while busy now means "priority visits only".
ALTER TABLE jurisdictions DROP CONSTRAINT jurisdictions_busy_max_per_hour_check;
ALTER TABLE jurisdictions ADD CONSTRAINT jurisdictions_busy_max_per_hour_check
    CHECK (busy_max_per_hour >= 0);

-- Local days with other openings than their weekday's; a day closed whole is a
-- jurisdiction_closures row instead.
CREATE TABLE jurisdiction_special_hours (
    jurisdiction_code text NOT NULL REFERENCES jurisdictions (code) ON DELETE CASCADE,
    day               date NOT NULL,
    opens_at          time NOT NULL,
    closes_at         time NOT NULL,
    PRIMARY KEY (jurisdiction_code, day, opens_at)
);

-- The IANA zones a state may be given: its own zone plus, for states that
-- span two or more, the others (an admin picks the one the health system
-- serves the state by).
CREATE TABLE jurisdiction_time_zones (
    jurisdiction_code text NOT NULL REFERENCES jurisdictions (code) ON DELETE CASCADE,
    time_zone         text NOT NULL,
    PRIMARY KEY (jurisdiction_code, time_zone)
);

INSERT INTO jurisdiction_time_zones (jurisdiction_code, time_zone)
SELECT code, time_zone FROM jurisdictions;

INSERT INTO jurisdiction_time_zones (jurisdiction_code, time_zone) VALUES
    ('AK', 'America/Juneau'), ('AK', 'America/Sitka'), ('AK', 'America/Yakutat'),
    ('AK', 'America/Nome'), ('AK', 'America/Metlakatla'), ('AK', 'America/Adak'),
    ('AZ', 'America/Denver'),        -- the Navajo Nation keeps daylight saving time
    ('FL', 'America/Chicago'),
    ('ID', 'America/Los_Angeles'),
    ('IN', 'America/Chicago'), ('IN', 'America/Indiana/Knox'),
    ('IN', 'America/Indiana/Tell_City'), ('IN', 'America/Indiana/Vincennes'),
    ('IN', 'America/Indiana/Petersburg'), ('IN', 'America/Indiana/Winamac'),
    ('IN', 'America/Indiana/Marengo'), ('IN', 'America/Indiana/Vevay'),
    ('KS', 'America/Denver'),
    ('KY', 'America/Kentucky/Louisville'), ('KY', 'America/Kentucky/Monticello'),
    ('KY', 'America/Chicago'), ('KY', 'America/New_York'),
    ('MI', 'America/Menominee'),
    ('NE', 'America/Denver'),
    ('NV', 'America/Boise'),
    ('ND', 'America/Denver'), ('ND', 'America/North_Dakota/Center'),
    ('ND', 'America/North_Dakota/New_Salem'), ('ND', 'America/North_Dakota/Beulah'),
    ('OR', 'America/Boise'),
    ('SD', 'America/Denver'),
    ('TN', 'America/New_York'),
    ('TX', 'America/Denver')
ON CONFLICT DO NOTHING;
