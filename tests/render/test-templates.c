/* test-templates.c: posters, leaflet, brochure and press briefing from the demo station, in Latin and Cyrillic */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "bb-demo-station.h"
#include "bb-templates.h"
#include "render-test-util.h"

static char *test_dir;
static BbStore *store;
static BbBranding *branding;

#define A4_W 595.28
#define A4_H 841.89
#define A5_W 419.53
#define A5_H 595.28

/* Writes the PDF, asserts nothing overflowed, checks paper and pages. */
static char *
write_checked (BbPrintDocument *doc,
               const char      *name,
               guint            n_pages,
               double           width,
               double           height)
{
  g_autoptr(BbRenderResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *path = output_path (test_dir, name);
  guint n;
  double w, h;

  g_assert_true (bb_print_document_write_pdf (doc, path, &result, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < result->warnings->len; i++)
    {
      BbRenderWarning *warning = g_ptr_array_index (result->warnings, i);

      g_test_message ("%s: %s", name, warning->message);
    }
  g_assert_cmpuint (result->warnings->len, ==, 0);
  pdf_info (path, &n, &w, &h);
  g_assert_cmpuint (n, ==, n_pages);
  g_assert_cmpfloat_with_epsilon (w, width, 0.5);
  g_assert_cmpfloat_with_epsilon (h, height, 0.5);
  return path;
}

static BbOfficer *
first_officer (void)
{
  g_autoptr(GPtrArray) officers = bb_store_officer_list (store, NULL);

  g_assert_nonnull (officers);
  g_assert_cmpuint (officers->len, >, 0);
  return bb_officer_copy (g_ptr_array_index (officers, 0));
}

static void
test_officer_poster (void)
{
  g_autoptr(BbOfficer) officer = first_officer ();
  g_autoptr(GError) error = NULL;
  g_autoptr(BbOfficerPoster) poster = bb_officer_poster_new_from_store (store, officer->id, "en", &error);
  g_autoptr(BbPrintDocument) doc = NULL;
  g_autofree char *path = NULL;
  g_autofree char *path_a3 = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (poster->district_name);
  g_assert_true (g_str_has_prefix (poster->qr_text, "MECARD:N:"));
  doc = bb_officer_poster_build (poster, branding);
  path = write_checked (doc, "officer-poster-en.pdf", 1, A4_W, A4_H);
  assert_pdf_has_text (path, "Meet your neighbourhood officer");
  assert_pdf_has_text (path, officer->name);
  assert_pdf_has_text (path, officer->phone);
  assert_pdf_has_text (path, poster->district_name);

  /* A3 for the station's board, and Cyrillic content (Russian and Tajik). */
  g_clear_pointer (&doc, bb_print_document_free);
  poster->paper = BB_PAPER_A3;
  g_free (poster->headline);
  poster->headline = g_strdup ("Познакомьтесь с вашим участковым");
  g_free (poster->officer_name);
  poster->officer_name = g_strdup ("Ҷамшед Қодиров");
  g_free (poster->officer_rank);
  poster->officer_rank = g_strdup ("Старший лейтенант полиции");
  g_free (poster->district_name);
  poster->district_name = g_strdup ("Заречье");
  g_free (poster->message);
  poster->message = g_strdup ("Я отвечаю за улицы, на которых вы живёте. Расскажите мне обо всём, что вас "
                              "беспокоит: тёмный двор, лихачи на дороге, сломанный фонарь, сосед, которому "
                              "нужна помощь. Вместе мы сделаем наш район безопаснее.");
  g_free (poster->emergency);
  poster->emergency = g_strdup ("В экстренной ситуации звоните 112");
  doc = bb_officer_poster_build (poster, branding);
  path_a3 = write_checked (doc, "officer-poster-ru-a3.pdf", 1, 841.89, 1190.55);
  assert_pdf_has_text (path_a3, "Ҷамшед Қодиров");
  assert_pdf_has_text (path_a3, "Познакомьтесь с вашим участковым");
}

static void
test_event_poster (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStation) station = bb_store_station_get (store, &error);
  g_autoptr(GPtrArray) events = bb_store_event_list (store, G_MININT64 + 1, G_MAXINT64, &error);
  g_autoptr(BbEventPoster) poster = NULL;
  g_autoptr(BbPrintDocument) doc = NULL;
  g_autofree char *path = NULL;
  g_autofree char *path_ru = NULL;
  BbEvent *event = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < events->len && event == NULL; i++)
    if (g_strcmp0 (((BbEvent *) g_ptr_array_index (events, i))->kind, "community_meeting") == 0)
      event = g_ptr_array_index (events, i);
  g_assert_nonnull (event);

  poster = bb_event_poster_new_from_event (event, station, "en");
  g_assert_nonnull (poster->day);
  doc = bb_event_poster_build (poster, branding);
  path = write_checked (doc, "event-poster-en.pdf", 1, A4_W, A4_H);
  assert_pdf_has_text (path, event->title);
  assert_pdf_has_text (path, "COMMUNITY MEETING");
  {
    g_autofree char *month = g_utf8_strup (poster->month, -1);   /* printed in capitals */

    assert_pdf_has_text (path, month);
  }

  g_clear_pointer (&doc, bb_print_document_free);
  g_free (poster->title);
  poster->title = g_strdup ("Встреча жителей района Заречье с участковым");
  g_free (poster->kind_label);
  poster->kind_label = g_strdup ("Собрание жителей");
  g_free (poster->time);
  poster->time = g_strdup ("Среда, 18:00–19:30");
  g_free (poster->month);
  poster->month = g_strdup ("Октябрь 2026");
  g_free (poster->description);
  poster->description = g_strdup ("Приглашаются все, кто живёт или работает в районе. Приходите познакомиться "
                                  "с участковым и партнёрами, расскажите о своих заботах и решим вместе, что делать.");
  doc = bb_event_poster_build (poster, branding);
  path_ru = write_checked (doc, "event-poster-ru.pdf", 1, A4_W, A4_H);
  assert_pdf_has_text (path_ru, "Встреча жителей района Заречье");
}

