/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-live-netns"

#include "config.h"

#include <netinet/in.h>
#include <arpa/inet.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "remora-capture-document.h"
#include "remora-capture-options.h"
#include "remora-filter-bar.h"
#include "remora-hex-view.h"
#include "remora-interface-chooser.h"
#include "remora-interface-item.h"
#include "remora-packet-row.h"
#include "remora-proto-node.h"
#include "remora-proto-tree.h"
#include "remora-sparkline.h"
#include "ui-test-util.h"

/* Live capture through the application on a real interface: the window
 * captures with the build's helper on one end of a veth pair, in the
 * network namespace tests/ui/live-netns.py made and runs this program in
 * (under Xvfb, as root or as a user it made).  The driver says what to
 * use through the environment:
 *
 *   REMORA_NETNS_IFACE   the veth end in this namespace
 *   REMORA_NETNS_SERVER  the address of the other end (an HTTP server there)
 *   REMORA_NETNS_PAGE    the file that server serves as /rfc2324.txt
 *   REMORA_NETNS_EXPECT  lines the error bar must show (unprivileged-denied)
 *
 * Run alone, every case is skipped. */

static const char *iface;
static const char *server;

static gboolean
have_netns (void)
{
  iface = g_getenv ("REMORA_NETNS_IFACE");
  server = g_getenv ("REMORA_NETNS_SERVER");
  if (iface == NULL || server == NULL)
    {
      g_test_skip ("run by tests/ui/live-netns.py, as root, in the namespaces it makes");
      return FALSE;
    }
  return TRUE;
}

/* ---- widgets ---- */

static gboolean
options_shown (gpointer data)
{
  GtkWidget *options = ui_test_find_toplevel (REMORA_TYPE_CAPTURE_OPTIONS);

  return options != NULL && ui_test_find_interface_cell (options, "capture-check", iface) != NULL;
}

/* Ctrl+K, the veth ticked with a click, Start: as a person starts. */
static void
start_through_options (RemoraWindow *window)
{
  GtkWidget *options;
  GtkWidget *check;

  ui_test_press_key ("ctrl+k");
  g_assert_true (ui_test_iterate_until (options_shown, NULL));
  options = ui_test_find_toplevel (REMORA_TYPE_CAPTURE_OPTIONS);
  ui_test_settle (options);
  check = ui_test_find_interface_cell (options, "capture-check", iface);
  if (!gtk_check_button_get_active (GTK_CHECK_BUTTON (check)))
    ui_test_click_center (check);
  ui_test_settle (options);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  ui_test_click_center (ui_test_find_mapped_button (options, "_Start"));
  g_assert_true (ui_test_iterate_until (ui_test_toplevel_gone, GSIZE_TO_POINTER (REMORA_TYPE_CAPTURE_OPTIONS)));
}

/* The helper has opened the interface once the interface is promiscuous
 * (Capture Options' default): the helper says nothing the window shows
 * before the first packet. */
static gboolean
capture_open (gpointer data)
{
  RemoraCaptureDocument *document = remora_window_get_document (data);
  g_autofree char *path = g_strdup_printf ("/sys/class/net/%s/flags", iface);
  g_autofree char *flags = NULL;

  /* A failure to start ends the wait at once, with its reason. */
  if (ui_test_banner_text (data) != NULL)
    g_error ("the capture did not start: %s", ui_test_banner_text (data));
  if (document == NULL || !remora_capture_document_get_live (document) ||
      !g_file_get_contents (path, &flags, NULL, NULL))
    return FALSE;
  return (g_ascii_strtoull (flags, NULL, 16) & 0x100) != 0;   /* IFF_PROMISC */
}

typedef struct {
  RemoraWindow *window;
  guint         n_frames;
} AtLeast;

static gboolean
has_frames (gpointer data)
{
  AtLeast *want = data;
  RemoraCaptureDocument *document = remora_window_get_document (want->window);

  return document != NULL && remora_capture_document_get_n_frames (document) >= want->n_frames;
}

static gboolean
error_shown (gpointer data)
{
  const char *text = ui_test_banner_text (data);

  return text != NULL && text[0] != '\0';
}

