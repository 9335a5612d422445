/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-file-ops"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "remora-application.h"
#include "remora-capture-document.h"
#include "remora-capture-reader.h"
#include "remora-capture-request.h"
#include "remora-filter-bar.h"
#include "remora-packet-row.h"
#include "remora-window-private.h"
#include "remora-window.h"
#include "ui-test-util.h"

/* The File menu's operations on the real window under Xvfb: Save As and
 * Export Specified Packets through the file chooser (GtkFileChooserNative
 * falls back to an in-process GtkFileChooserDialog without a portal, so
 * the test fills that dialog in), Close, Open Recent, a dropped file, and
 * the question before captured packets would be lost.  Saved files are
 * checked with the core reader (tshark is no run-time dependency). */

static char *sample_path;
static char *scratch_dir;

/* ---- reading a capture without the UI ---- */

typedef struct {
  RemoraFileFormat format;
  GPtrArray       *packets;   /* GBytes: ts_ns, orig_len, then the bytes */
} CaptureContents;

static void
capture_contents_clear (CaptureContents *contents)
{
  g_clear_pointer (&contents->packets, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CaptureContents, capture_contents_clear)

static void
read_capture (const char      *path,
              CaptureContents *out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RemoraCaptureReader) reader = remora_capture_reader_open (path, &error);
  RemoraPacketRecord rec;
  RemoraReadStatus status;

  g_assert_no_error (error);
  out->format = remora_capture_reader_get_format (reader);
  out->packets = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  while ((status = remora_capture_reader_next (reader, &rec, &error)) == REMORA_READ_PACKET)
    {
      GByteArray *bytes = g_byte_array_new ();

      g_byte_array_append (bytes, (const guint8 *) &rec.ts_ns, sizeof rec.ts_ns);
      g_byte_array_append (bytes, (const guint8 *) &rec.orig_len, sizeof rec.orig_len);
      g_byte_array_append (bytes, rec.data, rec.cap_len);
      g_ptr_array_add (out->packets, g_byte_array_free_to_bytes (bytes));
    }
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, REMORA_READ_EOF);
}

/* ---- waiting ---- */



static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_IS_REGULAR);
}

typedef struct {
  RemoraWindow *window;
  const char   *title;
} TitleIs;

static gboolean
title_is (gpointer data)
{
  TitleIs *want = data;

  return g_strcmp0 (gtk_window_get_title (GTK_WINDOW (want->window)), want->title) == 0 &&
         ui_test_window_loaded (want->window);
}

static gboolean
document_is_null (gpointer data)
{
  return remora_window_get_document (data) == NULL;
}

/* The banner says the save failed, and where. */
static gboolean
save_failure_shown (gpointer data)
{
  g_autoptr(GPtrArray) texts = ui_test_mapped_label_texts (data);

  for (guint i = 0; i < texts->len; i++)
    if (g_str_has_prefix (texts->pdata[i], "The packets were not saved.") &&
        strstr (texts->pdata[i], "/proc/cannot-be.pcapng") != NULL)
      return TRUE;
  return FALSE;
}

/* The header bar's Save button, sensitive when Save can run. */
static GtkWidget *
save_button (RemoraWindow *window)
{
  GtkWidget *button = ui_test_find_action_button (gtk_window_get_titlebar (GTK_WINDOW (window)), "win.save");

  g_assert_nonnull (button);
  return button;
}

/* The save has written PATH (the rename is its last step) and the window
 * has heard back. */
static void
wait_for_saved (const char *path)
{
  g_assert_true (ui_test_iterate_until (file_exists, (gpointer) path));
  /* The worker hands the result over right after the rename. */
  ui_test_run_for_ms (200);
  g_assert_true (ui_test_iterate_until (ui_test_no_more_events, NULL));
}

/* ---- the file chooser ---- */

/* Fills in the chooser the window opened and accepts it; answers the
 * "replace?" question too when the file is there already. */
