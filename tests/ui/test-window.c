/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-window"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

#include "remora-application.h"
#include "remora-capture-document.h"
#include "remora-capture-options.h"
#include "remora-capture-reader.h"
#include "remora-dissect.h"
#include "remora-expression-dialog.h"
#include "remora-filter-bar.h"
#include "remora-follow-window.h"
#include "remora-hex-view.h"
#include "remora-packet-row.h"
#include "remora-proto-tree.h"
#include "remora-window.h"
#include "ui-test-util.h"

/* Drives the real application in-process under Xvfb: a file reaches it the
 * way the command line hands it over (g_application_open), and the checks
 * read what a person would see, the window's title, the column view's rows
 * and cells, the status line, the warning banner. */

#define LOAD_TIMEOUT_MS 20000

static char *sample_path;
static char *scratch_dir;

/* ---- what the capture holds, read without the UI ---- */

typedef struct {
  guint  n_frames;          /* frames before EOF or damage */
  char  *number;
  char  *source;
  char  *destination;
  char  *protocol;
  char  *length;
  char  *info;
} Expected;

static void
expected_clear (Expected *e)
{
  g_free (e->number);
  g_free (e->source);
  g_free (e->destination);
  g_free (e->protocol);
  g_free (e->length);
  g_free (e->info);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Expected, expected_clear)

static char *
address_text (const RemoraAddress *net,
              const RemoraAddress *link)
{
  const RemoraAddress *addr = net->type != REMORA_AT_NONE ? net : link;
  char buf[64];

  if (addr->type == REMORA_AT_NONE)
    return g_strdup ("");
  return g_strdup (remora_address_to_str (addr, buf, sizeof buf));
}

/* Counts the frames and dissects the first one on its own session, as the
 * engine would for any front end. */
static void
expected_read (const char *path,
               Expected   *e)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RemoraCaptureReader) reader = remora_capture_reader_open (path, &error);
  g_autoptr(RemoraSession) session = NULL;
  g_autoptr(RemoraPacket) pkt = NULL;
  RemoraPacketRecord rec;

  g_assert_no_error (error);
  memset (e, 0, sizeof *e);
  remora_dissectors_init ();
  session = remora_session_new ();
  pkt = remora_packet_new ();
  remora_packet_set_want_columns (pkt, TRUE);

  while (remora_capture_reader_next (reader, &rec, NULL) == REMORA_READ_PACKET)
    {
      if (++e->n_frames == 1)
        {
          const RemoraInterface *iface = remora_capture_reader_get_interface (reader, rec.iface_id);
          RemoraFrameInput input = {
            .number = 1,
            .data = rec.data,
            .cap_len = rec.cap_len,
            .orig_len = rec.orig_len,
            .ts_ns = rec.ts_ns,
            .iface_id = rec.iface_id,
            .link_type = iface != NULL ? iface->link_type : -1,
            .iface_name = iface != NULL ? iface->name : NULL,
            .iface_description = iface != NULL ? iface->description : NULL,
            .pack_flags = rec.flags,
          };

          remora_session_dissect (session, pkt, &input);
          e->number = g_strdup ("1");
          e->source = address_text (&pkt->src, &pkt->dl_src);
          e->destination = address_text (&pkt->dst, &pkt->dl_dst);
          e->protocol = g_strdup (pkt->col_protocol != NULL ? pkt->col_protocol : "");
          e->length = g_strdup_printf ("%u", rec.orig_len);
          e->info = g_strndup (pkt->col_info != NULL ? pkt->col_info->str : "",
                               pkt->col_info != NULL ? pkt->col_info->len : 0);
        }
    }
}

/* ---- a capture of our own when the repository has no sample ---- */

static void
write_own_sample (const char *path)
{
  g_autoptr(GError) error = NULL;
  RemoraCaptureWriter *writer;
  RemoraInterface iface = { .link_type = REMORA_LINKTYPE_ETHERNET, .ts_units = 1000000 };

  writer = remora_capture_writer_new (path, REMORA_FILE_FORMAT_PCAPNG, &error);
  g_assert_no_error (error);
  g_assert_cmpint (remora_capture_writer_add_interface (writer, &iface, &error), ==, 0);
  g_assert_no_error (error);

  for (guint i = 0; i < 5; i++)
    {
      /* Ethernet + IPv4 + UDP 5353 -> 53 with an 8-byte payload. */
      guint8 frame[50] = {
        0x02, 0x00, 0x00, 0x00, 0x00, 0x02, 0x02, 0x00, 0x00, 0x00, 0x00, 0x01, 0x08, 0x00,
        0x45, 0x00, 0x00, 0x24, 0x00, 0x01, 0x00, 0x00, 0x40, 0x11, 0x00, 0x00,
        10, 0, 0, 1, 10, 0, 0, 2,
        0x14, 0xe9, 0x00, 0x35, 0x00, 0x10, 0x00, 0x00,
        'r', 'e', 'm', 'o', 'r', 'a', '0', (guint8) ('0' + i),
      };
      RemoraPacketRecord rec = {
        .data = frame,
        .ts_ns = G_GINT64_CONSTANT (1700000000000000000) + i * G_GINT64_CONSTANT (250000000),
        .cap_len = sizeof frame,
        .orig_len = sizeof frame,
      };

      remora_capture_writer_write (writer, &rec, &error);
      g_assert_no_error (error);
    }
  remora_capture_writer_close (writer, &error);
  g_assert_no_error (error);
}

/* ---- driving the application ---- */

/* ---- tests ---- */

