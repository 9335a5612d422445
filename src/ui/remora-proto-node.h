/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "remora-capture-document.h"
#include "remora-packet.h"

G_BEGIN_DECLS

#define REMORA_TYPE_PROTO_NODE (remora_proto_node_get_type ())

G_DECLARE_FINAL_TYPE (RemoraProtoNode, remora_proto_node, REMORA, PROTO_NODE, GObject)

RemoraProtoNode      *remora_proto_node_new           (RemoraPacketSnapshot *snapshot,
                                                       RemoraItem            item);
RemoraPacketSnapshot *remora_proto_node_get_snapshot  (RemoraProtoNode      *self);
RemoraItem            remora_proto_node_get_item      (RemoraProtoNode      *self);
const RemoraNode     *remora_proto_node_get_node      (RemoraProtoNode      *self);
/* The tree line as Wireshark shows it, valid UTF-8. */
const char           *remora_proto_node_get_label     (RemoraProtoNode      *self);
/* The node's shown children as a GListModel of RemoraProtoNode, or NULL
 * when it has none (the tree then draws no expander). */
GListModel           *remora_proto_node_list_children (RemoraProtoNode      *self);
/* Where expansion is remembered: the field ids from the top-level node
 * down to this one ("412/433"), the same in every packet for the same
 * place in a protocol's tree. */
char                 *remora_proto_node_dup_path_key  (RemoraProtoNode      *self);

/* The snapshot's shown top-level nodes. */
GListModel           *remora_proto_nodes_list_roots   (RemoraPacketSnapshot *snapshot);
/* Hidden nodes (ip.addr) and everything under them stay out of the tree. */
gboolean              remora_proto_nodes_is_shown     (const RemoraPacket   *pkt,
                                                       RemoraItem            item);
/* Position of ITEM among its parent's shown children. */
guint                 remora_proto_nodes_get_index    (const RemoraPacket   *pkt,
                                                       RemoraItem            item);
/* The deepest shown node whose bytes in data source SOURCE cover OFFSET,
 * or 0. */
RemoraItem            remora_proto_nodes_find_at      (const RemoraPacket   *pkt,
                                                       guint                 source,
                                                       guint32               offset);
/* ITEM itself when it is a protocol, else its nearest protocol ancestor,
 * else its top-level ancestor. */
RemoraItem            remora_proto_nodes_get_protocol (const RemoraPacket   *pkt,
                                                       RemoraItem            item);

G_END_DECLS
