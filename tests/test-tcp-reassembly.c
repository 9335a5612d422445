/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <malloc.h>
#include <string.h>

#include "remora-capture-reader.h"
#include "remora-dissect.h"
#include "remora-tcp-conversation.h"

/* TCP reassembly driven by a tiny length-prefixed protocol (4-byte
 * big-endian length, then the data) on port 7777, over the captures that
 * tests/data/make-tcp-captures.py writes.  The analysis verdicts asserted
 * here are tshark 4.0's on the same files. */

static int proto_lp, hf_lp_len, hf_lp_data;

static RemoraFieldDef lp_fields[] = {
  { &hf_lp_len, { "Length", "lenpdu.len", REMORA_FT_UINT32, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_lp_data, { "Data", "lenpdu.data", REMORA_FT_BYTES, REMORA_BASE_NONE, NULL, 0, NULL } },
};

static int
dissect_lenpdu (const RemoraTvb *tvb, RemoraPacket *pkt, RemoraItem tree, void *data)
{
  guint32 avail = remora_tvb_captured_remaining (tvb, 0);
  guint32 len;
  RemoraItem it;

  if (pkt->can_desegment && avail < 4)
    {
      pkt->desegment_offset = 0;
      pkt->desegment_len = REMORA_DESEGMENT_ONE_MORE_SEGMENT;
      return (int) avail;
    }
  len = remora_tvb_get_ntohl (tvb, 0);
  if (pkt->can_desegment && (guint64) avail < 4ull + len)
    {
      pkt->desegment_offset = 0;
      pkt->desegment_len = (guint32) (4ull + len - avail);
      return (int) avail;
    }
  remora_col_set_protocol (pkt, "LENPDU");
  it = remora_add_protocol (pkt, tree, proto_lp, tvb, 0, 4 + len);
  remora_add_item (pkt, it, hf_lp_len, tvb, 0, 4, REMORA_ENC_BIG_ENDIAN);
  remora_add_item (pkt, it, hf_lp_data, tvb, 4, len, REMORA_ENC_NA);
  return (int) (4 + len);
}

/* The same messages, as many as the data holds, asking for the rest of the
 * last one from where it starts (as TLS and HTTP do): a completed PDU can
 * then leave a tail that is carried on to the next. */
static int
dissect_lenpdu_multi (const RemoraTvb *tvb, RemoraPacket *pkt, RemoraItem tree, void *data)
{
  guint32 avail = remora_tvb_captured_remaining (tvb, 0), off = 0;

  while (off < avail)
    {
      guint32 left = avail - off, len;
      RemoraItem it;

      if (left < 4 || (guint64) left < 4ull + (len = remora_tvb_get_ntohl (tvb, off)))
        {
          if (!pkt->can_desegment)
            break;
          pkt->desegment_offset = off;
          pkt->desegment_len = left < 4 ? REMORA_DESEGMENT_ONE_MORE_SEGMENT : (guint32) (4ull + len - left);
          return (int) avail;
        }
      remora_col_set_protocol (pkt, "LENPDU");
      it = remora_add_protocol (pkt, tree, proto_lp, tvb, off, 4 + len);
      remora_add_item (pkt, it, hf_lp_len, tvb, off, 4, REMORA_ENC_BIG_ENDIAN);
      remora_add_item (pkt, it, hf_lp_data, tvb, off + 4, len, REMORA_ENC_NA);
      off += 4 + len;
    }
  return (int) off;
}

static void
setup (void)
{
  static gsize once;

  remora_dissectors_init ();
  if (g_once_init_enter (&once))
    {
      proto_lp = remora_proto_register ("Length-prefixed test protocol", "LENPDU", "lenpdu");
      remora_fields_register (proto_lp, lp_fields, G_N_ELEMENTS (lp_fields));
      remora_table_add_uint ("tcp.port", 7777, remora_dissector_register ("lenpdu", proto_lp, dissect_lenpdu));
      remora_table_add_uint ("tcp.port", 7778, remora_dissector_register ("lenpdu-multi", proto_lp,
                                                                          dissect_lenpdu_multi));
      g_once_init_leave (&once, 1);
    }
}

/* A capture held in memory, so frames can be dissected again. */
typedef struct {
  GPtrArray *data;     /* GBytes */
  GArray    *ts;       /* gint64 */
} Capture;

static Capture *
capture_load (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("REMORA_TEST_DATA"), name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RemoraCaptureReader) reader = remora_capture_reader_open (path, &error);
  Capture *cap = g_new0 (Capture, 1);
  RemoraPacketRecord rec;

  g_assert_no_error (error);
  cap->data = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  cap->ts = g_array_new (FALSE, FALSE, sizeof (gint64));
  while (remora_capture_reader_next (reader, &rec, &error) == REMORA_READ_PACKET)
    {
      g_ptr_array_add (cap->data, g_bytes_new (rec.data, rec.cap_len));
      g_array_append_val (cap->ts, rec.ts_ns);
    }
  g_assert_no_error (error);
  return cap;
}

static void
capture_free (Capture *cap)
{
  g_ptr_array_unref (cap->data);
  g_array_unref (cap->ts);
  g_free (cap);
}

/* The session's frame source: the capture's bytes, as the frame store
 * gives them to the application's session. */
static const guint8 *
capture_read_frame (gpointer user_data, guint32 number, guint32 *len)
{
  Capture *cap = user_data;
  gsize size;
  const guint8 *data;

  *len = 0;
  if (number == 0 || number > cap->data->len)
    return NULL;
  data = g_bytes_get_data (g_ptr_array_index (cap->data, number - 1), &size);
  *len = (guint32) size;
  return data;
}

