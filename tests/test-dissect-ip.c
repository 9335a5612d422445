/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "remora-dissect.h"
#include "remora-dissectors.h"

/* Network-layer dissectors (IPv4, IPv6, ICMP, ICMPv6) over frames built
 * here, checked the way a user sees them: tree labels, field values,
 * columns. */

#define LINKTYPE_ETHERNET 1

typedef struct {
  guint8 data[4096];
  guint  len;
} Frame;

static guint16
cksum_over (const guint8 *p, guint len, guint32 sum)
{
  for (guint i = 0; i + 1 < len; i += 2)
    sum += (guint32) p[i] << 8 | p[i + 1];
  if (len & 1)
    sum += (guint32) p[len - 1] << 8;
  while (sum >> 16)
    sum = (sum & 0xffff) + (sum >> 16);
  return (guint16) ~sum;
}

static void
put16 (guint8 *p, guint16 v)
{
  p[0] = v >> 8;
  p[1] = v & 0xff;
}

static void
frame_eth (Frame *f, guint16 ethertype)
{
  static const guint8 eth[12] = { 0x00, 0x11, 0x22, 0x33, 0x44, 0x66, 0x00, 0x11, 0x22, 0x33, 0x44, 0x55 };

  memset (f, 0, sizeof *f);
  memcpy (f->data, eth, 12);
  put16 (f->data + 12, ethertype);
  f->len = 14;
}

/* Appends an IPv4 header (no options) for PAYLOAD_LEN bytes; returns its offset. */
static guint
put_ipv4 (Frame *f, guint8 proto, const char *src, const char *dst, guint payload_len, guint16 flags_off, guint8 ttl)
{
  guint o = f->len;
  guint8 *h = f->data + o;
  guint a[4];

  h[0] = 0x45;
  put16 (h + 2, 20 + payload_len);
  put16 (h + 4, 0x1234);
  put16 (h + 6, flags_off);
  h[8] = ttl;
  h[9] = proto;
  g_assert_cmpint (sscanf (src, "%u.%u.%u.%u", &a[0], &a[1], &a[2], &a[3]), ==, 4);
  for (int i = 0; i < 4; i++)
    h[12 + i] = a[i];
  g_assert_cmpint (sscanf (dst, "%u.%u.%u.%u", &a[0], &a[1], &a[2], &a[3]), ==, 4);
  for (int i = 0; i < 4; i++)
    h[16 + i] = a[i];
  put16 (h + 10, cksum_over (h, 20, 0));
  f->len += 20;
  return o;
}

/* An ICMP echo message with DATA_LEN bytes of data and a correct checksum. */
static void
put_icmp_echo (Frame *f, guint8 type, guint16 id, guint16 seq, guint data_len)
{
  guint8 *p = f->data + f->len;

  p[0] = type;
  put16 (p + 4, id);
  put16 (p + 6, seq);
  for (guint i = 0; i < data_len; i++)
    p[8 + i] = (guint8) (0x10 + i);
  put16 (p + 2, cksum_over (p, 8 + data_len, 0));
  f->len += 8 + data_len;
}

typedef struct {
  RemoraSession *session;
  RemoraPacket  *pkt;
  RemoraFrameInput input;
} Fixture;

static void
fixture_init (Fixture *fx)
{
  remora_dissectors_init ();
  fx->session = remora_session_new ();
  fx->pkt = remora_packet_new ();
  remora_packet_set_tree_mode (fx->pkt, TRUE);
  remora_packet_set_want_columns (fx->pkt, TRUE);
}

static void
fixture_clear (Fixture *fx)
{
  remora_packet_free (fx->pkt);
  remora_session_free (fx->session);
}

static void
dissect (Fixture *fx, const Frame *f, guint32 number, gint64 ts_ns)
{
  memset (&fx->input, 0, sizeof fx->input);
  fx->input.number = number;
  fx->input.data = f->data;
  fx->input.cap_len = f->len;
  fx->input.orig_len = f->len;
  fx->input.ts_ns = ts_ns;
  fx->input.link_type = LINKTYPE_ETHERNET;
  remora_session_dissect (fx->session, fx->pkt, &fx->input);
}

