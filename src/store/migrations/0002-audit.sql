-- 0002-audit.sql: the audit log is written by the database itself.
-- Every create, update and delete on every table of the station's records
-- adds a line, whoever writes (the editors, an import, the demo station
-- writer).  bb_audit_user() and bb_now_us() are functions the program
-- registers on each connection: the station user set in the program and
-- the time in microseconds.  An update's detail lists the columns that
-- changed.  Tables without an id of their own (links) name the row by its
-- key columns joined with '/'.

CREATE INDEX audit_log_by_row ON audit_log (table_name, row_id);

-- station
CREATE TRIGGER audit_station_insert AFTER INSERT ON station BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id)
    VALUES (bb_now_us (), bb_audit_user (), 'create', 'station', new.id);
END;
CREATE TRIGGER audit_station_update AFTER UPDATE ON station BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id, detail)
    VALUES (bb_now_us (), bb_audit_user (), 'update', 'station', new.id,
      ltrim (iif (old.id IS NOT new.id, ' id', '')
      || iif (old.name IS NOT new.name, ' name', '')
      || iif (old.address IS NOT new.address, ' address', '')
      || iif (old.phone IS NOT new.phone, ' phone', '')
      || iif (old.email IS NOT new.email, ' email', '')
      || iif (old.website IS NOT new.website, ' website', '')
      || iif (old.logo IS NOT new.logo, ' logo', '')
      || iif (old.colour_primary IS NOT new.colour_primary, ' colour_primary', '')
      || iif (old.colour_accent IS NOT new.colour_accent, ' colour_accent', '')
      || iif (old.timezone IS NOT new.timezone, ' timezone', '')
      || iif (old.is_demo IS NOT new.is_demo, ' is_demo', '')
      || iif (old.center_lat IS NOT new.center_lat, ' center_lat', '')
      || iif (old.center_lon IS NOT new.center_lon, ' center_lon', '')));
END;
CREATE TRIGGER audit_station_delete AFTER DELETE ON station BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id)
    VALUES (bb_now_us (), bb_audit_user (), 'delete', 'station', old.id);
END;

-- officer
CREATE TRIGGER audit_officer_insert AFTER INSERT ON officer BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id)
    VALUES (bb_now_us (), bb_audit_user (), 'create', 'officer', new.id);
END;
CREATE TRIGGER audit_officer_update AFTER UPDATE ON officer BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id, detail)
    VALUES (bb_now_us (), bb_audit_user (), 'update', 'officer', new.id,
      ltrim (iif (old.id IS NOT new.id, ' id', '')
      || iif (old.station_id IS NOT new.station_id, ' station_id', '')
      || iif (old.name IS NOT new.name, ' name', '')
      || iif (old.rank IS NOT new.rank, ' rank', '')
      || iif (old.phone IS NOT new.phone, ' phone', '')
      || iif (old.email IS NOT new.email, ' email', '')
      || iif (old.photo IS NOT new.photo, ' photo', '')
      || iif (old.district_id IS NOT new.district_id, ' district_id', '')));
END;
CREATE TRIGGER audit_officer_delete AFTER DELETE ON officer BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id)
    VALUES (bb_now_us (), bb_audit_user (), 'delete', 'officer', old.id);
END;

-- district
CREATE TRIGGER audit_district_insert AFTER INSERT ON district BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id)
    VALUES (bb_now_us (), bb_audit_user (), 'create', 'district', new.id);
END;
CREATE TRIGGER audit_district_update AFTER UPDATE ON district BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id, detail)
    VALUES (bb_now_us (), bb_audit_user (), 'update', 'district', new.id,
      ltrim (iif (old.id IS NOT new.id, ' id', '')
      || iif (old.station_id IS NOT new.station_id, ' station_id', '')
      || iif (old.name IS NOT new.name, ' name', '')
      || iif (old.code IS NOT new.code, ' code', '')
      || iif (old.boundary IS NOT new.boundary, ' boundary', '')
      || iif (old.min_lon IS NOT new.min_lon, ' min_lon', '')
      || iif (old.min_lat IS NOT new.min_lat, ' min_lat', '')
      || iif (old.max_lon IS NOT new.max_lon, ' max_lon', '')
      || iif (old.max_lat IS NOT new.max_lat, ' max_lat', '')
      || iif (old.population IS NOT new.population, ' population', '')
      || iif (old.officer_id IS NOT new.officer_id, ' officer_id', '')));
