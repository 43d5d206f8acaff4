/* bb-print-document-text.c: the document's text laid out once: the layout cache that measuring and drawing share */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-print-document"

#include "config.h"

#include <math.h>
#include <string.h>

#include "bb-print-document-private.h"

/* Shaping is most of a document's cost, and a document says the same
 * things many times: a table's "within normal variation", its numbers, a
 * header on every page; and every text a template measures is drawn
 * afterwards.  A document therefore keeps each text it lays out, by
 * everything that decides the layout (style, width, runs), and measuring
 * and drawing take the same layout.
 *
 * Pango's fonts are not to be shared between threads, and the default
 * font map is one a thread: the cache belongs to the thread that fills
 * it; another thread starts it afresh, and a thread that finds it busy
 * (a preview drawn while an export runs) lays its text out on its own. */

/* Documents with more different texts than this start their cache again
 * rather than grow without end. */
#define MAX_LAYOUTS 20000

typedef enum {
  KEY_TEXT,
  KEY_PARAGRAPH,
} KeyKind;

typedef struct {
  KeyKind  kind;
  double   size, line_spacing;
  int      weight, width;   /* width in Pango units, -1 when not wrapped */
  gboolean italic, uppercase;
  BbAlign  align;
  char    *text;
  char    *runs;            /* a paragraph's own attributes, when it has runs */
} Key;

struct _BbTextCache {
  PangoContext *context;
  GHashTable   *layouts;    /* Key → PangoLayout */
};

static guint
key_hash (gconstpointer data)
{
  const Key *k = data;
  guint h = g_str_hash (k->text);

  h = h * 31 + (guint) k->kind;
  h = h * 31 + (guint) (k->size * 64);
  h = h * 31 + (guint) k->weight;
  h = h * 31 + (guint) k->width;
  h = h * 31 + (guint) k->align;
  return h;
}

static gboolean
key_equal (gconstpointer a,
           gconstpointer b)
{
  const Key *x = a, *y = b;

  return x->kind == y->kind && x->size == y->size && x->line_spacing == y->line_spacing &&
         x->weight == y->weight && x->width == y->width && x->italic == y->italic &&
         x->uppercase == y->uppercase && x->align == y->align &&
         strcmp (x->text, y->text) == 0 && g_strcmp0 (x->runs, y->runs) == 0;
}

static void
key_free (gpointer data)
{
  Key *k = data;

  g_free (k->text);
  g_free (k->runs);
  g_free (k);
}

static void
key_init (Key               *key,
          KeyKind            kind,
          const BbTextStyle *style,
          const char        *text,
          double             width)
{
  *key = (Key) {
    .kind = kind,
    .size = style->size,
    .line_spacing = style->line_spacing,
    .weight = style->weight,
    .width = width > 0 ? (int) (width * PANGO_SCALE) : -1,
    .italic = !!style->italic,
    .uppercase = !!style->uppercase,
    .align = style->align,
    .text = (char *) text,
  };
}

/* A cache's context leads back to it, for what is drawn with the
 * context alone (charts, maps). */
static GQuark
text_cache_quark (void)
{
  return g_quark_from_static_string ("bb-text-cache");
}

BbTextCache *
bb_text_cache_new (BbPrintDocument *document)
{
  BbTextCache *self = g_new0 (BbTextCache, 1);

  self->context = bb_print_document_create_context (document, NULL);
  self->layouts = g_hash_table_new_full (key_hash, key_equal, key_free, g_object_unref);
  g_object_set_qdata (G_OBJECT (self->context), text_cache_quark (), self);
  return self;
}

void
bb_text_cache_free (BbTextCache *self)
{
  if (self == NULL)
    return;
  /* Layouts given out keep the context alive: it no longer leads here. */
  g_object_set_qdata (G_OBJECT (self->context), text_cache_quark (), NULL);
  g_hash_table_unref (self->layouts);
  g_object_unref (self->context);
  g_free (self);
}

PangoContext *
bb_text_cache_get_context (BbTextCache *self)
{
  return self->context;
}

static PangoLayout *
lookup (BbTextCache *self,
        const Key   *key)
{
  PangoLayout *layout = g_hash_table_lookup (self->layouts, key);

  return layout != NULL ? g_object_ref (layout) : NULL;
}

