-- 0004-exchange.sql: what a station keeps to exchange its work with other stations as bundles
-- SPDX-License-Identifier: GPL-3.0-or-later

-- Merging is "latest change wins per field".  A field's version is when
-- and where it was last changed: (at, station), compared in that order.
-- A field never changed since its record was created has the record's
-- version, (created_at, station_id); only later changes are written here.
-- prev_at/prev_station name the version of another station that the change
-- was made over (NULL: the record as created), so that an import can tell
-- an edit made on top of the other side's from one made beside it.
CREATE TABLE sync_clock (
  tbl          TEXT NOT NULL,
  row_id       TEXT NOT NULL,
  col          TEXT NOT NULL,
  at           INTEGER NOT NULL,
  station      TEXT NOT NULL,
  prev_at      INTEGER,
  prev_station TEXT,
  PRIMARY KEY (tbl, row_id, col)
) WITHOUT ROWID;

-- The latest time a record was deleted (alive 0: a tombstone) or brought
-- back (alive 1); for records without created_at (links, answers, kinds of
-- events) also when they were created.  A deleted record stays deleted
-- unless one of its fields was changed after the deletion.  known_at is
-- the newest field change the deleting station had seen.
CREATE TABLE sync_row (
  tbl          TEXT NOT NULL,
  row_id       TEXT NOT NULL,
  at           INTEGER NOT NULL,
  station      TEXT NOT NULL,
  alive        INTEGER NOT NULL CHECK (alive IN (0, 1)),
  known_at     INTEGER,
  PRIMARY KEY (tbl, row_id)
) WITHOUT ROWID;

-- Records another station created separately that are the same as one of
-- this station's by their code (a category "theft.bicycle", an incident's
-- number in its source): their id there, and the id here.
CREATE TABLE sync_alias (
  tbl          TEXT NOT NULL,
  remote_id    TEXT NOT NULL,
  local_id     TEXT NOT NULL,
  PRIMARY KEY (tbl, remote_id)
) WITHOUT ROWID;

-- The stations this one exchanged bundles with.  Marks are positions in
-- this station's audit log: a bundle carries the changes after one mark up
-- to another.
CREATE TABLE sync_peer (
  station_id       TEXT PRIMARY KEY,
  name             TEXT NOT NULL DEFAULT '',
  headquarters     INTEGER NOT NULL DEFAULT 0 CHECK (headquarters IN (0, 1)),
  sent_seq         INTEGER NOT NULL DEFAULT 0,  -- bundles written for it
  sent_mark        INTEGER NOT NULL DEFAULT 0,  -- our changes up to here went to it
  acked_mark       INTEGER NOT NULL DEFAULT 0,  -- …and it says it has them
  received_mark    INTEGER NOT NULL DEFAULT 0,  -- its changes up to here are applied, none missing
  last_sent_at     INTEGER,
  last_received_at INTEGER
) WITHOUT ROWID;

CREATE TABLE sync_sent (
  bundle_id   TEXT PRIMARY KEY,
  peer_id     TEXT,                 -- NULL: written for any station
  seq         INTEGER NOT NULL,
  since_mark  INTEGER NOT NULL,
  until_mark  INTEGER NOT NULL,
  everything  INTEGER NOT NULL CHECK (everything IN (0, 1)),
  restricted  INTEGER NOT NULL CHECK (restricted IN (0, 1)),
  n_records   INTEGER NOT NULL,
  at          INTEGER NOT NULL,
  file_name   TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;

-- Bundles applied here; audit_first…audit_last are the lines of this
-- station's audit log their changes wrote (not sent back to their sender).
CREATE TABLE sync_received (
  bundle_id    TEXT PRIMARY KEY,
  from_station TEXT NOT NULL,
  seq          INTEGER NOT NULL,
  since_mark   INTEGER NOT NULL,
  until_mark   INTEGER NOT NULL,
  applied_at   INTEGER NOT NULL,
  audit_first  INTEGER NOT NULL,
  audit_last   INTEGER NOT NULL,
  file_name    TEXT NOT NULL DEFAULT '',
  summary      TEXT NOT NULL DEFAULT '{}' CHECK (json_valid (summary))
) WITHOUT ROWID;
CREATE INDEX sync_received_by_station ON sync_received (from_station, since_mark);

-- A change one side lost to the other, for the user to review and, if
-- need be, reverse.  Values are JSON; for a whole record (col NULL) an
-- object of its columns.
CREATE TABLE sync_conflict (
  id             TEXT PRIMARY KEY,
  bundle_id      TEXT NOT NULL,
  from_station   TEXT NOT NULL,
  tbl            TEXT NOT NULL,
  row_id         TEXT NOT NULL,
  col            TEXT,
  kind           TEXT NOT NULL CHECK (kind IN ('field', 'deleted_there', 'deleted_here', 'changed_after_delete',
                   'in_use')),
  local_value    TEXT,
  remote_value   TEXT,
  local_at       INTEGER,
  local_station  TEXT,
  remote_at      INTEGER,
  remote_station TEXT,
  remote_won     INTEGER NOT NULL CHECK (remote_won IN (0, 1)),
  label          TEXT NOT NULL DEFAULT '',
  detected_at    INTEGER NOT NULL,
  state          TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'accepted', 'reversed')),
  resolved_at    INTEGER
) WITHOUT ROWID;
CREATE UNIQUE INDEX sync_conflict_once ON sync_conflict
  (tbl, row_id, ifnull (col, ''), kind, ifnull (local_at, 0), ifnull (remote_at, 0), ifnull (remote_station, ''));
