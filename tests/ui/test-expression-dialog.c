/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-expression-dialog"

#include "config.h"

#include <string.h>

#include <gtk/gtk.h>
#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

#include "remora-dfilter.h"
#include "remora-dissect.h"
#include "remora-expression-dialog.h"

/* The Display Filter Expression dialog under Xvfb, driven as a person
 * would: typing into the search, clicking a field, a relation and a
 * predefined value, typing a value, pressing Insert.  Screenshots go to
 * the build folder (expression-dialog*.png). */

#define TIMEOUT_MS 20000

static gboolean
wake_up (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static gboolean
iterate_until (gboolean (*cond) (gpointer),
               gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + TIMEOUT_MS * 1000;
  guint tick = g_timeout_add (20, wake_up, NULL);
  gboolean ok;

  while (!(ok = cond (data)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  return ok;
}

static gboolean
no_more_events (gpointer data)
{
  return !g_main_context_pending (NULL);
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

static void
on_after_paint (GdkFrameClock *clock,
                gboolean      *painted)
{
  *painted = TRUE;
}

static void
wait_for_paint (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gboolean painted = FALSE;
  gulong handler;

  g_assert_nonnull (clock);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &painted);
  gtk_widget_queue_draw (widget);
  g_assert_true (iterate_until (is_true, &painted));
  g_signal_handler_disconnect (clock, handler);
}

/* For what should NOT happen: give it time to. */
static void
run_for_ms (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;
  guint tick = g_timeout_add (20, wake_up, NULL);

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
}

static void
settle (GtkWidget *window)
{
  iterate_until (no_more_events, NULL);
  wait_for_paint (window);
}

static void
save_screenshot (GtkWidget  *native,
                 const char *name)
{
  const char *root = g_getenv ("REMORA_BUILD_ROOT");
  g_autofree char *path = g_build_filename (root != NULL ? root : ".", name, NULL);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (native);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width, height;

  settle (native);
  width = gtk_widget_get_width (native);
  height = gtk_widget_get_height (native);
  g_assert_cmpint (width, >, 0);
  for (guint attempt = 0; node == NULL && attempt < 10; attempt++)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();

      wait_for_paint (native);
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (native)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

/* ---- input through the X server ---- */

static void
xdotool (const char *first_arg,
         ...)
{
  const char *tool = g_getenv ("REMORA_XDOTOOL");
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  int status = 0;
  va_list args;

  g_ptr_array_add (argv, g_strdup (tool));
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  iterate_until (no_more_events, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
}

static gboolean
have_xdotool (void)
{
  const char *tool = g_getenv ("REMORA_XDOTOOL");

#ifdef GDK_WINDOWING_X11
  if (tool != NULL && *tool != '\0' && GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    return TRUE;
#endif
  g_test_skip ("needs xdotool and an X11 display to click and type");
  return FALSE;
}

static void
click_center (GtkWidget *widget)
{
#ifdef GDK_WINDOWING_X11
  GtkNative *native = gtk_widget_get_native (widget);
  graphene_point_t point;
  double sx, sy;
  g_autofree char *xid = NULL;
  g_autofree char *px = NULL;
  g_autofree char *py = NULL;

  g_assert_true (gtk_widget_get_mapped (widget));
  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native),
                                           &GRAPHENE_POINT_INIT (gtk_widget_get_width (widget) / 2.0,
                                                                 gtk_widget_get_height (widget) / 2.0),
                                           &point));
  gtk_native_get_surface_transform (native, &sx, &sy);
  xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (gtk_native_get_surface (native)));
  px = g_strdup_printf ("%d", (int) (point.x + sx));
  py = g_strdup_printf ("%d", (int) (point.y + sy));
  xdotool ("mousemove", "--window", xid, px, py, "click", "1", NULL);
#else
  g_assert_not_reached ();
#endif
}

static void
type_keys (const char *text)
{
  xdotool ("type", "--delay", "15", text, NULL);
}

/* ---- finding widgets ---- */

static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_label (GtkWidget  *root,
            const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root) &&
      g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

typedef struct {
  GtkWidget  *root;
  const char *text;
} LabelWait;

static gboolean
label_shown (gpointer data)
{
  LabelWait *w = data;

  return find_label (w->root, w->text) != NULL;
}

/* ---- the dialog over a window ---- */

typedef struct {
  GtkWidget              *parent;
  RemoraExpressionDialog *dialog;
  GPtrArray              *inserted;
} Fixture;

/* Insert closes the dialog once it has emitted. */
static gboolean
dialog_gone (gpointer data)
{
  return ((Fixture *) data)->dialog == NULL;
}

static void
on_insert (RemoraExpressionDialog *dialog,
           const char             *text,
           Fixture                *f)
{
  g_ptr_array_add (f->inserted, g_strdup (text));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->inserted = g_ptr_array_new_with_free_func (g_free);
  f->parent = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->parent), 1200, 760);
  gtk_window_present (GTK_WINDOW (f->parent));
  f->dialog = REMORA_EXPRESSION_DIALOG (remora_expression_dialog_new (GTK_WINDOW (f->parent)));
  g_object_add_weak_pointer (G_OBJECT (f->dialog), (gpointer *) &f->dialog);
  g_signal_connect (f->dialog, "insert", G_CALLBACK (on_insert), f);
  gtk_window_present (GTK_WINDOW (f->dialog));
  settle (GTK_WIDGET (f->dialog));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (f->dialog));
  gtk_window_destroy (GTK_WINDOW (f->parent));
  iterate_until (no_more_events, NULL);
  g_assert_null (f->dialog);
  g_ptr_array_unref (f->inserted);
}

