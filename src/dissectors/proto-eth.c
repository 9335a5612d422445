/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-eth"

#include "config.h"

#include "proto-eth.h"

#include "remora-format.h"

/* Ethernet II and IEEE 802.3 framing, plus the "ethertype" step that every
 * link layer with an Ethernet type field goes through: it finds the payload
 * dissector and then shows whatever that payload did not claim as padding
 * and trailer, the way Wireshark does. */

#define ETH_HEADER_LEN     14
#define IEEE_802_3_MAX_LEN 1500
#define ETHERNET_II_MIN    1536
#define ETH_MIN_FRAME      60

static int proto_eth;
static int proto_ethertype;
static int hf_eth_dst;
static int hf_eth_dst_oui;
static int hf_eth_src;
static int hf_eth_src_oui;
static int hf_eth_addr;
static int hf_eth_addr_oui;
static int hf_eth_len;
static int hf_eth_type;
static int hf_eth_invalid_lentype;
static int hf_eth_padding;
static int hf_eth_trailer;
static int hf_eth_fcs;
static int hf_eth_fcs_status;
static int hf_eth_dst_lg;
static int hf_eth_dst_ig;
static int hf_eth_src_lg;
static int hf_eth_src_ig;
static int hf_eth_lg;
static int hf_eth_ig;

static RemoraDissector *ethertype_handle;
static RemoraDissector *llc_handle;

static const RemoraTrueFalse lg_tfs = {
  "Locally administered address (this is NOT the factory default)",
  "Globally unique address (factory default)"
};
static const RemoraTrueFalse ig_tfs = {
  "Group address (multicast/broadcast)",
  "Individual address (unicast)"
};
static const RemoraValueString fcs_status_vals[] = {
  { 0, "Bad" },
  { 1, "Good" },
  { 2, "Unverified" },
  { 0, NULL }
};

