-- 0010-check-lists.sql: the incident and audit log checks of a value against a list of names, written as comparisons
-- SPDX-License-Identifier: GPL-3.0-or-later

-- SQLite checks "x IN ('a', 'b', 'c')" in a CHECK constraint by building a
-- small temporary index of the names again for every row written; for a
-- million imported incidents and their million audit lines that was more
-- processor time than storing the rows.  "x = 'a' OR x = 'b' OR …" accepts
-- and refuses exactly the same values (NULL included: NOT NULL refuses it
-- first) and costs a few comparisons.
--
-- A CHECK constraint is part of the table's text in sqlite_schema; the
-- rows on disk do not depend on it, and every row there satisfies the new
-- one as it satisfied the old, so the text is changed in place, the way
-- SQLite's documentation describes for such changes ("Making Other Kinds
-- Of Table Schema Changes"), rather than copying the tables.  RESET makes
-- this connection read the schema again; the next migration's changes to
-- the schema tell every other connection to.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
  SET sql = replace (replace (sql,
    'CHECK (source IN (''patrol'', ''resident'', ''complaint_box'',
                   ''hotline'', ''survey'', ''school'', ''partner'', ''meeting'', ''import''))',
    'CHECK (source = ''patrol'' OR source = ''resident'' OR source = ''complaint_box''
                   OR source = ''hotline'' OR source = ''survey'' OR source = ''school''
                   OR source = ''partner'' OR source = ''meeting'' OR source = ''import'')'),
    'CHECK (status IN (''open'', ''cleared'', ''referred''))',
    'CHECK (status = ''open'' OR status = ''cleared'' OR status = ''referred'')')
  WHERE type = 'table' AND name = 'incident';
UPDATE sqlite_schema
  SET sql = replace (sql,
    'CHECK (action IN (''create'', ''update'', ''delete'', ''export'', ''disclose''))',
    'CHECK (action = ''create'' OR action = ''update'' OR action = ''delete'' OR action = ''export''
                    OR action = ''disclose'')')
  WHERE type = 'table' AND name = 'audit_log';
PRAGMA writable_schema = RESET;
