/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-window"

#include "config.h"

#include "remora-window-private.h"

#include <glib/gi18n.h>

#include "remora-node-filter.h"
#include "remora-packet-row.h"

/* The context menus of the packet list and the protocol tree, and the
 * "as filter" and copy commands behind them and behind Analyze ▸ Apply /
 * Prepare as Filter and Edit ▸ Copy:
 *
 *   right click, Menu or Shift+F10 on a row   -> list_menu: the "cell" actions,
 *                                                for the selected row and the
 *                                                column clicked (menu_column)
 *   right click, Menu or Shift+F10 on a line  -> tree_menu: the "selected" actions,
 *                                                as in the main menu
 *
 * A right click selects what it lands on first, as in Wireshark.  Both
 * menus are made once; what their items can do now shows as enabled
 * actions (a popover menu given a new model keeps its old height). */

G_STATIC_ASSERT ((int) REMORA_SUMMARY_NUMBER == (int) REMORA_COLUMN_NUMBER);
G_STATIC_ASSERT ((int) REMORA_SUMMARY_INFO == (int) REMORA_COLUMN_INFO);
G_STATIC_ASSERT ((int) REMORA_N_SUMMARY_COLUMNS == (int) REMORA_N_COLUMNS);

#define CELL_COLUMN_KEY "remora-column"
#define CELL_FRAME_KEY  "remora-frame"

static const char *const action_labels[REMORA_N_FILTER_ACTIONS] = {
  [REMORA_FILTER_ACTION_SELECTED]         = N_("_Selected"),
  [REMORA_FILTER_ACTION_NOT_SELECTED]     = N_("_Not Selected"),
  [REMORA_FILTER_ACTION_AND_SELECTED]     = N_("…_and Selected"),
  [REMORA_FILTER_ACTION_OR_SELECTED]      = N_("…_or Selected"),
  [REMORA_FILTER_ACTION_AND_NOT_SELECTED] = N_("…a_nd not Selected"),
  [REMORA_FILTER_ACTION_OR_NOT_SELECTED]  = N_("…o_r not Selected"),
};

/* ---- the selected tree line ---- */

static const RemoraPacket *
selected_line (RemoraWindow *self,
               RemoraItem   *item)
{
  RemoraProtoNode *node = remora_proto_tree_get_selected_node (self->proto_tree);

  if (node == NULL || remora_proto_node_get_snapshot (node) == NULL)
    return NULL;
  *item = remora_proto_node_get_item (node);
  return remora_packet_snapshot_get_packet (remora_proto_node_get_snapshot (node));
}

static char *
selected_line_filter (RemoraWindow *self)
{
  RemoraItem item = 0;
  const RemoraPacket *pkt = selected_line (self, &item);

  return pkt != NULL ? remora_node_filter_build (pkt, item) : NULL;
}

/* ---- doing it ---- */

static void
use_filter (RemoraWindow       *self,
            RemoraFilterAction  action,
            const char         *filter,
            gboolean            apply)
{
  g_autofree char *text = NULL;

  if (filter == NULL || filter[0] == '\0' || action >= REMORA_N_FILTER_ACTIONS)
    return;
  text = remora_filter_combine (remora_filter_bar_get_text (self->filter_bar), filter, action);
  remora_filter_bar_set_text (self->filter_bar, text);
  /* Applied as if typed and Enter pressed; prepared, it waits there for
   * Enter, as in Wireshark. */
  if (apply)
    remora_filter_bar_apply (self->filter_bar);
  else
    {
      GtkWidget *entry = GTK_WIDGET (remora_filter_bar_get_entry (self->filter_bar));

      /* Ready to be edited further: the cursor at the end, nothing selected. */
      gtk_widget_grab_focus (entry);
      gtk_editable_set_position (GTK_EDITABLE (entry), -1);
    }
}

static void
copy_text (RemoraWindow *self,
           const char   *text)
{
  if (text != NULL)
    gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
}

