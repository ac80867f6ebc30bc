-- PostgreSQL form of ../0086_outbox_wire_size.sql (same version, same tables): the dialect rules are in Storage/Migrations/PostgreSql/0001_reference.sql.
-- A message queued from now on is prepared for transport when it is queued (each part's Content-Transfer-Encoding
-- chosen for a server with 8BITMIME, long lines encoded), so the dispatcher sends the stored MIME as it is and needs
-- neither to prepare it nor to measure it for SIZE again: wire_size is its length with CRLF line ends.
-- NULL for rows queued before: those are prepared and measured as they are sent, as they always were.
ALTER TABLE outbox ADD COLUMN wire_size BIGINT;
