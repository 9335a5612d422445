/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-capture-actions"

#include "config.h"

#include <string.h>

#include <signal.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "remora-capture-document.h"
#include "remora-capture-options.h"
#include "remora-capture-request.h"
#include "remora-interface-chooser.h"
#include "remora-packet-row.h"
#include "ui-test-util.h"

/* The window's capture controls, driven by keys and clicks under Xvfb:
 * the start page's interface list, Start/Stop/Restart in the header bar
 * and on Ctrl+E / Ctrl+R, Start with nothing chosen, automatic scrolling,
 * Capture Options' settings surviving a restart of the application, and
 * `remora -i lo -k` capturing at once, then quitting on SIGTERM.
 * The build's helper lists the interfaces; the fake one
 * (tests/data/fake-remora-capture.py) captures.  Leaves
 * remora-capture-running.png and remora-auto-scroll.png in the build
 * folder. */

static char *build_helper;
static char *fake_helper;

/* ---- widgets ---- */

static gboolean
button_sensitive (RemoraWindow *window,
                  const char   *action)
{
  GtkWidget *button = ui_test_find_action_button (GTK_WIDGET (window), action);

  g_assert_nonnull (button);
  return gtk_widget_is_sensitive (button);
}

/* The header bar's Start, Stop and Restart as a person sees them. */
static void
assert_capture_buttons (RemoraWindow *window,
                        gboolean      capturing)
{
  g_assert_cmpint (button_sensitive (window, "win.capture-start"), ==, !capturing);
  g_assert_cmpint (button_sensitive (window, "win.capture-stop"), ==, capturing);
  g_assert_cmpint (button_sensitive (window, "win.capture-restart"), ==, capturing);
  g_assert_cmpint (button_sensitive (window, "win.capture-options"), ==, !capturing);
}

static gboolean
chooser_lists_lo (gpointer data)
{
  return ui_test_find_mapped_label (data, "lo") != NULL;
}

/* On the start page: a click on lo selects it. */
static void
select_lo (RemoraWindow *window)
{
  GtkWidget *chooser = ui_test_find_by_type (GTK_WIDGET (window), REMORA_TYPE_INTERFACE_CHOOSER);
  g_auto(GStrv) selected = NULL;

  g_assert_true (gtk_widget_get_mapped (chooser));
  g_assert_true (ui_test_iterate_until (chooser_lists_lo, chooser));
  ui_test_settle (GTK_WIDGET (window));
  ui_test_click_center (ui_test_find_mapped_label (chooser, "lo"));
  ui_test_settle (GTK_WIDGET (window));
  selected = remora_interface_chooser_dup_selected_names (REMORA_INTERFACE_CHOOSER (chooser));
  g_assert_cmpstrv (selected, ((const char * const []) { "lo", NULL }));
}

static gboolean
capturing (gpointer data)
{
  RemoraCaptureDocument *document = remora_window_get_document (data);

  return document != NULL && remora_capture_document_get_live (document) &&
         remora_capture_document_get_n_frames (document) > 0;
}

static void
use_fake_helper (guint packets,
                 double delay)
{
  g_autofree char *n = g_strdup_printf ("%u", packets);
  char d[G_ASCII_DTOSTR_BUF_SIZE];

  g_setenv ("REMORA_CAPTURE", fake_helper, TRUE);
  g_setenv ("FAKE_CAPTURE_PACKETS", n, TRUE);
  g_setenv ("FAKE_CAPTURE_DELAY", g_ascii_dtostr (d, sizeof d, delay), TRUE);
}

/* ---- cases ---- */

static gboolean
slide_over (gpointer data)
{
  return data == NULL || !gtk_stack_get_transition_running (data);
}