/* (u action, s filter): for a window that has a filter of its own to
 * offer (a conversation, an expert note) rather than a selected line. */
static void
as_filter_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  guint32 action;
  const char *filter;

  g_variant_get (param, "(u&s)", &action, &filter);
  use_filter (REMORA_WINDOW (widget), action, filter, g_str_equal (action_name, "win.apply-as-filter"));
}

/* u action: the selected tree line's filter. */
static void
selected_as_filter_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  RemoraWindow *self = REMORA_WINDOW (widget);
  g_autofree char *filter = selected_line_filter (self);

  use_filter (self, g_variant_get_uint32 (param), filter,
              g_str_equal (action_name, "win.apply-selected-as-filter"));
}

static void
copy_selected_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  RemoraWindow *self = REMORA_WINDOW (widget);
  RemoraItem item = 0;
  const RemoraPacket *pkt = selected_line (self, &item);
  g_autofree char *text = NULL;

  if (pkt == NULL)
    return;
  if (g_str_equal (action_name, "win.copy-value"))
    text = remora_node_filter_copy_value (pkt, item);
  else if (g_str_equal (action_name, "win.copy-as-filter"))
    text = remora_node_filter_build (pkt, item);
  else if (g_str_equal (action_name, "win.copy-field-name"))
    {
      const RemoraNode *node = remora_packet_get_node (pkt, item);
      const RemoraFieldInfo *info = node->field >= 0 ? remora_field_get (node->field) : NULL;

      text = info != NULL ? g_strdup (info->abbrev) : NULL;
    }
  else
    text = g_strdup (remora_proto_node_get_label (remora_proto_tree_get_selected_node (self->proto_tree)));
  copy_text (self, text);
}

static void
tree_expansion_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  RemoraWindow *self = REMORA_WINDOW (widget);

  if (g_str_equal (action_name, "win.expand-subtrees"))
    remora_proto_tree_expand_subtrees (self->proto_tree);
  else if (g_str_equal (action_name, "win.collapse-subtrees"))
    remora_proto_tree_collapse_subtrees (self->proto_tree);
  else if (g_str_equal (action_name, "win.expand-all"))
    remora_proto_tree_expand_all (self->proto_tree);
  else
    remora_proto_tree_collapse_all (self->proto_tree);
}

/* ---- the packet list cell the menu was opened on ---- */

static char *
cell_filter (RemoraWindow *self)
{
  if (self->snapshot == NULL || self->menu_column >= REMORA_N_COLUMNS)
    return NULL;
  return remora_column_filter_build (remora_packet_snapshot_get_packet (self->snapshot),
                                     self->menu_column);
}

/* u action: the filter of the cell. */
static void
cell_as_filter_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  RemoraWindow *self = REMORA_WINDOW (widget);
  g_autofree char *filter = cell_filter (self);

  use_filter (self, g_variant_get_uint32 (param), filter,
              g_str_equal (action_name, "win.apply-cell-as-filter"));
}

static void
copy_cell_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  RemoraWindow *self = REMORA_WINDOW (widget);
  RemoraPacketRow *row = gtk_single_selection_get_selected_item (self->selection);
  g_autoptr(GString) text = g_string_new (NULL);

  if (row == NULL)
    return;
  if (g_str_equal (action_name, "win.copy-summary"))
    {
      /* The row's cells, tab-separated, as Wireshark's Summary as Text. */
      for (guint i = 0; i < REMORA_N_COLUMNS; i++)
        g_string_append_printf (text, i > 0 ? "\t%s" : "%s", remora_packet_row_get_text (row, i));
    }
  else if (self->menu_column < REMORA_N_COLUMNS)
    g_string_append (text, remora_packet_row_get_text (row, self->menu_column));
  copy_text (self, text->str);
}

