/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-igmp"

#include "config.h"

#include "remora-dissectors.h"
#include "proto-ip.h"

/* Internet Group Management Protocol: v1 (RFC 1112), v2 (RFC 2236), v3
 * (RFC 3376) and the multicast traceroute messages (mtrace).  The version
 * is not on the wire: it follows from the type and the message length. */

static int proto_igmp;
static int hf_version, hf_type, hf_reserved, hf_max_resp, hf_max_resp_exp, hf_max_resp_mant;
static int hf_checksum, hf_checksum_status, hf_maddr, hf_s, hf_qrv, hf_qqic, hf_num_src, hf_saddr;
static int hf_num_grp_recs, hf_record_type, hf_aux_data_len, hf_aux_data, hf_data;
static int hf_mtrace_max_hops, hf_mtrace_saddr, hf_mtrace_raddr, hf_mtrace_rspaddr, hf_mtrace_resp_ttl;
static int hf_mtrace_q_id;

static RemoraDissector *igmp_msg_handle;

enum {
  IGMP_V1_QUERY = 0x11,
  IGMP_V1_REPORT = 0x12,
  IGMP_DVMRP = 0x13,
  IGMP_PIM = 0x14,
  IGMP_V2_REPORT = 0x16,
  IGMP_V2_LEAVE = 0x17,
  IGMP_MTRACE_RESP = 0x1e,
  IGMP_MTRACE_QUERY = 0x1f,
  IGMP_V3_REPORT = 0x22,
};

static const RemoraValueString type_vals[] = {
  { 0x01, "Create Group Request" }, { 0x02, "Create Group Reply" },
  { 0x03, "Join Group Request" }, { 0x04, "Join Group Reply" },
  { 0x05, "Leave Group Request" }, { 0x06, "Leave Group Reply" },
  { 0x07, "Confirm Group Request" }, { 0x08, "Confirm Group Reply" },
  { 0x11, "Membership Query" }, { 0x12, "Membership Report" },
  { 0x13, "DVMRP Protocol" }, { 0x14, "PIM Routing Message" },
  { 0x16, "Membership Report" }, { 0x17, "Leave Group" },
  { 0x1e, "Traceroute Response" }, { 0x1f, "Traceroute Query or Request" },
  { 0x22, "Membership Report" },
  { 0, NULL }
};

static const RemoraValueString record_type_vals[] = {
  { 1, "Mode Is Include" }, { 2, "Mode Is Exclude" }, { 3, "Change To Include Mode" },
  { 4, "Change To Exclude Mode" }, { 5, "Allow New Sources" }, { 6, "Block Old Sources" },
  { 0, NULL }
};

