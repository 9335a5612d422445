/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-live-store"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "remora-application.h"
#include "remora-capture-document.h"
#include "remora-capture-reader.h"
#include "remora-filter-bar.h"
#include "remora-frame-store.h"
#include "remora-window.h"
#include "remora-filtered-packet-list.h"
#include "ui-test-util.h"

/* A live capture through the real window (Ctrl+K, Start) from the fake
 * helper tests/data/fake-remora-capture.py, whose packet N carries N as a
 * big-endian number after the Ethernet header: the packets go to a
 * temporary pcapng file as they arrive, the list grows one items-changed
 * per batch, a display filter applied mid-capture follows the arriving
 * packets, and a helper that dies leaves every packet it delivered. */

/* ---- watching the list and the document ---- */

typedef struct {
  RemoraWindow          *window;
  GListModel            *model;
  RemoraCaptureDocument *document;
  /* "position,removed,added" of each items-changed of the list */
  GPtrArray             *changes;
  /* what one append per batch would say, from the document's n-frames
   * notifications (one per batch) */
  GPtrArray             *batch_appends;
  guint                  n_frames;
} Recorder;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Recorder   *rec)
{
  g_ptr_array_add (rec->changes, g_strdup_printf ("%u,%u,%u", position, removed, added));
}

static void
on_n_frames (RemoraCaptureDocument *document,
             GParamSpec            *pspec,
             Recorder              *rec)
{
  guint n = remora_capture_document_get_n_frames (document);

  g_ptr_array_add (rec->batch_appends, g_strdup_printf ("%u,0,%u", rec->n_frames, n - rec->n_frames));
  rec->n_frames = n;
}

static void
on_document (RemoraWindow *window,
             GParamSpec   *pspec,
             Recorder     *rec)
{
  RemoraCaptureDocument *document = remora_window_get_document (window);

  if (document == NULL || document == rec->document)
    return;
  g_assert_null (rec->document);
  rec->document = g_object_ref (document);
  /* Connected before the first batch can come: the capture starts with
   * the document. */
  g_signal_connect (document, "notify::n-frames", G_CALLBACK (on_n_frames), rec);
}

static void
recorder_clear (Recorder *rec)
{
  g_signal_handlers_disconnect_by_data (rec->model, rec);
  g_signal_handlers_disconnect_by_data (rec->window, rec);
  if (rec->document != NULL)
    g_signal_handlers_disconnect_by_data (rec->document, rec);
  g_clear_object (&rec->document);
  g_clear_pointer (&rec->changes, g_ptr_array_unref);
  g_clear_pointer (&rec->batch_appends, g_ptr_array_unref);
}

static char *
join (GPtrArray *strings,
      guint      from)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = from; i < strings->len; i++)
    {
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, strings->pdata[i]);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* ---- conditions ---- */

typedef struct {
  Recorder *rec;
  guint     n_frames;
} FramesWhileLive;

/* At least N_FRAMES arrived and the capture still runs. */
static gboolean
frames_while_live (gpointer data)
{
  FramesWhileLive *want = data;
  RemoraCaptureDocument *document = want->rec->document;

  return document != NULL && remora_capture_document_get_live (document) &&
         remora_capture_document_get_n_frames (document) >= want->n_frames;
}

static gboolean
capture_over (gpointer data)
{
  Recorder *rec = data;

  return rec->document != NULL && !remora_capture_document_get_live (rec->document);
}

/* ---- driving the window ---- */

/* Ctrl+K, lo ticked, Start, with the fake helper set up by the caller's
 * FAKE_CAPTURE_* variables; returns the window, recording into REC. */
static RemoraWindow *
start_fake_capture (RemoraApplication *app,
                    Recorder          *rec)
{
  const char *build_root = g_getenv ("REMORA_BUILD_ROOT");
  const char *data_dir = g_getenv ("REMORA_TEST_DATA");
  g_autofree char *build_helper = NULL;
  g_autofree char *fake_helper = NULL;
  RemoraWindow *window;
  GtkWidget *column_view;

  /* The build's helper lists the interfaces; the fake one captures. */
  build_helper = g_build_filename (build_root, "src", "capture", "remora-capture", NULL);
  fake_helper = g_build_filename (data_dir, "fake-remora-capture.py", NULL);
  g_setenv ("REMORA_CAPTURE", build_helper, TRUE);

  window = ui_test_activate (app);
  column_view = ui_test_packet_list (window);

  memset (rec, 0, sizeof *rec);
  rec->window = window;
  rec->model = G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (column_view)));
  rec->changes = g_ptr_array_new_with_free_func (g_free);
  rec->batch_appends = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (rec->model, "items-changed", G_CALLBACK (on_items_changed), rec);
  g_signal_connect (window, "notify::document", G_CALLBACK (on_document), rec);

  ui_test_capture_on_lo (fake_helper);
  return window;
}

