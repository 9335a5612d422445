/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-dhcpv6"

#include "config.h"

#include "remora-dissectors.h"
#include "remora-format.h"

/* DHCP for IPv6 (RFC 8415) on UDP 546 (client) and 547 (server): the
 * message header (or a relay's), then type-length-value options, some of
 * which nest options of their own.  The common options are decoded; the
 * others show their code and length. */

static int proto_dhcpv6;
static int hf_msgtype, hf_hopcount, hf_linkaddr, hf_peeraddr, hf_xid, hf_option_type, hf_option_length;
static int hf_duid_bytes, hf_duid_type, hf_duidllt_time, hf_duidllt_hwtype, hf_duidllt_lladdr;
static int hf_duidll_hwtype, hf_duidll_lladdr, hf_duiden_enterprise, hf_duiden_identifier, hf_duiduuid_bytes;
static int hf_iaid, hf_iaid_t1, hf_iaid_t2, hf_iaaddr_ip, hf_iaaddr_pref, hf_iaaddr_valid;
static int hf_iaprefix_pref, hf_iaprefix_valid, hf_iaprefix_len, hf_iaprefix_addr;
static int hf_requested_option, hf_preference, hf_elapsed_time, hf_status_code, hf_status_msg;
static int hf_dns_server, hf_sntp_server, hf_search_list_entry, hf_interface_id;

/* relay messages nest whole messages: deep enough for real relay chains */
#define MAX_NESTING 8

enum {
  MSG_RELAY_FORW = 12,
  MSG_RELAY_REPLY = 13,
};

enum {
  OPT_CLIENTID = 1,
  OPT_SERVERID = 2,
  OPT_IA_NA = 3,
  OPT_IA_TA = 4,
  OPT_IAADDR = 5,
  OPT_ORO = 6,
  OPT_PREFERENCE = 7,
  OPT_ELAPSED_TIME = 8,
  OPT_RELAY_MSG = 9,
  OPT_STATUS_CODE = 13,
  OPT_INTERFACE_ID = 18,
  OPT_DNS_SERVERS = 23,
  OPT_DOMAIN_LIST = 24,
  OPT_IA_PD = 25,
  OPT_IAPREFIX = 26,
  OPT_SNTP_SERVERS = 31,
};

static const RemoraValueString msgtype_vals[] = {
  { 1, "Solicit" }, { 2, "Advertise" }, { 3, "Request" }, { 4, "Confirm" }, { 5, "Renew" },
  { 6, "Rebind" }, { 7, "Reply" }, { 8, "Release" }, { 9, "Decline" }, { 10, "Reconfigure" },
  { 11, "Information-request" }, { 12, "Relay-forw" }, { 13, "Relay-reply" }, { 14, "Leasequery" },
  { 15, "Leasequery-reply" }, { 16, "Leasequery-done" }, { 17, "Leasequery-data" },
  { 18, "Reconfigure-request" }, { 19, "Reconfigure-reply" },
  { 0, NULL }
};

