/* test-contacts.c: phone and e-mail checks, vCard 4.0 written and read back, CSV quoting */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-contacts"

#include "config.h"

#include <string.h>

#include "bb-contacts.h"

static void
test_checks (void)
{
  g_assert_true (bb_contact_email_is_valid ("a.berzina@police.example"));
  g_assert_true (bb_contact_email_is_valid ("x@y.lv"));
  g_assert_false (bb_contact_email_is_valid (""));
  g_assert_false (bb_contact_email_is_valid ("berzina"));
  g_assert_false (bb_contact_email_is_valid ("@police.example"));
  g_assert_false (bb_contact_email_is_valid ("a@b@c.lv"));
  g_assert_false (bb_contact_email_is_valid ("a@localhost"));
  g_assert_false (bb_contact_email_is_valid ("a b@c.lv"));
  g_assert_false (bb_contact_email_is_valid ("a@c..lv"));
  g_assert_false (bb_contact_email_is_valid ("a@c."));

  g_assert_true (bb_contact_phone_is_valid ("+371 2000 0000"));
  g_assert_true (bb_contact_phone_is_valid ("(0372) 45-67-89"));
  g_assert_true (bb_contact_phone_is_valid ("112"));
  g_assert_false (bb_contact_phone_is_valid ("12"));
  g_assert_false (bb_contact_phone_is_valid ("call me"));
  g_assert_false (bb_contact_phone_is_valid ("20 00+1"));
  g_assert_false (bb_contact_phone_is_valid (""));
}

static GPtrArray *
sample (void)
{
  GPtrArray *contacts = g_ptr_array_new_with_free_func ((GDestroyNotify) bb_contact_free);
  BbContact *officer = bb_contact_new ();
  BbContact *school = bb_contact_new ();

  officer->uid = g_strdup ("6f1c2a9e-0d3b-4c55-9a51-1a2b3c4d5e6f");
  officer->is_person = TRUE;
  officer->name = g_strdup ("Анна Берзиня-Озолиня");
  officer->organisation = g_strdup ("Harbourside Police Station");
  officer->title = g_strdup ("Inspector; neighbourhood officer, Old Town");
  officer->phone = g_strdup ("+371 2000 0001");
  officer->email = g_strdup ("a.berzina@police.example");
  officer->categories = g_strdup ("Officer, Old Town");
  /* long enough to fold, with two-byte letters where the fold falls */
  officer->note = g_strdup ("Отвечает за Старый город и набережную; приём по вторникам с 10:00 до 12:00,\nпо четвергам с 15:00.");
  g_ptr_array_add (contacts, officer);

  school->uid = g_strdup ("0b7e9d1c-2222-4a4a-8b8b-abcdefabcdef");
  school->name = g_strdup ("School No. 3 \"Ausma\"");
  school->phone = g_strdup ("+371 6300 0003");
  school->address = g_strdup ("Skolas iela 3, Harbourside");
  school->categories = g_strdup ("School");
  g_ptr_array_add (contacts, school);
  return contacts;
}

static void
test_vcard_lines (void)
{
  g_autoptr(GPtrArray) contacts = sample ();
  g_autofree char *text = bb_contacts_to_vcard (contacts);
  g_auto(GStrv) lines = NULL;
  guint folded = 0;

  g_test_message ("%s", text);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_true (g_str_has_suffix (text, "END:VCARD\r\n"));
  /* every line ends with CRLF: no bare LF anywhere */
  for (const char *p = text; *p; p++)
    if (*p == '\n')
      g_assert_cmpint (p[-1], ==, '\r');

  lines = g_strsplit (text, "\r\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_assert_cmpuint (strlen (lines[i]), <=, 75);
      /* a fold never cuts a character in two */
      g_assert_true (g_utf8_validate (lines[i], -1, NULL));
      if (lines[i][0] == ' ')
        folded++;
    }
  g_assert_cmpuint (folded, >, 0);

  g_assert_nonnull (strstr (text, "BEGIN:VCARD\r\nVERSION:4.0\r\n"));
  g_assert_nonnull (strstr (text, "UID:urn:uuid:6f1c2a9e-0d3b-4c55-9a51-1a2b3c4d5e6f\r\n"));
  g_assert_nonnull (strstr (text, "KIND:individual\r\n"));
  g_assert_nonnull (strstr (text, "KIND:org\r\n"));
  g_assert_nonnull (strstr (text, "TITLE:Inspector\\; neighbourhood officer\\, Old Town\r\n"));
  g_assert_nonnull (strstr (text, "ADR;TYPE=work:;;Skolas iela 3\\, Harbourside;;;;\r\n"));
  g_assert_nonnull (strstr (text, "CATEGORIES:Officer,Old Town\r\n"));
  g_assert_nonnull (strstr (text, "TEL;TYPE=work:+371 2000 0001\r\n"));
}

