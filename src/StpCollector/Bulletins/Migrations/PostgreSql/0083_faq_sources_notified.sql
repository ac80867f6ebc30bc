-- PostgreSQL form of ../0083_faq_sources_notified.sql (same version, same tables): the dialect rules are in Storage/Migrations/PostgreSql/0001_reference.sql.
-- When `faq publish --notify` told the person behind this source that the entry is published, so a second --notify
-- (a re-publish, or a retry) does not tell them again.
ALTER TABLE faq_sources ADD COLUMN notified_at TEXT;