static void
unset_fake_environment (void)
{
  static const char *vars[] = {
    "REMORA_CAPTURE", "FAKE_CAPTURE_PACKETS", "FAKE_CAPTURE_DELAY", "FAKE_CAPTURE_BURST",
    "FAKE_CAPTURE_ALTERNATE", "FAKE_CAPTURE_DIE_AFTER", "FAKE_CAPTURE_DIE_HOW",
    "FAKE_CAPTURE_PAUSE_AFTER", "FAKE_CAPTURE_PAUSE",
  };

  for (guint i = 0; i < G_N_ELEMENTS (vars); i++)
    g_unsetenv (vars[i]);
}

/* The application ready for input, or NULL (the test marked skipped)
 * without the build's helper and the fake one. */
static RemoraApplication *
start_with_environment (void)
{
  if (g_getenv ("REMORA_BUILD_ROOT") == NULL || g_getenv ("REMORA_TEST_DATA") == NULL)
    {
      g_test_skip ("needs REMORA_BUILD_ROOT and REMORA_TEST_DATA");
      return NULL;
    }
  return ui_test_start_application_for_input ();
}

/* ---- the temporary file ---- */

/* Reads PATH with the core reader: how many packets before its end (or
 * the cut a file still being written may have), checking that packet I
 * carries the number I and, when DOCUMENT is given, the bytes of frame
 * I + 1 there. */
