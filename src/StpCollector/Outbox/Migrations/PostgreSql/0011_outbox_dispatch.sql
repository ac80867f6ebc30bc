-- PostgreSQL form of ../0011_outbox_dispatch.sql (same version, same tables): the dialect rules are in Storage/Migrations/PostgreSql/0001_reference.sql.
-- The dispatcher marks a row 'sending' (committed) before it talks to the server and 'sent' right after the 250.
-- A row still 'sending' when the next dispatcher starts was cut off by a crash: it is sent again with the same
-- Message-ID, and interrupted_at records that the recipient may have it twice.
ALTER TABLE outbox ADD COLUMN interrupted_at TEXT;


-- A message that is pointless after a moment (a reminder after its round's close) is not sent after expires_at:
-- the dispatcher marks it cancelled instead.
ALTER TABLE outbox ADD COLUMN expires_at TEXT;