static gboolean
has_label (RemoraPacket *pkt, const char *label)
{
  g_autoptr (GString) s = g_string_new (NULL);

  for (guint i = 1; i <= remora_packet_get_n_nodes (pkt); i++)
    {
      g_string_truncate (s, 0);
      remora_node_format_label (pkt, i, s);
      if (strcmp (s->str, label) == 0)
        return TRUE;
    }
  return FALSE;
}

static guint
count_field (RemoraPacket *pkt, const char *abbrev)
{
  int hf = remora_field_lookup (abbrev);
  guint n = 0;

  g_assert_cmpint (hf, >=, 0);
  for (guint i = 1; i <= remora_packet_get_n_nodes (pkt); i++)
    if (remora_packet_get_node (pkt, i)->field == hf)
      n++;
  return n;
}

/* Value of the Nth occurrence of an integer field. */
static guint64
field_uint (RemoraPacket *pkt, const char *abbrev, guint nth)
{
  int hf = remora_field_lookup (abbrev);

  for (guint i = 1; i <= remora_packet_get_n_nodes (pkt); i++)
    if (remora_packet_get_node (pkt, i)->field == hf && nth-- == 0)
      return remora_packet_get_node (pkt, i)->value.u;
  g_error ("no %s", abbrev);
  return 0;
}

static gboolean
has_layer (RemoraPacket *pkt, const char *filter_name)
{
  int proto = remora_field_lookup (filter_name);

  for (guint i = 0; i < pkt->n_layers; i++)
    if (pkt->layers[i] == proto)
      return TRUE;
  return FALSE;
}

static void
test_header_fields (void)
{
  Fixture fx;
  Frame f;
  guint8 *wanted;
  int hf_addr;

  fixture_init (&fx);
  frame_eth (&f, 0x0800);
  put_ipv4 (&f, 1, "10.0.0.5", "192.168.1.9", 12, 0x4000, 64);
  put_icmp_echo (&f, 8, 1, 1, 4);
  dissect (&fx, &f, 1, G_GINT64_CONSTANT (1700000000) * 1000000000);

  g_assert_true (has_label (fx.pkt, "Source Address: 10.0.0.5"));
  g_assert_true (has_label (fx.pkt, "Destination Address: 192.168.1.9"));
  g_assert_true (has_label (fx.pkt, "010. .... = Flags: 0x2, Don't fragment"));
  g_assert_true (has_label (fx.pkt, "Internet Protocol Version 4, Src: 10.0.0.5, Dst: 192.168.1.9"));
  g_assert_cmpuint (field_uint (fx.pkt, "ip.checksum.status", 0), ==, 2);
  g_assert_cmpuint (field_uint (fx.pkt, "ip.ttl", 0), ==, 64);
  g_assert_cmpuint (field_uint (fx.pkt, "ip.flags.df", 0), ==, 1);
  g_assert_cmpstr (fx.pkt->col_protocol, ==, "ICMP");

  /* fields mode: ip.addr holds source and destination */
  hf_addr = remora_field_lookup ("ip.addr");
  wanted = g_new0 (guint8, remora_field_count ());
  wanted[hf_addr] = 1;
  remora_packet_set_tree_mode (fx.pkt, FALSE);
  remora_packet_set_wanted (fx.pkt, wanted);
  remora_session_free (fx.session);
  fx.session = remora_session_new ();
  dissect (&fx, &f, 1, 0);
  g_assert_cmpuint (count_field (fx.pkt, "ip.addr"), ==, 2);
  g_assert_cmpuint (field_uint (fx.pkt, "ip.addr", 0), ==, 0x0a000005);
  g_assert_cmpuint (field_uint (fx.pkt, "ip.addr", 1), ==, 0xc0a80109);
  g_assert_cmpuint (count_field (fx.pkt, "ip.src"), ==, 0);
  remora_packet_set_wanted (fx.pkt, NULL);
  g_free (wanted);
  fixture_clear (&fx);
}

