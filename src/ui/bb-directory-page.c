/* bb-directory-page.c: the Directory page: districts, officers, partners and advisory groups */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-directory-page"

#include "config.h"

#include <glib/gi18n.h>

#include "bb-contacts.h"
#include "bb-directory-page-private.h"
#include "bb-record-item.h"
#include "bb-station-summary.h"

G_DEFINE_FINAL_TYPE (BbDirectoryPage, bb_directory_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const list_names[BB_DIRECTORY_N_LISTS] = { "districts", "officers", "partners", "members" };

void
bb_directory_page_toast (BbDirectoryPage *self,
                         const char      *title)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

/* Reading the directory --------------------------------------------------------- */

typedef struct {
  GPtrArray *districts;
  GPtrArray *officers;
  GPtrArray *partners;
  GPtrArray *members;
} Listing;

static void
listing_free (Listing *l)
{
  g_clear_pointer (&l->districts, g_ptr_array_unref);
  g_clear_pointer (&l->officers, g_ptr_array_unref);
  g_clear_pointer (&l->partners, g_ptr_array_unref);
  g_clear_pointer (&l->members, g_ptr_array_unref);
  g_free (l);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Listing, listing_free)

static gpointer
list_in_store (BbStore       *store,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(Listing) l = g_new0 (Listing, 1);

  l->districts = bb_store_district_list (store, error);
  l->officers = l->districts != NULL ? bb_store_officer_list (store, error) : NULL;
  l->partners = l->officers != NULL ? bb_store_partner_list (store, error) : NULL;
  l->members = l->partners != NULL ? bb_store_list (store, &bb_advisory_member_record, NULL, error) : NULL;
  return l->members != NULL ? g_steal_pointer (&l) : NULL;
}

static const char *
name_of (GPtrArray  *records,
         gsize       offset,
         const char *id)
{
  for (guint i = 0; id != NULL && i < records->len; i++)
    {
      gpointer r = g_ptr_array_index (records, i);

      if (g_str_equal (((BbRecord *) r)->id, id))
        return *(const char **) ((guint8 *) r + offset);
    }
  return NULL;
}

static gpointer
find_record (GPtrArray  *records,
             const char *id)
{
  for (guint i = 0; id != NULL && i < records->len; i++)
    if (g_str_equal (((BbRecord *) g_ptr_array_index (records, i))->id, id))
      return g_ptr_array_index (records, i);
  return NULL;
}

/* "a · b · c" of the parts that are not empty. */
static char *
join (const char *first,
      ...)
{
  GString *text = g_string_new (NULL);
  va_list args;

  va_start (args, first);
  for (const char *part = first; part != (const char *) 1; part = va_arg (args, const char *))
    if (part != NULL && *part != '\0')
      g_string_append_printf (text, "%s%s", text->len > 0 ? " · " : "", part);
  va_end (args);
  return g_string_free (text, FALSE);
}

#define END ((const char *) 1)

/* At headquarters, the records of the stations chosen; the others stay
 * in the listing so that names across stations are still found. */
static gboolean
shown (BbDirectoryPage *self,
       gconstpointer    record)
{
  const char *station = ((const BbRecord *) record)->station_id;

  return self->station_ids == NULL || (station != NULL && g_strv_contains ((const char * const *) self->station_ids, station));
}

static void
fill (BbDirectoryPage *self,
      Listing         *l)
{
  gsize district_name = G_STRUCT_OFFSET (BbDistrict, name);

  for (guint k = 0; k < BB_DIRECTORY_N_LISTS; k++)
    g_list_store_remove_all (self->items[k]);

  for (guint i = 0; i < l->districts->len; i++)
    {
      BbDistrict *d = g_ptr_array_index (l->districts, i);
      const char *officer = name_of (l->officers, G_STRUCT_OFFSET (BbOfficer, name), d->officer_id);
      g_autofree char *code = *d->code != '\0' ? g_strdup_printf (_("Code %s"), d->code) : NULL;
      g_autofree char *people = d->population != BB_UNSET_INT ? bb_format_count (d->population) : NULL;
      g_autofree char *residents = people != NULL ? g_strdup_printf (_("%s residents"), people) : NULL;
      g_autofree char *subtitle = join (code, officer, residents,
                                        d->boundary == NULL ? _("no boundary yet") : NULL, END);
      g_autoptr(BbRecordItem) item = NULL;

      if (!shown (self, d))
        continue;
      item = bb_record_item_new (&bb_district_record, bb_district_copy (d), d->name, subtitle);
      g_list_store_append (self->items[BB_DIRECTORY_DISTRICTS], item);
    }
  for (guint i = 0; i < l->officers->len; i++)
    {
      BbOfficer *o = g_ptr_array_index (l->officers, i);
      const char *district = name_of (l->districts, district_name, o->district_id);
      g_autofree char *subtitle = join (o->rank, district, o->phone, END);
      g_autoptr(BbRecordItem) item = NULL;

      if (!shown (self, o))
        continue;
      item = bb_record_item_new (&bb_officer_record, bb_officer_copy (o), o->name, subtitle);
      bb_record_item_set_search_text (item, o->email);
      g_list_store_append (self->items[BB_DIRECTORY_OFFICERS], item);
    }
  for (guint i = 0; i < l->partners->len; i++)
    {
      BbPartner *p = g_ptr_array_index (l->partners, i);
      const char *district = name_of (l->districts, district_name, p->district_id);
      g_autofree char *subtitle = join (bb_partner_kind_label (p->kind), district, p->contact_name, p->phone, END);
      g_autofree char *words = join (p->email, p->address, p->notes, END);
      g_autoptr(BbRecordItem) item = NULL;

      if (!shown (self, p))
        continue;
      item = bb_record_item_new (&bb_partner_record, bb_partner_copy (p), p->name, subtitle);
      bb_record_item_set_search_text (item, words);
      bb_record_item_set_personal (item, p->is_person);
      g_list_store_append (self->items[BB_DIRECTORY_PARTNERS], item);
    }
  for (guint i = 0; i < l->members->len; i++)
    {
      BbAdvisoryMember *m = g_ptr_array_index (l->members, i);
      BbPartner *partner = find_record (l->partners, m->partner_id);
      const char *district = name_of (l->districts, district_name, m->district_id);
      g_autofree char *since = m->since != NULL ? g_strdup_printf (_("since %s"), m->since) : NULL;
      g_autofree char *subtitle = join (bb_member_role_label (m->role), district, since, END);
      g_autoptr(BbRecordItem) item = NULL;

      if (!shown (self, m))
        continue;
      item = bb_record_item_new (&bb_advisory_member_record, bb_advisory_member_copy (m),
                                 partner != NULL ? partner->name : "?", subtitle);
      bb_record_item_set_personal (item, partner != NULL && partner->is_person);
      g_list_store_append (self->items[BB_DIRECTORY_MEMBERS], item);
    }
}

/* Tab titles with what the search lets through. */
static void
update_titles (BbDirectoryPage *self)
{
  static const char * const titles[BB_DIRECTORY_N_LISTS] = {
    N_("Districts"), N_("Officers"), N_("Partners"), N_("Advisory Groups"),
  };

  for (guint k = 0; k < BB_DIRECTORY_N_LISTS; k++)
    {
      GtkWidget *child = gtk_stack_get_child_by_name (self->lists_stack, list_names[k]);
      g_autofree char *title = g_strdup_printf ("%s (%u)", _(titles[k]),
                                                g_list_model_get_n_items (G_LIST_MODEL (self->shown[k])));

      if (child != NULL)
        gtk_stack_page_set_title (gtk_stack_get_page (self->lists_stack, child), title);
    }
}

static void
listed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  BbDirectoryPage *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(Listing) l = bb_store_run_finish (BB_STORE (object), result, &error);

  self->loading--;
  if (self->stack == NULL)
    {
      g_object_unref (self);
      return;
    }
  if (l == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          adw_status_page_set_title (self->status_page, _("The Station Could Not Be Read"));
          adw_status_page_set_description (self->status_page, error->message);
          gtk_stack_set_visible_child_name (self->stack, "empty");
        }
      g_object_unref (self);
      return;
    }
  fill (self, l);
  update_titles (self);
  if (l->districts->len + l->officers->len + l->partners->len == 0)
    gtk_stack_set_visible_child_name (self->stack, "empty");
  else if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "district") == 0)
    {
      /* the district's page shown is read again, unless it is gone */
      const char *shown = bb_district_page_get_district_id (self->district_page);

      if (find_record (l->districts, shown) != NULL)
        bb_district_page_show (self->district_page, self->store, shown);
      else
        gtk_stack_set_visible_child_name (self->stack, "lists");
    }
  else
    gtk_stack_set_visible_child_name (self->stack, "lists");
  g_object_unref (self);
}

