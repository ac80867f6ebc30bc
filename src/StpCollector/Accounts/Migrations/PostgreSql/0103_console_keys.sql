-- PostgreSQL form of ../0103_console_keys.sql. Workers on several machines each serve the console; with the key ring
-- here, a sign-in made on one is good on every other (no sticky sessions needed behind a load balancer).
CREATE TABLE console_keys (
    name       TEXT PRIMARY KEY,
    xml        TEXT NOT NULL,
    stored_at  TEXT NOT NULL
);
