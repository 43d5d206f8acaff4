/* test-sara.c: the SARA stages and what a problem needs to move forward */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-sara"

#include "config.h"

#include "bb-sara.h"

static BbProblem *
new_problem (const char *stage)
{
  BbProblem *problem = bb_problem_new ();

  g_free (problem->stage);
  problem->stage = g_strdup (stage);
  return problem;
}

static void
test_sara_names (void)
{
  for (BbSaraStage s = 0; s < BB_SARA_N_STAGES; s++)
    {
      BbSaraStage back;

      g_assert_true (bb_sara_stage_from_string (bb_sara_stage_to_string (s), &back));
      g_assert_cmpint (back, ==, s);
      g_assert_nonnull (bb_sara_stage_describe (s));
    }
  g_assert_cmpstr (bb_sara_stage_to_string (BB_SARA_ASSESSMENT), ==, "assessment");
  g_assert_false (bb_sara_stage_from_string ("done", NULL));
  g_assert_false (bb_sara_stage_from_string (NULL, NULL));
}

static void
test_sara_analysis_needs_statement (void)
{
  g_autoptr(BbProblem) p = new_problem ("scanning");
  g_autoptr(GError) error = NULL;

  g_assert_false (bb_sara_check_move (p, 0, BB_SARA_ANALYSIS, &error));
  g_assert_error (error, BB_SARA_ERROR, BB_SARA_ERROR_NO_STATEMENT);
  g_assert_nonnull (strstr (error->message, "statement"));
  g_clear_error (&error);

  /* Blank space is not a statement. */
  p->statement = g_strdup (" \n\t ");
  g_assert_false (bb_sara_check_move (p, 0, BB_SARA_ANALYSIS, &error));
  g_assert_error (error, BB_SARA_ERROR, BB_SARA_ERROR_NO_STATEMENT);
  g_clear_error (&error);

  g_free (p->statement);
  p->statement = g_strdup ("Bicycles stolen from the station forecourt on weekday evenings.");
  g_assert_true (bb_sara_check_move (p, 0, BB_SARA_ANALYSIS, &error));
  g_assert_no_error (error);
}

static void
test_sara_response_needs_agreed_response (void)
{
  g_autoptr(BbProblem) p = new_problem ("analysis");
  g_autoptr(GError) error = NULL;

  p->statement = g_strdup ("Fights outside the bar at closing time.");
  g_assert_false (bb_sara_check_move (p, 0, BB_SARA_RESPONSE, &error));
  g_assert_error (error, BB_SARA_ERROR, BB_SARA_ERROR_NO_AGREED_RESPONSE);
  g_assert_nonnull (strstr (error->message, "agreed"));
  g_clear_error (&error);

  g_assert_true (bb_sara_check_move (p, 1, BB_SARA_RESPONSE, &error));
  g_assert_no_error (error);
}

static void
test_sara_assessment_needs_response_period (void)
{
  g_autoptr(BbProblem) p = new_problem ("response");
  g_autoptr(GError) error = NULL;

  g_assert_false (bb_sara_check_move (p, 1, BB_SARA_ASSESSMENT, &error));
  g_assert_error (error, BB_SARA_ERROR, BB_SARA_ERROR_NO_RESPONSE_PERIOD);
  g_assert_nonnull (strstr (error->message, "response period"));
  g_clear_error (&error);

  /* A start alone is not a period. */
  p->response_start = 1780000000;
  g_assert_false (bb_sara_check_move (p, 1, BB_SARA_ASSESSMENT, &error));
  g_assert_error (error, BB_SARA_ERROR, BB_SARA_ERROR_NO_RESPONSE_PERIOD);
  g_clear_error (&error);

  /* An end before the start neither. */
  p->response_end = p->response_start - 86400;
  g_assert_false (bb_sara_check_move (p, 1, BB_SARA_ASSESSMENT, &error));
  g_assert_error (error, BB_SARA_ERROR, BB_SARA_ERROR_NO_RESPONSE_PERIOD);
  g_assert_nonnull (strstr (error->message, "ends after it starts"));
  g_clear_error (&error);

  p->response_end = p->response_start + 90 * 86400;
  g_assert_true (bb_sara_check_move (p, 1, BB_SARA_ASSESSMENT, &error));
  g_assert_no_error (error);
}

