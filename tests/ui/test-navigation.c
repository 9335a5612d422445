/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-navigation"

#include "config.h"

#include <string.h>

#include <gtk/gtk.h>

#include "remora-application.h"
#include "remora-capture-document.h"
#include "remora-capture-reader.h"
#include "remora-filter-bar.h"
#include "remora-hex-view.h"
#include "remora-packet-row.h"
#include "remora-preferences-window.h"
#include "remora-proto-tree.h"
#include "remora-window.h"
#include "ui-test-util.h"

/* The Go and View menus and Edit > Preferences of the real window over
 * data/sample/http-dns.pcap (30 frames; 26 is the HTTP response that
 * completes a reassembly of 9 TCP segments), driven with keys and the
 * main menu through xdotool, checked on what the window shows. */

static char *sample_path;

/* ---- what the capture holds, read without the UI ---- */

typedef struct {
  gint64  ts_ns;
  guint64 ts_units;
} FrameTime;

static FrameTime
read_frame_time (guint number)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RemoraCaptureReader) reader = remora_capture_reader_open (sample_path, &error);
  RemoraPacketRecord rec;
  FrameTime out = { 0 };

  g_assert_no_error (error);
  for (guint i = 1; i <= number; i++)
    g_assert_cmpint (remora_capture_reader_next (reader, &rec, NULL), ==, REMORA_READ_PACKET);
  out.ts_ns = rec.ts_ns;
  out.ts_units = remora_capture_reader_get_interface (reader, rec.iface_id)->ts_units;
  return out;
}

/* The capture's precision: tshark shows as many decimals as the file
 * records (9 for this nanosecond pcap). */
static int
decimals (guint64 units)
{
  int n = 0;

  for (; units > 1; units /= 10)
    n++;
  return n;
}

/* What `tshark -t ad|ud` prints: the calendar time, then the fraction
 * cut (not rounded) to the capture's precision. */
static char *
expected_calendar (FrameTime t,
                   gboolean  utc,
                   const char *pattern)
{
  g_autoptr(GDateTime) dt = utc ? g_date_time_new_from_unix_utc (t.ts_ns / G_GINT64_CONSTANT (1000000000))
                                : g_date_time_new_from_unix_local (t.ts_ns / G_GINT64_CONSTANT (1000000000));
  g_autofree char *date = g_date_time_format (dt, pattern);
  int digits = decimals (t.ts_units);
  gint64 frac = t.ts_ns % G_GINT64_CONSTANT (1000000000);

  for (int i = digits; i < 9; i++)
    frac /= 10;
  return g_strdup_printf ("%s.%0*" G_GINT64_FORMAT, date, digits, frac);
}

/* What `tshark -t r|d|dd|e` prints for a non-negative span. */
static char *
expected_seconds (gint64  ns,
                  guint64 units)
{
  int digits = decimals (units);
  gint64 frac = ns % G_GINT64_CONSTANT (1000000000);

  for (int i = digits; i < 9; i++)
    frac /= 10;
  return g_strdup_printf ("%" G_GINT64_FORMAT ".%0*" G_GINT64_FORMAT,
                          ns / G_GINT64_CONSTANT (1000000000), digits, frac);
}

/* ---- the window ---- */

typedef struct {
  RemoraApplication  *app;
  RemoraWindow       *window;
  GtkWidget          *column_view;
  GtkSingleSelection *selection;
  RemoraProtoTree    *tree;
  RemoraFilterBar    *bar;
} Fixture;

static gboolean
open_sample (Fixture *f)
{
  memset (f, 0, sizeof *f);
  if (sample_path == NULL)
    {
      g_test_skip ("needs data/sample/http-dns.pcap");
      return FALSE;
    }
  f->app = ui_test_start_application_for_input ();
  if (f->app == NULL)
    return FALSE;
  f->window = ui_test_open_and_wait (f->app, sample_path);
  f->column_view = ui_test_packet_list (f->window);
  f->selection = GTK_SINGLE_SELECTION (gtk_column_view_get_model (GTK_COLUMN_VIEW (f->column_view)));
  f->tree = REMORA_PROTO_TREE (ui_test_find_by_type (GTK_WIDGET (f->window), REMORA_TYPE_PROTO_TREE));
  f->bar = REMORA_FILTER_BAR (ui_test_find_by_type (GTK_WIDGET (f->window), REMORA_TYPE_FILTER_BAR));
  ui_test_settle (GTK_WIDGET (f->window));
  return TRUE;
}

