/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-packet"

#include "config.h"

#include "remora-packet.h"

#include <setjmp.h>
#include <stdio.h>

#include "remora-format.h"
#include "remora-packet-private.h"

/* Scratch memory comes in chunks that are kept across frames, so that after
 * the first few frames a dissection in fields mode allocates nothing. */
#define ARENA_CHUNK_SIZE (64 * 1024)

RemoraPacket *
remora_packet_new (void)
{
  RemoraPacket *pkt = g_new0 (RemoraPacket, 1);

  pkt->nodes = g_array_sized_new (FALSE, FALSE, sizeof (RemoraNode), 64);
  pkt->labels = g_string_sized_new (1024);
  pkt->col_info = g_string_sized_new (256);
  pkt->arena_chunks = g_ptr_array_new_with_free_func (g_free);
  pkt->arena_large = g_ptr_array_new_with_free_func (g_free);
  pkt->current_proto = -1;
  return pkt;
}

void
remora_packet_free (RemoraPacket *pkt)
{
  if (pkt == NULL)
    return;
  g_array_unref (pkt->nodes);
  g_string_free (pkt->labels, TRUE);
  g_string_free (pkt->col_info, TRUE);
  g_ptr_array_unref (pkt->arena_chunks);
  g_ptr_array_unref (pkt->arena_large);
  g_free (pkt);
}

void
remora_packet_set_tree_mode (RemoraPacket *pkt,
                             gboolean      tree_mode)
{
  pkt->tree_mode = !!tree_mode;
}

void
remora_packet_set_wanted (RemoraPacket *pkt,
                          const guint8 *wanted)
{
  pkt->wanted = wanted;
}

void
remora_packet_set_want_columns (RemoraPacket *pkt,
                                gboolean      want)
{
  pkt->want_columns = !!want;
}

void
remora_packet_reset (RemoraPacket *pkt)
{
  g_array_set_size (pkt->nodes, 0);
  pkt->first_root = pkt->last_root = 0;
  g_string_truncate (pkt->labels, 0);
  g_string_truncate (pkt->col_info, 0);
  pkt->col_info_fence = 0;
  pkt->col_protocol = NULL;
  pkt->n_sources = 0;
  pkt->n_layers = 0;
  pkt->current_proto = -1;
  pkt->exception = REMORA_EXC_NONE;
  pkt->jmp = NULL;
  pkt->depth = 0;
  memset (&pkt->dl_src, 0, sizeof pkt->dl_src);
  pkt->dl_dst = pkt->net_src = pkt->net_dst = pkt->src = pkt->dst = pkt->dl_src;
  pkt->ptype = REMORA_PT_NONE;
  pkt->srcport = pkt->destport = 0;
  pkt->ip_proto = 0;
  pkt->ip_ttl = 0;
  pkt->ip_payload_len = 0;
  pkt->in_error_pkt = 0;
  pkt->can_desegment = FALSE;
  pkt->desegment_offset = 0;
  pkt->desegment_len = 0;
  pkt->stream_index = 0;

  /* Keep the first chunk (enough for nearly every frame); drop the rest so
   * one huge frame does not pin its memory forever. */
  if (pkt->arena_chunks->len > 1)
    g_ptr_array_set_size (pkt->arena_chunks, 1);
  pkt->arena_used = 0;
  g_ptr_array_set_size (pkt->arena_large, 0);
}

G_NORETURN void
remora_packet_throw (RemoraPacket    *pkt,
                     RemoraException  exc)
{
  /* The session always installs a guard around the frame, so there is
   * always somewhere to land. */
  g_assert (pkt->jmp != NULL);
  longjmp (*(jmp_buf *) pkt->jmp, (int) exc);
}

void
remora_packet_push_layer (RemoraPacket *pkt,
                          int           proto)
{
  if (proto < 0)
    return;
  if (pkt->n_layers < REMORA_MAX_LAYERS)
    pkt->layers[pkt->n_layers++] = proto;
  pkt->current_proto = proto;
}

