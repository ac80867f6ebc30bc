-- PostgreSQL form of ../0102_shared_files.sql. Workers on several machines share no data dir, so what came in is kept
-- here, where every one of them reads it: the raw archive and FoI documents, by the path the SQLite layout would use.
CREATE TABLE shared_files (
    path      TEXT PRIMARY KEY,
    content   BYTEA NOT NULL,
    stored_at TEXT NOT NULL
);