static guint
selected_frame (Fixture *f)
{
  RemoraPacketRow *row = gtk_single_selection_get_selected_item (f->selection);

  return row != NULL ? remora_packet_row_get_number (row) : 0;
}

/* The row of frame NUMBER is drawn whole inside the list's viewport. */
static gboolean
row_in_view (Fixture *f,
             guint    number)
{
  g_autofree char *text = g_strdup_printf ("%u", number);
  GtkWidget *row = ui_test_find_packet_row (f->column_view, text);
  GtkWidget *scroller = gtk_widget_get_ancestor (f->column_view, GTK_TYPE_SCROLLED_WINDOW);
  graphene_rect_t bounds;
  int header = 0;

  if (row == NULL || !gtk_widget_compute_bounds (row, scroller, &bounds))
    return FALSE;
  /* The column titles cover the top of the viewport. */
  for (GtkWidget *child = gtk_widget_get_first_child (f->column_view); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (!GTK_IS_LIST_VIEW (child))
      header = MAX (header, gtk_widget_get_height (child));
  return bounds.origin.y >= header - 1 &&
         bounds.origin.y + bounds.size.height <= gtk_widget_get_height (scroller) + 1;
}

typedef struct {
  Fixture *f;
  guint    number;
} Selected;

static gboolean
selected_and_shown (gpointer data)
{
  Selected *want = data;
  RemoraPacketSnapshot *snapshot = remora_proto_tree_get_snapshot (want->f->tree);

  return selected_frame (want->f) == want->number && row_in_view (want->f, want->number) &&
         snapshot != NULL && remora_packet_snapshot_get_number (snapshot) == want->number;
}

static void
assert_goes_to (Fixture *f,
                guint    number)
{
  Selected want = { f, number };

  if (!ui_test_iterate_until (selected_and_shown, &want))
    g_error ("frame %u is not selected and in view (selected: %u)", number, selected_frame (f));
}

static GtkRevealer *
goto_bar (Fixture *f)
{
  GtkWidget *bar = ui_test_find_named (GTK_WIDGET (f->window), "goto_bar");

  g_assert_true (GTK_IS_REVEALER (bar));
  return GTK_REVEALER (bar);
}

static GtkWidget *
goto_entry (Fixture *f)
{
  return ui_test_find_by_type (GTK_WIDGET (goto_bar (f)), GTK_TYPE_ENTRY);
}

static gboolean
goto_bar_open (gpointer data)
{
  Fixture *f = data;
  GtkRevealer *bar = goto_bar (f);

  return gtk_revealer_get_child_revealed (bar) && ui_test_focus_inside (goto_entry (f));
}

static gboolean
goto_bar_closed (gpointer data)
{
  return !gtk_widget_get_mapped (gtk_revealer_get_child (goto_bar (data)));
}

typedef struct {
  GtkWidget  *entry;
  const char *text;
} EntryText;

static gboolean
entry_text_is (gpointer data)
{
  EntryText *want = data;

  return g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (want->entry)), want->text) == 0;
}

/* Ctrl+G, NUMBER typed over what the entry held, Enter. */
static void
go_to_packet (Fixture    *f,
              const char *number)
{
  EntryText want;

  ui_test_press_key ("ctrl+g");
  g_assert_true (ui_test_iterate_until (goto_bar_open, f));
  ui_test_type_text (number);
  want = (EntryText) { goto_entry (f), number };
  g_assert_true (ui_test_iterate_until (entry_text_is, &want));
  ui_test_press_key ("Return");
}

/* A click into the filter, TEXT and Enter, as a person filters (after a
 * menu has closed the window may not have the keyboard for Ctrl+/). */