static void
test_leaflets (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStation) station = bb_store_station_get (store, &error);

  g_assert_no_error (error);
  for (BbLeafletTopic topic = 0; topic < BB_N_LEAFLET_TOPICS; topic++)
    {
      g_autoptr(BbLeaflet) leaflet = bb_leaflet_new (topic, station, "en");
      g_autoptr(BbPrintDocument) doc = bb_leaflet_build (leaflet, branding);
      g_autofree char *name = g_strdup_printf ("leaflet-%s.pdf", bb_leaflet_topic_to_string (topic));
      g_autofree char *path = write_checked (doc, name, 2, A5_W, A5_H);
      BbLeafletTopic back;

      g_assert_true (bb_leaflet_topic_from_string (bb_leaflet_topic_to_string (topic), &back));
      g_assert_cmpint (back, ==, topic);
      assert_pdf_has_text (path, leaflet->title);
      /* Every tip made it onto one side or the other. */
      for (guint i = 0; leaflet->tips[i] != NULL; i++)
        assert_pdf_has_text (path, leaflet->tips[i]);
      assert_pdf_has_text (path, leaflet->closing);
      assert_pdf_has_text (path, "EMERGENCY 112");
    }

  {
    g_autoptr(BbLeaflet) leaflet = bb_leaflet_new (BB_LEAFLET_FRAUD_ELDERLY, station, "ru");
    g_autoptr(BbPrintDocument) doc = NULL;
    g_autofree char *path = NULL;
    const char *tips[] = {
      "Полиция и банки никогда не просят ваши деньги, карты, ПИН-код или сбережения ни по телефону, ни у двери.",
      "Родственник в беде просит денег? Положите трубку и перезвоните ему по знакомому номеру.",
      "Не пускайте незнакомцев в дом. Попросите удостоверение и позвоните в их организацию.",
      "Никогда не сообщайте номер карты и коды по телефону или в сообщении.",
      "Разговаривая с незнакомым человеком, держите дверь на цепочке.",
      "Расскажите об этих уловках пожилым родственникам и соседям.",
      NULL,
    };

    g_free (leaflet->title);
    leaflet->title = g_strdup ("Не дайте себя обмануть");
    g_free (leaflet->kicker);
    leaflet->kicker = g_strdup ("Защитите себя");
    g_free (leaflet->intro);
    leaflet->intro = g_strdup ("Мошенники звонят пожилым людям и приходят к ним домой: они представляются "
                               "родственником в беде, сотрудником полиции или банка, работником газовой службы.");
    g_strfreev (leaflet->tips);
    leaflet->tips = g_strdupv ((char **) tips);
    g_free (leaflet->closing);
    leaflet->closing = g_strdup ("Если вас обманули, сразу позвоните в полицию и в банк, чтобы заблокировать "
                                 "карты. Вы не виноваты: мошенники умелы, а ваше заявление защитит других.");
    g_free (leaflet->help_heading);
    leaflet->help_heading = g_strdup ("Куда звонить");
    doc = bb_leaflet_build (leaflet, branding);
    path = write_checked (doc, "leaflet-fraud-ru.pdf", 2, A5_W, A5_H);
    assert_pdf_has_text (path, "Не дайте себя обмануть");
    assert_pdf_has_text (path, tips[5]);
  }
}

