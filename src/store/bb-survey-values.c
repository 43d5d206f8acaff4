/* bb-survey-values.c: the answers a question allows, and answers read as residents and tools write them */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-survey-values"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "bb-import-values.h"
#include "bb-json.h"
#include "bb-survey-values.h"

G_DEFINE_QUARK (bb-survey-value-error-quark, bb_survey_value_error)

static const struct {
  const char *name;
  const char *label;
} scales[BB_N_SCALES] = {
  [BB_SCALE_YES_NO] = { "yes_no", N_("Yes or no") },
  [BB_SCALE_LIKERT5] = { "likert5", N_("Scale of 1 to 5") },
  [BB_SCALE_SINGLE] = { "single", N_("One choice") },
  [BB_SCALE_MULTIPLE] = { "multiple", N_("Several choices") },
  [BB_SCALE_NUMBER] = { "number", N_("Number") },
  [BB_SCALE_TEXT] = { "text", N_("Free text") },
};

const char *
bb_scale_to_string (BbScale scale)
{
  g_return_val_if_fail (scale < BB_N_SCALES, NULL);
  return scales[scale].name;
}

BbScale
bb_scale_from_string (const char *text)
{
  for (guint i = 0; i < BB_N_SCALES; i++)
    if (g_strcmp0 (text, scales[i].name) == 0)
      return i;
  return BB_SCALE_TEXT;
}

const char *
bb_scale_get_label (BbScale scale)
{
  g_return_val_if_fail (scale < BB_N_SCALES, NULL);
  return _(scales[scale].label);
}

gboolean
bb_scale_has_choices (BbScale scale)
{
  return scale == BB_SCALE_YES_NO || scale == BB_SCALE_LIKERT5
         || scale == BB_SCALE_SINGLE || scale == BB_SCALE_MULTIPLE;
}

BbChoice *
bb_choice_new (const char *value,
               const char *label)
{
  BbChoice *self = g_new0 (BbChoice, 1);

  self->value = g_strdup (value);
  self->label = g_strdup (label != NULL ? label : value);
  return self;
}

void
bb_choice_free (BbChoice *self)
{
  if (self == NULL)
    return;
  g_free (self->value);
  g_free (self->label);
  g_free (self);
}

static GPtrArray *
new_choices (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) bb_choice_free);
}

GPtrArray *
bb_choices_from_json (const char  *json,
                      GError     **error)
{
  g_autoptr(GPtrArray) choices = new_choices ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonArray *array;

  if (json == NULL || *json == '\0')
    return g_steal_pointer (&choices);
  if (!json_parser_load_from_data (parser, json, -1, NULL)
      || (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error_literal (error, BB_SURVEY_VALUE_ERROR, BB_SURVEY_VALUE_ERROR_INVALID,
                           _("The question’s choices are not a list"));
      return NULL;
    }
  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      const char *value = NULL, *label = NULL;

      if (JSON_NODE_HOLDS_OBJECT (node))
        {
          JsonObject *object = json_node_get_object (node);

          value = bb_json_get_string (object, "value", NULL);
          label = bb_json_get_string (object, "label", NULL);
        }
      else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        value = label = json_node_get_string (node);
      if (value == NULL || *value == '\0')
        {
          g_set_error (error, BB_SURVEY_VALUE_ERROR, BB_SURVEY_VALUE_ERROR_INVALID,
                       _("Choice %u of the question has no value"), i + 1);
          return NULL;
        }
      g_ptr_array_add (choices, bb_choice_new (value, label));
    }
  return g_steal_pointer (&choices);
}

