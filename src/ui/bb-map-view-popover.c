/* bb-map-view-popover.c: the Map view's popovers: the incidents at a spot (on a click or a hover) and a district */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-map-view"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "bb-incident-labels.h"
#include "bb-map-view-private.h"

/* The incidents a popover lists (the newest); the rest are counted. */
#define MAX_LISTED     12
/* The incidents at a spot read to find its newest. */
#define MAX_READ       500
/* How long the pointer rests on a point before its incidents show. */
#define HOVER_DELAY_MS 450
/* How far the pointer may wander from a hovered spot before its popover goes. */
#define HOVER_SLACK_PX 14

void
bb_map_view_popdown (BbMapView *self)
{
  g_clear_handle_id (&self->hover_id, g_source_remove);
  g_cancellable_cancel (self->popover_cancellable);
  g_clear_object (&self->popover_cancellable);
  if (self->popover != NULL)
    gtk_popover_popdown (self->popover);
}

/* A hover's popover names the points drawn under the pointer when it came:
 * once the filter draws others, it would count points no longer shown.
 * A click's stays until the user dismisses it. */
void
bb_map_view_popdown_hover (BbMapView *self)
{
  g_clear_handle_id (&self->hover_id, g_source_remove);
  if (self->popover_cancellable != NULL && self->query_hovered)
    {
      g_cancellable_cancel (self->popover_cancellable);
      g_clear_object (&self->popover_cancellable);
    }
  if (self->popover != NULL && self->popover_hovered && gtk_widget_get_visible (GTK_WIDGET (self->popover)))
    gtk_popover_popdown (self->popover);
}

static void
show_popover (BbMapView *self,
              GtkWidget *content,
              double     x,
              double     y,
              gboolean   hovered)
{
  GdkRectangle rect = { (int) x - 4, (int) y - 4, 8, 8 };

  if (self->popover == NULL)
    {
      self->popover = GTK_POPOVER (gtk_popover_new ());
      gtk_widget_set_parent (GTK_WIDGET (self->popover), GTK_WIDGET (self->overlay));
    }
  /* A hover's popover must not take the pointer from the map; a click's
   * goes when the user clicks elsewhere. */
  if (gtk_widget_get_visible (GTK_WIDGET (self->popover)) && gtk_popover_get_autohide (self->popover) == hovered)
    gtk_popover_popdown (self->popover);
  gtk_popover_set_autohide (self->popover, !hovered);
  self->popover_hovered = hovered;
  self->hover_x = x;
  self->hover_y = y;
  gtk_popover_set_child (self->popover, content);
  gtk_popover_set_pointing_to (self->popover, &rect);
  gtk_popover_popup (self->popover);
}

/* What a popover's button opens replaces the popover. */
static void
popover_button_clicked_cb (BbMapView *self)
{
  if (self->popover != NULL)
    gtk_popover_popdown (self->popover);
}