static GtkWidget *
part (Fixture    *f,
      const char *name)
{
  GtkWidget *widget = find_named (GTK_WIDGET (f->dialog), name);

  g_assert_nonnull (widget);
  return widget;
}

static const char *
preview_text (Fixture *f)
{
  return gtk_editable_get_text (GTK_EDITABLE (part (f, "preview")));
}

typedef struct {
  Fixture    *f;
  const char *text;
} PreviewWait;

static gboolean
preview_is (gpointer data)
{
  PreviewWait *w = data;

  return g_strcmp0 (preview_text (w->f), w->text) == 0;
}

static void
wait_preview (Fixture    *f,
              const char *text)
{
  PreviewWait w = { f, text };

  if (!iterate_until (preview_is, &w))
    g_assert_cmpstr (preview_text (f), ==, text);
}

/* Types SEARCH into the search entry and clicks the row whose field name
 * reads ABBREV. */
typedef struct {
  GtkEditable *entry;
  const char  *text;
  gboolean     done;
} SearchWait;

/* The search runs a moment after the last key; rows found before then
 * belong to a shorter search and are about to be replaced. */
static void
on_search_changed (GtkEditable *entry,
                   SearchWait  *w)
{
  w->done = g_strcmp0 (gtk_editable_get_text (entry), w->text) == 0;
}

static void
choose_field (Fixture    *f,
              const char *search,
              const char *abbrev)
{
  GtkWidget *entry = part (f, "field-search");
  LabelWait wait = { part (f, "field-view"), abbrev };
  SearchWait searched = { GTK_EDITABLE (entry), search, FALSE };
  gulong handler;

  click_center (entry);
  xdotool ("key", "ctrl+a", "BackSpace", NULL);
  handler = g_signal_connect (entry, "search-changed", G_CALLBACK (on_search_changed), &searched);
  type_keys (search);
  g_assert_true (iterate_until (is_true, &searched.done));
  g_signal_handler_disconnect (entry, handler);
  g_assert_true (iterate_until (label_shown, &wait));
  settle (GTK_WIDGET (f->dialog));
  g_assert_true (iterate_until (label_shown, &wait));
  click_center (find_label (wait.root, abbrev));
  settle (GTK_WIDGET (f->dialog));
}