static void
type_filter (Fixture    *f,
             const char *text,
             guint       n_displayed)
{
  UiTestModelLength want = { G_LIST_MODEL (f->selection), n_displayed };

  ui_test_type_into_filter (f->bar, text, TRUE);
  ui_test_press_key ("Return");
  ui_test_iterate_until (ui_test_model_length_is, &want);
  g_assert_cmpuint (g_list_model_get_n_items (want.model), ==, n_displayed);
}

/* ---- Go ---- */

static void
test_go_keys (void)
{
  Fixture f;
  UiTestLabel message;

  if (!open_sample (&f))
    return;

  ui_test_click_center (ui_test_find_packet_row (f.column_view, "1"));
  assert_goes_to (&f, 1);

  /* From the packet list, which binds these keys to moving its focus. */
  ui_test_press_key ("ctrl+End");
  assert_goes_to (&f, 30);
  ui_test_press_key ("ctrl+Home");
  assert_goes_to (&f, 1);
  ui_test_press_key ("ctrl+Down");
  assert_goes_to (&f, 2);
  ui_test_press_key ("ctrl+Down");
  assert_goes_to (&f, 3);
  ui_test_press_key ("ctrl+Up");
  assert_goes_to (&f, 2);

  /* From the tree: the list still follows. */
  ui_test_settle (GTK_WIDGET (f.window));
  ui_test_click_center (ui_test_find_by_type (GTK_WIDGET (f.tree), GTK_TYPE_LABEL));
  g_assert_true (ui_test_iterate_until (ui_test_focus_inside, f.tree));
  ui_test_press_key ("ctrl+Down");
  assert_goes_to (&f, 3);
  ui_test_press_key ("ctrl+End");
  assert_goes_to (&f, 30);
  g_assert_true (ui_test_focus_inside (f.tree));

  /* In the filter's text the keys keep their editing meaning. */
  ui_test_click_center (GTK_WIDGET (remora_filter_bar_get_entry (f.bar)));
  g_assert_true (ui_test_iterate_until (ui_test_focus_inside, remora_filter_bar_get_entry (f.bar)));
  ui_test_press_key ("ctrl+Home");
  ui_test_press_key ("ctrl+Up");
  ui_test_run_for_ms (300);
  g_assert_cmpuint (selected_frame (&f), ==, 30);

  /* Go to Packet: the bar, the number, Enter. */
  ui_test_press_key ("ctrl+g");
  g_assert_true (ui_test_iterate_until (goto_bar_open, &f));
  ui_test_type_text ("17");
  g_assert_true (ui_test_iterate_until (entry_text_is, &(EntryText) { goto_entry (&f), "17" }));
  ui_test_settle (GTK_WIDGET (f.window));
  ui_test_save_screenshot (GTK_WIDGET (f.window), "navigation-goto-bar.png");
  ui_test_press_key ("Return");
  assert_goes_to (&f, 17);
  g_assert_true (ui_test_iterate_until (goto_bar_closed, &f));
  g_assert_true (ui_test_iterate_until (ui_test_focus_inside, f.column_view));

  /* A frame the capture does not have: said in the bar, nothing moves. */
  go_to_packet (&f, "99");
  message = (UiTestLabel) { GTK_WIDGET (goto_bar (&f)), "There is no packet 99: the capture has 30 packets." };
  g_assert_true (ui_test_iterate_until (ui_test_label_shown, &message));
  g_assert_cmpuint (selected_frame (&f), ==, 17);
  ui_test_save_screenshot (GTK_WIDGET (f.window), "navigation-goto-missing.png");
  /* Escape closes it. */
  ui_test_press_key ("Escape");
  g_assert_true (ui_test_iterate_until (goto_bar_closed, &f));
  g_assert_cmpuint (selected_frame (&f), ==, 17);

  ui_test_stop_application (f.app);
}

