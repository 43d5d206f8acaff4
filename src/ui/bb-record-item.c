/* bb-record-item.c: a station record as an item of a list model, with the words lists show and search */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-record-item"

#include "config.h"

#include <string.h>

#include "bb-record-item.h"

struct _BbRecordItem
{
  GObject             parent_instance;

  const BbRecordType *type;
  gpointer            record;
  char               *title;
  char               *subtitle;
  char               *search_text;   /* folded */
  gboolean            personal;
};

G_DEFINE_FINAL_TYPE (BbRecordItem, bb_record_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_SUBTITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
bb_record_item_finalize (GObject *object)
{
  BbRecordItem *self = BB_RECORD_ITEM (object);

  if (self->record != NULL)
    bb_record_free (self->type, self->record);
  g_free (self->title);
  g_free (self->subtitle);
  g_free (self->search_text);

  G_OBJECT_CLASS (bb_record_item_parent_class)->finalize (object);
}

static void
bb_record_item_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  BbRecordItem *self = BB_RECORD_ITEM (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_SUBTITLE:
      g_value_set_string (value, self->subtitle);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bb_record_item_class_init (BbRecordItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bb_record_item_finalize;
  object_class->get_property = bb_record_item_get_property;

  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBTITLE] = g_param_spec_string ("subtitle", NULL, NULL, NULL,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bb_record_item_init (BbRecordItem *self)
{
}

static char *
fold (const char *text)
{
  g_autofree char *normal = g_utf8_normalize (text != NULL ? text : "", -1, G_NORMALIZE_ALL);

  return g_utf8_casefold (normal, -1);
}

BbRecordItem *
bb_record_item_new (const BbRecordType *type,
                    gpointer            record,
                    const char         *title,
                    const char         *subtitle)
{
  BbRecordItem *self;

  g_return_val_if_fail (type != NULL && record != NULL, NULL);

  self = g_object_new (BB_TYPE_RECORD_ITEM, NULL);
  self->type = type;
  self->record = record;
  self->title = g_strdup (title != NULL ? title : "");
  self->subtitle = g_strdup (subtitle);
  bb_record_item_set_search_text (self, NULL);
  return self;
}

const BbRecordType *
bb_record_item_get_record_type (BbRecordItem *self)
{
  g_return_val_if_fail (BB_IS_RECORD_ITEM (self), NULL);
  return self->type;
}

gpointer
bb_record_item_get_record (BbRecordItem *self)
{
  g_return_val_if_fail (BB_IS_RECORD_ITEM (self), NULL);
  return self->record;
}

const char *
bb_record_item_get_id (BbRecordItem *self)
{
  g_return_val_if_fail (BB_IS_RECORD_ITEM (self), NULL);
  return ((BbRecord *) self->record)->id;
}

const char *
bb_record_item_get_title (BbRecordItem *self)
{
  g_return_val_if_fail (BB_IS_RECORD_ITEM (self), NULL);
  return self->title;
}

const char *
bb_record_item_get_subtitle (BbRecordItem *self)
{
  g_return_val_if_fail (BB_IS_RECORD_ITEM (self), NULL);
  return self->subtitle;
}

gboolean
bb_record_item_get_personal (BbRecordItem *self)
{
  g_return_val_if_fail (BB_IS_RECORD_ITEM (self), FALSE);
  return self->personal;
}

void
bb_record_item_set_personal (BbRecordItem *self,
                             gboolean      personal)
{
  g_return_if_fail (BB_IS_RECORD_ITEM (self));
  self->personal = personal;
}

void
bb_record_item_set_search_text (BbRecordItem *self,
                                const char   *text)
{
  g_autofree char *all = NULL;

  g_return_if_fail (BB_IS_RECORD_ITEM (self));

  all = g_strjoin (" ", self->title, self->subtitle != NULL ? self->subtitle : "", text != NULL ? text : "", NULL);
  g_free (self->search_text);
  self->search_text = fold (all);
}

gboolean
bb_record_item_matches (BbRecordItem *self,
                        const char   *words)
{
  g_autofree char *folded = NULL;
  g_auto(GStrv) parts = NULL;

  g_return_val_if_fail (BB_IS_RECORD_ITEM (self), FALSE);

  if (words == NULL || *words == '\0')
    return TRUE;
  folded = fold (words);
  parts = g_strsplit_set (folded, " \t", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] != '\0' && strstr (self->search_text, parts[i]) == NULL)
      return FALSE;
  return TRUE;
}
