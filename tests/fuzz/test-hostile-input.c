/* test-hostile-input.c: malformed and mutated files for every reader, without a fuzzer; rejections change nothing */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "bb-bundle.h"
#include "bb-ical.h"
#include "bb-import.h"
#include "bb-survey-import.h"
#include "bb-store.h"
#include "fuzz-targets.h"

/* Every file of tests/fuzz/corpus/TARGET and tests/fuzz/regressions/TARGET
 * (the inputs that once crashed Beatbook) goes through its target, then
 * BB_FUZZ_MUTATIONS (default 40) mutations of each: bits flipped, bytes
 * set to the characters parsers care about, inserted, deleted, chunks
 * repeated into enormous lines, files cut short or spliced together.
 * The same seed (BB_FUZZ_SEED) gives the same inputs.  Before each run
 * the input is written to LAST-INPUT, so a crash leaves what caused it. */

static char *last_input;

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* g_byte_array_insert_vals is newer than GLib 2.74. */
static void
insert_bytes (GByteArray   *array,
              guint         at,
              const guint8 *data,
              guint         n)
{
  g_array_insert_vals ((GArray *) array, at, data, n);
}

static GPtrArray *
load_folder (GPtrArray  *inputs,
             const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (folder, g_ptr_array_index (names, i), NULL);
      char *contents = NULL;
      gsize length;

      if (g_file_get_contents (path, &contents, &length, NULL))
        g_ptr_array_add (inputs, g_bytes_new_take (contents, length));
    }
  return inputs;
}

static const guint8 interesting[] = {
  0, 0xff, 0x7f, 0x80, '"', ',', ';', '\t', '\n', '\r', '{', '}', '[', ']', ':', '-', '.', 'e', '9', '=',
};

static GByteArray *
mutate (GRand     *rand,
        GBytes    *seed,
        GPtrArray *others)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (seed, &size);
  GByteArray *out = g_byte_array_sized_new ((guint) size + 64);
  guint rounds = (guint) g_rand_int_range (rand, 1, 5);

  g_byte_array_append (out, data, (guint) size);
  for (guint r = 0; r < rounds; r++)
    {
      guint len = out->len;
      guint at = len > 0 ? (guint) g_rand_int_range (rand, 0, (gint32) len) : 0;

      switch (g_rand_int_range (rand, 0, 8))
        {
        case 0: /* a bit flipped */
          if (len > 0)
            out->data[at] ^= (guint8) (1 << g_rand_int_range (rand, 0, 8));
          break;
        case 1: /* a byte parsers care about */
          if (len > 0)
            out->data[at] = interesting[g_rand_int_range (rand, 0, G_N_ELEMENTS (interesting))];
          break;
        case 2: /* a byte inserted */
          {
            guint8 b = interesting[g_rand_int_range (rand, 0, G_N_ELEMENTS (interesting))];
            insert_bytes (out, at, &b, 1);
          }
          break;
        case 3: /* a range deleted */
          if (len > 0)
            {
              guint n = (guint) g_rand_int_range (rand, 1, 64);

              g_byte_array_remove_range (out, at, MIN (len - at, n));
            }
          break;
        case 4: /* cut short */
          g_byte_array_set_size (out, at);
          break;
        case 5: /* a chunk repeated: enormous lines, deep nesting */
          if (len > 0)
            {
              guint want = (guint) g_rand_int_range (rand, 1, 16);
              guint n = MIN (len - at, want);
              guint times = (guint) g_rand_int_range (rand, 2, 2000);
              g_autofree guint8 *chunk = g_memdup2 (out->data + at, n);

              for (guint t = 0; t < times && out->len < (4u << 20); t++)
                insert_bytes (out, at, chunk, n);
            }
          break;
        case 6: /* spliced with another input */
          if (others->len > 0)
            {
              gsize other_size;
              GBytes *other = g_ptr_array_index (others, g_rand_int_range (rand, 0, (gint32) others->len));
              const guint8 *other_data = g_bytes_get_data (other, &other_size);
              guint from = other_size > 0 ? (guint) g_rand_int_range (rand, 0, (gint32) other_size) : 0;

              g_byte_array_set_size (out, at);
              g_byte_array_append (out, other_data + from, (guint) (other_size - from));
            }
          break;
        default: /* a number made huge or negative */
          {
            static const char * const numbers[] = { "1e999", "-0", "NaN", "99999999999999999999", "-2147483649",
                                                    "0x7fffffff", "4294967296", "1.7976931348623157e308" };
            const char *number = numbers[g_rand_int_range (rand, 0, G_N_ELEMENTS (numbers))];

            insert_bytes (out, at, (const guint8 *) number, (guint) strlen (number));
          }
          break;
        }
    }
  return out;
}