static void
test_padding_not_passed_up (void)
{
  Fixture fx;
  Frame f;

  fixture_init (&fx);
  frame_eth (&f, 0x0800);
  put_ipv4 (&f, 1, "10.0.0.1", "10.0.0.2", 12, 0, 64);
  put_icmp_echo (&f, 8, 7, 1, 4);
  /* Ethernet pads to 60 bytes with junk the ICMP checksum would not cover */
  memset (f.data + f.len, 0xee, 60 - f.len);
  f.len = 60;
  dissect (&fx, &f, 1, 0);
  g_assert_cmpuint (field_uint (fx.pkt, "icmp.checksum.status", 0), ==, 1);
  g_assert_cmpuint (fx.pkt->ip_payload_len, ==, 12);
  g_assert_true (has_label (fx.pkt, "Data (4 bytes)"));
  fixture_clear (&fx);
}

static void
test_bogus_header_length (void)
{
  Fixture fx;
  Frame f;

  fixture_init (&fx);
  frame_eth (&f, 0x0800);
  put_ipv4 (&f, 17, "10.0.0.1", "10.0.0.2", 8, 0, 64);
  f.data[14] = 0x44;
  f.len += 8;
  dissect (&fx, &f, 1, 0);
  g_assert_cmpstr (fx.pkt->col_info->str, ==, "Bogus IP header length (16, must be at least 20)");
  g_assert_cmpstr (fx.pkt->col_protocol, ==, "IPv4");
  g_assert_true (has_label (fx.pkt, ".... 0100 = Header Length: 16 bytes (4)"));
  g_assert_cmpuint (count_field (fx.pkt, "ip.src"), ==, 0);
  g_assert_false (has_layer (fx.pkt, "udp"));
  fixture_clear (&fx);
}

static void
test_truncated_header (void)
{
  Fixture fx;
  Frame f;

  fixture_init (&fx);
  frame_eth (&f, 0x0800);
  put_ipv4 (&f, 17, "10.0.0.1", "10.0.0.2", 8, 0, 64);
  f.len = 14 + 14;   /* the addresses are cut off */
  dissect (&fx, &f, 1, 0);
  g_assert_cmpint (fx.pkt->exception, !=, REMORA_EXC_NONE);
  g_assert_cmpuint (count_field (fx.pkt, "ip.version"), ==, 1);
  g_assert_cmpuint (count_field (fx.pkt, "ip.src"), ==, 0);
  fixture_clear (&fx);
}

static void
test_echo_pair (void)
{
  Fixture fx;
  Frame req, rep;
  gint64 t0 = G_GINT64_CONSTANT (1700000000) * 1000000000;

  fixture_init (&fx);
  frame_eth (&req, 0x0800);
  put_ipv4 (&req, 1, "10.0.0.1", "10.0.0.2", 16, 0, 64);
  put_icmp_echo (&req, 8, 1, 1, 8);
  frame_eth (&rep, 0x0800);
  put_ipv4 (&rep, 1, "10.0.0.2", "10.0.0.1", 16, 0, 63);
  put_icmp_echo (&rep, 0, 1, 1, 8);

  dissect (&fx, &req, 1, t0);
  g_assert_cmpstr (fx.pkt->col_info->str, ==, "Echo (ping) request  id=0x0001, seq=1/256, ttl=64");
  dissect (&fx, &rep, 2, t0 + 1500000);
  g_assert_cmpstr (fx.pkt->col_info->str, ==, "Echo (ping) reply    id=0x0001, seq=1/256, ttl=63 (request in 1)");
  g_assert_cmpuint (field_uint (fx.pkt, "icmp.resp_to", 0), ==, 1);
  g_assert_true (has_label (fx.pkt, "[Response time: 1.500 ms]"));
  /* the GUI dissects the request again: now it knows the reply */
  dissect (&fx, &req, 1, t0);
  g_assert_true (fx.pkt->visited);
  g_assert_cmpstr (fx.pkt->col_info->str, ==, "Echo (ping) request  id=0x0001, seq=1/256, ttl=64 (reply in 2)");
  g_assert_cmpuint (field_uint (fx.pkt, "icmp.resp_in", 0), ==, 2);
  fixture_clear (&fx);
}

