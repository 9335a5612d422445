/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <malloc.h>
#include <string.h>

#include "remora-dissect.h"

/* TCP and UDP through a session.  Frames are real IPv4 / IPv6 packets; a
 * small shim on LINKTYPE_USER1 (148) hands them to "ip.proto" with the
 * addresses and payload length that the IP dissectors set, so these tests
 * exercise TCP and UDP alone. */

#define LINK_SHIM 148

static int
dissect_shim (const RemoraTvb *tvb, RemoraPacket *pkt, RemoraItem tree, void *data)
{
  guint8 version = remora_tvb_get_u8 (tvb, 0) >> 4;
  guint32 hlen, total;
  guint8 proto;
  RemoraTvb next;

  if (version == 4)
    {
      hlen = (remora_tvb_get_u8 (tvb, 0) & 0x0f) * 4u;
      total = remora_tvb_get_ntohs (tvb, 2);
      proto = remora_tvb_get_u8 (tvb, 9);
      remora_address_set (&pkt->net_src, REMORA_AT_IPv4, remora_tvb_get_ptr (tvb, 12, 4), 4);
      remora_address_set (&pkt->net_dst, REMORA_AT_IPv4, remora_tvb_get_ptr (tvb, 16, 4), 4);
    }
  else
    {
      hlen = 40;
      total = 40u + remora_tvb_get_ntohs (tvb, 4);
      proto = remora_tvb_get_u8 (tvb, 6);
      remora_address_set (&pkt->net_src, REMORA_AT_IPv6, remora_tvb_get_ptr (tvb, 8, 16), 16);
      remora_address_set (&pkt->net_dst, REMORA_AT_IPv6, remora_tvb_get_ptr (tvb, 24, 16), 16);
    }
  pkt->ip_payload_len = total - hlen;
  pkt->ip_proto = proto;
  remora_tvb_subset_length (&next, tvb, hlen, total - hlen);
  remora_table_try_uint ("ip.proto", proto, &next, pkt, tree, NULL);
  return (int) tvb->captured;
}

static void
setup (void)
{
  static gsize once;

  remora_dissectors_init ();
  if (g_once_init_enter (&once))
    {
      remora_table_add_uint ("link_type", LINK_SHIM, remora_dissector_register ("tcp-test-shim", -1, dissect_shim));
      g_once_init_leave (&once, 1);
    }
}

/* ---- frame builder ---- */

enum { FIN = 0x01, SYN = 0x02, RST = 0x04, PSH = 0x08, ACK = 0x10 };

typedef struct {
  guint8 bytes[256];
  guint  len;
} Frame;

static const guint8 addr4_a[4] = { 10, 0, 0, 1 };
static const guint8 addr4_b[4] = { 10, 0, 0, 2 };
static const guint8 addr6_a[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 };
static const guint8 addr6_b[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 2 };

static void
put16 (guint8 *p, guint v)
{
  p[0] = (guint8) (v >> 8);
  p[1] = (guint8) v;
}

static void
put32 (guint8 *p, guint32 v)
{
  put16 (p, v >> 16);
  put16 (p + 2, v & 0xffff);
}

/* An IP header (v4 when SRC is 4 bytes, else v6) around L4 of L4_LEN bytes. */
static void
frame_ip (Frame *f, gboolean v6, const guint8 *src, const guint8 *dst, guint8 proto,
          const guint8 *l4, guint l4_len)
{
  memset (f, 0, sizeof *f);
  if (!v6)
    {
      f->bytes[0] = 0x45;
      put16 (f->bytes + 2, 20 + l4_len);
      f->bytes[8] = 64;
      f->bytes[9] = proto;
      memcpy (f->bytes + 12, src, 4);
      memcpy (f->bytes + 16, dst, 4);
      f->len = 20;
    }
  else
    {
      f->bytes[0] = 0x60;
      put16 (f->bytes + 4, l4_len);
      f->bytes[6] = proto;
      f->bytes[7] = 64;
      memcpy (f->bytes + 8, src, 16);
      memcpy (f->bytes + 24, dst, 16);
      f->len = 40;
    }
  g_assert_cmpuint (f->len + l4_len, <=, sizeof f->bytes);
  memcpy (f->bytes + f->len, l4, l4_len);
  f->len += l4_len;
}

