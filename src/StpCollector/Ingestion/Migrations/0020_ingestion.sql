-- Ingestion: every inbound message or file is archived and recorded with its outcome (decision 3),
-- bounces are recorded against the outbox row they report on, and returns remember what they came from.

CREATE TABLE inbound_messages (
    id            INTEGER PRIMARY KEY,
    channel       TEXT NOT NULL CHECK (channel IN ('mailbox', 'cli')),  -- the returns mailbox (IMAP or drop folder) or `ingest FILE`
    source_name   TEXT NOT NULL,            -- IMAP UID or file name, as it arrived
    kind          TEXT NOT NULL CHECK (kind IN ('email', 'csv', 'xlsx', 'other')),
    message_id    TEXT,                     -- Message-ID without angle brackets (NULL for plain files)
    content_hash  TEXT NOT NULL,            -- SHA-256 of the content without trace headers: with message_id, the dedupe key
    archive_path  TEXT NOT NULL,            -- raw bytes, relative to the data dir: archive/ab/<sha256 of the bytes>.eml
    size          INTEGER NOT NULL,
    sender        TEXT COLLATE NOCASE,
    subject       TEXT,
    sent_at       TEXT,                     -- the message's Date header
    received_at   TEXT NOT NULL,            -- when StpCollector first read it
    outcome       TEXT NOT NULL CHECK (outcome IN
                    ('stored', 'held', 'auto_reply', 'bounce', 'loop', 'handled', 'rejected', 'failed', 'discarded')),
    reason        TEXT NOT NULL,            -- in words, for staff
    match_method  TEXT,                     -- token | in_reply_to | subject | sender | file | staff
    round_id      INTEGER REFERENCES rounds (id),
    council_code  TEXT REFERENCES councils (code),
    seen_again    INTEGER NOT NULL DEFAULT 0,  -- how often the same message came back and changed nothing
    last_seen_at  TEXT,
    resolved_at   TEXT,                     -- when staff assigned or discarded it from the holding pen
    resolved_note TEXT
);

CREATE UNIQUE INDEX ux_inbound_identity ON inbound_messages (COALESCE(message_id, ''), content_hash);
CREATE INDEX ix_inbound_outcome ON inbound_messages (outcome, received_at);

ALTER TABLE returns ADD COLUMN inbound_id INTEGER REFERENCES inbound_messages (id);
CREATE INDEX ix_returns_inbound ON returns (inbound_id);

-- A remark on a valid answer the council should check, e.g. how an ambiguous percentage was read.
ALTER TABLE answers ADD COLUMN note TEXT;

-- Delivery failures. outbox.bounced_at is set for permanent failures so `round show` can list councils not reached.
CREATE TABLE inbound_bounces (
    id         INTEGER PRIMARY KEY,
    inbound_id INTEGER NOT NULL REFERENCES inbound_messages (id),
    outbox_id  INTEGER REFERENCES outbox (id),
    recipient  TEXT NOT NULL COLLATE NOCASE,
    status     TEXT,                        -- enhanced status code, e.g. 5.1.1
    reason     TEXT NOT NULL,
    permanent  INTEGER NOT NULL,
    created_at TEXT NOT NULL
);

CREATE INDEX ix_inbound_bounces_outbox ON inbound_bounces (outbox_id);

ALTER TABLE outbox ADD COLUMN bounced_at TEXT;
ALTER TABLE outbox ADD COLUMN bounce_reason TEXT;
CREATE INDEX ix_outbox_recipient_bounces ON outbox (recipient, created_at);
