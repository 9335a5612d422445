/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-context-menus"

#include "config.h"

#include <string.h>

#include <gtk/gtk.h>

#include "remora-capture-reader.h"
#include "remora-dfilter.h"
#include "remora-dissect.h"
#include "remora-filter-bar.h"
#include "remora-packet-row.h"
#include "remora-proto-tree.h"
#include "remora-window.h"
#include "ui-test-util.h"

/* The packet list's and the protocol tree's context menus, opened with a
 * right click (and Shift+F10) on data/sample/http-dns.pcap, and the main
 * menu's Analyze ▸ Apply as Filter: what they put in the filter bar, what
 * the list then shows, what they copy.  Leaves context-menu-tree.png and
 * context-menu-list.png (the menus open) in the build folder. */

static char *sample_path;

/* ---- the capture read without the UI ---- */

/* How many frames of the sample FILTER lets through, as a display filter
 * run over the file counts them. */
static guint
count_matches (const char *filter)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RemoraCaptureReader) reader = remora_capture_reader_open (sample_path, &error);
  g_autoptr(RemoraDfilter) dfilter = remora_dfilter_compile (filter, NULL);
  g_autoptr(RemoraSession) session = NULL;
  g_autoptr(RemoraPacket) pkt = NULL;
  g_autoptr(GPtrArray) frames = g_ptr_array_new_with_free_func (g_free);
  RemoraPacketRecord rec;
  guint number = 0;
  guint matched = 0;

  g_assert_no_error (error);
  g_assert_nonnull (dfilter);
  remora_dissectors_init ();
  session = remora_session_new ();
  pkt = remora_packet_new ();
  remora_packet_set_want_columns (pkt, TRUE);
  remora_packet_set_wanted (pkt, remora_dfilter_get_wanted (dfilter));
  while (remora_capture_reader_next (reader, &rec, NULL) == REMORA_READ_PACKET)
    {
      const RemoraInterface *iface = remora_capture_reader_get_interface (reader, rec.iface_id);
      guint8 *data = g_memdup2 (rec.data, rec.cap_len);
      RemoraFrameInput input = {
        .number = ++number,
        .data = data,
        .cap_len = rec.cap_len,
        .orig_len = rec.orig_len,
        .ts_ns = rec.ts_ns,
        .iface_id = rec.iface_id,
        .link_type = iface != NULL ? iface->link_type : -1,
      };

      g_ptr_array_add (frames, data);
      remora_session_dissect (session, pkt, &input);
      if (remora_dfilter_match (dfilter, pkt))
        matched++;
    }
  return matched;
}

/* ---- reading the window ---- */

/* Every line of the tree, shown on screen or not: the tree's list model. */
static GListModel *
tree_model (RemoraProtoTree *tree)
{
  GtkWidget *list_view = ui_test_find_by_type (GTK_WIDGET (tree), GTK_TYPE_LIST_VIEW);

  return G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list_view)));
}

/* Turns the wheel over the tree until a line starting with PREFIX is on
 * screen. */
static void
scroll_to_line (RemoraProtoTree *tree,
                const char      *prefix)
{
  if (!ui_test_scroll_tree_to_line (tree, prefix, "5"))
    g_error ("no tree line \"%s\"", prefix);
}

static gboolean
any_stack_sliding (GtkWidget *root)
{
  if (GTK_IS_STACK (root) && gtk_widget_get_mapped (root) &&
      gtk_stack_get_transition_running (GTK_STACK (root)))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (any_stack_sliding (child))
      return TRUE;
  return FALSE;
}

static gboolean
menus_still (gpointer root)
{
  return !any_stack_sliding (root);
}

/* Waits for the menu item reading TEXT under ROOT, and for the menu to
 * stop sliding between its pages, and returns the item's label. */