static void
test_go_to_hidden_packet (void)
{
  Fixture f;
  UiTestLabel message;

  if (!open_sample (&f))
    return;

  type_filter (&f, "dns", 2);
  go_to_packet (&f, "10");
  message = (UiTestLabel) { GTK_WIDGET (goto_bar (&f)), "Packet 10 is not displayed: the display filter hides it." };
  g_assert_true (ui_test_iterate_until (ui_test_label_shown, &message));
  g_assert_cmpuint (selected_frame (&f), ==, 0);
  ui_test_settle (GTK_WIDGET (f.window));
  ui_test_save_screenshot (GTK_WIDGET (f.window), "navigation-goto-hidden.png");

  /* Ctrl+G again selects what the entry holds: a new number replaces it. */
  go_to_packet (&f, "4");
  assert_goes_to (&f, 4);
  g_assert_true (ui_test_iterate_until (goto_bar_closed, &f));
  ui_test_press_key ("ctrl+Up");
  assert_goes_to (&f, 3);
  ui_test_press_key ("ctrl+Up");
  assert_goes_to (&f, 3);

  ui_test_stop_application (f.app);
}

/* ---- View ---- */

static GtkWidget *
menu_popover (Fixture *f)
{
  GtkWidget *header = ui_test_find_by_type (GTK_WIDGET (f->window), GTK_TYPE_HEADER_BAR);
  GtkWidget *button = ui_test_find_by_type (header, GTK_TYPE_MENU_BUTTON);

  return GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
}

/* View > ITEM, or View > SUBMENU > ITEM, clicked. */
static void
choose_view_item (Fixture    *f,
                  const char *submenu,
                  const char *item)
{
  GtkWidget *label = ui_test_open_main_menu (f->window, "View", submenu != NULL ? submenu : item);
  UiTestLabel want;

  g_assert_nonnull (label);
  /* The View page slides in first; a click during the slide lands beside
   * the item. */
  ui_test_run_for_ms (400);
  if (submenu != NULL)
    {
      ui_test_click_center (label);
      want = (UiTestLabel) { menu_popover (f), item };
      if (!ui_test_iterate_until (ui_test_label_shown, &want))
        {
          g_autoptr(GPtrArray) texts = ui_test_mapped_label_texts (menu_popover (f));

          for (guint i = 0; i < texts->len; i++)
            g_printerr ("menu: %s\n", (char *) texts->pdata[i]);
          g_error ("no menu item “%s”", item);
        }
      ui_test_run_for_ms (400);
      label = ui_test_find_mapped_label (menu_popover (f), item);
    }
  g_assert_true (ui_test_menu_item_sensitive (label));
  ui_test_click_center (label);
  g_assert_true (ui_test_iterate_until (ui_test_main_menu_closed, f->window));
}

typedef struct {
  Fixture    *f;
  const char *number;
  const char *text;
} TimeCell;

static gboolean
time_cell_is (gpointer data)
{
  TimeCell *want = data;
  g_auto(GStrv) texts = ui_test_find_row_texts (want->f->column_view, want->number);

  return texts != NULL && g_strcmp0 (texts[1], want->text) == 0;
}

static void
assert_time_cell (Fixture    *f,
                  const char *number,
                  const char *text)
{
  TimeCell want = { f, number, text };

  if (!ui_test_iterate_until (time_cell_is, &want))
    {
      g_auto(GStrv) texts = ui_test_find_row_texts (f->column_view, number);

      g_error ("Time of frame %s is “%s”, not “%s”", number,
               texts != NULL ? texts[1] : "(no row)", text);
    }
}

static void
assert_key_string (GSettings  *settings,
                   const char *key,
                   const char *value)
{
  g_autofree char *text = g_settings_get_string (settings, key);

  g_assert_cmpstr (text, ==, value);
}

