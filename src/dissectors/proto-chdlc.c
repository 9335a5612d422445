/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-chdlc"

#include "config.h"

#include "remora-dissectors.h"

/* Cisco HDLC framing (LINKTYPE_C_HDLC): address, control and an Ethernet
 * type; and SLARP, Cisco's serial-line address resolution and keepalive
 * protocol, which only travels in it. */

static int proto_chdlc, proto_slarp;
static int hf_address, hf_control, hf_protocol;
static int hf_slarp_ptype, hf_slarp_address, hf_slarp_netmask, hf_slarp_mysequence, hf_slarp_yoursequence;
static int hf_slarp_reliability;

static RemoraDissector *slarp_handle;

#define CHDLC_PROTO_SLARP 0x8035

enum {
  SLARP_REQUEST = 0,
  SLARP_REPLY = 1,
  SLARP_LINECHECK = 2,
};

static const RemoraValueString address_vals[] = {
  { 0x0f, "Unicast" }, { 0x8f, "Multicast" },
  { 0, NULL }
};

static const RemoraValueString protocol_vals[] = {
  { 0x2000, "Cisco Discovery Protocol" },
  { 0x0800, "IP" },
  { 0x86dd, "IPv6" },
  { 0x8035, "SLARP" },
  { 0x8038, "DEC LanBridge" },
  { 0x4242, "Spanning Tree BPDU" },
  { 0x809b, "Appletalk" },
  { 0x80f3, "AARP" },
  { 0x8137, "Netware IPX/SPX" },
  { 0x6558, "Transparent Ethernet bridging" },
  { 0xfefe, "OSI" },
  { 0x8847, "MPLS unicast" },
  { 0x8848, "MPLS multicast" },
  { 0, NULL }
};

static const RemoraValueString slarp_ptype_vals[] = {
  { SLARP_REQUEST, "Request" }, { SLARP_REPLY, "Reply" }, { SLARP_LINECHECK, "Line keepalive" },
  { 0, NULL }
};

static RemoraFieldDef chdlc_fields[] = {
  { &hf_address, { "Address", "chdlc.address", REMORA_FT_UINT8, REMORA_BASE_HEX, address_vals, 0, NULL } },
  { &hf_control, { "Control", "chdlc.control", REMORA_FT_UINT8, REMORA_BASE_HEX, NULL, 0, NULL } },
  { &hf_protocol, { "Protocol", "chdlc.protocol", REMORA_FT_UINT16, REMORA_BASE_HEX, protocol_vals, 0, NULL } },
};