char *
bb_choices_to_json (GPtrArray *choices)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (choices != NULL, NULL);

  json_builder_begin_array (builder);
  for (guint i = 0; i < choices->len; i++)
    {
      const BbChoice *c = g_ptr_array_index (choices, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "value");
      json_builder_add_string_value (builder, c->value);
      json_builder_set_member_name (builder, "label");
      json_builder_add_string_value (builder, c->label);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

GPtrArray *
bb_question_dup_choices (const BbQuestion *question)
{
  BbScale scale;
  g_autoptr(GPtrArray) own = NULL;
  GPtrArray *choices;

  g_return_val_if_fail (question != NULL, NULL);

  scale = bb_scale_from_string (question->scale);
  own = bb_choices_from_json (question->options, NULL);
  if (own != NULL && own->len > 0 && scale != BB_SCALE_NUMBER && scale != BB_SCALE_TEXT)
    return g_steal_pointer (&own);

  choices = new_choices ();
  switch (scale)
    {
    case BB_SCALE_YES_NO:
      g_ptr_array_add (choices, bb_choice_new ("yes", _("Yes")));
      g_ptr_array_add (choices, bb_choice_new ("no", _("No")));
      break;
    case BB_SCALE_LIKERT5:
      {
        /* Translators: the ends of a scale of 1 to 5 whose question gives no labels */
        const char *labels[] = { _("1 (lowest)"), "2", "3", "4", _("5 (highest)") };

        for (guint i = 0; i < 5; i++)
          {
            char value[2] = { (char) ('1' + i), '\0' };

            g_ptr_array_add (choices, bb_choice_new (value, labels[i]));
          }
      }
      break;
    case BB_SCALE_SINGLE:
    case BB_SCALE_MULTIPLE:
    case BB_SCALE_NUMBER:
    case BB_SCALE_TEXT:
    case BB_N_SCALES:
    default:
      break;
    }
  return choices;
}

const char *
bb_choices_find_label (GPtrArray  *choices,
                       const char *value)
{
  g_return_val_if_fail (choices != NULL, NULL);

  for (guint i = 0; value != NULL && i < choices->len; i++)
    {
      const BbChoice *c = g_ptr_array_index (choices, i);

      if (g_str_equal (c->value, value))
        return c->label;
    }
  return NULL;
}

/* Reading answers ------------------------------------------------------- */

/* Words for "don't know", "refused" and the like, as forms and tools
 * write them; such answers are left out of every share. */
static const char * const no_answer_words[] = {
  "-", "--", ".", "?", "dont_know", "don't know", "don’t know", "dk", "refused", "no answer",
  "n/a", "na", "skip", "skipped", "98", "99", "нет ответа", "nu știu", "nezinu", "ei tea",
  "nuk e di", "bilmirəm", "не знаю", "намедонам", NULL
};

/* "Yes" and "no" in the languages of the field, with the codes tools use. */
static const char * const yes_words[] = {
  "yes", "y", "1", "true", "да", "д", "так", "da", "po", "jā", "ja", "jah", "hə", "he", "bəli", "ҳа", "ha", NULL
};
static const char * const no_words[] = {
  "no", "n", "0", "2", "false", "нет", "н", "ні", "ne", "nu", "jo", "nē", "nee", "ei", "yox", "не", NULL
};

static gboolean
word_in (const char         *folded,
         const char * const *words)
{
  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autofree char *w = g_utf8_casefold (words[i], -1);

      if (g_str_equal (folded, w))
        return TRUE;
    }
  return FALSE;
}

static char *
fold (const char *text)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));

  return g_utf8_casefold (trimmed, -1);
}

/* A choice by its value, its label (any case) or, failing both, its
 * number in the list from 1. */
static const BbChoice *
find_choice (GPtrArray  *choices,
             const char *text)
{
  g_autofree char *folded = fold (text);
  char *end = NULL;
  guint64 index;

  for (guint i = 0; i < choices->len; i++)
    {
      const BbChoice *c = g_ptr_array_index (choices, i);
      g_autofree char *v = g_utf8_casefold (c->value, -1);

      if (g_str_equal (folded, v))
        return c;
    }
  for (guint i = 0; i < choices->len; i++)
    {
      const BbChoice *c = g_ptr_array_index (choices, i);
      g_autofree char *l = g_utf8_casefold (c->label, -1);

      if (g_str_equal (folded, l))
        return c;
    }
  index = g_ascii_strtoull (folded, &end, 10);
  if (end != folded && *end == '\0' && index >= 1 && index <= choices->len)
    return g_ptr_array_index (choices, index - 1);
  return NULL;
}

static char *
list_values (GPtrArray *choices)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < choices->len && i < 8; i++)
    {
      const BbChoice *c = g_ptr_array_index (choices, i);

      if (i > 0)
        g_string_append (text, ", ");
      g_string_append_printf (text, "“%s”", c->label);
    }
  if (choices->len > 8)
    g_string_append (text, ", …");
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
set_invalid_choice (GError     **error,
                    const char  *text,
                    GPtrArray   *choices)
{
  g_autofree char *allowed = list_values (choices);

  /* Translators: "“maybe” is not one of the answers: “Yes”, “No”" */
  g_set_error (error, BB_SURVEY_VALUE_ERROR, BB_SURVEY_VALUE_ERROR_INVALID,
               _("“%s” is not one of the answers: %s"), text, allowed);
}

