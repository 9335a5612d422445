/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-proto-tree"

#include "config.h"

#include "remora-proto-tree.h"

#include <string.h>

/* The protocol tree's model stack, rebuilt for each selected packet:
 *
 *   RemoraPacketSnapshot     one frame dissected in tree mode
 *     -> GListStore          the shown top-level RemoraProtoNode items
 *     -> GtkTreeListModel    create_func: the node's shown children or NULL
 *     -> GtkSingleSelection  the selected line (lives as long as the widget)
 *     -> GtkListView         GtkTreeExpander + GtkLabel, bound in bind
 *
 * Children models are made when a line is expanded, so a packet costs only
 * the lines a person opens.
 */

struct _RemoraProtoTree
{
  GtkWidget             parent_instance;

  GtkWidget            *scroller;
  GtkListView          *list_view;
  GtkSingleSelection   *selection;
  GtkTreeListModel     *tree_model;

  RemoraPacketSnapshot *snapshot;
  RemoraProtoNode      *selected;

  /* Path keys (remora_proto_node_dup_path_key) of the lines the user has
   * open: carried from packet to packet, as Wireshark does. */
  GHashTable           *expanded;
  /* While code rather than a person changes expansion. */
  guint                 restoring;
};

G_DEFINE_FINAL_TYPE (RemoraProtoTree, remora_proto_tree, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SNAPSHOT,
  PROP_SELECTED_NODE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static GListModel *
create_children (gpointer item,
                 gpointer user_data)
{
  return remora_proto_node_list_children (REMORA_PROTO_NODE (item));
}

static gboolean
row_is_remembered (RemoraProtoTree *self,
                   GtkTreeListRow  *row)
{
  g_autoptr(RemoraProtoNode) node = gtk_tree_list_row_get_item (row);
  g_autofree char *key = NULL;

  if (node == NULL || !gtk_tree_list_row_is_expandable (row))
    return FALSE;
  key = remora_proto_node_dup_path_key (node);
  return g_hash_table_contains (self->expanded, key);
}

/* Opens the remembered lines among the rows from FIRST on, up to the
 * next row no deeper than STOP_DEPTH (-1: to the end).  Expanding a row
 * inserts its children right after it, so one forward pass reaches every
 * level. */
static void
restore_expansion (RemoraProtoTree *self,
                   guint            first,
                   int              stop_depth)
{
  self->restoring++;
  for (guint i = first; i < g_list_model_get_n_items (G_LIST_MODEL (self->tree_model)); i++)
    {
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (self->tree_model, i);

      if (row == NULL || (i > first && (int) gtk_tree_list_row_get_depth (row) <= stop_depth))
        break;
      if (!gtk_tree_list_row_get_expanded (row) && row_is_remembered (self, row))
        gtk_tree_list_row_set_expanded (row, TRUE);
    }
  self->restoring--;
}

static void
remember_row (RemoraProtoTree *self,
              GtkTreeListRow  *row,
              gboolean         expanded)
{
  g_autoptr(RemoraProtoNode) node = gtk_tree_list_row_get_item (row);

  /* A row whose line went away (a collapsed parent, another packet)
   * reports itself collapsed: that is no choice of the user's. */
  if (node == NULL)
    return;
  if (expanded)
    g_hash_table_add (self->expanded, remora_proto_node_dup_path_key (node));
  else
    {
      g_autofree char *key = remora_proto_node_dup_path_key (node);

      g_hash_table_remove (self->expanded, key);
    }
}

static void
on_row_expanded_changed (GtkTreeListRow  *row,
                         GParamSpec      *pspec,
                         RemoraProtoTree *self)
{
  gboolean expanded = gtk_tree_list_row_get_expanded (row);

  if (self->restoring > 0)
    return;
  remember_row (self, row, expanded);
  /* Lines opened inside this one before it was closed open again. */
  if (expanded)
    {
      g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);

      if (item != NULL)
        restore_expansion (self, gtk_tree_list_row_get_position (row),
                           (int) gtk_tree_list_row_get_depth (row));
    }
}

