/* bb-poster.c: the "Meet your neighbourhood officer" poster and the event poster */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-poster"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "bb-public-map.h"
#include "bb-template-private.h"

/* "Meet your neighbourhood officer" ---------------------------------- */

void
bb_officer_poster_free (BbOfficerPoster *self)
{
  if (self == NULL)
    return;
  g_free (self->language);
  g_free (self->headline);
  g_free (self->officer_name);
  g_free (self->officer_rank);
  g_free (self->officer_phone);
  g_free (self->officer_email);
  g_free (self->district_name);
  g_clear_pointer (&self->district_map, bb_static_map_free);
  g_free (self->message);
  g_clear_pointer (&self->photo, g_bytes_unref);
  g_free (self->qr_text);
  g_free (self->emergency);
  g_free (self);
}

/* A contact card phones read from a QR code: name and number saved in one
 * scan.  ';', ':', ',' and '\' are escaped as MECARD asks. */
static void
append_mecard_value (GString    *card,
                     const char *value)
{
  for (const char *c = value; *c; c++)
    {
      if (*c == ';' || *c == ':' || *c == ',' || *c == '\\')
        g_string_append_c (card, '\\');
      g_string_append_c (card, *c);
    }
}

BbOfficerPoster *
bb_officer_poster_new_from_store (BbStore     *store,
                                  const char  *officer_id,
                                  const char  *language,
                                  GError     **error)
{
  g_autoptr(BbOfficer) officer = NULL;
  g_autoptr(BbStation) station = NULL;
  g_autoptr(GPtrArray) districts = NULL;
  BbOfficerPoster *self;
  GString *card;
  const char *district_name = NULL;
  const char *district_id = NULL;

  g_return_val_if_fail (BB_IS_STORE (store), NULL);
  g_return_val_if_fail (officer_id != NULL, NULL);

  officer = bb_store_officer_get (store, officer_id, error);
  if (officer == NULL)
    return NULL;
  station = bb_store_station_get (store, error);
  if (station == NULL)
    return NULL;
  districts = bb_store_district_list (store, error);
  if (districts == NULL)
    return NULL;
  for (guint i = 0; i < districts->len; i++)
    {
      BbDistrict *d = g_ptr_array_index (districts, i);

      if (g_strcmp0 (d->officer_id, officer->id) == 0 ||
          (district_name == NULL && g_strcmp0 (d->id, officer->district_id) == 0))
        {
          district_name = d->name;
          district_id = d->id;
        }
    }

  self = g_new0 (BbOfficerPoster, 1);
  self->language = g_strdup (language);
  self->paper = BB_PAPER_A4;
  self->headline = g_strdup (T (N_("Meet your neighbourhood officer")));
  self->officer_name = g_strdup (officer->name);
  self->officer_rank = g_strdup (officer->rank);
  self->officer_phone = g_strdup (officer->phone);
  self->officer_email = g_strdup (officer->email);
  self->district_name = g_strdup (district_name);
  if (district_id != NULL)
    {
      BbPublicMapOptions options;

      /* The officer's patch: its streets and boundary, no incidents. */
      bb_public_map_options_init (&options);
      options.district_id = district_id;
      options.no_cells = TRUE;
      options.language = language;
      self->district_map = bb_public_map_new (store, &options, NULL, NULL);
    }
  self->message = g_strdup (T (N_("I look after the streets where you live. Tell me about anything that worries you: "
                                  "a dark corner, speeding cars, a broken street light, a neighbour who needs help. "
                                  "Together we can make our neighbourhood safer.")));
  self->photo = officer->photo != NULL ? g_bytes_ref (officer->photo) : NULL;
  card = g_string_new ("MECARD:N:");
  append_mecard_value (card, officer->name);
  if (officer->phone != NULL && *officer->phone)
    {
      g_string_append (card, ";TEL:");
      append_mecard_value (card, officer->phone);
    }
  if (officer->email != NULL && *officer->email)
    {
      g_string_append (card, ";EMAIL:");
      append_mecard_value (card, officer->email);
    }
  g_string_append (card, ";;");
  self->qr_text = g_string_free (card, FALSE);
  self->emergency = g_strdup_printf (T (N_("In an emergency, always call %s")), "112");
  return self;
}