static void
test_time_format (void)
{
  Fixture f;
  FrameTime t1 = read_frame_time (1);
  FrameTime t2 = read_frame_time (2);
  FrameTime t3 = read_frame_time (3);
  FrameTime t4 = read_frame_time (4);
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *text = NULL;

  if (!open_sample (&f))
    return;
  /* The window's own settings, in the test's memory backend. */
  settings = g_settings_new ("org.remora.Remora");
  g_assert_cmpuint (t2.ts_units, ==, 1000000000);

  /* The default: seconds since the first packet. */
  text = expected_seconds (t2.ts_ns - t1.ts_ns, t2.ts_units);
  assert_time_cell (&f, "2", text);
  g_clear_pointer (&text, g_free);

  choose_view_item (&f, "Time Display Format", "Date and Time of Day (1970-01-01 01:02:03.123456)");
  text = expected_calendar (t2, FALSE, "%Y-%m-%d %H:%M:%S");
  assert_time_cell (&f, "2", text);
  assert_key_string (settings, "time-format", "absolute-with-date");
  ui_test_save_screenshot (GTK_WIDGET (f.window), "navigation-time-format.png");
  g_clear_pointer (&text, g_free);

  choose_view_item (&f, "Time Display Format", "Year, Day of Year, and Time of Day (1970/001 01:02:03.123456)");
  text = expected_calendar (t2, FALSE, "%Y/%j %H:%M:%S");
  assert_time_cell (&f, "2", text);
  g_clear_pointer (&text, g_free);

  choose_view_item (&f, "Time Display Format", "Time of Day (01:02:03.123456)");
  text = expected_calendar (t2, FALSE, "%H:%M:%S");
  assert_time_cell (&f, "2", text);
  g_clear_pointer (&text, g_free);

  choose_view_item (&f, "Time Display Format", "UTC Date and Time of Day (1970-01-01 01:02:03.123456)");
  text = expected_calendar (t2, TRUE, "%Y-%m-%d %H:%M:%S");
  assert_time_cell (&f, "2", text);
  g_clear_pointer (&text, g_free);

  choose_view_item (&f, "Time Display Format", "UTC Time of Day (01:02:03.123456)");
  text = expected_calendar (t2, TRUE, "%H:%M:%S");
  assert_time_cell (&f, "2", text);
  g_clear_pointer (&text, g_free);

  choose_view_item (&f, "Time Display Format", "Seconds Since 1970-01-01");
  text = expected_seconds (t2.ts_ns, t2.ts_units);
  assert_time_cell (&f, "2", text);
  g_clear_pointer (&text, g_free);

  choose_view_item (&f, "Time Display Format", "Seconds Since Previous Captured Packet");
  text = expected_seconds (t4.ts_ns - t3.ts_ns, t4.ts_units);
  assert_time_cell (&f, "4", text);
  g_clear_pointer (&text, g_free);

  /* Since the previous displayed packet: 3 before 4, then 1 once the
   * filter hides 2 and 3; the row of 4 stays and still follows. */
  choose_view_item (&f, "Time Display Format", "Seconds Since Previous Displayed Packet");
  text = expected_seconds (t4.ts_ns - t3.ts_ns, t4.ts_units);
  assert_time_cell (&f, "4", text);
  g_clear_pointer (&text, g_free);
  type_filter (&f, "frame.number == 1 or frame.number >= 4", 28);
  text = expected_seconds (t4.ts_ns - t1.ts_ns, t4.ts_units);
  assert_time_cell (&f, "4", text);
  g_clear_pointer (&text, g_free);
  assert_time_cell (&f, "1", "0.000000000");

  choose_view_item (&f, "Time Display Format", "Seconds Since Beginning of Capture");
  text = expected_seconds (t4.ts_ns - t1.ts_ns, t4.ts_units);
  assert_time_cell (&f, "4", text);
  assert_key_string (settings, "time-format", "relative");

  ui_test_stop_application (f.app);
}

static gboolean
widget_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static gboolean
widget_unmapped (gpointer data)
{
  return !gtk_widget_get_mapped (data);
}

