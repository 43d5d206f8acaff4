-- 0009-questionnaire-versions.sql: a questionnaire's link to the version it was made from, and a round's weighting, travel in bundles
-- SPDX-License-Identifier: GPL-3.0-or-later

-- Until now the link lived in the station's meta table
-- ("questionnaire_previous:<version>" → the version before), which stays
-- home: headquarters saw two unrelated questionnaires and could not
-- compare their rounds.  A column of the questionnaire travels with it.
ALTER TABLE questionnaire ADD COLUMN previous_id TEXT REFERENCES questionnaire (id) ON DELETE SET NULL;
CREATE INDEX questionnaire_by_previous ON questionnaire (previous_id);

DROP TRIGGER audit_questionnaire_update;
CREATE TRIGGER audit_questionnaire_update AFTER UPDATE ON questionnaire BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id, detail)
    VALUES (bb_now_us (), bb_audit_user (), 'update', 'questionnaire', new.id,
      ltrim (iif (old.id IS NOT new.id, ' id', '')
      || iif (old.station_id IS NOT new.station_id, ' station_id', '')
      || iif (old.title IS NOT new.title, ' title', '')
      || iif (old.previous_id IS NOT new.previous_id, ' previous_id', '')));
END;

-- The links made before move over (as changes, so that the next bundle
-- carries them); a link to a version no longer there is dropped.
UPDATE questionnaire SET previous_id = (
    SELECT m.value FROM meta AS m JOIN questionnaire AS p ON p.id = m.value
    WHERE m.key = 'questionnaire_previous:' || questionnaire.id AND m.value IS NOT questionnaire.id)
  WHERE EXISTS (SELECT 1 FROM meta WHERE key = 'questionnaire_previous:' || questionnaire.id);
DELETE FROM meta WHERE key LIKE 'questionnaire\_previous:%' ESCAPE '\';

-- How a round's shares are weighted (bb-store-survey-weighting.c): NULL,
-- to the districts' populations where every response can be; or a JSON
-- object {"by": "none"} or {"by": "answer", "question": code, "shares":
-- {answer: share of the population, …}}.  A round's weighting travels
-- with it, so that headquarters prints the shares the station printed.
ALTER TABLE survey ADD COLUMN weighting TEXT CHECK (weighting IS NULL OR json_valid (weighting));

DROP TRIGGER audit_survey_update;
CREATE TRIGGER audit_survey_update AFTER UPDATE ON survey BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id, detail)
    VALUES (bb_now_us (), bb_audit_user (), 'update', 'survey', new.id,
      ltrim (iif (old.id IS NOT new.id, ' id', '')
      || iif (old.station_id IS NOT new.station_id, ' station_id', '')
      || iif (old.questionnaire_id IS NOT new.questionnaire_id, ' questionnaire_id', '')
      || iif (old.title IS NOT new.title, ' title', '')
      || iif (old.period_start IS NOT new.period_start, ' period_start', '')
      || iif (old.period_end IS NOT new.period_end, ' period_end', '')
      || iif (old.district_id IS NOT new.district_id, ' district_id', '')
      || iif (old.weighting IS NOT new.weighting, ' weighting', '')));
END;