static void
choose_file (const char *folder,
             const char *name,
             gboolean    expect_replace)
{
  GtkWidget *dialog;
  g_autoptr(GFile) dir = g_file_new_for_path (folder);
  g_autoptr(GError) error = NULL;

  g_assert_true (ui_test_iterate_until (ui_test_toplevel_shown, GSIZE_TO_POINTER (GTK_TYPE_FILE_CHOOSER_DIALOG)));
  dialog = ui_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  ui_test_settle (dialog);
  /* As typed into the name entry: a whole path, whatever folder the
   * chooser is still loading. */
  if (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (dialog)) == GTK_FILE_CHOOSER_ACTION_SAVE)
    {
      g_autofree char *full = g_build_filename (folder, name, NULL);

      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), full);
    }
  else
    {
      g_autoptr(GFile) file = g_file_get_child (dir, name);

      gtk_file_chooser_set_file (GTK_FILE_CHOOSER (dialog), file, &error);
      g_assert_no_error (error);
    }
  ui_test_settle (dialog);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);

  if (expect_replace)
    {
      GtkWidget *question;

      g_assert_true (ui_test_iterate_until (ui_test_toplevel_shown, GSIZE_TO_POINTER (GTK_TYPE_MESSAGE_DIALOG)));
      question = ui_test_find_toplevel (GTK_TYPE_MESSAGE_DIALOG);
      gtk_dialog_response (GTK_DIALOG (question), GTK_RESPONSE_ACCEPT);
    }
  g_assert_true (ui_test_iterate_until (ui_test_toplevel_gone, GSIZE_TO_POINTER (GTK_TYPE_FILE_CHOOSER_DIALOG)));
}

/* ---- the columns ---- */

static GStrv
row_texts_when_drawn (RemoraWindow *window,
                      const char   *number)
{
  GtkWidget *column_view = ui_test_packet_list (window);
  GStrv texts = NULL;
  gint64 end = g_get_monotonic_time () + UI_TEST_TIMEOUT_MS * 1000;

  while (texts == NULL && g_get_monotonic_time () < end)
    {
      texts = ui_test_find_row_texts (column_view, number);
      if (texts == NULL)
        g_main_context_iteration (NULL, TRUE);
    }
  g_assert_nonnull (texts);
  return texts;
}

static void
assert_same_rows (RemoraWindow *a,
                  RemoraWindow *b)
{
  static const char * const numbers[] = { "1", "2", "5", "8" };

  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      g_auto(GStrv) texts_a = row_texts_when_drawn (a, numbers[i]);
      g_auto(GStrv) texts_b = row_texts_when_drawn (b, numbers[i]);

      g_assert_cmpstrv (texts_a, texts_b);
    }
}

static guint
n_rows (RemoraWindow *window)
{
  GtkWidget *column_view = ui_test_packet_list (window);

  return g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (column_view))));
}

typedef struct {
  RemoraWindow *window;
  guint         n;
} RowsAre;

static gboolean
rows_are (gpointer data)
{
  RowsAre *want = data;

  return n_rows (want->window) == want->n;
}

typedef struct {
  const char *path;
  guint64     old_inode;
} Replaced;

static gboolean
file_replaced (gpointer data)
{
  Replaced *want = data;
  GStatBuf st;

  return g_stat (want->path, &st) == 0 && (guint64) st.st_ino != want->old_inode;
}

static void
assert_same_packets (const CaptureContents *a,
                     const CaptureContents *b)
{
  g_assert_cmpuint (a->packets->len, ==, b->packets->len);
  for (guint i = 0; i < a->packets->len; i++)
    g_assert_true (g_bytes_equal (a->packets->pdata[i], b->packets->pdata[i]));
}

/* ---- tests ---- */

/* Save As pcapng and pcap: the saved files hold the same packets, time
 * stamps and lengths, show the same rows, and the window now names the
 * new file.  Save stays greyed out for a file read from disk. */