static guint
check_temp_file (const char            *path,
                 RemoraCaptureDocument *document,
                 gboolean               may_be_cut)
{
  g_autoptr(RemoraCaptureReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  RemoraDisplaySource source = { 0 };
  RemoraPacketRecord rec;
  RemoraReadStatus status;
  guint n = 0;

  if (document != NULL)
    remora_capture_document_get_display_source (document, &source);
  reader = remora_capture_reader_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (remora_capture_reader_get_format (reader), ==, REMORA_FILE_FORMAT_PCAPNG);
  while ((status = remora_capture_reader_next (reader, &rec, &error)) == REMORA_READ_PACKET)
    {
      g_assert_cmpuint (rec.cap_len, ==, 60);
      g_assert_cmpuint (GUINT32_FROM_BE (*(const guint32 *) (const void *) (rec.data + 14)), ==, n);
      if (document != NULL)
        {
          const RemoraFrameRecord *frame = remora_frame_store_get_record (source.store, n + 1);

          /* The document holds no copy: its frame reads the file. */
          g_assert_true (frame->flags & REMORA_FRAME_IN_FILE);
          g_assert_cmpuint (frame->data_offset, ==, rec.data_offset);
          g_assert_cmpmem (remora_frame_store_get_data (source.store, n + 1), frame->cap_len,
                           rec.data, rec.cap_len);
        }
      n++;
    }
  if (may_be_cut && status == REMORA_READ_ERROR)
    g_assert_error (error, REMORA_CAPTURE_ERROR, REMORA_CAPTURE_ERROR_TRUNCATED);
  else
    {
      g_assert_no_error (error);
      g_assert_cmpint (status, ==, REMORA_READ_EOF);
    }
  return n;
}

/* ---- tests ---- */

/* Packets arrive in batches: one items-changed per batch, each an append;
 * the temporary file is there while capturing, holds the same packets in
 * a pcapng the reader reads, and goes with the window. */
static void
test_live_store_batches_and_file (void)
{
  RemoraApplication *app;
  RemoraWindow *window;
  Recorder rec;
  FramesWhileLive want;
  g_autofree char *path = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *changes = NULL;
  g_autofree char *appends = NULL;
  gpointer document_alive;
  guint n_now;

  app = start_with_environment ();
  if (app == NULL)
    return;
  g_setenv ("FAKE_CAPTURE_PACKETS", "300", TRUE);
  g_setenv ("FAKE_CAPTURE_DELAY", "0.03", TRUE);
  window = start_fake_capture (app, &rec);

  want = (FramesWhileLive) { &rec, 50 };
  g_assert_true (ui_test_iterate_until (frames_while_live, &want));
  g_assert_nonnull (remora_capture_document_get_temp_file (rec.document));
  path = g_file_get_path (remora_capture_document_get_temp_file (rec.document));
  basename = g_path_get_basename (path);
  dir = g_path_get_dirname (path);
  g_assert_cmpstr (dir, ==, g_get_tmp_dir ());
  g_assert_true (g_regex_match_simple ("^remora_lo_.{6}\\.pcapng$", basename, 0, 0));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  /* The title is the capture's, not the file's. */
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Capturing from lo");

  /* Mid-capture, the file already has every packet the list has. */
  n_now = remora_capture_document_get_n_frames (rec.document);
  g_assert_cmpuint (check_temp_file (path, NULL, TRUE), >=, n_now);
  g_assert_true (remora_capture_document_get_live (rec.document));

  g_assert_true (ui_test_iterate_until (capture_over, &rec));
  g_assert_cmpuint (remora_capture_document_get_n_frames (rec.document), ==, 300);
  g_assert_cmpuint (g_list_model_get_n_items (rec.model), ==, 300);

  /* One items-changed per batch, each appending that batch's packets. */
  changes = join (rec.changes, 0);
  appends = join (rec.batch_appends, 0);
  g_assert_cmpstr (changes, ==, appends);
  g_test_message ("%u batches for 300 packets", rec.batch_appends->len);
  g_assert_cmpuint (rec.batch_appends->len, >, 1);
  g_assert_cmpuint (rec.batch_appends->len, <, 300);

  /* After the capture: the same packets, the document's bytes read from
   * the file. */
  g_assert_cmpuint (check_temp_file (path, rec.document, FALSE), ==, 300);
  g_assert_cmpstr (ui_test_status_text (window), ==, "Packets: 300 · Displayed: 300 (100.0%)");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Capturing from lo");
  ui_test_save_screenshot (GTK_WIDGET (window), "live-store-captured.png");

  /* Closed without saving: the temporary file goes with the document. */
  document_alive = rec.document;
  g_object_add_weak_pointer (G_OBJECT (rec.document), &document_alive);
  recorder_clear (&rec);
  unset_fake_environment ();
  ui_test_stop_application (app);
  g_assert_null (document_alive);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
type_filter (RemoraWindow *window,
             const char   *text)
{
  RemoraFilterBar *bar = REMORA_FILTER_BAR (ui_test_find_by_type (GTK_WIDGET (window),
                                                                  REMORA_TYPE_FILTER_BAR));

  /* A click, as a person would: the capture dialog had the input focus. */
  ui_test_type_into_filter (bar, text, TRUE);
  ui_test_press_key ("Return");
}

/* Every row of the list shows an even frame (odd packets: EtherType
 * 0x88b6), and there are N of them. */
static gboolean
rows_are_even (GListModel *model)
{
  GtkSelectionModel *selection = GTK_SELECTION_MODEL (model);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) row = g_list_model_get_item (G_LIST_MODEL (selection), i);
      guint number = 0;

      g_object_get (row, "number", &number, NULL);
      if (number % 2 != 0)
        return FALSE;
    }
  return TRUE;
}

typedef struct {
  Recorder *rec;
  guint     from_change;   /* the first items-changed after the filter swap */
  guint     batches;       /* batches to wait for after it */
  guint     from_batch;
} Following;

static gboolean
filter_shown_while_live (gpointer data)
{
  Recorder *rec = data;

  GListModel *list = gtk_single_selection_get_model (GTK_SINGLE_SELECTION (rec->model));

  /* All of it: a result of many rows joins the list in steps first. */
  return remora_capture_document_get_live (rec->document) &&
         g_list_model_get_n_items (rec->model) > 0 &&
         g_list_model_get_n_items (rec->model) < remora_capture_document_get_n_frames (rec->document) &&
         g_list_model_get_n_items (rec->model) ==
           remora_filtered_packet_list_get_n_displayed (REMORA_FILTERED_PACKET_LIST (list));
}

static gboolean
batches_followed (gpointer data)
{
  Following *f = data;

  return remora_capture_document_get_live (f->rec->document) &&
         f->rec->batch_appends->len >= f->from_batch + f->batches;
}