static RemoraFieldDef igmp_fields[] = {
  { &hf_type, { "Type", "igmp.type", REMORA_FT_UINT8, REMORA_BASE_HEX, type_vals, 0, "IGMP Packet Type" } },
  { &hf_reserved, { "Reserved", "igmp.reserved", REMORA_FT_BYTES, REMORA_BASE_NONE, NULL, 0, "IGMP Reserved" } },
  { &hf_version, { "IGMP Version", "igmp.version", REMORA_FT_UINT8, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_checksum, { "Checksum", "igmp.checksum", REMORA_FT_UINT16, REMORA_BASE_HEX, NULL, 0, "IGMP Checksum" } },
  { &hf_checksum_status, { "Checksum Status", "igmp.checksum.status", REMORA_FT_UINT8, REMORA_BASE_NONE,
                           remora_checksum_status_vals, 0, NULL } },
  { &hf_max_resp, { "Max Resp Time", "igmp.max_resp", REMORA_FT_UINT8, REMORA_BASE_DEC, NULL, 0, "Max Response Time" } },
  { &hf_s, { "S", "igmp.s", REMORA_FT_BOOLEAN, 8, NULL, 0x08, "Suppress Router Side Processing" } },
  { &hf_qrv, { "QRV", "igmp.qrv", REMORA_FT_UINT8, REMORA_BASE_DEC, NULL, 0x07, "Querier's Robustness Value" } },
  { &hf_qqic, { "QQIC", "igmp.qqic", REMORA_FT_UINT8, REMORA_BASE_DEC, NULL, 0, "Querier's Query Interval Code" } },
  { &hf_num_src, { "Num Src", "igmp.num_src", REMORA_FT_UINT16, REMORA_BASE_DEC, NULL, 0, "Number Of Sources" } },
  { &hf_saddr, { "Source Address", "igmp.saddr", REMORA_FT_IPv4, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_num_grp_recs, { "Num Group Records", "igmp.num_grp_recs", REMORA_FT_UINT16, REMORA_BASE_DEC, NULL, 0,
                        "Number Of Group Records" } },
  { &hf_record_type, { "Record Type", "igmp.record_type", REMORA_FT_UINT8, REMORA_BASE_DEC, record_type_vals, 0, NULL } },
  { &hf_aux_data_len, { "Aux Data Len", "igmp.aux_data_len", REMORA_FT_UINT8, REMORA_BASE_DEC, NULL, 0,
                        "Aux Data Len, In units of 32bit words" } },
  { &hf_maddr, { "Multicast Address", "igmp.maddr", REMORA_FT_IPv4, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_aux_data, { "Aux Data", "igmp.aux_data", REMORA_FT_BYTES, REMORA_BASE_NONE, NULL, 0, "IGMP V3 Auxiliary Data" } },
  { &hf_data, { "Data", "igmp.data", REMORA_FT_BYTES, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_max_resp_exp, { "Exponent", "igmp.max_resp.exp", REMORA_FT_UINT8, REMORA_BASE_HEX, NULL, 0x70,
                        "Maximum Response Time, Exponent" } },
  { &hf_max_resp_mant, { "Mantissa", "igmp.max_resp.mant", REMORA_FT_UINT8, REMORA_BASE_HEX, NULL, 0x0f,
                         "Maximum Response Time, Mantissa" } },
  { &hf_mtrace_max_hops, { "# hops", "igmp.mtrace.max_hops", REMORA_FT_UINT8, REMORA_BASE_DEC, NULL, 0,
                           "Maximum Number of Hops to Trace" } },
  { &hf_mtrace_saddr, { "Source Address", "igmp.mtrace.saddr", REMORA_FT_IPv4, REMORA_BASE_NONE, NULL, 0,
                        "Multicast Source for the Path Being Traced" } },
  { &hf_mtrace_raddr, { "Receiver Address", "igmp.mtrace.raddr", REMORA_FT_IPv4, REMORA_BASE_NONE, NULL, 0,
                        "Multicast Receiver for the Path Being Traced" } },
  { &hf_mtrace_rspaddr, { "Response Address", "igmp.mtrace.rspaddr", REMORA_FT_IPv4, REMORA_BASE_NONE, NULL, 0,
                          "Destination of Completed Traceroute Response" } },
  { &hf_mtrace_resp_ttl, { "Response TTL", "igmp.mtrace.resp_ttl", REMORA_FT_UINT8, REMORA_BASE_DEC, NULL, 0,
                           "TTL for Multicasted Responses" } },
  { &hf_mtrace_q_id, { "Query ID", "igmp.mtrace.q_id", REMORA_FT_UINT24, REMORA_BASE_DEC, NULL, 0,
                       "Identifier for this Traceroute Request" } },
};

static void
format_ipv4 (guint32 addr, char *buf, gsize size)
{
  g_snprintf (buf, size, "%u.%u.%u.%u", addr >> 24, (addr >> 16) & 0xff, (addr >> 8) & 0xff, addr & 0xff);
}

/* The checksum covers the whole IGMP message; it is only checked when all
 * of it was captured, as Wireshark does. */
static void
add_checksum (const RemoraTvb *tvb,
              RemoraPacket    *pkt,
              RemoraItem       tree,
              guint32          offset)
{
  guint16 cksum = remora_tvb_get_ntohs (tvb, offset);
  RemoraItem ti = remora_add_uint (pkt, tree, hf_checksum, tvb, offset, 2, cksum);
  guint status = REMORA_CKSUM_UNVERIFIED;

  if (tvb->captured >= tvb->reported && !pkt->in_error_pkt)
    {
      guint16 computed = remora_cksum_finish (remora_cksum_add (0, remora_tvb_get_ptr (tvb, 0, tvb->reported),
                                                                tvb->reported));
      if (computed == 0)
        {
          status = REMORA_CKSUM_GOOD;
          remora_item_append_text (pkt, ti, " [correct]");
        }
      else
        {
          guint16 shouldbe = remora_cksum_shouldbe (cksum, computed);

          status = REMORA_CKSUM_BAD;
          remora_item_append_text (pkt, ti, " incorrect, should be 0x%04x", shouldbe);
          remora_add_expert (pkt, ti, tvb, offset, 2, "Error", "Checksum", "Bad checksum [should be 0x%04x]", shouldbe);
        }
    }
  remora_item_set_generated (pkt, remora_add_uint (pkt, tree, hf_checksum_status, tvb, offset, 0, status));
}

static void
add_version (const RemoraTvb *tvb, RemoraPacket *pkt, RemoraItem tree, guint version)
{
  remora_item_set_generated (pkt, remora_add_uint (pkt, tree, hf_version, tvb, 0, 0, version));
}

static guint32
add_maddr (const RemoraTvb *tvb, RemoraPacket *pkt, RemoraItem tree, guint32 offset)
{
  guint32 maddr = remora_tvb_get_ntohl (tvb, offset);

  remora_add_ipv4 (pkt, tree, hf_maddr, tvb, offset, 4, maddr);
  return maddr;
}

/* v1 and v2 share one 8-byte layout; v1 has a reserved byte where v2 has
 * the maximum response time in tenths of a second. */
static void
dissect_v1_v2 (const RemoraTvb *tvb,
               RemoraPacket    *pkt,
               RemoraItem       tree,
               guint8           type,
               guint            version)
{
  char addr[16];
  guint32 maddr;

  remora_col_set_protocol (pkt, version == 1 ? "IGMPv1" : "IGMPv2");
  add_version (tvb, pkt, tree, version);
  remora_add_item (pkt, tree, hf_type, tvb, 0, 1, REMORA_ENC_BIG_ENDIAN);
  if (version == 1)
    remora_add_item (pkt, tree, hf_reserved, tvb, 1, 1, REMORA_ENC_NA);
  else
    {
      guint8 tsecs = remora_tvb_get_u8 (tvb, 1);
      RemoraItem ti = remora_add_uint (pkt, tree, hf_max_resp, tvb, 1, 1, tsecs);

      remora_item_set_text (pkt, ti, "Max Resp Time: %u.%u sec (0x%02x)", tsecs / 10u, tsecs % 10u, tsecs);
    }
  add_checksum (tvb, pkt, tree, 2);
  maddr = add_maddr (tvb, pkt, tree, 4);

  if (!pkt->want_columns)
    return;
  format_ipv4 (maddr, addr, sizeof addr);
  if (version == 1)
    remora_col_set_info (pkt, type == IGMP_V1_QUERY ? "Membership Query" : "Membership Report");
  else if (type == IGMP_V1_QUERY)
    {
      if (maddr == 0)
        remora_col_set_info (pkt, "Membership Query, general");
      else
        remora_col_add_info (pkt, "Membership Query, specific for group %s", addr);
    }
  else if (type == IGMP_V2_LEAVE)
    remora_col_add_info (pkt, "Leave Group %s", addr);
  else
    remora_col_add_info (pkt, "Membership Report group %s", addr);
}

/* The v3 maximum response code: below 128 a plain count of tenths,
 * otherwise a floating-point value (RFC 3376 4.1.1). */
static void
add_v3_max_resp (const RemoraTvb *tvb, RemoraPacket *pkt, RemoraItem tree, guint32 offset)
{
  guint8 code = remora_tvb_get_u8 (tvb, offset);
  guint32 tsecs = code < 128 ? code : (guint32) ((code & 0x0f) | 0x10) << (((code >> 4) & 0x07) + 3);
  RemoraItem ti = remora_add_uint (pkt, tree, hf_max_resp, tvb, offset, 1, code);

  remora_item_set_text (pkt, ti, "Max Resp Time: %u.%u sec (0x%02x)", tsecs / 10u, tsecs % 10u, code);
  if (code >= 128)
    {
      remora_add_uint (pkt, ti, hf_max_resp_exp, tvb, offset, 1, code);
      remora_add_uint (pkt, ti, hf_max_resp_mant, tvb, offset, 1, code);
    }
}

static void
dissect_v3_query (const RemoraTvb *tvb,
                  RemoraPacket    *pkt,
                  RemoraItem       tree)
{
  guint32 maddr, offset;
  guint16 num;
  char addr[16];

  remora_col_set_protocol (pkt, "IGMPv3");
  add_version (tvb, pkt, tree, 3);
  remora_add_item (pkt, tree, hf_type, tvb, 0, 1, REMORA_ENC_BIG_ENDIAN);
  add_v3_max_resp (tvb, pkt, tree, 1);
  add_checksum (tvb, pkt, tree, 2);
  maddr = add_maddr (tvb, pkt, tree, 4);
  remora_add_item (pkt, tree, hf_s, tvb, 8, 1, REMORA_ENC_BIG_ENDIAN);
  remora_add_item (pkt, tree, hf_qrv, tvb, 8, 1, REMORA_ENC_BIG_ENDIAN);
  remora_add_item (pkt, tree, hf_qqic, tvb, 9, 1, REMORA_ENC_BIG_ENDIAN);
  num = remora_tvb_get_ntohs (tvb, 10);
  remora_add_item (pkt, tree, hf_num_src, tvb, 10, 2, REMORA_ENC_BIG_ENDIAN);

  format_ipv4 (maddr, addr, sizeof addr);
  if (maddr == 0)
    remora_col_set_info (pkt, "Membership Query, general");
  else
    remora_col_add_info (pkt, "Membership Query, specific for group %s", addr);

  /* each source takes 4 bytes, so a bogus count ends at the packet's end */
  offset = 12;
  for (guint i = 0; i < num; i++)
    {
      guint32 src = remora_tvb_get_ntohl (tvb, offset);

      remora_add_ipv4 (pkt, tree, hf_saddr, tvb, offset, 4, src);
      if (pkt->want_columns)
        {
          format_ipv4 (src, addr, sizeof addr);
          remora_col_append_info (pkt, i == 0 ? ", source%s {%s" : ",%s%s", i == 0 && num > 1 ? "s" : "", addr);
          if (i + 1 == num)
            remora_col_append_info (pkt, "}");
        }
      offset += 4;
    }
}

static guint32
dissect_v3_group_record (const RemoraTvb *tvb,
                         RemoraPacket    *pkt,
                         RemoraItem       parent,
                         guint32          offset)
{
  guint8 rtype = remora_tvb_get_u8 (tvb, offset);
  guint8 aux = remora_tvb_get_u8 (tvb, offset + 1);
  guint16 num = remora_tvb_get_ntohs (tvb, offset + 2);
  guint32 maddr = remora_tvb_get_ntohl (tvb, offset + 4);
  guint32 start = offset;
  RemoraItem tree;
  char addr[16];
  gboolean join;

  format_ipv4 (maddr, addr, sizeof addr);
  tree = remora_add_text (pkt, parent, tvb, offset, 8, "Group Record : %s  %s", addr,
                          remora_value_string_lookup (record_type_vals, rtype) ?
                          remora_value_string_lookup (record_type_vals, rtype) : "Unknown");
  remora_add_item (pkt, tree, hf_record_type, tvb, offset, 1, REMORA_ENC_BIG_ENDIAN);
  remora_add_item (pkt, tree, hf_aux_data_len, tvb, offset + 1, 1, REMORA_ENC_BIG_ENDIAN);
  remora_add_item (pkt, tree, hf_num_src, tvb, offset + 2, 2, REMORA_ENC_BIG_ENDIAN);
  remora_add_ipv4 (pkt, tree, hf_maddr, tvb, offset + 4, 4, maddr);
  offset += 8;

  if (num == 0)
    {
      if (rtype == 2 || rtype == 4)
        remora_col_append_info (pkt, " / Join group %s for any sources", addr);
      else if (rtype == 3)
        remora_col_append_info (pkt, " / Leave group %s", addr);
      else
        remora_col_append_info (pkt, " / Group %s, %s", addr,
                                remora_value_string_lookup (record_type_vals, rtype) ?
                                remora_value_string_lookup (record_type_vals, rtype) : "Unknown");
    }
  else
    {
      join = rtype == 1 || rtype == 3 || rtype == 5;
      remora_col_append_info (pkt, " / %s group %s for source%s {", join ? "Join" : "Leave", addr,
                              num > 1 ? "s" : "");
    }
  for (guint i = 0; i < num; i++)
    {
      guint32 src = remora_tvb_get_ntohl (tvb, offset);

      remora_add_ipv4 (pkt, tree, hf_saddr, tvb, offset, 4, src);
      if (pkt->want_columns)
        {
          format_ipv4 (src, addr, sizeof addr);
          remora_col_append_info (pkt, "%s%s", addr, i + 1 < num ? "," : "}");
        }
      offset += 4;
    }
  if (aux > 0)
    {
      remora_add_item (pkt, tree, hf_aux_data, tvb, offset, aux * 4u, REMORA_ENC_NA);
      offset += aux * 4u;
    }
  remora_item_set_len (pkt, tree, offset - start);
  return offset;
}

static void
dissect_v3_report (const RemoraTvb *tvb,
                   RemoraPacket    *pkt,
                   RemoraItem       tree)
{
  guint16 num;
  guint32 offset = 8;

  remora_col_set_protocol (pkt, "IGMPv3");
  remora_col_set_info (pkt, "Membership Report");
  add_version (tvb, pkt, tree, 3);
  remora_add_item (pkt, tree, hf_type, tvb, 0, 1, REMORA_ENC_BIG_ENDIAN);
  remora_add_item (pkt, tree, hf_reserved, tvb, 1, 1, REMORA_ENC_NA);
  add_checksum (tvb, pkt, tree, 2);
  remora_add_item (pkt, tree, hf_reserved, tvb, 4, 2, REMORA_ENC_NA);
  num = remora_tvb_get_ntohs (tvb, 6);
  remora_add_item (pkt, tree, hf_num_grp_recs, tvb, 6, 2, REMORA_ENC_BIG_ENDIAN);
  /* every record takes at least 8 bytes: a bogus count runs off the end */
  for (guint i = 0; i < num; i++)
    offset = dissect_v3_group_record (tvb, pkt, tree, offset);
}

static void
dissect_mtrace (const RemoraTvb *tvb,
                RemoraPacket    *pkt,
                RemoraItem       tree,
                guint8           type)
{
  guint32 len = remora_tvb_reported_remaining (tvb, 0);

  remora_col_set_protocol (pkt, "IGMP");
  if (type == IGMP_MTRACE_RESP)
    remora_col_set_info (pkt, "Traceroute Response");
  else if (len <= 24)
    remora_col_set_info (pkt, "Traceroute Query");
  else
    remora_col_set_info (pkt, "Traceroute Request");

  remora_add_item (pkt, tree, hf_type, tvb, 0, 1, REMORA_ENC_BIG_ENDIAN);
  remora_add_item (pkt, tree, hf_mtrace_max_hops, tvb, 1, 1, REMORA_ENC_BIG_ENDIAN);
  add_checksum (tvb, pkt, tree, 2);
  add_maddr (tvb, pkt, tree, 4);
  remora_add_item (pkt, tree, hf_mtrace_saddr, tvb, 8, 4, REMORA_ENC_BIG_ENDIAN);
  remora_add_item (pkt, tree, hf_mtrace_raddr, tvb, 12, 4, REMORA_ENC_BIG_ENDIAN);
  remora_add_item (pkt, tree, hf_mtrace_rspaddr, tvb, 16, 4, REMORA_ENC_BIG_ENDIAN);
  remora_add_item (pkt, tree, hf_mtrace_resp_ttl, tvb, 20, 1, REMORA_ENC_BIG_ENDIAN);
  remora_add_item (pkt, tree, hf_mtrace_q_id, tvb, 21, 3, REMORA_ENC_BIG_ENDIAN);
  /* the per-hop response blocks that follow are not decoded */
}

/* The message itself, called from dissect_igmp so that frame.protocols
 * reads "ip:igmp:igmp" as in Wireshark (its per-version dissectors are
 * registered under the same protocol). */
static int
dissect_igmp_msg (const RemoraTvb *tvb,
                  RemoraPacket    *pkt,
                  RemoraItem       tree,
                  void            *data)
{
  guint8 type = remora_tvb_get_u8 (tvb, 0);
  guint32 len = remora_tvb_reported_remaining (tvb, 0);

  (void) data;
  switch (type)
    {
    case IGMP_V1_QUERY:
      if (len >= 12)
        dissect_v3_query (tvb, pkt, tree);
      else
        dissect_v1_v2 (tvb, pkt, tree, type, remora_tvb_get_u8 (tvb, 1) == 0 ? 1 : 2);
      break;
    case IGMP_V1_REPORT:
      dissect_v1_v2 (tvb, pkt, tree, type, 1);
      break;
    case IGMP_V2_REPORT:
    case IGMP_V2_LEAVE:
      dissect_v1_v2 (tvb, pkt, tree, type, 2);
      break;
    case IGMP_V3_REPORT:
      dissect_v3_report (tvb, pkt, tree);
      break;
    case IGMP_MTRACE_RESP:
    case IGMP_MTRACE_QUERY:
      dissect_mtrace (tvb, pkt, tree, type);
      break;
    default:
      {
        const char *name = remora_value_string_lookup (type_vals, type);

        remora_col_set_protocol (pkt, "IGMP");
        if (name != NULL)
          remora_col_set_info (pkt, name);
        else
          remora_col_add_info (pkt, "Unknown Type:0x%02x", type);
        remora_add_item (pkt, tree, hf_type, tvb, 0, 1, REMORA_ENC_BIG_ENDIAN);
        if (len > 1)
          remora_add_item (pkt, tree, hf_data, tvb, 1, remora_tvb_captured_remaining (tvb, 1), REMORA_ENC_NA);
      }
      break;
    }
  return (int) remora_tvb_captured_remaining (tvb, 0);
}

static int
dissect_igmp (const RemoraTvb *tvb,
              RemoraPacket    *pkt,
              RemoraItem       parent,
              void            *data)
{
  RemoraItem tree;

  (void) data;
  remora_col_set_protocol (pkt, "IGMP");
  remora_col_clear_info (pkt);
  /* DVMRP and PIMv1 ride in IGMP but are their own protocols' messages:
   * Wireshark hands them on before adding an IGMP item, so `igmp` does not
   * match them.  Without dissectors for those yet, their bytes are data. */
  if (remora_tvb_get_u8 (tvb, 0) == IGMP_DVMRP || remora_tvb_get_u8 (tvb, 0) == IGMP_PIM)
    return remora_call_data (tvb, pkt, parent);
  tree = remora_add_protocol (pkt, parent, proto_igmp, tvb, 0, remora_tvb_captured_remaining (tvb, 0));
  remora_call_dissector (igmp_msg_handle, tvb, pkt, tree, NULL);
  return (int) MAX (remora_tvb_captured_remaining (tvb, 0), 1u);
}

void
remora_register_igmp (void)
{
  proto_igmp = remora_proto_register ("Internet Group Management Protocol", "IGMP", "igmp");
  remora_fields_register (proto_igmp, igmp_fields, G_N_ELEMENTS (igmp_fields));
  remora_dissector_register ("igmp", proto_igmp, dissect_igmp);
  igmp_msg_handle = remora_dissector_register ("igmp.msg", proto_igmp, dissect_igmp_msg);
}

void
remora_handoff_igmp (void)
{
  remora_table_add_uint ("ip.proto", 2, remora_dissector_find ("igmp"));
}