/* Start with no interface chosen anywhere: Capture Options, to choose. */
static void
test_start_without_interface (void)
{
  RemoraApplication *app;
  RemoraWindow *window;
  GtkWidget *start;
  GtkWidget *popover;

  app = ui_test_start_application_for_input ();
  if (app == NULL)
    return;
  g_setenv ("REMORA_CAPTURE", build_helper, TRUE);
  window = ui_test_activate (app);
  assert_capture_buttons (window, FALSE);

  /* The Capture menu offers Start only, until a capture runs. */
  start = ui_test_open_main_menu (window, "Capture", "Start");
  popover = gtk_widget_get_ancestor (start, GTK_TYPE_POPOVER);
  g_assert_true (ui_test_menu_item_sensitive (start));
  g_assert_false (ui_test_menu_item_sensitive (ui_test_find_mapped_label (popover, "Stop")));
  g_assert_false (ui_test_menu_item_sensitive (ui_test_find_mapped_label (popover, "Restart")));
  g_assert_nonnull (ui_test_find_mapped_label (popover, "Automatic Scrolling in Live Capture"));
  /* The submenu slides in: click once it stands still. */
  g_assert_true (ui_test_iterate_until (slide_over, gtk_widget_get_ancestor (start, GTK_TYPE_STACK)));
  ui_test_settle (popover);
  ui_test_click_center (start);
  g_assert_true (ui_test_iterate_until (ui_test_toplevel_shown, GSIZE_TO_POINTER (REMORA_TYPE_CAPTURE_OPTIONS)));
  g_assert_true (ui_test_iterate_until (ui_test_main_menu_closed, window));
  g_assert_null (remora_window_get_document (window));
  ui_test_press_key ("Escape");
  g_assert_true (ui_test_iterate_until (ui_test_toplevel_gone, GSIZE_TO_POINTER (REMORA_TYPE_CAPTURE_OPTIONS)));

  /* And so does the header bar's Start. */
  ui_test_click_center (ui_test_find_action_button (GTK_WIDGET (window), "win.capture-start"));
  g_assert_true (ui_test_iterate_until (ui_test_toplevel_shown, GSIZE_TO_POINTER (REMORA_TYPE_CAPTURE_OPTIONS)));
  g_assert_null (remora_window_get_document (window));
  ui_test_press_key ("Escape");
  g_assert_true (ui_test_iterate_until (ui_test_toplevel_gone, GSIZE_TO_POINTER (REMORA_TYPE_CAPTURE_OPTIONS)));
  ui_test_stop_application (app);
}

/* More than a screenful of packets, the last of them in view. */
static gboolean
list_follows (gpointer data)
{
  GtkWidget *column_view = ui_test_find_by_type (data, GTK_TYPE_COLUMN_VIEW);
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (column_view));
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (column_view)));
  double page = gtk_adjustment_get_page_size (adjustment);

  return g_list_model_get_n_items (model) > 30 && page > 0 &&
         gtk_adjustment_get_upper (adjustment) > 2 * page &&
         gtk_adjustment_get_value (adjustment) + page >= gtk_adjustment_get_upper (adjustment) - 2.0;
}

typedef struct {
  RemoraWindow          *window;
  RemoraCaptureDocument *old;
} Replaced;

static gboolean
document_replaced (gpointer data)
{
  Replaced *want = data;
  RemoraCaptureDocument *document = remora_window_get_document (want->window);

  return document != NULL && document != want->old && remora_capture_document_get_live (document);
}

/* Ctrl+E starts on the start page's selection and stops; Ctrl+R starts
 * again into a new list; Start without the start page captures where the
 * window captured last. */
