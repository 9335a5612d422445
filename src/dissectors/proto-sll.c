/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-sll"

#include "config.h"

#include "proto-arp.h"

#include "proto-eth.h"

/* Linux "cooked" captures (the "any" device): v1 (LINKTYPE_LINUX_SLL,
 * 113) and v2 (LINKTYPE_LINUX_SLL2, 276). */

#define SLL_HEADER_LEN  16
#define SLL2_HEADER_LEN 20
#define SLL_ADDR_LEN    8
#define ARPHRD_ETHER    1
#define ARPHRD_IEEE802  6
#define ARPHRD_LOOPBACK 772
#define ARPHRD_IPGRE    778
#define ARPHRD_NETLINK  824

static int proto_sll;
static int hf_sll_pkttype;
static int hf_sll_hatype;
static int hf_sll_halen;
static int hf_sll_src_eth;
static int hf_sll_src_ipv4;
static int hf_sll_src_other;
static int hf_sll_unused;
static int hf_sll_ltype;
static int hf_sll_gretype;
static int hf_sll_etype;
static int hf_sll_trailer;
static int hf_sll_ifindex;

static RemoraDissector *ethertype_handle;

static const RemoraValueString pkttype_vals[] = {
  { 0, "Unicast to us" },
  { 1, "Broadcast" },
  { 2, "Multicast" },
  { 3, "Unicast to another host" },
  { 4, "Sent by us" },
  { 0, NULL }
};

static const RemoraValueString ltype_vals[] = {
  { 0x0001, "Raw 802.3" },
  { 0x0003, "Ethernet" },
  { 0x0004, "802.2 LLC" },
  { 0x0007, "PPP (HDLC)" },
  { 0x000c, "CAN" },
  { 0x000d, "CAN FD" },
  { 0x0017, "IrDA LAP" },
  { 0x00f5, "ISI" },
  { 0x00f6, "IEEE 802.15.4" },
  { 0, NULL }
};

