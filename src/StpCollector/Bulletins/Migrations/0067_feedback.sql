-- What subscribers write back to a bulletin (not an unsubscribe, not an auto-reply): the person's own words, without
-- what they quoted or their signature. The raw message stays in the inbound archive (inbound_id).

CREATE TABLE feedback (
    id            INTEGER PRIMARY KEY,
    subscriber_id INTEGER REFERENCES subscribers (id) ON DELETE SET NULL,
    sender        TEXT NOT NULL,             -- the address it came from (kept if the subscriber is removed)
    council_code  TEXT,                      -- when the sender is a council's contact, or on the mail domain of one council's contacts
    bulletin_id   INTEGER,                   -- the bulletin it answers, when the thread or the last bulletin sent them says so
    inbound_id    INTEGER NOT NULL,          -- the inbound message (its raw copy is archived by ingestion)
    subject       TEXT NOT NULL DEFAULT '',
    words         TEXT NOT NULL,             -- the person's own words, shown as text only
    received_at   TEXT NOT NULL,             -- when it reached StpCollector, not the sender's Date:
    created_at    TEXT NOT NULL,
    forgotten_at  TEXT                       -- when retention removed the words and address (Bulletins:FeedbackRetentionMonths)
);

CREATE INDEX ix_feedback_received ON feedback (received_at);
CREATE INDEX ix_feedback_bulletin ON feedback (bulletin_id, received_at);
