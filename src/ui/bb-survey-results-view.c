/* bb-survey-results-view.c: what a survey's residents said: shares by question, concerns, districts, change */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-survey-results-view"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "bb-chart-area.h"
#include "bb-store-surveys.h"
#include "bb-survey-report.h"
#include "bb-survey-results-view.h"

struct _BbSurveyResultsView
{
  AdwBin           parent_instance;

  BbStore         *store;
  char            *survey_id;
  char            *district_id;
  GCancellable    *cancellable;
  guint            loading;        /* reads under way */
  BbSurveyTrend   *trend;          /* the rounds up to this one */
  GHashTable      *weighted;       /* question id → BbShare weighted as the round says */
  BbSurveyWeighting *weighting;    /* how the round is weighted */
  const BbSurveyResults *now;      /* of the trend: this round */
  const BbSurveyResults *before;   /* of the trend: the round before, or NULL */
  GPtrArray       *districts;      /* BbDistrict, as the drop-down lists them */
  guint            min_respondents;
  GPtrArray       *expanders;      /* GtkExpander of questions with a headline */
  gboolean         filling_districts;

  GtkLabel        *title_label;
  GtkLabel        *subtitle_label;
  GtkDropDown     *district_dropdown;
  GtkBox          *content;
};

/* Over the rounds: at most this many, the latest. */
#define MAX_ROUNDS 6

G_DEFINE_FINAL_TYPE (BbSurveyResultsView, bb_survey_results_view, ADW_TYPE_BIN)

/* Reading --------------------------------------------------------------------- */

typedef struct {
  char *survey_id;
  char *district_id;
} Request;

typedef struct {
  BbSurveyTrend   *trend;
  GHashTable      *weighted;       /* question id → BbShare weighted as the round says */
  BbSurveyWeighting *weighting;
  GPtrArray       *districts;
  guint            min_respondents;
} Loaded;

static void
request_free (Request *r)
{
  g_free (r->survey_id);
  g_free (r->district_id);
  g_free (r);
}

static void
loaded_free (Loaded *l)
{
  g_clear_pointer (&l->trend, bb_survey_trend_free);
  g_clear_pointer (&l->weighted, g_hash_table_unref);
  g_clear_pointer (&l->weighting, bb_survey_weighting_free);
  g_clear_pointer (&l->districts, g_ptr_array_unref);
  g_free (l);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Loaded, loaded_free)

static gpointer
load_in_store (BbStore       *store,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  Request *request = data;
  g_autoptr(Loaded) loaded = g_new0 (Loaded, 1);

  loaded->trend = bb_store_survey_trend (store, request->survey_id, request->district_id, MAX_ROUNDS, error);
  if (loaded->trend == NULL)
    return NULL;
  /* The shares weighted as the round says, where every response can be
   * weighted (to the districts' populations: the whole survey's only). */
  loaded->weighted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  loaded->weighting = bb_store_survey_get_weighting (store, request->survey_id, error);
  if (loaded->weighting == NULL)
    return NULL;
  for (guint i = 0; i < bb_survey_trend_latest (loaded->trend)->questions->len; i++)
    {
      const BbQuestionResult *r = g_ptr_array_index (bb_survey_trend_latest (loaded->trend)->questions, i);
      BbShare share;
      gboolean weighted = FALSE;

      if (!r->has_headline)
        continue;
      if (!bb_store_survey_headline_weighted (store, request->survey_id, request->district_id, r->question->id, &share, &weighted, error))
        return NULL;
      if (!weighted)
        break;
      g_hash_table_insert (loaded->weighted, g_strdup (r->question->id), g_memdup2 (&share, sizeof share));
    }
  loaded->districts = bb_store_district_list (store, error);
  if (loaded->districts == NULL)
    return NULL;
  loaded->min_respondents = bb_store_get_survey_min_respondents (store);
  return g_steal_pointer (&loaded);
}

/* Building the page -------------------------------------------------------------- */

static GtkWidget *
label (const char *text,
       const char *css_class)
{
  GtkWidget *widget = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (widget), 0);
  gtk_label_set_wrap (GTK_LABEL (widget), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (widget), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (widget, css_class);
  return widget;
}

static GtkWidget *
card (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "survey-card");
  return box;
}

/* A series of shares and their intervals; a share below the threshold is
 * NAN, drawn as "too few responses", as in public documents. */
