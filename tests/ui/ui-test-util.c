/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ui-test"

#include "config.h"

#include "ui-test-util.h"

#include <stdarg.h>
#include <string.h>

#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

#include "remora-capture-document.h"
#include "remora-capture-options.h"
#include "remora-field-completion.h"
#include "remora-packet-row.h"

/* ---- the main loop ---- */

static gboolean
wake_up (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

gboolean
ui_test_iterate_until_for (gboolean (*cond) (gpointer),
                           gpointer  data,
                           guint     timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  /* A blocking iteration would wait forever for an event that never
   * comes; the tick bounds each wait so the deadline is seen. */
  guint tick = g_timeout_add (20, wake_up, NULL);
  gboolean ok;

  while (!(ok = cond (data)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  return ok;
}

gboolean
ui_test_iterate_until (gboolean (*cond) (gpointer),
                       gpointer  data)
{
  return ui_test_iterate_until_for (cond, data, UI_TEST_TIMEOUT_MS);
}

gboolean
ui_test_no_more_events (gpointer data)
{
  return !g_main_context_pending (NULL);
}

gboolean
ui_test_is_true (gpointer data)
{
  return *(gboolean *) data;
}

void
ui_test_run_for_ms (guint ms)
{
  gint64 until = g_get_monotonic_time () + (gint64) ms * 1000;
  guint tick = g_timeout_add (20, wake_up, NULL);

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
}

static void
on_after_paint (GdkFrameClock *clock,
                gboolean      *painted)
{
  *painted = TRUE;
}

void
ui_test_wait_for_paint (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gboolean painted = FALSE;
  gulong handler;

  g_assert_nonnull (clock);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &painted);
  gtk_widget_queue_draw (widget);
  g_assert_true (ui_test_iterate_until (ui_test_is_true, &painted));
  g_signal_handler_disconnect (clock, handler);
}

void
ui_test_settle (GtkWidget *widget)
{
  ui_test_iterate_until (ui_test_no_more_events, NULL);
  ui_test_wait_for_paint (widget);
}

/* ---- finding widgets ---- */

/* The first widget under ROOT, depth first, that MATCH accepts. */
static GtkWidget *
find_first (GtkWidget  *root,
            gboolean  (*match) (GtkWidget *, gconstpointer),
            gconstpointer what)
{
  if (match (root, what))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_first (child, match, what);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_of_type (GtkWidget     *widget,
            gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

static gboolean
is_named (GtkWidget     *widget,
          gconstpointer  name)
{
  return g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

static gboolean
is_mapped_label (GtkWidget     *widget,
                 gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static gboolean
is_mapped_button (GtkWidget     *widget,
                  gconstpointer  text)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         (g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), text) == 0 ||
          find_first (widget, is_mapped_label, text) != NULL);
}

static gboolean
is_button_labelled (GtkWidget     *widget,
                    gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

GtkWidget *
ui_test_find_by_type (GtkWidget *root,
                      GType      type)
{
  return find_first (root, is_of_type, GSIZE_TO_POINTER (type));
}

GtkWidget *
ui_test_find_named (GtkWidget  *root,
                    const char *name)
{
  return find_first (root, is_named, name);
}

GtkWidget *
ui_test_find_mapped_label (GtkWidget  *root,
                           const char *text)
{
  return find_first (root, is_mapped_label, text);
}

gboolean
ui_test_has_mapped_label (GtkWidget  *root,
                          const char *text)
{
  return ui_test_find_mapped_label (root, text) != NULL;
}

gboolean
ui_test_label_shown (gpointer data)
{
  UiTestLabel *want = data;

  return ui_test_find_mapped_label (want->root, want->text) != NULL;
}

gboolean
ui_test_label_gone (gpointer data)
{
  return !ui_test_label_shown (data);
}

static void
collect_mapped_labels (GtkWidget *root,
                       GPtrArray *texts)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root))
    g_ptr_array_add (texts, (gpointer) gtk_label_get_text (GTK_LABEL (root)));
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_mapped_labels (child, texts);
}

GPtrArray *
ui_test_mapped_label_texts (GtkWidget *root)
{
  GPtrArray *texts = g_ptr_array_new ();

  collect_mapped_labels (root, texts);
  return texts;
}

GtkWidget *
ui_test_find_button (GtkWidget  *root,
                     const char *label)
{
  return find_first (root, is_button_labelled, label);
}

GtkWidget *
ui_test_find_mapped_button (GtkWidget  *root,
                            const char *text)
{
  return find_first (root, is_mapped_button, text);
}

static gboolean
is_mapped_action_button (GtkWidget     *widget,
                         gconstpointer  action)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0;
}

