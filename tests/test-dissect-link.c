/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "dissect-fixture.h"

/* The link layers and ARP through a session, in tree mode and in fields
 * mode, checked for what a user sees: field values, labels, columns. */

enum {
  LINKTYPE_NULL = 0,
  LINKTYPE_ETHERNET = 1,
  LINKTYPE_RAW = 101,
  LINKTYPE_LOOP = 108,
  LINKTYPE_LINUX_SLL = 113,
  LINKTYPE_LINUX_SLL2 = 276,
};

static const guint8 mac_a[6] = { 0x00, 0x11, 0x22, 0x33, 0x44, 0x55 };
static const guint8 mac_b[6] = { 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb };
static const guint8 mac_c[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x0c };
static const guint8 mac_bc[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
static const guint8 mac_zero[6] = { 0 };
static const guint8 ip_1[4] = { 10, 0, 0, 1 };
static const guint8 ip_2[4] = { 10, 0, 0, 2 };
static const guint8 ip_zero[4] = { 0 };

/* ---- frame building ---- */


static void
put_eth (Frame *f, const guint8 *dst, const guint8 *src, guint type)
{
  put (f, dst, 6);
  put (f, src, 6);
  put16 (f, type);
}

/* An Ethernet/IPv4 ARP body (28 bytes). */
static void
put_arp (Frame *f, guint op, const guint8 *sha, const guint8 *spa, const guint8 *tha, const guint8 *tpa)
{
  put16 (f, 1);
  put16 (f, 0x0800);
  put8 (f, 6);
  put8 (f, 4);
  put16 (f, op);
  put (f, sha, 6);
  put (f, spa, 4);
  put (f, tha, 6);
  put (f, tpa, 4);
}

/* A minimal IPv4 header (20 bytes, protocol 253: experimental). */
static void
put_ipv4 (Frame *f)
{
  put8 (f, 0x45);
  put8 (f, 0);
  put16 (f, 20);
  put32 (f, 0);
  put8 (f, 64);
  put8 (f, 253);
  put16 (f, 0);
  put (f, ip_1, 4);
  put (f, ip_2, 4);
}

/* An ARP frame over Ethernet padded to the 60-byte minimum. */
static void
frame_eth_arp (Frame *f, const guint8 *dst, guint op, const guint8 *sha, const guint8 *spa,
               const guint8 *tha, const guint8 *tpa)
{
  memset (f, 0, sizeof *f);
  put_eth (f, dst, sha, 0x0806);
  put_arp (f, op, sha, spa, tha, tpa);
  put_zeros (f, 60 - f->len);
}

/* ---- running frames ---- */

/* ---- cases ---- */

static void
test_arp_request_reply (void)
{
  static const char * const fields[] = { "arp.opcode", "arp.src.proto_ipv4", "arp.dst.proto_ipv4",
                                         "eth.src", "eth.dst", "eth.type", "eth.padding", NULL };
  Fixture fx;
  Frame req, rep;

  fixture_init (&fx);
  frame_eth_arp (&req, mac_bc, 1, mac_b, ip_2, mac_zero, ip_1);
  frame_eth_arp (&rep, mac_b, 2, mac_a, ip_1, mac_b, ip_2);

  run_tree (&fx, 1, &req, LINKTYPE_ETHERNET);
  /* the broadcast MAC reads "Broadcast" in the columns, as in tshark */
  assert_columns (&fx, "ARP", "66:77:88:99:aa:bb", "Broadcast", "Who has 10.0.0.1? Tell 10.0.0.2");
  assert_value (&fx, "frame.protocols", "eth:ethertype:arp");
  assert_label (&fx, "Ethernet II, Src: 66:77:88:99:aa:bb (66:77:88:99:aa:bb), Dst: Broadcast (ff:ff:ff:ff:ff:ff)");
  assert_label (&fx, "Type: ARP (0x0806)");
  assert_label (&fx, "Address Resolution Protocol (request)");
  assert_label (&fx, "Opcode: request (1)");
  assert_label (&fx, "Sender MAC address: 66:77:88:99:aa:bb (66:77:88:99:aa:bb)");
  assert_label (&fx, "Target IP address: 10.0.0.1");
  assert_value (&fx, "eth.addr", "ff:ff:ff:ff:ff:ff,66:77:88:99:aa:bb");
  assert_value (&fx, "eth.ig", "1,0");
  /* 42 bytes of Ethernet + ARP: the other 18 are padding */
  assert_value (&fx, "eth.padding", "000000000000000000000000000000000000");
  assert_value (&fx, "arp.isgratuitous", "");

  run_fields (&fx, 2, &rep, LINKTYPE_ETHERNET, fields);
  assert_columns (&fx, "ARP", "00:11:22:33:44:55", "66:77:88:99:aa:bb", "10.0.0.1 is at 00:11:22:33:44:55");
  assert_value (&fx, "arp.opcode", "2");
  assert_value (&fx, "arp.src.proto_ipv4", "10.0.0.1");
  assert_value (&fx, "arp.dst.proto_ipv4", "10.0.0.2");
  assert_value (&fx, "eth.type", "0x0806");
  assert_value (&fx, "eth.src", "00:11:22:33:44:55");
  assert_value (&fx, "eth.padding", "000000000000000000000000000000000000");
  fixture_clear (&fx);
}

static void
test_arp_gratuitous (void)
{
  static const struct {
    guint op;
    const guint8 *spa, *tha, *tpa;
    const char *info, *label, *flag;
  } cases[] = {
    { 1, ip_2, mac_zero, ip_2, "ARP Announcement for 10.0.0.2", "Address Resolution Protocol (ARP Announcement)", "arp.isannouncement" },
    { 1, ip_zero, mac_zero, ip_1, "Who has 10.0.0.1? (ARP Probe)", "Address Resolution Protocol (ARP Probe)", "arp.isprobe" },
    { 1, ip_2, mac_b, ip_2, "Gratuitous ARP for 10.0.0.2 (Request)", "Address Resolution Protocol (request/gratuitous ARP)", "arp.isgratuitous" },
    { 2, ip_2, mac_bc, ip_2, "Gratuitous ARP for 10.0.0.2 (Reply)", "Address Resolution Protocol (reply/gratuitous ARP)", "arp.isgratuitous" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Fixture fx;
      Frame f;

      fixture_init (&fx);
      frame_eth_arp (&f, mac_bc, cases[i].op, mac_b, cases[i].spa, cases[i].tha, cases[i].tpa);
      run_tree (&fx, 1, &f, LINKTYPE_ETHERNET);
      g_assert_cmpstr (fx.pkt->col_info->str, ==, cases[i].info);
      assert_label (&fx, cases[i].label);
      assert_value (&fx, cases[i].flag, "1");
      fixture_clear (&fx);
    }
}

static void
test_arp_duplicate (void)
{
  Fixture fx;
  Frame first, second;
  static const char * const fields[] = { "arp.opcode", NULL };

  fixture_init (&fx);
  frame_eth_arp (&first, mac_bc, 1, mac_b, ip_2, mac_zero, ip_1);
  frame_eth_arp (&second, mac_bc, 1, mac_c, ip_2, mac_zero, ip_1);

  run_fields (&fx, 1, &first, LINKTYPE_ETHERNET, fields);
  g_assert_cmpstr (fx.pkt->col_info->str, ==, "Who has 10.0.0.1? Tell 10.0.0.2");
  run_fields (&fx, 2, &second, LINKTYPE_ETHERNET, fields);
  g_assert_cmpstr (fx.pkt->col_info->str, ==, "Who has 10.0.0.1? Tell 10.0.0.2 (duplicate use of 10.0.0.2 detected!)");

  /* The GUI redissects a selected frame: same verdict, from saved state. */
  run_tree (&fx, 2, &second, LINKTYPE_ETHERNET);
  g_assert_cmpstr (fx.pkt->col_info->str, ==, "Who has 10.0.0.1? Tell 10.0.0.2 (duplicate use of 10.0.0.2 detected!)");
  assert_label (&fx, "[Duplicate IP address detected for 10.0.0.2 (02:00:00:00:00:0c) - also in use by 66:77:88:99:aa:bb (frame 1)]");
  assert_value (&fx, "arp.duplicate-address-frame", "1");
  assert_value (&fx, "arp.seconds-since-duplicate-address-frame", "1");
  run_tree (&fx, 1, &first, LINKTYPE_ETHERNET);
  g_assert_cmpstr (fx.pkt->col_info->str, ==, "Who has 10.0.0.1? Tell 10.0.0.2");
  fixture_clear (&fx);
}

static void
test_vlan (void)
{
  static const char * const fields[] = { "vlan.id", "frame.protocols", NULL };
  Fixture fx;
  Frame f = { 0 };

  fixture_init (&fx);
  put_eth (&f, mac_bc, mac_a, 0x8100);
  put16 (&f, 5 << 13 | 1 << 12 | 100);
  put16 (&f, 0x0806);
  put_arp (&f, 1, mac_a, ip_1, mac_zero, ip_2);
  put_zeros (&f, 64 - f.len);

  run_tree (&fx, 1, &f, LINKTYPE_ETHERNET);
  assert_value (&fx, "frame.protocols", "eth:ethertype:vlan:ethertype:arp");
  assert_label (&fx, "802.1Q Virtual LAN, PRI: 5, DEI: 1, ID: 100");
  assert_label (&fx, "101. .... .... .... = Priority: Voice, < 10ms latency and jitter (5)");
  assert_label (&fx, "...1 .... .... .... = DEI: Eligible");
  assert_label (&fx, ".... 0000 0110 0100 = ID: 100");
  assert_value (&fx, "vlan.etype", "0x0806");
  /* padding to 60 under the tag, the last 4 bytes its trailer */
  assert_value (&fx, "eth.padding", "0000000000000000000000000000");
  assert_value (&fx, "vlan.trailer", "00000000");
  g_assert_cmpstr (fx.pkt->col_info->str, ==, "Who has 10.0.0.2? Tell 10.0.0.1");

  run_fields (&fx, 2, &f, LINKTYPE_ETHERNET, fields);
  assert_value (&fx, "vlan.id", "100");
  assert_value (&fx, "frame.protocols", "eth:ethertype:vlan:ethertype:arp");
  fixture_clear (&fx);
}

static void
test_sll_v1 (void)
{
  static const char * const fields[] = { "sll.pkttype", "sll.src.eth", "sll.etype", NULL };
  Fixture fx;
  Frame f = { 0 };

  fixture_init (&fx);
  put16 (&f, 4);            /* sent by us */
  put16 (&f, 1);            /* Ethernet */
  put16 (&f, 6);
  put (&f, mac_a, 6);
  put_zeros (&f, 2);
  put16 (&f, 0x0806);
  put_arp (&f, 1, mac_a, ip_1, mac_zero, ip_2);

  run_tree (&fx, 1, &f, LINKTYPE_LINUX_SLL);
  assert_value (&fx, "frame.protocols", "sll:ethertype:arp");
  assert_label (&fx, "Linux cooked capture v1");
  assert_label (&fx, "Packet type: Sent by us (4)");
  assert_label (&fx, "Link-layer address type: Ethernet (1)");
  assert_label (&fx, "Source: 00:11:22:33:44:55 (00:11:22:33:44:55)");
  assert_label (&fx, "Protocol: ARP (0x0806)");
  assert_value (&fx, "sll.unused", "0000");
  assert_columns (&fx, "ARP", "00:11:22:33:44:55", "", "Who has 10.0.0.2? Tell 10.0.0.1");

  run_fields (&fx, 2, &f, LINKTYPE_LINUX_SLL, fields);
  assert_value (&fx, "sll.pkttype", "4");
  assert_value (&fx, "sll.src.eth", "00:11:22:33:44:55");
  assert_value (&fx, "sll.etype", "0x0806");
  fixture_clear (&fx);
}

static void
test_sll_v2 (void)
{
  static const char * const fields[] = { "sll.pkttype", "sll.ifindex", "sll.etype", NULL };
  Fixture fx;
  Frame f = { 0 };

  fixture_init (&fx);
  put16 (&f, 0x0806);
  put16 (&f, 0);
  put32 (&f, 3);            /* interface index */
  put16 (&f, 1);            /* Ethernet */
  put8 (&f, 0);             /* to us */
  put8 (&f, 6);
  put (&f, mac_a, 6);
  put_zeros (&f, 2);
  put_arp (&f, 2, mac_a, ip_1, mac_b, ip_2);

  run_tree (&fx, 1, &f, LINKTYPE_LINUX_SLL2);
  assert_value (&fx, "frame.protocols", "sll:ethertype:arp");
  assert_label (&fx, "Linux cooked capture v2");
  assert_label (&fx, "Interface index: 3");
  assert_label (&fx, "Packet type: Unicast to us (0)");
  g_assert_cmpstr (fx.pkt->col_info->str, ==, "10.0.0.1 is at 00:11:22:33:44:55");

  run_fields (&fx, 2, &f, LINKTYPE_LINUX_SLL2, fields);
  assert_value (&fx, "sll.pkttype", "0");
  assert_value (&fx, "sll.ifindex", "3");
  assert_value (&fx, "sll.etype", "0x0806");
  fixture_clear (&fx);
}

/* The layer name after the link layer: "ip" once IPv4 is registered. */
static const char *
ipv4_layer (void)
{
  return remora_table_lookup_uint ("ethertype", 0x0800) ? "ip" : "data";
}

static void
test_null_byte_orders (void)
{
  static const char * const fields[] = { "null.family", "frame.protocols", NULL };
  Fixture fx;
  Frame le = { 0 }, be = { 0 }, loop = { 0 }, unknown = { 0 };
  g_autofree char *expected = g_strdup_printf ("null:%s", ipv4_layer ());

  fixture_init (&fx);
  put (&le, "\x02\x00\x00\x00", 4);
  put_ipv4 (&le);
  put (&be, "\x00\x00\x00\x02", 4);
  put_ipv4 (&be);
  put32 (&loop, 2);
  put_ipv4 (&loop);
  put (&unknown, "\x63\x00\x00\x00xyz", 7);

  run_tree (&fx, 1, &le, LINKTYPE_NULL);
  assert_label (&fx, "Family: IP (2)");
  {
    g_autofree char *protocols = values_of (&fx, "frame.protocols");
    g_assert_true (g_str_has_prefix (protocols, expected));
  }
  run_fields (&fx, 2, &be, LINKTYPE_NULL, fields);
  assert_value (&fx, "null.family", "2");
  run_fields (&fx, 3, &loop, LINKTYPE_LOOP, fields);
  assert_value (&fx, "null.family", "2");
  {
    g_autofree char *protocols = values_of (&fx, "frame.protocols");
    g_assert_true (g_str_has_prefix (protocols, expected));
  }
  run_tree (&fx, 4, &unknown, LINKTYPE_NULL);
  assert_label (&fx, "Family: Unknown (99)");
  assert_columns (&fx, "N/A", "N/A", "N/A", "Null/Loopback");
  assert_value (&fx, "frame.protocols", "null:data");
  fixture_clear (&fx);
}

static void
test_raw_by_version (void)
{
  Fixture fx;
  Frame v4 = { 0 }, bad = { 0 };
  g_autofree char *expected = g_strdup_printf ("raw:%s", ipv4_layer ());
  g_autofree char *protocols = NULL;

  fixture_init (&fx);
  put_ipv4 (&v4);
  run_tree (&fx, 1, &v4, LINKTYPE_RAW);
  assert_label (&fx, "Raw packet data");
  protocols = values_of (&fx, "frame.protocols");
  g_assert_true (g_str_has_prefix (protocols, expected));

  /* Neither 4 nor 6, and too short for the old PPP check at offset 6:
   * malformed, as tshark says, and no crash. */
  put (&bad, "\x10" "abc", 4);
  run_tree (&fx, 2, &bad, LINKTYPE_RAW);
  assert_value (&fx, "frame.protocols", "raw");
  g_assert_cmpstr (fx.pkt->col_protocol, ==, "N/A");
  g_assert_cmpstr (fx.pkt->col_info->str, ==, "Raw packet data[Malformed Packet]");
  fixture_clear (&fx);
}

static void
test_eth_truncated_header (void)
{
  static const char * const fields[] = { "eth.src", "eth.dst", NULL };
  Fixture fx;
  Frame f = { 0 };

  fixture_init (&fx);
  put (&f, mac_b, 6);
  put (&f, mac_a, 4);

  run_tree (&fx, 1, &f, LINKTYPE_ETHERNET);
  assert_label (&fx, "[Malformed Packet: Ethernet]");
  assert_columns (&fx, "Ethernet", "", "66:77:88:99:aa:bb", "[Malformed Packet]");
  assert_value (&fx, "frame.protocols", "eth");

  /* Captured short of what the wire had: truncated rather than malformed. */
  run_frame (&fx, 2, &f, 60, LINKTYPE_ETHERNET);
  assert_label (&fx, "[Packet size limited during capture: Ethernet truncated]");

  run_fields (&fx, 3, &f, LINKTYPE_ETHERNET, fields);
  assert_value (&fx, "eth.src", "");
  assert_value (&fx, "eth.dst", "");
  fixture_clear (&fx);
}

static void
test_802_3_llc_snap (void)
{
  static const char * const fields[] = { "eth.len", "llc.dsap", "llc.oui", "llc.type", "frame.protocols", NULL };
  Fixture fx;
  Frame f = { 0 };

  fixture_init (&fx);
  put_eth (&f, mac_b, mac_a, 8 + 28);
  put (&f, "\xaa\xaa\x03\x00\x00\x00\x08\x06", 8);
  put_arp (&f, 1, mac_a, ip_1, mac_zero, ip_2);
  put (&f, "\x01\x02\x03", 3);   /* beyond eth.len: a trailer */

  run_tree (&fx, 1, &f, LINKTYPE_ETHERNET);
  assert_label (&fx, "IEEE 802.3 Ethernet ");
  assert_label (&fx, "Length: 36");
  assert_label (&fx, "DSAP: SNAP (0xaa)");
  assert_label (&fx, "Control field: U, func=UI (0x03)");
  assert_label (&fx, "Organization Code: 00:00:00 (Officially Xerox, but)");
  assert_label (&fx, "Type: ARP (0x0806)");
  assert_value (&fx, "frame.protocols", "eth:llc:arp");
  assert_value (&fx, "eth.trailer", "010203");
  g_assert_cmpstr (fx.pkt->col_protocol, ==, "ARP");

  run_fields (&fx, 2, &f, LINKTYPE_ETHERNET, fields);
  assert_value (&fx, "eth.len", "36");
  assert_value (&fx, "llc.dsap", "0xaa");
  assert_value (&fx, "llc.oui", "0");
  assert_value (&fx, "llc.type", "0x0806");
  assert_value (&fx, "frame.protocols", "eth:llc:arp");
  fixture_clear (&fx);
}

static void
test_unknown_ethertype (void)
{
  Fixture fx;
  Frame f = { 0 };

  fixture_init (&fx);
  put_eth (&f, mac_b, mac_a, 0x88b5);
  put (&f, "hello", 5);
  run_tree (&fx, 1, &f, LINKTYPE_ETHERNET);
  assert_value (&fx, "frame.protocols", "eth:ethertype:data");
  assert_label (&fx, "Type: Local Experimental Ethertype 1 (0x88b5)");
  assert_columns (&fx, "0x88b5", "00:11:22:33:44:55", "66:77:88:99:aa:bb", "Local Experimental Ethertype 1");
  fixture_clear (&fx);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/remora/dissect/link/arp-request-reply", test_arp_request_reply);
  g_test_add_func ("/remora/dissect/link/arp-gratuitous", test_arp_gratuitous);
  g_test_add_func ("/remora/dissect/link/arp-duplicate", test_arp_duplicate);
  g_test_add_func ("/remora/dissect/link/vlan", test_vlan);
  g_test_add_func ("/remora/dissect/link/sll-v1", test_sll_v1);
  g_test_add_func ("/remora/dissect/link/sll-v2", test_sll_v2);
  g_test_add_func ("/remora/dissect/link/null-byte-orders", test_null_byte_orders);
  g_test_add_func ("/remora/dissect/link/raw-by-version", test_raw_by_version);
  g_test_add_func ("/remora/dissect/link/eth-truncated-header", test_eth_truncated_header);
  g_test_add_func ("/remora/dissect/link/802.3-llc-snap", test_802_3_llc_snap);
  g_test_add_func ("/remora/dissect/link/unknown-ethertype", test_unknown_ethertype);
  return g_test_run ();
}