static void
add_shares (BbChart        *chart,
            guint           series,
            const char     *name,
            guint32         rgb,
            const BbShare **shares,
            guint           n,
            guint           min_n)
{
  BbColor colour = bb_color_rgb (rgb);
  g_autofree double *v = g_new (double, n), *lo = g_new (double, n), *hi = g_new (double, n);

  for (guint i = 0; i < n; i++)
    {
      gboolean reportable = bb_share_is_reportable (shares[i], min_n);

      v[i] = reportable ? shares[i]->share : NAN;
      lo[i] = reportable ? shares[i]->low : NAN;
      hi[i] = reportable ? shares[i]->high : NAN;
    }
  bb_chart_add_series (chart, name, &colour, v, n);
  bb_chart_set_intervals (chart, series, lo, hi, n);
}

/* Shares as bars with their 95 % intervals; @before (or NULL), the round
 * before's, drawn first in a lighter blue. */
static BbChart *
shares_chart (BbSurveyResultsView  *self,
              GStrvBuilder         *labels,
              const char           *name,
              guint32               rgb,
              const BbShare       **now,
              const BbShare       **before,
              guint                 n)
{
  g_auto(GStrv) label_v = g_strv_builder_end (labels);
  BbChart *chart = bb_chart_new (BB_CHART_SHARES, NULL);

  bb_chart_set_labels (chart, (const char * const *) label_v);
  bb_chart_set_missing_text (chart, _("too few responses"));
  if (before != NULL)
    add_shares (chart, 0, _("Round before"), 0x99c1f1, before, n, self->min_respondents);
  add_shares (chart, before != NULL ? 1 : 0, name, rgb, now, n, self->min_respondents);
  return chart;
}

static double
chart_height (guint    n_labels,
              gboolean two_series)
{
  /* room for question texts of two lines beside the bars */
  return (two_series ? 16 : 0) + 16 + n_labels * (two_series ? 30 : 24);
}

static BbChart *
choices_chart (BbSurveyResultsView    *self,
               const BbQuestionResult *now,
               const BbQuestionResult *before)
{
  g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();
  guint n = now->choices->len;
  g_autofree const BbShare **shares = g_new (const BbShare *, n);
  g_autofree const BbShare **was = NULL;

  if (before != NULL && before->choices != NULL && before->choices->len == n)
    was = g_new (const BbShare *, n);
  for (guint i = 0; i < n; i++)
    {
      const BbChoiceResult *c = g_ptr_array_index (now->choices, i);

      g_strv_builder_add (labels, c->label);
      shares[i] = &c->share;
      if (was != NULL)
        was[i] = &((const BbChoiceResult *) g_ptr_array_index (before->choices, i))->share;
    }
  return shares_chart (self, labels, _("This round"), 0x3584e4, shares, was, n);
}

/* "▲ up from 29 %: more than chance", coloured by whether it is good news. */
static GtkWidget *
change_label (BbSurveyResultsView    *self,
              const BbQuestionResult *now,
              const BbQuestionResult *before)
{
  BbShareChange change;
  g_autofree char *text = NULL;
  GtkWidget *widget;

  if (before == NULL || !before->has_headline || !now->has_headline)
    return NULL;
  change = bb_share_compare (&now->headline, &before->headline, self->min_respondents);
  switch (change)
    {
    case BB_SHARE_ROSE:
      /* Translators: the change of a share from the round before; %.0f is the share then */
      text = g_strdup_printf (_("▲ Up from %.0f %%: more than chance"), before->headline.share * 100);
      break;
    case BB_SHARE_FELL:
      text = g_strdup_printf (_("▼ Down from %.0f %%: more than chance"), before->headline.share * 100);
      break;
    case BB_SHARE_SAME:
      text = g_strdup_printf (_("No clear change from %.0f %%"), before->headline.share * 100);
      break;
    case BB_SHARE_TOO_FEW:
    default:
      text = g_strdup (_("Too few responses to compare with the round before"));
      break;
    }
  widget = label (text, "caption");
  if ((change == BB_SHARE_ROSE && now->question->polarity > 0) || (change == BB_SHARE_FELL && now->question->polarity < 0))
    gtk_widget_add_css_class (widget, "success");
  else if ((change == BB_SHARE_ROSE && now->question->polarity < 0) || (change == BB_SHARE_FELL && now->question->polarity > 0))
    gtk_widget_add_css_class (widget, "warning");
  else
    gtk_widget_add_css_class (widget, "dim-label");
  return widget;
}