static void
update_cell_actions (RemoraWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  g_autofree char *filter = cell_filter (self);
  gboolean have_row = gtk_single_selection_get_selected_item (self->selection) != NULL;

  gtk_widget_action_set_enabled (widget, "win.apply-cell-as-filter", filter != NULL);
  gtk_widget_action_set_enabled (widget, "win.prepare-cell-as-filter", filter != NULL);
  gtk_widget_action_set_enabled (widget, "win.copy-summary", have_row);
  gtk_widget_action_set_enabled (widget, "win.copy-cell", have_row);
}

/* ---- what can run ---- */

static void
update_actions (RemoraWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  RemoraProtoNode *node = remora_proto_tree_get_selected_node (self->proto_tree);
  g_autofree char *filter = selected_line_filter (self);
  g_autoptr(GListModel) children = node != NULL ? remora_proto_node_list_children (node) : NULL;
  gboolean has_tree = remora_proto_tree_get_snapshot (self->proto_tree) != NULL;

  gtk_widget_action_set_enabled (widget, "win.apply-selected-as-filter", filter != NULL);
  gtk_widget_action_set_enabled (widget, "win.prepare-selected-as-filter", filter != NULL);
  gtk_widget_action_set_enabled (widget, "win.copy-value", filter != NULL);
  gtk_widget_action_set_enabled (widget, "win.copy-as-filter", filter != NULL);
  gtk_widget_action_set_enabled (widget, "win.copy-field-name", filter != NULL);
  gtk_widget_action_set_enabled (widget, "win.copy-description", node != NULL);
  gtk_widget_action_set_enabled (widget, "win.expand-subtrees", children != NULL);
  gtk_widget_action_set_enabled (widget, "win.collapse-subtrees", children != NULL);
  gtk_widget_action_set_enabled (widget, "win.expand-all", has_tree);
  gtk_widget_action_set_enabled (widget, "win.collapse-all", has_tree);
}

static void
on_selected_node_changed (RemoraWindow    *self,
                          GParamSpec      *pspec,
                          RemoraProtoTree *tree)
{
  update_actions (self);
}

/* ---- the menus ---- */

/* Wireshark's six ways to use a filter, as ACTION's target. */
static GMenu *
filter_submenu (const char *action)
{
  GMenu *menu = g_menu_new ();

  for (guint i = 0; i < REMORA_N_FILTER_ACTIONS; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_(action_labels[i]), NULL);

      g_menu_item_set_action_and_target_value (item, action, g_variant_new_uint32 (i));
      g_menu_append_item (menu, item);
    }
  return menu;
}

static void
append_item (GMenu      *menu,
             const char *label,
             const char *action,
             const char *accel)
{
  g_autoptr(GMenuItem) item = g_menu_item_new (label, action);

  if (accel != NULL)
    g_menu_item_set_attribute (item, "accel", "s", accel);
  g_menu_append_item (menu, item);
}

static GMenuModel *
build_tree_menu (void)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) expand = g_menu_new ();
  g_autoptr(GMenu) filters = g_menu_new ();
  g_autoptr(GMenu) apply = filter_submenu ("win.apply-selected-as-filter");
  g_autoptr(GMenu) prepare = filter_submenu ("win.prepare-selected-as-filter");
  g_autoptr(GMenu) copy = g_menu_new ();
  g_autoptr(GMenu) copy_section = g_menu_new ();

  append_item (expand, _("E_xpand Subtrees"), "win.expand-subtrees", "<Shift>Right");
  append_item (expand, _("Collapse Su_btrees"), "win.collapse-subtrees", "<Shift>Left");
  append_item (expand, _("_Expand All"), "win.expand-all", "<Control>Right");
  append_item (expand, _("Collapse _All"), "win.collapse-all", "<Control>Left");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (expand));

  g_menu_append_submenu (filters, _("Apply as Filter"), G_MENU_MODEL (apply));
  g_menu_append_submenu (filters, _("Prepare as Filter"), G_MENU_MODEL (prepare));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (filters));

  append_item (copy, _("_Description"), "win.copy-description", "<Control><Shift>d");
  append_item (copy, _("_Field Name"), "win.copy-field-name", "<Control><Shift>f");
  append_item (copy, _("_Value"), "win.copy-value", "<Control><Shift>v");
  append_item (copy, _("…as _Filter"), "win.copy-as-filter", "<Control><Shift>c");
  g_menu_append_submenu (copy_section, _("Copy"), G_MENU_MODEL (copy));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (copy_section));
  return G_MENU_MODEL (menu);
}