static RemoraFieldDef sll_fields[] = {
  { &hf_sll_pkttype, { "Packet type", "sll.pkttype", REMORA_FT_UINT16, REMORA_BASE_DEC, pkttype_vals, 0, NULL } },
  { &hf_sll_hatype, { "Link-layer address type", "sll.hatype", REMORA_FT_UINT16, REMORA_BASE_DEC, remora_arp_hrd_vals, 0, NULL } },
  { &hf_sll_halen, { "Link-layer address length", "sll.halen", REMORA_FT_UINT16, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_sll_src_eth, { "Source", "sll.src.eth", REMORA_FT_ETHER, REMORA_BASE_NONE, NULL, 0, "Source link-layer address" } },
  { &hf_sll_src_ipv4, { "Source", "sll.src.ipv4", REMORA_FT_IPv4, REMORA_BASE_NONE, NULL, 0, "Source link-layer address" } },
  { &hf_sll_src_other, { "Source", "sll.src.other", REMORA_FT_BYTES, REMORA_BASE_NONE, NULL, 0, "Source link-layer address" } },
  { &hf_sll_unused, { "Unused", "sll.unused", REMORA_FT_BYTES, REMORA_BASE_NONE, NULL, 0, "Unused bytes" } },
  { &hf_sll_ltype, { "Protocol", "sll.ltype", REMORA_FT_UINT16, REMORA_BASE_HEX, ltype_vals, 0, "Linux protocol type" } },
  { &hf_sll_gretype, { "Protocol", "sll.gretype", REMORA_FT_UINT16, REMORA_BASE_HEX, remora_etype_vals, 0, "GRE protocol type" } },
  { &hf_sll_etype, { "Protocol", "sll.etype", REMORA_FT_UINT16, REMORA_BASE_HEX, remora_etype_vals, 0, "Ethernet protocol type" } },
  { &hf_sll_trailer, { "Trailer", "sll.trailer", REMORA_FT_BYTES, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_sll_ifindex, { "Interface index", "sll.ifindex", REMORA_FT_UINT32, REMORA_BASE_DEC, NULL, 0, NULL } },
};

/* The source address (its field depends on the hardware type) and the
 * unused rest of the 8-byte address slot at OFFSET. */
static void
add_source (const RemoraTvb *tvb,
            RemoraPacket    *pkt,
            RemoraItem       tree,
            guint32          offset,
            guint16          hatype,
            guint            halen)
{
  guint len = MIN (halen, SLL_ADDR_LEN);

  if (len > 0)
    {
      if ((hatype == ARPHRD_ETHER || hatype == ARPHRD_IEEE802 || hatype == ARPHRD_LOOPBACK) && len == 6)
        {
          remora_add_item (pkt, tree, hf_sll_src_eth, tvb, offset, 6, REMORA_ENC_NA);
          remora_address_set (&pkt->dl_src, REMORA_AT_ETHER, remora_tvb_get_ptr (tvb, offset, 6), 6);
          pkt->src = pkt->dl_src;
        }
      else if (hatype == ARPHRD_IPGRE && len == 4)
        {
          remora_add_item (pkt, tree, hf_sll_src_ipv4, tvb, offset, 4, REMORA_ENC_BIG_ENDIAN);
          remora_address_set (&pkt->dl_src, REMORA_AT_IPv4, remora_tvb_get_ptr (tvb, offset, 4), 4);
          pkt->src = pkt->dl_src;
        }
      else
        remora_add_item (pkt, tree, hf_sll_src_other, tvb, offset, len, REMORA_ENC_NA);
    }
  if (len < SLL_ADDR_LEN)
    remora_add_item (pkt, tree, hf_sll_unused, tvb, offset + len, SLL_ADDR_LEN - len, REMORA_ENC_NA);
}

static void
dissect_payload (const RemoraTvb *tvb,
                 RemoraPacket    *pkt,
                 RemoraItem       tree,
                 RemoraItem       sll_tree,
                 guint32          proto_offset,
                 guint32          payload_offset,
                 guint16          hatype)
{
  guint16 protocol = remora_tvb_get_ntohs (tvb, proto_offset);
  RemoraTvb next;

  if (protocol <= 1536)
    {
      /* Not an Ethernet type: one of Linux's own protocol numbers. */
      remora_add_item (pkt, sll_tree, hf_sll_ltype, tvb, proto_offset, 2, REMORA_ENC_BIG_ENDIAN);
      remora_tvb_subset_remaining (&next, tvb, payload_offset);
      if (remora_table_try_uint ("sll.ltype", protocol, &next, pkt, tree, NULL) <= 0)
        remora_call_data (&next, pkt, tree);
    }
  else if (hatype == ARPHRD_IPGRE)
    {
      /* GRE tunnel devices carry a GRE protocol type, which for what
       * travels in them is an Ethernet type: straight to that protocol,
       * without the ethertype layer, as tshark shows it. */
      remora_add_item (pkt, sll_tree, hf_sll_gretype, tvb, proto_offset, 2, REMORA_ENC_BIG_ENDIAN);
      remora_tvb_subset_remaining (&next, tvb, payload_offset);
      if (remora_table_try_uint ("ethertype", protocol, &next, pkt, tree, NULL) <= 0)
        remora_call_data (&next, pkt, tree);
    }
  else
    {
      RemoraEthertypeData etd = {
        .etype = protocol,
        .payload_offset = payload_offset,
        .fh_tree = sll_tree,
        .trailer_hf = hf_sll_trailer,
        .fcs_len = 0,
      };

      remora_add_item (pkt, sll_tree, hf_sll_etype, tvb, proto_offset, 2, REMORA_ENC_BIG_ENDIAN);
      remora_call_dissector (ethertype_handle, tvb, pkt, tree, &etd);
    }
}

static int
dissect_sll (const RemoraTvb *tvb,
             RemoraPacket    *pkt,
             RemoraItem       tree,
             void            *data)
{
  guint16 pkttype, hatype, halen;
  RemoraItem ti;

  remora_col_set_protocol (pkt, "SLL");
  remora_col_clear_info (pkt);

  pkttype = remora_tvb_get_ntohs (tvb, 0);
  hatype = remora_tvb_get_ntohs (tvb, 2);
  halen = remora_tvb_get_ntohs (tvb, 4);
  if (pkt->want_columns)
    {
      const char *name = remora_value_string_lookup (pkttype_vals, pkttype);

      if (name != NULL)
        remora_col_set_info (pkt, name);
    }

  ti = remora_add_protocol (pkt, tree, proto_sll, tvb, 0, MIN ((guint32) SLL_HEADER_LEN, tvb->captured));
  remora_item_set_text (pkt, ti, "Linux cooked capture v1");
  remora_add_item (pkt, ti, hf_sll_pkttype, tvb, 0, 2, REMORA_ENC_BIG_ENDIAN);
  remora_add_item (pkt, ti, hf_sll_hatype, tvb, 2, 2, REMORA_ENC_BIG_ENDIAN);
  remora_add_item (pkt, ti, hf_sll_halen, tvb, 4, 2, REMORA_ENC_BIG_ENDIAN);
  add_source (tvb, pkt, ti, 6, hatype, halen);
  dissect_payload (tvb, pkt, tree, ti, 14, SLL_HEADER_LEN, hatype);
  return (int) MAX (tvb->captured, 1u);
}

static int
dissect_sll2 (const RemoraTvb *tvb,
              RemoraPacket    *pkt,
              RemoraItem       tree,
              void            *data)
{
  guint16 hatype;
  guint8 pkttype, halen;
  RemoraItem ti;

  remora_col_set_protocol (pkt, "SLL");
  remora_col_clear_info (pkt);

  hatype = remora_tvb_get_ntohs (tvb, 8);
  pkttype = remora_tvb_get_u8 (tvb, 10);
  halen = remora_tvb_get_u8 (tvb, 11);
  if (pkt->want_columns)
    {
      const char *name = remora_value_string_lookup (pkttype_vals, pkttype);

      if (name != NULL)
        remora_col_set_info (pkt, name);
    }

  ti = remora_add_protocol (pkt, tree, proto_sll, tvb, 0, MIN ((guint32) SLL2_HEADER_LEN, tvb->captured));
  remora_item_set_text (pkt, ti, "Linux cooked capture v2");
  /* The protocol comes first in v2; it is shown (and used) below. */
  remora_tvb_ensure (tvb, 0, 2);
  {
    guint16 protocol = remora_tvb_get_ntohs (tvb, 0);

    if (protocol <= 1536)
      remora_add_item (pkt, ti, hf_sll_ltype, tvb, 0, 2, REMORA_ENC_BIG_ENDIAN);
    else if (hatype == ARPHRD_IPGRE)
      remora_add_item (pkt, ti, hf_sll_gretype, tvb, 0, 2, REMORA_ENC_BIG_ENDIAN);
    else
      remora_add_item (pkt, ti, hf_sll_etype, tvb, 0, 2, REMORA_ENC_BIG_ENDIAN);
  }
  remora_add_item (pkt, ti, hf_sll_ifindex, tvb, 4, 4, REMORA_ENC_BIG_ENDIAN);
  remora_add_item (pkt, ti, hf_sll_hatype, tvb, 8, 2, REMORA_ENC_BIG_ENDIAN);
  remora_add_item (pkt, ti, hf_sll_pkttype, tvb, 10, 1, REMORA_ENC_NA);
  remora_add_item (pkt, ti, hf_sll_halen, tvb, 11, 1, REMORA_ENC_NA);
  add_source (tvb, pkt, ti, 12, hatype, halen);

  /* The protocol field was shown first, where v2 has it; dispatch now. */
  {
    guint16 protocol = remora_tvb_get_ntohs (tvb, 0);
    RemoraTvb next;

    if (protocol <= 1536)
      {
        remora_tvb_subset_remaining (&next, tvb, SLL2_HEADER_LEN);
        if (remora_table_try_uint ("sll.ltype", protocol, &next, pkt, tree, NULL) <= 0)
          remora_call_data (&next, pkt, tree);
      }
    else if (hatype == ARPHRD_IPGRE)
      {
        remora_tvb_subset_remaining (&next, tvb, SLL2_HEADER_LEN);
        if (remora_table_try_uint ("ethertype", protocol, &next, pkt, tree, NULL) <= 0)
          remora_call_data (&next, pkt, tree);
      }
    else
      {
        RemoraEthertypeData etd = {
          .etype = protocol,
          .payload_offset = SLL2_HEADER_LEN,
          .fh_tree = ti,
          .trailer_hf = hf_sll_trailer,
          .fcs_len = 0,
        };

        remora_call_dissector (ethertype_handle, tvb, pkt, tree, &etd);
      }
  }
  return (int) MAX (tvb->captured, 1u);
}

void
remora_register_sll (void)
{
  proto_sll = remora_proto_register ("Linux cooked-mode capture", "SLL", "sll");
  remora_fields_register (proto_sll, sll_fields, G_N_ELEMENTS (sll_fields));
  remora_dissector_register ("sll", proto_sll, dissect_sll);
  remora_dissector_register ("sll2", proto_sll, dissect_sll2);
}

void
remora_handoff_sll (void)
{
  ethertype_handle = remora_dissector_find ("ethertype");
  remora_table_add_uint ("link_type", 113, remora_dissector_find ("sll"));
  remora_table_add_uint ("link_type", 276, remora_dissector_find ("sll2"));
}
