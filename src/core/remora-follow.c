/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-follow"

#include "config.h"

#include "remora-follow.h"

#include <gio/gio.h>
#include <string.h>

#include "remora-dissect.h"

/* The collector reads the finished tree of each packet (fields, not TCP's
 * internals), so it works the same over the CLI's pass and a pass of its
 * own.  Its stream rebuilding follows tshark's follow tap: per direction
 * the next expected sequence number, segments ahead of it parked until the
 * gap fills, and a gap the other side acknowledged reported as missing. */

#define SEQ_LT(a, b) ((gint32) ((guint32) (a) - (guint32) (b)) < 0)
#define SEQ_GT(a, b) ((gint32) ((guint32) (a) - (guint32) (b)) > 0)

/* Parked out-of-order segments per direction, and chunk bytes in total:
 * a hostile capture cannot make the collector grow without bound. */
#define MAX_PARKED       4096
#define MAX_TOTAL_BYTES  (512u * 1024 * 1024)

typedef struct {
  guint    node;
  guint32  frame;
  guint32  seq;
  gboolean is_gap;
  GBytes  *data;
} Record;

struct _RemoraFollow {
  guint32   stream;
  gboolean  have_client;
  char     *node_name[2];
  guint8    client_addr[16];
  guint     client_addr_len;
  guint32   client_port;
  guint32   next_seq[2];
  guint64   written[2];
  GPtrArray *parked[2];    /* Record * */
  GArray    *chunks;       /* Record, in stream order */
  GArray    *views;        /* RemoraFollowChunk, built on demand */
  gsize      total;
};

static struct {
  gsize once;
  int ip_src, ip_dst, ip6_src, ip6_dst;
  int srcport, dstport, stream, seq, ack, len, flags, payload;
} ids;

static void
init_ids (void)
{
  if (g_once_init_enter (&ids.once))
    {
      remora_dissectors_init ();
      ids.ip_src = remora_field_lookup ("ip.src");
      ids.ip_dst = remora_field_lookup ("ip.dst");
      ids.ip6_src = remora_field_lookup ("ipv6.src");
      ids.ip6_dst = remora_field_lookup ("ipv6.dst");
      ids.srcport = remora_field_lookup ("tcp.srcport");
      ids.dstport = remora_field_lookup ("tcp.dstport");
      ids.stream = remora_field_lookup ("tcp.stream");
      ids.seq = remora_field_lookup ("tcp.seq");
      ids.ack = remora_field_lookup ("tcp.ack");
      ids.len = remora_field_lookup ("tcp.len");
      ids.flags = remora_field_lookup ("tcp.flags");
      ids.payload = remora_field_lookup ("tcp.payload");
      g_once_init_leave (&ids.once, 1);
    }
}

RemoraFollow *
remora_follow_tcp_new (guint32 stream_index)
{
  RemoraFollow *f = g_new0 (RemoraFollow, 1);

  init_ids ();
  f->stream = stream_index;
  for (guint d = 0; d < 2; d++)
    f->parked[d] = g_ptr_array_new ();
  f->chunks = g_array_new (FALSE, FALSE, sizeof (Record));
  f->views = g_array_new (FALSE, FALSE, sizeof (RemoraFollowChunk));
  return f;
}

static void
record_free (Record *r)
{
  g_bytes_unref (r->data);
  g_free (r);
}

void
remora_follow_free (RemoraFollow *f)
{
  if (f == NULL)
    return;
  for (guint d = 0; d < 2; d++)
    {
      for (guint i = 0; i < f->parked[d]->len; i++)
        record_free (g_ptr_array_index (f->parked[d], i));
      g_ptr_array_unref (f->parked[d]);
      g_free (f->node_name[d]);
    }
  for (guint i = 0; i < f->chunks->len; i++)
    g_bytes_unref (g_array_index (f->chunks, Record, i).data);
  g_array_unref (f->chunks);
  g_array_unref (f->views);
  g_free (f);
}

void
remora_follow_want_fields (guint8 *wanted)
{
  const int *all = &ids.ip_src;

  init_ids ();
  for (guint i = 0; i < 12; i++)
    if (all[i] >= 0)
      wanted[all[i]] = 1;
}

static void
append_chunk (RemoraFollow *f,
              guint         node,
              guint32       frame,
              guint32       seq,
              gboolean      is_gap,
              GBytes       *data)
{
  Record r = { node, frame, seq, is_gap, data };

  g_array_append_val (f->chunks, r);
  f->total += g_bytes_get_size (data);
}