gpointer
remora_packet_alloc (RemoraPacket *pkt,
                     gsize         size)
{
  guint8 *chunk;

  size = (size + 7) & ~(gsize) 7;
  if (size > ARENA_CHUNK_SIZE / 4)
    {
      /* A big block (a reassembled PDU, an inflated body) gets its own
       * allocation, freed with the frame, so the chunks stay uniform. */
      chunk = g_malloc0 (size);
      g_ptr_array_add (pkt->arena_large, chunk);
      return chunk;
    }
  if (pkt->arena_chunks->len == 0 || pkt->arena_used + size > ARENA_CHUNK_SIZE)
    {
      g_ptr_array_add (pkt->arena_chunks, g_malloc (ARENA_CHUNK_SIZE));
      pkt->arena_used = 0;
    }
  chunk = g_ptr_array_index (pkt->arena_chunks, pkt->arena_chunks->len - 1);
  chunk += pkt->arena_used;
  pkt->arena_used += size;
  memset (chunk, 0, size);
  return chunk;
}

char *
remora_packet_strndup (RemoraPacket *pkt,
                       const char   *str,
                       gsize         len)
{
  char *copy = remora_packet_alloc (pkt, len + 1);

  memcpy (copy, str, len);
  copy[len] = '\0';
  return copy;
}

guint16
remora_packet_add_source (RemoraPacket *pkt,
                          const char   *name,
                          const guint8 *data,
                          guint32       length,
                          RemoraTvb    *out)
{
  guint16 index;

  if (pkt->n_sources >= REMORA_MAX_SOURCES)
    remora_packet_throw (pkt, REMORA_EXC_MALFORMED);
  index = (guint16) pkt->n_sources++;
  pkt->sources[index].name = name;
  pkt->sources[index].data = data;
  pkt->sources[index].length = length;
  if (out != NULL)
    {
      out->pkt = pkt;
      out->data = data;
      out->captured = length;
      out->reported = length;
      out->origin = 0;
      out->source = index;
    }
  return index;
}

/* ---- nodes ---- */

static inline RemoraNode *
node_at (RemoraPacket *pkt, RemoraItem item)
{
  return &g_array_index (pkt->nodes, RemoraNode, item - 1);
}

/* Whether a node of HF is recorded in the current mode.  This is the test
 * every remora_add_* call makes first; in fields mode it is nearly always
 * false, so it stays inline and cheap. */
static inline gboolean
is_recorded (const RemoraPacket *pkt,
             int                 hf)
{
  return pkt->tree_mode || (hf >= 0 && pkt->wanted != NULL && pkt->wanted[hf]);
}

/* Appends a node under PARENT and returns it with its handle. */
static RemoraNode *
append_node (RemoraPacket    *pkt,
             RemoraItem       parent,
             int              hf,
             const RemoraTvb *tvb,
             guint32          offset,
             guint32          length,
             RemoraItem      *item_out)
{
  RemoraNode *node;
  RemoraItem item;

  g_array_set_size (pkt->nodes, pkt->nodes->len + 1);
  item = pkt->nodes->len;
  node = node_at (pkt, item);
  memset (node, 0, sizeof *node);
  node->field = hf;
  node->source = tvb ? tvb->source : 0;
  node->start = tvb ? tvb->origin + offset : 0;
  node->length = length;

  /* In fields mode the shape of the tree does not matter (and parents are
   * usually not recorded), so everything is a root in order of addition. */
  if (!pkt->tree_mode)
    parent = 0;
  node->parent = parent;
  if (parent != 0)
    {
      RemoraNode *p = node_at (pkt, parent);

      if (p->last_child)
        node_at (pkt, p->last_child)->next_sibling = item;
      else
        p->first_child = item;
      p->last_child = item;
    }
  else
    {
      if (pkt->last_root)
        node_at (pkt, pkt->last_root)->next_sibling = item;
      else
        pkt->first_root = item;
      pkt->last_root = item;
    }
  *item_out = item;
  return node;
}

/* Appends a node under PARENT and returns it with its handle, or NULL when
 * this field is not recorded in the current mode. */
static inline RemoraNode *
new_node (RemoraPacket    *pkt,
          RemoraItem       parent,
          int              hf,
          const RemoraTvb *tvb,
          guint32          offset,
          guint32          length,
          RemoraItem      *item_out)
{
  *item_out = 0;
  if (!is_recorded (pkt, hf))
    return NULL;
  return append_node (pkt, parent, hf, tvb, offset, length, item_out);
}