static Capture *
capture_new (void)
{
  Capture *cap = g_new0 (Capture, 1);

  cap->data = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  cap->ts = g_array_new (FALSE, FALSE, sizeof (gint64));
  return cap;
}

/* Appends an Ethernet / IPv4 frame from 10.0.0.1 to 10.0.0.2 (or back)
 * carrying L4 (TCP), 100 microseconds after the previous one; FRAG is the
 * IPv4 flags and fragment offset field. */
static void
capture_add_ipv4 (Capture *cap, gboolean to_server, guint16 ip_id, guint16 frag, const guint8 *l4, guint32 len)
{
  guint8 *f = g_malloc0 (34 + len);
  gint64 ts = G_GINT64_CONSTANT (1700000000000000000) + G_GINT64_CONSTANT (100000) * cap->data->len;

  f[12] = 0x08;
  f[14] = 0x45;
  f[16] = (guint8) ((20 + len) >> 8), f[17] = (guint8) (20 + len);
  f[18] = (guint8) (ip_id >> 8), f[19] = (guint8) ip_id;
  f[20] = (guint8) (frag >> 8), f[21] = (guint8) frag;
  f[22] = 64;
  f[23] = 6;
  f[26] = 10, f[29] = to_server ? 1 : 2;
  f[30] = 10, f[33] = to_server ? 2 : 1;
  memcpy (f + 34, l4, len);
  g_ptr_array_add (cap->data, g_bytes_new_take (f, 34 + len));
  g_array_append_val (cap->ts, ts);
}

/* A TCP segment between 10.0.0.1:40000 and 10.0.0.2:PORT (g_free it). */
static guint8 *
tcp_segment (gboolean to_server, guint16 port, guint32 seq, guint32 ack, guint8 flags,
             const guint8 *payload, guint32 len)
{
  guint8 *t = g_malloc0 (20 + len);
  guint16 sport = to_server ? 40000 : port, dport = to_server ? port : 40000;

  t[0] = (guint8) (sport >> 8), t[1] = (guint8) sport;
  t[2] = (guint8) (dport >> 8), t[3] = (guint8) dport;
  t[4] = (guint8) (seq >> 24), t[5] = (guint8) (seq >> 16), t[6] = (guint8) (seq >> 8), t[7] = (guint8) seq;
  t[8] = (guint8) (ack >> 24), t[9] = (guint8) (ack >> 16), t[10] = (guint8) (ack >> 8), t[11] = (guint8) ack;
  t[12] = 0x50;
  t[13] = flags;
  t[14] = 0x40;                                        /* window 16384 */
  if (len > 0)
    memcpy (t + 20, payload, len);
  return t;
}

static void
capture_add_tcp (Capture *cap, gboolean to_server, guint16 port, guint32 seq, guint32 ack, guint8 flags,
                 const guint8 *payload, guint32 len)
{
  g_autofree guint8 *t = tcp_segment (to_server, port, seq, ack, flags, payload, len);

  capture_add_ipv4 (cap, to_server, 0, 0x4000, t, 20 + len);
}

static RemoraTcpState *
tcp_state (RemoraSession *session)
{
  return remora_session_get_proto_data (session, remora_field_lookup ("tcp"));
}

static void
dissect (RemoraSession *session, RemoraPacket *pkt, Capture *cap, guint32 number)
{
  static RemoraFrameInput in;
  gsize len;

  memset (&in, 0, sizeof in);
  in.number = number;
  in.data = g_bytes_get_data (g_ptr_array_index (cap->data, number - 1), &len);
  in.cap_len = in.orig_len = (guint32) len;
  in.ts_ns = g_array_index (cap->ts, gint64, number - 1);
  in.link_type = REMORA_LINKTYPE_ETHERNET;
  remora_session_dissect (session, pkt, &in);
}

static guint
count_field (RemoraPacket *pkt, const char *abbrev)
{
  int id = remora_field_lookup (abbrev);
  guint n = 0;

  for (guint i = 1; i <= remora_packet_get_n_nodes (pkt); i++)
    if (remora_packet_get_node (pkt, i)->field == id)
      n++;
  return n;
}

static const RemoraNode *
nth_field (RemoraPacket *pkt, const char *abbrev, guint nth)
{
  int id = remora_field_lookup (abbrev);

  for (guint i = 1; i <= remora_packet_get_n_nodes (pkt); i++)
    if (remora_packet_get_node (pkt, i)->field == id && nth-- == 0)
      return remora_packet_get_node (pkt, i);
  return NULL;
}

static char *
segment_list (RemoraPacket *pkt)
{
  GString *s = g_string_new (NULL);
  const RemoraNode *n;

  for (guint i = 0; (n = nth_field (pkt, "tcp.segment", i)) != NULL; i++)
    g_string_append_printf (s, "%s%" G_GUINT64_FORMAT "(%u)", i ? "," : "", n->value.u, n->length);
  return g_string_free (s, FALSE);
}

static RemoraPacket *
tree_packet (void)
{
  RemoraPacket *pkt = remora_packet_new ();

  remora_packet_set_tree_mode (pkt, TRUE);
  remora_packet_set_want_columns (pkt, TRUE);
  return pkt;
}

static void
assert_pdu (RemoraPacket *pkt, guint nth, const guint8 *expect, guint32 len)
{
  const RemoraNode *n = nth_field (pkt, "lenpdu.data", nth);

  g_assert_nonnull (n);
  g_assert_cmpuint (n->value.bytes.len, ==, len);
  g_assert_true (memcmp (n->value.bytes.ptr, expect, len) == 0);
}