END;
CREATE TRIGGER audit_district_delete AFTER DELETE ON district BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id)
    VALUES (bb_now_us (), bb_audit_user (), 'delete', 'district', old.id);
END;

-- partner
CREATE TRIGGER audit_partner_insert AFTER INSERT ON partner BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id)
    VALUES (bb_now_us (), bb_audit_user (), 'create', 'partner', new.id);
END;
CREATE TRIGGER audit_partner_update AFTER UPDATE ON partner BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id, detail)
    VALUES (bb_now_us (), bb_audit_user (), 'update', 'partner', new.id,
      ltrim (iif (old.id IS NOT new.id, ' id', '')
      || iif (old.station_id IS NOT new.station_id, ' station_id', '')
      || iif (old.name IS NOT new.name, ' name', '')
      || iif (old.kind IS NOT new.kind, ' kind', '')
      || iif (old.is_person IS NOT new.is_person, ' is_person', '')
      || iif (old.contact_name IS NOT new.contact_name, ' contact_name', '')
      || iif (old.phone IS NOT new.phone, ' phone', '')
      || iif (old.email IS NOT new.email, ' email', '')
      || iif (old.address IS NOT new.address, ' address', '')
      || iif (old.notes IS NOT new.notes, ' notes', '')
      || iif (old.district_id IS NOT new.district_id, ' district_id', '')));
END;
CREATE TRIGGER audit_partner_delete AFTER DELETE ON partner BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id)
    VALUES (bb_now_us (), bb_audit_user (), 'delete', 'partner', old.id);
END;

-- advisory_member
CREATE TRIGGER audit_advisory_member_insert AFTER INSERT ON advisory_member BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id)
    VALUES (bb_now_us (), bb_audit_user (), 'create', 'advisory_member', new.id);
END;
CREATE TRIGGER audit_advisory_member_update AFTER UPDATE ON advisory_member BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id, detail)
    VALUES (bb_now_us (), bb_audit_user (), 'update', 'advisory_member', new.id,
      ltrim (iif (old.id IS NOT new.id, ' id', '')
      || iif (old.station_id IS NOT new.station_id, ' station_id', '')
      || iif (old.district_id IS NOT new.district_id, ' district_id', '')
      || iif (old.partner_id IS NOT new.partner_id, ' partner_id', '')
      || iif (old.role IS NOT new.role, ' role', '')
      || iif (old.since IS NOT new.since, ' since', '')));
END;
CREATE TRIGGER audit_advisory_member_delete AFTER DELETE ON advisory_member BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id)
    VALUES (bb_now_us (), bb_audit_user (), 'delete', 'advisory_member', old.id);
END;

-- category
CREATE TRIGGER audit_category_insert AFTER INSERT ON category BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id)
    VALUES (bb_now_us (), bb_audit_user (), 'create', 'category', new.id);
END;
CREATE TRIGGER audit_category_update AFTER UPDATE ON category BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id, detail)
    VALUES (bb_now_us (), bb_audit_user (), 'update', 'category', new.id,
      ltrim (iif (old.id IS NOT new.id, ' id', '')
      || iif (old.station_id IS NOT new.station_id, ' station_id', '')
      || iif (old.parent_id IS NOT new.parent_id, ' parent_id', '')
      || iif (old.code IS NOT new.code, ' code', '')
      || iif (old.name IS NOT new.name, ' name', '')
      || iif (old.kind IS NOT new.kind, ' kind', '')
      || iif (old.colour IS NOT new.colour, ' colour', '')
      || iif (old.sort_order IS NOT new.sort_order, ' sort_order', '')));
END;
CREATE TRIGGER audit_category_delete AFTER DELETE ON category BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id)
    VALUES (bb_now_us (), bb_audit_user (), 'delete', 'category', old.id);
END;

-- incident
CREATE TRIGGER audit_incident_insert AFTER INSERT ON incident BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id)
    VALUES (bb_now_us (), bb_audit_user (), 'create', 'incident', new.id);