GtkWidget *
ui_test_find_action_button (GtkWidget  *root,
                            const char *action)
{
  return find_first (root, is_mapped_action_button, action);
}

static gboolean
is_interface_cell (GtkWidget     *widget,
                   gconstpointer  wanted)
{
  const char *const *class_and_name = wanted;

  return gtk_widget_has_css_class (widget, class_and_name[0]) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (g_object_get_data (G_OBJECT (widget), "remora-interface-name"),
                    class_and_name[1]) == 0;
}

GtkWidget *
ui_test_find_interface_cell (GtkWidget  *root,
                             const char *css_class,
                             const char *name)
{
  const char *class_and_name[] = { css_class, name };

  return find_first (root, is_interface_cell, class_and_name);
}

GtkWidget *
ui_test_find_toplevel (GType type)
{
  GtkWidget *found = NULL;
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL && found == NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_mapped (l->data))
      found = l->data;
  g_list_free (toplevels);
  return found;
}

gboolean
ui_test_toplevel_shown (gpointer type)
{
  return ui_test_find_toplevel (GPOINTER_TO_SIZE (type)) != NULL;
}

gboolean
ui_test_toplevel_gone (gpointer type)
{
  return ui_test_find_toplevel (GPOINTER_TO_SIZE (type)) == NULL;
}

GtkWidget *
ui_test_wait_for_toplevel (GType type)
{
  GtkWidget *window;

  g_assert_true (ui_test_iterate_until (ui_test_toplevel_shown, GSIZE_TO_POINTER (type)));
  window = ui_test_find_toplevel (type);
  ui_test_settle (window);
  return window;
}

void
ui_test_answer_question (const char *button)
{
  GtkWidget *dialog = ui_test_wait_for_toplevel (GTK_TYPE_MESSAGE_DIALOG);

  ui_test_click_center (ui_test_find_mapped_button (dialog, button));
  g_assert_true (ui_test_iterate_until (ui_test_toplevel_gone, GSIZE_TO_POINTER (GTK_TYPE_MESSAGE_DIALOG)));
}

/* ---- the application ---- */

RemoraApplication *
ui_test_start_application (void)
{
  g_autoptr(GError) error = NULL;
  RemoraApplication *app = remora_application_new ();

  /* No session bus under Xvfb, and tests must not find another instance. */
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  return app;
}

RemoraWindow *
ui_test_open_in_application (RemoraApplication *app,
                             const char        *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GList *windows;

  g_application_open (G_APPLICATION (app), &file, 1, "");
  windows = gtk_application_get_windows (GTK_APPLICATION (app));
  g_assert_nonnull (windows);
  g_assert_true (REMORA_IS_WINDOW (windows->data));
  return windows->data;
}

void
ui_test_stop_application (RemoraApplication *app)
{
  GList *windows;

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (app))) != NULL)
    gtk_window_destroy (windows->data);
  ui_test_iterate_until (ui_test_no_more_events, NULL);
  g_object_unref (app);
}

gboolean
ui_test_window_loaded (gpointer data)
{
  RemoraWindow *window = data;
  RemoraCaptureDocument *document = remora_window_get_document (window);
  GtkWidget *stack;

  if (document != NULL && remora_capture_document_get_loading (document))
    return FALSE;
  /* The rows show while a file loads, so the stack leaves the "loading"
   * page early; the window's load callback has run once LOADING is off
   * (the document calls it as the load ends) and the stack has settled. */
  stack = ui_test_find_by_type (GTK_WIDGET (window), GTK_TYPE_STACK);
  g_assert_nonnull (stack);
  return g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (stack)), "loading") != 0 &&
         !gtk_stack_get_transition_running (GTK_STACK (stack));
}