/* ---- rows ---- */

static const char *
expert_class (const char *label)
{
  static const struct {
    const char *prefix;
    const char *css_class;
  } severities[] = {
    { "[Expert Info (Error/", "expert-error" },
    { "[Expert Info (Warning/", "expert-warning" },
    { "[Expert Info (Note/", "expert-note" },
    { "[Expert Info (Chat/", "expert-chat" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (severities); i++)
    if (g_str_has_prefix (label, severities[i].prefix))
      return severities[i].css_class;
  return "expert-warning";
}

static void
row_setup (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           RemoraProtoTree          *self)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "proto-label");
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), label);
  gtk_list_item_set_child (list_item, expander);
}

static void
row_bind (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          RemoraProtoTree          *self)
{
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);
  GtkWidget *expander = gtk_list_item_get_child (list_item);
  GtkWidget *label = gtk_tree_expander_get_child (GTK_TREE_EXPANDER (expander));
  g_autoptr(RemoraProtoNode) node = gtk_tree_list_row_get_item (row);
  const RemoraNode *rnode = remora_proto_node_get_node (node);
  const char *text = remora_proto_node_get_label (node);

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), row);
  gtk_label_set_text (GTK_LABEL (label), text);

  if (rnode->flags & (REMORA_NODE_MALFORMED | REMORA_NODE_TRUNCATED))
    gtk_widget_add_css_class (label, "malformed");
  else if (rnode->flags & REMORA_NODE_EXPERT)
    gtk_widget_add_css_class (label, expert_class (text));

  g_signal_connect (row, "notify::expanded", G_CALLBACK (on_row_expanded_changed), self);
}

static void
row_unbind (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            RemoraProtoTree          *self)
{
  static const char *classes[] = {
    "malformed", "expert-error", "expert-warning", "expert-note", "expert-chat",
  };
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);
  GtkWidget *expander = gtk_list_item_get_child (list_item);
  GtkWidget *label = gtk_tree_expander_get_child (GTK_TREE_EXPANDER (expander));

  if (row != NULL)
    g_signal_handlers_disconnect_by_func (row, on_row_expanded_changed, self);
  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), NULL);
  gtk_label_set_text (GTK_LABEL (label), NULL);
  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (label, classes[i]);
}

/* Enter or a double click opens and closes a line, as in Wireshark. */
static void
on_activate (GtkListView     *list_view,
             guint            position,
             RemoraProtoTree *self)
{
  g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (self->tree_model, position);

  if (row != NULL && gtk_tree_list_row_is_expandable (row))
    gtk_tree_list_row_set_expanded (row, !gtk_tree_list_row_get_expanded (row));
}

static GtkTreeListRow *
dup_selected_row (RemoraProtoTree *self)
{
  gpointer item = gtk_single_selection_get_selected_item (self->selection);

  return item != NULL ? g_object_ref (item) : NULL;
}

static void
select_position (RemoraProtoTree *self,
                 guint            position)
{
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
}

/* Right opens the line or steps into it, Left closes it or steps out: the
 * tree keys of every file manager and of Wireshark. */
static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                RemoraProtoTree       *self)
{
  g_autoptr(GtkTreeListRow) row = NULL;
  gboolean right = keyval == GDK_KEY_Right || keyval == GDK_KEY_KP_Right;
  gboolean left = keyval == GDK_KEY_Left || keyval == GDK_KEY_KP_Left;

  if ((!right && !left) || (state & gtk_accelerator_get_default_mod_mask ()) != 0)
    return FALSE;
  row = dup_selected_row (self);
  if (row == NULL)
    return FALSE;

  if (right && gtk_tree_list_row_is_expandable (row))
    {
      if (!gtk_tree_list_row_get_expanded (row))
        gtk_tree_list_row_set_expanded (row, TRUE);
      else
        select_position (self, gtk_tree_list_row_get_position (row) + 1);
      return TRUE;
    }
  if (left)
    {
      g_autoptr(GtkTreeListRow) parent = NULL;

      if (gtk_tree_list_row_get_expanded (row))
        {
          gtk_tree_list_row_set_expanded (row, FALSE);
          return TRUE;
        }
      parent = gtk_tree_list_row_get_parent (row);
      if (parent != NULL)
        {
          select_position (self, gtk_tree_list_row_get_position (parent));
          return TRUE;
        }
    }
  return FALSE;
}

