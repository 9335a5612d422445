/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-capture-session"

#include "config.h"

#include <signal.h>
#include <string.h>

#include "remora-capture-session.h"

/* The capture controller against a fake helper
 * (tests/data/fake-remora-capture.py) that writes pcapng slowly: packets
 * reach the main thread in batches, in order, none lost, and the
 * helper's end is told as it happened. */

#define TIMEOUT_US (20 * G_USEC_PER_SEC)

typedef struct {
  RemoraCaptureSession *session;
  GArray               *numbers;        /* guint32 carried by each packet */
  guint                 n_batches;
  gint64                first_batch_us;
  gint64                last_batch_us;
  guint                 n_interface_signals;
  gboolean              saw_capturing;
  guint64               helper_packets;
  gboolean              finished;
  GError               *failure;
  guint64               kill_after;     /* SIGKILL the helper once this many arrived */
  guint64               stop_after;     /* SIGINT */
} Run;

static void
on_packets (RemoraCaptureSession     *session,
            const RemoraCaptureBatch *batch,
            Run                      *run)
{
  gint64 now = g_get_monotonic_time ();

  g_assert_cmpuint (batch->first_index, ==, run->numbers->len);
  g_assert_cmpuint (batch->n_records, >, 0);
  for (guint i = 0; i < batch->n_records; i++)
    {
      const RemoraPacketRecord *rec = &batch->records[i];
      guint32 n;

      g_assert_cmpuint (rec->cap_len, ==, 60);
      g_assert_cmpuint (rec->iface_id, ==, 0);
      n = (guint32) rec->data[14] << 24 | (guint32) rec->data[15] << 16 |
          (guint32) rec->data[16] << 8 | rec->data[17];
      g_array_append_val (run->numbers, n);
    }
  if (run->n_batches++ == 0)
    run->first_batch_us = now;
  run->last_batch_us = now;

  if (run->kill_after > 0 && run->numbers->len >= run->kill_after)
    {
      kill (remora_capture_session_get_pid (session), SIGKILL);
      run->kill_after = 0;
    }
  if (run->stop_after > 0 && run->numbers->len >= run->stop_after)
    {
      remora_capture_session_stop (session);
      run->stop_after = 0;
    }
}

static void
on_interfaces (RemoraCaptureSession *session,
               Run                  *run)
{
  const RemoraInterface *iface;

  run->n_interface_signals++;
  g_assert_cmpuint (remora_capture_session_get_n_interfaces (session), ==, 1);
  iface = remora_capture_session_get_interface (session, 0);
  g_assert_cmpstr (iface->name, ==, "fake0");
  g_assert_cmpint (iface->link_type, ==, 1);
  g_assert_null (remora_capture_session_get_interface (session, 1));
}

static void
on_event (RemoraCaptureSession     *session,
          const RemoraCaptureEvent *event,
          Run                      *run)
{
  if (event->kind == REMORA_CAPTURE_EVENT_CAPTURING)
    {
      g_assert_cmpstr (event->iface, ==, "fake0");
      run->saw_capturing = TRUE;
    }
  else if (event->kind == REMORA_CAPTURE_EVENT_PACKETS)
    run->helper_packets = event->received;
}

static void
on_finished (RemoraCaptureSession *session,
             const GError         *failure,
             Run                  *run)
{
  g_assert_false (run->finished);
  run->finished = TRUE;
  run->failure = failure != NULL ? g_error_copy (failure) : NULL;
}