RemoraItem
remora_packet_get_first_root (const RemoraPacket *pkt)
{
  return pkt->first_root;
}

static const RemoraFieldInfo *
field_info (int hf)
{
  const RemoraFieldInfo *info = remora_field_get (hf);

  g_assert (info != NULL);
  return info;
}

static guint64
mask_value (const RemoraFieldInfo *info,
            guint64                value)
{
  if (info->bitmask)
    value = (value & info->bitmask) >> info->bitshift;
  return value;
}

static guint64
read_uint (const RemoraTvb *tvb,
           guint32          offset,
           guint32          length,
           guint            encoding)
{
  guint64 v = 0;
  const guint8 *p;

  if (length == 0)
    return 0;
  if (length > 8)
    length = 8;
  p = remora_tvb_get_ptr (tvb, offset, length);
  if (encoding & REMORA_ENC_LITTLE_ENDIAN)
    for (guint32 i = length; i > 0; i--)
      v = v << 8 | p[i - 1];
  else
    for (guint32 i = 0; i < length; i++)
      v = v << 8 | p[i];
  return v;
}

RemoraItem
remora_add_item (RemoraPacket    *pkt,
                 RemoraItem       parent,
                 int              hf,
                 const RemoraTvb *tvb,
                 guint32          offset,
                 guint32          length,
                 guint            encoding)
{
  const RemoraFieldInfo *info;
  RemoraNode *node;
  RemoraItem item;

  /* Bounds first, in both modes, so both reach the same verdict. */
  remora_tvb_ensure (tvb, offset, length);
  node = new_node (pkt, parent, hf, tvb, offset, length, &item);
  if (node == NULL)
    return 0;
  info = field_info (hf);

  switch (info->type)
    {
    case REMORA_FT_BOOLEAN:
    case REMORA_FT_CHAR:
    case REMORA_FT_UINT8:
    case REMORA_FT_UINT16:
    case REMORA_FT_UINT24:
    case REMORA_FT_UINT32:
    case REMORA_FT_UINT40:
    case REMORA_FT_UINT48:
    case REMORA_FT_UINT56:
    case REMORA_FT_UINT64:
    case REMORA_FT_FRAMENUM:
      node->value.u = mask_value (info, read_uint (tvb, offset, length, encoding));
      if (info->type == REMORA_FT_BOOLEAN)
        node->value.u = node->value.u != 0;
      break;
    case REMORA_FT_INT8:
    case REMORA_FT_INT16:
    case REMORA_FT_INT24:
    case REMORA_FT_INT32:
    case REMORA_FT_INT64:
      {
        guint64 raw = mask_value (info, read_uint (tvb, offset, length, encoding));
        guint bits = info->bitmask ? (guint) (64 - __builtin_clzll (info->bitmask >> info->bitshift)) : MIN (length, 8) * 8;

        /* sign-extend from the field's own width */
        if (bits > 0 && bits < 64 && (raw >> (bits - 1)) & 1)
          raw |= ~(guint64) 0 << bits;
        node->value.i = (gint64) raw;
      }
      break;
    case REMORA_FT_IPv4:
      node->value.u = (guint32) read_uint (tvb, offset, 4, encoding);
      break;
    case REMORA_FT_IPv6:
      remora_tvb_memcpy (tvb, node->value.addr, offset, 16);
      break;
    case REMORA_FT_ETHER:
      remora_tvb_memcpy (tvb, node->value.addr, offset, 6);
      break;
    case REMORA_FT_FLOAT:
      {
        guint32 bits = (guint32) read_uint (tvb, offset, 4, encoding);
        float f;
        memcpy (&f, &bits, 4);
        node->value.d = f;
      }
      break;
    case REMORA_FT_DOUBLE:
      {
        guint64 bits = read_uint (tvb, offset, 8, encoding);
        memcpy (&node->value.d, &bits, 8);
      }
      break;
    case REMORA_FT_STRINGZ:
    case REMORA_FT_STRING:
    case REMORA_FT_BYTES:
      {
        guint32 len = length;

        /* A STRINGZ ends at its NUL, which is not part of the value. */
        if (info->type == REMORA_FT_STRINGZ && len > 0)
          {
            const guint8 *nul = memchr (tvb->data + offset, 0, len);
            if (nul)
              len = (guint32) (nul - (tvb->data + offset));
          }
        node->value.bytes.ptr = tvb->data + offset;
        node->value.bytes.len = len;
      }
      break;
    case REMORA_FT_ABSOLUTE_TIME:
      /* seconds since the epoch in 4 bytes, the common wire form */
      node->value.ns = (gint64) read_uint (tvb, offset, MIN (length, 4), encoding) * G_GINT64_CONSTANT (1000000000);
      break;
    case REMORA_FT_RELATIVE_TIME:
    case REMORA_FT_NONE:
    case REMORA_FT_PROTOCOL:
    case REMORA_FT_N_TYPES:
      break;
    }
  return item;
}