/* A filter applied mid-capture: the frames so far are filtered, and then
 * each batch adds its matching packets (one append, none for a batch
 * without a match); the counts follow. */
static void
test_live_store_filter_mid_capture (void)
{
  RemoraApplication *app;
  RemoraWindow *window;
  Recorder rec;
  FramesWhileLive want;
  Following following;
  g_autoptr(GRegex) status_re = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *final_status = NULL;
  guint n_frames;
  guint n_shown;
  guint at_stop;

  app = start_with_environment ();
  if (app == NULL)
    return;
  g_setenv ("FAKE_CAPTURE_PACKETS", "4000", TRUE);
  g_setenv ("FAKE_CAPTURE_DELAY", "0.05", TRUE);
  g_setenv ("FAKE_CAPTURE_ALTERNATE", "1", TRUE);
  window = start_fake_capture (app, &rec);

  want = (FramesWhileLive) { &rec, 100 };
  g_assert_true (ui_test_iterate_until (frames_while_live, &want));
  type_filter (window, "eth.type == 0x88b6");

  g_assert_true (ui_test_iterate_until (filter_shown_while_live, &rec));
  g_assert_true (rows_are_even (rec.model));

  /* From here on, batches only append what matches. */
  following = (Following) { &rec, rec.changes->len, 5, rec.batch_appends->len };
  g_assert_true (ui_test_iterate_until (batches_followed, &following));
  g_assert_true (remora_capture_document_get_live (rec.document));
  for (guint i = following.from_change; i < rec.changes->len; i++)
    {
      guint position, removed, added;

      g_assert_cmpint (sscanf (rec.changes->pdata[i], "%u,%u,%u", &position, &removed, &added), ==, 3);
      g_assert_cmpuint (removed, ==, 0);
      g_assert_cmpuint (added, >, 0);
    }
  g_assert_cmpuint (rec.changes->len - following.from_change, <=,
                    rec.batch_appends->len - following.from_batch);
  g_assert_cmpuint (rec.changes->len - following.from_change, >, 0);
  g_assert_true (rows_are_even (rec.model));

  /* Half of the packets so far (the odd ones), counted in the status
   * line with the drops and the capture's duration. */
  n_frames = remora_capture_document_get_n_frames (rec.document);
  n_shown = g_list_model_get_n_items (rec.model);
  g_assert_cmpuint (n_shown, ==, n_frames / 2);
  /* The percentage is the status line's own arithmetic: a batch whose
   * last frame is odd shows 49.8% until its match arrives. */
  status_re = g_regex_new ("^Packets: ([0-9]+) · Displayed: ([0-9]+) \\((4[89]\\.[0-9]|50\\.0)%\\) · Dropped: 0 · "
                           "Duration: 00:00:[0-9][0-9]$", 0, 0, NULL);
  g_assert_true (g_regex_match (status_re, ui_test_status_text (window), 0, &match));
  g_assert_cmpuint (g_ascii_strtoull (g_match_info_fetch (match, 1), NULL, 10), ==, n_frames);
  g_assert_cmpuint (g_ascii_strtoull (g_match_info_fetch (match, 2), NULL, 10), ==, n_shown);
  ui_test_save_screenshot (GTK_WIDGET (window), "live-store-filter.png");

  /* Stopped: the list keeps its rows and takes the last batch's. */
  at_stop = rec.changes->len;
  ui_test_press_key ("ctrl+e");
  g_assert_true (ui_test_iterate_until (capture_over, &rec));
  ui_test_run_for_ms (300);
  n_frames = remora_capture_document_get_n_frames (rec.document);
  g_assert_cmpuint (g_list_model_get_n_items (rec.model), ==, n_frames / 2);
  g_assert_true (rows_are_even (rec.model));
  final_status = g_strdup_printf ("Packets: %u · Displayed: %u (50.0%%)", n_frames, n_frames / 2);
  g_assert_cmpstr (ui_test_status_text (window), ==, final_status);
  for (guint i = at_stop; i < rec.changes->len; i++)
    g_assert_true (g_str_has_prefix (strchr (rec.changes->pdata[i], ','), ",0,"));

  recorder_clear (&rec);
  unset_fake_environment ();
  ui_test_stop_application (app);
}

/* A filter applied before the capture starts applies to the packets as
 * they arrive: each batch appends only its matching packets, nothing is
 * ever taken out again. */
