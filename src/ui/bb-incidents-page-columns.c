/* bb-incidents-page-columns.c: the Incidents page's columns: their cells and their order, sorted by the station */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-incidents-page"

#include "config.h"

#include <glib/gi18n.h>

#include "bb-incident-labels.h"
#include "bb-incidents-page-private.h"

/* Cells --------------------------------------------------------------------- */

static void
update_cell (GtkListItem *item)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (item), "bb-column"));
  BbIncidentRow *row = gtk_list_item_get_item (item);
  GtkWidget *child = gtk_list_item_get_child (item);
  const BbIncident *incident = row != NULL ? bb_incident_row_get_incident (row) : NULL;
  g_autofree char *text = NULL;

  switch (column)
    {
    case COLUMN_WHEN:
      if (incident == NULL)
        text = g_strdup ("…");
      else
        text = bb_format_incident_time (incident->occurred_start, incident->time_unknown);
      gtk_label_set_label (GTK_LABEL (child), text);
      break;
    case COLUMN_CATEGORY:
      {
        GtkWidget *dot = gtk_widget_get_first_child (child);
        GtkWidget *label = gtk_widget_get_next_sibling (dot);
        const char *colour = row != NULL ? bb_incident_row_get_category_colour (row) : NULL;

        if (incident != NULL && colour != NULL && *colour == '#')
          {
            g_autofree char *markup = g_strdup_printf ("<span foreground=\"%s\">●</span>", colour);

            gtk_label_set_markup (GTK_LABEL (dot), markup);
          }
        else
          gtk_label_set_label (GTK_LABEL (dot), "");
        gtk_label_set_label (GTK_LABEL (label),
                             incident != NULL && bb_incident_row_get_category_name (row) != NULL
                             ? bb_incident_row_get_category_name (row) : "");
      }
      break;
    case COLUMN_DISTRICT:
      gtk_label_set_label (GTK_LABEL (child),
                           incident != NULL && bb_incident_row_get_district_name (row) != NULL
                           ? bb_incident_row_get_district_name (row) : "");
      break;
    case COLUMN_ADDRESS:
      gtk_label_set_label (GTK_LABEL (child), incident != NULL && incident->address != NULL ? incident->address : "");
      break;
    case COLUMN_DESCRIPTION:
      gtk_label_set_label (GTK_LABEL (child), incident != NULL && incident->description != NULL ? incident->description : "");
      break;
    case COLUMN_SOURCE:
      gtk_label_set_label (GTK_LABEL (child), incident != NULL ? bb_incident_source_label (incident->source) : "");
      break;
    case COLUMN_STATUS:
      gtk_label_set_label (GTK_LABEL (child), incident != NULL ? bb_incident_status_label (incident->status) : "");
      break;
    case COLUMN_RESTRICTED:
      gtk_widget_set_visible (child, incident != NULL && incident->restricted);
      if (incident != NULL && incident->restricted && !gtk_widget_get_has_tooltip (child))
        gtk_widget_set_tooltip_text (child, _("Restricted: never leaves the station"));
      break;
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  data)
{
  Column column = GPOINTER_TO_INT (data);
  GtkWidget *child;

  g_object_set_data (G_OBJECT (item), "bb-column", data);
  if (column == COLUMN_CATEGORY)
    {
      GtkWidget *label = gtk_label_new (NULL);

      child = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      gtk_box_append (GTK_BOX (child), gtk_label_new (NULL));
      gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_box_append (GTK_BOX (child), label);
    }
  else if (column == COLUMN_RESTRICTED)
    {
      /* Its tooltip comes with the first restricted incident it shows:
       * a tooltip on every row's cell costs the first screen its time. */
      child = gtk_image_new_from_icon_name ("changes-prevent-symbolic");
      gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Restricted"), -1);
    }
  else
    {
      child = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (child), 0.0f);
      gtk_label_set_single_line_mode (GTK_LABEL (child), TRUE);
      gtk_label_set_ellipsize (GTK_LABEL (child), PANGO_ELLIPSIZE_END);
      if (column == COLUMN_WHEN)
        gtk_widget_add_css_class (child, "numeric");
    }
  gtk_list_item_set_child (item, child);
}

static void
row_changed_cb (BbIncidentRow *row,
                GParamSpec    *pspec,
                GtkListItem   *item)
{
  update_cell (item);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  data)
{
  BbIncidentRow *row = gtk_list_item_get_item (item);

  g_signal_connect_object (row, "notify::incident", G_CALLBACK (row_changed_cb), item, 0);
  update_cell (item);
}

static void
unbind_cell_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  data)
{
  BbIncidentRow *row = gtk_list_item_get_item (item);

  if (row != NULL)
    g_signal_handlers_disconnect_by_func (row, row_changed_cb, item);
}

/* Sorting in SQL ------------------------------------------------------------ */

/* GTK 4.8 does not say which column the column view sorts by; its sorter
 * is asked to compare two rows, and each column's sorter answers with its
 * own order, so the first to answer is the primary column and the sign of
 * the result its direction. */
