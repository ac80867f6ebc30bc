-- The themes a piece of feedback touches: the themes of Reports:Themes whose keywords its words use (tagged_by
-- 'auto', when it is recorded) and those staff add with `feedback tag` ('staff').

CREATE TABLE feedback_themes (
    feedback_id INTEGER NOT NULL REFERENCES feedback (id) ON DELETE CASCADE,
    theme       TEXT NOT NULL,                -- a key of Reports:Themes (kept if the theme is later removed from the settings)
    tagged_by   TEXT NOT NULL CHECK (tagged_by IN ('auto', 'staff')),
    tagged_at   TEXT NOT NULL,
    PRIMARY KEY (feedback_id, theme)
) WITHOUT ROWID;

CREATE INDEX ix_feedback_themes_theme ON feedback_themes (theme, feedback_id);
