/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-proto-node"

#include "config.h"

#include "remora-proto-node.h"

#include "remora-field.h"

/* One line of the protocol tree: a node index into a packet snapshot.  The
 * snapshot owns the nodes; the item only names one and caches its label. */

struct _RemoraProtoNode
{
  GObject               parent_instance;

  RemoraPacketSnapshot *snapshot;
  RemoraItem            item;
  char                 *label;     /* made on first use */
};

G_DEFINE_FINAL_TYPE (RemoraProtoNode, remora_proto_node, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SNAPSHOT,
  PROP_ITEM,
  PROP_LABEL,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* ---- walking the packet's tree ---- */

static gboolean
node_is_hidden (const RemoraPacket *pkt,
                RemoraItem          item)
{
  return (remora_packet_get_node (pkt, item)->flags & REMORA_NODE_HIDDEN) != 0;
}

gboolean
remora_proto_nodes_is_shown (const RemoraPacket *pkt,
                             RemoraItem          item)
{
  g_return_val_if_fail (pkt != NULL, FALSE);

  /* Parents always come before their children, so this ends. */
  for (; item != 0; item = remora_packet_get_node (pkt, item)->parent)
    if (node_is_hidden (pkt, item))
      return FALSE;
  return TRUE;
}

static RemoraItem
first_shown (const RemoraPacket *pkt,
             RemoraItem          item)
{
  while (item != 0 && node_is_hidden (pkt, item))
    item = remora_packet_get_node (pkt, item)->next_sibling;
  return item;
}

static GListModel *
list_siblings (RemoraPacketSnapshot *snapshot,
               RemoraItem            first)
{
  const RemoraPacket *pkt = remora_packet_snapshot_get_packet (snapshot);
  GListStore *store;

  first = first_shown (pkt, first);
  if (first == 0)
    return NULL;

  store = g_list_store_new (REMORA_TYPE_PROTO_NODE);
  for (RemoraItem item = first; item != 0;
       item = first_shown (pkt, remora_packet_get_node (pkt, item)->next_sibling))
    {
      g_autoptr(RemoraProtoNode) node = remora_proto_node_new (snapshot, item);

      g_list_store_append (store, node);
    }
  return G_LIST_MODEL (store);
}

GListModel *
remora_proto_nodes_list_roots (RemoraPacketSnapshot *snapshot)
{
  g_return_val_if_fail (snapshot != NULL, NULL);

  return list_siblings (snapshot,
                        remora_packet_get_first_root (remora_packet_snapshot_get_packet (snapshot)));
}

guint
remora_proto_nodes_get_index (const RemoraPacket *pkt,
                              RemoraItem          item)
{
  const RemoraNode *node;
  RemoraItem sibling;
  guint index = 0;

  g_return_val_if_fail (pkt != NULL, 0);
  g_return_val_if_fail (item != 0, 0);

  node = remora_packet_get_node (pkt, item);
  sibling = node->parent != 0 ? remora_packet_get_node (pkt, node->parent)->first_child
                              : remora_packet_get_first_root (pkt);
  for (; sibling != 0 && sibling != item;
       sibling = remora_packet_get_node (pkt, sibling)->next_sibling)
    if (!node_is_hidden (pkt, sibling))
      index++;
  return index;
}

RemoraItem
remora_proto_nodes_find_at (const RemoraPacket *pkt,
                            guint               source,
                            guint32             offset)
{
  RemoraItem best = 0;
  guint best_depth = 0;
  RemoraItem item;
  guint depth = 0;

  g_return_val_if_fail (pkt != NULL, 0);

  /* Depth first over the shown tree, without pruning at nodes that do not
   * cover OFFSET: a child's bytes need not lie inside its parent's. */
  item = first_shown (pkt, remora_packet_get_first_root (pkt));
  while (item != 0)
    {
      const RemoraNode *node = remora_packet_get_node (pkt, item);
      RemoraItem child = first_shown (pkt, node->first_child);

      if (node->source == source && node->length > 0 &&
          offset >= node->start && offset - node->start < node->length &&
          (best == 0 || depth > best_depth))
        {
          best = item;
          best_depth = depth;
        }

      if (child != 0)
        {
          item = child;
          depth++;
          continue;
        }
      /* Up until some ancestor has a next shown sibling. */
      while (item != 0)
        {
          RemoraItem next = first_shown (pkt, remora_packet_get_node (pkt, item)->next_sibling);

          if (next != 0)
            {
              item = next;
              break;
            }
          item = remora_packet_get_node (pkt, item)->parent;
          if (depth > 0)
            depth--;
        }
    }
  return best;
}

RemoraItem
remora_proto_nodes_get_protocol (const RemoraPacket *pkt,
                                 RemoraItem          item)
{
  RemoraItem top = item;

  g_return_val_if_fail (pkt != NULL, 0);

  for (RemoraItem it = item; it != 0; it = remora_packet_get_node (pkt, it)->parent)
    {
      const RemoraFieldInfo *info = remora_field_get (remora_packet_get_node (pkt, it)->field);

      if (info != NULL && info->type == REMORA_FT_PROTOCOL)
        return it;
      top = it;
    }
  return top;
}

/* ---- the item ---- */

RemoraProtoNode *
remora_proto_node_new (RemoraPacketSnapshot *snapshot,
                       RemoraItem            item)
{
  g_return_val_if_fail (snapshot != NULL, NULL);
  g_return_val_if_fail (item > 0 &&
                        item <= remora_packet_get_n_nodes (remora_packet_snapshot_get_packet (snapshot)),
                        NULL);

  return g_object_new (REMORA_TYPE_PROTO_NODE,
                       "snapshot", snapshot,
                       "item", item,
                       NULL);
}

RemoraPacketSnapshot *
remora_proto_node_get_snapshot (RemoraProtoNode *self)
{
  g_return_val_if_fail (REMORA_IS_PROTO_NODE (self), NULL);

  return self->snapshot;
}

RemoraItem
remora_proto_node_get_item (RemoraProtoNode *self)
{
  g_return_val_if_fail (REMORA_IS_PROTO_NODE (self), 0);

  return self->item;
}

const RemoraNode *
remora_proto_node_get_node (RemoraProtoNode *self)
{
  g_return_val_if_fail (REMORA_IS_PROTO_NODE (self), NULL);

  return remora_packet_get_node (remora_packet_snapshot_get_packet (self->snapshot), self->item);
}

const char *
remora_proto_node_get_label (RemoraProtoNode *self)
{
  g_return_val_if_fail (REMORA_IS_PROTO_NODE (self), NULL);

  if (self->label == NULL)
    {
      g_autoptr(GString) text = g_string_new (NULL);

      remora_node_format_label (remora_packet_snapshot_get_packet (self->snapshot), self->item, text);
      /* Labels quote packet bytes, which may be anything. */
      if (g_utf8_validate_len (text->str, text->len, NULL))
        self->label = g_string_free (g_steal_pointer (&text), FALSE);
      else
        self->label = g_utf8_make_valid (text->str, (gssize) text->len);
    }
  return self->label;
}

GListModel *
remora_proto_node_list_children (RemoraProtoNode *self)
{
  g_return_val_if_fail (REMORA_IS_PROTO_NODE (self), NULL);

  return list_siblings (self->snapshot, remora_proto_node_get_node (self)->first_child);
}

char *
remora_proto_node_dup_path_key (RemoraProtoNode *self)
{
  const RemoraPacket *pkt;
  g_autoptr(GArray) fields = g_array_new (FALSE, FALSE, sizeof (gint32));
  GString *key = g_string_new (NULL);

  g_return_val_if_fail (REMORA_IS_PROTO_NODE (self), NULL);

  pkt = remora_packet_snapshot_get_packet (self->snapshot);
  for (RemoraItem it = self->item; it != 0; it = remora_packet_get_node (pkt, it)->parent)
    g_array_append_val (fields, remora_packet_get_node (pkt, it)->field);
  for (guint i = fields->len; i > 0; i--)
    {
      if (i < fields->len)
        g_string_append_c (key, '/');
      g_string_append_printf (key, "%d", g_array_index (fields, gint32, i - 1));
    }
  return g_string_free (key, FALSE);
}

/* ---- object ---- */

static void
remora_proto_node_finalize (GObject *object)
{
  RemoraProtoNode *self = REMORA_PROTO_NODE (object);

  g_clear_pointer (&self->snapshot, remora_packet_snapshot_unref);
  g_free (self->label);

  G_OBJECT_CLASS (remora_proto_node_parent_class)->finalize (object);
}

static void
remora_proto_node_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  RemoraProtoNode *self = REMORA_PROTO_NODE (object);

  switch (prop_id)
    {
    case PROP_SNAPSHOT:
      g_value_set_boxed (value, self->snapshot);
      break;

    case PROP_ITEM:
      g_value_set_uint (value, self->item);
      break;

    case PROP_LABEL:
      g_value_set_string (value, remora_proto_node_get_label (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remora_proto_node_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  RemoraProtoNode *self = REMORA_PROTO_NODE (object);

  switch (prop_id)
    {
    case PROP_SNAPSHOT:
      self->snapshot = g_value_dup_boxed (value);
      break;

    case PROP_ITEM:
      self->item = g_value_get_uint (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remora_proto_node_class_init (RemoraProtoNodeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = remora_proto_node_finalize;
  object_class->get_property = remora_proto_node_get_property;
  object_class->set_property = remora_proto_node_set_property;

  properties [PROP_SNAPSHOT] =
    g_param_spec_boxed ("snapshot", NULL, NULL,
                        REMORA_TYPE_PACKET_SNAPSHOT,
                        (G_PARAM_READWRITE |
                         G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  properties [PROP_ITEM] =
    g_param_spec_uint ("item", NULL, NULL,
                       0, G_MAXUINT32, 0,
                       (G_PARAM_READWRITE |
                        G_PARAM_CONSTRUCT_ONLY |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  properties [PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
remora_proto_node_init (RemoraProtoNode *self)
{
}