static void
on_selected_item_changed (RemoraProtoTree    *self,
                          GParamSpec         *pspec,
                          GtkSingleSelection *selection)
{
  g_autoptr(GtkTreeListRow) row = dup_selected_row (self);
  g_autoptr(RemoraProtoNode) node = row != NULL ? gtk_tree_list_row_get_item (row) : NULL;

  if (g_set_object (&self->selected, node))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SELECTED_NODE]);
}

/* Focus goes to the lines, where the keys work. */
static gboolean
remora_proto_tree_grab_focus (GtkWidget *widget)
{
  RemoraProtoTree *self = REMORA_PROTO_TREE (widget);

  return gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

/* ---- public ---- */

GtkWidget *
remora_proto_tree_new (void)
{
  return g_object_new (REMORA_TYPE_PROTO_TREE, NULL);
}

void
remora_proto_tree_set_snapshot (RemoraProtoTree      *self,
                                RemoraPacketSnapshot *snapshot)
{
  g_autoptr(GListModel) roots = NULL;

  g_return_if_fail (REMORA_IS_PROTO_TREE (self));

  if (snapshot == self->snapshot)
    return;

  g_clear_pointer (&self->snapshot, remora_packet_snapshot_unref);
  if (snapshot != NULL)
    {
      self->snapshot = remora_packet_snapshot_ref (snapshot);
      roots = remora_proto_nodes_list_roots (snapshot);
    }
  if (roots == NULL)
    roots = G_LIST_MODEL (g_list_store_new (REMORA_TYPE_PROTO_NODE));

  /* The old rows report themselves collapsed as they go: not the user's doing. */
  self->restoring++;
  g_clear_object (&self->tree_model);
  self->tree_model = gtk_tree_list_model_new (g_steal_pointer (&roots), FALSE, FALSE,
                                              create_children, NULL, NULL);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->tree_model));
  self->restoring--;

  restore_expansion (self, 0, -1);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->tree_model)) > 0)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SNAPSHOT]);
}

RemoraPacketSnapshot *
remora_proto_tree_get_snapshot (RemoraProtoTree *self)
{
  g_return_val_if_fail (REMORA_IS_PROTO_TREE (self), NULL);

  return self->snapshot;
}

RemoraProtoNode *
remora_proto_tree_get_selected_node (RemoraProtoTree *self)
{
  g_return_val_if_fail (REMORA_IS_PROTO_TREE (self), NULL);

  return self->selected;
}

gboolean
remora_proto_tree_select_item (RemoraProtoTree *self,
                               RemoraItem       item)
{
  const RemoraPacket *pkt;
  g_autoptr(GArray) chain = NULL;
  g_autoptr(GtkTreeListRow) row = NULL;

  g_return_val_if_fail (REMORA_IS_PROTO_TREE (self), FALSE);

  if (self->snapshot == NULL || item == 0)
    return FALSE;
  pkt = remora_packet_snapshot_get_packet (self->snapshot);
  if (item > remora_packet_get_n_nodes (pkt) || !remora_proto_nodes_is_shown (pkt, item))
    return FALSE;

  chain = g_array_new (FALSE, FALSE, sizeof (RemoraItem));
  for (RemoraItem it = item; it != 0; it = remora_packet_get_node (pkt, it)->parent)
    g_array_prepend_val (chain, it);

  for (guint i = 0; i < chain->len; i++)
    {
      guint index = remora_proto_nodes_get_index (pkt, g_array_index (chain, RemoraItem, i));
      GtkTreeListRow *child;

      if (row == NULL)
        child = gtk_tree_list_model_get_child_row (self->tree_model, index);
      else
        child = gtk_tree_list_row_get_child_row (row, index);
      g_clear_object (&row);
      row = child;
      if (row == NULL)
        return FALSE;
      /* Ancestors opened to show the line stay open, as if opened by hand. */
      if (i + 1 < chain->len && !gtk_tree_list_row_get_expanded (row))
        {
          gtk_tree_list_row_set_expanded (row, TRUE);
          remember_row (self, row, TRUE);
        }
    }

  select_position (self, gtk_tree_list_row_get_position (row));
  return TRUE;
}