static void
test_port_unreachable (void)
{
  Fixture fx;
  Frame f;
  guint8 *icmp, *udp;

  fixture_init (&fx);
  frame_eth (&f, 0x0800);
  put_ipv4 (&f, 1, "10.0.0.9", "10.0.0.1", 8 + 28, 0, 64);
  icmp = f.data + f.len;
  icmp[0] = 3;
  icmp[1] = 3;
  f.len += 8;
  put_ipv4 (&f, 17, "10.0.0.1", "10.0.0.9", 8, 0, 63);
  udp = f.data + f.len;
  put16 (udp, 5353);
  put16 (udp + 2, 53);
  put16 (udp + 4, 8);
  f.len += 8;
  put16 (icmp + 2, cksum_over (icmp, 8 + 28, 0));
  dissect (&fx, &f, 1, 0);

  g_assert_cmpstr (fx.pkt->col_info->str, ==, "Destination unreachable (Port unreachable)");
  g_assert_cmpstr (fx.pkt->col_protocol, ==, "ICMP");
  g_assert_cmpuint (fx.pkt->src.type, ==, REMORA_AT_IPv4);
  g_assert_cmpuint (fx.pkt->src.data[3], ==, 9);
  g_assert_cmpuint (fx.pkt->dst.data[3], ==, 1);
  g_assert_cmpuint (count_field (fx.pkt, "ip.src"), ==, 2);
  g_assert_cmpuint (field_uint (fx.pkt, "ip.src", 1), ==, 0x0a000001);
  g_assert_cmpuint (field_uint (fx.pkt, "icmp.checksum.status", 0), ==, 1);
  g_assert_true (has_layer (fx.pkt, "udp"));
  g_assert_cmpuint (fx.pkt->in_error_pkt, ==, 0);
  fixture_clear (&fx);
}

static void
put_ipv6 (Frame *f, guint8 nxt, guint16 plen, guint8 hlim, const guint8 src[16], const guint8 dst[16])
{
  guint8 *h = f->data + f->len;

  h[0] = 0x60;
  put16 (h + 4, plen);
  h[6] = nxt;
  h[7] = hlim;
  memcpy (h + 8, src, 16);
  memcpy (h + 24, dst, 16);
  f->len += 40;
}

static const guint8 ll_a[16] = { 0xfe, 0x80, [15] = 2 };
static const guint8 ll_b[16] = { 0xfe, 0x80, [15] = 1 };

static void
test_ipv6_ext_headers (void)
{
  Fixture fx;
  Frame f;
  guint8 *p;

  fixture_init (&fx);
  frame_eth (&f, 0x86dd);
  put_ipv6 (&f, 0, 8 + 8 + 16, 64, ll_a, ll_b);
  p = f.data + f.len;
  p[0] = 44;          /* hop-by-hop: next is the fragment header */
  p[1] = 0;
  p[2] = 5;           /* router alert, MLD */
  p[3] = 2;
  p[6] = 1;           /* PadN, no data */
  p[7] = 0;
  f.len += 8;
  p = f.data + f.len;
  p[0] = 17;          /* fragment: first of several, UDP inside */
  put16 (p + 2, 0x0001);
  p[4] = 0xde; p[5] = 0xad; p[6] = 0xbe; p[7] = 0xef;
  f.len += 8 + 16;
  dissect (&fx, &f, 1, 0);

  g_assert_true (has_layer (fx.pkt, "ipv6.hopopts"));
  g_assert_true (has_layer (fx.pkt, "ipv6.fraghdr"));
  g_assert_false (has_layer (fx.pkt, "udp"));
  g_assert_cmpuint (field_uint (fx.pkt, "ipv6.opt.router_alert", 0), ==, 0);
  g_assert_cmpuint (field_uint (fx.pkt, "ipv6.fraghdr.ident", 0), ==, 0xdeadbeef);
  g_assert_cmpuint (field_uint (fx.pkt, "ipv6.fraghdr.more", 0), ==, 1);
  g_assert_cmpstr (fx.pkt->col_info->str, ==, "IPv6 fragment (off=0 more=y ident=0xdeadbeef nxt=17)");
  g_assert_true (has_label (fx.pkt, "Source Address: fe80::2"));
  g_assert_cmpuint (count_field (fx.pkt, "ipv6.addr"), ==, 2);
  fixture_clear (&fx);
}