static void
test_start_stop_restart (void)
{
  RemoraApplication *app;
  RemoraWindow *window;
  GtkWidget *chooser;
  RemoraCaptureDocument *first;
  guint first_frames;
  Replaced replaced;

  app = ui_test_start_application_for_input ();
  if (app == NULL)
    return;
  g_setenv ("REMORA_CAPTURE", build_helper, TRUE);
  window = ui_test_activate (app);
  chooser = ui_test_find_by_type (GTK_WIDGET (window), REMORA_TYPE_INTERFACE_CHOOSER);
  select_lo (window);

  use_fake_helper (100000, 0.05);
  ui_test_press_key ("ctrl+e");
  g_assert_true (ui_test_iterate_until (capturing, window));
  g_assert_false (gtk_widget_get_mapped (chooser));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Capturing from lo");
  assert_capture_buttons (window, TRUE);
  /* The list follows the packets (automatic scrolling is on). */
  g_assert_true (ui_test_iterate_until (list_follows, window));
  ui_test_save_screenshot (GTK_WIDGET (window), "remora-capture-running.png");

  /* Restart: the running capture ends, keeping its packets, and a new one
   * fills a new list. */
  first = g_object_ref (remora_window_get_document (window));
  ui_test_press_key ("ctrl+r");
  replaced = (Replaced) { window, first };
  g_assert_true (ui_test_iterate_until (document_replaced, &replaced));
  g_assert_false (remora_capture_document_get_live (first));
  first_frames = remora_capture_document_get_n_frames (first);
  g_assert_cmpuint (first_frames, >, 0);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Capturing from lo");
  g_assert_true (ui_test_iterate_until (capturing, window));
  assert_capture_buttons (window, TRUE);
  g_clear_object (&first);

  /* Ctrl+E again: stops. */
  ui_test_press_key ("ctrl+e");
  g_assert_true (ui_test_iterate_until (ui_test_capture_ended, window));
  assert_capture_buttons (window, FALSE);
  g_assert_false (gtk_widget_get_mapped (chooser));

  /* Start from the header bar: the start page is gone, so where the
   * window captured last. */
  first = g_object_ref (remora_window_get_document (window));
  ui_test_click_center (ui_test_find_action_button (GTK_WIDGET (window), "win.capture-start"));
  /* The capture before it was never saved: the window asks first. */
  ui_test_answer_question ("Continue _without Saving");
  replaced = (Replaced) { window, first };
  g_assert_true (ui_test_iterate_until (document_replaced, &replaced));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Capturing from lo");
  g_clear_object (&first);
  ui_test_click_center (ui_test_find_action_button (GTK_WIDGET (window), "win.capture-stop"));
  g_assert_true (ui_test_iterate_until (ui_test_capture_ended, window));
  assert_capture_buttons (window, FALSE);

  g_unsetenv ("REMORA_CAPTURE");
  ui_test_stop_application (app);
}

/* ---- automatic scrolling ---- */

typedef struct {
  RemoraWindow  *window;
  GtkAdjustment *adjustment;
  GListModel    *model;
  guint          n_items;
} Scroll;

static gboolean
at_bottom (Scroll *s)
{
  return gtk_adjustment_get_value (s->adjustment) + gtk_adjustment_get_page_size (s->adjustment) >=
         gtk_adjustment_get_upper (s->adjustment) - 2.0;
}

/* The list has grown by a page and a half since N_ITEMS and shows its end. */
static gboolean
grew_and_at_bottom (gpointer data)
{
  Scroll *s = data;

  return g_list_model_get_n_items (s->model) >= s->n_items + 20 && at_bottom (s);
}

static gboolean
grew (gpointer data)
{
  Scroll *s = data;

  return g_list_model_get_n_items (s->model) >= s->n_items + 20;
}

static GtkWidget *
packet_list_view (RemoraWindow *window)
{
  GtkWidget *column_view = ui_test_packet_list (window);

  return ui_test_find_by_type (column_view, GTK_TYPE_LIST_VIEW);
}

/* The packet list's vertical scroll bar. */
static GtkWidget *
vertical_scrollbar (GtkWidget *column_view)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (column_view, GTK_TYPE_SCROLLED_WINDOW);

  for (GtkWidget *child = gtk_widget_get_first_child (scrolled); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_SCROLLBAR (child) &&
        gtk_orientable_get_orientation (GTK_ORIENTABLE (child)) == GTK_ORIENTATION_VERTICAL)
      return child;
  g_assert_not_reached ();
}

