/* bb-csv-reader.c: a streaming reader of CSV/TSV files as they come from the field */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-csv-reader"

#include "config.h"

#include <inttypes.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "bb-csv-reader.h"

G_DEFINE_QUARK (bb-csv-error-quark, bb_csv_error)

#define CHUNK_SIZE (1 << 20)
/* No real record is this long; a stray quote would otherwise swallow the
 * rest of a large file into one field. */
#define MAX_RECORD_SIZE (16 << 20)

typedef enum {
  STATE_FIELD_START,
  STATE_UNQUOTED,
  STATE_QUOTED,
  STATE_QUOTE_IN_QUOTED,
} State;

struct _BbCsvReader
{
  FILE     *file;
  char     *display_name;
  char     *encoding;
  gboolean  had_bom;
  char      separator;
  GIConv    conv;            /* (GIConv) -1 for UTF-8 */
  guint64   file_size;
  guint64   bytes_read;
  gboolean  eof;

  /* raw bytes not yet converted (an incomplete character at a chunk's end) */
  char     *raw;
  gsize     raw_len;

  /* UTF-8 text not yet parsed */
  char     *text;
  gsize     text_len;
  gsize     text_size;
  gsize     pos;
  gboolean  skip_lf;         /* the last record ended with a CR */

  /* the current record: fields copied, NUL terminated, one after another */
  char     *fields;
  gsize     fields_len;
  gsize     fields_size;
  GArray   *starts;          /* guint offsets into fields */
  guint64   line;            /* the next line to read */
  guint64   record_line;
  gboolean  truncated;
};

static const guchar utf8_bom[] = { 0xEF, 0xBB, 0xBF };

const char *
bb_csv_guess_encoding (const guchar *data,
                       gsize         length,
                       gboolean      complete,
                       gsize        *bom_length)
{
  const char *end = NULL;
  guint high = 0, high_pairs = 0, turkish = 0, ascii_letters = 0;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (bom_length != NULL)
    *bom_length = 0;
  if (length >= 3 && memcmp (data, utf8_bom, 3) == 0)
    {
      if (bom_length != NULL)
        *bom_length = 3;
      return "UTF-8";
    }
  if (length >= 2 && data[0] == 0xFF && data[1] == 0xFE)
    {
      if (bom_length != NULL)
        *bom_length = 2;
      return "UTF-16LE";
    }
  if (length >= 2 && data[0] == 0xFE && data[1] == 0xFF)
    {
      if (bom_length != NULL)
        *bom_length = 2;
      return "UTF-16BE";
    }

  if (g_utf8_validate ((const char *) data, length, &end))
    return "UTF-8";
  /* A sample cut in the middle of a character is still UTF-8. */
  if (!complete && (const guchar *) end - data + 4 > (gssize) length && (guchar) *end >= 0xC0)
    {
      gsize rest = length - ((const guchar *) end - data);
      guchar lead = (guchar) *end;
      gsize need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;

      if (rest < need)
        return "UTF-8";
    }

  /* Cyrillic text in a single-byte encoding is made of words whose letters
   * are all high bytes, and they are a good share of the letters; Latin
   * text has a high byte here and there inside ASCII words. */
  for (gsize i = 0; i < length; i++)
    {
      guchar c = data[i];

      if (g_ascii_isalpha (c))
        ascii_letters++;
      if (c < 0xC0)
        continue;
      high++;
      if ((i > 0 && data[i - 1] >= 0xC0) || (i + 1 < length && data[i + 1] >= 0xC0))
        high_pairs++;
      /* Ğ İ Ş ğ ı ş in Windows-1254; letters rare elsewhere in the West */
      if (c == 0xD0 || c == 0xDD || c == 0xDE || c == 0xF0 || c == 0xFD || c == 0xFE)
        turkish++;
    }
  if (high > 0 && high_pairs * 2 > high && high * 10 > (high + ascii_letters) * 3)
    return "WINDOWS-1251";
  if (turkish > 0)
    return "WINDOWS-1254";
  return "WINDOWS-1252";
}

char
bb_csv_guess_separator (const char *text,
                        gsize       length)
{
  guint commas = 0, semicolons = 0, tabs = 0;
  gboolean quoted = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];

      if (c == '"')
        quoted = !quoted;
      else if (quoted)
        continue;
      else if (c == '\n' || c == '\r')
        break;
      else if (c == ',')
        commas++;
      else if (c == ';')
        semicolons++;
      else if (c == '\t')
        tabs++;
    }
  if (tabs > 0 && tabs >= semicolons && tabs >= commas)
    return '\t';
  if (semicolons > commas)
    return ';';
  return ',';
}