BbPrintDocument *
bb_officer_poster_build (const BbOfficerPoster *self,
                         const BbBranding      *branding)
{
  const char *language = self->language;
  BbPrintDocument *doc;
  BbPage *page;
  BbFrame *frame;
  BbParagraph *p;
  BbColor white = bb_color_rgb (0xffffff);
  BbColor soft_white = bb_color_tint (&branding->primary, 0.72);
  BbColor box = bb_color_tint (&branding->primary, 0.9);
  BbTextStyle style;
  g_autofree char *contacts = NULL;
  double W, H, s, M, text_x, text_w, band_h;
  gboolean has_logo;

  g_return_val_if_fail (self != NULL && branding != NULL, NULL);

  doc = bb_print_document_new (self->paper, FALSE);
  bb_print_document_set_language (doc, language);
  bb_print_document_set_title (doc, self->headline);
  bb_print_document_set_bleed (doc, self->bleed);
  bb_print_document_get_trim_size (doc, &W, &H);
  s = W / MM (210);   /* A3 is A4 scaled up */
  M = MM (16) * s;
  band_h = MM (68) * s;
  page = bb_print_document_add_page (doc);

  /* The band: who is speaking and what this is. */
  bb_page_add_rect (page, 0, 0, W, band_h, &branding->primary, NULL, 0, 0);
  bb_page_add_rect (page, 0, band_h, W, MM (2.5) * s, &branding->accent, NULL, 0, 0);
  has_logo = bb_template_logo (page, branding, W - M - MM (30) * s, MM (14) * s, MM (30) * s, MM (30) * s);
  text_w = W - 2 * M - (has_logo ? MM (36) * s : 0);
  frame = bb_page_add_frame (page, _("Headline"), M, MM (14) * s, text_w, band_h - MM (20) * s);
  style = bb_template_style_c (12 * s, PANGO_WEIGHT_BOLD, &soft_white);
  style.uppercase = TRUE;
  style.space_after = 6 * s;
  bb_frame_add_paragraph (frame, &style, branding->station_name);
  style = bb_template_style_c (38.5 * s, PANGO_WEIGHT_BOLD, &white);
  style.line_spacing = 1.15;
  style.size = bb_print_document_fit_words (doc, &style, self->headline, text_w);
  bb_frame_add_paragraph (frame, &style, self->headline);

  /* The officer. */
  if (self->photo != NULL)
    bb_page_add_image (page, _("Officer’s photo"), M, MM (84) * s, MM (70) * s, MM (88) * s, self->photo);
  else
    bb_page_add_photo_placeholder (page, M, MM (84) * s, MM (70) * s, MM (88) * s, &branding->primary);
  bb_page_add_rect (page, M, MM (172) * s, MM (70) * s, MM (2) * s, &branding->accent, NULL, 0, 0);

  text_x = M + MM (78) * s;
  text_w = W - text_x - M;
  frame = bb_page_add_frame (page, _("Officer"), text_x, MM (84) * s, text_w, MM (90) * s);
  if (self->officer_rank != NULL && *self->officer_rank)
    {
      style = bb_template_style_c (13 * s, PANGO_WEIGHT_BOLD, &branding->accent);
      style.uppercase = TRUE;
      style.space_after = 2 * s;
      bb_frame_add_paragraph (frame, &style, self->officer_rank);
    }
  style = bb_template_style_c (33.5 * s, PANGO_WEIGHT_BOLD, &branding->primary);
  style.space_after = 6 * s;
  style.line_spacing = 1.15;
  style.size = bb_print_document_fit_words (doc, &style, self->officer_name, text_w);
  bb_frame_add_paragraph (frame, &style, self->officer_name);
  if (self->district_name != NULL)
    {
      /* Translators: on the officer's poster; %s is the district's name, printed in bold */
      const char *format = T (N_("Your district: %s"));
      const char *slot = strstr (format, "%s");
      g_autofree char *before = slot != NULL ? g_strndup (format, slot - format) : g_strdup (format);

      style = bb_template_style (15.5 * s, PANGO_WEIGHT_NORMAL, BB_INK_SOFT);
      style.space_after = 12 * s;
      p = bb_frame_add_paragraph (frame, &style, before);
      style.weight = PANGO_WEIGHT_BOLD;
      style.color = bb_color_rgb (BB_INK);
      bb_paragraph_append (p, &style, self->district_name);
      if (slot != NULL && slot[2] != '\0')
        {
          style.weight = PANGO_WEIGHT_NORMAL;
          style.color = bb_color_rgb (BB_INK_SOFT);
          bb_paragraph_append (p, &style, slot + 2);
        }
    }
  style = bb_template_style (15.5 * s, PANGO_WEIGHT_NORMAL, BB_INK);
  style.line_spacing = 1.4;
  p = bb_frame_add_paragraph (frame, &style, self->message);
  bb_frame_shrink_to_fit (frame, p, 11 * s);

  /* How to reach the officer. */
  bb_page_add_rect (page, M, MM (184) * s, W - 2 * M, MM (44) * s, &box, NULL, 0, MM (3) * s);
  bb_page_add_qr (page, _("QR code"), W - M - MM (40) * s, MM (188) * s, MM (36) * s, self->qr_text, &branding->primary);
  frame = bb_page_add_frame (page, _("Phone"), M + MM (8) * s, MM (184) * s,
                             W - 2 * M - MM (56) * s, MM (44) * s);
  bb_frame_set_valign (frame, BB_VALIGN_MIDDLE);
  style = bb_template_style_c (12.5 * s, PANGO_WEIGHT_BOLD, &branding->primary);
  style.uppercase = TRUE;
  style.space_after = 2 * s;
  bb_frame_add_paragraph (frame, &style, T (N_("Call me directly")));
  style = bb_template_style_c (36 * s, PANGO_WEIGHT_BOLD, &branding->primary);
  style.space_after = 2 * s;
  bb_frame_add_paragraph (frame, &style, self->officer_phone != NULL ? self->officer_phone : "");
  if (self->officer_email != NULL && *self->officer_email)
    {
      style = bb_template_style (14 * s, PANGO_WEIGHT_NORMAL, BB_INK);
      bb_frame_add_paragraph (frame, &style, self->officer_email);
    }

  /* The station, and the district beside it. */
  if (self->district_map != NULL)
    bb_page_add_map (page, _("District map"), W / 2 + MM (4) * s, MM (234) * s, W / 2 - M - MM (4) * s, MM (43) * s,
                     bb_static_map_ref (self->district_map));
  frame = bb_page_add_frame (page, _("Station"), M, MM (235) * s,
                             self->district_map != NULL ? W / 2 - M : W - 2 * M, MM (42) * s);
  style = bb_template_style_c (15.5 * s, PANGO_WEIGHT_BOLD, &branding->primary);
  style.space_after = 3 * s;
  bb_frame_add_paragraph (frame, &style, T (N_("How to reach the police station")));
  style = bb_template_style ((self->district_map != NULL ? 11 : 13) * s, PANGO_WEIGHT_BOLD, BB_INK);
  style.space_after = 1 * s;
  bb_frame_add_paragraph (frame, &style, branding->station_name);
  contacts = bb_template_contact_lines (branding, language);
  style = bb_template_style ((self->district_map != NULL ? 11 : 13) * s, PANGO_WEIGHT_NORMAL, BB_INK);
  style.line_spacing = 1.3;
  p = bb_frame_add_paragraph (frame, &style, contacts);
  bb_frame_shrink_to_fit (frame, p, 8.5 * s);

  /* The footer: the emergency number. */
  bb_page_add_rect (page, 0, H - MM (17) * s, W, MM (17) * s, &branding->primary, NULL, 0, 0);
  style = bb_template_style_c (17 * s, PANGO_WEIGHT_BOLD, &white);
  style.align = BB_ALIGN_CENTER;
  frame = bb_page_add_text (page, _("Emergency number"), M, H - MM (17) * s, W - 2 * M, MM (17) * s,
                            &style, self->emergency);
  bb_frame_set_valign (frame, BB_VALIGN_MIDDLE);
  return doc;
}

