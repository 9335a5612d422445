/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-raw"

#include "config.h"

#include "proto-eth.h"

/* Raw IP link types: LINKTYPE_RAW (101, and the DLT_RAW values 12 and 14
 * some files carry) picks IPv4 or IPv6 by the version nibble; LINKTYPE_IPV4
 * (228) and LINKTYPE_IPV6 (229) go straight to IP with no layer of their
 * own, as in Wireshark ("ip:udp", not "raw:ip:udp"). */

static int proto_raw;

static void
set_unknown_columns (RemoraPacket *pkt)
{
  remora_col_set_protocol (pkt, "N/A");
  remora_col_set_info (pkt, "Raw packet data");
  remora_address_set (&pkt->src, REMORA_AT_STRING, "N/A", 3);
  remora_address_set (&pkt->dst, REMORA_AT_STRING, "N/A", 3);
}

static void
call_ip (const RemoraTvb *tvb,
         RemoraPacket    *pkt,
         RemoraItem       tree,
         guint16          etype)
{
  if (remora_table_try_uint ("ethertype", etype, tvb, pkt, tree, NULL) <= 0)
    remora_call_data (tvb, pkt, tree);
}

static int
dissect_raw (const RemoraTvb *tvb,
             RemoraPacket    *pkt,
             RemoraItem       tree,
             void            *data)
{
  RemoraDissector *ppp = remora_dissector_find ("ppp_hdlc");
  RemoraTvb next;
  guint8 version;

  set_unknown_columns (pkt);
  remora_add_protocol (pkt, tree, proto_raw, tvb, 0, tvb->captured);

  /* Old Linux PPP captures: PPP address and control bytes, possibly after
   * a fake 6-byte MAC address from the ISDN driver. */
  if (remora_tvb_get_ntohs (tvb, 0) == 0xff03 && ppp != NULL)
    {
      remora_call_dissector (ppp, tvb, pkt, tree, NULL);
      return (int) MAX (tvb->captured, 1u);
    }
  if (remora_tvb_get_ntohs (tvb, 6) == 0xff03 && ppp != NULL)
    {
      remora_tvb_subset_remaining (&next, tvb, 6);
      remora_call_dissector (ppp, &next, pkt, tree, NULL);
      return (int) MAX (tvb->captured, 1u);
    }

  version = remora_tvb_get_u8 (tvb, 0) >> 4;
  if (version == 4)
    call_ip (tvb, pkt, tree, 0x0800);
  else if (version == 6)
    call_ip (tvb, pkt, tree, 0x86dd);
  else
    remora_call_data (tvb, pkt, tree);
  return (int) MAX (tvb->captured, 1u);
}

static int
dissect_ipv4_link (const RemoraTvb *tvb,
                   RemoraPacket    *pkt,
                   RemoraItem       tree,
                   void            *data)
{
  call_ip (tvb, pkt, tree, 0x0800);
  return (int) MAX (tvb->captured, 1u);
}

static int
dissect_ipv6_link (const RemoraTvb *tvb,
                   RemoraPacket    *pkt,
                   RemoraItem       tree,
                   void            *data)
{
  call_ip (tvb, pkt, tree, 0x86dd);
  return (int) MAX (tvb->captured, 1u);
}

void
remora_register_raw (void)
{
  proto_raw = remora_proto_register ("Raw packet data", "Raw", "raw");
  remora_dissector_register ("raw", proto_raw, dissect_raw);
  remora_dissector_register ("raw_ipv4", -1, dissect_ipv4_link);
  remora_dissector_register ("raw_ipv6", -1, dissect_ipv6_link);
}

void
remora_handoff_raw (void)
{
  RemoraDissector *raw = remora_dissector_find ("raw");

  remora_table_add_uint ("link_type", 101, raw);
  remora_table_add_uint ("link_type", 12, raw);
  remora_table_add_uint ("link_type", 14, raw);
  remora_table_add_uint ("link_type", 228, remora_dissector_find ("raw_ipv4"));
  remora_table_add_uint ("link_type", 229, remora_dissector_find ("raw_ipv6"));
}