static GtkWidget *
new_label (const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* Incidents ---------------------------------------------------------- */

/* What to look up, and then what was found. */
typedef struct {
  GArray    *rowids;    /* gint64 */
  guint      n_total;   /* incidents at the spot, listed or not */
  double     x, y;
  gboolean   hovered;
  GPtrArray *summaries; /* BbMapIncidentSummary, in the answer */
} IncidentsQuery;

static void
incidents_query_free (IncidentsQuery *query)
{
  g_clear_pointer (&query->rowids, g_array_unref);
  g_clear_pointer (&query->summaries, g_ptr_array_unref);
  g_free (query);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IncidentsQuery, incidents_query_free)

static int
newer_first (gconstpointer a,
             gconstpointer b)
{
  const BbMapIncidentSummary *x = *(BbMapIncidentSummary * const *) a;
  const BbMapIncidentSummary *y = *(BbMapIncidentSummary * const *) b;

  if (x->occurred != y->occurred)
    return x->occurred > y->occurred ? -1 : 1;
  return (x->rowid < y->rowid) - (x->rowid > y->rowid);
}

static gpointer
describe_func (BbStore       *store,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  IncidentsQuery *query = data;
  IncidentsQuery *answer;
  GPtrArray *summaries;

  summaries = bb_store_map_describe_incidents (store, (const gint64 *) query->rowids->data, query->rowids->len, error);
  if (summaries == NULL)
    return NULL;
  /* Newest first: the list keeps the newest. */
  g_ptr_array_sort (summaries, newer_first);
  if (summaries->len > MAX_LISTED)
    g_ptr_array_set_size (summaries, MAX_LISTED);
  answer = g_memdup2 (query, sizeof *query);
  answer->rowids = NULL;
  answer->summaries = summaries;
  return answer;
}

static GtkWidget *
incident_row (BbMapView            *self,
              BbMapIncidentSummary *s,
              gboolean              hovered)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *label, *button;
  g_autofree char *when = bb_format_incident_time (s->occurred, FALSE);
  g_autofree char *title = g_markup_printf_escaped ("<span foreground=\"#%06x\">●</span> <b>%s</b>",
                                                    s->colour, s->category_name ? s->category_name : "");
  g_autofree char *meta = NULL;
  const char *about;

  label = new_label (NULL, NULL);
  gtk_label_set_markup (GTK_LABEL (label), title);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (text), label);

  if (s->restricted)
    /* Translators: an incident's date and status in the map's popover, of a restricted incident */
    meta = g_strdup_printf (_("%s · %s · restricted"), when, bb_incident_status_label (s->status));
  else
    /* Translators: an incident's date and status in the map's popover */
    meta = g_strdup_printf (_("%s · %s"), when, bb_incident_status_label (s->status));
  label = new_label (meta, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (text), label);

  /* What a restricted incident is about shows on a deliberate click only,
   * never to whoever glances at a map the pointer happens to rest on. */
  if (s->restricted && hovered)
    about = _("Restricted: click the point to read it");
  else
    about = s->description != NULL && *s->description ? s->description : s->address;
  if (about != NULL && *about)
    {
      label = new_label (about, NULL);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_lines (GTK_LABEL (label), 2);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
      gtk_label_set_width_chars (GTK_LABEL (label), 28);
      if (s->restricted && hovered)
        gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (text), label);
    }
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (row), text);

  button = gtk_button_new_with_mnemonic (_("_Open"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Open this incident in its editor"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.open-incident");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", s->id);
  g_signal_connect_object (button, "clicked", G_CALLBACK (popover_button_clicked_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (row), button);
  return row;
}

static GtkWidget *
describe_incidents (BbMapView *self,
                    GPtrArray *summaries,
                    guint      n_total,
                    gboolean   hovered)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *list = gtk_box_new (GTK_ORIENTATION_VERTICAL, 10);
  GtkWidget *scrolled;

  if (n_total > 1)
    {
      g_autofree char *title = g_strdup_printf (g_dngettext (NULL, "%'u incident here", "%'u incidents here", n_total),
                                                n_total);
      gtk_box_append (GTK_BOX (box), new_label (title, "heading"));
    }
  for (guint i = 0; i < summaries->len; i++)
    {
      if (i > 0)
        gtk_box_append (GTK_BOX (list), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
      gtk_box_append (GTK_BOX (list), incident_row (self, g_ptr_array_index (summaries, i), hovered));
    }
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  /* At 1024×600 the list scrolls rather than leaving the window. */
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 300);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  gtk_box_append (GTK_BOX (box), scrolled);
  if (n_total > summaries->len)
    {
      guint more = n_total - summaries->len;
      g_autofree char *text = g_strdup_printf (g_dngettext (NULL, "and %'u more (select the area to list them)",
                                                            "and %'u more (select the area to list them)", more),
                                               more);
      GtkWidget *label = new_label (text, "dim-label");

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_box_append (GTK_BOX (box), label);
    }
  return box;
}

static void
incidents_described_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(BbMapView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(IncidentsQuery) query = bb_store_run_finish (BB_STORE (source), result, &error);

  if (query == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_clear_object (&self->popover_cancellable);
          bb_map_view_show_error (self, _("The incidents at this spot cannot be shown"), error);
        }
      return;
    }
  g_clear_object (&self->popover_cancellable);
  if (query->summaries->len == 0)
    return;
  show_popover (self, describe_incidents (self, query->summaries, query->n_total, query->hovered), query->x, query->y,
                query->hovered);
}

/* Looks up the incidents drawn at (@x, @y), off the main thread; FALSE
 * when there are none. */
