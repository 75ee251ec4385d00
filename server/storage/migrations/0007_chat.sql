-- Multi-chat: one thread per visit, its messages in one fixed order, and how
-- far each participant has read.

-- Created with the first message or the first claim, so visits that never
-- chat cost nothing. last_seq is the sequence number of the newest message:
-- appenders take the next one with an UPDATE of this row, which serialises
-- the writers of one thread only and leaves no gaps (a rolled-back append
-- rolls its increment back too).
CREATE TABLE chat_threads (
    visit_id   bigint      PRIMARY KEY REFERENCES visits (id),
    owner_id   bigint      REFERENCES caregivers (id), -- NULL: unassigned, any staff may claim
    last_seq   bigint      NOT NULL DEFAULT 0 CHECK (last_seq >= 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    -- Writers set greatest(updated_at, now()): now() is when their transaction
    -- began, possibly before another one created the thread.
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT chat_threads_updated_after_created CHECK (updated_at >= created_at)
);
-- "My threads" for a staff member's console and its unread counts.
CREATE INDEX chat_threads_owner_idx ON chat_threads (owner_id) WHERE owner_id IS NOT NULL;

-- Append-only. seq is the order everyone sees, 1, 2, 3, ... per thread;
-- internal notes take sequence numbers too, so a patient sees gaps there.
CREATE TABLE chat_messages (
    visit_id          bigint      NOT NULL REFERENCES chat_threads (visit_id),
    seq               bigint      NOT NULL CHECK (seq > 0),
    -- Chosen by the sending client before the first attempt and kept for its
    -- retries (a UUID in practice); the same sender sending the same id again
    -- gets the stored message back instead of a second copy.
    client_message_id text        NOT NULL
                      CHECK (client_message_id ~ '^[A-Za-z0-9_-]{1,64}$'),
    sender_kind       text        NOT NULL
                      CHECK (sender_kind IN ('patient', 'caregiver', 'system')),
    sender_id         bigint      REFERENCES caregivers (id), -- the caregiver; NULL otherwise
    kind              text        NOT NULL CHECK (kind IN ('text', 'note', 'system')),
    -- Characters, not bytes: the limit patients and staff are told about.
    body              text        NOT NULL CHECK (char_length(body) BETWEEN 1 AND 4000),
    created_at        timestamptz NOT NULL DEFAULT now(),

    -- The thread is always read by ranges of seq ("older than N", "newer than
    -- N") and unread counts look only at seq and the sender, so the key covers
    -- those columns and both are index-only scans.
    PRIMARY KEY (visit_id, seq) INCLUDE (sender_kind, sender_id, kind),

    CONSTRAINT chat_messages_caregiver_has_id
        CHECK ((sender_kind = 'caregiver') = (sender_id IS NOT NULL)),
    -- Lifecycle messages come from the server and only from it.
    CONSTRAINT chat_messages_system_by_system CHECK ((kind = 'system') = (sender_kind = 'system')),
    -- Internal notes are written by caregivers and never shown to the patient.
    CONSTRAINT chat_messages_note_by_caregiver CHECK (kind <> 'note' OR sender_kind = 'caregiver')
);
-- The idempotency key. A client id is unique per sender, not per thread: the
-- patient and a caregiver generate ids independently. The patient and the
-- server have no caregiver id, hence the coalesce (caregiver ids start at 1).
CREATE UNIQUE INDEX chat_messages_client_id_key
    ON chat_messages (visit_id, sender_kind, coalesce(sender_id, 0), client_message_id);

CREATE FUNCTION chat_messages_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'chat_messages is append-only (% refused)', TG_OP;
END;
$$;
CREATE TRIGGER chat_messages_no_update BEFORE UPDATE OR DELETE ON chat_messages
    FOR EACH ROW EXECUTE FUNCTION chat_messages_append_only();
CREATE TRIGGER chat_messages_no_truncate BEFORE TRUNCATE ON chat_messages
    FOR EACH STATEMENT EXECUTE FUNCTION chat_messages_append_only();

-- How far each participant has read a thread: the patient (no caregiver id)
-- and each caregiver who opened it. read_seq only moves forward.
CREATE TABLE chat_read_positions (
    visit_id     bigint      NOT NULL REFERENCES chat_threads (visit_id),
    reader_kind  text        NOT NULL CHECK (reader_kind IN ('patient', 'caregiver')),
    caregiver_id bigint      REFERENCES caregivers (id),
    read_seq     bigint      NOT NULL DEFAULT 0 CHECK (read_seq >= 0),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT chat_read_positions_caregiver_has_id
        CHECK ((reader_kind = 'caregiver') = (caregiver_id IS NOT NULL))
);
CREATE UNIQUE INDEX chat_read_positions_reader_key
    ON chat_read_positions (visit_id, reader_kind, coalesce(caregiver_id, 0));
-- Unread counts across a caregiver's threads start from their positions.
CREATE INDEX chat_read_positions_caregiver_idx ON chat_read_positions (caregiver_id, visit_id)
    WHERE caregiver_id IS NOT NULL;
