-- PostgreSQL form of ../0010_round_invitations_reminders.sql (same version, same tables): the dialect rules are in Storage/Migrations/PostgreSql/0001_reference.sql.
-- Survey rounds: what each council was sent and when. The invitation row points at its outbox message, so
-- "delivered / failed" is read from the outbox and "bounced" is recorded here by the ingestion pipeline.
ALTER TABLE round_councils ADD COLUMN invitation_outbox_id BIGINT REFERENCES outbox (id);
ALTER TABLE round_councils ADD COLUMN invited_at TEXT;      -- when the invitation was queued (the outbox row says when it left)
ALTER TABLE round_councils ADD COLUMN bounced_at TEXT;      -- a delivery failure report came back for this council's mail
ALTER TABLE round_councils ADD COLUMN bounce_reason TEXT;

CREATE INDEX ix_round_councils_invitation ON round_councils (invitation_outbox_id);

-- One reminder per council per slot (working days before close), at most: the primary key makes a second one
-- impossible even if two processes or a crash-and-restart race to send it.
CREATE TABLE round_reminders (
    round_id     BIGINT NOT NULL REFERENCES rounds (id),
    council_code TEXT NOT NULL REFERENCES councils (code),
    slot         BIGINT NOT NULL,
    outbox_id    BIGINT NOT NULL REFERENCES outbox (id),
    created_at   TEXT NOT NULL,
    PRIMARY KEY (round_id, council_code, slot)
);

CREATE INDEX ix_round_reminders_outbox ON round_reminders (outbox_id);

-- Each reminder slot of a round is handled once: sent (to the councils that had not responded) or skipped
-- because its day passed while the worker was not running.
CREATE TABLE round_reminder_slots (
    round_id     BIGINT NOT NULL REFERENCES rounds (id),
    slot         BIGINT NOT NULL,
    due_at       TEXT NOT NULL,
    outcome      TEXT NOT NULL CHECK (outcome IN ('sent', 'skipped')),
    recipients   BIGINT NOT NULL DEFAULT 0,
    detail       TEXT,
    processed_at TEXT NOT NULL,
    PRIMARY KEY (round_id, slot)
);