static void
test_save_as (void)
{
  RemoraApplication *app = ui_test_start_application ();
  g_autofree char *ng_path = g_build_filename (scratch_dir, "saved.pcapng", NULL);
  g_autofree char *pcap_path = g_build_filename (scratch_dir, "saved-copy.pcap", NULL);
  g_auto(CaptureContents) original = { 0 };
  g_auto(CaptureContents) ng = { 0 };
  g_auto(CaptureContents) pcap = { 0 };
  RemoraWindow *window;
  RemoraWindow *reopened;
  TitleIs want;

  read_capture (sample_path, &original);
  window = ui_test_open_and_wait (app, sample_path);
  g_assert_false (gtk_widget_get_sensitive (save_button (window)));
  g_assert_false (remora_capture_document_get_unsaved (remora_window_get_document (window)));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.save-as", NULL);
  choose_file (scratch_dir, "saved.pcapng", FALSE);
  wait_for_saved (ng_path);
  want = (TitleIs) { window, "saved.pcapng" };
  g_assert_true (ui_test_iterate_until (title_is, &want));
  g_assert_false (gtk_widget_get_sensitive (save_button (window)));

  read_capture (ng_path, &ng);
  g_assert_cmpint (ng.format, ==, REMORA_FILE_FORMAT_PCAPNG);
  assert_same_packets (&original, &ng);

  /* The name without a suffix takes the chosen type's. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.save-as", NULL);
  g_assert_true (ui_test_iterate_until (ui_test_toplevel_shown, GSIZE_TO_POINTER (GTK_TYPE_FILE_CHOOSER_DIALOG)));
  {
    GtkFileChooser *chooser = GTK_FILE_CHOOSER (ui_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG));
    g_autoptr(GListModel) filters = gtk_file_chooser_get_filters (chooser);
    g_autoptr(GtkFileFilter) pcap_filter = NULL;

    for (guint i = 0; i < g_list_model_get_n_items (filters); i++)
      {
        g_autoptr(GtkFileFilter) filter = g_list_model_get_item (filters, i);

        if (g_str_has_prefix (gtk_file_filter_get_name (filter), "pcap ("))
          g_set_object (&pcap_filter, filter);
      }
    g_assert_nonnull (pcap_filter);
    gtk_file_chooser_set_filter (chooser, pcap_filter);
  }
  choose_file (scratch_dir, "saved-copy", FALSE);
  wait_for_saved (pcap_path);
  read_capture (pcap_path, &pcap);
  g_assert_cmpint (pcap.format, ==, REMORA_FILE_FORMAT_PCAP);
  assert_same_packets (&original, &pcap);

  reopened = ui_test_open_and_wait (app, ng_path);
  g_assert_true (reopened != window);
  g_assert_cmpuint (n_rows (reopened), ==, original.packets->len);
  assert_same_rows (window, reopened);

  ui_test_stop_application (app);
  g_unlink (ng_path);
  g_unlink (pcap_path);
}

/* With "http" applied, Export Specified Packets writes exactly the
 * frames on screen. */
static void
test_export_displayed (void)
{
  RemoraApplication *app = ui_test_start_application ();
  g_autofree char *path = g_build_filename (scratch_dir, "http-only.pcapng", NULL);
  g_auto(CaptureContents) original = { 0 };
  g_auto(CaptureContents) exported = { 0 };
  RemoraWindow *window;
  RemoraFilterBar *bar;
  GtkWidget *column_view;
  GListModel *model;
  RowsAre want_rows;
  g_autoptr(GArray) shown = g_array_new (FALSE, FALSE, sizeof (guint));

  read_capture (sample_path, &original);
  window = ui_test_open_and_wait (app, sample_path);
  bar = REMORA_FILTER_BAR (ui_test_find_by_type (GTK_WIDGET (window), REMORA_TYPE_FILTER_BAR));
  remora_filter_bar_set_text (bar, "http");
  remora_filter_bar_apply (bar);
  want_rows = (RowsAre) { window, 2 };
  g_assert_true (ui_test_iterate_until (rows_are, &want_rows));

  column_view = ui_test_packet_list (window);
  model = G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (column_view)));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(RemoraPacketRow) row = g_list_model_get_item (model, i);
      guint number = remora_packet_row_get_number (row);

      g_array_append_val (shown, number);
    }

  gtk_widget_activate_action (GTK_WIDGET (window), "win.export-specified", NULL);
  choose_file (scratch_dir, "http-only.pcapng", FALSE);
  wait_for_saved (path);

  read_capture (path, &exported);
  g_assert_cmpuint (exported.packets->len, ==, shown->len);
  for (guint i = 0; i < shown->len; i++)
    g_assert_true (g_bytes_equal (exported.packets->pdata[i],
                                  original.packets->pdata[g_array_index (shown, guint, i) - 1]));
  /* An export leaves the window on its file. */
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==,
                   remora_capture_document_get_display_name (remora_window_get_document (window)));
  g_assert_false (g_str_equal (gtk_window_get_title (GTK_WINDOW (window)), "http-only.pcapng"));

  ui_test_stop_application (app);
  g_unlink (path);
}