static const RemoraValueString option_vals[] = {
  { 1, "Client Identifier" },
  { 2, "Server Identifier" },
  { 3, "Identity Association for Non-temporary Address" },
  { 4, "Identity Association for Temporary Address" },
  { 5, "IA Address" },
  { 6, "Option Request" },
  { 7, "Preference" },
  { 8, "Elapsed time" },
  { 9, "Relay Message" },
  { 11, "Authentication" },
  { 12, "Server unicast" },
  { 13, "Status code" },
  { 14, "Rapid Commit" },
  { 15, "User Class" },
  { 16, "Vendor Class" },
  { 17, "Vendor-specific Information" },
  { 18, "Interface-Id" },
  { 19, "Reconfigure Message" },
  { 20, "Reconfigure Accept" },
  { 21, "SIP Server Domain Name List" },
  { 22, "SIP Servers IPv6 Address List" },
  { 23, "DNS recursive name server" },
  { 24, "Domain Search List" },
  { 25, "Identity Association for Prefix Delegation" },
  { 26, "IA Prefix" },
  { 27, "Network Information Server" },
  { 28, "Network Information Server V2" },
  { 29, "Network Information Server Domain Name" },
  { 30, "Network Information Server V2 Domain Name" },
  { 31, "Simple Network Time Protocol Server" },
  { 32, "Lifetime" },
  { 33, "BCMCS Server Domain" },
  { 34, "BCMCS Servers IPv6 Address List" },
  { 36, "Geoconf Civic Address" },
  { 37, "Remote Identifier" },
  { 38, "Subscriber Identifier" },
  { 39, "Client Fully Qualified Domain Name" },
  { 40, "PANA Agents IPv6 Address List" },
  { 41, "Time Zone" },
  { 42, "Time Zone Database" },
  { 43, "Echo Request Option" },
  { 44, "Leasequery Query" },
  { 45, "Leasequery Client Data" },
  { 46, "Client Last Transaction Time" },
  { 47, "Leasequery Relay Data" },
  { 48, "Leasequery Client Link Address List" },
  { 49, "Home Network Identifier FQDN" },
  { 50, "Visited Home Network Information" },
  { 51, "LoST Server" },
  { 52, "CAPWAP Access Controllers" },
  { 53, "Relay-ID" },
  { 54, "MoS IPv6 Address" },
  { 55, "MoS Domain Name List" },
  { 56, "NTP Server" },
  { 57, "Access Network Domain Name" },
  { 58, "SIP User Agent Configuration Service Domains" },
  { 59, "Boot File URL" },
  { 60, "Boot File Parameters" },
  { 61, "Client System Architecture Type" },
  { 62, "Client Network Interface Identifier" },
  { 63, "Geolocation" },
  { 64, "Dual-Stack Lite AFTR Name" },
  { 65, "ERP Local Domain Name" },
  { 66, "Relay-Supplied Options" },
  { 67, "Prefix Exclude" },
  { 68, "Virtual Subnet Selection" },
  { 69, "Identified Home Network Information" },
  { 70, "Unrestricted Home Network Information" },
  { 71, "Home Network Prefix" },
  { 72, "Home Agent Address" },
  { 73, "Home Agent FQDN" },
  { 74, "RDNSS Selection" },
  { 75, "Kerberos Principal Name" },
  { 76, "Kerberos Realm Name" },
  { 77, "Kerberos Default Realm Name" },
  { 78, "Kerberos KDC" },
  { 79, "Client Link-Layer Address" },
  { 80, "Link Address" },
  { 81, "RADIUS" },
  { 82, "SOL_MAX_RT" },
  { 83, "INF_MAX_RT" },
  { 84, "Address Selection" },
  { 85, "Address Selection table" },
  { 86, "PCP Server" },
  { 87, "DHCPv4 Message" },
  { 88, "DHCP 4o6 Servers Address" },
  { 89, "S46 Rule" },
  { 90, "S46 BR" },
  { 91, "S46 DMR" },
  { 92, "S46 IPv4/IPv6 Address Binding" },
  { 93, "S46 Port Parameters" },
  { 94, "S46 MAP-E Container" },
  { 95, "S46 MAP-T Container" },
  { 96, "S46 Lightweight 4over6 Container" },
  { 97, "4rd Options" },
  { 98, "4rd Mapping Rule" },
  { 99, "4rd Non-Mapping Rule" },
  { 100, "LQ Server Base Time" },
  { 101, "LQ Server Query Start Time" },
  { 102, "LQ Server Query End Time" },
  { 103, "Captive Portal" },
  { 104, "MPL Parameter Configuration" },
  { 105, "Access Technology Type" },
  { 106, "Access Network Name" },
  { 107, "Access Point Name" },
  { 108, "Access Point BSSID" },
  { 109, "Access Network Operator ID" },
  { 110, "Access Network Operator Realm" },
  { 111, "S46 Priority" },
  { 112, "Manufacturer Usage Description" },
  { 113, "IPv4/IPv6 Multicast Prefixes" },
  { 114, "Failover Binding Status" },
  { 115, "Failover Connect Flags" },
  { 116, "Failover DNS Removal Info" },
  { 117, "Failover DNS Hostname" },
  { 118, "Failover DNS Zone Name" },
  { 119, "Failover DNS Flags" },
  { 120, "Failover Expiration Time" },
  { 121, "Failover Maximum Number Unacked BNDUPD Messages" },
  { 122, "Failover Maximum Client Lead Time (MCLT)" },
  { 123, "Failover Partner Lifetime" },
  { 124, "Failover Partner Lifetime Sent" },
  { 125, "Failover Partner Down Time" },
  { 126, "Failover Partner Raw Client Time" },
  { 127, "Failover Protocol Version" },
  { 128, "Failover Keepalive Time" },
  { 129, "Failover Reconfigure Data" },
  { 130, "Failover Relationship Name" },
  { 131, "Failover Server Flags" },
  { 132, "Failover Server State" },
  { 133, "Failover Start Time of State" },
  { 134, "Failover State Expiration Time" },
  { 135, "Relay Source Port" },
  { 136, "SZTP Redirect" },
  { 137, "Softwire Source Binding Prefix Hint" },
  { 143, "ANDSF IPv6 Address" },
  { 165, "Mobile IPv6 Home Agent" },
  { 166, "Mobile IPv6 Home Address" },
  { 167, "Network Access Identifier" },
  { 0, NULL }
};