END;
CREATE TRIGGER audit_incident_update AFTER UPDATE ON incident BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id, detail)
    VALUES (bb_now_us (), bb_audit_user (), 'update', 'incident', new.id,
      ltrim (iif (old.id IS NOT new.id, ' id', '')
      || iif (old.station_id IS NOT new.station_id, ' station_id', '')
      || iif (old.category_id IS NOT new.category_id, ' category_id', '')
      || iif (old.occurred_start IS NOT new.occurred_start, ' occurred_start', '')
      || iif (old.occurred_end IS NOT new.occurred_end, ' occurred_end', '')
      || iif (old.time_unknown IS NOT new.time_unknown, ' time_unknown', '')
      || iif (old.reported_at IS NOT new.reported_at, ' reported_at', '')
      || iif (old.lat IS NOT new.lat, ' lat', '')
      || iif (old.lon IS NOT new.lon, ' lon', '')
      || iif (old.district_id IS NOT new.district_id, ' district_id', '')
      || iif (old.district_overridden IS NOT new.district_overridden, ' district_overridden', '')
      || iif (old.address IS NOT new.address, ' address', '')
      || iif (old.description IS NOT new.description, ' description', '')
      || iif (old.source IS NOT new.source, ' source', '')
      || iif (old.status IS NOT new.status, ' status', '')
      || iif (old.restricted IS NOT new.restricted, ' restricted', '')
      || iif (old.external_id IS NOT new.external_id, ' external_id', '')
      || iif (old.fingerprint IS NOT new.fingerprint, ' fingerprint', '')));
END;
CREATE TRIGGER audit_incident_delete AFTER DELETE ON incident BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id)
    VALUES (bb_now_us (), bb_audit_user (), 'delete', 'incident', old.id);
END;

-- problem
CREATE TRIGGER audit_problem_insert AFTER INSERT ON problem BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id)
    VALUES (bb_now_us (), bb_audit_user (), 'create', 'problem', new.id);
END;
CREATE TRIGGER audit_problem_update AFTER UPDATE ON problem BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id, detail)
    VALUES (bb_now_us (), bb_audit_user (), 'update', 'problem', new.id,
      ltrim (iif (old.id IS NOT new.id, ' id', '')
      || iif (old.station_id IS NOT new.station_id, ' station_id', '')
      || iif (old.title IS NOT new.title, ' title', '')
      || iif (old.statement IS NOT new.statement, ' statement', '')
      || iif (old.stage IS NOT new.stage, ' stage', '')
      || iif (old.priority IS NOT new.priority, ' priority', '')
      || iif (old.district_id IS NOT new.district_id, ' district_id', '')
      || iif (old.owner_id IS NOT new.owner_id, ' owner_id', '')
      || iif (old.area IS NOT new.area, ' area', '')
      || iif (old.period_start IS NOT new.period_start, ' period_start', '')
      || iif (old.period_end IS NOT new.period_end, ' period_end', '')
      || iif (old.baseline_start IS NOT new.baseline_start, ' baseline_start', '')
      || iif (old.baseline_end IS NOT new.baseline_end, ' baseline_end', '')
      || iif (old.response_start IS NOT new.response_start, ' response_start', '')
      || iif (old.response_end IS NOT new.response_end, ' response_end', '')
      || iif (old.buffer_m IS NOT new.buffer_m, ' buffer_m', '')
      || iif (old.offender IS NOT new.offender, ' offender', '')
      || iif (old.victim IS NOT new.victim, ' victim', '')
      || iif (old.place IS NOT new.place, ' place', '')
      || iif (old.handler IS NOT new.handler, ' handler', '')
      || iif (old.guardian IS NOT new.guardian, ' guardian', '')
      || iif (old.manager IS NOT new.manager, ' manager', '')
      || iif (old.analysis_notes IS NOT new.analysis_notes, ' analysis_notes', '')
      || iif (old.assessment_notes IS NOT new.assessment_notes, ' assessment_notes', '')));
END;
CREATE TRIGGER audit_problem_delete AFTER DELETE ON problem BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id)
    VALUES (bb_now_us (), bb_audit_user (), 'delete', 'problem', old.id);
END;

-- problem_category
CREATE TRIGGER audit_problem_category_insert AFTER INSERT ON problem_category BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id)
    VALUES (bb_now_us (), bb_audit_user (), 'create', 'problem_category', new.problem_id || '/' || new.category_id);
END;
CREATE TRIGGER audit_problem_category_update AFTER UPDATE ON problem_category BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id, detail)
    VALUES (bb_now_us (), bb_audit_user (), 'update', 'problem_category', new.problem_id || '/' || new.category_id,
      ltrim (iif (old.problem_id IS NOT new.problem_id, ' problem_id', '')
      || iif (old.category_id IS NOT new.category_id, ' category_id', '')));
END;
CREATE TRIGGER audit_problem_category_delete AFTER DELETE ON problem_category BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id)
    VALUES (bb_now_us (), bb_audit_user (), 'delete', 'problem_category', old.problem_id || '/' || old.category_id);