static void
test_live_store_filter_before_capture (void)
{
  RemoraApplication *app;
  RemoraWindow *window;
  Recorder rec;
  guint n_appends = 0;

  app = start_with_environment ();
  if (app == NULL)
    return;
  g_setenv ("FAKE_CAPTURE_PACKETS", "300", TRUE);
  g_setenv ("FAKE_CAPTURE_DELAY", "0.02", TRUE);
  g_setenv ("FAKE_CAPTURE_ALTERNATE", "1", TRUE);

  window = ui_test_activate (app);
  type_filter (window, "eth.type == 0x88b6");
  ui_test_settle (GTK_WIDGET (window));

  start_fake_capture (app, &rec);
  g_assert_true (ui_test_iterate_until (capture_over, &rec));
  ui_test_run_for_ms (200);

  g_assert_cmpuint (g_list_model_get_n_items (rec.model), ==, 150);
  g_assert_true (rows_are_even (rec.model));
  g_assert_cmpstr (ui_test_status_text (window), ==, "Packets: 300 · Displayed: 150 (50.0%)");
  for (guint i = 0; i < rec.changes->len; i++)
    {
      guint position, removed, added;

      g_assert_cmpint (sscanf (rec.changes->pdata[i], "%u,%u,%u", &position, &removed, &added), ==, 3);
      /* The document swap empties an empty list: no emission at all. */
      g_assert_cmpuint (removed, ==, 0);
      g_assert_cmpuint (position, ==, n_appends);
      n_appends += added;
    }
  g_test_message ("%u items-changed over %u batches", rec.changes->len, rec.batch_appends->len);
  g_assert_cmpuint (rec.changes->len, <=, rec.batch_appends->len);
  g_assert_cmpuint (rec.changes->len, >, 1);

  recorder_clear (&rec);
  unset_fake_environment ();
  ui_test_stop_application (app);
}

/* The helper dies: the banner says how and what it said last, and every
 * packet it delivered stays, in the list and in the file. */
static void
run_helper_death (const char *how,
                  const char *screenshot,
                  const char *const *expected_parts)
{
  RemoraApplication *app;
  RemoraWindow *window;
  Recorder rec;
  g_autofree char *path = NULL;
  const char *banner;

  app = start_with_environment ();
  if (app == NULL)
    return;
  g_setenv ("FAKE_CAPTURE_PACKETS", "200", TRUE);
  g_setenv ("FAKE_CAPTURE_DELAY", "0.01", TRUE);
  g_setenv ("FAKE_CAPTURE_DIE_AFTER", "50", TRUE);
  g_setenv ("FAKE_CAPTURE_DIE_HOW", how, TRUE);
  window = start_fake_capture (app, &rec);

  g_assert_true (ui_test_iterate_until (capture_over, &rec));
  g_assert_true (ui_test_iterate_until (ui_test_banner_shown, window));
  banner = ui_test_banner_text (window);
  g_test_message ("banner: %s", banner);
  for (guint i = 0; expected_parts[i] != NULL; i++)
    g_assert_nonnull (strstr (banner, expected_parts[i]));

  g_assert_cmpuint (remora_capture_document_get_n_frames (rec.document), ==, 50);
  g_assert_cmpuint (g_list_model_get_n_items (rec.model), ==, 50);
  g_assert_cmpstr (ui_test_status_text (window), ==, "Packets: 50 · Displayed: 50 (100.0%)");
  path = g_file_get_path (remora_capture_document_get_temp_file (rec.document));
  g_assert_cmpuint (check_temp_file (path, rec.document, FALSE), ==, 50);
  ui_test_settle (GTK_WIDGET (window));
  ui_test_save_screenshot (GTK_WIDGET (window), screenshot);

  recorder_clear (&rec);
  unset_fake_environment ();
  ui_test_stop_application (app);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_live_store_helper_killed (void)
{
  const char *parts[] = {
    "The capture helper remora-capture was killed by signal 9 (Killed).",
    "The 50 packets received before are kept.",
    NULL,
  };

  run_helper_death ("kill", "live-store-helper-killed.png", parts);
}

static void
test_live_store_helper_error (void)
{
  const char *parts[] = {
    "The capture helper remora-capture stopped with status 3.",
    "Its last message was: “The device went away while capturing (fake)”.",
    "The 50 packets received before are kept.",
    NULL,
  };

  run_helper_death ("error", "live-store-helper-error.png", parts);
}

/* ---- memory ---- */

/* kB lines of /proc/self/status. */
static guint64
status_kb (const char *key)
{
  g_autofree char *contents = NULL;
  g_autofree char *prefix = g_strconcat (key, ":", NULL);
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &contents, NULL, NULL))
    return 0;
  line = strstr (contents, prefix);
  if (line == NULL)
    return 0;
  return g_ascii_strtoull (line + strlen (prefix), NULL, 10);
}