static GtkWidget *
menu_item (GtkWidget  *root,
           const char *text)
{
  UiTestLabel want = { root, text };

  if (!ui_test_iterate_until (ui_test_label_shown, &want))
    {
      g_autoptr(GPtrArray) shown = ui_test_mapped_label_texts (root);

      g_ptr_array_add (shown, NULL);
      g_error ("no menu item \"%s\"; shown: %s", text,
               g_strjoinv (" | ", (char **) shown->pdata));
    }
  g_assert_true (ui_test_iterate_until (menus_still, root));
  ui_test_settle (root);
  return ui_test_find_mapped_label (root, text);
}

/* Clicks the menu item TEXT, then the item ITEM of the submenu it opens
 * (NULL: TEXT is the item), and waits for the menu to close. */
static void
choose (GtkWidget  *root,
        const char *text,
        const char *item)
{
  UiTestLabel gone = { root, text };

  ui_test_click_center (menu_item (root, text));
  if (item != NULL)
    {
      ui_test_click_center (menu_item (root, item));
      gone.text = item;
    }
  g_assert_true (ui_test_iterate_until (ui_test_label_gone, &gone));
}

/* A right click on the middle of a tree line's text. */
static void
right_click_line (RemoraProtoTree *tree,
                  const char      *prefix)
{
  g_autoptr(GArray) lines = NULL;
  const UiTestTreeLine *line;
  GtkWidget *label;
  UiTestTreeLineWanted selected = { tree, prefix };

  scroll_to_line (tree, prefix);
  ui_test_settle (GTK_WIDGET (tree));
  lines = ui_test_tree_lines (tree);
  line = ui_test_find_tree_line (lines, prefix);
  g_assert_nonnull (line);
  label = gtk_tree_expander_get_child (GTK_TREE_EXPANDER (line->expander));
  ui_test_button_at (label, MIN (60.0, gtk_widget_get_width (label) / 2.0),
                     gtk_widget_get_height (label) / 2.0, "3");
  g_assert_true (ui_test_iterate_until (ui_test_tree_selection_is, &selected));
}

/* A right click on cell COLUMN of the row showing frame NUMBER. */
static void
right_click_cell (GtkWidget  *column_view,
                  const char *number,
                  guint       column)
{
  GtkWidget *row = ui_test_find_packet_row (column_view, number);
  GtkWidget *cell;

  g_assert_nonnull (row);
  cell = gtk_widget_get_first_child (row);
  for (guint i = 0; i < column; i++)
    cell = gtk_widget_get_next_sibling (cell);
  g_assert_nonnull (cell);
  ui_test_button_at_center (cell, "3");
}

typedef struct {
  char     *text;
  gboolean  done;
} ClipboardRead;

static void
clipboard_read_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  ClipboardRead *read = user_data;

  read->text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
  read->done = TRUE;
}

static char *
read_clipboard (GtkWidget *widget)
{
  ClipboardRead read = { NULL, FALSE };

  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), NULL, clipboard_read_cb, &read);
  g_assert_true (ui_test_iterate_until (ui_test_is_true, &read.done));
  return read.text;
}

static void
collect_popovers (GtkWidget *root,
                  GPtrArray *popovers)
{
  if (GTK_IS_POPOVER (root) && gtk_widget_get_mapped (root))
    g_ptr_array_add (popovers, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_popovers (child, popovers);
}

/* The window as it is, with the context menu (and any submenu of it)
 * open over it: a window's own picture leaves out its popovers, which
 * are surfaces of their own. */
static void
save_with_popover (GtkWidget  *window,
                   GtkWidget  *menu,
                   const char *name)
{
  const char *root = g_getenv ("REMORA_BUILD_ROOT");
  g_autofree char *path = g_build_filename (root != NULL ? root : ".", name, NULL);
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);
  g_autoptr(GdkPaintable) window_paint = gtk_widget_paintable_new (window);
  g_autoptr(GPtrArray) popovers = g_ptr_array_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot;
  double wx, wy;
  int surface_x, surface_y;

  g_assert_nonnull (menu);
  ui_test_settle (window);
  ui_test_wait_for_paint (menu);
  collect_popovers (menu, popovers);
  gtk_native_get_surface_transform (GTK_NATIVE (window), &wx, &wy);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (window_paint, snapshot, width, height);
  for (guint i = 0; i < popovers->len; i++)
    {
      GtkWidget *popover = popovers->pdata[i];
      g_autoptr(GdkPaintable) paint = gtk_widget_paintable_new (popover);
      GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (popover));
      double px, py;

      /* A popup's position is relative to its parent's surface: add up
       * the chain back to the window's. */
      surface_x = 0;
      surface_y = 0;
      for (GdkSurface *s = surface; GDK_IS_POPUP (s); s = gdk_popup_get_parent (GDK_POPUP (s)))
        {
          surface_x += gdk_popup_get_position_x (GDK_POPUP (s));
          surface_y += gdk_popup_get_position_y (GDK_POPUP (s));
        }
      gtk_native_get_surface_transform (GTK_NATIVE (popover), &px, &py);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (surface_x + px - wx, surface_y + py - wy));
      gdk_paintable_snapshot (paint, snapshot, gtk_widget_get_width (popover), gtk_widget_get_height (popover));
      gtk_snapshot_restore (snapshot);
    }
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

