-- Reference data (seeds/), contacts and small key-value state shared by every feature.
CREATE TABLE app_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE footprints (
    id       TEXT PRIMARY KEY,
    ons_code TEXT,
    name     TEXT NOT NULL,
    region   TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE councils (
    code   TEXT PRIMARY KEY,
    name   TEXT NOT NULL,
    type   TEXT NOT NULL,
    region TEXT NOT NULL
) WITHOUT ROWID;

CREATE INDEX ix_councils_region ON councils (region);

CREATE TABLE council_footprints (
    council_code TEXT NOT NULL REFERENCES councils (code),
    footprint_id TEXT NOT NULL REFERENCES footprints (id),
    PRIMARY KEY (council_code, footprint_id)
) WITHOUT ROWID;

CREATE INDEX ix_council_footprints_footprint ON council_footprints (footprint_id, council_code);

CREATE TABLE bank_holidays (
    date         TEXT NOT NULL,
    jurisdiction TEXT NOT NULL CHECK (jurisdiction IN ('england-and-wales', 'scotland', 'northern-ireland')),
    name         TEXT NOT NULL,
    source       TEXT NOT NULL DEFAULT 'seed',
    PRIMARY KEY (date, jurisdiction)
) WITHOUT ROWID;

CREATE TABLE contacts (
    id           INTEGER PRIMARY KEY,
    council_code TEXT NOT NULL REFERENCES councils (code),
    name         TEXT NOT NULL,
    email        TEXT NOT NULL COLLATE NOCASE,
    role         TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    UNIQUE (council_code, email, role)
);

CREATE INDEX ix_contacts_email ON contacts (email);
CREATE INDEX ix_contacts_role ON contacts (council_code, role);
