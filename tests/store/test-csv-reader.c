/* test-csv-reader.c: CSV/TSV files as they come from the field, and the values in them */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "bb-csv-reader.h"
#include "bb-import-values.h"
#include "store-test-util.h"

static char *
write_file (const char *dir,
            const char *name,
            const char *data,
            gssize      length)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
  return path;
}

static void
assert_record (BbCsvReader        *reader,
               guint64             line,
               const char * const *fields)
{
  g_autoptr(GError) error = NULL;
  guint n = g_strv_length ((char **) fields);

  g_assert_true (bb_csv_reader_next (reader, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (bb_csv_reader_get_line (reader), ==, line);
  g_assert_cmpuint (bb_csv_reader_get_n_fields (reader), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpstr (bb_csv_reader_get_field (reader, i), ==, fields[i]);
      g_assert_cmpuint (bb_csv_reader_get_field_length (reader, i), ==, strlen (fields[i]));
    }
}

static void
assert_end (BbCsvReader *reader)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (bb_csv_reader_next (reader, &error));
  g_assert_no_error (error);
}

/* A BOM, CRLF line ends, quoted fields with separators, doubled quotes and
 * a newline inside, an empty line, and no newline at the end. */
static void
test_messy_utf8 (void)
{
  g_autofree char *dir = make_test_dir ();
  g_autofree char *path = NULL;
  g_autoptr(BbCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;

  path = write_file (dir, "messy.csv",
                     "\xEF\xBB\xBFid,address,description\r\n"
                     "1,\"Main Street 5, flat 2\",\"He said \"\"stop\"\"\"\r\n"
                     "\r\n"
                     "2,Rruga e Ullinjve,\"two\r\nlines\"\r\n"
                     "3,,last", -1);
  reader = bb_csv_reader_new (path, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bb_csv_reader_get_encoding (reader), ==, "UTF-8");
  g_assert_true (bb_csv_reader_get_had_bom (reader));
  g_assert_cmpint (bb_csv_reader_get_separator (reader), ==, ',');
  assert_record (reader, 1, (const char *[]) { "id", "address", "description", NULL });
  assert_record (reader, 2, (const char *[]) { "1", "Main Street 5, flat 2", "He said \"stop\"", NULL });
  assert_record (reader, 4, (const char *[]) { "2", "Rruga e Ullinjve", "two\r\nlines", NULL });
  assert_record (reader, 6, (const char *[]) { "3", "", "last", NULL });
  g_assert_false (bb_csv_reader_is_truncated (reader));
  assert_end (reader);
  g_assert_cmpfloat (bb_csv_reader_get_fraction (reader), ==, 1.0);
  rm_dir (dir);
}

static void
test_separators (void)
{
  g_autofree char *dir = make_test_dir ();
  g_autofree char *semi = NULL;
  g_autofree char *tab = NULL;
  g_autoptr(BbCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;

  /* decimal commas are why a file uses semicolons */
  semi = write_file (dir, "semi.csv", "Lat;Lon;Note\n47,052;28,861;\"a;b\"\n", -1);
  reader = bb_csv_reader_new (semi, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bb_csv_reader_get_separator (reader), ==, ';');
  assert_record (reader, 1, (const char *[]) { "Lat", "Lon", "Note", NULL });
  assert_record (reader, 2, (const char *[]) { "47,052", "28,861", "a;b", NULL });
  assert_end (reader);
  g_clear_pointer (&reader, bb_csv_reader_free);

  tab = write_file (dir, "tab.tsv", "a\tb,c\td\n1\t2,3\t4\n", -1);
  reader = bb_csv_reader_new (tab, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bb_csv_reader_get_separator (reader), ==, '\t');
  assert_record (reader, 1, (const char *[]) { "a", "b,c", "d", NULL });
  assert_record (reader, 2, (const char *[]) { "1", "2,3", "4", NULL });
  assert_end (reader);

  g_assert_cmpint (bb_csv_guess_separator ("\"x;y\",z", 7), ==, ',');
  rm_dir (dir);
}

/* "Кража велосипеда" (bicycle theft) and "Улица Ленина" in Windows-1251 */
static const char cp1251[] =
  "\xCA\xE0\xF2\xE5\xE3\xEE\xF0\xE8\xFF;\xC0\xE4\xF0\xE5\xF1\n"
  "\xCA\xF0\xE0\xE6\xE0 \xE2\xE5\xEB\xEE\xF1\xE8\xEF\xE5\xE4\xE0;\xD3\xEB\xE8\xF6\xE0 \xCB\xE5\xED\xE8\xED\xE0\n";

static void
test_legacy_encodings (void)
{
  g_autofree char *dir = make_test_dir ();
  g_autofree char *path = NULL;
  g_autofree char *turkish = NULL;
  g_autoptr(BbCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;

  path = write_file (dir, "cyrillic.csv", cp1251, -1);
  reader = bb_csv_reader_new (path, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bb_csv_reader_get_encoding (reader), ==, "WINDOWS-1251");
  assert_record (reader, 1, (const char *[]) { "Категория", "Адрес", NULL });
  assert_record (reader, 2, (const char *[]) { "Кража велосипеда", "Улица Ленина", NULL });
  assert_end (reader);
  g_clear_pointer (&reader, bb_csv_reader_free);

  /* "Şişli Mahallesi" in Windows-1254 */
  turkish = write_file (dir, "turkish.csv", "adres\n\xDE\xFE\x6C\x69 Mahallesi\n", -1);
  reader = bb_csv_reader_new (turkish, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bb_csv_reader_get_encoding (reader), ==, "WINDOWS-1254");
  assert_record (reader, 1, (const char *[]) { "adres", NULL });
  assert_record (reader, 2, (const char *[]) { "Şşli Mahallesi", NULL });
  g_clear_pointer (&reader, bb_csv_reader_free);

  /* the caller's choice wins over the guess */
  reader = bb_csv_reader_new (path, "ISO-8859-5", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bb_csv_reader_get_encoding (reader), ==, "ISO-8859-5");
  g_clear_pointer (&reader, bb_csv_reader_free);

  /* a file said to be UTF-8 that is not: an error naming file and line */
  reader = bb_csv_reader_new (path, "UTF-8", 0, &error);
  g_assert_no_error (error);
  g_assert_false (bb_csv_reader_next (reader, &error));
  g_assert_error (error, BB_CSV_ERROR, BB_CSV_ERROR_ENCODING);
  g_assert_nonnull (strstr (error->message, "cyrillic.csv, line 1"));
  g_clear_error (&error);
  g_clear_pointer (&reader, bb_csv_reader_free);

  reader = bb_csv_reader_new (path, "NO-SUCH-ENCODING", 0, &error);
  g_assert_error (error, BB_CSV_ERROR, BB_CSV_ERROR_ENCODING);
  g_assert_null (reader);
  rm_dir (dir);
}

/* Fields read as UTF-8 are checked eight bytes at a time while they are
 * plain ASCII: a byte that is not valid UTF-8, or a NUL, at any place of
 * a long field is still found, and valid text around it is kept. */
static void
test_utf8_check (void)
{
  g_autofree char *dir = make_test_dir ();

  for (guint at = 0; at < 20; at++)
    {
      static const char * const bad[] = { "\xFF", "\xC3", "\x80", "", NULL };

      for (guint b = 0; bad[b] != NULL; b++)
        {
          g_autofree char *name = g_strdup_printf ("bad-%u-%u.csv", at, b);
          g_autoptr(GString) text = g_string_new ("id,note\n1,");
          g_autoptr(BbCsvReader) reader = NULL;
          g_autoptr(GError) error = NULL;
          g_autofree char *path = NULL;
          g_autofree char *good = NULL;
          g_autofree char *expected = NULL;

          for (guint i = 0; i < 20; i++)
            {
              if (i == at)
                g_string_append_len (text, bad[b][0] != '\0' ? bad[b] : "\0", 1);
              else
                g_string_append_c (text, 'a' + i);
            }
          g_string_append (text, "\n2,caf\xC3\xA9 near the long street\n");
          path = write_file (dir, name, text->str, text->len);
          reader = bb_csv_reader_new (path, "UTF-8", 0, &error);
          g_assert_no_error (error);
          assert_record (reader, 1, (const char *[]) { "id", "note", NULL });
          g_assert_false (bb_csv_reader_next (reader, &error));
          g_assert_error (error, BB_CSV_ERROR, BB_CSV_ERROR_ENCODING);
          g_assert_nonnull (strstr (error->message, "line 2, column 2"));
          g_clear_error (&error);
          g_clear_pointer (&reader, bb_csv_reader_free);

          /* the same with valid text where the bad byte was */
          expected = g_strdup_printf ("%.*s\xC3\xA9%s", (int) at, "abcdefghijklmnopqrst", "abcdefghijklmnopqrst" + at);
          good = g_strdup_printf ("id,note\n1,%s\n", expected);
          g_free (path);
          path = write_file (dir, name, good, -1);
          reader = bb_csv_reader_new (path, "UTF-8", 0, &error);
          g_assert_no_error (error);
          assert_record (reader, 1, (const char *[]) { "id", "note", NULL });
          g_assert_true (bb_csv_reader_next (reader, &error));
          g_assert_no_error (error);
          g_assert_cmpstr (bb_csv_reader_get_field (reader, 1), ==, expected);
        }
    }
  rm_dir (dir);
}

static void
test_truncated (void)
{
  g_autofree char *dir = make_test_dir ();
  g_autofree char *path = NULL;
  g_autoptr(BbCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;

  path = write_file (dir, "cut.csv", "a,b\n1,\"complete\"\n2,\"cut in the mid", -1);
  reader = bb_csv_reader_new (path, NULL, 0, &error);
  g_assert_no_error (error);
  assert_record (reader, 1, (const char *[]) { "a", "b", NULL });
  assert_record (reader, 2, (const char *[]) { "1", "complete", NULL });
  g_assert_false (bb_csv_reader_is_truncated (reader));
  assert_record (reader, 3, (const char *[]) { "2", "cut in the mid", NULL });
  g_assert_true (bb_csv_reader_is_truncated (reader));
  assert_end (reader);
  rm_dir (dir);
}

/* Records across the reader's 1 MiB chunks keep their fields and lines. */
static void
test_large (void)
{
  g_autofree char *dir = make_test_dir ();
  g_autofree char *path = NULL;
  g_autoptr(BbCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) data = g_string_new ("n,text\r\n");
  guint n = 0;

  for (guint i = 0; i < 60000; i++)
    g_string_append_printf (data, "%u,\"line %u,\r\nsecond \"\"part\"\"\"\r\n", i, i);
  path = write_file (dir, "large.csv", data->str, data->len);
  reader = bb_csv_reader_new (path, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_true (bb_csv_reader_next (reader, &error));
  while (bb_csv_reader_next (reader, &error))
    {
      g_autofree char *expected = g_strdup_printf ("line %u,\r\nsecond \"part\"", n);

      g_assert_cmpuint (g_ascii_strtoull (bb_csv_reader_get_field (reader, 0), NULL, 10), ==, n);
      g_assert_cmpstr (bb_csv_reader_get_field (reader, 1), ==, expected);
      g_assert_cmpuint (bb_csv_reader_get_line (reader), ==, 2 + 2 * (guint64) n);
      n++;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 60000);
  rm_dir (dir);
}

static void
test_numbers (void)
{
  double v = 0;

  g_assert_true (bb_import_parse_number ("47,052", &v));
  g_assert_cmpfloat_with_epsilon (v, 47.052, 1e-12);
  g_assert_true (bb_import_parse_number (" -0,5 ", &v));
  g_assert_cmpfloat_with_epsilon (v, -0.5, 1e-12);
  g_assert_true (bb_import_parse_number ("1,234.5", &v));
  g_assert_cmpfloat_with_epsilon (v, 1234.5, 1e-12);
  g_assert_true (bb_import_parse_number ("491234.25", &v));
  g_assert_cmpfloat_with_epsilon (v, 491234.25, 1e-9);
  g_assert_false (bb_import_parse_number ("NA", &v));
  g_assert_false (bb_import_parse_number ("", &v));
  g_assert_false (bb_import_parse_number ("1,2,3", &v));
  g_assert_false (bb_import_parse_number ("12 m", &v));
  g_assert_false (bb_import_parse_number ("inf", &v));

  g_assert_true (bb_import_value_is_missing (""));
  g_assert_true (bb_import_value_is_missing ("  "));
  g_assert_true (bb_import_value_is_missing ("NA"));
  g_assert_true (bb_import_value_is_missing ("n/a"));
  g_assert_true (bb_import_value_is_missing ("NULL"));
  g_assert_false (bb_import_value_is_missing ("NAB"));
  g_assert_false (bb_import_value_is_missing ("0"));
}

static gint64
utc (const char *text,
     BbDateOrder order)
{
  BbImportDate date;

  g_assert_cmpint (bb_import_parse_date (text, order, &date), ==, BB_DATE_PARSE_OK);
  return bb_import_date_to_utc (&date, NULL);
}

static void
test_dates (void)
{
  g_autoptr(GTimeZone) tirane = g_time_zone_new_identifier ("Europe/Tirane");
  BbImportDate date;
  BbDateOrderVote vote = { 0 };
  gboolean ambiguous = FALSE;

  /* 2024-03-05 14:30 UTC is 1709649000 */
  g_assert_cmpint (utc ("2024-03-05T14:30:00Z", BB_DATE_ORDER_UNKNOWN), ==, 1709649000);
  g_assert_cmpint (utc ("2024-03-05 14:30", BB_DATE_ORDER_UNKNOWN), ==, 1709649000);
  g_assert_cmpint (utc ("2024-03-05T16:30:00+02:00", BB_DATE_ORDER_UNKNOWN), ==, 1709649000);
  g_assert_cmpint (utc ("05.03.2024 14:30", BB_DATE_ORDER_UNKNOWN), ==, 1709649000);
  g_assert_cmpint (utc ("05/03/2024 14:30", BB_DATE_ORDER_DMY), ==, 1709649000);
  g_assert_cmpint (utc ("03/05/2024 14:30", BB_DATE_ORDER_MDY), ==, 1709649000);
  g_assert_cmpint (utc ("25/03/2024", BB_DATE_ORDER_UNKNOWN), ==, 1711324800);
  g_assert_cmpint (bb_import_parse_date ("05/03/2024", BB_DATE_ORDER_UNKNOWN, &date), ==, BB_DATE_PARSE_AMBIGUOUS);
  g_assert_cmpint (bb_import_parse_date ("31/02/2024", BB_DATE_ORDER_DMY, &date), ==, BB_DATE_PARSE_INVALID);
  g_assert_cmpint (bb_import_parse_date ("2024-13-01", BB_DATE_ORDER_DMY, &date), ==, BB_DATE_PARSE_INVALID);
  g_assert_cmpint (bb_import_parse_date ("yesterday", BB_DATE_ORDER_DMY, &date), ==, BB_DATE_PARSE_INVALID);
  g_assert_cmpint (bb_import_parse_date ("2024-03-05 25:00", BB_DATE_ORDER_DMY, &date), ==, BB_DATE_PARSE_INVALID);

  /* month only: the whole month, in the station's time zone (CET, +1) */
  g_assert_cmpint (bb_import_parse_date ("2018-03", BB_DATE_ORDER_UNKNOWN, &date), ==, BB_DATE_PARSE_OK);
  g_assert_cmpint (date.precision, ==, BB_DATE_PRECISION_MONTH);
  g_assert_cmpint (bb_import_date_to_utc (&date, tirane), ==, 1519858800);      /* 2018-02-28T23:00Z */
  g_assert_cmpint (bb_import_date_end_utc (&date, tirane), ==, 1522533600 - 1); /* 2018-03-31T22:00Z (CEST) */
  g_assert_cmpint (bb_import_parse_date ("2024-02-29", BB_DATE_ORDER_UNKNOWN, &date), ==, BB_DATE_PARSE_OK);
  g_assert_cmpint (date.precision, ==, BB_DATE_PRECISION_DAY);
  g_assert_cmpint (bb_import_date_end_utc (&date, NULL) - bb_import_date_to_utc (&date, NULL), ==, 86399);

  /* the order of a column: one date with a day over 12 settles it */
  bb_date_order_vote_add (&vote, "03/04/2024");
  bb_date_order_vote_add (&vote, "05/06/2024");
  g_assert_cmpint (bb_date_order_vote_decide (&vote, &ambiguous), ==, BB_DATE_ORDER_UNKNOWN);
  g_assert_true (ambiguous);
  bb_date_order_vote_add (&vote, "04/23/2024");
  g_assert_cmpint (bb_date_order_vote_decide (&vote, &ambiguous), ==, BB_DATE_ORDER_MDY);
  g_assert_false (ambiguous);
  bb_date_order_vote_add (&vote, "23/04/2024");
  g_assert_cmpint (bb_date_order_vote_decide (&vote, &ambiguous), ==, BB_DATE_ORDER_UNKNOWN);
  g_assert_true (ambiguous);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv-reader/messy-utf8", test_messy_utf8);
  g_test_add_func ("/csv-reader/separators", test_separators);
  g_test_add_func ("/csv-reader/legacy-encodings", test_legacy_encodings);
  g_test_add_func ("/csv-reader/utf8-check", test_utf8_check);
  g_test_add_func ("/csv-reader/truncated", test_truncated);
  g_test_add_func ("/csv-reader/large", test_large);
  g_test_add_func ("/import-values/numbers", test_numbers);
  g_test_add_func ("/import-values/dates", test_dates);

  return g_test_run ();
}
