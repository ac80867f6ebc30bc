-- Files every worker must be able to read (the raw archive of what came in, FoI documents). SQLite keeps them as files
-- in the data dir, its one machine: this table stays empty there, and exists so both stores hold the same tables.
CREATE TABLE shared_files (
    path      TEXT PRIMARY KEY,   -- relative to the data dir, as the SQLite layout would name it: archive/ab/<sha256>.eml
    content   BLOB NOT NULL,
    stored_at TEXT NOT NULL
) WITHOUT ROWID;
