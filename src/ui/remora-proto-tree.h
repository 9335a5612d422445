/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "remora-capture-document.h"
#include "remora-proto-node.h"

G_BEGIN_DECLS

#define REMORA_TYPE_PROTO_TREE (remora_proto_tree_get_type ())

G_DECLARE_FINAL_TYPE (RemoraProtoTree, remora_proto_tree, REMORA, PROTO_TREE, GtkWidget)

GtkWidget            *remora_proto_tree_new               (void);
/* Shows SNAPSHOT's tree (NULL: nothing), expanded where the user last
 * expanded the same place of each protocol's tree. */
void                  remora_proto_tree_set_snapshot      (RemoraProtoTree      *self,
                                                           RemoraPacketSnapshot *snapshot);
RemoraPacketSnapshot *remora_proto_tree_get_snapshot      (RemoraProtoTree      *self);
/* The selected line, or NULL. */
RemoraProtoNode      *remora_proto_tree_get_selected_node (RemoraProtoTree      *self);
/* Selects ITEM of the shown snapshot, expanding its ancestors and
 * scrolling it into view; FALSE when the tree does not show it. */
gboolean              remora_proto_tree_select_item       (RemoraProtoTree      *self,
                                                           RemoraItem            item);

/* Wireshark's View ▸ Expand Subtrees (the selected line and everything
 * under it), Collapse Subtrees, Expand All and Collapse All; the lines
 * opened are remembered as if opened by hand. */
void                  remora_proto_tree_expand_subtrees   (RemoraProtoTree      *self);
void                  remora_proto_tree_collapse_subtrees (RemoraProtoTree      *self);
void                  remora_proto_tree_expand_all        (RemoraProtoTree      *self);
void                  remora_proto_tree_collapse_all      (RemoraProtoTree      *self);
/* Selects the line at (X, Y) in the tree's coordinates (a right click);
 * FALSE when there is none. */
gboolean              remora_proto_tree_select_at         (RemoraProtoTree      *self,
                                                           double                x,
                                                           double                y);

G_END_DECLS
