-- PostgreSQL form of ../0063_returns_dated_at.sql (same version, same tables): the dialect rules are in Storage/Migrations/PostgreSql/0001_reference.sql.
-- Received time is when a return reached StpCollector (the mailbox's INTERNALDATE, or the first reading of a file);
-- the sender's Date: header is kept beside it as dated_at, shown to staff as "dated (sender's clock)".
ALTER TABLE returns ADD COLUMN dated_at TEXT;

-- Returns stored before this took received_at from the Date: header (or, for a file assigned from the holding pen,
-- the moment of assigning). The inbound record has always kept both times: put them right, and lateness with them.
UPDATE returns
SET dated_at    = (SELECT m.sent_at FROM inbound_messages m WHERE m.id = returns.inbound_id),
    received_at = (SELECT m.received_at FROM inbound_messages m WHERE m.id = returns.inbound_id)
WHERE inbound_id IS NOT NULL;

UPDATE returns
SET late = CASE WHEN received_at > (SELECT r.closes_at FROM rounds r WHERE r.id = returns.round_id) THEN 1 ELSE 0 END
WHERE inbound_id IS NOT NULL;
