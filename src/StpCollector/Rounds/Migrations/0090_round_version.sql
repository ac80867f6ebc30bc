-- Staff change a round from the console (its deadline, cancelling it): each change counts up the version, so two
-- officers changing the same round at once cannot overwrite each other unseen. The worker's own status changes
-- (opening, closing) leave it alone.
ALTER TABLE rounds ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
