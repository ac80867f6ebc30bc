-- The bulletin's "frequently asked issues and questions": entries drafted from members' feedback (faq draft) or
-- imported from config/bulletins/faq/*.md (source_file; re-imported when the file's hash changes). Published entries
-- appear in the bulletin by position.

CREATE TABLE faq_entries (
    id            INTEGER PRIMARY KEY,
    slug          TEXT NOT NULL UNIQUE,      -- the anchor in the bulletin (faq-SLUG)
    question      TEXT NOT NULL,
    body_markdown TEXT NOT NULL,             -- Markdown with the editorial's Liquid placeholders
    status        TEXT NOT NULL CHECK (status IN ('draft', 'published', 'retired')),
    position      INTEGER NOT NULL,          -- order in the bulletin, smallest first
    source_file   TEXT UNIQUE,               -- the file under config/bulletins/faq/ it was imported from, if any
    source_hash   TEXT,                      -- SHA-256 of that file when it was last imported
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    published_at  TEXT,
    retired_at    TEXT
);

CREATE INDEX ix_faq_entries_status ON faq_entries (status, position);

-- The feedback an entry was drafted from.
CREATE TABLE faq_sources (
    faq_id      INTEGER NOT NULL REFERENCES faq_entries (id) ON DELETE CASCADE,
    feedback_id INTEGER NOT NULL REFERENCES feedback (id),
    PRIMARY KEY (faq_id, feedback_id)
) WITHOUT ROWID;

CREATE INDEX ix_faq_sources_feedback ON faq_sources (feedback_id);