static void
click_relation (Fixture    *f,
                const char *op)
{
  GtkWidget *label = find_label (part (f, "relation-list"), op);

  g_assert_nonnull (label);
  click_center (label);
}

static void
type_value (Fixture    *f,
            const char *value)
{
  click_center (part (f, "value-entry"));
  xdotool ("key", "ctrl+a", "BackSpace", NULL);
  type_keys (value);
}

/* The relations the list offers, as their labels read, space-separated. */
static char *
offered_relations (Fixture *f)
{
  GString *ops = g_string_new (NULL);
  GtkWidget *list = part (f, "relation-list");

  for (GtkWidget *row = gtk_widget_get_first_child (list); row; row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *box = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));
      GtkWidget *op = gtk_widget_get_first_child (box);

      if (ops->len > 0)
        g_string_append_c (ops, '|');
      g_string_append (ops, gtk_label_get_text (GTK_LABEL (op)));
    }
  return g_string_free (ops, FALSE);
}

static void
assert_valid (Fixture  *f,
              gboolean  valid)
{
  GtkWidget *preview = part (f, "preview");

  g_assert_cmpint (remora_expression_dialog_get_valid (f->dialog), ==, valid);
  g_assert_cmpint (gtk_widget_has_css_class (preview, "filter-valid"), ==, valid);
  g_assert_cmpint (gtk_widget_has_css_class (preview, "filter-invalid"), ==, !valid);
  g_assert_cmpint (gtk_widget_get_sensitive (part (f, "insert-button")), ==, valid);
}

/* ---- cases ---- */

static void
test_ip_src (Fixture       *f,
             gconstpointer  data)
{
  if (!have_xdotool ())
    return;

  /* Nothing chosen: nothing to insert. */
  g_assert_cmpstr (preview_text (f), ==, "");
  g_assert_false (gtk_widget_get_sensitive (part (f, "insert-button")));

  choose_field (f, "ip.src", "ip.src");
  wait_preview (f, "ip.src");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (part (f, "value-label"))), ==, "Value (IPv4 address)");

  click_relation (f, "==");
  type_value (f, "1.2.3.4");
  wait_preview (f, "ip.src == 1.2.3.4");
  g_assert_cmpstr (remora_expression_dialog_get_filter (f->dialog), ==, "ip.src == 1.2.3.4");
  assert_valid (f, TRUE);
  save_screenshot (GTK_WIDGET (f->dialog), "expression-dialog.png");

  click_center (part (f, "insert-button"));
  g_assert_true (iterate_until (dialog_gone, f));
  g_assert_cmpuint (f->inserted->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->inserted, 0), ==, "ip.src == 1.2.3.4");
}

static void
test_invalid_value (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(RemoraDfilterError) error = NULL;
  RemoraDfilter *dfilter;

  if (!have_xdotool ())
    return;

  choose_field (f, "ip.src", "ip.src");
  click_relation (f, "==");
  type_value (f, "1.2.3");
  wait_preview (f, "ip.src == 1.2.3");
  assert_valid (f, FALSE);
  dfilter = remora_dfilter_compile ("ip.src == 1.2.3", &error);
  g_assert_null (dfilter);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (part (f, "preview-message"))), ==, error->message);
  save_screenshot (GTK_WIDGET (f->dialog), "expression-dialog-invalid.png");

  /* Enter in the value entry inserts nothing while the filter is wrong. */
  xdotool ("key", "Return", NULL);
  run_for_ms (300);
  g_assert_nonnull (f->dialog);
  g_assert_cmpuint (f->inserted->len, ==, 0);

  /* Fixing the value fixes the filter; Enter then inserts it. */
  type_keys (".4");
  wait_preview (f, "ip.src == 1.2.3.4");
  assert_valid (f, TRUE);
  xdotool ("key", "Return", NULL);
  g_assert_true (iterate_until (dialog_gone, f));
  g_assert_cmpuint (f->inserted->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->inserted, 0), ==, "ip.src == 1.2.3.4");
}