static void
ensure_text_size (BbCsvReader *self,
                  gsize        size)
{
  if (size <= self->text_size)
    return;
  self->text_size = MAX (size, self->text_size * 2);
  self->text = g_realloc (self->text, self->text_size);
}

/* Reads and converts the next chunk; FALSE at the end of the file or on an
 * error.  Called only when every byte of text has been parsed. */
static gboolean
refill (BbCsvReader  *self,
        GError      **error)
{
  gsize n;

  g_assert (self->pos == self->text_len);
  self->pos = 0;
  self->text_len = 0;

  if (self->eof)
    return FALSE;

  n = fread (self->raw + self->raw_len, 1, CHUNK_SIZE, self->file);
  if (n < CHUNK_SIZE)
    {
      if (ferror (self->file))
        {
          int saved_errno = errno;

          g_set_error (error, BB_CSV_ERROR, BB_CSV_ERROR_OPEN, _("Could not read “%s”: %s"),
                       self->display_name, g_strerror (saved_errno));
          return FALSE;
        }
      self->eof = TRUE;
    }
  self->bytes_read += n;
  self->raw_len += n;

  if (self->conv == (GIConv) -1)
    {
      /* UTF-8 is parsed straight from the bytes read; each field is
       * checked once it is complete. */
      char *swap = self->text;
      gsize swap_size = self->text_size;

      self->text = self->raw;
      self->text_size = CHUNK_SIZE * 2;
      self->text_len = self->raw_len;
      self->raw = swap;
      self->raw_len = 0;
      g_assert (swap_size >= CHUNK_SIZE * 2);
    }
  else
    {
      char *in = self->raw;
      gsize in_left = self->raw_len;
      char *out;
      gsize out_left;

      ensure_text_size (self, self->raw_len * 4 + 16);
      out = self->text;
      out_left = self->text_size;
      if (g_iconv (self->conv, &in, &in_left, &out, &out_left) == (gsize) -1)
        {
          int saved_errno = errno;

          if (saved_errno != EINVAL || self->eof)
            {
              g_set_error (error, BB_CSV_ERROR, BB_CSV_ERROR_ENCODING,
                           _("%s, line %" PRIu64 ": the text is not valid %s; choose the file’s encoding"),
                           self->display_name, self->line, self->encoding);
              return FALSE;
            }
        }
      self->text_len = out - self->text;
      /* keep an incomplete character for the next chunk */
      memmove (self->raw, in, in_left);
      self->raw_len = in_left;
    }

  return self->text_len > 0 || !self->eof;
}

static inline void
field_append (BbCsvReader *self,
              const char  *data,
              gsize        length)
{
  if (self->fields_len + length + 1 > self->fields_size)
    {
      self->fields_size = MAX (self->fields_size * 2, self->fields_len + length + 1);
      self->fields = g_realloc (self->fields, self->fields_size);
    }
  memcpy (self->fields + self->fields_len, data, length);
  self->fields_len += length;
}

static inline void
field_end (BbCsvReader *self)
{
  guint start;

  field_append (self, "", 1);
  start = (guint) self->fields_len;
  g_array_append_val (self->starts, start);
}