static void
test_window_opens_capture (void)
{
  RemoraApplication *app = ui_test_start_application ();
  RemoraWindow *window;
  RemoraCaptureDocument *document;
  GtkWidget *column_view;
  GListModel *columns;
  GtkSelectionModel *model;
  g_autofree char *basename = g_path_get_basename (sample_path);
  g_autofree char *status = NULL;
  g_auto(GStrv) first = NULL;
  g_auto(Expected) expected = { 0 };
  static const char *titles[] = {
    "No.", "Time", "Source", "Destination", "Protocol", "Length", "Info",
  };

  expected_read (sample_path, &expected);
  g_assert_cmpuint (expected.n_frames, >, 0);

  window = ui_test_open_in_application (app, sample_path);
  g_assert_true (ui_test_iterate_until (ui_test_window_loaded, window));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, basename);

  column_view = ui_test_packet_list (window);
  g_assert_nonnull (column_view);
  g_assert_true (gtk_widget_get_mapped (column_view));

  columns = gtk_column_view_get_columns (GTK_COLUMN_VIEW (column_view));
  g_assert_cmpuint (g_list_model_get_n_items (columns), ==, G_N_ELEMENTS (titles));
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      g_assert_cmpstr (gtk_column_view_column_get_title (column), ==, titles[i]);
    }

  model = gtk_column_view_get_model (GTK_COLUMN_VIEW (column_view));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, expected.n_frames);

  g_assert_true (ui_test_iterate_until (ui_test_first_row_drawn, column_view));
  first = ui_test_find_row_texts (column_view, "1");
  g_assert_cmpuint (g_strv_length (first), ==, G_N_ELEMENTS (titles));
  g_assert_cmpstr (first[0], ==, expected.number);
  /* Seconds since the first frame: zero, at the file's precision. */
  g_assert_true (g_regex_match_simple ("^0\\.0{6}(0{3})?$", first[1], 0, 0));
  g_assert_cmpstr (first[2], ==, expected.source);
  g_assert_cmpstr (first[3], ==, expected.destination);
  g_assert_cmpstr (first[4], ==, expected.protocol);
  g_assert_cmpstr (first[5], ==, expected.length);
  g_assert_cmpstr (first[6], ==, expected.info);
  g_assert_cmpstr (first[4], !=, "");

  status = g_strdup_printf ("Packets: %u · Displayed: %u (100.0%%)", expected.n_frames, expected.n_frames);
  g_assert_true (ui_test_has_mapped_label (GTK_WIDGET (window), status));
  g_assert_true (ui_test_has_mapped_label (GTK_WIDGET (window), basename));

  ui_test_iterate_until (ui_test_no_more_events, NULL);
  ui_test_save_screenshot (GTK_WIDGET (window), "remora-opened.png");

  /* Closing the window lets go of the capture (its mapping, its state). */
  document = remora_window_get_document (window);
  g_object_add_weak_pointer (G_OBJECT (document), (gpointer *) &document);
  ui_test_stop_application (app);
  g_assert_null (document);
}

/* ---- the panes under the list, driven by the pointer and keys ---- */

static RemoraHexView *
bytes_view (RemoraWindow *window,
            guint         page)
{
  GtkWidget *notebook = ui_test_find_by_type (GTK_WIDGET (window), GTK_TYPE_NOTEBOOK);
  GtkWidget *scroller = gtk_notebook_get_nth_page (GTK_NOTEBOOK (notebook), (int) page);

  g_assert_nonnull (scroller);
  return REMORA_HEX_VIEW (gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller)));
}

typedef struct {
  RemoraHexView *view;
  guint          start;
  guint          length;
} Highlight;

static gboolean
highlight_is (gpointer data)
{
  Highlight *want = data;
  guint start;
  guint length;

  remora_hex_view_get_selection (want->view, &start, &length);
  return start == want->start && length == want->length;
}

/* The frame numbers of the rows on screen that carry TCP over IPv4. */
static GArray *
tcp_ipv4_rows (GtkWidget *column_view)
{
  GArray *numbers = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint n = 1; n < 100; n++)
    {
      g_autofree char *number = g_strdup_printf ("%u", n);
      g_auto(GStrv) texts = ui_test_find_row_texts (column_view, number);

      if (texts != NULL && g_str_equal (texts[4], "TCP") &&
          g_hostname_is_ip_address (texts[2]) && strchr (texts[2], ':') == NULL)
        g_array_append_val (numbers, n);
    }
  return numbers;
}