static void
run_one (const BbFuzzTargetInfo *target,
         const guint8           *data,
         gsize                   size)
{
  g_assert_true (g_file_set_contents (last_input, (const char *) data, (gssize) size, NULL));
  target->func (data, size);
}

static void
test_target (gconstpointer user_data)
{
  const BbFuzzTargetInfo *target = user_data;
  g_autofree char *corpus = g_test_build_filename (G_TEST_DIST, "fuzz", "corpus", target->name, NULL);
  g_autofree char *regressions = g_test_build_filename (G_TEST_DIST, "fuzz", "regressions", target->name, NULL);
  g_autoptr(GPtrArray) inputs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  const char *env = g_getenv ("BB_FUZZ_MUTATIONS");
  guint mutations = (guint) g_ascii_strtoull (env != NULL ? env : "40", NULL, 10);
  guint32 seed = (guint32) g_ascii_strtoull (g_getenv ("BB_FUZZ_SEED") ? g_getenv ("BB_FUZZ_SEED") : "20261202",
                                             NULL, 10);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed ^ g_str_hash (target->name));
  guint runs = 0;

  load_folder (inputs, corpus);
  load_folder (inputs, regressions);
  g_assert_cmpuint (inputs->len, >, 0);
  for (guint i = 0; i < inputs->len; i++)
    {
      gsize size;
      const guint8 *data = g_bytes_get_data (g_ptr_array_index (inputs, i), &size);

      run_one (target, data, size);
      runs++;
    }
  for (guint i = 0; i < inputs->len; i++)
    for (guint m = 0; m < mutations; m++)
      {
        g_autoptr(GByteArray) mutated = mutate (rand, g_ptr_array_index (inputs, i), inputs);

        run_one (target, mutated->data, mutated->len);
        runs++;
      }
  g_print ("%s: %u corpus files, %u runs, no crash\n", target->name, inputs->len, runs);
}

/* Rejections change nothing --------------------------------------------- */

static char *
checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

/* Imports @path for real into @store as a file of @folder's kind; FALSE
 * with @error when it was refused.  *@name_shown is the name the message
 * must give: the file's own, or for bundles (made from the corpus input
 * as the fuzz target makes them) the bundle's. */
static gboolean
import_for_real (BbStore     *store,
                 const char  *folder,
                 const char  *path,
                 const char  *survey_id,
                 char       **name_shown,
                 GError     **error)
{
  *name_shown = g_path_get_basename (path);
  if (g_str_equal (folder, "ical"))
    {
      g_autoptr(BbIcalImport) report = bb_ical_import_file (store, path, error);

      return report != NULL;
    }
  if (g_str_equal (folder, "survey-import"))
    {
      g_autoptr(BbSurveyImport) import = bb_survey_import_new (store, survey_id, path);
      g_autoptr(BbImportReport) report = NULL;

      if (bb_table_import_preview (BB_TABLE_IMPORT (import), 10, NULL, error))
        report = bb_table_import_run (BB_TABLE_IMPORT (import), FALSE, NULL, NULL, NULL, error);
      return report != NULL;
    }
  if (g_str_equal (folder, "bundle"))
    {
      g_autofree char *contents = NULL;
      g_autofree char *bundle = NULL;
      g_autoptr(BbBundleResult) result = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      bundle = bb_fuzz_bundle_file ((const guint8 *) contents, length);
      if (bundle == NULL)
        return TRUE;
      g_free (*name_shown);
      *name_shown = g_path_get_basename (bundle);
      result = bb_bundle_apply (store, bundle, FALSE, NULL, NULL, NULL, error);
      return result != NULL;
    }
  {
    g_autoptr(BbImport) import = bb_import_new (store, path);
    g_autoptr(BbImportReport) report = NULL;

    if (bb_import_preview (import, 10, NULL, error))
      report = bb_import_run (import, FALSE, NULL, NULL, NULL, error);
    return report != NULL;
  }
}

/* Every "bad-" file of the import, iCalendar, survey and bundle corpora,
 * imported for real into a closed station: either some of it is
 * imported, with a report, or it is refused with a message naming the
 * file, and then the station file is the same, byte for byte. */