/* By district, read when the expander opens. */
static void
by_district_loaded_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GtkExpander) expander = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) both = bb_store_run_finish (BB_STORE (object), result, &error);
  GPtrArray *shares = both != NULL ? g_ptr_array_index (both, 0) : NULL;
  GPtrArray *before = both != NULL ? g_ptr_array_index (both, 1) : NULL;
  BbSurveyResultsView *self = g_object_get_data (G_OBJECT (expander), "bb-view");
  g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();
  g_autofree const BbShare **headlines = NULL;
  BbChart *chart;

  if (shares == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && gtk_widget_get_parent (GTK_WIDGET (expander)) != NULL)
        gtk_expander_set_child (expander, label (error->message, "error"));
      return;
    }
  if (self == NULL || gtk_widget_get_parent (GTK_WIDGET (expander)) == NULL)
    return;
  headlines = g_new (const BbShare *, shares->len);
  for (guint i = 0; i < shares->len; i++)
    {
      const BbDistrictShare *d = g_ptr_array_index (shares, i);
      const BbDistrictShare *was = NULL;
      /* Translators: a district and how many of its residents answered: "Old Town (34)" */
      g_autofree char *name = g_strdup_printf (_("%s (%llu)"), d->district_name, (unsigned long long) d->n_answered);
      BbShareChange change;

      for (guint j = 0; before != NULL && j < before->len && was == NULL; j++)
        if (g_strcmp0 (((BbDistrictShare *) g_ptr_array_index (before, j))->district_id, d->district_id) == 0)
          was = g_ptr_array_index (before, j);
      change = was != NULL ? bb_share_compare (&d->headline, &was->headline, self->min_respondents) : BB_SHARE_TOO_FEW;
      /* The district's change from the round before, named only beyond noise. */
      if (change == BB_SHARE_ROSE || change == BB_SHARE_FELL)
        {
          /* Translators: a district whose share rose (▲) or fell (▼) from the round before by more than chance: "Old Town (34) ▲" */
          g_autofree char *marked = g_strdup_printf (_("%s %s"), name, change == BB_SHARE_ROSE ? "▲" : "▼");

          g_free (name);
          name = g_steal_pointer (&marked);
        }

      g_strv_builder_add (labels, name);
      headlines[i] = &d->headline;
    }
  chart = shares_chart (self, labels, _("This round"), 0x3584e4, headlines, NULL, shares->len);
  gtk_expander_set_child (expander, bb_chart_area_new (chart, chart_height (shares->len, FALSE)));
}

static void
shares_free (gpointer shares)
{
  g_clear_pointer (&shares, g_ptr_array_unref);
}

/* This round's shares by district and, where the round before asked the
 * question, the round before's. */
static gpointer
by_district_in_store (BbStore       *store,
                      gpointer       data,
                      GCancellable  *cancellable,
                      GError       **error)
{
  char **ids = data;
  g_autoptr(GPtrArray) both = g_ptr_array_new_with_free_func (shares_free);
  GPtrArray *now = bb_store_survey_results_by_district (store, ids[0], ids[1], error);
  GPtrArray *before = NULL;

  if (now == NULL)
    return NULL;
  g_ptr_array_add (both, now);
  if (ids[2] != NULL && ids[3] != NULL && (before = bb_store_survey_results_by_district (store, ids[2], ids[3], error)) == NULL)
    return NULL;
  g_ptr_array_add (both, before);
  return g_steal_pointer (&both);
}

static void
expander_toggled_cb (GtkExpander         *expander,
                     GParamSpec          *pspec,
                     BbSurveyResultsView *self)
{
  const char *question_id = g_object_get_data (G_OBJECT (expander), "bb-question");
  char **ids;

  if (!gtk_expander_get_expanded (expander) || gtk_expander_get_child (expander) != NULL || self->store == NULL)
    return;
  gtk_expander_set_child (expander, label (_("Reading…"), "dim-label"));
  ids = g_new0 (char *, 5);
  ids[0] = g_strdup (self->survey_id);
  ids[1] = g_strdup (question_id);
  if (self->before != NULL && self->now != NULL)
    {
      const BbQuestionResult *now = bb_survey_results_find (self->now, question_id);
      const BbQuestionResult *was = now != NULL ? bb_survey_results_find_question (self->before, now->question) : NULL;

      if (was != NULL)
        {
          ids[2] = g_strdup (self->before->survey->id);
          ids[3] = g_strdup (was->question->id);
        }
    }
  bb_store_run_async_full (self->store, by_district_in_store, (GDestroyNotify) g_ptr_array_unref, ids,
                           (GDestroyNotify) g_strfreev, self->cancellable, by_district_loaded_cb,
                           g_object_ref (expander));
}