/* The mapped popover under ROOT (the open context menu). */
static GtkWidget *
open_popover (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER (child) && gtk_widget_get_mapped (child))
      return child;
  return NULL;
}

/* Every expandable row of the tree's model is expanded (EXPANDED) or
 * none is (!EXPANDED). */
static gboolean
all_rows_expanded_is (GListModel *model,
                      gboolean    expanded)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (model, i);

      if (gtk_tree_list_row_is_expandable (row) && gtk_tree_list_row_get_expanded (row) != expanded)
        return FALSE;
    }
  return TRUE;
}

typedef struct {
  RemoraApplication *app;
  RemoraWindow *window;
  RemoraProtoTree *tree;
  GtkWidget *column_view;
  RemoraFilterBar *bar;
  GListModel *packets;
} Scene;

/* The sample open in the application with its first row drawn; FALSE
 * (the test marked skipped) without the sample or xdotool. */
static gboolean
open_scene (Scene *scene)
{
  if (sample_path == NULL)
    {
      g_test_skip ("no data/sample/http-dns.pcap");
      return FALSE;
    }
  scene->app = ui_test_start_application_for_input ();
  if (scene->app == NULL)
    return FALSE;
  scene->window = ui_test_open_and_wait (scene->app, sample_path);
  scene->column_view = ui_test_packet_list (scene->window);
  scene->tree = REMORA_PROTO_TREE (ui_test_find_by_type (GTK_WIDGET (scene->window), REMORA_TYPE_PROTO_TREE));
  scene->bar = REMORA_FILTER_BAR (ui_test_find_by_type (GTK_WIDGET (scene->window), REMORA_TYPE_FILTER_BAR));
  scene->packets = G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (scene->column_view)));
  ui_test_settle (GTK_WIDGET (scene->window));
  return TRUE;
}

/* ---- the tree's menu ---- */

