/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-ppp"

#include "config.h"

#include "proto-eth.h"

/* PPP frames as libpcap stores them (LINKTYPE_PPP, 9) and in HDLC-like
 * framing (LINKTYPE_PPP_HDLC, 50): optional address and control bytes,
 * then the protocol number.  No LCP/IPCP: those payloads show as data. */

static int proto_ppp;
static int hf_ppp_address;
static int hf_ppp_control;
static int hf_ppp_protocol;

static const RemoraValueString ppp_protocol_vals[] = {
  { 0x0001, "Padding Protocol" },
  { 0x0003, "ROHC small-CID" },
  { 0x0005, "ROHC large-CID" },
  { 0x0021, "Internet Protocol version 4" },
  { 0x0023, "OSI Network Layer" },
  { 0x0025, "Xerox NS IDP" },
  { 0x0027, "DECnet Phase IV" },
  { 0x0029, "Appletalk" },
  { 0x002b, "Novell IPX" },
  { 0x002d, "Van Jacobson Compressed TCP/IP" },
  { 0x002f, "Van Jacobson Uncompressed TCP/IP" },
  { 0x0031, "Bridging PDU" },
  { 0x0033, "Stream Protocol (ST-II)" },
  { 0x0035, "Banyan Vines" },
  { 0x0039, "AppleTalk EDDP" },
  { 0x003b, "AppleTalk SmartBuffered" },
  { 0x003d, "Multi-Link" },
  { 0x003f, "NETBIOS Framing" },
  { 0x0041, "Cisco Systems" },
  { 0x0043, "Ascom Timeplex" },
  { 0x0045, "Fujitsu Link Backup and Load Balancing (LBLB)" },
  { 0x0047, "DCA Remote Lan" },
  { 0x0049, "Serial Data Transport Protocol (PPP-SDTP)" },
  { 0x004b, "SNA over 802.2" },
  { 0x004d, "SNA" },
  { 0x004f, "IPv6 Header Compression " },
  { 0x0051, "KNX Bridging Data" },
  { 0x0053, "Encryption" },
  { 0x0055, "Individual Link Encryption" },
  { 0x0057, "Internet Protocol version 6" },
  { 0x0059, "PPP Muxing" },
  { 0x005b, "Vendor-Specific Network Protocol (VSNP)" },
  { 0x005d, "TRILL Network Protocol (TNP)" },
  { 0x0061, "RTP IPHC Full Header" },
  { 0x0063, "RTP IPHC Compressed TCP" },
  { 0x0065, "RTP IPHC Compressed Non TCP" },
  { 0x0067, "RTP IPHC Compressed UDP 8" },
  { 0x0069, "RTP IPHC Compressed RTP 8" },
  { 0x006f, "Stampede Bridging" },
  { 0x0073, "MP+ Protocol" },
  { 0x00c1, "NTCITS IPI" },
  { 0x00fb, "Single link compression in multilink" },
  { 0x00fd, "Compressed datagram" },
  { 0x0201, "802.1d Hello Packets" },
  { 0x0203, "IBM Source Routing BPDU" },
  { 0x0205, "DEC LANBridge100 Spanning Tree" },
  { 0x0207, "Cisco Discovery Protocol" },
  { 0x0209, "Netcs Twin Routing" },
  { 0x020b, "STP - Scheduled Transfer Protocol" },
  { 0x020d, "EDP - Extreme Discovery Protocol" },
  { 0x0211, "Optical Supervisory Channel Protocol (OSCP)" },
  { 0x0213, "Optical Supervisory Channel Protocol (OSCP)" },
  { 0x0231, "Luxcom" },
  { 0x0233, "Sigma Network Systems" },
  { 0x0235, "Apple Client Server Protocol" },
  { 0x0281, "MPLS Unicast" },
  { 0x0283, "MPLS Multicast" },
  { 0x0285, "IEEE p1284.4 standard - data packets" },
  { 0x0287, "ETSI TETRA Network Protocol Type 1" },
  { 0x0289, "Multichannel Flow Treatment Protocol" },
  { 0x2063, "RTP IPHC Compressed TCP No Delta" },
  { 0x2065, "RTP IPHC Context State" },
  { 0x2067, "RTP IPHC Compressed UDP 16" },
  { 0x2069, "RTP IPHC Compressed RTP 16" },
  { 0x4001, "Cray Communications Control Protocol" },
  { 0x4003, "CDPD Mobile Network Registration Protocol" },
  { 0x4005, "Expand accelerator protocol" },
  { 0x4007, "ODSICP NCP" },
  { 0x4009, "DOCSIS DLL" },
  { 0x400b, "Cetacean Network Detection Protocol" },
  { 0x4021, "Stacker LZS" },
  { 0x4023, "RefTek Protocol" },
  { 0x4025, "Fibre Channel" },
  { 0x4027, "EMIT Protocols" },
  { 0x405b, "Vendor-Specific Protocol (VSP)" },
  { 0x405d, "TRILL Link State Protocol (TLSP)" },
  { 0x8021, "Internet Protocol Control Protocol" },
  { 0x8023, "OSI Network Layer Control Protocol" },
  { 0x8025, "Xerox NS IDP Control Protocol" },
  { 0x8027, "DECnet Phase IV Control Protocol" },
  { 0x8029, "AppleTalk Control Protocol" },
  { 0x802b, "Novell IPX Control Protocol" },
  { 0x8031, "Bridging NCP" },
  { 0x8033, "Stream Protocol Control Protocol" },
  { 0x8035, "Banyan Vines Control Protocol" },
  { 0x803d, "Multi-Link Control Protocol" },
  { 0x803f, "NETBIOS Framing Control Protocol" },
  { 0x8041, "Cisco Systems Control Protocol" },
  { 0x8043, "Ascom Timeplex" },
  { 0x8045, "Fujitsu LBLB Control Protocol" },
  { 0x8047, "DCA Remote Lan Network Control Protocol (RLNCP)" },
  { 0x8049, "Serial Data Control Protocol (PPP-SDCP)" },
  { 0x804b, "SNA over 802.2 Control Protocol" },
  { 0x804d, "SNA Control Protocol" },
  { 0x804f, "IP6 Header Compression Control Protocol" },
  { 0x8051, "KNX Bridging Control Protocol" },
  { 0x8053, "Encryption Control Protocol" },
  { 0x8055, "Individual Link Encryption Control Protocol" },
  { 0x8057, "IPv6 Control Protocol" },
  { 0x8059, "PPP Muxing Control Protocol" },
  { 0x805b, "Vendor-Specific Network Control Protocol (VSNCP)" },
  { 0x805d, "TRILL Network Control Protocol" },
  { 0x806f, "Stampede Bridging Control Protocol" },
  { 0x8073, "MP+ Control Protocol" },
  { 0x80c1, "NTCITS IPI Control Protocol" },
  { 0x80fb, "Single link compression in multilink control" },
  { 0x80fd, "Compression Control Protocol" },
  { 0x8207, "Cisco Discovery Protocol Control Protocol" },
  { 0x8209, "Netcs Twin Routing" },
  { 0x820b, "STP - Control Protocol" },
  { 0x820d, "EDPCP - Extreme Discovery Protocol Control Protocol" },
  { 0x8235, "Apple Client Server Protocol Control" },
  { 0x8281, "MPLS Control Protocol" },
  { 0x8285, "IEEE p1284.4 standard - Protocol Control" },
  { 0x8287, "ETSI TETRA TNP1 Control Protocol" },
  { 0x8289, "Multichannel Flow Treatment Protocol" },
  { 0xc021, "Link Control Protocol" },
  { 0xc023, "Password Authentication Protocol" },
  { 0xc025, "Link Quality Report" },
  { 0xc027, "Shiva Password Authentication Protocol" },
  { 0xc029, "Callback Control Protocol (CBCP)" },
  { 0xc02b, "BACP Bandwidth Allocation Control Protocol" },
  { 0xc02d, "BAP Bandwidth Allocation Protocol" },
  { 0xc05b, "Vendor-Specific Authentication Protocol (VSAP)" },
  { 0xc081, "Container Control Protocol" },
  { 0xc223, "Challenge Handshake Authentication Protocol" },
  { 0xc225, "RSA Authentication Protocol" },
  { 0xc227, "Extensible Authentication Protocol" },
  { 0xc229, "Mitsubishi Security Information Exchange Protocol (SIEP)" },
  { 0xc26f, "Stampede Bridging Authorization Protocol" },
  { 0xc281, "Proprietary Authentication Protocol" },
  { 0xc283, "Proprietary Authentication Protocol" },
  { 0xc481, "Proprietary Node ID Authentication Protocol" },
  { 0, NULL }
};