/* Moves parked segments that now fit onto the stream; with USE_ACK, a gap
 * the other side acknowledged is skipped with a marker.  TRUE when
 * something moved (call again). */
static gboolean
unpark (RemoraFollow *f,
        guint         node,
        guint32       acked,
        guint32       frame,
        gboolean      use_ack)
{
  GPtrArray *parked = f->parked[node];
  guint32 lowest;

  if (parked->len == 0)
    return FALSE;
  lowest = ((Record *) g_ptr_array_index (parked, 0))->seq;
  for (guint i = 0; i < parked->len; i++)
    {
      Record *r = g_ptr_array_index (parked, i);
      gsize len = g_bytes_get_size (r->data);

      if (SEQ_GT (lowest, r->seq))
        lowest = r->seq;
      if (SEQ_LT (r->seq, f->next_seq[node]))
        {
          guint32 end = r->seq + (guint32) len;
          if (SEQ_GT (end, f->next_seq[node]))
            {
              /* Partly new: keep only what the stream has not seen. */
              guint32 skip = f->next_seq[node] - r->seq;
              append_chunk (f, node, r->frame, f->next_seq[node], FALSE,
                            g_bytes_new_from_bytes (r->data, skip, len - skip));
              f->next_seq[node] = end;
            }
          g_ptr_array_remove_index (parked, i);
          record_free (r);
          return TRUE;
        }
      if (r->seq == f->next_seq[node])
        {
          if (len > 0)
            append_chunk (f, node, r->frame, r->seq, FALSE, g_bytes_ref (r->data));
          f->next_seq[node] += (guint32) len;
          g_ptr_array_remove_index (parked, i);
          record_free (r);
          return TRUE;
        }
    }
  if (use_ack && SEQ_GT (acked, lowest))
    {
      char *msg = g_strdup_printf ("[%d bytes missing in capture file]", (int) (lowest - f->next_seq[node]));
      /* tshark counts the NUL too */
      append_chunk (f, node, frame, lowest, TRUE, g_bytes_new_take (msg, strlen (msg) + 1));
      f->next_seq[node] = lowest;
      return TRUE;
    }
  return FALSE;
}

typedef struct {
  guint32       frame;
  gboolean      have_stream, have_src, have_dst;
  guint32       stream, seq, ack, len, sport, dport, flags;
  guint8        src[16], dst[16];
  guint         addr_len;
  const guint8 *payload;
  guint32       payload_len;
} Segment;

static void
address_to_str (const guint8 *addr,
                guint         len,
                guint32       port,
                char        **out)
{
  if (*out != NULL)
    return;
  if (len == 4)
    *out = g_strdup_printf ("%u.%u.%u.%u:%u", addr[0], addr[1], addr[2], addr[3], port);
  else
    {
      GInetAddress *ia = g_inet_address_new_from_bytes (addr, G_SOCKET_FAMILY_IPV6);
      char *s = g_inet_address_to_string (ia);
      *out = g_strdup_printf ("[%s]:%u", s, port);
      g_free (s);
      g_object_unref (ia);
    }
}

static void
take_segment (RemoraFollow  *f,
              const Segment *s)
{
  guint node;
  guint32 seq = s->seq, length = s->len, offset = 0, data_len = s->payload_len;

  if (!s->have_stream || s->stream != f->stream || !s->have_src || !s->have_dst)
    return;
  /* A header announcing data the capture does not hold at all: tshark's
   * dissection stops before its follow tap sees the segment. */
  if (s->len > 0 && s->payload_len == 0)
    return;
  if (s->flags & 0x002)
    seq++;
  if (!f->have_client)
    {
      f->have_client = TRUE;
      memcpy (f->client_addr, s->src, s->addr_len);
      f->client_addr_len = s->addr_len;
      f->client_port = s->sport;
      address_to_str (s->src, s->addr_len, s->sport, &f->node_name[0]);
      address_to_str (s->dst, s->addr_len, s->dport, &f->node_name[1]);
    }
  node = (s->addr_len == f->client_addr_len && memcmp (s->src, f->client_addr, s->addr_len) == 0 &&
          s->sport == f->client_port) ? 0 : 1;

  /* This segment may acknowledge data of the other side the capture lacks. */
  for (guint rounds = 0; rounds < MAX_PARKED + 1 && unpark (f, 1 - node, s->ack, s->frame, TRUE); rounds++)
    ;

  if (f->written[node] == 0 && f->next_seq[node] == 0)
    f->next_seq[node] = seq;
  if (SEQ_LT (seq, f->next_seq[node]))
    {
      guint32 end = seq + length;
      if (SEQ_GT (end, f->next_seq[node]))
        {
          offset = f->next_seq[node] - seq;
          data_len = data_len > offset ? data_len - offset : 0;
          seq = f->next_seq[node];
          length = end - seq;
        }
    }
  if (data_len == 0 || SEQ_LT (seq, f->next_seq[node]) || f->total + data_len > MAX_TOTAL_BYTES)
    return;

  if (seq == f->next_seq[node])
    {
      append_chunk (f, node, s->frame, seq, FALSE, g_bytes_new (s->payload + offset, data_len));
      f->next_seq[node] += length;
      f->written[node] += data_len;
    }
  else if (f->parked[node]->len < MAX_PARKED)
    {
      Record *r = g_new0 (Record, 1);
      r->node = node;
      r->frame = s->frame;
      r->seq = seq;
      r->data = g_bytes_new (s->payload + offset, data_len);
      g_ptr_array_add (f->parked[node], r);
      f->total += data_len;
    }
  for (guint rounds = 0; rounds < MAX_PARKED + 1 && unpark (f, node, 0, 0, FALSE); rounds++)
    ;
}

