/* bb-leaflet.c: the crime-prevention leaflet (A5, both sides) and its library of texts */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-leaflet"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "bb-template-private.h"

#define MAX_TIPS 8

typedef struct {
  const char *name;
  const char *kicker;
  const char *title;
  const char *intro;
  const char *tips[MAX_TIPS];
  const char *closing;
  const char *helpline;   /* a line before the station's, or NULL */
} LeafletText;

/* The library: plain words that a resident understands, to be edited by
 * the station before printing. */
static const LeafletText library[BB_N_LEAFLET_TOPICS] = {
  [BB_LEAFLET_BURGLARY] = {
    "burglary",
    N_("Crime prevention"),
    N_("Keep burglars out of your home"),
    N_("Most burglaries are not planned long in advance: a burglar looks for a home that seems empty "
       "and is easy to get into. A few simple habits make your home a harder target."),
    {
      N_("Lock doors and windows every time you go out, even for a few minutes, and at night."),
      N_("Never leave keys under the mat, in a flower pot or inside the letterbox."),
      N_("Make the house look lived in: a light on a timer, post collected by a neighbour."),
      N_("Keep valuables, car keys and documents out of sight of windows."),
      N_("Light the entrance and trim hedges that hide doors and windows."),
      N_("Mark valuable items and keep a list with serial numbers and photographs."),
      N_("Get to know your neighbours and look out for each other’s homes."),
      NULL,
    },
    N_("If you come home and think someone has broken in, do not go inside. Call the police from a safe "
       "place and touch nothing until officers arrive."),
    NULL,
  },
  [BB_LEAFLET_ROAD_SAFETY] = {
    "road-safety",
    N_("Road safety"),
    N_("Safe streets for everyone"),
    N_("Most road accidents in towns happen at low speed, close to home, on the way to school or work. "
       "Drivers, cyclists and pedestrians can all prevent them."),
    {
      N_("Keep to the speed limit, and slow down near schools, playgrounds and bus stops."),
      N_("Never drive after drinking alcohol or taking drugs, and never ride with a driver who has."),
      N_("Put the phone away while driving; a message can wait."),
      N_("Children under 12 travel in a child seat or booster, always belted."),
      N_("Cross at crossings, and wear something light or reflective after dark."),
      N_("Cyclists: lights at night, a helmet, and keep to the right side of the road."),
      NULL,
    },
    N_("If you see a crash, make the place safe, call 112 and help the injured until the emergency "
       "services arrive. Tell us about dangerous places on your street: we pass them on to the "
       "municipality."),
    NULL,
  },
  [BB_LEAFLET_DRUGS] = {
    "drugs",
    N_("Health and safety"),
    N_("Drugs: talk, know, get help"),
    N_("Young people are offered drugs at parties, near schools and online. Knowing the facts and "
       "talking openly at home are the best protection."),
    {
      N_("Talk with your children about drugs early, calmly and often, and listen to what they say."),
      N_("Know the signs: sudden changes in friends, mood, sleep, school results or money."),
      N_("Mixing drugs with alcohol or medicines is especially dangerous."),
      N_("Selling or sharing drugs near schools is a serious crime: tell us where it happens."),
      N_("Addiction is an illness: doctors and support services help, in confidence."),
      NULL,
    },
    N_("If someone becomes unconscious or has trouble breathing after taking drugs, call 112 at once, "
       "put them on their side and stay with them."),
    NULL,
  },
  [BB_LEAFLET_FRAUD_ELDERLY] = {
    "fraud-elderly",
    N_("Protect yourself"),
    N_("Do not let fraudsters in"),
    N_("Fraudsters target older people by phone and at the door: they pretend to be a relative in "
       "trouble, a police officer, a bank employee or a worker from the gas or water company."),
    {
      N_("The police and banks never ask for your money, cards, PIN or savings, by phone or at the door."),
      N_("A relative in trouble asking for money? Hang up and call them back on the number you know."),
      N_("Do not let strangers into your home. Ask for identification and call their company to check."),
      N_("Never give card numbers or codes over the phone or in a text message."),
      N_("Keep the door chain on while you talk to someone you do not know."),
      N_("Talk about these tricks with older relatives and neighbours."),
      NULL,
    },
    N_("If you think you have been cheated, call the police straight away and your bank to block your "
       "cards. You are not to blame: fraudsters are skilled, and reporting it protects others."),
    NULL,
  },
  [BB_LEAFLET_DOMESTIC_VIOLENCE] = {
    "domestic-violence",
    N_("You are not alone"),
    N_("Violence at home is never acceptable"),
    N_("Domestic violence is a crime, whoever commits it: a partner, a former partner or a member of the "
       "family. It can be physical, sexual, psychological or economic. Help is available, in confidence."),
    {
      N_("If you are in danger now, call 112."),
      N_("Talk to someone you trust, or to a helpline: they listen and keep it confidential."),
      N_("Keep important documents, money, keys and phone numbers where you can take them quickly."),
      N_("The police can remove a violent person from the home and a court can order them to stay away."),
      N_("If you are worried about a neighbour, a friend or a child, tell us: you may save a life."),
      NULL,
    },
    N_("Your neighbourhood officer can help you find shelter, legal advice and support. Nobody will know "
       "you asked unless you want them to."),
    N_("Emergency: 112"),
  },
};

