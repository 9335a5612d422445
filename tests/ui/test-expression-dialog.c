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
#include "ui-test-util.h"

/* The Display Filter Expression dialog under Xvfb, driven as a person
 * would: typing into the search, clicking a field, a relation and a
 * predefined value, typing a value, pressing Insert.  Screenshots go to
 * the build folder (expression-dialog*.png). */

#define TIMEOUT_MS 20000

/* ---- input through the X server ---- */

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
  ui_test_settle (GTK_WIDGET (f->dialog));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (f->dialog));
  gtk_window_destroy (GTK_WINDOW (f->parent));
  ui_test_iterate_until (ui_test_no_more_events, NULL);
  g_assert_null (f->dialog);
  g_ptr_array_unref (f->inserted);
}

static GtkWidget *
part (Fixture    *f,
      const char *name)
{
  GtkWidget *widget = ui_test_find_named (GTK_WIDGET (f->dialog), name);

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

  if (!ui_test_iterate_until (preview_is, &w))
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
  UiTestLabel wait = { part (f, "field-view"), abbrev };
  SearchWait searched = { GTK_EDITABLE (entry), search, FALSE };
  gulong handler;

  ui_test_click_center (entry);
  ui_test_xdotool ("key", "ctrl+a", "BackSpace", NULL);
  handler = g_signal_connect (entry, "search-changed", G_CALLBACK (on_search_changed), &searched);
  ui_test_type_text (search);
  g_assert_true (ui_test_iterate_until (ui_test_is_true, &searched.done));
  g_signal_handler_disconnect (entry, handler);
  g_assert_true (ui_test_iterate_until (ui_test_label_shown, &wait));
  ui_test_settle (GTK_WIDGET (f->dialog));
  g_assert_true (ui_test_iterate_until (ui_test_label_shown, &wait));
  ui_test_click_center (ui_test_find_mapped_label (wait.root, abbrev));
  ui_test_settle (GTK_WIDGET (f->dialog));
}

static void
click_relation (Fixture    *f,
                const char *op)
{
  GtkWidget *label = ui_test_find_mapped_label (part (f, "relation-list"), op);

  g_assert_nonnull (label);
  ui_test_click_center (label);
}

static void
type_value (Fixture    *f,
            const char *value)
{
  ui_test_click_center (part (f, "value-entry"));
  ui_test_xdotool ("key", "ctrl+a", "BackSpace", NULL);
  ui_test_type_text (value);
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
  if (!ui_test_have_xdotool ())
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
  ui_test_save_screenshot (GTK_WIDGET (f->dialog), "expression-dialog.png");

  ui_test_click_center (part (f, "insert-button"));
  g_assert_true (ui_test_iterate_until (dialog_gone, f));
  g_assert_cmpuint (f->inserted->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->inserted, 0), ==, "ip.src == 1.2.3.4");
}

static void
test_invalid_value (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(RemoraDfilterError) error = NULL;
  RemoraDfilter *dfilter;

  if (!ui_test_have_xdotool ())
    return;

  choose_field (f, "ip.src", "ip.src");
  click_relation (f, "==");
  type_value (f, "1.2.3");
  wait_preview (f, "ip.src == 1.2.3");
  assert_valid (f, FALSE);
  dfilter = remora_dfilter_compile ("ip.src == 1.2.3", &error);
  g_assert_null (dfilter);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (part (f, "preview-message"))), ==, error->message);
  ui_test_save_screenshot (GTK_WIDGET (f->dialog), "expression-dialog-invalid.png");

  /* Enter in the value entry inserts nothing while the filter is wrong. */
  ui_test_xdotool ("key", "Return", NULL);
  ui_test_run_for_ms (300);
  g_assert_nonnull (f->dialog);
  g_assert_cmpuint (f->inserted->len, ==, 0);

  /* Fixing the value fixes the filter; Enter then inserts it. */
  ui_test_type_text (".4");
  wait_preview (f, "ip.src == 1.2.3.4");
  assert_valid (f, TRUE);
  ui_test_xdotool ("key", "Return", NULL);
  g_assert_true (ui_test_iterate_until (dialog_gone, f));
  g_assert_cmpuint (f->inserted->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->inserted, 0), ==, "ip.src == 1.2.3.4");
}

static void
test_value_strings (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *values;
  GListModel *model;
  UiTestLabel wait;
  gboolean have_tcp = FALSE;

  if (!ui_test_have_xdotool ())
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

  wait = (UiTestLabel) { values, "TCP" };
  g_assert_true (ui_test_iterate_until (ui_test_label_shown, &wait));
  ui_test_click_center (ui_test_find_mapped_label (values, "TCP"));
  /* Wireshark inserts the number, not the name. */
  wait_preview (f, "ip.proto == 6");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (part (f, "value-entry"))), ==, "6");
  assert_valid (f, TRUE);
  ui_test_save_screenshot (GTK_WIDGET (f->dialog), "expression-dialog-values.png");

  /* A boolean offers its two states. */
  choose_field (f, "tcp.flags.syn", "tcp.flags.syn");
  wait = (UiTestLabel) { values, "True" };
  g_assert_true (ui_test_iterate_until (ui_test_label_shown, &wait));
  g_assert_nonnull (ui_test_find_mapped_label (values, "False"));
  ui_test_click_center (ui_test_find_mapped_label (values, "True"));
  wait_preview (f, "tcp.flags.syn == 1");
  assert_valid (f, TRUE);
}

static void
test_protocol_and_string (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *ops = NULL;

  if (!ui_test_have_xdotool ())
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

  if (!ui_test_have_xdotool ())
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
  UiTestLabel wait = { view, "ip.src" };
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
  /* The time is reported, not asserted: a loaded machine makes any
   * budget flaky, and speed is measured by the benchmarks. */
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 500);

  /* By description: the protocol comes expanded to the field. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "ip.src");
  g_signal_emit_by_name (entry, "search-changed");
  g_assert_cmpuint (g_list_model_get_n_items (model), <, 10);
  g_assert_true (ui_test_iterate_until (ui_test_label_shown, &wait));
  g_assert_nonnull (ui_test_find_mapped_label (view, "Internet Protocol Version 4"));
  g_assert_nonnull (ui_test_find_mapped_label (view, "Source Address"));

  gtk_editable_set_text (GTK_EDITABLE (entry), "no such field anywhere");
  g_signal_emit_by_name (entry, "search-changed");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);

  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  g_signal_emit_by_name (entry, "search-changed");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, all_protocols);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  ui_test_ignore_environment_warnings ();

  g_test_add ("/remora/ui/expression-dialog/ip-src", Fixture, NULL, fixture_set_up, test_ip_src, fixture_tear_down);
  g_test_add ("/remora/ui/expression-dialog/invalid-value", Fixture, NULL, fixture_set_up, test_invalid_value, fixture_tear_down);
  g_test_add ("/remora/ui/expression-dialog/value-strings", Fixture, NULL, fixture_set_up, test_value_strings, fixture_tear_down);
  g_test_add ("/remora/ui/expression-dialog/protocol-and-string", Fixture, NULL, fixture_set_up, test_protocol_and_string, fixture_tear_down);
  g_test_add ("/remora/ui/expression-dialog/every-relation-compiles", Fixture, NULL, fixture_set_up, test_every_relation_compiles, fixture_tear_down);
  g_test_add ("/remora/ui/expression-dialog/search", Fixture, NULL, fixture_set_up, test_search, fixture_tear_down);

  return g_test_run ();
}
