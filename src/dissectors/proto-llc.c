/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-llc"

#include "config.h"

#include "proto-eth.h"

/* IEEE 802.2 LLC and the SNAP header it can carry.  SNAP with the
 * "encapsulated Ethernet" OUI hands its payload straight to the
 * "ethertype" table (no ethertype layer, as in Wireshark). */

#define SAP_SNAP 0xaa
#define OUI_ENCAP_ETHER 0x000000
#define OUI_CISCO_90    0x0000f8

static int proto_llc;
static int hf_llc_dsap;
static int hf_llc_dsap_ig;
static int hf_llc_ssap;
static int hf_llc_ssap_cr;
static int hf_llc_control;
static int hf_llc_n_r;
static int hf_llc_n_s;
static int hf_llc_s_ftype;
static int hf_llc_u_cmd;
static int hf_llc_u_resp;
static int hf_llc_ftype;
static int hf_llc_type;
static int hf_llc_oui;
static int hf_llc_pid;

static const RemoraValueString sap_vals[] = {
  { 0x00, "NULL LSAP" },
  { 0x02, "LLC Sub-Layer Management" },
  { 0x04, "SNA Path Control" },
  { 0x06, "TCP/IP" },
  { 0x08, "SNA" },
  { 0x0c, "SNA" },
  { 0x0e, "PROWAY (IEC955) Network Management and Initialization" },
  { 0x10, "NetWare (unofficial?)" },
  { 0x14, "ISO Network Layer (OSLAN 1)" },
  { 0x18, "Texas Instruments" },
  { 0x20, "ISO Network Layer (unofficial?)" },
  { 0x34, "ISO Network Layer (unofficial?)" },
  { 0x42, "Spanning Tree BPDU" },
  { 0x4e, "EIA RS-511 Manufacturing Message Service" },
  { 0x54, "ISO Network Layer (OSLAN 2)" },
  { 0x7e, "ISO 8208 (X.25 over 802.2)" },
  { 0x7f, "ISO 802.2" },
  { 0x80, "XNS" },
  { 0x82, "BACnet" },
  { 0x86, "Nestar" },
  { 0x8e, "PROWAY (IEC955) Active Station List Maintenance" },
  { 0x98, "ARP" },
  { 0xaa, "SNAP" },
  { 0xb4, "HP JetDirect Printer" },
  { 0xba, "Banyan Vines" },
  { 0xbc, "Banyan Vines" },
  { 0xe0, "NetWare" },
  { 0xf0, "NetBIOS" },
  { 0xf4, "IBM Net Management" },
  { 0xf8, "HP Extended LLC" },
  { 0xfa, "Ungermann-Bass" },
  { 0xfc, "Remote Program Load" },
  { 0xfe, "ISO Network Layer" },
  { 0xff, "Global LSAP" },
  { 0, NULL }
};

static const RemoraTrueFalse ig_tfs = { "Group", "Individual" };
static const RemoraTrueFalse cr_tfs = { "Response", "Command" };

static const RemoraValueString u_cmd_vals[] = {
  { 0x00, "Unnumbered Information" },
  { 0x01, "Set Initialization Mode" },
  { 0x03, "Set Asynchronous Response Mode" },
  { 0x08, "Unnumbered Poll" },
  { 0x0b, "Set Asynchronous Balanced Mode" },
  { 0x10, "Disconnect" },
  { 0x13, "Set Asynchronous Response Mode Extended" },
  { 0x18, "Unnumbered Acknowledge" },
  { 0x1b, "Set Asynchronous Balanced Mode Extended" },
  { 0x20, "Set Normal Response Mode" },
  { 0x21, "Frame reject" },
  { 0x23, "Reset" },
  { 0x2b, "Exchange identification" },
  { 0x31, "Configure" },
  { 0x33, "Set Normal Response Mode Extended" },
  { 0x38, "Test" },
  { 0x3b, "Beacon" },
  { 0, NULL }
};