/* 200,000 small packets: what the process's resident memory grows by per
 * packet, printed. */
static void
test_live_store_memory (void)
{
  RemoraApplication *app;
  RemoraWindow *window;
  Recorder rec;
  FramesWhileLive want;
  guint64 anon_before, file_before, anon_after, file_after;
  double anon_per_packet;
  const guint n_packets = 200000;
  guint n_before;
  guint n_measured;

  app = start_with_environment ();
  if (app == NULL)
    return;
  /* 100,000 packets a second at most: a pace the main loop keeps up
   * with, so the figure is the store's and not a backlog's. */
  g_setenv ("FAKE_CAPTURE_PACKETS", "200000", TRUE);
  g_setenv ("FAKE_CAPTURE_DELAY", "0.005", TRUE);
  g_setenv ("FAKE_CAPTURE_BURST", "500", TRUE);
  g_setenv ("FAKE_CAPTURE_PAUSE_AFTER", "20000", TRUE);
  g_setenv ("FAKE_CAPTURE_PAUSE", "1.5", TRUE);

  /* Measured from the 20,000th packet on, once the window, the list and
   * the dissectors have made what they make on first use, in the helper's
   * pause: every packet it wrote has been taken in, no backlog is held. */
  window = start_fake_capture (app, &rec);
  want = (FramesWhileLive) { &rec, 20000 };
  g_assert_true (ui_test_iterate_until_for (frames_while_live, &want, 60000));
  ui_test_run_for_ms (300);
  n_before = remora_capture_document_get_n_frames (rec.document);
  g_assert_cmpuint (n_before, ==, 20000);
  anon_before = status_kb ("RssAnon");
  file_before = status_kb ("RssFile");
  g_assert_true (ui_test_iterate_until_for (capture_over, &rec, 120000));
  ui_test_settle (GTK_WIDGET (window));
  anon_after = status_kb ("RssAnon");
  file_after = status_kb ("RssFile");
  g_assert_cmpuint (remora_capture_document_get_n_frames (rec.document), ==, n_packets);
  n_measured = n_packets - n_before;

  anon_per_packet = (double) ((gint64) anon_after - (gint64) anon_before) * 1024.0 / n_measured;
  g_test_message ("RSS growth over %u packets of 60 bytes: anonymous %+" G_GINT64_FORMAT " kB "
                  "(%.1f bytes per packet), file-backed %+" G_GINT64_FORMAT " kB (%.1f bytes per packet)",
                  n_measured, (gint64) anon_after - (gint64) anon_before, anon_per_packet,
                  (gint64) file_after - (gint64) file_before,
                  (double) ((gint64) file_after - (gint64) file_before) * 1024.0 / n_measured);
  /* The records are 32 bytes; a backlog the main loop has not drained
   * yet may add to the figure on a busy machine, so this bound only
   * catches memory that grows by hundreds of bytes with each packet.
   * (That no frame keeps a copy of its bytes, check_temp_file checks.) */
  g_assert_cmpfloat (anon_per_packet, <, 150.0);

  recorder_clear (&rec);
  unset_fake_environment ();
  ui_test_stop_application (app);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  ui_test_ignore_environment_warnings ();

  g_test_add_func ("/remora/ui/live-store/batches-and-file", test_live_store_batches_and_file);
  g_test_add_func ("/remora/ui/live-store/filter-mid-capture", test_live_store_filter_mid_capture);
  g_test_add_func ("/remora/ui/live-store/filter-before-capture", test_live_store_filter_before_capture);
  g_test_add_func ("/remora/ui/live-store/helper-killed", test_live_store_helper_killed);
  g_test_add_func ("/remora/ui/live-store/helper-error", test_live_store_helper_error);
  g_test_add_func ("/remora/ui/live-store/memory", test_live_store_memory);
  return g_test_run ();
}
