/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <malloc.h>

#include "dns-test-frames.h"
#include "remora-dns-name.h"
#include "packet-text.h"

/* DNS and mDNS through a session: Ethernet/IPv4/UDP frames (and a TCP
 * shim that offers desegmentation), checked against what tshark 4.0
 * shows for the same bytes. */

#define LINK_ETH 1
#define LINK_TCP_SHIM 149

static guint32 shim_deseg_offset, shim_deseg_len;

/* Hands the whole frame to DNS-over-TCP as a TCP payload that may be
 * desegmented, and keeps what DNS asked for. */
static int
dissect_tcp_shim (const RemoraTvb *tvb, RemoraPacket *pkt, RemoraItem tree, void *data)
{
  static const guint8 a[4] = { 10, 0, 0, 1 }, b[4] = { 10, 0, 0, 2 };

  remora_address_set (&pkt->net_src, REMORA_AT_IPv4, a, 4);
  remora_address_set (&pkt->net_dst, REMORA_AT_IPv4, b, 4);
  pkt->ptype = REMORA_PT_TCP;
  pkt->srcport = 40000;
  pkt->destport = 53;
  pkt->can_desegment = TRUE;
  pkt->desegment_offset = 0;
  pkt->desegment_len = 0;
  remora_call_dissector (remora_dissector_find ("dns.tcp"), tvb, pkt, tree, data);
  shim_deseg_offset = pkt->desegment_offset;
  shim_deseg_len = pkt->desegment_len;
  return (int) tvb->captured;
}

static void
setup (void)
{
  static gsize once;

  remora_dissectors_init ();
  if (g_once_init_enter (&once))
    {
      remora_table_add_uint ("link_type", LINK_TCP_SHIM,
                             remora_dissector_register ("dns-tcp-test-shim", -1, dissect_tcp_shim));
      g_once_init_leave (&once, 1);
    }
}

static void
header (GByteArray *m, guint id, guint flags, guint qd, guint an, guint ns, guint ar)
{
  tf_put16 (m, id);
  tf_put16 (m, flags);
  tf_put16 (m, qd);
  tf_put16 (m, an);
  tf_put16 (m, ns);
  tf_put16 (m, ar);
}

static void
rr_head (GByteArray *m, const char *name, guint type, guint klass, guint32 ttl, guint rdlen)
{
  if (name != NULL)
    tf_name (m, name);
  else
    tf_put16 (m, 0xc00c);   /* the question's name */
  tf_put16 (m, type);
  tf_put16 (m, klass);
  tf_put32 (m, ttl);
  tf_put16 (m, rdlen);
}

static GByteArray *
query (guint id, const char *name, guint type)
{
  GByteArray *m = g_byte_array_new ();

  header (m, id, 0x0100, 1, 0, 0, 0);
  tf_name (m, name);
  tf_put16 (m, type);
  tf_put16 (m, 1);
  return m;
}

static void
dissect_udp (RemoraSession *session, RemoraPacket *pkt, guint32 number, gboolean to_server,
             guint port, const GByteArray *m)
{
  g_autoptr(GByteArray) f = NULL;

  if (to_server)
    f = tf_frame (17, "10.0.0.1", "10.0.0.2", 40000, port, 0, m->data, m->len);
  else
    f = tf_frame (17, "10.0.0.2", "10.0.0.1", port, 40000, 0, m->data, m->len);
  tf_dissect (session, pkt, number, G_GINT64_CONSTANT (1000000000) + number * G_GINT64_CONSTANT (250000000), f, LINK_ETH);
}

/* www.example.com -> CNAME x.example.net, A, AAAA; names compressed. */
static GByteArray *
cname_response (void)
{
  GByteArray *m = g_byte_array_new ();
  guint8 a[4] = { 1, 2, 3, 4 }, aaaa[16];

  for (guint i = 0; i < 16; i++)
    aaaa[i] = (guint8) i;
  header (m, 0x1234, 0x8180, 1, 3, 0, 0);
  tf_name (m, "www.example.com");
  tf_put16 (m, 1);
  tf_put16 (m, 1);
  rr_head (m, NULL, 5, 1, 3600, 15);
  tf_name (m, "x.example.net");
  rr_head (m, "x.example.net", 1, 1, 59, 4);
  g_byte_array_append (m, a, 4);
  rr_head (m, NULL, 28, 1, 86461, 16);
  g_byte_array_append (m, aaaa, 16);
  return m;
}