/* The bar has slid in all the way. */
static gboolean
error_bar_open (gpointer data)
{
  GtkWidget *bar = ui_test_find_by_type (GTK_WIDGET (data), GTK_TYPE_INFO_BAR);
  GtkWidget *revealer = ui_test_find_by_type (bar, GTK_TYPE_REVEALER);

  return error_shown (data) && (revealer == NULL || gtk_revealer_get_child_revealed (GTK_REVEALER (revealer)));
}

/* ---- traffic ---- */

typedef struct {
  int fd;
  struct sockaddr_in to;
} Sender;

static gboolean
send_burst (gpointer data)
{
  Sender *s = data;

  for (int i = 0; i < 5; i++)
    sendto (s->fd, "remora-live", 11, 0, (struct sockaddr *) &s->to, sizeof s->to);
  return G_SOURCE_CONTINUE;
}

/* UDP to the other end every 10 ms, until the returned source is removed. */
static guint
start_sender (Sender *s)
{
  s->fd = socket (AF_INET, SOCK_DGRAM, 0);
  g_assert_cmpint (s->fd, >=, 0);
  s->to.sin_family = AF_INET;
  s->to.sin_port = htons (9999);
  g_assert_cmpint (inet_pton (AF_INET, server, &s->to.sin_addr), ==, 1);
  return g_timeout_add (10, send_burst, s);
}

static void
stop_sender (Sender *s,
             guint   source)
{
  g_source_remove (source);
  close (s->fd);
}

typedef struct {
  GSubprocess *process;
  gboolean     done;
} Fetch;

static void
fetch_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Fetch *fetch = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (object), result, NULL);
  fetch->done = TRUE;
}

/* ---- the packet list and tree ---- */

static gboolean
filter_applied (gpointer data)
{
  RemoraFilterBar *bar = data;

  return remora_filter_bar_get_state (bar) == REMORA_FILTER_STATE_VALID;
}

/* Ctrl+/, TEXT typed over what is there, Enter once the filter is valid. */
static void
type_filter (RemoraFilterBar *bar,
             const char      *text)
{
  ui_test_type_into_filter (bar, text, FALSE);
  g_assert_true (ui_test_iterate_until (filter_applied, bar));
  ui_test_press_key ("Return");
}

static gboolean
model_settled (gpointer data)
{
  UiTestModelLength *want = data;
  guint n = g_list_model_get_n_items (want->model);
  gboolean same = n == want->n_items;

  want->n_items = n;
  return same;
}

typedef struct {
  RemoraProtoTree *tree;
  guint            number;
  const char      *prefix;
} TreeWant;

/* The expander of the tree's line on screen that starts with PREFIX, or
 * NULL. */
static GtkWidget *
tree_line (RemoraProtoTree *tree,
           const char      *prefix)
{
  g_autoptr(GArray) lines = ui_test_tree_lines (tree);
  const UiTestTreeLine *line = ui_test_find_tree_line (lines, prefix);

  return line != NULL ? line->expander : NULL;
}

static gboolean
tree_shows (gpointer data)
{
  TreeWant *want = data;
  RemoraPacketSnapshot *snapshot = remora_proto_tree_get_snapshot (want->tree);

  return snapshot != NULL && remora_packet_snapshot_get_number (snapshot) == want->number &&
         tree_line (want->tree, want->prefix) != NULL;
}

/* Turns the wheel over the tree until a line starting with PREFIX is in
 * view; returns its expander. */
static GtkWidget *
scroll_tree_to (RemoraProtoTree *tree,
                const char      *prefix)
{
  if (!ui_test_scroll_tree_to_line (tree, prefix, "5"))
    return NULL;
  return tree_line (tree, prefix);
}

static gboolean
selection_is_set (gpointer data)
{
  guint start;
  guint length;

  remora_hex_view_get_selection (data, &start, &length);
  return length > 0;
}

/* UDP to the other end and a capture of it started through Capture
 * Options, running until at least N_FRAMES have arrived; returns the
 * sender's source for stop_sender. */
static guint
capture_traffic (RemoraWindow *window,
                 Sender       *sender,
                 guint         n_frames)
{
  guint source = start_sender (sender);
  AtLeast frames = { window, n_frames };

  start_through_options (window);
  g_assert_true (ui_test_iterate_until (capture_open, window));
  g_assert_true (ui_test_iterate_until (has_frames, &frames));
  return source;
}