RemoraApplication *
ui_test_start_application_for_input (void)
{
  RemoraApplication *app = ui_test_start_application ();

  if (!ui_test_have_xdotool ())
    {
      ui_test_stop_application (app);
      return NULL;
    }
  return app;
}

RemoraWindow *
ui_test_activate (RemoraApplication *app)
{
  RemoraWindow *window;

  g_application_activate (G_APPLICATION (app));
  window = REMORA_WINDOW (gtk_application_get_windows (GTK_APPLICATION (app))->data);
  ui_test_settle (GTK_WIDGET (window));
  return window;
}

RemoraWindow *
ui_test_open_and_wait (RemoraApplication *app,
                       const char        *path)
{
  RemoraWindow *window = ui_test_open_in_application (app, path);

  g_assert_true (ui_test_iterate_until (ui_test_window_loaded, window));
  g_assert_nonnull (remora_window_get_document (window));
  g_assert_true (ui_test_iterate_until (ui_test_first_row_drawn, ui_test_packet_list (window)));
  return window;
}

void
ui_test_capture_on_lo (const char *helper)
{
  const char * const names[] = { "lo", NULL };
  GtkWidget *options;

  ui_test_press_key ("ctrl+k");
  g_assert_true (ui_test_iterate_until (ui_test_toplevel_shown, GSIZE_TO_POINTER (REMORA_TYPE_CAPTURE_OPTIONS)));
  options = ui_test_find_toplevel (REMORA_TYPE_CAPTURE_OPTIONS);
  g_assert_true (ui_test_iterate_until (ui_test_label_shown, &(UiTestLabel) { options, "lo" }));
  remora_capture_options_set_capture_names (REMORA_CAPTURE_OPTIONS (options), names);
  ui_test_settle (options);

  g_setenv ("REMORA_CAPTURE", helper, TRUE);
  ui_test_click_center (ui_test_find_mapped_button (options, "_Start"));
}

gboolean
ui_test_capture_ended (gpointer data)
{
  RemoraCaptureDocument *document = remora_window_get_document (data);

  return document != NULL && !remora_capture_document_get_live (document);
}

gboolean
ui_test_live_capture_done (gpointer data)
{
  UiTestLiveDone *want = data;
  RemoraCaptureDocument *document = remora_window_get_document (want->window);

  return document != NULL && !remora_capture_document_get_live (document) &&
         remora_capture_document_get_n_frames (document) == want->n_frames;
}

const char *
ui_test_status_text (RemoraWindow *window)
{
  g_autoptr(GPtrArray) texts = ui_test_mapped_label_texts (GTK_WIDGET (window));

  for (guint i = 0; i < texts->len; i++)
    if (g_str_has_prefix (texts->pdata[i], "Packets: ") ||
        g_str_has_prefix (texts->pdata[i], "Loading… "))
      return texts->pdata[i];
  return NULL;
}

const char *
ui_test_banner_text (RemoraWindow *window)
{
  GtkWidget *bar = ui_test_find_by_type (GTK_WIDGET (window), GTK_TYPE_INFO_BAR);
  g_autoptr(GPtrArray) texts = NULL;

  if (bar == NULL || !gtk_info_bar_get_revealed (GTK_INFO_BAR (bar)))
    return NULL;
  texts = ui_test_mapped_label_texts (bar);
  return texts->len > 0 ? texts->pdata[0] : NULL;
}

gboolean
ui_test_banner_shown (gpointer window)
{
  return ui_test_banner_text (window) != NULL;
}

/* ---- the packet list ---- */