static void
test_window_packet_details (void)
{
  RemoraApplication *app;
  RemoraWindow *window;
  GtkWidget *column_view;
  RemoraProtoTree *tree;
  GtkWidget *notebook;
  g_autoptr(GArray) tcp_rows = NULL;
  g_autoptr(GArray) lines = NULL;
  const UiTestTreeLine *line;
  graphene_rect_t area;
  UiTestTreeFrame shows;
  UiTestTreeLineWanted selected;
  Highlight highlight;
  static const char *top_level[] = {
    "Frame ", "Ethernet II, ", "Internet Protocol Version 4, ", "Transmission Control Protocol, ",
  };

  app = ui_test_start_application_for_input ();
  if (app == NULL)
    return;
  window = ui_test_open_and_wait (app, sample_path);
  column_view = ui_test_packet_list (window);
  tree = REMORA_PROTO_TREE (ui_test_find_by_type (GTK_WIDGET (window), REMORA_TYPE_PROTO_TREE));
  notebook = ui_test_find_by_type (GTK_WIDGET (window), GTK_TYPE_NOTEBOOK);
  ui_test_settle (GTK_WIDGET (window));

  /* Nothing selected, nothing in the panes. */
  g_assert_null (remora_proto_tree_get_snapshot (tree));
  g_assert_cmpint (gtk_notebook_get_n_pages (GTK_NOTEBOOK (notebook)), ==, 0);

  tcp_rows = tcp_ipv4_rows (column_view);
  g_assert_cmpuint (tcp_rows->len, >=, 2);

  /* A click on a TCP row fills the tree with its layers. */
  ui_test_select_frame (column_view, tree, g_array_index (tcp_rows, guint, 0));
  ui_test_settle (GTK_WIDGET (window));
  lines = ui_test_tree_lines (tree);
  g_assert_cmpuint (lines->len, ==, G_N_ELEMENTS (top_level));
  for (guint i = 0; i < G_N_ELEMENTS (top_level); i++)
    {
      line = &g_array_index (lines, UiTestTreeLine, i);
      g_assert_cmpuint (gtk_tree_list_row_get_depth (line->row), ==, 0);
      g_assert_true (g_str_has_prefix (line->label, top_level[i]));
      g_assert_false (gtk_tree_list_row_get_expanded (line->row));
    }
  /* One data source: the bytes pane needs no tabs. */
  g_assert_cmpint (gtk_notebook_get_n_pages (GTK_NOTEBOOK (notebook)), ==, 1);
  g_assert_false (gtk_notebook_get_show_tabs (GTK_NOTEBOOK (notebook)));

  /* Open IPv4 and pick its source address: exactly its 4 bytes light up,
   * inside the lighter IPv4 header. */
  line = ui_test_find_tree_line (lines, "Internet Protocol Version 4, ");
  ui_test_click_center (ui_test_expander_arrow (line->expander));
  g_assert_true (ui_test_iterate_until (ui_test_tree_line_expanded, &(UiTestTreeLineWanted) { tree, "Internet Protocol Version 4, " }));
  g_assert_true (ui_test_scroll_tree_to_line (tree, "Source Address: ", "5"));
  selected = (UiTestTreeLineWanted) { tree, "Source Address: " };
  g_clear_pointer (&lines, g_array_unref);
  lines = ui_test_tree_lines (tree);
  line = ui_test_find_tree_line (lines, "Source Address: ");
  g_assert_cmpuint (gtk_tree_list_row_get_depth (line->row), ==, 1);
  ui_test_click_center (gtk_tree_expander_get_child (GTK_TREE_EXPANDER (line->expander)));
  g_assert_true (ui_test_iterate_until (ui_test_tree_selection_is, &selected));
  highlight = (Highlight) { bytes_view (window, 0), 26, 4 };
  g_assert_true (ui_test_iterate_until (highlight_is, &highlight));
  {
    guint start;
    guint length;

    remora_hex_view_get_context (highlight.view, &start, &length);
    g_assert_cmpuint (start, ==, 14);
    g_assert_cmpuint (length, ==, 20);
  }
  ui_test_save_screenshot (GTK_WIDGET (window), "remora-packet-details.png");

  /* A click on byte 34 (the TCP source port) selects the line covering it,
   * opening TCP on the way. */
  ui_test_settle (GTK_WIDGET (window));
  g_assert_true (remora_hex_view_get_byte_area (highlight.view, 34, &area));
  ui_test_click_at (GTK_WIDGET (highlight.view), area.origin.x + area.size.width / 2,
            area.origin.y + area.size.height / 2);
  selected = (UiTestTreeLineWanted) { tree, "Source Port: " };
  g_assert_true (ui_test_iterate_until (ui_test_tree_selection_is, &selected));
  highlight.start = 34;
  highlight.length = 2;
  g_assert_true (ui_test_iterate_until (highlight_is, &highlight));

  /* Another TCP packet: IPv4 is still open. */
  ui_test_settle (GTK_WIDGET (window));
  ui_test_select_frame (column_view, tree, g_array_index (tcp_rows, guint, 1));
  selected = (UiTestTreeLineWanted) { tree, "Internet Protocol Version 4, " };
  g_assert_true (ui_test_iterate_until (ui_test_tree_line_expanded, &selected));
  ui_test_settle (GTK_WIDGET (window));
  g_clear_pointer (&lines, g_array_unref);
  lines = ui_test_tree_lines (tree);
  for (guint i = 0; i < lines->len; i++)
    if (g_str_has_prefix (g_array_index (lines, UiTestTreeLine, i).label, "Internet Protocol Version 4, "))
      {
        g_assert_cmpuint (i + 1, <, lines->len);
        g_assert_cmpuint (gtk_tree_list_row_get_depth (g_array_index (lines, UiTestTreeLine, i + 1).row), ==, 1);
      }
  selected = (UiTestTreeLineWanted) { tree, "Ethernet II, " };
  g_assert_false (ui_test_tree_line_expanded (&selected));

  /* Keys: Down moves to the next packet and the panes follow; Tab goes
   * from the list to the tree, then to the bytes. */
  g_assert_true (ui_test_iterate_until (ui_test_focus_inside, column_view));
  ui_test_press_key ("Down");
  shows = (UiTestTreeFrame) { tree, g_array_index (tcp_rows, guint, 1) + 1 };
  g_assert_true (ui_test_iterate_until (ui_test_tree_shows_frame, &shows));
  ui_test_press_key ("Tab");
  g_assert_true (ui_test_iterate_until (ui_test_focus_inside, tree));
  ui_test_press_key ("Tab");
  g_assert_true (ui_test_iterate_until (ui_test_focus_inside, notebook));
  ui_test_press_key ("Tab");
  g_assert_true (ui_test_iterate_until (ui_test_focus_inside, column_view));

  ui_test_stop_application (app);
}

/* The application ready for input, or NULL (the test marked skipped) when
 * the sample in use is not the repository's with its HTTP download. */
static RemoraApplication *
start_for_http_sample (void)
{
  if (g_str_has_prefix (sample_path, scratch_dir))
    {
      g_test_skip ("needs the HTTP download of data/sample/http-dns.pcap");
      return NULL;
    }
  return ui_test_start_application_for_input ();
}

typedef struct {
  GtkNotebook *notebook;
  int          page;
} NotebookPage;

static gboolean
notebook_shows (gpointer data)
{
  NotebookPage *want = data;

  return gtk_notebook_get_current_page (want->notebook) == want->page;
}

/* The HTTP response spans several segments: the frame that completes it
 * carries the reassembled bytes as a second data source, with its own tab,
 * and the tree's lines say which tab their bytes are on. */