static void
test_rejections_change_nothing (void)
{
  static const char * const folders[] = { "import-csv", "import-geojson", "ical", "survey-import", "bundle" };
  g_autofree char *station = g_build_filename (bb_fuzz_get_dir (), "rejections.beatbook", NULL);
  g_autofree char *survey_id = NULL;
  guint tried = 0, rejected = 0, partial = 0;
  guint tried_in[G_N_ELEMENTS (folders)] = { 0 };

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(BbStore) store = bb_store_create (station, "Rejections", &error);

    g_assert_no_error (error);
    survey_id = bb_fuzz_add_survey (store);
  }
  for (guint f = 0; f < G_N_ELEMENTS (folders); f++)
    {
      g_autofree char *folder = g_test_build_filename (G_TEST_DIST, "fuzz", "corpus", folders[f], NULL);
      g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
      const char *name;

      g_assert_nonnull (dir);
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (folder, name, NULL);
          g_autofree char *before = NULL;
          g_autofree char *after = NULL;
          g_autoptr(GError) error = NULL;
          g_autoptr(BbStore) store = NULL;
          g_autofree char *shown = NULL;
          gboolean refused;

          if (!g_str_has_prefix (name, "bad-"))
            continue;
          tried++;
          tried_in[f]++;
          before = checksum (station);
          store = bb_store_open (station, &error);
          g_assert_no_error (error);
          refused = !import_for_real (store, folders[f], path, survey_id, &shown, &error);
          g_clear_object (&store);
          if (!refused)
            {
              partial++;
              /* Later files start from what this one imported. */
              continue;
            }
          g_assert_nonnull (error);
          g_test_message ("%s: %s", name, error->message);
          /* The message names the file, so the user knows which. */
          if (strstr (error->message, shown) == NULL)
            g_error ("%s was refused with a message that does not name it: %s", name, error->message);
          rejected++;
          after = checksum (station);
          if (g_strcmp0 (before, after) != 0)
            g_error ("Refusing %s changed the station file", name);
        }
    }
  g_print ("malformed files: %u tried, %u refused with the station byte for byte unchanged, "
           "%u partly imported with a report\n", tried, rejected, partial);
  for (guint f = 0; f < G_N_ELEMENTS (folders); f++)
    {
      g_print ("  %s: %u\n", folders[f], tried_in[f]);
      g_assert_cmpuint (tried_in[f], >, 0);
    }
  g_assert_cmpuint (rejected, >, 0);
}

/* A CSV record of 20 MiB, a runaway quote: refused as too long, in
 * bounded memory. */
static void
test_enormous_line (void)
{
  g_autofree char *path = g_build_filename (bb_fuzz_get_dir (), "enormous.csv", NULL);
  g_autoptr(GString) text = g_string_new ("id,datetime,category,description\n1,2025-01-01,theft.bicycle,\"");
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStore) store = NULL;
  g_autoptr(BbImport) import = NULL;
  g_autofree char *station = g_build_filename (bb_fuzz_get_dir (), "enormous.beatbook", NULL);

  while (text->len < (20u << 20))
    g_string_append (text, "Bicycle taken from the school gate, again, ");
  g_assert_true (g_file_set_contents (path, text->str, (gssize) text->len, NULL));
  store = bb_store_create (station, "Enormous", &error);
  g_assert_no_error (error);
  import = bb_import_new (store, path);
  g_assert_false (bb_import_preview (import, 10, NULL, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "enormous.csv"));
  g_assert_cmpint (bb_store_count (store, "incident", NULL), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  bb_fuzz_init ();
  last_input = g_build_filename (g_getenv ("G_TEST_BUILDDIR") != NULL ? g_getenv ("G_TEST_BUILDDIR") : ".",
                                 "fuzz-last-input", NULL);
  g_test_message ("each input is written to %s before it runs", last_input);
  for (guint i = 0; i < bb_fuzz_n_targets; i++)
    {
      g_autofree char *path = g_strdup_printf ("/hostile/mutations/%s", bb_fuzz_targets[i].name);

      g_test_add_data_func (path, &bb_fuzz_targets[i], test_target);
    }
  g_test_add_func ("/hostile/rejections-change-nothing", test_rejections_change_nothing);
  g_test_add_func ("/hostile/enormous-line", test_enormous_line);
  return g_test_run ();
}
