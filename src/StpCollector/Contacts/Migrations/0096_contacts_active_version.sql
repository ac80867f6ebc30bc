-- A contact staff deactivate stays on the list but gets no further invitations, reminders or FoI requests (active = 0);
-- staff reactivate it the same way. version guards two officers editing the same contact at once: an edit names the
-- version it saw and is refused when a colleague's change came first.
ALTER TABLE contacts ADD COLUMN active INTEGER NOT NULL DEFAULT 1;
ALTER TABLE contacts ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