static void
test_window_reassembled_source (void)
{
  RemoraApplication *app;
  RemoraWindow *window;
  GtkWidget *column_view;
  RemoraProtoTree *tree;
  GtkNotebook *notebook;
  g_autoptr(GArray) lines = NULL;
  const UiTestTreeLine *line;
  const char *tab;
  guint number;
  guint start;
  guint length;
  NotebookPage page;
  UiTestTreeLineWanted selected;

  app = start_for_http_sample ();
  if (app == NULL)
    return;
  window = ui_test_open_and_wait (app, sample_path);
  column_view = ui_test_packet_list (window);
  tree = REMORA_PROTO_TREE (ui_test_find_by_type (GTK_WIDGET (window), REMORA_TYPE_PROTO_TREE));
  notebook = GTK_NOTEBOOK (ui_test_find_by_type (GTK_WIDGET (window), GTK_TYPE_NOTEBOOK));

  number = ui_test_find_frame_by_text (column_view, "HTTP", "HTTP/1.0 200 OK");
  g_assert_cmpuint (number, >, 0);
  ui_test_select_frame (column_view, tree, number);
  ui_test_settle (GTK_WIDGET (window));

  g_assert_cmpint (gtk_notebook_get_n_pages (notebook), ==, 2);
  g_assert_true (gtk_notebook_get_show_tabs (notebook));
  tab = gtk_notebook_get_tab_label_text (notebook, gtk_notebook_get_nth_page (notebook, 0));
  g_assert_true (g_regex_match_simple ("^Frame \\([0-9]+ bytes\\)$", tab, 0, 0));
  tab = gtk_notebook_get_tab_label_text (notebook, gtk_notebook_get_nth_page (notebook, 1));
  g_assert_true (g_regex_match_simple ("^Reassembled TCP \\([0-9]+ bytes\\)$", tab, 0, 0));
  g_assert_true (ui_test_has_mapped_label (GTK_WIDGET (notebook), tab));
  g_assert_cmpint (gtk_notebook_get_current_page (notebook), ==, 0);

  /* HTTP's bytes are the reassembled ones: its line brings that tab up. */
  lines = ui_test_tree_lines (tree);
  line = ui_test_find_tree_line (lines, "Hypertext Transfer Protocol");
  g_assert_nonnull (line);
  ui_test_click_center (gtk_tree_expander_get_child (GTK_TREE_EXPANDER (line->expander)));
  page = (NotebookPage) { notebook, 1 };
  g_assert_true (ui_test_iterate_until (notebook_shows, &page));
  remora_hex_view_get_selection (bytes_view (window, 1), &start, &length);
  g_assert_cmpuint (start, ==, 0);
  g_assert_cmpuint (length, >, 0);
  ui_test_save_screenshot (GTK_WIDGET (window), "remora-reassembled.png");

  /* The body's lines, under Line-based text data. */
  ui_test_settle (GTK_WIDGET (window));
  g_clear_pointer (&lines, g_array_unref);
  lines = ui_test_tree_lines (tree);
  line = ui_test_find_tree_line (lines, "Line-based text data");
  g_assert_nonnull (line);
  ui_test_click_center (ui_test_expander_arrow (line->expander));
  g_assert_true (ui_test_scroll_tree_to_line (tree, "line 001: the quick brown fox", "5"));

  /* And Frame's line takes the bytes back to the frame. */
  g_assert_true (ui_test_scroll_tree_to_line (tree, "Frame ", "4"));
  ui_test_settle (GTK_WIDGET (window));
  g_clear_pointer (&lines, g_array_unref);
  lines = ui_test_tree_lines (tree);
  line = ui_test_find_tree_line (lines, "Frame ");
  ui_test_click_center (gtk_tree_expander_get_child (GTK_TREE_EXPANDER (line->expander)));
  page.page = 0;
  selected = (UiTestTreeLineWanted) { tree, "Frame " };
  g_assert_true (ui_test_iterate_until (ui_test_tree_selection_is, &selected));
  g_assert_true (ui_test_iterate_until (notebook_shows, &page));
  remora_hex_view_get_selection (bytes_view (window, 0), &start, &length);
  g_assert_cmpuint (start, ==, 0);
  g_assert_cmpuint (length, ==, g_bytes_get_size (remora_hex_view_get_bytes (bytes_view (window, 0))));

  ui_test_stop_application (app);
}

/* ---- display filtering ---- */

typedef struct {
  RemoraFilterBar   *bar;
  RemoraFilterState  state;
} BarState;

static gboolean
bar_state_is (gpointer data)
{
  BarState *want = data;

  return remora_filter_bar_get_state (want->bar) == want->state;
}

static gboolean
line_is_collapsed (gpointer data)
{
  UiTestTreeLineWanted *want = data;
  g_autoptr(GArray) lines = ui_test_tree_lines (want->tree);
  const UiTestTreeLine *line = ui_test_find_tree_line (lines, want->prefix);

  return line != NULL && !gtk_tree_list_row_get_expanded (line->row);
}

/* The icon at the end of ENTRY (the filter bar's clear icon). */
static GtkWidget *
entry_clear_icon (GtkEntry *entry)
{
  GtkWidget *icon = NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (entry)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_IMAGE (child) && gtk_widget_get_mapped (child))
      icon = child;
  g_assert_nonnull (icon);
  return icon;
}

/* The frame numbers the packet list holds, in order, as "8 26". */
static char *
list_frames (GListModel *model)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(RemoraPacketRow) row = g_list_model_get_item (model, i);

      g_string_append_printf (out, "%s%u", i > 0 ? " " : "", remora_packet_row_get_number (row));
    }
  return g_string_free (out, FALSE);
}

/* Ctrl+/ from wherever the focus is, then TEXT typed over the selected
 * filter, then Enter: what a person does to filter. */
static void
type_filter (RemoraFilterBar *bar,
             const char      *text)
{
  ui_test_type_into_filter (bar, text, FALSE);
  ui_test_press_key ("Return");
}

typedef struct {
  RemoraWindow *window;
  const char   *text;
} StatusIs;

static gboolean
status_is (gpointer data)
{
  StatusIs *want = data;

  return g_strcmp0 (ui_test_status_text (want->window), want->text) == 0;
}

