-- PostgreSQL form of ../0060_bank_holiday_removals.sql (same version, same tables): the dialect rules are in Storage/Migrations/PostgreSql/0001_reference.sql.
-- Bank holidays removed by `holidays import --replace-year` (e.g. a holiday moved by proclamation).
-- The seed loader upserts seeds/bank-holidays.csv whenever a seed file changes; without this table it would
-- bring a removed date back and silently undo the correction. Importing the date again lifts the removal.
CREATE TABLE bank_holiday_removals (
    date         TEXT NOT NULL,
    jurisdiction TEXT NOT NULL,
    removed_at   TEXT NOT NULL,
    PRIMARY KEY (date, jurisdiction)
);

CREATE FUNCTION bank_holidays_keep_removals() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.source = 'seed'
       AND EXISTS (SELECT 1 FROM bank_holiday_removals r WHERE r.date = NEW.date AND r.jurisdiction = NEW.jurisdiction) THEN
        RETURN NULL;  -- as SQLite's RAISE(IGNORE): the row is skipped, the statement goes on
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER bank_holidays_keep_removals
BEFORE INSERT ON bank_holidays
FOR EACH ROW EXECUTE FUNCTION bank_holidays_keep_removals();
