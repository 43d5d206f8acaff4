/* bb-brochure.c: the tri-fold brochure: A4 landscape, two sides, six panels in folding order */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-brochure"

#include "config.h"

#include <glib/gi18n.h>

#include "bb-template-private.h"

/* A roll fold: the flap that folds in is 3 mm narrower than the other
 * panels so that it does not buckle against the fold.  Outside, left to
 * right: flap | back | cover; inside, mirrored: left | middle | right,
 * where the right panel is the back of the flap. */
#define PANEL_MM 100.0
#define FLAP_MM   97.0

void
bb_brochure_panel_geometry (BbBrochurePanel panel,
                            guint          *page,
                            double         *x,
                            double         *width)
{
  static const struct { guint page; double x_mm, width_mm; } panels[BB_N_PANELS] = {
    [BB_PANEL_COVER]         = { 0, FLAP_MM + PANEL_MM, PANEL_MM },
    [BB_PANEL_INSIDE_LEFT]   = { 1, 0, PANEL_MM },
    [BB_PANEL_INSIDE_MIDDLE] = { 1, PANEL_MM, PANEL_MM },
    [BB_PANEL_INSIDE_RIGHT]  = { 1, 2 * PANEL_MM, FLAP_MM },
    [BB_PANEL_FLAP]          = { 0, 0, FLAP_MM },
    [BB_PANEL_BACK]          = { 0, FLAP_MM, PANEL_MM },
  };

  g_return_if_fail (panel < BB_N_PANELS);
  *page = panels[panel].page;
  *x = MM (panels[panel].x_mm);
  *width = MM (panels[panel].width_mm);
}

BbBrochure *
bb_brochure_new_from_store (BbStore     *store,
                            const char  *language,
                            GError     **error)
{
  g_autoptr(BbStation) station = NULL;
  g_autoptr(GPtrArray) districts = NULL;
  BbBrochure *self;

  g_return_val_if_fail (BB_IS_STORE (store), NULL);

  station = bb_store_station_get (store, error);
  if (station == NULL)
    return NULL;
  districts = bb_store_district_list (store, error);
  if (districts == NULL)
    return NULL;

  self = g_new0 (BbBrochure, 1);
  self->language = g_strdup (language);
  self->title = g_strdup (T (N_("Your police, your neighbourhood")));
  self->subtitle = g_strdup (T (N_("Who your neighbourhood officers are, how to reach them, and how we keep "
                                    "the streets safe together")));
  self->panels[BB_PANEL_INSIDE_LEFT].heading = g_strdup (T (N_("Who we are")));
  self->panels[BB_PANEL_INSIDE_LEFT].body = g_strdup (T (N_(
    "Every neighbourhood of our town has its own police officer, who knows its streets, its schools "
    "and its people.\n\n"
    "Your officer patrols the neighbourhood, listens to residents, and works with the municipality, "
    "schools, health and social services to solve the problems that matter to you.\n\n"
    "You can call your officer directly, or speak to them at community meetings and open days.")));
  self->panels[BB_PANEL_INSIDE_MIDDLE].heading = g_strdup (T (N_("Your neighbourhood officers")));
  self->panels[BB_PANEL_INSIDE_RIGHT].heading = g_strdup (T (N_("Staying safe")));
  self->panels[BB_PANEL_INSIDE_RIGHT].body = g_strdup (T (N_(
    "• Lock doors and windows, even when you are out for a few minutes.\n"
    "• Never give bank cards, codes or savings to callers or visitors, whoever they claim to be.\n"
    "• Keep to the speed limit near schools and playgrounds.\n"
    "• Talk to your children about the dangers of drugs.\n"
    "• Look out for older neighbours who live alone.")));
  self->panels[BB_PANEL_FLAP].heading = g_strdup (T (N_("Working together")));
  self->panels[BB_PANEL_FLAP].body = g_strdup (T (N_(
    "Safety is not the work of the police alone. Residents, schools, businesses and the municipality "
    "meet regularly in the community advisory group of each district.\n\n"
    "Tell us what worries you: a dark street, speeding, noise, groups gathering at night. Concerns "
    "raised by residents become problems we work on together, and we report back on what was done.\n\n"
    "Meetings are open to everyone and announced at the station and on our web page.")));
  self->panels[BB_PANEL_BACK].heading = g_strdup (T (N_("Contact us")));
  self->panels[BB_PANEL_BACK].body = g_strdup_printf (T (N_("In an emergency, always call %s")), "112");
  self->panels[BB_PANEL_COVER].heading = g_strdup (station->name);

  self->officers = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  for (guint i = 0; i < districts->len; i++)
    {
      BbDistrict *d = g_ptr_array_index (districts, i);
      g_autoptr(BbOfficer) officer = NULL;
      char **row;

      if (d->officer_id == NULL)
        continue;
      officer = bb_store_officer_get (store, d->officer_id, NULL);
      if (officer == NULL)
        continue;
      row = g_new0 (char *, 4);
      row[0] = g_strdup (d->name);
      row[1] = g_strdup (officer->name);
      row[2] = g_strdup (officer->phone != NULL ? officer->phone : "");
      g_ptr_array_add (self->officers, row);
    }
  self->qr_text = bb_template_strdup_nonempty (station->website);
  return self;
}