static void
test_panes (void)
{
  Fixture f;
  GtkWidget *hex;
  GtkPaned *details_paned;
  GtkPaned *main_paned;
  int details_position;
  int main_position;

  if (!open_sample (&f))
    return;

  ui_test_click_center (ui_test_find_packet_row (f.column_view, "8"));
  assert_goes_to (&f, 8);
  hex = ui_test_find_by_type (GTK_WIDGET (f.window), REMORA_TYPE_HEX_VIEW);
  g_assert_nonnull (hex);
  g_assert_true (ui_test_iterate_until (widget_mapped, hex));
  details_paned = GTK_PANED (gtk_widget_get_ancestor (GTK_WIDGET (f.tree), GTK_TYPE_PANED));
  main_paned = GTK_PANED (gtk_widget_get_ancestor (GTK_WIDGET (details_paned), GTK_TYPE_PANED));
  details_position = gtk_paned_get_position (details_paned);
  main_position = gtk_paned_get_position (main_paned);

  /* Packet Bytes off: the hex view goes, the tree takes its room. */
  choose_view_item (&f, NULL, "Packet Bytes");
  g_assert_true (ui_test_iterate_until (widget_unmapped, hex));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (f.tree)));
  ui_test_settle (GTK_WIDGET (f.window));
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (f.tree)), >, details_position);
  ui_test_save_screenshot (GTK_WIDGET (f.window), "navigation-no-bytes.png");

  /* Packet List off too: the tree fills the window. */
  choose_view_item (&f, NULL, "Packet List");
  g_assert_true (ui_test_iterate_until (widget_unmapped, f.column_view));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (f.tree)));

  /* Both back, where they were. */
  choose_view_item (&f, NULL, "Packet List");
  g_assert_true (ui_test_iterate_until (widget_mapped, f.column_view));
  choose_view_item (&f, NULL, "Packet Bytes");
  g_assert_true (ui_test_iterate_until (widget_mapped, hex));
  ui_test_settle (GTK_WIDGET (f.window));
  g_assert_cmpint (gtk_paned_get_position (details_paned), ==, details_position);
  g_assert_cmpint (gtk_paned_get_position (main_paned), ==, main_position);

  ui_test_stop_application (f.app);
}

typedef struct {
  Fixture *f;
  int      height;
  int      cmp;   /* -1: lower than HEIGHT, 0: equal, 1: taller */
} RowHeight;

static int
row_height (Fixture *f)
{
  GtkWidget *row = ui_test_find_packet_row (f->column_view, "1");

  return row != NULL ? gtk_widget_get_height (row) : -1;
}

static gboolean
row_height_is (gpointer data)
{
  RowHeight *want = data;
  int h = row_height (want->f);

  if (h < 0)
    return FALSE;
  return want->cmp == 0 ? h == want->height : want->cmp > 0 ? h > want->height : h < want->height;
}

static void
test_zoom (void)
{
  Fixture f;
  RowHeight want;
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *font = NULL;
  int normal;

  if (!open_sample (&f))
    return;

  normal = row_height (&f);
  g_assert_cmpint (normal, >, 0);

  ui_test_press_key ("ctrl+plus");
  ui_test_press_key ("ctrl+equal");
  want = (RowHeight) { &f, normal, 1 };
  g_assert_true (ui_test_iterate_until (row_height_is, &want));
  ui_test_settle (GTK_WIDGET (f.window));
  ui_test_save_screenshot (GTK_WIDGET (f.window), "navigation-zoomed.png");

  ui_test_press_key ("ctrl+0");
  want = (RowHeight) { &f, normal, 0 };
  g_assert_true (ui_test_iterate_until (row_height_is, &want));

  ui_test_press_key ("ctrl+minus");
  ui_test_press_key ("ctrl+minus");
  want = (RowHeight) { &f, normal, -1 };
  g_assert_true (ui_test_iterate_until (row_height_is, &want));

  /* Through the menu too. */
  choose_view_item (&f, NULL, "Normal Size");
  want = (RowHeight) { &f, normal, 0 };
  g_assert_true (ui_test_iterate_until (row_height_is, &want));

  /* The font of the preferences, bigger: taller rows. */
  settings = g_settings_new ("org.remora.Remora");
  font = g_settings_get_string (settings, "font");
  g_assert_cmpstr (font, ==, "Monospace 10");
  g_settings_set_string (settings, "font", "Monospace 16");
  want = (RowHeight) { &f, normal, 1 };
  g_assert_true (ui_test_iterate_until (row_height_is, &want));
  g_settings_reset (settings, "font");
  want = (RowHeight) { &f, normal, 0 };
  g_assert_true (ui_test_iterate_until (row_height_is, &want));

  ui_test_stop_application (f.app);
}

static gboolean
shortcuts_shown (gpointer data)
{
  GtkWidget *overlay = ui_test_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);

  return overlay != NULL && gtk_widget_get_mapped (overlay);
}

