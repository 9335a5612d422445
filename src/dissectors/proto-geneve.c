/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-geneve"

#include "config.h"

#include "remora-dissectors.h"
#include "proto-eth.h"

/* Generic Network Virtualization Encapsulation (RFC 8926) on UDP 6081:
 * an 8-byte header, variable options, then a payload named by an Ethernet
 * type. */

static int proto_geneve;
static int hf_version, hf_flags, hf_flags_oam, hf_flags_critical, hf_flags_reserved, hf_proto_type;
static int hf_vni, hf_reserved, hf_options, hf_option, hf_option_class, hf_option_type;
static int hf_option_type_critical, hf_option_flags, hf_option_flags_reserved, hf_option_length;
static int hf_option_unknown_data, hf_gcp_vnid, hf_gcp_reserved, hf_gcp_direction, hf_gcp_endpoint, hf_gcp_profile;

static RemoraDissector *eth_handle;

#define GENEVE_CLASS_GCP 0x0132

static const RemoraRangeString class_rvals[] = {
  { 0x0000, 0x00ff, "Standard" },
  { 0x0100, 0x0100, "Linux" },
  { 0x0101, 0x0101, "Open vSwitch" },
  { 0x0102, 0x0102, "Open Virtual Networking (OVN)" },
  { 0x0103, 0x0103, "In-band Network Telemetry (INT)" },
  { 0x0104, 0x0104, "VMware" },
  { 0x0105, 0x0105, "Amazon.com, Inc." },
  { 0x0106, 0x0106, "Cisco Systems, Inc." },
  { 0x0107, 0x0107, "Oracle Corporation" },
  { 0x0108, 0x0110, "Amazon.com, Inc." },
  { 0x0111, 0x0118, "IBM" },
  { 0x0119, 0x0128, "Ericsson" },
  { 0x0129, 0x0129, "Oxide Computer Company" },
  { 0x0130, 0x0131, "Cisco Systems, Inc." },
  { 0x0132, 0x0135, "Google LLC" },
  { 0x0136, 0x0136, "InfoQuick Global Connection Tech Ltd." },
  { 0x0137, 0xfeff, "Unassigned" },
  { 0xfff0, 0xffff, "Experimental" },
  { 0, 0, NULL }
};

static const RemoraTrueFalse tfs_direction = { "Egress", "Ingress" };

