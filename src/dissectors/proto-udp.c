/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-udp"

#include "config.h"

#include "remora-dissectors.h"
#include "remora-tcp-conversation.h"

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

typedef struct {
  RemoraConvKey key;
  guint32       index;
  gint64        first_ts_ns;
  gint64        prev_ts_ns;
} UdpStream;

typedef struct {
  guint32 frame;
  guint32 stream;
  gint64  delta_ns;
  guint8  occurrence;
} UdpFrameInfo;

typedef struct {
  GHashTable *by_key;    /* key inside a UdpStream -> UdpStream */
  GPtrArray  *streams;   /* UdpStream *, by index */
  GArray     *frames;    /* UdpFrameInfo, ascending frame */
} UdpState;

static void
udp_state_free (gpointer data)
{
  UdpState *state = data;

  g_hash_table_unref (state->by_key);
  g_ptr_array_unref (state->streams);
  g_array_unref (state->frames);
  g_free (state);
}

static UdpState *
get_state (RemoraPacket *pkt)
{
  UdpState *state = remora_session_get_proto_data (pkt->session, proto_udp);

  if (state == NULL)
    {
      state = g_new0 (UdpState, 1);
      state->by_key = g_hash_table_new (remora_conv_key_hash, remora_conv_key_equal);
      state->streams = g_ptr_array_new_with_free_func (g_free);
      state->frames = g_array_new (FALSE, FALSE, sizeof (UdpFrameInfo));
      remora_session_set_proto_data (pkt->session, proto_udp, state, udp_state_free);
    }
  return state;
}

static const UdpFrameInfo *
find_frame (UdpState *state,
            guint32   frame,
            guint8    occurrence)
{
  const UdpFrameInfo *v = (const UdpFrameInfo *) state->frames->data;
  guint lo = 0, hi = state->frames->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (v[mid].frame < frame)
        lo = mid + 1;
      else
        hi = mid;
    }
  for (; lo < state->frames->len && v[lo].frame == frame; lo++)
    if (v[lo].occurrence == occurrence)
      return &v[lo];
  return NULL;
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

      if (pkt->visited)
        {
          const UdpFrameInfo *fi = find_frame (state, pkt->frame->number, occ);
          if (fi != NULL && fi->stream < state->streams->len)
            {
              stream = g_ptr_array_index (state->streams, fi->stream);
              delta_ns = fi->delta_ns;
            }
        }
      else
        {
          RemoraConvKey key;
          UdpFrameInfo fi = { 0 };

          remora_conv_key_init (&key, &pkt->net_src, &pkt->net_dst, sport, dport);
          stream = g_hash_table_lookup (state->by_key, &key);
          if (stream == NULL)
            {
              stream = g_new0 (UdpStream, 1);
              stream->key = key;
              stream->index = state->streams->len;
              stream->first_ts_ns = pkt->frame->ts_ns;
              stream->prev_ts_ns = pkt->frame->ts_ns;
              g_ptr_array_add (state->streams, stream);
              g_hash_table_insert (state->by_key, &stream->key, stream);
            }
          delta_ns = pkt->frame->ts_ns - stream->prev_ts_ns;
          stream->prev_ts_ns = pkt->frame->ts_ns;
          fi.frame = pkt->frame->number;
          fi.stream = stream->index;
          fi.delta_ns = delta_ns;
          fi.occurrence = occ;
          if (remora_session_get_will_revisit (pkt->session))
            g_array_append_val (state->frames, fi);
        }
    }

  if (stream != NULL)
    {
      RemoraItem ts;
      remora_item_set_generated (pkt, remora_add_uint (pkt, tree, hf_stream, tvb, 0, 0, stream->index));
      pkt->stream_index = stream->index;
      if (pkt->tree_mode || remora_wants (pkt, hf_time_relative) || remora_wants (pkt, hf_time_delta))
        {
          ts = remora_add_text (pkt, tree, tvb, 0, 0, "[Timestamps]");
          remora_item_set_generated (pkt, remora_add_time (pkt, ts, hf_time_relative, tvb, 0, 0,
                                                           pkt->frame->ts_ns - stream->first_ts_ns));
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
