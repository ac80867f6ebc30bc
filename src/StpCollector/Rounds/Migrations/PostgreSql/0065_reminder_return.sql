-- PostgreSQL form of ../0065_reminder_return.sql (same version, same tables): the dialect rules are in Storage/Migrations/PostgreSql/0001_reference.sql.
-- A reminder can chase a partial return (Rounds:RemindPartial): return_id is the current return it asked the council to
-- complete, NULL when the council had none. A reminder is withdrawn only when a return newer than that one arrives.
ALTER TABLE round_reminders ADD COLUMN return_id BIGINT REFERENCES returns (id);