END;

-- problem_incident
CREATE TRIGGER audit_problem_incident_insert AFTER INSERT ON problem_incident BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id)
    VALUES (bb_now_us (), bb_audit_user (), 'create', 'problem_incident', new.problem_id || '/' || new.incident_id);
END;
CREATE TRIGGER audit_problem_incident_update AFTER UPDATE ON problem_incident BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id, detail)
    VALUES (bb_now_us (), bb_audit_user (), 'update', 'problem_incident', new.problem_id || '/' || new.incident_id,
      ltrim (iif (old.problem_id IS NOT new.problem_id, ' problem_id', '')
      || iif (old.incident_id IS NOT new.incident_id, ' incident_id', '')
      || iif (old.included IS NOT new.included, ' included', '')));
END;
CREATE TRIGGER audit_problem_incident_delete AFTER DELETE ON problem_incident BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id)
    VALUES (bb_now_us (), bb_audit_user (), 'delete', 'problem_incident', old.problem_id || '/' || old.incident_id);
END;

-- problem_partner
CREATE TRIGGER audit_problem_partner_insert AFTER INSERT ON problem_partner BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id)
    VALUES (bb_now_us (), bb_audit_user (), 'create', 'problem_partner', new.problem_id || '/' || new.partner_id);
END;
CREATE TRIGGER audit_problem_partner_update AFTER UPDATE ON problem_partner BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id, detail)
    VALUES (bb_now_us (), bb_audit_user (), 'update', 'problem_partner', new.problem_id || '/' || new.partner_id,
      ltrim (iif (old.problem_id IS NOT new.problem_id, ' problem_id', '')
      || iif (old.partner_id IS NOT new.partner_id, ' partner_id', '')
      || iif (old.role IS NOT new.role, ' role', '')));
END;
CREATE TRIGGER audit_problem_partner_delete AFTER DELETE ON problem_partner BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id)
    VALUES (bb_now_us (), bb_audit_user (), 'delete', 'problem_partner', old.problem_id || '/' || old.partner_id);
END;

-- response
CREATE TRIGGER audit_response_insert AFTER INSERT ON response BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id)
    VALUES (bb_now_us (), bb_audit_user (), 'create', 'response', new.id);
END;
CREATE TRIGGER audit_response_update AFTER UPDATE ON response BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id, detail)
    VALUES (bb_now_us (), bb_audit_user (), 'update', 'response', new.id,
      ltrim (iif (old.id IS NOT new.id, ' id', '')
      || iif (old.station_id IS NOT new.station_id, ' station_id', '')
      || iif (old.problem_id IS NOT new.problem_id, ' problem_id', '')
      || iif (old.title IS NOT new.title, ' title', '')
      || iif (old.description IS NOT new.description, ' description', '')
      || iif (old.agreed IS NOT new.agreed, ' agreed', '')));
END;
CREATE TRIGGER audit_response_delete AFTER DELETE ON response BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id)
    VALUES (bb_now_us (), bb_audit_user (), 'delete', 'response', old.id);
END;

-- plan
CREATE TRIGGER audit_plan_insert AFTER INSERT ON plan BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id)
    VALUES (bb_now_us (), bb_audit_user (), 'create', 'plan', new.id);
END;
CREATE TRIGGER audit_plan_update AFTER UPDATE ON plan BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id, detail)
    VALUES (bb_now_us (), bb_audit_user (), 'update', 'plan', new.id,
      ltrim (iif (old.id IS NOT new.id, ' id', '')
      || iif (old.station_id IS NOT new.station_id, ' station_id', '')
      || iif (old.title IS NOT new.title, ' title', '')
      || iif (old.district_id IS NOT new.district_id, ' district_id', '')
      || iif (old.period_start IS NOT new.period_start, ' period_start', '')
      || iif (old.period_end IS NOT new.period_end, ' period_end', '')
      || iif (old.statement IS NOT new.statement, ' statement', '')));
END;
CREATE TRIGGER audit_plan_delete AFTER DELETE ON plan BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id)
    VALUES (bb_now_us (), bb_audit_user (), 'delete', 'plan', old.id);
END;

-- plan_problem
CREATE TRIGGER audit_plan_problem_insert AFTER INSERT ON plan_problem BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id)
    VALUES (bb_now_us (), bb_audit_user (), 'create', 'plan_problem', new.plan_id || '/' || new.problem_id);
