/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-progressive-load"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "remora-application.h"
#include "remora-capture-document.h"
#include "remora-capture-reader.h"
#include "remora-filtered-packet-list.h"
#include "remora-packet.h"
#include "remora-proto-tree.h"
#include "remora-window.h"
#include "ui-test-util.h"

/* A large file shows its first rows while the rest is still being read:
 * the document hands frames to the list in batches (one items-changed
 * each, never one per packet), a row can be dissected meanwhile, and a
 * cancel keeps what was read.  The captures are written here with the
 * core's writer: small UDP frames between a few hundred hosts. */

#define MODEL_PACKETS  200000
/* Enough that a click reaches the window well before the end. */
#define WINDOW_PACKETS 2000000

static char *scratch_dir;
static char *model_path;
static char *window_path;

static void
write_capture (const char *path,
               guint       n_packets)
{
  g_autoptr(GError) error = NULL;
  RemoraInterface iface = { .link_type = REMORA_LINKTYPE_ETHERNET, .ts_units = 1000000 };
  RemoraCaptureWriter *writer;

  writer = remora_capture_writer_new (path, REMORA_FILE_FORMAT_PCAP, &error);
  g_assert_no_error (error);
  g_assert_cmpint (remora_capture_writer_add_interface (writer, &iface, &error), ==, 0);
  g_assert_no_error (error);
  for (guint i = 0; i < n_packets; i++)
    {
      /* Ethernet + IPv4 + UDP 40000+ -> 9 (discard) with 8 bytes. */
      guint8 frame[50] = {
        0x02, 0x00, 0x00, 0x00, 0x00, 0x02, 0x02, 0x00, 0x00, 0x00, 0x00, 0x01, 0x08, 0x00,
        0x45, 0x00, 0x00, 0x24, 0x00, 0x01, 0x00, 0x00, 0x40, 0x11, 0x00, 0x00,
        10, 0, (guint8) (i >> 8), (guint8) i, 10, 1, 0, 2,
        (guint8) ((40000 + i % 1000) >> 8), (guint8) (40000 + i % 1000), 0x00, 0x09, 0x00, 0x10, 0x00, 0x00,
        'r', 'e', 'm', 'o', 'r', 'a', (guint8) ('0' + i % 10), (guint8) ('0' + i / 10 % 10),
      };
      RemoraPacketRecord rec = {
        .data = frame,
        .ts_ns = G_GINT64_CONSTANT (1700000000000000000) + i * G_GINT64_CONSTANT (1000000),
        .cap_len = sizeof frame,
        .orig_len = sizeof frame,
      };

      remora_capture_writer_write (writer, &rec, &error);
      g_assert_no_error (error);
    }
  remora_capture_writer_close (writer, &error);
  g_assert_no_error (error);
}

/* ---- the model ---- */

typedef struct {
  RemoraCaptureDocument    *document;
  RemoraFilteredPacketList *list;
  GPtrArray                *changes;         /* "position removed added", as emitted */
  guint                     while_loading;   /* emissions before the load ended */
  guint                     grew_while_loading; /* of those, past the first few screens */
  GCancellable             *cancel_at_first; /* cancelled on the first emission */
  RemoraPacketSnapshot     *snapshot;        /* row 1 dissected at the first emission */
  GAsyncResult             *result;
} LoadRun;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  LoadRun    *run)
{
  g_ptr_array_add (run->changes, g_strdup_printf ("%u %u %u", position, removed, added));
  if (remora_capture_document_get_loading (run->document))
    {
      run->while_loading++;
      /* The first rows come a screenful at a time, then the worker's
       * reports take over. */
      if (position >= 256)
        run->grew_while_loading++;
    }

  if (run->changes->len == 1)
    {
      /* The worker is still running: its session and store are in use. */
      g_assert_true (remora_capture_document_get_loading (run->document));
      run->snapshot = remora_capture_document_dissect_frame (run->document, 1, 0);
      if (run->cancel_at_first != NULL)
        g_cancellable_cancel (run->cancel_at_first);
    }
}

static void
on_loaded (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  LoadRun *run = user_data;

  run->result = g_object_ref (result);
}

static gboolean
run_finished (gpointer data)
{
  return ((LoadRun *) data)->result != NULL;
}

static void
load_run (LoadRun      *run,
          const char   *path,
          GCancellable *cancel_at_first)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  memset (run, 0, sizeof *run);
  run->document = remora_capture_document_new (file);
  run->list = remora_filtered_packet_list_new (run->document);
  run->changes = g_ptr_array_new_with_free_func (g_free);
  run->cancel_at_first = cancel_at_first;
  g_signal_connect (run->list, "items-changed", G_CALLBACK (on_items_changed), run);

  remora_capture_document_load_async (run->document, cancel_at_first, on_loaded, run);
  g_assert_true (ui_test_iterate_until_for (run_finished, run, 120000));
}

