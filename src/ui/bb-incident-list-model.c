/* bb-incident-list-model.c: the incidents a filter selects, read from the station a page at a time */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-incident-list-model"

#include "config.h"

#include "bb-incident-list-model.h"

/* Pages kept: a screen or two of rows above and below what is shown, and
 * the pages a fast scroll passed through, at a bounded cost. */
#define MAX_PAGES 24

typedef struct {
  guint         index;
  GPtrArray    *rows;        /* BbIncidentRow */
  gboolean      loaded;
  gboolean      requested;
  guint64       stamp;       /* last use, for the LRU */
  GCancellable *cancellable;
} Page;

struct _BbIncidentListModel
{
  GObject           parent_instance;

  BbStore          *store;
  BbIncidentFilter *filter;
  BbIncidentSort    sort;
  gboolean          descending;
  GHashTable       *categories;   /* id → BbCategory */
  GHashTable       *districts;    /* id → BbDistrict */

  guint             n_items;
  GArray           *rowids;       /* NULL until read (the first page comes first) */
  GHashTable       *pages;        /* index → Page */
  guint64           clock;
  guint             generation;
  GCancellable     *cancellable;  /* of the current reading */
  gboolean          counted;      /* n_items is the selection's count, not a guess */
  gint64            asked_at;     /* monotonic, for the debug log */
  gboolean          loading;
  GError           *error;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BbIncidentListModel, bb_incident_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
page_free (Page *page)
{
  g_cancellable_cancel (page->cancellable);
  g_clear_object (&page->cancellable);
  g_ptr_array_unref (page->rows);
  g_free (page);
}

static void
set_loading (BbIncidentListModel *self,
             gboolean             loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* Reading on the store's worker ------------------------------------------ */

typedef struct {
  BbIncidentFilter *filter;
  BbIncidentSort    sort;
  gboolean          descending;
  guint             offset;
  guint             limit;
  gint64           *rowids;     /* or NULL: by offset */
  guint             n_rowids;
} Query;

static void
query_free (Query *query)
{
  bb_incident_filter_free (query->filter);
  g_free (query->rowids);
  g_free (query);
}

/* The first page alone, without counting first: the table shows rows as
 * soon as the index gives them, and learns how many there are after. */
static gpointer
read_first_page (BbStore       *store,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  Query *query = data;

  return bb_store_incident_query (store, query->filter, query->sort, query->descending,
                                  0, query->limit, error);
}

static gpointer
read_count (BbStore       *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  Query *query = data;
  gint64 count = bb_store_incident_count (store, query->filter, error);

  if (count < 0)
    return NULL;
  return g_memdup2 (&count, sizeof count);
}

static gpointer
read_rowids (BbStore       *store,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  Query *query = data;

  return bb_store_incident_rowids (store, query->filter, query->sort, query->descending, error);
}

static gpointer
read_page (BbStore       *store,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  Query *query = data;

  if (query->rowids != NULL)
    return bb_store_incident_get_by_rowids (store, query->rowids, query->n_rowids, error);
  return bb_store_incident_query (store, query->filter, query->sort, query->descending,
                                  query->offset, query->limit, error);
}

static Query *
query_new (BbIncidentListModel *self)
{
  Query *query = g_new0 (Query, 1);

  query->filter = bb_incident_filter_copy (self->filter);
  query->sort = self->sort;
  query->descending = self->descending;
  return query;
}

/* Filling rows ------------------------------------------------------------ */

static void
fill_row (BbIncidentListModel *self,
          BbIncidentRow       *row,
          BbIncident          *incident)
{
  BbCategory *category = NULL;
  BbDistrict *district = NULL;
  const char *colour = NULL;

  if (self->categories != NULL && incident->category_id != NULL)
    category = g_hash_table_lookup (self->categories, incident->category_id);
  if (self->districts != NULL && incident->district_id != NULL)
    district = g_hash_table_lookup (self->districts, incident->district_id);
  if (category != NULL)
    {
      colour = category->colour;
      /* Subcategories may leave the colour to their parent. */
      if ((colour == NULL || *colour == '\0') && category->parent_id != NULL)
        {
          BbCategory *parent = g_hash_table_lookup (self->categories, category->parent_id);

          if (parent != NULL)
            colour = parent->colour;
        }
    }
  bb_incident_row_set_incident (row, incident,
                                category != NULL ? category->name : NULL,
                                colour,
                                district != NULL ? district->name : NULL);
}

static void
fill_page (BbIncidentListModel *self,
           Page                *page,
           GPtrArray           *incidents)
{
  guint n = MIN (incidents->len, page->rows->len);

  for (guint i = 0; i < n; i++)
    fill_row (self, g_ptr_array_index (page->rows, i), g_steal_pointer (&g_ptr_array_index (incidents, i)));
  page->loaded = TRUE;
}

/* Page @index of a table of @n_items rows. */
static Page *
page_new (BbIncidentListModel *self,
          guint                index,
          guint                n_items)
{
  Page *page = g_new0 (Page, 1);
  guint first = index * BB_INCIDENT_LIST_PAGE_SIZE;
  guint n = MIN (BB_INCIDENT_LIST_PAGE_SIZE, n_items - first);

  page->index = index;
  page->rows = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (page->rows, bb_incident_row_new (first + i));
  page->stamp = ++self->clock;
  return page;
}

static void
evict_pages (BbIncidentListModel *self)
{
  while (g_hash_table_size (self->pages) > MAX_PAGES)
    {
      GHashTableIter iter;
      Page *page, *oldest = NULL;

      g_hash_table_iter_init (&iter, self->pages);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &page))
        if (oldest == NULL || page->stamp < oldest->stamp)
          oldest = page;
      g_hash_table_remove (self->pages, GUINT_TO_POINTER (oldest->index));
    }
}

