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

  /* Each line says what and why, for the person who publishes. */
  if (self->restricted_incidents > 0)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                               "%u restricted incident was not counted: restricted incidents never appear in public documents.",
                                               "%u restricted incidents were not counted: restricted incidents never appear in public documents.",
                                               (gulong) self->restricted_incidents),
                            (guint) self->restricted_incidents);
  if (self->suppressed_counts > 0)
    {
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "%u figure too small to publish is shown as a range: a count of one or two can point at a household.",
                                                 "%u figures too small to publish are shown as a range: a count of one or two can point at a household.",
                                                 self->suppressed_counts),
                              self->suppressed_counts);
    }
  for (guint i = 0; i < self->notes->len; i++)
    {
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, g_ptr_array_index (self->notes, i));
    }
  if (text->len == 0)
    g_string_append (text, _("Nothing was left out: the document holds no incident counts, residents’ names or addresses."));
  return g_string_free (text, FALSE);
}