/* The list follows the newest packet, stops following when the wheel
 * takes it up, follows again once it is back at the bottom, and not at
 * all with the header bar's toggle off. */
static void
test_auto_scroll (void)
{
  RemoraApplication *app;
  g_autoptr(GSettings) settings = NULL;
  RemoraWindow *window;
  GtkWidget *column_view;
  GtkWidget *list_view;
  GtkWidget *toggle;
  GtkWidget *scrollbar;
  double value;
  Scroll s;

  app = ui_test_start_application_for_input ();
  if (app == NULL)
    return;
  settings = g_settings_new ("org.remora.Remora");
  g_assert_true (g_settings_get_boolean (settings, "capture-auto-scroll"));
  g_setenv ("REMORA_CAPTURE", build_helper, TRUE);
  window = ui_test_activate (app);
  toggle = ui_test_find_action_button (GTK_WIDGET (window), "win.capture-auto-scroll");
  g_assert_true (GTK_IS_TOGGLE_BUTTON (toggle));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (toggle)));
  select_lo (window);

  /* About 50 packets a second: a person can reach the end while more come. */
  use_fake_helper (200000, 0.2);
  ui_test_press_key ("ctrl+e");
  g_assert_true (ui_test_iterate_until (capturing, window));
  column_view = ui_test_packet_list (window);
  s.window = window;
  s.adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (column_view));
  s.model = G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (column_view)));
  s.n_items = 0;
  g_assert_true (ui_test_iterate_until (grew_and_at_bottom, &s));
  s.n_items = g_list_model_get_n_items (s.model);
  g_assert_true (ui_test_iterate_until (grew_and_at_bottom, &s));

  /* The wheel up: it stays where the user took it. */
  list_view = packet_list_view (window);
  for (guint i = 0; i < 5; i++)
    ui_test_button_at_center (list_view, "4");
  ui_test_settle (GTK_WIDGET (window));
  g_assert_false (at_bottom (&s));
  value = gtk_adjustment_get_value (s.adjustment);
  s.n_items = g_list_model_get_n_items (s.model);
  g_assert_true (ui_test_iterate_until (grew, &s));
  ui_test_settle (GTK_WIDGET (window));
  g_assert_false (at_bottom (&s));
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (s.adjustment), value, 1.0);

  /* Back down to the bottom of the scroll bar: it follows again. */
  scrollbar = vertical_scrollbar (column_view);
  ui_test_button_at (scrollbar, gtk_widget_get_width (scrollbar) / 2.0,
                     gtk_widget_get_height (scrollbar) - 1.0, "1");
  s.n_items = g_list_model_get_n_items (s.model);
  g_assert_true (ui_test_iterate_until (grew_and_at_bottom, &s));
  ui_test_save_screenshot (GTK_WIDGET (window), "remora-auto-scroll.png");

  /* The toggle off: the list stays put, and the setting says so. */
  ui_test_click_center (toggle);
  ui_test_settle (GTK_WIDGET (window));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (toggle)));
  g_assert_false (g_settings_get_boolean (settings, "capture-auto-scroll"));
  value = gtk_adjustment_get_value (s.adjustment);
  s.n_items = g_list_model_get_n_items (s.model);
  g_assert_true (ui_test_iterate_until (grew, &s));
  ui_test_settle (GTK_WIDGET (window));
  g_assert_false (at_bottom (&s));
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (s.adjustment), value, 1.0);

  /* On again: straight to the newest packet. */
  ui_test_click_center (toggle);
  s.n_items = g_list_model_get_n_items (s.model);
  g_assert_true (ui_test_iterate_until (grew_and_at_bottom, &s));

  ui_test_press_key ("ctrl+e");
  g_assert_true (ui_test_iterate_until (ui_test_capture_ended, window));
  g_settings_set_boolean (settings, "capture-auto-scroll", TRUE);
  g_unsetenv ("REMORA_CAPTURE");
  ui_test_stop_application (app);
}

