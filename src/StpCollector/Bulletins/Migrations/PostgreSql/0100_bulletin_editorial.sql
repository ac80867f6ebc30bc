-- PostgreSQL form of ../0100_bulletin_editorial.sql (same version, same tables): the dialect rules are in Storage/Migrations/PostgreSql/0001_reference.sql.
-- The editorial staff write in the console for the coming bulletins (intro and quick links: Markdown with Liquid
-- placeholders). At most one row; while there is none, config/bulletins/intro.md and quick-links.md are the editorial.
-- version makes two people saving at once a conflict instead of a lost edit.

CREATE TABLE bulletin_editorial (
    id          BIGINT PRIMARY KEY CHECK (id = 1),
    intro       TEXT NOT NULL,
    quick_links TEXT NOT NULL DEFAULT '',
    version     BIGINT NOT NULL DEFAULT 1,
    changed_by  TEXT NOT NULL,
    changed_at  TEXT NOT NULL
);

-- Who last changed a bulletin's content (four eyes: that person may not approve it), and when.
ALTER TABLE bulletins ADD COLUMN changed_by TEXT;
ALTER TABLE bulletins ADD COLUMN changed_at TEXT;
