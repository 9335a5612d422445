/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-follow-window"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

#include "remora-capture-document.h"
#include "remora-dfilter.h"
#include "remora-dissect.h"
#include "remora-follow-window.h"
#include "ui-test-util.h"

/* The Follow TCP Stream window over the repository's sample capture
 * (data/sample/http-dns.pcap: one HTTP GET of /index.txt and its 4,205-byte
 * HTTP/1.0 answer in tcp.stream 0), read through its widgets: the text
 * view's text and tags, the drop-downs, the summary line, the buttons. */

#define TIMEOUT_MS 20000

/* What tshark -z follow,tcp,ascii,0 reports for the sample. */
#define CLIENT_NODE  "10.99.0.2:59590"
#define SERVER_NODE  "10.99.0.1:80"
#define CLIENT_BYTES 129
#define SERVER_BYTES 4205

static char *sample_path;
static char *scratch_dir;

/* ---- driving the main loop ---- */

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static gboolean
is_nonnull (gpointer data)
{
  return *(gpointer *) data != NULL;
}

static gboolean
window_collected (gpointer data)
{
  return !remora_follow_window_get_loading (data);
}

/* ---- the document ---- */

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (remora_capture_document_load_finish (REMORA_CAPTURE_DOCUMENT (source), result, &error));
  g_assert_no_error (error);
  *(gboolean *) data = TRUE;
}

static RemoraCaptureDocument *
load_sample (void)
{
  g_autoptr(GFile) file = g_file_new_for_path (sample_path);
  RemoraCaptureDocument *document = remora_capture_document_new (file);
  gboolean loaded = FALSE;

  remora_capture_document_load_async (document, NULL, on_loaded, &loaded);
  g_assert_true (ui_test_iterate_until (ui_test_is_true, &loaded));
  g_assert_cmpuint (remora_capture_document_get_n_frames (document), ==, 30);
  return document;
}

/* ---- reading the widget tree ---- */

static GtkWidget *
find_widget (GtkWidget  *root,
             GType       type,
             const char *name)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) &&
      (name == NULL || g_strcmp0 (gtk_widget_get_name (root), name) == 0))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkTextBuffer *
window_buffer (RemoraFollowWindow *window)
{
  GtkWidget *view = find_widget (GTK_WIDGET (window), GTK_TYPE_TEXT_VIEW, NULL);

  g_assert_nonnull (view);
  g_assert_true (gtk_widget_get_mapped (view));
  g_assert_false (gtk_text_view_get_editable (GTK_TEXT_VIEW (view)));
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
}

static char *
window_text (RemoraFollowWindow *window)
{
  GtkTextBuffer *buffer = window_buffer (window);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
}

static GtkDropDown *
window_drop_down (RemoraFollowWindow *window,
                  const char         *name)
{
  GtkWidget *drop_down = find_widget (GTK_WIDGET (window), GTK_TYPE_DROP_DOWN, name);

  g_assert_nonnull (drop_down);
  g_assert_true (gtk_widget_is_sensitive (drop_down));
  return GTK_DROP_DOWN (drop_down);
}

static void
select_item (RemoraFollowWindow *window,
             const char         *drop_down_name,
             const char         *item)
{
  GtkDropDown *drop_down = window_drop_down (window, drop_down_name);
  GListModel *model = gtk_drop_down_get_model (drop_down);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      const char *text = gtk_string_list_get_string (GTK_STRING_LIST (model), i);

      if (g_str_has_prefix (text, item))
        {
          gtk_drop_down_set_selected (drop_down, i);
          ui_test_iterate_until (ui_test_no_more_events, NULL);
          return;
        }
    }
  g_error ("no item \"%s\" in %s", item, drop_down_name);
}

/* The colour tag ("client" or "server") on the text at the first
 * occurrence of NEEDLE, and its background. */
static const char *
tag_at (GtkTextBuffer *buffer,
        const char    *text,
        const char    *needle,
        GdkRGBA       *background)
{
  const char *found = strstr (text, needle);
  const char *name = NULL;
  GtkTextIter iter;
  GSList *tags;

  g_assert_nonnull (found);
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, (int) g_utf8_pointer_to_offset (text, found));
  tags = gtk_text_iter_get_tags (&iter);
  g_assert_cmpuint (g_slist_length (tags), ==, 1);
  g_object_get (tags->data, "name", &name, NULL);
  if (background != NULL)
    {
      GdkRGBA *rgba = NULL;

      g_object_get (tags->data, "background-rgba", &rgba, NULL);
      g_assert_nonnull (rgba);
      *background = *rgba;
      gdk_rgba_free (rgba);
    }
  g_slist_free (tags);
  return g_intern_string (name);
}

/* ---- the screenshot ---- */

/* ---- tests ---- */

static RemoraFollowWindow *
open_follow_window (GtkWindow             *parent,
                    RemoraCaptureDocument *document,
                    guint32                stream)
{
  RemoraFollowWindow *window = remora_follow_window_new (parent, document, stream);

  g_assert_nonnull (window);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (ui_test_iterate_until (window_collected, window));
  ui_test_wait_for_paint (GTK_WIDGET (window));
  return window;
}