static void
run_init (Run *run)
{
  const char *data = g_getenv ("REMORA_TEST_DATA");
  g_autofree char *helper = NULL;
  const char * const args[] = { "-i", "fake0", "-w", "-", NULL };

  g_assert_nonnull (data);
  helper = g_build_filename (data, "fake-remora-capture.py", NULL);
  g_setenv ("REMORA_CAPTURE", helper, TRUE);

  memset (run, 0, sizeof *run);
  run->numbers = g_array_new (FALSE, FALSE, sizeof (guint32));
  run->session = remora_capture_session_new (args);
  g_assert_cmpstr (remora_capture_session_get_helper (run->session), ==, helper);
  g_signal_connect (run->session, "packets", G_CALLBACK (on_packets), run);
  g_signal_connect (run->session, "interfaces", G_CALLBACK (on_interfaces), run);
  g_signal_connect (run->session, "event", G_CALLBACK (on_event), run);
  g_signal_connect (run->session, "finished", G_CALLBACK (on_finished), run);
}

static void
run_wait (Run *run)
{
  g_autoptr(GError) error = NULL;
  gint64 deadline = g_get_monotonic_time () + TIMEOUT_US;

  g_assert_true (remora_capture_session_start (run->session, &error));
  g_assert_no_error (error);
  g_assert_true (remora_capture_session_is_running (run->session));
  while (!run->finished && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (run->finished);
  g_assert_false (remora_capture_session_is_running (run->session));
}

static void
run_clear (Run *run)
{
  g_clear_object (&run->session);
  g_array_unref (run->numbers);
  g_clear_error (&run->failure);
  g_unsetenv ("FAKE_CAPTURE_PACKETS");
  g_unsetenv ("FAKE_CAPTURE_DELAY");
  g_unsetenv ("FAKE_CAPTURE_HANG_AFTER");
  g_unsetenv ("FAKE_CAPTURE_FAIL");
}

static void
assert_in_order (Run *run)
{
  for (guint i = 0; i < run->numbers->len; i++)
    g_assert_cmpuint (g_array_index (run->numbers, guint32, i), ==, i);
}

static void
test_batches (void)
{
  Run run;
  gint64 span;

  /* 600 packets in bursts of 10, 5 ms apart: about 0.3 s of stream. */
  g_setenv ("FAKE_CAPTURE_PACKETS", "600", TRUE);
  g_setenv ("FAKE_CAPTURE_DELAY", "0.005", TRUE);
  run_init (&run);
  run_wait (&run);

  g_assert_no_error (run.failure);
  g_assert_cmpuint (run.numbers->len, ==, 600);
  assert_in_order (&run);
  g_assert_cmpuint (remora_capture_session_get_n_packets (run.session), ==, 600);
  g_assert_cmpuint (run.helper_packets, ==, 600);
  g_assert_true (run.saw_capturing);
  g_assert_cmpuint (run.n_interface_signals, ==, 1);

  /* Batched: fewer emissions than packets, never closer than a 60 Hz
   * tick on average, yet more than one while the stream flows. */
  g_assert_cmpuint (run.n_batches, >, 1);
  g_assert_cmpuint (run.n_batches, <, 600 / 5);
  span = run.last_batch_us - run.first_batch_us;
  g_assert_cmpint (span, >=, (gint64) (run.n_batches - 1) * (G_USEC_PER_SEC / 60) * 9 / 10);
  g_test_message ("%u batches over %" G_GINT64_FORMAT " ms", run.n_batches, span / 1000);
  run_clear (&run);
}

static void
test_killed (void)
{
  Run run;

  /* The helper writes 50 packets and waits; it is killed then. */
  g_setenv ("FAKE_CAPTURE_PACKETS", "1000", TRUE);
  g_setenv ("FAKE_CAPTURE_HANG_AFTER", "50", TRUE);
  run_init (&run);
  run.kill_after = 50;
  run_wait (&run);

  g_assert_error (run.failure, REMORA_CAPTURE_SESSION_ERROR, REMORA_CAPTURE_SESSION_ERROR_KILLED);
  g_assert_nonnull (strstr (run.failure->message, "signal 9"));
  g_assert_nonnull (strstr (run.failure->message, "50 packets"));
  /* Everything before the kill is kept. */
  g_assert_cmpuint (run.numbers->len, ==, 50);
  assert_in_order (&run);
  run_clear (&run);
}

static void
test_stop (void)
{
  Run run;

  /* An endless stream, stopped as the user would (SIGINT). */
  g_setenv ("FAKE_CAPTURE_PACKETS", "100000000", TRUE);
  g_setenv ("FAKE_CAPTURE_DELAY", "0.01", TRUE);
  run_init (&run);
  run.stop_after = 100;
  run_wait (&run);

  g_assert_no_error (run.failure);
  g_assert_cmpuint (run.numbers->len, >=, 100);
  /* What the helper says it wrote is what arrived. */
  g_assert_cmpuint (run.numbers->len, ==, run.helper_packets);
  assert_in_order (&run);
  run_clear (&run);
}

static void
test_helper_error (void)
{
  Run run;

  g_setenv ("FAKE_CAPTURE_FAIL", "permission", TRUE);
  run_init (&run);
  run_wait (&run);

  g_assert_error (run.failure, REMORA_CAPTURE_SESSION_ERROR, REMORA_CAPTURE_SESSION_ERROR_PERMISSION);
  /* The reason, then the commands that fix it. */
  g_assert_true (g_str_has_prefix (run.failure->message, "You don't have permission"));
  g_assert_nonnull (strstr (run.failure->message, "setcap cap_net_raw,cap_net_admin=ep"));
  g_assert_cmpuint (run.numbers->len, ==, 0);
  g_assert_cmpstr (remora_capture_session_get_errors (run.session)[0], ==,
                   "permission You don't have permission to capture on that device (fake)");
  run_clear (&run);
}

static void
test_missing_helper (void)
{
  g_autoptr(RemoraCaptureSession) session = NULL;
  g_autoptr(GError) error = NULL;
  const char * const args[] = { "-w", "-", NULL };

  g_setenv ("REMORA_CAPTURE", "/nonexistent/remora-capture", TRUE);
  session = remora_capture_session_new (args);
  g_assert_false (remora_capture_session_start (session, &error));
  g_assert_error (error, REMORA_CAPTURE_SESSION_ERROR, REMORA_CAPTURE_SESSION_ERROR_SPAWN);
  g_assert_false (remora_capture_session_is_running (session));
}

static void
on_restart_finished (RemoraCaptureSession *session,
                     const GError         *failure,
                     guint                *n_finished)
{
  (*n_finished)++;
}

static void
on_restart_started (RemoraCaptureSession *session,
                    guint                *n_started)
{
  (*n_started)++;
}

static void
test_restart (void)
{
  Run run;
  guint n_started = 0, n_finished = 0;
  gint64 deadline = g_get_monotonic_time () + TIMEOUT_US;

  g_setenv ("FAKE_CAPTURE_PACKETS", "100000000", TRUE);
  g_setenv ("FAKE_CAPTURE_DELAY", "0.01", TRUE);
  run_init (&run);
  g_signal_connect (run.session, "started", G_CALLBACK (on_restart_started), &n_started);
  g_signal_connect (run.session, "finished", G_CALLBACK (on_restart_finished), &n_finished);
  g_assert_true (remora_capture_session_start (run.session, NULL));
  while (run.numbers->len < 20 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  remora_capture_session_restart (run.session);
  while (n_started < 2 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (n_finished, ==, 1);
  g_assert_cmpuint (n_started, ==, 2);
  g_assert_true (remora_capture_session_is_running (run.session));
  g_assert_cmpuint (remora_capture_session_get_n_packets (run.session), ==, 0);
  /* Dropping the session stops its helper. */
  run_clear (&run);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/remora/capture-session/batches", test_batches);
  g_test_add_func ("/remora/capture-session/killed", test_killed);
  g_test_add_func ("/remora/capture-session/stop", test_stop);
  g_test_add_func ("/remora/capture-session/helper-error", test_helper_error);
  g_test_add_func ("/remora/capture-session/missing-helper", test_missing_helper);
  g_test_add_func ("/remora/capture-session/restart", test_restart);
  return g_test_run ();
}
