/* bb-render-i18n.c: translations in the document's language, read from the .mo catalogues */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-render-i18n"

#include "config.h"

#include <string.h>

#include "bb-render-i18n.h"

/* gettext follows the process's locale; a document in Russian printed from
 * an Azerbaijani desk needs another language on one thread only.  The .mo
 * format is small and stable, so each catalogue is read into a table. */

static GMutex lock;
static GHashTable *catalogues;   /* language → GHashTable msgid → msgstr, or NULL */
static char *locale_dir;

#define MO_MAGIC         0x950412deu
#define MO_MAGIC_SWAPPED 0xde120495u

static guint32
mo_word (const guint8 *data,
         gsize         offset,
         gboolean      swapped)
{
  guint32 v;

  memcpy (&v, data + offset, 4);
  return swapped ? GUINT32_SWAP_LE_BE (v) : v;
}

static GHashTable *read_catalogue_file (const char *language);

/* "ru_RU.UTF-8" finds ru_RU's catalogue, or else ru's. */
static GHashTable *
read_catalogue (const char *language)
{
  g_autofree char *name = g_strndup (language, strcspn (language, ".@"));
  GHashTable *table = read_catalogue_file (name);

  if (table == NULL && strchr (name, '_') != NULL)
    {
      *strchr (name, '_') = '\0';
      table = read_catalogue_file (name);
    }
  return table;
}

static GHashTable *
read_catalogue_file (const char *language)
{
  g_autofree char *path = g_build_filename (locale_dir != NULL ? locale_dir : LOCALEDIR,
                                            language, "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  g_autofree guint8 *data = NULL;
  GHashTable *table;
  gsize length;
  guint32 n, originals, translations;
  gboolean swapped;

  if (!g_file_get_contents (path, (char **) &data, &length, NULL) || length < 28)
    return NULL;
  if (mo_word (data, 0, FALSE) == MO_MAGIC)
    swapped = FALSE;
  else if (mo_word (data, 0, FALSE) == MO_MAGIC_SWAPPED)
    swapped = TRUE;
  else
    return NULL;
  n = mo_word (data, 8, swapped);
  originals = mo_word (data, 12, swapped);
  translations = mo_word (data, 16, swapped);
  if ((guint64) originals + 8ull * n > length || (guint64) translations + 8ull * n > length)
    return NULL;

  table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint32 i = 0; i < n; i++)
    {
      guint32 olen = mo_word (data, originals + 8 * i, swapped);
      guint32 ooff = mo_word (data, originals + 8 * i + 4, swapped);
      guint32 tlen = mo_word (data, translations + 8 * i, swapped);
      guint32 toff = mo_word (data, translations + 8 * i + 4, swapped);

      if ((guint64) ooff + olen >= length || (guint64) toff + tlen >= length || olen == 0 || tlen == 0)
        continue;
      /* The first form of a plural is enough for documents. */
      g_hash_table_insert (table, g_strndup ((const char *) data + ooff, strnlen ((const char *) data + ooff, olen)),
                           g_strndup ((const char *) data + toff, strnlen ((const char *) data + toff, tlen)));
    }
  return table;
}

static void
catalogue_free (gpointer data)
{
  if (data != NULL)
    g_hash_table_unref (data);
}

void
bb_render_set_locale_dir (const char *dir)
{
  g_mutex_lock (&lock);
  g_free (locale_dir);
  locale_dir = g_strdup (dir);
  g_clear_pointer (&catalogues, g_hash_table_unref);
  g_mutex_unlock (&lock);
}

const char *
bb_render_gettext (const char *language,
                   const char *msgid)
{
  GHashTable *table;
  const char *text = NULL;

  g_return_val_if_fail (msgid != NULL, NULL);

  if (language == NULL || *language == '\0' || g_str_has_prefix (language, "en"))
    return msgid;

  g_mutex_lock (&lock);
  if (catalogues == NULL)
    catalogues = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        catalogue_free);
  if (!g_hash_table_lookup_extended (catalogues, language, NULL, (gpointer *) &table))
    {
      table = read_catalogue (language);
      g_hash_table_insert (catalogues, g_strdup (language), table);
    }
  /* Catalogues are never freed while in use (only by set_locale_dir, in
   * tests), so the string outlives the lock. */
  if (table != NULL)
    text = g_hash_table_lookup (table, msgid);
  g_mutex_unlock (&lock);
  return text != NULL ? text : msgid;
}