static void
test_window_display_filter (void)
{
  RemoraApplication *app;
  RemoraWindow *window;
  GtkWidget *column_view;
  GListModel *model;
  RemoraFilterBar *bar;
  RemoraProtoTree *tree;
  GtkNotebook *notebook;
  GtkSingleSelection *selection;
  g_autoptr(GArray) lines = NULL;
  g_autofree char *frames = NULL;
  g_autofree char *status = NULL;
  g_autofree char *all_status = NULL;
  g_autoptr(GBytes) field = NULL;
  const UiTestTreeLine *line;
  RemoraHexView *view;
  guint n_frames;
  guint start;
  guint length;
  UiTestTreeLineWanted selected;
  NotebookPage page;
  UiTestModelLength want_length;
  BarState want_state;
  StatusIs want_status;

  app = start_for_http_sample ();
  if (app == NULL)
    return;
  window = ui_test_open_and_wait (app, sample_path);
  column_view = ui_test_packet_list (window);
  model = G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (column_view)));
  selection = GTK_SINGLE_SELECTION (gtk_column_view_get_model (GTK_COLUMN_VIEW (column_view)));
  bar = REMORA_FILTER_BAR (ui_test_find_by_type (GTK_WIDGET (window), REMORA_TYPE_FILTER_BAR));
  tree = REMORA_PROTO_TREE (ui_test_find_by_type (GTK_WIDGET (window), REMORA_TYPE_PROTO_TREE));
  notebook = GTK_NOTEBOOK (ui_test_find_by_type (GTK_WIDGET (window), GTK_TYPE_NOTEBOOK));
  g_assert_nonnull (bar);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (bar)));
  ui_test_settle (GTK_WIDGET (window));

  n_frames = g_list_model_get_n_items (model);
  g_assert_cmpuint (n_frames, ==, 30);
  all_status = g_strdup_printf ("Packets: %u · Displayed: %u (100.0%%)", n_frames, n_frames);
  g_assert_cmpstr (ui_test_status_text (window), ==, all_status);
  /* The expression builder is offered (expression-button opens it). */
  g_assert_nonnull (ui_test_find_mapped_button (GTK_WIDGET (bar), "_Expression…"));

  /* From the packet list (which binds Ctrl+/ itself), to the filter. */
  ui_test_click_center (ui_test_find_packet_row (column_view, "1"));
  g_assert_true (ui_test_iterate_until (ui_test_focus_inside, column_view));
  type_filter (bar, "http and ip.addr == 10.99.0.1");

  /* The GET and the response that completes the reassembly. */
  want_length = (UiTestModelLength) { model, 2 };
  g_assert_true (ui_test_iterate_until (ui_test_model_length_is, &want_length));
  frames = list_frames (model);
  g_assert_cmpstr (frames, ==, "8 26");
  status = g_strdup_printf ("Packets: %u · Displayed: 2 (%.1f%%)", n_frames, 200.0 / n_frames);
  want_status = (StatusIs) { window, status };
  g_assert_true (ui_test_iterate_until (status_is, &want_status));
  g_assert_nonnull (strstr (ui_test_status_text (window), "Displayed: 2"));
  g_assert_cmpint (remora_filter_bar_get_state (bar), ==, REMORA_FILTER_STATE_VALID);
  /* Frame 1 was selected and is filtered out: the panes are empty. */
  g_assert_null (remora_proto_tree_get_snapshot (tree));
  g_assert_cmpint (gtk_notebook_get_n_pages (notebook), ==, 0);

  /* The response: its reassembled bytes get their tab. */
  ui_test_settle (GTK_WIDGET (window));
  ui_test_select_frame (column_view, tree, 26);
  ui_test_settle (GTK_WIDGET (window));
  g_assert_cmpint (gtk_notebook_get_n_pages (notebook), ==, 2);
  g_assert_true (gtk_notebook_get_show_tabs (notebook));
  g_assert_true (g_regex_match_simple ("^Reassembled TCP \\([0-9]+ bytes\\)$",
                                      gtk_notebook_get_tab_label_text (notebook, gtk_notebook_get_nth_page (notebook, 1)),
                                      0, 0));

  /* The previous displayed frame is 8, not 25 (tshark's value). */
  lines = ui_test_tree_lines (tree);
  line = ui_test_find_tree_line (lines, "Frame 26: ");
  g_assert_nonnull (line);
  ui_test_click_center (ui_test_expander_arrow (line->expander));
  g_assert_true (ui_test_scroll_tree_to_line (tree, "[Time delta from previous displayed frame: ", "5"));
  g_clear_pointer (&lines, g_array_unref);
  lines = ui_test_tree_lines (tree);
  line = ui_test_find_tree_line (lines, "[Time delta from previous displayed frame: ");
  g_assert_cmpstr (line->label, ==, "[Time delta from previous displayed frame: 0.009932488 seconds]");
  g_assert_true (ui_test_scroll_tree_to_line (tree, "Frame 26: ", "4"));
  ui_test_settle (GTK_WIDGET (window));
  g_clear_pointer (&lines, g_array_unref);
  lines = ui_test_tree_lines (tree);
  line = ui_test_find_tree_line (lines, "Frame 26: ");
  ui_test_click_center (ui_test_expander_arrow (line->expander));
  selected = (UiTestTreeLineWanted) { tree, "Frame 26: " };
  g_assert_true (ui_test_iterate_until (line_is_collapsed, &selected));

  /* A field of the HTTP tree: its bytes light up in the reassembled tab. */
  ui_test_settle (GTK_WIDGET (window));
  g_clear_pointer (&lines, g_array_unref);
  lines = ui_test_tree_lines (tree);
  line = ui_test_find_tree_line (lines, "Hypertext Transfer Protocol");
  g_assert_nonnull (line);
  ui_test_click_center (ui_test_expander_arrow (line->expander));
  g_assert_true (ui_test_scroll_tree_to_line (tree, "Content-type: ", "5"));
  ui_test_settle (GTK_WIDGET (window));
  g_clear_pointer (&lines, g_array_unref);
  lines = ui_test_tree_lines (tree);
  line = ui_test_find_tree_line (lines, "Content-type: ");
  ui_test_click_center (gtk_tree_expander_get_child (GTK_TREE_EXPANDER (line->expander)));
  selected = (UiTestTreeLineWanted) { tree, "Content-type: " };
  g_assert_true (ui_test_iterate_until (ui_test_tree_selection_is, &selected));
  page = (NotebookPage) { notebook, 1 };
  g_assert_true (ui_test_iterate_until (notebook_shows, &page));
  view = bytes_view (window, 1);
  remora_hex_view_get_selection (view, &start, &length);
  field = g_bytes_new_from_bytes (remora_hex_view_get_bytes (view), start, length);
  g_assert_cmpmem (g_bytes_get_data (field, NULL), g_bytes_get_size (field),
                   "Content-type: text/plain\r\n", strlen ("Content-type: text/plain\r\n"));
  ui_test_save_screenshot (GTK_WIDGET (window), "remora-main-window.png");

  /* A filter that does not compile changes nothing but the bar. */
  type_filter (bar, "ip.src ==");
  want_state = (BarState) { bar, REMORA_FILTER_STATE_INVALID };
  g_assert_true (ui_test_iterate_until (bar_state_is, &want_state));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (remora_filter_bar_get_entry (bar)), "filter-invalid"));
  g_assert_nonnull (remora_filter_bar_get_message (bar));
  g_assert_true (ui_test_has_mapped_label (GTK_WIDGET (bar), remora_filter_bar_get_message (bar)));
  ui_test_settle (GTK_WIDGET (window));
  g_clear_pointer (&frames, g_free);
  frames = list_frames (model);
  g_assert_cmpstr (frames, ==, "8 26");
  g_assert_cmpstr (ui_test_status_text (window), ==, status);
  g_assert_cmpuint (remora_packet_snapshot_get_number (remora_proto_tree_get_snapshot (tree)), ==, 26);
  ui_test_save_screenshot (GTK_WIDGET (window), "remora-filter-invalid.png");

  /* The bar's clear icon: every packet again, the response still
   * selected and shown. */
  ui_test_settle (GTK_WIDGET (window));
  ui_test_click_center (entry_clear_icon (remora_filter_bar_get_entry (bar)));
  want_length.n_items = n_frames;
  g_assert_true (ui_test_iterate_until (ui_test_model_length_is, &want_length));
  want_status.text = all_status;
  g_assert_true (ui_test_iterate_until (status_is, &want_status));
  g_assert_cmpstr (remora_filter_bar_get_text (bar), ==, "");
  g_assert_cmpint (remora_filter_bar_get_state (bar), ==, REMORA_FILTER_STATE_EMPTY);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 25);
  g_assert_cmpuint (remora_packet_snapshot_get_number (remora_proto_tree_get_snapshot (tree)), ==, 26);

  /* A filter that leaves the selected packet out empties the panes. */
  type_filter (bar, "not tcp");
  want_length.n_items = 4;
  g_assert_true (ui_test_iterate_until (ui_test_model_length_is, &want_length));
  g_clear_pointer (&frames, g_free);
  frames = list_frames (model);
  g_assert_cmpstr (frames, ==, "1 2 3 4");
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, GTK_INVALID_LIST_POSITION);
  g_assert_null (remora_proto_tree_get_snapshot (tree));
  g_assert_cmpint (gtk_notebook_get_n_pages (notebook), ==, 0);

  /* And an empty filter with Enter shows them all again. */
  type_filter (bar, "");
  want_length.n_items = n_frames;
  g_assert_true (ui_test_iterate_until (ui_test_model_length_is, &want_length));

  ui_test_stop_application (app);
}