static void
test_brochure_panel_order (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbBrochure) brochure = bb_brochure_new_from_store (store, "en", &error);
  g_autoptr(BbPrintDocument) doc = NULL;
  g_autofree char *path = NULL;
  const struct { BbBrochurePanel panel; const char *text; } expect[] = {
    { BB_PANEL_COVER, "Your police, your neighbourhood" },
    { BB_PANEL_BACK, "Contact us" },
    { BB_PANEL_FLAP, "Working together" },
    { BB_PANEL_INSIDE_LEFT, "Who we are" },
    { BB_PANEL_INSIDE_MIDDLE, "Your neighbourhood officers" },
    { BB_PANEL_INSIDE_RIGHT, "Staying safe" },
  };
  double total[2] = { 0, 0 };

  g_assert_no_error (error);
  g_assert_cmpuint (brochure->officers->len, >, 0);
  doc = bb_brochure_build (brochure, branding);
  path = write_checked (doc, "brochure-en.pdf", 2, A4_H, A4_W);

  /* Outside: flap | back | cover; the cover is the right third, so it
   * faces out once folded; the flap is the narrowest and folds in. */
  for (guint i = 0; i < G_N_ELEMENTS (expect); i++)
    {
      guint page;
      double x, w;
      g_autofree char *raw = NULL;
      g_autofree char *text = NULL;

      bb_brochure_panel_geometry (expect[i].panel, &page, &x, &w);
      raw = pdf_text_area (path, page + 1, x + 2, 0, w - 4, A4_W);
      text = squash_spaces (raw);
      if (strstr (text, expect[i].text) == NULL)
        g_error ("panel %d: “%s” not in:\n%s", expect[i].panel, expect[i].text, text);
      for (guint j = 0; j < G_N_ELEMENTS (expect); j++)
        if (j != i)
          {
            guint other_page;
            double ox, ow;

            bb_brochure_panel_geometry (expect[j].panel, &other_page, &ox, &ow);
            if (other_page == page)
              g_assert_null (strstr (text, expect[j].text));
          }
      total[page] += w;
    }
  g_assert_cmpfloat_with_epsilon (total[0], A4_H, 0.5);
  g_assert_cmpfloat_with_epsilon (total[1], A4_H, 0.5);
  {
    guint page;
    double flap_x, flap_w, cover_x, cover_w, in_x, in_w;

    bb_brochure_panel_geometry (BB_PANEL_FLAP, &page, &flap_x, &flap_w);
    bb_brochure_panel_geometry (BB_PANEL_COVER, &page, &cover_x, &cover_w);
    bb_brochure_panel_geometry (BB_PANEL_INSIDE_RIGHT, &page, &in_x, &in_w);
    g_assert_cmpfloat (flap_x, ==, 0);
    g_assert_cmpfloat (flap_w, <, cover_w);
    /* The inside right panel is the back of the flap: same width, mirrored. */
    g_assert_cmpfloat (in_w, ==, flap_w);
    g_assert_cmpfloat_with_epsilon (in_x + in_w, A4_H, 0.5);
  }
  /* Folds: between the panels on both sides. */
  g_assert_cmpuint (bb_page_get_n_folds (bb_print_document_get_page (doc, 0)), ==, 2);
  g_assert_cmpfloat_with_epsilon (bb_page_get_fold (bb_print_document_get_page (doc, 0), 0), 97 * BB_POINTS_PER_MM, 0.01);
  g_assert_cmpfloat_with_epsilon (bb_page_get_fold (bb_print_document_get_page (doc, 1), 0), 100 * BB_POINTS_PER_MM, 0.01);

  /* Cyrillic, with bleed for the print shop. */
  g_clear_pointer (&doc, bb_print_document_free);
  g_clear_pointer (&path, g_free);
  brochure->bleed = TRUE;
  g_free (brochure->title);
  brochure->title = g_strdup ("Ваша полиция — ваш район");
  g_free (brochure->subtitle);
  brochure->subtitle = g_strdup ("Кто ваши участковые, как с ними связаться и как вместе сделать улицы безопаснее");
  g_free (brochure->panels[BB_PANEL_INSIDE_LEFT].heading);
  brochure->panels[BB_PANEL_INSIDE_LEFT].heading = g_strdup ("Кто мы");
  g_free (brochure->panels[BB_PANEL_INSIDE_LEFT].body);
  brochure->panels[BB_PANEL_INSIDE_LEFT].body = g_strdup (
    "В каждом районе нашего города есть свой участковый, который знает его улицы, школы и жителей.\n\n"
    "Участковый патрулирует район, выслушивает жителей и работает с администрацией, школами, "
    "медицинскими и социальными службами над проблемами, которые важны для вас.");
  doc = bb_brochure_build (brochure, branding);
  path = write_checked (doc, "brochure-ru-bleed.pdf", 2, A4_H + 20 * BB_POINTS_PER_MM, A4_W + 20 * BB_POINTS_PER_MM);
  assert_pdf_has_text (path, "Ваша полиция — ваш район");
}

