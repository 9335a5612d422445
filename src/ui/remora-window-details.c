/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-window"

#include "config.h"

#include "remora-window-private.h"

#include <glib/gi18n.h>

/* The panes under the packet list, for the selected packet only:
 *
 *   selected row -> remora_capture_document_dissect_frame -> RemoraPacketSnapshot
 *     -> RemoraProtoTree        its tree (remora-proto-tree.c has the model stack)
 *     -> GtkNotebook            one page per data source: the frame, then any
 *          -> RemoraHexView     reassembled or decompressed buffer
 *
 * A tree selection highlights its bytes (and its protocol's, lightly) on
 * its data source's page; a click on a byte selects the deepest line that
 * covers it.
 */

static RemoraHexView *
bytes_page_view (RemoraWindow *self,
                 guint         page)
{
  GtkWidget *scroller = gtk_notebook_get_nth_page (self->bytes_notebook, (int) page);

  return REMORA_HEX_VIEW (gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller)));
}

static void
on_byte_activated (RemoraHexView *view,
                   guint          offset,
                   RemoraWindow  *self)
{
  int page = gtk_notebook_page_num (self->bytes_notebook,
                                    gtk_widget_get_parent (GTK_WIDGET (view)));
  RemoraItem item;

  if (self->snapshot == NULL || page < 0)
    return;
  item = remora_proto_nodes_find_at (remora_packet_snapshot_get_packet (self->snapshot),
                                     (guint) page, offset);
  if (item != 0)
    remora_proto_tree_select_item (self->proto_tree, item);
}

static GBytes *
source_bytes (RemoraPacketSnapshot *snapshot,
              guint                 index)
{
  const RemoraDataSource *source = &remora_packet_snapshot_get_packet (snapshot)->sources[index];

  /* The bytes live in the frame store or the packet's scratch memory:
   * the snapshot keeps both. */
  return g_bytes_new_with_free_func (source->data, source->length,
                                     (GDestroyNotify) remora_packet_snapshot_unref,
                                     remora_packet_snapshot_ref (snapshot));
}

static char *
source_title (RemoraPacketSnapshot *snapshot,
              guint                 index)
{
  const RemoraDataSource *source = &remora_packet_snapshot_get_packet (snapshot)->sources[index];

  if (index > 0 && source->name != NULL)
    return g_utf8_make_valid (source->name, -1);
  if (index > 0)
    return g_strdup_printf (ngettext ("Data (%u byte)", "Data (%u bytes)", source->length),
                            source->length);
  return g_strdup_printf (ngettext ("Frame (%u byte)", "Frame (%u bytes)", source->length),
                          source->length);
}

static void
update_bytes_pages (RemoraWindow *self)
{
  guint n_sources = 0;

  if (self->snapshot != NULL)
    n_sources = MIN (remora_packet_snapshot_get_packet (self->snapshot)->n_sources,
                     REMORA_MAX_SOURCES);

  while ((guint) gtk_notebook_get_n_pages (self->bytes_notebook) > n_sources)
    gtk_notebook_remove_page (self->bytes_notebook, -1);
  while ((guint) gtk_notebook_get_n_pages (self->bytes_notebook) < n_sources)
    {
      GtkWidget *scroller = gtk_scrolled_window_new ();
      GtkWidget *view = remora_hex_view_new ();

      g_signal_connect (view, "byte-activated", G_CALLBACK (on_byte_activated), self);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
      gtk_notebook_append_page (self->bytes_notebook, scroller, gtk_label_new (NULL));
    }

  for (guint i = 0; i < n_sources; i++)
    {
      g_autoptr(GBytes) bytes = source_bytes (self->snapshot, i);
      g_autofree char *title = source_title (self->snapshot, i);
      GtkWidget *scroller = gtk_notebook_get_nth_page (self->bytes_notebook, (int) i);

      remora_hex_view_set_bytes (bytes_page_view (self, i), bytes);
      gtk_notebook_set_tab_label_text (self->bytes_notebook, scroller, title);
    }

  /* A frame without reassembled data needs no tabs, as in Wireshark. */
  gtk_notebook_set_show_tabs (self->bytes_notebook, n_sources > 1);
  if (n_sources > 0)
    gtk_notebook_set_current_page (self->bytes_notebook, 0);
}

static void
on_selected_node_changed (RemoraWindow    *self,
                          GParamSpec      *pspec,
                          RemoraProtoTree *tree)
{
  RemoraProtoNode *node = remora_proto_tree_get_selected_node (tree);
  guint n_pages = (guint) gtk_notebook_get_n_pages (self->bytes_notebook);
  const RemoraPacket *pkt;
  const RemoraNode *rnode;
  const RemoraNode *proto;
  RemoraHexView *view;

  for (guint i = 0; i < n_pages; i++)
    {
      remora_hex_view_set_selection (bytes_page_view (self, i), 0, 0);
      remora_hex_view_set_context (bytes_page_view (self, i), 0, 0);
    }
  if (node == NULL || remora_proto_node_get_snapshot (node) != self->snapshot)
    return;

  pkt = remora_packet_snapshot_get_packet (self->snapshot);
  rnode = remora_proto_node_get_node (node);
  if (rnode->source >= n_pages)
    return;

  gtk_notebook_set_current_page (self->bytes_notebook, rnode->source);
  view = bytes_page_view (self, rnode->source);
  proto = remora_packet_get_node (pkt, remora_proto_nodes_get_protocol (pkt, remora_proto_node_get_item (node)));
  if (proto->source == rnode->source)
    remora_hex_view_set_context (view, proto->start, proto->length);
  remora_hex_view_set_selection (view, rnode->start, rnode->length);
}

