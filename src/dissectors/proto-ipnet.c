/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-ipnet"

#include "config.h"

#include "remora-dissectors.h"

/* Solaris ipnet observability devices (LINKTYPE_IPNET, 226): a fixed
 * 24-byte big-endian header in front of an IPv4 or IPv6 packet.  The
 * header's family uses Solaris's own AF_* numbers, not the BSD ones. */

#define IPNET_HEADER_LEN 24

#define SOLARIS_AF_INET  2
#define SOLARIS_AF_INET6 26

static int proto_ipnet;
static int hf_ipnet_version;
static int hf_ipnet_family;
static int hf_ipnet_htype;
static int hf_ipnet_pktlen;
static int hf_ipnet_ifindex;
static int hf_ipnet_grifindex;
static int hf_ipnet_zsrc;
static int hf_ipnet_zdst;

static const RemoraValueString ipnet_family_vals[] = {
  { SOLARIS_AF_INET, "Solaris AF_INET" },
  { SOLARIS_AF_INET6, "Solaris AF_INET6" },
  { 0, NULL }
};

static const RemoraValueString ipnet_htype_vals[] = {
  { 0, "Inbound" },
  { 1, "Outbound" },
  { 2, "Local" },
  { 0, NULL }
};

static RemoraFieldDef ipnet_fields[] = {
  { &hf_ipnet_version, { "Header version", "ipnet.version", REMORA_FT_UINT8, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_ipnet_family, { "Address family", "ipnet.family", REMORA_FT_UINT8, REMORA_BASE_DEC, ipnet_family_vals, 0, NULL } },
  { &hf_ipnet_htype, { "Hook type", "ipnet.htype", REMORA_FT_UINT16, REMORA_BASE_DEC, ipnet_htype_vals, 0, NULL } },
  { &hf_ipnet_pktlen, { "Data length", "ipnet.pktlen", REMORA_FT_UINT32, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_ipnet_ifindex, { "Interface index", "ipnet.ifindex", REMORA_FT_UINT32, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_ipnet_grifindex, { "Group interface index", "ipnet.grifindex", REMORA_FT_UINT32, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_ipnet_zsrc, { "Source Zone ID", "ipnet.zsrc", REMORA_FT_UINT32, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_ipnet_zdst, { "Destination Zone ID", "ipnet.zdst", REMORA_FT_UINT32, REMORA_BASE_DEC, NULL, 0, NULL } },
};

static int
dissect_ipnet (const RemoraTvb *tvb,
               RemoraPacket    *pkt,
               RemoraItem       tree,
               void            *data)
{
  RemoraItem ti;
  RemoraTvb next;
  guint16 etype = 0;

  remora_col_set_protocol (pkt, "IPNET");
  remora_col_clear_info (pkt);

  ti = remora_add_protocol (pkt, tree, proto_ipnet, tvb, 0, IPNET_HEADER_LEN);
  remora_add_item (pkt, ti, hf_ipnet_version, tvb, 0, 1, REMORA_ENC_BIG_ENDIAN);
  remora_add_item (pkt, ti, hf_ipnet_family, tvb, 1, 1, REMORA_ENC_BIG_ENDIAN);
  remora_add_item (pkt, ti, hf_ipnet_htype, tvb, 2, 2, REMORA_ENC_BIG_ENDIAN);
  remora_add_item (pkt, ti, hf_ipnet_pktlen, tvb, 4, 4, REMORA_ENC_BIG_ENDIAN);
  remora_add_item (pkt, ti, hf_ipnet_ifindex, tvb, 8, 4, REMORA_ENC_BIG_ENDIAN);
  remora_add_item (pkt, ti, hf_ipnet_grifindex, tvb, 12, 4, REMORA_ENC_BIG_ENDIAN);
  remora_add_item (pkt, ti, hf_ipnet_zsrc, tvb, 16, 4, REMORA_ENC_BIG_ENDIAN);
  remora_add_item (pkt, ti, hf_ipnet_zdst, tvb, 20, 4, REMORA_ENC_BIG_ENDIAN);

  switch (remora_tvb_get_u8 (tvb, 1))
    {
    case SOLARIS_AF_INET:
      etype = 0x0800;
      break;
    case SOLARIS_AF_INET6:
      etype = 0x86dd;
      break;
    default:
      break;
    }

  /* The packet is whatever follows the header; the header's data length
   * does not cut it short. */
  remora_tvb_subset_remaining (&next, tvb, IPNET_HEADER_LEN);
  if (etype == 0 || remora_table_try_uint ("ethertype", etype, &next, pkt, tree, NULL) <= 0)
    remora_call_data (&next, pkt, tree);
  return (int) MAX (tvb->captured, 1u);
}

void
remora_register_ipnet (void)
{
  proto_ipnet = remora_proto_register ("Solaris IPNET", "IPNET", "ipnet");
  remora_fields_register (proto_ipnet, ipnet_fields, G_N_ELEMENTS (ipnet_fields));
  remora_dissector_register ("ipnet", proto_ipnet, dissect_ipnet);
}

void
remora_handoff_ipnet (void)
{
  remora_table_add_uint ("link_type", 226, remora_dissector_find ("ipnet"));
}