static const RemoraValueString u_resp_vals[] = {
  { 0x00, "Unnumbered Information" },
  { 0x01, "Request Initialization Mode" },
  { 0x03, "Disconnected mode" },
  { 0x08, "Unnumbered Poll" },
  { 0x0b, "Set Asynchronous Balanced Mode" },
  { 0x10, "Request Disconnect" },
  { 0x13, "Set Asynchronous Response Mode Extended" },
  { 0x18, "Unnumbered Acknowledge" },
  { 0x1b, "Set Asynchronous Balanced Mode Extended" },
  { 0x20, "Set Normal Response Mode" },
  { 0x21, "Frame reject" },
  { 0x23, "Reset" },
  { 0x2b, "Exchange identification" },
  { 0x31, "Configure" },
  { 0x33, "Set Normal Response Mode Extended" },
  { 0x38, "Test" },
  { 0x3b, "Beacon" },
  { 0, NULL }
};

/* The short names in the control field's summary. */
static const RemoraValueString u_cmd_abbrevs[] = {
  { 0x00, "UI" }, { 0x01, "SIM" }, { 0x03, "SARM" }, { 0x08, "UP" },
  { 0x0b, "SABM" }, { 0x10, "DISC" }, { 0x13, "SARME" }, { 0x18, "UA" },
  { 0x1b, "SABME" }, { 0x20, "SNRM" }, { 0x21, "FRMR" }, { 0x23, "RSET" },
  { 0x2b, "XID" }, { 0x31, "CFGR" }, { 0x33, "SNRME" }, { 0x38, "TEST" },
  { 0x3b, "BCN" },
  { 0, NULL }
};

static const RemoraValueString u_resp_abbrevs[] = {
  { 0x00, "UI" }, { 0x01, "RIM" }, { 0x03, "DM" }, { 0x08, "UP" },
  { 0x0b, "SABM" }, { 0x10, "RD" }, { 0x13, "SARME" }, { 0x18, "UA" },
  { 0x1b, "SABME" }, { 0x20, "SNRM" }, { 0x21, "FRMR" }, { 0x23, "RSET" },
  { 0x2b, "XID" }, { 0x31, "CFGR" }, { 0x33, "SNRME" }, { 0x38, "TEST" },
  { 0x3b, "BCN" },
  { 0, NULL }
};

static const RemoraValueString s_ftype_vals[] = {
  { 0, "Receiver ready" },
  { 1, "Receiver not ready" },
  { 2, "Reject" },
  { 3, "Selective reject" },
  { 0, NULL }
};

static const RemoraValueString s_ftype_abbrevs[] = {
  { 0, "RR" }, { 1, "RNR" }, { 2, "REJ" }, { 3, "SREJ" },
  { 0, NULL }
};

static const RemoraValueString ftype_vals[] = {
  { 0, "Information frame" },
  { 1, "Supervisory frame" },
  { 3, "Unnumbered frame" },
  { 0, NULL }
};

static const RemoraValueString oui_vals[] = {
  { 0x000000, "Officially Xerox, but" },
  { 0x00000c, "Cisco Systems, Inc" },
  { 0x0000f8, "Cisco 90-Compatible" },
  { 0x000142, "Cisco Systems, Inc" },
  { 0x000d3a, "Microsoft Corp." },
  { 0x0019dc, "Enterasys Networks Inc." },
  { 0x0080c2, "IEEE 802.1 Committee" },
  { 0x00e02b, "Extreme Networks" },
  { 0x080007, "Apple Computer, Inc." },
  { 0, NULL }
};

