/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-gre"

#include "config.h"

#include "proto-ip.h"

#include "remora-dissectors.h"

/* Generic Routing Encapsulation (RFC 2784, 2890; PPTP's version 1): the
 * header and the payload through "ethertype". */

static int proto_gre;
static int hf_flags_and_version, hf_flag_checksum, hf_flag_routing, hf_flag_key, hf_flag_seq,
           hf_flag_ssr, hf_flag_recursion, hf_flag_ack, hf_flag_reserved, hf_flag_version,
           hf_proto, hf_checksum, hf_checksum_status, hf_offset, hf_key, hf_key_payload_length,
           hf_key_call_id, hf_seq, hf_ack;

static RemoraDissector *eth_handle;

static const RemoraTrueFalse tfs_yes_no = { "Yes", "No" };

static const RemoraValueString gre_proto_vals[] = {
  { 0x0000, "Possible GRE keepalive packet" },
  { 0x0800, "IP" },
  { 0x0806, "ARP" },
  { 0x00fe, "OSI" },
  { 0x2000, "CDP (Cisco)" },
  { 0x2001, "NHRP" },
  { 0x22eb, "ERSPAN III" },
  { 0x6400, "MIKROTIK EoIP" },
  { 0x6558, "Transparent Ethernet bridging" },
  { 0x6559, "Frame Relay" },
  { 0x8137, "IPX" },
  { 0x86dd, "IPv6" },
  { 0x880b, "PPP" },
  { 0x883e, "WCCP" },
  { 0x8847, "MPLS label switched packet" },
  { 0x88be, "ERSPAN" },
  { 0x894f, "Network Service Header" },
  { 0, NULL }
};