/* The 5000-byte PDU of stream 0: sent bytes i*7+3. */
static void
check_stream0 (RemoraPacket *pkt)
{
  guint8 *pdu = g_malloc (4996);
  g_autofree char *segs = NULL;

  for (guint i = 0; i < 4996; i++)
    pdu[i] = (guint8) (i * 7 + 3);
  g_assert_cmpuint (count_field (pkt, "lenpdu.len"), ==, 1);
  assert_pdu (pkt, 0, pdu, 4996);
  g_assert_cmpuint (nth_field (pkt, "tcp.segment.count", 0)->value.u, ==, 6);
  g_assert_cmpuint (nth_field (pkt, "tcp.reassembled.length", 0)->value.u, ==, 5000);
  segs = segment_list (pkt);
  /* payload order, the retransmitted copy next to the first */
  g_assert_cmpstr (segs, ==, "4(1000),6(1000),7(1000),5(1000),8(1000),9(1000)");
  g_assert_cmpstr (pkt->sources[1].name, ==, "Reassembled TCP (5000 bytes)");
  g_assert_cmpuint (nth_field (pkt, "lenpdu.data", 0)->source, ==, 1);
  g_assert_cmpuint (nth_field (pkt, "lenpdu.data", 0)->start, ==, 4);
  g_free (pdu);
}

static void
run_lenpdu (gboolean will_revisit,
            gboolean frame_source)
{
  g_autoptr(RemoraSession) session = remora_session_new ();
  g_autoptr(RemoraPacket) pkt = tree_packet ();
  Capture *cap;
  guint8 buf[2000];
  g_autofree char *segs = NULL;

  setup ();
  remora_session_set_will_revisit (session, will_revisit);
  cap = capture_load ("tcp-lenpdu.pcap");
  if (frame_source)
    remora_session_set_frame_source (session, capture_read_frame, cap);
  g_assert_cmpuint (cap->data->len, ==, 42);
  for (guint32 f = 1; f <= 3; f++)
    dissect (session, pkt, cap, f);

  /* stream 0: 1, 3 (ahead: "previous segment not captured"), 2, 2 again, 4, 5 */
  dissect (session, pkt, cap, 4);
  g_assert_cmpuint (count_field (pkt, "lenpdu.len"), ==, 0);
  g_assert_cmpuint (count_field (pkt, "tcp.segment_data"), ==, 1);
  g_assert_cmpstr (pkt->col_protocol, ==, "TCP");
  g_assert_true (g_str_has_suffix (pkt->col_info->str, " [TCP segment of a reassembled PDU]"));
  dissect (session, pkt, cap, 5);
  g_assert_true (g_str_has_prefix (pkt->col_info->str, "[TCP Previous segment not captured] "));
  dissect (session, pkt, cap, 6);
  g_assert_true (g_str_has_prefix (pkt->col_info->str, "[TCP Out-Of-Order] "));
  dissect (session, pkt, cap, 7);
  g_assert_true (g_str_has_prefix (pkt->col_info->str, "[TCP Out-Of-Order] "));
  dissect (session, pkt, cap, 8);
  g_assert_cmpuint (count_field (pkt, "lenpdu.len"), ==, 0);
  dissect (session, pkt, cap, 9);
  check_stream0 (pkt);
  g_assert_cmpstr (pkt->col_protocol, ==, "LENPDU");
  g_assert_cmpuint (count_field (pkt, "tcp.segment.overlap"), ==, 1);
  g_assert_cmpuint (count_field (pkt, "tcp.segment.overlap.conflict"), ==, 0);

  /* stream 1: bytes 800..1199 sent twice, differently: the first copy wins */
  for (guint32 f = 10; f <= 17; f++)
    dissect (session, pkt, cap, f);
  g_assert_cmpuint (count_field (pkt, "lenpdu.len"), ==, 0);
  dissect (session, pkt, cap, 18);
  memset (buf, 'A', sizeof buf);
  assert_pdu (pkt, 0, buf, 1996);
  g_assert_cmpuint (nth_field (pkt, "tcp.segment.count", 0)->value.u, ==, 2);
  g_assert_cmpuint (count_field (pkt, "tcp.segment.overlap.conflict"), ==, 1);

  /* stream 2: a hole never filled: nothing invented, no PDU */
  for (guint32 f = 19; f <= 34; f++)
    {
      dissect (session, pkt, cap, f);
      g_assert_cmpuint (count_field (pkt, "lenpdu.len"), ==, 0);
      g_assert_cmpuint (count_field (pkt, "tcp.segment.count"), ==, 0);
    }

  /* stream 3: two PDUs in one segment, then PDUs across segments */
  dissect (session, pkt, cap, 35);
  g_assert_cmpuint (count_field (pkt, "lenpdu.len"), ==, 2);
  assert_pdu (pkt, 0, (const guint8 *) "one", 3);
  assert_pdu (pkt, 1, (const guint8 *) "two!", 4);
  dissect (session, pkt, cap, 36);
  g_assert_cmpuint (count_field (pkt, "lenpdu.len"), ==, 0);
  dissect (session, pkt, cap, 37);
  memset (buf, 'x', 100);
  assert_pdu (pkt, 0, buf, 100);
  segs = segment_list (pkt);
  g_assert_cmpstr (segs, ==, "36(50),37(54)");
  g_assert_cmpuint (count_field (pkt, "tcp.segment_data"), ==, 2);  /* the head and the next PDU's start */
  dissect (session, pkt, cap, 38);
  memset (buf, 'y', 60);
  assert_pdu (pkt, 0, buf, 60);
  g_clear_pointer (&segs, g_free);
  segs = segment_list (pkt);
  g_assert_cmpstr (segs, ==, "37(30),38(34)");
  for (guint32 f = 39; f <= cap->data->len; f++)
    dissect (session, pkt, cap, f);

  if (will_revisit)
    {
      /* Redissection: the same PDU in the same frame, and the earlier
       * frames now know where their bytes went. */
      dissect (session, pkt, cap, 9);
      g_assert_true (pkt->visited);
      check_stream0 (pkt);
      for (guint32 f = 4; f <= 8; f++)
        {
          dissect (session, pkt, cap, f);
          g_assert_cmpuint (nth_field (pkt, "tcp.reassembled_in", 0)->value.u, ==, 9);
          g_assert_cmpuint (count_field (pkt, "lenpdu.len"), ==, 0);
        }
      /* the overlap that disagreed: still the first copy */
      dissect (session, pkt, cap, 18);
      memset (buf, 'A', sizeof buf);
      assert_pdu (pkt, 0, buf, 1996);
      g_assert_cmpuint (count_field (pkt, "tcp.segment.overlap.conflict"), ==, 1);
      for (guint32 f = 10; f <= 17; f++)
        {
          dissect (session, pkt, cap, f);
          if (count_field (pkt, "tcp.segment_data") > 0)
            g_assert_cmpuint (nth_field (pkt, "tcp.reassembled_in", 0)->value.u, ==, 18);
        }
      dissect (session, pkt, cap, 26);
      g_assert_cmpuint (count_field (pkt, "tcp.reassembled_in"), ==, 0);
      dissect (session, pkt, cap, 37);
      g_assert_cmpuint (nth_field (pkt, "tcp.reassembled_in", 0)->value.u, ==, 38);
      g_assert_cmpuint (count_field (pkt, "lenpdu.len"), ==, 1);
      dissect (session, pkt, cap, 35);
      g_assert_cmpuint (count_field (pkt, "lenpdu.len"), ==, 2);
    }
  else
    {
      g_assert_false (pkt->visited);
    }
  capture_free (cap);
}