/* ---- Capture Options across runs of the application ---- */

static gboolean
options_list_lo (gpointer data)
{
  GtkWidget *options = ui_test_find_toplevel (REMORA_TYPE_CAPTURE_OPTIONS);

  return options != NULL && ui_test_find_interface_cell (options, "capture-check", "lo") != NULL;
}

static GtkWidget *
open_options (void)
{
  GtkWidget *options;

  ui_test_press_key ("ctrl+k");
  g_assert_true (ui_test_iterate_until (options_list_lo, NULL));
  options = ui_test_find_toplevel (REMORA_TYPE_CAPTURE_OPTIONS);
  ui_test_settle (options);
  return options;
}

static GtkWidget *
named (GtkWidget  *root,
       const char *name)
{
  GtkWidget *widget = ui_test_find_named (root, name);

  g_assert_nonnull (widget);
  return widget;
}

#define EXPECTED_ARGS "-i lo -p -f udp port 53 -s 1500 -B 8 -a packets:500 -a duration:30 " \
                      "-a filesize:700 -b filesize:2000,files:5 -w /tmp/remora-settings-test.pcapng"

static char *
args_text (RemoraCaptureRequest *request)
{
  g_auto(GStrv) args = remora_capture_request_to_args (request);

  return g_strjoinv (" ", args);
}

/* The first run: every setting changed in the dialog. */
static void
settings_phase_save (void)
{
  RemoraApplication *app = ui_test_start_application ();
  GtkWidget *options;
  g_autoptr(RemoraCaptureRequest) request = NULL;
  g_autofree char *args = NULL;
  g_autoptr(GSettings) settings = NULL;

  g_assert_true (ui_test_have_xdotool ());
  ui_test_activate (app);
  options = open_options ();
  ui_test_click_center (ui_test_find_interface_cell (options, "capture-check", "lo"));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (named (options, "promiscuous-all")), FALSE);
  ui_test_settle (options);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (ui_test_find_interface_cell (options, "promisc-check", "lo")), FALSE);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (ui_test_find_interface_cell (options, "snaplen", "lo")), 1500);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (ui_test_find_interface_cell (options, "buffer", "lo")), 8);
  gtk_editable_set_text (GTK_EDITABLE (ui_test_find_interface_cell (options, "capture-filter", "lo")), "udp port 53");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (named (options, "stop-packets-check")), TRUE);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (named (options, "stop-packets")), 500);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (named (options, "stop-duration-check")), TRUE);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (named (options, "stop-duration")), 30);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (named (options, "stop-filesize-check")), TRUE);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (named (options, "stop-filesize")), 700);
  gtk_editable_set_text (GTK_EDITABLE (named (options, "output")), "/tmp/remora-settings-test.pcapng");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (named (options, "ring-size-check")), TRUE);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (named (options, "ring-size")), 2000);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (named (options, "ring-files-check")), TRUE);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (named (options, "ring-files")), 5);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (named (options, "auto-scroll")), FALSE);
  ui_test_settle (options);

  request = remora_capture_options_dup_request (REMORA_CAPTURE_OPTIONS (options));
  args = args_text (request);
  g_assert_cmpstr (args, ==, EXPECTED_ARGS);
  /* Closed without starting: kept all the same. */
  ui_test_click_center (ui_test_find_mapped_button (options, "_Close"));
  g_assert_true (ui_test_iterate_until (ui_test_toplevel_gone, GSIZE_TO_POINTER (REMORA_TYPE_CAPTURE_OPTIONS)));
  ui_test_stop_application (app);
  settings = g_settings_new ("org.remora.Remora");
  g_settings_sync ();
}

