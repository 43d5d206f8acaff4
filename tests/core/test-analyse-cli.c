/* test-analyse-cli.c: the headless analyses on CSV files the test writes */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-analyse-cli"

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "bb-analyse-cli.h"
#include "bb-grid.h"
#include "bb-random.h"

typedef struct {
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("test-analyse-cli-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static char *
write_file (Fixture    *f,
            const char *name,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

/* Runs the analysis; the arguments end with NULL. */
static gboolean
run (GError **error,
     ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;
  const char *arg;

  g_ptr_array_add (args, (gpointer) "beatbook");
  va_start (ap, error);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  return bb_analyse_cli_execute (args->len - 1, (char **) args->pdata, error);
}

/* The output's rows as fields, header first. */
static GPtrArray *
read_csv (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (*lines[i] != '\0')
      g_ptr_array_add (rows, g_strsplit (lines[i], ",", -1));
  return rows;
}

static int
column (GPtrArray  *rows,
        const char *name)
{
  char **header = g_ptr_array_index (rows, 0);

  for (int i = 0; header[i] != NULL; i++)
    if (strcmp (header[i], name) == 0)
      return i;
  g_assert_not_reached ();
}

static double
number (GPtrArray *rows,
        guint      row,
        int        col)
{
  char **fields = g_ptr_array_index (rows, row);

  return g_ascii_strtod (fields[col], NULL);
}

/* PySAL esda's Gi* example through the command line: the rows are the
 * places. */
static void
test_cli_gistar_pysal (Fixture       *f,
                       gconstpointer  data)
{
  const double expected[] = { -1.39727626, -0.28917762, 0.65064964,
                              -0.28917762, 1.23452088, 2.02424331 };
  g_autofree char *in = write_file (f, "pysal.csv",
                                    "id,x,y,value\r\n"
                                    "a,10,10,2\r\n"
                                    "b,20,10,3\r\n"
                                    "c,40,10,3.2\r\n"
                                    "\"d, the square\",15,20,5\r\n"
                                    "e,30,20,8\r\n"
                                    "f,30,30,7\r\n");
  g_autofree char *out = g_build_filename (f->dir, "gistar.csv", NULL);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  int z, bin, line, nbrs;

  g_assert_true (run (&error, "--analyse", "gistar", "--input", in, "--output", out,
                      "--distance", "15", NULL));
  g_assert_no_error (error);

  rows = read_csv (out);
  g_assert_cmpuint (rows->len, ==, 7);
  z = column (rows, "gi_star_z");
  bin = column (rows, "bin");
  line = column (rows, "line");
  nbrs = column (rows, "neighbours");
  for (guint i = 0; i < 6; i++)
    {
      g_assert_cmpfloat_with_epsilon (number (rows, i + 1, z), expected[i], 1e-6);
      g_assert_cmpfloat (number (rows, i + 1, line), ==, i + 2);
    }
  g_assert_cmpfloat (number (rows, 6, bin), ==, 2);
  g_assert_cmpfloat (number (rows, 4, nbrs), ==, 3);
}

/* A Gaussian heat map through the command line integrates to the number
 * of incidents. */
static void
test_cli_kde (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GString) csv = g_string_new ("x,y\n");
  g_autofree char *in = NULL;
  g_autofree char *out = g_build_filename (f->dir, "kde.csv", NULL);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  BbRandom rng;
  double sum = 0;
  int density;

  bb_random_init (&rng, 5);
  for (guint i = 0; i < 200; i++)
    g_string_append_printf (csv, "%.2f,%.2f\n", bb_random_normal (&rng, 500, 80),
                            bb_random_normal (&rng, 300, 50));
  in = write_file (f, "points.csv", csv->str);

  g_assert_true (run (&error, "--analyse=kde", "--input", in, "--output", out,
                      "--kernel", "gaussian", "--bandwidth", "40", "--cell", "10", NULL));
  g_assert_no_error (error);

  rows = read_csv (out);
  density = column (rows, "density");
  g_assert_cmpint (column (rows, "x"), ==, 2);
  for (guint r = 1; r < rows->len; r++)
    sum += number (rows, r, density);
  /* Cells of 0.0001 km². */
  g_assert_cmpfloat_with_epsilon (sum * 1e-4 / 200, 1.0, 0.01);
}

/* Positions in degrees come back in degrees. */
static void
test_cli_kde_lonlat (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *in = write_file (f, "lonlat.csv",
                                    "lat,lon\n"
                                    "41.3275,19.8187\n"
                                    "41.3280,19.8190\n"
                                    "41.3300,19.8200\n");
  g_autofree char *out = g_build_filename (f->dir, "kde-lonlat.csv", NULL);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  int lon, lat;

  g_assert_true (run (&error, "--analyse", "kde", "--lonlat", "--input", in, "--output", out,
                      "--bandwidth", "100", "--cell", "20", NULL));
  g_assert_no_error (error);
  rows = read_csv (out);
  lon = column (rows, "lon");
  lat = column (rows, "lat");
  for (guint r = 1; r < rows->len; r++)
    {
      g_assert_cmpfloat (fabs (number (rows, r, lon) - 19.819), <, 0.01);
      g_assert_cmpfloat (fabs (number (rows, r, lat) - 41.329), <, 0.01);
    }
}

/* Planted near repeats with ISO 8601 times and plain dates. */
static void
test_cli_knox (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GString) csv = g_string_new ("x,y,time\n");
  g_autofree char *in = NULL;
  g_autofree char *out = g_build_filename (f->dir, "knox.csv", NULL);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) start = g_date_time_new_utc (2024, 1, 1, 0, 0, 0);
  BbRandom rng;

  bb_random_init (&rng, 8);
  for (guint i = 0; i < 300; i++)
    {
      double x = bb_random_uniform (&rng, 0, 4000), y = bb_random_uniform (&rng, 0, 4000);
      g_autoptr(GDateTime) when = g_date_time_add_seconds (start, bb_random_uniform (&rng, 0, 365 * 86400.0));
      g_autofree char *iso = g_date_time_format_iso8601 (when);

      g_string_append_printf (csv, "%.1f,%.1f,%s\n", x, y, iso);
      if (i % 4 == 0)
        {
          g_autoptr(GDateTime) again = g_date_time_add_days (when, 2);
          g_autofree char *date = g_date_time_format (again, "%Y-%m-%d");

          g_string_append_printf (csv, "%.1f,%.1f,%s\n", x + 30, y - 20, date);
        }
    }
  in = write_file (f, "burglaries.csv", csv->str);

  g_assert_true (run (&error, "--analyse", "knox", "--input", in, "--output", out,
                      "--spatial-bands", "100,200,400", "--temporal-bands", "7,14,21",
                      "--permutations", "99", "--seed", "3", NULL));
  g_assert_no_error (error);

  rows = read_csv (out);
  g_assert_cmpuint (rows->len, ==, 1 + 16);
  g_assert_cmpfloat (number (rows, 1, column (rows, "spatial_to")), ==, 100);
  g_assert_cmpfloat (number (rows, 1, column (rows, "temporal_to")), ==, 7);
  g_assert_cmpfloat (number (rows, 1, column (rows, "observed")), >=, 75);
  g_assert_cmpfloat (number (rows, 1, column (rows, "ratio")), >, 5);
  g_assert_cmpfloat (number (rows, 1, column (rows, "p")), ==, 0.01);
  g_assert_true (isinf (number (rows, 16, column (rows, "spatial_to"))));
}