END;
CREATE TRIGGER audit_plan_problem_update AFTER UPDATE ON plan_problem BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id, detail)
    VALUES (bb_now_us (), bb_audit_user (), 'update', 'plan_problem', new.plan_id || '/' || new.problem_id,
      ltrim (iif (old.plan_id IS NOT new.plan_id, ' plan_id', '')
      || iif (old.problem_id IS NOT new.problem_id, ' problem_id', '')));
END;
CREATE TRIGGER audit_plan_problem_delete AFTER DELETE ON plan_problem BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id)
    VALUES (bb_now_us (), bb_audit_user (), 'delete', 'plan_problem', old.plan_id || '/' || old.problem_id);
END;

-- objective
CREATE TRIGGER audit_objective_insert AFTER INSERT ON objective BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id)
    VALUES (bb_now_us (), bb_audit_user (), 'create', 'objective', new.id);
END;
CREATE TRIGGER audit_objective_update AFTER UPDATE ON objective BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id, detail)
    VALUES (bb_now_us (), bb_audit_user (), 'update', 'objective', new.id,
      ltrim (iif (old.id IS NOT new.id, ' id', '')
      || iif (old.station_id IS NOT new.station_id, ' station_id', '')
      || iif (old.plan_id IS NOT new.plan_id, ' plan_id', '')
      || iif (old.title IS NOT new.title, ' title', '')
      || iif (old.sort_order IS NOT new.sort_order, ' sort_order', '')));
END;
CREATE TRIGGER audit_objective_delete AFTER DELETE ON objective BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id)
    VALUES (bb_now_us (), bb_audit_user (), 'delete', 'objective', old.id);
END;

-- indicator
CREATE TRIGGER audit_indicator_insert AFTER INSERT ON indicator BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id)
    VALUES (bb_now_us (), bb_audit_user (), 'create', 'indicator', new.id);
END;
CREATE TRIGGER audit_indicator_update AFTER UPDATE ON indicator BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id, detail)
    VALUES (bb_now_us (), bb_audit_user (), 'update', 'indicator', new.id,
      ltrim (iif (old.id IS NOT new.id, ' id', '')
      || iif (old.station_id IS NOT new.station_id, ' station_id', '')
      || iif (old.objective_id IS NOT new.objective_id, ' objective_id', '')
      || iif (old.name IS NOT new.name, ' name', '')
      || iif (old.unit IS NOT new.unit, ' unit', '')
      || iif (old.baseline IS NOT new.baseline, ' baseline', '')
      || iif (old.target IS NOT new.target, ' target', '')
      || iif (old.current IS NOT new.current, ' current', '')
      || iif (old.computed IS NOT new.computed, ' computed', '')));
END;
CREATE TRIGGER audit_indicator_delete AFTER DELETE ON indicator BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id)
    VALUES (bb_now_us (), bb_audit_user (), 'delete', 'indicator', old.id);
END;

-- plan_review
CREATE TRIGGER audit_plan_review_insert AFTER INSERT ON plan_review BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id)
    VALUES (bb_now_us (), bb_audit_user (), 'create', 'plan_review', new.id);
END;
CREATE TRIGGER audit_plan_review_update AFTER UPDATE ON plan_review BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id, detail)
    VALUES (bb_now_us (), bb_audit_user (), 'update', 'plan_review', new.id,
      ltrim (iif (old.id IS NOT new.id, ' id', '')
      || iif (old.station_id IS NOT new.station_id, ' station_id', '')
      || iif (old.plan_id IS NOT new.plan_id, ' plan_id', '')
      || iif (old.review_date IS NOT new.review_date, ' review_date', '')
      || iif (old.notes IS NOT new.notes, ' notes', '')
      || iif (old.done IS NOT new.done, ' done', '')));
END;
CREATE TRIGGER audit_plan_review_delete AFTER DELETE ON plan_review BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id)
    VALUES (bb_now_us (), bb_audit_user (), 'delete', 'plan_review', old.id);
END;

-- task
CREATE TRIGGER audit_task_insert AFTER INSERT ON task BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id)
    VALUES (bb_now_us (), bb_audit_user (), 'create', 'task', new.id);