/* Event poster -------------------------------------------------------- */

void
bb_event_poster_free (BbEventPoster *self)
{
  if (self == NULL)
    return;
  g_free (self->language);
  g_free (self->kind_label);
  g_free (self->title);
  g_free (self->day);
  g_free (self->month);
  g_free (self->time);
  g_free (self->place);
  g_free (self->description);
  g_free (self->qr_text);
  g_free (self->qr_caption);
  g_free (self);
}

static const char *
event_kind_label (const char *kind)
{
  static const struct { const char *kind; const char *label; } kinds[] = {
    { "advisory_meeting", N_("Community advisory group") },
    { "community_meeting", N_("Community meeting") },
    { "open_day", N_("Open day") },
    { "school_visit", N_("School visit") },
    { "press_briefing", N_("Press briefing") },
    { "training", N_("Training") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kind, kinds[i].kind) == 0)
      return kinds[i].label;
  return N_("Community event");
}

/* Month and weekday names in the document's language, not the desk's.  The
 * month is printed under the day's number ("14" over "March 2026"), where
 * some languages use another form of it (Russian: марта). */
static const char *const month_names[] = {
  /* Translators: under a day's number on a poster, "14" over "March 2026";
   * use the form that follows a day number (Russian: "марта") */
  NC_("month after a day number", "January"), NC_("month after a day number", "February"),
  NC_("month after a day number", "March"), NC_("month after a day number", "April"),
  NC_("month after a day number", "May"), NC_("month after a day number", "June"),
  NC_("month after a day number", "July"), NC_("month after a day number", "August"),
  NC_("month after a day number", "September"), NC_("month after a day number", "October"),
  NC_("month after a day number", "November"), NC_("month after a day number", "December"),
};
static const char *const weekday_names[] = {
  N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"), N_("Saturday"), N_("Sunday"),
};