static RemoraFieldDef gre_fields[] = {
  { &hf_proto, { "Protocol Type", "gre.proto", REMORA_FT_UINT16, REMORA_BASE_HEX, gre_proto_vals, 0, NULL } },
  { &hf_flags_and_version, { "Flags and Version", "gre.flags_and_version", REMORA_FT_UINT16, REMORA_BASE_HEX, NULL, 0, NULL } },
  { &hf_flag_checksum, { "Checksum Bit", "gre.flags.checksum", REMORA_FT_BOOLEAN, 16, &tfs_yes_no, 0x8000, NULL } },
  { &hf_flag_routing, { "Routing Bit", "gre.flags.routing", REMORA_FT_BOOLEAN, 16, &tfs_yes_no, 0x4000, NULL } },
  { &hf_flag_key, { "Key Bit", "gre.flags.key", REMORA_FT_BOOLEAN, 16, &tfs_yes_no, 0x2000, NULL } },
  { &hf_flag_seq, { "Sequence Number Bit", "gre.flags.sequence_number", REMORA_FT_BOOLEAN, 16, &tfs_yes_no, 0x1000, NULL } },
  { &hf_flag_ssr, { "Strict Source Route Bit", "gre.flags.strict_source_route", REMORA_FT_BOOLEAN, 16, &tfs_yes_no, 0x0800, NULL } },
  { &hf_flag_recursion, { "Recursion control", "gre.flags.recursion_control", REMORA_FT_UINT16, REMORA_BASE_DEC, NULL, 0x0700, NULL } },
  { &hf_flag_ack, { "Acknowledgment", "gre.flags.ack", REMORA_FT_BOOLEAN, 16, &tfs_yes_no, 0x0080, NULL } },
  { &hf_flag_reserved, { "Flags (Reserved)", "gre.flags.reserved", REMORA_FT_UINT16, REMORA_BASE_DEC, NULL, 0x00f8, NULL } },
  { &hf_flag_version, { "Version", "gre.flags.version", REMORA_FT_UINT16, REMORA_BASE_DEC, NULL, 0x0007, NULL } },
  { &hf_checksum, { "Checksum", "gre.checksum", REMORA_FT_UINT16, REMORA_BASE_HEX, NULL, 0, NULL } },
  { &hf_checksum_status, { "Checksum Status", "gre.checksum.status", REMORA_FT_UINT8, REMORA_BASE_NONE, remora_checksum_status_vals, 0, NULL } },
  { &hf_offset, { "Offset", "gre.offset", REMORA_FT_UINT16, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_key, { "Key", "gre.key", REMORA_FT_UINT32, REMORA_BASE_HEX, NULL, 0, NULL } },
  { &hf_key_payload_length, { "Payload Length", "gre.key.payload_length", REMORA_FT_UINT16, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_key_call_id, { "Call ID", "gre.key.call_id", REMORA_FT_UINT16, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_seq, { "Sequence Number", "gre.sequence_number", REMORA_FT_UINT32, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_ack, { "Acknowledgment Number", "gre.ack_number", REMORA_FT_UINT32, REMORA_BASE_DEC, NULL, 0, NULL } },
};

static int
dissect_gre (const RemoraTvb *tvb,
             RemoraPacket    *pkt,
             RemoraItem       parent,
             void            *data)
{
  guint16 fv = remora_tvb_get_ntohs (tvb, 0);
  guint16 proto = remora_tvb_get_ntohs (tvb, 2);
  guint version = fv & 7;
  RemoraItem tree, ti;
  RemoraTvb next;
  guint32 offset = 4;
  const char *pname = remora_value_string_lookup (gre_proto_vals, proto);

  remora_col_set_protocol (pkt, "GRE");
  remora_col_add_info (pkt, "Encapsulated %s", pname != NULL ? pname : "unknown");

  tree = remora_add_protocol (pkt, parent, proto_gre, tvb, 0, 4);
  if (pname != NULL)
    remora_item_append_text (pkt, tree, " (%s)", pname);
  else
    remora_item_append_text (pkt, tree, " (0x%04x)", proto);
  ti = remora_add_uint (pkt, tree, hf_flags_and_version, tvb, 0, 2, fv);
  remora_add_boolean (pkt, ti, hf_flag_checksum, tvb, 0, 2, fv);
  remora_add_boolean (pkt, ti, hf_flag_routing, tvb, 0, 2, fv);
  remora_add_boolean (pkt, ti, hf_flag_key, tvb, 0, 2, fv);
  remora_add_boolean (pkt, ti, hf_flag_seq, tvb, 0, 2, fv);
  remora_add_boolean (pkt, ti, hf_flag_ssr, tvb, 0, 2, fv);
  remora_add_uint (pkt, ti, hf_flag_recursion, tvb, 0, 2, fv);
  if (version == 1)
    remora_add_boolean (pkt, ti, hf_flag_ack, tvb, 0, 2, fv);
  remora_add_uint (pkt, ti, hf_flag_reserved, tvb, 0, 2, fv);
  remora_add_uint (pkt, ti, hf_flag_version, tvb, 0, 2, fv);
  remora_add_uint (pkt, tree, hf_proto, tvb, 2, 2, proto);

  if (fv & 0xc000)
    {
      guint16 cksum = remora_tvb_get_ntohs (tvb, 4);
      guint status = REMORA_CKSUM_UNVERIFIED;

      ti = remora_add_uint (pkt, tree, hf_checksum, tvb, 4, 2, cksum);
      if ((fv & 0x8000) && tvb->captured >= tvb->reported && !pkt->in_error_pkt)
        {
          guint16 computed = remora_cksum_finish (remora_cksum_add (0, remora_tvb_get_ptr (tvb, 0, tvb->reported), tvb->reported));

          status = computed == 0 ? REMORA_CKSUM_GOOD : REMORA_CKSUM_BAD;
          if (computed == 0)
            remora_item_append_text (pkt, ti, " [correct]");
          else
            remora_item_append_text (pkt, ti, " incorrect, should be 0x%04x", remora_cksum_shouldbe (cksum, computed));
        }
      remora_item_set_generated (pkt, remora_add_uint (pkt, tree, hf_checksum_status, tvb, 4, 0, status));
      remora_add_item (pkt, tree, hf_offset, tvb, 6, 2, REMORA_ENC_BIG_ENDIAN);
      offset += 4;
    }
  if (fv & 0x2000)
    {
      if (version == 1)
        {
          remora_add_item (pkt, tree, hf_key_payload_length, tvb, offset, 2, REMORA_ENC_BIG_ENDIAN);
          remora_add_item (pkt, tree, hf_key_call_id, tvb, offset + 2, 2, REMORA_ENC_BIG_ENDIAN);
        }
      else
        remora_add_item (pkt, tree, hf_key, tvb, offset, 4, REMORA_ENC_BIG_ENDIAN);
      offset += 4;
    }
  if (fv & 0x1000)
    {
      remora_add_item (pkt, tree, hf_seq, tvb, offset, 4, REMORA_ENC_BIG_ENDIAN);
      offset += 4;
    }
  if (version == 1 && (fv & 0x0080))
    {
      remora_add_item (pkt, tree, hf_ack, tvb, offset, 4, REMORA_ENC_BIG_ENDIAN);
      offset += 4;
    }
  /* source routing entries (bit R, deprecated) are not decoded */
  remora_item_set_len (pkt, tree, offset);

  remora_tvb_subset_remaining (&next, tvb, offset);
  if (remora_tvb_reported_remaining (&next, 0) == 0)
    return (int) tvb->captured;
  if (proto == 0x6558)
    {
      if (eth_handle == NULL)
        eth_handle = remora_dissector_find ("eth_withoutfcs");
      if (eth_handle == NULL)
        eth_handle = remora_dissector_find ("eth");
      if (eth_handle != NULL && remora_call_dissector (eth_handle, &next, pkt, parent, NULL) != 0)
        return (int) tvb->captured;
    }
  else if (remora_table_try_uint ("ethertype", proto, &next, pkt, parent, NULL) != 0)
    return (int) tvb->captured;
  remora_call_data (&next, pkt, parent);
  return (int) tvb->captured;
}

void
remora_register_gre (void)
{
  proto_gre = remora_proto_register ("Generic Routing Encapsulation", "GRE", "gre");
  remora_fields_register (proto_gre, gre_fields, G_N_ELEMENTS (gre_fields));
  remora_dissector_register ("gre", proto_gre, dissect_gre);
}

void
remora_handoff_gre (void)
{
  remora_table_add_uint ("ip.proto", 47, remora_dissector_find ("gre"));
}
