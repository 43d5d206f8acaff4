/* bench-render.c: a 100-page report to PDF, beside a pycairo + PangoCairo script drawing the same pages */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-render"

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "bb-chart.h"
#include "bb-demo-station.h"
#include "bb-print-document.h"
#include "bb-public-map.h"
#include "bb-templates.h"

static int n_pages = 100;
static int reps = 5;
static gboolean no_peer = FALSE;
static char *peer_python = NULL;
static char *peer_script = NULL;
static char *keep_dir = NULL;
static char *poster_station = NULL;
static char *only = NULL;

static const GOptionEntry entries[] = {
  { "pages", 0, 0, G_OPTION_ARG_INT, &n_pages, "Pages of the report (100)", "N" },
  { "reps", 0, 0, G_OPTION_ARG_INT, &reps, "Repetitions; the best is kept (5)", "N" },
  { "no-peer", 0, 0, G_OPTION_ARG_NONE, &no_peer, "Do not run the pycairo peer", NULL },
  { "python", 0, 0, G_OPTION_ARG_FILENAME, &peer_python, "Python with pycairo and PyGObject (/usr/bin/python3)", "PATH" },
  { "peer", 0, 0, G_OPTION_ARG_FILENAME, &peer_script, "The peer script (bench/peers/render_pycairo.py)", "PATH" },
  { "keep", 0, 0, G_OPTION_ARG_FILENAME, &keep_dir, "Keep both reports as ours.pdf and peer.pdf here", "DIR" },
  { "poster-station", 0, 0, G_OPTION_ARG_FILENAME, &poster_station,
    "A large station (bench/million.beatbook) for the heat-map poster", "FILE" },
  { "only", 0, 0, G_OPTION_ARG_STRING, &only, "Run one part: report, briefing or poster (all)", "PART" },
  { NULL }
};

/* The same words, sizes and positions as bench/peers/render_pycairo.py. */
static const char *const paragraphs[] = {
  "The neighbourhood officer met residents of the northern estate three times this quarter. Their main "
  "concerns were poor street lighting along the river path, speeding on the school road and groups of "
  "young people gathering late in the evening near the shops.",
  "Together with the municipality and the school, the station agreed on a plan: new lights on the river "
  "path before winter, speed checks twice a week at school times, and an open evening at the youth centre "
  "run with the social services and a local sports club.",
  "Burglaries in the old town fell after the lighting work, while reports of fraud against older residents "
  "rose; a leaflet campaign with the pensioners' association and the post office starts next month.",
};

/* Wall-clock and processor seconds: the processor time of this process is
 * what the machine's other load does not change. */
typedef struct {
  double wall, cpu;
} Took;

