-- PostgreSQL form of ../0082_feedback_faq.sql (same version, same tables): the dialect rules are in Storage/Migrations/PostgreSql/0001_reference.sql.
-- The FAQ entry a piece of feedback quotes (its question is in the reply's text), so the entry can say how many raised it.
ALTER TABLE feedback ADD COLUMN faq_id BIGINT REFERENCES faq_entries (id) ON DELETE SET NULL;

CREATE INDEX ix_feedback_faq ON feedback (faq_id);
