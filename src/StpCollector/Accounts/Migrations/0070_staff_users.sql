-- Staff who sign in to the console. Passwords are stored only as ASP.NET Core password-hasher hashes; the security
-- stamp changes whenever a password is reset or an account disabled, which signs out every session it had.

CREATE TABLE staff_users (
    id                    INTEGER PRIMARY KEY,
    email                 TEXT NOT NULL UNIQUE COLLATE NOCASE,
    display_name          TEXT NOT NULL DEFAULT '',
    role                  TEXT NOT NULL CHECK (role IN ('viewer', 'officer', 'approver', 'admin')),
    password_hash         TEXT NOT NULL,
    must_change_password  INTEGER NOT NULL DEFAULT 1,
    security_stamp        TEXT NOT NULL,
    failed_sign_ins       INTEGER NOT NULL DEFAULT 0,
    locked_until          TEXT,
    disabled_at           TEXT,
    last_sign_in_at       TEXT,
    created_at            TEXT NOT NULL,
    updated_at            TEXT NOT NULL
);
