-- 0003-import-memory.sql: what the station remembers of the files it imported
-- SPDX-License-Identifier: GPL-3.0-or-later

-- How the columns of a file with this header were mapped, and the choices
-- made for it, so that the next file of the same kind imports as before.
CREATE TABLE import_mapping (
  header_key     TEXT PRIMARY KEY,   -- the column names, lower case, joined by U+001F
  station_id     TEXT NOT NULL,
  fields         TEXT NOT NULL,      -- JSON array: a Beatbook field name by column
  crs            TEXT,               -- "EPSG:n" of X/Y columns
  date_order     TEXT CHECK (date_order IS NULL OR date_order IN ('dmy', 'mdy')),
  missing_position TEXT NOT NULL DEFAULT 'keep' CHECK (missing_position IN ('keep', 'skip')),
  source_name    TEXT,
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL
) WITHOUT ROWID;

-- The Beatbook category a category value of imported files stands for.
CREATE TABLE import_category_map (
  value          TEXT PRIMARY KEY,
  station_id     TEXT NOT NULL,
  category_id    TEXT NOT NULL REFERENCES category (id) ON DELETE CASCADE,
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX import_category_map_by_category ON import_category_map (category_id);