RemoraItem
remora_add_uint (RemoraPacket *pkt, RemoraItem parent, int hf,
                 const RemoraTvb *tvb, guint32 offset, guint32 length,
                 guint64 value)
{
  RemoraItem item;
  RemoraNode *node = new_node (pkt, parent, hf, tvb, offset, length, &item);

  if (node)
    node->value.u = mask_value (field_info (hf), value);
  return item;
}

RemoraItem
remora_add_int (RemoraPacket *pkt, RemoraItem parent, int hf,
                const RemoraTvb *tvb, guint32 offset, guint32 length,
                gint64 value)
{
  RemoraItem item;
  RemoraNode *node = new_node (pkt, parent, hf, tvb, offset, length, &item);

  if (node)
    node->value.i = value;
  return item;
}

RemoraItem
remora_add_boolean (RemoraPacket *pkt, RemoraItem parent, int hf,
                    const RemoraTvb *tvb, guint32 offset, guint32 length,
                    guint64 value)
{
  RemoraItem item;
  RemoraNode *node = new_node (pkt, parent, hf, tvb, offset, length, &item);

  if (node)
    node->value.u = mask_value (field_info (hf), value) != 0;
  return item;
}

RemoraItem
remora_add_double (RemoraPacket *pkt, RemoraItem parent, int hf,
                   const RemoraTvb *tvb, guint32 offset, guint32 length,
                   double value)
{
  RemoraItem item;
  RemoraNode *node = new_node (pkt, parent, hf, tvb, offset, length, &item);

  if (node)
    node->value.d = value;
  return item;
}

RemoraItem
remora_add_ipv4 (RemoraPacket *pkt, RemoraItem parent, int hf,
                 const RemoraTvb *tvb, guint32 offset, guint32 length,
                 guint32 addr)
{
  RemoraItem item;
  RemoraNode *node = new_node (pkt, parent, hf, tvb, offset, length, &item);

  if (node)
    node->value.u = addr;
  return item;
}

RemoraItem
remora_add_ipv6 (RemoraPacket *pkt, RemoraItem parent, int hf,
                 const RemoraTvb *tvb, guint32 offset, guint32 length,
                 const guint8 *addr)
{
  RemoraItem item;
  RemoraNode *node = new_node (pkt, parent, hf, tvb, offset, length, &item);

  if (node)
    memcpy (node->value.addr, addr, 16);
  return item;
}

RemoraItem
remora_add_ether (RemoraPacket *pkt, RemoraItem parent, int hf,
                  const RemoraTvb *tvb, guint32 offset, guint32 length,
                  const guint8 *addr)
{
  RemoraItem item;
  RemoraNode *node = new_node (pkt, parent, hf, tvb, offset, length, &item);

  if (node)
    memcpy (node->value.addr, addr, 6);
  return item;
}

RemoraItem
remora_add_bytes (RemoraPacket *pkt, RemoraItem parent, int hf,
                  const RemoraTvb *tvb, guint32 offset, guint32 length,
                  const guint8 *data, guint32 data_len)
{
  RemoraItem item;
  RemoraNode *node = new_node (pkt, parent, hf, tvb, offset, length, &item);

  if (node)
    {
      guint8 *copy = data_len ? remora_packet_alloc (pkt, data_len) : NULL;

      if (data_len)
        memcpy (copy, data, data_len);
      node->value.bytes.ptr = copy;
      node->value.bytes.len = data_len;
    }
  return item;
}