static gboolean
show_incidents_at (BbMapView *self,
                   double     x,
                   double     y,
                   gboolean   hovered)
{
  g_autoptr(GArray) rowids = NULL;
  IncidentsQuery *query;

  if (!gtk_widget_get_visible (GTK_WIDGET (self->incident_layer)))
    return FALSE;
  /* The layer's own hit test over the points it draws. */
  rowids = bb_incident_layer_pick (self->incident_layer, x, y, G_MAXUINT);
  if (rowids->len == 0)
    return FALSE;

  query = g_new0 (IncidentsQuery, 1);
  query->n_total = rowids->len;
  g_array_set_size (rowids, MIN (rowids->len, MAX_READ));
  query->rowids = g_steal_pointer (&rowids);
  query->x = x;
  query->y = y;
  query->hovered = hovered;
  g_cancellable_cancel (self->popover_cancellable);
  g_clear_object (&self->popover_cancellable);
  self->popover_cancellable = g_cancellable_new ();
  self->query_hovered = hovered;
  bb_store_run_async_full (self->store, describe_func, (GDestroyNotify) incidents_query_free, query,
                           (GDestroyNotify) incidents_query_free, self->popover_cancellable,
                           incidents_described_cb, g_object_ref (self));
  return TRUE;
}

static gboolean
hover_cb (gpointer user_data)
{
  BbMapView *self = user_data;

  self->hover_id = 0;
  if (self->data != NULL && !self->selecting && !self->drawing)
    show_incidents_at (self, self->hover_x, self->hover_y, TRUE);
  return G_SOURCE_REMOVE;
}

static void
pointer_moved_cb (GtkEventControllerMotion *motion,
                  double                    x,
                  double                    y,
                  BbMapView                *self)
{
  gboolean shown = self->popover != NULL && gtk_widget_get_visible (GTK_WIDGET (self->popover));
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (motion));

  /* A drag pans the map: no hover while a button is down. */
  if ((state & (GDK_BUTTON1_MASK | GDK_BUTTON2_MASK | GDK_BUTTON3_MASK)) != 0)
    {
      g_clear_handle_id (&self->hover_id, g_source_remove);
      return;
    }
  /* A click's popover stays until the user dismisses it. */
  if (shown && !self->popover_hovered)
    return;
  if (shown && hypot (x - self->hover_x, y - self->hover_y) <= HOVER_SLACK_PX)
    return;
  if (shown)
    gtk_popover_popdown (self->popover);
  g_clear_handle_id (&self->hover_id, g_source_remove);
  /* What a click asked for still comes; a hover's is for a spot left. */
  if (self->popover_cancellable != NULL && !self->query_hovered)
    return;
  g_cancellable_cancel (self->popover_cancellable);
  g_clear_object (&self->popover_cancellable);
  if (self->data == NULL || self->selecting || self->drawing)
    return;
  self->hover_x = x;
  self->hover_y = y;
  self->hover_id = g_timeout_add (HOVER_DELAY_MS, hover_cb, self);
}

static void
pointer_left_cb (GtkEventControllerMotion *motion,
                 BbMapView                *self)
{
  /* The popover itself may be where the pointer went: it stays. */
  g_clear_handle_id (&self->hover_id, g_source_remove);
}

/* Districts --------------------------------------------------------- */

typedef struct {
  char      *district_id;
  guint      index;
  double     x, y;
  GPtrArray *problems;   /* BbProblem not closed, in the answer */
} DistrictQuery;

static void
district_query_free (DistrictQuery *query)
{
  g_free (query->district_id);
  g_clear_pointer (&query->problems, g_ptr_array_unref);
  g_free (query);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DistrictQuery, district_query_free)

/* The district's problems not yet closed, as BbProblem. */
static gpointer
open_problems_func (BbStore       *store,
                    gpointer       data,
                    GCancellable  *cancellable,
                    GError       **error)
{
  DistrictQuery *query = data;
  g_autoptr(GPtrArray) all = bb_store_problem_list (store, error);
  DistrictQuery *answer;
  GPtrArray *open;

  if (all == NULL)
    return NULL;
  open = g_ptr_array_new_with_free_func ((GDestroyNotify) bb_problem_free);
  for (guint i = 0; i < all->len; i++)
    {
      BbProblem *problem = g_ptr_array_index (all, i);

      if (g_strcmp0 (problem->district_id, query->district_id) == 0 && g_strcmp0 (problem->stage, "closed") != 0)
        g_ptr_array_add (open, bb_problem_copy (problem));
    }
  answer = g_memdup2 (query, sizeof *query);
  answer->district_id = g_strdup (query->district_id);
  answer->problems = open;
  return answer;
}