static void
load_run_clear (LoadRun *run)
{
  g_signal_handlers_disconnect_by_func (run->list, on_items_changed, run);
  g_clear_pointer (&run->snapshot, remora_packet_snapshot_unref);
  g_clear_object (&run->result);
  g_clear_object (&run->list);
  g_clear_object (&run->document);
  g_ptr_array_unref (run->changes);
}

/* The emissions, each "position 0 added" continuing where the last one
 * ended; returns the length they add up to. */
static guint
check_growth (GPtrArray *changes)
{
  guint n = 0;

  for (guint i = 0; i < changes->len; i++)
    {
      guint position, removed, added;

      g_assert_cmpint (sscanf (g_ptr_array_index (changes, i), "%u %u %u",
                               &position, &removed, &added), ==, 3);
      g_assert_cmpuint (position, ==, n);
      g_assert_cmpuint (removed, ==, 0);
      g_assert_cmpuint (added, >, 0);
      n += added;
    }
  return n;
}

/* Whether a top-level line of PKT's tree starts with PREFIX. */
static gboolean
tree_has_layer (const RemoraPacket *pkt,
                const char         *prefix)
{
  g_autoptr(GString) label = g_string_new (NULL);

  for (RemoraItem item = remora_packet_get_first_root (pkt); item != 0;
       item = remora_packet_get_node (pkt, item)->next_sibling)
    {
      g_string_truncate (label, 0);
      remora_node_format_label (pkt, item, label);
      if (g_str_has_prefix (label->str, prefix))
        return TRUE;
    }
  return FALSE;
}

static void
test_model_rows_in_batches (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) sequence = g_string_new (NULL);
  const RemoraPacket *pkt;
  LoadRun run;

  load_run (&run, model_path, NULL);
  for (guint i = 0; i < run.changes->len; i++)
    g_string_append_printf (sequence, "%s(%s)", i > 0 ? " " : "",
                            (const char *) g_ptr_array_index (run.changes, i));
  g_test_message ("items-changed, %u while loading: %s", run.while_loading, sequence->str);

  g_assert_true (remora_capture_document_load_finish (run.document, run.result, &error));
  g_assert_no_error (error);

  /* Rows came before the load ended, in several batches, none per packet. */
  g_assert_cmpuint (run.while_loading, >=, 2);
  g_assert_cmpuint (run.grew_while_loading, >=, 1);
  g_assert_cmpuint (run.changes->len, >=, 3);
  g_assert_cmpuint (run.changes->len, <, MODEL_PACKETS / 1000);
  g_assert_cmpuint (check_growth (run.changes), ==, MODEL_PACKETS);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (run.list)), ==, MODEL_PACKETS);
  g_assert_cmpuint (remora_capture_document_get_n_frames (run.document), ==, MODEL_PACKETS);

  /* Row 1, dissected while the worker ran, has its whole tree. */
  g_assert_nonnull (run.snapshot);
  pkt = remora_packet_snapshot_get_packet (run.snapshot);
  g_assert_true (tree_has_layer (pkt, "Frame 1: "));
  g_assert_true (tree_has_layer (pkt, "Internet Protocol Version 4, Src: 10.0.0.0"));
  g_assert_true (tree_has_layer (pkt, "User Datagram Protocol, Src Port: 40000"));

  load_run_clear (&run);
}

static void
test_model_cancel_keeps_rows (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RemoraPacketSummary) last = NULL;
  guint n;
  LoadRun run;

  load_run (&run, model_path, cancellable);

  g_assert_false (remora_capture_document_load_finish (run.document, run.result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (remora_capture_document_get_loading (run.document));

  /* What was read stays, and the list shows all of it. */
  n = remora_capture_document_get_n_frames (run.document);
  g_test_message ("cancelled after %u of %u frames", n, MODEL_PACKETS);
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (n, <, MODEL_PACKETS);
  g_assert_cmpuint (check_growth (run.changes), ==, n);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (run.list)), ==, n);
  last = remora_capture_document_ref_summary (run.document, n);
  g_assert_cmpstr (remora_packet_summary_get_text (last, REMORA_COLUMN_PROTOCOL), ==, "UDP");

  load_run_clear (&run);
}

/* ---- the window ---- */

static gboolean
list_has_rows (gpointer data)
{
  RemoraWindow *window = data;
  GtkWidget *column_view = ui_test_packet_list (window);
  g_auto(GStrv) texts = ui_test_find_row_texts (column_view, "1");

  return texts != NULL && gtk_widget_get_mapped (column_view);
}