static void
test_query_response (void)
{
  g_autoptr(RemoraSession) session = remora_session_new ();
  g_autoptr(RemoraPacket) pkt = tf_tree_packet ();
  g_autoptr(GByteArray) q = query (0x1234, "www.example.com", 1);
  g_autoptr(GByteArray) r = cname_response ();
  g_autofree char *ttl = NULL, *flags = NULL;

  setup ();
  dissect_udp (session, pkt, 1, TRUE, 53, q);
  g_assert_cmpstr (pkt->col_protocol, ==, "DNS");
  g_assert_cmpstr (pkt->col_info->str, ==, "Standard query 0x1234 A www.example.com");
  g_assert_cmpuint (tf_uint (pkt, "dns.qry.name.len", 0), ==, 15);
  g_assert_cmpuint (tf_uint (pkt, "dns.count.labels", 0), ==, 3);
  g_assert_true (tf_has_text (pkt, "www.example.com: type A, class IN"));
  /* single pass: the response is not known yet */
  g_assert_cmpuint (tf_find (pkt, "dns.response_in", 0), ==, 0);

  dissect_udp (session, pkt, 2, FALSE, 53, r);
  g_assert_cmpstr (pkt->col_info->str, ==,
                   "Standard query response 0x1234 A www.example.com CNAME x.example.net A 1.2.3.4 "
                   "AAAA 1:203:405:607:809:a0b:c0d:e0f");
  g_assert_true (tf_has_text (pkt, "www.example.com: type CNAME, class IN, cname x.example.net"));
  g_assert_true (tf_has_text (pkt, "x.example.net: type A, class IN, addr 1.2.3.4"));
  g_assert_cmpuint (tf_uint (pkt, "dns.a", 0), ==, 0x01020304);
  ttl = tf_label (pkt, "dns.resp.ttl", 2);
  g_assert_cmpstr (ttl, ==, "Time to live: 86461 (1 day, 1 minute, 1 second)");
  flags = tf_label (pkt, "dns.flags", 0);
  g_assert_cmpstr (flags, ==, "Flags: 0x8180 Standard query response, No error");
  g_assert_cmpuint (tf_uint (pkt, "dns.response_to", 0), ==, 1);
  g_assert_cmpint (remora_packet_get_node (pkt, tf_find (pkt, "dns.time", 0))->value.ns, ==, 250000000);

  /* revisiting the query (the GUI) links it to its response */
  dissect_udp (session, pkt, 1, TRUE, 53, q);
  g_assert_cmpuint (tf_uint (pkt, "dns.response_in", 0), ==, 2);
}

