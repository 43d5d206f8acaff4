-- 0007-exchange-surveys.sql: published survey figures and officers' further areas travel in bundles
-- SPDX-License-Identifier: GPL-3.0-or-later

-- 0005-surveys.sql added survey_aggregate and officer_area after the
-- exchange's triggers were written: their changes get versions too.
DROP TRIGGER sync_clock_on_update;
CREATE TRIGGER sync_clock_on_update AFTER INSERT ON audit_log
  WHEN new.action = 'update' AND bb_sync_local () AND new.table_name IN (
    'station', 'officer', 'district', 'partner', 'advisory_member', 'category', 'incident', 'problem',
    'problem_category', 'problem_incident', 'problem_partner', 'response', 'plan', 'plan_problem',
    'objective', 'indicator', 'plan_review', 'task', 'event_kind', 'event', 'event_attendee', 'concern',
    'questionnaire', 'question', 'survey', 'survey_response', 'survey_answer', 'document', 'geo_layer',
    'survey_aggregate', 'officer_area')
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

DROP TRIGGER sync_row_on_delete;
CREATE TRIGGER sync_row_on_delete AFTER INSERT ON audit_log
  WHEN new.action = 'delete' AND bb_sync_local () AND new.table_name IN (
    'station', 'officer', 'district', 'partner', 'advisory_member', 'category', 'incident', 'problem',
    'problem_category', 'problem_incident', 'problem_partner', 'response', 'plan', 'plan_problem',
    'objective', 'indicator', 'plan_review', 'task', 'event_kind', 'event', 'event_attendee', 'concern',
    'questionnaire', 'question', 'survey', 'survey_response', 'survey_answer', 'document', 'geo_layer',
    'survey_aggregate', 'officer_area')
BEGIN
  INSERT INTO sync_row (tbl, row_id, at, station, alive, known_at)
    VALUES (new.table_name, new.row_id, bb_sync_tick (), bb_sync_station (), 0,
            (SELECT max (at) FROM sync_clock WHERE tbl = new.table_name AND row_id = new.row_id))
  ON CONFLICT (tbl, row_id) DO UPDATE SET
    at = excluded.at, station = excluded.station, alive = 0, known_at = excluded.known_at;
  DELETE FROM sync_clock WHERE tbl = new.table_name AND row_id = new.row_id;
END;
