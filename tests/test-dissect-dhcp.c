/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "dns-test-frames.h"

/* DHCP / BOOTP through a session on Ethernet/IPv4/UDP frames, checked
 * against what tshark 4.0 shows for the same bytes. */

static void
option (GByteArray *m, guint8 code, const void *value, guint8 len)
{
  g_byte_array_append (m, &code, 1);
  g_byte_array_append (m, &len, 1);
  g_byte_array_append (m, value, len);
}

static GByteArray *
bootp (guint8 op, guint32 xid, guint16 flags, guint32 yiaddr, gboolean cookie)
{
  static const guint8 mac[16] = { 0x00, 0x11, 0x22, 0x33, 0x44, 0x55 };
  static const guint8 zeros[192];
  GByteArray *m = g_byte_array_new ();

  g_byte_array_append (m, (const guint8[]) { op, 1, 6, 0 }, 4);
  tf_put32 (m, xid);
  tf_put16 (m, 3);
  tf_put16 (m, flags);
  tf_put32 (m, 0);
  tf_put32 (m, yiaddr);
  tf_put32 (m, 0);
  tf_put32 (m, 0);
  g_byte_array_append (m, mac, 16);
  g_byte_array_append (m, zeros, 192);
  if (cookie)
    tf_put32 (m, 0x63825363);
  return m;
}

static void
run (RemoraSession *session, RemoraPacket *pkt, guint32 number, const GByteArray *m, gboolean from_client)
{
  g_autoptr(GByteArray) f = from_client
    ? tf_frame (17, "0.0.0.0", "255.255.255.255", 68, 67, 0, m->data, m->len)
    : tf_frame (17, "192.168.1.1", "192.168.1.100", 67, 68, 0, m->data, m->len);

  tf_dissect (session, pkt, number, number * G_GINT64_CONSTANT (1000000000), f, 1);
}

static void
test_exchange (void)
{
  g_autoptr(RemoraSession) session = remora_session_new ();
  g_autoptr(RemoraPacket) pkt = tf_tree_packet ();
  g_autoptr(GByteArray) disc = bootp (1, 0x1234abcd, 0x8000, 0, TRUE);
  g_autoptr(GByteArray) offer = bootp (2, 0x1234abcd, 0x8000, 0xc0a80164, TRUE);
  g_autoptr(GByteArray) req = bootp (1, 0x1234abcd, 0, 0, TRUE);
  g_autoptr(GByteArray) ack = bootp (2, 0x1234abcd, 0, 0xc0a80164, TRUE);
  static const guint8 prl[] = { 1, 3, 6, 15, 200 };
  static const guint8 ip_req[] = { 192, 168, 1, 100 }, ip_srv[] = { 192, 168, 1, 1 };
  static const guint8 mask[] = { 255, 255, 255, 0 }, dns[] = { 8, 8, 8, 8, 8, 8, 4, 4 };
  static const guint8 lease[] = { 0, 1, 0x51, 0x80 }, infinite[] = { 0xff, 0xff, 0xff, 0xff };
  g_autofree char *host = NULL, *flags = NULL, *lease_label = NULL, *item = NULL, *opt = NULL, *inf = NULL;

  option (disc, 53, "\x01", 1);
  option (disc, 61, "\x01\x00\x11\x22\x33\x44\x55", 7);
  option (disc, 50, ip_req, 4);
  option (disc, 12, "myhost", 6);
  option (disc, 55, prl, sizeof prl);
  option (disc, 200, "\xaa\xbb", 2);
  g_byte_array_append (disc, (const guint8 *) "\xff\0\0\0", 4);
  run (session, pkt, 1, disc, TRUE);
  g_assert_cmpstr (pkt->col_protocol, ==, "DHCP");
  g_assert_cmpstr (pkt->col_info->str, ==, "DHCP Discover - Transaction ID 0x1234abcd");
  g_assert_cmpuint (tf_uint (pkt, "dhcp.option.dhcp", 0), ==, 1);
  host = tf_string (pkt, "dhcp.option.hostname", 0);
  g_assert_cmpstr (host, ==, "myhost");
  flags = tf_label (pkt, "dhcp.flags", 0);
  g_assert_cmpstr (flags, ==, "Bootp flags: 0x8000, Broadcast flag (Broadcast)");
  g_assert_cmpuint (tf_uint (pkt, "dhcp.option.requested_ip_address", 0), ==, 0xc0a80164);
  item = tf_label (pkt, "dhcp.option.request_list_item", 4);
  g_assert_cmpstr (item, ==, "Parameter Request List Item: (200) Unassigned");
  g_assert_true (tf_has_text (pkt, "Option: (53) DHCP Message Type (Discover)"));
  g_assert_true (tf_has_text (pkt, "Option: (50) Requested IP Address (192.168.1.100)"));
  g_assert_true (tf_has_text (pkt, "Option: (200) Unassigned"));
  g_assert_true (tf_has_text (pkt, "Option: (255) End"));
  /* the unknown option's bytes, as data */
  g_assert_cmpuint (remora_packet_get_node (pkt, tf_find (pkt, "dhcp.option.value", 5))->value.bytes.len, ==, 2);
  g_assert_cmpuint (tf_uint (pkt, "dhcp.hw.type", 1), ==, 1);

  option (offer, 53, "\x02", 1);
  option (offer, 54, ip_srv, 4);
  option (offer, 51, lease, 4);
  option (offer, 1, mask, 4);
  option (offer, 3, ip_srv, 4);
  option (offer, 6, dns, 8);
  option (offer, 15, "example.com", 11);
  g_byte_array_append (offer, (const guint8 *) "\xff", 1);
  run (session, pkt, 2, offer, FALSE);
  g_assert_cmpstr (pkt->col_info->str, ==, "DHCP Offer    - Transaction ID 0x1234abcd");
  lease_label = tf_label (pkt, "dhcp.option.ip_address_lease_time", 0);
  g_assert_cmpstr (lease_label, ==, "IP Address Lease Time: (86400s) 1 day");
  g_assert_cmpuint (tf_uint (pkt, "dhcp.option.domain_name_server", 1), ==, 0x08080404);
  g_assert_cmpuint (tf_uint (pkt, "dhcp.option.dhcp_server_id", 0), ==, 0xc0a80101);
  g_assert_cmpuint (tf_uint (pkt, "dhcp.ip.your", 0), ==, 0xc0a80164);

  option (req, 53, "\x03", 1);
  option (req, 50, ip_req, 4);
  g_byte_array_append (req, (const guint8 *) "\xff", 1);
  run (session, pkt, 3, req, TRUE);
  g_assert_cmpstr (pkt->col_info->str, ==, "DHCP Request  - Transaction ID 0x1234abcd");
  opt = tf_label (pkt, "dhcp.flags", 0);
  g_assert_cmpstr (opt, ==, "Bootp flags: 0x0000 (Unicast)");

  option (ack, 53, "\x05", 1);
  option (ack, 51, infinite, 4);
  g_byte_array_append (ack, (const guint8 *) "\xff", 1);
  run (session, pkt, 4, ack, FALSE);
  g_assert_cmpstr (pkt->col_info->str, ==, "DHCP ACK      - Transaction ID 0x1234abcd");
  inf = tf_label (pkt, "dhcp.option.ip_address_lease_time", 0);
  g_assert_cmpstr (inf, ==, "IP Address Lease Time: (4294967295s) infinity");
}