static int probed_sort = -1;

static int
probe_compare (gconstpointer a,
               gconstpointer b,
               gpointer      data)
{
  if (probed_sort < 0)
    probed_sort = GPOINTER_TO_INT (data);
  return GTK_ORDERING_LARGER;
}

static void
sorter_changed_cb (BbIncidentsPage *self)
{
  GtkSorter *sorter;
  g_autoptr(BbIncidentRow) a = NULL;
  g_autoptr(BbIncidentRow) b = NULL;
  GtkOrdering order;
  int primary;

  /* The columns go away one by one when the page is taken down. */
  if (self->column_view == NULL || self->model == NULL)
    return;
  sorter = gtk_column_view_get_sorter (self->column_view);
  a = bb_incident_row_new (0);
  b = bb_incident_row_new (1);
  if (self->resorting)
    return;
  probed_sort = -1;
  order = gtk_sorter_compare (sorter, a, b);
  if (probed_sort < 0)
    {
      bb_incident_list_model_set_sort (self->model, BB_INCIDENT_SORT_TIME, TRUE);
      return;
    }
  bb_incident_list_model_set_sort (self->model, probed_sort, order == GTK_ORDERING_SMALLER);

  /* The station sorts by one column; the column view would keep the
   * earlier ones as secondary orders and show their arrows too. */
  primary = probed_sort;
  self->resorting = TRUE;
  gtk_column_view_sort_by_column (self->column_view, NULL, GTK_SORT_ASCENDING);
  /* GTK 4.8 redraws only the first column's arrow when the order is
   * cleared; giving the others their sorter again redraws theirs. */
  for (guint i = 0; i < G_N_ELEMENTS (self->sort_columns); i++)
    if (self->sort_columns[i] != NULL && (int) i != primary)
      {
        g_autoptr(GtkSorter) column_sorter = g_object_ref (gtk_column_view_column_get_sorter (self->sort_columns[i]));

        gtk_column_view_column_set_sorter (self->sort_columns[i], NULL);
        gtk_column_view_column_set_sorter (self->sort_columns[i], column_sorter);
      }
  gtk_column_view_sort_by_column (self->column_view, self->sort_columns[primary],
                                  order == GTK_ORDERING_SMALLER ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
  self->resorting = FALSE;
}

static GtkColumnViewColumn *
add_column (BbIncidentsPage *self,
            Column           column,
            const char      *title,
            int              sort,
            int              fixed_width,
            gboolean         expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *view_column;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GINT_TO_POINTER (column));
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell_cb), GINT_TO_POINTER (column));
  view_column = gtk_column_view_column_new (title, factory);
  if (sort >= 0)
    {
      g_autoptr(GtkSorter) sorter = GTK_SORTER (gtk_custom_sorter_new (probe_compare, GINT_TO_POINTER (sort), NULL));

      gtk_column_view_column_set_sorter (view_column, sorter);
      self->sort_columns[sort] = view_column;
    }
  if (fixed_width > 0)
    gtk_column_view_column_set_fixed_width (view_column, fixed_width);
  gtk_column_view_column_set_expand (view_column, expand);
  gtk_column_view_column_set_resizable (view_column, column != COLUMN_RESTRICTED);
  gtk_column_view_append_column (self->column_view, view_column);
  g_object_unref (view_column);
  return view_column;
}

/**
 * bb_incidents_page_add_columns:
 *
 * Gives the page's column view its columns, newest incidents first.
 */
void
bb_incidents_page_add_columns (BbIncidentsPage *self)
{
  GtkColumnViewColumn *when;

  when = add_column (self, COLUMN_WHEN, _("When"), BB_INCIDENT_SORT_TIME, 140, FALSE);
  add_column (self, COLUMN_CATEGORY, _("Category"), BB_INCIDENT_SORT_CATEGORY, 180, FALSE);
  add_column (self, COLUMN_DISTRICT, _("District"), BB_INCIDENT_SORT_DISTRICT, 120, FALSE);
  add_column (self, COLUMN_ADDRESS, _("Address"), BB_INCIDENT_SORT_ADDRESS, 170, FALSE);
  add_column (self, COLUMN_DESCRIPTION, _("Description"), -1, 160, TRUE);
  add_column (self, COLUMN_SOURCE, _("Source"), BB_INCIDENT_SORT_SOURCE, 110, FALSE);
  add_column (self, COLUMN_STATUS, _("Status"), BB_INCIDENT_SORT_STATUS, 90, FALSE);
  add_column (self, COLUMN_RESTRICTED, "", -1, 36, FALSE);

  /* Newest first, as a duty officer looks for today's. */
  gtk_column_view_sort_by_column (self->column_view, when, GTK_SORT_DESCENDING);
  g_signal_connect_swapped (gtk_column_view_get_sorter (self->column_view), "changed",
                            G_CALLBACK (sorter_changed_cb), self);
  sorter_changed_cb (self);
}