/* Help > Keyboard Shortcuts lists the Go and View keys. */
static void
test_shortcuts_window (void)
{
  Fixture f;
  GtkWidget *overlay;
  static const char * const titles[] = {
    "Go to a packet by number", "Next packet", "Previous packet", "First packet",
    "Last packet", "Zoom in", "Zoom out", "Normal size", "Preferences",
  };

  if (!open_sample (&f))
    return;

  gtk_widget_activate_action (GTK_WIDGET (f.window), "win.show-help-overlay", NULL);
  g_assert_true (ui_test_iterate_until (shortcuts_shown, NULL));
  overlay = ui_test_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
  ui_test_settle (overlay);
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    if (!ui_test_has_mapped_label (overlay, titles[i]))
      g_error ("the shortcuts window does not show “%s”", titles[i]);
  ui_test_save_screenshot (overlay, "navigation-shortcuts.png");

  ui_test_stop_application (f.app);
}

/* ---- Edit > Preferences ---- */

static gboolean
preferences_shown (gpointer data)
{
  GtkWidget *prefs = ui_test_find_toplevel (REMORA_TYPE_PREFERENCES_WINDOW);

  return prefs != NULL && gtk_widget_get_mapped (prefs);
}

/* The switch on the row whose title reads TITLE. */
static GtkSwitch *
row_switch (GtkWidget  *window,
            const char *title)
{
  GtkWidget *label = ui_test_find_mapped_label (window, title);
  GtkWidget *row;

  g_assert_nonnull (label);
  row = gtk_widget_get_ancestor (label, GTK_TYPE_LIST_BOX_ROW);
  g_assert_nonnull (row);
  return GTK_SWITCH (ui_test_find_by_type (row, GTK_TYPE_SWITCH));
}

static gboolean
stack_settled (gpointer data)
{
  return !gtk_stack_get_transition_running (data);
}

typedef struct {
  Fixture               *f;
  RemoraCaptureDocument *old_document;
  guint                  n_pages;
} Reloaded;

static gboolean
has_label_containing (GtkWidget  *root,
                      const char *part)
{
  g_autoptr(GPtrArray) texts = ui_test_mapped_label_texts (root);

  for (guint i = 0; i < texts->len; i++)
    if (strstr (texts->pdata[i], part) != NULL)
      return TRUE;
  return FALSE;
}

/* The window shows frame 26 of a new reading of the file, in the same
 * filtered list, with N_PAGES bytes tabs. */
static gboolean
reloaded_with (gpointer data)
{
  Reloaded *want = data;
  Fixture *f = want->f;
  RemoraCaptureDocument *document = remora_window_get_document (f->window);
  RemoraPacketSnapshot *snapshot = remora_proto_tree_get_snapshot (f->tree);
  GtkNotebook *notebook = GTK_NOTEBOOK (ui_test_find_by_type (GTK_WIDGET (f->window), GTK_TYPE_NOTEBOOK));

  return document != want->old_document && ui_test_window_loaded (f->window) &&
         g_list_model_get_n_items (G_LIST_MODEL (f->selection)) == 26 &&
         selected_frame (f) == 26 && snapshot != NULL &&
         remora_packet_snapshot_get_document (snapshot) == document &&
         (guint) gtk_notebook_get_n_pages (notebook) == want->n_pages;
}