static const RemoraValueString duid_type_vals[] = {
  { 1, "link-layer address plus time" }, { 2, "assigned by vendor based on Enterprise number" },
  { 3, "link-layer address" }, { 4, "Universally Unique IDentifier (UUID)" },
  { 0, NULL }
};

/* ARP hardware types, the ones DUIDs carry in practice */
static const RemoraValueString hwtype_vals[] = {
  { 0, "NET/ROM pseudo" }, { 1, "Ethernet" }, { 2, "Experimental Ethernet" }, { 3, "AX.25" },
  { 4, "ProNET" }, { 5, "Chaos" }, { 6, "IEEE 802" }, { 7, "ARCNET" }, { 15, "Frame Relay DLCI" },
  { 16, "ATM" }, { 18, "Fibre Channel" }, { 20, "Serial Line" }, { 24, "IEEE 1394.1995" },
  { 27, "EUI-64" }, { 32, "InfiniBand" },
  { 0, NULL }
};

static const RemoraValueString status_code_vals[] = {
  { 0, "Success" }, { 1, "UnspecFail" }, { 2, "NoAddrAvail" }, { 3, "NoBinding" }, { 4, "NotOnLink" },
  { 5, "UseMulticast" }, { 6, "NoPrefixAvail" }, { 7, "UnknownQueryType" }, { 8, "MalformedQuery" },
  { 9, "NotConfigured" }, { 10, "NotAllowed" }, { 11, "QueryTerminated" }, { 12, "DataMissing" },
  { 13, "CatchUpComplete" }, { 14, "NotSupported" }, { 15, "TLSConnectionRefused" },
  { 0, NULL }
};

