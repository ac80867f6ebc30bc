-- Long work staff start from the console (a large contacts file, say), run in the background so the page can show its
-- progress and survive a reload. The row is the job's whole state: a restart finds it here.

CREATE TABLE background_jobs (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL,             -- which handler runs it, e.g. "contacts import"
    title        TEXT NOT NULL,             -- what staff read, e.g. "Import contacts from leads.csv"
    started_by   TEXT NOT NULL,             -- the console user's email
    input        TEXT NOT NULL DEFAULT '',  -- the handler's own arguments (JSON)
    state        TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed', 'interrupted')),
    done         INTEGER NOT NULL DEFAULT 0,
    total        INTEGER NOT NULL DEFAULT 0,
    stage        TEXT,                      -- what it is doing now, e.g. "Checking rows"
    message      TEXT,                      -- the outcome, or why it failed, in plain words
    result_path  TEXT,                      -- a console page showing the result
    created_at   TEXT NOT NULL,
    started_at   TEXT,
    heartbeat_at TEXT,                      -- refreshed while it runs; a stale one means the process running it died
    finished_at  TEXT
);

CREATE INDEX ix_background_jobs_state ON background_jobs (state, id);