void
_remora_window_details_show_frame (RemoraWindow *self,
                                   guint         number)
{
  g_autoptr(RemoraPacketSnapshot) snapshot = NULL;
  guint prev_displayed = 0;

  g_assert (REMORA_IS_WINDOW (self));

  if (number != 0 && (self->document == NULL ||
                      number > remora_capture_document_get_n_frames (self->document)))
    number = 0;

  /* frame.time_delta_displayed counts from the frame displayed before,
   * whatever the filter let through, in capture order even when the
   * list is sorted. */
  if (number != 0 && remora_filtered_packet_list_find_frame (self->packet_list, number) != G_MAXUINT)
    prev_displayed = remora_filtered_packet_list_get_displayed_before (self->packet_list, number);

  if (number == 0 && self->snapshot == NULL)
    return;
  if (number != 0 && self->snapshot != NULL &&
      remora_packet_snapshot_get_number (self->snapshot) == number &&
      remora_packet_snapshot_get_document (self->snapshot) == self->document &&
      self->snapshot_prev_displayed == prev_displayed)
    return;

  if (number != 0)
    snapshot = remora_capture_document_dissect_frame (self->document, number, prev_displayed);

  g_clear_pointer (&self->snapshot, remora_packet_snapshot_unref);
  self->snapshot = g_steal_pointer (&snapshot);
  self->snapshot_prev_displayed = prev_displayed;

  /* Pages first: the tree's selection change lands on them. */
  update_bytes_pages (self);
  remora_proto_tree_set_snapshot (self->proto_tree, self->snapshot);
  _remora_window_actions_update (self);
}

/* ---- keyboard ---- */

/* Tab and Shift+Tab go from pane to pane (list, tree, bytes), as in
 * Wireshark; inside the lists GTK would otherwise step from row to row. */
static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                RemoraWindow          *self)
{
  GtkWidget *panes[] = {
    GTK_WIDGET (self->column_view),
    GTK_WIDGET (self->proto_tree),
    GTK_WIDGET (self->bytes_notebook),
  };
  GdkModifierType mods = state & gtk_accelerator_get_default_mod_mask ();
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  gboolean backward;
  int current = -1;

  if (keyval != GDK_KEY_Tab && keyval != GDK_KEY_KP_Tab && keyval != GDK_KEY_ISO_Left_Tab)
    return FALSE;
  if ((mods & ~GDK_SHIFT_MASK) != 0 || focus == NULL)
    return FALSE;
  backward = keyval == GDK_KEY_ISO_Left_Tab || (mods & GDK_SHIFT_MASK) != 0;

  for (guint i = 0; i < G_N_ELEMENTS (panes); i++)
    if (focus == panes[i] || gtk_widget_is_ancestor (focus, panes[i]))
      current = (int) i;
  if (current < 0)
    return FALSE;

  for (guint step = 1; step < G_N_ELEMENTS (panes); step++)
    {
      int next = (current + (backward ? -(int) step : (int) step) + (int) G_N_ELEMENTS (panes)) %
                 (int) G_N_ELEMENTS (panes);
      GtkWidget *target = panes[next];

      if (target == GTK_WIDGET (self->bytes_notebook))
        {
          int page = gtk_notebook_get_current_page (self->bytes_notebook);

          if (page < 0)
            continue;
          target = GTK_WIDGET (bytes_page_view (self, (guint) page));
        }
      if (gtk_widget_is_visible (target) && gtk_widget_grab_focus (target))
        return TRUE;
    }
  return TRUE;
}

void
_remora_window_details_class_init (GtkWidgetClass *widget_class)
{
  g_type_ensure (REMORA_TYPE_PROTO_TREE);
  g_type_ensure (REMORA_TYPE_HEX_VIEW);

  gtk_widget_class_bind_template_child (widget_class, RemoraWindow, main_paned);
  gtk_widget_class_bind_template_child (widget_class, RemoraWindow, details_paned);
  gtk_widget_class_bind_template_child (widget_class, RemoraWindow, proto_tree);
  gtk_widget_class_bind_template_child (widget_class, RemoraWindow, bytes_notebook);
}

void
_remora_window_details_init (RemoraWindow *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  g_signal_connect_object (self->proto_tree, "notify::selected-node",
                           G_CALLBACK (on_selected_node_changed), self,
                           G_CONNECT_SWAPPED);
}

void
_remora_window_details_dispose (RemoraWindow *self)
{
  g_clear_pointer (&self->snapshot, remora_packet_snapshot_unref);
}
