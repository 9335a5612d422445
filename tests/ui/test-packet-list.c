/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-packet-list"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <gtk/gtk.h>

#include "remora-display-index.h"
#include "remora-filter-bar.h"
#include "remora-filtered-packet-list.h"
#include "remora-packet-colors.h"
#include "remora-packet-row.h"
#include "remora-window.h"
#include "ui-test-util.h"

/* The packet list of the real window over data/sample/http-dns.pcap
 * (30 frames: ARP, DNS, an HTTP exchange), clicked through xdotool:
 * column headers sort it, coloring rules colour its rows, and
 * View > Colorize Packet List turns the colours off.  Leaves
 * packet-list-colors.png and packet-list-sorted.png in the build folder. */

static const char *sample_path;

/* ---- reading the list on screen ---- */

typedef struct {
  double     y;
  GtkWidget *row;
} ScreenRow;

static int
compare_screen_rows (gconstpointer a,
                     gconstpointer b)
{
  const ScreenRow *ra = a;
  const ScreenRow *rb = b;

  return ra->y < rb->y ? -1 : ra->y > rb->y;
}

/* The row widgets a person sees, top to bottom. */
static GArray *
screen_rows (GtkWidget *column_view)
{
  GtkWidget *list_view = ui_test_find_by_type (column_view, GTK_TYPE_LIST_VIEW);
  GArray *rows = g_array_new (FALSE, FALSE, sizeof (ScreenRow));
  double height = gtk_widget_get_height (list_view);

  for (GtkWidget *row = gtk_widget_get_first_child (list_view); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      graphene_rect_t bounds;
      GtkWidget *cell = gtk_widget_get_first_child (row);
      ScreenRow sr;

      if (g_strcmp0 (gtk_widget_get_css_name (row), "row") != 0 || !gtk_widget_get_mapped (row) ||
          cell == NULL || !GTK_IS_INSCRIPTION (gtk_widget_get_first_child (cell)) ||
          !gtk_widget_compute_bounds (row, list_view, &bounds) ||
          bounds.origin.y + bounds.size.height <= 0 || bounds.origin.y >= height)
        continue;
      sr.y = bounds.origin.y;
      sr.row = row;
      g_array_append_val (rows, sr);
    }
  g_array_sort (rows, compare_screen_rows);
  return rows;
}

static const char *
cell_text (GtkWidget *row,
           guint      column)
{
  GtkWidget *cell = gtk_widget_get_first_child (row);

  for (guint i = 0; i < column && cell != NULL; i++)
    cell = gtk_widget_get_next_sibling (cell);
  g_assert_nonnull (cell);
  return gtk_inscription_get_text (GTK_INSCRIPTION (gtk_widget_get_first_child (cell))) ?: "";
}

/* The No. texts of the rows on screen, top to bottom: "1 2 7 9". */
static char *
screen_numbers (GtkWidget *column_view)
{
  g_autoptr(GArray) rows = screen_rows (column_view);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < rows->len; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? " " : "",
                            cell_text (g_array_index (rows, ScreenRow, i).row, 0));
  return g_string_free (out, FALSE);
}

/* The Length column on screen is sorted up (DIRECTION 1) or down (-1),
 * over at least MIN_ROWS rows. */
static void
assert_screen_lengths_sorted (GtkWidget *column_view,
                              int        direction,
                              guint      min_rows)
{
  g_autoptr(GArray) rows = screen_rows (column_view);
  long previous = direction > 0 ? 0 : G_MAXLONG;

  g_assert_cmpuint (rows->len, >=, min_rows);
  for (guint i = 0; i < rows->len; i++)
    {
      long length = strtol (cell_text (g_array_index (rows, ScreenRow, i).row, 5), NULL, 10);

      g_assert_cmpint (length, >, 0);
      if (direction > 0)
        g_assert_cmpint (length, >=, previous);
      else
        g_assert_cmpint (length, <=, previous);
      previous = length;
    }
}

/* The coloring class on ROW's cells: the same on every cell, or NULL. */
static const char *
row_color_class (GtkWidget *row)
{
  const char *found = NULL;
  gboolean first = TRUE;

  for (GtkWidget *cell = gtk_widget_get_first_child (row); cell != NULL;
       cell = gtk_widget_get_next_sibling (cell))
    {
      g_auto(GStrv) classes = gtk_widget_get_css_classes (cell);
      const char *here = NULL;

      for (guint i = 0; classes[i] != NULL; i++)
        if (g_str_has_prefix (classes[i], "packet-color-"))
          here = g_intern_string (classes[i]);
      if (!first)
        g_assert_true (here == found);
      found = here;
      first = FALSE;
    }
  return found;
}

/* ---- waiting ---- */

