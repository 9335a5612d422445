/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-capture-ui"

#include "config.h"

#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtk/gtk.h>

#include "remora-capture-options.h"
#include "remora-capture-request.h"
#include "remora-interface-chooser.h"
#include "remora-interface-item.h"
#include "remora-sparkline.h"
#include "ui-test-util.h"

/* The interface chooser and Capture Options under Xvfb, listing the
 * machine's interfaces through the real helper of the build.  Leaves
 * interface-chooser.png and capture-options.png in the build folder. */

#define TIMEOUT_MS 20000

/* Every widget under ROOT with CSS class CLASS (or of type TYPE). */
static void
collect (GtkWidget  *root,
         const char *css_class,
         GType       type,
         GPtrArray  *out)
{
  if ((css_class != NULL && gtk_widget_has_css_class (root, css_class)) ||
      (type != G_TYPE_INVALID && G_TYPE_CHECK_INSTANCE_TYPE (root, type)))
    g_ptr_array_add (out, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, css_class, type, out);
}

static void
use_build_helper (void)
{
  const char *root = g_getenv ("REMORA_BUILD_ROOT");
  g_autofree char *helper = NULL;

  g_assert_nonnull (root);
  helper = g_build_filename (root, "src", "capture", "remora-capture", NULL);
  g_setenv ("REMORA_CAPTURE", helper, TRUE);
}

/* ---- the chooser ---- */

typedef struct {
  GListModel          *model;
  RemoraInterfaceItem *lo;
  GtkWidget           *root;
  int                  fd;
} ChooserState;

static gboolean
model_filled (gpointer data)
{
  ChooserState *s = data;

  return g_list_model_get_n_items (s->model) > 0;
}

static gboolean
send_burst (gpointer data)
{
  ChooserState *s = data;
  struct sockaddr_in addr = { 0 };
  int n = 5 + (int) ((g_get_monotonic_time () / 300000) % 6) * 6;

  addr.sin_family = AF_INET;
  addr.sin_port = htons (9);      /* discard: nobody listens; lo still carries it */
  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  /* n: a rate that changes, as real traffic does, for the graph. */
  for (int i = 0; i < n; i++)
    sendto (s->fd, "remora", 6, 0, (struct sockaddr *) &addr, sizeof addr);
  return G_SOURCE_CONTINUE;
}

/* lo's count on screen, in its label, and its graph shown busy. */
static gboolean
lo_busy_on_screen (gpointer data)
{
  ChooserState *s = data;
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GPtrArray) lines = g_ptr_array_new ();
  gboolean label_ok = FALSE, line_ok = FALSE;
  g_autofree char *expected = NULL;

  const double *samples;
  guint n, n_busy = 0;

  if (remora_interface_item_get_packets (s->lo) < 200)
    return FALSE;
  /* A few seconds of traffic, so that the graph has a shape. */
  samples = remora_interface_item_get_samples (s->lo, &n);
  for (guint i = 0; i < n; i++)
    n_busy += samples[i] > 0;
  if (n_busy < 4)
    return FALSE;
  expected = g_strdup_printf ("%" G_GUINT64_FORMAT, remora_interface_item_get_packets (s->lo));
  collect (s->root, "packet-count", G_TYPE_INVALID, labels);
  for (guint i = 0; i < labels->len; i++)
    if (strcmp (gtk_label_get_text (g_ptr_array_index (labels, i)), expected) == 0 &&
        gtk_widget_has_css_class (g_ptr_array_index (labels, i), "busy"))
      label_ok = TRUE;
  collect (s->root, NULL, REMORA_TYPE_SPARKLINE, lines);
  for (guint i = 0; i < lines->len; i++)
    if (remora_sparkline_get_item (g_ptr_array_index (lines, i)) == s->lo &&
        gtk_widget_has_css_class (g_ptr_array_index (lines, i), "busy"))
      line_ok = TRUE;
  return label_ok && line_ok;
}

static void
on_start_capture (RemoraInterfaceChooser  *chooser,
                  GStrv                    names,
                  char                   **out)
{
  g_free (*out);
  *out = g_strjoinv (",", names);
}