END;
CREATE TRIGGER audit_task_update AFTER UPDATE ON task BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id, detail)
    VALUES (bb_now_us (), bb_audit_user (), 'update', 'task', new.id,
      ltrim (iif (old.id IS NOT new.id, ' id', '')
      || iif (old.station_id IS NOT new.station_id, ' station_id', '')
      || iif (old.response_id IS NOT new.response_id, ' response_id', '')
      || iif (old.plan_id IS NOT new.plan_id, ' plan_id', '')
      || iif (old.title IS NOT new.title, ' title', '')
      || iif (old.assignee_officer_id IS NOT new.assignee_officer_id, ' assignee_officer_id', '')
      || iif (old.assignee_partner_id IS NOT new.assignee_partner_id, ' assignee_partner_id', '')
      || iif (old.due_date IS NOT new.due_date, ' due_date', '')
      || iif (old.done IS NOT new.done, ' done', '')));
END;
CREATE TRIGGER audit_task_delete AFTER DELETE ON task BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id)
    VALUES (bb_now_us (), bb_audit_user (), 'delete', 'task', old.id);
END;

-- event_kind
CREATE TRIGGER audit_event_kind_insert AFTER INSERT ON event_kind BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id)
    VALUES (bb_now_us (), bb_audit_user (), 'create', 'event_kind', new.code);
END;
CREATE TRIGGER audit_event_kind_update AFTER UPDATE ON event_kind BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id, detail)
    VALUES (bb_now_us (), bb_audit_user (), 'update', 'event_kind', new.code,
      ltrim (iif (old.code IS NOT new.code, ' code', '')
      || iif (old.name IS NOT new.name, ' name', '')
      || iif (old.sort_order IS NOT new.sort_order, ' sort_order', '')));
END;
CREATE TRIGGER audit_event_kind_delete AFTER DELETE ON event_kind BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id)
    VALUES (bb_now_us (), bb_audit_user (), 'delete', 'event_kind', old.code);
END;

-- event
CREATE TRIGGER audit_event_insert AFTER INSERT ON event BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id)
    VALUES (bb_now_us (), bb_audit_user (), 'create', 'event', new.id);
END;
CREATE TRIGGER audit_event_update AFTER UPDATE ON event BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id, detail)
    VALUES (bb_now_us (), bb_audit_user (), 'update', 'event', new.id,
      ltrim (iif (old.id IS NOT new.id, ' id', '')
      || iif (old.station_id IS NOT new.station_id, ' station_id', '')
      || iif (old.title IS NOT new.title, ' title', '')
      || iif (old.kind IS NOT new.kind, ' kind', '')
      || iif (old.start_at IS NOT new.start_at, ' start_at', '')
      || iif (old.end_at IS NOT new.end_at, ' end_at', '')
      || iif (old.all_day IS NOT new.all_day, ' all_day', '')
      || iif (old.tzid IS NOT new.tzid, ' tzid', '')
      || iif (old.rrule IS NOT new.rrule, ' rrule', '')
      || iif (old.series_id IS NOT new.series_id, ' series_id', '')
      || iif (old.recurrence_id IS NOT new.recurrence_id, ' recurrence_id', '')
      || iif (old.cancelled IS NOT new.cancelled, ' cancelled', '')
      || iif (old.place IS NOT new.place, ' place', '')
      || iif (old.lat IS NOT new.lat, ' lat', '')
      || iif (old.lon IS NOT new.lon, ' lon', '')
      || iif (old.district_id IS NOT new.district_id, ' district_id', '')
      || iif (old.organiser_id IS NOT new.organiser_id, ' organiser_id', '')
      || iif (old.head_count IS NOT new.head_count, ' head_count', '')
      || iif (old.agenda IS NOT new.agenda, ' agenda', '')
      || iif (old.minutes IS NOT new.minutes, ' minutes', '')
      || iif (old.ical_uid IS NOT new.ical_uid, ' ical_uid', '')));
END;
CREATE TRIGGER audit_event_delete AFTER DELETE ON event BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id)
    VALUES (bb_now_us (), bb_audit_user (), 'delete', 'event', old.id);
END;

-- event_attendee
CREATE TRIGGER audit_event_attendee_insert AFTER INSERT ON event_attendee BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id)
    VALUES (bb_now_us (), bb_audit_user (), 'create', 'event_attendee', new.id);
END;
CREATE TRIGGER audit_event_attendee_update AFTER UPDATE ON event_attendee BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id, detail)
    VALUES (bb_now_us (), bb_audit_user (), 'update', 'event_attendee', new.id,
      ltrim (iif (old.id IS NOT new.id, ' id', '')
      || iif (old.station_id IS NOT new.station_id, ' station_id', '')
      || iif (old.event_id IS NOT new.event_id, ' event_id', '')
      || iif (old.partner_id IS NOT new.partner_id, ' partner_id', '')
      || iif (old.officer_id IS NOT new.officer_id, ' officer_id', '')));
