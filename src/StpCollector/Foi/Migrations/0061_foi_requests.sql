-- FoI requests: a batch is one request text sent to many councils; each council's request has its own life.
CREATE TABLE foi_batches (
    id               INTEGER PRIMARY KEY,
    title            TEXT NOT NULL,
    body             TEXT NOT NULL,
    questionnaire_id TEXT,
    audience         TEXT NOT NULL,
    created_at       TEXT NOT NULL
);

CREATE TABLE foi_requests (
    id               INTEGER PRIMARY KEY,
    batch_id         INTEGER NOT NULL REFERENCES foi_batches (id),
    council_code     TEXT NOT NULL REFERENCES councils (code),
    recipient        TEXT NOT NULL,
    outbox_id        INTEGER REFERENCES outbox (id),
    -- Stored states; "overdue" and "very overdue" are derived from the due dates, which follow the holiday list.
    status           TEXT NOT NULL DEFAULT 'awaiting_response' CHECK (status IN (
                         'awaiting_response', 'acknowledged', 'clarification_requested', 'partially_answered',
                         'answered', 'refused', 'withdrawn')),
    exemption        TEXT,
    chaser_outbox_id INTEGER REFERENCES outbox (id),
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    UNIQUE (batch_id, council_code)
);

CREATE INDEX ix_foi_requests_status ON foi_requests (status, batch_id);

CREATE TABLE foi_events (
    id         INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES foi_requests (id),
    at         TEXT NOT NULL,
    kind       TEXT NOT NULL,   -- created, sent, reply, acknowledged, refused, clarification, answered, chaser, classified, coded, bounce
    detail     TEXT
);

CREATE INDEX ix_foi_events_request ON foi_events (request_id, at);

-- Letters, PDFs and spreadsheets received on a request, kept for staff to read and code.
CREATE TABLE foi_documents (
    id           INTEGER PRIMARY KEY,
    request_id   INTEGER NOT NULL REFERENCES foi_requests (id),
    file_name    TEXT NOT NULL,
    content_type TEXT NOT NULL,
    stored_path  TEXT NOT NULL,
    received_at  TEXT NOT NULL,
    parsed       INTEGER NOT NULL DEFAULT 0
);

-- Answers taken from FoI responses, by parsing a structured return or by staff coding a letter.
CREATE TABLE foi_answers (
    request_id  INTEGER NOT NULL REFERENCES foi_requests (id),
    question_id TEXT NOT NULL,
    raw_value   TEXT,
    value       TEXT,
    number_value REAL,
    source      TEXT NOT NULL,  -- 'csv', 'xlsx', 'staff'
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (request_id, question_id)
) WITHOUT ROWID;