GtkWidget *
ui_test_find_packet_row (GtkWidget  *column_view,
                         const char *number)
{
  GtkWidget *list_view = ui_test_find_by_type (column_view, GTK_TYPE_LIST_VIEW);

  if (list_view == NULL)
    return NULL;
  for (GtkWidget *row = gtk_widget_get_first_child (list_view); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *cell = gtk_widget_get_first_child (row);
      GtkWidget *first = cell != NULL ? gtk_widget_get_first_child (cell) : NULL;

      if (g_strcmp0 (gtk_widget_get_css_name (row), "row") == 0 && gtk_widget_get_mapped (row) &&
          GTK_IS_INSCRIPTION (first) &&
          g_strcmp0 (gtk_inscription_get_text (GTK_INSCRIPTION (first)), number) == 0)
        return row;
    }
  return NULL;
}

GStrv
ui_test_find_row_texts (GtkWidget  *column_view,
                        const char *number)
{
  GtkWidget *row = ui_test_find_packet_row (column_view, number);
  g_autoptr(GStrvBuilder) builder = NULL;

  if (row == NULL)
    return NULL;
  builder = g_strv_builder_new ();
  for (GtkWidget *cell = gtk_widget_get_first_child (row); cell != NULL;
       cell = gtk_widget_get_next_sibling (cell))
    {
      GtkWidget *inscription = gtk_widget_get_first_child (cell);

      g_assert_true (GTK_IS_INSCRIPTION (inscription));
      g_strv_builder_add (builder, gtk_inscription_get_text (GTK_INSCRIPTION (inscription)) ?: "");
    }
  return g_strv_builder_end (builder);
}

GtkWidget *
ui_test_packet_list (RemoraWindow *window)
{
  GtkWidget *column_view = ui_test_find_by_type (GTK_WIDGET (window), GTK_TYPE_COLUMN_VIEW);

  g_assert_nonnull (column_view);
  return column_view;
}

gboolean
ui_test_first_row_drawn (gpointer column_view)
{
  return ui_test_find_packet_row (column_view, "1") != NULL;
}

guint
ui_test_find_frame_by_text (GtkWidget  *column_view,
                            const char *protocol,
                            const char *info)
{
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (column_view)));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(RemoraPacketRow) row = g_list_model_get_item (model, i);

      if (g_str_equal (remora_packet_row_get_text (row, REMORA_COLUMN_PROTOCOL), protocol) &&
          g_str_has_prefix (remora_packet_row_get_text (row, REMORA_COLUMN_INFO), info))
        return remora_packet_row_get_number (row);
    }
  return 0;
}

GtkWidget *
ui_test_scroll_to_packet_row (GtkWidget *column_view,
                              guint      number)
{
  g_autofree char *text = g_strdup_printf ("%u", number);
  GtkWidget *list_view = ui_test_find_by_type (column_view, GTK_TYPE_LIST_VIEW);

  for (guint turns = 0; turns < 100; turns++)
    {
      GtkWidget *row;
      graphene_rect_t bounds;

      ui_test_settle (gtk_widget_get_ancestor (column_view, GTK_TYPE_WINDOW));
      row = ui_test_find_packet_row (column_view, text);
      if (row != NULL && gtk_widget_compute_bounds (row, list_view, &bounds) &&
          bounds.origin.y >= 0 &&
          bounds.origin.y + bounds.size.height <= gtk_widget_get_height (list_view))
        return row;
      ui_test_button_at_center (list_view, "5");
    }
  return NULL;
}

void
ui_test_select_frame (GtkWidget       *column_view,
                      RemoraProtoTree *tree,
                      guint            number)
{
  UiTestTreeFrame shows = { tree, number };
  GtkWidget *row = ui_test_scroll_to_packet_row (column_view, number);

  g_assert_nonnull (row);
  ui_test_click_center (row);
  g_assert_true (ui_test_iterate_until (ui_test_tree_shows_frame, &shows));
}

/* ---- the list models behind the views ---- */

gboolean
ui_test_model_length_is (gpointer data)
{
  UiTestModelLength *want = data;

  return g_list_model_get_n_items (want->model) == want->n_items;
}

void
ui_test_record_items_changed (GListModel *model,
                              guint       position,
                              guint       removed,
                              guint       added,
                              GString    *log)
{
  if (log->len > 0)
    g_string_append (log, ", ");
  g_string_append_printf (log, "%u-%u+%u", position, removed, added);
}

/* ---- the protocol tree ---- */