/* A file cut short shows what came before the cut, and says so. */
static void
test_window_damaged_capture (void)
{
  RemoraApplication *app = ui_test_start_application ();
  RemoraWindow *window;
  GtkWidget *column_view;
  GtkWidget *bar;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *path = g_build_filename (scratch_dir, "cut-short.pcap", NULL);
  g_autofree char *status = NULL;
  g_auto(Expected) full = { 0 };
  g_auto(Expected) cut = { 0 };
  GtkWidget *message;
  gsize length;

  expected_read (sample_path, &full);
  g_assert_cmpuint (full.n_frames, >=, 3);
  g_file_get_contents (sample_path, &contents, &length, &error);
  g_assert_no_error (error);
  /* Two thirds in lands inside some packet of any sample worth the name. */
  g_file_set_contents (path, contents, length * 2 / 3 + 1, &error);
  g_assert_no_error (error);
  expected_read (path, &cut);
  g_assert_cmpuint (cut.n_frames, >, 0);
  g_assert_cmpuint (cut.n_frames, <, full.n_frames);

  window = ui_test_open_in_application (app, path);
  g_assert_true (ui_test_iterate_until (ui_test_window_loaded, window));

  column_view = ui_test_packet_list (window);
  g_assert_true (gtk_widget_get_mapped (column_view));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (column_view)))),
                    ==, cut.n_frames);
  status = g_strdup_printf ("Packets: %u · Displayed: %u (100.0%%)", cut.n_frames, cut.n_frames);
  g_assert_true (ui_test_has_mapped_label (GTK_WIDGET (window), status));

  bar = ui_test_find_by_type (GTK_WIDGET (window), GTK_TYPE_INFO_BAR);
  g_assert_true (gtk_info_bar_get_revealed (GTK_INFO_BAR (bar)));
  message = ui_test_find_by_type (bar, GTK_TYPE_LABEL);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (message)), "cut short"));

  g_unlink (path);
  ui_test_stop_application (app);
}

