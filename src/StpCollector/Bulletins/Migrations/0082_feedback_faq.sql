-- The FAQ entry a piece of feedback quotes (its question is in the reply's text), so the entry can say how many raised it.
ALTER TABLE feedback ADD COLUMN faq_id INTEGER REFERENCES faq_entries (id) ON DELETE SET NULL;

CREATE INDEX ix_feedback_faq ON feedback (faq_id);
