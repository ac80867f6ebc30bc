-- The keys that protect the console's sign-in and form cookies. SQLite keeps them as files in the data dir (one
-- machine): this table stays empty there, and exists so both stores hold the same tables.
CREATE TABLE console_keys (
    name       TEXT PRIMARY KEY,   -- the key's file name as ASP.NET Core's key ring gives it: key-<guid>.xml
    xml        TEXT NOT NULL,
    stored_at  TEXT NOT NULL
) WITHOUT ROWID;