static void
test_briefing (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbWithheld) withheld = NULL;
  g_autoptr(BbPrintDocument) doc = NULL;
  g_autofree char *path = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *last_page = NULL;
  BbBriefingOptions options;
  guint n_pages;

  bb_briefing_options_init (&options, 2026, 3);
  options.language = g_strdup ("en");
  options.key_messages = g_strdup ("Burglaries in the old town fell after the street-lighting work with the "
                                   "municipality.\n\n• Three new community advisory groups met this quarter.\n"
                                   "• Speed checks near schools continue in the autumn.");
  doc = bb_briefing_build (store, branding, &options, &withheld, &error);
  g_assert_no_error (error);
  /* The issue asks for 2–6 pages: figures, chart and map, community,
   * problems, survey, what comes next. */
  n_pages = bb_print_document_get_n_pages (doc);
  g_assert_cmpuint (n_pages, >=, 2);
  g_assert_cmpuint (n_pages, <=, 6);
  path = write_checked (doc, "briefing-2026-q3.pdf", n_pages, A4_W, A4_H);
  last_page = g_strdup_printf ("Page %u of %u", n_pages, n_pages);
  assert_pdf_has_text (path, "Quarterly press briefing");
  assert_pdf_has_text (path, "July–September 2026");
  assert_pdf_has_text (path, "Incidents by category");
  assert_pdf_has_text (path, "All incidents");
  assert_pdf_has_text (path, "Where incidents happened");
  assert_pdf_has_text (path, "Working with the community");
  assert_pdf_has_text (path, "What residents told us");
  assert_pdf_has_text (path, last_page);
  g_assert_cmpint (withheld->restricted_incidents, >, 0);
  summary = bb_withheld_describe (withheld);
  g_assert_nonnull (strstr (summary, "restricted"));
  bb_briefing_options_clear (&options);
}