const char *
bb_leaflet_topic_to_string (BbLeafletTopic topic)
{
  g_return_val_if_fail (topic < BB_N_LEAFLET_TOPICS, NULL);
  return library[topic].name;
}

gboolean
bb_leaflet_topic_from_string (const char     *name,
                              BbLeafletTopic *topic)
{
  for (guint i = 0; i < BB_N_LEAFLET_TOPICS; i++)
    if (g_strcmp0 (name, library[i].name) == 0)
      {
        *topic = i;
        return TRUE;
      }
  return FALSE;
}

BbLeaflet *
bb_leaflet_new (BbLeafletTopic   topic,
                const BbStation *station,
                const char      *language)
{
  const LeafletText *text;
  BbLeaflet *self;
  g_autoptr(GStrvBuilder) tips = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) help = g_strv_builder_new ();

  g_return_val_if_fail (topic < BB_N_LEAFLET_TOPICS, NULL);

  text = &library[topic];
  self = g_new0 (BbLeaflet, 1);
  self->language = g_strdup (language);
  self->kicker = g_strdup (T (text->kicker));
  self->title = g_strdup (T (text->title));
  self->intro = g_strdup (T (text->intro));
  for (guint i = 0; i < MAX_TIPS && text->tips[i] != NULL; i++)
    g_strv_builder_add (tips, T (text->tips[i]));
  self->tips = g_strv_builder_end (tips);
  self->closing = g_strdup (T (text->closing));
  self->help_heading = g_strdup (T (N_("Who to call")));
  g_strv_builder_add (help, text->helpline != NULL ? T (text->helpline) : T (N_("Emergency: 112")));
  if (station != NULL && station->phone != NULL && *station->phone)
    {
      g_autofree char *line = g_strdup_printf (T (N_("Your police station: %s")), station->phone);

      g_strv_builder_add (help, line);
    }
  self->helplines = g_strv_builder_end (help);
  self->qr_text = station != NULL ? bb_template_strdup_nonempty (station->website) : NULL;
  return self;
}

void
bb_leaflet_free (BbLeaflet *self)
{
  if (self == NULL)
    return;
  g_free (self->language);
  g_free (self->kicker);
  g_free (self->title);
  g_free (self->intro);
  g_strfreev (self->tips);
  g_free (self->closing);
  g_free (self->help_heading);
  g_strfreev (self->helplines);
  g_free (self->qr_text);
  g_free (self);
}

static BbTextStyle
tip_style (void)
{
  BbTextStyle style = bb_template_style (13, PANGO_WEIGHT_NORMAL, BB_INK);

  style.line_spacing = 1.35;
  style.space_after = 7;
  return style;
}

