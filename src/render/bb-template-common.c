/* bb-template-common.c: what the printable templates share: styles, the station's logo and contacts */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-templates"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "bb-template-private.h"

BbTextStyle
bb_template_style (double  size,
                   int     weight,
                   guint32 rgb)
{
  BbColor color = bb_color_rgb (rgb);

  return bb_text_style (size, weight, &color);
}

BbTextStyle
bb_template_style_c (double         size,
                     int            weight,
                     const BbColor *color)
{
  return bb_text_style (size, weight, color);
}

gboolean
bb_template_logo (BbPage           *page,
                  const BbBranding *branding,
                  double            x,
                  double            y,
                  double            width,
                  double            height)
{
  static const guint8 signature[4] = { 0x89, 'P', 'N', 'G' };
  gsize size = 0;
  const guint8 *data;

  if (branding->logo == NULL)
    return FALSE;
  data = g_bytes_get_data (branding->logo, &size);
  if (size < 8 || memcmp (data, signature, 4) != 0)
    return FALSE;
  bb_page_add_image (page, _("Station logo"), x, y, width, height, branding->logo);
  return TRUE;
}

char *
bb_template_strdup_nonempty (const char *text)
{
  return text != NULL && *text ? g_strdup (text) : NULL;
}

char *
bb_template_contact_lines (const BbBranding *branding,
                           const char       *language)
{
  GString *text = g_string_new (NULL);

  if (branding->address != NULL && *branding->address)
    g_string_append_printf (text, "%s\n", branding->address);
  if (branding->phone != NULL && *branding->phone)
    {
      g_string_append_printf (text, T (N_("Phone: %s")), branding->phone);
      g_string_append_c (text, '\n');
    }
  if (branding->email != NULL && *branding->email)
    {
      g_string_append_printf (text, T (N_("E-mail: %s")), branding->email);
      g_string_append_c (text, '\n');
    }
  if (branding->website != NULL && *branding->website)
    g_string_append_printf (text, "%s\n", branding->website);
  if (text->len > 0)
    g_string_truncate (text, text->len - 1);
  return g_string_free (text, FALSE);
}

void
bb_template_add_body (BbFrame           *frame,
                      const BbTextStyle *style,
                      const BbColor     *bullet_color,
                      const char        *text)
{
  g_auto(GStrv) blocks = NULL;

  if (text == NULL)
    return;
  blocks = g_strsplit (text, "\n\n", -1);
  for (guint i = 0; blocks[i] != NULL; i++)
    {
      g_auto(GStrv) lines = g_strsplit (g_strstrip (blocks[i]), "\n", -1);
      GString *plain = g_string_new (NULL);

      for (guint j = 0; lines[j] != NULL; j++)
        {
          const char *line = lines[j];

          if (g_str_has_prefix (line, "• ") || g_str_has_prefix (line, "- "))
            {
              BbParagraph *p;

              if (plain->len > 0)
                {
                  bb_frame_add_paragraph (frame, style, plain->str);
                  g_string_truncate (plain, 0);
                }
              p = bb_frame_add_paragraph (frame, style,
                                          line + (g_str_has_prefix (line, "- ") ? 2 : strlen ("• ")));
              bb_paragraph_set_bullet (p, "•", bullet_color);
            }
          else
            {
              if (plain->len > 0)
                g_string_append_c (plain, ' ');
              g_string_append (plain, line);
            }
        }
      if (plain->len > 0)
        bb_frame_add_paragraph (frame, style, plain->str);
      g_string_free (plain, TRUE);
    }
}

double
bb_template_heading (BbPage           *page,
                     const BbBranding *branding,
                     double            x,
                     double            y,
                     double            width,
                     const char       *text)
{
  BbTextStyle style = bb_template_style_c (14, PANGO_WEIGHT_BOLD, &branding->primary);

  bb_page_add_rect (page, x, y + 3, MM (1.2), 13, &branding->accent, NULL, 0, 0);
  bb_page_add_text (page, text, x + MM (3.5), y, width - MM (3.5), 22, &style, text);
  return 26;
}

BbTable *
bb_template_table (BbPage           *page,
                   const BbBranding *branding,
                   const char       *name,
                   double            x,
                   double            y,
                   double            width,
                   double            max_height,
                   guint             n_columns,
                   const double     *fractions)
{
  BbColor white = bb_color_rgb (0xffffff);
  BbTextStyle header = bb_template_style_c (8.5, PANGO_WEIGHT_BOLD, &white);
  BbTextStyle body = bb_template_style (9, PANGO_WEIGHT_NORMAL, BB_INK);
  BbColor stripe = bb_color_tint (&branding->primary, 0.93);
  BbColor rule = bb_color_tint (&branding->primary, 0.8);
  BbTable *table = bb_page_add_table (page, name, x, y, width, max_height, n_columns, fractions);

  header.line_spacing = 1.25;
  body.line_spacing = 1.3;
  bb_table_set_style (table, &header, &body, &branding->primary, &stripe, &rule);
  return table;
}

