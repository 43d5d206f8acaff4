/* bb-print-document-private.h: what the document model's files (model, style, drawing) and its builders share */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pango/pangocairo.h>

#include "bb-print-document.h"
#include "bb-static-map.h"

G_BEGIN_DECLS

/* bb-print-document-text.c: layouts kept by what decides them */
typedef struct _BbTextCache BbTextCache;

typedef enum {
  ELEMENT_RECT,
  ELEMENT_LINE,
  ELEMENT_FRAME,
  ELEMENT_TABLE,
  ELEMENT_IMAGE,
  ELEMENT_PHOTO,
  ELEMENT_QR,
  ELEMENT_CHART,
  ELEMENT_MAP,
} ElementKind;

struct _BbParagraph {
  GString       *text;
  PangoAttrList *attrs;
  BbTextStyle    style;
  char          *bullet;
  BbColor        bullet_color;
  gboolean       has_runs;    /* attrs hold runs of other styles */
};

struct _BbFrame {
  BbPrintDocument *document;
  char       *name;
  double      x, y, width, height;
  BbVAlign    valign;
  GPtrArray  *paragraphs;
};

typedef struct {
  gboolean header;
  GStrv    cells;
} TableRow;

struct _BbTable {
  BbPrintDocument  *document;
  char        *name;
  double       x, y, width, max_height;
  guint        n_columns;
  double      *fractions;
  BbAlign     *aligns;
  BbTextStyle  header_style, body_style;
  BbColor      header_fill, stripe_fill, rule;
  GArray      *rows;
};

typedef struct {
  ElementKind      kind;
  double           x, y, width, height;
  BbColor          fill, stroke;
  gboolean         has_fill, has_stroke, dashed;
  double           line_width, radius;
  char            *name;
  BbFrame         *frame;
  BbTable         *table;
  BbChart         *chart;
  BbStaticMap     *map;
  cairo_surface_t *image;
  char            *error;      /* why the element cannot be drawn */
  guint8          *qr;         /* modules, 1 = dark */
  int              qr_width;
} Element;

struct _BbPage {
  BbPrintDocument *document;
  guint       index;
  GPtrArray  *elements;
  GArray     *folds;
};

struct _BbPrintDocument {
  gatomicrefcount ref_count;
  BbPaper    paper;
  gboolean   landscape;
  double     trim_width, trim_height;
  double     margin[4];   /* top, right, bottom, left, points */
  gboolean   bleed;
  char      *language;
  char      *title;
  GPtrArray *pages;
  GMutex       text_lock;     /* held while @text is in use */
  BbTextCache *text;
  GThread     *text_thread;   /* the thread whose fonts @text holds */
};


#define CELL_PAD_X 3.5
#define CELL_PAD_Y 2.6

/* A Pango context set up as every document's text is laid out: no hinting
 * of metrics (so that PDF, PNG and print break lines alike), the
 * document's language. @cr NULL gives a context for measuring. */
PangoContext *bb_print_document_create_context (BbPrintDocument *self,
                                                cairo_t    *cr);
PangoFontDescription *bb_text_style_font (const BbTextStyle *style);
void          bb_cairo_set_color         (cairo_t       *cr,
                                          const BbColor *color);
/* A layout of one line or a paragraph of plain text in a style, at
 * @width (≤ 0: no wrapping). */
PangoLayout  *bb_text_layout             (PangoContext      *context,
                                          const BbTextStyle *style,
                                          const char        *text,
                                          double             width);
/* The font, wrapping and alignment of @style on @layout. */
void          bb_layout_apply_style      (PangoLayout       *layout,
                                          const BbTextStyle *style,
                                          double             width);
/* The leading and letter spacing of @style as attributes. */
void          bb_text_style_attrs        (const BbTextStyle *style,
                                          PangoAttrList     *attrs);
double        bb_layout_height           (PangoLayout       *layout);

/* bb-print-document.c: what drawing needs of paragraphs */
double        bb_paragraph_bullet_indent (BbParagraph       *p);

/* bb-print-document-text.c: each text laid out once.  The layouts a
 * cache gives are shared (a new reference each time): never change them;
 * bb_text_layout() makes one to change. */
BbTextCache  *bb_text_cache_new          (BbPrintDocument   *document);
void          bb_text_cache_free         (BbTextCache       *self);
/* The context the cache lays out with: for charts and maps drawn with it. */
PangoContext *bb_text_cache_get_context  (BbTextCache       *self);
PangoLayout  *bb_text_cache_layout       (BbTextCache       *self,
                                          const BbTextStyle *style,
                                          const char        *text,
                                          double             width);
PangoLayout  *bb_text_cache_paragraph    (BbTextCache       *self,
                                          BbParagraph       *p,
                                          double             width);
/* On a cache's context (as charts and maps are drawn on a page), the
 * cache's shared layout; a new one on any other context. */
PangoLayout  *bb_text_layout_shared      (PangoContext      *context,
                                          const BbTextStyle *style,
                                          const char        *text,
                                          double             width);
/* The same, cut to @lines lines with an ellipsis when it is longer (a
 * layout of its own then). */
PangoLayout  *bb_text_layout_at_most     (PangoContext      *context,
                                          const BbTextStyle *style,
                                          const char        *text,
                                          double             width,
                                          int                lines);
/* The document's cache, held by this thread until _text_end(); a cache
 * of its own when another thread holds the document's. */
BbTextCache  *bb_print_document_text_begin (BbPrintDocument *self);
void          bb_print_document_text_end   (BbPrintDocument *self,
                                            BbTextCache     *cache);
void          bb_print_document_text_clear (BbPrintDocument *self);
/* The layouts of one row (new references) and its height. */
double        bb_table_row_layouts       (BbTable           *t,
                                          BbTextCache       *cache,
                                          TableRow          *row,
                                          PangoLayout      **layouts);

G_END_DECLS