static RemoraFieldDef dhcpv6_fields[] = {
  { &hf_msgtype, { "Message type", "dhcpv6.msgtype", REMORA_FT_UINT8, REMORA_BASE_DEC, msgtype_vals, 0, NULL } },
  { &hf_hopcount, { "Hopcount", "dhcpv6.hopcount", REMORA_FT_UINT8, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_linkaddr, { "Link address", "dhcpv6.linkaddr", REMORA_FT_IPv6, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_peeraddr, { "Peer address", "dhcpv6.peeraddr", REMORA_FT_IPv6, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_xid, { "Transaction ID", "dhcpv6.xid", REMORA_FT_UINT24, REMORA_BASE_HEX, NULL, 0, NULL } },
  { &hf_option_type, { "Option", "dhcpv6.option.type", REMORA_FT_UINT16, REMORA_BASE_DEC, option_vals, 0, NULL } },
  { &hf_option_length, { "Length", "dhcpv6.option.length", REMORA_FT_UINT16, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_duid_bytes, { "DUID", "dhcpv6.duid.bytes", REMORA_FT_BYTES, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_duid_type, { "DUID Type", "dhcpv6.duid.type", REMORA_FT_UINT16, REMORA_BASE_DEC, duid_type_vals, 0, NULL } },
  { &hf_duidllt_time, { "DUID Time", "dhcpv6.duidllt.time", REMORA_FT_ABSOLUTE_TIME, REMORA_ABSOLUTE_TIME_UTC,
                        NULL, 0, NULL } },
  { &hf_duidllt_lladdr, { "Link-layer address", "dhcpv6.duidllt.link_layer_addr", REMORA_FT_STRING,
                          REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_duidllt_hwtype, { "Hardware type", "dhcpv6.duidllt.hwtype", REMORA_FT_UINT16, REMORA_BASE_DEC, hwtype_vals, 0,
                          "DUID LLT Hardware Type" } },
  { &hf_duidll_hwtype, { "Hardware type", "dhcpv6.duidll.hwtype", REMORA_FT_UINT16, REMORA_BASE_DEC, hwtype_vals, 0,
                         "DUID LL Hardware Type" } },
  { &hf_duiden_enterprise, { "Enterprise ID", "dhcpv6.duiden.enterprise", REMORA_FT_UINT32, REMORA_BASE_DEC, NULL, 0,
                             "DUID EN Enterprise Number" } },
  { &hf_duiden_identifier, { "Identifier", "dhcpv6.duiden.identifier", REMORA_FT_BYTES, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_duidll_lladdr, { "Link-layer address", "dhcpv6.duidll.link_layer_addr", REMORA_FT_STRING, REMORA_BASE_NONE,
                         NULL, 0, NULL } },
  { &hf_duiduuid_bytes, { "UUID", "dhcpv6.duiduuid.bytes", REMORA_FT_BYTES, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_iaid, { "IAID", "dhcpv6.iaid", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_iaid_t1, { "T1", "dhcpv6.iaid.t1", REMORA_FT_UINT32, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_iaid_t2, { "T2", "dhcpv6.iaid.t2", REMORA_FT_UINT32, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_iaaddr_ip, { "IPv6 address", "dhcpv6.iaaddr.ip", REMORA_FT_IPv6, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_iaaddr_pref, { "Preferred lifetime", "dhcpv6.iaaddr.pref_lifetime", REMORA_FT_UINT32, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_iaaddr_valid, { "Valid lifetime", "dhcpv6.iaaddr.valid_lifetime", REMORA_FT_UINT32, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_iaprefix_pref, { "Preferred lifetime", "dhcpv6.iaprefix.pref_lifetime", REMORA_FT_UINT32, REMORA_BASE_DEC,
                         NULL, 0, NULL } },
  { &hf_iaprefix_valid, { "Valid lifetime", "dhcpv6.iaprefix.valid_lifetime", REMORA_FT_UINT32, REMORA_BASE_DEC,
                          NULL, 0, NULL } },
  { &hf_iaprefix_len, { "Prefix length", "dhcpv6.iaprefix.pref_len", REMORA_FT_UINT8, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_iaprefix_addr, { "Prefix address", "dhcpv6.iaprefix.pref_addr", REMORA_FT_IPv6, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_requested_option, { "Requested Option code", "dhcpv6.requested_option_code", REMORA_FT_UINT16, REMORA_BASE_DEC,
                            option_vals, 0, NULL } },
  { &hf_preference, { "Pref-value", "dhcpv6.option_preference", REMORA_FT_UINT8, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_elapsed_time, { "Elapsed time", "dhcpv6.elapsed_time", REMORA_FT_UINT16, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_status_code, { "Status Code", "dhcpv6.status_code", REMORA_FT_UINT16, REMORA_BASE_DEC, status_code_vals, 0, NULL } },
  { &hf_status_msg, { "Status Message", "dhcpv6.status_msg", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_dns_server, { "DNS server address", "dhcpv6.dns_server", REMORA_FT_IPv6, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_sntp_server, { "SNTP server address", "dhcpv6.sntp_server", REMORA_FT_IPv6, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_search_list_entry, { "List entry", "dhcpv6.search_list_entry", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_interface_id, { "Interface-ID", "dhcpv6.interface_id", REMORA_FT_BYTES, REMORA_BASE_NONE, NULL, 0, NULL } },
};

static const char *
name_or (const RemoraValueString *vs, guint64 v, const char *dflt)
{
  const char *s = remora_value_string_lookup (vs, v);

  return s != NULL ? s : dflt;
}

static void dissect_options (const RemoraTvb *tvb, RemoraPacket *pkt, RemoraItem tree,
                             guint32 offset, guint32 end, guint depth, gboolean top);
static void dissect_message (const RemoraTvb *tvb, RemoraPacket *pkt, RemoraItem tree, guint depth);

/* A link-layer address as colon-separated hex, as a string field. */
static void
add_lladdr (const RemoraTvb *tvb, RemoraPacket *pkt, RemoraItem tree, int hf, guint32 offset, guint32 len)
{
  GString *s;

  if (len == 0 || !remora_wants (pkt, hf))
    {
      remora_tvb_ensure (tvb, offset, len);
      return;
    }
  s = g_string_sized_new (len * 3);
  for (guint32 i = 0; i < len; i++)
    g_string_append_printf (s, i ? ":%02x" : "%02x", remora_tvb_get_u8 (tvb, offset + i));
  remora_add_string (pkt, tree, hf, tvb, offset, len, s->str, (gssize) s->len);
  g_string_free (s, TRUE);
}

/* INFO: the client's DUID of the top-level message, which the Info
 * column shows in hex. */
static void
dissect_duid (const RemoraTvb *tvb, RemoraPacket *pkt, RemoraItem tree, guint32 offset, guint32 len,
              gboolean info)
{
  guint16 type;

  remora_add_item (pkt, tree, hf_duid_bytes, tvb, offset, len, REMORA_ENC_NA);
  if (info && pkt->want_columns)
    {
      GString *s = g_string_sized_new (len * 2 + 8);

      for (guint32 i = 0; i < len; i++)
        g_string_append_printf (s, "%02x", remora_tvb_get_u8 (tvb, offset + i));
      remora_col_append_info (pkt, "CID: %s ", s->str);
      g_string_free (s, TRUE);
    }
  if (len < 2)
    return;
  type = remora_tvb_get_ntohs (tvb, offset);
  remora_add_item (pkt, tree, hf_duid_type, tvb, offset, 2, REMORA_ENC_BIG_ENDIAN);
  switch (type)
    {
    case 1:
      if (len >= 8)
        {
          /* seconds since midnight (UTC), January 1, 2000 */
          gint64 secs = (gint64) remora_tvb_get_ntohl (tvb, offset + 4) + G_GINT64_CONSTANT (946684800);

          remora_add_item (pkt, tree, hf_duidllt_hwtype, tvb, offset + 2, 2, REMORA_ENC_BIG_ENDIAN);
          remora_add_time (pkt, tree, hf_duidllt_time, tvb, offset + 4, 4, secs * 1000000000);
          add_lladdr (tvb, pkt, tree, hf_duidllt_lladdr, offset + 8, len - 8);
        }
      break;
    case 2:
      if (len >= 6)
        {
          remora_add_item (pkt, tree, hf_duiden_enterprise, tvb, offset + 2, 4, REMORA_ENC_BIG_ENDIAN);
          if (len > 6)
            remora_add_item (pkt, tree, hf_duiden_identifier, tvb, offset + 6, len - 6, REMORA_ENC_NA);
        }
      break;
    case 3:
      if (len >= 4)
        {
          remora_add_item (pkt, tree, hf_duidll_hwtype, tvb, offset + 2, 2, REMORA_ENC_BIG_ENDIAN);
          add_lladdr (tvb, pkt, tree, hf_duidll_lladdr, offset + 4, len - 4);
        }
      break;
    case 4:
      if (len == 18)
        remora_add_item (pkt, tree, hf_duiduuid_bytes, tvb, offset + 2, 16, REMORA_ENC_NA);
      break;
    default:
      break;
    }
}

/* A list of uncompressed DNS names (RFC 1035 3.1), each shown with its
 * final dot when it ends at the root label. */
static void
dissect_domain_list (const RemoraTvb *tvb, RemoraPacket *pkt, RemoraItem tree, guint32 offset, guint32 end)
{
  RemoraItem list = remora_add_text (pkt, tree, tvb, offset, end - offset, "Domain name suffix search list");

  if (pkt->tree_mode == FALSE && !remora_wants (pkt, hf_search_list_entry))
    return;
  while (offset < end)
    {
      GString *name = g_string_new (NULL);
      guint32 start = offset;

      while (offset < end)
        {
          guint8 llen = remora_tvb_get_u8 (tvb, offset);

          offset++;
          if (llen == 0)
            {
              g_string_append_c (name, '.');
              break;
            }
          if (name->len > 0)
            g_string_append_c (name, '.');
          for (guint i = 0; i < llen && offset < end; i++, offset++)
            {
              guint8 c = remora_tvb_get_u8 (tvb, offset);

              g_string_append_c (name, g_ascii_isprint (c) ? (char) c : '\\');
            }
        }
      remora_add_string (pkt, list, hf_search_list_entry, tvb, start, offset - start, name->str, (gssize) name->len);
      g_string_free (name, TRUE);
    }
}

static void
dissect_option (const RemoraTvb *tvb,
                RemoraPacket    *pkt,
                RemoraItem       parent,
                guint32          offset,
                guint16          code,
                guint16          len,
                guint            depth,
                gboolean         top)
{
  guint32 end = offset + 4 + len;
  guint32 v = offset + 4;
  RemoraItem tree;

  tree = remora_add_text (pkt, parent, tvb, offset, 4 + len, "%s", name_or (option_vals, code, "Unknown"));
  remora_add_item (pkt, tree, hf_option_type, tvb, offset, 2, REMORA_ENC_BIG_ENDIAN);
  remora_add_item (pkt, tree, hf_option_length, tvb, offset + 2, 2, REMORA_ENC_BIG_ENDIAN);
  remora_tvb_ensure (tvb, v, len);

  switch (code)
    {
    case OPT_CLIENTID:
    case OPT_SERVERID:
      if (len > 0)
        dissect_duid (tvb, pkt, tree, v, len, code == OPT_CLIENTID && top);
      break;
    case OPT_IA_NA:
    case OPT_IA_PD:
      if (len >= 12)
        {
          char iaid[9];

          g_snprintf (iaid, sizeof iaid, "%08x", remora_tvb_get_ntohl (tvb, v));
          remora_add_string (pkt, tree, hf_iaid, tvb, v, 4, iaid, 8);
          remora_add_item (pkt, tree, hf_iaid_t1, tvb, v + 4, 4, REMORA_ENC_BIG_ENDIAN);
          remora_add_item (pkt, tree, hf_iaid_t2, tvb, v + 8, 4, REMORA_ENC_BIG_ENDIAN);
          dissect_options (tvb, pkt, tree, v + 12, end, depth + 1, top);
        }
      break;
    case OPT_IA_TA:
      if (len >= 4)
        {
          char iaid[9];

          g_snprintf (iaid, sizeof iaid, "%08x", remora_tvb_get_ntohl (tvb, v));
          remora_add_string (pkt, tree, hf_iaid, tvb, v, 4, iaid, 8);
          dissect_options (tvb, pkt, tree, v + 4, end, depth + 1, top);
        }
      break;
    case OPT_IAADDR:
      if (len >= 24)
        {
          const guint8 *a = remora_tvb_get_ptr (tvb, v, 16);

          remora_add_ipv6 (pkt, tree, hf_iaaddr_ip, tvb, v, 16, a);
          remora_add_item (pkt, tree, hf_iaaddr_pref, tvb, v + 16, 4, REMORA_ENC_BIG_ENDIAN);
          remora_add_item (pkt, tree, hf_iaaddr_valid, tvb, v + 20, 4, REMORA_ENC_BIG_ENDIAN);
          if (top && pkt->want_columns)
            {
              GString *s = g_string_new (NULL);

              remora_format_ipv6 (a, s);
              remora_col_append_info (pkt, "IAA: %s ", s->str);
              g_string_free (s, TRUE);
            }
          dissect_options (tvb, pkt, tree, v + 24, end, depth + 1, top);
        }
      break;
    case OPT_IAPREFIX:
      if (len >= 25)
        {
          remora_add_item (pkt, tree, hf_iaprefix_pref, tvb, v, 4, REMORA_ENC_BIG_ENDIAN);
          remora_add_item (pkt, tree, hf_iaprefix_valid, tvb, v + 4, 4, REMORA_ENC_BIG_ENDIAN);
          remora_add_item (pkt, tree, hf_iaprefix_len, tvb, v + 8, 1, REMORA_ENC_BIG_ENDIAN);
          remora_add_ipv6 (pkt, tree, hf_iaprefix_addr, tvb, v + 9, 16, remora_tvb_get_ptr (tvb, v + 9, 16));
          dissect_options (tvb, pkt, tree, v + 25, end, depth + 1, top);
        }
      break;
    case OPT_ORO:
      for (guint32 o = v; o + 2 <= end; o += 2)
        remora_add_item (pkt, tree, hf_requested_option, tvb, o, 2, REMORA_ENC_BIG_ENDIAN);
      break;
    case OPT_PREFERENCE:
      if (len == 1)
        remora_add_item (pkt, tree, hf_preference, tvb, v, 1, REMORA_ENC_BIG_ENDIAN);
      break;
    case OPT_ELAPSED_TIME:
      if (len == 2)
        {
          /* sent in hundredths of a second, the field holds milliseconds */
          guint32 ms = remora_tvb_get_ntohs (tvb, v) * 10u;
          RemoraItem ti = remora_add_uint (pkt, tree, hf_elapsed_time, tvb, v, 2, ms);

          remora_item_set_text (pkt, ti, "Elapsed time: %ums", ms);
        }
      break;
    case OPT_RELAY_MSG:
      if (len > 0 && depth < MAX_NESTING)
        {
          RemoraTvb inner;

          remora_tvb_subset_length (&inner, tvb, v, len);
          dissect_message (&inner, pkt, tree, depth + 1);
        }
      break;
    case OPT_STATUS_CODE:
      if (len >= 2)
        {
          remora_add_item (pkt, tree, hf_status_code, tvb, v, 2, REMORA_ENC_BIG_ENDIAN);
          if (len > 2)
            remora_add_item (pkt, tree, hf_status_msg, tvb, v + 2, len - 2u, REMORA_ENC_ASCII);
        }
      break;
    case OPT_INTERFACE_ID:
      if (len > 0)
        remora_add_item (pkt, tree, hf_interface_id, tvb, v, len, REMORA_ENC_NA);
      break;
    case OPT_DNS_SERVERS:
    case OPT_SNTP_SERVERS:
      for (guint32 o = v; o + 16 <= end; o += 16)
        remora_add_ipv6 (pkt, tree, code == OPT_DNS_SERVERS ? hf_dns_server : hf_sntp_server, tvb, o, 16,
                         remora_tvb_get_ptr (tvb, o, 16));
      break;
    case OPT_DOMAIN_LIST:
      if (len > 0)
        dissect_domain_list (tvb, pkt, tree, v, end);
      break;
    default:
      break;
    }
}

static void
dissect_options (const RemoraTvb *tvb,
                 RemoraPacket    *pkt,
                 RemoraItem       tree,
                 guint32          offset,
                 guint32          end,
                 guint            depth,
                 gboolean         top)
{
  if (depth > MAX_NESTING)
    return;
  /* every option takes at least 4 bytes, so this loop ends */
  while (offset + 4 <= end)
    {
      guint16 code = remora_tvb_get_ntohs (tvb, offset);
      guint16 len = remora_tvb_get_ntohs (tvb, offset + 2);

      if (offset + 4 + len > end)
        {
          RemoraItem ti = remora_add_text (pkt, tree, tvb, offset, end - offset, "%s",
                                           name_or (option_vals, code, "Unknown"));

          remora_add_item (pkt, ti, hf_option_type, tvb, offset, 2, REMORA_ENC_BIG_ENDIAN);
          remora_add_item (pkt, ti, hf_option_length, tvb, offset + 2, 2, REMORA_ENC_BIG_ENDIAN);
          remora_add_expert (pkt, ti, tvb, offset + 2, 2, "Error", "Malformed", "Option length %u goes past the end", len);
          return;
        }
      dissect_option (tvb, pkt, tree, offset, code, len, depth, top);
      offset += 4u + len;
    }
}

/* One message: the top-level one fills the Info column, a relayed one
 * (inside a Relay Message option) only the tree. */
static void
dissect_message (const RemoraTvb *tvb,
                 RemoraPacket    *pkt,
                 RemoraItem       tree,
                 guint            depth)
{
  guint8 msgtype = remora_tvb_get_u8 (tvb, 0);
  guint32 end = remora_tvb_reported_remaining (tvb, 0);
  gboolean top = depth == 0;

  remora_add_item (pkt, tree, hf_msgtype, tvb, 0, 1, REMORA_ENC_BIG_ENDIAN);
  if (msgtype == MSG_RELAY_FORW || msgtype == MSG_RELAY_REPLY)
    {
      remora_add_item (pkt, tree, hf_hopcount, tvb, 1, 1, REMORA_ENC_BIG_ENDIAN);
      remora_add_ipv6 (pkt, tree, hf_linkaddr, tvb, 2, 16, remora_tvb_get_ptr (tvb, 2, 16));
      remora_add_ipv6 (pkt, tree, hf_peeraddr, tvb, 18, 16, remora_tvb_get_ptr (tvb, 18, 16));
      if (top)
        remora_col_add_info (pkt, "%s ", name_or (msgtype_vals, msgtype, "Unknown"));
      dissect_options (tvb, pkt, tree, 34, end, depth, FALSE);
      return;
    }
  remora_add_item (pkt, tree, hf_xid, tvb, 1, 3, REMORA_ENC_BIG_ENDIAN);
  if (top)
    remora_col_add_info (pkt, "%s XID: 0x%06x ", name_or (msgtype_vals, msgtype, "Unknown"),
                         remora_tvb_get_ntoh24 (tvb, 1));
  dissect_options (tvb, pkt, tree, 4, end, depth, top);
}

static int
dissect_dhcpv6 (const RemoraTvb *tvb,
                RemoraPacket    *pkt,
                RemoraItem       parent,
                void            *data)
{
  RemoraItem tree;

  (void) data;
  remora_col_set_protocol (pkt, "DHCPv6");
  remora_col_clear_info (pkt);
  tree = remora_add_protocol (pkt, parent, proto_dhcpv6, tvb, 0, remora_tvb_captured_remaining (tvb, 0));
  dissect_message (tvb, pkt, tree, 0);
  return (int) MAX (remora_tvb_captured_remaining (tvb, 0), 1u);
}

void
remora_register_dhcpv6 (void)
{
  proto_dhcpv6 = remora_proto_register ("DHCPv6", "DHCPv6", "dhcpv6");
  remora_fields_register (proto_dhcpv6, dhcpv6_fields, G_N_ELEMENTS (dhcpv6_fields));
  remora_dissector_register ("dhcpv6", proto_dhcpv6, dissect_dhcpv6);
}

void
remora_handoff_dhcpv6 (void)
{
  RemoraDissector *d = remora_dissector_find ("dhcpv6");

  remora_table_add_uint ("udp.port", 546, d);
  remora_table_add_uint ("udp.port", 547, d);
}