static char *
read_multiple (GPtrArray   *choices,
               const char  *text,
               GError     **error)
{
  g_auto(GStrv) parts = NULL;
  g_autofree gboolean *chosen = NULL;
  g_autoptr(GString) value = g_string_new (NULL);
  const BbChoice *whole = find_choice (choices, text);

  chosen = g_new0 (gboolean, choices->len);
  if (whole != NULL)
    parts = g_strdupv ((char *[]) { whole->value, NULL });
  else if (strpbrk (text, ";,") != NULL)
    parts = g_regex_split_simple ("\\s*[;,]\\s*", text, 0, 0);
  else
    parts = g_regex_split_simple ("\\s+", text, 0, 0);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      const BbChoice *c;

      if (*g_strstrip (parts[i]) == '\0')
        continue;
      c = find_choice (choices, parts[i]);
      if (c == NULL)
        {
          set_invalid_choice (error, parts[i], choices);
          return NULL;
        }
      for (guint k = 0; k < choices->len; k++)
        if (g_ptr_array_index (choices, k) == c)
          chosen[k] = TRUE;
    }
  /* In the order of the choices, each once, as tools export them. */
  for (guint k = 0; k < choices->len; k++)
    if (chosen[k])
      {
        if (value->len > 0)
          g_string_append_c (value, ' ');
        g_string_append (value, ((BbChoice *) g_ptr_array_index (choices, k))->value);
      }
  if (value->len == 0)
    {
      g_set_error_literal (error, BB_SURVEY_VALUE_ERROR, BB_SURVEY_VALUE_ERROR_NO_ANSWER, _("No answer"));
      return NULL;
    }
  return g_string_free (g_steal_pointer (&value), FALSE);
}

char *
bb_survey_value_read (const BbQuestion  *question,
                      GPtrArray         *choices,
                      const char        *text,
                      GError           **error)
{
  g_autofree char *folded = NULL;
  BbScale scale;

  g_return_val_if_fail (question != NULL, NULL);
  g_return_val_if_fail (choices != NULL, NULL);

  scale = bb_scale_from_string (question->scale);
  if (text == NULL || bb_import_value_is_missing (text))
    {
      g_set_error_literal (error, BB_SURVEY_VALUE_ERROR, BB_SURVEY_VALUE_ERROR_NO_ANSWER, _("No answer"));
      return NULL;
    }
  folded = fold (text);
  if (*folded == '\0' || (scale != BB_SCALE_NUMBER && scale != BB_SCALE_TEXT && word_in (folded, no_answer_words)
                          && find_choice (choices, text) == NULL))
    {
      g_set_error_literal (error, BB_SURVEY_VALUE_ERROR, BB_SURVEY_VALUE_ERROR_NO_ANSWER, _("No answer"));
      return NULL;
    }

  switch (scale)
    {
    case BB_SCALE_YES_NO:
      {
        const BbChoice *c = NULL;

        /* The question's own labels first ("Yes, often"), then the words. */
        for (guint i = 0; i < choices->len && c == NULL; i++)
          {
            const BbChoice *k = g_ptr_array_index (choices, i);
            g_autofree char *l = g_utf8_casefold (k->label, -1);

            if (g_str_equal (l, folded))
              c = k;
          }
        if (c != NULL)
          return g_strdup (c->value);
        if (word_in (folded, yes_words))
          return g_strdup ("yes");
        if (word_in (folded, no_words))
          return g_strdup ("no");
        g_set_error (error, BB_SURVEY_VALUE_ERROR, BB_SURVEY_VALUE_ERROR_INVALID,
                     _("“%s” is neither yes nor no"), text);
        return NULL;
      }
    case BB_SCALE_LIKERT5:
      {
        const BbChoice *c = find_choice (choices, text);
        double number;

        if (c != NULL)
          return g_strdup (c->value);
        /* "4.0" from a spreadsheet */
        if (bb_import_parse_number (text, &number) && number == floor (number) && number >= 1 && number <= 5)
          return g_strdup_printf ("%d", (int) number);
        g_set_error (error, BB_SURVEY_VALUE_ERROR, BB_SURVEY_VALUE_ERROR_INVALID,
                     _("“%s” is not an answer from 1 to 5"), text);
        return NULL;
      }
    case BB_SCALE_SINGLE:
      {
        const BbChoice *c = find_choice (choices, text);

        if (c != NULL)
          return g_strdup (c->value);
        set_invalid_choice (error, text, choices);
        return NULL;
      }
    case BB_SCALE_MULTIPLE:
      return read_multiple (choices, text, error);
    case BB_SCALE_NUMBER:
      {
        double number;
        char buf[G_ASCII_DTOSTR_BUF_SIZE];

        if (!bb_import_parse_number (text, &number) || !isfinite (number))
          {
            g_set_error (error, BB_SURVEY_VALUE_ERROR, BB_SURVEY_VALUE_ERROR_INVALID,
                         _("“%s” is not a number"), text);
            return NULL;
          }
        return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.10g", number));
      }
    case BB_SCALE_TEXT:
    case BB_N_SCALES:
    default:
      return g_strstrip (g_strdup (text));
    }
}
