/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "dissect-fixture.h"
#include "remora-format.h"

/* The smaller protocols (IGMP, NTP, DHCPv6, VXLAN, Geneve, Cisco HDLC with
 * SLARP, ARCNET) on frames built here, checked for what a user sees:
 * field values as tshark -T fields prints them, tree labels, columns. */

enum {
  LINKTYPE_ETHERNET = 1,
  LINKTYPE_ARCNET_BSD = 7,
  LINKTYPE_C_HDLC = 104,
  LINKTYPE_ARCNET_LINUX = 129,
};

static const guint8 mac_a[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x0a };
static const guint8 mac_b[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x0b };
static const guint8 mac_bc[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
static const guint8 ip_1[4] = { 10, 0, 0, 1 };
static const guint8 ip_2[4] = { 10, 0, 0, 2 };
static const guint8 ll_1[16] = { 0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 };
static const guint8 mc_dhcp[16] = { 0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 2 };

/* ---- frame building ---- */

static void
set16 (Frame *f, guint at, guint v)
{
  f->bytes[at] = (guint8) (v >> 8);
  f->bytes[at + 1] = (guint8) v;
}

static void
put_eth (Frame *f, const guint8 *dst, const guint8 *src, guint type)
{
  put (f, dst, 6);
  put (f, src, 6);
  put16 (f, type);
}

/* An IPv4 header of 20 bytes; returns where its total length goes. */
static guint
put_ipv4 (Frame *f, guint proto, const guint8 *src, const guint8 *dst)
{
  guint at;

  put8 (f, 0x45);
  put8 (f, 0);
  at = f->len;
  put16 (f, 0);
  put32 (f, 0);
  put8 (f, 1);
  put8 (f, proto);
  put16 (f, 0);
  put (f, src, 4);
  put (f, dst, 4);
  return at;
}

static guint
put_ipv6 (Frame *f, guint nxt, const guint8 *src, const guint8 *dst)
{
  guint at;

  put32 (f, 0x60000000);
  at = f->len;
  put16 (f, 0);
  put8 (f, nxt);
  put8 (f, 1);
  put (f, src, 16);
  put (f, dst, 16);
  return at;
}

/* A UDP header (checksum 0); returns where its length goes. */
static guint
put_udp (Frame *f, guint sport, guint dport)
{
  guint at;

  put16 (f, sport);
  put16 (f, dport);
  at = f->len;
  put16 (f, 0);
  put16 (f, 0);
  return at;
}

/* Fills an IPv4 total length and a UDP length from the frame's end. */
static void
finish_ipv4_udp (Frame *f, guint ip_len_at, guint udp_len_at)
{
  set16 (f, ip_len_at, f->len - (ip_len_at - 2));
  set16 (f, udp_len_at, f->len - (udp_len_at - 4));
}

static guint16
ones_sum (const guint8 *p, guint len)
{
  guint32 sum = 0;

  for (guint i = 0; i + 1 < len; i += 2)
    sum += (guint32) p[i] << 8 | p[i + 1];
  if (len & 1)
    sum += (guint32) p[len - 1] << 8;
  while (sum >> 16)
    sum = (sum & 0xffff) + (sum >> 16);
  return (guint16) ~sum;
}

/* An Ethernet/IPv4 ARP request (28 bytes). */
static void
put_arp_request (Frame *f, const guint8 *sha, const guint8 *spa, const guint8 *tpa)
{
  static const guint8 zero[6];

  put16 (f, 1);
  put16 (f, 0x0800);
  put8 (f, 6);
  put8 (f, 4);
  put16 (f, 1);
  put (f, sha, 6);
  put (f, spa, 4);
  put (f, zero, 6);
  put (f, tpa, 4);
}

/* ---- running frames ---- */

/* ---- IGMP ---- */

static void
frame_igmp (Frame *f, const guint8 *body, guint len, gboolean good_checksum)
{
  guint ip_len_at, start;

  memset (f, 0, sizeof *f);
  put_eth (f, mac_bc, mac_a, 0x0800);
  ip_len_at = put_ipv4 (f, 2, ip_1, ip_2);
  start = f->len;
  put (f, body, len);
  set16 (f, start + 2, ones_sum (f->bytes + start, len) ^ (good_checksum ? 0 : 0x0101));
  set16 (f, ip_len_at, f->len - (ip_len_at - 2));
}

static void
test_igmp_v2 (void)
{
  static const guint8 report[8] = { 0x16, 0, 0, 0, 239, 1, 2, 3 };
  static const guint8 query[8] = { 0x11, 100, 0, 0, 0, 0, 0, 0 };
  static const guint8 v1_report[8] = { 0x12, 0, 0, 0, 224, 0, 0, 252 };
  static const char * const fields[] = { "igmp.version", "igmp.checksum.status", NULL };
  Fixture fx;
  Frame f;

  fixture_init (&fx);
  frame_igmp (&f, report, sizeof report, TRUE);
  run_tree (&fx, 1, &f, LINKTYPE_ETHERNET);
  assert_columns (&fx, "IGMPv2", "10.0.0.1", "10.0.0.2", "Membership Report group 239.1.2.3");
  assert_value (&fx, "frame.protocols", "eth:ethertype:ip:igmp:igmp");
  assert_value (&fx, "igmp.version", "2");
  assert_value (&fx, "igmp.type", "0x16");
  assert_value (&fx, "igmp.maddr", "239.1.2.3");
  assert_value (&fx, "igmp.checksum.status", "1");
  assert_label (&fx, "Max Resp Time: 0.0 sec (0x00)");
  assert_label (&fx, "Type: Membership Report (0x16)");

  frame_igmp (&f, query, sizeof query, TRUE);
  run_tree (&fx, 2, &f, LINKTYPE_ETHERNET);
  assert_columns (&fx, "IGMPv2", NULL, NULL, "Membership Query, general");
  assert_label (&fx, "Max Resp Time: 10.0 sec (0x64)");

  /* a query with no response time is version 1, and so is type 0x12 */
  frame_igmp (&f, v1_report, sizeof v1_report, FALSE);
  run_fields (&fx, 3, &f, LINKTYPE_ETHERNET, fields);
  assert_value (&fx, "igmp.version", "1");
  assert_value (&fx, "igmp.checksum.status", "0");
  g_assert_cmpstr (fx.pkt->col_protocol, ==, "IGMPv1");
  g_assert_cmpstr (fx.pkt->col_info->str, ==, "Membership Report");
  fixture_clear (&fx);
}

static void
test_igmp_v3_report (void)
{
  static const guint8 report[] = {
    0x22, 0, 0, 0, 0, 0, 0, 3,
    4, 0, 0, 0, 239, 1, 1, 1,                    /* to exclude, no sources: join */
    3, 0, 0, 0, 239, 2, 2, 2,                    /* to include, no sources: leave */
    1, 1, 0, 2, 232, 1, 1, 1, 10, 0, 0, 9, 10, 0, 0, 10,
    0xaa, 0xbb, 0xcc, 0xdd,                      /* one word of aux data */
  };
  Fixture fx;
  Frame f;

  fixture_init (&fx);
  frame_igmp (&f, report, sizeof report, TRUE);
  run_tree (&fx, 1, &f, LINKTYPE_ETHERNET);
  assert_columns (&fx, "IGMPv3", NULL, NULL,
                  "Membership Report / Join group 239.1.1.1 for any sources / Leave group 239.2.2.2"
                  " / Join group 232.1.1.1 for sources {10.0.0.9,10.0.0.10}");
  assert_value (&fx, "igmp.version", "3");
  assert_value (&fx, "igmp.num_grp_recs", "3");
  assert_value (&fx, "igmp.record_type", "4,3,1");
  assert_value (&fx, "igmp.num_src", "0,0,2");
  assert_value (&fx, "igmp.maddr", "239.1.1.1,239.2.2.2,232.1.1.1");
  assert_value (&fx, "igmp.saddr", "10.0.0.9,10.0.0.10");
  assert_value (&fx, "igmp.aux_data_len", "0,0,1");
  assert_value (&fx, "igmp.aux_data", "aabbccdd");
  assert_value (&fx, "igmp.checksum.status", "1");
  assert_label (&fx, "Record Type: Change To Exclude Mode (4)");

  /* a record count past the data: the tree says malformed, no crash */
  f.bytes[f.len - sizeof report + 7] = 200;
  run_tree (&fx, 2, &f, LINKTYPE_ETHERNET);
  g_assert_cmpint (fx.pkt->exception, ==, REMORA_EXC_MALFORMED);
  fixture_clear (&fx);
}

/* ---- NTP ---- */

static void
test_ntp_client (void)
{
  static const char * const fields[] = { "ntp.flags.mode", "ntp.xmt", "ntp.refid", NULL };
  Fixture fx;
  Frame f = { 0 };
  guint ip_at, udp_at;

  fixture_init (&fx);
  put_eth (&f, mac_b, mac_a, 0x0800);
  ip_at = put_ipv4 (&f, 17, ip_1, ip_2);
  udp_at = put_udp (&f, 40000, 123);
  put8 (&f, 0x23);                  /* LI 0, version 4, client */
  put8 (&f, 2);                     /* stratum */
  put8 (&f, 6);                     /* poll 2^6 */
  put8 (&f, 0xec);                  /* precision 2^-20 */
  put32 (&f, 0x00018000);           /* root delay 1.5 s */
  put32 (&f, 0x00004000);           /* root dispersion 0.25 s */
  put (&f, ip_2, 4);                /* reference ID: an address at stratum 2 */
  put32 (&f, 0);                    /* reference timestamp: none */
  put32 (&f, 0);
  put32 (&f, 0);
  put32 (&f, 0);
  put32 (&f, 0);
  put32 (&f, 0);
  put32 (&f, 0xe0000000);           /* transmit: Feb  2, 2019 11:39:44.5 */
  put32 (&f, 0x80000000);
  finish_ipv4_udp (&f, ip_at, udp_at);

  run_tree (&fx, 1, &f, LINKTYPE_ETHERNET);
  assert_columns (&fx, "NTP", "10.0.0.1", "10.0.0.2", "NTP Version 4, client");
  assert_value (&fx, "frame.protocols", "eth:ethertype:ip:udp:ntp");
  assert_value (&fx, "ntp.flags", "0x23");
  assert_value (&fx, "ntp.flags.vn", "4");
  assert_value (&fx, "ntp.flags.mode", "3");
  assert_value (&fx, "ntp.stratum", "2");
  assert_value (&fx, "ntp.rootdelay", "98304");
  assert_value (&fx, "ntp.refid", "0a000002");
  assert_value (&fx, "ntp.xmt", "Feb  2, 2019 11:39:44.500000000 UTC");
  assert_label (&fx, "Network Time Protocol (NTP Version 4, client)");
  assert_label (&fx, "Flags: 0x23, Leap Indicator: no warning, Version number: NTP Version 4, Mode: client");
  assert_label (&fx, ".... .011 = Mode: client (3)");
  assert_label (&fx, "Peer Clock Stratum: secondary reference (2)");
  assert_label (&fx, "Peer Polling Interval: 6 (64 seconds)");
  assert_label (&fx, "Peer Clock Precision: 0.000001 seconds");
  assert_label (&fx, "Root Delay: 1.500000 seconds");
  assert_label (&fx, "Root Dispersion: 0.250000 seconds");
  assert_label (&fx, "Reference ID: 10.0.0.2");
  assert_label (&fx, "Reference Timestamp: NULL");

  run_fields (&fx, 2, &f, LINKTYPE_ETHERNET, fields);
  assert_value (&fx, "ntp.flags.mode", "3");
  assert_value (&fx, "ntp.xmt", "Feb  2, 2019 11:39:44.500000000 UTC");
  fixture_clear (&fx);
}

static void
test_ntp_control (void)
{
  Fixture fx;
  Frame f = { 0 };
  guint ip_at, udp_at;

  fixture_init (&fx);
  put_eth (&f, mac_b, mac_a, 0x0800);
  ip_at = put_ipv4 (&f, 17, ip_2, ip_1);
  udp_at = put_udp (&f, 123, 40000);
  put8 (&f, 0x16);                  /* version 2, control */
  put8 (&f, 0x81);                  /* response, read status */
  put16 (&f, 69);
  put16 (&f, 0x0618);               /* system status */
  put16 (&f, 0);
  put16 (&f, 0);
  put16 (&f, 4);
  put16 (&f, 48829);                /* one association and its peer status */
  put16 (&f, 0x961a);
  finish_ipv4_udp (&f, ip_at, udp_at);

  run_tree (&fx, 1, &f, LINKTYPE_ETHERNET);
  assert_columns (&fx, "NTP", NULL, NULL, "NTP Version 2, control");
  assert_value (&fx, "ntp.ctrl.flags2.r", "1");
  assert_value (&fx, "ntp.ctrl.flags2.opcode", "1");
  assert_value (&fx, "ntp.ctrl.sequence", "69");
  assert_value (&fx, "ntp.ctrl.status", "0x0618,0x961a");
  assert_value (&fx, "ntp.ctrl.sys_status.clksrc", "6");
  assert_value (&fx, "ntp.ctrl.associd", "0,48829");
  assert_value (&fx, "ntp.ctrl.peer_status.selection", "6");
  assert_label (&fx, "Flags 2: 0x81, Response bit: Response, Opcode: read status");
  fixture_clear (&fx);
}

/* ---- DHCPv6 ---- */

static void
test_dhcpv6_solicit (void)
{
  static const char * const fields[] = { "dhcpv6.msgtype", "dhcpv6.option.type", NULL };
  Fixture fx;
  Frame f = { 0 };
  guint ip_at, udp_at;

  fixture_init (&fx);
  put_eth (&f, mac_b, mac_a, 0x86dd);
  ip_at = put_ipv6 (&f, 17, ll_1, mc_dhcp);
  udp_at = put_udp (&f, 546, 547);
  put8 (&f, 1);                     /* Solicit */
  put8 (&f, 0x00);
  put16 (&f, 0x1234);
  put16 (&f, 1);                    /* client identifier: DUID-LL, Ethernet */
  put16 (&f, 10);
  put16 (&f, 3);
  put16 (&f, 1);
  put (&f, mac_a, 6);
  put16 (&f, 6);                    /* option request: DNS servers, domain list */
  put16 (&f, 4);
  put16 (&f, 23);
  put16 (&f, 24);
  put16 (&f, 8);                    /* elapsed time: 1.5 s */
  put16 (&f, 2);
  put16 (&f, 150);
  put16 (&f, 3);                    /* IA_NA with one address */
  put16 (&f, 40);
  put32 (&f, 0x02030405);
  put32 (&f, 3600);
  put32 (&f, 5400);
  put16 (&f, 5);
  put16 (&f, 24);
  put (&f, ll_1, 16);
  put32 (&f, 4500);
  put32 (&f, 7200);
  put16 (&f, 24);                   /* domain list: example.com */
  put16 (&f, 13);
  put8 (&f, 7);
  put (&f, "example", 7);
  put8 (&f, 3);
  put (&f, "com", 3);
  put8 (&f, 0);
  set16 (&f, ip_at, f.len - (ip_at + 34));
  set16 (&f, udp_at, f.len - (udp_at - 4));

  run_tree (&fx, 1, &f, LINKTYPE_ETHERNET);
  assert_columns (&fx, "DHCPv6", "fe80::1", "ff02::1:2",
                  "Solicit XID: 0x001234 CID: 0003000102000000000a IAA: fe80::1 ");
  assert_value (&fx, "frame.protocols", "eth:ethertype:ipv6:udp:dhcpv6");
  assert_value (&fx, "dhcpv6.msgtype", "1");
  assert_value (&fx, "dhcpv6.xid", "0x001234");
  assert_value (&fx, "dhcpv6.option.type", "1,6,8,3,5,24");
  assert_value (&fx, "dhcpv6.option.length", "10,4,2,40,24,13");
  assert_value (&fx, "dhcpv6.duid.type", "3");
  assert_value (&fx, "dhcpv6.duidll.link_layer_addr", "02:00:00:00:00:0a");
  assert_value (&fx, "dhcpv6.requested_option_code", "23,24");
  assert_value (&fx, "dhcpv6.elapsed_time", "1500");
  assert_value (&fx, "dhcpv6.iaid", "02030405");
  assert_value (&fx, "dhcpv6.iaaddr.ip", "fe80::1");
  assert_value (&fx, "dhcpv6.iaaddr.valid_lifetime", "7200");
  assert_value (&fx, "dhcpv6.search_list_entry", "example.com.");
  assert_label (&fx, "Message type: Solicit (1)");
  assert_label (&fx, "Elapsed time: 1500ms");
  assert_label (&fx, "Requested Option code: DNS recursive name server (23)");
  assert_label (&fx, "DUID Type: link-layer address (3)");

  run_fields (&fx, 2, &f, LINKTYPE_ETHERNET, fields);
  assert_value (&fx, "dhcpv6.msgtype", "1");
  assert_value (&fx, "dhcpv6.option.type", "1,6,8,3,5,24");

  /* an option longer than the message: flagged, the others kept */
  set16 (&f, udp_at + 4 + 4 + 2, 500);
  run_tree (&fx, 3, &f, LINKTYPE_ETHERNET);
  assert_value (&fx, "dhcpv6.option.type", "1");
  assert_value (&fx, "dhcpv6.xid", "0x001234");
  fixture_clear (&fx);
}

/* ---- VXLAN and Geneve ---- */

static void
put_inner_arp (Frame *f)
{
  put_eth (f, mac_bc, mac_b, 0x0806);
  put_arp_request (f, mac_b, ip_2, ip_1);
}

static void
test_vxlan (void)
{
  static const char * const fields[] = { "vxlan.vni", "arp.opcode", NULL };
  Fixture fx;
  Frame f = { 0 };
  guint ip_at, udp_at;

  fixture_init (&fx);
  put_eth (&f, mac_b, mac_a, 0x0800);
  ip_at = put_ipv4 (&f, 17, ip_1, ip_2);
  udp_at = put_udp (&f, 45149, 4789);
  put16 (&f, 0x0800);               /* I flag */
  put16 (&f, 0);
  put32 (&f, 100 << 8);
  put_inner_arp (&f);
  finish_ipv4_udp (&f, ip_at, udp_at);

  run_tree (&fx, 1, &f, LINKTYPE_ETHERNET);
  assert_value (&fx, "frame.protocols", "eth:ethertype:ip:udp:vxlan:eth:ethertype:arp");
  assert_value (&fx, "vxlan.flags", "0x0800");
  assert_value (&fx, "vxlan.flag_i", "1");
  assert_value (&fx, "vxlan.flag_g", "0");
  assert_value (&fx, "vxlan.vni", "100");
  assert_label (&fx, "Flags: 0x0800, VXLAN Network ID (VNI)");
  assert_label (&fx, "0... .... .... .... = GBP Extension: Not defined");
  assert_label (&fx, "VXLAN Network Identifier (VNI): 100");
  assert_columns (&fx, "ARP", NULL, NULL, "Who has 10.0.0.1? Tell 10.0.0.2");

  run_fields (&fx, 2, &f, LINKTYPE_ETHERNET, fields);
  assert_value (&fx, "vxlan.vni", "100");
  assert_value (&fx, "arp.opcode", "1");
  fixture_clear (&fx);
}

static void
test_geneve (void)
{
  Fixture fx;
  Frame f = { 0 };
  guint ip_at, udp_at;

  fixture_init (&fx);
  put_eth (&f, mac_b, mac_a, 0x0800);
  ip_at = put_ipv4 (&f, 17, ip_1, ip_2);
  udp_at = put_udp (&f, 12618, 6081);
  put8 (&f, 0x02);                  /* version 0, 8 bytes of options */
  put8 (&f, 0x40);                  /* critical options present */
  put16 (&f, 0x6558);
  put32 (&f, 10 << 8);
  put16 (&f, 0x0000);               /* option: standard class, critical type 0x80, 4 bytes */
  put8 (&f, 0x80);
  put8 (&f, 1);
  put32 (&f, 12);
  put_inner_arp (&f);
  finish_ipv4_udp (&f, ip_at, udp_at);

  run_tree (&fx, 1, &f, LINKTYPE_ETHERNET);
  assert_value (&fx, "frame.protocols", "eth:ethertype:ip:udp:geneve:eth:ethertype:arp");
  assert_value (&fx, "geneve.version", "0");
  assert_value (&fx, "geneve.flags", "0x40");
  assert_value (&fx, "geneve.flags.critical", "1");
  assert_value (&fx, "geneve.proto_type", "0x6558");
  assert_value (&fx, "geneve.vni", "0x00000a");
  assert_value (&fx, "geneve.option.class", "0x0000");
  assert_value (&fx, "geneve.option.type", "0x80");
  assert_value (&fx, "geneve.option.length", "8,8");
  assert_value (&fx, "geneve.option.unknown.data", "0000000c");
  assert_label (&fx, "Generic Network Virtualization Encapsulation, VNI: 0x00000a");
  assert_label (&fx, "Unknown, Class: Standard (0x0000) Type: 0x80 (Critical)");
  assert_label (&fx, "Options: (8 bytes)");
  assert_columns (&fx, "ARP", NULL, NULL, "Who has 10.0.0.1? Tell 10.0.0.2");
  fixture_clear (&fx);
}

/* ---- Cisco HDLC, SLARP ---- */

static void
test_chdlc_slarp (void)
{
  Fixture fx;
  Frame f = { 0 };

  fixture_init (&fx);
  put8 (&f, 0x8f);
  put8 (&f, 0x00);
  put16 (&f, 0x8035);
  put32 (&f, 2);                    /* line keepalive */
  put32 (&f, 5);
  put32 (&f, 2);
  put16 (&f, 0xffff);
  run_tree (&fx, 1, &f, LINKTYPE_C_HDLC);
  assert_columns (&fx, "SLARP", "N/A", "N/A", "Line keepalive, outgoing sequence 5, returned sequence 2");
  assert_value (&fx, "frame.protocols", "chdlc:slarp");
  assert_value (&fx, "chdlc.address", "0x8f");
  assert_value (&fx, "chdlc.protocol", "0x8035");
  assert_value (&fx, "slarp.ptype", "2");
  assert_value (&fx, "slarp.reliability", "0xffff");
  assert_label (&fx, "Address: Multicast (0x8f)");
  assert_label (&fx, "Packet type: Line keepalive (2)");

  /* an IP packet goes through the Ethernet type table */
  memset (&f, 0, sizeof f);
  put8 (&f, 0x0f);
  put8 (&f, 0x00);
  put16 (&f, 0x0800);
  set16 (&f, put_ipv4 (&f, 253, ip_1, ip_2), 20);
  run_tree (&fx, 2, &f, LINKTYPE_C_HDLC);
  assert_value (&fx, "frame.protocols", "chdlc:ip");
  assert_label (&fx, "Protocol: IP (0x0800)");
  g_assert_cmpstr (remora_address_to_str (&fx.pkt->src, (char[64]) { 0 }, 64), ==, "10.0.0.1");
  fixture_clear (&fx);
}

/* ---- ARCNET ---- */

static void
test_arcnet (void)
{
  Fixture fx;
  Frame f = { 0 };

  fixture_init (&fx);
  /* Linux header, RFC 1201 ARP: split flag and sequence follow */
  put8 (&f, 0xbe);
  put8 (&f, 0x00);
  put16 (&f, 0xea08);
  put8 (&f, 0xd5);
  put8 (&f, 0);
  put16 (&f, 357);
  put16 (&f, 7);                    /* ARP for ARCNET: 1-byte hardware addresses */
  put16 (&f, 0x0800);
  put8 (&f, 1);
  put8 (&f, 4);
  put16 (&f, 1);
  put8 (&f, 0xbe);
  put (&f, ip_1, 4);
  put8 (&f, 0);
  put (&f, ip_2, 4);
  run_tree (&fx, 1, &f, LINKTYPE_ARCNET_LINUX);
  assert_value (&fx, "frame.protocols", "arcnet:arp");
  assert_value (&fx, "arcnet.src", "0xbe");
  assert_value (&fx, "arcnet.dst", "0x00");
  assert_value (&fx, "arcnet.offset", "ea08");
  assert_value (&fx, "arcnet.protID", "0xd5");
  assert_value (&fx, "arcnet.split_flag", "0");
  assert_value (&fx, "arcnet.sequence", "357");
  assert_label (&fx, "Protocol ID: RFC 1201 ARP (0xd5)");
  assert_columns (&fx, "ARP", "0xbe", "0x00", "Who has 10.0.0.2? Tell 10.0.0.1");

  /* BSD header (no offset), RFC 1051 IP: no fragmentation fields */
  memset (&f, 0, sizeof f);
  put8 (&f, 0x50);
  put8 (&f, 0xbe);
  put8 (&f, 0xf0);
  set16 (&f, put_ipv4 (&f, 253, ip_2, ip_1), 20);
  run_tree (&fx, 2, &f, LINKTYPE_ARCNET_BSD);
  assert_value (&fx, "frame.protocols", "arcnet:ip");
  assert_value (&fx, "arcnet.protID", "0xf0");
  assert_value (&fx, "arcnet.split_flag", "");
  assert_value (&fx, "ip.src", "10.0.0.2");
  fixture_clear (&fx);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/remora/dissect/misc/igmp-v2", test_igmp_v2);
  g_test_add_func ("/remora/dissect/misc/igmp-v3-report", test_igmp_v3_report);
  g_test_add_func ("/remora/dissect/misc/ntp-client", test_ntp_client);
  g_test_add_func ("/remora/dissect/misc/ntp-control", test_ntp_control);
  g_test_add_func ("/remora/dissect/misc/dhcpv6-solicit", test_dhcpv6_solicit);
  g_test_add_func ("/remora/dissect/misc/vxlan", test_vxlan);
  g_test_add_func ("/remora/dissect/misc/geneve", test_geneve);
  g_test_add_func ("/remora/dissect/misc/chdlc-slarp", test_chdlc_slarp);
  g_test_add_func ("/remora/dissect/misc/arcnet", test_arcnet);
  return g_test_run ();
}
