/* render-test-util.h: poppler's command-line tools for the render tests */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

/* stdout of a program run to completion, asserting success. */
static inline char *
run_tool (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out = NULL;
  int status = 0;
  gboolean ok;

  ok = g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  if (!g_spawn_check_wait_status (status, NULL))
    g_test_message ("%s failed: %s", argv[0], err);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

/* pdfinfo's "Pages:" and the first page's "Page size:" in points. */
static inline void
pdf_info (const char *path,
          guint      *n_pages,
          double     *width,
          double     *height)
{
  const char *argv[] = { "pdfinfo", path, NULL };
  g_autofree char *out = run_tool (argv);
  const char *p;

  p = strstr (out, "Pages:");
  g_assert_nonnull (p);
  *n_pages = (guint) g_ascii_strtoull (p + strlen ("Pages:") + strspn (p + strlen ("Pages:"), " "), NULL, 10);
  p = strstr (out, "Page size:");
  g_assert_nonnull (p);
  p += strlen ("Page size:");
  *width = g_ascii_strtod (p, (char **) &p);
  p = strstr (p, "x");
  g_assert_nonnull (p);
  *height = g_ascii_strtod (p + 1, NULL);
}

/* The text of one page (0: all), optionally of one area in points. */
static inline char *
pdf_text_area (const char *path,
               guint       page,
               double      x,
               double      y,
               double      w,
               double      h)
{
  g_autofree char *first = g_strdup_printf ("%u", page > 0 ? page : 1);
  g_autofree char *last = g_strdup_printf ("%u", page > 0 ? page : 9999);
  g_autofree char *xs = g_strdup_printf ("%d", (int) x);
  g_autofree char *ys = g_strdup_printf ("%d", (int) y);
  g_autofree char *ws = g_strdup_printf ("%d", (int) w);
  g_autofree char *hs = g_strdup_printf ("%d", (int) h);
  const char *argv_all[] = { "pdftotext", "-f", first, "-l", last, "-enc", "UTF-8", path, "-", NULL };
  const char *argv_area[] = { "pdftotext", "-f", first, "-l", last, "-r", "72", "-x", xs, "-y", ys,
                              "-W", ws, "-H", hs, "-enc", "UTF-8", path, "-", NULL };

  return run_tool (w > 0 ? argv_area : argv_all);
}

static inline char *
pdf_text (const char *path)
{
  return pdf_text_area (path, 0, 0, 0, 0, 0);
}

/* pdftotext breaks lines where the page does: compare on words. */
static inline char *
squash_spaces (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *c = text; *c; c++)
    {
      if (g_ascii_isspace (*c) || *c == '\f')
        space = TRUE;
      else
        {
          if (space && out->len > 0)
            g_string_append_c (out, ' ');
          space = FALSE;
          g_string_append_c (out, *c);
        }
    }
  return g_string_free (out, FALSE);
}

/* A PDF's text, compared on words. */
static inline char *
pdf_words (const char *path)
{
  g_autofree char *text = pdf_text (path);

  return squash_spaces (text);
}

static inline void
assert_pdf_has_text (const char *path,
                     const char *needle)
{
  g_autofree char *text = pdf_text (path);
  g_autofree char *flat = squash_spaces (text);
  g_autofree char *flat_needle = squash_spaces (needle);

  if (strstr (flat, flat_needle) == NULL)
    g_error ("“%s” not found in %s:\n%s", needle, path, flat);
}

/* Where a test's PDFs go: kept in $BB_RENDER_OUTPUT_DIR when set. */
static inline char *
output_path (const char *dir,
             const char *name)
{
  const char *keep = g_getenv ("BB_RENDER_OUTPUT_DIR");

  if (keep != NULL && *keep)
    {
      g_mkdir_with_parents (keep, 0755);
      return g_build_filename (keep, name, NULL);
    }
  return g_build_filename (dir, name, NULL);
}