static void
test_lenpdu_revisit (void)
{
  run_lenpdu (TRUE, FALSE);
}

static void
test_lenpdu_revisit_frames (void)
{
  run_lenpdu (TRUE, TRUE);
}

static void
test_lenpdu_single_pass (void)
{
  run_lenpdu (FALSE, FALSE);
}

/* What TCP shows of a frame: its items (hidden ones too) and those of
 * the test protocol above it, the Info column and a checksum of each data
 * source.  Only a second look knows where a segment's bytes went, so
 * tcp.reassembled_in and the segment data it heads are left out. */
static char *
frame_text (RemoraPacket *pkt)
{
  GString *out = g_string_new (pkt->col_info->str);
  int reassembled_in = remora_field_lookup ("tcp.reassembled_in");
  int segment_data = remora_field_lookup ("tcp.segment_data");

  g_string_append_c (out, '\n');
  for (guint i = 0; i < pkt->n_sources; i++)
    {
      g_autofree char *sum = g_compute_checksum_for_data (G_CHECKSUM_MD5, pkt->sources[i].data,
                                                          pkt->sources[i].length);
      g_string_append_printf (out, "source %u %s %s\n", i, pkt->sources[i].name, sum);
    }
  for (guint i = 1; i <= remora_packet_get_n_nodes (pkt); i++)
    {
      const RemoraNode *node = remora_packet_get_node (pkt, i);
      const RemoraFieldInfo *info = node->field >= 0 ? remora_field_get (node->field) : NULL;

      if (info == NULL || node->field == reassembled_in || node->field == segment_data ||
          !(g_str_has_prefix (info->abbrev, "tcp") || g_str_has_prefix (info->abbrev, "lenpdu")))
        continue;
      remora_node_format_label (pkt, i, out);
      g_string_append_printf (out, " [%u:%u+%u]%s\n", node->source, node->start, node->length,
                              (node->flags & REMORA_NODE_HIDDEN) ? " hidden" : "");
    }
  return g_string_free (out, FALSE);
}

/* Dissects every frame of FILE, then every frame again (last first:
 * nothing may depend on having just seen the previous frame).  Returns
 * the second look at each; with SAME_AS_FIRST, checks it equals the
 * first. */
static GPtrArray *
redissect_all (const char *file,
               gboolean    frame_source,
               gboolean    same_as_first)
{
  g_autoptr(RemoraSession) session = remora_session_new ();
  g_autoptr(RemoraPacket) pkt = tree_packet ();
  g_autoptr(GPtrArray) first = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *again = g_ptr_array_new_with_free_func (g_free);
  Capture *cap;

  setup ();
  cap = capture_load (file);
  if (frame_source)
    remora_session_set_frame_source (session, capture_read_frame, cap);
  for (guint32 f = 1; f <= cap->data->len; f++)
    {
      dissect (session, pkt, cap, f);
      g_ptr_array_add (first, frame_text (pkt));
    }
  g_ptr_array_set_size (again, cap->data->len);
  for (guint32 f = cap->data->len; f >= 1; f--)
    {
      dissect (session, pkt, cap, f);
      g_assert_true (pkt->visited);
      again->pdata[f - 1] = frame_text (pkt);
      if (same_as_first)
        {
          g_test_message ("%s frame %u", file, f);
          g_assert_cmpstr (again->pdata[f - 1], ==, first->pdata[f - 1]);
        }
    }
  capture_free (cap);
  return again;
}

/* Every frame dissected again shows what the first pass showed: the
 * packed per-frame records give back every number (analysis flags, ACK
 * frames and RTTs, duplicate ACK counts, RTOs, bytes in flight, window
 * scaling, times), and the reassembled PDUs come back with the same bytes
 * whether rebuilt from the frames or read from copies.  (A second look at
 * an HTTP segment shows less than the first did: HTTP's own choice.) */
