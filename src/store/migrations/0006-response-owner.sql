-- 0004-response-owner.sql: a response agreed with the partners has an owner and the days it runs
-- SPDX-License-Identifier: GPL-3.0-or-later

-- The owner is an officer or a partner (at most one of them); the period is
-- two days of the station's calendar.  That the period ends after it starts
-- is checked by the program, as ALTER TABLE cannot add a table constraint.
ALTER TABLE response ADD COLUMN owner_officer_id TEXT REFERENCES officer (id) ON DELETE SET NULL;
ALTER TABLE response ADD COLUMN owner_partner_id TEXT REFERENCES partner (id) ON DELETE SET NULL;
ALTER TABLE response ADD COLUMN start_date TEXT
  CHECK (start_date IS NULL OR date(start_date) = start_date);
ALTER TABLE response ADD COLUMN end_date TEXT
  CHECK (end_date IS NULL OR date(end_date) = end_date);

-- The audit log names the new columns when they change.
DROP TRIGGER audit_response_update;
CREATE TRIGGER audit_response_update AFTER UPDATE ON response BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id, detail)
    VALUES (bb_now_us (), bb_audit_user (), 'update', 'response', new.id,
      ltrim (iif (old.id IS NOT new.id, ' id', '')
      || iif (old.station_id IS NOT new.station_id, ' station_id', '')
      || iif (old.problem_id IS NOT new.problem_id, ' problem_id', '')
      || iif (old.title IS NOT new.title, ' title', '')
      || iif (old.description IS NOT new.description, ' description', '')
      || iif (old.agreed IS NOT new.agreed, ' agreed', '')
      || iif (old.owner_officer_id IS NOT new.owner_officer_id, ' owner_officer_id', '')
      || iif (old.owner_partner_id IS NOT new.owner_partner_id, ' owner_partner_id', '')
      || iif (old.start_date IS NOT new.start_date, ' start_date', '')
      || iif (old.end_date IS NOT new.end_date, ' end_date', '')));
END;