static void
test_icmpv6_ns (void)
{
  Fixture fx;
  Frame f;
  guint8 *p;
  guint8 pseudo[40];
  guint32 sum = 0;
  static const guint8 mac[6] = { 0x00, 0x11, 0x22, 0x33, 0x44, 0x55 };

  fixture_init (&fx);
  frame_eth (&f, 0x86dd);
  put_ipv6 (&f, 58, 32, 255, ll_a, ll_b);
  p = f.data + f.len;
  p[0] = 135;
  memcpy (p + 8, ll_b, 16);
  p[24] = 1;
  p[25] = 1;
  memcpy (p + 26, mac, 6);
  memcpy (pseudo, ll_a, 16);
  memcpy (pseudo + 16, ll_b, 16);
  memset (pseudo + 32, 0, 8);
  pseudo[35] = 32;
  pseudo[39] = 58;
  for (guint i = 0; i < 40; i += 2)
    sum += (guint32) pseudo[i] << 8 | pseudo[i + 1];
  put16 (p + 2, cksum_over (p, 32, sum));
  f.len += 32;
  dissect (&fx, &f, 1, 0);

  g_assert_cmpstr (fx.pkt->col_protocol, ==, "ICMPv6");
  g_assert_cmpstr (fx.pkt->col_info->str, ==, "Neighbor Solicitation for fe80::1 from 00:11:22:33:44:55");
  g_assert_cmpuint (field_uint (fx.pkt, "icmpv6.checksum.status", 0), ==, 1);
  g_assert_cmpuint (field_uint (fx.pkt, "icmpv6.opt.type", 0), ==, 1);
  g_assert_cmpuint (count_field (fx.pkt, "icmpv6.opt.src_linkaddr"), ==, 1);
  g_assert_cmpuint (count_field (fx.pkt, "icmpv6.nd.ns.target_address"), ==, 1);
  fixture_clear (&fx);
}

static void
test_ip_in_ip_nesting (void)
{
  Fixture fx;
  Frame f;
  const guint depth = 50;

  fixture_init (&fx);
  frame_eth (&f, 0x0800);
  for (guint i = 0; i < depth; i++)
    put_ipv4 (&f, i + 1 < depth ? 4 : 1, "10.0.0.1", "10.0.0.2", (depth - 1 - i) * 20 + 8, 0, 64);
  put_icmp_echo (&f, 8, 1, 1, 0);
  dissect (&fx, &f, 1, 0);
  /* bounded by the engine: some layers dissected, no crash */
  g_assert_cmpuint (count_field (fx.pkt, "ip.src"), >=, 10);
  g_assert_cmpuint (count_field (fx.pkt, "ip.src"), <=, depth);
  fixture_clear (&fx);
}

/* DEPTH IPv4 headers, each but the last carrying a plain GRE header
 * (protocol IPv4) and the next, the last an ICMP echo. */
static void
put_gre_in_ip (Frame *f, guint depth)
{
  for (guint i = 0; i < depth; i++)
    {
      guint8 *gre;

      put_ipv4 (f, i + 1 < depth ? 47 : 1, "10.0.0.1", "10.0.0.2", (depth - 1 - i) * 24 + 8, 0, 64);
      if (i + 1 == depth)
        break;
      gre = f->data + f->len;
      put16 (gre, 0);
      put16 (gre + 2, 0x0800);
      f->len += 4;
    }
  put_icmp_echo (f, 8, 1, 1, 0);
}

/* 100 GRE-in-IP tunnels (two protocols each) are dissected to the end, as
 * tshark does; 150 go past the nesting limit and read as malformed, with
 * the layers before the limit still shown. */