void
bb_directory_page_reload (BbDirectoryPage *self)
{
  /* Nothing is read for a page nobody looks at; it reads when shown. */
  if (self->store != NULL && !gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }
  self->stale = FALSE;
  g_cancellable_cancel (self->cancellable);
  g_set_object (&self->cancellable, g_cancellable_new ());
  g_object_unref (self->cancellable);
  if (self->store == NULL)
    {
      for (guint k = 0; k < BB_DIRECTORY_N_LISTS; k++)
        g_list_store_remove_all (self->items[k]);
      adw_status_page_set_title (self->status_page, _("No Station Open"));
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  adw_status_page_set_title (self->status_page, _("The Directory Is Empty"));
  adw_status_page_set_description (self->status_page,
                                   _("Add the station’s neighbourhood districts, the officers who serve them, and the partners and residents the station works with."));
  self->loading++;
  bb_store_run_async_full (self->store, list_in_store, (GDestroyNotify) listing_free, NULL, NULL, self->cancellable,
                           listed_cb, g_object_ref (self));
}

static gboolean
refresh_cb (gpointer data)
{
  BbDirectoryPage *self = data;

  self->refresh_id = 0;
  bb_directory_page_reload (self);
  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (BbDirectoryPage *self,
                  guint            changes)
{
  if ((changes & (BB_STORE_CHANGE_DIRECTORY | BB_STORE_CHANGE_DISTRICTS)) != 0 && self->refresh_id == 0)
    self->refresh_id = g_timeout_add (200, refresh_cb, self);
}

/* Lists and search ---------------------------------------------------------------- */

static BbDirectoryList
current_list (BbDirectoryPage *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->lists_stack);

  for (guint k = 0; k < BB_DIRECTORY_N_LISTS; k++)
    if (g_strcmp0 (name, list_names[k]) == 0)
      return k;
  return BB_DIRECTORY_DISTRICTS;
}

static gboolean
match_cb (gpointer item,
          gpointer user_data)
{
  BbDirectoryPage *self = user_data;

  return bb_record_item_matches (item, self->search);
}

static void
search_changed_cb (BbDirectoryPage *self)
{
  bb_directory_page_set_search (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);
  GtkWidget *tag = gtk_label_new (_("Personal data"));

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (tag, "personal-tag");
  gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (tag, _("A person’s contacts: kept in the station, never printed in public documents"));
  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 2);
  gtk_widget_set_margin_bottom (box, 2);
  gtk_box_append (GTK_BOX (text), title);
  gtk_box_append (GTK_BOX (text), subtitle);
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), tag);
  gtk_list_item_set_child (item, box);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  data)
{
  BbRecordItem *record = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *text = gtk_widget_get_first_child (box);
  GtkWidget *title = gtk_widget_get_first_child (text);
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);
  GtkWidget *tag = gtk_widget_get_next_sibling (text);
  const char *sub = bb_record_item_get_subtitle (record);

  gtk_label_set_label (GTK_LABEL (title), bb_record_item_get_title (record));
  gtk_label_set_label (GTK_LABEL (subtitle), sub != NULL ? sub : "");
  gtk_widget_set_visible (subtitle, sub != NULL && *sub != '\0');
  gtk_widget_set_visible (tag, bb_record_item_get_personal (record));
}