static void
test_preferences_reassembly (void)
{
  Fixture f;
  GtkWidget *prefs;
  GtkNotebook *notebook;
  GtkSwitch *tcp;
  GtkSwitch *http;
  UiTestLabel want;
  Reloaded reloaded;
  g_auto(GStrv) texts = NULL;

  if (!open_sample (&f))
    return;
  notebook = GTK_NOTEBOOK (ui_test_find_by_type (GTK_WIDGET (f.window), GTK_TYPE_NOTEBOOK));

  /* The TCP frames, and the HTTP response among them. */
  type_filter (&f, "tcp", 26);
  go_to_packet (&f, "26");
  assert_goes_to (&f, 26);
  ui_test_settle (GTK_WIDGET (f.window));
  g_assert_cmpint (gtk_notebook_get_n_pages (notebook), ==, 2);
  g_assert_true (g_regex_match_simple ("^Reassembled TCP \\(4205 bytes\\)$",
                                      gtk_notebook_get_tab_label_text (notebook, gtk_notebook_get_nth_page (notebook, 1)),
                                      0, 0));
  g_assert_true (has_label_containing (GTK_WIDGET (f.tree), "Reassembled TCP Segments"));

  ui_test_press_key ("ctrl+shift+p");
  g_assert_true (ui_test_iterate_until (preferences_shown, NULL));
  prefs = ui_test_find_toplevel (REMORA_TYPE_PREFERENCES_WINDOW);
  ui_test_settle (prefs);
  ui_test_save_screenshot (prefs, "preferences-appearance.png");

  ui_test_click_center (ui_test_find_mapped_label (prefs, "Protocols"));
  want = (UiTestLabel) { prefs, "Allow subdissector to reassemble TCP streams" };
  g_assert_true (ui_test_iterate_until (ui_test_label_shown, &want));
  g_assert_true (ui_test_iterate_until (stack_settled, ui_test_find_by_type (prefs, GTK_TYPE_STACK)));
  ui_test_settle (prefs);
  tcp = row_switch (prefs, "Allow subdissector to reassemble TCP streams");
  http = row_switch (prefs, "Reassemble HTTP headers and bodies spanning multiple TCP segments");
  g_assert_true (gtk_switch_get_active (tcp));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (http)));
  ui_test_save_screenshot (prefs, "preferences-protocols.png");

  /* Off: the file is read again; 26 is a lone segment, no reassembly. */
  reloaded = (Reloaded) { &f, remora_window_get_document (f.window), 1 };
  ui_test_click_center (GTK_WIDGET (tcp));
  g_assert_true (ui_test_iterate_until (reloaded_with, &reloaded));
  g_assert_false (gtk_switch_get_active (tcp));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (http)));
  g_assert_cmpstr (remora_filter_bar_get_text (f.bar), ==, "tcp");
  ui_test_settle (GTK_WIDGET (f.window));
  g_assert_false (gtk_notebook_get_show_tabs (notebook));
  g_assert_false (has_label_containing (GTK_WIDGET (f.tree), "Reassembled TCP Segments"));
  g_assert_true (row_in_view (&f, 26));
  texts = ui_test_find_row_texts (f.column_view, "26");
  g_assert_nonnull (texts);
  g_assert_cmpstr (texts[6], ==, "Continuation");
  g_clear_pointer (&texts, g_strfreev);

  /* On again: the response is whole again. */
  reloaded = (Reloaded) { &f, remora_window_get_document (f.window), 2 };
  ui_test_click_center (GTK_WIDGET (tcp));
  g_assert_true (ui_test_iterate_until (reloaded_with, &reloaded));
  ui_test_settle (GTK_WIDGET (f.window));
  g_assert_true (has_label_containing (GTK_WIDGET (f.tree), "Reassembled TCP Segments"));
  texts = ui_test_find_row_texts (f.column_view, "26");
  g_assert_nonnull (texts);
  g_assert_true (g_str_has_prefix (texts[6], "HTTP/1.0 200 OK"));

  ui_test_stop_application (f.app);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  ui_test_ignore_environment_warnings ();

  /* A local zone away from UTC, so that local and UTC formats differ. */
  g_setenv ("TZ", "XST-5:30", TRUE);

  if (g_file_test (UI_SAMPLE_PCAP, G_FILE_TEST_IS_REGULAR))
    sample_path = g_strdup (UI_SAMPLE_PCAP);

  g_test_add_func ("/remora/ui/navigation/go-keys", test_go_keys);
  g_test_add_func ("/remora/ui/navigation/go-to-hidden-packet", test_go_to_hidden_packet);
  g_test_add_func ("/remora/ui/navigation/time-format", test_time_format);
  g_test_add_func ("/remora/ui/navigation/panes", test_panes);
  g_test_add_func ("/remora/ui/navigation/zoom", test_zoom);
  g_test_add_func ("/remora/ui/navigation/preferences-reassembly", test_preferences_reassembly);
  g_test_add_func ("/remora/ui/navigation/shortcuts-window", test_shortcuts_window);
  return g_test_run ();
}