void
remora_follow_add_packet (RemoraFollow       *f,
                          const RemoraPacket *pkt)
{
  Segment seg = { 0 };
  gboolean in_tcp = FALSE;
  guint8 cur_src[16] = { 0 }, cur_dst[16] = { 0 };
  guint cur_len = 0;
  guint n = remora_packet_get_n_nodes (pkt);

  if (pkt->visited)
    return;
  for (guint i = 1; i <= n; i++)
    {
      const RemoraNode *node = remora_packet_get_node (pkt, i);
      int id = node->field;

      if (id < 0)
        continue;
      if (id == ids.ip_src || id == ids.ip_dst)
        {
          guint8 *a = id == ids.ip_src ? cur_src : cur_dst;
          guint32 v = (guint32) node->value.u;
          a[0] = v >> 24; a[1] = v >> 16; a[2] = v >> 8; a[3] = v;
          cur_len = 4;
        }
      else if (id == ids.ip6_src || id == ids.ip6_dst)
        {
          memcpy (id == ids.ip6_src ? cur_src : cur_dst, node->value.addr, 16);
          cur_len = 16;
        }
      else if (id == ids.srcport)
        {
          /* A new TCP header (tunnels carry two): finish the previous. */
          if (in_tcp)
            take_segment (f, &seg);
          memset (&seg, 0, sizeof seg);
          in_tcp = TRUE;
          seg.frame = pkt->frame->number;
          seg.sport = (guint32) node->value.u;
          memcpy (seg.src, cur_src, 16);
          memcpy (seg.dst, cur_dst, 16);
          seg.addr_len = cur_len;
          seg.have_src = seg.have_dst = cur_len != 0;
          seg.payload = (const guint8 *) "";
        }
      else if (!in_tcp)
        continue;
      else if (id == ids.dstport)
        seg.dport = (guint32) node->value.u;
      else if (id == ids.stream)
        {
          seg.stream = (guint32) node->value.u;
          seg.have_stream = TRUE;
        }
      else if (id == ids.seq)
        seg.seq = (guint32) node->value.u;
      else if (id == ids.ack)
        seg.ack = (guint32) node->value.u;
      else if (id == ids.len)
        seg.len = (guint32) node->value.u;
      else if (id == ids.flags)
        seg.flags = (guint32) node->value.u;
      else if (id == ids.payload)
        {
          seg.payload = node->value.bytes.ptr;
          seg.payload_len = node->value.bytes.len;
        }
    }
  if (in_tcp)
    take_segment (f, &seg);
}

gboolean
remora_follow_read (RemoraFollow        *f,
                    RemoraCaptureReader *reader,
                    GError             **error)
{
  g_autoptr(RemoraSession) session = remora_session_new ();
  g_autoptr(RemoraPacket) pkt = remora_packet_new ();
  g_autofree guint8 *wanted = g_malloc0 (remora_field_count ());
  RemoraPacketRecord rec;
  RemoraReadStatus st;
  guint32 number = 0;

  remora_session_set_will_revisit (session, FALSE);
  remora_follow_want_fields (wanted);
  remora_packet_set_wanted (pkt, wanted);
  while ((st = remora_capture_reader_next (reader, &rec, error)) == REMORA_READ_PACKET)
    {
      RemoraFrameInput in = { 0 };
      const RemoraInterface *iface = remora_capture_reader_get_interface (reader, rec.iface_id);

      in.number = ++number;
      in.data = rec.data;
      in.cap_len = rec.cap_len;
      in.orig_len = rec.orig_len;
      in.ts_ns = rec.ts_ns;
      in.iface_id = rec.iface_id;
      in.link_type = iface != NULL ? iface->link_type : REMORA_LINKTYPE_ETHERNET;
      in.pack_flags = rec.flags;
      remora_session_dissect (session, pkt, &in);
      remora_follow_add_packet (f, pkt);
    }
  return st == REMORA_READ_EOF;
}

