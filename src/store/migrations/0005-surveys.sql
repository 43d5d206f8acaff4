-- 0005-surveys.sql: what resident surveys and the directory need beyond the first schema
-- SPDX-License-Identifier: GPL-3.0-or-later

-- Whether "yes" or a high answer is good news (+1: satisfied, safe) or bad
-- news (−1: a big problem, a victim), and whether the question is one of
-- the residents' concerns that results rank.
ALTER TABLE question ADD COLUMN polarity INTEGER NOT NULL DEFAULT 0 CHECK (polarity IN (-1, 0, 1));
ALTER TABLE question ADD COLUMN concern INTEGER NOT NULL DEFAULT 0 CHECK (concern IN (0, 1));

CREATE INDEX question_by_questionnaire ON question (questionnaire_id, sort_order);
CREATE INDEX survey_response_by_survey ON survey_response (survey_id, district_id);
CREATE INDEX survey_answer_by_question ON survey_answer (question_id);

-- Published survey figures in long form (date; area; measure; proportion),
-- as city survey programmes publish them.
CREATE TABLE survey_aggregate (
  id          TEXT PRIMARY KEY,
  station_id  TEXT NOT NULL,
  source      TEXT NOT NULL DEFAULT '',
  period      TEXT NOT NULL CHECK (date(period) = period),
  area        TEXT NOT NULL CHECK (length(trim(area)) > 0),
  district_id TEXT REFERENCES district (id) ON DELETE SET NULL,
  measure     TEXT NOT NULL CHECK (length(trim(measure)) > 0),
  proportion  REAL NOT NULL CHECK (proportion BETWEEN 0 AND 1),
  respondents INTEGER CHECK (respondents IS NULL OR respondents >= 0),
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL,
  UNIQUE (source, period, area, measure)
);

-- "Joint ownership": districts or target groups an officer takes on beside
-- the district they serve.
CREATE TABLE officer_area (
  id           TEXT PRIMARY KEY,
  station_id   TEXT NOT NULL,
  officer_id   TEXT NOT NULL REFERENCES officer (id) ON DELETE CASCADE,
  district_id  TEXT REFERENCES district (id) ON DELETE CASCADE,
  target_group TEXT CHECK (target_group IS NULL OR length(trim(target_group)) > 0),
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,
  CHECK ((district_id IS NULL) <> (target_group IS NULL))
);
CREATE INDEX officer_area_by_officer ON officer_area (officer_id);

-- The audit log, as 0002-audit.sql writes it for every table.
DROP TRIGGER audit_question_update;
CREATE TRIGGER audit_question_update AFTER UPDATE ON question BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id, detail)
    VALUES (bb_now_us (), bb_audit_user (), 'update', 'question', new.id,
      ltrim (iif (old.id IS NOT new.id, ' id', '')
      || iif (old.station_id IS NOT new.station_id, ' station_id', '')
      || iif (old.questionnaire_id IS NOT new.questionnaire_id, ' questionnaire_id', '')
      || iif (old.block IS NOT new.block, ' block', '')
      || iif (old.code IS NOT new.code, ' code', '')
      || iif (old.text IS NOT new.text, ' text', '')
      || iif (old.scale IS NOT new.scale, ' scale', '')
      || iif (old.options IS NOT new.options, ' options', '')
      || iif (old.sort_order IS NOT new.sort_order, ' sort_order', '')
      || iif (old.polarity IS NOT new.polarity, ' polarity', '')
      || iif (old.concern IS NOT new.concern, ' concern', '')));
END;

CREATE TRIGGER audit_survey_aggregate_insert AFTER INSERT ON survey_aggregate BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id)
    VALUES (bb_now_us (), bb_audit_user (), 'create', 'survey_aggregate', new.id);
END;
CREATE TRIGGER audit_survey_aggregate_update AFTER UPDATE ON survey_aggregate BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id, detail)
    VALUES (bb_now_us (), bb_audit_user (), 'update', 'survey_aggregate', new.id,
      ltrim (iif (old.source IS NOT new.source, ' source', '')
      || iif (old.period IS NOT new.period, ' period', '')
      || iif (old.area IS NOT new.area, ' area', '')
      || iif (old.district_id IS NOT new.district_id, ' district_id', '')
      || iif (old.measure IS NOT new.measure, ' measure', '')
      || iif (old.proportion IS NOT new.proportion, ' proportion', '')
      || iif (old.respondents IS NOT new.respondents, ' respondents', '')));
END;
CREATE TRIGGER audit_survey_aggregate_delete AFTER DELETE ON survey_aggregate BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id)
    VALUES (bb_now_us (), bb_audit_user (), 'delete', 'survey_aggregate', old.id);
END;

CREATE TRIGGER audit_officer_area_insert AFTER INSERT ON officer_area BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id)
    VALUES (bb_now_us (), bb_audit_user (), 'create', 'officer_area', new.id);
END;
CREATE TRIGGER audit_officer_area_update AFTER UPDATE ON officer_area BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id, detail)
    VALUES (bb_now_us (), bb_audit_user (), 'update', 'officer_area', new.id,
      ltrim (iif (old.officer_id IS NOT new.officer_id, ' officer_id', '')
      || iif (old.district_id IS NOT new.district_id, ' district_id', '')
      || iif (old.target_group IS NOT new.target_group, ' target_group', '')));
END;
CREATE TRIGGER audit_officer_area_delete AFTER DELETE ON officer_area BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id)
    VALUES (bb_now_us (), bb_audit_user (), 'delete', 'officer_area', old.id);
END;