static void
test_value_strings (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *values;
  GListModel *model;
  LabelWait wait;
  gboolean have_tcp = FALSE;

  if (!have_xdotool ())
    return;

  choose_field (f, "ip.proto", "ip.proto");
  values = part (f, "predefined-values");
  model = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (values)));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) name = g_list_model_get_item (model, i);

      have_tcp |= g_str_equal (gtk_string_object_get_string (name), "TCP");
    }
  g_assert_true (have_tcp);
  /* A field with named values starts on "==". */
  wait_preview (f, "ip.proto ==");

  wait = (LabelWait) { values, "TCP" };
  g_assert_true (iterate_until (label_shown, &wait));
  click_center (find_label (values, "TCP"));
  /* Wireshark inserts the number, not the name. */
  wait_preview (f, "ip.proto == 6");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (part (f, "value-entry"))), ==, "6");
  assert_valid (f, TRUE);
  save_screenshot (GTK_WIDGET (f->dialog), "expression-dialog-values.png");

  /* A boolean offers its two states. */
  choose_field (f, "tcp.flags.syn", "tcp.flags.syn");
  wait = (LabelWait) { values, "True" };
  g_assert_true (iterate_until (label_shown, &wait));
  g_assert_nonnull (find_label (values, "False"));
  click_center (find_label (values, "True"));
  wait_preview (f, "tcp.flags.syn == 1");
  assert_valid (f, TRUE);
}

static void
test_protocol_and_string (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *ops = NULL;

  if (!have_xdotool ())
    return;

  choose_field (f, "http", "http");
  wait_preview (f, "http");
  assert_valid (f, TRUE);
  ops = offered_relations (f);
  g_assert_true (g_str_has_prefix (ops, "is present|==|!="));
  g_assert_null (strstr (ops, ">"));
  g_assert_null (strstr (ops, "&"));
  g_clear_pointer (&ops, g_free);

  /* Strings are quoted, and have contains and matches but no "&". */
  choose_field (f, "http.request.method", "http.request.method");
  ops = offered_relations (f);
  g_assert_nonnull (strstr (ops, "|contains|matches|"));
  g_assert_null (strstr (ops, "&"));
  click_relation (f, "==");
  type_value (f, "GET");
  wait_preview (f, "http.request.method == \"GET\"");
  assert_valid (f, TRUE);
  g_clear_pointer (&ops, g_free);

  /* Integers have ordering and "&", and no contains. */
  choose_field (f, "tcp.port", "tcp.port");
  ops = offered_relations (f);
  g_assert_nonnull (strstr (ops, "|>|<|>=|<=|"));
  g_assert_true (g_str_has_suffix (ops, "|&"));
  g_assert_null (strstr (ops, "contains"));
}

/* Every relation a field is offered compiles with a value that fits:
 * the list never leads the user to an error of its own making. */