static RemoraFieldDef ppp_fields[] = {
  { &hf_ppp_address, { "Address", "ppp.address", REMORA_FT_UINT8, REMORA_BASE_HEX, NULL, 0, NULL } },
  { &hf_ppp_control, { "Control", "ppp.control", REMORA_FT_UINT8, REMORA_BASE_HEX, NULL, 0, NULL } },
  { &hf_ppp_protocol, { "Protocol", "ppp.protocol", REMORA_FT_UINT16, REMORA_BASE_HEX, ppp_protocol_vals, 0, NULL } },
};

static int
dissect_ppp_hdlc (const RemoraTvb *tvb,
                  RemoraPacket    *pkt,
                  RemoraItem       tree,
                  void            *data)
{
  guint32 offset = 0, proto_len;
  guint16 protocol;
  guint etype = 0;
  RemoraItem ti;
  RemoraTvb next;

  remora_col_set_protocol (pkt, "PPP");
  remora_col_clear_info (pkt);

  ti = remora_add_protocol (pkt, tree, proto_ppp, tvb, 0, 0);
  if (remora_tvb_get_u8 (tvb, 0) == 0xff)
    {
      remora_add_item (pkt, ti, hf_ppp_address, tvb, 0, 1, REMORA_ENC_NA);
      remora_add_item (pkt, ti, hf_ppp_control, tvb, 1, 1, REMORA_ENC_NA);
      offset = 2;
    }
  /* An odd first byte is a compressed (1-byte) protocol field. */
  if (remora_tvb_get_u8 (tvb, offset) & 0x01)
    {
      protocol = remora_tvb_get_u8 (tvb, offset);
      proto_len = 1;
    }
  else
    {
      protocol = remora_tvb_get_ntohs (tvb, offset);
      proto_len = 2;
    }
  remora_add_uint (pkt, ti, hf_ppp_protocol, tvb, offset, proto_len, protocol);
  offset += proto_len;
  remora_item_set_len (pkt, ti, offset);

  remora_tvb_subset_remaining (&next, tvb, offset);
  if (remora_table_try_uint ("ppp.protocol", protocol, &next, pkt, tree, NULL) > 0)
    return (int) MAX (tvb->captured, 1u);

  /* IP's dissectors register Ethernet types; reach them through those. */
  if (protocol == 0x0021)
    etype = 0x0800;
  else if (protocol == 0x0057)
    etype = 0x86dd;
  if (etype != 0 && remora_table_try_uint ("ethertype", etype, &next, pkt, tree, NULL) > 0)
    return (int) MAX (tvb->captured, 1u);

  if (pkt->want_columns)
    {
      const char *name = remora_value_string_lookup (ppp_protocol_vals, protocol);

      remora_col_add_info (pkt, "PPP %s", name ? name : "Unknown");
    }
  remora_call_data (&next, pkt, tree);
  return (int) MAX (tvb->captured, 1u);
}

void
remora_register_ppp (void)
{
  proto_ppp = remora_proto_register ("Point-to-Point Protocol", "PPP", "ppp");
  remora_fields_register (proto_ppp, ppp_fields, G_N_ELEMENTS (ppp_fields));
  remora_dissector_register ("ppp_hdlc", proto_ppp, dissect_ppp_hdlc);
}

void
remora_handoff_ppp (void)
{
  RemoraDissector *ppp = remora_dissector_find ("ppp_hdlc");

  remora_table_add_uint ("link_type", 9, ppp);
  remora_table_add_uint ("link_type", 50, ppp);
  /* Linux cooked captures: protocol 7 is PPP in HDLC framing */
  remora_table_add_uint ("sll.ltype", 0x0007, ppp);
}