static GtkWidget *
describe_district (BbMapView     *self,
                   BbMapDistrict *district,
                   guint          index,
                   GPtrArray     *problems)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *label, *button;
  g_autofree char *officer = NULL;
  g_autofree char *population = NULL;
  g_autofree char *heading = NULL;

  gtk_box_append (GTK_BOX (box), new_label (district->name, "heading"));
  if (district->officer_name != NULL)
    officer = g_strdup_printf (_("Officer: %s %s"), district->officer_rank ? district->officer_rank : "",
                               district->officer_name);
  else
    officer = g_strdup (_("No officer assigned"));
  gtk_box_append (GTK_BOX (box), new_label (g_strstrip (officer), NULL));

  if (district->officer_phone != NULL && *district->officer_phone)
    {
      g_autofree char *phone = g_strdup_printf (_("Phone: %s"), district->officer_phone);

      gtk_box_append (GTK_BOX (box), new_label (phone, NULL));
    }
  if (district->population >= 0)
    population = g_strdup_printf (_("Population: %'lld"), (long long) district->population);
  else
    population = g_strdup (_("Population: unknown"));
  gtk_box_append (GTK_BOX (box), new_label (population, NULL));
  {
    g_autofree char *change = bb_map_view_trends_describe_district (self, index);

    if (change != NULL)
      gtk_box_append (GTK_BOX (box), new_label (change, NULL));
  }

  heading = g_strdup_printf (g_dngettext (NULL, "%u open problem", "%u open problems", problems->len), problems->len);
  label = new_label (heading, "heading");
  gtk_widget_set_margin_top (label, 8);
  gtk_box_append (GTK_BOX (box), label);
  if (problems->len == 0)
    gtk_box_append (GTK_BOX (box), new_label (_("No open problem in the district"), "dim-label"));
  for (guint i = 0; i < problems->len && i < MAX_LISTED; i++)
    {
      BbProblem *problem = g_ptr_array_index (problems, i);

      label = new_label (problem->title, NULL);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
      button = gtk_button_new ();
      gtk_button_set_child (GTK_BUTTON (button), label);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Open this problem’s page"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.open-problem");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", problem->id);
      g_signal_connect_object (button, "clicked", G_CALLBACK (popover_button_clicked_cb), self, G_CONNECT_SWAPPED);
      gtk_box_append (GTK_BOX (box), button);
    }

  button = gtk_button_new_with_mnemonic (_("_Zoom to District"));
  gtk_widget_set_margin_top (button, 8);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "map.zoom-to-district");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "u", index);
  g_signal_connect_object (button, "clicked", G_CALLBACK (popover_button_clicked_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), button);
  button = gtk_button_new_with_mnemonic (_("Edit _Boundary"));
  gtk_widget_set_tooltip_text (button, _("Move, add or remove the corners of the district’s boundary on the map"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "map.edit-boundary");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", district->id);
  gtk_box_append (GTK_BOX (box), button);
  return box;
}

static void
open_problems_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(BbMapView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DistrictQuery) query = bb_store_run_finish (BB_STORE (source), result, &error);
  BbMapDistrict *district;

  if (query == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_clear_object (&self->popover_cancellable);
          bb_map_view_show_error (self, _("The district’s problems cannot be shown"), error);
        }
      return;
    }
  g_clear_object (&self->popover_cancellable);
  if (self->data == NULL || query->index >= self->data->districts->len)
    return;
  district = g_ptr_array_index (self->data->districts, query->index);
  if (g_strcmp0 (district->id, query->district_id) != 0)
    return;
  show_popover (self, describe_district (self, district, query->index, query->problems), query->x, query->y, FALSE);
}