typedef struct {
  BbIncidentListModel *model;
  guint                generation;
  guint                index;
} PageRequest;

static void
page_request_free (PageRequest *request)
{
  g_object_unref (request->model);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PageRequest, page_request_free)

static PageRequest *
page_request_new (BbIncidentListModel *self,
                  guint                index)
{
  PageRequest *request = g_new0 (PageRequest, 1);

  request->model = g_object_ref (self);
  request->generation = self->generation;
  request->index = index;
  return request;
}

static void
set_error (BbIncidentListModel *self,
           GError              *error)
{
  g_clear_error (&self->error);
  self->error = error;
}

static void
page_read_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(PageRequest) request = user_data;
  BbIncidentListModel *self = request->model;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) incidents = bb_store_run_finish (BB_STORE (object), result, &error);
  Page *page;

  if (request->generation != self->generation)
    return;
  page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (request->index));
  if (page == NULL)
    return;   /* evicted meanwhile */
  if (incidents == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_error (self, g_steal_pointer (&error));
      page->requested = FALSE;
      return;
    }
  if (incidents->len != page->rows->len)
    {
      /* Incidents were removed since the order was read: read it again
       * rather than show rows in the wrong places. */
      bb_incident_list_model_reload (self);
      return;
    }
  fill_page (self, page, incidents);
}

static void
request_page (BbIncidentListModel *self,
              Page                *page)
{
  Query *query;
  PageRequest *request;
  guint first = page->index * BB_INCIDENT_LIST_PAGE_SIZE;

  /* Read by offset before the count, a page further down could be
   * cut short by a selection that shrank: it waits for the count. */
  if (page->requested || self->store == NULL || (!self->counted && page->index > 0))
    return;
  page->requested = TRUE;

  query = query_new (self);
  query->offset = first;
  query->limit = page->rows->len;
  if (self->rowids != NULL)
    {
      g_assert (first + page->rows->len <= self->rowids->len);
      query->n_rowids = page->rows->len;
      query->rowids = g_memdup2 (&g_array_index (self->rowids, gint64, first),
                                 sizeof (gint64) * query->n_rowids);
    }

  request = page_request_new (self, page->index);
  page->cancellable = g_cancellable_new ();
  bb_store_run_async_urgent_full (self->store, read_page, (GDestroyNotify) g_ptr_array_unref, query,
                                  (GDestroyNotify) query_free, page->cancellable, page_read_cb, request);
}

static void request_stale_pages (BbIncidentListModel *self);