/* ---- cases ---- */

/* The seed scenario: capture an HTTP download through the window, stop,
 * filter it to the request and the response, and find the whole served
 * file in the response's tree. */
static void
test_http_seed (void)
{
  const char *page_path = g_getenv ("REMORA_NETNS_PAGE");
  RemoraApplication *app;
  RemoraWindow *window;
  GtkWidget *column_view;
  GListModel *model;
  RemoraFilterBar *bar;
  RemoraProtoTree *tree;
  GtkNotebook *notebook;
  GtkWidget *line;
  GtkWidget *row;
  RemoraHexView *view;
  g_autoptr(GError) error = NULL;
  g_autofree char *page = NULL;
  g_autofree char *got = NULL;
  g_autofree char *got_path = NULL;
  g_autofree char *url = NULL;
  g_autofree char *filter = NULL;
  g_autofree char *segments = NULL;
  g_autofree char *file_data = NULL;
  g_autoptr(GBytes) body = NULL;
  gsize page_len;
  gsize got_len;
  guint start;
  guint length;
  guint response;
  Fetch fetch = { 0 };
  UiTestModelLength want_length;
  TreeWant want_tree;

  if (!have_netns ())
    return;
  g_assert_nonnull (page_path);
  g_file_get_contents (page_path, &page, &page_len, &error);
  g_assert_no_error (error);

  app = ui_test_start_application_for_input ();
  if (app == NULL)
    return;
  window = ui_test_activate (app);
  column_view = ui_test_packet_list (window);
  model = G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (column_view)));
  bar = REMORA_FILTER_BAR (ui_test_find_by_type (GTK_WIDGET (window), REMORA_TYPE_FILTER_BAR));
  tree = REMORA_PROTO_TREE (ui_test_find_by_type (GTK_WIDGET (window), REMORA_TYPE_PROTO_TREE));
  notebook = GTK_NOTEBOOK (ui_test_find_by_type (GTK_WIDGET (window), GTK_TYPE_NOTEBOOK));

  start_through_options (window);
  g_assert_true (ui_test_iterate_until (capture_open, window));
  /* The kernel hands packets to the helper's socket from here on. */
  ui_test_run_for_ms (300);

  /* The download, from this namespace to the server's. */
  got_path = g_build_filename (g_get_tmp_dir (), "remora-live-netns-got.txt", NULL);
  url = g_strdup_printf ("http://%s/rfc2324.txt", server);
  {
    g_autofree char *code =
      g_strdup_printf ("import urllib.request\n"
                       "data = urllib.request.urlopen('%s', timeout=10).read()\n"
                       "open('%s', 'wb').write(data)\n", url, got_path);

    fetch.process = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, "python3", "-c", code, NULL);
    g_assert_no_error (error);
    g_subprocess_wait_async (fetch.process, NULL, fetch_done, &fetch);
    g_assert_true (ui_test_iterate_until (ui_test_is_true, &fetch.done));
    g_assert_true (g_subprocess_get_successful (fetch.process));
    g_clear_object (&fetch.process);
  }
  g_file_get_contents (got_path, &got, &got_len, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (got, got_len, page, page_len);
  g_unlink (got_path);

  /* Past the helper's buffer timeout, then the header bar's Stop. */
  ui_test_run_for_ms (1200);
  ui_test_click_center (ui_test_find_action_button (GTK_WIDGET (window), "win.capture-stop"));
  g_assert_true (ui_test_iterate_until (ui_test_capture_ended, window));
  g_assert_null (ui_test_banner_text (window));

  /* The response crossed the small MTU in several segments. */
  segments = g_strdup_printf ("ip.src == %s and tcp.len > 0", server);
  type_filter (bar, segments);
  want_length = (UiTestModelLength) { model, G_MAXUINT };
  g_assert_true (ui_test_iterate_until (model_settled, &want_length));
  ui_test_run_for_ms (300);
  g_assert_true (ui_test_iterate_until (model_settled, &want_length));
  g_assert_cmpuint (g_list_model_get_n_items (model), >=, 4);

  /* The request and the response, nothing else. */
  filter = g_strdup_printf ("http and ip.addr == %s", server);
  type_filter (bar, filter);
  want_length = (UiTestModelLength) { model, 2 };
  g_assert_true (ui_test_iterate_until (ui_test_model_length_is, &want_length));
  ui_test_settle (GTK_WIDGET (window));
  {
    g_autoptr(RemoraPacketRow) request = g_list_model_get_item (model, 0);
    g_autoptr(RemoraPacketRow) reply = g_list_model_get_item (model, 1);

    g_assert_cmpstr (remora_packet_row_get_text (request, REMORA_COLUMN_PROTOCOL), ==, "HTTP");
    g_assert_true (g_str_has_prefix (remora_packet_row_get_text (request, REMORA_COLUMN_INFO),
                                     "GET /rfc2324.txt HTTP/1.1"));
    g_assert_true (g_str_has_prefix (remora_packet_row_get_text (reply, REMORA_COLUMN_INFO),
                                     "HTTP/1.0 200 OK"));
    response = remora_packet_row_get_number (reply);
  }

  /* The response's tree: the body, reassembled, is the file served. */
  {
    g_autofree char *number = g_strdup_printf ("%u", response);

    row = ui_test_find_packet_row (column_view, number);
    g_assert_nonnull (row);
    ui_test_click_center (row);
  }
  want_tree = (TreeWant) { tree, response, "Hypertext Transfer Protocol" };
  g_assert_true (ui_test_iterate_until (tree_shows, &want_tree));
  ui_test_settle (GTK_WIDGET (window));
  g_assert_cmpint (gtk_notebook_get_n_pages (notebook), ==, 2);
  g_assert_true (g_regex_match_simple ("^Reassembled TCP \\([0-9]+ bytes\\)$",
                                      gtk_notebook_get_tab_label_text (notebook, gtk_notebook_get_nth_page (notebook, 1)),
                                      0, 0));
  line = tree_line (tree, "Hypertext Transfer Protocol");
  ui_test_click_center (ui_test_expander_arrow (line));
  file_data = g_strdup_printf ("File Data: %" G_GSIZE_FORMAT " bytes", page_len);
  line = scroll_tree_to (tree, file_data);
  g_assert_nonnull (line);
  ui_test_click_center (gtk_tree_expander_get_child (GTK_TREE_EXPANDER (line)));
  view = REMORA_HEX_VIEW (gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (gtk_notebook_get_nth_page (notebook, 1))));
  g_assert_true (ui_test_iterate_until (selection_is_set, view));
  g_assert_cmpint (gtk_notebook_get_current_page (notebook), ==, 1);
  remora_hex_view_get_selection (view, &start, &length);
  body = g_bytes_new_from_bytes (remora_hex_view_get_bytes (view), start, length);
  g_assert_cmpmem (g_bytes_get_data (body, NULL), g_bytes_get_size (body), page, page_len);
  ui_test_save_screenshot (GTK_WIDGET (window), "remora-live-http.png");

  ui_test_stop_application (app);
}

