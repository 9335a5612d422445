/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-arp"

#include "config.h"

#include "proto-arp.h"

#include "proto-eth.h"
#include "remora-frame-log.h"

/* ARP and its relatives (RARP, DRARP, InARP) over any hardware and
 * protocol address sizes, with Wireshark's duplicate-address check. */

#define ARP_HEADER_LEN 8

enum {
  OP_REQUEST = 1, OP_REPLY, OP_RREQUEST, OP_RREPLY, OP_DRARP_REQUEST,
  OP_DRARP_REPLY, OP_DRARP_ERROR, OP_IREQUEST, OP_IREPLY, OP_NAK,
  OP_MARS_REQUEST = 11, OP_MARS_REDIRECT_MAP = 22, OP_MAPOS_UNARP = 23,
  OP_EXP1 = 24, OP_EXP2 = 25,
};

/* Duplicate-address state bounds: beyond these a capture simply stops
 * learning (a flood of forged ARP must not grow memory without end). */
#define MAX_ADDRESSES 65536
#define MAX_RESULTS   65536

static int proto_arp;
static int hf_arp_hw_type;
static int hf_arp_proto_type;
static int hf_arp_hw_size;
static int hf_arp_proto_size;
static int hf_arp_opcode;
static int hf_arp_isgratuitous;
static int hf_arp_isprobe;
static int hf_arp_isannouncement;
static int hf_arp_src_hw;
static int hf_arp_src_hw_mac;
static int hf_arp_src_proto;
static int hf_arp_src_proto_ipv4;
static int hf_arp_dst_hw;
static int hf_arp_dst_hw_mac;
static int hf_arp_dst_proto;
static int hf_arp_dst_proto_ipv4;
static int hf_arp_dup_frame;
static int hf_arp_dup_seconds;

/* ATMARP (RFC 2225) shares the arp.* field names, as in Wireshark: its
 * own protocol exists only for the hand-off (frame.protocols "arp:atmarp"),
 * while the tree and every field belong to arp. */
static int proto_atmarp;
static int hf_atmarp_src_htype;
static int hf_atmarp_src_hlen;
static int hf_atmarp_src_stype;
static int hf_atmarp_src_slen;
static int hf_atmarp_src_pln;
static int hf_atmarp_dst_htype;
static int hf_atmarp_dst_hlen;
static int hf_atmarp_dst_stype;
static int hf_atmarp_dst_slen;
static int hf_atmarp_dst_pln;
static int hf_atmarp_src_e164;
static int hf_atmarp_src_nsap;
static int hf_atmarp_src_subaddr;
static int hf_atmarp_dst_e164;
static int hf_atmarp_dst_nsap;
static int hf_atmarp_dst_subaddr;
static int hf_atmarp_afi;
static int hf_atmarp_dcc;
static int hf_atmarp_dcc_group;
static int hf_atmarp_icd;
static int hf_atmarp_icd_group;
static int hf_atmarp_e164_isdn;
static int hf_atmarp_e164_isdn_group;
static int hf_atmarp_ho_dsp;
static int hf_atmarp_esi;
static int hf_atmarp_selector;
static int hf_atmarp_rest;
static RemoraDissector *atmarp_handle;

static gboolean arp_detect_duplicates = TRUE;

/* Hardware types (ARP's htype, also Linux cooked captures' address type). */
const RemoraValueString remora_arp_hrd_vals[] = {
  { 0, "NET/ROM pseudo" },
  { 1, "Ethernet" },
  { 2, "Experimental Ethernet" },
  { 3, "AX.25" },
  { 4, "ProNET" },
  { 5, "Chaos" },
  { 6, "IEEE 802" },
  { 7, "ARCNET" },
  { 8, "Hyperchannel" },
  { 9, "Lanstar" },
  { 10, "Autonet Short Address" },
  { 11, "Localtalk" },
  { 12, "LocalNet" },
  { 13, "Ultra link" },
  { 14, "SMDS" },
  { 15, "Frame Relay DLCI" },
  { 16, "ATM" },
  { 17, "HDLC" },
  { 18, "Fibre Channel" },
  { 19, "ATM (RFC 2225)" },
  { 20, "Serial Line" },
  { 21, "ATM" },
  { 22, "MIL-STD-188-220" },
  { 23, "Metricom STRIP" },
  { 24, "IEEE 1394.1995" },
  { 25, "MAPOS" },
  { 26, "Twinaxial" },
  { 27, "EUI-64" },
  { 28, "HIPARP" },
  { 29, "IP and ARP over ISO 7816-3" },
  { 30, "ARPSec" },
  { 31, "IPsec tunnel" },
  { 32, "InfiniBand" },
  { 33, "TIA-102 Project 25 CAI" },
  { 34, "Wiegand Interface" },
  { 35, "Pure IP" },
  { 36, "Experimental 1" },
  { 37, "HFI" },
  { 256, "Experimental 2" },
  { 257, "AEthernet" },
  { 260, "Notional KISS type" },
  { 264, "ADAPT" },
  { 270, "ROSE" },
  { 271, "CCITT X.25" },
  { 272, "Boards with X.25 in firmware" },
  { 280, "Controller Area Network" },
  { 512, "PPP" },
  { 513, "Cisco HDLC" },
  { 516, "LAPB" },
  { 517, "Digital's DDCMP protocol" },
  { 518, "Raw HDLC" },
  { 519, "Raw IP" },
  { 768, "IPIP tunnel" },
  { 769, "IP6IP6 tunnel" },
  { 770, "Frame Relay Access Device" },
  { 771, "SKIP vif" },
  { 772, "Loopback" },
  { 774, "Fiber Distributed Data Interface" },
  { 775, "AP1000 BIF" },
  { 776, "sit0 device - IPv6-in-IPv4" },
  { 777, "IP over DDP tunneller" },
  { 778, "GRE over IP" },
  { 779, "PIMSM register interface" },
  { 780, "High Performance Parallel Interface" },
  { 781, "Nexus 64Mbps Ash" },
  { 782, "Acorn Econet" },
  { 783, "Linux-IrDA" },
  { 784, "Point to point fibrechannel" },
  { 785, "Fibrechannel arbitrated loop" },
  { 786, "Fibrechannel public loop" },
  { 787, "Fibrechannel fabric" },
  { 800, "Magic type ident for TR" },
  { 801, "IEEE 802.11" },
  { 802, "IEEE 802.11 + Prism2 header" },
  { 803, "IEEE 802.11 + radiotap header" },
  { 804, "IEEE 802.15.4" },
  { 805, "IEEE 802.15.4 network monitor" },
  { 820, "PhoNet media type" },
  { 821, "PhoNet pipe header" },
  { 822, "CAIF media type" },
  { 823, "GRE over IPv6" },
  { 824, "Netlink" },
  { 825, "IPv6 over LoWPAN" },
  { 826, "Vsock monitor header" },
  { 65534, "zero header length" },
  { 65535, "Void type, nothing is known" },
  { 0, NULL }
};

