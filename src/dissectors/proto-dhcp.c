/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-dhcp"

#include "config.h"

#include "remora-dissectors.h"

#include "remora-format.h"

/* BOOTP (RFC 951) and DHCP (RFC 2131/2132) on UDP 67/68.  A message with
 * the magic cookie carries options; one with option 53 is DHCP, the rest
 * is shown as BOOTP, as Wireshark does. */

static int proto_dhcp;
static int hf_type, hf_hw_type, hf_hw_len, hf_hops, hf_id, hf_secs, hf_flags, hf_flags_bc, hf_flags_reserved;
static int hf_ip_client, hf_ip_your, hf_ip_server, hf_ip_relay, hf_hw_mac_addr, hf_hw_addr, hf_hw_addr_padding;
static int hf_server, hf_file, hf_cookie, hf_vendor_specific, hf_bootp;
static int hf_option_type, hf_option_length, hf_option_value, hf_option_padding, hf_option_end;
static int hf_opt_subnet_mask, hf_opt_router, hf_opt_dns, hf_opt_hostname, hf_opt_domain_name;
static int hf_opt_requested_ip, hf_opt_lease_time, hf_opt_dhcp, hf_opt_server_id, hf_opt_request_item;
static int hf_opt_max_size, hf_opt_renewal, hf_opt_rebinding, hf_opt_vendor_class, hf_client_id_type, hf_client_id_undef;

static const RemoraValueString type_vals[] = {
  { 1, "Boot Request" }, { 2, "Boot Reply" }, { 0, NULL }
};

static const RemoraValueString hw_type_vals[] = {
  { 0, "NET/ROM pseudo" }, { 1, "Ethernet" }, { 2, "Experimental Ethernet" }, { 3, "AX.25" },
  { 4, "ProNET" }, { 5, "Chaos" }, { 6, "IEEE 802" }, { 7, "ARCNET" }, { 0, NULL }
};

static const RemoraValueString msg_type_vals[] = {
  { 1, "Discover" }, { 2, "Offer" }, { 3, "Request" }, { 4, "Decline" }, { 5, "ACK" }, { 6, "NAK" },
  { 7, "Release" }, { 8, "Inform" }, { 9, "Force Renew" }, { 10, "Lease query" },
  { 11, "Lease Unassigned" }, { 12, "Lease Unknown" }, { 13, "Lease Active" },
  { 14, "Bulk Lease Query" }, { 15, "Lease Query Done" }, { 16, "Active LeaseQuery" },
  { 17, "Lease Query Status" }, { 18, "TLS" }, { 0, NULL }
};

static const RemoraValueString option_names[] = {
  { 0, "Padding" }, { 1, "Subnet Mask" }, { 2, "Time Offset" }, { 3, "Router" }, { 4, "Time Server" },
  { 5, "Name Server" }, { 6, "Domain Name Server" }, { 7, "Log Server" }, { 8, "Quotes Server" },
  { 9, "LPR Server" }, { 10, "Impress Server" }, { 11, "Resource Location Server" }, { 12, "Host Name" },
  { 13, "Boot File Size" }, { 14, "Merit Dump File" }, { 15, "Domain Name" }, { 16, "Swap Server" },
  { 17, "Root Path" }, { 18, "Extensions Path" }, { 19, "IP Forwarding" },
  { 23, "Default IP Time-to-Live" }, { 26, "Interface MTU" }, { 28, "Broadcast Address" },
  { 31, "Perform Router Discover" }, { 33, "Static Route" }, { 35, "ARP Cache Timeout" },
  { 40, "Network Information Service Domain" }, { 41, "Network Information Service Servers" },
  { 42, "Network Time Protocol Servers" }, { 43, "Vendor-Specific Information" },
  { 44, "NetBIOS over TCP/IP Name Server" }, { 45, "NetBIOS over TCP/IP Datagram Distribution Name Server" },
  { 46, "NetBIOS over TCP/IP Node Type" }, { 47, "NetBIOS over TCP/IP Scope" },
  { 50, "Requested IP Address" }, { 51, "IP Address Lease Time" }, { 52, "Option Overload" },
  { 53, "DHCP Message Type" }, { 54, "DHCP Server Identifier" }, { 55, "Parameter Request List" },
  { 56, "Message" }, { 57, "Maximum DHCP Message Size" }, { 58, "Renewal Time Value" },
  { 59, "Rebinding Time Value" }, { 60, "Vendor class identifier" }, { 61, "Client identifier" },
  { 66, "TFTP Server Name" }, { 67, "Bootfile name" }, { 77, "User Class Information" },
  { 81, "Client Fully Qualified Domain Name" }, { 82, "Agent Information Option" },
  { 91, "Client last transaction time" }, { 92, "Associated IP option" }, { 101, "TCode" },
  { 108, "IPv6-Only Preferred" }, { 116, "DHCP Auto-Configuration" }, { 119, "Domain Search" },
  { 121, "Classless Static Route" }, { 145, "Forcerenew Nonce Capable" },
  { 161, "Manufacturer Usage Description" }, { 252, "Private/Proxy autodiscovery" },
  { 255, "End" }, { 0, NULL }
};

