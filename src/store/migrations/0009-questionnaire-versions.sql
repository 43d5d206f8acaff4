-- 0009-questionnaire-versions.sql: the link between a questionnaire and the version it was made from travels in bundles
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