static void
test_window_select_while_loading (void)
{
  RemoraApplication *app;
  RemoraWindow *window;
  RemoraCaptureDocument *document;
  RemoraProtoTree *tree;
  GtkWidget *column_view;
  const RemoraPacket *pkt;
  char *status;

  app = ui_test_start_application_for_input ();
  if (app == NULL)
    return;
  window = ui_test_open_in_application (app, window_path);
  document = remora_window_get_document (window);
  column_view = ui_test_packet_list (window);
  tree = REMORA_PROTO_TREE (ui_test_find_by_type (GTK_WIDGET (window), REMORA_TYPE_PROTO_TREE));

  /* The list, not the loading page, as soon as the first rows are read. */
  g_assert_true (ui_test_iterate_until (list_has_rows, window));
  g_assert_true (remora_capture_document_get_loading (document));
  status = g_strdup (ui_test_status_text (window));
  g_assert_true (g_str_has_prefix (status, "Loading… "));
  g_assert_true (ui_test_find_mapped_button (GTK_WIDGET (window), "Cancel") != NULL);

  /* A click on row 2 shows its tree while the file is still loading. */
  ui_test_settle (GTK_WIDGET (window));
  ui_test_select_frame (column_view, tree, 2);
  g_assert_true (remora_capture_document_get_loading (document));
  pkt = remora_packet_snapshot_get_packet (remora_proto_tree_get_snapshot (tree));
  g_assert_true (tree_has_layer (pkt, "Internet Protocol Version 4, Src: 10.0.0.1"));
  ui_test_settle (GTK_WIDGET (window));
  ui_test_save_screenshot (GTK_WIDGET (window), "progressive-load.png");

  g_assert_true (ui_test_iterate_until_for (ui_test_window_loaded, window, 120000));
  g_assert_cmpuint (remora_capture_document_get_n_frames (document), ==, WINDOW_PACKETS);
  g_free (status);
  status = g_strdup (ui_test_status_text (window));
  g_assert_cmpstr (status, ==, "Packets: 2000000 · Displayed: 2000000 (100.0%)");
  g_assert_null (ui_test_find_mapped_button (GTK_WIDGET (window), "Cancel"));
  /* The selection stayed through the growth. */
  g_assert_cmpuint (remora_packet_snapshot_get_number (remora_proto_tree_get_snapshot (tree)), ==, 2);
  g_free (status);

  ui_test_stop_application (app);
}

static gboolean
load_over (gpointer data)
{
  return !remora_capture_document_get_loading (data);
}

static void
test_window_cancel_keeps_rows (void)
{
  RemoraApplication *app;
  RemoraWindow *window;
  RemoraCaptureDocument *document;
  GtkWidget *cancel;
  g_autofree char *status = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *message = NULL;
  UiTestLabel shows_message;
  guint n;

  app = ui_test_start_application_for_input ();
  if (app == NULL)
    return;
  window = ui_test_open_in_application (app, window_path);
  document = g_object_ref (remora_window_get_document (window));
  g_assert_true (ui_test_iterate_until (list_has_rows, window));
  g_assert_true (remora_capture_document_get_loading (document));

  cancel = ui_test_find_mapped_button (GTK_WIDGET (window), "Cancel");
  g_assert_nonnull (cancel);
  ui_test_settle (GTK_WIDGET (window));
  ui_test_click_center (cancel);
  g_assert_true (ui_test_iterate_until (load_over, document));
  ui_test_settle (GTK_WIDGET (window));

  /* The same document, with the frames read so far, all displayed. */
  g_assert_true (remora_window_get_document (window) == document);
  n = remora_capture_document_get_n_frames (document);
  g_test_message ("cancelled after %u of %u frames", n, WINDOW_PACKETS);
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (n, <, WINDOW_PACKETS);
  status = g_strdup_printf ("Packets: %u · Displayed: %u (100.0%%)", n, n);
  shown = g_strdup (ui_test_status_text (window));
  g_assert_cmpstr (shown, ==, status);
  message = g_strdup_printf ("Loading stopped. The first %u packets are shown.", n);
  /* The banner slides in. */
  shows_message = (UiTestLabel) { GTK_WIDGET (window), message };
  g_assert_true (ui_test_iterate_until (ui_test_label_shown, &shows_message));
  g_assert_true (list_has_rows (window));
  ui_test_run_for_ms (500);
  ui_test_save_screenshot (GTK_WIDGET (window), "progressive-load-cancelled.png");

  g_object_unref (document);
  ui_test_stop_application (app);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  ui_test_ignore_environment_warnings ();

  scratch_dir = g_dir_make_tmp ("remora-progressive-XXXXXX", &error);
  g_assert_no_error (error);
  model_path = g_build_filename (scratch_dir, "model.pcap", NULL);
  window_path = g_build_filename (scratch_dir, "window.pcap", NULL);
  write_capture (model_path, MODEL_PACKETS);
  write_capture (window_path, WINDOW_PACKETS);

  g_test_add_func ("/remora/ui/progressive-load/model-batches", test_model_rows_in_batches);
  g_test_add_func ("/remora/ui/progressive-load/model-cancel", test_model_cancel_keeps_rows);
  g_test_add_func ("/remora/ui/progressive-load/select-while-loading", test_window_select_while_loading);
  g_test_add_func ("/remora/ui/progressive-load/cancel", test_window_cancel_keeps_rows);
  status = g_test_run ();

  g_unlink (model_path);
  g_unlink (window_path);
  g_rmdir (scratch_dir);
  g_free (model_path);
  g_free (window_path);
  g_free (scratch_dir);
  return status;
}