/* The same for every row: the cell it was opened on (menu_column) and the
 * selected row decide what the items do and whether they can. */
static GMenuModel *
build_list_menu (void)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) filters = g_menu_new ();
  g_autoptr(GMenu) apply = filter_submenu ("win.apply-cell-as-filter");
  g_autoptr(GMenu) prepare = filter_submenu ("win.prepare-cell-as-filter");
  g_autoptr(GMenu) follow = g_menu_new ();
  g_autoptr(GMenu) follow_section = g_menu_new ();
  g_autoptr(GMenu) copy = g_menu_new ();
  g_autoptr(GMenu) copy_section = g_menu_new ();

  g_menu_append_submenu (filters, _("Apply as Filter"), G_MENU_MODEL (apply));
  g_menu_append_submenu (filters, _("Prepare as Filter"), G_MENU_MODEL (prepare));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (filters));

  append_item (follow, _("_TCP Stream"), "win.follow-tcp-stream", "<Control><Alt><Shift>t");
  g_menu_append_submenu (follow_section, _("Follow"), G_MENU_MODEL (follow));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (follow_section));

  append_item (copy, _("Summary as _Text"), "win.copy-summary", NULL);
  append_item (copy, _("_Value"), "win.copy-cell", NULL);
  g_menu_append_submenu (copy_section, _("Copy"), G_MENU_MODEL (copy));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (copy_section));
  return G_MENU_MODEL (menu);
}

static void
popup_at (GtkWidget  *popover,
          double      x,
          double      y)
{
  GdkRectangle rect = { (int) x, (int) y, 1, 1 };

  gtk_popover_set_pointing_to (GTK_POPOVER (popover), &rect);
  gtk_popover_popup (GTK_POPOVER (popover));
}

static GtkWidget *
new_context_menu (GMenuModel *model,
                  GtkWidget  *parent)
{
  /* Submenus open beside their item, as a desktop's context menus do. */
  GtkWidget *menu = gtk_popover_menu_new_from_model_full (model, GTK_POPOVER_MENU_NESTED);

  gtk_popover_set_has_arrow (GTK_POPOVER (menu), FALSE);
  gtk_widget_set_halign (menu, GTK_ALIGN_START);
  gtk_widget_set_parent (menu, parent);
  return menu;
}

static void
popup_list_menu (RemoraWindow *self,
                 guint         column,
                 double        x,
                 double        y)
{
  self->menu_column = column;
  update_cell_actions (self);
  popup_at (self->list_menu, x, y);
}

/* The cell under (X, Y) of the packet list, or NULL. */
static GtkWidget *
cell_at (RemoraWindow *self,
         double        x,
         double        y)
{
  GtkWidget *picked = gtk_widget_pick (GTK_WIDGET (self->column_view), x, y, GTK_PICK_DEFAULT);

  for (; picked != NULL && picked != GTK_WIDGET (self->column_view);
       picked = gtk_widget_get_parent (picked))
    if (g_object_get_data (G_OBJECT (picked), CELL_COLUMN_KEY) != NULL)
      return picked;
  return NULL;
}

