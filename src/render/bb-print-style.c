/* bb-print-style.c: colours, text styles and the Pango set-up every document's text is laid out with */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-print-document"

#include "config.h"

#include <string.h>

#include "bb-print-document-private.h"

/* Colours and styles ------------------------------------------------- */

gboolean
bb_color_parse (const char *text,
                BbColor    *color)
{
  guint v = 0;
  gsize len;

  if (text == NULL || text[0] != '#')
    return FALSE;
  len = strlen (text + 1);
  for (gsize i = 1; i <= len; i++)
    if (!g_ascii_isxdigit (text[i]))
      return FALSE;
  if (len == 6)
    v = (guint) g_ascii_strtoull (text + 1, NULL, 16);
  else if (len == 3)
    {
      guint s = (guint) g_ascii_strtoull (text + 1, NULL, 16);
      v = ((s >> 8) & 0xf) * 0x110000 + ((s >> 4) & 0xf) * 0x1100 + (s & 0xf) * 0x11;
    }
  else
    return FALSE;
  *color = bb_color_rgb (v);
  return TRUE;
}

BbColor
bb_color_rgb (guint32 rgb)
{
  return (BbColor) { ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                     (rgb & 0xff) / 255.0, 1.0 };
}

BbColor
bb_color_tint (const BbColor *color,
               double         amount)
{
  return (BbColor) { color->r + (1 - color->r) * amount,
                     color->g + (1 - color->g) * amount,
                     color->b + (1 - color->b) * amount, color->a };
}

BbColor
bb_color_text_on (const BbColor *background)
{
  double l = 0.2126 * background->r + 0.7152 * background->g + 0.0722 * background->b;

  return l > 0.55 ? bb_color_rgb (0x1c1c1c) : bb_color_rgb (0xffffff);
}

BbTextStyle
bb_text_style (double         size,
               int            weight,
               const BbColor *color)
{
  return (BbTextStyle) {
    .size = size,
    .weight = weight,
    .color = color != NULL ? *color : bb_color_rgb (0x1c1c1c),
    .align = BB_ALIGN_START,
    .line_spacing = 0,
    .space_after = 0,
  };
}

void
bb_cairo_set_color (cairo_t       *cr,
                    const BbColor *color)
{
  cairo_set_source_rgba (cr, color->r, color->g, color->b, color->a);
}

PangoFontDescription *
bb_text_style_font (const BbTextStyle *style)
{
  PangoFontDescription *font = pango_font_description_new ();

  pango_font_description_set_family_static (font, BB_FONT_FAMILY);
  pango_font_description_set_size (font, (int) (style->size * PANGO_SCALE));
  pango_font_description_set_weight (font, style->weight > 0 ? style->weight : PANGO_WEIGHT_NORMAL);
  if (style->italic)
    pango_font_description_set_style (font, PANGO_STYLE_ITALIC);
  return font;
}

void
bb_layout_apply_style (PangoLayout       *layout,
                       const BbTextStyle *style,
                       double             width)
{
  g_autoptr(PangoFontDescription) font = bb_text_style_font (style);

  pango_layout_set_font_description (layout, font);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  switch (style->align)
    {
    case BB_ALIGN_CENTER:
      pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
      break;
    case BB_ALIGN_END:
      pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
      break;
    case BB_ALIGN_JUSTIFY:
      pango_layout_set_justify (layout, TRUE);
      break;
    case BB_ALIGN_START:
    default:
      break;
    }
}

/* Noto Sans's own line height is almost twice its size (room for stacked
 * accents); documents set their leading themselves, as a multiple of the
 * size. */
void
bb_text_style_attrs (const BbTextStyle *style,
                     PangoAttrList     *attrs)
{
  double leading = style->line_spacing > 0 ? style->line_spacing : 1.4;

  pango_attr_list_insert (attrs, pango_attr_line_height_new_absolute ((int) (style->size * leading * PANGO_SCALE)));
  if (style->uppercase)
    pango_attr_list_insert (attrs, pango_attr_letter_spacing_new ((int) (style->size * 0.08 * PANGO_SCALE)));
}

PangoLayout *
bb_text_layout (PangoContext      *context,
                const BbTextStyle *style,
                const char        *text,
                double             width)
{
  PangoLayout *layout = pango_layout_new (context);
  PangoAttrList *attrs = pango_attr_list_new ();
  g_autofree char *upper = NULL;

  bb_layout_apply_style (layout, style, width);
  bb_text_style_attrs (style, attrs);
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  if (style->uppercase)
    text = upper = g_utf8_strup (text, -1);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

PangoContext *
bb_print_document_create_context (BbPrintDocument *self,
                                  cairo_t    *cr)
{
  PangoContext *context;
  cairo_font_options_t *options = cairo_font_options_create ();

  if (cr != NULL)
    context = pango_cairo_create_context (cr);
  else
    context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  /* Sizes are in points and user space is in points: 72 units an inch
   * (PangoCairo's default of 96 would print everything a third larger). */
  pango_cairo_context_set_resolution (context, 72);
  pango_context_set_round_glyph_positions (context, FALSE);
  pango_context_set_language (context, pango_language_from_string (self->language));
  return context;
}

