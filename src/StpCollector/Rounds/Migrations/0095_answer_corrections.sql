-- Staff corrections of a return's answers. What the council sent stays in answers untouched; each correction is a new
-- row, and the answer's latest correction (highest version) is the value reports and exports use. version also guards
-- two officers correcting the same answer at once: each correction names the version it saw, and the unique key
-- refuses a second correction made from the same one.
CREATE TABLE answer_corrections (
    id             INTEGER PRIMARY KEY,
    return_id      INTEGER NOT NULL REFERENCES returns (id),
    question_id    TEXT NOT NULL,
    version        INTEGER NOT NULL,
    original_value TEXT,                     -- the answer as it stood before this correction (the council's, or an earlier correction)
    raw_value      TEXT NOT NULL,            -- as the officer typed it
    value          TEXT,                     -- normalised as an import normalises it
    number_value   REAL,
    comment        TEXT,
    reason         TEXT NOT NULL,
    corrected_by   TEXT NOT NULL,
    corrected_at   TEXT NOT NULL,
    UNIQUE (return_id, question_id, version)
);