static const RemoraValueString arp_op_vals[] = {
  { 0, "reserved" },
  { 1, "request" },
  { 2, "reply" },
  { 3, "reverse request" },
  { 4, "reverse reply" },
  { 5, "drarp request" },
  { 6, "drarp reply" },
  { 7, "drarp error" },
  { 8, "inverse request" },
  { 9, "inverse reply" },
  { 10, "arp nak" },
  { 11, "mars request" },
  { 12, "mars multi" },
  { 13, "mars mserv" },
  { 14, "mars join" },
  { 15, "mars leave" },
  { 16, "mars nak" },
  { 17, "mars unserv" },
  { 18, "mars sjoin" },
  { 19, "mars sleave" },
  { 20, "mars grouplist request" },
  { 21, "mars grouplist reply" },
  { 22, "mars redirect map" },
  { 23, "mapos unarp" },
  { 24, "experimental 1" },
  { 25, "experimental 2" },
  { 65535, "reserved" },
  { 0, NULL }
};

/* The type bit of an ATM number or subaddress type/length octet. */
static const RemoraTrueFalse atm_type_tfs = { "E.164", "ATM Forum NSAPA" };

/* The protocol item's wording for ATMARP opcodes, which differs from
 * arp.opcode's own names ("nak", no reverse or DRARP entries). */
static const RemoraValueString atmarp_op_vals[] = {
  { 0, "reserved" },
  { 1, "request" },
  { 2, "reply" },
  { 8, "inverse request" },
  { 9, "inverse reply" },
  { 10, "nak" },
  { 11, "mars request" },
  { 12, "mars multi" },
  { 13, "mars mserv" },
  { 14, "mars join" },
  { 15, "mars leave" },
  { 16, "mars nak" },
  { 17, "mars unserv" },
  { 18, "mars sjoin" },
  { 19, "mars sleave" },
  { 20, "mars grouplist request" },
  { 21, "mars grouplist reply" },
  { 22, "mars redirect map" },
  { 23, "mapos unarp" },
  { 24, "experimental 1" },
  { 25, "experimental 2" },
  { 65535, "reserved" },
  { 0, NULL }
};

/* Authority and format identifiers of ATM NSAP addresses */
static const RemoraValueString atm_afi_vals[] = {
  { 0x39, "DCC ATM format" },
  { 0xbd, "DCC ATM group format" },
  { 0x47, "ICD ATM format" },
  { 0xc5, "ICD ATM group format" },
  { 0x45, "E.164 ATM format" },
  { 0xc3, "E.164 ATM group format" },
  { 0, NULL }
};

/* The MARS part of the Info column, indexed by opcode - 11. */
static const char *const mars_info_names[] = {
  "request", "MULTI request", "MSERV request", "JOIN request", "LEAVE", "NAK",
  "UNSERV request", "SJOIN request", "SLEAVE", "grouplist request",
  "grouplist reply", "redirect map",
};