static RemoraFieldDef geneve_fields[] = {
  { &hf_version, { "Version", "geneve.version", REMORA_FT_UINT8, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_flags, { "Flags", "geneve.flags", REMORA_FT_UINT8, REMORA_BASE_HEX, NULL, 0, NULL } },
  { &hf_flags_oam, { "Operations, Administration and Management Frame", "geneve.flags.oam", REMORA_FT_BOOLEAN, 8,
                     NULL, 0x80, NULL } },
  { &hf_flags_critical, { "Critical Options Present", "geneve.flags.critical", REMORA_FT_BOOLEAN, 8, NULL, 0x40, NULL } },
  { &hf_flags_reserved, { "Reserved", "geneve.flags.reserved", REMORA_FT_BOOLEAN, 8, NULL, 0x3f, NULL } },
  { &hf_proto_type, { "Protocol Type", "geneve.proto_type", REMORA_FT_UINT16, REMORA_BASE_HEX, remora_etype_vals, 0, NULL } },
  { &hf_vni, { "Virtual Network Identifier (VNI)", "geneve.vni", REMORA_FT_UINT24, REMORA_BASE_HEX_DEC, NULL, 0, NULL } },
  { &hf_reserved, { "Reserved", "geneve.reserved", REMORA_FT_UINT8, REMORA_BASE_HEX, NULL, 0, NULL } },
  { &hf_options, { "Geneve Options", "geneve.options", REMORA_FT_BYTES, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_option_class, { "Class", "geneve.option.class", REMORA_FT_UINT16, REMORA_BASE_HEX | REMORA_BASE_RANGE_STRING,
                        class_rvals, 0, NULL } },
  { &hf_option_type, { "Type", "geneve.option.type", REMORA_FT_UINT8, REMORA_BASE_HEX, NULL, 0, NULL } },
  { &hf_option_type_critical, { "Critical Option", "geneve.option.type.critical", REMORA_FT_BOOLEAN, 8, NULL, 0x80, NULL } },
  { &hf_option_flags, { "Flags", "geneve.option.flags", REMORA_FT_UINT8, REMORA_BASE_HEX, NULL, 0, NULL } },
  { &hf_option_flags_reserved, { "Reserved", "geneve.option.flags.reserved", REMORA_FT_BOOLEAN, 8, NULL, 0xe0, NULL } },
  { &hf_option_length, { "Length", "geneve.option.length", REMORA_FT_UINT8, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_option, { "Option", "geneve.option", REMORA_FT_BYTES, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_gcp_vnid, { "GCP Virtual Network ID", "geneve.option.gcp.vnid", REMORA_FT_UINT32, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_gcp_reserved, { "GCP Reserved bits", "geneve.option.gcp.reserved", REMORA_FT_BOOLEAN, 32, NULL, 0xe, NULL } },
  { &hf_gcp_direction, { "GCP Traffic Direction", "geneve.option.gcp.direction", REMORA_FT_BOOLEAN, 32, &tfs_direction,
                         0x1, NULL } },
  { &hf_gcp_endpoint, { "GCP Endpoint ID", "geneve.option.gcp.endpoint", REMORA_FT_BYTES, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_gcp_profile, { "GCP Profile ID", "geneve.option.gcp.profile", REMORA_FT_UINT64, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_option_unknown_data, { "Unknown Option Data", "geneve.option.unknown.data", REMORA_FT_BYTES, REMORA_BASE_NONE,
                               NULL, 0, NULL } },
};

static const char *
option_name (guint16 cls, guint8 type)
{
  if (cls == GENEVE_CLASS_GCP)
    switch (type)
      {
      case 1: return "GCP Virtual Network ID";
      case 2: return "GCP Endpoint ID";
      case 3: return "GCP Profile ID";
      default: break;
      }
  return "Unknown";
}

/* One option: class, type, 5-bit length in 4-byte words after its own
 * 4-byte header.  Returns its total length. */
static guint32
dissect_option (const RemoraTvb *tvb,
                RemoraPacket    *pkt,
                RemoraItem       parent,
                guint32          offset)
{
  guint16 cls = remora_tvb_get_ntohs (tvb, offset);
  guint8 type = remora_tvb_get_u8 (tvb, offset + 2);
  guint8 flags = remora_tvb_get_u8 (tvb, offset + 3);
  guint32 len = 4 + (flags & 0x1fu) * 4;
  guint32 dlen = len - 4;
  const char *cls_name = remora_range_string_lookup (class_rvals, cls);
  RemoraItem tree, ti;

  tree = remora_add_item (pkt, parent, hf_option, tvb, offset, len, REMORA_ENC_NA);
  remora_item_set_text (pkt, tree, "%s, Class: %s (0x%04x) Type: 0x%02x (%s)", option_name (cls, type),
                        cls_name ? cls_name : "Unknown", cls, type, (type & 0x80) ? "Critical" : "Non-critical");
  remora_add_item (pkt, tree, hf_option_class, tvb, offset, 2, REMORA_ENC_BIG_ENDIAN);
  ti = remora_add_item (pkt, tree, hf_option_type, tvb, offset + 2, 1, REMORA_ENC_BIG_ENDIAN);
  remora_item_set_text (pkt, ti, "Type: 0x%02x (%s)", type, (type & 0x80) ? "Critical" : "Non-critical");
  remora_item_set_hidden (pkt, remora_add_item (pkt, tree, hf_option_type_critical, tvb, offset + 2, 1,
                                                REMORA_ENC_BIG_ENDIAN));
  remora_item_set_hidden (pkt, remora_add_item (pkt, tree, hf_option_flags, tvb, offset + 3, 1, REMORA_ENC_BIG_ENDIAN));
  remora_item_set_hidden (pkt, remora_add_item (pkt, tree, hf_option_flags_reserved, tvb, offset + 3, 1,
                                                REMORA_ENC_BIG_ENDIAN));
  ti = remora_add_uint (pkt, tree, hf_option_length, tvb, offset + 3, 1, len);
  remora_item_set_text (pkt, ti, "Length: %u bytes", len);
  offset += 4;
  if (dlen == 0)
    return len;

  if (cls == GENEVE_CLASS_GCP && type == 1 && dlen == 4)
    {
      guint32 v = remora_tvb_get_ntohl (tvb, offset);

      remora_add_uint (pkt, tree, hf_gcp_vnid, tvb, offset, 4, v >> 4);
      remora_add_item (pkt, tree, hf_gcp_direction, tvb, offset, 4, REMORA_ENC_BIG_ENDIAN);
      remora_add_item (pkt, tree, hf_gcp_reserved, tvb, offset, 4, REMORA_ENC_BIG_ENDIAN);
    }
  else if (cls == GENEVE_CLASS_GCP && type == 2)
    remora_add_item (pkt, tree, hf_gcp_endpoint, tvb, offset, dlen, REMORA_ENC_NA);
  else if (cls == GENEVE_CLASS_GCP && type == 3 && dlen == 8)
    remora_add_item (pkt, tree, hf_gcp_profile, tvb, offset, 8, REMORA_ENC_BIG_ENDIAN);
  else
    remora_add_item (pkt, tree, hf_option_unknown_data, tvb, offset, dlen, REMORA_ENC_NA);
  return len;
}

static int
dissect_geneve (const RemoraTvb *tvb,
                RemoraPacket    *pkt,
                RemoraItem       parent,
                void            *data)
{
  guint8 b0 = remora_tvb_get_u8 (tvb, 0);
  guint32 opts_len = (b0 & 0x3fu) * 4;
  guint16 ptype = remora_tvb_get_ntohs (tvb, 2);
  guint32 vni = remora_tvb_get_ntoh24 (tvb, 4);
  int flag_fields[] = { hf_flags_oam, hf_flags_critical, hf_flags_reserved, -1 };
  RemoraItem tree, ti;
  RemoraTvb next;

  (void) data;
  remora_col_set_protocol (pkt, "Geneve");
  remora_col_clear_info (pkt);

  tree = remora_add_protocol (pkt, parent, proto_geneve, tvb, 0, 8 + opts_len);
  remora_item_set_text (pkt, tree, "Generic Network Virtualization Encapsulation, VNI: 0x%06x", vni);
  remora_add_uint (pkt, tree, hf_version, tvb, 0, 1, b0 >> 6);
  ti = remora_add_uint (pkt, tree, hf_option_length, tvb, 0, 1, opts_len);
  remora_item_set_text (pkt, ti, "Length: %u bytes", opts_len);
  remora_add_bitmask (pkt, tree, hf_flags, tvb, 1, 1, flag_fields, REMORA_ENC_BIG_ENDIAN);
  remora_add_item (pkt, tree, hf_proto_type, tvb, 2, 2, REMORA_ENC_BIG_ENDIAN);
  remora_add_item (pkt, tree, hf_vni, tvb, 4, 3, REMORA_ENC_BIG_ENDIAN);
  remora_item_set_hidden (pkt, remora_add_item (pkt, tree, hf_reserved, tvb, 7, 1, REMORA_ENC_BIG_ENDIAN));

  if (opts_len > 0)
    {
      guint32 offset = 8, end = 8 + opts_len;

      ti = remora_add_item (pkt, tree, hf_options, tvb, 8, opts_len, REMORA_ENC_NA);
      remora_item_set_text (pkt, ti, "Options: (%u bytes)", opts_len);
      /* each option is at least 4 bytes, so this ends */
      while (offset < end)
        offset += dissect_option (tvb, pkt, ti, offset);
    }

  remora_tvb_subset_remaining (&next, tvb, 8 + opts_len);
  if (remora_tvb_reported_remaining (&next, 0) == 0)
    return (int) MAX (remora_tvb_captured_remaining (tvb, 0), 1u);
  /* Transparent Ethernet bridging is Ethernet itself, not an entry of
   * the ethertype table */
  if (ptype == 0x6558)
    remora_call_dissector (eth_handle, &next, pkt, parent, NULL);
  else if (remora_table_try_uint ("ethertype", ptype, &next, pkt, parent, NULL) == 0)
    remora_call_data (&next, pkt, parent);
  return (int) MAX (remora_tvb_captured_remaining (tvb, 0), 1u);
}

void
remora_register_geneve (void)
{
  proto_geneve = remora_proto_register ("Generic Network Virtualization Encapsulation", "Geneve", "geneve");
  remora_fields_register (proto_geneve, geneve_fields, G_N_ELEMENTS (geneve_fields));
  remora_dissector_register ("geneve", proto_geneve, dissect_geneve);
}

void
remora_handoff_geneve (void)
{
  remora_table_add_uint ("udp.port", 6081, remora_dissector_find ("geneve"));
  eth_handle = remora_dissector_find ("eth");
}