static void
test_vcard_round_trip (void)
{
  g_autoptr(GPtrArray) contacts = sample ();
  g_autofree char *text = bb_contacts_to_vcard (contacts);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) back = bb_contacts_from_vcard (text, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (back->len, ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      BbContact *a = g_ptr_array_index (contacts, i);
      BbContact *b = g_ptr_array_index (back, i);

      g_assert_cmpstr (a->uid, ==, b->uid);
      g_assert_cmpint (a->is_person, ==, b->is_person);
      g_assert_cmpstr (a->name, ==, b->name);
      g_assert_cmpstr (a->title, ==, b->title);
      g_assert_cmpstr (a->phone, ==, b->phone);
      g_assert_cmpstr (a->email, ==, b->email);
      g_assert_cmpstr (a->address, ==, b->address);
      g_assert_cmpstr (a->note, ==, b->note);
    }
  g_assert_cmpstr (((BbContact *) g_ptr_array_index (back, 0))->organisation, ==, "Harbourside Police Station");
  g_assert_cmpstr (((BbContact *) g_ptr_array_index (back, 0))->categories, ==, "Officer,Old Town");
  g_assert_cmpstr (((BbContact *) g_ptr_array_index (back, 1))->organisation, ==, "School No. 3 \"Ausma\"");
}

static void
test_vcard_foreign (void)
{
  /* As another program writes it: LF only, a group prefix, a quoted
   * parameter holding a colon, a tel: URI, folding with a tab. */
  const char *text =
    "BEGIN:VCARD\n"
    "VERSION:4.0\n"
    "item1.FN:Jānis\n"
    "  Kalniņš\n"
    "TEL;VALUE=uri;PID=\"1:2\":tel:+371-2000-0009\n"
    "X-UNKNOWN:kept out\n"
    "END:VCARD\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cards = bb_contacts_from_vcard (text, &error);
  BbContact *c;

  g_assert_no_error (error);
  g_assert_cmpuint (cards->len, ==, 1);
  c = g_ptr_array_index (cards, 0);
  g_assert_cmpstr (c->name, ==, "Jānis Kalniņš");
  g_assert_cmpstr (c->phone, ==, "+371-2000-0009");
}

static void
test_vcard_refused (void)
{
  static const char * const broken[] = {
    "",
    "hello\r\n",
    "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Half\r\n",
    "BEGIN:VCARD\r\nVERSION:4.0\r\nTEL:112\r\nEND:VCARD\r\n",
    "FN:Outside\r\n",
    "BEGIN:VCARD\r\nBEGIN:VCARD\r\nFN:x\r\nEND:VCARD\r\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) cards = bb_contacts_from_vcard (broken[i], &error);

      g_assert_null (cards);
      g_assert_error (error, BB_CONTACT_ERROR, BB_CONTACT_ERROR_INVALID);
      g_test_message ("%s", error->message);
    }
}

static void
test_csv (void)
{
  g_autoptr(GPtrArray) contacts = sample ();
  g_autofree char *csv = bb_contacts_to_csv (contacts);
  g_auto(GStrv) lines = g_strsplit (csv, "\r\n", -1);

  g_test_message ("%s", csv);
  g_assert_true (g_str_has_prefix (lines[0], "Name,Kind,Organisation,Title,Phone,E-mail,Address,Categories,Notes"));
  /* the note holds a line break (LF), so it is quoted; records end with CRLF */
  g_assert_true (g_str_has_prefix (lines[1], "Анна Берзиня-Озолиня,Person,Harbourside Police Station,"
                                              "\"Inspector; neighbourhood officer, Old Town\",+371 2000 0001,"));
  g_assert_nonnull (strstr (lines[1], ",\"Отвечает за Старый город"));
  g_assert_true (g_str_has_suffix (lines[1], "с 15:00.\""));
  g_assert_cmpstr (lines[3], ==, "");
  g_assert_cmpstr (lines[2], ==, "\"School No. 3 \"\"Ausma\"\"\",Organisation,,,+371 6300 0003,,"
                                 "\"Skolas iela 3, Harbourside\",School,");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/contacts/checks", test_checks);
  g_test_add_func ("/core/contacts/vcard/lines", test_vcard_lines);
  g_test_add_func ("/core/contacts/vcard/round-trip", test_vcard_round_trip);
  g_test_add_func ("/core/contacts/vcard/foreign", test_vcard_foreign);
  g_test_add_func ("/core/contacts/vcard/refused", test_vcard_refused);
  g_test_add_func ("/core/contacts/csv", test_csv);

  return g_test_run ();
}
