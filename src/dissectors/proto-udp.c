/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-udp"

#include "config.h"

#include "remora-dissectors.h"

#include "remora-address-table.h"
#include "remora-chunk-array.h"
#include "remora-frame-log.h"
#include "remora-record-index.h"
#include "remora-tcp-conversation.h"
#include "remora-time-column.h"

/* User Datagram Protocol (RFC 768).  udp.stream numbers address/port
 * pairs in order of first appearance, kept per session like TCP's. */

static int proto_udp;
static int hf_srcport, hf_dstport, hf_port, hf_length, hf_checksum, hf_checksum_status;
static int hf_stream, hf_time_relative, hf_time_delta, hf_payload, hf_length_bad;

static gboolean pref_check_checksum = FALSE;
static RemoraDissector *data_handle;

static const RemoraValueString checksum_status_vals[] = {
  { 0, "Bad" }, { 1, "Good" }, { 2, "Unverified" }, { 3, "Not present" }, { 4, "Illegal" },
  { 0, NULL }
};

static RemoraFieldDef udp_fields[] = {
  { &hf_srcport, { "Source Port", "udp.srcport", REMORA_FT_UINT16, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_dstport, { "Destination Port", "udp.dstport", REMORA_FT_UINT16, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_port, { "Source or Destination Port", "udp.port", REMORA_FT_UINT16, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_stream, { "Stream index", "udp.stream", REMORA_FT_UINT32, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_length, { "Length", "udp.length", REMORA_FT_UINT16, REMORA_BASE_DEC, NULL, 0,
                  "Length in octets including this header and the data" } },
  { &hf_checksum, { "Checksum", "udp.checksum", REMORA_FT_UINT16, REMORA_BASE_HEX, NULL, 0,
                    "Details at: https://www.wireshark.org/docs/wsug_html_chunked/ChAdvChecksums.html" } },
  { &hf_checksum_status, { "Checksum Status", "udp.checksum.status", REMORA_FT_UINT8, REMORA_BASE_NONE,
                           checksum_status_vals, 0, NULL } },
  { &hf_time_relative, { "Time since first frame", "udp.time_relative", REMORA_FT_RELATIVE_TIME, REMORA_BASE_NONE,
                         NULL, 0, "Time relative to first frame in this UDP stream" } },
  { &hf_time_delta, { "Time since previous frame", "udp.time_delta", REMORA_FT_RELATIVE_TIME, REMORA_BASE_NONE,
                      NULL, 0, "Time delta from previous frame in this UDP stream" } },
  { &hf_payload, { "Payload", "udp.payload", REMORA_FT_BYTES, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_length_bad, { "Bad length value", "udp.length.bad", REMORA_FT_NONE, REMORA_BASE_NONE, NULL, 0, NULL } },
};

/* Per stream: its endpoints (the pair of addresses interned, so that a
 * key is 8 bytes whatever the address type) and the times
 * udp.time_relative and udp.time_delta are measured from.  Streams are
 * never replaced, so a redissected frame finds its stream again by its
 * endpoints. */
typedef struct {
  guint32 first_ts;      /* the first frame's time, in UdpState.times */
  guint32 prev_off;      /* the previous frame's time - the first's, or PREV_FAR */
  guint32 addrs;         /* RemoraConvKey's a and b, as a pair */
  guint16 port[2];
} UdpStream;

/* prev_off that does not fit: the time is in far_prev. */
#define PREV_FAR G_MAXUINT32

typedef struct {
  guint32 addrs;
  guint16 port[2];
} UdpKey;

typedef struct {
  RemoraAddressTable *addrs;
  RemoraChunkArray  *streams;        /* UdpStream, by udp.stream */
  RemoraTimeColumn  *times;
  RemoraRecordIndex *stream_index;
  GHashTable        *far_prev;       /* stream + 1 -> gint64 * */
  /* Revisiting sessions only: a frame's time delta where it is not the
   * time since the stream's first frame (as it is for a stream's first two
   * frames, which is all most streams have).  Key: the UDP layer's depth. */
  RemoraFrameLog    *log;
} UdpState;

static guint
key_hash (const UdpKey *k)
{
  return remora_record_hash_mix ((guint64) k->addrs << 32 | (guint64) k->port[0] << 16 | k->port[1]);
}

static guint
stream_rehash (gpointer user_data,
               guint32  index)
{
  UdpState *state = user_data;
  const UdpStream *s = remora_chunk_array_get (state->streams, index);
  UdpKey k = { s->addrs, { s->port[0], s->port[1] } };

  return key_hash (&k);
}

static gboolean
stream_match (gpointer      user_data,
              guint32       index,
              gconstpointer key)
{
  UdpState *state = user_data;
  const UdpStream *s = remora_chunk_array_get (state->streams, index);
  const UdpKey *k = key;

  return s->addrs == k->addrs && s->port[0] == k->port[0] && s->port[1] == k->port[1];
}

static void
udp_state_free (gpointer data)
{
  UdpState *state = data;

  remora_address_table_free (state->addrs);
  remora_record_index_free (state->stream_index);
  remora_chunk_array_free (state->streams);
  remora_time_column_free (state->times);
  g_hash_table_unref (state->far_prev);
  remora_frame_log_free (state->log);
  g_free (state);
}

static UdpState *
get_state (RemoraPacket *pkt)
{
  UdpState *state = remora_session_get_proto_data (pkt->session, proto_udp);

  if (state == NULL)
    {
      state = g_new0 (UdpState, 1);
      state->addrs = remora_address_table_new ();
      state->streams = remora_chunk_array_new (sizeof (UdpStream));
      state->times = remora_time_column_new ();
      state->stream_index = remora_record_index_new (stream_rehash, state);
      state->far_prev = g_hash_table_new_full (NULL, NULL, NULL, g_free);
      remora_session_set_proto_data (pkt->session, proto_udp, state, udp_state_free);
    }
  return state;
}

/* The stream of the packet's endpoints: created when ADD, else NULL when
 * there is none.  *INDEX gets its number. */
static UdpStream *
find_stream (UdpState     *state,
             RemoraPacket *pkt,
             guint16       sport,
             guint16       dport,
             gboolean      add,
             guint32      *index)
{
  RemoraConvKey ck;
  guint32 a, b;
  UdpKey k;
  guint32 *slot;
  guint hash;
  UdpStream *s;

  remora_conv_key_init (&ck, &pkt->net_src, &pkt->net_dst, sport, dport);
  a = remora_address_table_intern (state->addrs, &ck.a, add);
  b = remora_address_table_intern (state->addrs, &ck.b, add);
  if (a == REMORA_ADDRESS_NONE || b == REMORA_ADDRESS_NONE)
    return NULL;
  k.addrs = remora_address_table_intern_pair (state->addrs, a, b, add);
  if (k.addrs == REMORA_ADDRESS_NONE)
    return NULL;
  k.port[0] = ck.port_a;
  k.port[1] = ck.port_b;
  hash = key_hash (&k);
  slot = remora_record_index_lookup (state->stream_index, hash, stream_match, &k);
  if (slot != NULL)
    {
      *index = *slot;
      return remora_chunk_array_get (state->streams, *slot);
    }
  if (!add)
    return NULL;
  *index = remora_chunk_array_append (state->streams, (gpointer *) &s);
  s->addrs = k.addrs;
  s->port[0] = k.port[0];
  s->port[1] = k.port[1];
  s->first_ts = remora_time_column_encode (state->times, *index, pkt->frame->ts_ns);
  s->prev_off = 0;
  remora_record_index_insert (state->stream_index, hash, *index);
  return s;
}

/* A - B as two's complement wraps it, without the undefined overflow. */
static gint64
wrap_sub (gint64 a,
          gint64 b)
{
  return (gint64) ((guint64) a - (guint64) b);
}

static gint64
stream_first_ts (UdpState        *state,
                 const UdpStream *s,
                 guint32          index)
{
  return remora_time_column_decode (state->times, index, s->first_ts);
}

static gint64
stream_prev_ts (UdpState        *state,
                const UdpStream *s,
                guint32          index)
{
  if (s->prev_off == PREV_FAR)
    return *(const gint64 *) g_hash_table_lookup (state->far_prev, GUINT_TO_POINTER (index + 1));
  return (gint64) ((guint64) stream_first_ts (state, s, index) + s->prev_off);
}

static void
stream_set_prev_ts (UdpState  *state,
                    UdpStream *s,
                    guint32    index,
                    gint64     ts)
{
  guint64 off = (guint64) ts - (guint64) stream_first_ts (state, s, index);

  if (off < PREV_FAR)
    {
      if (s->prev_off == PREV_FAR)
        g_hash_table_remove (state->far_prev, GUINT_TO_POINTER (index + 1));
      s->prev_off = (guint32) off;
    }
  else
    {
      gint64 *p = s->prev_off == PREV_FAR ? g_hash_table_lookup (state->far_prev, GUINT_TO_POINTER (index + 1)) : NULL;

      /* a long stream's every frame lands here: one allocation per stream */
      if (p == NULL)
        {
          p = g_new (gint64, 1);
          g_hash_table_insert (state->far_prev, GUINT_TO_POINTER (index + 1), p);
        }
      *p = ts;
      s->prev_off = PREV_FAR;
    }
}

/* Payload handoff guarded, so a broken payload keeps the UDP tree. */
static gboolean
try_port (guint16          port,
          const RemoraTvb *tvb,
          RemoraPacket    *pkt,
          RemoraItem       tree)
{
  RemoraDissector *d = remora_table_lookup_uint ("udp.port", port);

  return d != NULL && remora_call_dissector_guarded (d, tvb, pkt, tree, NULL) != 0;
}

static int
dissect_udp (const RemoraTvb *tvb,
             RemoraPacket    *pkt,
             RemoraItem       parent,
             void            *data)
{
  gboolean in_error = pkt->in_error_pkt > 0;
  guint32 reported = remora_tvb_reported_remaining (tvb, 0);
  guint16 sport, dport, ulen, cksum;
  RemoraItem tree, it;
  UdpStream *stream = NULL;
  guint32 stream_number = 0;
  gint64 first_ts = 0;
  gint64 delta_ns = 0;
  guint32 payload_len;

  (void) data;
  tree = remora_add_protocol (pkt, parent, proto_udp, tvb, 0, MIN (reported, 8));
  remora_col_set_protocol (pkt, "UDP");
  if (!in_error)
    remora_col_clear_info (pkt);

  sport = remora_tvb_get_ntohs (tvb, 0);
  dport = remora_tvb_get_ntohs (tvb, 2);
  remora_add_item (pkt, tree, hf_srcport, tvb, 0, 2, REMORA_ENC_BIG_ENDIAN);
  remora_add_item (pkt, tree, hf_dstport, tvb, 2, 2, REMORA_ENC_BIG_ENDIAN);
  remora_item_set_hidden (pkt, remora_add_uint (pkt, tree, hf_port, tvb, 0, 2, sport));
  remora_item_set_hidden (pkt, remora_add_uint (pkt, tree, hf_port, tvb, 2, 2, dport));
  remora_item_set_text (pkt, tree, "User Datagram Protocol, Src Port: %u, Dst Port: %u", sport, dport);
  if (!in_error)
    {
      pkt->ptype = REMORA_PT_UDP;
      pkt->srcport = sport;
      pkt->destport = dport;
      remora_col_add_info (pkt, "%u \xe2\x86\x92 %u", sport, dport);
    }

  ulen = remora_tvb_get_ntohs (tvb, 4);
  it = remora_add_item (pkt, tree, hf_length, tvb, 4, 2, REMORA_ENC_BIG_ENDIAN);
  if (ulen < 8)
    {
      remora_item_append_text (pkt, it, " (bogus, must be >= 8)");
      remora_add_expert (pkt, it, tvb, 4, 2, "Error", "Malformed", "Bad length value %u < 8", ulen);
      if (!in_error)
        remora_col_append_info (pkt, " [BAD UDP LENGTH %u < 8]", ulen);
      return 8;
    }
  if (ulen > reported && !in_error)
    {
      /* Past the IP payload: said so, and the IP payload is used. */
      remora_item_append_text (pkt, it, " (bogus, payload length %u)", reported);
      remora_add_expert (pkt, it, tvb, 4, 2, "Error", "Malformed", "Bad length value %u > IP payload length", ulen);
      remora_col_append_info (pkt, " [BAD UDP LENGTH %u > IP PAYLOAD LENGTH]", ulen);
      payload_len = reported - 8;
    }
  else
    payload_len = ulen - 8;

  cksum = remora_tvb_get_ntohs (tvb, 6);
  it = remora_add_item (pkt, tree, hf_checksum, tvb, 6, 2, REMORA_ENC_BIG_ENDIAN);
  if (cksum == 0 && pkt->net_src.type != REMORA_AT_IPv6)
    {
      remora_item_append_text (pkt, it, " [zero-value ignored]");
      it = remora_add_uint (pkt, it, hf_checksum_status, tvb, 6, 2, 3);
      remora_item_set_generated (pkt, it);
      remora_item_set_text (pkt, it, "Checksum Status: Not present");
    }
  else
    {
      remora_item_append_text (pkt, it, " [unverified]");
      it = remora_add_uint (pkt, tree, hf_checksum_status, tvb, 6, 2, 2);
      remora_item_set_generated (pkt, it);
      remora_item_set_text (pkt, it, "Checksum Status: Unverified");
    }

  if (!in_error)
    {
      UdpState *state = get_state (pkt);
      guint8 occ = (guint8) MIN (pkt->n_layers, 255);
      gint64 since_first;

      stream = find_stream (state, pkt, sport, dport, !pkt->visited, &stream_number);
      if (stream != NULL)
        {
          first_ts = stream_first_ts (state, stream, stream_number);
          since_first = wrap_sub (pkt->frame->ts_ns, first_ts);
          if (pkt->visited)
            {
              gsize len = 0;
              const guint8 *rec = state->log != NULL ? remora_frame_log_find (state->log, pkt->frame->number, occ, &len)
                                                     : NULL;
              RemoraPackReader r;

              delta_ns = since_first;
              if (rec != NULL)
                {
                  remora_unpack_init (&r, rec, len);
                  delta_ns = remora_unpack_s64 (&r);
                }
            }
          else
            {
              delta_ns = wrap_sub (pkt->frame->ts_ns, stream_prev_ts (state, stream, stream_number));
              stream_set_prev_ts (state, stream, stream_number, pkt->frame->ts_ns);
              if (delta_ns != since_first && remora_session_get_will_revisit (pkt->session))
                {
                  RemoraPackWriter w;

                  if (state->log == NULL)
                    state->log = remora_frame_log_new ();
                  remora_pack_init (&w);
                  remora_pack_s64 (&w, delta_ns);
                  remora_frame_log_append (state->log, pkt->frame->number, occ, w.buf, w.len);
                }
            }
        }
    }

  if (stream != NULL)
    {
      RemoraItem ts;
      remora_item_set_generated (pkt, remora_add_uint (pkt, tree, hf_stream, tvb, 0, 0, stream_number));
      pkt->stream_index = stream_number;
      if (pkt->tree_mode || remora_wants (pkt, hf_time_relative) || remora_wants (pkt, hf_time_delta))
        {
          ts = remora_add_text (pkt, tree, tvb, 0, 0, "[Timestamps]");
          remora_item_set_generated (pkt, remora_add_time (pkt, ts, hf_time_relative, tvb, 0, 0,
                                                           wrap_sub (pkt->frame->ts_ns, first_ts)));
          remora_item_set_generated (pkt, remora_add_time (pkt, ts, hf_time_delta, tvb, 0, 0, delta_ns));
        }
    }

  /* Inside an ICMP error the quoted datagram's payload is still handed on
   * (tshark shows the DNS query an unreachable port refused); the column
   * and state functions ignore quoted packets themselves. */
  remora_col_append_info (pkt, " Len=%u", ulen - 8u);

  if (payload_len > 0)
    {
      RemoraTvb next;
      guint16 lo = MIN (sport, dport), hi = MAX (sport, dport);
      guint32 avail = remora_tvb_captured_remaining (tvb, 8);

      it = remora_add_item (pkt, tree, hf_payload, tvb, 8, MIN (avail, payload_len), REMORA_ENC_NA);
      remora_item_set_text (pkt, it, "UDP payload (%u byte%s)", payload_len, payload_len == 1 ? "" : "s");
      remora_tvb_subset_length (&next, tvb, 8, payload_len);
      if (!try_port (lo, &next, pkt, parent) && (lo == hi || !try_port (hi, &next, pkt, parent)))
        remora_call_dissector_guarded (data_handle, &next, pkt, parent, NULL);
    }
  return (int) reported;
}

void
remora_register_udp (void)
{
  proto_udp = remora_proto_register ("User Datagram Protocol", "UDP", "udp");
  remora_fields_register (proto_udp, udp_fields, G_N_ELEMENTS (udp_fields));
  remora_dissector_register ("udp", proto_udp, dissect_udp);
  remora_pref_register_bool ("udp.check_checksum", &pref_check_checksum,
                             "Verify the UDP checksum when possible (not implemented yet: always unverified)");
}

void
remora_handoff_udp (void)
{
  remora_table_add_uint ("ip.proto", 17, remora_dissector_find ("udp"));
  data_handle = remora_dissector_find ("data");
}