/* The headline share over the rounds, a filled point where it changed
 * from the round before by more than noise. */
static GtkWidget *
trend_chart (BbSurveyResultsView    *self,
             const BbQuestionResult *r)
{
  BbBranding branding = { .primary = bb_color_rgb (0x3584e4), .accent = bb_color_rgb (0x3584e4) };
  const BbQuestion *questions[] = { r->question };
  /* Translators: the title of the chart of a share over the survey's rounds */
  const char *names[] = { _("Over the rounds") };
  BbChart *chart = bb_survey_trend_chart_new (NULL, &branding, self->trend, questions, names, 1,
                                              self->min_respondents, NULL);

  bb_chart_set_missing_text (chart, _("too few responses"));
  return bb_chart_area_new (chart, bb_survey_trend_chart_height (1) * 0.8);
}

/* The text of the question the round is weighted by, or its code. */
static const char *
weighting_question_text (BbSurveyResultsView *self)
{
  for (guint i = 0; self->now != NULL && i < self->now->questions->len; i++)
    {
      const BbQuestionResult *r = g_ptr_array_index (self->now->questions, i);

      if (g_strcmp0 (r->question->code, self->weighting->question_code) == 0)
        return r->question->text;
    }
  return self->weighting->question_code;
}

static void
add_question (BbSurveyResultsView    *self,
              GtkBox                 *group,
              const BbQuestionResult *r)
{
  const BbQuestionResult *before = self->before != NULL ? bb_survey_results_find_question (self->before, r->question)
                                                        : NULL;
  GtkWidget *box = card ();
  GtkWidget *change;
  g_autofree char *answered = NULL;

  gtk_box_append (GTK_BOX (box), label (r->question->text, "heading"));
  /* Translators: how many of the survey's respondents answered a question */
  answered = g_strdup_printf (ngettext ("%llu of %llu respondent answered",
                                        "%llu of %llu respondents answered",
                                        self->now->n_respondents),
                              (unsigned long long) r->n_answered, (unsigned long long) self->now->n_respondents);
  if (r->has_headline && bb_share_is_reportable (&r->headline, self->min_respondents))
    {
      g_autofree char *longer = g_strdup_printf (_("%s · %s: %.0f %% (%.0f–%.0f %%)"), answered, r->headline_label,
                                                 r->headline.share * 100, r->headline.low * 100, r->headline.high * 100);

      g_free (answered);
      answered = g_steal_pointer (&longer);
    }
  gtk_box_append (GTK_BOX (box), label (answered, "dim-label"));
  {
    const BbShare *w = self->weighted != NULL ? g_hash_table_lookup (self->weighted, r->question->id) : NULL;

    if (w != NULL && bb_share_is_reportable (w, self->min_respondents))
      {
        g_autofree char *text = NULL;

        if (self->weighting != NULL && self->weighting->kind == BB_SURVEY_WEIGHTING_ANSWER)
          /* Translators: a share weighted to the population's make-up by the answers to a question (%s: the question), its interval, and Kish's effective sample size */
          text = g_strdup_printf (_("Weighted to the population by “%s”: %.0f %% (%.0f–%.0f %%), as precise as %.0f respondents"),
                                  weighting_question_text (self), w->share * 100, w->low * 100, w->high * 100,
                                  w->n_effective);
        else
          /* Translators: a share weighted to the districts' populations, its interval, and Kish's effective sample size */
          text = g_strdup_printf (_("Weighted to the districts’ populations: %.0f %% (%.0f–%.0f %%), "
                                    "as precise as %.0f respondents"),
                                  w->share * 100, w->low * 100, w->high * 100, w->n_effective);

        gtk_box_append (GTK_BOX (box), label (text, "caption"));
      }
  }
  change = change_label (self, r, before);
  if (change != NULL)
    gtk_box_append (GTK_BOX (box), change);

  if (r->choices != NULL && r->choices->len > 0)
    {
      gboolean two = before != NULL && before->choices != NULL && before->choices->len == r->choices->len;

      gtk_box_append (GTK_BOX (box), bb_chart_area_new (choices_chart (self, r, before),
                                                        chart_height (r->choices->len, two)));
    }
  else if (r->scale == BB_SCALE_NUMBER)
    {
      g_autofree char *text = isnan (r->mean) ? g_strdup (_("No numbers given yet"))
        : isnan (r->mean_low) ? g_strdup_printf (_("Mean %.1f"), r->mean)
        : g_strdup_printf (_("Mean %.1f (95 %% interval %.1f to %.1f)"), r->mean, r->mean_low, r->mean_high);

      gtk_box_append (GTK_BOX (box), label (text, NULL));
    }
  else if (r->scale == BB_SCALE_TEXT)
    gtk_box_append (GTK_BOX (box), label (_("Written answers are for the station only: they never appear in public documents."),
                                          "dim-label"));
  if (r->has_headline && self->trend->rounds->len >= 2)
    gtk_box_append (GTK_BOX (box), trend_chart (self, r));

  if (r->has_headline && self->district_id == NULL)
    {
      GtkWidget *expander = gtk_expander_new_with_mnemonic (_("By _District"));

      g_object_set_data_full (G_OBJECT (expander), "bb-question", g_strdup (r->question->id), g_free);
      g_object_set_data (G_OBJECT (expander), "bb-view", self);
      g_signal_connect_object (expander, "notify::expanded", G_CALLBACK (expander_toggled_cb), self, 0);
      gtk_box_append (GTK_BOX (box), expander);
      g_ptr_array_add (self->expanders, expander);
    }
  gtk_box_append (group, box);
}