static void
frame_tcp_full (Frame *f, gboolean v6, gboolean a_to_b, guint sport, guint dport, guint32 seq, guint32 ack,
                guint flags, guint win, const guint8 *opts, guint opts_len, guint hdr_words,
                const char *payload)
{
  guint8 l4[160] = { 0 };
  guint plen = payload ? (guint) strlen (payload) : 0;
  guint hlen = 20 + opts_len;

  put16 (l4, sport);
  put16 (l4 + 2, dport);
  put32 (l4 + 4, seq);
  put32 (l4 + 8, ack);
  put16 (l4 + 12, (hdr_words ? hdr_words : hlen / 4) << 12 | flags);
  put16 (l4 + 14, win);
  if (opts_len)
    memcpy (l4 + 20, opts, opts_len);
  if (plen)
    memcpy (l4 + hlen, payload, plen);
  frame_ip (f, v6, a_to_b ? (v6 ? addr6_a : addr4_a) : (v6 ? addr6_b : addr4_b),
            a_to_b ? (v6 ? addr6_b : addr4_b) : (v6 ? addr6_a : addr4_a), 6, l4, hlen + plen);
}

static void
frame_tcp (Frame *f, gboolean a_to_b, guint sport, guint dport, guint32 seq, guint32 ack, guint flags, guint win)
{
  frame_tcp_full (f, FALSE, a_to_b, sport, dport, seq, ack, flags, win, NULL, 0, 0, NULL);
}

static void
dissect (RemoraSession *session, RemoraPacket *pkt, guint32 number, const Frame *f)
{
  RemoraFrameInput in = { 0 };

  in.number = number;
  in.data = f->bytes;
  in.cap_len = f->len;
  in.orig_len = f->len;
  in.ts_ns = G_GINT64_CONSTANT (1000000000) * number;
  in.link_type = LINK_SHIM;
  remora_session_dissect (session, pkt, &in);
}

static RemoraItem
find_field (RemoraPacket *pkt, const char *abbrev)
{
  int id = remora_field_lookup (abbrev);

  g_assert_cmpint (id, >=, 0);
  for (guint i = 1; i <= remora_packet_get_n_nodes (pkt); i++)
    if (remora_packet_get_node (pkt, i)->field == id)
      return i;
  return 0;
}

static guint64
uint_of (RemoraPacket *pkt, const char *abbrev)
{
  RemoraItem it = find_field (pkt, abbrev);

  if (it == 0)
    g_error ("no %s in frame", abbrev);
  return remora_packet_get_node (pkt, it)->value.u;
}

static gint64
int_of (RemoraPacket *pkt, const char *abbrev)
{
  RemoraItem it = find_field (pkt, abbrev);

  g_assert_cmpuint (it, !=, 0);
  return remora_packet_get_node (pkt, it)->value.i;
}