static void
test_tree_menu (void)
{
  Scene s;
  g_autoptr(GArray) lines = NULL;
  g_autofree char *copied = NULL;
  const UiTestTreeLine *line;
  GtkWidget *label;
  GListModel *model;
  guint n_src;
  guint n_before;
  guint n_lines;
  UiTestBarText bar_text;
  UiTestModelLength length;

  if (!open_scene (&s))
    return;

  /* Nothing selected: Analyze ▸ Apply as Filter has nothing to act on. */
  label = ui_test_open_main_menu (s.window, "Analyze", "Apply as Filter");
  g_assert_true (ui_test_iterate_until (menus_still, s.window));
  ui_test_click_center (label);
  g_assert_false (ui_test_menu_item_sensitive (menu_item (GTK_WIDGET (s.window), "Selected")));
  ui_test_close_main_menu (s.window);

  /* The HTTP request, its IPv4 header opened. */
  ui_test_select_frame (s.column_view, s.tree, 8);
  ui_test_settle (GTK_WIDGET (s.window));
  lines = ui_test_tree_lines (s.tree);
  line = ui_test_find_tree_line (lines, "Internet Protocol Version 4, ");
  g_assert_nonnull (line);
  ui_test_click_center (ui_test_expander_arrow (line->expander));
  g_assert_true (ui_test_iterate_until (ui_test_tree_line_expanded, &(UiTestTreeLineWanted) { s.tree, "Internet Protocol Version 4, " }));

  /* Right click on the source address: its line is selected and the menu
   * offers the tree's commands; a leaf has no subtrees to open. */
  right_click_line (s.tree, "Source Address: ");
  menu_item (GTK_WIDGET (s.tree), "Apply as Filter");
  g_assert_false (ui_test_menu_item_sensitive (menu_item (GTK_WIDGET (s.tree), "Expand Subtrees")));
  g_assert_true (ui_test_menu_item_sensitive (menu_item (GTK_WIDGET (s.tree), "Expand All")));
  g_assert_true (ui_test_menu_item_sensitive (menu_item (GTK_WIDGET (s.tree), "Collapse All")));

  /* Apply as Filter ▸ Selected: the bar reads the filter and the list
   * shows what it matches in the file. */
  ui_test_click_center (menu_item (GTK_WIDGET (s.tree), "Apply as Filter"));
  label = menu_item (GTK_WIDGET (s.tree), "Selected");
  g_assert_true (ui_test_menu_item_sensitive (label));
  save_with_popover (GTK_WIDGET (s.window), open_popover (GTK_WIDGET (s.tree)), "context-menu-tree.png");
  ui_test_click_center (label);
  g_assert_true (ui_test_iterate_until (ui_test_label_gone, &(UiTestLabel) { GTK_WIDGET (s.tree), "Selected" }));
  bar_text = (UiTestBarText) { s.bar, "ip.src == 10.99.0.2" };
  g_assert_true (ui_test_iterate_until (ui_test_bar_text_is, &bar_text));
  n_src = count_matches ("ip.src == 10.99.0.2");
  g_assert_cmpuint (n_src, >, 0);
  g_assert_cmpuint (n_src, <, 30);
  length = (UiTestModelLength) { s.packets, n_src };
  g_assert_true (ui_test_iterate_until (ui_test_model_length_is, &length));

  /* Prepare as Filter: the text changes, the list does not. */
  ui_test_settle (GTK_WIDGET (s.window));
  right_click_line (s.tree, "Destination Address: ");
  choose (GTK_WIDGET (s.tree), "Prepare as Filter", "…and Selected");
  bar_text.text = "(ip.src == 10.99.0.2) && (ip.dst == 10.99.0.1)";
  g_assert_true (ui_test_iterate_until (ui_test_bar_text_is, &bar_text));
  ui_test_run_for_ms (300);
  g_assert_cmpuint (g_list_model_get_n_items (s.packets), ==, n_src);

  /* Copy ▸ Value puts the address on the clipboard; Ctrl+Shift+C the
   * filter. */
  ui_test_settle (GTK_WIDGET (s.window));
  right_click_line (s.tree, "Source Address: ");
  choose (GTK_WIDGET (s.tree), "Copy", "Value");
  copied = read_clipboard (GTK_WIDGET (s.window));
  g_assert_cmpstr (copied, ==, "10.99.0.2");
  g_clear_pointer (&copied, g_free);
  gtk_widget_grab_focus (GTK_WIDGET (s.tree));
  g_assert_true (ui_test_iterate_until (ui_test_no_more_events, NULL));
  ui_test_press_key ("ctrl+shift+c");
  ui_test_run_for_ms (200);
  copied = read_clipboard (GTK_WIDGET (s.window));
  g_assert_cmpstr (copied, ==, "ip.src == 10.99.0.2");
  g_clear_pointer (&copied, g_free);

  /* Edit ▸ Copy ▸ Field Name. */
  label = ui_test_open_main_menu (s.window, "Edit", "Copy");
  g_assert_true (ui_test_iterate_until (menus_still, s.window));
  ui_test_click_center (label);
  ui_test_click_center (menu_item (GTK_WIDGET (s.window), "Field Name"));
  g_assert_true (ui_test_iterate_until (ui_test_main_menu_closed, s.window));
  copied = read_clipboard (GTK_WIDGET (s.window));
  g_assert_cmpstr (copied, ==, "ip.src");
  g_clear_pointer (&copied, g_free);

  /* Analyze ▸ Apply as Filter ▸ …or not Selected, on the selected line. */
  label = ui_test_open_main_menu (s.window, "Analyze", "Apply as Filter");
  g_assert_true (ui_test_iterate_until (menus_still, s.window));
  ui_test_click_center (label);
  label = menu_item (GTK_WIDGET (s.window), "…or not Selected");
  g_assert_true (ui_test_menu_item_sensitive (label));
  ui_test_click_center (label);
  g_assert_true (ui_test_iterate_until (ui_test_main_menu_closed, s.window));
  bar_text.text = "((ip.src == 10.99.0.2) && (ip.dst == 10.99.0.1)) || !(ip.src == 10.99.0.2)";
  g_assert_true (ui_test_iterate_until (ui_test_bar_text_is, &bar_text));
  length.n_items = count_matches (bar_text.text);
  g_assert_true (ui_test_iterate_until (ui_test_model_length_is, &length));

  /* Expand All opens every line of the packet, Collapse All closes them. */
  model = tree_model (s.tree);
  n_before = g_list_model_get_n_items (model);
  ui_test_settle (GTK_WIDGET (s.window));
  right_click_line (s.tree, "Source Address: ");
  choose (GTK_WIDGET (s.tree), "Expand All", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (model), >, n_before);
  g_assert_true (all_rows_expanded_is (model, TRUE));
  ui_test_settle (GTK_WIDGET (s.window));
  right_click_line (s.tree, "Source Address: ");
  choose (GTK_WIDGET (s.tree), "Collapse All", NULL);
  n_lines = g_list_model_get_n_items (model);
  g_assert_cmpuint (n_lines, ==, 5);   /* Frame, Ethernet, IPv4, TCP, HTTP */
  g_assert_true (all_rows_expanded_is (model, FALSE));

  /* The same from the keyboard: Ctrl+Right, Ctrl+Left; Shift+Right opens
   * the selected line and everything under it. */
  g_assert_true (ui_test_iterate_until (ui_test_no_more_events, NULL));
  gtk_widget_grab_focus (GTK_WIDGET (s.tree));
  ui_test_press_key ("ctrl+Right");
  ui_test_run_for_ms (200);
  g_assert_true (all_rows_expanded_is (model, TRUE));
  ui_test_press_key ("ctrl+Left");
  ui_test_run_for_ms (200);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 5);
  ui_test_settle (GTK_WIDGET (s.window));
  g_clear_pointer (&lines, g_array_unref);
  lines = ui_test_tree_lines (s.tree);
  line = ui_test_find_tree_line (lines, "Transmission Control Protocol, ");
  ui_test_click_center (gtk_tree_expander_get_child (GTK_TREE_EXPANDER (line->expander)));
  g_assert_true (ui_test_iterate_until (ui_test_tree_selection_is, &(UiTestTreeLineWanted) { s.tree, "Transmission Control Protocol, " }));
  ui_test_press_key ("shift+Right");
  ui_test_run_for_ms (200);
  g_assert_true (ui_test_iterate_until (ui_test_tree_line_expanded, &(UiTestTreeLineWanted) { s.tree, "Transmission Control Protocol, " }));
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 5);
  g_assert_false (all_rows_expanded_is (model, TRUE));   /* IPv4 and HTTP stay closed */

  ui_test_stop_application (s.app);
}

