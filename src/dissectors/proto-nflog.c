/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-nflog"

#include "config.h"

#include "proto-eth.h"

/* Linux netfilter NFLOG (LINKTYPE_NFLOG, 239): a 4-byte header, then TLVs
 * whose length and type are in the capturing host's byte order (little
 * endian in practice) and whose values are big-endian, each padded to 4
 * bytes.  The NFULA_PAYLOAD TLV holds the packet, IPv4 or IPv6 by family. */

#define NFLOG_HEADER_LEN 4
#define TLV_HEADER_LEN   4

enum {
  NFULA_PACKET_HDR = 1,
  NFULA_TIMESTAMP = 3,
  NFULA_IFINDEX_INDEV = 4,
  NFULA_IFINDEX_OUTDEV = 5,
  NFULA_IFINDEX_PHYSINDEV = 6,
  NFULA_IFINDEX_PHYSOUTDEV = 7,
  NFULA_PAYLOAD = 9,
  NFULA_PREFIX = 10,
  NFULA_UID = 11,
  NFULA_GID = 14,
};

static int proto_nflog;
static int hf_nflog_family;
static int hf_nflog_version;
static int hf_nflog_res_id;
static int hf_nflog_tlv;
static int hf_nflog_tlv_length;
static int hf_nflog_tlv_type;
static int hf_nflog_protocol;
static int hf_nflog_hook;
static int hf_nflog_ifindex_indev;
static int hf_nflog_ifindex_outdev;
static int hf_nflog_ifindex_physindev;
static int hf_nflog_ifindex_physoutdev;
static int hf_nflog_prefix;
static int hf_nflog_uid;
static int hf_nflog_gid;
static int hf_nflog_timestamp;
static int hf_nflog_tlv_value;

static const RemoraValueString family_vals[] = {
  { 0, "Unspecified" },
  { 1, "IPv4/IPv6" },
  { 2, "IPv4" },
  { 3, "ARP" },
  { 5, "Netdev" },
  { 7, "Bridge" },
  { 10, "IPv6" },
  { 12, "DECNET" },
  { 0, NULL }
};

static const RemoraValueString tlv_type_vals[] = {
  { 0, "NFULA_UNSPEC" },
  { 1, "NFULA_PACKET_HDR" },
  { 2, "NFULA_MARK" },
  { 3, "NFULA_TIMESTAMP" },
  { 4, "NFULA_IFINDEX_INDEV" },
  { 5, "NFULA_IFINDEX_OUTDEV" },
  { 6, "NFULA_IFINDEX_PHYSINDEV" },
  { 7, "NFULA_IFINDEX_PHYSOUTDEV" },
  { 8, "NFULA_HWADDR" },
  { 9, "NFULA_PAYLOAD" },
  { 10, "NFULA_PREFIX" },
  { 11, "NFULA_UID" },
  { 12, "NFULA_SEQ" },
  { 13, "NFULA_SEQ_GLOBAL" },
  { 14, "NFULA_GID" },
  { 15, "NFULA_HWTYPE" },
  { 16, "NFULA_HWHEADER" },
  { 17, "NFULA_HWLEN" },
  { 0, NULL }
};

static const RemoraValueString hook_vals[] = {
  { 0, "Pre-routing" },
  { 1, "Local in" },
  { 2, "Forward" },
  { 3, "Local out" },
  { 4, "Post-routing" },
  { 5, "Number of hooks" },
  { 0, NULL }
};