typedef struct {
  RemoraFilteredPacketList *list;
  RemoraSortKey             key;
  gboolean                  descending;
} SortedBy;

static gboolean
list_sorted_by (gpointer data)
{
  SortedBy *want = data;
  RemoraDisplayIndex *index = remora_filtered_packet_list_get_index (want->list);

  if (want->key == REMORA_SORT_NONE)
    return index == NULL;
  return index != NULL && remora_display_index_get_sort_key (index) == want->key &&
         remora_display_index_get_sort_descending (index) == want->descending;
}

typedef struct {
  GtkWidget  *column_view;
  const char *number;
  const char *css_class;    /* NULL: none */
} RowColored;

static gboolean
row_colored (gpointer data)
{
  RowColored *want = data;
  GtkWidget *row = ui_test_find_packet_row (want->column_view, want->number);

  return row != NULL && g_strcmp0 (row_color_class (row), want->css_class) == 0;
}

static gboolean
no_row_colored (gpointer data)
{
  g_autoptr(GArray) rows = screen_rows (data);

  if (rows->len == 0)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    if (row_color_class (g_array_index (rows, ScreenRow, i).row) != NULL)
      return FALSE;
  return TRUE;
}

typedef struct {
  RemoraFilteredPacketList *list;
  const char               *text;
} FilteredBy;

static gboolean
list_filtered_by (gpointer data)
{
  FilteredBy *want = data;
  RemoraDisplayIndex *index = remora_filtered_packet_list_get_index (want->list);

  return index != NULL && g_strcmp0 (remora_display_index_get_filter_text (index), want->text) == 0;
}

/* The header of the column TITLE, ready for a click: a second click on
 * a header within the double-click time would be a double click, which
 * the header leaves alone. */
static GtkWidget *
header_button (GtkWidget  *column_view,
               const char *title)
{
  GtkWidget *label = ui_test_find_mapped_label (column_view, title);
  int double_click_ms = 400;

  g_object_get (gtk_widget_get_settings (column_view), "gtk-double-click-time", &double_click_ms, NULL);
  ui_test_run_for_ms (double_click_ms + 100);
  g_assert_nonnull (label);
  /* The title widget around the label takes the click. */
  return gtk_widget_get_parent (label);
}

static RemoraFilteredPacketList *
packet_list_of (GtkWidget *column_view)
{
  GtkSelectionModel *selection = gtk_column_view_get_model (GTK_COLUMN_VIEW (column_view));

  return REMORA_FILTERED_PACKET_LIST (gtk_single_selection_get_model (GTK_SINGLE_SELECTION (selection)));
}

static guint
selected_number (GtkWidget *column_view)
{
  GtkSelectionModel *selection = gtk_column_view_get_model (GTK_COLUMN_VIEW (column_view));
  RemoraPacketRow *row = gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (selection));

  return row != NULL ? remora_packet_row_get_number (row) : 0;
}

/* View > Colorize Packet List, chosen with the pointer once the menu
 * has settled (a click during the submenu's slide misses); SCREENSHOT
 * names a picture of the open menu, or NULL. */
static void
choose_colorize (RemoraWindow *window,
                 const char   *screenshot)
{
  GtkWidget *item = ui_test_open_main_menu (window, "View", "Colorize Packet List");
  GtkWidget *popover = GTK_WIDGET (gtk_widget_get_native (item));

  g_assert_true (ui_test_menu_item_sensitive (item));
  ui_test_settle (popover);
  ui_test_run_for_ms (300);
  if (screenshot != NULL)
    ui_test_save_screenshot (popover, screenshot);
  ui_test_click_center (item);
  g_assert_true (ui_test_iterate_until (ui_test_main_menu_closed, window));
}

/* ---- tests ---- */

/* The status line's cancel button (an icon, named by its tooltip). */
static GtkWidget *
find_stop_button (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) &&
          g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (child)), "process-stop-symbolic") == 0 &&
          g_str_has_prefix (gtk_widget_get_tooltip_text (child) ? gtk_widget_get_tooltip_text (child) : "", "Stop "))
        return child;
      if ((found = find_stop_button (child)) != NULL)
        return found;
    }
  return NULL;
}