static void
activate_cb (GtkListView     *view,
             guint            position,
             BbDirectoryPage *self)
{
  BbDirectoryList list = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (view), "bb-list"));

  bb_directory_page_open (self, list, position);
}

static void
setup_list (BbDirectoryPage *self,
            GtkListView     *view,
            BbDirectoryList  list)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkSingleSelection *selection;

  self->items[list] = g_list_store_new (BB_TYPE_RECORD_ITEM);
  self->shown[list] = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->items[list])),
                                                 g_object_ref (self->filter));
  selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->shown[list])));
  gtk_single_selection_set_autoselect (selection, FALSE);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  gtk_list_view_set_factory (view, factory);
  gtk_list_view_set_model (view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);
  g_object_set_data (G_OBJECT (view), "bb-list", GUINT_TO_POINTER (list));
  g_signal_connect (view, "activate", G_CALLBACK (activate_cb), self);
  g_signal_connect_swapped (self->shown[list], "items-changed", G_CALLBACK (update_titles), self);
}

static void
bb_directory_page_map (GtkWidget *widget)
{
  BbDirectoryPage *self = BB_DIRECTORY_PAGE (widget);

  GTK_WIDGET_CLASS (bb_directory_page_parent_class)->map (widget);
  if (self->stale)
    bb_directory_page_reload (self);
}

