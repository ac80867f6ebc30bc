-- PostgreSQL form of ../0062_foi_answers_checked.sql (same version, same tables): the dialect rules are in Storage/Migrations/PostgreSql/0001_reference.sql.
-- FoI answers are checked like survey answers (Ingestion/AnswerNormaliser): a valid answer has its normalised value
-- and number, an invalid one keeps the council's words and the reason. Each answer remembers the document it came from;
-- source is now csv, xlsx, email_body ("Q1: Yes" lines in the reply) or staff.
ALTER TABLE foi_answers ADD COLUMN status TEXT NOT NULL DEFAULT 'valid' CHECK (status IN ('valid', 'invalid', 'unchecked'));
ALTER TABLE foi_answers ADD COLUMN problem TEXT;
ALTER TABLE foi_answers ADD COLUMN note TEXT;
ALTER TABLE foi_answers ADD COLUMN document_id BIGINT REFERENCES foi_documents (id);

-- Answers recorded before they were checked hold the raw words as their value: keep the words, but leave them out of
-- reports until staff record them again with `foi code`.
UPDATE foi_answers
SET status = 'unchecked', value = NULL, number_value = NULL,
    problem = 'Recorded before FoI answers were checked; record it again with stpcollector foi code.';

CREATE INDEX ix_foi_answers_document ON foi_answers (document_id);

-- What reading a spreadsheet gave, or why it could not be read; empty for letters and PDFs.
ALTER TABLE foi_documents ADD COLUMN note TEXT;
CREATE INDEX ix_foi_documents_request ON foi_documents (request_id);