static void
test_sort_by_header (void)
{
  RemoraApplication *app;
  RemoraWindow *window;
  GtkWidget *column_view;
  RemoraFilteredPacketList *list;
  g_autoptr(GString) log = g_string_new (NULL);
  g_autofree char *numbers = NULL;
  SortedBy sorted;

  app = ui_test_start_application_for_input ();
  if (app == NULL)
    return;
  window = ui_test_open_and_wait (app, sample_path);
  column_view = ui_test_packet_list (window);
  list = packet_list_of (column_view);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 30);
  ui_test_settle (GTK_WIDGET (window));

  /* The HTTP request is selected, and stays selected whatever the order. */
  ui_test_click_center (ui_test_find_packet_row (column_view, "8"));
  ui_test_iterate_until (ui_test_no_more_events, NULL);
  g_assert_cmpuint (selected_number (column_view), ==, 8);

  g_signal_connect (list, "items-changed", G_CALLBACK (ui_test_record_items_changed), log);

  /* Length, up: one change of the list for the whole reordering (the
   * two ARP frames stay on top). */
  ui_test_click_center (header_button (column_view, "Length"));
  sorted = (SortedBy) { list, REMORA_SORT_LENGTH, FALSE };
  g_assert_true (ui_test_iterate_until (list_sorted_by, &sorted));
  g_assert_cmpstr (log->str, ==, "2-28+28");
  /* Its cancel button stops the sort, and says so. */
  g_assert_cmpstr (gtk_widget_get_tooltip_text (find_stop_button (GTK_WIDGET (window))), ==, "Stop sorting");
  ui_test_settle (GTK_WIDGET (window));
  assert_screen_lengths_sorted (column_view, 1, 5);
  g_assert_cmpuint (selected_number (column_view), ==, 8);
  g_assert_cmpuint (remora_filtered_packet_list_get_frame_number (list, 0), ==, 1);
  g_assert_cmpuint (remora_filtered_packet_list_get_frame_number (list, 29), ==, 24);
  /* frame.time_delta_displayed still counts from the frame before in
   * capture order, not from the row above. */
  g_assert_cmpuint (remora_filtered_packet_list_get_displayed_before (list, 8), ==, 7);
  g_assert_cmpuint (remora_filtered_packet_list_get_displayed_before (list, 1), ==, 0);
  ui_test_save_screenshot (GTK_WIDGET (window), "packet-list-sorted.png");

  /* Again: down. */
  g_string_truncate (log, 0);
  ui_test_click_center (header_button (column_view, "Length"));
  sorted = (SortedBy) { list, REMORA_SORT_LENGTH, TRUE };
  g_assert_true (ui_test_iterate_until (list_sorted_by, &sorted));
  g_assert_cmpstr (log->str, ==, "0-30+30");
  ui_test_settle (GTK_WIDGET (window));
  assert_screen_lengths_sorted (column_view, -1, 5);
  g_assert_cmpuint (selected_number (column_view), ==, 8);
  g_assert_cmpuint (remora_filtered_packet_list_get_frame_number (list, 0), ==, 12);

  /* No.: capture order again. */
  g_string_truncate (log, 0);
  ui_test_click_center (header_button (column_view, "No."));
  sorted = (SortedBy) { list, REMORA_SORT_NONE, FALSE };
  g_assert_true (ui_test_iterate_until (list_sorted_by, &sorted));
  g_assert_cmpstr (log->str, ==, "0-30+30");
  g_assert_cmpuint (selected_number (column_view), ==, 8);
  for (guint nth = 0; nth < 30; nth++)
    g_assert_cmpuint (remora_filtered_packet_list_get_frame_number (list, nth), ==, nth + 1);
  ui_test_settle (GTK_WIDGET (window));
  /* Capture order on screen too, the selected row among the rows. */
  numbers = screen_numbers (column_view);
  g_test_message ("rows on screen: %s", numbers);
  {
    g_auto(GStrv) shown_numbers = g_strsplit (numbers, " ", -1);
    gboolean has_selected = FALSE;

    g_assert_cmpuint (g_strv_length (shown_numbers), >=, 5);
    for (guint i = 0; shown_numbers[i] != NULL; i++)
      {
        has_selected |= g_str_equal (shown_numbers[i], "8");
        if (i > 0)
          g_assert_cmpint (atoi (shown_numbers[i]), ==, atoi (shown_numbers[i - 1]) + 1);
      }
    g_assert_true (has_selected);
  }

  g_signal_handlers_disconnect_by_func (list, ui_test_record_items_changed, log);
  ui_test_stop_application (app);
}