void
bb_brochure_free (BbBrochure *self)
{
  if (self == NULL)
    return;
  g_free (self->language);
  g_free (self->title);
  g_free (self->subtitle);
  for (guint i = 0; i < BB_N_PANELS; i++)
    {
      g_free (self->panels[i].heading);
      g_free (self->panels[i].body);
    }
  g_clear_pointer (&self->officers, g_ptr_array_unref);
  g_free (self->qr_text);
  g_free (self);
}

#define PAD MM (9)

static BbFrame *
panel_text (BbPage           *page,
            const BbBrochure *self,
            const BbBranding *branding,
            BbBrochurePanel   panel,
            double            top,
            double            bottom)
{
  const BbBrochureText *text = &self->panels[panel];
  BbTextStyle heading = bb_template_style_c (19, PANGO_WEIGHT_BOLD, &branding->primary);
  BbTextStyle body = bb_template_style (12, PANGO_WEIGHT_NORMAL, BB_INK);
  BbFrame *frame;
  guint page_index;
  double x, w;

  bb_brochure_panel_geometry (panel, &page_index, &x, &w);
  frame = bb_page_add_frame (page, text->heading, x + PAD, top, w - 2 * PAD, bottom - top);
  heading.space_after = 10;
  if (text->heading != NULL)
    bb_frame_add_paragraph (frame, &heading, text->heading);
  body.line_spacing = 1.4;
  body.space_after = 7;
  bb_template_add_body (frame, &body, &branding->accent, text->body);
  return frame;
}

static void
panel_rule (BbPage           *page,
            const BbBranding *branding,
            BbBrochurePanel   panel,
            double            y)
{
  guint page_index;
  double x, w;

  bb_brochure_panel_geometry (panel, &page_index, &x, &w);
  bb_page_add_rect (page, x + PAD, y, MM (14), MM (1.2), &branding->accent, NULL, 0, 0);
}