static void
test_safety_plan (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) plans = bb_store_plan_list (store, &error);
  g_autoptr(BbSafetyPlan) plan = NULL;
  g_autoptr(BbPrintDocument) doc = NULL;
  g_autoptr(GPtrArray) tasks = NULL;
  g_autofree char *path = NULL;
  g_autofree char *png = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) linked = NULL;
  BbPlan *demo;
  guint n_pages;

  /* The demo station's plan for the town centre. */
  g_assert_no_error (error);
  g_assert_cmpuint (plans->len, >=, 1);
  demo = g_ptr_array_index (plans, 0);
  plan = bb_safety_plan_new_from_store (store, demo->id, "en", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (plan->title, ==, demo->title);
  g_assert_cmpuint (plan->problems->len, ==, 3);
  g_assert_cmpuint (plan->objectives->len, ==, 3);
  g_assert_nonnull (plan->contact);

  doc = bb_safety_plan_build (plan, branding);
  n_pages = bb_print_document_get_n_pages (doc);
  /* Plain language fits a few pages: a plan nobody reads is no plan. */
  g_assert_cmpuint (n_pages, >=, 2);
  g_assert_cmpuint (n_pages, <=, 4);
  path = write_checked (doc, "safety-plan-en.pdf", n_pages, A4_W, A4_H);
  png = output_path (test_dir, "safety-plan-en-1.png");
  g_assert_true (bb_print_document_write_png (doc, 0, 60, png, NULL, &error));
  g_assert_no_error (error);

  assert_pdf_has_text (path, "COMMUNITY SAFETY PLAN");
  assert_pdf_has_text (path, demo->title);
  assert_pdf_has_text (path, "Our shared concern");
  assert_pdf_has_text (path, "What we are working on");
  assert_pdf_has_text (path, "Who does what");
  assert_pdf_has_text (path, "When we meet to check progress");
  assert_pdf_has_text (path, "Fights and assaults around the bar street");
  assert_pdf_has_text (path, "Publish the plan in the local paper");
  {
    g_autofree char *pages = g_strdup_printf ("Page %u of %u", n_pages, n_pages);

    assert_pdf_has_text (path, pages);
  }
  /* Every problem the plan takes on, and its steps agreed. */
  linked = bb_store_plan_dup_problems (store, demo->id, &error);
  for (guint i = 0; linked[i] != NULL; i++)
    {
      g_autoptr(BbProblem) p = bb_store_problem_get (store, linked[i], &error);
      g_autoptr(GPtrArray) responses = bb_store_response_list (store, p->id, &error);

      assert_pdf_has_text (path, p->title);
      for (guint k = 0; k < responses->len; k++)
        assert_pdf_has_text (path, ((BbResponse *) g_ptr_array_index (responses, k))->title);
    }
  /* The plan's tasks (by their first words: a table cell wraps). */
  tasks = bb_store_list (store, &bb_task_record, NULL, &error);
  text = pdf_text (path);
  for (guint i = 0; i < tasks->len; i++)
    {
      BbTask *t = g_ptr_array_index (tasks, i);
      g_auto(GStrv) words = g_strsplit (t->title, " ", 4);

      if (g_strcmp0 (t->plan_id, demo->id) != 0)
        continue;
      g_free (words[3]);
      words[3] = NULL;
      {
        g_autofree char *start = g_strjoinv (" ", words);

        assert_pdf_has_text (path, start);
      }
    }
  /* Dates in words, not ISO. */
  g_assert_null (strstr (text, demo->period_start));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStation) station = NULL;
  g_autofree char *db = NULL;
  BbDemoOptions options;
  int ret;

  g_test_init (&argc, &argv, NULL);
  test_dir = g_dir_make_tmp ("beatbook-templates-XXXXXX", NULL);
  db = g_build_filename (test_dir, "demo.beatbook", NULL);
  bb_demo_options_init_default (&options);
  options.n_incidents = 4000;
  store = bb_demo_station_create (db, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  station = bb_store_station_get (store, &error);
  g_assert_no_error (error);
  branding = bb_branding_new_from_station (station);

  g_test_add_func ("/render/templates/officer-poster", test_officer_poster);
  g_test_add_func ("/render/templates/event-poster", test_event_poster);
  g_test_add_func ("/render/templates/leaflets", test_leaflets);
  g_test_add_func ("/render/templates/brochure-panel-order", test_brochure_panel_order);
  g_test_add_func ("/render/templates/briefing", test_briefing);
  g_test_add_func ("/render/templates/safety-plan", test_safety_plan);
  ret = g_test_run ();

  bb_branding_free (branding);
  g_object_unref (store);
  {
    g_autoptr(GDir) d = g_dir_open (test_dir, 0, NULL);
    const char *name;

    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *path = g_build_filename (test_dir, name, NULL);
        g_unlink (path);
      }
    g_rmdir (test_dir);
  }
  g_free (test_dir);
  return ret;
}