static void
on_filter_out (RemoraFollowWindow *window,
               const char         *filter,
               char              **out)
{
  g_free (*out);
  *out = g_strdup (filter);
}

static void
test_follow_stream (void)
{
  g_autoptr(RemoraCaptureDocument) document = NULL;
  g_autofree char *expected_title = NULL;
  g_autofree char *text = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *saved_path = NULL;
  g_autofree char *filter = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) saved_file = NULL;
  g_autoptr(RemoraDfilter) dfilter = NULL;
  RemoraFollowWindow *window;
  GtkWindow *parent;
  GtkTextBuffer *buffer;
  GtkDropDown *directions;
  GListModel *model;
  GdkRGBA client_bg, server_bg;
  gsize saved_len = 0;

  if (sample_path == NULL)
    {
      g_test_skip ("needs data/sample/http-dns.pcap");
      return;
    }

  document = load_sample ();
  parent = GTK_WINDOW (gtk_window_new ());
  gtk_window_present (parent);
  window = open_follow_window (parent, document, 0);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (window)) == parent);

  expected_title = g_strdup_printf ("Follow TCP Stream (tcp.stream eq 0) · %s",
                                    remora_capture_document_get_display_name (document));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, expected_title);
  g_assert_true (ui_test_has_mapped_label (GTK_WIDGET (window), "1 client pkt, 9 server pkts, 1 turn"));

  /* ASCII, the whole conversation, each side in its own colour. */
  buffer = window_buffer (window);
  text = window_text (window);
  g_assert_cmpuint (strlen (text), ==, CLIENT_BYTES + SERVER_BYTES);
  g_assert_true (g_str_has_prefix (text, "GET /index.txt HTTP/1.1\r\n"));
  g_assert_nonnull (strstr (text, "HTTP/1.0 200 OK\r\n"));
  g_assert_nonnull (strstr (text, "\r\n\r\nRemora sample page.\n"));
  g_assert_cmpstr (tag_at (buffer, text, "GET /index.txt HTTP/1.1", &client_bg), ==, "client");
  g_assert_cmpstr (tag_at (buffer, text, "HTTP/1.0 200 OK", &server_bg), ==, "server");
  g_assert_cmpstr (tag_at (buffer, text, "Remora sample page.", NULL), ==, "server");
  g_assert_false (gdk_rgba_equal (&client_bg, &server_bg));
  ui_test_save_screenshot (GTK_WIDGET (window), "follow-window.png");

  /* Save as writes exactly what is shown. */
  saved_path = g_build_filename (scratch_dir, "stream-0.txt", NULL);
  saved_file = g_file_new_for_path (saved_path);
  g_assert_true (remora_follow_window_save (window, saved_file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (saved_path, &saved, &saved_len, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (saved_len, ==, strlen (text));
  g_assert_cmpstr (saved, ==, text);
  g_unlink (saved_path);
  g_clear_pointer (&text, g_free);

  /* Hex Dump: offsets per side, the server's lines indented. */
  select_item (window, "show-dropdown", "Hex Dump");
  text = window_text (window);
  g_assert_true (g_str_has_prefix (text, "00000000  47 45 54 20 2f 69 6e 64  65 78 2e 74 78 74 20 48  GET /ind ex.txt H\n"));
  g_assert_nonnull (strstr (text, "\n    00000000  48 54 54 50 2f 31 2e 30  20 32 30 30 20 4f 4b 0d  HTTP/1.0  200 OK.\n"));
  /* 129 = 8 * 16 + 1: the client's last line holds one byte. */
  g_assert_nonnull (strstr (text, "\n00000080  0a "));
  g_assert_cmpstr (tag_at (buffer, text, "00000000  47", NULL), ==, "client");
  g_assert_cmpstr (tag_at (buffer, text, "    00000000  48", NULL), ==, "server");
  ui_test_save_screenshot (GTK_WIDGET (window), "follow-window-hex.png");
  g_clear_pointer (&text, g_free);

  /* The direction drop-down: each side with its byte count. */
  directions = window_drop_down (window, "direction-dropdown");
  model = gtk_drop_down_get_model (directions);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  g_assert_true (g_str_has_prefix (gtk_string_list_get_string (GTK_STRING_LIST (model), 0),
                                   "Entire conversation ("));
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), 1), ==,
                   CLIENT_NODE " → " SERVER_NODE " (129 bytes)");
  g_assert_true (g_str_has_prefix (gtk_string_list_get_string (GTK_STRING_LIST (model), 2),
                                   SERVER_NODE " → " CLIENT_NODE " (4"));
  g_assert_true (g_str_has_suffix (gtk_string_list_get_string (GTK_STRING_LIST (model), 2),
                                   "205 bytes)"));

  select_item (window, "direction-dropdown", SERVER_NODE " → ");
  text = window_text (window);
  g_assert_true (g_str_has_prefix (text, "    00000000  48 54 54 50"));
  g_assert_null (strstr (text, "47 45 54 20"));
  g_clear_pointer (&text, g_free);

  select_item (window, "show-dropdown", "ASCII");
  text = window_text (window);
  g_assert_cmpuint (strlen (text), ==, SERVER_BYTES);
  g_assert_true (g_str_has_prefix (text, "HTTP/1.0 200 OK\r\n"));
  g_assert_null (strstr (text, "GET /index.txt"));
  g_clear_pointer (&text, g_free);

  /* Raw: one hex string per chunk, the client's request first. */
  select_item (window, "direction-dropdown", "Entire conversation");
  select_item (window, "show-dropdown", "Raw");
  text = window_text (window);
  g_assert_true (g_str_has_prefix (text, "474554202f696e6465782e74787420485454502f312e310d0a"));
  g_assert_cmpuint (strlen (text), ==, 2 * (CLIENT_BYTES + SERVER_BYTES) + 10);
  g_clear_pointer (&text, g_free);

  /* Filter Out This Stream hands the main window a filter that compiles
   * (tshark 4.0 accepts the same text) and closes the window. */
  g_signal_connect (window, "filter-out", G_CALLBACK (on_filter_out), &filter);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  g_assert_true (gtk_widget_activate (ui_test_find_button (GTK_WIDGET (window), "Filter Out This Stream")));
  /* A keyboard activation shows the press briefly before "clicked". */
  g_assert_true (ui_test_iterate_until (is_nonnull, &filter));
  g_assert_cmpstr (filter, ==, "!(tcp.stream eq 0)");
  dfilter = remora_dfilter_compile (filter, NULL);
  g_assert_nonnull (dfilter);
  g_assert_true (ui_test_iterate_until (is_null, &window));

  gtk_window_destroy (parent);
  ui_test_iterate_until (ui_test_no_more_events, NULL);
}