static PangoLayout *
keep (BbTextCache *self,
      const Key   *key,
      PangoLayout *layout)
{
  Key *copy = g_memdup2 (key, sizeof *key);

  if (g_hash_table_size (self->layouts) >= MAX_LAYOUTS)
    g_hash_table_remove_all (self->layouts);
  copy->text = g_strdup (key->text);
  copy->runs = g_strdup (key->runs);
  /* Laid out now, while it is known to be wanted: drawing and measuring
   * only read it from here on. */
  pango_layout_get_size (layout, NULL, NULL);
  g_hash_table_insert (self->layouts, copy, g_object_ref (layout));
  return layout;
}

PangoLayout *
bb_text_cache_layout (BbTextCache       *self,
                      const BbTextStyle *style,
                      const char        *text,
                      double             width)
{
  PangoLayout *layout;
  Key key;

  key_init (&key, KEY_TEXT, style, text != NULL ? text : "", width);
  layout = lookup (self, &key);
  if (layout != NULL)
    return layout;
  return keep (self, &key, bb_text_layout (self->context, style, key.text, width));
}

PangoLayout *
bb_text_cache_paragraph (BbTextCache *self,
                         BbParagraph *p,
                         double       width)
{
  g_autofree char *runs = p->has_runs ? pango_attr_list_to_string (p->attrs) : NULL;
  PangoLayout *layout;
  Key key;

  key_init (&key, KEY_PARAGRAPH, &p->style, p->text->str, width - bb_paragraph_bullet_indent (p));
  key.runs = runs;
  layout = lookup (self, &key);
  if (layout != NULL)
    return layout;
  layout = pango_layout_new (self->context);
  bb_layout_apply_style (layout, &p->style, width - bb_paragraph_bullet_indent (p));
  pango_layout_set_text (layout, p->text->str, (int) p->text->len);
  pango_layout_set_attributes (layout, p->attrs);
  return keep (self, &key, layout);
}

PangoLayout *
bb_text_layout_shared (PangoContext      *context,
                       const BbTextStyle *style,
                       const char        *text,
                       double             width)
{
  BbTextCache *cache = g_object_get_qdata (G_OBJECT (context), text_cache_quark ());

  if (cache != NULL)
    return bb_text_cache_layout (cache, style, text, width);
  return bb_text_layout (context, style, text, width);
}

PangoLayout *
bb_text_layout_at_most (PangoContext      *context,
                        const BbTextStyle *style,
                        const char        *text,
                        double             width,
                        int                lines)
{
  PangoLayout *layout = bb_text_layout_shared (context, style, text, width);

  if (pango_layout_get_line_count (layout) <= lines)
    return layout;
  /* A layout of its own to shorten: the shared one stays whole. */
  g_object_unref (layout);
  layout = bb_text_layout (context, style, text, width);
  pango_layout_set_height (layout, -lines);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  return layout;
}

/* The document's own cache, locked for this thread ------------------ */

BbTextCache *
bb_print_document_text_begin (BbPrintDocument *self)
{
  GThread *thread = g_thread_self ();

  if (!g_mutex_trylock (&self->text_lock))
    return bb_text_cache_new (self);
  if (self->text != NULL && self->text_thread != thread)
    g_clear_pointer (&self->text, bb_text_cache_free);
  if (self->text == NULL)
    {
      self->text = bb_text_cache_new (self);
      self->text_thread = thread;
    }
  return self->text;
}

void
bb_print_document_text_end (BbPrintDocument *self,
                            BbTextCache     *cache)
{
  if (cache == self->text)
    g_mutex_unlock (&self->text_lock);
  else
    bb_text_cache_free (cache);
}

/* Drops what was laid out, for a change that lays every text out anew
 * (the document's language). */
void
bb_print_document_text_clear (BbPrintDocument *self)
{
  g_mutex_lock (&self->text_lock);
  g_clear_pointer (&self->text, bb_text_cache_free);
  self->text_thread = NULL;
  g_mutex_unlock (&self->text_lock);
}

/* Measuring ----------------------------------------------------------- */

double
bb_layout_height (PangoLayout *layout)
{
  int h;

  pango_layout_get_size (layout, NULL, &h);
  return (double) h / PANGO_SCALE;
}

double
bb_print_document_measure_text (BbPrintDocument   *self,
                                const BbTextStyle *style,
                                const char        *text,
                                double             width)
{
  BbTextCache *cache = bb_print_document_text_begin (self);
  g_autoptr(PangoLayout) layout = bb_text_cache_layout (cache, style, text, width);

  bb_print_document_text_end (self, cache);
  return bb_layout_height (layout);
}

