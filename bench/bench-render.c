/* bench-render.c: a 100-page report to PDF, beside a pycairo + PangoCairo script drawing the same pages */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-render"

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

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

static const GOptionEntry entries[] = {
  { "pages", 0, 0, G_OPTION_ARG_INT, &n_pages, "Pages of the report (100)", "N" },
  { "reps", 0, 0, G_OPTION_ARG_INT, &reps, "Repetitions; the best is kept (5)", "N" },
  { "no-peer", 0, 0, G_OPTION_ARG_NONE, &no_peer, "Do not run the pycairo peer", NULL },
  { "python", 0, 0, G_OPTION_ARG_FILENAME, &peer_python, "Python with pycairo and PyGObject (/usr/bin/python3)", "PATH" },
  { "peer", 0, 0, G_OPTION_ARG_FILENAME, &peer_script, "The peer script (bench/peers/render_pycairo.py)", "PATH" },
  { "keep", 0, 0, G_OPTION_ARG_FILENAME, &keep_dir, "Keep both reports as ours.pdf and peer.pdf here", "DIR" },
  { "poster-station", 0, 0, G_OPTION_ARG_FILENAME, &poster_station,
    "A large station (bench/million.beatbook) for the heat-map poster", "FILE" },
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

static double
render_once (const char *path)
{
  g_autoptr(BbPrintDocument) doc = NULL;
  g_autoptr(BbRenderResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

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
  return (g_get_monotonic_time () - start) / 1e6;
}

/* The quarterly briefing of the full demo station (about 24,000
 * incidents): the queries, the layout and the PDF. */
static double
briefing_seconds (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = g_build_filename (dir, "demo.beatbook", NULL);
  g_autofree char *pdf = g_build_filename (dir, "briefing.pdf", NULL);
  g_autoptr(BbStore) store = NULL;
  g_autoptr(BbStation) station = NULL;
  g_autoptr(BbBranding) branding = NULL;
  BbDemoOptions demo;
  double best = G_MAXDOUBLE;

  bb_demo_options_init_default (&demo);
  store = bb_demo_station_create (db, &demo, NULL, NULL, NULL, &error);
  if (store == NULL || (station = bb_store_station_get (store, &error)) == NULL)
    {
      g_printerr ("%s\n", error->message);
      exit (1);
    }
  branding = bb_branding_new_from_station (station);
  for (int r = 0; r < reps; r++)
    {
      g_autoptr(BbPrintDocument) doc = NULL;
      g_autoptr(BbWithheld) withheld = NULL;
      BbBriefingOptions options;
      gint64 start = g_get_monotonic_time ();

      bb_briefing_options_init (&options, 2026, 3);
      doc = bb_briefing_build (store, branding, &options, &withheld, &error);
      if (doc == NULL || !bb_print_document_write_pdf (doc, pdf, NULL, &error))
        {
          g_printerr ("%s\n", error->message);
          exit (1);
        }
      best = MIN (best, (g_get_monotonic_time () - start) / 1e6);
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
                 double     *seconds,
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
  gint64 start;
  double w, h;
  GStatBuf st;

  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      exit (1);
    }
  *n_incidents = bb_store_count (store, "incident", NULL);
  start = g_get_monotonic_time ();
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
  *seconds = (g_get_monotonic_time () - start) / 1e6;
  *megabytes = g_stat (path, &st) == 0 ? st.st_size / 1e6 : -1;
}

static double
run_peer (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *pages = g_strdup_printf ("%d", n_pages);
  g_autofree char *repeat = g_strdup_printf ("%d", reps);
  const char *argv[] = { peer_python ? peer_python : "/usr/bin/python3",
                         peer_script ? peer_script : BENCH_PEER_DIR "/render_pycairo.py",
                         "--pages", pages, "--reps", repeat, "--output", path, NULL };
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    {
      g_printerr ("The pycairo peer failed (install python3-gi-cairo and gir1.2-pango-1.0): %s\n",
                  error->message);
      return -1;
    }
  return g_ascii_strtod (out, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— render a report to PDF");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *ours_path = NULL;
  g_autofree char *peer_path = NULL;
  g_autofree char *ours_text = NULL;
  g_autofree char *peer_text = NULL;
  g_autofree char *ratio_text = NULL;
  g_autofree char *workload = NULL;
  double best = G_MAXDOUBLE, ours, peer = -1;
  GStatBuf st;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  dir = g_dir_make_tmp ("beatbook-bench-render-XXXXXX", NULL);
  ours_path = g_build_filename (dir, "ours.pdf", NULL);
  peer_path = g_build_filename (dir, "peer.pdf", NULL);

  render_once (ours_path);   /* fonts and caches warm, as in the peer */
  for (int r = 0; r < reps; r++)
    best = MIN (best, render_once (ours_path));
  ours = n_pages / best;
  if (g_stat (ours_path, &st) == 0)
    g_printerr ("ours: %d pages in %.3f s, %.0f KiB\n", n_pages, best, st.st_size / 1024.0);
  if (!no_peer)
    peer = run_peer (peer_path);
  if (peer > 0 && g_stat (peer_path, &st) == 0)
    g_printerr ("peer: %.0f pages/s, %.0f KiB\n", peer, st.st_size / 1024.0);

  workload = g_strdup_printf ("A4 report to PDF, %d pages (text, 13-row table, bar chart each)", n_pages);
  ours_text = g_strdup_printf ("%.0f pages/s", ours);
  peer_text = peer > 0 ? g_strdup_printf ("%.0f pages/s", peer) : g_strdup ("–");
  ratio_text = peer > 0 ? g_strdup_printf ("%.2f×", ours / peer) : g_strdup ("–");
  printf ("BENCH\trender report to PDF\t%s\t%s\t%s\t%s\t≥ 200 pages/s\n", workload, ours_text, peer_text, ratio_text);

  {
    double seconds = briefing_seconds (dir);
    g_autofree char *briefing = g_strdup_printf ("%.0f ms", seconds * 1000);

    printf ("BENCH\tquarterly press briefing to PDF\tdemo station, ~24,000 incidents, 2026-Q3\t%s\t–\t–\t< 1 s\n",
            briefing);
  }

  if (poster_station != NULL)
    {
      g_autofree char *poster = g_build_filename (dir, "poster.pdf", NULL);
      g_autofree char *work = NULL;
      double seconds, megabytes;
      gint64 n;

      heat_map_poster (poster_station, poster, &seconds, &megabytes, &n);
      work = g_strdup_printf ("A3 poster, map of %" G_GINT64_FORMAT " incidents per 250 m square", n);
      printf ("BENCH\theat-map poster to PDF: file size\t%s\t%.2f MB\t–\t–\t< 5 MB\n", work, megabytes);
      printf ("BENCH\theat-map poster to PDF: time\t%s\t%.2f s\t–\t–\t–\n", work, seconds);
      if (keep_dir != NULL)
        {
          g_autofree char *kept = g_build_filename (keep_dir, "poster.pdf", NULL);

          g_rename (poster, kept);
        }
      g_unlink (poster);
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
  g_rmdir (dir);
  return 0;
}