typedef struct {
  GtkWidget           *root;
  RemoraInterfaceItem *item;
} ChooserWant;

/* The veth's count on screen in its row, shown busy, with a few seconds
 * of traffic in its graph. */
static gboolean
veth_busy_on_screen (gpointer data)
{
  ChooserWant *want = data;
  g_autofree char *expected = NULL;
  const double *samples;
  guint n;
  guint n_busy = 0;
  GtkWidget *label;

  if (remora_interface_item_get_packets (want->item) < 200)
    return FALSE;
  samples = remora_interface_item_get_samples (want->item, &n);
  for (guint i = 0; i < n; i++)
    n_busy += samples[i] > 0;
  if (n_busy < 3)
    return FALSE;
  expected = g_strdup_printf ("%" G_GUINT64_FORMAT, remora_interface_item_get_packets (want->item));
  label = ui_test_find_mapped_label (want->root, expected);
  return label != NULL && gtk_widget_has_css_class (label, "packet-count") &&
         gtk_widget_has_css_class (label, "busy");
}

static gboolean
chooser_lists_iface (gpointer data)
{
  ChooserWant *want = data;
  GListModel *model = remora_interface_chooser_get_model (REMORA_INTERFACE_CHOOSER (want->root));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(RemoraInterfaceItem) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (remora_interface_item_get_name (item), iface) == 0)
        {
          g_set_object (&want->item, item);
          return TRUE;
        }
    }
  return FALSE;
}

