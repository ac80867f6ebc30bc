-- PostgreSQL form of ../0096_contacts_active_version.sql (same version, same tables): the dialect rules are in Storage/Migrations/PostgreSql/0001_reference.sql.
-- A contact staff deactivate stays on the list but gets no further invitations, reminders or FoI requests (active = 0);
-- staff reactivate it the same way. version guards two officers editing the same contact at once: an edit names the
-- version it saw and is refused when a colleague's change came first.
ALTER TABLE contacts ADD COLUMN active BIGINT NOT NULL DEFAULT 1;
ALTER TABLE contacts ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
