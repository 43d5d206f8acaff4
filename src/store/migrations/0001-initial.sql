-- 0001-initial.sql: the first Beatbook station schema.
-- Every shared record has a UUID, created/updated times (microseconds since
-- the Unix epoch, UTC) and the id of the station that wrote it, so that
-- stations can exchange and merge their files.  Times of things that
-- happened in the world (incidents, events) are seconds since the epoch, UTC.

CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT
) WITHOUT ROWID;

CREATE TABLE station (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
  address     TEXT NOT NULL DEFAULT '',
  phone       TEXT NOT NULL DEFAULT '',
  email       TEXT NOT NULL DEFAULT '',
  website     TEXT NOT NULL DEFAULT '',
  logo        BLOB,
  colour_primary TEXT NOT NULL DEFAULT '#1c3f94' CHECK (colour_primary GLOB '#[0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F]'),
  colour_accent  TEXT NOT NULL DEFAULT '#f5c211' CHECK (colour_accent GLOB '#[0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F]'),
  timezone    TEXT NOT NULL DEFAULT 'UTC',
  is_demo     INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
  center_lat  REAL CHECK (center_lat BETWEEN -90 AND 90),
  center_lon  REAL CHECK (center_lon BETWEEN -180 AND 180),
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);

CREATE TABLE officer (
  id          TEXT PRIMARY KEY,
  station_id  TEXT NOT NULL,
  name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
  rank        TEXT NOT NULL DEFAULT '',
  phone       TEXT NOT NULL DEFAULT '',
  email       TEXT NOT NULL DEFAULT '',
  photo       BLOB,
  district_id TEXT REFERENCES district (id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);

-- boundary is a GeoJSON Polygon or MultiPolygon geometry (WGS84); the
-- bounding box columns let queries skip districts cheaply.
CREATE TABLE district (
  id          TEXT PRIMARY KEY,
  station_id  TEXT NOT NULL,
  name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
  code        TEXT NOT NULL DEFAULT '',
  boundary    TEXT,
  min_lon REAL, min_lat REAL, max_lon REAL, max_lat REAL,
  population  INTEGER CHECK (population IS NULL OR population >= 0),
  officer_id  TEXT REFERENCES officer (id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);

CREATE TABLE partner (
  id          TEXT PRIMARY KEY,
  station_id  TEXT NOT NULL,
  name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
  kind        TEXT NOT NULL CHECK (kind IN ('municipality', 'school', 'health',
                'social_services', 'ngo', 'housing_association', 'business',
                'religious', 'media', 'resident')),
  is_person   INTEGER NOT NULL DEFAULT 0 CHECK (is_person IN (0, 1)),
  contact_name TEXT NOT NULL DEFAULT '',
  phone       TEXT NOT NULL DEFAULT '',
  email       TEXT NOT NULL DEFAULT '',
  address     TEXT NOT NULL DEFAULT '',
  notes       TEXT NOT NULL DEFAULT '',
  district_id TEXT REFERENCES district (id) ON DELETE SET NULL,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);

CREATE TABLE advisory_member (
  id          TEXT PRIMARY KEY,
  station_id  TEXT NOT NULL,
  district_id TEXT NOT NULL REFERENCES district (id) ON DELETE CASCADE,
  partner_id  TEXT NOT NULL REFERENCES partner (id) ON DELETE CASCADE,
  role        TEXT NOT NULL DEFAULT 'member' CHECK (role IN ('chair', 'secretary', 'member')),
  since       TEXT CHECK (since IS NULL OR date(since) = since),
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL,
  UNIQUE (district_id, partner_id)
);

CREATE TABLE category (
  id          TEXT PRIMARY KEY,
  station_id  TEXT NOT NULL,
  parent_id   TEXT REFERENCES category (id) ON DELETE RESTRICT,
  code        TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
  kind        TEXT NOT NULL CHECK (kind IN ('crime', 'disorder', 'environment', 'traffic')),
  colour      TEXT NOT NULL CHECK (colour GLOB '#[0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F]'),
  sort_order  INTEGER NOT NULL DEFAULT 0,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);

CREATE TABLE incident (
  id             TEXT PRIMARY KEY,
  station_id     TEXT NOT NULL,
  category_id    TEXT NOT NULL REFERENCES category (id) ON DELETE RESTRICT,
  occurred_start INTEGER NOT NULL,
  occurred_end   INTEGER CHECK (occurred_end IS NULL OR occurred_end >= occurred_start),
  time_unknown   INTEGER NOT NULL DEFAULT 0 CHECK (time_unknown IN (0, 1)),
  reported_at    INTEGER,
  lat            REAL CHECK (lat IS NULL OR (lat BETWEEN -90 AND 90)),
  lon            REAL CHECK (lon IS NULL OR (lon BETWEEN -180 AND 180)),
  district_id    TEXT REFERENCES district (id) ON DELETE SET NULL,
  district_overridden INTEGER NOT NULL DEFAULT 0 CHECK (district_overridden IN (0, 1)),
  address        TEXT NOT NULL DEFAULT '',
  description    TEXT NOT NULL DEFAULT '',
  source         TEXT NOT NULL CHECK (source IN ('patrol', 'resident', 'complaint_box',
                   'hotline', 'survey', 'school', 'partner', 'meeting', 'import')),
  status         TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'cleared', 'referred')),
  restricted     INTEGER NOT NULL DEFAULT 0 CHECK (restricted IN (0, 1)),
  external_id    TEXT,
  fingerprint    TEXT,
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL,
  CHECK ((lat IS NULL) = (lon IS NULL))
);
CREATE INDEX incident_by_time ON incident (occurred_start);
CREATE INDEX incident_by_category ON incident (category_id, occurred_start);
CREATE INDEX incident_by_district ON incident (district_id, occurred_start);
CREATE INDEX incident_by_position ON incident (lon, lat) WHERE lon IS NOT NULL;
CREATE UNIQUE INDEX incident_by_external_id ON incident (external_id) WHERE external_id IS NOT NULL;
CREATE INDEX incident_by_fingerprint ON incident (fingerprint) WHERE fingerprint IS NOT NULL;