/* The start page's list counts the veth's packets as they flow, and a
 * double-click on its name captures on it. */
static void
test_chooser_veth (void)
{
  RemoraApplication *app;
  RemoraWindow *window;
  GtkWidget *chooser;
  GtkWidget *name;
  ChooserWant want = { 0 };
  Sender sender;
  guint source;
  guint64 count;
  AtLeast frames;

  if (!have_netns ())
    return;
  app = ui_test_start_application_for_input ();
  if (app == NULL)
    return;
  window = ui_test_activate (app);
  chooser = ui_test_find_by_type (GTK_WIDGET (window), REMORA_TYPE_INTERFACE_CHOOSER);
  g_assert_true (gtk_widget_get_mapped (chooser));
  want.root = chooser;
  g_assert_true (ui_test_iterate_until (chooser_lists_iface, &want));

  source = start_sender (&sender);
  g_assert_true (ui_test_iterate_until (veth_busy_on_screen, &want));
  ui_test_save_screenshot (GTK_WIDGET (window), "remora-start-page.png");

  /* Double-click on the veth's name. */
  name = ui_test_find_mapped_label (chooser, iface);
  g_assert_nonnull (name);
  ui_test_button_at (name, 4, gtk_widget_get_height (name) / 2.0, "1");
  ui_test_button_at (name, 4, gtk_widget_get_height (name) / 2.0, "1");
  g_assert_true (ui_test_iterate_until (capture_open, window));
  g_assert_false (gtk_widget_get_mapped (chooser));
  frames = (AtLeast) { window, 50 };
  g_assert_true (ui_test_iterate_until (has_frames, &frames));

  /* Hidden, the list samples nothing. */
  count = remora_interface_item_get_packets (want.item);
  ui_test_run_for_ms (2500);
  g_assert_cmpuint (remora_interface_item_get_packets (want.item), ==, count);

  ui_test_press_key ("ctrl+e");
  g_assert_true (ui_test_iterate_until (ui_test_capture_ended, window));
  stop_sender (&sender, source);
  g_assert_null (ui_test_banner_text (window));
  g_assert_cmpuint (remora_capture_document_get_n_frames (remora_window_get_document (window)), >=, 50);
  g_clear_object (&want.item);
  ui_test_stop_application (app);
}