/* A file that is no capture leaves the window empty, with the reason. */
static void
test_window_not_a_capture (void)
{
  RemoraApplication *app = ui_test_start_application ();
  RemoraWindow *window;
  GtkWidget *bar;
  GtkWidget *message;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (scratch_dir, "notes.txt", NULL);

  g_file_set_contents (path, "these are not packets\n", -1, &error);
  g_assert_no_error (error);

  window = ui_test_open_in_application (app, path);
  g_assert_true (ui_test_iterate_until (ui_test_window_loaded, window));

  g_assert_null (remora_window_get_document (window));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Remora");
  /* The start page: open a file, or capture on an interface. */
  g_assert_nonnull (ui_test_find_mapped_button (GTK_WIDGET (window), "_Open a Capture File…"));
  bar = ui_test_find_by_type (GTK_WIDGET (window), GTK_TYPE_INFO_BAR);
  g_assert_true (gtk_info_bar_get_revealed (GTK_INFO_BAR (bar)));
  message = ui_test_find_by_type (bar, GTK_TYPE_LABEL);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (message)), "notes.txt"));

  g_unlink (path);
  ui_test_stop_application (app);
}

/* Without a session bus GTK says so once; that is the test machine, not
 * the application. */
/* ---- the main menu, Follow TCP Stream, Expression… ---- */

static gboolean
follow_window_loaded (gpointer data)
{
  return !remora_follow_window_get_loading (data) &&
         ui_test_find_mapped_button (data, "Filter Out This Stream") != NULL;
}

/* Analyze > Follow TCP Stream on the HTTP response opens stream 0; its
 * Filter Out This Stream leaves the frames of no TCP stream.  On an ARP
 * frame the item is greyed out. */
static void
test_window_follow_tcp_stream (void)
{
  RemoraApplication *app;
  RemoraWindow *window;
  GtkWidget *column_view;
  GtkWidget *label;
  GtkWidget *follow;
  RemoraFilterBar *bar;
  RemoraProtoTree *tree;
  GListModel *model;
  g_autofree char *frames = NULL;
  UiTestModelLength want_length;
  UiTestBarText want_text;
  guint number;

  app = start_for_http_sample ();
  if (app == NULL)
    return;
  window = ui_test_open_and_wait (app, sample_path);
  column_view = ui_test_packet_list (window);
  tree = REMORA_PROTO_TREE (ui_test_find_by_type (GTK_WIDGET (window), REMORA_TYPE_PROTO_TREE));
  bar = REMORA_FILTER_BAR (ui_test_find_by_type (GTK_WIDGET (window), REMORA_TYPE_FILTER_BAR));
  model = G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (column_view)));

  /* Nothing selected, then an ARP frame: no stream to follow. */
  label = ui_test_open_main_menu (window, "Analyze", "Follow TCP Stream");
  g_assert_nonnull (label);
  g_assert_false (ui_test_menu_item_sensitive (label));
  ui_test_close_main_menu (window);
  g_assert_true (ui_test_iterate_until (ui_test_main_menu_closed, window));

  ui_test_select_frame (column_view, tree, 1);
  label = ui_test_open_main_menu (window, "Analyze", "Follow TCP Stream");
  g_assert_false (ui_test_menu_item_sensitive (label));
  ui_test_close_main_menu (window);
  g_assert_true (ui_test_iterate_until (ui_test_main_menu_closed, window));

  number = ui_test_find_frame_by_text (column_view, "HTTP", "HTTP/1.0 200 OK");
  g_assert_cmpuint (number, >, 0);
  ui_test_select_frame (column_view, tree, number);
  ui_test_settle (GTK_WIDGET (window));

  label = ui_test_open_main_menu (window, "Analyze", "Follow TCP Stream");
  g_assert_true (ui_test_menu_item_sensitive (label));
  ui_test_save_screenshot (GTK_WIDGET (window), "remora-main-menu.png");
  ui_test_click_center (label);

  g_assert_true (ui_test_iterate_until (ui_test_toplevel_shown, GSIZE_TO_POINTER (REMORA_TYPE_FOLLOW_WINDOW)));
  follow = ui_test_find_toplevel (REMORA_TYPE_FOLLOW_WINDOW);
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (follow)), "tcp.stream eq 0"));
  g_assert_cmpuint (remora_follow_window_get_stream (REMORA_FOLLOW_WINDOW (follow)), ==, 0);
  g_assert_true (ui_test_iterate_until (follow_window_loaded, follow));
  ui_test_settle (follow);

  ui_test_click_center (ui_test_find_mapped_button (follow, "Filter Out This Stream"));
  want_text = (UiTestBarText) { bar, "!(tcp.stream eq 0)" };
  g_assert_true (ui_test_iterate_until (ui_test_bar_text_is, &want_text));
  want_length = (UiTestModelLength) { model, 4 };
  g_assert_true (ui_test_iterate_until (ui_test_model_length_is, &want_length));
  frames = list_frames (model);
  g_assert_cmpstr (frames, ==, "1 2 3 4");
  g_assert_cmpint (remora_filter_bar_get_state (bar), ==, REMORA_FILTER_STATE_VALID);
  g_assert_true (ui_test_iterate_until (ui_test_no_more_events, NULL));
  g_assert_null (ui_test_find_toplevel (REMORA_TYPE_FOLLOW_WINDOW));

  ui_test_stop_application (app);
}

/* The filter bar's Expression… opens the builder; Insert puts what it
 * built into the bar and gives the bar the focus. */
