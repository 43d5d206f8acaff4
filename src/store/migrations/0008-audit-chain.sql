-- 0008-audit-chain.sql: every line of the audit log carries a seal chained to the line before it
-- SPDX-License-Identifier: GPL-3.0-or-later

-- hash is SHA-256 over the previous line's hash and this line's fields
-- (bb-store-audit-chain.c says exactly how).  It is not written by a
-- trigger, row by row: bb_store_commit seals the transaction's new lines
-- in one statement just before COMMIT, so a million-incident import pays
-- one pass.  The transaction that runs this migration seals the lines
-- that exist already, in order, the same way.  A line edited, removed or
-- added outside Beatbook breaks the chain at that line.
ALTER TABLE audit_log ADD COLUMN hash BLOB;

-- The log still refuses changes, except its seal, written once.
DROP TRIGGER audit_log_no_update;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OF seq, at, user_name, action, table_name, row_id, detail
  ON audit_log
BEGIN
  SELECT RAISE (ABORT, 'the audit log cannot be changed');
END;
CREATE TRIGGER audit_log_seal_once BEFORE UPDATE OF hash ON audit_log
  WHEN old.hash IS NOT NULL OR new.hash IS NULL
BEGIN
  SELECT RAISE (ABORT, 'the audit log cannot be changed');
END;