static void
test_option_past_end (void)
{
  g_autoptr(RemoraSession) session = remora_session_new ();
  g_autoptr(RemoraPacket) pkt = tf_tree_packet ();
  g_autoptr(GByteArray) m = bootp (1, 1, 0x8000, 0, TRUE);

  option (m, 53, "\x01", 1);
  /* Host Name says 32 bytes, 3 follow */
  g_byte_array_append (m, (const guint8 *) "\x0c\x20" "abc", 5);
  run (session, pkt, 1, m, TRUE);
  g_assert_cmpstr (pkt->col_info->str, ==, "DHCP Discover - Transaction ID 0x1[Malformed Packet]");
  g_assert_cmpuint (tf_uint (pkt, "dhcp.option.length", 1), ==, 32);
  g_assert_cmpuint (tf_find (pkt, "dhcp.option.hostname", 0), ==, 0);
}

static void
test_bootp (void)
{
  g_autoptr(RemoraSession) session = remora_session_new ();
  g_autoptr(RemoraPacket) pkt = tf_tree_packet ();
  g_autoptr(GByteArray) m = bootp (1, 2, 0x8000, 0, FALSE);
  static const guint8 vend[64];

  g_byte_array_append (m, vend, sizeof vend);
  run (session, pkt, 1, m, TRUE);
  g_assert_cmpstr (pkt->col_protocol, ==, "BOOTP");
  g_assert_true (g_str_has_prefix (pkt->col_info->str, "Boot Request from 00:11:22:33:44:55"));
  g_assert_cmpuint (tf_find (pkt, "dhcp.cookie", 0), ==, 0);
  g_assert_cmpuint (tf_find (pkt, "dhcp.vendor_specific_options", 0), !=, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  remora_dissectors_init ();
  g_test_add_func ("/remora/dissect/dhcp/exchange", test_exchange);
  g_test_add_func ("/remora/dissect/dhcp/option-past-end", test_option_past_end);
  g_test_add_func ("/remora/dissect/dhcp/bootp", test_bootp);
  return g_test_run ();
}