/* The helper's pid: our child running $REMORA_CAPTURE. */
static GPid
find_helper (void)
{
  g_autofree char *helper = g_canonicalize_filename (g_getenv ("REMORA_CAPTURE"), NULL);
  g_autoptr(GDir) dir = g_dir_open ("/proc", 0, NULL);
  const char *entry;
  GPid found = 0;

  while ((entry = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *exe_link = g_strdup_printf ("/proc/%s/exe", entry);
      g_autofree char *stat_path = g_strdup_printf ("/proc/%s/stat", entry);
      g_autofree char *exe = g_file_read_link (exe_link, NULL);
      g_autofree char *stat = NULL;
      const char *after;
      int ppid = 0;

      if (exe == NULL || g_strcmp0 (exe, helper) != 0 ||
          !g_file_get_contents (stat_path, &stat, NULL, NULL))
        continue;
      /* "PID (COMM) STATE PPID ..." */
      after = strrchr (stat, ')');
      if (after != NULL && sscanf (after + 1, " %*c %d", &ppid) == 1 && ppid == getpid ())
        found = atoi (entry);
    }
  return found;
}

/* The helper killed under the running capture: the packets stay, and the
 * window says what happened. */
static void
test_helper_killed (void)
{
  RemoraApplication *app;
  RemoraWindow *window;
  Sender sender;
  guint source;
  guint before;
  GPid helper;
  const char *text;

  if (!have_netns ())
    return;
  app = ui_test_start_application_for_input ();
  if (app == NULL)
    return;
  window = ui_test_activate (app);
  source = capture_traffic (window, &sender, 100);

  helper = find_helper ();
  g_assert_cmpint (helper, >, 0);
  before = remora_capture_document_get_n_frames (remora_window_get_document (window));
  g_assert_cmpint (kill (helper, SIGKILL), ==, 0);
  g_assert_true (ui_test_iterate_until (ui_test_capture_ended, window));
  stop_sender (&sender, source);

  g_assert_cmpuint (remora_capture_document_get_n_frames (remora_window_get_document (window)), >=, before);
  g_assert_true (ui_test_iterate_until (error_shown, window));
  text = ui_test_banner_text (window);
  g_test_message ("error bar: %s", text);
  g_assert_nonnull (strstr (text, "killed by signal 9"));
  g_assert_nonnull (strstr (text, "kept"));
  /* Start is offered again, Stop no longer. */
  g_assert_nonnull (ui_test_find_action_button (GTK_WIDGET (window), "win.capture-start"));
  g_assert_true (gtk_widget_get_sensitive (ui_test_find_action_button (GTK_WIDGET (window), "win.capture-start")));
  g_assert_false (gtk_widget_get_sensitive (ui_test_find_action_button (GTK_WIDGET (window), "win.capture-stop")));
  g_assert_true (ui_test_iterate_until (error_bar_open, window));
  ui_test_save_screenshot (GTK_WIDGET (window), "remora-live-killed.png");
  ui_test_stop_application (app);
}

/* Run as a user without capture rights: the window explains and gives the
 * commands that fix it. */
static void
test_unprivileged_denied (void)
{
  const char *expect = g_getenv ("REMORA_NETNS_EXPECT");
  g_auto(GStrv) lines = NULL;
  RemoraApplication *app;
  RemoraWindow *window;
  const char *text;

  if (!have_netns ())
    return;
  g_assert_nonnull (expect);
  g_assert_cmpint (getuid (), !=, 0);
  app = ui_test_start_application_for_input ();
  if (app == NULL)
    return;
  window = ui_test_activate (app);
  start_through_options (window);
  g_assert_true (ui_test_iterate_until (error_shown, window));
  g_assert_false (gtk_widget_get_sensitive (ui_test_find_action_button (GTK_WIDGET (window), "win.capture-stop")));
  text = ui_test_banner_text (window);
  g_test_message ("error bar: %s", text);
  lines = g_strsplit (expect, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '\0' && strstr (text, lines[i]) == NULL)
      g_error ("the error bar does not say “%s”:\n%s", lines[i], text);
  g_assert_true (ui_test_iterate_until (error_bar_open, window));
  ui_test_save_screenshot (GTK_WIDGET (window), "remora-live-denied.png");
  ui_test_stop_application (app);
}

/* Run as a member of the helper's group, the helper with its rights: the
 * capture runs. */
static void
test_unprivileged_captures (void)
{
  RemoraApplication *app;
  RemoraWindow *window;
  Sender sender;
  guint source;

  if (!have_netns ())
    return;
  g_assert_cmpint (getuid (), !=, 0);
  app = ui_test_start_application_for_input ();
  if (app == NULL)
    return;
  window = ui_test_activate (app);
  source = capture_traffic (window, &sender, 20);
  ui_test_click_center (ui_test_find_action_button (GTK_WIDGET (window), "win.capture-stop"));
  g_assert_true (ui_test_iterate_until (ui_test_capture_ended, window));
  stop_sender (&sender, source);
  g_assert_null (ui_test_banner_text (window));
  g_assert_cmpuint (remora_capture_document_get_n_frames (remora_window_get_document (window)), >=, 20);
  ui_test_stop_application (app);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  ui_test_ignore_environment_warnings ();

  g_test_add_func ("/remora/ui/live-netns/http-seed", test_http_seed);
  g_test_add_func ("/remora/ui/live-netns/chooser-veth", test_chooser_veth);
  g_test_add_func ("/remora/ui/live-netns/helper-killed", test_helper_killed);
  g_test_add_func ("/remora/ui/live-netns/unprivileged-denied", test_unprivileged_denied);
  g_test_add_func ("/remora/ui/live-netns/unprivileged-captures", test_unprivileged_captures);
  return g_test_run ();
}