RemoraItem
remora_add_string (RemoraPacket *pkt, RemoraItem parent, int hf,
                   const RemoraTvb *tvb, guint32 offset, guint32 length,
                   const char *str, gssize str_len)
{
  if (str_len < 0)
    str_len = (gssize) strlen (str);
  return remora_add_bytes (pkt, parent, hf, tvb, offset, length, (const guint8 *) str, (guint32) str_len);
}

RemoraItem
remora_add_time (RemoraPacket *pkt, RemoraItem parent, int hf,
                 const RemoraTvb *tvb, guint32 offset, guint32 length,
                 gint64 ns)
{
  RemoraItem item;
  RemoraNode *node = new_node (pkt, parent, hf, tvb, offset, length, &item);

  if (node)
    node->value.ns = ns;
  return item;
}

RemoraItem
remora_add_protocol (RemoraPacket *pkt, RemoraItem parent, int proto,
                     const RemoraTvb *tvb, guint32 offset, guint32 length)
{
  RemoraItem item;

  new_node (pkt, parent, proto, tvb, offset, length, &item);
  return item;
}

/* ---- labels ---- */

static void
set_label_va (RemoraPacket *pkt,
              RemoraItem    item,
              const char   *format,
              va_list       args)
{
  RemoraNode *node = node_at (pkt, item);

  node->label = (guint32) pkt->labels->len + 1;
  g_string_append_vprintf (pkt->labels, format, args);
  g_string_append_c (pkt->labels, '\0');
}

void
remora_item_set_text (RemoraPacket *pkt, RemoraItem item, const char *format, ...)
{
  va_list args;

  if (item == 0 || !pkt->tree_mode)
    return;
  va_start (args, format);
  set_label_va (pkt, item, format, args);
  va_end (args);
}

void
remora_item_append_text (RemoraPacket *pkt, RemoraItem item, const char *format, ...)
{
  RemoraNode *node;
  va_list args;

  if (item == 0 || !pkt->tree_mode)
    return;
  node = node_at (pkt, item);
  /* The label must be the last string in the buffer to grow in place. */
  if (node->label == 0 || strlen (pkt->labels->str + node->label - 1) + node->label != pkt->labels->len)
    {
      g_autoptr(GString) current = g_string_new (NULL);

      remora_node_format_label (pkt, item, current);
      node = node_at (pkt, item);
      node->label = (guint32) pkt->labels->len + 1;
      g_string_append_len (pkt->labels, current->str, (gssize) current->len + 1);
    }
  g_string_truncate (pkt->labels, pkt->labels->len - 1);
  va_start (args, format);
  g_string_append_vprintf (pkt->labels, format, args);
  va_end (args);
  g_string_append_c (pkt->labels, '\0');
}

RemoraItem
remora_add_item_format (RemoraPacket *pkt, RemoraItem parent, int hf,
                        const RemoraTvb *tvb, guint32 offset, guint32 length,
                        const char *format, ...)
{
  RemoraItem item = remora_add_item (pkt, parent, hf, tvb, offset, length, REMORA_ENC_BIG_ENDIAN);
  va_list args;

  if (item && pkt->tree_mode)
    {
      va_start (args, format);
      set_label_va (pkt, item, format, args);
      va_end (args);
    }
  return item;
}

RemoraItem
remora_add_text (RemoraPacket *pkt, RemoraItem parent,
                 const RemoraTvb *tvb, guint32 offset, guint32 length,
                 const char *format, ...)
{
  RemoraItem item;
  va_list args;

  if (!pkt->tree_mode)
    return 0;
  /* A text-only node has field -1; new_node only admits it in tree mode. */
  if (new_node (pkt, parent, -1, tvb, offset, length, &item) == NULL)
    return 0;
  va_start (args, format);
  set_label_va (pkt, item, format, args);
  va_end (args);
  return item;
}

void
remora_item_set_generated (RemoraPacket *pkt, RemoraItem item)
{
  if (item)
    node_at (pkt, item)->flags |= REMORA_NODE_GENERATED;
}

void
remora_item_set_hidden (RemoraPacket *pkt, RemoraItem item)
{
  if (item)
    node_at (pkt, item)->flags |= REMORA_NODE_HIDDEN;
}

