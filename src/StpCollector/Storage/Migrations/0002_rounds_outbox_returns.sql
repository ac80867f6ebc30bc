-- The shared core: survey rounds, the outbox every outgoing message passes through, and returns with their answers.
-- Features extend these in their own migrations (rounds 0010-0019, ingestion 0020-0029, bulletins 0030-0039,
-- reports 0040-0049, FoI 0060-0069).

CREATE TABLE rounds (
    id                    INTEGER PRIMARY KEY,
    questionnaire_id      TEXT NOT NULL,
    questionnaire_version INTEGER NOT NULL,
    title                 TEXT NOT NULL,
    reference             TEXT NOT NULL UNIQUE,  -- short reference carried in subjects, e.g. STP-R12
    audience              TEXT NOT NULL,         -- as given: all | region:London | footprint:ID | councils:CODE,CODE
    opens_at              TEXT NOT NULL,
    closes_at             TEXT NOT NULL,
    reminder_days         TEXT NOT NULL DEFAULT '',  -- working days before close, e.g. "5,2"
    status                TEXT NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'open', 'closed', 'cancelled')),
    created_at            TEXT NOT NULL,
    opened_at             TEXT,
    closed_at             TEXT,
    cancelled_at          TEXT
);

CREATE INDEX ix_rounds_status ON rounds (status, opens_at);
CREATE INDEX ix_rounds_questionnaire ON rounds (questionnaire_id, opens_at);

-- The audience resolved when the round is created: one row per council in it.
CREATE TABLE round_councils (
    round_id     INTEGER NOT NULL REFERENCES rounds (id),
    council_code TEXT NOT NULL REFERENCES councils (code),
    contact_id   INTEGER REFERENCES contacts (id),  -- the lead invited; NULL when the council had none
    PRIMARY KEY (round_id, council_code)
) WITHOUT ROWID;

CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL,          -- invitation, reminder, receipt, bulletin, foi_request, foi_chaser, ...
    topic           TEXT,                   -- what it belongs to: round:12, foi:7, bulletin:3
    council_code    TEXT REFERENCES councils (code),
    recipient       TEXT NOT NULL COLLATE NOCASE,
    subject         TEXT NOT NULL,
    message_id      TEXT NOT NULL UNIQUE,   -- without angle brackets; matched against In-Reply-To/References
    mime            BLOB NOT NULL,
    status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'cancelled')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_error      TEXT,
    created_at      TEXT NOT NULL,
    sent_at         TEXT
);

CREATE INDEX ix_outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX ix_outbox_topic ON outbox (topic, council_code, kind);

-- A return is one council's answers to one round from one source; a later return supersedes an earlier one.
CREATE TABLE returns (
    id            INTEGER PRIMARY KEY,
    round_id      INTEGER NOT NULL REFERENCES rounds (id),
    council_code  TEXT NOT NULL REFERENCES councils (code),
    source        TEXT NOT NULL CHECK (source IN ('email_body', 'csv', 'xlsx', 'staff_import', 'staff_entry', 'foi')),
    provenance    TEXT NOT NULL,            -- message id, or file, sheet and line
    sender        TEXT,
    received_at   TEXT NOT NULL,
    late          INTEGER NOT NULL DEFAULT 0,
    is_current    INTEGER NOT NULL DEFAULT 1,
    superseded_by INTEGER REFERENCES returns (id),
    created_at    TEXT NOT NULL
);

CREATE UNIQUE INDEX ux_returns_current ON returns (round_id, council_code) WHERE is_current = 1;
CREATE INDEX ix_returns_round ON returns (round_id, is_current, council_code);
CREATE INDEX ix_returns_received ON returns (received_at);

CREATE TABLE answers (
    return_id    INTEGER NOT NULL REFERENCES returns (id),
    question_id  TEXT NOT NULL,
    raw_value    TEXT,                      -- as the council wrote it
    value        TEXT,                      -- normalised: yes|no|partly, option code(s) joined by ';', text, url
    number_value REAL,                      -- scale, number and percent questions
    status       TEXT NOT NULL CHECK (status IN ('valid', 'invalid', 'missing')),
    problem      TEXT,                      -- why it is invalid or missing, in words for the council
    PRIMARY KEY (return_id, question_id)
) WITHOUT ROWID;

CREATE INDEX ix_answers_question ON answers (question_id, status);