/* Saving over the file the window shows: the write goes to a temporary
 * file renamed over it, so the packets already read stay readable. */
static void
test_save_over_open_file (void)
{
  RemoraApplication *app = ui_test_start_application ();
  g_autofree char *path = g_build_filename (scratch_dir, "over.pcapng", NULL);
  g_autofree char *contents = NULL;
  gsize length;
  g_auto(CaptureContents) original = { 0 };
  g_auto(CaptureContents) saved = { 0 };
  g_autoptr(RemoraPacketSnapshot) before = NULL;
  g_autoptr(RemoraPacketSnapshot) after = NULL;
  GStatBuf st_before;
  Replaced want_replaced;
  RemoraCaptureDocument *document;
  RemoraWindow *window;
  RemoraWindow *reopened;
  guint last;

  /* A pcap under a pcapng name: saving rewrites it in another layout. */
  g_assert_true (g_file_get_contents (sample_path, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  read_capture (path, &original);
  g_assert_cmpint (original.format, ==, REMORA_FILE_FORMAT_PCAP);
  g_assert_cmpint (g_stat (path, &st_before), ==, 0);

  window = ui_test_open_and_wait (app, path);
  document = remora_window_get_document (window);
  last = remora_capture_document_get_n_frames (document);
  before = remora_capture_document_dissect_frame (document, last, last - 1);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.save-as", NULL);
  choose_file (scratch_dir, "over.pcapng", TRUE);
  /* Replaced: a new file (inode) under the name. */
  want_replaced = (Replaced) { path, st_before.st_ino };
  g_assert_true (ui_test_iterate_until (file_replaced, &want_replaced));
  wait_for_saved (path);

  read_capture (path, &saved);
  g_assert_cmpint (saved.format, ==, REMORA_FILE_FORMAT_PCAPNG);
  assert_same_packets (&original, &saved);

  /* The window still reads the packets it mapped. */
  g_assert_true (remora_window_get_document (window) == document);
  after = remora_capture_document_dissect_frame (document, last, last - 1);
  g_assert_cmpstr (remora_packet_snapshot_get_packet (after)->col_info->str, ==,
                   remora_packet_snapshot_get_packet (before)->col_info->str);
  g_assert_cmpuint (remora_packet_snapshot_get_packet (after)->frame->cap_len, ==,
                    remora_packet_snapshot_get_packet (before)->frame->cap_len);
  g_assert_cmpmem (remora_packet_snapshot_get_packet (after)->frame->data,
                   remora_packet_snapshot_get_packet (after)->frame->cap_len,
                   (const guint8 *) g_bytes_get_data (original.packets->pdata[last - 1], NULL) + 12,
                   g_bytes_get_size (original.packets->pdata[last - 1]) - 12);

  reopened = ui_test_open_and_wait (app, path);
  g_assert_true (reopened != window);
  g_assert_cmpuint (n_rows (reopened), ==, last);
  assert_same_rows (window, reopened);

  ui_test_stop_application (app);
  g_unlink (path);
}

static GtkWidget *
main_menu_popover (RemoraWindow *window)
{
  GtkWidget *header = gtk_window_get_titlebar (GTK_WINDOW (window));
  GtkWidget *button = ui_test_find_by_type (header, GTK_TYPE_MENU_BUTTON);

  return GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
}

static gboolean
recent_lists (gpointer data)
{
  RemoraWindow *window = data;
  g_autoptr(GFile) file = g_file_new_for_path (sample_path);
  g_autofree char *name = g_file_get_parse_name (file);

  return ui_test_find_mapped_label (main_menu_popover (window), name) != NULL;
}

static gboolean
recent_has_sample (gpointer data)
{
  g_autoptr(GFile) file = g_file_new_for_path (sample_path);
  g_autofree char *uri = g_file_get_uri (file);

  return gtk_recent_manager_has_item (gtk_recent_manager_get_default (), uri);
}

/* Opening a file puts it in File > Open Recent, and the item opens it. */
static void
test_open_recent (void)
{
  RemoraApplication *app;
  RemoraWindow *window;
  g_autoptr(GFile) file = g_file_new_for_path (sample_path);
  g_autofree char *name = g_file_get_parse_name (file);
  g_autofree char *basename = g_path_get_basename (sample_path);
  GtkWidget *label;
  TitleIs want;

  app = ui_test_start_application_for_input ();
  if (app == NULL)
    return;
  window = ui_test_open_and_wait (app, sample_path);
  ui_test_settle (GTK_WIDGET (window));

  /* The recent manager writes its list a moment later, then says so. */
  g_assert_true (ui_test_iterate_until (recent_has_sample, NULL));
  ui_test_run_for_ms (500);
  label = ui_test_open_main_menu (window, "File", "Open Recent");
  /* A submenu opened in the same instant as its parent is closed again
   * by the parent's late focus change: let it settle first. */
  ui_test_run_for_ms (1000);
  ui_test_click_center (label);
  g_assert_true (ui_test_iterate_until (recent_lists, window));

  /* Ctrl+W closes the file, the window stays; the item opens it again. */
  ui_test_close_main_menu (window);
  g_assert_true (ui_test_iterate_until (ui_test_main_menu_closed, window));
  ui_test_click_center (ui_test_find_packet_row (ui_test_packet_list (window), "1"));
  ui_test_settle (GTK_WIDGET (window));
  ui_test_press_key ("ctrl+w");
  g_assert_true (ui_test_iterate_until (document_is_null, window));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  label = ui_test_open_main_menu (window, "File", "Open Recent");
  ui_test_run_for_ms (1000);
  ui_test_click_center (label);
  g_assert_true (ui_test_iterate_until (recent_lists, window));
  ui_test_run_for_ms (500);
  ui_test_click_center (ui_test_find_mapped_label (main_menu_popover (window), name));
  want = (TitleIs) { window, basename };
  g_assert_true (ui_test_iterate_until (title_is, &want));
  g_assert_cmpuint (n_rows (window), ==, 30);

  ui_test_stop_application (app);
}

/* A file dropped on the window opens in it.  XDND cannot be driven from
 * xdotool, so the drop target's "drop" signal is emitted with what GTK
 * hands a drop of files from a file manager: a GdkFileList (and, from
 * some sources, a single GFile). */
static void
test_drop_file (void)
{
  RemoraApplication *app = ui_test_start_application ();
  RemoraWindow *window;
  GtkDropTarget *target = NULL;
  g_autoptr(GListModel) controllers = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (sample_path);
  g_autofree char *basename = g_path_get_basename (sample_path);
  GSList *files = g_slist_prepend (NULL, file);
  GValue value = G_VALUE_INIT;
  gboolean accepted = FALSE;
  TitleIs want;

  window = ui_test_activate (app);
  g_assert_null (remora_window_get_document (window));

  controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        target = GTK_DROP_TARGET (controller);
    }
  g_assert_nonnull (target);

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (files));
  g_signal_emit_by_name (target, "drop", &value, 200.0, 200.0, &accepted);
  g_value_unset (&value);
  g_slist_free (files);
  g_assert_true (accepted);
  want = (TitleIs) { window, basename };
  g_assert_true (ui_test_iterate_until (title_is, &want));
  g_assert_cmpuint (n_rows (window), ==, 30);

  /* A single GFile works the same. */
  _remora_window_close_document (window);
  g_assert_null (remora_window_get_document (window));
  g_value_init (&value, G_TYPE_FILE);
  g_value_set_object (&value, file);
  accepted = FALSE;
  g_signal_emit_by_name (target, "drop", &value, 200.0, 200.0, &accepted);
  g_value_unset (&value);
  g_assert_true (accepted);
  g_assert_true (ui_test_iterate_until (title_is, &want));

  ui_test_stop_application (app);
}