guint
remora_follow_get_n_chunks (RemoraFollow *f)
{
  return f->chunks->len;
}

const RemoraFollowChunk *
remora_follow_get_chunk (RemoraFollow *f,
                         guint         index)
{
  const Record *r;
  RemoraFollowChunk c;
  gsize len;

  if (index >= f->chunks->len)
    return NULL;
  r = &g_array_index (f->chunks, Record, index);
  g_array_set_size (f->views, f->chunks->len);
  c.node = r->node;
  c.frame = r->frame;
  c.is_gap = r->is_gap;
  c.data = g_bytes_get_data (r->data, &len);
  c.length = (guint32) len;
  g_array_index (f->views, RemoraFollowChunk, index) = c;
  return &g_array_index (f->views, RemoraFollowChunk, index);
}

const char *
remora_follow_get_node (RemoraFollow *f,
                        guint         node)
{
  return node < 2 ? f->node_name[node] : NULL;
}

GBytes *
remora_follow_dup_direction (RemoraFollow *f,
                             guint         node)
{
  GByteArray *ba = g_byte_array_new ();

  for (guint i = 0; i < f->chunks->len; i++)
    {
      const Record *r = &g_array_index (f->chunks, Record, i);
      gsize len;
      const guint8 *d = g_bytes_get_data (r->data, &len);
      if (r->node == node)
        g_byte_array_append (ba, d, (guint) len);
    }
  return g_byte_array_free_to_bytes (ba);
}

void
remora_follow_format (RemoraFollow       *f,
                      RemoraFollowFormat  format,
                      GString            *out)
{
  static const char rule[] = "===================================================================\n";
  guint64 pos[2] = { 0, 0 };

  g_string_append_c (out, '\n');
  g_string_append (out, rule);
  g_string_append_printf (out, "Follow: tcp,%s\n", format == REMORA_FOLLOW_HEX ? "hex" : "ascii");
  g_string_append_printf (out, "Filter: tcp.stream eq %u\n", f->stream);
  g_string_append_printf (out, "Node 0: %s\n", f->node_name[0] ? f->node_name[0] : ":0");
  g_string_append_printf (out, "Node 1: %s\n", f->node_name[1] ? f->node_name[1] : ":0");
  for (guint i = 0; i < f->chunks->len; i++)
    {
      const Record *r = &g_array_index (f->chunks, Record, i);
      const char *indent = r->node ? "\t" : "";
      gsize len;
      const guint8 *d = g_bytes_get_data (r->data, &len);

      if (format == REMORA_FOLLOW_ASCII)
        {
          g_string_append_printf (out, "%s%" G_GSIZE_FORMAT "\n", indent, len);
          for (gsize k = 0; k < len; k++)
            g_string_append_c (out, (d[k] == '\n' || d[k] == '\r' || g_ascii_isprint (d[k])) ? (char) d[k] : '.');
          g_string_append_c (out, '\n');
        }
      else
        {
          for (gsize k = 0; k < len; k += 16)
            {
              gsize n = MIN (len - k, 16);
              gsize line_start = out->len;
              g_string_append_printf (out, "%s%08X  ", indent, (guint) (pos[r->node] + k));
              for (gsize j = 0; j < 16; j++)
                {
                  if (j < n)
                    g_string_append_printf (out, "%02x ", d[k + j]);
                  else
                    g_string_append (out, "   ");
                  if (j == 7)
                    g_string_append_c (out, ' ');
                }
              g_string_append_c (out, ' ');
              for (gsize j = 0; j < n; j++)
                {
                  if (j == 8)
                    g_string_append_c (out, ' ');
                  g_string_append_c (out, g_ascii_isprint (d[k + j]) ? (char) d[k + j] : '.');
                }
              /* tshark's line ends one column early: a blank there is lost */
              if (n == 16 && out->len > line_start && out->str[out->len - 1] == ' ')
                g_string_truncate (out, out->len - 1);
              g_string_append_c (out, '\n');
            }
        }
      pos[r->node] += len;
    }
  g_string_append (out, rule);
}
