-- PostgreSQL form of ../0066_sweep_runs.sql (same version, same tables): the dialect rules are in Storage/Migrations/PostgreSql/0001_reference.sql.
-- The last run of each sweep, for `stpcollector status`: when it ran, what it said, and its last failure
-- (kept after later successes, so "when did it last go wrong" survives). One row per sweep, overwritten.
CREATE TABLE sweep_runs (
    sweep            TEXT PRIMARY KEY,
    last_run_at      TEXT NOT NULL,
    last_succeeded   BIGINT NOT NULL,
    last_summary     TEXT NOT NULL,
    last_error       TEXT,
    last_error_at    TEXT
);