const RemoraValueString remora_etype_vals[] = {
  { 0x0600, "XNS Internet Datagram Protocol" },
  { 0x0800, "IPv4" },
  { 0x0805, "X.25 Layer 3" },
  { 0x0806, "ARP" },
  { 0x0842, "Wake on LAN" },
  { 0x08f0, "WiMax Mac-to-Mac" },
  { 0x08ff, "AX.25" },
  { 0x0bad, "Vines IP" },
  { 0x0baf, "Vines Echo" },
  { 0x1984, "Netmon Train" },
  { 0x2001, "Cisco Group Management Protocol" },
  { 0x22e5, "Gigamon Header" },
  { 0x22ea, "802.1Qat Multiple Stream Reservation Protocol" },
  { 0x22f0, "IEEE 1722 Audio Video Transport Protocol" },
  { 0x22f1, "Robust Header Compression(RoHC)" },
  { 0x22f3, "Transparent Interconnection of Lots of Links" },
  { 0x22f4, "Intermediate System to Intermediate System" },
  { 0x2452, "IEEE 802.11 (Centrino promiscuous)" },
  { 0x3c07, "3Com NBP Datagram" },
  { 0x3e3f, "EPL_V1" },
  { 0x6000, "DEC proto" },
  { 0x6001, "DEC DNA Dump/Load" },
  { 0x6002, "DEC DNA Remote Console" },
  { 0x6003, "DEC DNA Routing" },
  { 0x6004, "DEC LAT" },
  { 0x6005, "DEC Diagnostics" },
  { 0x6006, "DEC Customer use" },
  { 0x6007, "DEC LAVC/SCA" },
  { 0x6558, "Transparent Ethernet bridging" },
  { 0x8021, "PPP IP Control Protocol" },
  { 0x8035, "RARP" },
  { 0x8038, "DEC LanBridge" },
  { 0x8041, "DEC LAST" },
  { 0x809b, "AppleTalk LLAP bridging" },
  { 0x80d5, "SNA-over-Ethernet" },
  { 0x80e1, "EtherNet/IP Device Level Ring" },
  { 0x80f3, "AARP" },
  { 0x80fd, "PPP Compression Control Protocol" },
  { 0x80ff, "Wellfleet Compression Protocol" },
  { 0x8100, "802.1Q Virtual LAN" },
  { 0x8102, "Simple Loop Protection Protocol" },
  { 0x8103, "Virtual LACP" },
  { 0x8104, "Simple Loop Protection Protocol (old)" },
  { 0x8133, "Juniper Netscreen Redundant Protocol" },
  { 0x8137, "Netware IPX/SPX" },
  { 0x8181, "Spanning Tree Protocol" },
  { 0x81fd, "Cabletron Interswitch Message Protocol" },
  { 0x81ff, "Cabletron SFVLAN 1.8 Tag-Based Flood" },
  { 0x8204, "QNX 6 QNET protocol" },
  { 0x86dd, "IPv6" },
  { 0x872d, "Cisco Wireless Lan Context Control Protocol" },
  { 0x8783, "Motorola Media Independent Network Transport" },
  { 0x8808, "MAC Control" },
  { 0x8809, "Slow Protocols" },
  { 0x8819, "Cirrus Cobranet Packet" },
  { 0x8847, "MPLS label switched packet" },
  { 0x8848, "MPLS multicast label switched packet" },
  { 0x885a, "Foundry proprietary" },
  { 0x8863, "PPPoE Discovery" },
  { 0x8864, "PPPoE Session" },
  { 0x886c, "HomePNA, wlan link local tunnel" },
  { 0x886d, "Intel ANS probe" },
  { 0x886f, "MS NLB heartbeat" },
  { 0x8870, "Jumbo LLC" },
  { 0x8874, "Broadcom tag" },
  { 0x887b, "Homeplug" },
  { 0x8881, "CDMA2000 A10 Unstructured byte stream" },
  { 0x8884, "ATM over Ethernet" },
  { 0x888e, "802.1X Authentication" },
  { 0x8892, "PROFINET" },
  { 0x8899, "Realtek Layer 2 Protocols" },
  { 0x889b, "CSM_ENCAPS Protocol" },
  { 0x88a1, "Telkonet powerline" },
  { 0x88a2, "ATA over Ethernet" },
  { 0x88a4, "EtherCAT frame" },
  { 0x88a8, "802.1ad Provider Bridge (Q-in-Q)" },
  { 0x88ab, "ETHERNET Powerlink v2" },
  { 0x88ad, "XiMeta Technology" },
  { 0x88b4, "WAI Authentication Protocol" },
  { 0x88b5, "Local Experimental Ethertype 1" },
  { 0x88b6, "Local Experimental Ethertype 2" },
  { 0x88b7, "IEEE 802a OUI Extended Ethertype" },
  { 0x88b8, "IEC 61850/GOOSE" },
  { 0x88b9, "IEC 61850/GSE management services" },
  { 0x88ba, "IEC 61850/SV (Sampled Value Transmission" },
  { 0x88c7, "802.11i Pre-Authentication" },
  { 0x88ca, "Transparent Inter Process Communication" },
  { 0x88cc, "802.1 Link Layer Discovery Protocol (LLDP)" },
  { 0x88d2, "CDMA2000 A10 3GPP2 Packet" },
  { 0x88d8, "Circuit Emulation Services over Ethernet (MEF8)" },
  { 0x88d9, "Link Layer Topology Discovery (LLTD)" },
  { 0x88dc, "(WAVE) Short Message Protocol (WSM)" },
  { 0x88de, "VMware Lab Manager" },
  { 0x88e1, "Homeplug AV" },
  { 0x88e3, "MRP" },
  { 0x88e5, "802.1AE (MACsec)" },
  { 0x88e7, "802.1ah Provider Backbone Bridge (mac-in-mac)" },
  { 0x88ee, "Ethernet Local Management Interface (MEF16)" },
  { 0x88f6, "802.1ak Multiple Mac Registration Protocol" },
  { 0x88f7, "PTPv2 over Ethernet (IEEE1588)" },
  { 0x88f8, "Network Controller Sideband Interface" },
  { 0x88fb, "Parallel Redundancy Protocol (PRP) and HSR Supervision (IEC62439 Part 3)" },
  { 0x8901, "Flow Layer Internal Protocol" },
  { 0x8902, "IEEE 802.1ag Connectivity Fault Management (CFM) protocol" },
  { 0x8903, "Data Center Ethernet (DCE) protocol(Cisco)" },
  { 0x8906, "Fibre Channel over Ethernet" },
  { 0x8909, "CiscoMetaData" },
  { 0x890d, "IEEE 802.11 data encapsulation" },
  { 0x8911, "LINX IPC Protocol" },
  { 0x8914, "FCoE Initialization Protocol" },
  { 0x8915, "RDMA over Converged Ethernet" },
  { 0x8917, "Media Independent Handover Protocol" },
  { 0x891d, "TTEthernet Protocol Control Frame" },
  { 0x8926, "VN-Tag" },
  { 0x892b, "Schweitzer Engineering Labs Layer 2 Protocol" },
  { 0x892d, "bluecom Protocol" },
  { 0x892f, "High-availability Seamless Redundancy (IEC62439 Part 3)" },
  { 0x893a, "1905.1a Convergent Digital Home Network for Heterogenous Technologies" },
  { 0x893f, "802.1br Bridge Port Extension E-Tag" },
  { 0x8947, "GeoNetworking" },
  { 0x894f, "Network Service Header" },
  { 0x8988, "PA HB Backup" },
  { 0x9000, "Loopback" },
  { 0x9021, "Real-Time Media Access Control" },
  { 0x9022, "Real-Time Configuration Protocol" },
  { 0x9100, "QinQ: old non-standard 802.1ad" },
  { 0x9104, "EERO Broadcast Packet" },
  { 0x99fe, "Technically Enhanced Capture Module Protocol (TECMP)" },
  { 0xa0ed, "6LoWPAN" },
  { 0xaefe, "eCPRI" },
  { 0xb4e3, "CableLabs Layer-3 Protocol" },
  { 0xc021, "PPP Link Control Protocol" },
  { 0xc023, "PPP Password Authentication Protocol" },
  { 0xc0de, "eXpressive Internet Protocol" },
  { 0xc0df, "Neighborhood Watch Protocol" },
  { 0xcafe, "Veritas Low Latency Transport (not officially registered)" },
  { 0xd00d, "Digium TDM over Ethernet Protocol" },
  { 0xd28b, "Arista Timestamp" },
  { 0xe555, "EXos internal Extra Header" },
  { 0xf1c1, "802.1CB Frame Replication and Elimination for Reliability" },
  { 0xfff2, "Cisco ACI ARP gleaning" },
  { 0, NULL }
};