double
bb_template_band (BbPage           *page,
                  const BbBranding *branding,
                  double            width,
                  double            margin,
                  const char       *title,
                  const char       *subtitle)
{
  BbColor white = bb_color_rgb (0xffffff);
  BbColor soft_white = bb_color_tint (&branding->accent, 0.35);
  BbTextStyle style;
  BbFrame *frame;
  BbParagraph *p;
  double cw = width - 2 * margin;

  bb_page_add_rect (page, 0, 0, width, MM (42), &branding->primary, NULL, 0, 0);
  bb_page_add_rect (page, 0, MM (42), width, MM (1.5), &branding->accent, NULL, 0, 0);
  bb_template_logo (page, branding, width - margin - MM (22), MM (12), MM (22), MM (22));
  frame = bb_page_add_frame (page, _("Title"), margin, MM (6), cw - MM (28), MM (31));
  bb_frame_set_valign (frame, BB_VALIGN_BOTTOM);
  style = bb_template_style_c (11, PANGO_WEIGHT_BOLD, &soft_white);
  style.uppercase = TRUE;
  style.space_after = 4;
  bb_frame_add_paragraph (frame, &style, branding->station_name);
  style = bb_template_style_c (27, PANGO_WEIGHT_BOLD, &white);
  style.space_after = 2;
  style.line_spacing = 1.2;
  p = bb_frame_add_paragraph (frame, &style, title);
  if (subtitle != NULL)
    {
      style = bb_template_style_c (14.5, PANGO_WEIGHT_NORMAL, &white);
      bb_frame_add_paragraph (frame, &style, subtitle);
    }
  /* A long district or meeting name steps down before it is cut. */
  bb_frame_shrink_to_fit (frame, p, 18);
  return MM (52);
}

void
bb_template_footers (BbPrintDocument  *doc,
                     const BbBranding *branding,
                     double            margin)
{
  const char *language = bb_print_document_get_language (doc);
  guint n_pages = bb_print_document_get_n_pages (doc);
  BbColor rule = bb_color_rgb (0xd0d4d9);
  double W, H;

  bb_print_document_get_trim_size (doc, &W, &H);
  for (guint i = 0; i < n_pages; i++)
    {
      BbPage *page = bb_print_document_get_page (doc, i);
      BbTextStyle style = bb_template_style (8, PANGO_WEIGHT_NORMAL, BB_INK_SOFT);
      g_autofree char *pages = g_strdup_printf (T (N_("Page %u of %u")), i + 1, n_pages);

      bb_page_add_line (page, margin, H - MM (14), W - margin, H - MM (14), &rule, 0.6, FALSE);
      bb_page_add_text (page, _("Footer"), margin, H - MM (12.5), W - 2 * margin - MM (45), MM (6), &style,
                        branding->station_name != NULL ? branding->station_name : "");
      style.align = BB_ALIGN_END;
      bb_page_add_text (page, _("Page number"), W - margin - MM (42), H - MM (12.5), MM (42), MM (6), &style, pages);
    }
}

static const char *const month_names[] = {
  N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"), N_("July"),
  N_("August"), N_("September"), N_("October"), N_("November"), N_("December"),
};
static const char *const weekday_names[] = {
  N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"), N_("Saturday"), N_("Sunday"),
};

const char *
bb_template_month_name (const char *language,
                        int         month)
{
  g_return_val_if_fail (month >= 1 && month <= 12, "");
  return T (month_names[month - 1]);
}

const char *
bb_template_weekday_name (const char *language,
                          int         weekday)
{
  g_return_val_if_fail (weekday >= 1 && weekday <= 7, "");
  return T (weekday_names[weekday - 1]);
}

char *
bb_template_long_date (const char *language,
                       GDateTime  *t)
{
  /* TRANSLATORS: weekday, day, month, year: "Tuesday 13 October 2026" */
  return g_strdup_printf (T (N_("%s %d %s %d")), bb_template_weekday_name (language, g_date_time_get_day_of_week (t)),
                          g_date_time_get_day_of_month (t), bb_template_month_name (language, g_date_time_get_month (t)),
                          g_date_time_get_year (t));
}

char *
bb_template_quarter_label (const char *language,
                           int         year,
                           int         quarter)
{
  static const char *const quarter_months[] = {
    N_("January–March"), N_("April–June"), N_("July–September"), N_("October–December"),
  };

  g_return_val_if_fail (quarter >= 1 && quarter <= 4, g_strdup (""));
  return g_strdup_printf (T (N_("%s %d (quarter %d)")), T (quarter_months[quarter - 1]), year, quarter);
}
