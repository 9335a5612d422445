/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-vlan"

#include "config.h"

#include "proto-eth.h"

/* IEEE 802.1Q VLAN tags (0x8100, and 0x9100 as stacked tags), and the
 * 802.1ad service tag (0x88a8), which Wireshark shows as its own layer. */

#define VLAN_TAG_LEN 4
#define IEEE_802_3_MAX_LEN 1500

static int proto_vlan;
static int proto_8021ad;
static int hf_vlan_priority;
static int hf_vlan_dei;
static int hf_vlan_id;
static int hf_vlan_etype;
static int hf_vlan_len;
static int hf_vlan_trailer;
static int hf_8021ad_priority;
static int hf_8021ad_dei;
static int hf_8021ad_id;
static int hf_8021ah_etype;

static RemoraDissector *ethertype_handle;

static const RemoraValueString priority_vals[] = {
  { 0, "Best Effort (default)" },
  { 1, "Background" },
  { 2, "Excellent Effort" },
  { 3, "Critical Applications" },
  { 4, "Video, < 100ms latency and jitter" },
  { 5, "Voice, < 10ms latency and jitter" },
  { 6, "Internetwork Control" },
  { 7, "Network Control" },
  { 0, NULL }
};

static const RemoraTrueFalse dei_tfs = { "Eligible", "Ineligible" };