static void
test_record_types (void)
{
  g_autoptr(RemoraSession) session = remora_session_new ();
  g_autoptr(RemoraPacket) pkt = tf_tree_packet ();
  g_autoptr(GByteArray) m = g_byte_array_new ();
  g_autofree char *txt = NULL, *srv_service = NULL, *refresh = NULL, *soa = NULL;

  setup ();
  header (m, 0x4321, 0x8580, 1, 6, 0, 1);
  tf_name (m, "example.com");
  tf_put16 (m, 255);
  tf_put16 (m, 1);
  rr_head (m, NULL, 15, 1, 300, 20);
  tf_put16 (m, 10);
  tf_name (m, "mail.example.com");
  rr_head (m, NULL, 2, 1, 300, 17);
  tf_name (m, "ns1.example.com");
  rr_head (m, NULL, 16, 1, 300, 11);
  g_byte_array_append (m, (const guint8 *) "\x05hello\x00\x03" "a=b", 11);
  rr_head (m, "_sip._tcp.example.com", 33, 1, 300, 23);
  tf_put16 (m, 1);
  tf_put16 (m, 5);
  tf_put16 (m, 5060);
  tf_name (m, "sip.example.com");
  rr_head (m, NULL, 6, 1, 300, 61);
  tf_name (m, "ns1.example.com");
  tf_name (m, "hostmaster.example.com");
  tf_put32 (m, 2023010101);
  tf_put32 (m, 7200);
  tf_put32 (m, 3600);
  tf_put32 (m, 1209600);
  tf_put32 (m, 300);
  rr_head (m, NULL, 4660, 1, 300, 2);
  g_byte_array_append (m, (const guint8 *) "\xde\xad", 2);
  /* OPT: root name, payload size 1232, DO, one COOKIE option */
  g_byte_array_append (m, (const guint8 *) "", 1);
  tf_put16 (m, 41);
  tf_put16 (m, 1232);
  tf_put32 (m, 0x00008000);
  tf_put16 (m, 12);
  tf_put16 (m, 10);
  tf_put16 (m, 8);
  g_byte_array_append (m, (const guint8 *) "12345678", 8);

  dissect_udp (session, pkt, 1, FALSE, 53, m);
  g_assert_cmpstr (pkt->col_info->str, ==,
                   "Standard query response 0x4321 ANY example.com MX 10 mail.example.com NS ns1.example.com "
                   "TXT SRV 1 5 5060 sip.example.com SOA ns1.example.com Unknown (4660) OPT");
  g_assert_true (tf_has_text (pkt, "example.com: type MX, class IN, preference 10, mx mail.example.com"));
  g_assert_true (tf_has_text (pkt, "_sip._tcp.example.com: type SRV, class IN, priority 1, weight 5, port 5060, "
                                   "target sip.example.com"));
  g_assert_true (tf_has_text (pkt, "<Root>: type OPT"));
  g_assert_true (tf_has_text (pkt, "Option: COOKIE"));
  txt = tf_string (pkt, "dns.txt", 2);
  g_assert_cmpstr (txt, ==, "a=b");
  g_assert_cmpuint (tf_uint (pkt, "dns.txt.length", 1), ==, 0);
  srv_service = tf_string (pkt, "dns.srv.service", 0);
  g_assert_cmpstr (srv_service, ==, "_sip");
  soa = tf_string (pkt, "dns.soa.rname", 0);
  g_assert_cmpstr (soa, ==, "hostmaster.example.com");
  refresh = tf_label (pkt, "dns.soa.expire_limit", 0);
  g_assert_cmpstr (refresh, ==, "Expire limit: 1209600 (14 days)");
  g_assert_cmpuint (tf_uint (pkt, "dns.rr.udp_payload_size", 0), ==, 1232);
  g_assert_cmpuint (tf_uint (pkt, "dns.resp.z.do", 0), ==, 1);
  g_assert_cmpuint (tf_uint (pkt, "dns.opt.code", 0), ==, 10);
  g_assert_cmpuint (remora_packet_get_node (pkt, tf_find (pkt, "dns.data", 0))->value.bytes.len, ==, 2);
}

static void
test_nxdomain (void)
{
  g_autoptr(RemoraSession) session = remora_session_new ();
  g_autoptr(RemoraPacket) pkt = tf_tree_packet ();
  g_autoptr(GByteArray) m = query (0x5555, "nope.example.com", 1);

  setup ();
  m->data[2] = 0x81;
  m->data[3] = 0x83;
  dissect_udp (session, pkt, 1, FALSE, 53, m);
  g_assert_cmpstr (pkt->col_info->str, ==, "Standard query response 0x5555 No such name A nope.example.com");
  g_assert_cmpuint (tf_uint (pkt, "dns.flags.rcode", 0), ==, 3);
  /* a response nobody asked for links to nothing */
  g_assert_cmpuint (tf_find (pkt, "dns.response_to", 0), ==, 0);
}

static void
test_retransmission (void)
{
  g_autoptr(RemoraSession) session = remora_session_new ();
  g_autoptr(RemoraPacket) pkt = tf_tree_packet ();
  g_autoptr(GByteArray) q = query (0x5556, "a.example", 1);

  setup ();
  dissect_udp (session, pkt, 1, TRUE, 53, q);
  dissect_udp (session, pkt, 2, TRUE, 53, q);
  g_assert_cmpuint (tf_uint (pkt, "dns.retransmit_request_in", 0), ==, 1);
  g_assert_cmpuint (tf_uint (pkt, "dns.retransmission", 0), ==, 1);
}