GArray *
ui_test_tree_lines (RemoraProtoTree *tree)
{
  GtkWidget *list_view = ui_test_find_by_type (GTK_WIDGET (tree), GTK_TYPE_LIST_VIEW);
  GArray *lines = g_array_new (FALSE, FALSE, sizeof (UiTestTreeLine));

  for (GtkWidget *row = gtk_widget_get_first_child (list_view); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *expander = gtk_widget_get_first_child (row);
      graphene_rect_t bounds;
      UiTestTreeLine line;

      /* Only lines a person can see whole. */
      if (!GTK_IS_TREE_EXPANDER (expander) || !gtk_widget_get_mapped (row) ||
          !gtk_widget_compute_bounds (row, GTK_WIDGET (tree), &bounds) ||
          bounds.origin.y < 0 ||
          bounds.origin.y + bounds.size.height > gtk_widget_get_height (GTK_WIDGET (tree)))
        continue;
      line.expander = expander;
      line.row = gtk_tree_expander_get_list_row (GTK_TREE_EXPANDER (expander));
      line.label = gtk_label_get_text (GTK_LABEL (gtk_tree_expander_get_child (GTK_TREE_EXPANDER (expander))));
      if (line.row != NULL)
        g_array_append_val (lines, line);
    }
  return lines;
}

const UiTestTreeLine *
ui_test_find_tree_line (GArray     *lines,
                        const char *prefix)
{
  for (guint i = 0; i < lines->len; i++)
    if (g_str_has_prefix (g_array_index (lines, UiTestTreeLine, i).label, prefix))
      return &g_array_index (lines, UiTestTreeLine, i);
  return NULL;
}

GtkWidget *
ui_test_expander_arrow (GtkWidget *expander)
{
  for (GtkWidget *child = gtk_widget_get_first_child (expander); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (g_strcmp0 (gtk_widget_get_css_name (child), "expander") == 0)
      return child;
  return NULL;
}

gboolean
ui_test_tree_shows_frame (gpointer data)
{
  UiTestTreeFrame *want = data;
  RemoraPacketSnapshot *snapshot = remora_proto_tree_get_snapshot (want->tree);
  g_autoptr(GArray) lines = NULL;

  if (snapshot == NULL || remora_packet_snapshot_get_number (snapshot) != want->number)
    return FALSE;
  lines = ui_test_tree_lines (want->tree);
  return lines->len > 0;
}

gboolean
ui_test_tree_selection_is (gpointer data)
{
  UiTestTreeLineWanted *want = data;
  RemoraProtoNode *node = remora_proto_tree_get_selected_node (want->tree);

  return node != NULL && g_str_has_prefix (remora_proto_node_get_label (node), want->prefix);
}

gboolean
ui_test_tree_line_shown (gpointer data)
{
  UiTestTreeLineWanted *want = data;
  g_autoptr(GArray) lines = ui_test_tree_lines (want->tree);

  return ui_test_find_tree_line (lines, want->prefix) != NULL;
}

gboolean
ui_test_tree_line_expanded (gpointer data)
{
  UiTestTreeLineWanted *want = data;
  g_autoptr(GArray) lines = ui_test_tree_lines (want->tree);
  const UiTestTreeLine *line = ui_test_find_tree_line (lines, want->prefix);

  return line != NULL && gtk_tree_list_row_get_expanded (line->row);
}

gboolean
ui_test_scroll_tree_to_line (RemoraProtoTree *tree,
                             const char      *prefix,
                             const char      *button)
{
  UiTestTreeLineWanted want = { tree, prefix };

  for (guint turns = 0; turns < 40; turns++)
    {
      if (ui_test_iterate_until_for (ui_test_tree_line_shown, &want, 300))
        {
          ui_test_wait_for_paint (GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (tree))));
          if (ui_test_tree_line_shown (&want))
            return TRUE;
        }
      ui_test_button_at_center (GTK_WIDGET (tree), button);
    }
  return FALSE;
}

/* ---- the display filter bar ---- */

gboolean
ui_test_bar_text_is (gpointer data)
{
  UiTestBarText *want = data;

  return g_strcmp0 (remora_filter_bar_get_text (want->bar), want->text) == 0;
}