static void
rowids_read_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(PageRequest) request = user_data;
  BbIncidentListModel *self = request->model;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rowids = bb_store_run_finish (BB_STORE (object), result, &error);

  if (request->generation != self->generation)
    return;
  if (rowids == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_error (self, g_steal_pointer (&error));
      return;
    }
  if (rowids->len != self->n_items)
    {
      guint old = self->n_items;

      /* Written to between the count and the order: the order wins. */
      g_hash_table_remove_all (self->pages);
      self->n_items = rowids->len;
      self->rowids = g_steal_pointer (&rowids);
      g_list_model_items_changed (G_LIST_MODEL (self), 0, old, self->n_items);
      return;
    }
  self->rowids = g_steal_pointer (&rowids);
  request_stale_pages (self);
}

/* The pages held keep their row objects for a new selection or order:
 * the table then only learns how many rows came or went, and the rows it
 * shows are filled again in place.  Telling it that a million rows were
 * replaced would cost it a second.  Until then they show what they
 * showed. */
static void
page_mark_stale (Page *page)
{
  g_cancellable_cancel (page->cancellable);
  g_clear_object (&page->cancellable);
  page->loaded = FALSE;
  page->requested = FALSE;
}

static void
mark_pages_stale (BbIncidentListModel *self)
{
  GHashTableIter iter;
  Page *page;

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &page))
    page_mark_stale (page);
}

/* Fits the pages held to @n_items rows; a page that gained rows is read again. */
static void
resize_pages (BbIncidentListModel *self,
              guint                n_items)
{
  GHashTableIter iter;
  Page *page;

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &page))
    {
      guint first = page->index * BB_INCIDENT_LIST_PAGE_SIZE;
      guint n;

      if (first >= n_items)
        {
          g_hash_table_iter_remove (&iter);
          continue;
        }
      n = MIN (BB_INCIDENT_LIST_PAGE_SIZE, n_items - first);
      if (page->rows->len > n)
        g_ptr_array_set_size (page->rows, n);
      if (page->rows->len < n)
        {
          while (page->rows->len < n)
            g_ptr_array_add (page->rows, bb_incident_row_new (first + page->rows->len));
          page_mark_stale (page);
        }
    }
}

/* The table's length becomes @n_items. */
static void
set_n_items (BbIncidentListModel *self,
             guint                n_items)
{
  guint old = self->n_items;

  resize_pages (self, n_items);
  self->n_items = n_items;
  if (n_items > old)
    g_list_model_items_changed (G_LIST_MODEL (self), old, 0, n_items - old);
  else if (n_items < old)
    g_list_model_items_changed (G_LIST_MODEL (self), n_items, old - n_items, 0);
}

static void
request_stale_pages (BbIncidentListModel *self)
{
  GHashTableIter iter;
  Page *page;

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &page))
    if (!page->loaded)
      request_page (self, page);
}

/* The count is known: the table takes its length, the pages further down
 * are read, and then the whole order for reading them by row number. */
static void
counted (BbIncidentListModel *self,
         guint                n_items)
{
  Query *query;

  g_debug ("%u rows counted %.3f s after the table asked", n_items,
           (g_get_monotonic_time () - self->asked_at) / (double) G_USEC_PER_SEC);
  self->counted = TRUE;
  set_n_items (self, n_items);
  set_loading (self, FALSE);
  request_stale_pages (self);

  query = query_new (self);
  bb_store_run_async_full (self->store, read_rowids, (GDestroyNotify) g_array_unref, query,
                           (GDestroyNotify) query_free, self->cancellable, rowids_read_cb,
                           page_request_new (self, 0));
}

/* The first page or the count could not be read (@error is taken). */
static void
loading_failed (BbIncidentListModel *self,
                GError              *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_error_free (error);
      return;
    }
  set_error (self, error);
  set_loading (self, FALSE);
}

static void
count_read_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(PageRequest) request = user_data;
  BbIncidentListModel *self = request->model;
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *count = bb_store_run_finish (BB_STORE (object), result, &error);

  if (request->generation != self->generation)
    return;
  if (count == NULL)
    {
      loading_failed (self, g_steal_pointer (&error));
      return;
    }
  counted (self, (guint) MIN (*count, (gint64) G_MAXUINT));
}