static RemoraFieldDef slarp_fields[] = {
  { &hf_slarp_ptype, { "Packet type", "slarp.ptype", REMORA_FT_UINT32, REMORA_BASE_DEC, slarp_ptype_vals, 0, NULL } },
  { &hf_slarp_address, { "Address", "slarp.address", REMORA_FT_IPv4, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_slarp_netmask, { "Netmask", "slarp.netmask", REMORA_FT_IPv4, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_slarp_mysequence, { "Outgoing sequence number", "slarp.mysequence", REMORA_FT_UINT32, REMORA_BASE_DEC,
                            NULL, 0, NULL } },
  { &hf_slarp_yoursequence, { "Returned sequence number", "slarp.yoursequence", REMORA_FT_UINT32, REMORA_BASE_DEC,
                              NULL, 0, NULL } },
  { &hf_slarp_reliability, { "Reliability", "slarp.reliability", REMORA_FT_UINT16, REMORA_BASE_HEX, NULL, 0, NULL } },
};

static int
dissect_slarp (const RemoraTvb *tvb,
               RemoraPacket    *pkt,
               RemoraItem       parent,
               void            *data)
{
  guint32 ptype = remora_tvb_get_ntohl (tvb, 0);
  RemoraItem tree;

  (void) data;
  remora_col_set_protocol (pkt, "SLARP");
  remora_col_clear_info (pkt);
  tree = remora_add_protocol (pkt, parent, proto_slarp, tvb, 0, remora_tvb_captured_remaining (tvb, 0));
  remora_add_item (pkt, tree, hf_slarp_ptype, tvb, 0, 4, REMORA_ENC_BIG_ENDIAN);

  switch (ptype)
    {
    case SLARP_REQUEST:
    case SLARP_REPLY:
      {
        guint32 addr = remora_tvb_get_ntohl (tvb, 4);
        guint32 mask = remora_tvb_get_ntohl (tvb, 8);

        remora_add_ipv4 (pkt, tree, hf_slarp_address, tvb, 4, 4, addr);
        remora_add_ipv4 (pkt, tree, hf_slarp_netmask, tvb, 8, 4, mask);
        remora_col_add_info (pkt, "%s, from %u.%u.%u.%u, mask %u.%u.%u.%u",
                             ptype == SLARP_REQUEST ? "Request" : "Reply",
                             addr >> 24, (addr >> 16) & 0xff, (addr >> 8) & 0xff, addr & 0xff,
                             mask >> 24, (mask >> 16) & 0xff, (mask >> 8) & 0xff, mask & 0xff);
      }
      break;
    case SLARP_LINECHECK:
      {
        guint32 mine = remora_tvb_get_ntohl (tvb, 4);
        guint32 yours = remora_tvb_get_ntohl (tvb, 8);

        remora_add_item (pkt, tree, hf_slarp_mysequence, tvb, 4, 4, REMORA_ENC_BIG_ENDIAN);
        remora_add_item (pkt, tree, hf_slarp_yoursequence, tvb, 8, 4, REMORA_ENC_BIG_ENDIAN);
        remora_col_add_info (pkt, "Line keepalive, outgoing sequence %u, returned sequence %u", mine, yours);
        /* older implementations stop before the reliability word */
        if (remora_tvb_reported_remaining (tvb, 12) >= 2)
          {
            guint16 rel = remora_tvb_get_ntohs (tvb, 12);
            RemoraItem ti = remora_add_item (pkt, tree, hf_slarp_reliability, tvb, 12, 2, REMORA_ENC_BIG_ENDIAN);

            if (rel != 0xffff)
              remora_add_expert (pkt, ti, tvb, 12, 2, "Error", "Malformed", "Reliability must be 0xFFFF");
          }
      }
      break;
    default:
      remora_col_add_info (pkt, "Unknown packet type 0x%08X", ptype);
      break;
    }
  return (int) MAX (remora_tvb_captured_remaining (tvb, 0), 1u);
}

static int
dissect_chdlc (const RemoraTvb *tvb,
               RemoraPacket    *pkt,
               RemoraItem       parent,
               void            *data)
{
  guint16 proto;
  RemoraItem tree;
  RemoraTvb next;

  (void) data;
  remora_col_set_protocol (pkt, "CHDLC");
  remora_col_clear_info (pkt);
  /* the link has no addresses: the columns say so as Wireshark's do */
  remora_address_set (&pkt->dl_src, REMORA_AT_STRING, "N/A", 3);
  remora_address_set (&pkt->dl_dst, REMORA_AT_STRING, "N/A", 3);
  pkt->src = pkt->dl_src;
  pkt->dst = pkt->dl_dst;

  tree = remora_add_protocol (pkt, parent, proto_chdlc, tvb, 0, 4);
  remora_add_item (pkt, tree, hf_address, tvb, 0, 1, REMORA_ENC_BIG_ENDIAN);
  remora_add_item (pkt, tree, hf_control, tvb, 1, 1, REMORA_ENC_BIG_ENDIAN);
  proto = remora_tvb_get_ntohs (tvb, 2);
  remora_add_item (pkt, tree, hf_protocol, tvb, 2, 2, REMORA_ENC_BIG_ENDIAN);

  remora_tvb_subset_remaining (&next, tvb, 4);
  /* SLARP shares 0x8035 with RARP in the ethertype table: ours first */
  if (proto == CHDLC_PROTO_SLARP)
    remora_call_dissector (slarp_handle, &next, pkt, parent, NULL);
  else if (remora_table_try_uint ("ethertype", proto, &next, pkt, parent, NULL) == 0)
    remora_call_data (&next, pkt, parent);
  return (int) MAX (remora_tvb_captured_remaining (tvb, 0), 1u);
}

void
remora_register_chdlc (void)
{
  proto_chdlc = remora_proto_register ("Cisco HDLC", "CHDLC", "chdlc");
  remora_fields_register (proto_chdlc, chdlc_fields, G_N_ELEMENTS (chdlc_fields));
  remora_dissector_register ("chdlc", proto_chdlc, dissect_chdlc);

  proto_slarp = remora_proto_register ("Cisco SLARP", "SLARP", "slarp");
  remora_fields_register (proto_slarp, slarp_fields, G_N_ELEMENTS (slarp_fields));
  slarp_handle = remora_dissector_register ("slarp", proto_slarp, dissect_slarp);
}

void
remora_handoff_chdlc (void)
{
  /* LINKTYPE_C_HDLC */
  remora_table_add_uint ("link_type", 104, remora_dissector_find ("chdlc"));
}