static void
show_district_at (BbMapView *self,
                  guint      index,
                  double     x,
                  double     y)
{
  BbMapDistrict *district = g_ptr_array_index (self->data->districts, index);
  DistrictQuery *query = g_new0 (DistrictQuery, 1);

  query->district_id = g_strdup (district->id);
  query->index = index;
  query->x = x;
  query->y = y;
  g_cancellable_cancel (self->popover_cancellable);
  g_clear_object (&self->popover_cancellable);
  self->popover_cancellable = g_cancellable_new ();
  self->query_hovered = FALSE;
  bb_store_run_async_full (self->store, open_problems_func, (GDestroyNotify) district_query_free, query,
                           (GDestroyNotify) district_query_free, self->popover_cancellable, open_problems_cb,
                           g_object_ref (self));
}

static void
map_clicked_cb (GtkGestureClick *gesture,
                int              n_press,
                double           x,
                double           y,
                BbMapView       *self)
{
  BbMapDistrict *district;

  if (n_press != 1 || self->data == NULL || self->store == NULL || self->selecting || self->drawing)
    return;
  g_clear_handle_id (&self->hover_id, g_source_remove);

  /* A hot or cold spot answers before the incidents drawn over it. */
  if (bb_map_view_analysis_click (self, x, y))
    return;
  if (show_incidents_at (self, x, y, FALSE))
    return;
  if (gtk_widget_get_visible (GTK_WIDGET (self->district_layer))
      && (district = bb_district_layer_pick (self->district_layer, x, y)) != NULL)
    {
      for (guint i = 0; i < self->data->districts->len; i++)
        if (g_ptr_array_index (self->data->districts, i) == district)
          show_district_at (self, i, x, y);
    }
}

/* The keyboard's way to a district's popover: at its box's centre. */
static void
district_popover_action_cb (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  BbMapView *self = BB_MAP_VIEW (widget);
  guint index = g_variant_get_uint32 (parameter);
  ShumateMap *map = shumate_simple_map_get_map (self->map);
  BbBBox *box;
  double x, y;

  if (self->data == NULL || self->store == NULL || self->data->district_units == NULL
      || index >= self->data->district_units->n || index >= self->data->districts->len)
    return;
  box = &self->data->district_units->boxes[index];
  bb_map_view_zoom_to_box (self, box);
  shumate_viewport_location_to_widget_coords (shumate_map_get_viewport (map), GTK_WIDGET (map),
                                              (box->min_lat + box->max_lat) / 2, (box->min_lon + box->max_lon) / 2,
                                              &x, &y);
  show_district_at (self, index, x, y);
}

/* For tests: the popover of what a click at (@x, @y) finds. */
gboolean
bb_map_view_click (BbMapView *self,
                   double     x,
                   double     y)
{
  g_return_val_if_fail (BB_IS_MAP_VIEW (self), FALSE);

  map_clicked_cb (NULL, 1, x, y, self);
  return self->popover_cancellable != NULL;
}

/* For tests: what resting the pointer at (@x, @y) shows, without the wait. */
gboolean
bb_map_view_hover (BbMapView *self,
                   double     x,
                   double     y)
{
  g_return_val_if_fail (BB_IS_MAP_VIEW (self), FALSE);

  g_clear_handle_id (&self->hover_id, g_source_remove);
  self->hover_x = x;
  self->hover_y = y;
  return self->data != NULL && self->store != NULL && show_incidents_at (self, x, y, TRUE);
}

GtkPopover *
bb_map_view_get_popover (BbMapView *self)
{
  g_return_val_if_fail (BB_IS_MAP_VIEW (self), NULL);
  return self->popover;
}

void
bb_map_view_popover_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "map.district-details", "u", district_popover_action_cb);
}

void
bb_map_view_popover_init (BbMapView *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();

  g_signal_connect (click, "released", G_CALLBACK (map_clicked_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->map), GTK_EVENT_CONTROLLER (click));
  g_signal_connect (motion, "motion", G_CALLBACK (pointer_moved_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (pointer_left_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->map), motion);
}

void
bb_map_view_popover_dispose (BbMapView *self)
{
  g_clear_handle_id (&self->hover_id, g_source_remove);
  g_cancellable_cancel (self->popover_cancellable);
  g_clear_object (&self->popover_cancellable);
  if (self->popover != NULL)
    {
      gtk_popover_popdown (self->popover);
      gtk_widget_unparent (GTK_WIDGET (self->popover));
    }
  self->popover = NULL;
}
