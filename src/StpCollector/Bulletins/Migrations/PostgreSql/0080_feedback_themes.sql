-- PostgreSQL form of ../0080_feedback_themes.sql (same version, same tables): the dialect rules are in Storage/Migrations/PostgreSql/0001_reference.sql.
-- The themes a piece of feedback touches: the themes of Reports:Themes whose keywords its words use (tagged_by
-- 'auto', when it is recorded) and those staff add with `feedback tag` ('staff').

CREATE TABLE feedback_themes (
    feedback_id BIGINT NOT NULL REFERENCES feedback (id) ON DELETE CASCADE,
    theme       TEXT NOT NULL,                -- a key of Reports:Themes (kept if the theme is later removed from the settings)
    tagged_by   TEXT NOT NULL CHECK (tagged_by IN ('auto', 'staff')),
    tagged_at   TEXT NOT NULL,
    PRIMARY KEY (feedback_id, theme)
);

CREATE INDEX ix_feedback_themes_theme ON feedback_themes (theme, feedback_id);