static void
on_list_pressed (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 RemoraWindow    *self)
{
  GtkWidget *cell = cell_at (self, x, y);
  guint column;
  guint frame;
  guint position;

  if (cell == NULL)
    return;
  column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (cell), CELL_COLUMN_KEY)) - 1;
  frame = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (cell), CELL_FRAME_KEY));
  position = frame != 0 ? remora_filtered_packet_list_find_frame (self->packet_list, frame) : G_MAXUINT;
  if (position == G_MAXUINT)
    return;

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  /* Selecting dissects the row for the panes: its tree gives the filter. */
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
  popup_list_menu (self, column, x, y);
}

static void
on_tree_pressed (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 RemoraWindow    *self)
{
  if (!remora_proto_tree_select_at (self->proto_tree, x, y))
    return;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  gtk_widget_grab_focus (GTK_WIDGET (self->proto_tree));
  popup_at (self->tree_menu, x, y);
}

/* Where a menu opened from the keyboard points: the focused row, else the
 * top left corner of the pane. */
static void
keyboard_point (GtkWidget *pane,
                double    *x,
                double    *y)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (pane));
  graphene_rect_t bounds;

  *x = 12;
  *y = 12;
  if (focus != NULL && gtk_widget_is_ancestor (focus, pane) &&
      gtk_widget_compute_bounds (focus, pane, &bounds))
    {
      *x = bounds.origin.x + 24;
      *y = bounds.origin.y + bounds.size.height / 2;
    }
}

static gboolean
list_menu_key (GtkWidget *widget,
               GVariant  *args,
               gpointer   user_data)
{
  RemoraWindow *self = user_data;
  double x;
  double y;

  if (gtk_single_selection_get_selected_item (self->selection) == NULL)
    return FALSE;
  keyboard_point (GTK_WIDGET (self->column_view), &x, &y);
  popup_list_menu (self, self->menu_column, x, y);
  return TRUE;
}

static gboolean
tree_menu_key (GtkWidget *widget,
               GVariant  *args,
               gpointer   user_data)
{
  RemoraWindow *self = user_data;
  double x;
  double y;

  if (remora_proto_tree_get_selected_node (self->proto_tree) == NULL)
    return FALSE;
  keyboard_point (GTK_WIDGET (self->proto_tree), &x, &y);
  popup_at (self->tree_menu, x, y);
  return TRUE;
}

static void
add_menu_keys (GtkWidget        *pane,
               GtkShortcutFunc   callback,
               RemoraWindow     *self)
{
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_F10, GDK_SHIFT_MASK),
                                                                                       gtk_keyval_trigger_new (GDK_KEY_Menu, 0)),
                                                          gtk_callback_action_new (callback, self, NULL)));
  gtk_widget_add_controller (pane, shortcuts);
}

/* Shift/Ctrl with Left/Right expand and collapse the tree from anywhere
 * but a text field, where they move and select by words.  Before the
 * lists see them: they bind the same keys to moving the cursor. */
static gboolean
on_window_key_pressed (GtkEventControllerKey *controller,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       RemoraWindow          *self)
{
  GdkModifierType mods = state & gtk_accelerator_get_default_mod_mask ();
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  gboolean right = keyval == GDK_KEY_Right || keyval == GDK_KEY_KP_Right;
  gboolean left = keyval == GDK_KEY_Left || keyval == GDK_KEY_KP_Left;
  const char *action = NULL;

  if (!right && !left)
    return FALSE;
  if (focus != NULL && (GTK_IS_TEXT (focus) || GTK_IS_EDITABLE (focus)))
    return FALSE;
  if (mods == GDK_SHIFT_MASK)
    action = right ? "win.expand-subtrees" : "win.collapse-subtrees";
  else if (mods == GDK_CONTROL_MASK)
    action = right ? "win.expand-all" : "win.collapse-all";
  /* Keys whose command cannot run now keep their usual meaning. */
  return action != NULL && gtk_widget_activate_action (GTK_WIDGET (self), action, NULL);
}

/* ---- set up ---- */