void
remora_item_set_len (RemoraPacket *pkt, RemoraItem item, guint32 length)
{
  if (item)
    node_at (pkt, item)->length = length;
}

RemoraItem
remora_add_bitmask (RemoraPacket *pkt, RemoraItem parent, int hf,
                    const RemoraTvb *tvb, guint32 offset, guint32 length,
                    const int *fields, guint encoding)
{
  RemoraItem header = remora_add_item (pkt, parent, hf, tvb, offset, length, encoding);
  guint64 raw = read_uint (tvb, offset, length, encoding);
  gboolean first = TRUE;

  for (const int *f = fields; *f >= 0; f++)
    {
      const RemoraFieldInfo *info = field_info (*f);

      if (info->type == REMORA_FT_BOOLEAN)
        {
          remora_add_boolean (pkt, header, *f, tvb, offset, length, raw);
          if (header && pkt->tree_mode && mask_value (info, raw))
            {
              remora_item_append_text (pkt, header, "%s%s", first ? ", " : ", ", info->name);
              first = FALSE;
            }
        }
      else
        remora_add_uint (pkt, header, *f, tvb, offset, length, raw);
    }
  return header;
}

RemoraItem
remora_add_expert (RemoraPacket *pkt, RemoraItem parent,
                   const RemoraTvb *tvb, guint32 offset, guint32 length,
                   const char *severity, const char *group,
                   const char *format, ...)
{
  g_autofree char *message = NULL;
  RemoraItem item, child;
  va_list args;

  if (!pkt->tree_mode)
    return 0;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  item = remora_add_text (pkt, parent, tvb, offset, length, "Expert Info (%s/%s): %s", severity, group, message);
  node_at (pkt, item)->flags |= REMORA_NODE_GENERATED | REMORA_NODE_EXPERT;
  child = remora_add_text (pkt, item, tvb, offset, length, "%s", message);
  node_at (pkt, child)->flags |= REMORA_NODE_GENERATED;
  child = remora_add_text (pkt, item, tvb, offset, length, "Severity level: %s", severity);
  node_at (pkt, child)->flags |= REMORA_NODE_GENERATED;
  child = remora_add_text (pkt, item, tvb, offset, length, "Group: %s", group);
  node_at (pkt, child)->flags |= REMORA_NODE_GENERATED;
  return item;
}

/* "..0. ...." for BITMASK within WIDTH bits, showing VALUE's bits. */
static void
append_bit_pattern (GString *out,
                    guint64  bitmask,
                    guint    width,
                    guint64  value)
{
  for (guint i = width; i > 0; i--)
    {
      guint bit = i - 1;

      if (i != width && i % 4 == 0)
        g_string_append_c (out, ' ');
      if (bitmask >> bit & 1)
        g_string_append_c (out, (value >> bit & 1) ? '1' : '0');
      else
        g_string_append_c (out, '.');
    }
  g_string_append (out, " = ");
}

void
remora_node_format_label (const RemoraPacket *pkt,
                          RemoraItem          item,
                          GString            *out)
{
  const RemoraNode *node = remora_packet_get_node (pkt, item);
  const RemoraFieldInfo *info;
  gboolean generated = (node->flags & REMORA_NODE_GENERATED) != 0;
  gsize start = out->len;

  if (node->label)
    {
      g_string_append (out, pkt->labels->str + node->label - 1);
      goto done;
    }
  info = remora_field_get (node->field);
  if (info == NULL)
    goto done;

  switch (info->type)
    {
    case REMORA_FT_PROTOCOL:
    case REMORA_FT_NONE:
      g_string_append (out, info->name);
      break;
    default:
      if (info->bitmask)
        {
          guint width = info->type == REMORA_FT_BOOLEAN ? (guint) info->base : remora_field_type_width (info->type) * 8;

          if (width == 0 || width > 64)
            width = 8;
          append_bit_pattern (out, info->bitmask, width, node->value.u << info->bitshift);
        }
      g_string_append (out, info->name);
      g_string_append (out, ": ");
      remora_format_value (info, node, REMORA_FORMAT_DISPLAY, out);
      break;
    }

done:
  if (generated && !(node->flags & REMORA_NODE_EXPERT) && out->len > start && out->str[start] != '[')
    {
      g_string_insert_c (out, (gssize) start, '[');
      g_string_append_c (out, ']');
    }
  else if (node->flags & REMORA_NODE_EXPERT)
    {
      g_string_insert_c (out, (gssize) start, '[');
      g_string_append_c (out, ']');
    }
}