/* Two 28-day periods: a cell going 2 → 6 is worth watching at most, one
 * going 70 → 100 is a significant rise. */
static void
test_cli_trend (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GString) csv = g_string_new ("x,y,days\n");
  g_autofree char *in = NULL;
  g_autofree char *out = g_build_filename (f->dir, "trend.csv", NULL);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  const struct { double x, y; guint before, after; } cells[] = {
    { 50, 50, 2, 6 }, { 150, 50, 70, 100 }, { 250, 50, 30, 30 },
  };
  int prev, cur, change;

  /* The period ends on day 56: (0, 28] and (28, 56]. */
  for (guint c = 0; c < G_N_ELEMENTS (cells); c++)
    {
      for (guint i = 0; i < cells[c].before; i++)
        g_string_append_printf (csv, "%g,%g,%g\n", cells[c].x, cells[c].y, 1 + 26.0 * i / cells[c].before);
      for (guint i = 0; i < cells[c].after; i++)
        g_string_append_printf (csv, "%g,%g,%g\n", cells[c].x, cells[c].y, 29 + 26.0 * i / cells[c].after);
    }
  g_string_append (csv, "250,50,56\n");
  in = write_file (f, "periods.csv", csv->str);

  g_assert_true (run (&error, "--analyse", "trend", "--input", in, "--output", out,
                      "--cell", "100", "--period", "28", "--slices", "2", NULL));
  g_assert_no_error (error);

  rows = read_csv (out);
  prev = column (rows, "previous");
  cur = column (rows, "current");
  change = column (rows, "change");
  g_assert_cmpuint (rows->len, ==, 4);
  g_assert_cmpfloat (number (rows, 1, prev), ==, 2);
  g_assert_cmpfloat (number (rows, 1, cur), ==, 6);
  g_assert_cmpstr (((char **) g_ptr_array_index (rows, 1))[change], ==, "watch-rise");
  g_assert_cmpfloat (number (rows, 2, cur), ==, 100);
  g_assert_cmpstr (((char **) g_ptr_array_index (rows, 2))[change], ==, "significant-rise");
  g_assert_cmpfloat (number (rows, 3, cur), ==, 31);
  g_assert_cmpstr (((char **) g_ptr_array_index (rows, 3))[change], ==, "noise");
}