BbPrintDocument *
bb_brochure_build (const BbBrochure *self,
                   const BbBranding *branding)
{
  const char *language = self->language;
  BbPrintDocument *doc;
  BbPage *outside, *inside;
  BbFrame *frame;
  BbColor white = bb_color_rgb (0xffffff);
  BbColor soft_white = bb_color_tint (&branding->accent, 0.35);
  BbColor box = bb_color_tint (&branding->primary, 0.92);
  BbTextStyle style;
  g_autofree char *contacts = NULL;
  double W, H, x, w, top = MM (16), bottom, table_top;
  guint page_index;

  g_return_val_if_fail (self != NULL && branding != NULL, NULL);

  doc = bb_print_document_new (BB_PAPER_A4, TRUE);
  bb_print_document_set_language (doc, language);
  bb_print_document_set_title (doc, self->title);
  bb_print_document_set_bleed (doc, self->bleed);
  bb_print_document_get_trim_size (doc, &W, &H);
  bottom = H - MM (14);

  /* Outside: flap | back | cover. */
  outside = bb_print_document_add_page (doc);
  bb_page_add_fold (outside, MM (FLAP_MM));
  bb_page_add_fold (outside, MM (FLAP_MM + PANEL_MM));

  panel_rule (outside, branding, BB_PANEL_FLAP, top - MM (5));
  panel_text (outside, self, branding, BB_PANEL_FLAP, top, bottom);

  bb_brochure_panel_geometry (BB_PANEL_BACK, &page_index, &x, &w);
  bb_page_add_rect (outside, x, 0, w, H, &box, NULL, 0, 0);
  panel_rule (outside, branding, BB_PANEL_BACK, top - MM (5));
  frame = bb_page_add_frame (outside, _("Contact us"), x + PAD, top, w - 2 * PAD, MM (110));
  style = bb_template_style_c (18, PANGO_WEIGHT_BOLD, &branding->primary);
  style.space_after = 10;
  bb_frame_add_paragraph (frame, &style, self->panels[BB_PANEL_BACK].heading);
  style = bb_template_style (12, PANGO_WEIGHT_BOLD, BB_INK);
  style.space_after = 3;
  bb_frame_add_paragraph (frame, &style, branding->station_name);
  contacts = bb_template_contact_lines (branding, language);
  style = bb_template_style (11, PANGO_WEIGHT_NORMAL, BB_INK);
  style.line_spacing = 1.4;
  style.space_after = 12;
  bb_frame_add_paragraph (frame, &style, contacts);
  if (self->qr_text != NULL)
    bb_page_add_qr (outside, _("QR code"), x + (w - MM (32)) / 2, MM (118), MM (32), self->qr_text,
                    &branding->primary);
  bb_page_add_rect (outside, x + PAD, H - MM (44), w - 2 * PAD, MM (26), &branding->primary, NULL, 0, MM (2));
  style = bb_template_style_c (14.5, PANGO_WEIGHT_BOLD, &white);
  style.align = BB_ALIGN_CENTER;
  frame = bb_page_add_text (outside, _("Emergency number"), x + PAD + MM (3), H - MM (44), w - 2 * PAD - MM (6),
                            MM (26), &style, self->panels[BB_PANEL_BACK].body);
  bb_frame_set_valign (frame, BB_VALIGN_MIDDLE);

  bb_brochure_panel_geometry (BB_PANEL_COVER, &page_index, &x, &w);
  bb_page_add_rect (outside, x, 0, w, H, &branding->primary, NULL, 0, 0);
  bb_page_add_rect (outside, x, H * 0.62, w, MM (2), &branding->accent, NULL, 0, 0);
  bb_template_logo (outside, branding, x + PAD, MM (18), MM (28), MM (28));
  frame = bb_page_add_frame (outside, _("Cover"), x + PAD, MM (50), w - 2 * PAD, H * 0.62 - MM (58));
  bb_frame_set_valign (frame, BB_VALIGN_BOTTOM);
  style = bb_template_style_c (31, PANGO_WEIGHT_BOLD, &white);
  style.line_spacing = 1.15;
  style.space_after = 12;
  style.size = bb_print_document_fit_words (doc, &style, self->title, w - 2 * PAD);
  {
    BbTextStyle sub = bb_template_style_c (13, PANGO_WEIGHT_NORMAL, &soft_white);

    sub.line_spacing = 1.4;
    /* A title and subtitle that take more lines in another language get
     * smaller type rather than running out of the cover. */
    while (style.size > 18
           && bb_print_document_measure_text (doc, &style, self->title, w - 2 * PAD) + style.space_after
              + bb_print_document_measure_text (doc, &sub, self->subtitle, w - 2 * PAD) > H * 0.62 - MM (58))
      {
        style.size -= 1;
        sub.size = MAX (10.5, sub.size - 0.25);
      }
    bb_frame_add_paragraph (frame, &style, self->title);
    bb_frame_add_paragraph (frame, &sub, self->subtitle);
  }
  style = bb_template_style_c (12, PANGO_WEIGHT_BOLD, &white);
  style.uppercase = TRUE;
  bb_page_add_text (outside, _("Cover station"), x + PAD, H * 0.62 + MM (8), w - 2 * PAD, MM (30),
                            &style, self->panels[BB_PANEL_COVER].heading);

  /* Inside: three panels read left to right once opened. */
  inside = bb_print_document_add_page (doc);
  panel_rule (inside, branding, BB_PANEL_INSIDE_LEFT, top - MM (5));
  panel_text (inside, self, branding, BB_PANEL_INSIDE_LEFT, top, bottom);

  panel_rule (inside, branding, BB_PANEL_INSIDE_MIDDLE, top - MM (5));
  bb_brochure_panel_geometry (BB_PANEL_INSIDE_MIDDLE, &page_index, &x, &w);
  {
    BbTextStyle heading = bb_template_style_c (19, PANGO_WEIGHT_BOLD, &branding->primary);

    table_top = top + bb_print_document_measure_text (doc, &heading, self->panels[BB_PANEL_INSIDE_MIDDLE].heading,
                                                      w - 2 * PAD) + 10;
  }
  panel_text (inside, self, branding, BB_PANEL_INSIDE_MIDDLE, top, table_top);
  if (self->officers != NULL && self->officers->len > 0)
    {
      static const double fractions[] = { 1.0, 1.15, 1.25 };
      BbTextStyle header = bb_template_style_c (8.5, PANGO_WEIGHT_BOLD, &white);
      BbTextStyle body = bb_template_style (8.5, PANGO_WEIGHT_NORMAL, BB_INK);
      BbColor stripe = bb_color_tint (&branding->primary, 0.92);
      BbColor rule = bb_color_tint (&branding->primary, 0.75);
      BbTable *table = bb_page_add_table (inside, _("Officers"), x + PAD, table_top, w - 2 * PAD,
                                          bottom - table_top, 3, fractions);
      const char *head[] = { T (N_("District")), T (N_("Officer")), T (N_("Phone")), NULL };

      bb_table_set_style (table, &header, &body, &branding->primary, &stripe, &rule);
      bb_table_add_row (table, TRUE, head);
      for (guint i = 0; i < self->officers->len; i++)
        bb_table_add_row (table, FALSE, g_ptr_array_index (self->officers, i));
    }

  bb_brochure_panel_geometry (BB_PANEL_INSIDE_RIGHT, &page_index, &x, &w);
  bb_page_add_rect (inside, x, 0, w, H, &box, NULL, 0, 0);
  panel_rule (inside, branding, BB_PANEL_INSIDE_RIGHT, top - MM (5));
  panel_text (inside, self, branding, BB_PANEL_INSIDE_RIGHT, top, bottom);
  bb_page_add_fold (inside, MM (PANEL_MM));
  bb_page_add_fold (inside, MM (2 * PANEL_MM));
  return doc;
}
