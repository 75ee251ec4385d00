-- When each visit's patient was last seen connected, so that a queued visit
-- whose patient went away for longer than the grace period can leave the line
-- whichever server instance the patient was on (instances keep nothing in
-- memory that another needs, and one may die without a word).
--
-- A table of its own rather than a column of visits: instances stamp these
-- rows every few seconds for every connected patient, and an UPDATE of a
-- visits row would lock it, so take-next (FOR UPDATE SKIP LOCKED) would skip
-- the longest-waiting patient while their stamp is being written, and each
-- stamp would rewrite the whole visit row.
--
-- No row: the patient never connected (e.g. staff filed the visit for them);
-- such visits never leave the line on their own.
CREATE TABLE patient_presence (
    visit_id bigint      PRIMARY KEY REFERENCES visits (id),
    seen_at  timestamptz NOT NULL
) WITH (fillfactor = 50); -- room on each page for the stamps to be HOT updates

-- No index on seen_at, on purpose: it would make every stamp update an index
-- too, while the sweep for patients who left reads only queued visits, which
-- visits_next_idx already finds, and joins here by primary key.
