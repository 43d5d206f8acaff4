/* bb-print-document.h: the document model every printable is built from, drawn onto any cairo_t */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "bb-paper.h"

G_BEGIN_DECLS

#define BB_RENDER_ERROR (bb_render_error_quark ())

typedef enum {
  BB_RENDER_ERROR_FAILED,
  BB_RENDER_ERROR_NO_PAGE,      /* a page number beyond the document */
  BB_RENDER_ERROR_WRITE,        /* the output file could not be written */
  BB_RENDER_ERROR_FORMAT,       /* a file name whose format is not PDF, PNG or SVG */
} BbRenderError;

GQuark bb_render_error_quark (void);

/* The bleed print shops ask for, and the slug around it that holds the
 * crop marks. */
#define BB_BLEED_MM 3.0
#define BB_SLUG_MM  7.0

/* The family every document uses: Noto Sans covers Latin and Cyrillic of
 * every language Beatbook is written for (ə, ș, ț, ķ, ļ, ņ, ғ, ӣ, қ, ӯ, ҳ, ҷ). */
#define BB_FONT_FAMILY "Noto Sans"

typedef struct {
  double r, g, b, a;
} BbColor;

/* "#rrggbb" (or "#rgb"); FALSE and @color untouched for anything else. */
gboolean bb_color_parse   (const char *text,
                           BbColor    *color);
BbColor  bb_color_rgb     (guint32     rgb);
/* @color mixed with white: 0 gives @color, 1 gives white. */
BbColor  bb_color_tint    (const BbColor *color,
                           double         amount);
/* Black or white, whichever reads better on @background. */
BbColor  bb_color_text_on (const BbColor *background);

typedef enum {
  BB_ALIGN_START,
  BB_ALIGN_CENTER,
  BB_ALIGN_END,
  BB_ALIGN_JUSTIFY,
} BbAlign;

typedef enum {
  BB_VALIGN_TOP,
  BB_VALIGN_MIDDLE,
  BB_VALIGN_BOTTOM,
} BbVAlign;

/* How a run of text looks.  Sizes in points. */
typedef struct {
  double   size;
  int      weight;          /* PangoWeight values: 400 normal, 700 bold */
  gboolean italic;
  BbColor  color;
  BbAlign  align;
  double   line_spacing;    /* leading, a multiple of the size; 0 means 1.4 */
  double   space_after;     /* points below the paragraph */
  gboolean uppercase;       /* letter-spaced capitals for small labels */
} BbTextStyle;

BbTextStyle bb_text_style (double size, int weight, const BbColor *color);

typedef struct _BbPrintDocument  BbPrintDocument;
typedef struct _BbPage      BbPage;
typedef struct _BbFrame     BbFrame;
typedef struct _BbParagraph BbParagraph;
typedef struct _BbTable     BbTable;
typedef struct _BbChart     BbChart;
typedef struct _BbStaticMap BbStaticMap;   /* see bb-static-map.h */

/* The document ------------------------------------------------------- */

BbPrintDocument *bb_print_document_new          (BbPaper      paper,
                                                 gboolean     landscape);
/* Documents are shared by reference (a preview and a print job running
 * on); _free drops one. */
BbPrintDocument *bb_print_document_ref     (BbPrintDocument  *self);
void        bb_print_document_free         (BbPrintDocument  *self);

void        bb_print_document_get_paper     (BbPrintDocument *self,
                                             BbPaper    *paper,
                                             gboolean   *landscape);
/* The page as it is cut, in points. */
void        bb_print_document_get_trim_size (BbPrintDocument *self,
                                             double     *width_pt,
                                             double     *height_pt);
/* The sheet the file holds: the trim size, plus bleed and slug when set. */
void        bb_print_document_get_media_size (BbPrintDocument *self,
                                              double     *width_pt,
                                              double     *height_pt);
/* Where the trim box starts on the sheet (0 without bleed). */
double      bb_print_document_get_trim_offset (BbPrintDocument *self);

/* Margins in millimetres; elements are placed in points from the trim
 * box's top-left corner; bb_print_document_get_content_box gives the area inside
 * the margins. */
void        bb_print_document_set_margins  (BbPrintDocument  *self,
                                            double       top_mm,
                                            double       right_mm,
                                            double       bottom_mm,
                                            double       left_mm);
void        bb_print_document_get_content_box (BbPrintDocument *self,
                                               double     *x,
                                               double     *y,
                                               double     *width,
                                               double     *height);
/* 3 mm bleed around the trim box and crop marks in the slug.  Boxes that
 * touch the trim edge grow into the bleed. */
void        bb_print_document_set_bleed    (BbPrintDocument  *self,
                                            gboolean     bleed);