static void
test_window_expression_button (void)
{
  RemoraApplication *app;
  RemoraWindow *window;
  RemoraFilterBar *bar;
  GtkWidget *dialog;
  GtkWidget *search;
  GtkWidget *button;
  UiTestLabel want_label;
  UiTestBarText want_text;

  app = ui_test_start_application_for_input ();
  if (app == NULL)
    return;

  window = ui_test_open_in_application (app, sample_path);
  g_assert_true (ui_test_iterate_until (ui_test_window_loaded, window));
  bar = REMORA_FILTER_BAR (ui_test_find_by_type (GTK_WIDGET (window), REMORA_TYPE_FILTER_BAR));
  ui_test_settle (GTK_WIDGET (window));

  button = ui_test_find_mapped_button (GTK_WIDGET (bar), "_Expression…");
  g_assert_nonnull (button);
  ui_test_click_center (button);
  g_assert_true (ui_test_iterate_until (ui_test_toplevel_shown, GSIZE_TO_POINTER (REMORA_TYPE_EXPRESSION_DIALOG)));
  dialog = ui_test_find_toplevel (REMORA_TYPE_EXPRESSION_DIALOG);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  ui_test_settle (dialog);

  search = ui_test_find_by_type (dialog, GTK_TYPE_SEARCH_ENTRY);
  g_assert_nonnull (search);
  ui_test_click_center (search);
  ui_test_xdotool ("type", "--delay", "15", "ip.src", NULL);
  want_label = (UiTestLabel) { dialog, "ip.src" };
  g_assert_true (ui_test_iterate_until (ui_test_label_shown, &want_label));
  ui_test_settle (dialog);
  g_assert_true (ui_test_iterate_until (ui_test_label_shown, &want_label));
  ui_test_click_center (ui_test_find_mapped_label (dialog, "ip.src"));
  ui_test_settle (dialog);
  g_assert_cmpstr (remora_expression_dialog_get_filter (REMORA_EXPRESSION_DIALOG (dialog)), ==, "ip.src");

  ui_test_click_center (ui_test_find_mapped_button (dialog, "_Insert"));
  g_assert_true (ui_test_iterate_until (ui_test_toplevel_gone, GSIZE_TO_POINTER (REMORA_TYPE_EXPRESSION_DIALOG)));
  want_text = (UiTestBarText) { bar, "ip.src" };
  g_assert_true (ui_test_iterate_until (ui_test_bar_text_is, &want_text));
  g_assert_true (ui_test_iterate_until (ui_test_focus_inside, remora_filter_bar_get_entry (bar)));

  ui_test_stop_application (app);
}

/* ---- live capture ---- */

static void
count_items_changed (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     guint      *n_changes)
{
  (*n_changes)++;
}

static gboolean
last_live_row_drawn (gpointer data)
{
  g_auto(GStrv) texts = ui_test_find_row_texts (data, "60");

  return texts != NULL;
}

/* Ctrl+K, lo ticked, Start: the packets of a (fake) helper arrive in the
 * list in batches, the status line counts them, and every one is kept
 * when the helper ends. */
static void
test_window_live_capture (void)
{
  const char *build_root = g_getenv ("REMORA_BUILD_ROOT");
  const char *data_dir = g_getenv ("REMORA_TEST_DATA");
  g_autofree char *build_helper = NULL;
  g_autofree char *fake_helper = NULL;
  RemoraApplication *app;
  RemoraWindow *window;
  GtkWidget *column_view;
  GListModel *model;
  guint n_changes = 0;
  UiTestLiveDone done;

  if (build_root == NULL || data_dir == NULL)
    {
      g_test_skip ("needs REMORA_BUILD_ROOT and REMORA_TEST_DATA");
      return;
    }
  app = ui_test_start_application_for_input ();
  if (app == NULL)
    return;

  /* The build's helper lists the interfaces; the fake one captures. */
  build_helper = g_build_filename (build_root, "src", "capture", "remora-capture", NULL);
  fake_helper = g_build_filename (data_dir, "fake-remora-capture.py", NULL);
  g_setenv ("REMORA_CAPTURE", build_helper, TRUE);
  g_setenv ("FAKE_CAPTURE_PACKETS", "60", TRUE);
  g_setenv ("FAKE_CAPTURE_DELAY", "0.02", TRUE);

  window = ui_test_activate (app);
  column_view = ui_test_packet_list (window);
  model = G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (column_view)));
  g_signal_connect (model, "items-changed", G_CALLBACK (count_items_changed), &n_changes);

  ui_test_capture_on_lo (fake_helper);

  done = (UiTestLiveDone) { window, 60 };
  g_assert_true (ui_test_iterate_until (ui_test_live_capture_done, &done));
  g_assert_null (ui_test_find_toplevel (REMORA_TYPE_CAPTURE_OPTIONS));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 60);
  /* One items-changed per batch, never one per packet. */
  g_assert_cmpuint (n_changes, >, 0);
  g_assert_cmpuint (n_changes, <, 60);
  /* The list followed the packets to the last (automatic scrolling). */
  g_assert_true (ui_test_iterate_until (last_live_row_drawn, column_view));
  g_assert_cmpstr (ui_test_status_text (window), ==, "Packets: 60 · Displayed: 60 (100.0%)");
  ui_test_save_screenshot (GTK_WIDGET (window), "remora-live-capture.png");

  g_signal_handlers_disconnect_by_func (model, count_items_changed, &n_changes);
  g_unsetenv ("REMORA_CAPTURE");
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

  scratch_dir = g_dir_make_tmp ("remora-ui-XXXXXX", &error);
  g_assert_no_error (error);

  sample_path = g_strdup (g_getenv ("REMORA_UI_SAMPLE"));
  if (sample_path == NULL || *sample_path == '\0' || !g_file_test (sample_path, G_FILE_TEST_IS_REGULAR))
    {
      g_free (sample_path);
      sample_path = g_build_filename (scratch_dir, "own-sample.pcapng", NULL);
      write_own_sample (sample_path);
    }

  g_test_add_func ("/remora/ui/window/open-capture", test_window_opens_capture);
  g_test_add_func ("/remora/ui/window/packet-details", test_window_packet_details);
  g_test_add_func ("/remora/ui/window/reassembled-source", test_window_reassembled_source);
  g_test_add_func ("/remora/ui/window/display-filter", test_window_display_filter);
  g_test_add_func ("/remora/ui/window/damaged-capture", test_window_damaged_capture);
  g_test_add_func ("/remora/ui/window/not-a-capture", test_window_not_a_capture);
  g_test_add_func ("/remora/ui/window/follow-tcp-stream", test_window_follow_tcp_stream);
  g_test_add_func ("/remora/ui/window/expression-button", test_window_expression_button);
  g_test_add_func ("/remora/ui/window/live-capture", test_window_live_capture);
  status = g_test_run ();

  if (g_str_has_prefix (sample_path, scratch_dir))
    g_unlink (sample_path);
  g_rmdir (scratch_dir);
  g_free (sample_path);
  g_free (scratch_dir);
  return status;
}