CREATE VIRTUAL TABLE incident_fts USING fts5 (
  description, address,
  content = 'incident', content_rowid = 'rowid',
  tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER incident_fts_insert AFTER INSERT ON incident BEGIN
  INSERT INTO incident_fts (rowid, description, address)
    VALUES (new.rowid, new.description, new.address);
END;
CREATE TRIGGER incident_fts_delete AFTER DELETE ON incident BEGIN
  INSERT INTO incident_fts (incident_fts, rowid, description, address)
    VALUES ('delete', old.rowid, old.description, old.address);
END;
CREATE TRIGGER incident_fts_update AFTER UPDATE OF description, address ON incident BEGIN
  INSERT INTO incident_fts (incident_fts, rowid, description, address)
    VALUES ('delete', old.rowid, old.description, old.address);
  INSERT INTO incident_fts (rowid, description, address)
    VALUES (new.rowid, new.description, new.address);
END;

CREATE TABLE problem (
  id             TEXT PRIMARY KEY,
  station_id     TEXT NOT NULL,
  title          TEXT NOT NULL CHECK (length(trim(title)) > 0),
  statement      TEXT NOT NULL DEFAULT '',
  stage          TEXT NOT NULL DEFAULT 'scanning' CHECK (stage IN ('scanning', 'analysis',
                   'response', 'assessment', 'closed')),
  priority       INTEGER NOT NULL DEFAULT 2 CHECK (priority BETWEEN 1 AND 3),
  district_id    TEXT REFERENCES district (id) ON DELETE SET NULL,
  owner_id       TEXT REFERENCES officer (id) ON DELETE SET NULL,
  area           TEXT,
  period_start   INTEGER,
  period_end     INTEGER,
  baseline_start INTEGER,
  baseline_end   INTEGER,
  response_start INTEGER,
  response_end   INTEGER,
  buffer_m       REAL NOT NULL DEFAULT 200 CHECK (buffer_m >= 0),
  offender       TEXT NOT NULL DEFAULT '',
  victim         TEXT NOT NULL DEFAULT '',
  place          TEXT NOT NULL DEFAULT '',
  handler        TEXT NOT NULL DEFAULT '',
  guardian       TEXT NOT NULL DEFAULT '',
  manager        TEXT NOT NULL DEFAULT '',
  analysis_notes TEXT NOT NULL DEFAULT '',
  assessment_notes TEXT NOT NULL DEFAULT '',
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL,
  CHECK (period_end IS NULL OR period_start IS NULL OR period_end >= period_start),
  CHECK (baseline_end IS NULL OR baseline_start IS NULL OR baseline_end >= baseline_start),
  CHECK (response_end IS NULL OR response_start IS NULL OR response_end >= response_start)
);
CREATE INDEX problem_by_stage ON problem (stage);

CREATE TABLE problem_category (
  problem_id  TEXT NOT NULL REFERENCES problem (id) ON DELETE CASCADE,
  category_id TEXT NOT NULL REFERENCES category (id) ON DELETE CASCADE,
  PRIMARY KEY (problem_id, category_id)
) WITHOUT ROWID;

-- Incidents added to or excluded from a problem by hand, beside the ones its
-- area, categories and period select.
CREATE TABLE problem_incident (
  problem_id  TEXT NOT NULL REFERENCES problem (id) ON DELETE CASCADE,
  incident_id TEXT NOT NULL REFERENCES incident (id) ON DELETE CASCADE,
  included    INTEGER NOT NULL CHECK (included IN (0, 1)),
  PRIMARY KEY (problem_id, incident_id)
) WITHOUT ROWID;

CREATE TABLE problem_partner (
  problem_id  TEXT NOT NULL REFERENCES problem (id) ON DELETE CASCADE,
  partner_id  TEXT NOT NULL REFERENCES partner (id) ON DELETE CASCADE,
  role        TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (problem_id, partner_id)
) WITHOUT ROWID;

CREATE TABLE response (
  id          TEXT PRIMARY KEY,
  station_id  TEXT NOT NULL,
  problem_id  TEXT NOT NULL REFERENCES problem (id) ON DELETE CASCADE,
  title       TEXT NOT NULL CHECK (length(trim(title)) > 0),
  description TEXT NOT NULL DEFAULT '',
  agreed      INTEGER NOT NULL DEFAULT 0 CHECK (agreed IN (0, 1)),
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);

CREATE TABLE plan (
  id           TEXT PRIMARY KEY,
  station_id   TEXT NOT NULL,
  title        TEXT NOT NULL CHECK (length(trim(title)) > 0),
  district_id  TEXT REFERENCES district (id) ON DELETE SET NULL,
  period_start TEXT CHECK (period_start IS NULL OR date(period_start) = period_start),
  period_end   TEXT CHECK (period_end IS NULL OR date(period_end) = period_end),
  statement    TEXT NOT NULL DEFAULT '',
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,
  CHECK (period_end IS NULL OR period_start IS NULL OR period_end >= period_start)
);

CREATE TABLE plan_problem (
  plan_id    TEXT NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
  problem_id TEXT NOT NULL REFERENCES problem (id) ON DELETE CASCADE,
  PRIMARY KEY (plan_id, problem_id)
) WITHOUT ROWID;

CREATE TABLE objective (
  id          TEXT PRIMARY KEY,
  station_id  TEXT NOT NULL,
  plan_id     TEXT NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
  title       TEXT NOT NULL CHECK (length(trim(title)) > 0),
  sort_order  INTEGER NOT NULL DEFAULT 0,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);

-- An indicator is either typed in (current) or computed from incidents:
-- computed holds a JSON description (categories, area, period length).
CREATE TABLE indicator (
  id           TEXT PRIMARY KEY,
  station_id   TEXT NOT NULL,
  objective_id TEXT NOT NULL REFERENCES objective (id) ON DELETE CASCADE,
  name         TEXT NOT NULL CHECK (length(trim(name)) > 0),
  unit         TEXT NOT NULL DEFAULT '',
  baseline     REAL,
  target       REAL,
  current      REAL,
  computed     TEXT,
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL
);

CREATE TABLE plan_review (
  id          TEXT PRIMARY KEY,
  station_id  TEXT NOT NULL,
  plan_id     TEXT NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
  review_date TEXT NOT NULL CHECK (date(review_date) = review_date),
  notes       TEXT NOT NULL DEFAULT '',
  done        INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);

-- A task belongs to a response (problem board) or to a plan.
CREATE TABLE task (
  id          TEXT PRIMARY KEY,
  station_id  TEXT NOT NULL,
  response_id TEXT REFERENCES response (id) ON DELETE CASCADE,
  plan_id     TEXT REFERENCES plan (id) ON DELETE CASCADE,
  title       TEXT NOT NULL CHECK (length(trim(title)) > 0),
  assignee_officer_id TEXT REFERENCES officer (id) ON DELETE SET NULL,
  assignee_partner_id TEXT REFERENCES partner (id) ON DELETE SET NULL,
  due_date    TEXT CHECK (due_date IS NULL OR date(due_date) = due_date),
  done        INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL,
  CHECK ((response_id IS NULL) <> (plan_id IS NULL))
);
CREATE INDEX task_by_due ON task (due_date) WHERE done = 0;

CREATE TABLE event_kind (
  code       TEXT PRIMARY KEY,
  name       TEXT NOT NULL CHECK (length(trim(name)) > 0),
  sort_order INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

-- start/end are seconds since the epoch, UTC; tzid is the zone the event was
-- planned in; rrule is an RFC 5545 RRULE.  An exception to a recurring event
-- is a row with series_id and recurrence_id (the original start it replaces).
CREATE TABLE event (
  id            TEXT PRIMARY KEY,
  station_id    TEXT NOT NULL,
  title         TEXT NOT NULL CHECK (length(trim(title)) > 0),
  kind          TEXT NOT NULL REFERENCES event_kind (code) ON UPDATE CASCADE,
  start_at      INTEGER NOT NULL,
  end_at        INTEGER NOT NULL,
  all_day       INTEGER NOT NULL DEFAULT 0 CHECK (all_day IN (0, 1)),
  tzid          TEXT NOT NULL DEFAULT 'UTC',
  rrule         TEXT,
  series_id     TEXT REFERENCES event (id) ON DELETE CASCADE,
  recurrence_id INTEGER,
  cancelled     INTEGER NOT NULL DEFAULT 0 CHECK (cancelled IN (0, 1)),
  place         TEXT NOT NULL DEFAULT '',
  lat           REAL CHECK (lat IS NULL OR (lat BETWEEN -90 AND 90)),
  lon           REAL CHECK (lon IS NULL OR (lon BETWEEN -180 AND 180)),
  district_id   TEXT REFERENCES district (id) ON DELETE SET NULL,
  organiser_id  TEXT REFERENCES officer (id) ON DELETE SET NULL,
  head_count    INTEGER CHECK (head_count IS NULL OR head_count >= 0),
  agenda        TEXT NOT NULL DEFAULT '',
  minutes       TEXT NOT NULL DEFAULT '',
  ical_uid      TEXT,
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL,
  CHECK (end_at >= start_at),
  CHECK ((lat IS NULL) = (lon IS NULL))
);
CREATE INDEX event_by_start ON event (start_at);

CREATE TABLE event_attendee (
  id          TEXT PRIMARY KEY,
  station_id  TEXT NOT NULL,
  event_id    TEXT NOT NULL REFERENCES event (id) ON DELETE CASCADE,
  partner_id  TEXT REFERENCES partner (id) ON DELETE CASCADE,
  officer_id  TEXT REFERENCES officer (id) ON DELETE CASCADE,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL,
  CHECK ((partner_id IS NULL) <> (officer_id IS NULL))
);

-- A concern raised at a meeting; it may have become an incident or a problem.
CREATE TABLE concern (
  id          TEXT PRIMARY KEY,
  station_id  TEXT NOT NULL,
  event_id    TEXT NOT NULL REFERENCES event (id) ON DELETE CASCADE,
  text        TEXT NOT NULL CHECK (length(trim(text)) > 0),
  incident_id TEXT REFERENCES incident (id) ON DELETE SET NULL,
  problem_id  TEXT REFERENCES problem (id) ON DELETE SET NULL,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);

CREATE TABLE questionnaire (
  id          TEXT PRIMARY KEY,
  station_id  TEXT NOT NULL,
  title       TEXT NOT NULL CHECK (length(trim(title)) > 0),
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);

CREATE TABLE question (
  id               TEXT PRIMARY KEY,
  station_id       TEXT NOT NULL,
  questionnaire_id TEXT NOT NULL REFERENCES questionnaire (id) ON DELETE CASCADE,
  block            TEXT NOT NULL DEFAULT '',
  code             TEXT NOT NULL,
  text             TEXT NOT NULL CHECK (length(trim(text)) > 0),
  scale            TEXT NOT NULL CHECK (scale IN ('yes_no', 'likert5', 'single',
                     'multiple', 'number', 'text')),
  options          TEXT,
  sort_order       INTEGER NOT NULL DEFAULT 0,
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL,
  UNIQUE (questionnaire_id, code)
);

CREATE TABLE survey (
  id               TEXT PRIMARY KEY,
  station_id       TEXT NOT NULL,
  questionnaire_id TEXT NOT NULL REFERENCES questionnaire (id) ON DELETE RESTRICT,
  title            TEXT NOT NULL CHECK (length(trim(title)) > 0),
  period_start     TEXT NOT NULL CHECK (date(period_start) = period_start),
  period_end       TEXT NOT NULL CHECK (date(period_end) = period_end),
  district_id      TEXT REFERENCES district (id) ON DELETE SET NULL,
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL,
  CHECK (period_end >= period_start)
);

CREATE TABLE survey_response (
  id            TEXT PRIMARY KEY,
  station_id    TEXT NOT NULL,
  survey_id     TEXT NOT NULL REFERENCES survey (id) ON DELETE CASCADE,
  district_id   TEXT REFERENCES district (id) ON DELETE SET NULL,
  age_band      TEXT,
  gender        TEXT,
  submitted_at  INTEGER,
  external_uuid TEXT UNIQUE,
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL
);

CREATE TABLE survey_answer (
  response_id TEXT NOT NULL REFERENCES survey_response (id) ON DELETE CASCADE,
  question_id TEXT NOT NULL REFERENCES question (id) ON DELETE CASCADE,
  value       TEXT NOT NULL,
  PRIMARY KEY (response_id, question_id)
) WITHOUT ROWID;

CREATE TABLE document (
  id          TEXT PRIMARY KEY,
  station_id  TEXT NOT NULL,
  template    TEXT NOT NULL,
  title       TEXT NOT NULL CHECK (length(trim(title)) > 0),
  content     TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(content)),
  paper       TEXT NOT NULL DEFAULT 'a4' CHECK (paper IN ('a3', 'a4', 'a5', 'letter')),
  landscape   INTEGER NOT NULL DEFAULT 0 CHECK (landscape IN (0, 1)),
  language    TEXT NOT NULL DEFAULT '',
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);

-- Map layers the station holds as GeoJSON FeatureCollections (streets,
-- water, green areas, landmarks), drawn by Beatbook's own tile renderer.
CREATE TABLE geo_layer (
  id          TEXT PRIMARY KEY,
  station_id  TEXT NOT NULL,
  name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
  kind        TEXT NOT NULL CHECK (kind IN ('streets', 'water', 'green', 'landmarks',
                'boundaries', 'other')),
  geojson     TEXT NOT NULL CHECK (json_valid(geojson)),
  attribution TEXT NOT NULL DEFAULT '',
  sort_order  INTEGER NOT NULL DEFAULT 0,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);

-- The audit log is written by triggers, never by hand, and cannot be
-- changed: what changed, when, by whom (the station user set on the
-- connection).
CREATE TABLE audit_log (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  at         INTEGER NOT NULL,
  user_name  TEXT NOT NULL,
  action     TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete', 'export', 'disclose')),
  table_name TEXT NOT NULL,
  row_id     TEXT,
  detail     TEXT NOT NULL DEFAULT ''
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN
  SELECT RAISE (ABORT, 'the audit log cannot be changed');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN
  SELECT RAISE (ABORT, 'the audit log cannot be changed');
END;
