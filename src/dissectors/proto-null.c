/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-null"

#include "config.h"

#include "proto-eth.h"

/* BSD loopback: a 4-byte address family in the capturing host's byte order
 * (LINKTYPE_NULL, 0), which therefore has to be guessed, or in network
 * order (LINKTYPE_LOOP, 108). */

#define NULL_HEADER_LEN 4
#define IEEE_802_3_MAX_LEN 1500

static int proto_null;
static int hf_null_family;
static int hf_null_etype;

static const RemoraValueString family_vals[] = {
  { 2, "IP" },
  { 7, "OSI" },
  { 16, "Appletalk" },
  { 23, "Netware IPX/SPX" },
  { 24, "IPv6" },
  { 28, "IPv6" },
  { 30, "IPv6" },
  { 0, NULL }
};

static RemoraFieldDef null_fields[] = {
  { &hf_null_etype, { "Type", "null.type", REMORA_FT_UINT16, REMORA_BASE_HEX, remora_etype_vals, 0, NULL } },
  { &hf_null_family, { "Family", "null.family", REMORA_FT_UINT32, REMORA_BASE_DEC, family_vals, 0, NULL } },
};

/* The Ethernet type that carries the same protocol as a BSD family. */
static guint
etype_for_family (guint32 family)
{
  switch (family)
    {
    case 2:
      return 0x0800;
    case 24:
    case 28:
    case 30:
      return 0x86dd;
    default:
      return 0;
    }
}

static void
set_unknown_columns (RemoraPacket *pkt)
{
  remora_col_set_protocol (pkt, "N/A");
  remora_col_set_info (pkt, "Null/Loopback");
  remora_address_set (&pkt->src, REMORA_AT_STRING, "N/A", 3);
  remora_address_set (&pkt->dst, REMORA_AT_STRING, "N/A", 3);
}

static void
dispatch_family (const RemoraTvb *tvb,
                 RemoraPacket    *pkt,
                 RemoraItem       tree,
                 guint32          family)
{
  guint etype = etype_for_family (family);
  RemoraTvb next;

  remora_tvb_subset_remaining (&next, tvb, NULL_HEADER_LEN);
  if (remora_table_try_uint ("null.type", family, &next, pkt, tree, NULL) > 0)
    return;
  if (etype != 0 && remora_table_try_uint ("ethertype", etype, &next, pkt, tree, NULL) > 0)
    return;
  remora_call_data (&next, pkt, tree);
}

static int
dissect_null (const RemoraTvb *tvb,
              RemoraPacket    *pkt,
              RemoraItem       tree,
              void            *data)
{
  guint32 header;
  RemoraItem ti;

  set_unknown_columns (pkt);

  /* Some systems put PPP's address and control bytes here instead. */
  if (remora_tvb_get_ntohs (tvb, 0) == 0xff03)
    {
      RemoraDissector *ppp = remora_dissector_find ("ppp_hdlc");

      if (ppp != NULL)
        return remora_call_dissector (ppp, tvb, pkt, tree, NULL);
    }

  /* Host byte order of whoever captured: little-endian hosts are the
   * common case, so read it so and repair the other cases. */
  header = remora_tvb_get_letohl (tvb, 0);
  if ((header & 0xffff0000) != 0)
    {
      if ((header & 0xff000000) == 0 && (header & 0x00ff0000) < 0x00060000)
        header >>= 16;        /* a 16-bit family in the upper half */
      else
        header = GUINT32_SWAP_LE_BE (header);
    }
  else if ((header & 0x000000ff) == 0 && (header & 0x0000ff00) < 0x00000600)
    header >>= 8;             /* a byte-swapped 16-bit family */

  ti = remora_add_protocol (pkt, tree, proto_null, tvb, 0, NULL_HEADER_LEN);
  if (header > IEEE_802_3_MAX_LEN)
    {
      /* Not a family at all: an Ethernet type in the first two bytes. */
      guint16 etype = remora_tvb_get_ntohs (tvb, 0);
      RemoraTvb next;

      remora_add_item (pkt, ti, hf_null_etype, tvb, 0, 2, REMORA_ENC_BIG_ENDIAN);
      remora_tvb_subset_remaining (&next, tvb, 2);
      if (remora_table_try_uint ("ethertype", etype, &next, pkt, tree, NULL) <= 0)
        remora_call_data (&next, pkt, tree);
      return (int) MAX (tvb->captured, 1u);
    }

  remora_add_uint (pkt, ti, hf_null_family, tvb, 0, 4, header);
  dispatch_family (tvb, pkt, tree, header);
  return (int) MAX (tvb->captured, 1u);
}

static int
dissect_loop (const RemoraTvb *tvb,
              RemoraPacket    *pkt,
              RemoraItem       tree,
              void            *data)
{
  guint32 family;
  RemoraItem ti;

  set_unknown_columns (pkt);
  family = remora_tvb_get_ntohl (tvb, 0);
  ti = remora_add_protocol (pkt, tree, proto_null, tvb, 0, NULL_HEADER_LEN);
  remora_add_item (pkt, ti, hf_null_family, tvb, 0, 4, REMORA_ENC_BIG_ENDIAN);
  dispatch_family (tvb, pkt, tree, family);
  return (int) MAX (tvb->captured, 1u);
}

void
remora_register_null (void)
{
  proto_null = remora_proto_register ("Null/Loopback", "Null", "null");
  remora_fields_register (proto_null, null_fields, G_N_ELEMENTS (null_fields));
  remora_dissector_register ("null", proto_null, dissect_null);
  remora_dissector_register ("loop", proto_null, dissect_loop);
}

void
remora_handoff_null (void)
{
  remora_table_add_uint ("link_type", 0, remora_dissector_find ("null"));
  remora_table_add_uint ("link_type", 108, remora_dissector_find ("loop"));
}