static void
add_concerns (BbSurveyResultsView *self)
{
  g_autoptr(GPtrArray) concerns = bb_survey_results_top_concerns (self->now);
  g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();
  g_autofree const BbShare **headlines = NULL;
  BbChart *chart;
  GtkWidget *box;

  if (concerns->len == 0)
    return;
  headlines = g_new (const BbShare *, concerns->len);
  for (guint i = 0; i < concerns->len; i++)
    {
      const BbQuestionResult *r = g_ptr_array_index (concerns, i);

      g_strv_builder_add (labels, r->question->text);
      headlines[i] = &r->headline;
    }
  chart = shares_chart (self, labels, _("A big or very big problem"), 0xe66100, headlines, NULL, concerns->len);

  gtk_box_append (self->content, label (_("The Residents’ Concerns, Ranked"), "title-4"));
  box = card ();
  /* xgettext:no-c-format */
  gtk_box_append (GTK_BOX (box), label (_("Share who call it a big or very big problem, with its 95 % margin of error"),
                                        "dim-label"));
  gtk_box_append (GTK_BOX (box), bb_chart_area_new (chart, chart_height (concerns->len, FALSE) + 4));
  gtk_box_append (self->content, box);
}

static void
clear_content (BbSurveyResultsView *self)
{
  GtkWidget *child;

  g_ptr_array_set_size (self->expanders, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->content))) != NULL)
    gtk_box_remove (self->content, child);
}

static void
fill_districts (BbSurveyResultsView *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = 0;

  self->filling_districts = TRUE;
  gtk_string_list_append (names, _("Every District"));
  for (guint i = 0; i < self->districts->len; i++)
    {
      const BbDistrict *d = g_ptr_array_index (self->districts, i);

      gtk_string_list_append (names, d->name);
      if (g_strcmp0 (d->id, self->district_id) == 0)
        selected = i + 1;
    }
  gtk_drop_down_set_model (self->district_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->district_dropdown, selected);
  self->filling_districts = FALSE;
}

