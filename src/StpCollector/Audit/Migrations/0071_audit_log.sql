-- Every change staff make, from the console or the command line: who, what, which record, before and after where it
-- matters, and when. Rows are only ever added.

CREATE TABLE audit_log (
    id           INTEGER PRIMARY KEY,
    at           TEXT NOT NULL,
    actor        TEXT NOT NULL,             -- the console user's email, or "cli:<OS user>", or "public" for a subscriber's link
    channel      TEXT NOT NULL CHECK (channel IN ('console', 'cli', 'public')),
    action       TEXT NOT NULL,             -- e.g. "round create", "sign-in", "users disable"
    record_type  TEXT NOT NULL DEFAULT '',
    record_id    TEXT NOT NULL DEFAULT '',
    before_value TEXT,
    after_value  TEXT,
    detail       TEXT NOT NULL DEFAULT ''
);

CREATE INDEX ix_audit_log_at ON audit_log (at);