void
_remora_window_menus_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.apply-as-filter", "(us)", as_filter_action);
  gtk_widget_class_install_action (widget_class, "win.prepare-as-filter", "(us)", as_filter_action);
  gtk_widget_class_install_action (widget_class, "win.apply-selected-as-filter", "u",
                                   selected_as_filter_action);
  gtk_widget_class_install_action (widget_class, "win.prepare-selected-as-filter", "u",
                                   selected_as_filter_action);
  gtk_widget_class_install_action (widget_class, "win.apply-cell-as-filter", "u", cell_as_filter_action);
  gtk_widget_class_install_action (widget_class, "win.prepare-cell-as-filter", "u", cell_as_filter_action);
  gtk_widget_class_install_action (widget_class, "win.copy-summary", NULL, copy_cell_action);
  gtk_widget_class_install_action (widget_class, "win.copy-cell", NULL, copy_cell_action);

  /* Wireshark's Edit ▸ Copy keys. */
  gtk_widget_class_install_action (widget_class, "win.copy-description", NULL, copy_selected_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_D, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.copy-description", NULL);
  gtk_widget_class_install_action (widget_class, "win.copy-field-name", NULL, copy_selected_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.copy-field-name", NULL);
  gtk_widget_class_install_action (widget_class, "win.copy-value", NULL, copy_selected_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_V, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.copy-value", NULL);
  gtk_widget_class_install_action (widget_class, "win.copy-as-filter", NULL, copy_selected_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_C, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.copy-as-filter", NULL);

  gtk_widget_class_install_action (widget_class, "win.expand-subtrees", NULL, tree_expansion_action);
  gtk_widget_class_install_action (widget_class, "win.collapse-subtrees", NULL, tree_expansion_action);
  gtk_widget_class_install_action (widget_class, "win.expand-all", NULL, tree_expansion_action);
  gtk_widget_class_install_action (widget_class, "win.collapse-all", NULL, tree_expansion_action);
}

void
_remora_window_menus_init (RemoraWindow *self)
{
  g_autoptr(GMenuModel) tree_model = build_tree_menu ();
  g_autoptr(GMenuModel) list_model = build_list_menu ();
  GtkGesture *click;
  GtkEventController *keys;

  self->menu_column = REMORA_COLUMN_PROTOCOL;

  self->list_menu = new_context_menu (list_model, GTK_WIDGET (self->column_view));
  self->tree_menu = new_context_menu (tree_model, GTK_WIDGET (self->proto_tree));

  /* In the capture phase: the rows' own gestures would take the press. */
  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect (click, "pressed", G_CALLBACK (on_list_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), GTK_EVENT_CONTROLLER (click));

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect (click, "pressed", G_CALLBACK (on_tree_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->proto_tree), GTK_EVENT_CONTROLLER (click));

  add_menu_keys (GTK_WIDGET (self->column_view), list_menu_key, self);
  add_menu_keys (GTK_WIDGET (self->proto_tree), tree_menu_key, self);

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_window_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  g_signal_connect_object (self->proto_tree, "notify::selected-node",
                           G_CALLBACK (on_selected_node_changed), self, G_CONNECT_SWAPPED);
  update_actions (self);
  update_cell_actions (self);
}

void
_remora_window_menus_dispose (RemoraWindow *self)
{
  g_clear_pointer (&self->list_menu, gtk_widget_unparent);
  g_clear_pointer (&self->tree_menu, gtk_widget_unparent);
}

void
_remora_window_menus_cell_setup (GtkWidget *cell,
                                 guint      column)
{
  g_object_set_data (G_OBJECT (cell), CELL_COLUMN_KEY, GUINT_TO_POINTER (column + 1));
}

void
_remora_window_menus_cell_bind (GtkWidget *cell,
                                guint      frame)
{
  g_object_set_data (G_OBJECT (cell), CELL_FRAME_KEY, GUINT_TO_POINTER (frame));
}
