/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-arcnet"

#include "config.h"

#include "remora-dissectors.h"

/* ARCNET as libpcap captures it: LINKTYPE_ARCNET_LINUX (source, destination,
 * a 2-byte offset, protocol ID) and LINKTYPE_ARCNET_BSD (no offset).  The
 * RFC 1201 protocol IDs carry a split flag and a sequence number for
 * fragmentation; the RFC 1051 ones do not. */

static int proto_arcnet;
static int hf_src, hf_dst, hf_offset, hf_protid, hf_split_flag, hf_exception_flag, hf_sequence, hf_padding;

static RemoraDissector *ip_handle, *arp_handle, *ipv6_handle;

enum {
  ARCNET_PROTO_IP_1051 = 0xf0,
  ARCNET_PROTO_ARP_1051 = 0xf1,
  ARCNET_PROTO_IP_1201 = 0xd4,
  ARCNET_PROTO_ARP_1201 = 0xd5,
  ARCNET_PROTO_RARP_1201 = 0xd6,
  ARCNET_PROTO_IPv6 = 0xc4,
  ARCNET_PROTO_DIAGNOSE = 0x80,
  ARCNET_PROTO_BACNET = 0xcd,
};

static const RemoraValueString protid_vals[] = {
  { 0xf0, "RFC 1051 IP" }, { 0xf1, "RFC 1051 ARP" }, { 0xd4, "RFC 1201 IP" }, { 0xd5, "RFC 1201 ARP" },
  { 0xd6, "RFC 1201 RARP" }, { 0xfa, "IPX" }, { 0xec, "Novell of some sort" }, { 0xc4, "IPv6" },
  { 0xe8, "Encapsulated Ethernet" }, { 0x00, "Datapoint boot" }, { 0x01, "Datapoint mount" },
  { 0x08, "PowerLAN beacon" }, { 0xf3, "PowerLAN beacon2" }, { 0xdd, "Appletalk" }, { 0xf7, "Banyan VINES" },
  { 0x80, "Diagnose" }, { 0xcd, "BACnet" },
  { 0, NULL }
};

