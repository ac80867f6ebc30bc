-- PostgreSQL form of ../0064_answer_comments.sql (same version, same tables): the dialect rules are in Storage/Migrations/PostgreSql/0001_reference.sql.
-- What a council wrote beside its answer ("Partly – social care not fully costed": the value is partly, this is the
-- rest), or in a spreadsheet's comment column. Shown in exports (Qn_note), receipts and views of a return.
ALTER TABLE answers ADD COLUMN comment TEXT;