/* The same four weeks a year before: 20 → 5 is a significant fall. */
static void
test_cli_trend_versus_year (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GString) csv = g_string_new ("x,y,days\n");
  g_autofree char *in = NULL;
  g_autofree char *out = g_build_filename (f->dir, "trend-year.csv", NULL);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  /* Last period (372, 400]; a year before (7, 35]. */
  for (guint i = 0; i < 20; i++)
    g_string_append_printf (csv, "10,10,%u\n", 8 + i);
  for (guint i = 0; i < 5; i++)
    g_string_append_printf (csv, "10,10,%u\n", 380 + i);
  g_string_append (csv, "10,10,400\n");
  in = write_file (f, "year.csv", csv->str);

  g_assert_true (run (&error, "--analyse", "trend", "--input", in, "--output", out,
                      "--versus", "year", NULL));
  g_assert_no_error (error);
  rows = read_csv (out);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpfloat (number (rows, 1, column (rows, "previous")), ==, 20);
  g_assert_cmpfloat (number (rows, 1, column (rows, "current")), ==, 6);
  g_assert_cmpstr (((char **) g_ptr_array_index (rows, 1))[column (rows, "change")], ==, "significant-fall");
}

/* Eight four-week slices of a 2 km town with one to three incidents a
 * cell and slice, and a 300 m square that grows from nothing: emerging hot spots
 * call its centre intensifying, and the quiet corner none. */