static void
test_gre_in_ip_nesting (void)
{
  Fixture fx;
  Frame f;

  fixture_init (&fx);
  frame_eth (&f, 0x0800);
  put_gre_in_ip (&f, 100);
  dissect (&fx, &f, 1, 0);
  g_assert_cmpuint (count_field (fx.pkt, "ip.src"), ==, 100);
  g_assert_cmpuint (count_field (fx.pkt, "icmp.type"), ==, 1);
  g_assert_cmpuint (count_field (fx.pkt, "_ws.malformed"), ==, 0);
  g_assert_cmpstr (fx.pkt->col_protocol, ==, "ICMP");

  frame_eth (&f, 0x0800);
  put_gre_in_ip (&f, 150);
  dissect (&fx, &f, 2, 0);
  g_assert_cmpuint (count_field (fx.pkt, "ip.src"), >=, 100);
  g_assert_cmpuint (count_field (fx.pkt, "ip.src"), <, 150);
  g_assert_cmpuint (count_field (fx.pkt, "icmp.type"), ==, 0);
  g_assert_cmpuint (count_field (fx.pkt, "_ws.malformed"), ==, 1);
  g_assert_nonnull (strstr (fx.pkt->col_info->str, "[Malformed Packet]"));
  fixture_clear (&fx);
}

/* After the first pass the GUI dissects frames again in any order: from
 * the last to the first, each echo request still names its reply (learnt
 * later) and each reply its request and the time between them; a request
 * nobody answered, a second reply and a reused id keep what the first pass
 * found. */
static void
test_echo_revisit_reverse (void)
{
  static const struct { guint8 type; guint16 seq; gint64 ms; } msgs[] = {
    { 8, 1, 0 }, { 8, 2, 1 }, { 0, 2, 3 }, { 0, 1, 7 },   /* answered out of order */
    { 8, 3, 10 },                                         /* never answered */
    { 0, 1, 12 },                                         /* a second reply */
    { 8, 1, 20 }, { 0, 1, 25 },                           /* the first id again */
  };
  guint n = G_N_ELEMENTS (msgs);
  gint64 t0 = G_GINT64_CONSTANT (1700000000) * 1000000000;
  g_auto(GStrv) forward = g_new0 (char *, n + 1);
  Frame f[G_N_ELEMENTS (msgs)];
  Fixture fx;

  fixture_init (&fx);
  for (guint i = 0; i < n; i++)
    {
      gboolean req = msgs[i].type == 8;

      frame_eth (&f[i], 0x0800);
      put_ipv4 (&f[i], 1, req ? "10.0.0.1" : "10.0.0.2", req ? "10.0.0.2" : "10.0.0.1", 16, 0, 64);
      put_icmp_echo (&f[i], msgs[i].type, 7, msgs[i].seq, 8);
      dissect (&fx, &f[i], i + 1, t0 + msgs[i].ms * 1000000);
    }
  for (guint i = 0; i < n; i++)
    {
      dissect (&fx, &f[i], i + 1, t0 + msgs[i].ms * 1000000);
      forward[i] = g_strdup (fx.pkt->col_info->str);
    }

  for (guint i = n; i-- > 0;)
    {
      dissect (&fx, &f[i], i + 1, t0 + msgs[i].ms * 1000000);
      g_assert_true (fx.pkt->visited);
      g_assert_cmpstr (fx.pkt->col_info->str, ==, forward[i]);
    }
  g_assert_cmpstr (forward[0], ==, "Echo (ping) request  id=0x0007, seq=1/256, ttl=64 (reply in 4)");
  g_assert_cmpstr (forward[1], ==, "Echo (ping) request  id=0x0007, seq=2/512, ttl=64 (reply in 3)");
  g_assert_cmpstr (forward[2], ==, "Echo (ping) reply    id=0x0007, seq=2/512, ttl=64 (request in 2)");
  g_assert_cmpstr (forward[3], ==, "Echo (ping) reply    id=0x0007, seq=1/256, ttl=64 (request in 1)");
  g_assert_cmpstr (forward[4], ==, "Echo (ping) request  id=0x0007, seq=3/768, ttl=64 (no response found!)");
  g_assert_cmpstr (forward[5], ==, "Echo (ping) reply    id=0x0007, seq=1/256, ttl=64");
  g_assert_cmpstr (forward[6], ==, "Echo (ping) request  id=0x0007, seq=1/256, ttl=64 (reply in 8)");
  g_assert_cmpstr (forward[7], ==, "Echo (ping) reply    id=0x0007, seq=1/256, ttl=64 (request in 7)");

  dissect (&fx, &f[3], 4, t0 + 7000000);
  g_assert_cmpuint (field_uint (fx.pkt, "icmp.resp_to", 0), ==, 1);
  g_assert_true (has_label (fx.pkt, "[Response time: 7.000 ms]"));
  fixture_clear (&fx);
}