static char *
label_of (RemoraPacket *pkt, const char *abbrev)
{
  GString *s = g_string_new (NULL);
  RemoraItem it = find_field (pkt, abbrev);

  g_assert_cmpuint (it, !=, 0);
  remora_node_format_label (pkt, it, s);
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

static const guint8 syn_opts[] = {
  0x02, 0x04, 0x05, 0xb4,             /* MSS 1460 */
  0x01, 0x03, 0x03, 0x02,             /* NOP, WS 2 */
  0x04, 0x02, 0x01, 0x01,             /* SACK_PERM, NOP, NOP */
  0x08, 0x0a, 0, 0, 0, 1, 0, 0, 0, 0, /* TS 1 / 0 */
  0x00, 0x00                          /* EOL, padding */
};
static const guint8 synack_opts[] = { 0x02, 0x04, 0x05, 0xb4, 0x01, 0x03, 0x03, 0x03 };

/* The usual handshake on 3267 -> 80, ISNs 1000 and 5000. */
static void
run_handshake (RemoraSession *session, RemoraPacket *pkt, gboolean v6)
{
  Frame f;

  frame_tcp_full (&f, v6, TRUE, 3267, 80, 1000, 0, SYN, 65535, syn_opts, sizeof syn_opts, 0, NULL);
  dissect (session, pkt, 1, &f);
  g_assert_cmpstr (pkt->col_protocol, ==, "TCP");
  g_assert_cmpstr (pkt->col_info->str, ==,
                   "3267 \xe2\x86\x92 80 [SYN] Seq=0 Win=65535 Len=0 MSS=1460 WS=4 SACK_PERM TSval=1 TSecr=0");
  if (pkt->tree_mode)
    {
      g_assert_cmpuint (uint_of (pkt, "tcp.options.mss_val"), ==, 1460);
      g_assert_cmpuint (uint_of (pkt, "tcp.options.wscale.multiplier"), ==, 4);
      g_assert_cmpuint (find_field (pkt, "tcp.window_size_scalefactor"), ==, 0);
    }
  frame_tcp_full (&f, v6, FALSE, 80, 3267, 5000, 1001, SYN | ACK, 8192, synack_opts, sizeof synack_opts, 0, NULL);
  dissect (session, pkt, 2, &f);
  g_assert_cmpstr (pkt->col_info->str, ==, "80 \xe2\x86\x92 3267 [SYN, ACK] Seq=0 Ack=1 Win=8192 Len=0 MSS=1460 WS=8");
  frame_tcp_full (&f, v6, TRUE, 3267, 80, 1001, 5001, ACK, 1000, NULL, 0, 0, NULL);
  dissect (session, pkt, 3, &f);
}

static void
check_handshake (gboolean v6)
{
  g_autoptr(RemoraSession) session = remora_session_new ();
  g_autoptr(RemoraPacket) pkt = tree_packet ();
  g_autofree char *flags_str = NULL;
  Frame f;

  setup ();
  run_handshake (session, pkt, v6);
  g_assert_cmpstr (pkt->col_info->str, ==, "3267 \xe2\x86\x92 80 [ACK] Seq=1 Ack=1 Win=4000 Len=0");
  g_assert_cmpuint (uint_of (pkt, "tcp.window_size_value"), ==, 1000);
  g_assert_cmpuint (uint_of (pkt, "tcp.window_size"), ==, 4000);
  g_assert_cmpint (int_of (pkt, "tcp.window_size_scalefactor"), ==, 4);
  g_assert_cmpuint (uint_of (pkt, "tcp.seq"), ==, 1);
  g_assert_cmpuint (uint_of (pkt, "tcp.seq_raw"), ==, 1001);
  g_assert_cmpuint (uint_of (pkt, "tcp.ack"), ==, 1);
  g_assert_cmpuint (uint_of (pkt, "tcp.ack_raw"), ==, 5001);
  flags_str = label_of (pkt, "tcp.flags.str");
  g_assert_cmpstr (flags_str, ==, "[TCP Flags: \xc2\xb7\xc2\xb7\xc2\xb7\xc2\xb7\xc2\xb7\xc2\xb7\xc2\xb7"
                                  "A\xc2\xb7\xc2\xb7\xc2\xb7\xc2\xb7]");

  /* Data: relative numbers, payload to data, the server's scale. */
  frame_tcp_full (&f, v6, TRUE, 3267, 80, 1001, 5001, PSH | ACK, 1000, NULL, 0, 0, "hello");
  dissect (session, pkt, 4, &f);
  g_assert_cmpstr (pkt->col_info->str, ==, "3267 \xe2\x86\x92 80 [PSH, ACK] Seq=1 Ack=1 Win=4000 Len=5");
  g_assert_cmpuint (uint_of (pkt, "tcp.len"), ==, 5);
  g_assert_cmpuint (uint_of (pkt, "tcp.nxtseq"), ==, 6);
  g_assert_cmpint (int_of (pkt, "data.len"), ==, 5);
  g_assert_cmpuint (remora_packet_get_node (pkt, find_field (pkt, "tcp.payload"))->value.bytes.len, ==, 5);
  frame_tcp_full (&f, v6, FALSE, 80, 3267, 5001, 1006, FIN | ACK, 100, NULL, 0, 0, NULL);
  dissect (session, pkt, 5, &f);
  g_assert_cmpstr (pkt->col_info->str, ==, "80 \xe2\x86\x92 3267 [FIN, ACK] Seq=1 Ack=6 Win=800 Len=0");
  g_assert_cmpuint (uint_of (pkt, "tcp.nxtseq"), ==, 2);
}

static void
test_handshake_ipv4 (void)
{
  check_handshake (FALSE);
}

static void
test_handshake_ipv6 (void)
{
  check_handshake (TRUE);
}

static void
test_fields_mode (void)
{
  g_autoptr(RemoraSession) session = remora_session_new ();
  g_autoptr(RemoraPacket) pkt = tree_packet ();
  g_autofree guint8 *wanted = NULL;

  setup ();
  wanted = g_malloc0 (remora_field_count ());
  wanted[remora_field_lookup ("tcp.seq")] = 1;
  wanted[remora_field_lookup ("tcp.window_size")] = 1;
  remora_packet_set_tree_mode (pkt, FALSE);
  remora_packet_set_wanted (pkt, wanted);
  run_handshake (session, pkt, FALSE);
  g_assert_cmpuint (uint_of (pkt, "tcp.seq"), ==, 1);
  g_assert_cmpuint (uint_of (pkt, "tcp.window_size"), ==, 4000);
  g_assert_cmpuint (find_field (pkt, "tcp.ack"), ==, 0);
}

/* Mid-stream start: the first segment reads Seq=1 Ack=1 as tshark shows. */
static void
test_midstream (void)
{
  g_autoptr(RemoraSession) session = remora_session_new ();
  g_autoptr(RemoraPacket) pkt = tree_packet ();
  Frame f;

  setup ();
  frame_tcp_full (&f, FALSE, FALSE, 80, 5767, 908588050, 2693707125u, PSH | ACK, 63750, NULL, 0, 0, "x");
  dissect (session, pkt, 1, &f);
  g_assert_cmpstr (pkt->col_info->str, ==, "80 \xe2\x86\x92 5767 [PSH, ACK] Seq=1 Ack=1 Win=63750 Len=1");
  g_assert_cmpint (int_of (pkt, "tcp.window_size_scalefactor"), ==, -1);
  frame_tcp (&f, TRUE, 5767, 80, 2693707125u, 908588051, ACK, 100);
  dissect (session, pkt, 2, &f);
  g_assert_cmpuint (uint_of (pkt, "tcp.seq"), ==, 1);
  g_assert_cmpuint (uint_of (pkt, "tcp.ack"), ==, 2);
}

static void
test_streams (void)
{
  g_autoptr(RemoraSession) session = remora_session_new ();
  g_autoptr(RemoraPacket) pkt = tree_packet ();
  Frame f;
  guint n = 1;

  setup ();
  frame_tcp (&f, TRUE, 3267, 80, 1000, 0, SYN, 100);
  dissect (session, pkt, n++, &f);
  g_assert_cmpuint (uint_of (pkt, "tcp.stream"), ==, 0);
  frame_tcp (&f, TRUE, 4000, 80, 1, 0, SYN, 100);       /* another pair */
  dissect (session, pkt, n++, &f);
  g_assert_cmpuint (uint_of (pkt, "tcp.stream"), ==, 1);
  frame_tcp (&f, FALSE, 80, 3267, 7, 1001, SYN | ACK, 100);
  dissect (session, pkt, n++, &f);
  g_assert_cmpuint (uint_of (pkt, "tcp.stream"), ==, 0);
  frame_tcp (&f, TRUE, 3267, 80, 1001, 8, FIN | ACK, 100);
  dissect (session, pkt, n++, &f);
  frame_tcp (&f, FALSE, 80, 3267, 8, 1002, FIN | ACK, 100);
  dissect (session, pkt, n++, &f);
  g_assert_cmpuint (uint_of (pkt, "tcp.stream"), ==, 0);
  /* A retransmitted SYN (same ISN) stays in its stream... */
  frame_tcp (&f, TRUE, 3267, 80, 1000, 0, SYN, 100);
  dissect (session, pkt, n++, &f);
  g_assert_cmpuint (uint_of (pkt, "tcp.stream"), ==, 0);
  /* ...a new ISN on the same pair after the close is a new connection. */
  frame_tcp (&f, TRUE, 3267, 80, 90000, 0, SYN, 100);
  dissect (session, pkt, n++, &f);
  g_assert_cmpuint (uint_of (pkt, "tcp.stream"), ==, 2);
  g_assert_cmpuint (uint_of (pkt, "tcp.seq"), ==, 0);
  frame_tcp (&f, FALSE, 80, 3267, 50, 90001, SYN | ACK, 100);
  dissect (session, pkt, n++, &f);
  g_assert_cmpuint (uint_of (pkt, "tcp.stream"), ==, 2);
  g_assert_cmpuint (uint_of (pkt, "tcp.ack"), ==, 1);
  /* The same ports over IPv6 are a different conversation. */
  frame_tcp_full (&f, TRUE, TRUE, 3267, 80, 1, 0, SYN, 100, NULL, 0, 0, NULL);
  dissect (session, pkt, n++, &f);
  g_assert_cmpuint (uint_of (pkt, "tcp.stream"), ==, 3);
}

/* The GUI dissects a selected frame again later: same numbers. */
static void
test_redissect (void)
{
  g_autoptr(RemoraSession) session = remora_session_new ();
  g_autoptr(RemoraPacket) pkt = tree_packet ();
  Frame f3, f;

  setup ();
  frame_tcp (&f, TRUE, 3267, 80, 1000, 0, SYN, 100);
  dissect (session, pkt, 1, &f);
  frame_tcp (&f3, TRUE, 3267, 80, 1001, 0, ACK, 100);
  dissect (session, pkt, 2, &f3);
  g_assert_cmpuint (uint_of (pkt, "tcp.seq"), ==, 1);
  frame_tcp (&f, TRUE, 3267, 80, 1201, 0, RST, 100);
  dissect (session, pkt, 3, &f);
  frame_tcp (&f, TRUE, 3267, 80, 777777, 0, SYN, 100);  /* port reuse: stream 1 */
  dissect (session, pkt, 4, &f);
  g_assert_cmpuint (uint_of (pkt, "tcp.stream"), ==, 1);

  dissect (session, pkt, 2, &f3);
  g_assert_true (pkt->visited);
  g_assert_cmpuint (uint_of (pkt, "tcp.seq"), ==, 1);
  g_assert_cmpuint (uint_of (pkt, "tcp.stream"), ==, 0);
  /* An ACK of 0 after the SYN repeats the SYN's: tshark calls it a
   * duplicate ACK of frame 0 (checked with tshark 4.0). */
  g_assert_cmpstr (pkt->col_info->str, ==, "[TCP Dup ACK 0#1] 3267 \xe2\x86\x92 80 [ACK] Seq=1 Ack=1 Win=100 Len=0");
}

/* What TCP shows of a frame: the Info column and TCP's items (hidden
 * ones too). */
static char *
tcp_text (RemoraPacket *pkt)
{
  GString *out = g_string_new (pkt->col_info->str);

  g_string_append_c (out, '\n');
  for (guint i = 1; i <= remora_packet_get_n_nodes (pkt); i++)
    {
      const RemoraNode *node = remora_packet_get_node (pkt, i);

      if (node->field < 0 || !g_str_has_prefix (remora_field_get (node->field)->abbrev, "tcp"))
        continue;
      remora_node_format_label (pkt, i, out);
      g_string_append_printf (out, " [%u+%u]%s\n", node->start, node->length,
                              (node->flags & REMORA_NODE_HIDDEN) ? " hidden" : "");
    }
  return g_string_free (out, FALSE);
}

/* Each frame dissected again shows what its first pass showed, for the
 * numbers a frame's record keeps in a compact form: a scale factor other
 * than the direction's first (a SYN sent again with another shift), a
 * stream opened hundreds of streams before, times that are not whole
 * microseconds or that go backwards, duplicate ACKs, retransmissions
 * with their RTO, ACKs with their RTT, bytes in flight. */
static void
test_redissect_records (void)
{
  static const guint8 ws7[] = { 0x01, 0x03, 0x03, 0x07 };
  static const guint8 ws8[] = { 0x01, 0x03, 0x03, 0x08 };
  static const guint8 ws5[] = { 0x01, 0x03, 0x03, 0x05 };
  static const gint64 step[] = { 1000, 123457, 999, -250000, 40000000, 1 };
  g_autoptr(RemoraSession) session = remora_session_new ();
  g_autoptr(RemoraPacket) pkt = tree_packet ();
  g_autoptr(GPtrArray) first = g_ptr_array_new_with_free_func (g_free);
  GArray *frames = g_array_new (FALSE, FALSE, sizeof (Frame));
  GArray *times = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 ts = G_GINT64_CONSTANT (1700000000000000000);
  Frame f;

  setup ();
#define ADD() g_array_append_val (frames, f)
  frame_tcp_full (&f, FALSE, TRUE, 4000, 5555, 100, 0, SYN, 64240, ws7, sizeof ws7, 0, NULL); ADD ();
  frame_tcp_full (&f, FALSE, FALSE, 5555, 4000, 900, 101, SYN | ACK, 65160, ws8, sizeof ws8, 0, NULL); ADD ();
  frame_tcp_full (&f, FALSE, TRUE, 4000, 5555, 101, 901, ACK, 502, NULL, 0, 0, NULL); ADD ();
  frame_tcp_full (&f, FALSE, TRUE, 4000, 5555, 101, 901, PSH | ACK, 502, NULL, 0, 0, "hello, world"); ADD ();
  frame_tcp_full (&f, FALSE, TRUE, 4000, 5555, 101, 901, PSH | ACK, 502, NULL, 0, 0, "hello, world"); ADD ();
  frame_tcp_full (&f, FALSE, FALSE, 5555, 4000, 901, 113, ACK, 509, NULL, 0, 0, NULL); ADD ();
  frame_tcp_full (&f, FALSE, FALSE, 5555, 4000, 901, 113, ACK, 509, NULL, 0, 0, NULL); ADD ();
  frame_tcp_full (&f, FALSE, TRUE, 4000, 5555, 100, 0, SYN, 64240, ws5, sizeof ws5, 0, NULL); ADD ();
  for (guint i = 0; i < 300; i++)
    {
      frame_tcp (&f, TRUE, 10000 + i, 80, 1, 0, SYN, 1000);
      ADD ();
    }
  frame_tcp_full (&f, FALSE, TRUE, 4000, 5555, 113, 901, PSH | ACK, 502, NULL, 0, 0, "more"); ADD ();
  frame_tcp_full (&f, FALSE, FALSE, 5555, 4000, 901, 117, ACK, 509, NULL, 0, 0, NULL); ADD ();
#undef ADD

  for (guint i = 0; i < frames->len; i++)
    {
      RemoraFrameInput in = { 0 };
      const Frame *fr = &g_array_index (frames, Frame, i);

      ts += step[i % G_N_ELEMENTS (step)];
      g_array_append_val (times, ts);
      in.number = i + 1;
      in.data = fr->bytes;
      in.cap_len = in.orig_len = fr->len;
      in.ts_ns = ts;
      in.link_type = LINK_SHIM;
      remora_session_dissect (session, pkt, &in);
      g_ptr_array_add (first, tcp_text (pkt));
    }
  /* the numbers are there to be checked */
  g_assert_true (strstr (first->pdata[4], "The RTO for this segment was: 0.040000000 seconds") != NULL);
  g_assert_true (strstr (first->pdata[5], "This is an ACK to the segment in frame: 4") != NULL);
  g_assert_true (strstr (first->pdata[6], "[TCP Dup ACK 6#1]") != NULL);
  g_assert_true (strstr (first->pdata[frames->len - 2], "Window size scaling factor: 32") != NULL);
  g_assert_true (strstr (first->pdata[frames->len - 1], "Stream index: 0") != NULL);

  for (guint i = frames->len; i-- > 0;)
    {
      RemoraFrameInput in = { 0 };
      const Frame *fr = &g_array_index (frames, Frame, i);
      g_autofree char *again = NULL;

      in.number = i + 1;
      in.data = fr->bytes;
      in.cap_len = in.orig_len = fr->len;
      in.ts_ns = g_array_index (times, gint64, i);
      in.link_type = LINK_SHIM;
      remora_session_dissect (session, pkt, &in);
      g_assert_true (pkt->visited);
      again = tcp_text (pkt);
      g_assert_cmpstr (again, ==, first->pdata[i]);
    }
  g_array_unref (frames);
  g_array_unref (times);
}

static void
test_bogus_header_length (void)
{
  g_autoptr(RemoraSession) session = remora_session_new ();
  g_autoptr(RemoraPacket) pkt = tree_packet ();
  Frame f;

  setup ();
  frame_tcp_full (&f, FALSE, TRUE, 1111, 22, 7, 8, ACK, 100, NULL, 0, 4, NULL);
  dissect (session, pkt, 1, &f);
  g_assert_cmpstr (pkt->col_info->str, ==,
                   "1111 \xe2\x86\x92 22 [ACK] Seq=1 Ack=1 Win=100, bogus TCP header length (16, must be at least 20)");
  g_assert_cmpuint (uint_of (pkt, "tcp.hdr_len"), ==, 16);
  g_assert_cmpuint (find_field (pkt, "tcp.ack"), ==, 0);
  g_assert_cmpuint (find_field (pkt, "tcp.flags"), ==, 0);
}

static void
test_option_past_header (void)
{
  g_autoptr(RemoraSession) session = remora_session_new ();
  g_autoptr(RemoraPacket) pkt = tree_packet ();
  static const guint8 opts[] = { 0x01, 0x02, 0x08, 0x05 };  /* NOP, MSS claiming 8 bytes */
  Frame f;

  setup ();
  frame_tcp_full (&f, FALSE, TRUE, 1112, 22, 7, 8, ACK, 100, opts, sizeof opts, 0, NULL);
  dissect (session, pkt, 1, &f);
  g_assert_cmpstr (pkt->col_info->str, ==, "1112 \xe2\x86\x92 22 [ACK] Seq=1 Ack=1 Win=100 Len=0");
  g_assert_cmpuint (find_field (pkt, "tcp.options.mss_val"), ==, 0);
  g_assert_cmpuint (uint_of (pkt, "tcp.option_kind"), ==, 1);
  g_assert_cmpint (pkt->exception, ==, REMORA_EXC_NONE);
}

static void
frame_udp (Frame *f, guint sport, guint dport, guint ulen, guint data_len)
{
  guint8 l4[64] = { 0 };

  put16 (l4, sport);
  put16 (l4 + 2, dport);
  put16 (l4 + 4, ulen);
  memset (l4 + 8, 'x', data_len);
  frame_ip (f, FALSE, addr4_a, addr4_b, 17, l4, 8 + data_len);
}

static void
test_udp (void)
{
  g_autoptr(RemoraSession) session = remora_session_new ();
  g_autoptr(RemoraPacket) pkt = tree_packet ();
  g_autofree char *len_label = NULL;
  Frame f;

  setup ();
  frame_udp (&f, 1024, 1023, 20, 12);
  dissect (session, pkt, 1, &f);
  g_assert_cmpstr (pkt->col_protocol, ==, "UDP");
  g_assert_cmpstr (pkt->col_info->str, ==, "1024 \xe2\x86\x92 1023 Len=12");
  g_assert_cmpuint (uint_of (pkt, "udp.stream"), ==, 0);
  g_assert_cmpint (int_of (pkt, "data.len"), ==, 12);

  frame_udp (&f, 1024, 1023, 40, 12);
  dissect (session, pkt, 2, &f);
  g_assert_cmpstr (pkt->col_info->str, ==, "1024 \xe2\x86\x92 1023 [BAD UDP LENGTH 40 > IP PAYLOAD LENGTH] Len=32");
  len_label = label_of (pkt, "udp.length");
  g_assert_cmpstr (len_label, ==, "Length: 40 (bogus, payload length 20)");
  g_assert_cmpint (int_of (pkt, "data.len"), ==, 12);

  frame_udp (&f, 1024, 1023, 5, 12);
  dissect (session, pkt, 3, &f);
  g_assert_cmpstr (pkt->col_info->str, ==, "1024 \xe2\x86\x92 1023 [BAD UDP LENGTH 5 < 8]");
  g_assert_cmpuint (find_field (pkt, "udp.stream"), ==, 0);

  /* Shorter than the IP payload: the rest is padding, not payload. */
  frame_udp (&f, 1025, 1023, 12, 12);
  dissect (session, pkt, 4, &f);
  g_assert_cmpstr (pkt->col_info->str, ==, "1025 \xe2\x86\x92 1023 Len=4");
  g_assert_cmpint (int_of (pkt, "data.len"), ==, 4);
  g_assert_cmpuint (uint_of (pkt, "udp.stream"), ==, 1);
}

/* Many short connections: memory per stream stays bounded.  The state is
 * a stream record (two directions of base/last numbers and sequence
 * analysis state), its hash entry, one frame record per TCP header and the
 * SYN waiting for its ACK: about 450 bytes. */
#define N_STREAMS 100000
#define MAX_BYTES_PER_STREAM 600

static void
test_many_streams (void)
{
  g_autoptr(RemoraSession) session = remora_session_new ();
  g_autoptr(RemoraPacket) pkt = remora_packet_new ();
  g_autofree guint8 *wanted = NULL;
  struct mallinfo2 before, after;
  gsize per_stream;
  Frame f;

  setup ();
  wanted = g_malloc0 (remora_field_count ());
  wanted[remora_field_lookup ("tcp.stream")] = 1;
  remora_packet_set_wanted (pkt, wanted);
  frame_tcp (&f, TRUE, 1, 2, 1, 0, SYN, 100);
  dissect (session, pkt, 1, &f);   /* warm up the packet's buffers */
  frame_tcp (&f, TRUE, 3, 2, 1, 0, SYN, 100);
  before = mallinfo2 ();
  for (guint i = 1; i < N_STREAMS; i++)
    {
      guint8 *src = f.bytes + 12;
      src[2] = (guint8) (i >> 8);
      src[3] = (guint8) i;
      src[1] = (guint8) (i >> 16);
      dissect (session, pkt, i + 1, &f);
    }
  after = mallinfo2 ();
  g_assert_cmpuint (uint_of (pkt, "tcp.stream"), ==, N_STREAMS - 1);
  per_stream = (after.uordblks + after.hblkhd - before.uordblks - before.hblkhd) / N_STREAMS;
  g_test_message ("%" G_GSIZE_FORMAT " bytes per stream", per_stream);
  g_assert_cmpuint (per_stream, <=, MAX_BYTES_PER_STREAM);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/remora/dissect/tcp/handshake-ipv4", test_handshake_ipv4);
  g_test_add_func ("/remora/dissect/tcp/handshake-ipv6", test_handshake_ipv6);
  g_test_add_func ("/remora/dissect/tcp/fields-mode", test_fields_mode);
  g_test_add_func ("/remora/dissect/tcp/midstream", test_midstream);
  g_test_add_func ("/remora/dissect/tcp/streams", test_streams);
  g_test_add_func ("/remora/dissect/tcp/redissect", test_redissect);
  g_test_add_func ("/remora/dissect/tcp/redissect-records", test_redissect_records);
  g_test_add_func ("/remora/dissect/tcp/bogus-header-length", test_bogus_header_length);
  g_test_add_func ("/remora/dissect/tcp/option-past-header", test_option_past_header);
  g_test_add_func ("/remora/dissect/tcp/udp", test_udp);
  g_test_add_func ("/remora/dissect/tcp/many-streams", test_many_streams);
  return g_test_run ();
}