static void
test_every_relation_compiles (Fixture       *f,
                              gconstpointer  data)
{
  static const struct {
    const char *abbrev;
    const char *value;
    const char *matches_value;
  } samples[] = {
    { "ip.src", "1.2.3.4", NULL },
    { "ipv6.dst", "::1", NULL },
    { "eth.src", "00:11:22:33:44:55", NULL },
    { "ip.proto", "6", NULL },
    { "tcp.flags.syn", "1", NULL },
    { "http.request.method", "GET", "G.T" },
    { "frame.time_delta", "0.5", NULL },
    { "frame.number", "3", NULL },
    { "tcp.payload", "01:02", "ab" },
    { "http", "\"GET\"", "GET" },
  };

  if (!have_xdotool ())
    return;

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      GtkListBox *list;
      guint n_rows = 0;

      g_test_message ("field %s", samples[i].abbrev);
      choose_field (f, samples[i].abbrev, samples[i].abbrev);
      list = GTK_LIST_BOX (part (f, "relation-list"));
      for (GtkListBoxRow *row; (row = gtk_list_box_get_row_at_index (list, n_rows)) != NULL; n_rows++)
        {
          GtkWidget *op = gtk_widget_get_first_child (gtk_list_box_row_get_child (row));
          const char *op_text = gtk_label_get_text (GTK_LABEL (op));
          const char *value = samples[i].value;

          if (g_str_equal (op_text, "matches") && samples[i].matches_value != NULL)
            value = samples[i].matches_value;
          gtk_list_box_select_row (list, row);
          gtk_editable_set_text (GTK_EDITABLE (part (f, "value-entry")), value);
          if (!remora_expression_dialog_get_valid (f->dialog))
            g_error ("%s: \"%s\" does not compile: %s", samples[i].abbrev,
                     remora_expression_dialog_get_filter (f->dialog),
                     gtk_label_get_text (GTK_LABEL (part (f, "preview-message"))));
        }
      g_assert_cmpuint (n_rows, >=, 3);
    }
}

/* The search keeps the fields whose filter name or name holds the text,
 * fast enough to follow typing over the whole registry. */
static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  GtkWidget *view = part (f, "field-view");
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (view)));
  GtkWidget *entry = part (f, "field-search");
  guint all_protocols = g_list_model_get_n_items (model);
  LabelWait wait = { view, "ip.src" };
  gint64 start, took;

  g_assert_cmpuint (all_protocols, >=, 20);

  /* One letter keeps nearly every field, every protocol expanded: the
   * worst case. */
  start = g_get_monotonic_time ();
  gtk_editable_set_text (GTK_EDITABLE (entry), "e");
  g_signal_emit_by_name (entry, "search-changed");
  took = g_get_monotonic_time () - start;
  g_test_message ("search \"e\": %u rows in %" G_GINT64_FORMAT " us",
                  g_list_model_get_n_items (model), took);
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 500);
  g_assert_cmpint (took, <, 250 * 1000);

  /* By description: the protocol comes expanded to the field. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "ip.src");
  g_signal_emit_by_name (entry, "search-changed");
  g_assert_cmpuint (g_list_model_get_n_items (model), <, 10);
  g_assert_true (iterate_until (label_shown, &wait));
  g_assert_nonnull (find_label (view, "Internet Protocol Version 4"));
  g_assert_nonnull (find_label (view, "Source Address"));

  gtk_editable_set_text (GTK_EDITABLE (entry), "no such field anywhere");
  g_signal_emit_by_name (entry, "search-changed");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);

  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  g_signal_emit_by_name (entry, "search-changed");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, all_protocols);
}

static gboolean
ignore_environment_warnings (const char     *log_domain,
                             GLogLevelFlags  log_level,
                             const char     *message,
                             gpointer        user_data)
{
  if (strstr (message, "session bus") != NULL)
    return FALSE;
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  g_test_log_set_fatal_handler (ignore_environment_warnings, NULL);

  g_test_add ("/remora/ui/expression-dialog/ip-src", Fixture, NULL, fixture_set_up, test_ip_src, fixture_tear_down);
  g_test_add ("/remora/ui/expression-dialog/invalid-value", Fixture, NULL, fixture_set_up, test_invalid_value, fixture_tear_down);
  g_test_add ("/remora/ui/expression-dialog/value-strings", Fixture, NULL, fixture_set_up, test_value_strings, fixture_tear_down);
  g_test_add ("/remora/ui/expression-dialog/protocol-and-string", Fixture, NULL, fixture_set_up, test_protocol_and_string, fixture_tear_down);
  g_test_add ("/remora/ui/expression-dialog/every-relation-compiles", Fixture, NULL, fixture_set_up, test_every_relation_compiles, fixture_tear_down);
  g_test_add ("/remora/ui/expression-dialog/search", Fixture, NULL, fixture_set_up, test_search, fixture_tear_down);

  return g_test_run ();
}