/* ---- the question before captured packets are lost ---- */

#define LIVE_PACKETS 30

/* The application ready for input, or NULL (the test marked skipped)
 * without the fake capture helper. */
static RemoraApplication *
start_with_fake_helper (void)
{
  if (g_getenv ("REMORA_TEST_DATA") == NULL)
    {
      g_test_skip ("needs REMORA_TEST_DATA for the fake capture helper");
      return NULL;
    }
  return ui_test_start_application_for_input ();
}

/* A capture from the fake helper (tests/data), run to its end: the
 * window then holds packets no file has. */
static void
capture_packets (RemoraWindow *window)
{
  g_autofree char *helper = g_build_filename (g_getenv ("REMORA_TEST_DATA"), "fake-remora-capture.py", NULL);
  g_autoptr(RemoraCaptureRequest) request = remora_capture_request_new ();
  UiTestLiveDone done = { window, LIVE_PACKETS };

  g_setenv ("REMORA_CAPTURE", helper, TRUE);
  g_setenv ("FAKE_CAPTURE_PACKETS", G_STRINGIFY (LIVE_PACKETS), TRUE);
  g_setenv ("FAKE_CAPTURE_DELAY", "0.005", TRUE);
  remora_capture_request_add_interface (request, "lo");
  _remora_window_start_capture (window, request);
  g_assert_true (ui_test_iterate_until (ui_test_live_capture_done, &done));
  g_assert_true (remora_capture_document_get_unsaved (remora_window_get_document (window)));
  ui_test_settle (GTK_WIDGET (window));
}

