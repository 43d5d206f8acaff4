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