static const RemoraTrueFalse tfs_broadcast = { "Broadcast", "Unicast" };

static RemoraFieldDef dhcp_fields[] = {
  { &hf_type, { "Message type", "dhcp.type", REMORA_FT_UINT8, REMORA_BASE_DEC, type_vals, 0, NULL } },
  { &hf_hw_type, { "Hardware type", "dhcp.hw.type", REMORA_FT_UINT8, REMORA_BASE_HEX, hw_type_vals, 0, NULL } },
  { &hf_hw_len, { "Hardware address length", "dhcp.hw.len", REMORA_FT_UINT8, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_hops, { "Hops", "dhcp.hops", REMORA_FT_UINT8, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_id, { "Transaction ID", "dhcp.id", REMORA_FT_UINT32, REMORA_BASE_HEX, NULL, 0, NULL } },
  { &hf_secs, { "Seconds elapsed", "dhcp.secs", REMORA_FT_UINT16, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_flags, { "Bootp flags", "dhcp.flags", REMORA_FT_UINT16, REMORA_BASE_HEX, NULL, 0, NULL } },
  { &hf_flags_bc, { "Broadcast flag", "dhcp.flags.bc", REMORA_FT_BOOLEAN, 16, &tfs_broadcast, 0x8000, NULL } },
  { &hf_flags_reserved, { "Reserved flags", "dhcp.flags.reserved", REMORA_FT_UINT16, REMORA_BASE_HEX, NULL, 0x7fff, NULL } },
  { &hf_ip_client, { "Client IP address", "dhcp.ip.client", REMORA_FT_IPv4, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_ip_your, { "Your (client) IP address", "dhcp.ip.your", REMORA_FT_IPv4, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_ip_server, { "Next server IP address", "dhcp.ip.server", REMORA_FT_IPv4, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_ip_relay, { "Relay agent IP address", "dhcp.ip.relay", REMORA_FT_IPv4, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_hw_addr, { "Client hardware address", "dhcp.hw.addr", REMORA_FT_BYTES, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_hw_addr_padding, { "Client hardware address padding", "dhcp.hw.addr_padding", REMORA_FT_BYTES, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_hw_mac_addr, { "Client MAC address", "dhcp.hw.mac_addr", REMORA_FT_ETHER, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_server, { "Server host name", "dhcp.server", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_file, { "Boot file name", "dhcp.file", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_cookie, { "Magic cookie", "dhcp.cookie", REMORA_FT_IPv4, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_vendor_specific, { "Bootp vendor specific options", "dhcp.vendor_specific_options", REMORA_FT_BYTES, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_bootp, { "Frame is BOOTP", "dhcp.bootp", REMORA_FT_BOOLEAN, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_option_type, { "Option", "dhcp.option.type", REMORA_FT_UINT8, REMORA_BASE_DEC, NULL, 0, "DHCP/BOOTP option type" } },
  { &hf_option_length, { "Length", "dhcp.option.length", REMORA_FT_UINT8, REMORA_BASE_DEC, NULL, 0, "DHCP/BOOTP option length" } },
  { &hf_option_value, { "Value", "dhcp.option.value", REMORA_FT_BYTES, REMORA_BASE_NONE, NULL, 0, "DHCP/BOOTP option value" } },
  { &hf_option_padding, { "Padding", "dhcp.option.padding", REMORA_FT_BYTES, REMORA_BASE_NONE, NULL, 0, "Option 0: Padding" } },
  { &hf_opt_subnet_mask, { "Subnet Mask", "dhcp.option.subnet_mask", REMORA_FT_IPv4, REMORA_BASE_NONE, NULL, 0, "Option 1: Subnet Mask" } },
  { &hf_opt_router, { "Router", "dhcp.option.router", REMORA_FT_IPv4, REMORA_BASE_NONE, NULL, 0, "Option 3: Router" } },
  { &hf_opt_dns, { "Domain Name Server", "dhcp.option.domain_name_server", REMORA_FT_IPv4, REMORA_BASE_NONE, NULL, 0,
                   "Option 6: Domain Name Server" } },
  { &hf_opt_hostname, { "Host Name", "dhcp.option.hostname", REMORA_FT_STRINGZ, REMORA_BASE_NONE, NULL, 0, "Option 12: Host Name" } },
  { &hf_opt_domain_name, { "Domain Name", "dhcp.option.domain_name", REMORA_FT_STRINGZ, REMORA_BASE_NONE, NULL, 0,
                           "Option 15: Domain Name" } },
  { &hf_opt_requested_ip, { "Requested IP Address", "dhcp.option.requested_ip_address", REMORA_FT_IPv4, REMORA_BASE_NONE,
                            NULL, 0, "Option 50: Requested IP Address" } },
  { &hf_opt_lease_time, { "IP Address Lease Time", "dhcp.option.ip_address_lease_time", REMORA_FT_UINT32, REMORA_BASE_DEC,
                          NULL, 0, "Option 51: IP Address Lease Time" } },
  { &hf_opt_dhcp, { "DHCP", "dhcp.option.dhcp", REMORA_FT_UINT8, REMORA_BASE_DEC, msg_type_vals, 0, "Option 53: DHCP option" } },
  { &hf_opt_server_id, { "DHCP Server Identifier", "dhcp.option.dhcp_server_id", REMORA_FT_IPv4, REMORA_BASE_NONE, NULL, 0,
                         "Option 54: DHCP Server Identifier" } },
  { &hf_opt_request_item, { "Parameter Request List Item", "dhcp.option.request_list_item", REMORA_FT_UINT8, REMORA_BASE_DEC,
                            NULL, 0, "Option 55: Parameter Request List Item" } },
  { &hf_opt_max_size, { "Maximum DHCP Message Size", "dhcp.option.dhcp_max_message_size", REMORA_FT_UINT16, REMORA_BASE_DEC,
                        NULL, 0, "Option 57: Maximum DHCP Message Size" } },
  { &hf_opt_renewal, { "Renewal Time Value", "dhcp.option.renewal_time_value", REMORA_FT_UINT32, REMORA_BASE_DEC, NULL, 0,
                       "Option 58: Renewal Time Value" } },
  { &hf_opt_rebinding, { "Rebinding Time Value", "dhcp.option.rebinding_time_value", REMORA_FT_UINT32, REMORA_BASE_DEC, NULL, 0,
                         "Option 59: Rebinding Time Value" } },
  { &hf_opt_vendor_class, { "Vendor class identifier", "dhcp.option.vendor_class_id", REMORA_FT_STRINGZ, REMORA_BASE_NONE,
                            NULL, 0, "Option 60: Vendor class identifier" } },
  { &hf_client_id_type, { "Type", "dhcp.client_id.type", REMORA_FT_UINT8, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_client_id_undef, { "Client Identifier", "dhcp.client_id.undef", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_option_end, { "Option End", "dhcp.option.end", REMORA_FT_UINT8, REMORA_BASE_DEC, NULL, 0, "Option 255: End" } },
};

static const char *
option_name (guint8 code)
{
  const char *name = remora_value_string_lookup (option_names, code);

  if (name != NULL)
    return name;
  return code >= 224 ? "Private" : "Unassigned";
}

/* "(86400s) 1 day", Wireshark's form for the time options. */
static void
set_time_text (RemoraPacket *pkt, RemoraItem it, const char *label, guint32 secs)
{
  static const struct { guint32 size; const char *unit; } units[] = {
    { 86400, "day" }, { 3600, "hour" }, { 60, "minute" }, { 1, "second" },
  };
  GString *s;
  guint32 left = secs;

  if (it == 0 || !pkt->tree_mode)
    return;
  s = g_string_new (NULL);
  g_string_printf (s, "%s: (%us) ", label, secs);
  if (secs == 0xffffffffu)
    g_string_append (s, "infinity");
  else if (secs == 0)
    g_string_append (s, "0 seconds");
  else
    {
      gboolean any = FALSE;
      for (gsize i = 0; i < G_N_ELEMENTS (units); i++)
        {
          guint32 n = left / units[i].size;
          left %= units[i].size;
          if (n == 0)
            continue;
          g_string_append_printf (s, "%s%u %s%s", any ? ", " : "", n, units[i].unit, n == 1 ? "" : "s");
          any = TRUE;
        }
    }
  remora_item_set_text (pkt, it, "%s", s->str);
  g_string_free (s, TRUE);
}

static void
append_ipv4_text (RemoraPacket *pkt, RemoraItem it, guint32 addr)
{
  GString *s;

  if (it == 0 || !pkt->tree_mode)
    return;
  s = g_string_new (NULL);
  remora_format_ipv4 (addr, s);
  remora_item_append_text (pkt, it, " (%s)", s->str);
  g_string_free (s, TRUE);
}

/* Option 53 without throwing, so the summary is known before a broken
 * option further on ends the dissection.  -1 when absent. */
static int
find_message_type (const RemoraTvb *tvb, guint32 off)
{
  for (guint guard = 0; guard < 256 && remora_tvb_bytes_exist (tvb, off, 1); guard++)
    {
      guint8 code = remora_tvb_get_u8 (tvb, off);

      if (code == 255)
        break;
      if (code == 0)
        {
          off++;
          continue;
        }
      if (!remora_tvb_bytes_exist (tvb, off, 2))
        break;
      if (code == 53 && remora_tvb_get_u8 (tvb, off + 1) >= 1 && remora_tvb_bytes_exist (tvb, off + 2, 1))
        return remora_tvb_get_u8 (tvb, off + 2);
      off += 2u + remora_tvb_get_u8 (tvb, off + 1);
    }
  return -1;
}

static void
dissect_option (const RemoraTvb *tvb, RemoraPacket *pkt, RemoraItem tree, guint32 off, guint8 code, guint8 len)
{
  guint32 v = off + 2;
  RemoraItem ot, it;
  const char *name = option_name (code);

  ot = remora_add_uint (pkt, tree, hf_option_type, tvb, off, 2u + len, code);
  remora_item_set_text (pkt, ot, "Option: (%u) %s", code, name);
  remora_add_item (pkt, ot, hf_option_length, tvb, off + 1, 1, REMORA_ENC_BIG_ENDIAN);
  it = remora_add_item (pkt, ot, hf_option_value, tvb, v, len, REMORA_ENC_NA);

  switch (code)
    {
    case 1: case 3: case 6: case 50: case 54:
      if (len % 4 == 0 && len > 0)
        {
          int hf = code == 1 ? hf_opt_subnet_mask : code == 3 ? hf_opt_router : code == 6 ? hf_opt_dns
                 : code == 50 ? hf_opt_requested_ip : hf_opt_server_id;

          remora_item_set_hidden (pkt, it);
          for (guint32 i = 0; i < len; i += 4)
            remora_add_item (pkt, ot, hf, tvb, v + i, 4, REMORA_ENC_BIG_ENDIAN);
          if (len == 4 && code != 3 && code != 6)
            append_ipv4_text (pkt, ot, remora_tvb_get_ntohl (tvb, v));
        }
      break;
    case 12: case 15: case 60:
      remora_item_set_hidden (pkt, it);
      remora_add_item (pkt, ot, code == 12 ? hf_opt_hostname : code == 15 ? hf_opt_domain_name : hf_opt_vendor_class,
                       tvb, v, len, REMORA_ENC_ASCII);
      break;
    case 51: case 58: case 59:
      if (len == 4)
        {
          int hf = code == 51 ? hf_opt_lease_time : code == 58 ? hf_opt_renewal : hf_opt_rebinding;

          remora_item_set_hidden (pkt, it);
          it = remora_add_item (pkt, ot, hf, tvb, v, 4, REMORA_ENC_BIG_ENDIAN);
          set_time_text (pkt, it, name, remora_tvb_get_ntohl (tvb, v));
        }
      break;
    case 53:
      if (len == 1)
        {
          guint8 t = remora_tvb_get_u8 (tvb, v);
          const char *tn = remora_value_string_lookup (msg_type_vals, t);

          remora_item_set_hidden (pkt, it);
          remora_add_item (pkt, ot, hf_opt_dhcp, tvb, v, 1, REMORA_ENC_BIG_ENDIAN);
          if (tn != NULL)
            remora_item_append_text (pkt, ot, " (%s)", tn);
          else
            remora_item_append_text (pkt, ot, " (Unknown Message Type (0x%02x))", t);
        }
      break;
    case 55:
      remora_item_set_hidden (pkt, it);
      for (guint32 i = 0; i < len; i++)
        {
          guint8 item = remora_tvb_get_u8 (tvb, v + i);
          RemoraItem ri = remora_add_item (pkt, ot, hf_opt_request_item, tvb, v + i, 1, REMORA_ENC_BIG_ENDIAN);
          remora_item_set_text (pkt, ri, "Parameter Request List Item: (%u) %s", item, option_name (item));
        }
      break;
    case 57:
      if (len == 2)
        {
          remora_item_set_hidden (pkt, it);
          remora_add_item (pkt, ot, hf_opt_max_size, tvb, v, 2, REMORA_ENC_BIG_ENDIAN);
        }
      break;
    case 61:
      if (len > 0)
        {
          guint8 htype = remora_tvb_get_u8 (tvb, v);

          remora_item_set_hidden (pkt, it);
          if (len == 7 && htype == 1)
            {
              remora_add_item (pkt, ot, hf_hw_type, tvb, v, 1, REMORA_ENC_BIG_ENDIAN);
              remora_add_ether (pkt, ot, hf_hw_mac_addr, tvb, v + 1, 6, remora_tvb_get_ptr (tvb, v + 1, 6));
            }
          else
            {
              remora_add_item (pkt, ot, hf_client_id_type, tvb, v, 1, REMORA_ENC_BIG_ENDIAN);
              if (len > 1)
                remora_add_item (pkt, ot, hf_client_id_undef, tvb, v + 1, len - 1u, REMORA_ENC_ASCII);
            }
        }
      break;
    default:
      break;
    }
}

/* sname and file: NUL-padded text in a fixed-size field. */
static void
add_fixed_string (const RemoraTvb *tvb, RemoraPacket *pkt, RemoraItem tree, int hf,
                  guint32 off, guint32 size, const char *empty)
{
  const guint8 *p = remora_tvb_get_ptr (tvb, off, size);
  const guint8 *nul = memchr (p, 0, size);
  guint32 len = nul != NULL ? (guint32) (nul - p) : size;

  if (len == 0)
    remora_add_text (pkt, tree, tvb, off, size, "%s", empty);
  else
    remora_add_string (pkt, tree, hf, tvb, off, size, (const char *) p, len);
}

static int
dissect_dhcp (const RemoraTvb *tvb,
              RemoraPacket    *pkt,
              RemoraItem       parent,
              void            *data)
{
  guint32 reported = remora_tvb_reported_remaining (tvb, 0);
  gboolean cols = pkt->want_columns && pkt->in_error_pkt == 0;
  guint8 op, htype, hlen;
  guint16 flags;
  guint32 xid, off;
  gboolean has_cookie;
  int msg_type = -1;
  RemoraItem tree, it;
  const char *tn = NULL;

  (void) data;
  op = remora_tvb_get_u8 (tvb, 0);
  xid = remora_tvb_bytes_exist (tvb, 4, 4) ? remora_tvb_get_ntohl (tvb, 4) : 0;
  has_cookie = remora_tvb_bytes_exist (tvb, 236, 4) && remora_tvb_get_ntohl (tvb, 236) == 0x63825363u;
  if (has_cookie)
    msg_type = find_message_type (tvb, 240);

  tree = remora_add_protocol (pkt, parent, proto_dhcp, tvb, 0, reported);
  if (msg_type >= 0)
    {
      tn = remora_value_string_lookup (msg_type_vals, (guint) msg_type);
      remora_col_set_protocol (pkt, "DHCP");
      if (cols)
        {
          remora_col_clear_info (pkt);
          if (tn != NULL)
            remora_col_add_info (pkt, "DHCP %-8s - Transaction ID 0x%x", tn, xid);
          else
            remora_col_add_info (pkt, "DHCP Unknown Message Type (0x%02x) - Transaction ID 0x%x", msg_type, xid);
        }
      if (tn != NULL)
        remora_item_append_text (pkt, tree, " (%s)", tn);
      else
        remora_item_append_text (pkt, tree, " (Unknown Message Type (0x%02x))", msg_type);
    }
  else
    {
      remora_col_set_protocol (pkt, "BOOTP");
      if (cols)
        {
          remora_col_clear_info (pkt);
          if (op == 1 && remora_tvb_bytes_exist (tvb, 28, 6))
            {
              GString *s = g_string_new (NULL);
              remora_format_ether (remora_tvb_get_ptr (tvb, 28, 6), s);
              remora_col_add_info (pkt, "Boot Request from %s", s->str);
              g_string_free (s, TRUE);
            }
          else if (op == 2)
            remora_col_set_info (pkt, "Boot Reply");
          else
            remora_col_add_info (pkt, "Unknown BOOTP message type (%u)", op);
        }
    }

  remora_add_item (pkt, tree, hf_type, tvb, 0, 1, REMORA_ENC_BIG_ENDIAN);
  htype = remora_tvb_get_u8 (tvb, 1);
  remora_add_item (pkt, tree, hf_hw_type, tvb, 1, 1, REMORA_ENC_BIG_ENDIAN);
  hlen = remora_tvb_get_u8 (tvb, 2);
  remora_add_item (pkt, tree, hf_hw_len, tvb, 2, 1, REMORA_ENC_BIG_ENDIAN);
  remora_add_item (pkt, tree, hf_hops, tvb, 3, 1, REMORA_ENC_BIG_ENDIAN);
  remora_add_item (pkt, tree, hf_id, tvb, 4, 4, REMORA_ENC_BIG_ENDIAN);
  remora_add_item (pkt, tree, hf_secs, tvb, 8, 2, REMORA_ENC_BIG_ENDIAN);
  flags = remora_tvb_get_ntohs (tvb, 10);
  it = remora_add_item (pkt, tree, hf_flags, tvb, 10, 2, REMORA_ENC_BIG_ENDIAN);
  remora_item_append_text (pkt, it, "%s (%s)", (flags & 0x8000) ? ", Broadcast flag" : "",
                           (flags & 0x8000) ? "Broadcast" : "Unicast");
  remora_add_item (pkt, it, hf_flags_bc, tvb, 10, 2, REMORA_ENC_BIG_ENDIAN);
  remora_add_item (pkt, it, hf_flags_reserved, tvb, 10, 2, REMORA_ENC_BIG_ENDIAN);
  remora_add_item (pkt, tree, hf_ip_client, tvb, 12, 4, REMORA_ENC_BIG_ENDIAN);
  remora_add_item (pkt, tree, hf_ip_your, tvb, 16, 4, REMORA_ENC_BIG_ENDIAN);
  remora_add_item (pkt, tree, hf_ip_server, tvb, 20, 4, REMORA_ENC_BIG_ENDIAN);
  remora_add_item (pkt, tree, hf_ip_relay, tvb, 24, 4, REMORA_ENC_BIG_ENDIAN);
  if (htype == 1 && hlen == 6)
    {
      remora_add_ether (pkt, tree, hf_hw_mac_addr, tvb, 28, 6, remora_tvb_get_ptr (tvb, 28, 6));
      remora_add_item (pkt, tree, hf_hw_addr_padding, tvb, 34, 10, REMORA_ENC_NA);
    }
  else if (hlen > 0 && hlen <= 16)
    {
      remora_add_item (pkt, tree, hf_hw_addr, tvb, 28, hlen, REMORA_ENC_NA);
      if (hlen < 16)
        remora_add_item (pkt, tree, hf_hw_addr_padding, tvb, 28u + hlen, 16u - hlen, REMORA_ENC_NA);
    }
  else
    remora_add_item (pkt, tree, hf_hw_addr, tvb, 28, 16, REMORA_ENC_NA);

  add_fixed_string (tvb, pkt, tree, hf_server, 44, 64, "Server host name not given");
  add_fixed_string (tvb, pkt, tree, hf_file, 108, 128, "Boot file name not given");

  if (!has_cookie)
    {
      /* RFC 951's vendor area is 64 bytes: shorter is malformed */
      remora_add_item (pkt, tree, hf_vendor_specific, tvb, 236, 64, REMORA_ENC_NA);
      return (int) reported;
    }

  it = remora_add_item (pkt, tree, hf_cookie, tvb, 236, 4, REMORA_ENC_BIG_ENDIAN);
  remora_item_set_text (pkt, it, "Magic cookie: DHCP");

  off = 240;
  while (off < reported)
    {
      guint8 code = remora_tvb_get_u8 (tvb, off);

      if (code == 255)
        {
          RemoraItem et = remora_add_uint (pkt, tree, hf_option_type, tvb, off, 1, 0);

          remora_item_set_text (pkt, et, "Option: (255) End");
          remora_add_item (pkt, et, hf_option_end, tvb, off, 1, REMORA_ENC_BIG_ENDIAN);
          off++;
          if (off < reported)
            remora_add_item (pkt, tree, hf_option_padding, tvb, off, reported - off, REMORA_ENC_NA);
          break;
        }
      if (code == 0)
        {
          /* A run of pad options shows as one item. */
          guint32 start = off;

          while (off < reported && remora_tvb_get_u8 (tvb, off) == 0)
            off++;
          remora_add_item (pkt, tree, hf_option_padding, tvb, start, off - start, REMORA_ENC_NA);
          continue;
        }
      {
        guint8 len = remora_tvb_get_u8 (tvb, off + 1);

        dissect_option (tvb, pkt, tree, off, code, len);
        off += 2u + len;
      }
    }
  return (int) reported;
}

void
remora_register_dhcp (void)
{
  proto_dhcp = remora_proto_register ("Dynamic Host Configuration Protocol", "DHCP/BOOTP", "dhcp");
  remora_fields_register (proto_dhcp, dhcp_fields, G_N_ELEMENTS (dhcp_fields));
  remora_dissector_register ("dhcp", proto_dhcp, dissect_dhcp);
}

void
remora_handoff_dhcp (void)
{
  RemoraDissector *d = remora_dissector_find ("dhcp");

  remora_table_add_uint ("udp.port", 67, d);
  remora_table_add_uint ("udp.port", 68, d);
}