/* ---- columns ---- */

void
remora_col_set_protocol (RemoraPacket *pkt, const char *str)
{
  if (pkt->in_error_pkt)
    return;
  pkt->col_protocol = str;
}

void
remora_col_clear_info (RemoraPacket *pkt)
{
  if (!pkt->want_columns || pkt->in_error_pkt)
    return;
  g_string_truncate (pkt->col_info, pkt->col_info_fence);
}

void
remora_col_set_info (RemoraPacket *pkt, const char *str)
{
  if (!pkt->want_columns || pkt->in_error_pkt)
    return;
  g_string_truncate (pkt->col_info, pkt->col_info_fence);
  g_string_append (pkt->col_info, str);
}

void
remora_col_add_info (RemoraPacket *pkt, const char *format, ...)
{
  va_list args;

  if (!pkt->want_columns || pkt->in_error_pkt)
    return;
  g_string_truncate (pkt->col_info, pkt->col_info_fence);
  va_start (args, format);
  g_string_append_vprintf (pkt->col_info, format, args);
  va_end (args);
}

void
remora_col_append_info (RemoraPacket *pkt, const char *format, ...)
{
  va_list args;

  if (!pkt->want_columns || pkt->in_error_pkt)
    return;
  va_start (args, format);
  g_string_append_vprintf (pkt->col_info, format, args);
  va_end (args);
}

void
remora_col_append_sep_info (RemoraPacket *pkt, const char *sep, const char *format, ...)
{
  va_list args;

  if (!pkt->want_columns || pkt->in_error_pkt)
    return;
  /* as Wireshark: the separator goes in whenever the column has text,
   * the fenced part included ("[TCP Dup ACK 3#1] , Continuation Data") */
  if (pkt->col_info->len > 0 && sep != NULL)
    g_string_append (pkt->col_info, sep);
  va_start (args, format);
  g_string_append_vprintf (pkt->col_info, format, args);
  va_end (args);
}

void
remora_col_set_fence (RemoraPacket *pkt)
{
  if (!pkt->want_columns || pkt->in_error_pkt)
    return;
  pkt->col_info_fence = pkt->col_info->len;
}

void
remora_address_set (RemoraAddress     *addr,
                    RemoraAddressType  type,
                    const void        *data,
                    guint              len)
{
  len = MIN (len, sizeof addr->data);
  addr->type = (guint8) type;
  addr->len = (guint8) len;
  memcpy (addr->data, data, len);
  if (type == REMORA_AT_STRING && len < sizeof addr->data)
    addr->data[len] = '\0';
}

const char *
remora_address_to_str (const RemoraAddress *addr,
                       char                *buf,
                       gsize                size)
{
  g_autoptr(GString) s = NULL;

  switch (addr->type)
    {
    case REMORA_AT_IPv4:
      {
        const guint8 *d = addr->data;
        g_snprintf (buf, size, "%u.%u.%u.%u", d[0], d[1], d[2], d[3]);
      }
      return buf;
    case REMORA_AT_IPv6:
      s = g_string_new (NULL);
      remora_format_ipv6 (addr->data, s);
      break;
    case REMORA_AT_ETHER:
      {
        static const guint8 broadcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

        /* The one name tshark's columns show for a MAC address without a
         * vendor database.  Vendor names ("Intel_12:34:56") need that
         * database, which Remora does not ship. */
        if (addr->len == 6 && memcmp (addr->data, broadcast, 6) == 0)
          {
            g_strlcpy (buf, "Broadcast", size);
            return buf;
          }
        s = g_string_new (NULL);
        remora_format_ether (addr->data, s);
      }
      break;
    case REMORA_AT_STRING:
      g_snprintf (buf, size, "%.*s", addr->len, (const char *) addr->data);
      return buf;
    default:
      if (size)
        buf[0] = '\0';
      return buf;
    }
  g_strlcpy (buf, s->str, size);
  return buf;
}