static gboolean
has_window (gpointer data)
{
  return gtk_application_get_windows (data) != NULL;
}

static gboolean
has_no_window (gpointer data)
{
  return gtk_application_get_windows (data) == NULL;
}

/* Close, Open, closing the window and Quit each ask first; Cancel keeps
 * the packets, Continue without Saving drops them, Save saves and then
 * goes on. */
static void
test_unsaved_question (void)
{
  RemoraApplication *app;
  RemoraWindow *window;
  RemoraCaptureDocument *document;
  GtkWidget *dialog;
  g_autofree char *saved_path = g_build_filename (scratch_dir, "captured.pcapng", NULL);
  g_autofree char *sample_dir = g_path_get_dirname (sample_path);
  g_autofree char *sample_base = g_path_get_basename (sample_path);
  g_auto(CaptureContents) saved = { 0 };
  TitleIs want;

  app = start_with_fake_helper ();
  if (app == NULL)
    return;
  window = ui_test_activate (app);

  capture_packets (window);
  document = remora_window_get_document (window);
  /* Something to save: Save is offered. */
  g_assert_true (gtk_widget_get_sensitive (save_button (window)));

  /* Ctrl+W, Cancel: nothing happens. */
  ui_test_press_key ("ctrl+w");
  dialog = ui_test_wait_for_toplevel (GTK_TYPE_MESSAGE_DIALOG);
  g_assert_true (ui_test_has_mapped_label (dialog, "Do you want to save the captured packets before closing the file?"));
  ui_test_save_screenshot (dialog, "file-unsaved-question.png");
  ui_test_answer_question ("_Cancel");
  g_assert_true (remora_window_get_document (window) == document);
  g_assert_cmpuint (n_rows (window), ==, LIVE_PACKETS);

  /* Closing the window, Cancel: it stays. */
  gtk_window_close (GTK_WINDOW (window));
  dialog = ui_test_wait_for_toplevel (GTK_TYPE_MESSAGE_DIALOG);
  g_assert_true (ui_test_has_mapped_label (dialog, "Do you want to save the captured packets before closing the window?"));
  ui_test_answer_question ("_Cancel");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_true (remora_window_get_document (window) == document);

  /* Quit, Cancel: the application keeps running. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  dialog = ui_test_wait_for_toplevel (GTK_TYPE_MESSAGE_DIALOG);
  g_assert_true (ui_test_has_mapped_label (dialog, "Do you want to save the captured packets before quitting?"));
  ui_test_answer_question ("_Cancel");
  g_assert_true (has_window (app));
  g_assert_true (remora_window_get_document (window) == document);

  /* Open, Continue without Saving: the chooser comes, the file replaces
   * the capture. */
  ui_test_press_key ("ctrl+o");
  dialog = ui_test_wait_for_toplevel (GTK_TYPE_MESSAGE_DIALOG);
  g_assert_true (ui_test_has_mapped_label (dialog, "Do you want to save the captured packets before opening another file?"));
  ui_test_answer_question ("Continue _without Saving");
  choose_file (sample_dir, sample_base, FALSE);
  want = (TitleIs) { window, sample_base };
  g_assert_true (ui_test_iterate_until (title_is, &want));
  g_assert_false (remora_capture_document_get_unsaved (remora_window_get_document (window)));
  /* A file from disk asks nothing and offers no Save. */
  g_assert_false (gtk_widget_get_sensitive (save_button (window)));
  ui_test_press_key ("ctrl+w");
  g_assert_true (ui_test_iterate_until (document_is_null, window));
  g_assert_null (ui_test_find_toplevel (GTK_TYPE_MESSAGE_DIALOG));

  /* Close, Save: the packets go to a file, then the window is empty. */
  capture_packets (window);
  document = remora_window_get_document (window);
  ui_test_press_key ("ctrl+w");
  dialog = ui_test_wait_for_toplevel (GTK_TYPE_MESSAGE_DIALOG);
  ui_test_answer_question ("_Save");
  choose_file (scratch_dir, "captured.pcapng", FALSE);
  wait_for_saved (saved_path);
  g_assert_true (ui_test_iterate_until (document_is_null, window));
  read_capture (saved_path, &saved);
  g_assert_cmpint (saved.format, ==, REMORA_FILE_FORMAT_PCAPNG);
  g_assert_cmpuint (saved.packets->len, ==, LIVE_PACKETS);

  /* A save that fails (no file can be made in /proc) says why in the
   * banner and loses nothing: the capture stays, unsaved. */
  capture_packets (window);
  document = remora_window_get_document (window);
  ui_test_press_key ("ctrl+s");
  choose_file ("/proc", "cannot-be.pcapng", FALSE);
  g_assert_true (ui_test_iterate_until (ui_test_banner_shown, window));
  g_assert_true (ui_test_iterate_until (save_failure_shown, window));
  ui_test_settle (GTK_WIDGET (window));
  ui_test_save_screenshot (GTK_WIDGET (window), "file-save-failed.png");
  g_assert_true (remora_window_get_document (window) == document);
  g_assert_true (remora_capture_document_get_unsaved (document));
  g_assert_cmpuint (n_rows (window), ==, LIVE_PACKETS);
  g_assert_true (gtk_widget_get_sensitive (save_button (window)));

  /* Quit, Continue without Saving: the application ends. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  dialog = ui_test_wait_for_toplevel (GTK_TYPE_MESSAGE_DIALOG);
  ui_test_answer_question ("Continue _without Saving");
  g_assert_true (ui_test_iterate_until (has_no_window, app));

  g_unsetenv ("REMORA_CAPTURE");
  ui_test_stop_application (app);
  g_unlink (saved_path);
}

static gboolean
capturing_frames (gpointer data)
{
  RemoraCaptureDocument *document = remora_window_get_document (data);

  return document != NULL && remora_capture_document_get_live (document) &&
         remora_capture_document_get_n_frames (document) == 10;
}

/* Save asked for while the capture still runs: the capture stops first,
 * every packet it delivered is saved, then the file chooser of Open
 * comes up as asked. */
static void
test_save_while_capturing (void)
{
  RemoraApplication *app;
  RemoraWindow *window;
  GtkWidget *dialog;
  g_autofree char *helper = NULL;
  g_autofree char *saved_path = g_build_filename (scratch_dir, "stopped.pcapng", NULL);
  g_autoptr(RemoraCaptureRequest) request = remora_capture_request_new ();
  g_auto(CaptureContents) saved = { 0 };
  TitleIs want;

  app = start_with_fake_helper ();
  if (app == NULL)
    return;
  window = ui_test_activate (app);

  /* Ten packets, then the helper waits until it is stopped. */
  helper = g_build_filename (g_getenv ("REMORA_TEST_DATA"), "fake-remora-capture.py", NULL);
  g_setenv ("REMORA_CAPTURE", helper, TRUE);
  g_setenv ("FAKE_CAPTURE_PACKETS", "100", TRUE);
  g_setenv ("FAKE_CAPTURE_HANG_AFTER", "10", TRUE);
  remora_capture_request_add_interface (request, "lo");
  _remora_window_start_capture (window, request);
  g_assert_true (ui_test_iterate_until (capturing_frames, window));
  ui_test_settle (GTK_WIDGET (window));
  /* Nothing is saved while packets still arrive. */
  g_assert_false (gtk_widget_get_sensitive (save_button (window)));

  ui_test_press_key ("ctrl+o");
  dialog = ui_test_wait_for_toplevel (GTK_TYPE_MESSAGE_DIALOG);
  g_assert_true (ui_test_has_mapped_label (dialog, "Do you want to stop the capture and save the captured packets before opening another file?"));
  ui_test_answer_question ("_Save");
  choose_file (scratch_dir, "stopped.pcapng", FALSE);
  wait_for_saved (saved_path);
  read_capture (saved_path, &saved);
  g_assert_cmpuint (saved.packets->len, ==, 10);
  want = (TitleIs) { window, "stopped.pcapng" };
  g_assert_true (ui_test_iterate_until (title_is, &want));

  /* Then Open goes on: its chooser, cancelled here, leaves the saved
   * capture in the window. */
  g_assert_true (ui_test_iterate_until (ui_test_toplevel_shown, GSIZE_TO_POINTER (GTK_TYPE_FILE_CHOOSER_DIALOG)));
  gtk_dialog_response (GTK_DIALOG (ui_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG)), GTK_RESPONSE_CANCEL);
  g_assert_true (ui_test_iterate_until (ui_test_toplevel_gone, GSIZE_TO_POINTER (GTK_TYPE_FILE_CHOOSER_DIALOG)));
  g_assert_false (remora_capture_document_get_unsaved (remora_window_get_document (window)));
  g_assert_cmpuint (n_rows (window), ==, 10);

  g_unsetenv ("FAKE_CAPTURE_HANG_AFTER");
  g_unsetenv ("REMORA_CAPTURE");
  ui_test_stop_application (app);
  g_unlink (saved_path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data_home = NULL;
  int status;

  /* The recent files list goes to a folder of the test's own, before
   * GLib caches where the user's data lives. */
  scratch_dir = g_dir_make_tmp ("remora-file-ops-XXXXXX", &error);
  g_assert_no_error (error);
  data_home = g_build_filename (scratch_dir, "data-home", NULL);
  g_mkdir_with_parents (data_home, 0700);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  g_test_init (&argc, &argv, NULL);
  ui_test_ignore_environment_warnings ();

  sample_path = g_strdup (UI_SAMPLE_PCAP);
  g_test_add_func ("/remora/ui/file/save-as", test_save_as);
  g_test_add_func ("/remora/ui/file/export-displayed", test_export_displayed);
  g_test_add_func ("/remora/ui/file/save-over-open-file", test_save_over_open_file);
  g_test_add_func ("/remora/ui/file/open-recent", test_open_recent);
  g_test_add_func ("/remora/ui/file/drop", test_drop_file);
  g_test_add_func ("/remora/ui/file/unsaved-question", test_unsaved_question);
  g_test_add_func ("/remora/ui/file/save-while-capturing", test_save_while_capturing);
  status = g_test_run ();

  {
    g_autofree char *recent = g_build_filename (data_home, "recently-used.xbel", NULL);

    g_unlink (recent);
  }
  g_rmdir (data_home);
  g_rmdir (scratch_dir);
  g_free (sample_path);
  g_free (scratch_dir);
  return status;
}