/* ---- expanding and collapsing many lines at once ---- */

/* Opens every expandable row from FIRST on up to the next row no deeper
 * than STOP_DEPTH (-1: to the end), and remembers them open. */
static void
expand_rows (RemoraProtoTree *self,
             guint            first,
             int              stop_depth)
{
  self->restoring++;
  for (guint i = first; i < g_list_model_get_n_items (G_LIST_MODEL (self->tree_model)); i++)
    {
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (self->tree_model, i);

      if (row == NULL || (i > first && (int) gtk_tree_list_row_get_depth (row) <= stop_depth))
        break;
      if (gtk_tree_list_row_is_expandable (row))
        {
          gtk_tree_list_row_set_expanded (row, TRUE);
          remember_row (self, row, TRUE);
        }
    }
  self->restoring--;
}

/* Forgets that the lines under KEY were open, shown or not. */
static void
forget_below (RemoraProtoTree *self,
              const char      *key)
{
  g_autofree char *prefix = g_strconcat (key, "/", NULL);
  GHashTableIter iter;
  const char *remembered;

  g_hash_table_iter_init (&iter, self->expanded);
  while (g_hash_table_iter_next (&iter, (gpointer *) &remembered, NULL))
    if (g_str_has_prefix (remembered, prefix))
      g_hash_table_iter_remove (&iter);
}

void
remora_proto_tree_expand_subtrees (RemoraProtoTree *self)
{
  g_autoptr(GtkTreeListRow) row = NULL;

  g_return_if_fail (REMORA_IS_PROTO_TREE (self));

  row = dup_selected_row (self);
  if (row == NULL || !gtk_tree_list_row_is_expandable (row))
    return;
  expand_rows (self, gtk_tree_list_row_get_position (row), (int) gtk_tree_list_row_get_depth (row));
}

void
remora_proto_tree_collapse_subtrees (RemoraProtoTree *self)
{
  g_autoptr(GtkTreeListRow) row = NULL;
  g_autoptr(RemoraProtoNode) node = NULL;
  g_autofree char *key = NULL;

  g_return_if_fail (REMORA_IS_PROTO_TREE (self));

  row = dup_selected_row (self);
  if (row == NULL || !gtk_tree_list_row_is_expandable (row))
    return;
  node = gtk_tree_list_row_get_item (row);
  key = remora_proto_node_dup_path_key (node);
  self->restoring++;
  gtk_tree_list_row_set_expanded (row, FALSE);
  self->restoring--;
  g_hash_table_remove (self->expanded, key);
  forget_below (self, key);
}

void
remora_proto_tree_expand_all (RemoraProtoTree *self)
{
  g_return_if_fail (REMORA_IS_PROTO_TREE (self));

  expand_rows (self, 0, -1);
}

void
remora_proto_tree_collapse_all (RemoraProtoTree *self)
{
  guint n;

  g_return_if_fail (REMORA_IS_PROTO_TREE (self));

  /* From the last row up, so that each row collapses before its parent
   * takes it out of the model. */
  self->restoring++;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->tree_model));
  for (guint i = n; i > 0; i--)
    {
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (self->tree_model, i - 1);

      if (row != NULL && gtk_tree_list_row_get_expanded (row))
        gtk_tree_list_row_set_expanded (row, FALSE);
    }
  self->restoring--;
  g_hash_table_remove_all (self->expanded);
}