static void
test_tcp_desegment (void)
{
  g_autoptr(RemoraSession) session = remora_session_new ();
  g_autoptr(RemoraPacket) pkt = tf_tree_packet ();
  g_autoptr(GByteArray) q = query (0x4319, "www.tcpdump.org", 1);
  g_autoptr(GByteArray) seg = g_byte_array_new ();

  setup ();
  /* the first 10 bytes of a length-prefixed message: DNS asks for the rest */
  tf_put16 (seg, q->len);
  g_byte_array_append (seg, q->data, 8);
  tf_dissect (session, pkt, 1, 0, seg, LINK_TCP_SHIM);
  g_assert_cmpuint (shim_deseg_offset, ==, 0);
  g_assert_cmpuint (shim_deseg_len, ==, q->len + 2 - 10);
  g_assert_cmpuint (tf_find (pkt, "dns.id", 0), ==, 0);

  /* one whole message, then a lone byte of the next length */
  g_byte_array_set_size (seg, 0);
  tf_put16 (seg, q->len);
  g_byte_array_append (seg, q->data, q->len);
  g_byte_array_append (seg, (const guint8 *) "\x00", 1);
  tf_dissect (session, pkt, 2, 0, seg, LINK_TCP_SHIM);
  g_assert_cmpstr (pkt->col_info->str, ==, "Standard query 0x4319 A www.tcpdump.org");
  g_assert_cmpuint (tf_uint (pkt, "dns.length", 0), ==, q->len);
  g_assert_cmpuint (shim_deseg_offset, ==, q->len + 2);
  g_assert_cmpuint (shim_deseg_len, ==, REMORA_DESEGMENT_ONE_MORE_SEGMENT);

  /* two whole messages in one segment */
  g_byte_array_set_size (seg, 0);
  for (guint i = 0; i < 2; i++)
    {
      q->data[1] = (guint8) (0x20 + i);
      tf_put16 (seg, q->len);
      g_byte_array_append (seg, q->data, q->len);
    }
  tf_dissect (session, pkt, 3, 0, seg, LINK_TCP_SHIM);
  g_assert_cmpuint (shim_deseg_len, ==, 0);
  g_assert_cmpuint (tf_uint (pkt, "dns.id", 0), ==, 0x4320);
  g_assert_cmpuint (tf_uint (pkt, "dns.id", 1), ==, 0x4321);
}

/* A question whose name is NAME_BYTES, type A class IN. */
static void
dissect_raw_name (RemoraSession *session, RemoraPacket *pkt, const guint8 *name_bytes, guint len)
{
  g_autoptr(GByteArray) m = g_byte_array_new ();

  header (m, 7, 0x0100, 1, 0, 0, 0);
  g_byte_array_append (m, name_bytes, len);
  tf_put16 (m, 1);
  tf_put16 (m, 1);
  dissect_udp (session, pkt, 1, TRUE, 53, m);
}

static void
test_pointer_loops (void)
{
  g_autoptr(RemoraSession) session = remora_session_new ();
  g_autoptr(RemoraPacket) pkt = tf_tree_packet ();
  static const guint8 self[] = { 3, 'a', 'b', 'c', 0xc0, 12 };
  static const guint8 pair[] = { 1, 'a', 0xc0, 16, 1, 'b', 0xc0, 12 };

  setup ();
  dissect_raw_name (session, pkt, self, sizeof self);
  g_assert_cmpstr (pkt->col_info->str, ==, "Standard query 0x0007 A <Name contains a pointer that loops>");
  g_assert_cmpuint (tf_uint (pkt, "dns.qry.name.len", 0), ==, 36);
  /* two names pointing at each other: the type is read after the first pointer */
  dissect_raw_name (session, pkt, pair, sizeof pair);
  g_assert_cmpstr (pkt->col_info->str, ==, "Standard query 0x0007 Unknown (354) <Name contains a pointer that loops>");
}

/* A chain of N pointers, each to the next, ending at "end". */
static char *
pointer_chain_name (RemoraSession *session, RemoraPacket *pkt, guint n)
{
  g_autoptr(GByteArray) name = g_byte_array_new ();

  for (guint i = 0; i < n; i++)
    tf_put16 (name, 0xc000 | (12 + 2 * (i + 1)));
  tf_name (name, "end");
  dissect_raw_name (session, pkt, name->data, name->len);
  return tf_string (pkt, "dns.qry.name", 0);
}

/* A chain of N pointers, each to the next, the last back to the first. */
static char *
pointer_loop_name (RemoraSession *session, RemoraPacket *pkt, guint n)
{
  g_autoptr(GByteArray) name = g_byte_array_new ();

  for (guint i = 0; i + 1 < n; i++)
    tf_put16 (name, 0xc000 | (12 + 2 * (i + 1)));
  tf_put16 (name, 0xc000 | 12);
  dissect_raw_name (session, pkt, name->data, name->len);
  return tf_string (pkt, "dns.qry.name", 0);
}