static RemoraFieldDef eth_fields[] = {
  { &hf_eth_dst, { "Destination", "eth.dst", REMORA_FT_ETHER, REMORA_BASE_NONE, NULL, 0, "Destination Hardware Address" } },
  { &hf_eth_dst_oui, { "Destination OUI", "eth.dst.oui", REMORA_FT_UINT24, REMORA_BASE_DEC, NULL, 0, "Destination Organizationally Unique Identifier" } },
  { &hf_eth_src, { "Source", "eth.src", REMORA_FT_ETHER, REMORA_BASE_NONE, NULL, 0, "Source Hardware Address" } },
  { &hf_eth_src_oui, { "Source OUI", "eth.src.oui", REMORA_FT_UINT24, REMORA_BASE_DEC, NULL, 0, "Source Organizationally Unique Identifier" } },
  { &hf_eth_len, { "Length", "eth.len", REMORA_FT_UINT16, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_eth_type, { "Type", "eth.type", REMORA_FT_UINT16, REMORA_BASE_HEX, remora_etype_vals, 0, NULL } },
  { &hf_eth_invalid_lentype, { "Invalid length/type", "eth.invalid_lentype", REMORA_FT_UINT16, REMORA_BASE_HEX_DEC, NULL, 0, NULL } },
  { &hf_eth_addr, { "Address", "eth.addr", REMORA_FT_ETHER, REMORA_BASE_NONE, NULL, 0, "Source or Destination Hardware Address" } },
  { &hf_eth_addr_oui, { "Address OUI", "eth.addr.oui", REMORA_FT_UINT24, REMORA_BASE_DEC, NULL, 0, "Address Organizationally Unique Identifier" } },
  { &hf_eth_padding, { "Padding", "eth.padding", REMORA_FT_BYTES, REMORA_BASE_NONE, NULL, 0, "Ethernet Padding" } },
  { &hf_eth_trailer, { "Trailer", "eth.trailer", REMORA_FT_BYTES, REMORA_BASE_NONE, NULL, 0, "Ethernet Trailer or Checksum" } },
  { &hf_eth_fcs, { "Frame check sequence", "eth.fcs", REMORA_FT_UINT32, REMORA_BASE_HEX, NULL, 0, "Ethernet checksum" } },
  { &hf_eth_fcs_status, { "FCS Status", "eth.fcs.status", REMORA_FT_UINT8, REMORA_BASE_NONE, fcs_status_vals, 0, NULL } },
  { &hf_eth_dst_lg, { "LG bit", "eth.dst.lg", REMORA_FT_BOOLEAN, 24, &lg_tfs, 0x20000, "Specifies if this is a locally administered or globally unique (IEEE assigned) address" } },
  { &hf_eth_dst_ig, { "IG bit", "eth.dst.ig", REMORA_FT_BOOLEAN, 24, &ig_tfs, 0x10000, "Specifies if this is an individual (unicast) or group (broadcast/multicast) address" } },
  { &hf_eth_src_lg, { "LG bit", "eth.src.lg", REMORA_FT_BOOLEAN, 24, &lg_tfs, 0x20000, "Specifies if this is a locally administered or globally unique (IEEE assigned) address" } },
  { &hf_eth_src_ig, { "IG bit", "eth.src.ig", REMORA_FT_BOOLEAN, 24, &ig_tfs, 0x10000, "Specifies if this is an individual (unicast) or group (broadcast/multicast) address" } },
  { &hf_eth_lg, { "LG bit", "eth.lg", REMORA_FT_BOOLEAN, 24, &lg_tfs, 0x20000, "Specifies if this is a locally administered or globally unique (IEEE assigned) address" } },
  { &hf_eth_ig, { "IG bit", "eth.ig", REMORA_FT_BOOLEAN, 24, &ig_tfs, 0x10000, "Specifies if this is an individual (unicast) or group (broadcast/multicast) address" } },
};

/* One address with the subtree Wireshark gives it: the address again as
 * eth.addr, its OUI (hidden) and the two flag bits of its first octet. */
static RemoraItem
add_address (RemoraPacket    *pkt,
             RemoraItem       tree,
             const RemoraTvb *tvb,
             guint32          offset,
             int              hf,
             int              hf_oui,
             int              hf_lg,
             int              hf_ig)
{
  RemoraItem ti = remora_add_item (pkt, tree, hf, tvb, offset, 6, REMORA_ENC_NA);

  remora_item_set_hidden (pkt, remora_add_item (pkt, ti, hf_oui, tvb, offset, 3, REMORA_ENC_BIG_ENDIAN));
  remora_add_item (pkt, ti, hf_eth_addr, tvb, offset, 6, REMORA_ENC_NA);
  remora_item_set_hidden (pkt, remora_add_item (pkt, ti, hf_eth_addr_oui, tvb, offset, 3, REMORA_ENC_BIG_ENDIAN));
  remora_add_item (pkt, ti, hf_lg, tvb, offset, 3, REMORA_ENC_BIG_ENDIAN);
  remora_item_set_hidden (pkt, remora_add_item (pkt, ti, hf_eth_lg, tvb, offset, 3, REMORA_ENC_BIG_ENDIAN));
  remora_add_item (pkt, ti, hf_ig, tvb, offset, 3, REMORA_ENC_BIG_ENDIAN);
  remora_item_set_hidden (pkt, remora_add_item (pkt, ti, hf_eth_ig, tvb, offset, 3, REMORA_ENC_BIG_ENDIAN));
  return ti;
}

void
remora_eth_add_trailer (RemoraPacket    *pkt,
                        RemoraItem       fh_tree,
                        int              trailer_hf,
                        const RemoraTvb *tvb,
                        guint32          trailer_offset,
                        int              fcs_len)
{
  guint32 frame_len = pkt->frame ? pkt->frame->orig_len : tvb->reported;
  guint32 reported, captured, padding = 0;
  gboolean has_fcs = FALSE, nonzero_padding = FALSE;
  RemoraItem ti;

  /* Nothing of the trailer was captured: nothing to show. */
  if (trailer_offset >= tvb->captured)
    return;
  reported = remora_tvb_reported_remaining (tvb, trailer_offset);
  captured = MIN (remora_tvb_captured_remaining (tvb, trailer_offset), reported);
  if (reported == 0)
    return;

  /* Short frames are padded to 60 bytes on the wire (without the FCS);
   * only zeros count as padding, anything else is left to the trailer. */
  if (frame_len >= ETH_MIN_FRAME && frame_len - reported < ETH_MIN_FRAME)
    {
      padding = ETH_MIN_FRAME - (frame_len - reported);
      if (padding > captured)
        padding = 0;
      else
        {
          const guint8 *p = remora_tvb_get_ptr (tvb, trailer_offset, padding);

          for (guint32 i = 0; i < padding; i++)
            if (p[i] != 0)
              {
                nonzero_padding = TRUE;
                padding = 0;
                break;
              }
        }
      if (padding > 0)
        remora_add_item (pkt, fh_tree, hf_eth_padding, tvb, trailer_offset, padding, REMORA_ENC_NA);
    }
  captured -= padding;
  reported -= padding;

  /* Unknown FCS presence: a frame of 64 bytes or more has no need for a
   * trailer, so its last 4 bytes are taken to be the FCS. */
  if (fcs_len == 4 || (fcs_len < 0 && tvb->reported >= 64 && reported >= 4))
    {
      if (captured < reported)
        {
          reported -= 4;
          captured = MIN (captured, reported);
        }
      else
        {
          captured -= 4;
          reported -= 4;
        }
      has_fcs = TRUE;
    }

  if (reported > 0 && captured > 0)
    {
      ti = remora_add_item (pkt, fh_tree, trailer_hf, tvb, trailer_offset + padding, captured, REMORA_ENC_NA);
      if (nonzero_padding)
        remora_add_expert (pkt, ti, tvb, trailer_offset, 0, "Note", "Protocol",
                           "Didn't find padding of zeros, and an undecoded trailer exists. There may be padding of non-zeros.");
    }

  if (has_fcs && remora_tvb_bytes_exist (tvb, trailer_offset + padding + captured, 4))
    {
      guint32 off = trailer_offset + padding + captured;

      ti = remora_add_item (pkt, fh_tree, hf_eth_fcs, tvb, off, 4, REMORA_ENC_BIG_ENDIAN);
      remora_item_append_text (pkt, ti, " [unverified]");
      remora_item_set_generated (pkt, remora_add_uint (pkt, ti, hf_eth_fcs_status, tvb, off, 0, 2));
    }
}

static int
dissect_ethertype (const RemoraTvb *tvb,
                   RemoraPacket    *pkt,
                   RemoraItem       tree,
                   void            *data)
{
  const RemoraEthertypeData *etd = data;
  RemoraDissector *sub;
  RemoraTvb next;
  guint32 before, used = 0;
  int result = 0;

  if (etd == NULL)
    return 0;

  remora_tvb_subset_remaining (&next, tvb, etd->payload_offset);
  before = next.reported;

  /* A failing payload still leaves the trailer to show, so the payload is
   * guarded here as in Wireshark. */
  sub = remora_table_lookup_uint ("ethertype", etd->etype);
  if (sub != NULL)
    result = remora_call_dissector_guarded (sub, &next, pkt, tree, NULL);

  if (result <= 0)
    {
      const char *name = remora_value_string_lookup (remora_etype_vals, etd->etype);

      remora_call_data (&next, pkt, tree);
      if (pkt->want_columns)
        {
          char buf[8];

          g_snprintf (buf, sizeof buf, "0x%04x", etd->etype);
          remora_col_set_protocol (pkt, remora_packet_strndup (pkt, buf, strlen (buf)));
          if (name != NULL)
            remora_col_set_info (pkt, name);
        }
      used = before;
    }
  else
    used = MIN ((guint32) result, before);

  remora_eth_add_trailer (pkt, etd->fh_tree, etd->trailer_hf, tvb, etd->payload_offset + used, etd->fcs_len);
  return (int) MAX (tvb->captured, 1u);
}

static void
dissect_802_3 (const RemoraTvb *tvb,
               RemoraPacket    *pkt,
               RemoraItem       tree,
               RemoraItem       fh_tree,
               guint16          length)
{
  guint32 avail = remora_tvb_reported_remaining (tvb, ETH_HEADER_LEN);
  RemoraItem ti;
  RemoraTvb next;

  ti = remora_add_item (pkt, fh_tree, hf_eth_len, tvb, 12, 2, REMORA_ENC_BIG_ENDIAN);
  if (length > avail)
    {
      remora_add_expert (pkt, ti, tvb, 12, 2, "Error", "Malformed",
                         "Length field value goes past the end of the payload");
      length = (guint16) avail;
    }
  remora_tvb_subset_length (&next, tvb, ETH_HEADER_LEN, length);

  if (llc_handle == NULL)
    llc_handle = remora_dissector_find ("llc");
  if (llc_handle == NULL || remora_call_dissector_guarded (llc_handle, &next, pkt, tree, NULL) <= 0)
    remora_call_data (&next, pkt, tree);

  remora_eth_add_trailer (pkt, fh_tree, hf_eth_trailer, tvb, ETH_HEADER_LEN + length, -1);
}

static int
dissect_eth (const RemoraTvb *tvb,
             RemoraPacket    *pkt,
             RemoraItem       tree,
             void            *data)
{
  const guint8 *p;
  guint8 dst[6], src[6];
  guint16 etype;
  RemoraItem ti;

  remora_col_set_protocol (pkt, "Ethernet");
  remora_col_clear_info (pkt);

  /* The destination is known even when the frame ends inside the source:
   * Wireshark's columns show it then, and so do ours. */
  p = remora_tvb_get_ptr (tvb, 0, 6);
  memcpy (dst, p, 6);
  remora_address_set (&pkt->dl_dst, REMORA_AT_ETHER, dst, 6);
  pkt->dst = pkt->dl_dst;
  p = remora_tvb_get_ptr (tvb, 6, 6);
  memcpy (src, p, 6);
  remora_address_set (&pkt->dl_src, REMORA_AT_ETHER, src, 6);
  pkt->src = pkt->dl_src;
  etype = remora_tvb_get_ntohs (tvb, 12);

  ti = remora_add_protocol (pkt, tree, proto_eth, tvb, 0, ETH_HEADER_LEN);
  if (pkt->tree_mode)
    {
      g_autoptr(GString) s = g_string_new (NULL);
      g_autoptr(GString) d = g_string_new (NULL);

      remora_format_ether_label (src, s);
      remora_format_ether_label (dst, d);
      if (etype <= IEEE_802_3_MAX_LEN)
        remora_item_set_text (pkt, ti, "IEEE 802.3 Ethernet ");
      else
        remora_item_set_text (pkt, ti, "Ethernet II, Src: %s, Dst: %s", s->str, d->str);
    }
  add_address (pkt, ti, tvb, 0, hf_eth_dst, hf_eth_dst_oui, hf_eth_dst_lg, hf_eth_dst_ig);
  {
    RemoraItem si = add_address (pkt, ti, tvb, 6, hf_eth_src, hf_eth_src_oui, hf_eth_src_lg, hf_eth_src_ig);

    if (src[0] & 0x01)
      remora_add_expert (pkt, si, tvb, 6, 6, "Warning", "Protocol",
                         "Source MAC must not be a group address: IEEE 802.3-2002, Section 3.2.3(b)");
  }

  if (etype <= IEEE_802_3_MAX_LEN)
    {
      dissect_802_3 (tvb, pkt, tree, ti, etype);
    }
  else if (etype < ETHERNET_II_MIN)
    {
      RemoraTvb next;
      RemoraItem it = remora_add_item (pkt, ti, hf_eth_invalid_lentype, tvb, 12, 2, REMORA_ENC_BIG_ENDIAN);

      remora_add_expert (pkt, it, tvb, 12, 2, "Warning", "Protocol", "Invalid length/type: 0x%04x (%u)", etype, etype);
      remora_tvb_subset_remaining (&next, tvb, ETH_HEADER_LEN);
      remora_call_data (&next, pkt, tree);
    }
  else
    {
      RemoraEthertypeData etd = {
        .etype = etype,
        .payload_offset = ETH_HEADER_LEN,
        .fh_tree = ti,
        .trailer_hf = hf_eth_trailer,
        .fcs_len = -1,
      };

      remora_add_item (pkt, ti, hf_eth_type, tvb, 12, 2, REMORA_ENC_BIG_ENDIAN);
      remora_call_dissector (ethertype_handle, tvb, pkt, tree, &etd);
    }
  return (int) MAX (tvb->captured, 1u);
}

void
remora_register_eth (void)
{
  proto_eth = remora_proto_register ("Ethernet", "Ethernet", "eth");
  remora_fields_register (proto_eth, eth_fields, G_N_ELEMENTS (eth_fields));
  remora_dissector_register ("eth", proto_eth, dissect_eth);

  proto_ethertype = remora_proto_register ("Ethertype", "Ethertype", "ethertype");
  ethertype_handle = remora_dissector_register ("ethertype", proto_ethertype, dissect_ethertype);
}

void
remora_handoff_eth (void)
{
  /* LINKTYPE_ETHERNET */
  remora_table_add_uint ("link_type", 1, remora_dissector_find ("eth"));
}
