/* bb-publish.c: what a public document may show: suppressed small counts and a record of what was withheld */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-publish"

#include "config.h"

#include <glib/gi18n.h>

#include "bb-publish.h"
#include "bb-render-i18n.h"

void
bb_publish_policy_init_default (BbPublishPolicy *policy)
{
  policy->min_count = BB_PUBLISH_DEFAULT_MIN_COUNT;
}

gboolean
bb_publish_is_suppressed (const BbPublishPolicy *policy,
                          gint64                 count)
{
  return count > 0 && count < (gint64) policy->min_count;
}

char *
bb_publish_format_count (const BbPublishPolicy *policy,
                         const char            *language,
                         gint64                 count,
                         gboolean               compact)
{
  if (bb_publish_is_suppressed (policy, count) && compact)
    return g_strdup_printf ("< %u", policy->min_count);
  if (bb_publish_is_suppressed (policy, count))
    /* TRANSLATORS: a count too small to publish, e.g. "fewer than 3" */
    return g_strdup_printf (bb_render_gettext (language, N_("fewer than %u")), policy->min_count);
  return bb_render_format_number (language, (double) count, 0);
}

BbWithheld *
bb_withheld_new (void)
{
  BbWithheld *self = g_new0 (BbWithheld, 1);

  self->notes = g_ptr_array_new_with_free_func (g_free);
  return self;
}

void
bb_withheld_free (BbWithheld *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->notes);
  g_free (self);
}

void
bb_withheld_add_note (BbWithheld *self,
                      const char *format,
                      ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (self->notes, g_strdup_vprintf (format, args));
  va_end (args);
}

char *
bb_withheld_describe (BbWithheld *self)
{
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                             "%u restricted incident was not counted.",
                                             "%u restricted incidents were not counted.",
                                             (gulong) self->restricted_incidents),
                          (guint) self->restricted_incidents);
  g_string_append_c (text, '\n');
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                             "%u figure too small to publish is shown as a range.",
                                             "%u figures too small to publish are shown as a range.",
                                             self->suppressed_counts),
                          self->suppressed_counts);
  for (guint i = 0; i < self->notes->len; i++)
    {
      g_string_append_c (text, '\n');
      g_string_append (text, g_ptr_array_index (self->notes, i));
    }
  return g_string_free (text, FALSE);
}