/* A UDP datagram with LEN bytes of payload. */
static void
put_udp (Frame *f, guint16 sport, guint16 dport, guint len)
{
  guint8 *p = f->data + f->len;

  put16 (p, sport);
  put16 (p + 2, dport);
  put16 (p + 4, 8 + len);
  put16 (p + 6, 0);
  memset (p + 8, 0x42, len);
  f->len += 8 + len;
}

/* udp.stream and the stream's times, dissected again from the last frame
 * to the first: each frame measures from the stream's first frame and from
 * the stream's frame before it, whatever came between. */
static void
test_udp_times_revisit (void)
{
  static const struct { gboolean a; gint64 ms; } msgs[] = {
    { TRUE, 0 }, { FALSE, 5 }, { TRUE, 10 }, { TRUE, 30 }, { FALSE, 31 }, { TRUE, 60 },
  };
  static const char * const expected[][3] = {
    { "[Stream index: 0]", "[Time since first frame: 0.000000000 seconds]", "[Time since previous frame: 0.000000000 seconds]" },
    { "[Stream index: 1]", "[Time since first frame: 0.000000000 seconds]", "[Time since previous frame: 0.000000000 seconds]" },
    { "[Stream index: 0]", "[Time since first frame: 0.010000000 seconds]", "[Time since previous frame: 0.010000000 seconds]" },
    { "[Stream index: 0]", "[Time since first frame: 0.030000000 seconds]", "[Time since previous frame: 0.020000000 seconds]" },
    { "[Stream index: 1]", "[Time since first frame: 0.026000000 seconds]", "[Time since previous frame: 0.026000000 seconds]" },
    { "[Stream index: 0]", "[Time since first frame: 0.060000000 seconds]", "[Time since previous frame: 0.030000000 seconds]" },
  };
  guint n = G_N_ELEMENTS (msgs);
  Frame f[G_N_ELEMENTS (msgs)];
  Fixture fx;

  fixture_init (&fx);
  for (guint i = 0; i < n; i++)
    {
      frame_eth (&f[i], 0x0800);
      put_ipv4 (&f[i], 17, msgs[i].a ? "10.0.0.1" : "10.0.0.3", "10.0.0.2", 8 + 4, 0, 64);
      put_udp (&f[i], msgs[i].a ? 5000 : 5001, 6000, 4);
      dissect (&fx, &f[i], i + 1, msgs[i].ms * 1000000);
    }
  for (guint i = n; i-- > 0;)
    {
      dissect (&fx, &f[i], i + 1, msgs[i].ms * 1000000);
      g_assert_true (fx.pkt->visited);
      for (guint j = 0; j < 3; j++)
        if (!has_label (fx.pkt, expected[i][j]))
          g_error ("frame %u: no \"%s\"", i + 1, expected[i][j]);
    }
  fixture_clear (&fx);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/remora/dissect/ip/header-fields", test_header_fields);
  g_test_add_func ("/remora/dissect/ip/padding-not-passed-up", test_padding_not_passed_up);
  g_test_add_func ("/remora/dissect/ip/bogus-header-length", test_bogus_header_length);
  g_test_add_func ("/remora/dissect/ip/truncated-header", test_truncated_header);
  g_test_add_func ("/remora/dissect/ip/icmp-echo-pair", test_echo_pair);
  g_test_add_func ("/remora/dissect/ip/icmp-echo-revisit-reverse", test_echo_revisit_reverse);
  g_test_add_func ("/remora/dissect/ip/udp-times-revisit", test_udp_times_revisit);
  g_test_add_func ("/remora/dissect/ip/icmp-port-unreachable", test_port_unreachable);
  g_test_add_func ("/remora/dissect/ip/ipv6-ext-headers", test_ipv6_ext_headers);
  g_test_add_func ("/remora/dissect/ip/icmpv6-ns", test_icmpv6_ns);
  g_test_add_func ("/remora/dissect/ip/ip-in-ip-nesting", test_ip_in_ip_nesting);
  g_test_add_func ("/remora/dissect/ip/gre-in-ip-nesting", test_gre_in_ip_nesting);
  return g_test_run ();
}