static double
cpu_now (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static Took
took_start (void)
{
  return (Took) { g_get_monotonic_time () / 1e6, cpu_now () };
}

static Took
took_since (Took start)
{
  return (Took) { g_get_monotonic_time () / 1e6 - start.wall, cpu_now () - start.cpu };
}

/* The best of each, run by run. */
static void
took_keep_best (Took *best,
                Took  run)
{
  best->wall = MIN (best->wall, run.wall);
  best->cpu = MIN (best->cpu, run.cpu);
}

static gboolean
runs (const char *part)
{
  return only == NULL || g_str_equal (only, part);
}

static void
build_page (BbPrintDocument *doc,
            int              index)
{
  BbPage *page = bb_print_document_add_page (doc);
  BbColor navy = bb_color_rgb (0x1b3a5c);
  BbColor white = bb_color_rgb (0xffffff);
  BbColor amber = bb_color_rgb (0xd98c1f);
  BbTextStyle title = bb_text_style (20, 700, &white);
  BbTextStyle body = bb_text_style (10, 400, NULL);
  BbTextStyle footer = bb_text_style (8, 400, NULL);
  g_autofree char *heading = g_strdup_printf ("District report %d", index + 1);
  g_autofree char *page_no = g_strdup_printf ("Page %d of %d", index + 1, n_pages);
  BbFrame *frame;
  BbTable *table;
  BbChart *chart;
  double values[8];
  const char *labels[] = { "Theft", "Burglary", "Assault", "Fraud", "Drugs", "Vandalism", "Traffic", "Noise", NULL };
  const char *head[] = { "District", "This quarter", "Last quarter", "Change", NULL };

  bb_page_add_rect (page, 0, 0, 595.28, 80, &navy, NULL, 0, 0);
  bb_page_add_text (page, "title", 50, 25, 495, 40, &title, heading);
  body.space_after = 8;
  frame = bb_page_add_frame (page, "body", 50, 100, 495, 250);
  for (guint i = 0; i < G_N_ELEMENTS (paragraphs); i++)
    bb_frame_add_paragraph (frame, &body, paragraphs[i]);

  table = bb_page_add_table (page, "table", 50, 330, 495, 260, 4, NULL);
  bb_table_add_row (table, TRUE, head);
  for (int r = 0; r < 12; r++)
    {
      g_autofree char *name = g_strdup_printf ("District %d", r + 1);
      g_autofree char *now = g_strdup_printf ("%d", (index * 7 + r * 13) % 90 + 5);
      g_autofree char *before = g_strdup_printf ("%d", (index * 5 + r * 11) % 90 + 5);
      const char *cells[] = { name, now, before, "no real change", NULL };

      bb_table_add_row (table, FALSE, cells);
    }

  for (int i = 0; i < 8; i++)
    values[i] = (index * 3 + i * 17) % 50 + 10;
  chart = bb_chart_new (BB_CHART_BARS, "Incidents by category");
  bb_chart_set_labels (chart, labels);
  bb_chart_add_series (chart, "This quarter", &amber, values, 8);
  bb_page_add_chart (page, 50, 600, 495, 180, chart);
  bb_page_add_text (page, "footer", 50, 800, 495, 14, &footer, page_no);
}

static Took
render_once (const char *path)
{
  g_autoptr(BbPrintDocument) doc = NULL;
  g_autoptr(BbRenderResult) result = NULL;
  g_autoptr(GError) error = NULL;
  Took start = took_start ();

  doc = bb_print_document_new (BB_PAPER_A4, FALSE);
  for (int i = 0; i < n_pages; i++)
    build_page (doc, i);
  if (!bb_print_document_write_pdf (doc, path, &result, &error))
    {
      g_printerr ("%s\n", error->message);
      exit (1);
    }
  if (result->warnings->len > 0)
    {
      BbRenderWarning *w = g_ptr_array_index (result->warnings, 0);

      g_printerr ("The report overflowed: %s\n", w->message);
      exit (1);
    }
  return took_since (start);
}

/* The quarterly briefing of the full demo station (about 24,000
 * incidents): the queries, the layout and the PDF; @build gets the
 * document's making (queries, map image, charts, measuring) and @write
 * the drawing of its pages into the PDF. */
static Took
briefing_seconds (const char *dir,
                  Took       *build,
                  Took       *write)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = g_build_filename (dir, "demo.beatbook", NULL);
  g_autofree char *pdf = g_build_filename (dir, "briefing.pdf", NULL);
  g_autoptr(BbStore) store = NULL;
  g_autoptr(BbStation) station = NULL;
  g_autoptr(BbBranding) branding = NULL;
  BbDemoOptions demo;
  Took best = { G_MAXDOUBLE, G_MAXDOUBLE };

  bb_demo_options_init_default (&demo);
  store = bb_demo_station_create (db, &demo, NULL, NULL, NULL, &error);
  if (store == NULL || (station = bb_store_station_get (store, &error)) == NULL)
    {
      g_printerr ("%s\n", error->message);
      exit (1);
    }
  branding = bb_branding_new_from_station (station);
  *build = *write = best;
  for (int r = 0; r < reps; r++)
    {
      g_autoptr(BbPrintDocument) doc = NULL;
      g_autoptr(BbWithheld) withheld = NULL;
      BbBriefingOptions options;
      Took start = took_start (), written;

      bb_briefing_options_init (&options, 2026, 3);
      doc = bb_briefing_build (store, branding, &options, &withheld, &error);
      took_keep_best (build, took_since (start));
      written = took_start ();
      if (doc == NULL || !bb_print_document_write_pdf (doc, pdf, NULL, &error))
        {
          g_printerr ("%s\n", error->message);
          exit (1);
        }
      took_keep_best (write, took_since (written));
      took_keep_best (&best, took_since (start));
      bb_briefing_options_clear (&options);
    }
  g_clear_object (&store);
  g_unlink (pdf);
  g_unlink (db);
  {
    g_autofree char *wal = g_strconcat (db, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }
  return best;
}

/* An A3 poster of every public incident the station holds on its map,
 * counted per 250 m square: its time and the size of its PDF. */
static void
heat_map_poster (const char *station,
                 const char *path,
                 Took       *seconds,
                 double     *megabytes,
                 gint64     *n_incidents)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStore) store = bb_store_open (station, &error);
  g_autoptr(BbPrintDocument) doc = NULL;
  g_autoptr(BbWithheld) withheld = bb_withheld_new ();
  BbPublicMapOptions options;
  BbStaticMap *map;
  BbPage *page;
  BbColor navy = bb_color_rgb (0x1b3a5c);
  BbColor white = bb_color_rgb (0xffffff);
  BbTextStyle title = bb_text_style (36, 700, &white);
  Took start;
  double w, h;
  GStatBuf st;

  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      exit (1);
    }
  *n_incidents = bb_store_count (store, "incident", NULL);
  start = took_start ();
  bb_public_map_options_init (&options);
  options.language = "en";
  options.legend_title = "Incidents of the last two years per 250 m square";
  map = bb_public_map_new (store, &options, withheld, &error);
  if (map == NULL)
    {
      g_printerr ("%s\n", error->message);
      exit (1);
    }
  doc = bb_print_document_new (BB_PAPER_A3, FALSE);
  bb_print_document_get_trim_size (doc, &w, &h);
  page = bb_print_document_add_page (doc);
  bb_page_add_rect (page, 0, 0, w, 110, &navy, NULL, 0, 0);
  bb_page_add_text (page, "title", 50, 35, w - 100, 60, &title, "Where incidents happen");
  bb_page_add_map (page, "map", 50, 140, w - 100, h - 200, map);
  if (!bb_print_document_write_pdf (doc, path, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      exit (1);
    }
  *seconds = took_since (start);
  *megabytes = g_stat (path, &st) == 0 ? st.st_size / 1e6 : -1;
}

