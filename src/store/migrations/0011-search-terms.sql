-- 0011-search-terms.sql: the full-text index of incidents keeps which incidents hold each word, not where
-- SPDX-License-Identifier: GPL-3.0-or-later

-- The incidents page searches for words, each as the start of a word,
-- all of them in an incident (bb_incident_filter_text_to_query): never a
-- phrase, a word near another, a column or a rank.  The index kept the
-- position of every word in every incident and each incident's length
-- for them: most of its size, and most of the time a large import spent
-- writing it.  detail=none keeps the incidents of each word; columnsize=0
-- drops the lengths.  The same triggers keep it up to date.
DROP TABLE incident_fts;
CREATE VIRTUAL TABLE incident_fts USING fts5 (
  description, address,
  content = 'incident', content_rowid = 'rowid',
  tokenize = 'unicode61 remove_diacritics 2',
  detail = none, columnsize = 0
);
INSERT INTO incident_fts (incident_fts) VALUES ('rebuild');