static void
test_pointer_limit (void)
{
  g_autoptr(RemoraSession) session = remora_session_new ();
  g_autoptr(RemoraPacket) pkt = tf_tree_packet ();
  g_autofree char *within = NULL, *past = NULL;

  setup ();
  /* A chain of pointers that ends is followed to its end, however long,
   * as tshark follows it; one that comes back round is a loop. */
  within = pointer_chain_name (session, pkt, 200);
  g_assert_cmpstr (within, ==, "end");
  past = pointer_loop_name (session, pkt, 200);
  g_assert_cmpstr (past, ==, "<Name contains a pointer that loops>");
}

static void
test_long_names (void)
{
  g_autoptr(RemoraSession) session = remora_session_new ();
  g_autoptr(RemoraPacket) pkt = tf_tree_packet ();
  g_autoptr(GByteArray) n = g_byte_array_new ();
  g_autofree char *name = NULL;

  setup ();
  /* 5 labels of 60: 304 characters */
  for (guint i = 0; i < 5; i++)
    {
      guint8 len = 60;
      g_byte_array_append (n, &len, 1);
      for (guint j = 0; j < 60; j++)
        g_byte_array_append (n, (const guint8 *) "a", 1);
    }
  g_byte_array_append (n, (const guint8 *) "", 1);
  dissect_raw_name (session, pkt, n->data, n->len);
  g_assert_cmpstr (pkt->col_info->str, ==, "Standard query 0x0007 A <Name too long>");

  /* 200 labels */
  g_byte_array_set_size (n, 0);
  for (guint i = 0; i < 200; i++)
    g_byte_array_append (n, (const guint8 *) "\x01x", 2);
  g_byte_array_append (n, (const guint8 *) "", 1);
  dissect_raw_name (session, pkt, n->data, n->len);
  g_assert_cmpstr (pkt->col_info->str, ==, "Standard query 0x0007 A <Name too long>");

  /* 127 labels make 253 characters, the longest shown */
  g_byte_array_set_size (n, 0);
  for (guint i = 0; i < 127; i++)
    g_byte_array_append (n, (const guint8 *) "\x01y", 2);
  g_byte_array_append (n, (const guint8 *) "", 1);
  dissect_raw_name (session, pkt, n->data, n->len);
  g_assert_cmpuint (tf_uint (pkt, "dns.count.labels", 0), ==, 127);
  g_assert_cmpuint (tf_uint (pkt, "dns.qry.name.len", 0), ==, 253);

  /* control bytes are escaped, a dot inside a label counts as a label */
  dissect_raw_name (session, pkt, (const guint8 *) "\x05" "a\x00" "b.\x01\x03 c\x7f\x00", 11);
  name = tf_string (pkt, "dns.qry.name", 0);
  g_assert_cmpstr (name, ==, "a\\000b.\\001. c\\177");
  g_assert_cmpuint (tf_uint (pkt, "dns.count.labels", 0), ==, 3);
  g_assert_cmpuint (tf_uint (pkt, "dns.qry.name.len", 0), ==, 9);
}

static void
test_malformed_names (void)
{
  g_autoptr(RemoraSession) session = remora_session_new ();
  g_autoptr(RemoraPacket) pkt = tf_tree_packet ();

  setup ();
  /* a pointer past the message, a reserved label type, a name cut short */
  dissect_raw_name (session, pkt, (const guint8 *) "\xc0\xff", 2);
  g_assert_cmpstr (pkt->col_info->str, ==, "Standard query 0x0007[Malformed Packet]");
  dissect_raw_name (session, pkt, (const guint8 *) "\x03" "abc\x81\x00", 6);
  g_assert_cmpstr (pkt->col_info->str, ==, "Standard query 0x0007[Malformed Packet]");
  dissect_raw_name (session, pkt, (const guint8 *) "\x03" "abc\x42\x00", 6);
  g_assert_cmpstr (pkt->col_info->str, ==, "Standard query 0x0007 Unused <Unknown extended label>");

  /* An answer whose data length runs past the message: nothing of it is
   * shown, not even its name, as in tshark; the packet is malformed. */
  {
    g_autoptr(GByteArray) m = g_byte_array_new ();

    header (m, 8, 0x8180, 0, 1, 0, 0);
    rr_head (m, "cut.example", 1, 1, 60, 400);
    tf_put32 (m, 0x0a000001);
    dissect_udp (session, pkt, 2, FALSE, 53, m);
    g_assert_true (tf_has_text (pkt, "Answers"));
    g_assert_false (tf_has_text (pkt, "cut.example"));
    g_assert_cmpuint (tf_find (pkt, "dns.resp.name", 0), ==, 0);
    g_assert_true (g_str_has_suffix (pkt->col_info->str, "[Malformed Packet]"));
  }
}