double
bb_print_document_fit_words (BbPrintDocument   *self,
                             const BbTextStyle *style,
                             const char        *text,
                             double             width)
{
  g_auto(GStrv) words = g_strsplit_set (text != NULL ? text : "", " \n", -1);
  BbTextCache *cache = bb_print_document_text_begin (self);
  double size = style->size;

  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autoptr(PangoLayout) layout = NULL;
      int w;

      if (*words[i] == '\0')
        continue;
      layout = bb_text_cache_layout (cache, style, words[i], -1);
      pango_layout_get_size (layout, &w, NULL);
      if ((double) w / PANGO_SCALE > width)
        size = MIN (size, floor (style->size * width / ((double) w / PANGO_SCALE) * 2) / 2);
    }
  bb_print_document_text_end (self, cache);
  return size;
}

double
bb_frame_measure (BbFrame *frame)
{
  BbTextCache *cache = bb_print_document_text_begin (frame->document);
  double total = 0;

  for (guint i = 0; i < frame->paragraphs->len; i++)
    {
      BbParagraph *p = g_ptr_array_index (frame->paragraphs, i);
      g_autoptr(PangoLayout) layout = bb_text_cache_paragraph (cache, p, frame->width);

      total += bb_layout_height (layout);
      if (i + 1 < frame->paragraphs->len)
        total += p->style.space_after;
    }
  bb_print_document_text_end (frame->document, cache);
  return total;
}

double
bb_table_row_layouts (BbTable      *t,
                      BbTextCache  *cache,
                      TableRow     *row,
                      PangoLayout **layouts)
{
  double height = 0;

  for (guint c = 0; c < t->n_columns; c++)
    {
      BbTextStyle style = row->header ? t->header_style : t->body_style;

      style.align = t->aligns[c];
      layouts[c] = bb_text_cache_layout (cache, &style, row->cells[c],
                                         t->width * t->fractions[c] - 2 * CELL_PAD_X);
      height = MAX (height, bb_layout_height (layouts[c]));
    }
  return height + 2 * CELL_PAD_Y;
}

double
bb_table_measure (BbTable *table)
{
  BbTextCache *cache = bb_print_document_text_begin (table->document);
  g_autofree PangoLayout **layouts = g_new0 (PangoLayout *, table->n_columns);
  double total = 0;

  for (guint r = 0; r < table->rows->len; r++)
    {
      total += bb_table_row_layouts (table, cache, &g_array_index (table->rows, TableRow, r), layouts);
      for (guint c = 0; c < table->n_columns; c++)
        g_clear_object (&layouts[c]);
    }
  bb_print_document_text_end (table->document, cache);
  return total;
}

static guint
unknown_glyphs_of (PangoLayout *layout,
                   GString     *missing)
{
  int n = pango_layout_get_unknown_glyphs_count (layout);

  if (n > 0 && missing != NULL)
    {
      if (missing->len > 0)
        g_string_append (missing, "; ");
      g_string_append (missing, pango_layout_get_text (layout));
    }
  return (guint) MAX (n, 0);
}

guint
bb_print_document_count_unknown_glyphs (BbPrintDocument *self,
                                        char           **texts)
{
  BbTextCache *cache;
  GString *missing;
  guint n = 0;

  g_return_val_if_fail (self != NULL, 0);

  cache = bb_print_document_text_begin (self);
  missing = texts != NULL ? g_string_new (NULL) : NULL;
  for (guint i = 0; i < self->pages->len; i++)
    {
      BbPage *page = g_ptr_array_index (self->pages, i);

      for (guint j = 0; j < page->elements->len; j++)
        {
          Element *e = g_ptr_array_index (page->elements, j);

          if (e->frame != NULL)
            for (guint k = 0; k < e->frame->paragraphs->len; k++)
              {
                g_autoptr(PangoLayout) layout =
                  bb_text_cache_paragraph (cache, g_ptr_array_index (e->frame->paragraphs, k), e->frame->width);

                n += unknown_glyphs_of (layout, missing);
              }
          if (e->table != NULL)
            for (guint r = 0; r < e->table->rows->len; r++)
              {
                g_autofree PangoLayout **layouts = g_new0 (PangoLayout *, e->table->n_columns);

                bb_table_row_layouts (e->table, cache, &g_array_index (e->table->rows, TableRow, r), layouts);
                for (guint c = 0; c < e->table->n_columns; c++)
                  {
                    n += unknown_glyphs_of (layouts[c], missing);
                    g_object_unref (layouts[c]);
                  }
              }
        }
    }
  bb_print_document_text_end (self, cache);
  if (texts != NULL)
    *texts = g_string_free (missing, missing->len == 0);
  return n;
}