static void
test_cli_emerging (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GString) csv = g_string_new ("x,y,days\n");
  g_autofree char *in = NULL;
  g_autofree char *out = g_build_filename (f->dir, "emerging.csv", NULL);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  int pattern, hot, col, row;
  gboolean found_centre = FALSE;

  for (guint s = 0; s < 8; s++)
    {
      for (guint r = 0; r < 20; r++)
        for (guint c = 0; c < 20; c++)
          for (guint k = 0; k < 1 + (r * 7 + c * 13 + s * 5) % 3; k++)
            g_string_append_printf (csv, "%u,%u,%u\n", c * 100 + 50, r * 100 + 50, s * 28 + 1 + (r * 20 + c + k) % 27);
      for (guint k = 0; k < 3 * s; k++)
        for (guint dy = 0; dy < 3; dy++)
          for (guint dx = 0; dx < 3; dx++)
            g_string_append_printf (csv, "%u,%u,%u\n", 950 + dx * 100, 950 + dy * 100, s * 28 + 2 + k % 26);
    }
  in = write_file (f, "emerging-in.csv", csv->str);

  g_assert_true (run (&error, "--analyse", "emerging", "--input", in, "--output", out,
                      "--cell", "100", "--distance", "150", "--period", "28", NULL));
  g_assert_no_error (error);
  rows = read_csv (out);
  pattern = column (rows, "pattern");
  hot = column (rows, "hot_slices");
  col = column (rows, "col");
  row = column (rows, "row");
  g_assert_cmpint (column (rows, "mk_z"), >=, 0);
  g_assert_cmpuint (rows->len, ==, 401);
  for (guint i = 1; i < rows->len; i++)
    {
      char **line = g_ptr_array_index (rows, i);

      if (number (rows, i, col) == 10 && number (rows, i, row) == 10)
        {
          g_assert_cmpstr (line[pattern], ==, "intensifying");
          g_assert_cmpfloat (number (rows, i, hot), >=, 5);
          found_centre = TRUE;
        }
      if (number (rows, i, col) == 0 && number (rows, i, row) == 0)
        g_assert_cmpstr (line[pattern], ==, "none");
    }
  g_assert_true (found_centre);

  /* Without cells there is no grid to find them on. */
  g_assert_false (run (&error, "--analyse", "emerging", "--input", in, "--output", out, NULL));
  g_assert_error (error, BB_ANALYSE_CLI_ERROR, BB_ANALYSE_CLI_ERROR_OPTION);
}