END;
CREATE TRIGGER audit_event_attendee_delete AFTER DELETE ON event_attendee BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id)
    VALUES (bb_now_us (), bb_audit_user (), 'delete', 'event_attendee', old.id);
END;

-- concern
CREATE TRIGGER audit_concern_insert AFTER INSERT ON concern BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id)
    VALUES (bb_now_us (), bb_audit_user (), 'create', 'concern', new.id);
END;
CREATE TRIGGER audit_concern_update AFTER UPDATE ON concern BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id, detail)
    VALUES (bb_now_us (), bb_audit_user (), 'update', 'concern', new.id,
      ltrim (iif (old.id IS NOT new.id, ' id', '')
      || iif (old.station_id IS NOT new.station_id, ' station_id', '')
      || iif (old.event_id IS NOT new.event_id, ' event_id', '')
      || iif (old.text IS NOT new.text, ' text', '')
      || iif (old.incident_id IS NOT new.incident_id, ' incident_id', '')
      || iif (old.problem_id IS NOT new.problem_id, ' problem_id', '')));
END;
CREATE TRIGGER audit_concern_delete AFTER DELETE ON concern BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id)
    VALUES (bb_now_us (), bb_audit_user (), 'delete', 'concern', old.id);
END;

-- questionnaire
CREATE TRIGGER audit_questionnaire_insert AFTER INSERT ON questionnaire BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id)
    VALUES (bb_now_us (), bb_audit_user (), 'create', 'questionnaire', new.id);
END;
CREATE TRIGGER audit_questionnaire_update AFTER UPDATE ON questionnaire BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id, detail)
    VALUES (bb_now_us (), bb_audit_user (), 'update', 'questionnaire', new.id,
      ltrim (iif (old.id IS NOT new.id, ' id', '')
      || iif (old.station_id IS NOT new.station_id, ' station_id', '')
      || iif (old.title IS NOT new.title, ' title', '')));
END;
CREATE TRIGGER audit_questionnaire_delete AFTER DELETE ON questionnaire BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id)
    VALUES (bb_now_us (), bb_audit_user (), 'delete', 'questionnaire', old.id);
END;

-- question
CREATE TRIGGER audit_question_insert AFTER INSERT ON question BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id)
    VALUES (bb_now_us (), bb_audit_user (), 'create', 'question', new.id);
END;
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
      || iif (old.sort_order IS NOT new.sort_order, ' sort_order', '')));
END;
CREATE TRIGGER audit_question_delete AFTER DELETE ON question BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id)
    VALUES (bb_now_us (), bb_audit_user (), 'delete', 'question', old.id);
END;

-- survey
CREATE TRIGGER audit_survey_insert AFTER INSERT ON survey BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id)
    VALUES (bb_now_us (), bb_audit_user (), 'create', 'survey', new.id);
END;
CREATE TRIGGER audit_survey_update AFTER UPDATE ON survey BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id, detail)
    VALUES (bb_now_us (), bb_audit_user (), 'update', 'survey', new.id,
      ltrim (iif (old.id IS NOT new.id, ' id', '')
      || iif (old.station_id IS NOT new.station_id, ' station_id', '')
      || iif (old.questionnaire_id IS NOT new.questionnaire_id, ' questionnaire_id', '')
      || iif (old.title IS NOT new.title, ' title', '')
      || iif (old.period_start IS NOT new.period_start, ' period_start', '')
      || iif (old.period_end IS NOT new.period_end, ' period_end', '')
      || iif (old.district_id IS NOT new.district_id, ' district_id', '')));
END;
CREATE TRIGGER audit_survey_delete AFTER DELETE ON survey BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id)
    VALUES (bb_now_us (), bb_audit_user (), 'delete', 'survey', old.id);
END;

-- survey_response
CREATE TRIGGER audit_survey_response_insert AFTER INSERT ON survey_response BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id)
    VALUES (bb_now_us (), bb_audit_user (), 'create', 'survey_response', new.id);