static void
first_page_read_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(PageRequest) request = user_data;
  BbIncidentListModel *self = request->model;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) incidents = bb_store_run_finish (BB_STORE (object), result, &error);
  gboolean whole;
  Page *page;
  Query *query;

  if (request->generation != self->generation)
    return;
  if (incidents == NULL)
    {
      loading_failed (self, g_steal_pointer (&error));
      return;
    }

  /* Fewer than a page: that is the count. */
  whole = incidents->len < BB_INCIDENT_LIST_PAGE_SIZE;
  g_clear_pointer (&self->rowids, g_array_unref);
  mark_pages_stale (self);
  /* Page 0 is filled before the table learns of new rows, so that it
   * finds them filled. */
  g_debug ("First %u rows of the table read %.3f s after it asked", incidents->len,
           (g_get_monotonic_time () - self->asked_at) / (double) G_USEC_PER_SEC);
  if (whole)
    resize_pages (self, incidents->len);
  else if (self->n_items < incidents->len)
    resize_pages (self, incidents->len);
  if (incidents->len > 0)
    {
      page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (0));
      if (page == NULL)
        {
          page = page_new (self, 0, incidents->len);
          g_hash_table_insert (self->pages, GUINT_TO_POINTER (0), page);
        }
      g_assert (page->rows->len == incidents->len);
      page->requested = TRUE;
      fill_page (self, page, incidents);
    }
  if (whole)
    {
      counted (self, incidents->len);
      return;
    }
  if (self->n_items < incidents->len)
    set_n_items (self, incidents->len);

  query = query_new (self);
  bb_store_run_async_urgent_full (self->store, read_count, g_free, query, (GDestroyNotify) query_free,
                                  self->cancellable, count_read_cb, page_request_new (self, 0));
}

