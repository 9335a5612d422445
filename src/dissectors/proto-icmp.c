/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-icmp"

#include "config.h"

#include "proto-ip.h"

#include <string.h>

#include "remora-chunk-array.h"
#include "remora-dissectors.h"
#include "remora-frame-log.h"
#include "remora-record-index.h"

/* Internet Control Message Protocol (RFC 792): the header, echo matching
 * within the capture, and the quoted datagram of error messages. */

static int proto_icmp;
static int hf_type, hf_code, hf_checksum, hf_checksum_status, hf_ident, hf_ident_le, hf_seq,
           hf_seq_le, hf_resp_in, hf_resp_to, hf_resptime, hf_no_resp, hf_data_time,
           hf_data_time_rel, hf_unused, hf_mtu, hf_pointer, hf_redir_gw, hf_length,
           hf_length_orig, hf_orig_ts, hf_recv_ts, hf_xmit_ts, hf_address_mask;

static RemoraDissector *ip_handle;

static RemoraFieldDef icmp_fields[] = {
  { &hf_type, { "Type", "icmp.type", REMORA_FT_UINT8, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_code, { "Code", "icmp.code", REMORA_FT_UINT8, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_checksum, { "Checksum", "icmp.checksum", REMORA_FT_UINT16, REMORA_BASE_HEX, NULL, 0, NULL } },
  { &hf_checksum_status, { "Checksum Status", "icmp.checksum.status", REMORA_FT_UINT8, REMORA_BASE_NONE, remora_checksum_status_vals, 0, NULL } },
  { &hf_ident, { "Identifier (BE)", "icmp.ident", REMORA_FT_UINT16, REMORA_BASE_DEC_HEX, NULL, 0, NULL } },
  { &hf_ident_le, { "Identifier (LE)", "icmp.ident_le", REMORA_FT_UINT16, REMORA_BASE_DEC_HEX, NULL, 0, NULL } },
  { &hf_seq, { "Sequence Number (BE)", "icmp.seq", REMORA_FT_UINT16, REMORA_BASE_DEC_HEX, NULL, 0, NULL } },
  { &hf_seq_le, { "Sequence Number (LE)", "icmp.seq_le", REMORA_FT_UINT16, REMORA_BASE_DEC_HEX, NULL, 0, NULL } },
  { &hf_orig_ts, { "Originate Timestamp", "icmp.originate_timestamp", REMORA_FT_UINT32, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_recv_ts, { "Receive Timestamp", "icmp.receive_timestamp", REMORA_FT_UINT32, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_xmit_ts, { "Transmit Timestamp", "icmp.transmit_timestamp", REMORA_FT_UINT32, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_address_mask, { "Address Mask", "icmp.address_mask", REMORA_FT_IPv4, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_resp_in, { "Response frame", "icmp.resp_in", REMORA_FT_FRAMENUM, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_no_resp, { "No response seen", "icmp.no_resp", REMORA_FT_NONE, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_resp_to, { "Request frame", "icmp.resp_to", REMORA_FT_FRAMENUM, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_resptime, { "Response time", "icmp.resptime", REMORA_FT_DOUBLE, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_data_time, { "Timestamp from icmp data", "icmp.data_time", REMORA_FT_ABSOLUTE_TIME, REMORA_ABSOLUTE_TIME_UTC, NULL, 0, NULL } },
  { &hf_data_time_rel, { "Timestamp from icmp data (relative)", "icmp.data_time_relative", REMORA_FT_RELATIVE_TIME, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_unused, { "Unused", "icmp.unused", REMORA_FT_BYTES, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_mtu, { "MTU of next hop", "icmp.mtu", REMORA_FT_UINT16, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_pointer, { "Pointer", "icmp.pointer", REMORA_FT_UINT32, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_redir_gw, { "Gateway Address", "icmp.redir_gw", REMORA_FT_IPv4, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_length, { "Length", "icmp.length", REMORA_FT_UINT8, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_length_orig, { "Length of original datagram", "icmp.length.original_datagram", REMORA_FT_UINT8, REMORA_BASE_DEC, NULL, 0, NULL } },
};

static const RemoraValueString type_names[] = {
  { 0, "Echo (ping) reply" },
  { 1, "Reserved" },
  { 2, "Reserved" },
  { 3, "Destination unreachable" },
  { 4, "Source quench (flow control)" },
  { 5, "Redirect" },
  { 6, "Alternate host address" },
  { 8, "Echo (ping) request" },
  { 9, "Router advertisement" },
  { 10, "Router solicitation" },
  { 11, "Time-to-live exceeded" },
  { 12, "Parameter problem" },
  { 13, "Timestamp request" },
  { 14, "Timestamp reply" },
  { 15, "Information request" },
  { 16, "Information reply" },
  { 17, "Address mask request" },
  { 18, "Address mask reply" },
  { 30, "Traceroute" },
  { 31, "Datagram conversion error" },
  { 32, "Mobile host redirect" },
  { 33, "IPv6 where-are-you" },
  { 34, "IPv6 i-am-here" },
  { 35, "Mobile registration request" },
  { 36, "Mobile registration reply" },
  { 37, "Domain name request" },
  { 38, "Domain name reply" },
  { 39, "SKIP" },
  { 40, "Photuris" },
  { 42, "Extended Echo request" },
  { 43, "Extended Echo reply" },
  { 0, NULL }
};

static const RemoraValueString unreach_codes[] = {
  { 0, "Network unreachable" },
  { 1, "Host unreachable" },
  { 2, "Protocol unreachable" },
  { 3, "Port unreachable" },
  { 4, "Fragmentation needed" },
  { 5, "Source route failed" },
  { 6, "Destination network unknown" },
  { 7, "Destination host unknown" },
  { 8, "Source host isolated" },
  { 9, "Network administratively prohibited" },
  { 10, "Host administratively prohibited" },
  { 11, "Network unreachable for TOS" },
  { 12, "Host unreachable for TOS" },
  { 13, "Communication administratively filtered" },
  { 14, "Host precedence violation" },
  { 15, "Precedence cutoff in effect" },
  { 0, NULL }
};

static const RemoraValueString redirect_codes[] = {
  { 0, "Redirect for network" },
  { 1, "Redirect for host" },
  { 2, "Redirect for TOS and network" },
  { 3, "Redirect for TOS and host" },
  { 0, NULL }
};

static const RemoraValueString ttl_codes[] = {
  { 0, "Time to live exceeded in transit" },
  { 1, "Fragment reassembly time exceeded" },
  { 0, NULL }
};

static const RemoraValueString param_codes[] = {
  { 0, "Pointer indicates the error" },
  { 1, "Required option missing" },
  { 2, "Bad length" },
  { 0, NULL }
};

static const RemoraValueString rtradvert_codes[] = {
  { 0, "Normal router advertisement" },
  { 16, "Does not route common traffic" },
  { 0, NULL }
};

static const RemoraValueString althost_codes[] = {
  { 0, "Alternate address for host" },
  { 0, NULL }
};

/* ---- echo matching, shared with ICMPv6 ---- */

/* A request waits in the pending table for the first reply with the same
 * key; a reply that finds none, or comes after the first, matches
 * nothing.  A revisiting session keeps, per request, the frame of its
 * reply (found by the request's frame: requests come in frame order), and
 * per matched reply a record in the frame log with the request's frame and
 * the time between them. */
typedef struct {
  guint8  addr_lo[17];   /* type + address, the smaller of the two */
  guint8  addr_hi[17];
  guint32 key0;
  guint32 key1;
} EchoKey;

typedef struct {
  EchoKey key;
  gint64  request_ns;
  guint32 request_frame;
  guint32 request;       /* its EchoRequest, or NO_REQUEST; the free list's link once answered */
} EchoPending;

typedef struct {
  guint32 frame;
  guint32 reply_frame;   /* 0: none */
  guint8  occurrence;    /* the ICMP layer's depth in the frame */
} EchoRequest;

#define NO_REQUEST G_MAXUINT32

typedef struct {
  RemoraChunkArray  *pending;        /* EchoPending, reused once answered */
  RemoraRecordIndex *pending_index;  /* live ones, by key */
  guint32            free_pending;
  guint32            n_requests;     /* all requests seen, for the bound */
  RemoraChunkArray  *requests;       /* EchoRequest, revisiting sessions only */
  RemoraFrameLog    *log;            /* replies: varint frame - request frame, zigzag time since it; key: occurrence */
} EchoState;

/* Bounds the state a hostile capture can make us keep. */
#define MAX_TRANSACTIONS (1u << 20)

static guint
echo_key_hash (const EchoKey *k)
{
  guint h = 5381;

  for (gsize i = 0; i < sizeof *k; i++)
    h = h * 33 + ((const guint8 *) k)[i];
  return remora_record_hash_mix (h);
}

static guint
pending_rehash (gpointer user_data,
                guint32  index)
{
  EchoState *state = user_data;

  return echo_key_hash (&((const EchoPending *) remora_chunk_array_get (state->pending, index))->key);
}

static gboolean
pending_match (gpointer      user_data,
               guint32       index,
               gconstpointer key)
{
  EchoState *state = user_data;

  return memcmp (&((const EchoPending *) remora_chunk_array_get (state->pending, index))->key, key, sizeof (EchoKey)) == 0;
}

static void
echo_state_free (gpointer data)
{
  EchoState *state = data;

  remora_record_index_free (state->pending_index);
  remora_chunk_array_free (state->pending);
  remora_chunk_array_free (state->requests);
  remora_frame_log_free (state->log);
  g_free (state);
}

static void
make_key (EchoKey            *key,
          const RemoraPacket *pkt,
          guint32             key0,
          guint32             key1)
{
  guint8 a[17] = { 0 }, b[17] = { 0 };

  memset (key, 0, sizeof *key);
  a[0] = pkt->net_src.type;
  memcpy (a + 1, pkt->net_src.data, MIN (pkt->net_src.len, 16));
  b[0] = pkt->net_dst.type;
  memcpy (b + 1, pkt->net_dst.data, MIN (pkt->net_dst.len, 16));
  /* both directions are one conversation */
  if (memcmp (a, b, sizeof a) <= 0)
    {
      memcpy (key->addr_lo, a, sizeof a);
      memcpy (key->addr_hi, b, sizeof b);
    }
  else
    {
      memcpy (key->addr_lo, b, sizeof b);
      memcpy (key->addr_hi, a, sizeof a);
    }
  key->key0 = key0;
  key->key1 = key1;
}

/* The request of FRAME at depth OCCURRENCE, or NULL. */
static const EchoRequest *
find_request (EchoState *state,
              guint32    frame,
              guint8     occurrence)
{
  guint32 lo = 0, hi = state->requests != NULL ? remora_chunk_array_length (state->requests) : 0;

  while (lo < hi)
    {
      guint32 mid = lo + (hi - lo) / 2;

      if (((const EchoRequest *) remora_chunk_array_get (state->requests, mid))->frame < frame)
        lo = mid + 1;
      else
        hi = mid;
    }
  for (; lo < remora_chunk_array_length (state->requests); lo++)
    {
      const EchoRequest *r = remora_chunk_array_get (state->requests, lo);

      if (r->frame != frame)
        break;
      if (r->occurrence == occurrence)
        return r;
    }
  return NULL;
}

static void
revisit (EchoState       *state,
         RemoraPacket    *pkt,
         gboolean         is_request,
         guint8           occurrence,
         RemoraEchoMatch *out)
{
  if (is_request)
    {
      const EchoRequest *r = find_request (state, pkt->frame->number, occurrence);

      if (r == NULL || r->reply_frame == 0)
        return;
      out->found = TRUE;
      out->other_frame = r->reply_frame;
    }
  else
    {
      gsize len = 0;
      const guint8 *rec = state->log != NULL ? remora_frame_log_find (state->log, pkt->frame->number, occurrence, &len)
                                             : NULL;
      RemoraPackReader r;
      guint32 back;
      gint64 time_ns;

      if (rec == NULL)
        return;
      remora_unpack_init (&r, rec, len);
      back = remora_unpack_u32 (&r);
      time_ns = remora_unpack_s64 (&r);
      if (r.bad)
        return;
      out->found = TRUE;
      out->other_frame = pkt->frame->number - back;
      out->request_ns = (gint64) ((guint64) pkt->frame->ts_ns - (guint64) time_ns);
    }
}

void
remora_echo_match (RemoraPacket    *pkt,
                   int              proto,
                   gboolean         is_request,
                   guint32          key0,
                   guint32          key1,
                   RemoraEchoMatch *out)
{
  EchoState *state = remora_session_get_proto_data (pkt->session, proto);
  guint8 occurrence = (guint8) MIN (pkt->n_layers, 255);
  EchoPending *p;
  guint32 *slot, index;
  EchoKey key;
  guint hash;

  memset (out, 0, sizeof *out);
  if (state == NULL)
    {
      if (pkt->visited)
        return;
      state = g_new0 (EchoState, 1);
      state->pending = remora_chunk_array_new (sizeof (EchoPending));
      state->pending_index = remora_record_index_new (pending_rehash, state);
      state->free_pending = NO_REQUEST;
      remora_session_set_proto_data (pkt->session, proto, state, echo_state_free);
    }

  if (pkt->visited)
    {
      revisit (state, pkt, is_request, occurrence, out);
      return;
    }

  make_key (&key, pkt, key0, key1);
  hash = echo_key_hash (&key);
  slot = remora_record_index_lookup (state->pending_index, hash, pending_match, &key);

  if (is_request)
    {
      if (state->n_requests >= MAX_TRANSACTIONS)
        return;
      state->n_requests++;
      /* a later identical request takes the slot, as a newer one would */
      if (slot != NULL)
        p = remora_chunk_array_get (state->pending, *slot);
      else
        {
          if (state->free_pending != NO_REQUEST)
            {
              index = state->free_pending;
              p = remora_chunk_array_get (state->pending, index);
              state->free_pending = p->request;
            }
          else
            index = remora_chunk_array_append (state->pending, (gpointer *) &p);
          p->key = key;
          remora_record_index_insert (state->pending_index, hash, index);
        }
      p->request_frame = pkt->frame->number;
      p->request_ns = pkt->frame->ts_ns;
      p->request = NO_REQUEST;
      if (remora_session_get_will_revisit (pkt->session))
        {
          EchoRequest *r;

          if (state->requests == NULL)
            state->requests = remora_chunk_array_new (sizeof (EchoRequest));
          p->request = remora_chunk_array_append (state->requests, (gpointer *) &r);
          r->frame = pkt->frame->number;
          r->occurrence = occurrence;
        }
      out->found = TRUE;
      return;
    }

  if (slot == NULL)
    return;
  /* Answered: later replies with this key match nothing, as before a new
   * request comes. */
  index = *slot;
  p = remora_chunk_array_get (state->pending, index);
  remora_record_index_remove (state->pending_index, slot);
  out->found = TRUE;
  out->other_frame = p->request_frame;
  out->request_ns = p->request_ns;
  if (p->request != NO_REQUEST)
    {
      RemoraPackWriter w;

      ((EchoRequest *) remora_chunk_array_get (state->requests, p->request))->reply_frame = pkt->frame->number;
      remora_pack_init (&w);
      remora_pack_u32 (&w, pkt->frame->number - p->request_frame);
      remora_pack_s64 (&w, (gint64) ((guint64) pkt->frame->ts_ns - (guint64) p->request_ns));
      if (state->log == NULL)
        state->log = remora_frame_log_new ();
      remora_frame_log_append (state->log, pkt->frame->number, occurrence, w.buf, w.len);
    }
  p->request = state->free_pending;
  state->free_pending = index;
}

/* ---- timestamps ping puts in its data ---- */

static gboolean
better_guess (gint64   secs,
              gint64   usecs,
              gint64   frame_ns,
              gint64  *best_delta,
              gint64  *out_ns)
{
  gint64 ns, delta;

  if (usecs < 0 || usecs >= 1000000)
    return FALSE;
  if (secs > G_MAXINT64 / 1000000000 - 1 || secs < G_MININT64 / 1000000000 + 1)
    return FALSE;
  ns = secs * 1000000000 + usecs * 1000;
  delta = ns > frame_ns ? ns - frame_ns : frame_ns - ns;
  if (delta < 0 || delta >= *best_delta)
    return FALSE;
  *best_delta = delta;
  *out_ns = ns;
  return TRUE;
}

/* Looks for a struct timeval (32 or 64-bit seconds, either byte order)
 * within a day of the frame's time; returns its size (0: none). */
static guint
guess_timestamp (const RemoraTvb *tvb,
                 guint32          offset,
                 gint64           frame_ns,
                 gint64          *out_ns)
{
  gint64 best = (gint64) 86400 * 1000000000;
  gboolean have16 = remora_tvb_bytes_exist (tvb, offset, 16);
  guint len = 0;
  guint32 u;

  if (!remora_tvb_bytes_exist (tvb, offset, 8))
    return 0;
  if (have16 && better_guess ((gint64) remora_tvb_get_letoh64 (tvb, offset),
                              (gint64) remora_tvb_get_letoh64 (tvb, offset + 8), frame_ns, &best, out_ns))
    len = 16;
  u = remora_tvb_get_letohl (tvb, offset + 4);
  /* a 64-bit LE time_t reads as 32-bit seconds with zero microseconds */
  if ((len == 0 || u != 0)
      && better_guess (remora_tvb_get_letohl (tvb, offset), u, frame_ns, &best, out_ns))
    len = 8;
  if (better_guess (remora_tvb_get_ntohl (tvb, offset), remora_tvb_get_ntohl (tvb, offset + 4),
                    frame_ns, &best, out_ns))
    len = 8;
  if (have16 && better_guess ((gint64) remora_tvb_get_ntoh64 (tvb, offset),
                              (gint64) remora_tvb_get_ntoh64 (tvb, offset + 8), frame_ns, &best, out_ns))
    len = 16;
  return len;
}

static gboolean
is_unicast (const RemoraAddress *addr)
{
  if (addr->type == REMORA_AT_IPv4)
    return !((addr->data[0] & 0xf0) == 0xe0 ||
             (addr->data[0] == 0xff && addr->data[1] == 0xff && addr->data[2] == 0xff && addr->data[3] == 0xff));
  if (addr->type == REMORA_AT_IPv6)
    return addr->data[0] != 0xff;
  return TRUE;
}

static void
add_echo_tracking (const RemoraTvb *tvb,
                   RemoraPacket    *pkt,
                   RemoraItem       tree,
                   guint8           type,
                   guint16          cksum,
                   guint16          id,
                   guint16          seq)
{
  RemoraEchoMatch m;
  guint32 key0, key1 = (guint32) id << 16 | seq;

  if (type == 8)
    {
      /* the checksum the reply will carry: type 8 -> 0 changes it by 0x0800 */
      guint32 sum = (guint16) ~cksum;

      sum += (guint16) ~0x0800;
      while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
      key0 = (guint16) ~sum;
      remora_echo_match (pkt, proto_icmp, TRUE, key0, key1, &m);
      if (m.other_frame != 0)
        {
          remora_item_set_generated (pkt, remora_add_uint (pkt, tree, hf_resp_in, tvb, 0, 0, m.other_frame));
          remora_col_append_info (pkt, " (reply in %u)", m.other_frame);
        }
      else if (!is_unicast (&pkt->dst))
        remora_col_append_info (pkt, " (%s)", pkt->dst.type == REMORA_AT_IPv4 && pkt->dst.data[0] == 0xff ? "broadcast" : "multicast");
      else if (pkt->visited)
        {
          RemoraItem ti = remora_add_item (pkt, tree, hf_no_resp, tvb, 0, 0, REMORA_ENC_NA);

          remora_item_set_generated (pkt, ti);
          remora_add_expert (pkt, ti, tvb, 0, 0, "Warning", "Sequence", "No response seen to ICMP request");
          remora_col_append_info (pkt, " (no response found!)");
        }
    }
  else
    {
      key0 = cksum == 0xffff ? 0 : cksum;
      remora_echo_match (pkt, proto_icmp, FALSE, key0, key1, &m);
      if (m.found && m.other_frame != 0)
        {
          double ms = (double) (pkt->frame->ts_ns - m.request_ns) / 1e6;
          RemoraItem ti;

          remora_item_set_generated (pkt, remora_add_uint (pkt, tree, hf_resp_to, tvb, 0, 0, m.other_frame));
          ti = remora_add_double (pkt, tree, hf_resptime, tvb, 0, 0, ms);
          remora_item_set_generated (pkt, ti);
          remora_item_set_text (pkt, ti, "Response time: %.3f ms", ms);
          remora_col_append_info (pkt, " (request in %u)", m.other_frame);
        }
    }
}

static const char *
code_name (guint8 type,
           guint8 code,
           char  *buf,
           gsize  size)
{
  const RemoraValueString *vs;
  const char *name;

  switch (type)
    {
    case 3: vs = unreach_codes; break;
    case 5: vs = redirect_codes; break;
    case 6: vs = althost_codes; break;
    case 9: vs = rtradvert_codes; break;
    case 11: vs = ttl_codes; break;
    case 12: vs = param_codes; break;
    default: return NULL;
    }
  name = remora_value_string_lookup (vs, code);
  if (name != NULL)
    return name;
  g_snprintf (buf, size, "Unknown code: %u", code);
  return buf;
}

static int
dissect_icmp (const RemoraTvb *tvb,
              RemoraPacket    *pkt,
              RemoraItem       parent,
              void            *data)
{
  gboolean error_pkt = pkt->in_error_pkt > 0;
  guint8 type, code, orig_len;
  const char *type_str, *code_str;
  char code_buf[32];
  RemoraItem tree, ti;
  guint16 cksum;
  guint32 offset = 8;
  guint status;

  remora_col_set_protocol (pkt, "ICMP");
  remora_col_clear_info (pkt);

  type = remora_tvb_get_u8 (tvb, 0);
  code = remora_tvb_get_u8 (tvb, 1);
  orig_len = remora_tvb_get_u8 (tvb, 5);
  type_str = remora_value_string_lookup (type_names, type);
  if (type_str == NULL)
    type_str = "Unknown ICMP (obsolete or malformed?)";
  if (type == 9 && (code == 0 || code == 16))
    type_str = "Mobile IP Advertisement";
  code_str = code_name (type, code, code_buf, sizeof code_buf);
  if (type == 6)
    orig_len = 0;

  remora_col_add_info (pkt, "%-20s", type_str);
  if (code_str != NULL)
    remora_col_append_info (pkt, " (%s)", code_str);

  tree = remora_add_protocol (pkt, parent, proto_icmp, tvb, 0, tvb->captured);
  ti = remora_add_uint (pkt, tree, hf_type, tvb, 0, 1, type);
  remora_item_append_text (pkt, ti, " (%s)", type_str);
  ti = remora_add_uint (pkt, tree, hf_code, tvb, 1, 1, code);
  if (code_str != NULL)
    remora_item_append_text (pkt, ti, " (%s)", code_str);

  cksum = remora_tvb_get_ntohs (tvb, 2);
  ti = remora_add_uint (pkt, tree, hf_checksum, tvb, 2, 2, cksum);
  if (!error_pkt && tvb->captured >= tvb->reported)
    {
      guint16 computed = remora_cksum_finish (remora_cksum_add (0, remora_tvb_get_ptr (tvb, 0, tvb->reported), tvb->reported));

      if (computed == 0)
        {
          status = REMORA_CKSUM_GOOD;
          remora_item_append_text (pkt, ti, " [correct]");
        }
      else
        {
          guint16 shouldbe = remora_cksum_shouldbe (cksum, computed);

          status = REMORA_CKSUM_BAD;
          remora_item_append_text (pkt, ti, " incorrect, should be 0x%04x", shouldbe);
          remora_add_expert (pkt, ti, tvb, 2, 2, "Warning", "Checksum", "Bad checksum [should be 0x%04x]", shouldbe);
        }
    }
  else
    {
      status = REMORA_CKSUM_UNVERIFIED;
      remora_item_append_text (pkt, ti, " [unverified] [%s]", error_pkt ? "in ICMP error packet" : "fragmented datagram");
    }
  remora_item_set_generated (pkt, remora_add_uint (pkt, tree, hf_checksum_status, tvb, 2, 0, status));

  switch (type)
    {
    case 0: case 8: case 13: case 14: case 15: case 16: case 17: case 18:
      {
        guint16 id = remora_tvb_get_ntohs (tvb, 4);
        guint16 seq = remora_tvb_get_ntohs (tvb, 6);

        remora_add_item (pkt, tree, hf_ident, tvb, 4, 2, REMORA_ENC_BIG_ENDIAN);
        remora_add_item (pkt, tree, hf_ident_le, tvb, 4, 2, REMORA_ENC_LITTLE_ENDIAN);
        remora_add_item (pkt, tree, hf_seq, tvb, 6, 2, REMORA_ENC_BIG_ENDIAN);
        remora_add_item (pkt, tree, hf_seq_le, tvb, 6, 2, REMORA_ENC_LITTLE_ENDIAN);
        remora_col_append_info (pkt, " id=0x%04x, seq=%u/%u", id, seq, GUINT16_SWAP_LE_BE (seq));
        if (pkt->ip_ttl != 0 || pkt->net_src.type == REMORA_AT_IPv4)
          remora_col_append_info (pkt, ", ttl=%u", pkt->ip_ttl);
        if ((type == 0 || type == 8) && !error_pkt)
          add_echo_tracking (tvb, pkt, tree, type, cksum, id, seq);
      }
      break;
    case 3:
    case 11:
      if (orig_len > 0)
        {
          remora_add_item (pkt, tree, hf_unused, tvb, 4, 1, REMORA_ENC_NA);
          remora_add_item (pkt, tree, hf_length, tvb, 5, 1, REMORA_ENC_BIG_ENDIAN);
          remora_item_set_generated (pkt, remora_add_uint (pkt, tree, hf_length_orig, tvb, 5, 1, orig_len * 4));
          if (type == 3 && code == 4)
            remora_add_item (pkt, tree, hf_mtu, tvb, 6, 2, REMORA_ENC_BIG_ENDIAN);
          else
            remora_add_item (pkt, tree, hf_unused, tvb, 6, 2, REMORA_ENC_NA);
        }
      else if (type == 3 && code == 4)
        {
          remora_add_item (pkt, tree, hf_unused, tvb, 4, 2, REMORA_ENC_NA);
          remora_add_item (pkt, tree, hf_mtu, tvb, 6, 2, REMORA_ENC_BIG_ENDIAN);
        }
      else
        remora_add_item (pkt, tree, hf_unused, tvb, 4, 4, REMORA_ENC_NA);
      break;
    case 12:
      remora_add_uint (pkt, tree, hf_pointer, tvb, 4, 1, remora_tvb_get_u8 (tvb, 4));
      if (orig_len > 0)
        {
          remora_add_item (pkt, tree, hf_length, tvb, 5, 1, REMORA_ENC_BIG_ENDIAN);
          remora_item_set_generated (pkt, remora_add_uint (pkt, tree, hf_length_orig, tvb, 5, 1, orig_len * 4));
          remora_add_item (pkt, tree, hf_unused, tvb, 6, 2, REMORA_ENC_NA);
        }
      else
        remora_add_item (pkt, tree, hf_unused, tvb, 5, 3, REMORA_ENC_NA);
      break;
    case 5:
      remora_add_item (pkt, tree, hf_redir_gw, tvb, 4, 4, REMORA_ENC_BIG_ENDIAN);
      break;
    default:
      break;
    }

  switch (type)
    {
    case 3: case 4: case 5: case 11: case 12:
      {
        RemoraTvb quoted;
        guint32 qlen = remora_tvb_reported_remaining (tvb, 8);

        /* RFC 4884 says how much of the original datagram there is */
        if (type == 5)
          qlen = MIN (qlen, (guint32) (remora_tvb_get_u8 (tvb, 8) & 0x0f) * 4 + 8);
        else if (orig_len > 0 && tvb->reported > 8u + orig_len * 4u
                 && remora_tvb_get_ntohs (tvb, 10) > orig_len * 4u)
          qlen = MIN (qlen, (guint32) ((remora_tvb_get_u8 (tvb, 8) & 0x0f) + orig_len) * 4);
        else if (qlen > 128 && remora_tvb_get_ntohs (tvb, 10) > 128)
          qlen = 128;
        remora_tvb_subset_length (&quoted, tvb, 8, qlen);
        pkt->in_error_pkt++;
        remora_call_dissector_guarded (ip_handle, &quoted, pkt, tree, NULL);
        pkt->in_error_pkt--;
        if (tvb->reported > 8 + qlen && pkt->tree_mode)
          remora_add_text (pkt, tree, tvb, 8 + qlen, tvb->reported - 8 - qlen, "ICMP Multi-Part Extensions");
        return (int) tvb->captured;
      }
    case 0:
    case 8:
      {
        gint64 ts_ns = 0;
        guint len = error_pkt ? 0 : guess_timestamp (tvb, 8, pkt->frame->ts_ns, &ts_ns);

        if (len > 0)
          {
            remora_add_time (pkt, tree, hf_data_time, tvb, 8, len, ts_ns);
            remora_item_set_generated (pkt, remora_add_time (pkt, tree, hf_data_time_rel, tvb, 8, len,
                                                              pkt->frame->ts_ns - ts_ns));
            offset += len;
          }
      }
      break;
    case 13:
    case 14:
      remora_add_item (pkt, tree, hf_orig_ts, tvb, 8, 4, REMORA_ENC_BIG_ENDIAN);
      remora_add_item (pkt, tree, hf_recv_ts, tvb, 12, 4, REMORA_ENC_BIG_ENDIAN);
      remora_add_item (pkt, tree, hf_xmit_ts, tvb, 16, 4, REMORA_ENC_BIG_ENDIAN);
      offset = 20;
      break;
    case 17:
    case 18:
      remora_add_item (pkt, tree, hf_address_mask, tvb, 8, 4, REMORA_ENC_BIG_ENDIAN);
      offset = 12;
      break;
    default:
      break;
    }

  if (remora_tvb_reported_remaining (tvb, offset) > 0)
    {
      RemoraTvb rest;

      remora_tvb_subset_remaining (&rest, tvb, offset);
      remora_call_data (&rest, pkt, tree);
    }
  return (int) tvb->captured;
}

void
remora_register_icmp (void)
{
  proto_icmp = remora_proto_register ("Internet Control Message Protocol", "ICMP", "icmp");
  remora_fields_register (proto_icmp, icmp_fields, G_N_ELEMENTS (icmp_fields));
  remora_dissector_register ("icmp", proto_icmp, dissect_icmp);
}

void
remora_handoff_icmp (void)
{
  ip_handle = remora_dissector_find ("ip");
  remora_table_add_uint ("ip.proto", 1, remora_dissector_find ("icmp"));
}