static void
fill (BbSurveyResultsView *self)
{
  const BbSurvey *survey = self->now->survey;
  g_autofree char *subtitle = NULL;
  g_autofree char *respondents = NULL;
  const char *block = NULL;
  GtkBox *group = NULL;

  clear_content (self);
  gtk_label_set_label (self->title_label, survey->title);
  /* Translators: under a survey's title: its period and how many answered, "2026-03-01 to 2026-03-31 · 391 respondents" */
  respondents = g_strdup_printf (ngettext ("%llu respondent", "%llu respondents",
                                           self->now->n_respondents), (unsigned long long) self->now->n_respondents);
  if (self->before != NULL)
    subtitle = g_strdup_printf (_("%s to %s · %s · compared with “%s”"), survey->period_start, survey->period_end,
                                respondents, self->before->survey->title);
  else
    subtitle = g_strdup_printf (_("%s to %s · %s · the first round"), survey->period_start, survey->period_end,
                                respondents);
  gtk_label_set_label (self->subtitle_label, subtitle);
  fill_districts (self);

  if (self->now->n_respondents == 0)
    {
      gtk_box_append (self->content, label (_("No resident has answered yet. Type in paper questionnaires with "
                                              "Enter Responses, or import a file from KoBoToolbox or ODK."), "dim-label"));
      return;
    }
  add_concerns (self);
  for (guint i = 0; i < self->now->questions->len; i++)
    {
      const BbQuestionResult *r = g_ptr_array_index (self->now->questions, i);

      if (group == NULL || g_strcmp0 (block, r->question->block) != 0)
        {
          block = r->question->block;
          gtk_box_append (self->content, label (block != NULL && *block != '\0' ? block : _("Questions"), "title-4"));
          group = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 12));
          gtk_box_append (self->content, GTK_WIDGET (group));
        }
      add_question (self, group, r);
    }
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  BbSurveyResultsView *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(Loaded) loaded = bb_store_run_finish (BB_STORE (object), result, &error);

  self->loading--;
  if (loaded == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && self->content != NULL)
        {
          clear_content (self);
          gtk_box_append (self->content, label (error->message, "error"));
        }
      g_object_unref (self);
      return;
    }
  if (self->content != NULL && g_strcmp0 (bb_survey_trend_latest (loaded->trend)->survey->id, self->survey_id) == 0
      && g_strcmp0 (loaded->trend->district_id, self->district_id) == 0)
    {
      GPtrArray *results = loaded->trend->results;

      g_clear_pointer (&self->trend, bb_survey_trend_free);
      g_clear_pointer (&self->districts, g_ptr_array_unref);
      g_clear_pointer (&self->weighted, g_hash_table_unref);
      self->trend = g_steal_pointer (&loaded->trend);
      self->weighted = g_steal_pointer (&loaded->weighted);
      g_clear_pointer (&self->weighting, bb_survey_weighting_free);
      self->weighting = g_steal_pointer (&loaded->weighting);
      self->now = bb_survey_trend_latest (self->trend);
      self->before = results->len >= 2 ? g_ptr_array_index (results, results->len - 2) : NULL;
      self->districts = g_steal_pointer (&loaded->districts);
      self->min_respondents = loaded->min_respondents;
      fill (self);
    }
  g_object_unref (self);
}

void
bb_survey_results_view_reload (BbSurveyResultsView *self)
{
  Request *request;

  g_return_if_fail (BB_IS_SURVEY_RESULTS_VIEW (self));

  g_cancellable_cancel (self->cancellable);
  g_set_object (&self->cancellable, g_cancellable_new ());
  g_object_unref (self->cancellable);
  if (self->store == NULL || self->survey_id == NULL)
    {
      clear_content (self);
      return;
    }
  request = g_new0 (Request, 1);
  request->survey_id = g_strdup (self->survey_id);
  request->district_id = g_strdup (self->district_id);
  self->loading++;
  bb_store_run_async_full (self->store, load_in_store, (GDestroyNotify) loaded_free, request,
                           (GDestroyNotify) request_free, self->cancellable, loaded_cb, g_object_ref (self));
}

static void
district_selected_cb (BbSurveyResultsView *self)
{
  guint selected = gtk_drop_down_get_selected (self->district_dropdown);

  if (self->filling_districts || self->districts == NULL)
    return;
  bb_survey_results_view_set_district (self, selected > 0 && selected <= self->districts->len
                                             ? ((BbDistrict *) g_ptr_array_index (self->districts, selected - 1))->id
                                             : NULL);
}

/* GObject ------------------------------------------------------------------------ */

static void
bb_survey_results_view_dispose (GObject *object)
{
  BbSurveyResultsView *self = BB_SURVEY_RESULTS_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->store);
  if (self->expanders != NULL)
    g_ptr_array_set_size (self->expanders, 0);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), BB_TYPE_SURVEY_RESULTS_VIEW);

  G_OBJECT_CLASS (bb_survey_results_view_parent_class)->dispose (object);
}