static void
test_mdns (void)
{
  g_autoptr(RemoraSession) session = remora_session_new ();
  g_autoptr(RemoraPacket) pkt = tf_tree_packet ();
  g_autoptr(GByteArray) m = g_byte_array_new ();
  g_autofree char *klass = NULL;

  setup ();
  header (m, 0, 0, 2, 0, 0, 0);
  tf_name (m, "_http._tcp.local");
  tf_put16 (m, 12);
  tf_put16 (m, 0x8001);
  tf_name (m, "host.local");
  tf_put16 (m, 1);
  tf_put16 (m, 1);
  dissect_udp (session, pkt, 1, TRUE, 5353, m);
  g_assert_cmpstr (pkt->col_protocol, ==, "MDNS");
  g_assert_cmpstr (pkt->col_info->str, ==,
                   "Standard query 0x0000 PTR _http._tcp.local, \"QU\" question A host.local, \"QM\" question");
  g_assert_cmpuint (tf_uint (pkt, "dns.qry.qu", 0), ==, 1);
  g_assert_cmpuint (tf_uint (pkt, "dns.qry.qu", 1), ==, 0);
  g_assert_cmpuint (tf_uint (pkt, "dns.qry.class", 0), ==, 1);
  klass = tf_label (pkt, "dns.qry.class", 0);
  g_assert_true (g_str_has_suffix (klass, "Class: IN (0x0001)"));
  g_assert_true (tf_has_text (pkt, "_http._tcp.local: type PTR, class IN, \"QU\" question"));
}

static GByteArray *
response_to (const GByteArray *q)
{
  GByteArray *r = g_byte_array_new ();

  g_byte_array_append (r, q->data, q->len);
  r->data[2] = 0x81;
  r->data[3] = 0x80;
  return r;
}

/* What the GUI does after the first pass: frames dissected again in any
 * order (here last to first) show every link the first pass found, even
 * the ones it learnt after the frame (a query's response), and the same
 * as when dissected again in capture order. */
static void
test_revisit_reverse (void)
{
  g_autoptr(RemoraSession) session = remora_session_new ();
  g_autoptr(RemoraPacket) pkt = tf_tree_packet ();
  g_autoptr(GByteArray) q1 = query (0x1111, "one.example", 1);
  g_autoptr(GByteArray) q2 = query (0x2222, "two.example", 1);
  g_autoptr(GByteArray) q3 = query (0x3333, "three.example", 28);
  g_autoptr(GByteArray) q4 = query (0x4444, "four.example", 1);
  g_autoptr(GByteArray) r1 = response_to (q1);
  g_autoptr(GByteArray) r2 = response_to (q2);
  g_autoptr(GByteArray) r3 = response_to (q3);
  g_autoptr(GByteArray) r4 = response_to (q4);
  struct { gboolean to_server; GByteArray *m; } frames[] = {
    { TRUE, q1 }, { TRUE, q2 }, { FALSE, r2 }, { FALSE, r1 },   /* answered out of order */
    { TRUE, q3 }, { TRUE, q3 }, { FALSE, r3 }, { FALSE, r3 },   /* retransmissions */
    { FALSE, r4 },                                              /* unsolicited */
    { TRUE, q1 }, { FALSE, r1 },                                /* the first id again */
  };
  guint n = G_N_ELEMENTS (frames);
  g_auto(GStrv) forward = g_new0 (char *, n + 1);
  g_autofree char *time = NULL;

  setup ();
  for (guint i = 0; i < n; i++)
    dissect_udp (session, pkt, i + 1, frames[i].to_server, 53, frames[i].m);
  for (guint i = 0; i < n; i++)
    {
      dissect_udp (session, pkt, i + 1, frames[i].to_server, 53, frames[i].m);
      forward[i] = packet_shown_text (pkt);
    }

  for (guint i = n; i-- > 0;)
    {
      g_autofree char *again = NULL;

      dissect_udp (session, pkt, i + 1, frames[i].to_server, 53, frames[i].m);
      g_assert_true (pkt->visited);
      again = packet_shown_text (pkt);
      g_assert_cmpstr (again, ==, forward[i]);
      switch (i + 1)
        {
        case 11:
          g_assert_cmpuint (tf_uint (pkt, "dns.response_to", 0), ==, 10);
          break;
        case 10:
          g_assert_cmpuint (tf_uint (pkt, "dns.response_in", 0), ==, 11);
          g_assert_cmpuint (tf_find (pkt, "dns.retransmission", 0), ==, 0);
          break;
        case 9:
          g_assert_cmpuint (tf_find (pkt, "dns.response_to", 0), ==, 0);
          break;
        case 8:
          g_assert_cmpuint (tf_uint (pkt, "dns.retransmit_response_in", 0), ==, 7);
          break;
        case 7:
          g_assert_cmpuint (tf_uint (pkt, "dns.response_to", 0), ==, 5);
          break;
        case 6:
          g_assert_cmpuint (tf_uint (pkt, "dns.retransmit_request_in", 0), ==, 5);
          break;
        case 5:
          g_assert_cmpuint (tf_uint (pkt, "dns.response_in", 0), ==, 7);
          break;
        case 4:
          /* its query's id was used again later: the link still holds */
          g_assert_cmpuint (tf_uint (pkt, "dns.response_to", 0), ==, 1);
          time = tf_label (pkt, "dns.time", 0);
          g_assert_cmpstr (time, ==, "[Time: 0.750000000 seconds]");
          break;
        case 3:
          g_assert_cmpuint (tf_uint (pkt, "dns.response_to", 0), ==, 2);
          break;
        case 2:
          g_assert_cmpuint (tf_uint (pkt, "dns.response_in", 0), ==, 3);
          break;
        case 1:
          g_assert_cmpuint (tf_uint (pkt, "dns.response_in", 0), ==, 4);
          break;
        default:
          break;
        }
    }
}