/* The peer's best pages/s by the wall clock and by its processor time;
 * FALSE when it could not run. */
static gboolean
run_peer (const char *path,
          double     *wall_rate,
          double     *cpu_rate)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *pages = g_strdup_printf ("%d", n_pages);
  g_autofree char *repeat = g_strdup_printf ("%d", reps);
  const char *argv[] = { peer_python ? peer_python : "/usr/bin/python3",
                         peer_script ? peer_script : BENCH_PEER_DIR "/render_pycairo.py",
                         "--pages", pages, "--reps", repeat, "--output", path, NULL };
  int status = 0;
  char *end = NULL;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    {
      g_printerr ("The pycairo peer failed (install python3-gi-cairo and gir1.2-pango-1.0): %s\n",
                  error->message);
      return FALSE;
    }
  *wall_rate = g_ascii_strtod (out, &end);
  *cpu_rate = g_ascii_strtod (end, NULL);
  return *wall_rate > 0 && *cpu_rate > 0;
}

static char *
ratio_of (double ours,
          double peer)
{
  return peer > 0 ? g_strdup_printf ("%.2f×", ours / peer) : g_strdup ("–");
}

static char *
rate_of (double rate)
{
  return rate > 0 ? g_strdup_printf ("%.0f pages/s", rate) : g_strdup ("–");
}

