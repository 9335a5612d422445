/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-test-coloring-rules"

#include "config.h"

#include "remora-coloring-rules.h"

#include "dissect-fixture.h"
#include "remora-dissectors.h"

/* Wireshark 4.0's default coloring rules over frames a Wireshark user
 * knows the colour of: the rule that wins is the one Wireshark shows. */

#define LINKTYPE_ETHERNET 1

static const guint8 host_a[4] = { 192, 168, 1, 10 };
static const guint8 host_b[4] = { 192, 168, 1, 20 };

static void
put_eth (Frame       *f,
         const char  *dst,
         guint        ethertype)
{
  static const guint8 unicast[6] = { 0x00, 0x1b, 0x21, 0x3a, 0x4f, 0x01 };
  static const guint8 broadcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
  static const guint8 src[6] = { 0x00, 0x1b, 0x21, 0x3a, 0x4f, 0x02 };

  put (f, g_str_equal (dst, "broadcast") ? broadcast : unicast, 6);
  put (f, src, 6);
  put16 (f, ethertype);
}

/* An IPv4 header for PAYLOAD_LEN bytes of PROTO, with a right checksum
 * unless BAD_CHECKSUM. */
static void
put_ipv4 (Frame    *f,
          guint     proto,
          guint     ttl,
          guint     payload_len,
          gboolean  bad_checksum)
{
  guint start = f->len;
  guint32 sum = 0;

  put8 (f, 0x45);
  put8 (f, 0);
  put16 (f, 20 + payload_len);
  put16 (f, 0x1234);
  put16 (f, 0x4000);
  put8 (f, ttl);
  put8 (f, proto);
  put16 (f, 0);
  put (f, host_a, 4);
  put (f, host_b, 4);

  for (guint i = 0; i < 20; i += 2)
    sum += (f->bytes[start + i] << 8) | f->bytes[start + i + 1];
  while (sum >> 16)
    sum = (sum & 0xffff) + (sum >> 16);
  sum = ~sum & 0xffff;
  if (bad_checksum)
    sum ^= 0x0101;
  f->bytes[start + 10] = sum >> 8;
  f->bytes[start + 11] = sum & 0xff;
}

enum {
  TCP_FIN = 0x01,
  TCP_SYN = 0x02,
  TCP_RST = 0x04,
  TCP_PSH = 0x08,
  TCP_ACK = 0x10,
};

static void
put_tcp_frame (Frame   *f,
               guint    sport,
               guint    dport,
               guint32  seq,
               guint    flags,
               guint    payload_len)
{
  put_eth (f, "unicast", 0x0800);
  put_ipv4 (f, 6, 64, 20 + payload_len, FALSE);
  put16 (f, sport);
  put16 (f, dport);
  put32 (f, seq);
  put32 (f, (flags & TCP_ACK) ? 5000 : 0);
  put8 (f, 5 << 4);
  put8 (f, flags);
  put16 (f, 64240);
  put16 (f, 0);
  put16 (f, 0);
  for (guint i = 0; i < payload_len; i++)
    put8 (f, 'a' + i % 26);
}

/* A DNS query for "example.com" A, from port 49152 to 53. */
static void
put_dns_frame (Frame    *f,
               guint     ttl,
               gboolean  bad_ip_checksum)
{
  static const guint8 query[] = {
    0x12, 0x34, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 3, 'c', 'o', 'm', 0,
    0x00, 0x01, 0x00, 0x01,
  };

  put_eth (f, "unicast", 0x0800);
  put_ipv4 (f, 17, ttl, 8 + sizeof query, bad_ip_checksum);
  put16 (f, 49152);
  put16 (f, 53);
  put16 (f, 8 + sizeof query);
  put16 (f, 0);
  put (f, query, sizeof query);
}

static void
put_arp_frame (Frame *f)
{
  static const guint8 sha[6] = { 0x00, 0x1b, 0x21, 0x3a, 0x4f, 0x02 };

  put_eth (f, "broadcast", 0x0806);
  put16 (f, 1);
  put16 (f, 0x0800);
  put8 (f, 6);
  put8 (f, 4);
  put16 (f, 1);
  put (f, sha, 6);
  put (f, host_a, 4);
  put_zeros (f, 6);
  put (f, host_b, 4);
}

static void
put_icmp_frame (Frame *f,
                guint  type,
                guint  code)
{
  put_eth (f, "unicast", 0x0800);
  put_ipv4 (f, 1, 64, 8, FALSE);
  put8 (f, type);
  put8 (f, code);
  put16 (f, 0);
  put32 (f, 0x00010001);
}

typedef struct {
  Fixture              fx;
  RemoraColoringRules *rules;
  guint32              number;
} Test;