/* Two queries in one TCP segment and their responses in another: each
 * message keeps its own link when the frames are dissected again. */
static void
test_revisit_tcp_messages (void)
{
  g_autoptr(RemoraSession) session = remora_session_new ();
  g_autoptr(RemoraPacket) pkt = tf_tree_packet ();
  g_autoptr(GByteArray) qa = query (0x0a0a, "a.example", 1);
  g_autoptr(GByteArray) qb = query (0x0b0b, "b.example", 1);
  g_autoptr(GByteArray) ra = response_to (qa);
  g_autoptr(GByteArray) rb = response_to (qb);
  g_autoptr(GByteArray) queries = g_byte_array_new ();
  g_autoptr(GByteArray) responses = g_byte_array_new ();

  setup ();
  tf_put16 (queries, qa->len);
  g_byte_array_append (queries, qa->data, qa->len);
  tf_put16 (queries, qb->len);
  g_byte_array_append (queries, qb->data, qb->len);
  tf_put16 (responses, rb->len);
  g_byte_array_append (responses, rb->data, rb->len);
  tf_put16 (responses, ra->len);
  g_byte_array_append (responses, ra->data, ra->len);
  tf_dissect (session, pkt, 1, 0, queries, LINK_TCP_SHIM);
  tf_dissect (session, pkt, 2, 1000, responses, LINK_TCP_SHIM);

  tf_dissect (session, pkt, 2, 1000, responses, LINK_TCP_SHIM);
  g_assert_cmpuint (tf_uint (pkt, "dns.id", 0), ==, 0x0b0b);
  g_assert_cmpuint (tf_uint (pkt, "dns.response_to", 0), ==, 1);
  g_assert_cmpuint (tf_uint (pkt, "dns.response_to", 1), ==, 1);
  tf_dissect (session, pkt, 1, 0, queries, LINK_TCP_SHIM);
  g_assert_cmpuint (tf_uint (pkt, "dns.response_in", 0), ==, 2);
  g_assert_cmpuint (tf_uint (pkt, "dns.response_in", 1), ==, 2);
}

/* mDNS answers with the query's id (0) again and again: each response
 * stays linked to its own query once later ones reuse the key. */