/* While the document has no frames yet, the window reads the file. */
static void
test_follow_from_file (void)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(RemoraCaptureDocument) document = NULL;
  g_autofree char *text = NULL;
  RemoraFollowWindow *window;

  if (sample_path == NULL)
    {
      g_test_skip ("needs data/sample/http-dns.pcap");
      return;
    }

  file = g_file_new_for_path (sample_path);
  document = remora_capture_document_new (file);
  window = open_follow_window (NULL, document, 0);
  text = window_text (window);
  g_assert_cmpuint (strlen (text), ==, CLIENT_BYTES + SERVER_BYTES);
  g_assert_true (g_str_has_prefix (text, "GET /index.txt HTTP/1.1\r\n"));

  /* Close (the button) ends it. */
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  g_assert_true (gtk_widget_activate (ui_test_find_button (GTK_WIDGET (window), "Close")));
  g_assert_true (ui_test_iterate_until (is_null, &window));
}

/* A stream number the capture does not have: an empty view that says so. */
static void
test_follow_missing_stream (void)
{
  g_autoptr(RemoraCaptureDocument) document = NULL;
  g_autofree char *text = NULL;
  RemoraFollowWindow *window;

  if (sample_path == NULL)
    {
      g_test_skip ("needs data/sample/http-dns.pcap");
      return;
    }

  document = load_sample ();
  window = open_follow_window (NULL, document, 7);
  text = window_text (window);
  g_assert_cmpstr (text, ==, "");
  g_assert_true (ui_test_has_mapped_label (GTK_WIDGET (window), "This stream carries no data."));
  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_iterate_until (ui_test_no_more_events, NULL);
}

/* Escape closes the window, pressed on the X server's keyboard. */
static void
test_follow_escape (void)
{
#ifdef GDK_WINDOWING_X11
  const char *tool = g_getenv ("REMORA_XDOTOOL");
  g_autoptr(RemoraCaptureDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *xid = NULL;
  RemoraFollowWindow *window;
  int status = 0;

  if (sample_path == NULL || tool == NULL || *tool == '\0' ||
      !GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    {
      g_test_skip ("needs the sample, xdotool and an X11 display");
      return;
    }

  document = load_sample ();
  window = open_follow_window (NULL, document, 0);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (window))));
  ui_test_iterate_until (ui_test_no_more_events, NULL);
  g_spawn_sync (NULL, (char *[]) { (char *) tool, "windowfocus", "--sync", xid, "key", "Escape", NULL },
                NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (ui_test_iterate_until (is_null, &window));
#else
  g_test_skip ("needs X11");
#endif
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  ui_test_ignore_environment_warnings ();
  gtk_init ();

  scratch_dir = g_dir_make_tmp ("remora-follow-XXXXXX", &error);
  g_assert_no_error (error);
  /* The checks name the sample's bytes, so only that capture will do. */
  if (g_file_test (UI_SAMPLE_PCAP, G_FILE_TEST_IS_REGULAR))
    sample_path = g_strdup (UI_SAMPLE_PCAP);

  g_test_add_func ("/remora/ui/follow-window/stream", test_follow_stream);
  g_test_add_func ("/remora/ui/follow-window/from-file", test_follow_from_file);
  g_test_add_func ("/remora/ui/follow-window/missing-stream", test_follow_missing_stream);
  g_test_add_func ("/remora/ui/follow-window/escape", test_follow_escape);
  status = g_test_run ();

  g_rmdir (scratch_dir);
  g_free (sample_path);
  g_free (scratch_dir);
  return status;
}