BbEventPoster *
bb_event_poster_new_from_event (const BbEvent   *event,
                                const BbStation *station,
                                const char      *language)
{
  BbEventPoster *self;
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;

  g_return_val_if_fail (event != NULL, NULL);

  tz = bb_station_dup_time_zone (station);
  start = g_date_time_new_from_unix_utc (event->start_at);
  end = event->end_at > event->start_at ? g_date_time_new_from_unix_utc (event->end_at) : NULL;
  if (start != NULL)
    {
      GDateTime *local = g_date_time_to_timezone (start, tz);

      g_date_time_unref (start);
      start = local;
    }
  if (end != NULL)
    {
      GDateTime *local = g_date_time_to_timezone (end, tz);

      g_date_time_unref (end);
      end = local;
    }

  self = g_new0 (BbEventPoster, 1);
  self->language = g_strdup (language);
  self->paper = BB_PAPER_A4;
  self->kind_label = g_strdup (T (event_kind_label (event->kind)));
  self->title = g_strdup (event->title);
  if (start != NULL)
    {
      self->day = g_strdup_printf ("%d", g_date_time_get_day_of_month (start));
      self->month = g_strdup_printf ("%s %d", TC ("month after a day number", month_names[g_date_time_get_month (start) - 1]),
                                     g_date_time_get_year (start));
      if (event->all_day)
        self->time = g_strdup (T (weekday_names[g_date_time_get_day_of_week (start) - 1]));
      else if (end != NULL)
        self->time = g_strdup_printf ("%s, %02d:%02d–%02d:%02d",
                                      T (weekday_names[g_date_time_get_day_of_week (start) - 1]),
                                      g_date_time_get_hour (start), g_date_time_get_minute (start),
                                      g_date_time_get_hour (end), g_date_time_get_minute (end));
      else
        self->time = g_strdup_printf ("%s, %02d:%02d",
                                      T (weekday_names[g_date_time_get_day_of_week (start) - 1]),
                                      g_date_time_get_hour (start), g_date_time_get_minute (start));
    }
  self->place = g_strdup (event->place);
  self->description = g_strdup (T (N_("Everyone who lives or works in the neighbourhood is welcome. "
                                      "Come and meet your neighbourhood officer and partners, raise your concerns "
                                      "and help decide what we do about them together.")));
  self->qr_text = station != NULL ? g_strdup (station->website) : NULL;
  self->qr_caption = g_strdup (T (N_("More information")));
  return self;
}