/* GObject ------------------------------------------------------------------------ */

static void
bb_directory_page_dispose (GObject *object)
{
  BbDirectoryPage *self = BB_DIRECTORY_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, store_changed_cb, self);
  g_clear_object (&self->store);
  if (self->station_filter != NULL)
    g_signal_handlers_disconnect_by_data (self->station_filter, self);
  g_clear_object (&self->station_filter);
  for (guint k = 0; k < BB_DIRECTORY_N_LISTS; k++)
    if (self->shown[k] != NULL)
      g_signal_handlers_disconnect_by_func (self->shown[k], update_titles, self);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), BB_TYPE_DIRECTORY_PAGE);

  G_OBJECT_CLASS (bb_directory_page_parent_class)->dispose (object);
}

static void
bb_directory_page_finalize (GObject *object)
{
  BbDirectoryPage *self = BB_DIRECTORY_PAGE (object);

  g_clear_object (&self->cancellable);
  for (guint k = 0; k < BB_DIRECTORY_N_LISTS; k++)
    {
      g_clear_object (&self->items[k]);
      g_clear_object (&self->shown[k]);
    }
  g_clear_object (&self->filter);
  g_strfreev (self->station_ids);
  g_free (self->search);

  G_OBJECT_CLASS (bb_directory_page_parent_class)->finalize (object);
}

static void
bb_directory_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  BbDirectoryPage *self = BB_DIRECTORY_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bb_directory_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  BbDirectoryPage *self = BB_DIRECTORY_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      bb_directory_page_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bb_directory_page_class_init (BbDirectoryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bb_directory_page_dispose;
  object_class->finalize = bb_directory_page_finalize;
  object_class->get_property = bb_directory_page_get_property;
  object_class->set_property = bb_directory_page_set_property;
  widget_class->map = bb_directory_page_map;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         BB_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (BB_TYPE_DISTRICT_PAGE);
  g_type_ensure (BB_TYPE_STATION_BUTTON);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/beatbook/Beatbook/bb-directory-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BbDirectoryPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, BbDirectoryPage, stack);
  gtk_widget_class_bind_template_child (widget_class, BbDirectoryPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, BbDirectoryPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, BbDirectoryPage, station_button);
  gtk_widget_class_bind_template_child (widget_class, BbDirectoryPage, lists_stack);
  gtk_widget_class_bind_template_child (widget_class, BbDirectoryPage, district_view);
  gtk_widget_class_bind_template_child (widget_class, BbDirectoryPage, officer_view);
  gtk_widget_class_bind_template_child (widget_class, BbDirectoryPage, partner_view);
  gtk_widget_class_bind_template_child (widget_class, BbDirectoryPage, member_view);
  gtk_widget_class_bind_template_child (widget_class, BbDirectoryPage, district_page);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  bb_directory_page_install_actions (widget_class);
}

static void
bb_directory_page_init (BbDirectoryPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->filter = GTK_FILTER (gtk_custom_filter_new (match_cb, self, NULL));
  setup_list (self, self->district_view, BB_DIRECTORY_DISTRICTS);
  setup_list (self, self->officer_view, BB_DIRECTORY_OFFICERS);
  setup_list (self, self->partner_view, BB_DIRECTORY_PARTNERS);
  setup_list (self, self->member_view, BB_DIRECTORY_MEMBERS);
  update_titles (self);
  bb_directory_page_reload (self);
}

BbStore *
bb_directory_page_get_store (BbDirectoryPage *self)
{
  g_return_val_if_fail (BB_IS_DIRECTORY_PAGE (self), NULL);
  return self->store;
}