BbCsvReader *
bb_csv_reader_new (const char  *path,
                   const char  *encoding,
                   char         separator,
                   GError     **error)
{
  g_autoptr(BbCsvReader) self = NULL;
  GStatBuf st;
  gsize n, bom_length = 0;
  const char *guessed;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (separator == 0 || separator == ',' || separator == ';' || separator == '\t', NULL);

  self = g_new0 (BbCsvReader, 1);
  self->conv = (GIConv) -1;
  self->display_name = g_filename_display_basename (path);
  self->starts = g_array_sized_new (FALSE, FALSE, sizeof (guint), 32);
  self->line = 1;
  self->file = g_fopen (path, "rb");
  if (self->file == NULL)
    {
      int saved_errno = errno;

      g_set_error (error, BB_CSV_ERROR, BB_CSV_ERROR_OPEN, _("Could not open “%s”: %s"),
                   self->display_name, g_strerror (saved_errno));
      return NULL;
    }
  if (g_stat (path, &st) == 0)
    self->file_size = st.st_size;

  self->raw = g_malloc (CHUNK_SIZE * 2);
  self->text = g_malloc (CHUNK_SIZE * 2);
  self->text_size = CHUNK_SIZE * 2;

  /* The first chunk decides the encoding and the separator. */
  n = fread (self->raw, 1, CHUNK_SIZE, self->file);
  if (ferror (self->file))
    {
      int saved_errno = errno;

      g_set_error (error, BB_CSV_ERROR, BB_CSV_ERROR_OPEN, _("Could not read “%s”: %s"),
                   self->display_name, g_strerror (saved_errno));
      return NULL;
    }
  self->eof = n < CHUNK_SIZE;
  self->bytes_read = n;
  guessed = bb_csv_guess_encoding ((const guchar *) self->raw, n, self->eof, &bom_length);
  if (encoding == NULL)
    encoding = guessed;
  else if (bom_length > 0 && g_ascii_strcasecmp (encoding, guessed) != 0)
    bom_length = 0;
  self->had_bom = bom_length > 0;
  memmove (self->raw, self->raw + bom_length, n - bom_length);
  self->raw_len = n - bom_length;
  self->encoding = g_ascii_strup (encoding, -1);

  if (g_ascii_strcasecmp (encoding, "UTF-8") != 0 && g_ascii_strcasecmp (encoding, "UTF8") != 0)
    {
      self->conv = g_iconv_open ("UTF-8", encoding);
      if (self->conv == (GIConv) -1)
        {
          g_set_error (error, BB_CSV_ERROR, BB_CSV_ERROR_ENCODING,
                       _("“%s” is not an encoding this system knows"), encoding);
          return NULL;
        }
    }

  /* Convert the first chunk without reading more. */
  if (self->conv == (GIConv) -1)
    {
      char *swap = self->text;

      self->text = self->raw;
      self->text_len = self->raw_len;
      self->raw = swap;
      self->raw_len = 0;
    }
  else
    {
      char *in = self->raw, *out;
      gsize in_left = self->raw_len, out_left;

      ensure_text_size (self, self->raw_len * 4 + 16);
      out = self->text;
      out_left = self->text_size;
      if (g_iconv (self->conv, &in, &in_left, &out, &out_left) == (gsize) -1 && (errno != EINVAL || self->eof))
        {
          g_set_error (error, BB_CSV_ERROR, BB_CSV_ERROR_ENCODING,
                       _("%s: the text is not valid %s; choose the file’s encoding"),
                       self->display_name, self->encoding);
          return NULL;
        }
      self->text_len = out - self->text;
      memmove (self->raw, in, in_left);
      self->raw_len = in_left;
    }

  self->separator = separator != 0 ? separator : bb_csv_guess_separator (self->text, self->text_len);
  return g_steal_pointer (&self);
}

void
bb_csv_reader_free (BbCsvReader *self)
{
  if (self == NULL)
    return;
  if (self->file != NULL)
    fclose (self->file);
  if (self->conv != (GIConv) -1)
    g_iconv_close (self->conv);
  g_free (self->display_name);
  g_free (self->encoding);
  g_free (self->raw);
  g_free (self->text);
  g_free (self->fields);
  g_array_unref (self->starts);
  g_free (self);
}

const char *
bb_csv_reader_get_encoding (BbCsvReader *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->encoding;
}

gboolean
bb_csv_reader_get_had_bom (BbCsvReader *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->had_bom;
}

char
bb_csv_reader_get_separator (BbCsvReader *self)
{
  g_return_val_if_fail (self != NULL, ',');
  return self->separator;
}

const char *
bb_csv_reader_get_display_name (BbCsvReader *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->display_name;
}

/* TRUE when @text holds only ASCII characters other than NUL: valid
 * UTF-8 for certain.  Most fields of most files are such, and looking at
 * eight bytes at a time costs far less than g_utf8_validate(), which
 * still decides every other field (a NUL included, which it refuses). */
static gboolean
is_plain_ascii (const char *text,
                gsize       length)
{
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
  const guint64 high = G_GUINT64_CONSTANT (0x8080808080808080);
  gsize i = 0;

  for (; i + 8 <= length; i += 8)
    {
      guint64 word;

      memcpy (&word, text + i, 8);
      /* a byte of 0x80 or more, or a zero byte */
      if ((word & high) != 0 || ((word - ones) & ~word & high) != 0)
        return FALSE;
    }
  for (; i < length; i++)
    if ((guint) (guchar) text[i] - 1u >= 0x7fu)
      return FALSE;
  return TRUE;
}