gboolean
remora_proto_tree_select_at (RemoraProtoTree *self,
                             double           x,
                             double           y)
{
  GtkWidget *picked;

  g_return_val_if_fail (REMORA_IS_PROTO_TREE (self), FALSE);

  picked = gtk_widget_pick (GTK_WIDGET (self), x, y, GTK_PICK_DEFAULT);
  for (; picked != NULL && picked != GTK_WIDGET (self); picked = gtk_widget_get_parent (picked))
    if (GTK_IS_TREE_EXPANDER (picked))
      {
        GtkTreeListRow *row = gtk_tree_expander_get_list_row (GTK_TREE_EXPANDER (picked));

        if (row == NULL)
          return FALSE;
        gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection),
                                         gtk_tree_list_row_get_position (row), TRUE);
        return TRUE;
      }
  return FALSE;
}

/* ---- object ---- */

static void
remora_proto_tree_dispose (GObject *object)
{
  RemoraProtoTree *self = REMORA_PROTO_TREE (object);

  self->restoring++;
  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  g_clear_object (&self->selection);
  g_clear_object (&self->tree_model);
  g_clear_object (&self->selected);
  g_clear_pointer (&self->snapshot, remora_packet_snapshot_unref);

  G_OBJECT_CLASS (remora_proto_tree_parent_class)->dispose (object);
}

static void
remora_proto_tree_finalize (GObject *object)
{
  RemoraProtoTree *self = REMORA_PROTO_TREE (object);

  g_hash_table_unref (self->expanded);

  G_OBJECT_CLASS (remora_proto_tree_parent_class)->finalize (object);
}

static void
remora_proto_tree_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  RemoraProtoTree *self = REMORA_PROTO_TREE (object);

  switch (prop_id)
    {
    case PROP_SNAPSHOT:
      g_value_set_boxed (value, self->snapshot);
      break;

    case PROP_SELECTED_NODE:
      g_value_set_object (value, self->selected);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remora_proto_tree_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  RemoraProtoTree *self = REMORA_PROTO_TREE (object);

  switch (prop_id)
    {
    case PROP_SNAPSHOT:
      remora_proto_tree_set_snapshot (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remora_proto_tree_class_init (RemoraProtoTreeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = remora_proto_tree_dispose;
  object_class->finalize = remora_proto_tree_finalize;
  object_class->get_property = remora_proto_tree_get_property;
  object_class->set_property = remora_proto_tree_set_property;

  properties [PROP_SNAPSHOT] =
    g_param_spec_boxed ("snapshot", NULL, NULL,
                        REMORA_TYPE_PACKET_SNAPSHOT,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  properties [PROP_SELECTED_NODE] =
    g_param_spec_object ("selected-node", NULL, NULL,
                         REMORA_TYPE_PROTO_NODE,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  widget_class->grab_focus = remora_proto_tree_grab_focus;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "prototree");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
remora_proto_tree_init (RemoraProtoTree *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkEventController *keys;

  self->expanded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  self->tree_model = gtk_tree_list_model_new (G_LIST_MODEL (g_list_store_new (REMORA_TYPE_PROTO_NODE)),
                                              FALSE, FALSE, create_children, NULL, NULL);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->tree_model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (on_selected_item_changed), self, G_CONNECT_SWAPPED);

  g_signal_connect (factory, "setup", G_CALLBACK (row_setup), self);
  g_signal_connect (factory, "bind", G_CALLBACK (row_bind), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (row_unbind), self);

  self->list_view = GTK_LIST_VIEW (gtk_list_view_new (GTK_SELECTION_MODEL (g_object_ref (self->selection)),
                                                      g_steal_pointer (&factory)));
  gtk_widget_add_css_class (GTK_WIDGET (self->list_view), "proto-tree");
  g_signal_connect (self->list_view, "activate", G_CALLBACK (on_activate), self);

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), keys);

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), GTK_WIDGET (self->list_view));
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));
}