static RemoraFieldDef arcnet_fields[] = {
  { &hf_src, { "Source", "arcnet.src", REMORA_FT_UINT8, REMORA_BASE_HEX, NULL, 0, "Source ID" } },
  { &hf_dst, { "Dest", "arcnet.dst", REMORA_FT_UINT8, REMORA_BASE_HEX, NULL, 0, "Dest ID" } },
  { &hf_offset, { "Offset", "arcnet.offset", REMORA_FT_BYTES, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_protid, { "Protocol ID", "arcnet.protID", REMORA_FT_UINT8, REMORA_BASE_HEX, protid_vals, 0, "Proto type" } },
  { &hf_split_flag, { "Split Flag", "arcnet.split_flag", REMORA_FT_UINT8, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_exception_flag, { "Exception Flag", "arcnet.exception_flag", REMORA_FT_UINT8, REMORA_BASE_HEX, NULL, 0, NULL } },
  { &hf_sequence, { "Sequence", "arcnet.sequence", REMORA_FT_UINT16, REMORA_BASE_DEC, NULL, 0, "Sequence number" } },
  { &hf_padding, { "Padding", "arcnet.padding", REMORA_FT_UINT16, REMORA_BASE_HEX, NULL, 0, NULL } },
};

static void
set_address (RemoraAddress *addr, guint8 id)
{
  char text[8];

  g_snprintf (text, sizeof text, "0x%02x", id);
  remora_address_set (addr, REMORA_AT_STRING, text, 4);
}

static int
dissect_arcnet_common (const RemoraTvb *tvb,
                       RemoraPacket    *pkt,
                       RemoraItem       parent,
                       gboolean         has_offset)
{
  guint8 src = remora_tvb_get_u8 (tvb, 0);
  guint8 dst = remora_tvb_get_u8 (tvb, 1);
  guint32 offset = 2;
  guint8 protid;
  RemoraDissector *next_handle = NULL;
  RemoraItem tree;
  RemoraTvb next;

  remora_col_set_protocol (pkt, "ARCNET");
  remora_col_clear_info (pkt);
  set_address (&pkt->dl_src, src);
  set_address (&pkt->dl_dst, dst);
  pkt->src = pkt->dl_src;
  pkt->dst = pkt->dl_dst;

  tree = remora_add_protocol (pkt, parent, proto_arcnet, tvb, 0, 0);
  remora_add_item (pkt, tree, hf_src, tvb, 0, 1, REMORA_ENC_BIG_ENDIAN);
  remora_add_item (pkt, tree, hf_dst, tvb, 1, 1, REMORA_ENC_BIG_ENDIAN);
  if (has_offset)
    {
      remora_add_item (pkt, tree, hf_offset, tvb, offset, 2, REMORA_ENC_NA);
      offset += 2;
    }
  protid = remora_tvb_get_u8 (tvb, offset);
  remora_add_item (pkt, tree, hf_protid, tvb, offset, 1, REMORA_ENC_BIG_ENDIAN);
  offset++;

  switch (protid)
    {
    case ARCNET_PROTO_IP_1051:
    case ARCNET_PROTO_ARP_1051:
    case ARCNET_PROTO_DIAGNOSE:
    case ARCNET_PROTO_BACNET:
      /* no fragmentation header */
      break;
    default:
      {
        guint8 split = remora_tvb_get_u8 (tvb, offset);

        if (split == 0xff)
          {
            /* an exception packet repeats the protocol ID after padding */
            remora_add_item (pkt, tree, hf_exception_flag, tvb, offset, 1, REMORA_ENC_BIG_ENDIAN);
            remora_add_item (pkt, tree, hf_padding, tvb, offset + 1, 2, REMORA_ENC_BIG_ENDIAN);
            remora_add_item (pkt, tree, hf_protid, tvb, offset + 3, 1, REMORA_ENC_BIG_ENDIAN);
            offset += 4;
          }
        remora_add_item (pkt, tree, hf_split_flag, tvb, offset, 1, REMORA_ENC_BIG_ENDIAN);
        remora_add_item (pkt, tree, hf_sequence, tvb, offset + 1, 2, REMORA_ENC_BIG_ENDIAN);
        offset += 3;
      }
      break;
    }
  remora_item_set_len (pkt, tree, offset);

  switch (protid)
    {
    case ARCNET_PROTO_IP_1051:
    case ARCNET_PROTO_IP_1201:
      next_handle = ip_handle;
      break;
    case ARCNET_PROTO_ARP_1051:
    case ARCNET_PROTO_ARP_1201:
    case ARCNET_PROTO_RARP_1201:
      next_handle = arp_handle;
      break;
    case ARCNET_PROTO_IPv6:
      next_handle = ipv6_handle;
      break;
    default:
      break;
    }
  remora_tvb_subset_remaining (&next, tvb, offset);
  if (next_handle == NULL || remora_call_dissector (next_handle, &next, pkt, parent, NULL) == 0)
    remora_call_data (&next, pkt, parent);
  return (int) MAX (remora_tvb_captured_remaining (tvb, 0), 1u);
}

static int
dissect_arcnet_linux (const RemoraTvb *tvb, RemoraPacket *pkt, RemoraItem tree, void *data)
{
  (void) data;
  return dissect_arcnet_common (tvb, pkt, tree, TRUE);
}

static int
dissect_arcnet_bsd (const RemoraTvb *tvb, RemoraPacket *pkt, RemoraItem tree, void *data)
{
  (void) data;
  return dissect_arcnet_common (tvb, pkt, tree, FALSE);
}

void
remora_register_arcnet (void)
{
  proto_arcnet = remora_proto_register ("ARCNET", "ARCNET", "arcnet");
  remora_fields_register (proto_arcnet, arcnet_fields, G_N_ELEMENTS (arcnet_fields));
  remora_dissector_register ("arcnet_linux", proto_arcnet, dissect_arcnet_linux);
  remora_dissector_register ("arcnet", proto_arcnet, dissect_arcnet_bsd);
}

void
remora_handoff_arcnet (void)
{
  remora_table_add_uint ("link_type", 129, remora_dissector_find ("arcnet_linux"));
  remora_table_add_uint ("link_type", 7, remora_dissector_find ("arcnet"));
  ip_handle = remora_dissector_find ("ip");
  arp_handle = remora_dissector_find ("arp");
  ipv6_handle = remora_dissector_find ("ipv6");
}
