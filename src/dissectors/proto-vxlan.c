/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-vxlan"

#include "config.h"

#include "remora-dissectors.h"

/* Virtual eXtensible Local Area Network (RFC 7348) on UDP 4789, with the
 * Group Based Policy extension's flag bits: an 8-byte header, then an
 * Ethernet frame. */

static int proto_vxlan;
static int hf_flags, hf_flags_reserved, hf_flag_g, hf_flag_i, hf_flag_d, hf_flag_a;
static int hf_gbp, hf_vni, hf_reserved8;

static RemoraDissector *eth_handle;

static const RemoraTrueFalse tfs_defined = { "Defined", "Not defined" };

static RemoraFieldDef vxlan_fields[] = {
  { &hf_flags, { "Flags", "vxlan.flags", REMORA_FT_UINT16, REMORA_BASE_HEX, NULL, 0, NULL } },
  { &hf_flags_reserved, { "Reserved(R)", "vxlan.flags_reserved", REMORA_FT_UINT16, REMORA_BASE_HEX, NULL, 0x77b7, NULL } },
  { &hf_flag_g, { "GBP Extension", "vxlan.flag_g", REMORA_FT_BOOLEAN, 16, &tfs_defined, 0x8000, NULL } },
  { &hf_flag_i, { "VXLAN Network ID (VNI)", "vxlan.flag_i", REMORA_FT_BOOLEAN, 16, NULL, 0x0800, NULL } },
  { &hf_flag_d, { "Don't Learn", "vxlan.flag_d", REMORA_FT_BOOLEAN, 16, NULL, 0x0040, NULL } },
  { &hf_flag_a, { "Policy Applied", "vxlan.flag_a", REMORA_FT_BOOLEAN, 16, NULL, 0x0008, NULL } },
  { &hf_gbp, { "Group Policy ID", "vxlan.gbp", REMORA_FT_UINT16, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_vni, { "VXLAN Network Identifier (VNI)", "vxlan.vni", REMORA_FT_UINT24, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_reserved8, { "Reserved", "vxlan.reserved8", REMORA_FT_UINT8, REMORA_BASE_DEC, NULL, 0, NULL } },
};

static int
dissect_vxlan (const RemoraTvb *tvb,
               RemoraPacket    *pkt,
               RemoraItem       parent,
               void            *data)
{
  int fields[6];
  RemoraItem tree;
  RemoraTvb next;

  (void) data;
  remora_col_set_protocol (pkt, "VXLAN");
  remora_col_clear_info (pkt);

  tree = remora_add_protocol (pkt, parent, proto_vxlan, tvb, 0, 8);
  fields[0] = hf_flag_g;
  fields[1] = hf_flag_i;
  fields[2] = hf_flag_d;
  fields[3] = hf_flag_a;
  fields[4] = hf_flags_reserved;
  fields[5] = -1;
  remora_add_bitmask (pkt, tree, hf_flags, tvb, 0, 2, fields, REMORA_ENC_BIG_ENDIAN);
  remora_add_item (pkt, tree, hf_gbp, tvb, 2, 2, REMORA_ENC_BIG_ENDIAN);
  remora_add_item (pkt, tree, hf_vni, tvb, 4, 3, REMORA_ENC_BIG_ENDIAN);
  remora_add_item (pkt, tree, hf_reserved8, tvb, 7, 1, REMORA_ENC_BIG_ENDIAN);

  remora_tvb_subset_remaining (&next, tvb, 8);
  if (remora_tvb_reported_remaining (&next, 0) > 0)
    remora_call_dissector (eth_handle, &next, pkt, parent, NULL);
  return (int) MAX (remora_tvb_captured_remaining (tvb, 0), 1u);
}

void
remora_register_vxlan (void)
{
  proto_vxlan = remora_proto_register ("Virtual eXtensible Local Area Network", "VXLAN", "vxlan");
  remora_fields_register (proto_vxlan, vxlan_fields, G_N_ELEMENTS (vxlan_fields));
  remora_dissector_register ("vxlan", proto_vxlan, dissect_vxlan);
}

void
remora_handoff_vxlan (void)
{
  remora_table_add_uint ("udp.port", 4789, remora_dissector_find ("vxlan"));
  eth_handle = remora_dissector_find ("eth");
}
