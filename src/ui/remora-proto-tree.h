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

G_END_DECLS