CREATE INDEX sync_conflict_by_state ON sync_conflict (state, detected_at);

-- The station's own changes keep the versions up to date.  The audit log
-- already names every change and, for an update, the columns it changed,
-- so the versions follow it.  While a bundle is applied (bb_sync_local ()
-- is 0) the import writes the versions itself.  bb_sync_tick () is the
-- station's clock: never behind a version it has seen.
CREATE TRIGGER sync_clock_on_update AFTER INSERT ON audit_log
  WHEN new.action = 'update' AND bb_sync_local () AND new.table_name IN (
    'station', 'officer', 'district', 'partner', 'advisory_member', 'category', 'incident', 'problem',
    'problem_category', 'problem_incident', 'problem_partner', 'response', 'plan', 'plan_problem',
    'objective', 'indicator', 'plan_review', 'task', 'event_kind', 'event', 'event_attendee', 'concern',
    'questionnaire', 'question', 'survey', 'survey_response', 'survey_answer', 'document', 'geo_layer')
BEGIN
  INSERT INTO sync_clock (tbl, row_id, col, at, station, prev_at, prev_station)
    SELECT new.table_name, new.row_id, j.value, bb_sync_tick (), bb_sync_station (),
           iif (c.station IS bb_sync_station (), c.prev_at, c.at),
           iif (c.station IS bb_sync_station (), c.prev_station, c.station)
    FROM json_each ('["' || replace (new.detail, ' ', '","') || '"]') AS j
    LEFT JOIN sync_clock AS c ON c.tbl = new.table_name AND c.row_id = new.row_id AND c.col = j.value
    WHERE j.value NOT IN ('', 'id', 'station_id', 'created_at', 'updated_at')
  ON CONFLICT (tbl, row_id, col) DO UPDATE SET
    at = excluded.at, station = excluded.station,
    prev_at = excluded.prev_at, prev_station = excluded.prev_station;
END;

CREATE TRIGGER sync_row_on_delete AFTER INSERT ON audit_log
  WHEN new.action = 'delete' AND bb_sync_local () AND new.table_name IN (
    'station', 'officer', 'district', 'partner', 'advisory_member', 'category', 'incident', 'problem',
    'problem_category', 'problem_incident', 'problem_partner', 'response', 'plan', 'plan_problem',
    'objective', 'indicator', 'plan_review', 'task', 'event_kind', 'event', 'event_attendee', 'concern',
    'questionnaire', 'question', 'survey', 'survey_response', 'survey_answer', 'document', 'geo_layer')
BEGIN
  INSERT INTO sync_row (tbl, row_id, at, station, alive, known_at)
    VALUES (new.table_name, new.row_id, bb_sync_tick (), bb_sync_station (), 0,
            (SELECT max (at) FROM sync_clock WHERE tbl = new.table_name AND row_id = new.row_id))
  ON CONFLICT (tbl, row_id) DO UPDATE SET
    at = excluded.at, station = excluded.station, alive = 0, known_at = excluded.known_at;
  DELETE FROM sync_clock WHERE tbl = new.table_name AND row_id = new.row_id;
END;

-- Records without created_at get their version when they are created (a
-- link made again after it was removed must win over the removal).
CREATE TRIGGER sync_row_on_create AFTER INSERT ON audit_log
  WHEN new.action = 'create' AND bb_sync_local () AND new.table_name IN (
    'problem_category', 'problem_incident', 'problem_partner', 'plan_problem', 'event_kind', 'survey_answer')
BEGIN
  INSERT INTO sync_row (tbl, row_id, at, station, alive)
    VALUES (new.table_name, new.row_id, bb_sync_tick (), bb_sync_station (), 1)
  ON CONFLICT (tbl, row_id) DO UPDATE SET
    at = excluded.at, station = excluded.station, alive = 1, known_at = NULL;
END;