/* The second run: the dialog and Start show what the first one chose. */
static void
settings_phase_check (void)
{
  RemoraApplication *app = ui_test_start_application ();
  GtkWidget *options;
  g_autoptr(RemoraCaptureRequest) request = NULL;
  g_autoptr(RemoraCaptureRequest) saved = NULL;
  g_autofree char *args = NULL;
  g_autofree char *saved_args = NULL;

  g_assert_true (ui_test_have_xdotool ());
  ui_test_activate (app);
  options = open_options ();
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (ui_test_find_interface_cell (options, "capture-check", "lo"))));
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (named (options, "promiscuous-all"))));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (ui_test_find_interface_cell (options, "snaplen", "lo"))), ==, 1500);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (ui_test_find_interface_cell (options, "buffer", "lo"))), ==, 8);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ui_test_find_interface_cell (options, "capture-filter", "lo"))), ==, "udp port 53");
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (named (options, "stop-packets-check"))));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (named (options, "stop-packets"))), ==, 500);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (named (options, "output"))), ==, "/tmp/remora-settings-test.pcapng");
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (named (options, "ring-files-check"))));
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (named (options, "auto-scroll"))));
  request = remora_capture_options_dup_request (REMORA_CAPTURE_OPTIONS (options));
  args = args_text (request);
  g_assert_cmpstr (args, ==, EXPECTED_ARGS);
  ui_test_save_screenshot (options, "capture-options-restored.png");
  ui_test_press_key ("Escape");
  g_assert_true (ui_test_iterate_until (ui_test_toplevel_gone, GSIZE_TO_POINTER (REMORA_TYPE_CAPTURE_OPTIONS)));

  /* What Start (Ctrl+E) would capture with, the dialog closed. */
  saved = remora_capture_options_dup_saved_request (NULL);
  g_assert_nonnull (saved);
  saved_args = args_text (saved);
  g_assert_cmpstr (saved_args, ==, EXPECTED_ARGS);
  ui_test_stop_application (app);
}

static void
run_phase (const char *config_dir,
           const char *phase)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_auto(GStrv) env = g_get_environ ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { self, "--settings-phase", phase, NULL };
  int status;

  /* A real (keyfile) store, as the installed application has one. */
  env = g_environ_setenv (env, "GSETTINGS_BACKEND", "keyfile", TRUE);
  env = g_environ_setenv (env, "XDG_CONFIG_HOME", config_dir, TRUE);
  g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("the %s run failed:\n%s\n%s", phase, out, err);
}

static void
test_settings_persist (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("remora-settings-XXXXXX", &error);
  g_autofree char *keyfile = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *settings_dir = g_build_filename (dir, "glib-2.0", "settings", NULL);
  g_autofree char *glib_dir = g_build_filename (dir, "glib-2.0", NULL);

  g_assert_no_error (error);
  if (!ui_test_have_xdotool ())
    return;
  run_phase (dir, "save");
  keyfile = g_build_filename (dir, "glib-2.0", "settings", "keyfile", NULL);
  g_assert_true (g_file_get_contents (keyfile, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "capture-interface-filter={'lo': 'udp port 53'}"));
  run_phase (dir, "check");
  g_unlink (keyfile);
  g_rmdir (settings_dir);
  g_rmdir (glib_dir);
  g_rmdir (dir);
}

static gboolean
application_gone (gpointer data)
{
  return gtk_application_get_windows (data) == NULL;
}

/* `remora -i lo -f "udp" -k`: the window starts capturing on lo at once;
 * SIGTERM ends the capture and quits without asking about the unsaved
 * packets (nobody is there to answer). */
static void
test_command_line_capture (void)
{
  g_autoptr(GVariantDict) options = g_variant_dict_new (NULL);
  const char *interfaces[] = { "lo", NULL };
  RemoraApplication *app;
  RemoraWindow *window;
  int handled = 0;

  app = ui_test_start_application ();
  use_fake_helper (100000, 0.05);
  g_variant_dict_insert (options, "interface", "^as", interfaces);
  g_variant_dict_insert (options, "capture-filter", "s", "udp");
  g_variant_dict_insert (options, "start-capture", "b", TRUE);
  g_signal_emit_by_name (app, "handle-local-options", options, &handled);
  g_assert_cmpint (handled, ==, -1);

  window = ui_test_activate (app);
  g_assert_true (ui_test_iterate_until (capturing, window));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Capturing from lo");
  assert_capture_buttons (window, TRUE);

  raise (SIGTERM);
  g_assert_true (ui_test_iterate_until (application_gone, app));
  g_assert_null (ui_test_find_toplevel (GTK_TYPE_MESSAGE_DIALOG));

  g_unsetenv ("REMORA_CAPTURE");
  ui_test_stop_application (app);
}