void
bb_directory_page_set_store (BbDirectoryPage *self,
                             BbStore         *store)
{
  g_return_if_fail (BB_IS_DIRECTORY_PAGE (self));
  g_return_if_fail (store == NULL || BB_IS_STORE (store));

  if (self->store == store)
    return;
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, store_changed_cb, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_stack_set_visible_child_name (self->stack, "lists");
  bb_directory_page_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

static void
station_filter_changed_cb (BbDirectoryPage *self)
{
  if (bb_filter_update_stations (self->station_filter, &self->station_ids) && self->store != NULL)
    bb_directory_page_reload (self);
}

void
bb_directory_page_set_filter (BbDirectoryPage *self,
                              BbFilterState   *filter)
{
  g_return_if_fail (BB_IS_DIRECTORY_PAGE (self));
  bb_station_button_follow (self->station_button, &self->station_filter, filter, G_CALLBACK (station_filter_changed_cb), self);
}

AdwStatusPage *
bb_directory_page_get_status_page (BbDirectoryPage *self)
{
  g_return_val_if_fail (BB_IS_DIRECTORY_PAGE (self), NULL);
  return self->status_page;
}

gboolean
bb_directory_page_is_loading (BbDirectoryPage *self)
{
  g_return_val_if_fail (BB_IS_DIRECTORY_PAGE (self), FALSE);
  return self->loading > 0 || self->refresh_id != 0 || (self->stale && gtk_widget_get_mapped (GTK_WIDGET (self)));
}

void
bb_directory_page_show_list (BbDirectoryPage *self,
                             BbDirectoryList  list)
{
  g_return_if_fail (BB_IS_DIRECTORY_PAGE (self));
  g_return_if_fail (list < BB_DIRECTORY_N_LISTS);

  gtk_stack_set_visible_child_name (self->lists_stack, list_names[list]);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "district") == 0)
    gtk_stack_set_visible_child_name (self->stack, "lists");
}

void
bb_directory_page_set_search (BbDirectoryPage *self,
                              const char      *words)
{
  g_return_if_fail (BB_IS_DIRECTORY_PAGE (self));

  if (g_strcmp0 (self->search, words) == 0 || self->setting_search)
    return;
  /* Setting the entry's text empties it first, which tells of an empty
   * search at once: that is not the search asked for. */
  self->setting_search = TRUE;
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), words != NULL ? words : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), words != NULL ? words : "");
  self->setting_search = FALSE;
  g_free (self->search);
  self->search = g_strdup (words);
  gtk_filter_changed (self->filter, GTK_FILTER_CHANGE_DIFFERENT);
  update_titles (self);
  /* searching goes to the first list with something found */
  if (words != NULL && *words != '\0' && g_list_model_get_n_items (G_LIST_MODEL (self->shown[current_list (self)])) == 0)
    for (guint k = 0; k < BB_DIRECTORY_N_LISTS; k++)
      if (g_list_model_get_n_items (G_LIST_MODEL (self->shown[k])) > 0)
        {
          bb_directory_page_show_list (self, k);
          break;
        }
}

guint
bb_directory_page_get_n_shown (BbDirectoryPage *self,
                               BbDirectoryList  list)
{
  g_return_val_if_fail (BB_IS_DIRECTORY_PAGE (self), 0);
  g_return_val_if_fail (list < BB_DIRECTORY_N_LISTS, 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->shown[list]));
}

const char *
bb_directory_page_get_shown_title (BbDirectoryPage *self,
                                   BbDirectoryList  list,
                                   guint            index,
                                   gboolean        *personal)
{
  g_autoptr(BbRecordItem) item = NULL;

  g_return_val_if_fail (BB_IS_DIRECTORY_PAGE (self), NULL);
  g_return_val_if_fail (list < BB_DIRECTORY_N_LISTS, NULL);

  item = g_list_model_get_item (G_LIST_MODEL (self->shown[list]), index);
  if (item == NULL)
    return NULL;
  if (personal != NULL)
    *personal = bb_record_item_get_personal (item);
  /* the item lives on in the list */
  return bb_record_item_get_title (item);
}

const char *
bb_directory_page_get_district_shown (BbDirectoryPage *self)
{
  g_return_val_if_fail (BB_IS_DIRECTORY_PAGE (self), NULL);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "district") != 0)
    return NULL;
  return bb_district_page_get_district_id (self->district_page);
}

gboolean
bb_directory_page_district_is_loading (BbDirectoryPage *self)
{
  g_return_val_if_fail (BB_IS_DIRECTORY_PAGE (self), FALSE);
  return bb_district_page_is_loading (self->district_page);
}