BbPrintDocument *
bb_event_poster_build (const BbEventPoster *self,
                       const BbBranding    *branding)
{
  const char *language = self->language;
  BbPrintDocument *doc;
  BbPage *page;
  BbFrame *frame;
  BbColor white = bb_color_rgb (0xffffff);
  BbColor soft_white = bb_color_tint (&branding->accent, 0.35);
  BbColor rule = bb_color_rgb (0xd0d4d9);
  BbColor box = bb_color_tint (&branding->primary, 0.9);
  BbTextStyle style;
  g_autofree char *contacts = NULL;
  double W, H, s, M, band_h, x;
  gboolean has_qr;

  g_return_val_if_fail (self != NULL && branding != NULL, NULL);

  doc = bb_print_document_new (self->paper, FALSE);
  bb_print_document_set_language (doc, language);
  bb_print_document_set_title (doc, self->title);
  bb_print_document_set_bleed (doc, self->bleed);
  bb_print_document_get_trim_size (doc, &W, &H);
  s = W / MM (210);
  M = MM (16) * s;
  band_h = MM (118) * s;
  page = bb_print_document_add_page (doc);

  bb_page_add_rect (page, 0, 0, W, band_h, &branding->primary, NULL, 0, 0);
  bb_template_logo (page, branding, W - M - MM (24) * s, MM (12) * s, MM (24) * s, MM (24) * s);
  frame = bb_page_add_frame (page, _("Title"), M, MM (14) * s, W - 2 * M - MM (30) * s, band_h - MM (24) * s);
  bb_frame_set_valign (frame, BB_VALIGN_BOTTOM);
  style = bb_template_style_c (14.5 * s, PANGO_WEIGHT_BOLD, &soft_white);
  style.uppercase = TRUE;
  style.space_after = 8 * s;
  bb_frame_add_paragraph (frame, &style, self->kind_label);
  style = bb_template_style_c (48 * s, PANGO_WEIGHT_BOLD, &white);
  style.line_spacing = 1.15;
  style.size = bb_print_document_fit_words (doc, &style, self->title, W - 2 * M - MM (30) * s);
  bb_frame_add_paragraph (frame, &style, self->title);
  bb_page_add_rect (page, 0, band_h, W, MM (2.5) * s, &branding->accent, NULL, 0, 0);

  /* When: a calendar leaf, then the time and the place. */
  bb_page_add_rect (page, M, MM (134) * s, MM (46) * s, MM (50) * s, &branding->accent, NULL, 0, MM (2) * s);
  style = bb_template_style_c (53 * s, PANGO_WEIGHT_BOLD, &white);
  style.align = BB_ALIGN_CENTER;
  frame = bb_page_add_frame (page, _("Date"), M, MM (136) * s, MM (46) * s, MM (46) * s);
  bb_frame_set_valign (frame, BB_VALIGN_MIDDLE);
  bb_frame_add_paragraph (frame, &style, self->day != NULL ? self->day : "");
  style = bb_template_style_c (12 * s, PANGO_WEIGHT_BOLD, &white);
  style.align = BB_ALIGN_CENTER;
  style.uppercase = TRUE;
  bb_frame_add_paragraph (frame, &style, self->month != NULL ? self->month : "");

  x = M + MM (54) * s;
  frame = bb_page_add_frame (page, _("Time and place"), x, MM (134) * s, W - x - M, MM (50) * s);
  bb_frame_set_valign (frame, BB_VALIGN_MIDDLE);
  style = bb_template_style_c (12 * s, PANGO_WEIGHT_BOLD, &branding->accent);
  style.uppercase = TRUE;
  style.space_after = 1 * s;
  bb_frame_add_paragraph (frame, &style, T (N_("When")));
  style = bb_template_style_c (24 * s, PANGO_WEIGHT_BOLD, &branding->primary);
  style.space_after = 10 * s;
  bb_frame_add_paragraph (frame, &style, self->time != NULL ? self->time : "");
  style = bb_template_style_c (12 * s, PANGO_WEIGHT_BOLD, &branding->accent);
  style.uppercase = TRUE;
  style.space_after = 1 * s;
  bb_frame_add_paragraph (frame, &style, T (N_("Where")));
  style = bb_template_style (19 * s, PANGO_WEIGHT_NORMAL, BB_INK);
  bb_frame_add_paragraph (frame, &style, self->place != NULL ? self->place : "");

  bb_page_add_line (page, M, MM (194) * s, W - M, MM (194) * s, &rule, 0.8 * s, FALSE);
  style = bb_template_style (18 * s, PANGO_WEIGHT_NORMAL, BB_INK);
  style.line_spacing = 1.4;
  bb_page_add_text (page, _("Description"), M, MM (202) * s, W - 2 * M, MM (44) * s, &style,
                    self->description != NULL ? self->description : "");

  /* The station and the QR code. */
  has_qr = self->qr_text != NULL && *self->qr_text;
  bb_page_add_rect (page, 0, MM (252) * s, W, H - MM (252) * s, &box, NULL, 0, 0);
  if (has_qr)
    {
      bb_page_add_qr (page, _("QR code"), W - M - MM (30) * s, MM (258) * s, MM (30) * s, self->qr_text,
                      &branding->primary);
      style = bb_template_style (9.5 * s, PANGO_WEIGHT_NORMAL, BB_INK_SOFT);
      style.align = BB_ALIGN_CENTER;
      bb_page_add_text (page, _("QR caption"), W - M - MM (34) * s, MM (288.5) * s, MM (38) * s, MM (6) * s,
                        &style, self->qr_caption != NULL ? self->qr_caption : "");
    }
  frame = bb_page_add_frame (page, _("Station"), M, MM (258) * s, W - 2 * M - MM (40) * s, MM (34) * s);
  bb_frame_set_valign (frame, BB_VALIGN_MIDDLE);
  style = bb_template_style_c (14.5 * s, PANGO_WEIGHT_BOLD, &branding->primary);
  style.space_after = 2 * s;
  bb_frame_add_paragraph (frame, &style, branding->station_name);
  contacts = bb_template_contact_lines (branding, language);
  style = bb_template_style (12.5 * s, PANGO_WEIGHT_NORMAL, BB_INK);
  bb_frame_add_paragraph (frame, &style, contacts);
  return doc;
}