/* A display filter keeps the order the headers chose. */
static void
test_filter_keeps_sort (void)
{
  RemoraApplication *app;
  RemoraWindow *window;
  GtkWidget *column_view;
  RemoraFilteredPacketList *list;
  RemoraFilterBar *bar;
  UiTestBarText bar_text;
  FilteredBy filtered;
  SortedBy sorted;

  app = ui_test_start_application_for_input ();
  if (app == NULL)
    return;
  window = ui_test_open_and_wait (app, sample_path);
  column_view = ui_test_packet_list (window);
  list = packet_list_of (column_view);
  ui_test_settle (GTK_WIDGET (window));

  /* Protocol, twice: down, TCP first. */
  ui_test_click_center (header_button (column_view, "Protocol"));
  sorted = (SortedBy) { list, REMORA_SORT_PROTOCOL, FALSE };
  g_assert_true (ui_test_iterate_until (list_sorted_by, &sorted));
  ui_test_settle (GTK_WIDGET (window));
  ui_test_click_center (header_button (column_view, "Protocol"));
  sorted = (SortedBy) { list, REMORA_SORT_PROTOCOL, TRUE };
  g_assert_true (ui_test_iterate_until (list_sorted_by, &sorted));

  /* Typed and applied with Enter, as a person filters. */
  bar = REMORA_FILTER_BAR (ui_test_find_by_type (GTK_WIDGET (window), REMORA_TYPE_FILTER_BAR));
  ui_test_press_key ("ctrl+slash");
  g_assert_true (ui_test_iterate_until (ui_test_focus_inside, remora_filter_bar_get_entry (bar)));
  ui_test_xdotool ("type", "--delay", "15", "frame.len > 70", NULL);
  bar_text = (UiTestBarText) { bar, "frame.len > 70" };
  g_assert_true (ui_test_iterate_until (ui_test_bar_text_is, &bar_text));
  /* Enter would take an offered completion instead of applying. */
  g_assert_true (ui_test_iterate_until (ui_test_completion_hidden, bar));
  ui_test_press_key ("Return");
  filtered = (FilteredBy) { list, "frame.len > 70" };
  g_assert_true (ui_test_iterate_until (list_filtered_by, &filtered));
  g_assert_true (list_sorted_by (&sorted));
  ui_test_iterate_until (ui_test_no_more_events, NULL);
  {
    RemoraDisplayIndex *index = remora_filtered_packet_list_get_index (list);
    static const guint expected[] = { 5, 6, 10, 12, 14, 16, 18, 20, 22, 24, 8, 26, 3, 4 };

    g_assert_cmpstr (remora_display_index_get_filter_text (index), ==, "frame.len > 70");
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, G_N_ELEMENTS (expected));
    for (guint nth = 0; nth < G_N_ELEMENTS (expected); nth++)
      g_assert_cmpuint (remora_filtered_packet_list_get_frame_number (list, nth), ==, expected[nth]);
  }

  ui_test_stop_application (app);
}

static void
test_row_colors (void)
{
  RemoraApplication *app;
  RemoraWindow *window;
  GtkWidget *column_view;
  RowColored colored;

  app = ui_test_start_application_for_input ();
  if (app == NULL)
    return;
  window = ui_test_open_and_wait (app, sample_path);
  column_view = ui_test_packet_list (window);

  /* Wireshark's colours: ARP, UDP (DNS), HTTP (the request, and the
   * SYN to port 80), TCP SYN/FIN does not outrank HTTP. */
  g_assert_cmpstr (remora_packet_colors_get_css_class (5), ==, "packet-color-arp");
  colored = (RowColored) { column_view, "1", "packet-color-arp" };
  g_assert_true (ui_test_iterate_until (row_colored, &colored));
  colored = (RowColored) { column_view, "3", "packet-color-udp" };
  g_assert_true (ui_test_iterate_until (row_colored, &colored));
  colored = (RowColored) { column_view, "8", "packet-color-http" };
  g_assert_true (ui_test_iterate_until (row_colored, &colored));
  colored = (RowColored) { column_view, "5", "packet-color-http" };
  g_assert_true (ui_test_iterate_until (row_colored, &colored));

  /* A selected row keeps its class; the stylesheet leaves it to the
   * theme's selection colours. */
  ui_test_settle (GTK_WIDGET (window));
  ui_test_click_center (ui_test_find_packet_row (column_view, "4"));
  ui_test_iterate_until (ui_test_no_more_events, NULL);
  ui_test_settle (GTK_WIDGET (window));
  ui_test_save_screenshot (GTK_WIDGET (window), "packet-list-colors.png");

  /* View > Colorize Packet List: off. */
  choose_colorize (window, "packet-list-menu.png");
  g_assert_true (ui_test_iterate_until (no_row_colored, column_view));
  ui_test_settle (GTK_WIDGET (window));
  g_assert_true (no_row_colored (column_view));

  /* And on again: the colours come back without reloading. */
  choose_colorize (window, NULL);
  colored = (RowColored) { column_view, "1", "packet-color-arp" };
  g_assert_true (ui_test_iterate_until (row_colored, &colored));

  ui_test_stop_application (app);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  ui_test_ignore_environment_warnings ();

  sample_path = UI_SAMPLE_PCAP;
  g_test_add_func ("/remora/ui/packet-list/sort-by-header", test_sort_by_header);
  g_test_add_func ("/remora/ui/packet-list/filter-keeps-sort", test_filter_keeps_sort);
  g_test_add_func ("/remora/ui/packet-list/row-colors", test_row_colors);
  return g_test_run ();
}