void
bb_incident_list_model_reload (BbIncidentListModel *self)
{
  Query *query;

  g_return_if_fail (BB_IS_INCIDENT_LIST_MODEL (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->generation++;
  self->counted = FALSE;
  self->asked_at = g_get_monotonic_time ();
  g_clear_error (&self->error);

  if (self->store == NULL)
    {
      guint old = self->n_items;

      g_hash_table_remove_all (self->pages);
      g_clear_pointer (&self->rowids, g_array_unref);
      self->n_items = 0;
      if (old > 0)
        g_list_model_items_changed (G_LIST_MODEL (self), 0, old, 0);
      set_loading (self, FALSE);
      return;
    }

  self->cancellable = g_cancellable_new ();
  set_loading (self, TRUE);
  query = query_new (self);
  query->limit = BB_INCIDENT_LIST_PAGE_SIZE;
  bb_store_run_async_urgent_full (self->store, read_first_page, (GDestroyNotify) g_ptr_array_unref, query,
                                  (GDestroyNotify) query_free, self->cancellable, first_page_read_cb,
                                  page_request_new (self, 0));
}

/* GListModel ---------------------------------------------------------------- */

static GType
bb_incident_list_model_get_item_type (GListModel *model)
{
  return BB_TYPE_INCIDENT_ROW;
}

static guint
bb_incident_list_model_get_n_items (GListModel *model)
{
  return BB_INCIDENT_LIST_MODEL (model)->n_items;
}

static gpointer
bb_incident_list_model_get_item (GListModel *model,
                                 guint       position)
{
  BbIncidentListModel *self = BB_INCIDENT_LIST_MODEL (model);
  guint index = position / BB_INCIDENT_LIST_PAGE_SIZE;
  Page *page;

  if (position >= self->n_items)
    return NULL;

  page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (index));
  if (page == NULL)
    {
      page = page_new (self, index, self->n_items);
      g_hash_table_insert (self->pages, GUINT_TO_POINTER (index), page);
      evict_pages (self);
    }
  page->stamp = ++self->clock;
  if (!page->loaded)
    request_page (self, page);
  return g_object_ref (g_ptr_array_index (page->rows, position % BB_INCIDENT_LIST_PAGE_SIZE));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = bb_incident_list_model_get_item_type;
  iface->get_n_items = bb_incident_list_model_get_n_items;
  iface->get_item = bb_incident_list_model_get_item;
}

/* GObject ------------------------------------------------------------------- */

static void
bb_incident_list_model_dispose (GObject *object)
{
  BbIncidentListModel *self = BB_INCIDENT_LIST_MODEL (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (bb_incident_list_model_parent_class)->dispose (object);
}

static void
bb_incident_list_model_finalize (GObject *object)
{
  BbIncidentListModel *self = BB_INCIDENT_LIST_MODEL (object);

  g_clear_pointer (&self->filter, bb_incident_filter_free);
  g_clear_pointer (&self->categories, g_hash_table_unref);
  g_clear_pointer (&self->districts, g_hash_table_unref);
  g_clear_pointer (&self->rowids, g_array_unref);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (bb_incident_list_model_parent_class)->finalize (object);
}

static void
bb_incident_list_model_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  BbIncidentListModel *self = BB_INCIDENT_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bb_incident_list_model_class_init (BbIncidentListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bb_incident_list_model_dispose;
  object_class->finalize = bb_incident_list_model_finalize;
  object_class->get_property = bb_incident_list_model_get_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bb_incident_list_model_init (BbIncidentListModel *self)
{
  self->filter = bb_incident_filter_new ();
  self->sort = BB_INCIDENT_SORT_TIME;
  self->descending = TRUE;
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) page_free);
}

BbIncidentListModel *
bb_incident_list_model_new (void)
{
  return g_object_new (BB_TYPE_INCIDENT_LIST_MODEL, NULL);
}

void
bb_incident_list_model_set_store (BbIncidentListModel *self,
                                  BbStore             *store)
{
  g_return_if_fail (BB_IS_INCIDENT_LIST_MODEL (self));
  g_return_if_fail (store == NULL || BB_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;
  bb_incident_list_model_reload (self);
}

void
bb_incident_list_model_set_filter (BbIncidentListModel    *self,
                                   const BbIncidentFilter *filter)
{
  g_return_if_fail (BB_IS_INCIDENT_LIST_MODEL (self));

  if (filter != NULL && bb_incident_filter_equal (self->filter, filter))
    return;
  bb_incident_filter_free (self->filter);
  self->filter = filter != NULL ? bb_incident_filter_copy (filter) : bb_incident_filter_new ();
  bb_incident_list_model_reload (self);
}

void
bb_incident_list_model_set_sort (BbIncidentListModel *self,
                                 BbIncidentSort       sort,
                                 gboolean             descending)
{
  g_return_if_fail (BB_IS_INCIDENT_LIST_MODEL (self));

  descending = !!descending;
  if (self->sort == sort && self->descending == descending)
    return;
  self->sort = sort;
  self->descending = descending;
  bb_incident_list_model_reload (self);
}

BbIncidentSort
bb_incident_list_model_get_sort (BbIncidentListModel *self,
                                 gboolean            *descending)
{
  g_return_val_if_fail (BB_IS_INCIDENT_LIST_MODEL (self), BB_INCIDENT_SORT_TIME);

  if (descending != NULL)
    *descending = self->descending;
  return self->sort;
}

void
bb_incident_list_model_set_lookups (BbIncidentListModel *self,
                                    GHashTable          *categories,
                                    GHashTable          *districts)
{
  g_return_if_fail (BB_IS_INCIDENT_LIST_MODEL (self));

  g_clear_pointer (&self->categories, g_hash_table_unref);
  g_clear_pointer (&self->districts, g_hash_table_unref);
  self->categories = categories != NULL ? g_hash_table_ref (categories) : NULL;
  self->districts = districts != NULL ? g_hash_table_ref (districts) : NULL;
}

gboolean
bb_incident_list_model_get_loading (BbIncidentListModel *self)
{
  g_return_val_if_fail (BB_IS_INCIDENT_LIST_MODEL (self), FALSE);
  return self->loading;
}

const GError *
bb_incident_list_model_get_error (BbIncidentListModel *self)
{
  g_return_val_if_fail (BB_IS_INCIDENT_LIST_MODEL (self), NULL);
  return self->error;
}

guint
bb_incident_list_model_get_n_resident_pages (BbIncidentListModel *self)
{
  g_return_val_if_fail (BB_IS_INCIDENT_LIST_MODEL (self), 0);
  return g_hash_table_size (self->pages);
}