static RemoraFieldDef vlan_fields[] = {
  { &hf_vlan_priority, { "Priority", "vlan.priority", REMORA_FT_UINT16, REMORA_BASE_DEC, priority_vals, 0xe000, "Descriptions are recommendations from IEEE standard 802.1D-2004" } },
  { &hf_vlan_dei, { "DEI", "vlan.dei", REMORA_FT_BOOLEAN, 16, &dei_tfs, 0x1000, "Drop Eligible Indicator" } },
  { &hf_vlan_id, { "ID", "vlan.id", REMORA_FT_UINT16, REMORA_BASE_DEC, NULL, 0x0fff, "VLAN ID" } },
  { &hf_vlan_etype, { "Type", "vlan.etype", REMORA_FT_UINT16, REMORA_BASE_HEX, remora_etype_vals, 0, "Ethertype" } },
  { &hf_vlan_len, { "Length", "vlan.len", REMORA_FT_UINT16, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_vlan_trailer, { "Trailer", "vlan.trailer", REMORA_FT_BYTES, REMORA_BASE_NONE, NULL, 0, "VLAN Trailer" } },
};

static RemoraFieldDef ieee8021ad_fields[] = {
  { &hf_8021ad_priority, { "Priority", "ieee8021ad.priority", REMORA_FT_UINT16, REMORA_BASE_DEC, NULL, 0xe000, NULL } },
  { &hf_8021ad_dei, { "DEI", "ieee8021ad.dei", REMORA_FT_UINT16, REMORA_BASE_DEC, NULL, 0x1000, "Drop Eligibility" } },
  { &hf_8021ad_id, { "ID", "ieee8021ad.id", REMORA_FT_UINT16, REMORA_BASE_DEC, NULL, 0x0fff, "Vlan ID" } },
  { &hf_8021ah_etype, { "Type", "ieee8021ah.etype", REMORA_FT_UINT16, REMORA_BASE_HEX, remora_etype_vals, 0, NULL } },
};

/* The payload after a tag: another Ethernet type, or an 802.3 length
 * followed by LLC. */
static void
dissect_payload (const RemoraTvb *tvb,
                 RemoraPacket    *pkt,
                 RemoraItem       tree,
                 RemoraItem       vlan_tree,
                 int              hf_etype)
{
  guint16 etype = remora_tvb_get_ntohs (tvb, 2);

  if (etype <= IEEE_802_3_MAX_LEN)
    {
      RemoraDissector *llc = remora_dissector_find ("llc");
      RemoraTvb next;

      remora_add_item (pkt, vlan_tree, hf_vlan_len, tvb, 2, 2, REMORA_ENC_BIG_ENDIAN);
      remora_tvb_subset_length (&next, tvb, VLAN_TAG_LEN, etype);
      if (llc == NULL || remora_call_dissector_guarded (llc, &next, pkt, tree, NULL) <= 0)
        remora_call_data (&next, pkt, tree);
      remora_eth_add_trailer (pkt, vlan_tree, hf_vlan_trailer, tvb, VLAN_TAG_LEN + next.reported, 0);
    }
  else
    {
      RemoraEthertypeData etd = {
        .etype = etype,
        .payload_offset = VLAN_TAG_LEN,
        .fh_tree = vlan_tree,
        .trailer_hf = hf_vlan_trailer,
        .fcs_len = 0,
      };

      remora_add_item (pkt, vlan_tree, hf_etype, tvb, 2, 2, REMORA_ENC_BIG_ENDIAN);
      remora_call_dissector (ethertype_handle, tvb, pkt, tree, &etd);
    }
}

static int
dissect_vlan (const RemoraTvb *tvb,
              RemoraPacket    *pkt,
              RemoraItem       tree,
              void            *data)
{
  guint16 tci;
  RemoraItem ti;

  remora_col_set_protocol (pkt, "VLAN");
  remora_col_clear_info (pkt);
  tci = remora_tvb_get_ntohs (tvb, 0);
  remora_col_add_info (pkt, "PRI: %u  DEI: %u  ID: %u", tci >> 13, (tci >> 12) & 1, tci & 0x0fff);

  ti = remora_add_protocol (pkt, tree, proto_vlan, tvb, 0, VLAN_TAG_LEN);
  remora_item_append_text (pkt, ti, ", PRI: %u, DEI: %u, ID: %u", tci >> 13, (tci >> 12) & 1, tci & 0x0fff);
  remora_add_item (pkt, ti, hf_vlan_priority, tvb, 0, 2, REMORA_ENC_BIG_ENDIAN);
  remora_add_item (pkt, ti, hf_vlan_dei, tvb, 0, 2, REMORA_ENC_BIG_ENDIAN);
  remora_add_item (pkt, ti, hf_vlan_id, tvb, 0, 2, REMORA_ENC_BIG_ENDIAN);
  dissect_payload (tvb, pkt, tree, ti, hf_vlan_etype);
  return (int) MAX (tvb->captured, 1u);
}

static int
dissect_ieee8021ad (const RemoraTvb *tvb,
                    RemoraPacket    *pkt,
                    RemoraItem       tree,
                    void            *data)
{
  guint16 tci;
  RemoraItem ti;

  remora_col_set_protocol (pkt, "802.1ad");
  tci = remora_tvb_get_ntohs (tvb, 0);

  ti = remora_add_protocol (pkt, tree, proto_8021ad, tvb, 0, VLAN_TAG_LEN);
  remora_item_append_text (pkt, ti, ", ID: %u", tci & 0x0fff);
  /* Wireshark marks the first two of these on the first byte only; the
   * values still come from the whole tag. */
  remora_add_uint (pkt, ti, hf_8021ad_priority, tvb, 0, 1, tci);
  remora_add_uint (pkt, ti, hf_8021ad_dei, tvb, 0, 1, tci);
  remora_add_item (pkt, ti, hf_8021ad_id, tvb, 0, 2, REMORA_ENC_BIG_ENDIAN);
  dissect_payload (tvb, pkt, tree, ti, hf_8021ah_etype);
  return (int) MAX (tvb->captured, 1u);
}

void
remora_register_vlan (void)
{
  proto_vlan = remora_proto_register ("802.1Q Virtual LAN", "VLAN", "vlan");
  remora_fields_register (proto_vlan, vlan_fields, G_N_ELEMENTS (vlan_fields));
  remora_dissector_register ("vlan", proto_vlan, dissect_vlan);

  proto_8021ad = remora_proto_register ("IEEE 802.1ad", "IEEE 802.1ad", "ieee8021ad");
  remora_fields_register (proto_8021ad, ieee8021ad_fields, G_N_ELEMENTS (ieee8021ad_fields));
  remora_dissector_register ("ieee8021ad", proto_8021ad, dissect_ieee8021ad);
}

void
remora_handoff_vlan (void)
{
  RemoraDissector *vlan = remora_dissector_find ("vlan");

  ethertype_handle = remora_dissector_find ("ethertype");
  remora_table_add_uint ("ethertype", 0x8100, vlan);
  remora_table_add_uint ("ethertype", 0x9100, vlan);
  remora_table_add_uint ("ethertype", 0x88a8, remora_dissector_find ("ieee8021ad"));
}