static void
test_redissect_all (void)
{
  static const struct {
    const char *file;
    gboolean    same_as_first;
  } files[] = {
    { "tcp-analysis.pcap", TRUE }, { "tcp-lenpdu.pcap", TRUE },
    { "tcp-http-chunked-split.pcap", FALSE }, { "tcp-http-ooo.pcap", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(GPtrArray) from_frames = redissect_all (files[i].file, TRUE, files[i].same_as_first);
      g_autoptr(GPtrArray) copies = redissect_all (files[i].file, FALSE, files[i].same_as_first);

      for (guint f = 0; f < from_frames->len; f++)
        g_assert_cmpstr (from_frames->pdata[f], ==, copies->pdata[f]);
    }
}

static void
test_pref_off (void)
{
  g_autoptr(RemoraSession) session = remora_session_new ();
  g_autoptr(RemoraPacket) pkt = tree_packet ();
  g_autoptr(GError) error = NULL;
  Capture *cap;

  setup ();
  g_assert_true (remora_pref_set ("tcp.desegment_tcp_streams", "FALSE", &error));
  cap = capture_load ("tcp-lenpdu.pcap");
  for (guint32 f = 1; f <= 9; f++)
    {
      dissect (session, pkt, cap, f);
      g_assert_cmpuint (count_field (pkt, "tcp.segment.count"), ==, 0);
    }
  g_assert_true (remora_pref_set ("tcp.desegment_tcp_streams", "TRUE", &error));
  capture_free (cap);
}

/* tcp-http-chunked-split.pcap: connection K (frames 14K+1 .. 14K+14)
 * carries a chunked response in frames 14K+5..7, the second segment ending
 * at offset K of "5\r\nhello\r\n0\r\n\r\n", and a second response in
 * frame 14K+10.  Every split must give the whole message in the segment
 * with its last byte, and leave the stream in step for the next one. */
static void
run_http_chunked_split (gboolean will_revisit)
{
  g_autoptr(RemoraSession) session = remora_session_new ();
  g_autoptr(RemoraPacket) pkt = tree_packet ();
  Capture *cap;

  setup ();
  remora_session_set_will_revisit (session, will_revisit);
  cap = capture_load ("tcp-http-chunked-split.pcap");
  g_assert_cmpuint (cap->data->len, ==, 15 * 14);
  for (guint32 f = 1; f <= cap->data->len; f++)
    {
      guint32 k = (f - 1) / 14, pos = (f - 1) % 14 + 1;

      dissect (session, pkt, cap, f);
      if (pos == 7)
        {
          g_autofree char *segs = segment_list (pkt);
          g_autofree char *expect = g_strdup_printf ("%u(177),%u(%u),%u(%u)", f - 2, f - 1, 102 + k,
                                                     f, 15 - k);
          const RemoraNode *chunk;

          g_test_message ("split at %u", k);
          g_assert_cmpuint (count_field (pkt, "http.response"), ==, 1);
          g_assert_cmpuint (nth_field (pkt, "tcp.reassembled.length", 0)->value.u, ==, 294);
          g_assert_cmpstr (segs, ==, expect);
          /* two data chunks and the last one */
          g_assert_cmpuint (count_field (pkt, "http.chunk_size"), ==, 3);
          chunk = nth_field (pkt, "http.chunk_data", 1);
          g_assert_nonnull (chunk);
          g_assert_cmpuint (chunk->length, ==, 5);
          g_assert_cmpstr (pkt->col_protocol, ==, "HTTP");
        }
      else if (pos == 5 || pos == 6)
        {
          g_assert_cmpuint (count_field (pkt, "http.response"), ==, 0);
          g_assert_true (g_str_has_suffix (pkt->col_info->str, " [TCP segment of a reassembled PDU]"));
        }
      else if (pos == 10)
        {
          g_assert_cmpuint (count_field (pkt, "http.response"), ==, 1);
          g_assert_cmpuint (nth_field (pkt, "http.response_number", 0)->value.u, ==, 2);
          g_assert_cmpuint (nth_field (pkt, "http.prev_response_in", 0)->value.u, ==, f - 3);
        }
    }
  if (will_revisit)
    {
      dissect (session, pkt, cap, 14 * 9 + 7);
      g_assert_true (pkt->visited);
      g_assert_cmpuint (count_field (pkt, "http.response"), ==, 1);
      g_assert_cmpuint (nth_field (pkt, "tcp.reassembled.length", 0)->value.u, ==, 294);
      dissect (session, pkt, cap, 14 * 9 + 6);
      g_assert_cmpuint (nth_field (pkt, "tcp.reassembled_in", 0)->value.u, ==, 14 * 9 + 7);
    }
  capture_free (cap);
}

static void
test_http_chunked_split (void)
{
  run_http_chunked_split (FALSE);
}

static void
test_http_chunked_split_revisit (void)
{
  run_http_chunked_split (TRUE);
}

/* Verdicts tshark 4.0 gives on tcp-analysis.pcap (frame: Info prefix). */
static void
test_analysis_flags (void)
{
  static const struct { guint32 frame; const char *prefix; } expect[] = {
    { 5, "[TCP Previous segment not captured] " },
    { 7, "[TCP Dup ACK 6#1] " }, { 8, "[TCP Dup ACK 6#2] " }, { 9, "[TCP Dup ACK 6#3] " },
    { 10, "[TCP Fast Retransmission] " },
    { 13, "[TCP Retransmission] " },
    { 15, "[TCP Spurious Retransmission] " },
    { 17, "[TCP ZeroWindow] " },
    { 18, "[TCP ZeroWindowProbe] " },
    { 19, "[TCP ZeroWindowProbeAck] [TCP ZeroWindow] " },
    { 20, "[TCP Window Update] " },
    { 23, "[TCP Keep-Alive] " },
    { 24, "[TCP Keep-Alive ACK] " },
    { 25, "[TCP ACKed unseen segment] " },
    { 29, "[TCP Port numbers reused] " },
  };
  g_autoptr(RemoraSession) session = remora_session_new ();
  g_autoptr(RemoraPacket) pkt = tree_packet ();
  Capture *cap;
  guint e = 0;

  setup ();
  cap = capture_load ("tcp-analysis.pcap");
  for (guint32 f = 1; f <= cap->data->len; f++)
    {
      dissect (session, pkt, cap, f);
      if (e < G_N_ELEMENTS (expect) && expect[e].frame == f)
        {
          g_assert_true (g_str_has_prefix (pkt->col_info->str, expect[e].prefix));
          g_assert_nonnull (nth_field (pkt, "tcp.analysis.flags", 0));
          e++;
        }
      else
        {
          g_assert_false (g_str_has_prefix (pkt->col_info->str, "[TCP"));
          g_assert_null (nth_field (pkt, "tcp.analysis.flags", 0));
        }
      switch (f)
        {
        case 9:
          g_assert_cmpuint (nth_field (pkt, "tcp.analysis.duplicate_ack_num", 0)->value.u, ==, 3);
          g_assert_cmpuint (nth_field (pkt, "tcp.analysis.duplicate_ack_frame", 0)->value.u, ==, 6);
          break;
        case 10:
          g_assert_nonnull (nth_field (pkt, "tcp.analysis.retransmission", 0));
          g_assert_nonnull (nth_field (pkt, "tcp.analysis.fast_retransmission", 0));
          g_assert_cmpuint (nth_field (pkt, "tcp.analysis.bytes_in_flight", 0)->value.u, ==, 2000);
          break;
        case 13:
          g_assert_cmpuint (nth_field (pkt, "tcp.analysis.rto_frame", 0)->value.u, ==, 12);
          g_assert_null (nth_field (pkt, "data.data", 0));   /* not handed on */
          break;
        case 14:
          g_assert_cmpuint (nth_field (pkt, "tcp.analysis.acks_frame", 0)->value.u, ==, 12);
          g_assert_cmpint (nth_field (pkt, "tcp.analysis.ack_rtt", 0)->value.ns, ==, 302000000);
          g_assert_cmpint (nth_field (pkt, "tcp.analysis.initial_rtt", 0)->value.ns, ==, 42000000);
          break;
        case 12:
          g_assert_cmpuint (nth_field (pkt, "tcp.analysis.push_bytes_sent", 0)->value.u, ==, 2100);
          break;
        }
    }
  g_assert_cmpuint (e, ==, G_N_ELEMENTS (expect));
  capture_free (cap);
}

/* Two messages on port 7778: "abc" (7 bytes with its length) and
 * "0123456789" (14).  Frame 1 has 2 bytes (too few for a length: one more
 * segment), frame 2 the next 10, which complete the first message and
 * leave 5 bytes of the second to carry on; frame 3 sends bytes 10..20 with
 * byte 11 changed: that byte was received already, and the first copy
 * wins. */
static void
run_carried_pdu (gboolean frame_source, gsize *record_memory)
{
  static const guint8 stream[21] = { 0, 0, 0, 3, 'a', 'b', 'c', 0, 0, 0, 10,
                                     '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' };
  g_autoptr(RemoraSession) session = remora_session_new ();
  g_autoptr(RemoraPacket) pkt = tree_packet ();
  Capture *cap = capture_new ();
  guint8 resent[11];
  GBytes *first[4] = { NULL };
  g_autofree char *segs = NULL;

  setup ();
  memcpy (resent, stream + 10, sizeof resent);
  resent[1] = 'Z';
  capture_add_tcp (cap, TRUE, 7778, 1000, 1, 0x18, stream, 2);
  capture_add_tcp (cap, TRUE, 7778, 1002, 1, 0x18, stream + 2, 10);
  capture_add_tcp (cap, TRUE, 7778, 1010, 1, 0x18, resent, sizeof resent);
  capture_add_tcp (cap, FALSE, 7778, 1, 1021, 0x10, NULL, 0);
  if (frame_source)
    remora_session_set_frame_source (session, capture_read_frame, cap);

  for (guint32 f = 1; f <= 4; f++)
    {
      dissect (session, pkt, cap, f);
      if (pkt->n_sources > 1)
        first[f - 1] = g_bytes_new (pkt->sources[1].data, pkt->sources[1].length);
    }
  g_assert_null (first[0]);
  g_assert_nonnull (first[1]);
  g_assert_cmpuint (g_bytes_get_size (first[1]), ==, 12);
  g_assert_nonnull (first[2]);
  g_assert_cmpuint (g_bytes_get_size (first[2]), ==, 14);
  g_assert_true (memcmp (g_bytes_get_data (first[2], NULL), stream + 7, 14) == 0);

  /* again, last frame first: the same bytes, rebuilt from the frames or
   * read from the copy */
  dissect (session, pkt, cap, 3);
  g_assert_true (pkt->visited);
  g_assert_cmpuint (pkt->n_sources, ==, 2);
  g_assert_cmpmem (pkt->sources[1].data, pkt->sources[1].length,
                   g_bytes_get_data (first[2], NULL), g_bytes_get_size (first[2]));
  assert_pdu (pkt, 0, (const guint8 *) "0123456789", 10);
  segs = segment_list (pkt);
  g_assert_cmpstr (segs, ==, "2(5),3(11)");
  g_assert_cmpuint (count_field (pkt, "tcp.segment.overlap.conflict"), ==, 1);

  dissect (session, pkt, cap, 2);
  g_assert_cmpuint (pkt->n_sources, ==, 2);
  g_assert_cmpmem (pkt->sources[1].data, pkt->sources[1].length,
                   g_bytes_get_data (first[1], NULL), g_bytes_get_size (first[1]));
  assert_pdu (pkt, 0, (const guint8 *) "abc", 3);
  /* its last 5 bytes went on to the PDU completed in frame 3 */
  g_assert_cmpuint (nth_field (pkt, "tcp.reassembled_in", 0)->value.u, ==, 3);

  dissect (session, pkt, cap, 1);
  g_assert_cmpuint (nth_field (pkt, "tcp.reassembled_in", 0)->value.u, ==, 2);

  *record_memory = remora_tcp_state_record_memory (tcp_state (session));
  for (guint i = 0; i < G_N_ELEMENTS (first); i++)
    g_clear_pointer (&first[i], g_bytes_unref);
  capture_free (cap);
}

/* The same messages, the first 2 bytes in frame 1, bytes 5..11 ahead of
 * time in frame 2, bytes 2..4 in frame 3: with one more segment asked for,
 * the PDU completes there at 5 bytes (frame 2's bytes lie past its end),
 * too short for the message, so it is carried on whole and completes in
 * frame 4.  Frame 1's bytes went through both PDUs, frame 2's only the
 * first. */
static void
run_hole_pdu (gboolean frame_source)
{
  static const guint8 stream[21] = { 0, 0, 0, 3, 'a', 'b', 'c', 0, 0, 0, 10,
                                     '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' };
  g_autoptr(RemoraSession) session = remora_session_new ();
  g_autoptr(RemoraPacket) pkt = tree_packet ();
  Capture *cap = capture_new ();
  g_autofree char *segs = NULL;

  setup ();
  capture_add_tcp (cap, TRUE, 7778, 1000, 1, 0x18, stream, 2);
  capture_add_tcp (cap, TRUE, 7778, 1005, 1, 0x18, stream + 5, 7);
  capture_add_tcp (cap, TRUE, 7778, 1002, 1, 0x18, stream + 2, 3);
  capture_add_tcp (cap, TRUE, 7778, 1005, 1, 0x18, stream + 5, 16);
  if (frame_source)
    remora_session_set_frame_source (session, capture_read_frame, cap);
  for (guint32 f = 1; f <= 4; f++)
    dissect (session, pkt, cap, f);
  g_assert_cmpuint (count_field (pkt, "lenpdu.len"), ==, 2);

  dissect (session, pkt, cap, 4);
  g_assert_true (pkt->visited);
  assert_pdu (pkt, 0, (const guint8 *) "abc", 3);
  assert_pdu (pkt, 1, (const guint8 *) "0123456789", 10);
  g_assert_cmpmem (pkt->sources[1].data, pkt->sources[1].length, stream, 7);
  segs = segment_list (pkt);
  g_assert_cmpstr (segs, ==, "1(2),3(3),4(2)");
  dissect (session, pkt, cap, 3);
  g_assert_cmpmem (pkt->sources[1].data, pkt->sources[1].length, stream, 5);
  g_assert_cmpuint (nth_field (pkt, "tcp.reassembled_in", 0)->value.u, ==, 4);
  dissect (session, pkt, cap, 2);
  g_assert_cmpuint (nth_field (pkt, "tcp.reassembled_in", 0)->value.u, ==, 3);
  dissect (session, pkt, cap, 1);
  g_assert_cmpuint (nth_field (pkt, "tcp.reassembled_in", 0)->value.u, ==, 4);
  capture_free (cap);
}

/* A PDU whose first bytes came in a segment sent in two IPv4 fragments:
 * those bytes are the reassembled datagram's, not a frame's, so the PDU
 * is kept as a copy even with a frame source, and comes back whole. */
static void
test_pdu_from_fragments (void)
{
  static const guint8 stream[21] = { 0, 0, 0, 3, 'a', 'b', 'c', 0, 0, 0, 10,
                                     '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' };
  g_autoptr(RemoraSession) session = remora_session_new ();
  g_autoptr(RemoraPacket) pkt = tree_packet ();
  Capture *cap = capture_new ();
  g_autofree guint8 *seg = tcp_segment (TRUE, 7778, 1000, 1, 0x18, stream, 10);
  g_autofree char *segs = NULL;

  setup ();
  remora_session_set_frame_source (session, capture_read_frame, cap);
  capture_add_ipv4 (cap, TRUE, 77, 0x2000, seg, 24);           /* more fragments */
  capture_add_ipv4 (cap, TRUE, 77, 24 / 8, seg + 24, 30 - 24);
  capture_add_tcp (cap, TRUE, 7778, 1010, 1, 0x18, stream + 10, 11);
  for (guint32 f = 1; f <= 3; f++)
    dissect (session, pkt, cap, f);
  assert_pdu (pkt, 0, (const guint8 *) "0123456789", 10);

  dissect (session, pkt, cap, 3);
  g_assert_true (pkt->visited);
  g_assert_cmpmem (pkt->sources[1].data, pkt->sources[1].length, stream + 7, 14);
  assert_pdu (pkt, 0, (const guint8 *) "0123456789", 10);
  segs = segment_list (pkt);
  g_assert_cmpstr (segs, ==, "2(3),3(11)");
  capture_free (cap);
}

static void
test_carried_pdu (void)
{
  gsize from_frames, copies;

  run_carried_pdu (TRUE, &from_frames);
  run_carried_pdu (FALSE, &copies);
  /* Without a frame source the two PDUs (12 and 14 bytes) are copies. */
  g_assert_cmpuint (copies, >=, from_frames + 12 + 14);
  run_hole_pdu (TRUE);
  run_hole_pdu (FALSE);
}

/* What a revisiting session keeps per TCP segment, with a frame source:
 * 20000 frames, 1000-byte messages in three segments each and an ACK
 * after every message.  A frame's record is about 15 bytes (log framing
 * 3, header 2, stream 1, time since the previous segment 2, the analysis'
 * numbers 3 to 5, where the bytes went up to 5); each message adds its
 * piece list (about 22 bytes) and its table entry (20), some 10 bytes a
 * frame; and the two logs and the table may each end in a partly used
 * chunk (64 KiB, 64 KiB, 20 KiB).  Under 32 bytes a frame, where copies of the messages alone
 * would be 250 and the former fixed-size records over 100. */
static void
test_memory_per_segment (void)
{
  g_autoptr(RemoraSession) session = remora_session_new ();
  g_autoptr(RemoraPacket) pkt = remora_packet_new ();
  g_autofree guint8 *wanted = g_malloc0 (remora_field_count ());
  Capture *cap = capture_new ();
  guint8 msg[1000];
  guint32 seq = 1, n_frames = 20000;
  gsize memory;

  setup ();
  remora_packet_set_wanted (pkt, wanted);
  remora_session_set_frame_source (session, capture_read_frame, cap);
  for (guint i = 0; i < sizeof msg; i++)
    msg[i] = (guint8) (i * 13);
  msg[0] = msg[1] = 0;
  msg[2] = (1000 - 4) >> 8;
  msg[3] = (1000 - 4) & 0xff;
  while (cap->data->len < n_frames)
    {
      capture_add_tcp (cap, TRUE, 7777, seq, 1, 0x10, msg, 400);
      capture_add_tcp (cap, TRUE, 7777, seq + 400, 1, 0x10, msg + 400, 400);
      capture_add_tcp (cap, TRUE, 7777, seq + 800, 1, 0x18, msg + 800, 200);
      seq += 1000;
      capture_add_tcp (cap, FALSE, 7777, 1, seq, 0x10, NULL, 0);
    }
  for (guint32 f = 1; f <= n_frames; f++)
    dissect (session, pkt, cap, f);
  memory = remora_tcp_state_record_memory (tcp_state (session));
  g_test_message ("%" G_GSIZE_FORMAT " bytes kept per frame", memory / n_frames);
  g_assert_cmpuint (memory / n_frames, <, 32);

  /* and the last message comes back whole */
  remora_packet_set_tree_mode (pkt, TRUE);
  dissect (session, pkt, cap, n_frames - 1);
  g_assert_true (pkt->visited);
  assert_pdu (pkt, 0, msg + 4, 996);
  capture_free (cap);
}

/* Many streams, each with a PDU waiting for its second half: the pending
 * bytes are the bytes received, within the total cap. */
static void
test_many_pending (void)
{
  g_autoptr(RemoraSession) session = remora_session_new ();
  g_autoptr(RemoraPacket) pkt = remora_packet_new ();
  guint8 frame[14 + 20 + 20 + 8] = { 0 };
  RemoraFrameInput in = { 0 };
  struct mallinfo2 before, after;
  gsize per_stream;
  g_autofree guint8 *wanted = g_malloc0 (remora_field_count ());

  setup ();
  remora_packet_set_wanted (pkt, wanted);
  remora_session_set_will_revisit (session, FALSE);
  frame[12] = 0x08;
  frame[14] = 0x45;
  frame[17] = sizeof frame - 14;
  frame[22] = 64;
  frame[23] = 6;
  frame[26] = 10, frame[29] = 1;
  frame[30] = 10, frame[33] = 2;
  frame[36] = 0x1e, frame[37] = 0x61;                  /* dport 7777 */
  frame[41] = 1;                                       /* seq 1 */
  frame[46] = 0x50, frame[47] = 0x18;                  /* PSH, ACK */
  frame[48] = 0x10;
  frame[54 + 2] = 0x10;                                /* length 4096, 4 bytes of data */
  in.data = frame;
  in.cap_len = in.orig_len = sizeof frame;
  in.link_type = REMORA_LINKTYPE_ETHERNET;
  remora_session_dissect (session, pkt, &in);   /* warm up the packet */
  before = mallinfo2 ();
  for (guint i = 1; i <= 100000; i++)
    {
      frame[34] = (guint8) (i >> 8), frame[35] = (guint8) i;    /* sport */
      frame[28] = (guint8) (i >> 16);
      in.number = i + 1;
      in.ts_ns = i;
      remora_session_dissect (session, pkt, &in);
    }
  after = mallinfo2 ();
  per_stream = (after.uordblks + after.hblkhd - before.uordblks - before.hblkhd) / 100000;
  g_test_message ("%" G_GSIZE_FORMAT " bytes per stream with a pending PDU", per_stream);
  /* stream state (~450) + pending record and its 8 received bytes */
  g_assert_cmpuint (per_stream, <=, 1024);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/remora/tcp-reassembly/lenpdu-revisit", test_lenpdu_revisit);
  g_test_add_func ("/remora/tcp-reassembly/lenpdu-revisit-frames", test_lenpdu_revisit_frames);
  g_test_add_func ("/remora/tcp-reassembly/redissect-all", test_redissect_all);
  g_test_add_func ("/remora/tcp-reassembly/carried-pdu", test_carried_pdu);
  g_test_add_func ("/remora/tcp-reassembly/pdu-from-fragments", test_pdu_from_fragments);
  g_test_add_func ("/remora/tcp-reassembly/memory-per-segment", test_memory_per_segment);
  g_test_add_func ("/remora/tcp-reassembly/lenpdu-single-pass", test_lenpdu_single_pass);
  g_test_add_func ("/remora/tcp-reassembly/pref-off", test_pref_off);
  g_test_add_func ("/remora/tcp-reassembly/analysis-flags", test_analysis_flags);
  g_test_add_func ("/remora/tcp-reassembly/many-pending", test_many_pending);
  g_test_add_func ("/remora/tcp-reassembly/http-chunked-split", test_http_chunked_split);
  g_test_add_func ("/remora/tcp-reassembly/http-chunked-split-revisit", test_http_chunked_split_revisit);
  return g_test_run ();
}