/* ---- the packet list's menu ---- */

static void
test_list_menu (void)
{
  Scene s;
  g_autofree char *copied = NULL;
  g_autofree char *summary = NULL;
  g_auto(GStrv) texts = NULL;
  GtkWidget *popover;
  UiTestBarText bar_text;
  UiTestModelLength length;
  UiTestTreeFrame shows;
  GtkWidget *panes;

  if (!open_scene (&s))
    return;
  /* The list's menu pops up from the panes around it. */
  panes = gtk_widget_get_ancestor (s.column_view, GTK_TYPE_PANED);

  /* A right click on the Protocol cell of the DNS query selects the row
   * and offers its protocol as the filter. */
  right_click_cell (s.column_view, "3", 4);
  shows = (UiTestTreeFrame) { s.tree, 3 };
  g_assert_true (ui_test_iterate_until (ui_test_tree_shows_frame, &shows));
  menu_item (panes, "Apply as Filter");
  popover = open_popover (s.column_view);
  g_assert_nonnull (popover);
  save_with_popover (GTK_WIDGET (s.window), popover, "context-menu-list.png");
  choose (panes, "Apply as Filter", "Selected");
  bar_text = (UiTestBarText) { s.bar, "dns" };
  g_assert_true (ui_test_iterate_until (ui_test_bar_text_is, &bar_text));
  length = (UiTestModelLength) { s.packets, count_matches ("dns") };
  g_assert_cmpuint (length.n_items, ==, 2);
  g_assert_true (ui_test_iterate_until (ui_test_model_length_is, &length));

  /* The response's Source cell, "… and Selected": joined as Wireshark
   * joins them. */
  ui_test_settle (GTK_WIDGET (s.window));
  right_click_cell (s.column_view, "4", 2);
  shows.number = 4;
  g_assert_true (ui_test_iterate_until (ui_test_tree_shows_frame, &shows));
  choose (panes, "Apply as Filter", "…and Selected");
  bar_text.text = "(dns) && (ip.src == 10.99.0.1)";
  g_assert_true (ui_test_iterate_until (ui_test_bar_text_is, &bar_text));
  length.n_items = count_matches (bar_text.text);
  g_assert_cmpuint (length.n_items, ==, 1);
  g_assert_true (ui_test_iterate_until (ui_test_model_length_is, &length));

  /* Copy ▸ Value copies the clicked cell, Summary as Text the row. */
  ui_test_settle (GTK_WIDGET (s.window));
  right_click_cell (s.column_view, "4", 4);
  choose (panes, "Copy", "Value");
  copied = read_clipboard (GTK_WIDGET (s.window));
  g_assert_cmpstr (copied, ==, "DNS");
  ui_test_settle (GTK_WIDGET (s.window));
  right_click_cell (s.column_view, "4", 4);
  choose (panes, "Copy", "Summary as Text");
  summary = read_clipboard (GTK_WIDGET (s.window));
  texts = ui_test_find_row_texts (s.column_view, "4");
  {
    g_autofree char *joined = g_strjoinv ("\t", texts);

    g_assert_cmpstr (summary, ==, joined);
  }

  /* Info has no field to filter on: the items are there, greyed. */
  ui_test_settle (GTK_WIDGET (s.window));
  right_click_cell (s.column_view, "4", 6);
  ui_test_click_center (menu_item (panes, "Apply as Filter"));
  g_assert_false (ui_test_menu_item_sensitive (menu_item (panes, "Selected")));
  gtk_popover_popdown (GTK_POPOVER (open_popover (s.column_view)));
  ui_test_settle (GTK_WIDGET (s.window));

  /* Shift+F10 opens the menu for the selected row, Follow ▸ TCP Stream
   * greyed on a DNS packet. */
  gtk_widget_grab_focus (s.column_view);
  ui_test_press_key ("shift+F10");
  ui_test_click_center (menu_item (panes, "Follow"));
  g_assert_false (ui_test_menu_item_sensitive (menu_item (panes, "TCP Stream")));
  gtk_popover_popdown (GTK_POPOVER (open_popover (s.column_view)));

  ui_test_stop_application (s.app);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  ui_test_ignore_environment_warnings ();

  /* The checks name this capture's addresses and frames. */
  if (g_file_test (UI_SAMPLE_PCAP, G_FILE_TEST_IS_REGULAR))
    sample_path = g_strdup (UI_SAMPLE_PCAP);

  g_test_add_func ("/remora/ui/context-menus/tree", test_tree_menu);
  g_test_add_func ("/remora/ui/context-menus/list", test_list_menu);
  return g_test_run ();
}