gboolean
ui_test_completion_hidden (gpointer bar)
{
  return !remora_field_completion_is_shown (remora_filter_bar_get_completion (bar));
}

void
ui_test_type_into_filter (RemoraFilterBar *bar,
                          const char      *text,
                          gboolean         click)
{
  GtkWidget *entry = GTK_WIDGET (remora_filter_bar_get_entry (bar));
  UiTestBarText want = { bar, text };

  if (click)
    {
      ui_test_click_center (entry);
      g_assert_true (ui_test_iterate_until (ui_test_focus_inside, entry));
      ui_test_press_key ("ctrl+a");
    }
  else
    {
      ui_test_press_key ("ctrl+slash");
      g_assert_true (ui_test_iterate_until (ui_test_focus_inside, entry));
    }
  if (*text != '\0')
    ui_test_xdotool ("type", "--delay", "15", text, NULL);
  else
    ui_test_press_key ("BackSpace");
  if (!ui_test_iterate_until (ui_test_bar_text_is, &want))
    g_error ("the filter bar reads “%s”, not “%s”", remora_filter_bar_get_text (bar), text);
  /* Enter would take an offered completion instead of applying. */
  g_assert_true (ui_test_iterate_until (ui_test_completion_hidden, bar));
}

/* ---- input through the X server ---- */

gboolean
ui_test_have_xdotool (void)
{
  const char *tool = g_getenv ("REMORA_XDOTOOL");

  gtk_init ();
#ifdef GDK_WINDOWING_X11
  if (tool != NULL && *tool != '\0' && GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    return TRUE;
#endif
  g_test_skip ("needs xdotool and an X11 display to click and type");
  return FALSE;
}

gboolean
ui_test_focus_inside (gpointer data)
{
  GtkWidget *widget = data;
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* Input goes through the X server with xdotool (XTest), so the window
 * sees the same events a person's mouse and keyboard make. */
void
ui_test_xdotool (const char *first_arg,
                 ...)
{
  const char *tool = g_getenv ("REMORA_XDOTOOL");
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  int status = 0;
  va_list args;

  g_assert_nonnull (tool);
  g_ptr_array_add (argv, g_strdup (tool));
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  /* Whatever GTK still has to send to the server goes first. */
  ui_test_iterate_until (ui_test_no_more_events, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
}

void
ui_test_button_at (GtkWidget  *widget,
                   double      x,
                   double      y,
                   const char *button)
{
#ifdef GDK_WINDOWING_X11
  GtkNative *native = gtk_widget_get_native (widget);
  graphene_point_t point;
  double sx;
  double sy;
  g_autofree char *xid = NULL;
  g_autofree char *px = NULL;
  g_autofree char *py = NULL;

  g_assert_true (gtk_widget_get_mapped (widget));
  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native),
                                           &GRAPHENE_POINT_INIT (x, y), &point));
  gtk_native_get_surface_transform (native, &sx, &sy);
  xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (gtk_native_get_surface (native)));
  px = g_strdup_printf ("%d", (int) (point.x + sx));
  py = g_strdup_printf ("%d", (int) (point.y + sy));
  ui_test_xdotool ("mousemove", "--window", xid, px, py, "click", button, NULL);
#else
  g_assert_not_reached ();
#endif
}

void
ui_test_click_at (GtkWidget *widget,
                  double     x,
                  double     y)
{
  ui_test_button_at (widget, x, y, "1");
}

void
ui_test_button_at_center (GtkWidget  *widget,
                          const char *button)
{
  ui_test_button_at (widget, gtk_widget_get_width (widget) / 2.0,
                     gtk_widget_get_height (widget) / 2.0, button);
}

void
ui_test_click_center (GtkWidget *widget)
{
  /* Positions are only right once the window has laid itself out; the
   * caller looked WIDGET up after that. */
  g_assert_true (gtk_widget_get_mapped (widget));
  ui_test_click_at (widget, gtk_widget_get_width (widget) / 2.0, gtk_widget_get_height (widget) / 2.0);
}

