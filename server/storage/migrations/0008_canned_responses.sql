-- Canned responses: snippets admins keep for staff to insert into chats
-- (typed as /shortcut in the console). Placeholders in the body ({firstName},
-- {state}, {wait}, {myName}) are checked by the server and filled in by the
-- console. Deleting one removes the row; the audit trail keeps its text.
CREATE TABLE canned_responses (
    id         bigserial   PRIMARY KEY,
    shortcut   text        NOT NULL UNIQUE CHECK (shortcut ~ '^[a-z0-9_-]{1,32}$'),
    title      text        NOT NULL
               CHECK (octet_length(title) BETWEEN 1 AND 100 AND btrim(title) <> ''),
    -- Characters, not bytes: the limit of a chat message it is inserted into.
    body       text        NOT NULL CHECK (char_length(body) BETWEEN 1 AND 4000),
    -- Optimistic concurrency between admins: 1 when created, +1 per save.
    version    bigint      NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_by bigint      NOT NULL REFERENCES caregivers (id),
    updated_by bigint      NOT NULL REFERENCES caregivers (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT canned_responses_updated_after_created CHECK (updated_at >= created_at)
);