BbPrintDocument *
bb_leaflet_build (const BbLeaflet  *self,
                  const BbBranding *branding)
{
  const char *language = self->language;
  BbPrintDocument *doc;
  BbPage *front, *back;
  BbFrame *frame;
  BbParagraph *p;
  BbColor white = bb_color_rgb (0xffffff);
  BbColor soft_white = bb_color_tint (&branding->accent, 0.35);
  BbColor box = bb_color_tint (&branding->primary, 0.9);
  BbTextStyle style, tips = tip_style ();
  g_autofree char *contacts = NULL;
  double W, H, M, band_h, y, intro_h, avail, used = 0, help_h, help_y, closing_h, closing_y;
  guint n_tips, n_front = 0;
  gboolean has_qr = self->qr_text != NULL && *self->qr_text;

  g_return_val_if_fail (self != NULL && branding != NULL, NULL);

  doc = bb_print_document_new (BB_PAPER_A5, FALSE);
  bb_print_document_set_language (doc, language);
  bb_print_document_set_title (doc, self->title);
  bb_print_document_set_bleed (doc, self->bleed);
  bb_print_document_get_trim_size (doc, &W, &H);
  M = MM (12);
  band_h = MM (58);
  n_tips = self->tips != NULL ? g_strv_length (self->tips) : 0;

  /* Front: the title, the introduction and as many tips as fit. */
  front = bb_print_document_add_page (doc);
  bb_page_add_rect (front, 0, 0, W, band_h, &branding->primary, NULL, 0, 0);
  bb_page_add_rect (front, 0, band_h, W, MM (2), &branding->accent, NULL, 0, 0);
  bb_template_logo (front, branding, W - M - MM (16), MM (9), MM (16), MM (16));
  frame = bb_page_add_frame (front, _("Title"), M, MM (10), W - 2 * M - MM (20), band_h - MM (16));
  bb_frame_set_valign (frame, BB_VALIGN_BOTTOM);
  style = bb_template_style_c (10, PANGO_WEIGHT_BOLD, &soft_white);
  style.uppercase = TRUE;
  style.space_after = 5;
  bb_frame_add_paragraph (frame, &style, self->kicker);
  style = bb_template_style_c (26.5, PANGO_WEIGHT_BOLD, &white);
  style.line_spacing = 1.15;
  style.size = bb_print_document_fit_words (doc, &style, self->title, W - 2 * M - MM (20));
  bb_frame_add_paragraph (frame, &style, self->title);

  y = band_h + MM (8);
  style = bb_template_style_c (15.5, PANGO_WEIGHT_NORMAL, &branding->primary);
  style.line_spacing = 1.4;
  intro_h = bb_print_document_measure_text (doc, &style, self->intro, W - 2 * M);
  bb_page_add_text (front, _("Introduction"), M, y, W - 2 * M, intro_h + 2, &style, self->intro);
  y += intro_h + MM (6);

  avail = H - MM (16) - y;
  for (; n_front < n_tips; n_front++)
    {
      double h = bb_print_document_measure_text (doc, &tips, self->tips[n_front], W - 2 * M - tips.size * 1.3);

      /* Keep two tips for the back, which otherwise holds only contacts. */
      if (used + h > avail || (n_tips > 3 && n_front >= n_tips - 2))
        break;
      used += h + tips.space_after;
    }
  frame = bb_page_add_frame (front, _("Advice"), M, y, W - 2 * M, avail);
  for (guint i = 0; i < n_front; i++)
    {
      p = bb_frame_add_paragraph (frame, &tips, self->tips[i]);
      bb_paragraph_set_bullet (p, "●", &branding->accent);
    }
  style = bb_template_style (9, PANGO_WEIGHT_NORMAL, BB_INK_SOFT);
  bb_page_add_line (front, M, H - MM (12), W - M, H - MM (12), &box, 0.6, FALSE);
  bb_page_add_text (front, _("Footer"), M, H - MM (10.5), W - 2 * M, MM (6), &style, branding->station_name);

  /* Back: the rest of the advice, what to do, and who to call. */
  back = bb_print_document_add_page (doc);
  help_h = MM (74);
  help_y = H - M - help_h;
  bb_page_add_rect (back, 0, help_y, W, H - help_y, &branding->primary, NULL, 0, 0);
  frame = bb_page_add_frame (back, _("Who to call"), M, help_y + MM (6), W - 2 * M - (has_qr ? MM (30) : 0),
                             help_h - MM (8));
  style = bb_template_style_c (10, PANGO_WEIGHT_BOLD, &soft_white);
  style.uppercase = TRUE;
  style.space_after = 4;
  bb_frame_add_paragraph (frame, &style, self->help_heading);
  /* "Emergency: 112" reads best as a small label over a large number. */
  for (guint i = 0; self->helplines != NULL && self->helplines[i] != NULL; i++)
    {
      const char *colon = strstr (self->helplines[i], ": ");
      BbTextStyle number = bb_template_style_c (18, PANGO_WEIGHT_BOLD, &white);

      number.space_after = 5;
      if (colon != NULL)
        {
          g_autofree char *label = g_strndup (self->helplines[i], colon - self->helplines[i]);
          BbTextStyle small = bb_template_style_c (9, PANGO_WEIGHT_NORMAL, &soft_white);

          small.uppercase = TRUE;
          bb_frame_add_paragraph (frame, &small, label);
          bb_frame_add_paragraph (frame, &number, colon + 2);
        }
      else
        bb_frame_add_paragraph (frame, &number, self->helplines[i]);
    }
  style = bb_template_style_c (10, PANGO_WEIGHT_NORMAL, &white);
  style.space_after = 0;
  p = bb_frame_add_paragraph (frame, &style, "");
  style.weight = PANGO_WEIGHT_BOLD;
  bb_paragraph_append (p, &style, branding->station_name != NULL ? branding->station_name : "");
  contacts = bb_template_contact_lines (branding, language);
  style = bb_template_style_c (10, PANGO_WEIGHT_NORMAL, &white);
  style.line_spacing = 1.35;
  bb_frame_add_paragraph (frame, &style, contacts);
  if (has_qr)
    bb_page_add_qr (back, _("QR code"), W - M - MM (26), help_y + MM (8), MM (26), self->qr_text, &branding->primary);

  style = bb_template_style (12, PANGO_WEIGHT_NORMAL, BB_INK);
  style.line_spacing = 1.4;
  closing_h = bb_print_document_measure_text (doc, &style, self->closing, W - 2 * M - MM (10));
  closing_y = help_y - MM (8) - closing_h - MM (16);
  bb_page_add_rect (back, M, closing_y, W - 2 * M, closing_h + MM (16), &box, NULL, 0, MM (2));
  bb_page_add_rect (back, M, closing_y, MM (1.5), closing_h + MM (16), &branding->accent, NULL, 0, 0);
  frame = bb_page_add_frame (back, _("What to do"), M + MM (5), closing_y + MM (4), W - 2 * M - MM (10),
                             closing_h + MM (9));
  {
    BbTextStyle heading = bb_template_style_c (12, PANGO_WEIGHT_BOLD, &branding->primary);

    heading.space_after = 3;
    bb_frame_add_paragraph (frame, &heading, T (N_("If it has happened")));
  }
  bb_frame_add_paragraph (frame, &style, self->closing);

  frame = bb_page_add_frame (back, _("More advice"), M, M, W - 2 * M, closing_y - MM (6) - M);
  if (n_front < n_tips)
    {
      double room = closing_y - MM (6) - M;

      style = bb_template_style_c (15.5, PANGO_WEIGHT_BOLD, &branding->primary);
      style.space_after = 8;
      bb_frame_add_paragraph (frame, &style, T (N_("More advice")));
      room -= bb_print_document_measure_text (doc, &style, T (N_("More advice")), W - 2 * M) + style.space_after;
      /* Longer languages (Tajik, Russian) need more lines for the same
       * advice: smaller type on the back rather than text cut off. */
      for (;;)
        {
          double need = 0;

          for (guint i = n_front; i < n_tips; i++)
            need += bb_print_document_measure_text (doc, &tips, self->tips[i], W - 2 * M - tips.size * 1.3)
                    + tips.space_after;
          if (need <= room || tips.size <= 10)
            break;
          tips.size -= 0.5;
          tips.space_after = MAX (4, tips.space_after - 0.5);
        }
      for (guint i = n_front; i < n_tips; i++)
        {
          p = bb_frame_add_paragraph (frame, &tips, self->tips[i]);
          bb_paragraph_set_bullet (p, "●", &branding->accent);
        }
    }
  return doc;
}