END;
CREATE TRIGGER audit_survey_response_update AFTER UPDATE ON survey_response BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id, detail)
    VALUES (bb_now_us (), bb_audit_user (), 'update', 'survey_response', new.id,
      ltrim (iif (old.id IS NOT new.id, ' id', '')
      || iif (old.station_id IS NOT new.station_id, ' station_id', '')
      || iif (old.survey_id IS NOT new.survey_id, ' survey_id', '')
      || iif (old.district_id IS NOT new.district_id, ' district_id', '')
      || iif (old.age_band IS NOT new.age_band, ' age_band', '')
      || iif (old.gender IS NOT new.gender, ' gender', '')
      || iif (old.submitted_at IS NOT new.submitted_at, ' submitted_at', '')
      || iif (old.external_uuid IS NOT new.external_uuid, ' external_uuid', '')));
END;
CREATE TRIGGER audit_survey_response_delete AFTER DELETE ON survey_response BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id)
    VALUES (bb_now_us (), bb_audit_user (), 'delete', 'survey_response', old.id);
END;

-- survey_answer
CREATE TRIGGER audit_survey_answer_insert AFTER INSERT ON survey_answer BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id)
    VALUES (bb_now_us (), bb_audit_user (), 'create', 'survey_answer', new.response_id || '/' || new.question_id);
END;
CREATE TRIGGER audit_survey_answer_update AFTER UPDATE ON survey_answer BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id, detail)
    VALUES (bb_now_us (), bb_audit_user (), 'update', 'survey_answer', new.response_id || '/' || new.question_id,
      ltrim (iif (old.response_id IS NOT new.response_id, ' response_id', '')
      || iif (old.question_id IS NOT new.question_id, ' question_id', '')
      || iif (old.value IS NOT new.value, ' value', '')));
END;
CREATE TRIGGER audit_survey_answer_delete AFTER DELETE ON survey_answer BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id)
    VALUES (bb_now_us (), bb_audit_user (), 'delete', 'survey_answer', old.response_id || '/' || old.question_id);
END;

-- document
CREATE TRIGGER audit_document_insert AFTER INSERT ON document BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id)
    VALUES (bb_now_us (), bb_audit_user (), 'create', 'document', new.id);
END;
CREATE TRIGGER audit_document_update AFTER UPDATE ON document BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id, detail)
    VALUES (bb_now_us (), bb_audit_user (), 'update', 'document', new.id,
      ltrim (iif (old.id IS NOT new.id, ' id', '')
      || iif (old.station_id IS NOT new.station_id, ' station_id', '')
      || iif (old.template IS NOT new.template, ' template', '')
      || iif (old.title IS NOT new.title, ' title', '')
      || iif (old.content IS NOT new.content, ' content', '')
      || iif (old.paper IS NOT new.paper, ' paper', '')
      || iif (old.landscape IS NOT new.landscape, ' landscape', '')
      || iif (old.language IS NOT new.language, ' language', '')));
END;
CREATE TRIGGER audit_document_delete AFTER DELETE ON document BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id)
    VALUES (bb_now_us (), bb_audit_user (), 'delete', 'document', old.id);
END;

-- geo_layer
CREATE TRIGGER audit_geo_layer_insert AFTER INSERT ON geo_layer BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id)
    VALUES (bb_now_us (), bb_audit_user (), 'create', 'geo_layer', new.id);
END;
CREATE TRIGGER audit_geo_layer_update AFTER UPDATE ON geo_layer BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id, detail)
    VALUES (bb_now_us (), bb_audit_user (), 'update', 'geo_layer', new.id,
      ltrim (iif (old.id IS NOT new.id, ' id', '')
      || iif (old.station_id IS NOT new.station_id, ' station_id', '')
      || iif (old.name IS NOT new.name, ' name', '')
      || iif (old.kind IS NOT new.kind, ' kind', '')
      || iif (old.geojson IS NOT new.geojson, ' geojson', '')
      || iif (old.attribution IS NOT new.attribution, ' attribution', '')
      || iif (old.sort_order IS NOT new.sort_order, ' sort_order', '')));
END;
CREATE TRIGGER audit_geo_layer_delete AFTER DELETE ON geo_layer BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id)
    VALUES (bb_now_us (), bb_audit_user (), 'delete', 'geo_layer', old.id);
END;

-- The program keeps the districts' boundaries parsed for placing incidents;
-- any change to a district, by whatever path, tells it to parse them again.
CREATE TRIGGER district_changed_insert AFTER INSERT ON district BEGIN
  SELECT bb_districts_changed ();
END;
CREATE TRIGGER district_changed_update AFTER UPDATE ON district BEGIN
  SELECT bb_districts_changed ();
END;
CREATE TRIGGER district_changed_delete AFTER DELETE ON district BEGIN
  SELECT bb_districts_changed ();
END;