gboolean    bb_print_document_get_bleed    (BbPrintDocument  *self);
/* The language of the document's text (e.g. "ru", "az"), which can differ
 * from the user interface's; it chooses shaping and line breaking. */
void        bb_print_document_set_language (BbPrintDocument  *self,
                                            const char  *language);
const char *bb_print_document_get_language (BbPrintDocument  *self);
void        bb_print_document_set_title    (BbPrintDocument  *self,
                                            const char  *title);
const char *bb_print_document_get_title    (BbPrintDocument  *self);

/* How many characters of the document's text the fonts have no glyph for
 * (drawn as boxes); with @texts, the texts that have them, or NULL. */
guint       bb_print_document_count_unknown_glyphs (BbPrintDocument  *self,
                                                    char            **texts);

BbPage     *bb_print_document_add_page     (BbPrintDocument  *self);
guint       bb_print_document_get_n_pages  (BbPrintDocument  *self);
BbPage     *bb_print_document_get_page     (BbPrintDocument  *self,
                                            guint        index);

/* Elements of a page, in the order they are drawn ------------------- */

/* A vertical fold line, in points from the trim box's left edge, marked
 * at the top and bottom edges (in the slug with bleed, on the page
 * without).  The two sides of a folded sheet fold at mirrored places. */
void        bb_page_add_fold         (BbPage        *page,
                                      double         x_pt);
guint       bb_page_get_n_folds      (BbPage        *page);
double      bb_page_get_fold         (BbPage        *page,
                                      guint          index);

void        bb_page_add_rect         (BbPage        *page,
                                      double         x,
                                      double         y,
                                      double         width,
                                      double         height,
                                      const BbColor *fill,
                                      const BbColor *stroke,
                                      double         line_width,
                                      double         corner_radius);
void        bb_page_add_line         (BbPage        *page,
                                      double         x0,
                                      double         y0,
                                      double         x1,
                                      double         y1,
                                      const BbColor *color,
                                      double         line_width,
                                      gboolean       dashed);
/* A frame of paragraphs stacked from the top (or centred, or from the
 * bottom).  Text that does not fit is drawn as far as it fits and
 * reported in the render result under @name. */
BbFrame    *bb_page_add_frame        (BbPage        *page,
                                      const char    *name,
                                      double         x,
                                      double         y,
                                      double         width,
                                      double         height);
void        bb_frame_set_valign      (BbFrame       *frame,
                                      BbVAlign       valign);
/* A shortcut: a frame holding one paragraph. */
BbFrame    *bb_page_add_text         (BbPage            *page,
                                      const char        *name,
                                      double             x,
                                      double             y,
                                      double             width,
                                      double             height,
                                      const BbTextStyle *style,
                                      const char        *text);
/* Plain text; a '\n' starts a new line within the paragraph. */
BbParagraph *bb_frame_add_paragraph  (BbFrame           *frame,
                                      const BbTextStyle *style,
                                      const char        *text);
/* Appends a run in another style (weight, italics, colour, size). */
void         bb_paragraph_append     (BbParagraph       *paragraph,
                                      const BbTextStyle *style,
                                      const char        *text);
/* A bullet ("•") hanging before the paragraph's lines. */
void         bb_paragraph_set_bullet (BbParagraph       *paragraph,
                                      const char        *bullet,
                                      const BbColor     *color);
/* The height a paragraph of @text in @style needs at @width. */
double       bb_print_document_measure_text (BbPrintDocument       *self,
                                             const BbTextStyle *style,
                                             const char        *text,
                                             double             width);
/* The largest size, at most @style's, at which no word of @text is wider
 * than @width (so that a headline never breaks inside a word). */
double       bb_print_document_fit_words (BbPrintDocument   *self,
                                          const BbTextStyle *style,
                                          const char        *text,
                                          double             width);
/* Makes @paragraph's text smaller, down to @min_size, until the frame's
 * paragraphs fit; for texts a user edits on a poster.  What still does
 * not fit at @min_size is reported when drawn. */
void         bb_frame_shrink_to_fit  (BbFrame           *frame,
                                      BbParagraph       *paragraph,
                                      double             min_size);
/* The height the frame's paragraphs need at its width, for layouts that
 * stack frames; measured with the document's language. */
double       bb_frame_measure        (BbFrame           *frame);

/* A table: the columns share @width by @fractions (NULL: equal). Rows are
 * added top-down; a row that would pass @max_height is reported. */
BbTable    *bb_page_add_table        (BbPage            *page,
                                      const char        *name,
                                      double             x,
                                      double             y,
                                      double             width,
                                      double             max_height,
                                      guint              n_columns,
                                      const double      *fractions);