static gboolean
check_fields (BbCsvReader  *self,
              GError      **error)
{
  guint n = self->starts->len;

  if (self->conv != (GIConv) -1)
    return TRUE;
  for (guint i = 0; i + 1 < n; i++)
    {
      guint start = g_array_index (self->starts, guint, i);
      guint end = g_array_index (self->starts, guint, i + 1) - 1;

      if (!is_plain_ascii (self->fields + start, end - start)
          && !g_utf8_validate (self->fields + start, end - start, NULL))
        {
          g_set_error (error, BB_CSV_ERROR, BB_CSV_ERROR_ENCODING,
                       _("%s, line %" PRIu64 ", column %u: the text is not valid UTF-8; choose the file’s encoding"),
                       self->display_name, self->record_line, i + 1);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
bb_csv_reader_next (BbCsvReader  *self,
                    GError      **error)
{
  State state = STATE_FIELD_START;
  const char sep = self->separator;
  gboolean any = FALSE;   /* anything at all in this record */
  guint zero = 0;

  g_return_val_if_fail (self != NULL, FALSE);

  self->fields_len = 0;
  g_array_set_size (self->starts, 0);
  g_array_append_val (self->starts, zero);
  self->truncated = FALSE;
  self->record_line = self->line;

  for (;;)
    {
      const char *p, *end, *run;

      if (self->pos == self->text_len)
        {
          GError *local_error = NULL;

          if (!refill (self, &local_error))
            {
              if (local_error != NULL)
                {
                  g_propagate_error (error, local_error);
                  return FALSE;
                }
              /* the end of the file */
              if (!any && state == STATE_FIELD_START)
                {
                  g_array_set_size (self->starts, 0);
                  return FALSE;
                }
              if (state == STATE_QUOTED)
                self->truncated = TRUE;
              field_end (self);
              return check_fields (self, error);
            }
        }

      p = self->text + self->pos;
      end = self->text + self->text_len;

      if (self->skip_lf && p < end)
        {
          self->skip_lf = FALSE;
          if (*p == '\n')
            {
              p++;
              self->pos++;
              continue;
            }
        }

      while (p < end)
        {
          switch (state)
            {
            case STATE_FIELD_START:
              if (*p == '"')
                {
                  any = TRUE;
                  state = STATE_QUOTED;
                  p++;
                  break;
                }
              state = STATE_UNQUOTED;
              G_GNUC_FALLTHROUGH;
            case STATE_UNQUOTED:
              run = p;
              while (p < end && *p != sep && *p != '\n' && *p != '\r')
                p++;
              if (p > run)
                {
                  any = TRUE;
                  field_append (self, run, p - run);
                }
              if (p == end)
                break;
              if (*p == sep)
                {
                  any = TRUE;
                  field_end (self);
                  state = STATE_FIELD_START;
                  p++;
                  break;
                }
              /* the end of a line */
              if (*p == '\r')
                {
                  if (p + 1 < end)
                    {
                      if (p[1] == '\n')
                        p++;
                    }
                  else
                    self->skip_lf = TRUE;
                }
              p++;
              self->line++;
              self->pos = p - self->text;
              if (!any)
                {
                  /* an empty line */
                  self->record_line = self->line;
                  state = STATE_FIELD_START;
                  break;
                }
              field_end (self);
              return check_fields (self, error);

            case STATE_QUOTED:
              run = p;
              while (p < end && *p != '"')
                {
                  if (*p == '\n' || (*p == '\r' && (p + 1 == end || p[1] != '\n')))
                    self->line++;
                  p++;
                }
              field_append (self, run, p - run);
              if (p < end)
                {
                  state = STATE_QUOTE_IN_QUOTED;
                  p++;
                }
              break;

            case STATE_QUOTE_IN_QUOTED:
              if (*p == '"')
                {
                  field_append (self, "\"", 1);
                  state = STATE_QUOTED;
                  p++;
                }
              else
                state = STATE_UNQUOTED;   /* what follows the closing quote is kept */
              break;
            }

          if (self->fields_len > MAX_RECORD_SIZE)
            {
              g_set_error (error, BB_CSV_ERROR, BB_CSV_ERROR_TOO_LONG,
                           _("%s, line %" PRIu64 ": the record never ends; a quote (\") is probably missing"),
                           self->display_name, self->record_line);
              return FALSE;
            }
        }
      self->pos = p - self->text;
    }
}

guint
bb_csv_reader_get_n_fields (BbCsvReader *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->starts->len > 0 ? self->starts->len - 1 : 0;
}

const char *
bb_csv_reader_get_field (BbCsvReader *self,
                         guint        index)
{
  g_return_val_if_fail (self != NULL, "");
  if (index + 1 >= self->starts->len)
    return "";
  return self->fields + g_array_index (self->starts, guint, index);
}

gsize
bb_csv_reader_get_field_length (BbCsvReader *self,
                                guint        index)
{
  g_return_val_if_fail (self != NULL, 0);
  if (index + 1 >= self->starts->len)
    return 0;
  return g_array_index (self->starts, guint, index + 1) - g_array_index (self->starts, guint, index) - 1;
}

guint64
bb_csv_reader_get_line (BbCsvReader *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->record_line;
}

gboolean
bb_csv_reader_is_truncated (BbCsvReader *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->truncated;
}

double
bb_csv_reader_get_fraction (BbCsvReader *self)
{
  g_return_val_if_fail (self != NULL, 0);
  if (self->file_size == 0)
    return 1.0;
  return CLAMP ((double) (self->bytes_read - (self->text_len - self->pos)) / self->file_size, 0.0, 1.0);
}