static void
bb_survey_results_view_finalize (GObject *object)
{
  BbSurveyResultsView *self = BB_SURVEY_RESULTS_VIEW (object);

  g_clear_object (&self->cancellable);
  g_free (self->survey_id);
  g_free (self->district_id);
  self->now = self->before = NULL;
  g_clear_pointer (&self->trend, bb_survey_trend_free);
  g_clear_pointer (&self->weighted, g_hash_table_unref);
  g_clear_pointer (&self->weighting, bb_survey_weighting_free);
  g_clear_pointer (&self->districts, g_ptr_array_unref);
  g_clear_pointer (&self->expanders, g_ptr_array_unref);

  G_OBJECT_CLASS (bb_survey_results_view_parent_class)->finalize (object);
}

static void
bb_survey_results_view_class_init (BbSurveyResultsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bb_survey_results_view_dispose;
  object_class->finalize = bb_survey_results_view_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/beatbook/Beatbook/bb-survey-results-view.ui");
  gtk_widget_class_bind_template_child (widget_class, BbSurveyResultsView, title_label);
  gtk_widget_class_bind_template_child (widget_class, BbSurveyResultsView, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, BbSurveyResultsView, district_dropdown);
  gtk_widget_class_bind_template_child (widget_class, BbSurveyResultsView, content);
  gtk_widget_class_bind_template_callback (widget_class, district_selected_cb);
}

static void
bb_survey_results_view_init (BbSurveyResultsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->expanders = g_ptr_array_new ();
  self->min_respondents = BB_SURVEY_DEFAULT_MIN_RESPONDENTS;
}

void
bb_survey_results_view_show (BbSurveyResultsView *self,
                             BbStore             *store,
                             const char          *survey_id)
{
  g_return_if_fail (BB_IS_SURVEY_RESULTS_VIEW (self));
  g_return_if_fail (store == NULL || BB_IS_STORE (store));

  g_set_object (&self->store, store);
  if (g_strcmp0 (self->survey_id, survey_id) != 0)
    {
      g_free (self->survey_id);
      self->survey_id = g_strdup (survey_id);
      g_clear_pointer (&self->district_id, g_free);
    }
  bb_survey_results_view_reload (self);
}

const char *
bb_survey_results_view_get_survey_id (BbSurveyResultsView *self)
{
  g_return_val_if_fail (BB_IS_SURVEY_RESULTS_VIEW (self), NULL);
  return self->survey_id;
}

void
bb_survey_results_view_set_district (BbSurveyResultsView *self,
                                     const char          *district_id)
{
  g_return_if_fail (BB_IS_SURVEY_RESULTS_VIEW (self));

  if (g_strcmp0 (self->district_id, district_id) == 0)
    return;
  g_free (self->district_id);
  self->district_id = g_strdup (district_id);
  bb_survey_results_view_reload (self);
}

gboolean
bb_survey_results_view_is_loading (BbSurveyResultsView *self)
{
  g_return_val_if_fail (BB_IS_SURVEY_RESULTS_VIEW (self), FALSE);
  return self->loading > 0;
}

guint
bb_survey_results_view_get_n_questions (BbSurveyResultsView *self)
{
  g_return_val_if_fail (BB_IS_SURVEY_RESULTS_VIEW (self), 0);
  return self->now != NULL ? self->now->questions->len : 0;
}

guint64
bb_survey_results_view_get_n_respondents (BbSurveyResultsView *self)
{
  g_return_val_if_fail (BB_IS_SURVEY_RESULTS_VIEW (self), 0);
  return self->now != NULL ? self->now->n_respondents : 0;
}

gboolean
bb_survey_results_view_expand_districts (BbSurveyResultsView *self,
                                         guint                index)
{
  g_return_val_if_fail (BB_IS_SURVEY_RESULTS_VIEW (self), FALSE);

  if (index >= self->expanders->len)
    return FALSE;
  gtk_expander_set_expanded (g_ptr_array_index (self->expanders, index), TRUE);
  /* into sight, as a keyboard user reaching it would see it */
  gtk_widget_grab_focus (g_ptr_array_index (self->expanders, index));
  return TRUE;
}

guint
bb_survey_results_view_get_n_rounds (BbSurveyResultsView *self)
{
  g_return_val_if_fail (BB_IS_SURVEY_RESULTS_VIEW (self), 0);

  return self->trend != NULL ? self->trend->rounds->len : 0;
}