static RemoraFieldDef llc_fields[] = {
  { &hf_llc_dsap, { "DSAP", "llc.dsap", REMORA_FT_UINT8, REMORA_BASE_HEX, sap_vals, 0, "Destination Service Access Point" } },
  { &hf_llc_dsap_ig, { "IG Bit", "llc.dsap.ig", REMORA_FT_BOOLEAN, 8, &ig_tfs, 0x01, "Individual/Group" } },
  { &hf_llc_ssap, { "SSAP", "llc.ssap", REMORA_FT_UINT8, REMORA_BASE_HEX, sap_vals, 0, "Source Service Access Point" } },
  { &hf_llc_ssap_cr, { "CR Bit", "llc.ssap.cr", REMORA_FT_BOOLEAN, 8, &cr_tfs, 0x01, "Command/Response" } },
  { &hf_llc_control, { "Control", "llc.control", REMORA_FT_UINT16, REMORA_BASE_HEX, NULL, 0, NULL } },
  { &hf_llc_n_r, { "N(R)", "llc.control.n_r", REMORA_FT_UINT16, REMORA_BASE_DEC, NULL, 0xfe00, NULL } },
  { &hf_llc_n_s, { "N(S)", "llc.control.n_s", REMORA_FT_UINT16, REMORA_BASE_DEC, NULL, 0x00fe, NULL } },
  { &hf_llc_s_ftype, { "Supervisory frame type", "llc.control.s_ftype", REMORA_FT_UINT16, REMORA_BASE_HEX, s_ftype_vals, 0x000c, NULL } },
  { &hf_llc_u_cmd, { "Command", "llc.control.u_modifier_cmd", REMORA_FT_UINT8, REMORA_BASE_HEX, u_cmd_vals, 0xec, NULL } },
  { &hf_llc_u_resp, { "Response", "llc.control.u_modifier_resp", REMORA_FT_UINT8, REMORA_BASE_HEX, u_resp_vals, 0xec, NULL } },
  { &hf_llc_ftype, { "Frame type", "llc.control.ftype", REMORA_FT_UINT8, REMORA_BASE_HEX, ftype_vals, 0x03, NULL } },
  { &hf_llc_type, { "Type", "llc.type", REMORA_FT_UINT16, REMORA_BASE_HEX, remora_etype_vals, 0, NULL } },
  { &hf_llc_oui, { "Organization Code", "llc.oui", REMORA_FT_UINT24, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_llc_pid, { "Protocol ID", "llc.pid", REMORA_FT_UINT16, REMORA_BASE_HEX, NULL, 0, NULL } },
};

/* Adds the control field and returns its length (1 for U frames, 2 for
 * the I and S frames of 802.2's extended format). */
static guint32
add_control (const RemoraTvb *tvb,
             RemoraPacket    *pkt,
             RemoraItem       tree,
             guint32          offset,
             gboolean         is_response)
{
  guint8 first = remora_tvb_get_u8 (tvb, offset);
  RemoraItem ti;

  if ((first & 0x03) == 0x03)
    {
      guint8 modifier = (first & 0xec) >> 2;
      const char *abbrev = remora_value_string_lookup (is_response ? u_resp_abbrevs : u_cmd_abbrevs, modifier);
      const char *pf = (first & 0x10) ? (is_response ? " F" : " P") : "";

      ti = remora_add_uint (pkt, tree, hf_llc_control, tvb, offset, 1, first);
      remora_item_set_text (pkt, ti, "Control field: U%s, func=%s (0x%02X)", pf, abbrev ? abbrev : "Unknown", first);
      if (pkt->want_columns)
        remora_col_add_info (pkt, "U%s, func=%s", pf, abbrev ? abbrev : "Unknown");
      remora_add_item (pkt, ti, is_response ? hf_llc_u_resp : hf_llc_u_cmd, tvb, offset, 1, REMORA_ENC_NA);
      remora_add_item (pkt, ti, hf_llc_ftype, tvb, offset, 1, REMORA_ENC_NA);
      return 1;
    }
  else
    {
      guint16 control = remora_tvb_get_letohs (tvb, offset);
      guint n_r = control >> 9;
      const char *pf = (control & 0x0100) ? (is_response ? " F" : " P") : "";

      ti = remora_add_uint (pkt, tree, hf_llc_control, tvb, offset, 2, control);
      if ((first & 0x01) == 0)
        {
          remora_item_set_text (pkt, ti, "Control field: I%s, N(R)=%u, N(S)=%u (0x%04X)", pf, n_r, (control >> 1) & 0x7f, control);
          if (pkt->want_columns)
            remora_col_add_info (pkt, "I%s, N(R)=%u, N(S)=%u", pf, n_r, (control >> 1) & 0x7f);
          remora_add_uint (pkt, ti, hf_llc_n_r, tvb, offset, 2, control);
          remora_add_uint (pkt, ti, hf_llc_n_s, tvb, offset, 2, control);
        }
      else
        {
          const char *abbrev = remora_value_string_lookup (s_ftype_abbrevs, (control >> 2) & 3);

          remora_item_set_text (pkt, ti, "Control field: S%s, func=%s, N(R)=%u (0x%04X)", pf, abbrev, n_r, control);
          if (pkt->want_columns)
            remora_col_add_info (pkt, "S%s, func=%s, N(R)=%u", pf, abbrev, n_r);
          remora_add_uint (pkt, ti, hf_llc_n_r, tvb, offset, 2, control);
          remora_add_uint (pkt, ti, hf_llc_s_ftype, tvb, offset, 2, control);
        }
      remora_add_uint (pkt, ti, hf_llc_ftype, tvb, offset, 1, first & 0x01 ? first & 0x03 : 0);
      return 2;
    }
}

static int
dissect_llc (const RemoraTvb *tvb,
             RemoraPacket    *pkt,
             RemoraItem       tree,
             void            *data)
{
  guint8 dsap, ssap;
  guint32 offset;
  RemoraItem ti, it;
  RemoraTvb next;

  remora_col_set_protocol (pkt, "LLC");
  remora_col_clear_info (pkt);

  dsap = remora_tvb_get_u8 (tvb, 0);
  ssap = remora_tvb_get_u8 (tvb, 1);
  ti = remora_add_protocol (pkt, tree, proto_llc, tvb, 0, MIN (3u, tvb->captured));
  it = remora_add_item (pkt, ti, hf_llc_dsap, tvb, 0, 1, REMORA_ENC_NA);
  remora_add_item (pkt, it, hf_llc_dsap_ig, tvb, 0, 1, REMORA_ENC_NA);
  it = remora_add_item (pkt, ti, hf_llc_ssap, tvb, 1, 1, REMORA_ENC_NA);
  remora_add_item (pkt, it, hf_llc_ssap_cr, tvb, 1, 1, REMORA_ENC_NA);
  offset = 2 + add_control (tvb, pkt, ti, 2, (ssap & 0x01) != 0);

  if (dsap == SAP_SNAP && ssap == SAP_SNAP)
    {
      guint32 oui = remora_tvb_get_ntoh24 (tvb, offset);
      guint16 pid = remora_tvb_get_ntohs (tvb, offset + 3);
      const char *oui_name = remora_value_string_lookup (oui_vals, oui);

      remora_item_set_len (pkt, ti, offset + 5);
      if (pkt->want_columns)
        remora_col_append_info (pkt, "; SNAP, OUI 0x%06X (%s), PID 0x%04X", oui, oui_name ? oui_name : "Unknown", pid);
      it = remora_add_item (pkt, ti, hf_llc_oui, tvb, offset, 3, REMORA_ENC_BIG_ENDIAN);
      remora_item_set_text (pkt, it, "Organization Code: %02x:%02x:%02x (%s)", oui >> 16, (oui >> 8) & 0xff, oui & 0xff,
                            oui_name ? oui_name : "Unknown");
      remora_tvb_subset_remaining (&next, tvb, offset + 5);
      if (oui == OUI_ENCAP_ETHER || oui == OUI_CISCO_90)
        {
          remora_add_item (pkt, ti, hf_llc_type, tvb, offset + 3, 2, REMORA_ENC_BIG_ENDIAN);
          if (remora_table_try_uint ("ethertype", pid, &next, pkt, tree, NULL) <= 0)
            remora_call_data (&next, pkt, tree);
        }
      else
        {
          remora_add_item (pkt, ti, hf_llc_pid, tvb, offset + 3, 2, REMORA_ENC_BIG_ENDIAN);
          remora_call_data (&next, pkt, tree);
        }
    }
  else
    {
      remora_item_set_len (pkt, ti, offset);
      if (pkt->want_columns)
        remora_col_append_info (pkt, "; DSAP 0x%02x %s, SSAP 0x%02x %s", dsap & 0xfe,
                                (dsap & 1) ? "Group" : "Individual", ssap & 0xfe,
                                (ssap & 1) ? "Response" : "Command");
      remora_tvb_subset_remaining (&next, tvb, offset);
      if (remora_table_try_uint ("llc.dsap", dsap, &next, pkt, tree, NULL) <= 0)
        remora_call_data (&next, pkt, tree);
    }
  return (int) MAX (tvb->captured, 1u);
}

void
remora_register_llc (void)
{
  proto_llc = remora_proto_register ("Logical-Link Control", "LLC", "llc");
  remora_fields_register (proto_llc, llc_fields, G_N_ELEMENTS (llc_fields));
  remora_dissector_register ("llc", proto_llc, dissect_llc);
}

void
remora_handoff_llc (void)
{
  /* Linux cooked captures: protocol 4 is 802.2 LLC */
  remora_table_add_uint ("sll.ltype", 0x0004, remora_dissector_find ("llc"));
}