static RemoraFieldDef nflog_fields[] = {
  { &hf_nflog_family, { "Family", "nflog.family", REMORA_FT_UINT8, REMORA_BASE_DEC, family_vals, 0, NULL } },
  { &hf_nflog_version, { "Version", "nflog.version", REMORA_FT_UINT8, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_nflog_res_id, { "Resource id", "nflog.res_id", REMORA_FT_UINT16, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_nflog_tlv, { "TLV", "nflog.tlv", REMORA_FT_BYTES, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_nflog_tlv_length, { "Length", "nflog.tlv_length", REMORA_FT_UINT16, REMORA_BASE_DEC, NULL, 0, "TLV Length" } },
  { &hf_nflog_tlv_type, { "Type", "nflog.tlv_type", REMORA_FT_UINT16, REMORA_BASE_DEC, tlv_type_vals, 0x7fff, "TLV Type" } },
  { &hf_nflog_protocol, { "HW protocol", "nflog.protocol", REMORA_FT_UINT16, REMORA_BASE_HEX, remora_etype_vals, 0, NULL } },
  { &hf_nflog_hook, { "Netfilter hook", "nflog.hook", REMORA_FT_UINT8, REMORA_BASE_DEC, hook_vals, 0, NULL } },
  { &hf_nflog_ifindex_indev, { "IFINDEX_INDEV", "nflog.ifindex_indev", REMORA_FT_UINT32, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_nflog_ifindex_outdev, { "IFINDEX_OUTDEV", "nflog.ifindex_outdev", REMORA_FT_UINT32, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_nflog_ifindex_physindev, { "IFINDEX_PHYSINDEV", "nflog.ifindex_physindev", REMORA_FT_UINT32, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_nflog_ifindex_physoutdev, { "IFINDEX_PHYSOUTDEV", "nflog.ifindex_physoutdev", REMORA_FT_UINT32, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_nflog_prefix, { "Prefix", "nflog.prefix", REMORA_FT_STRINGZ, REMORA_BASE_NONE, NULL, 0, "TLV Prefix Value" } },
  { &hf_nflog_uid, { "UID", "nflog.uid", REMORA_FT_INT32, REMORA_BASE_DEC, NULL, 0, "TLV UID Value" } },
  { &hf_nflog_gid, { "GID", "nflog.gid", REMORA_FT_INT32, REMORA_BASE_DEC, NULL, 0, "TLV GID Value" } },
  { &hf_nflog_timestamp, { "Timestamp", "nflog.timestamp", REMORA_FT_ABSOLUTE_TIME, REMORA_ABSOLUTE_TIME_UTC, NULL, 0, "TLV Timestamp Value" } },
  { &hf_nflog_tlv_value, { "Value", "nflog.tlv_value", REMORA_FT_BYTES, REMORA_BASE_NONE, NULL, 0, "TLV Value" } },
};

static void
dissect_tlv_value (const RemoraTvb *tvb,
                   RemoraPacket    *pkt,
                   RemoraItem       tree,
                   RemoraItem       top,
                   guint32          offset,
                   guint16          type,
                   guint32          len,
                   guint8           family)
{
  RemoraTvb next;

  switch (type)
    {
    case NFULA_PACKET_HDR:
      remora_add_item (pkt, tree, hf_nflog_protocol, tvb, offset, 2, REMORA_ENC_BIG_ENDIAN);
      remora_add_item (pkt, tree, hf_nflog_hook, tvb, offset + 2, 1, REMORA_ENC_NA);
      break;
    case NFULA_IFINDEX_INDEV:
      remora_add_item (pkt, tree, hf_nflog_ifindex_indev, tvb, offset, 4, REMORA_ENC_BIG_ENDIAN);
      break;
    case NFULA_IFINDEX_OUTDEV:
      remora_add_item (pkt, tree, hf_nflog_ifindex_outdev, tvb, offset, 4, REMORA_ENC_BIG_ENDIAN);
      break;
    case NFULA_IFINDEX_PHYSINDEV:
      remora_add_item (pkt, tree, hf_nflog_ifindex_physindev, tvb, offset, 4, REMORA_ENC_BIG_ENDIAN);
      break;
    case NFULA_IFINDEX_PHYSOUTDEV:
      remora_add_item (pkt, tree, hf_nflog_ifindex_physoutdev, tvb, offset, 4, REMORA_ENC_BIG_ENDIAN);
      break;
    case NFULA_PREFIX:
      remora_add_item (pkt, tree, hf_nflog_prefix, tvb, offset, len, REMORA_ENC_ASCII);
      break;
    case NFULA_UID:
      remora_add_item (pkt, tree, hf_nflog_uid, tvb, offset, 4, REMORA_ENC_BIG_ENDIAN);
      break;
    case NFULA_GID:
      remora_add_item (pkt, tree, hf_nflog_gid, tvb, offset, 4, REMORA_ENC_BIG_ENDIAN);
      break;
    case NFULA_TIMESTAMP:
      {
        guint64 secs = remora_tvb_get_ntoh64 (tvb, offset);
        guint64 usecs = remora_tvb_get_ntoh64 (tvb, offset + 8);
        gint64 ns = (gint64) (secs * G_GUINT64_CONSTANT (1000000000) + (usecs % 1000000u) * 1000u);

        remora_add_time (pkt, tree, hf_nflog_timestamp, tvb, offset, 16, ns);
      }
      break;
    case NFULA_PAYLOAD:
      {
        guint etype = family == 2 ? 0x0800 : family == 10 ? 0x86dd : 0;

        remora_tvb_subset_length (&next, tvb, offset, len);
        if (etype == 0 || remora_table_try_uint ("ethertype", etype, &next, pkt, top, NULL) <= 0)
          remora_call_data (&next, pkt, top);
      }
      break;
    default:
      remora_add_item (pkt, tree, hf_nflog_tlv_value, tvb, offset, len, REMORA_ENC_NA);
      break;
    }
}

static int
dissect_nflog (const RemoraTvb *tvb,
               RemoraPacket    *pkt,
               RemoraItem       tree,
               void            *data)
{
  guint8 family;
  guint32 offset = NFLOG_HEADER_LEN;
  RemoraItem ti;
  guint32 payload_offset = 0, payload_len = 0;
  gboolean has_payload = FALSE;

  remora_col_set_protocol (pkt, "NFLOG");
  remora_col_clear_info (pkt);

  family = remora_tvb_get_u8 (tvb, 0);
  ti = remora_add_protocol (pkt, tree, proto_nflog, tvb, 0, tvb->captured);
  remora_add_item (pkt, ti, hf_nflog_family, tvb, 0, 1, REMORA_ENC_NA);
  remora_add_item (pkt, ti, hf_nflog_version, tvb, 1, 1, REMORA_ENC_NA);
  remora_add_item (pkt, ti, hf_nflog_res_id, tvb, 2, 2, REMORA_ENC_BIG_ENDIAN);

  /* Every TLV advances by at least 4 bytes, so this ends. */
  while (remora_tvb_reported_remaining (tvb, offset) >= TLV_HEADER_LEN)
    {
      guint16 tlv_len = remora_tvb_get_letohs (tvb, offset);
      guint16 tlv_type = remora_tvb_get_letohs (tvb, offset + 2) & 0x7fff;
      guint32 value_len;
      RemoraItem tlv;

      if (tlv_len < TLV_HEADER_LEN)
        {
          remora_add_expert (pkt, ti, tvb, offset, 2, "Error", "Malformed", "TLV length %u is shorter than its header", tlv_len);
          break;
        }
      value_len = tlv_len - TLV_HEADER_LEN;

      tlv = remora_add_item (pkt, ti, hf_nflog_tlv, tvb, offset, tlv_len, REMORA_ENC_NA);
      if (pkt->tree_mode)
        {
          const char *name = remora_value_string_lookup (tlv_type_vals, tlv_type);

          remora_item_set_text (pkt, tlv, "TLV Type: %s (%u), Length: %u", name ? name : "Unknown", tlv_type, tlv_len);
        }
      remora_add_item (pkt, tlv, hf_nflog_tlv_length, tvb, offset, 2, REMORA_ENC_LITTLE_ENDIAN);
      remora_add_item (pkt, tlv, hf_nflog_tlv_type, tvb, offset + 2, 2, REMORA_ENC_LITTLE_ENDIAN);

      /* The packet is dissected after the TLV list, below NFLOG in the
       * tree, as Wireshark shows it. */
      if (tlv_type == NFULA_PAYLOAD)
        {
          has_payload = TRUE;
          payload_offset = offset + TLV_HEADER_LEN;
          payload_len = value_len;
        }
      else if (value_len > 0)
        dissect_tlv_value (tvb, pkt, tlv, tree, offset + TLV_HEADER_LEN, tlv_type, value_len, family);

      offset += (tlv_len + 3u) & ~3u;
    }

  if (has_payload)
    dissect_tlv_value (tvb, pkt, ti, tree, payload_offset, NFULA_PAYLOAD, payload_len, family);
  return (int) MAX (tvb->captured, 1u);
}

void
remora_register_nflog (void)
{
  proto_nflog = remora_proto_register ("Linux Netfilter NFLOG", "NFLOG", "nflog");
  remora_fields_register (proto_nflog, nflog_fields, G_N_ELEMENTS (nflog_fields));
  remora_dissector_register ("nflog", proto_nflog, dissect_nflog);
}

void
remora_handoff_nflog (void)
{
  remora_table_add_uint ("link_type", 239, remora_dissector_find ("nflog"));
}