static void
test_setup (Test          *t,
            gconstpointer  data)
{
  fixture_init (&t->fx);
  t->rules = remora_coloring_rules_new_default ();
  /* As the packet list dissects a row: fields mode, columns on, the
   * rules' fields wanted. */
  remora_packet_set_tree_mode (t->fx.pkt, FALSE);
  remora_packet_set_wanted (t->fx.pkt, remora_coloring_rules_get_wanted (t->rules));
  t->number = 0;
}

static void
test_teardown (Test          *t,
               gconstpointer  data)
{
  remora_coloring_rules_free (t->rules);
  fixture_clear (&t->fx);
}

/* The name of the rule the next frame F gets, or "" for none. */
static const char *
rule_of (Test        *t,
         const Frame *f)
{
  int rule;

  run_frame (&t->fx, ++t->number, f, 0, LINKTYPE_ETHERNET);
  rule = remora_coloring_rules_match (t->rules, t->fx.pkt);
  return rule >= 0 ? remora_coloring_rules_get_name (t->rules, (guint) rule) : "";
}

static void
test_rules_compile (Test          *t,
                    gconstpointer  data)
{
  static const char *runs_here[] = {
    "Bad TCP", "ICMP errors", "ARP", "ICMP", "TCP RST", "TTL low or unexpected",
    "Checksum Errors", "HTTP", "Routing", "TCP SYN/FIN", "TCP", "UDP", "Broadcast",
  };
  /* Every test in these names a protocol Remora has no dissector for:
   * they could never match, in Wireshark either, on what Remora reads. */
  static const char *left_out[] = {
    "HSRP State Change", "Spanning Tree Topology  Change", "OSPF State Change",
    "SCTP ABORT", "SMB", "DCERPC", "System Event",
  };
  RemoraRgb fg, bg;
  int arp;

  g_assert_cmpuint (remora_coloring_rules_get_n_rules (t->rules), ==, 20);
  g_assert_cmpstr (remora_coloring_rules_get_name (t->rules, 0), ==, "Bad TCP");
  g_assert_cmpstr (remora_coloring_rules_get_name (t->rules, 19), ==, "System Event");

  for (guint i = 0; i < G_N_ELEMENTS (runs_here); i++)
    {
      int rule = remora_coloring_rules_lookup (t->rules, runs_here[i]);

      g_assert_cmpint (rule, >=, 0);
      if (remora_coloring_rules_get_effective_filter (t->rules, (guint) rule) == NULL)
        g_error ("rule \"%s\" does not compile", runs_here[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (left_out); i++)
    {
      int rule = remora_coloring_rules_lookup (t->rules, left_out[i]);

      g_assert_cmpint (rule, >=, 0);
      g_assert_null (remora_coloring_rules_get_effective_filter (t->rules, (guint) rule));
    }

  /* Fields Remora lacks go as absent fields would: false where tested,
   * true where negated. */
  g_assert_cmpstr (remora_coloring_rules_get_effective_filter (t->rules, remora_coloring_rules_lookup (t->rules, "HTTP")),
                   ==, "(http) || (tcp.port == 80)");
  g_assert_cmpstr (remora_coloring_rules_get_effective_filter (t->rules, remora_coloring_rules_lookup (t->rules, "TTL low or unexpected")),
                   ==, "((ip.dst != 224.0.0.0/4) && (ip.ttl < 5)) || "
                       "(((ip.dst == 224.0.0.0/24) && (ip.dst != 224.0.0.251)) && (ip.ttl != 1))");
  g_assert_cmpstr (remora_coloring_rules_get_effective_filter (t->rules, remora_coloring_rules_lookup (t->rules, "Routing")),
                   ==, "igmp");
  g_assert_cmpstr (remora_coloring_rules_get_effective_filter (t->rules, remora_coloring_rules_lookup (t->rules, "ARP")),
                   ==, "arp");
  /* Nothing missing: the text as Wireshark has it. */
  g_assert_cmpstr (remora_coloring_rules_get_effective_filter (t->rules, 0),
                   ==, remora_coloring_rules_get_filter (t->rules, 0));
  g_assert_cmpstr (remora_coloring_rules_get_filter (t->rules, remora_coloring_rules_lookup (t->rules, "SMB")),
                   ==, "smb || nbss || nbns || netbios");

  /* Wireshark's colours: ARP on pale yellow, dark text. */
  arp = remora_coloring_rules_lookup (t->rules, "ARP");
  remora_coloring_rules_get_colors (t->rules, (guint) arp, &fg, &bg);
  g_assert_cmpuint (bg.red >> 8, ==, 0xfa);
  g_assert_cmpuint (bg.green >> 8, ==, 0xf0);
  g_assert_cmpuint (bg.blue >> 8, ==, 0xd7);
  g_assert_cmpuint (fg.red >> 8, ==, 0x12);
  g_assert_cmpuint (fg.green >> 8, ==, 0x27);
  g_assert_cmpuint (fg.blue >> 8, ==, 0x2e);
  g_assert_cmpint (remora_coloring_rules_lookup (t->rules, "No such rule"), ==, -1);
}

static void
test_rules_match (Test          *t,
                  gconstpointer  data)
{
  Frame f;

  f = (Frame) { 0 };
  put_tcp_frame (&f, 40000, 443, 1000, TCP_SYN, 0);
  g_assert_cmpstr (rule_of (t, &f), ==, "TCP SYN/FIN");

  f = (Frame) { 0 };
  put_tcp_frame (&f, 40000, 443, 1001, TCP_ACK, 0);
  g_assert_cmpstr (rule_of (t, &f), ==, "TCP");

  /* Port 80 outranks SYN: Wireshark's green HTTP handshake. */
  f = (Frame) { 0 };
  put_tcp_frame (&f, 40001, 80, 7000, TCP_SYN, 0);
  g_assert_cmpstr (rule_of (t, &f), ==, "HTTP");

  f = (Frame) { 0 };
  put_tcp_frame (&f, 40002, 8443, 9000, TCP_RST | TCP_ACK, 0);
  g_assert_cmpstr (rule_of (t, &f), ==, "TCP RST");

  f = (Frame) { 0 };
  put_arp_frame (&f);
  g_assert_cmpstr (rule_of (t, &f), ==, "ARP");

  f = (Frame) { 0 };
  put_dns_frame (&f, 64, FALSE);
  g_assert_cmpstr (rule_of (t, &f), ==, "UDP");

  f = (Frame) { 0 };
  put_icmp_frame (&f, 8, 0);
  g_assert_cmpstr (rule_of (t, &f), ==, "ICMP");

  f = (Frame) { 0 };
  put_icmp_frame (&f, 3, 3);
  g_assert_cmpstr (rule_of (t, &f), ==, "ICMP errors");

  f = (Frame) { 0 };
  put_dns_frame (&f, 2, FALSE);
  g_assert_cmpstr (rule_of (t, &f), ==, "TTL low or unexpected");

  /* Something broadcast that no other rule knows. */
  f = (Frame) { 0 };
  put_eth (&f, "broadcast", 0x88b5);
  put_zeros (&f, 46);
  g_assert_cmpstr (rule_of (t, &f), ==, "Broadcast");

  f = (Frame) { 0 };
  put_eth (&f, "unicast", 0x88b5);
  put_zeros (&f, 46);
  g_assert_cmpstr (rule_of (t, &f), ==, "");
}

/* The same segment twice: the second is a retransmission, "Bad TCP". */
static void
test_rules_bad_tcp (Test          *t,
                    gconstpointer  data)
{
  Frame f = { 0 };

  put_tcp_frame (&f, 40010, 443, 20000, TCP_PSH | TCP_ACK, 100);
  g_assert_cmpstr (rule_of (t, &f), ==, "TCP");
  g_assert_cmpstr (rule_of (t, &f), ==, "Bad TCP");
}

/* Wireshark checks no IP checksum by default, so a bad one colours
 * nothing; with the check on (ip.check_checksum) the frame turns
 * "Checksum Errors", which outranks UDP. */
static void
test_rules_bad_checksum (Test          *t,
                         gconstpointer  data)
{
  Frame f = { 0 };

  put_dns_frame (&f, 64, TRUE);
  g_assert_cmpstr (rule_of (t, &f), ==, "UDP");

  g_assert_true (remora_pref_set ("ip.check_checksum", "TRUE", NULL));
  g_assert_cmpstr (rule_of (t, &f), ==, "Checksum Errors");

  f = (Frame) { 0 };
  put_dns_frame (&f, 64, FALSE);
  g_assert_cmpstr (rule_of (t, &f), ==, "UDP");
  g_assert_true (remora_pref_set ("ip.check_checksum", "FALSE", NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/remora/coloring-rules/compile", Test, NULL, test_setup, test_rules_compile, test_teardown);
  g_test_add ("/remora/coloring-rules/match", Test, NULL, test_setup, test_rules_match, test_teardown);
  g_test_add ("/remora/coloring-rules/bad-tcp", Test, NULL, test_setup, test_rules_bad_tcp, test_teardown);
  g_test_add ("/remora/coloring-rules/bad-checksum", Test, NULL, test_setup, test_rules_bad_checksum, test_teardown);
  return g_test_run ();
}