static void
test_revisit_mdns (void)
{
  g_autoptr(RemoraSession) session = remora_session_new ();
  g_autoptr(RemoraPacket) pkt = tf_tree_packet ();
  g_autoptr(GByteArray) q = query (0, "printer.local", 12);
  g_autoptr(GByteArray) r = response_to (q);

  setup ();
  for (guint i = 0; i < 6; i++)
    dissect_udp (session, pkt, i + 1, i % 2 == 0, 5353, i % 2 == 0 ? q : r);
  for (guint i = 6; i-- > 0;)
    {
      dissect_udp (session, pkt, i + 1, i % 2 == 0, 5353, i % 2 == 0 ? q : r);
      if (i % 2 == 0)
        g_assert_cmpuint (tf_uint (pkt, "dns.response_in", 0), ==, i + 2);
      else
        g_assert_cmpuint (tf_uint (pkt, "dns.response_to", 0), ==, i);
    }
}

/* What a capture of many short lookups (one UDP stream and one transaction
 * each, the usual resolver traffic) keeps per lookup for the GUI: UDP's
 * stream and DNS's transaction, a few dozen bytes, and nothing more when
 * the frames are dissected again. */
static void
test_memory_per_transaction (void)
{
#if defined(__SANITIZE_ADDRESS__)
  g_test_skip ("the sanitizer's allocator does not report the heap");
#else
  g_autoptr(RemoraSession) session = remora_session_new ();
  g_autoptr(RemoraPacket) pkt = tf_tree_packet ();
  const guint n = 20000;
  GPtrArray *frames = g_ptr_array_new_with_free_func ((GDestroyNotify) g_byte_array_unref);
  struct mallinfo2 before, after, again;
  gsize per_transaction;

  setup ();
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GByteArray) q = query ((guint16) (i * 7919), "www.example.com", 1);
      g_autoptr(GByteArray) r = response_to (q);

      g_ptr_array_add (frames, tf_frame (17, "10.0.0.1", "10.0.0.53", 1024 + i % 60000, 53, 0, q->data, q->len));
      g_ptr_array_add (frames, tf_frame (17, "10.0.0.53", "10.0.0.1", 53, 1024 + i % 60000, 0, r->data, r->len));
    }
  /* one exchange first, so that what every session allocates once (field
   * tables, the dissectors' first chunks) is not counted */
  tf_dissect (session, pkt, 1, 0, frames->pdata[0], LINK_ETH);
  tf_dissect (session, pkt, 2, 1000, frames->pdata[1], LINK_ETH);
  before = mallinfo2 ();
  for (guint i = 2; i < frames->len; i++)
    tf_dissect (session, pkt, i + 1, (gint64) i * 1000000, frames->pdata[i], LINK_ETH);
  after = mallinfo2 ();
  per_transaction = (after.uordblks + after.hblkhd - before.uordblks - before.hblkhd) / (n - 1);
  g_test_message ("%" G_GSIZE_FORMAT " bytes per lookup", per_transaction);
  g_assert_cmpuint (per_transaction, <=, 64);

  for (guint i = 0; i < frames->len; i++)
    tf_dissect (session, pkt, i + 1, (gint64) i * 1000000, frames->pdata[i], LINK_ETH);
  again = mallinfo2 ();
  g_assert_cmpuint (again.uordblks + again.hblkhd, <=, after.uordblks + after.hblkhd + 64 * 1024);
  g_assert_cmpuint (tf_uint (pkt, "dns.response_to", 0), ==, frames->len - 1);
  g_ptr_array_unref (frames);
#endif
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/remora/dissect/dns/query-response", test_query_response);
  g_test_add_func ("/remora/dissect/dns/record-types", test_record_types);
  g_test_add_func ("/remora/dissect/dns/nxdomain", test_nxdomain);
  g_test_add_func ("/remora/dissect/dns/retransmission", test_retransmission);
  g_test_add_func ("/remora/dissect/dns/tcp-desegment", test_tcp_desegment);
  g_test_add_func ("/remora/dissect/dns/pointer-loops", test_pointer_loops);
  g_test_add_func ("/remora/dissect/dns/pointer-limit", test_pointer_limit);
  g_test_add_func ("/remora/dissect/dns/long-names", test_long_names);
  g_test_add_func ("/remora/dissect/dns/malformed-names", test_malformed_names);
  g_test_add_func ("/remora/dissect/dns/mdns-qu", test_mdns);
  g_test_add_func ("/remora/dissect/dns/revisit-reverse", test_revisit_reverse);
  g_test_add_func ("/remora/dissect/dns/revisit-tcp-messages", test_revisit_tcp_messages);
  g_test_add_func ("/remora/dissect/dns/revisit-mdns", test_revisit_mdns);
  g_test_add_func ("/remora/dissect/dns/memory-per-transaction", test_memory_per_transaction);
  return g_test_run ();
}
