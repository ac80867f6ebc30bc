-- Bulletin subscribers, the bulletins themselves (one row per schedule period, so a period is sent at most once)
-- and the chart images each bulletin carries inline.

CREATE TABLE subscribers (
    id                 INTEGER PRIMARY KEY,
    email              TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name               TEXT NOT NULL DEFAULT '',
    status             TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'unsubscribed', 'suspended')),
    unsubscribe_token  TEXT NOT NULL DEFAULT '',  -- HMAC-signed (Mail/ReplyTokens): s{id}-u-{mac}
    hard_bounces       INTEGER NOT NULL DEFAULT 0,
    soft_bounces       INTEGER NOT NULL DEFAULT 0,
    last_bounce_topic  TEXT,                      -- bulletin:N whose bounce was counted last (one count per bulletin)
    last_bounce_at     TEXT,
    last_bounce_reason TEXT,
    status_changed_at  TEXT,
    status_reason      TEXT,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
);

CREATE INDEX ix_subscribers_status ON subscribers (status, email);

CREATE TABLE bulletins (
    id             INTEGER PRIMARY KEY,
    period_key     TEXT NOT NULL UNIQUE,     -- the scheduled instant (UTC) it belongs to, or manual-<instant> for send-now
    scheduled_for  TEXT NOT NULL,
    status         TEXT NOT NULL CHECK (status IN ('draft', 'approved', 'sent', 'skipped', 'missed')),
    subject        TEXT NOT NULL DEFAULT '',
    html           TEXT NOT NULL DEFAULT '', -- as archived (images as files beside it)
    text           TEXT NOT NULL DEFAULT '',
    round_id       INTEGER REFERENCES rounds (id),  -- the round whose figures it quotes
    covers_from    TEXT,                     -- returns received after this ...
    covers_until   TEXT,                     -- ... and up to this are listed as new
    recipients     INTEGER NOT NULL DEFAULT 0,
    note           TEXT,                     -- why skipped or missed
    created_at     TEXT NOT NULL,
    approved_at    TEXT,
    sent_at        TEXT
);

CREATE INDEX ix_bulletins_status ON bulletins (status, scheduled_for);

CREATE TABLE bulletin_charts (
    bulletin_id INTEGER NOT NULL REFERENCES bulletins (id) ON DELETE CASCADE,
    name        TEXT NOT NULL,               -- file name and content id, e.g. chart-q7.png
    alt         TEXT NOT NULL,
    png         BLOB NOT NULL,
    PRIMARY KEY (bulletin_id, name)
) WITHOUT ROWID;