static gboolean
lo_selected (gpointer data)
{
  g_auto(GStrv) selected = remora_interface_chooser_dup_selected_names (data);

  return g_strv_length (selected) == 1 && g_str_equal (selected[0], "lo");
}

/* `remora -i lo`: no capture yet, lo ticked on the start page, and Start
 * captures on it. */
static void
test_command_line_select (void)
{
  g_autoptr(GVariantDict) options = g_variant_dict_new (NULL);
  const char *interfaces[] = { "lo", NULL };
  RemoraApplication *app;
  RemoraWindow *window;
  GtkWidget *chooser;
  int handled = 0;

  app = ui_test_start_application ();
  g_setenv ("REMORA_CAPTURE", build_helper, TRUE);
  g_variant_dict_insert (options, "interface", "^as", interfaces);
  g_signal_emit_by_name (app, "handle-local-options", options, &handled);
  g_assert_cmpint (handled, ==, -1);

  window = ui_test_activate (app);
  chooser = ui_test_find_by_type (GTK_WIDGET (window), REMORA_TYPE_INTERFACE_CHOOSER);
  g_assert_true (ui_test_iterate_until (chooser_lists_lo, chooser));
  g_assert_true (ui_test_iterate_until (lo_selected, chooser));
  g_assert_false (remora_window_is_capturing (window));

  use_fake_helper (100000, 0.05);
  g_signal_emit_by_name (ui_test_find_button (chooser, "_Start"), "clicked");
  g_assert_true (ui_test_iterate_until (capturing, window));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Capturing from lo");
  remora_window_stop_capture (window);
  g_assert_true (ui_test_iterate_until (ui_test_capture_ended, window));
  remora_window_skip_quit_question (window);
  g_unsetenv ("REMORA_CAPTURE");
  ui_test_stop_application (app);
}

int
main (int   argc,
      char *argv[])
{
  const char *root = g_getenv ("REMORA_BUILD_ROOT");
  const char *data = g_getenv ("REMORA_TEST_DATA");
  int status;

  g_test_init (&argc, &argv, NULL);
  ui_test_ignore_environment_warnings ();
  g_assert_nonnull (root);
  g_assert_nonnull (data);
  build_helper = g_build_filename (root, "src", "capture", "remora-capture", NULL);
  fake_helper = g_build_filename (data, "fake-remora-capture.py", NULL);

  if (argc == 3 && g_str_equal (argv[1], "--settings-phase"))
    {
      g_setenv ("REMORA_CAPTURE", build_helper, TRUE);
      if (g_str_equal (argv[2], "save"))
        settings_phase_save ();
      else
        settings_phase_check ();
      return 0;
    }

  g_test_add_func ("/remora/ui/capture-actions/start-without-interface", test_start_without_interface);
  g_test_add_func ("/remora/ui/capture-actions/start-stop-restart", test_start_stop_restart);
  g_test_add_func ("/remora/ui/capture-actions/auto-scroll", test_auto_scroll);
  g_test_add_func ("/remora/ui/capture-actions/settings-persist", test_settings_persist);
  g_test_add_func ("/remora/ui/capture-actions/command-line", test_command_line_capture);
  g_test_add_func ("/remora/ui/capture-actions/command-line-select", test_command_line_select);
  status = g_test_run ();
  g_free (build_helper);
  g_free (fake_helper);
  return status;
}