void
ui_test_press_key (const char *key)
{
  ui_test_xdotool ("key", key, NULL);
}

void
ui_test_type_text (const char *text)
{
  ui_test_xdotool ("type", "--delay", "15", text, NULL);
}

/* ---- pictures ---- */

void
ui_test_save_screenshot (GtkWidget  *widget,
                         const char *name)
{
  GtkWidget *window = GTK_WIDGET (gtk_widget_get_native (widget));
  const char *root = g_getenv ("REMORA_BUILD_ROOT");
  g_autofree char *path = NULL;
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guchar *pixels = NULL;
  int width;
  int height;
  gsize stride;
  gboolean varied = FALSE;

  if (root == NULL)
    root = g_getenv ("MESON_BUILD_ROOT");
  path = g_build_filename (root != NULL ? root : ".", name, NULL);

  ui_test_settle (window);
  width = gtk_widget_get_width (window);
  height = gtk_widget_get_height (window);
  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);
  paintable = gtk_widget_paintable_new (window);
  /* A window between two layouts snapshots to nothing; the next frame
   * has it whole. */
  for (guint attempt = 0; node == NULL && attempt < 10; attempt++)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();

      ui_test_wait_for_paint (window);
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);

  stride = (gsize) gdk_texture_get_width (texture) * 4;
  pixels = g_malloc (stride * gdk_texture_get_height (texture));
  gdk_texture_download (texture, pixels, stride);
  for (gsize i = 4; i < stride * gdk_texture_get_height (texture) && !varied; i += 4)
    varied = memcmp (pixels, pixels + i, 4) != 0;
  g_assert_true (varied);
}

static gboolean
ignore_environment_warnings (const char     *log_domain,
                             GLogLevelFlags  log_level,
                             const char     *message,
                             gpointer        user_data)
{
  return strstr (message, "session bus") == NULL;
}

void
ui_test_ignore_environment_warnings (void)
{
  g_test_log_set_fatal_handler (ignore_environment_warnings, NULL);
}

/* ---- the header bar's main menu ---- */

/* The header bar's menu button (the filter bar has one of its own). */
static GtkWidget *
main_menu_button (RemoraWindow *window)
{
  GtkWidget *header = ui_test_find_by_type (GTK_WIDGET (window), GTK_TYPE_HEADER_BAR);

  g_assert_nonnull (header);
  return ui_test_find_by_type (header, GTK_TYPE_MENU_BUTTON);
}

/* Waits for the label TEXT under ROOT to be shown and clicks it. */
static GtkWidget *
wait_for_label (GtkWidget  *root,
                const char *text)
{
  UiTestLabel want = { root, text };

  g_assert_true (ui_test_iterate_until (ui_test_label_shown, &want));
  ui_test_settle (root);
  return ui_test_find_mapped_label (root, text);
}

GtkWidget *
ui_test_open_main_menu (RemoraWindow *window,
                        const char   *submenu,
                        const char   *item)
{
  GtkWidget *button = main_menu_button (window);
  GtkWidget *popover;

  g_assert_nonnull (button);
  ui_test_settle (GTK_WIDGET (window));
  ui_test_click_center (button);
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
  g_assert_nonnull (popover);
  ui_test_click_center (wait_for_label (popover, submenu));
  return wait_for_label (popover, item);
}

void
ui_test_close_main_menu (RemoraWindow *window)
{
  gtk_popover_popdown (gtk_menu_button_get_popover (GTK_MENU_BUTTON (main_menu_button (window))));
  ui_test_settle (GTK_WIDGET (window));
}

gboolean
ui_test_menu_item_sensitive (GtkWidget *label)
{
  /* A menu item is its label's first focusable ancestor. */
  GtkWidget *item = gtk_widget_get_parent (label);

  while (item != NULL && !gtk_widget_get_focusable (item))
    item = gtk_widget_get_parent (item);
  g_assert_nonnull (item);
  return gtk_widget_is_sensitive (item);
}

gboolean
ui_test_main_menu_closed (gpointer window)
{
  GtkWidget *button = main_menu_button (window);

  return !gtk_widget_get_mapped (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button))));
}