static void
test_sara_closed_needs_decision (void)
{
  g_autoptr(BbProblem) p = new_problem ("assessment");
  g_autoptr(GError) error = NULL;

  g_assert_false (bb_sara_check_move (p, 1, BB_SARA_CLOSED, &error));
  g_assert_error (error, BB_SARA_ERROR, BB_SARA_ERROR_NO_DECISION);
  g_assert_nonnull (strstr (error->message, "decision"));
  g_clear_error (&error);

  p->assessment_notes = g_strdup ("Reports fell by half and did not move; closed with the partners' agreement.");
  g_assert_true (bb_sara_check_move (p, 1, BB_SARA_CLOSED, &error));
  g_assert_no_error (error);
}

static void
test_sara_jumps_check_every_stage (void)
{
  g_autoptr(BbProblem) p = new_problem ("scanning");
  g_autoptr(GError) error = NULL;

  /* Scanning → Response in one move (a card dropped two columns on)
   * needs the statement first, then the agreed response. */
  g_assert_false (bb_sara_check_move (p, 3, BB_SARA_RESPONSE, &error));
  g_assert_error (error, BB_SARA_ERROR, BB_SARA_ERROR_NO_STATEMENT);
  g_clear_error (&error);
  p->statement = g_strdup ("Dogs roaming near the school.");
  g_assert_false (bb_sara_check_move (p, 0, BB_SARA_RESPONSE, &error));
  g_assert_error (error, BB_SARA_ERROR, BB_SARA_ERROR_NO_AGREED_RESPONSE);
  g_clear_error (&error);
  g_assert_true (bb_sara_check_move (p, 1, BB_SARA_RESPONSE, NULL));
  /* …and on to Closed needs the period and the decision as well. */
  g_assert_false (bb_sara_check_move (p, 1, BB_SARA_CLOSED, &error));
  g_assert_error (error, BB_SARA_ERROR, BB_SARA_ERROR_NO_RESPONSE_PERIOD);
  g_clear_error (&error);
}

static void
test_sara_backward_always_allowed (void)
{
  /* An empty problem in Closed may go back to any stage. */
  g_autoptr(BbProblem) p = new_problem ("closed");
  g_autoptr(GError) error = NULL;

  for (BbSaraStage s = BB_SARA_SCANNING; s < BB_SARA_CLOSED; s++)
    {
      g_assert_true (bb_sara_check_move (p, 0, s, &error));
      g_assert_no_error (error);
    }

  g_assert_false (bb_sara_check_move (p, 0, BB_SARA_CLOSED, &error));
  g_assert_error (error, BB_SARA_ERROR, BB_SARA_ERROR_SAME_STAGE);
  g_clear_error (&error);

  g_free (p->stage);
  p->stage = g_strdup ("finished");
  g_assert_false (bb_sara_check_move (p, 0, BB_SARA_SCANNING, &error));
  g_assert_error (error, BB_SARA_ERROR, BB_SARA_ERROR_UNKNOWN_STAGE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/sara/names", test_sara_names);
  g_test_add_func ("/core/sara/analysis-needs-statement", test_sara_analysis_needs_statement);
  g_test_add_func ("/core/sara/response-needs-agreed-response", test_sara_response_needs_agreed_response);
  g_test_add_func ("/core/sara/assessment-needs-response-period", test_sara_assessment_needs_response_period);
  g_test_add_func ("/core/sara/closed-needs-decision", test_sara_closed_needs_decision);
  g_test_add_func ("/core/sara/jumps-check-every-stage", test_sara_jumps_check_every_stage);
  g_test_add_func ("/core/sara/backward-always-allowed", test_sara_backward_always_allowed);

  return g_test_run ();
}