static void
report (const char *dir)
{
  g_autofree char *ours_path = g_build_filename (dir, "ours.pdf", NULL);
  g_autofree char *peer_path = g_build_filename (dir, "peer.pdf", NULL);
  g_autofree char *workload = NULL;
  Took best = { G_MAXDOUBLE, G_MAXDOUBLE };
  double peer_wall = -1, peer_cpu = -1;
  GStatBuf st;

  render_once (ours_path);   /* fonts and caches warm, as in the peer */
  for (int r = 0; r < reps; r++)
    took_keep_best (&best, render_once (ours_path));
  if (g_stat (ours_path, &st) == 0)
    g_printerr ("ours: %d pages in %.3f s wall, %.3f s processor, %.0f KiB\n",
                n_pages, best.wall, best.cpu, st.st_size / 1024.0);
  if (!no_peer && run_peer (peer_path, &peer_wall, &peer_cpu) && g_stat (peer_path, &st) == 0)
    g_printerr ("peer: %.0f pages/s wall, %.0f pages/s processor, %.0f KiB\n",
                peer_wall, peer_cpu, st.st_size / 1024.0);

  workload = g_strdup_printf ("A4, %d pages of text, a 13-row table and a bar chart", n_pages);
  {
    g_autofree char *ours_text = rate_of (n_pages / best.wall);
    g_autofree char *peer_text = rate_of (peer_wall);
    g_autofree char *ratio_text = ratio_of (n_pages / best.wall, peer_wall);

    printf ("BENCH\trender report to PDF (wall clock)\t%s\t%s\t%s\t%s\t≥ 200 pages/s\n",
            workload, ours_text, peer_text, ratio_text);
  }
  {
    g_autofree char *ours_text = rate_of (n_pages / best.cpu);
    g_autofree char *peer_text = rate_of (peer_cpu);
    g_autofree char *ratio_text = ratio_of (n_pages / best.cpu, peer_cpu);

    printf ("BENCH\trender report to PDF (processor time)\t%s\t%s\t%s\t%s\t≥ 200 pages/s, above the peer\n",
            workload, ours_text, peer_text, ratio_text);
  }
  if (keep_dir != NULL)
    {
      g_autofree char *a = g_build_filename (keep_dir, "ours.pdf", NULL);
      g_autofree char *b = g_build_filename (keep_dir, "peer.pdf", NULL);

      g_rename (ours_path, a);
      g_rename (peer_path, b);
    }
  g_unlink (ours_path);
  g_unlink (peer_path);
}

static void
briefing (const char *dir)
{
  Took build, write, all = briefing_seconds (dir, &build, &write);

  printf ("BENCH\tquarterly press briefing to PDF (wall clock)\tdemo station, ~24,000 incidents, 2026-Q3\t"
          "%.0f ms\t–\t–\t< 1 s\n", all.wall * 1000);
  printf ("BENCH\tquarterly press briefing to PDF (processor time)\tdemo station, ~24,000 incidents, 2026-Q3\t"
          "%.0f ms (document %.0f ms, PDF %.0f ms)\t–\t–\t< 1 s\n",
          all.cpu * 1000, build.cpu * 1000, write.cpu * 1000);
}

static void
poster (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "poster.pdf", NULL);
  g_autofree char *work = NULL;
  double megabytes;
  Took seconds;
  gint64 n;

  heat_map_poster (poster_station, path, &seconds, &megabytes, &n);
  work = g_strdup_printf ("A3 poster, map of %" G_GINT64_FORMAT " incidents per 250 m square", n);
  printf ("BENCH\theat-map poster to PDF: file size\t%s\t%.2f MB\t–\t–\t< 5 MB\n", work, megabytes);
  printf ("BENCH\theat-map poster to PDF: time\t%s\t%.2f s wall, %.2f s processor\t–\t–\t–\n",
          work, seconds.wall, seconds.cpu);
  if (keep_dir != NULL)
    {
      g_autofree char *kept = g_build_filename (keep_dir, "poster.pdf", NULL);

      g_rename (path, kept);
    }
  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— render a report to PDF");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (only != NULL && !g_str_equal (only, "report") && !g_str_equal (only, "briefing") && !g_str_equal (only, "poster"))
    {
      g_printerr ("--only takes report, briefing or poster\n");
      return 2;
    }
  dir = g_dir_make_tmp ("beatbook-bench-render-XXXXXX", NULL);
  if (runs ("report"))
    report (dir);
  if (runs ("briefing"))
    briefing (dir);
  if (runs ("poster") && poster_station != NULL)
    poster (dir);
  g_rmdir (dir);
  return 0;
}