/* Bad rows stop the run and say where. */
static void
test_cli_bad_rows (Fixture       *f,
                   gconstpointer  data)
{
  const struct { const char *csv; const char *analyse; const char *message; } cases[] = {
    { "x,y,value\n1,2,3\n4,five,6\n", "gistar", "bad.csv:3: column “y”: “five” is not a number." },
    { "x,y,value\n1,2,3\n\n4,5\n", "gistar", "bad.csv:4: expected 3 fields as in the header, found 2." },
    { "x,y,time\n1,2,2024-13-45\n", "knox", "bad.csv:2: column “time”: “2024-13-45” is neither" },
    { "east,north\n1,2\n", "kde", "bad.csv:1: the header has no “x” and “y” columns" },
    { "x,y,value\n1,2,\"3\n", "gistar", "bad.csv:2: a quoted field is not closed." },
    { "lon,lat\n191,2\n", "kde", "bad.csv:2: “191, 2” is not a longitude and latitude" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *in = write_file (f, "bad.csv", cases[i].csv);
      g_autofree char *out = g_build_filename (f->dir, "never.csv", NULL);
      g_autoptr(GError) error = NULL;
      g_autofree char *prefix = g_strconcat (in, cases[i].message + strlen ("bad.csv"), NULL);

      g_assert_false (run (&error, "--analyse", cases[i].analyse, "--input", in, "--output", out,
                           "--distance", "10", NULL));
      g_assert_error (error, BB_ANALYSE_CLI_ERROR, BB_ANALYSE_CLI_ERROR_INPUT);
      if (!g_str_has_prefix (error->message, prefix))
        g_error ("“%s” does not start with “%s”", error->message, prefix);
      g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
    }
}

static void
test_cli_bad_options (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *in = write_file (f, "ok.csv", "x,y\n1,2\n3,4\n5,7\n");
  g_autofree char *out = g_build_filename (f->dir, "out.csv", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (run (&error, "--analyse", "heatmap", "--input", in, "--output", out, NULL));
  g_assert_error (error, BB_ANALYSE_CLI_ERROR, BB_ANALYSE_CLI_ERROR_OPTION);
  g_clear_error (&error);

  g_assert_false (run (&error, "--analyse", "kde", "--input", in, NULL));
  g_assert_error (error, BB_ANALYSE_CLI_ERROR, BB_ANALYSE_CLI_ERROR_OPTION);
  g_clear_error (&error);

  g_assert_false (run (&error, "--analyse", "kde", "--input", in, "--output", out,
                       "--kernel", "triangle", NULL));
  g_assert_error (error, BB_ANALYSE_CLI_ERROR, BB_ANALYSE_CLI_ERROR_OPTION);
  g_clear_error (&error);

  g_assert_false (run (&error, "--analyse", "knox", "--input", in, "--output", out, NULL));
  g_assert_error (error, BB_ANALYSE_CLI_ERROR, BB_ANALYSE_CLI_ERROR_INPUT);
  g_clear_error (&error);

  /* Points without values need cells. */
  g_assert_false (run (&error, "--analyse", "gistar", "--input", in, "--output", out,
                       "--distance", "5", NULL));
  g_assert_error (error, BB_ANALYSE_CLI_ERROR, BB_ANALYSE_CLI_ERROR_OPTION);
  g_clear_error (&error);

  g_assert_false (run (&error, "--analyse", "gistar", "--input", in, "--output", out,
                       "--distance", "5", "--cell", "1", "--bogus", NULL));
  g_assert_error (error, BB_ANALYSE_CLI_ERROR, BB_ANALYSE_CLI_ERROR_OPTION);
}

/* The exit status and the messages a script sees. */
static void
test_cli_exit_status (Fixture       *f,
                      gconstpointer  data)
{
  if (g_test_subprocess ())
    {
      const char *dir = g_getenv ("TEST_CLI_DIR");
      g_autofree char *in = g_build_filename (dir, "bad.csv", NULL);
      g_autofree char *out = g_build_filename (dir, "out.csv", NULL);
      char *argv[] = { (char *) "beatbook", (char *) "--analyse", (char *) "kde",
                       (char *) "--input", in, (char *) "--output", out, NULL };
      char *help[] = { (char *) "beatbook", (char *) "--help", NULL };

      g_assert_cmpint (bb_analyse_cli_run (2, help), ==, 0);
      g_assert_cmpint (bb_analyse_cli_run (7, argv), ==, 1);
      return;
    }
  else
    {
      g_autofree char *in = write_file (f, "bad.csv", "x,y\n1,2\n3,x\n");

      g_setenv ("TEST_CLI_DIR", f->dir, TRUE);
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      g_test_trap_assert_stdout ("*--analyse=NAME*--spatial-bands=LIST*");
      g_test_trap_assert_stderr ("*bad.csv:3: column*y*x*is not a number*");
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/analyse-cli/gistar-pysal", test_cli_gistar_pysal);
  ADD ("/analyse-cli/kde", test_cli_kde);
  ADD ("/analyse-cli/kde-lonlat", test_cli_kde_lonlat);
  ADD ("/analyse-cli/knox", test_cli_knox);
  ADD ("/analyse-cli/trend", test_cli_trend);
  ADD ("/analyse-cli/trend-versus-year", test_cli_trend_versus_year);
  ADD ("/analyse-cli/emerging", test_cli_emerging);
  ADD ("/analyse-cli/bad-rows", test_cli_bad_rows);
  ADD ("/analyse-cli/bad-options", test_cli_bad_options);
  ADD ("/analyse-cli/exit-status", test_cli_exit_status);

  return g_test_run ();
}