static void
test_chooser (void)
{
  GtkWidget *window = gtk_window_new ();
  RemoraInterfaceChooser *chooser = REMORA_INTERFACE_CHOOSER (remora_interface_chooser_new ());
  ChooserState s = { 0 };
  g_autofree char *started = NULL;
  g_auto(GStrv) selected = NULL;
  const char * const lo_only[] = { "lo", NULL };
  GtkWidget *start_button = NULL;
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  guint sender;

  gtk_window_set_title (GTK_WINDOW (window), "Interfaces");
  gtk_window_set_default_size (GTK_WINDOW (window), 980, 420);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (chooser));
  gtk_window_present (GTK_WINDOW (window));
  g_signal_connect (chooser, "start-capture", G_CALLBACK (on_start_capture), &started);

  s.model = remora_interface_chooser_get_model (chooser);
  s.root = window;
  g_assert_true (ui_test_iterate_until_for (model_filled, &s, TIMEOUT_MS));
  for (guint i = 0; i < g_list_model_get_n_items (s.model); i++)
    {
      g_autoptr(RemoraInterfaceItem) item = g_list_model_get_item (s.model, i);
      const RemoraInterfaceInfo *info = remora_interface_item_get_info (item);

      if (strcmp (info->name, "lo") == 0)
        {
          s.lo = item;
          g_assert_true (info->flags & REMORA_INTERFACE_LOOPBACK);
          g_assert_true (g_strv_contains ((const char * const *) info->addresses, "127.0.0.1"));
        }
    }
  g_assert_nonnull (s.lo);
  /* `any` is listed too. */
  {
    g_autoptr(RemoraInterfaceItem) last = NULL;
    gboolean have_any = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (s.model); i++)
      {
        g_clear_object (&last);
        last = g_list_model_get_item (s.model, i);
        have_any |= strcmp (remora_interface_item_get_name (last), "any") == 0;
      }
    g_assert_true (have_any);
  }

  /* Traffic on lo: its count rises on screen within a few ticks. */
  s.fd = socket (AF_INET, SOCK_DGRAM, 0);
  g_assert_cmpint (s.fd, >=, 0);
  sender = g_timeout_add (10, send_burst, &s);
  g_assert_true (ui_test_iterate_until_for (lo_busy_on_screen, &s, 10000));
  remora_interface_chooser_select_names (chooser, lo_only);
  ui_test_save_screenshot (window, "interface-chooser.png");
  g_source_remove (sender);
  close (s.fd);

  selected = remora_interface_chooser_dup_selected_names (chooser);
  g_assert_cmpstrv (selected, lo_only);
  collect (window, NULL, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (gtk_widget_has_css_class (g_ptr_array_index (buttons, i), "suggested-action"))
      start_button = g_ptr_array_index (buttons, i);
  g_assert_nonnull (start_button);
  g_assert_true (gtk_widget_get_sensitive (start_button));
  g_signal_emit_by_name (start_button, "clicked");
  g_assert_cmpstr (started, ==, "lo");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* ---- Capture Options ---- */

typedef struct {
  GtkWidget *dialog;
} OptionsState;

static gboolean
rows_bound (gpointer data)
{
  OptionsState *s = data;

  return ui_test_find_interface_cell (s->dialog, "promisc-check", "lo") != NULL &&
         ui_test_find_interface_cell (s->dialog, "promisc-check", "any") != NULL;
}

static char *
request_args (RemoraCaptureOptions *dialog)
{
  g_autoptr(RemoraCaptureRequest) request = remora_capture_options_dup_request (dialog);
  g_auto(GStrv) args = remora_capture_request_to_args (request);

  return g_strjoinv (" ", args);
}

/* The helper's list order decides the arguments' order. */
static gboolean any_before_lo = TRUE;

#define assert_args(dialog, any_part, lo_part) \
  G_STMT_START { \
    g_autofree char *args_ = request_args (dialog); \
    g_autofree char *expected_ = any_before_lo ? g_strdup_printf ("%s %s -w -", any_part, lo_part) \
                                               : g_strdup_printf ("%s %s -w -", lo_part, any_part); \
    g_assert_cmpstr (args_, ==, expected_); \
  } G_STMT_END

static void
assert_promisc_column (OptionsState *s,
                       gboolean      sensitive,
                       gboolean      lo_active,
                       gboolean      any_active)
{
  GtkWidget *lo = ui_test_find_interface_cell (s->dialog, "promisc-check", "lo");
  GtkWidget *any = ui_test_find_interface_cell (s->dialog, "promisc-check", "any");

  g_assert_cmpint (gtk_widget_get_sensitive (lo), ==, sensitive);
  g_assert_cmpint (gtk_widget_get_sensitive (any), ==, sensitive);
  g_assert_cmpint (gtk_check_button_get_active (GTK_CHECK_BUTTON (lo)), ==, lo_active);
  g_assert_cmpint (gtk_check_button_get_active (GTK_CHECK_BUTTON (any)), ==, any_active);
}

static void
test_options (void)
{
  RemoraCaptureOptions *dialog = remora_capture_options_new (NULL);
  OptionsState s = { GTK_WIDGET (dialog) };
  const char * const names[] = { "lo", "any", NULL };
  GtkCheckButton *all;
  GtkWidget *filter;
  GtkWidget *start = NULL;
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  g_autoptr(GSettings) settings = NULL;
  GtkCheckButton *lo, *any;

  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (ui_test_iterate_until_for (rows_bound, &s, TIMEOUT_MS));
  remora_capture_options_set_capture_names (dialog, names);
  g_assert_true (ui_test_iterate_until_for (rows_bound, &s, TIMEOUT_MS));
  all = GTK_CHECK_BUTTON (ui_test_find_named (GTK_WIDGET (dialog), "promiscuous-all"));
  lo = GTK_CHECK_BUTTON (ui_test_find_interface_cell (GTK_WIDGET (dialog), "promisc-check", "lo"));
  any = GTK_CHECK_BUTTON (ui_test_find_interface_cell (GTK_WIDGET (dialog), "promisc-check", "any"));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (ui_test_find_interface_cell (GTK_WIDGET (dialog), "capture-check", "lo"))));

  {
    g_autofree char *args = request_args (dialog);

    any_before_lo = strstr (args, "-i any") < strstr (args, "-i lo");
  }

  /* On by default: the column is forced on and cannot be changed; no -p. */
  g_assert_true (gtk_check_button_get_active (all));
  assert_promisc_column (&s, FALSE, TRUE, TRUE);
  assert_args (dialog, "-i any", "-i lo");

  /* Off globally, each interface as its own check says (on). */
  gtk_check_button_set_active (all, FALSE);
  assert_promisc_column (&s, TRUE, TRUE, TRUE);
  assert_args (dialog, "-i any", "-i lo");
  settings = g_settings_new ("org.remora.Remora");
  g_assert_false (g_settings_get_boolean (settings, "capture-promiscuous-all"));

  /* One interface off: -p for it only. */
  gtk_check_button_set_active (lo, FALSE);
  assert_args (dialog, "-i any", "-i lo -p");
  {
    g_autoptr(GVariant) map = g_settings_get_value (settings, "capture-interface-promiscuous");
    gboolean value = TRUE;

    g_assert_true (g_variant_lookup (map, "lo", "b", &value));
    g_assert_false (value);
  }

  /* Both off: -p for both. */
  gtk_check_button_set_active (any, FALSE);
  assert_args (dialog, "-i any -p", "-i lo -p");

  /* On again globally: overrides the column, which shows it. */
  gtk_check_button_set_active (all, TRUE);
  assert_promisc_column (&s, FALSE, TRUE, TRUE);
  assert_args (dialog, "-i any", "-i lo");
  /* A click on an insensitive check would not reach it; its own
   * choice is kept for when the switch goes off again. */
  gtk_check_button_set_active (all, FALSE);
  assert_promisc_column (&s, TRUE, FALSE, FALSE);
  gtk_check_button_set_active (any, TRUE);
  assert_args (dialog, "-i any", "-i lo -p");

  /* Capture filters, checked as typed. */
  collect (GTK_WIDGET (dialog), NULL, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (gtk_widget_has_css_class (g_ptr_array_index (buttons, i), "suggested-action"))
      start = g_ptr_array_index (buttons, i);
  g_assert_nonnull (start);
  filter = ui_test_find_interface_cell (GTK_WIDGET (dialog), "capture-filter", "lo");
  g_assert_nonnull (filter);
  gtk_editable_set_text (GTK_EDITABLE (filter), "tcp port");
  g_assert_true (gtk_widget_has_css_class (filter, "filter-invalid"));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (filter), "syntax error"));
  g_assert_false (gtk_widget_get_sensitive (start));
  gtk_editable_set_text (GTK_EDITABLE (filter), "tcp port 80");
  g_assert_true (gtk_widget_has_css_class (filter, "filter-valid"));
  g_assert_true (gtk_widget_get_sensitive (start));
  assert_args (dialog, "-i any", "-i lo -p -f tcp port 80");
  filter = ui_test_find_interface_cell (GTK_WIDGET (dialog), "capture-filter", "any");
  gtk_editable_set_text (GTK_EDITABLE (filter), "udp and not port 53");
  g_assert_true (gtk_widget_has_css_class (filter, "filter-valid"));

  ui_test_save_screenshot (GTK_WIDGET (dialog), "capture-options.png");
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* Reopened: the same choices. */
  dialog = remora_capture_options_new (NULL);
  s.dialog = GTK_WIDGET (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (ui_test_iterate_until_for (rows_bound, &s, TIMEOUT_MS));
  all = GTK_CHECK_BUTTON (ui_test_find_named (GTK_WIDGET (dialog), "promiscuous-all"));
  g_assert_false (gtk_check_button_get_active (all));
  assert_promisc_column (&s, TRUE, FALSE, TRUE);
  assert_args (dialog, "-i any -f udp and not port 53", "-i lo -p -f tcp port 80");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_filter_check (void)
{
  g_autofree char *message = NULL;

  g_assert_true (remora_capture_filter_check ("tcp port 80", 1, NULL));
  g_assert_true (remora_capture_filter_check ("ip", 101, NULL));
  /* Link-layer primitives need a link layer that has them. */
  g_assert_false (remora_capture_filter_check ("ether host 00:11:22:33:44:55", 101, &message));
  g_assert_nonnull (message);
}

int
main (int    argc,
      char **argv)
{
  /* Before any thread: setenv is not thread-safe. */
  use_build_helper ();
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/remora/ui/capture/filter-check", test_filter_check);
  g_test_add_func ("/remora/ui/capture/chooser", test_chooser);
  g_test_add_func ("/remora/ui/capture/options", test_options);
  return g_test_run ();
}