static RemoraFieldDef arp_fields[] = {
  { &hf_arp_hw_type, { "Hardware type", "arp.hw.type", REMORA_FT_UINT16, REMORA_BASE_DEC, remora_arp_hrd_vals, 0, NULL } },
  { &hf_arp_proto_type, { "Protocol type", "arp.proto.type", REMORA_FT_UINT16, REMORA_BASE_HEX, remora_etype_vals, 0, NULL } },
  { &hf_arp_hw_size, { "Hardware size", "arp.hw.size", REMORA_FT_UINT8, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_arp_proto_size, { "Protocol size", "arp.proto.size", REMORA_FT_UINT8, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_arp_opcode, { "Opcode", "arp.opcode", REMORA_FT_UINT16, REMORA_BASE_DEC, arp_op_vals, 0, NULL } },
  { &hf_arp_isgratuitous, { "Is gratuitous", "arp.isgratuitous", REMORA_FT_BOOLEAN, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_arp_isprobe, { "Is probe", "arp.isprobe", REMORA_FT_BOOLEAN, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_arp_isannouncement, { "Is announcement", "arp.isannouncement", REMORA_FT_BOOLEAN, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_arp_src_hw, { "Sender hardware address", "arp.src.hw", REMORA_FT_BYTES, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_arp_src_hw_mac, { "Sender MAC address", "arp.src.hw_mac", REMORA_FT_ETHER, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_arp_src_proto, { "Sender protocol address", "arp.src.proto", REMORA_FT_BYTES, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_arp_src_proto_ipv4, { "Sender IP address", "arp.src.proto_ipv4", REMORA_FT_IPv4, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_arp_dst_hw, { "Target hardware address", "arp.dst.hw", REMORA_FT_BYTES, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_arp_dst_hw_mac, { "Target MAC address", "arp.dst.hw_mac", REMORA_FT_ETHER, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_arp_dst_proto, { "Target protocol address", "arp.dst.proto", REMORA_FT_BYTES, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_arp_dst_proto_ipv4, { "Target IP address", "arp.dst.proto_ipv4", REMORA_FT_IPv4, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_arp_dup_frame, { "Frame showing earlier use of IP address", "arp.duplicate-address-frame", REMORA_FT_FRAMENUM, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_arp_dup_seconds, { "Seconds since earlier frame seen", "arp.seconds-since-duplicate-address-frame", REMORA_FT_UINT32, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_atmarp_src_htype, { "Sender ATM number type", "arp.src.htype", REMORA_FT_BOOLEAN, 8, &atm_type_tfs, 0x40, NULL } },
  { &hf_atmarp_src_hlen, { "Sender ATM number length", "arp.src.hlen", REMORA_FT_UINT8, REMORA_BASE_DEC, NULL, 0x3f, NULL } },
  { &hf_atmarp_src_stype, { "Sender ATM subaddress type", "arp.src.stype", REMORA_FT_BOOLEAN, 8, &atm_type_tfs, 0x40, NULL } },
  { &hf_atmarp_src_slen, { "Sender ATM subaddress length", "arp.src.slen", REMORA_FT_UINT8, REMORA_BASE_DEC, NULL, 0x3f, NULL } },
  { &hf_atmarp_src_pln, { "Sender protocol size", "arp.src.pln", REMORA_FT_UINT8, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_atmarp_dst_htype, { "Target ATM number type", "arp.dst.htype", REMORA_FT_BOOLEAN, 8, &atm_type_tfs, 0x40, NULL } },
  { &hf_atmarp_dst_hlen, { "Target ATM number length", "arp.dst.hlen", REMORA_FT_UINT8, REMORA_BASE_DEC, NULL, 0x3f, NULL } },
  { &hf_atmarp_dst_stype, { "Target ATM subaddress type", "arp.dst.stype", REMORA_FT_BOOLEAN, 8, &atm_type_tfs, 0x40, NULL } },
  { &hf_atmarp_dst_slen, { "Target ATM subaddress length", "arp.dst.slen", REMORA_FT_UINT8, REMORA_BASE_DEC, NULL, 0x3f, NULL } },
  { &hf_atmarp_dst_pln, { "Target protocol size", "arp.dst.pln", REMORA_FT_UINT8, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_atmarp_src_e164, { "Sender ATM number (E.164)", "arp.src.atm_num_e164", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_atmarp_src_nsap, { "Sender ATM number (NSAP)", "arp.src.atm_num_nsap", REMORA_FT_BYTES, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_atmarp_src_subaddr, { "Sender ATM subaddress", "arp.src.atm_subaddr", REMORA_FT_BYTES, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_atmarp_dst_e164, { "Target ATM number (E.164)", "arp.dst.atm_num_e164", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_atmarp_dst_nsap, { "Target ATM number (NSAP)", "arp.dst.atm_num_nsap", REMORA_FT_BYTES, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_atmarp_dst_subaddr, { "Target ATM subaddress", "arp.dst.atm_subaddr", REMORA_FT_BYTES, REMORA_BASE_NONE, NULL, 0, NULL } },
  /* The parts of a 20-byte NSAP address; Wireshark files the target's
   * under the same arp.src.* names. */
  { &hf_atmarp_afi, { "AFI", "arp.src.atm_afi", REMORA_FT_UINT8, REMORA_BASE_HEX, atm_afi_vals, 0, NULL } },
  { &hf_atmarp_dcc, { "Data Country Code", "arp.src.atm_data_country_code", REMORA_FT_UINT16, REMORA_BASE_HEX, NULL, 0, NULL } },
  { &hf_atmarp_dcc_group, { "Data Country Code (group)", "arp.src.atm_data_country_code_group", REMORA_FT_UINT16, REMORA_BASE_HEX, NULL, 0, NULL } },
  { &hf_atmarp_icd, { "International Code Designator", "arp.src.atm_international_code_designator", REMORA_FT_UINT16, REMORA_BASE_HEX, NULL, 0, NULL } },
  { &hf_atmarp_icd_group, { "International Code Designator (group)", "arp.src.atm_international_code_designator_group", REMORA_FT_UINT16, REMORA_BASE_HEX, NULL, 0, NULL } },
  { &hf_atmarp_e164_isdn, { "E.164 ISDN", "arp.src.atm_e.164_isdn", REMORA_FT_BYTES, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_atmarp_e164_isdn_group, { "E.164 ISDN", "arp.src.atm_e.164_isdn_group", REMORA_FT_BYTES, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_atmarp_ho_dsp, { "High Order DSP", "arp.src.atm_high_order_dsp", REMORA_FT_BYTES, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_atmarp_esi, { "End System Identifier", "arp.src.atm_end_system_identifier", REMORA_FT_BYTES, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_atmarp_selector, { "Selector", "arp.src.atm_selector", REMORA_FT_UINT8, REMORA_BASE_HEX, NULL, 0, NULL } },
  { &hf_atmarp_rest, { "Rest of address", "arp.src.atm_rest_of_address", REMORA_FT_BYTES, REMORA_BASE_NONE, NULL, 0, NULL } },
};

typedef struct {
  guint8  mac[6];
  guint32 frame;
  gint64  secs;
} ArpSeen;

typedef struct {
  guint32 ip;          /* the address claimed twice */
  ArpSeen earlier;     /* who had it before */
} ArpDuplicate;

typedef struct {
  GHashTable     *seen;       /* IPv4 (host order) -> ArpSeen */
  /* The first pass's verdicts, revisiting sessions only: per frame with a
   * duplicate, varint IP, the earlier MAC (6 bytes), varint frame - its
   * frame, zigzag seconds since it. */
  RemoraFrameLog *results;
  guint           n_results;
} ArpState;

static void
arp_state_free (gpointer data)
{
  ArpState *state = data;

  g_hash_table_destroy (state->seen);
  remora_frame_log_free (state->results);
  g_free (state);
}

static ArpState *
get_state (RemoraPacket *pkt)
{
  ArpState *state;

  if (pkt->session == NULL)
    return NULL;
  state = remora_session_get_proto_data (pkt->session, proto_arp);
  if (state == NULL)
    {
      state = g_new0 (ArpState, 1);
      state->seen = g_hash_table_new_full (NULL, NULL, NULL, g_free);
      remora_session_set_proto_data (pkt->session, proto_arp, state, arp_state_free);
    }
  return state;
}

static gboolean
keep_last (const guint8 *data,
           gsize         len,
           gpointer      user_data)
{
  RemoraPackReader *r = user_data;

  remora_unpack_init (r, data, len);
  return TRUE;
}

/* Is IP claimed by a MAC other than the one that claimed it before?  The
 * first pass decides and records; later passes only read the record, so a
 * redissected frame says what it said the first time. */
static gboolean
check_duplicate (RemoraPacket *pkt,
                 const guint8 *mac,
                 guint32       ip,
                 ArpDuplicate *out)
{
  ArpState *state = get_state (pkt);
  guint32 frame = pkt->frame ? pkt->frame->number : 0;
  gint64 secs = pkt->frame ? pkt->frame->ts_ns / G_GINT64_CONSTANT (1000000000) : 0;
  ArpSeen *seen;

  /* A group address never owns an IP address: Wireshark does not count it. */
  if (state == NULL || (mac[0] & 0x01) != 0)
    return FALSE;

  if (pkt->visited)
    {
      RemoraPackReader r = { NULL, NULL, TRUE };

      if (state->results != NULL)
        remora_frame_log_foreach (state->results, frame, 0, keep_last, &r);
      if (r.bad || remora_unpack_u32 (&r) != ip)
        return FALSE;
      out->ip = ip;
      remora_unpack_bytes (&r, out->earlier.mac, 6);
      out->earlier.frame = frame - remora_unpack_u32 (&r);
      out->earlier.secs = secs - remora_unpack_s64 (&r);
      return !r.bad;
    }

  seen = g_hash_table_lookup (state->seen, GUINT_TO_POINTER (ip));
  if (seen == NULL)
    {
      if (g_hash_table_size (state->seen) < MAX_ADDRESSES)
        {
          seen = g_new (ArpSeen, 1);
          memcpy (seen->mac, mac, 6);
          seen->frame = frame;
          seen->secs = secs;
          g_hash_table_insert (state->seen, GUINT_TO_POINTER (ip), seen);
        }
      return FALSE;
    }
  if (frame <= seen->frame)
    return FALSE;
  if (memcmp (seen->mac, mac, 6) == 0)
    {
      seen->frame = frame;
      seen->secs = secs;
      return FALSE;
    }

  out->ip = ip;
  out->earlier = *seen;
  if (state->n_results < MAX_RESULTS && remora_session_get_will_revisit (pkt->session))
    {
      RemoraPackWriter w;

      remora_pack_init (&w);
      remora_pack_u32 (&w, ip);
      remora_pack_bytes (&w, seen->mac, 6);
      remora_pack_u32 (&w, frame - seen->frame);
      remora_pack_s64 (&w, secs - seen->secs);
      if (state->results == NULL)
        state->results = remora_frame_log_new ();
      remora_frame_log_append (state->results, frame, 0, w.buf, w.len);
      state->n_results++;
    }
  return TRUE;
}

static gboolean
hw_is_ether (guint16 hrd,
             guint8  hln)
{
  /* Ethernet and IEEE 802 hardware with 6-byte addresses */
  return (hrd == 1 || hrd == 6) && hln == 6;
}

static gboolean
pro_is_ipv4 (guint16 pro,
             guint8  pln)
{
  /* IPv4, or AX.25's PID for IP */
  return (pro == 0x0800 || pro == 0xcc) && pln == 4;
}

static gboolean
all_zero (const guint8 *p,
          guint         len)
{
  for (guint i = 0; i < len; i++)
    if (p[i] != 0)
      return FALSE;
  return TRUE;
}

/* BUF must hold 2 * 255 + 1 bytes. */
static const char *
format_addr (const guint8 *p,
             guint         len,
             gboolean      ether,
             gboolean      ipv4,
             char         *buf)
{
  if (len == 0)
    return "<No address>";
  if (ether)
    g_snprintf (buf, 18, "%02x:%02x:%02x:%02x:%02x:%02x", p[0], p[1], p[2], p[3], p[4], p[5]);
  else if (ipv4)
    g_snprintf (buf, 16, "%u.%u.%u.%u", p[0], p[1], p[2], p[3]);
  else
    {
      for (guint i = 0; i < len; i++)
        g_snprintf (buf + 2 * i, 3, "%02x", p[i]);
    }
  return buf;
}

static guint32
ipv4_of (const guint8 *p)
{
  return (guint32) p[0] << 24 | (guint32) p[1] << 16 | (guint32) p[2] << 8 | p[3];
}

static const char *
protocol_for_op (guint16 op)
{
  switch (op)
    {
    case OP_RREQUEST:
    case OP_RREPLY:
      return "RARP";
    case OP_DRARP_REQUEST:
    case OP_DRARP_REPLY:
    case OP_DRARP_ERROR:
      return "DRARP";
    case OP_IREQUEST:
    case OP_IREPLY:
      return "Inverse ARP";
    case OP_MAPOS_UNARP:
      return "MAPOS";
    default:
      if (op >= OP_MARS_REQUEST && op <= OP_MARS_REDIRECT_MAP)
        return "MARS";
      return "ARP";
    }
}

static void
add_address (RemoraPacket    *pkt,
             RemoraItem       tree,
             const RemoraTvb *tvb,
             guint32          offset,
             guint            len,
             gboolean         special,
             int              hf_special,
             int              hf_bytes,
             gboolean         is_ipv4)
{
  if (len == 0)
    return;
  if (!special)
    remora_add_item (pkt, tree, hf_bytes, tvb, offset, len, REMORA_ENC_NA);
  else if (is_ipv4)
    remora_add_ipv4 (pkt, tree, hf_special, tvb, offset, 4, remora_tvb_get_ntohl (tvb, offset));
  else
    remora_add_item (pkt, tree, hf_special, tvb, offset, len, REMORA_ENC_NA);
}

/* An ATM number as the Info column shows it: E.164 numbers are digits in
 * ASCII, NSAP addresses hex; a subaddress follows after a comma.  BUF must
 * hold 4 * 63 + 2 bytes. */
static const char *
format_atm_number (const guint8 *num,
                   guint         num_tl,
                   const guint8 *sub,
                   guint         sub_tl,
                   char         *buf)
{
  const guint8 *parts[2] = { num, sub };
  guint tls[2] = { num_tl, sub_tl };
  char *p = buf;

  if ((num_tl & 0x3f) == 0)
    return "<No address>";
  for (guint k = 0; k < 2; k++)
    {
      guint len = tls[k] & 0x3f;

      if (len == 0)
        continue;
      if (k == 1)
        *p++ = ',';
      for (guint i = 0; i < len; i++)
        {
          if (tls[k] & 0x40)
            *p++ = g_ascii_isprint (parts[k][i]) ? (char) parts[k][i] : '.';
          else
            p += g_snprintf (p, 3, "%02x", parts[k][i]);
        }
    }
  *p = '\0';
  return buf;
}

/* One side's type/length octet: a text line with the type bit and the
 * length under it. */
static void
add_atm_type_length (RemoraPacket    *pkt,
                     RemoraItem       tree,
                     const RemoraTvb *tvb,
                     guint32          offset,
                     const char      *what,
                     int              hf_type,
                     int              hf_len)
{
  guint8 tl = remora_tvb_get_u8 (tvb, offset);
  RemoraItem t = remora_add_text (pkt, tree, tvb, offset, 1, "%s type/length: %s/%u", what,
                                  (tl & 0x40) ? "E.164" : "ATM Forum NSAPA", tl & 0x3f);

  remora_add_uint (pkt, t, hf_type, tvb, offset, 1, tl);
  remora_add_uint (pkt, t, hf_len, tvb, offset, 1, tl);
}

/* A 20-byte NSAP address split by its AFI; other lengths stay whole. */
static void
add_nsap_parts (RemoraPacket    *pkt,
                RemoraItem       tree,
                const RemoraTvb *tvb,
                guint32          offset)
{
  guint8 afi = remora_tvb_get_u8 (tvb, offset);
  RemoraItem ti = remora_add_item (pkt, tree, hf_atmarp_afi, tvb, offset, 1, REMORA_ENC_NA);
  int hf_idi = -1;

  switch (afi)
    {
    case 0x39:
      hf_idi = hf_atmarp_dcc;
      break;
    case 0xbd:
      hf_idi = hf_atmarp_dcc_group;
      break;
    case 0x47:
      hf_idi = hf_atmarp_icd;
      break;
    case 0xc5:
      hf_idi = hf_atmarp_icd_group;
      break;
    case 0x45:
    case 0xc3:
      /* an 8-byte E.164 number leaves 4 bytes of domain-specific part */
      remora_add_item (pkt, tree, afi == 0x45 ? hf_atmarp_e164_isdn : hf_atmarp_e164_isdn_group,
                       tvb, offset + 1, 8, REMORA_ENC_NA);
      remora_add_item (pkt, tree, hf_atmarp_ho_dsp, tvb, offset + 9, 4, REMORA_ENC_NA);
      break;
    default:
      remora_add_expert (pkt, ti, tvb, offset, 1, "Warning", "Protocol", "Unknown AFI");
      remora_add_item (pkt, tree, hf_atmarp_rest, tvb, offset + 1, 19, REMORA_ENC_NA);
      return;
    }
  if (hf_idi >= 0)
    {
      remora_add_item (pkt, tree, hf_idi, tvb, offset + 1, 2, REMORA_ENC_BIG_ENDIAN);
      remora_add_item (pkt, tree, hf_atmarp_ho_dsp, tvb, offset + 3, 10, REMORA_ENC_NA);
    }
  remora_add_item (pkt, tree, hf_atmarp_esi, tvb, offset + 13, 6, REMORA_ENC_NA);
  remora_add_item (pkt, tree, hf_atmarp_selector, tvb, offset + 19, 1, REMORA_ENC_NA);
}

static void
add_atm_number (RemoraPacket    *pkt,
                RemoraItem       tree,
                const RemoraTvb *tvb,
                guint32          offset,
                guint8           tl,
                int              hf_e164,
                int              hf_nsap)
{
  guint len = tl & 0x3f;

  if (len == 0)
    return;
  if (tl & 0x40)
    remora_add_item (pkt, tree, hf_e164, tvb, offset, len, REMORA_ENC_ASCII);
  else
    {
      RemoraItem ti = remora_add_item (pkt, tree, hf_nsap, tvb, offset, len, REMORA_ENC_NA);

      if (len == 20)
        add_nsap_parts (pkt, ti, tvb, offset);
    }
}

#define ATMARP_HEADER_LEN 12

static int
dissect_atmarp (const RemoraTvb *tvb,
                RemoraPacket    *pkt,
                RemoraItem       tree,
                void            *data)
{
  guint16 pro, op;
  guint8 shtl, sstl, spln, thtl, tstl, tpln;
  guint32 sha_off, ssa_off, spa_off, tha_off, tsa_off, tpa_off, tot_len;
  const guint8 *sha, *ssa, *spa, *tha, *tsa, *tpa;
  gboolean ipv4;
  RemoraItem ti;

  pro = remora_tvb_get_ntohs (tvb, 2);
  shtl = remora_tvb_get_u8 (tvb, 4);
  sstl = remora_tvb_get_u8 (tvb, 5);
  op = remora_tvb_get_ntohs (tvb, 6);
  spln = remora_tvb_get_u8 (tvb, 8);
  thtl = remora_tvb_get_u8 (tvb, 9);
  tstl = remora_tvb_get_u8 (tvb, 10);
  tpln = remora_tvb_get_u8 (tvb, 11);

  sha_off = ATMARP_HEADER_LEN;
  ssa_off = sha_off + (shtl & 0x3f);
  spa_off = ssa_off + (sstl & 0x3f);
  tha_off = spa_off + spln;
  tsa_off = tha_off + (thtl & 0x3f);
  tpa_off = tsa_off + (tstl & 0x3f);
  tot_len = tpa_off + tpln;

  /* Every address is read before anything is shown: a packet whose lengths
   * run past its end is malformed with no ATMARP tree at all, as in
   * Wireshark (so neither `arp` nor `atmarp` matches it). */
  sha = remora_tvb_get_ptr (tvb, sha_off, shtl & 0x3f);
  ssa = remora_tvb_get_ptr (tvb, ssa_off, sstl & 0x3f);
  spa = remora_tvb_get_ptr (tvb, spa_off, spln);
  tha = remora_tvb_get_ptr (tvb, tha_off, thtl & 0x3f);
  tsa = remora_tvb_get_ptr (tvb, tsa_off, tstl & 0x3f);
  tpa = remora_tvb_get_ptr (tvb, tpa_off, tpln);
  ipv4 = pro == 0x0800;

  if (pkt->want_columns || pkt->tree_mode)
    {
      char s_hw[260], s_pa[520], t_hw[260], t_pa[520];
      const char *sh = format_atm_number (sha, shtl, ssa, sstl, s_hw);
      const char *sp = format_addr (spa, spln, FALSE, ipv4 && spln == 4, s_pa);
      const char *th = format_atm_number (tha, thtl, tsa, tstl, t_hw);
      const char *tp = format_addr (tpa, tpln, FALSE, ipv4 && tpln == 4, t_pa);

      switch (op)
        {
        case OP_RREQUEST:
        case OP_RREPLY:
          remora_col_set_protocol (pkt, "ATMRARP");
          break;
        case OP_IREQUEST:
        case OP_IREPLY:
          remora_col_set_protocol (pkt, "Inverse ATMARP");
          break;
        case OP_MAPOS_UNARP:
          remora_col_set_protocol (pkt, "MAPOS");
          break;
        default:
          if (op >= OP_MARS_REQUEST && op <= OP_MARS_REDIRECT_MAP)
            remora_col_set_protocol (pkt, "MARS");
          else
            remora_col_set_protocol (pkt, "ATMARP");
          break;
        }

      switch (op)
        {
        case OP_REQUEST:
          remora_col_add_info (pkt, "Who has %s? Tell %s", tp, sp);
          break;
        case OP_REPLY:
          remora_col_add_info (pkt, "%s is at %s", sp, sh);
          break;
        case OP_IREQUEST:
          remora_col_add_info (pkt, "Who is %s? Tell %s", th, sh);
          break;
        case OP_IREPLY:
          remora_col_add_info (pkt, "%s is at %s", sh, sp);
          break;
        case OP_NAK:
          remora_col_add_info (pkt, "I don't know where %s is", sp);
          break;
        case OP_MAPOS_UNARP:
          remora_col_add_info (pkt, "MAPOS UNARP request from %s at %s", sh, sp);
          break;
        case OP_EXP1:
          remora_col_add_info (pkt, "Experimental 1 ( opcode %d )", op);
          break;
        case OP_EXP2:
          remora_col_add_info (pkt, "Experimental 2 ( opcode %d )", op);
          break;
        case 0:
        case 65535:
          remora_col_add_info (pkt, "Reserved opcode %u", op);
          break;
        default:
          if (op >= OP_MARS_REQUEST && op <= OP_MARS_REDIRECT_MAP)
            remora_col_add_info (pkt, "MARS %s from %s at %s",
                                 mars_info_names[op - OP_MARS_REQUEST], sh, sp);
          else
            remora_col_add_info (pkt, "Unknown ATMARP opcode 0x%04x", op);
          break;
        }
    }

  ti = remora_add_protocol (pkt, tree, proto_arp, tvb, 0, tot_len);
  if (pkt->tree_mode)
    {
      const char *op_name = remora_value_string_lookup (atmarp_op_vals, op);

      if (op_name != NULL)
        remora_item_set_text (pkt, ti, "ATM Address Resolution Protocol (%s)", op_name);
      else
        remora_item_set_text (pkt, ti, "ATM Address Resolution Protocol (opcode 0x%04x)", op);
    }
  remora_add_item (pkt, ti, hf_arp_hw_type, tvb, 0, 2, REMORA_ENC_BIG_ENDIAN);
  remora_add_item (pkt, ti, hf_arp_proto_type, tvb, 2, 2, REMORA_ENC_BIG_ENDIAN);
  add_atm_type_length (pkt, ti, tvb, 4, "Sender ATM number", hf_atmarp_src_htype, hf_atmarp_src_hlen);
  add_atm_type_length (pkt, ti, tvb, 5, "Sender ATM subaddress", hf_atmarp_src_stype, hf_atmarp_src_slen);
  remora_add_item (pkt, ti, hf_arp_opcode, tvb, 6, 2, REMORA_ENC_BIG_ENDIAN);
  remora_add_item (pkt, ti, hf_atmarp_src_pln, tvb, 8, 1, REMORA_ENC_NA);
  add_atm_type_length (pkt, ti, tvb, 9, "Target ATM number", hf_atmarp_dst_htype, hf_atmarp_dst_hlen);
  add_atm_type_length (pkt, ti, tvb, 10, "Target ATM subaddress", hf_atmarp_dst_stype, hf_atmarp_dst_slen);
  remora_add_item (pkt, ti, hf_atmarp_dst_pln, tvb, 11, 1, REMORA_ENC_NA);

  add_atm_number (pkt, ti, tvb, sha_off, shtl, hf_atmarp_src_e164, hf_atmarp_src_nsap);
  if (sstl & 0x3f)
    remora_add_item (pkt, ti, hf_atmarp_src_subaddr, tvb, ssa_off, sstl & 0x3f, REMORA_ENC_NA);
  add_address (pkt, ti, tvb, spa_off, spln, ipv4 && spln == 4, hf_arp_src_proto_ipv4, hf_arp_src_proto, TRUE);
  add_atm_number (pkt, ti, tvb, tha_off, thtl, hf_atmarp_dst_e164, hf_atmarp_dst_nsap);
  if (tstl & 0x3f)
    remora_add_item (pkt, ti, hf_atmarp_dst_subaddr, tvb, tsa_off, tstl & 0x3f, REMORA_ENC_NA);
  add_address (pkt, ti, tvb, tpa_off, tpln, ipv4 && tpln == 4, hf_arp_dst_proto_ipv4, hf_arp_dst_proto, TRUE);

  return (int) tot_len;
}

static int
dissect_arp (const RemoraTvb *tvb,
             RemoraPacket    *pkt,
             RemoraItem       tree,
             void            *data)
{
  guint16 hrd, pro, op;
  guint8 hln, pln;
  guint32 tot_len, sha_off, spa_off, tha_off, tpa_off;
  const guint8 *sha, *spa, *tha, *tpa;
  gboolean ether, ipv4, gratuitous = FALSE, probe = FALSE, announcement = FALSE;
  gboolean dup_found = FALSE;
  ArpDuplicate dup;
  RemoraItem ti;

  remora_col_set_protocol (pkt, "ARP");
  remora_col_clear_info (pkt);

  hrd = remora_tvb_get_ntohs (tvb, 0);
  /* RFC 2225 ATM hardware has its own layout: Wireshark hands it over
   * before adding any ARP item. */
  if (hrd == 19)
    return remora_call_dissector (atmarp_handle, tvb, pkt, tree, data);
  pro = remora_tvb_get_ntohs (tvb, 2);
  hln = remora_tvb_get_u8 (tvb, 4);
  pln = remora_tvb_get_u8 (tvb, 5);
  op = remora_tvb_get_ntohs (tvb, 6);
  tot_len = ARP_HEADER_LEN + 2u * hln + 2u * pln;

  ti = remora_add_protocol (pkt, tree, proto_arp, tvb, 0, MIN (tot_len, tvb->captured));
  remora_add_item (pkt, ti, hf_arp_hw_type, tvb, 0, 2, REMORA_ENC_BIG_ENDIAN);
  remora_add_item (pkt, ti, hf_arp_proto_type, tvb, 2, 2, REMORA_ENC_BIG_ENDIAN);
  remora_add_item (pkt, ti, hf_arp_hw_size, tvb, 4, 1, REMORA_ENC_NA);
  remora_add_item (pkt, ti, hf_arp_proto_size, tvb, 5, 1, REMORA_ENC_NA);
  remora_add_item (pkt, ti, hf_arp_opcode, tvb, 6, 2, REMORA_ENC_BIG_ENDIAN);

  /* The packet claims more than the layer below carries. */
  if (tot_len > tvb->reported)
    remora_throw_malformed (pkt);

  sha_off = ARP_HEADER_LEN;
  spa_off = sha_off + hln;
  tha_off = spa_off + pln;
  tpa_off = tha_off + hln;
  /* All four are read before anything else is shown, as Wireshark does:
   * a short packet shows the fixed header only. */
  sha = remora_tvb_get_ptr (tvb, sha_off, hln);
  spa = remora_tvb_get_ptr (tvb, spa_off, pln);
  tha = remora_tvb_get_ptr (tvb, tha_off, hln);
  tpa = remora_tvb_get_ptr (tvb, tpa_off, pln);

  ether = hw_is_ether (hrd, hln);
  ipv4 = pro_is_ipv4 (pro, pln);

  if (op == OP_REQUEST || op == OP_REPLY)
    {
      gratuitous = memcmp (spa, tpa, pln) == 0;
      if (op == OP_REQUEST && all_zero (tha, hln))
        {
          announcement = gratuitous;
          probe = !gratuitous && all_zero (spa, pln);
        }
    }

  if (arp_detect_duplicates && ether && ipv4 && (op == OP_REQUEST || op == OP_REPLY))
    {
      dup_found = check_duplicate (pkt, sha, ipv4_of (spa), &dup);
      if (!dup_found && op == OP_REPLY)
        dup_found = check_duplicate (pkt, tha, ipv4_of (tpa), &dup);
    }

  if (pkt->want_columns || pkt->tree_mode)
    {
      char s_hw[520], s_pa[520], t_hw[520], t_pa[520];
      const char *sh = format_addr (sha, hln, ether, FALSE, s_hw);
      const char *sp = format_addr (spa, pln, FALSE, ipv4, s_pa);
      const char *th = format_addr (tha, hln, ether, FALSE, t_hw);
      const char *tp = format_addr (tpa, pln, FALSE, ipv4, t_pa);
      const char *op_name = remora_value_string_lookup (arp_op_vals, op);

      remora_col_set_protocol (pkt, protocol_for_op (op));
      switch (op)
        {
        case OP_REQUEST:
          if (announcement)
            remora_col_add_info (pkt, "ARP Announcement for %s", tp);
          else if (gratuitous)
            remora_col_add_info (pkt, "Gratuitous ARP for %s (Request)", sp);
          else if (probe)
            remora_col_add_info (pkt, "Who has %s? (ARP Probe)", tp);
          else
            remora_col_add_info (pkt, "Who has %s? Tell %s", tp, sp);
          break;
        case OP_REPLY:
          if (gratuitous)
            remora_col_add_info (pkt, "Gratuitous ARP for %s (Reply)", sp);
          else
            remora_col_add_info (pkt, "%s is at %s", sp, sh);
          break;
        case OP_RREQUEST:
        case OP_DRARP_REQUEST:
        case OP_IREQUEST:
          remora_col_add_info (pkt, "Who is %s? Tell %s", th, sh);
          break;
        case OP_RREPLY:
        case OP_DRARP_REPLY:
          remora_col_add_info (pkt, "%s is at %s", th, tp);
          break;
        case OP_DRARP_ERROR:
          remora_col_set_info (pkt, "DRARP Error");
          break;
        case OP_IREPLY:
          remora_col_add_info (pkt, "%s is at %s", sh, sp);
          break;
        case OP_NAK:
          remora_col_set_info (pkt, "ARP NAK");
          break;
        case OP_MAPOS_UNARP:
          remora_col_add_info (pkt, "MAPOS UNARP request from %s at %s", sh, sp);
          break;
        case OP_EXP1:
          remora_col_add_info (pkt, "Experimental 1 ( opcode %d )", op);
          break;
        case OP_EXP2:
          remora_col_add_info (pkt, "Experimental 2 ( opcode %d )", op);
          break;
        case 0:
        case 65535:
          remora_col_add_info (pkt, "Reserved opcode %u", op);
          break;
        default:
          if (op >= OP_MARS_REQUEST && op <= OP_MARS_REDIRECT_MAP)
            remora_col_add_info (pkt, "MARS %s from %s at %s", op_name + 5, sh, sp);
          else
            remora_col_add_info (pkt, "Unknown ARP opcode 0x%04x", op);
          break;
        }

      if (announcement)
        remora_item_append_text (pkt, ti, " (ARP Announcement)");
      else if (gratuitous)
        remora_item_append_text (pkt, ti, " (%s/gratuitous ARP)", op == OP_REQUEST ? "request" : "reply");
      else if (probe)
        remora_item_append_text (pkt, ti, " (ARP Probe)");
      else if (op_name != NULL)
        remora_item_append_text (pkt, ti, " (%s)", op_name);
      else
        remora_item_append_text (pkt, ti, " (opcode 0x%04x)", op);
    }

  if (gratuitous)
    remora_item_set_generated (pkt, remora_add_boolean (pkt, ti, hf_arp_isgratuitous, tvb, 0, 0, TRUE));
  if (probe)
    remora_item_set_generated (pkt, remora_add_boolean (pkt, ti, hf_arp_isprobe, tvb, 0, 0, TRUE));
  if (announcement)
    remora_item_set_generated (pkt, remora_add_boolean (pkt, ti, hf_arp_isannouncement, tvb, 0, 0, TRUE));

  add_address (pkt, ti, tvb, sha_off, hln, ether, hf_arp_src_hw_mac, hf_arp_src_hw, FALSE);
  add_address (pkt, ti, tvb, spa_off, pln, ipv4, hf_arp_src_proto_ipv4, hf_arp_src_proto, TRUE);
  add_address (pkt, ti, tvb, tha_off, hln, ether, hf_arp_dst_hw_mac, hf_arp_dst_hw, FALSE);
  add_address (pkt, ti, tvb, tpa_off, pln, ipv4, hf_arp_dst_proto_ipv4, hf_arp_dst_proto, TRUE);

  if (dup_found)
    {
      char ipbuf[16], macbuf[18], oldbuf[18];
      const guint8 *now_mac = dup.ip == ipv4_of (spa) ? sha : tha;
      guint32 ip = dup.ip;
      gint64 secs = pkt->frame ? pkt->frame->ts_ns / G_GINT64_CONSTANT (1000000000) : 0;
      RemoraItem di;

      g_snprintf (ipbuf, sizeof ipbuf, "%u.%u.%u.%u", ip >> 24, (ip >> 16) & 0xff, (ip >> 8) & 0xff, ip & 0xff);
      format_addr (now_mac, 6, TRUE, FALSE, macbuf);
      format_addr (dup.earlier.mac, 6, TRUE, FALSE, oldbuf);
      di = remora_add_text (pkt, tree, tvb, 0, 0,
                            "[Duplicate IP address detected for %s (%s) - also in use by %s (frame %u)]",
                            ipbuf, macbuf, oldbuf, dup.earlier.frame);
      ti = remora_add_uint (pkt, di, hf_arp_dup_frame, tvb, 0, 0, dup.earlier.frame);
      remora_item_set_generated (pkt, ti);
      remora_add_expert (pkt, ti, tvb, 0, 0, "Warning", "Sequence", "Duplicate IP address configured (%s)", ipbuf);
      ti = remora_add_uint (pkt, di, hf_arp_dup_seconds, tvb, 0, 0, (guint32) (secs - dup.earlier.secs));
      remora_item_set_generated (pkt, ti);
      remora_col_append_info (pkt, " (duplicate use of %s detected!)", ipbuf);
    }

  return (int) tot_len;
}

void
remora_register_arp (void)
{
  proto_arp = remora_proto_register ("Address Resolution Protocol", "ARP/RARP", "arp");
  remora_fields_register (proto_arp, arp_fields, G_N_ELEMENTS (arp_fields));
  remora_dissector_register ("arp", proto_arp, dissect_arp);
  proto_atmarp = remora_proto_register ("ATM Address Resolution Protocol", "ATMARP", "atmarp");
  atmarp_handle = remora_dissector_register ("atmarp", proto_atmarp, dissect_atmarp);
  remora_pref_register_bool ("arp.detect_duplicate_ips", &arp_detect_duplicates,
                             "Detect duplicate IP address configuration");
}

void
remora_handoff_arp (void)
{
  RemoraDissector *arp = remora_dissector_find ("arp");

  remora_table_add_uint ("ethertype", 0x0806, arp);
  remora_table_add_uint ("ethertype", 0x8035, arp);
}