void        bb_table_set_style       (BbTable           *table,
                                      const BbTextStyle *header,
                                      const BbTextStyle *body,
                                      const BbColor     *header_fill,
                                      const BbColor     *stripe_fill,
                                      const BbColor     *rule);
void        bb_table_set_column_align (BbTable          *table,
                                       guint             column,
                                       BbAlign           align);
void        bb_table_add_row         (BbTable            *table,
                                      gboolean            header,
                                      const char * const *cells);
/* Takes back the last row, e.g. to start a new page with it. */
void        bb_table_pop_row         (BbTable            *table);
guint       bb_table_get_n_rows      (BbTable            *table);
/* The table's height as drawn (after measuring every cell). */
double      bb_table_measure         (BbTable            *table);

/* A PNG image scaled to fit the box, keeping its proportions, centred.
 * Bytes that are not a PNG are reported and the box is left empty. */
void        bb_page_add_image        (BbPage        *page,
                                      const char    *name,
                                      double         x,
                                      double         y,
                                      double         width,
                                      double         height,
                                      GBytes        *png);
/* A neutral silhouette where a person's photo goes. */
void        bb_page_add_photo_placeholder (BbPage        *page,
                                           double         x,
                                           double         y,
                                           double         width,
                                           double         height,
                                           const BbColor *tint);
/* A QR code of @text, @size points square, with its quiet zone inside. */
void        bb_page_add_qr           (BbPage        *page,
                                      const char    *name,
                                      double         x,
                                      double         y,
                                      double         size,
                                      const char    *text,
                                      const BbColor *color);
/* Takes the chart (see bb-chart.h). */
void        bb_page_add_chart        (BbPage        *page,
                                      double         x,
                                      double         y,
                                      double         width,
                                      double         height,
                                      BbChart       *chart);

/* A map for print (see bb-static-map.h), drawn into the box; takes it. */
void        bb_page_add_map          (BbPage        *page,
                                      const char    *name,
                                      double         x,
                                      double         y,
                                      double         width,
                                      double         height,
                                      BbStaticMap   *map);

/* Drawing ------------------------------------------------------------ */

typedef struct {
  guint  page;       /* 0-based */
  char  *element;    /* the frame, table or image the warning is about */
  char  *message;    /* translated, for the user */
  double x, y, width, height;   /* its box, in points from the trim box's corner */
} BbRenderWarning;


typedef struct {
  GPtrArray *warnings;   /* of BbRenderWarning */
} BbRenderResult;

BbRenderResult *bb_render_result_new  (void);
void            bb_render_result_free (BbRenderResult *self);
/* Whether any text was cut. */
gboolean        bb_render_result_has_overflow (BbRenderResult *self);
/* Marks the boxes of @result's warnings on @page with a red dashed frame,
 * on a preview drawn at the sheet's scale (never on what is printed). */
void            bb_render_result_mark (BbRenderResult  *self,
                                       BbPrintDocument *document,
                                       guint            page,
                                       cairo_t         *cr);

/* Draws one page onto @cr, whose user space is the sheet in points
 * (a PDF page, an image scaled by the caller, a print context).  Warnings
 * go to @result when given. */
void        bb_print_document_draw_page    (BbPrintDocument     *self,
                                            guint           index,
                                            cairo_t        *cr,
                                            BbRenderResult *result);
gboolean    bb_print_document_write_pdf    (BbPrintDocument      *self,
                                            const char      *path,
                                            BbRenderResult **result,
                                            GError         **error);
/* One page as PNG at @dpi, or as SVG. */
gboolean    bb_print_document_write_png    (BbPrintDocument      *self,
                                            guint            index,
                                            double           dpi,
                                            const char      *path,
                                            BbRenderResult **result,
                                            GError         **error);
gboolean    bb_print_document_write_svg    (BbPrintDocument      *self,
                                            guint            index,
                                            const char      *path,
                                            BbRenderResult **result,
                                            GError         **error);

/* Writes the document in the format its name ends in (.pdf, .png, .svg);
 * PNG and SVG hold one page: a document of several pages is written one
 * file a page (name-1.png, …) unless @page (0-based) chooses one; -1 for
 * all.  @written (may be NULL) receives the paths written. */
gboolean    bb_print_document_write_file   (BbPrintDocument      *self,
                                            const char      *path,
                                            int              page,
                                            double           dpi,
                                            GPtrArray      **written,
                                            BbRenderResult **result,
                                            GError         **error);
/* Whether bb_print_document_write_file() knows the format of @path. */
gboolean    bb_print_document_format_known (const char      *path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbPrintDocument, bb_print_document_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbRenderResult, bb_render_result_free)

G_END_DECLS
