-- PostgreSQL form of ../0090_round_version.sql (same version, same tables): the dialect rules are in Storage/Migrations/PostgreSql/0001_reference.sql.
-- Staff change a round from the console (its deadline, cancelling it): each change counts up the version, so two
-- officers changing the same round at once cannot overwrite each other unseen. The worker's own status changes
-- (opening, closing) leave it alone.
ALTER TABLE rounds ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
