/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-ip"

#include "config.h"

#include "proto-ip.h"

#include <stdio.h>
#include <string.h>

#include "remora-chunk-array.h"
#include "remora-dissectors.h"
#include "remora-frame-log.h"

/* Internet Protocol version 4 (RFC 791): header, options, addresses, and
 * the hand-over to the protocol it carries through "ip.proto". */

static int proto_ip;
static int proto_opt_eol, proto_opt_nop, proto_opt_sec, proto_opt_lsrr, proto_opt_ts,
           proto_opt_rr, proto_opt_ssrr, proto_opt_ra;
static int hf_ip_version, hf_ip_hdr_len, hf_ip_dsfield, hf_ip_dscp, hf_ip_ecn, hf_ip_len,
           hf_ip_id, hf_ip_flags, hf_ip_flags_rb, hf_ip_flags_df, hf_ip_flags_mf,
           hf_ip_frag_offset, hf_ip_ttl, hf_ip_proto, hf_ip_checksum, hf_ip_checksum_calc,
           hf_ip_checksum_status, hf_ip_src, hf_ip_dst, hf_ip_addr, hf_ip_src_host,
           hf_ip_dst_host, hf_ip_host;
static int hf_ip_fragments, hf_ip_fragment, hf_ip_fragment_error, hf_ip_fragment_overlap,
           hf_ip_fragment_conflict, hf_ip_fragment_multitails, hf_ip_fragment_toolong,
           hf_ip_fragment_count, hf_ip_reassembled_in, hf_ip_reassembled_length,
           hf_ip_reassembled_data;
static int hf_opt_type, hf_opt_type_copy, hf_opt_type_class, hf_opt_type_number, hf_opt_len,
           hf_opt_ptr, hf_opt_ra, hf_opt_addr, hf_opt_padding, hf_opt_overflow, hf_opt_flag,
           hf_opt_ts, hf_opt_ts_addr, hf_rec_rt, hf_rec_rt_host, hf_cur_rt, hf_cur_rt_host,
           hf_src_rt, hf_src_rt_host, hf_empty_rt, hf_empty_rt_host;

static RemoraDissector *ip_handle;
static RemoraDissector *ipv6_handle;
static gboolean pref_check_checksum = FALSE;
static gboolean pref_defragment = TRUE;

const RemoraValueString remora_ip_proto_vals[] = {
  { 0, "IPv6 Hop-by-Hop Option" },
  { 1, "ICMP" },
  { 2, "IGMP" },
  { 3, "GGP" },
  { 4, "IPIP" },
  { 5, "Stream" },
  { 6, "TCP" },
  { 7, "CBT" },
  { 8, "EGP" },
  { 9, "IGRP" },
  { 0xa, "BBN RCC" },
  { 0xb, "Network Voice" },
  { 0xc, "PUP" },
  { 0xd, "ARGUS" },
  { 0xe, "EMCON" },
  { 0xf, "XNET" },
  { 0x10, "CHAOS" },
  { 0x11, "UDP" },
  { 0x12, "Multiplex" },
  { 0x13, "DCN Measurement" },
  { 0x14, "Host Monitoring" },
  { 0x15, "Packet radio" },
  { 0x16, "IDP" },
  { 0x17, "Trunk-1" },
  { 0x18, "Trunk-2" },
  { 0x19, "Leaf-1" },
  { 0x1a, "Leaf-2" },
  { 0x1b, "Reliable Data" },
  { 0x1c, "IRT" },
  { 0x1d, "ISO TP4" },
  { 0x1e, "Bulk Data" },
  { 0x1f, "MFE NSP" },
  { 0x20, "Merit Internodal" },
  { 0x21, "Datagram Congestion Control Protocol" },
  { 0x22, "3rd Party Connect" },
  { 0x23, "Inter-Domain Policy Routing Protocol" },
  { 0x24, "XTP" },
  { 0x25, "Datagram delivery" },
  { 0x26, "Control Message" },
  { 0x27, "TP++" },
  { 0x28, "IL" },
  { 0x29, "IPv6" },
  { 0x2a, "Source demand routing" },
  { 0x2b, "Routing Header for IPv6" },
  { 0x2c, "Fragment Header for IPv6" },
  { 0x2d, "Inter-Domain Routing Protocol" },
  { 0x2e, "Reservation Protocol" },
  { 0x2f, "Generic Routing Encapsulation" },
  { 0x30, "Dynamic source routing" },
  { 0x31, "BNA" },
  { 0x32, "Encap Security Payload" },
  { 0x33, "Authentication Header" },
  { 0x34, "INSLP" },
  { 0x35, "SWIPE" },
  { 0x36, "NBMA ARP" },
  { 0x37, "IP Mobility" },
  { 0x38, "TLSP Kryptonet" },
  { 0x39, "SKIP" },
  { 0x3a, "ICMPv6" },
  { 0x3b, "No Next Header for IPv6" },
  { 0x3c, "Destination Options for IPv6" },
  { 0x3d, "any host internal protocol" },
  { 0x3e, "Mobile IPv6 (old)" },
  { 0x3f, "any local network" },
  { 0x40, "SATNET EXPAK" },
  { 0x41, "Kryptolan" },
  { 0x42, "Remote Virtual Disk" },
  { 0x43, "IPPC" },
  { 0x44, "any distributed file system" },
  { 0x45, "SATNET Monitoring" },
  { 0x46, "VISA" },
  { 0x47, "IPCV" },
  { 0x48, "CPNX" },
  { 0x49, "CPHB" },
  { 0x4a, "Wang Span" },
  { 0x4b, "Packet Video" },
  { 0x4c, "Backroom SATNET Mon" },
  { 0x4d, "Sun ND Protocol" },
  { 0x4e, "Wideband Mon" },
  { 0x4f, "Wideband Expak" },
  { 0x50, "ISO Internet Protocol" },
  { 0x51, "VMTP" },
  { 0x52, "Secure VMTP" },
  { 0x53, "VINES" },
  { 0x54, "TTP" },
  { 0x55, "NSFNET IGP" },
  { 0x56, "Dissimilar Gateway" },
  { 0x57, "TCF" },
  { 0x58, "EIGRP" },
  { 0x59, "OSPF IGP" },
  { 0x5a, "Sprite RPC" },
  { 0x5b, "Locus ARP" },
  { 0x5c, "Multicast Transport" },
  { 0x5d, "AX.25 Frames" },
  { 0x5e, "IP in IP" },
  { 0x5f, "MICP" },
  { 0x60, "Semaphore" },
  { 0x61, "Ether in IP" },
  { 0x62, "ENCAP" },
  { 0x63, "any private encryption scheme" },
  { 0x64, "GMTP" },
  { 0x65, "Ipsilon Flow" },
  { 0x66, "PNNI over IP" },
  { 0x67, "PIM" },
  { 0x68, "ARIS" },
  { 0x69, "SCPS" },
  { 0x6a, "QNX" },
  { 0x6b, "Active Networks" },
  { 0x6c, "IPComp" },
  { 0x6d, "Sitara Networks" },
  { 0x6e, "Compaq Peer" },
  { 0x6f, "IPX IN IP" },
  { 0x70, "VRRP" },
  { 0x71, "PGM" },
  { 0x72, "any 0-hop protocol" },
  { 0x73, "Layer 2 Tunneling" },
  { 0x74, "DDX" },
  { 0x75, "IATP" },
  { 0x76, "STP" },
  { 0x77, "SpectraLink" },
  { 0x78, "UTI" },
  { 0x79, "SMP" },
  { 0x7a, "SM" },
  { 0x7b, "PTP" },
  { 0x7c, "ISIS over IP" },
  { 0x7d, "FIRE" },
  { 0x7e, "CRTP" },
  { 0x7f, "CRUDP" },
  { 0x80, "SSCOPMCE" },
  { 0x81, "IPLT" },
  { 0x82, "Secure Packet" },
  { 0x83, "PIPE" },
  { 0x84, "SCTP" },
  { 0x85, "Fibre Channel" },
  { 0x86, "RSVP E2EI" },
  { 0x87, "Mobile IPv6" },
  { 0x88, "UDPLite" },
  { 0x89, "MPLS in IP" },
  { 0x8a, "MANET" },
  { 0x8b, "HIP" },
  { 0x8c, "Shim6 header" },
  { 0x8d, "WESP" },
  { 0x8e, "ROHC" },
  { 0x8f, "Ethernet" },
  { 0x90, "Unassigned" },
  { 0x91, "Unassigned" },
  { 0x92, "Unassigned" },
  { 0x93, "Unassigned" },
  { 0x94, "Unassigned" },
  { 0x95, "Unassigned" },
  { 0x96, "Unassigned" },
  { 0x97, "Unassigned" },
  { 0x98, "Unassigned" },
  { 0x99, "Unassigned" },
  { 0x9a, "Unassigned" },
  { 0x9b, "Unassigned" },
  { 0x9c, "Unassigned" },
  { 0x9d, "Unassigned" },
  { 0x9e, "Unassigned" },
  { 0x9f, "Unassigned" },
  { 0xa0, "Unassigned" },
  { 0xa1, "Unassigned" },
  { 0xa2, "Unassigned" },
  { 0xa3, "Unassigned" },
  { 0xa4, "Unassigned" },
  { 0xa5, "Unassigned" },
  { 0xa6, "Unassigned" },
  { 0xa7, "Unassigned" },
  { 0xa8, "Unassigned" },
  { 0xa9, "Unassigned" },
  { 0xaa, "Unassigned" },
  { 0xab, "Unassigned" },
  { 0xac, "Unassigned" },
  { 0xad, "AX/4000 Testframe" },
  { 0xae, "Unassigned" },
  { 0xaf, "Unassigned" },
  { 0xb0, "Unassigned" },
  { 0xb1, "Unassigned" },
  { 0xb2, "Unassigned" },
  { 0xb3, "Unassigned" },
  { 0xb4, "Unassigned" },
  { 0xb5, "Unassigned" },
  { 0xb6, "Unassigned" },
  { 0xb7, "Unassigned" },
  { 0xb8, "Unassigned" },
  { 0xb9, "Unassigned" },
  { 0xba, "Unassigned" },
  { 0xbb, "Unassigned" },
  { 0xbc, "Unassigned" },
  { 0xbd, "Unassigned" },
  { 0xbe, "Unassigned" },
  { 0xbf, "Unassigned" },
  { 0xc0, "Unassigned" },
  { 0xc1, "Unassigned" },
  { 0xc2, "Unassigned" },
  { 0xc3, "Unassigned" },
  { 0xc4, "Unassigned" },
  { 0xc5, "Unassigned" },
  { 0xc6, "Unassigned" },
  { 0xc7, "Unassigned" },
  { 0xc8, "Unassigned" },
  { 0xc9, "Unassigned" },
  { 0xca, "Unassigned" },
  { 0xcb, "Unassigned" },
  { 0xcc, "Unassigned" },
  { 0xcd, "Unassigned" },
  { 0xce, "Unassigned" },
  { 0xcf, "Unassigned" },
  { 0xd0, "Unassigned" },
  { 0xd1, "Unassigned" },
  { 0xd2, "Unassigned" },
  { 0xd3, "Unassigned" },
  { 0xd4, "Unassigned" },
  { 0xd5, "Unassigned" },
  { 0xd6, "Unassigned" },
  { 0xd7, "Unassigned" },
  { 0xd8, "Unassigned" },
  { 0xd9, "Unassigned" },
  { 0xda, "Unassigned" },
  { 0xdb, "Unassigned" },
  { 0xdc, "Unassigned" },
  { 0xdd, "Unassigned" },
  { 0xde, "Unassigned" },
  { 0xdf, "Unassigned" },
  { 0xe0, "Novell NCS Heartbeat" },
  { 0, NULL }
};

const RemoraValueString remora_dscp_vals[] = {
  { 0, "Default" },
  { 1, "Lower Effort" },
  { 8, "Class Selector 1" },
  { 0xa, "Assured Forwarding 11" },
  { 0xc, "Assured Forwarding 12" },
  { 0xe, "Assured Forwarding 13" },
  { 0x10, "Class Selector 2" },
  { 0x12, "Assured Forwarding 21" },
  { 0x14, "Assured Forwarding 22" },
  { 0x16, "Assured Forwarding 23" },
  { 0x18, "Class Selector 3" },
  { 0x1a, "Assured Forwarding 31" },
  { 0x1c, "Assured Forwarding 32" },
  { 0x1e, "Assured Forwarding 33" },
  { 0x20, "Class Selector 4" },
  { 0x22, "Assured Forwarding 41" },
  { 0x24, "Assured Forwarding 42" },
  { 0x26, "Assured Forwarding 43" },
  { 0x28, "Class Selector 5" },
  { 0x2c, "Voice Admit" },
  { 0x2e, "Expedited Forwarding" },
  { 0x30, "Class Selector 6" },
  { 0x38, "Class Selector 7" },
  { 0, NULL }
};

const RemoraValueString remora_ecn_vals[] = {
  { 0, "Not ECN-Capable Transport" },
  { 1, "ECN-Capable Transport codepoint '01'" },
  { 2, "ECN-Capable Transport codepoint '10'" },
  { 3, "Congestion Experienced" },
  { 0, NULL }
};

const RemoraValueString remora_checksum_status_vals[] = {
  { 0, "Bad" },
  { 1, "Good" },
  { 2, "Unverified" },
  { 3, "Not present" },
  { 4, "Illegal" },
  { 0, NULL }
};

static const RemoraValueString opt_class_vals[] = {
  { 0, "Control" },
  { 1, "Reserved for future use" },
  { 2, "Debugging and measurement" },
  { 3, "Reserved for future use" },
  { 0, NULL }
};

static const RemoraValueString opt_number_vals[] = {
  { 0, "End of Option List (EOL)" },
  { 1, "No-Operation (NOP)" },
  { 2, "Security" },
  { 3, "Loose source route" },
  { 4, "Time stamp" },
  { 5, "Extended security" },
  { 6, "Commercial IP security option" },
  { 7, "Record route" },
  { 8, "Stream identifier" },
  { 9, "Strict source route" },
  { 0xa, "Experimental Measurement" },
  { 0xb, "MTU probe" },
  { 0xc, "MTU Reply" },
  { 0xd, "Experimental Flow Control" },
  { 0xe, "Experimental Access Control" },
  { 0xf, "Ask Estrin" },
  { 0x10, "IMI Traffic Descriptor" },
  { 0x11, "Extended Internet Protocol" },
  { 0x12, "Traceroute" },
  { 0x13, "Address Extension" },
  { 0x14, "Router Alert" },
  { 0x15, "Selective Directed Broadcast" },
  { 0x16, "Unassigned" },
  { 0x17, "Dynamic Packet State" },
  { 0x18, "Upstream Multicast Packet" },
  { 0x19, "Quick-Start" },
  { 0x1e, "RFC 3692-style experiment" },
  { 0, NULL }
};

static const RemoraValueString opt_ts_flag_vals[] = {
  { 0, "Time stamps only" },
  { 1, "Time stamp and address" },
  { 3, "Time stamps for prespecified addresses" },
  { 0, NULL }
};

static const RemoraValueString opt_ra_vals[] = {
  { 0, "Router shall examine packet" },
  { 0, NULL }
};

static const RemoraTrueFalse tfs_yes_no = { "Yes", "No" };

static const RemoraValueString dscp_short_vals[] = {
  { 0, "CS0" }, { 1, "LE" }, { 8, "CS1" }, { 10, "AF11" }, { 12, "AF12" }, { 14, "AF13" },
  { 16, "CS2" }, { 18, "AF21" }, { 20, "AF22" }, { 22, "AF23" }, { 24, "CS3" },
  { 26, "AF31" }, { 28, "AF32" }, { 30, "AF33" }, { 32, "CS4" }, { 34, "AF41" },
  { 36, "AF42" }, { 38, "AF43" }, { 40, "CS5" }, { 44, "VA" }, { 46, "EF" },
  { 48, "CS6" }, { 56, "CS7" },
  { 0, NULL }
};

const char *
remora_dscp_short_name (guint  dscp,
                        char  *buf,
                        gsize  size)
{
  const char *name = remora_value_string_lookup (dscp_short_vals, dscp);

  if (name != NULL)
    return name;
  g_snprintf (buf, size, "Unknown (%u)", dscp);
  return buf;
}

const char *
remora_ecn_short_name (guint ecn)
{
  static const char *const names[] = { "Not-ECT", "ECT(1)", "ECT(0)", "CE" };

  return names[ecn & 3];
}

const char *
remora_ip_proto_name (guint proto)
{
  const char *name = remora_value_string_lookup (remora_ip_proto_vals, proto);

  return name != NULL ? name : "Unknown";
}

guint16
remora_cksum_shouldbe (guint16 sum_field,
                       guint16 computed)
{
  /* COMPUTED is the complement of the sum with the field included: take the
   * field back out (ones' complement subtraction) and complement again. */
  guint32 sum = (guint16) ~computed;

  sum += (guint16) ~sum_field;
  while (sum >> 16)
    sum = (sum & 0xffff) + (sum >> 16);
  return (guint16) ~sum;
}

static RemoraFieldDef ip_fields[] = {
  { &hf_ip_version, { "Version", "ip.version", REMORA_FT_UINT8, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_ip_hdr_len, { "Header Length", "ip.hdr_len", REMORA_FT_UINT8, REMORA_BASE_DEC, NULL, 0, "Header length in 32-bit words" } },
  { &hf_ip_dsfield, { "Differentiated Services Field", "ip.dsfield", REMORA_FT_UINT8, REMORA_BASE_HEX, NULL, 0, NULL } },
  { &hf_ip_dscp, { "Differentiated Services Codepoint", "ip.dsfield.dscp", REMORA_FT_UINT8, REMORA_BASE_DEC, remora_dscp_vals, 0xfc, NULL } },
  { &hf_ip_ecn, { "Explicit Congestion Notification", "ip.dsfield.ecn", REMORA_FT_UINT8, REMORA_BASE_DEC, remora_ecn_vals, 0x03, NULL } },
  { &hf_ip_len, { "Total Length", "ip.len", REMORA_FT_UINT16, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_ip_id, { "Identification", "ip.id", REMORA_FT_UINT16, REMORA_BASE_HEX_DEC, NULL, 0, NULL } },
  { &hf_ip_dst, { "Destination Address", "ip.dst", REMORA_FT_IPv4, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_ip_dst_host, { "Destination Host", "ip.dst_host", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_ip_src, { "Source Address", "ip.src", REMORA_FT_IPv4, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_ip_src_host, { "Source Host", "ip.src_host", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_ip_addr, { "Source or Destination Address", "ip.addr", REMORA_FT_IPv4, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_ip_host, { "Source or Destination Host", "ip.host", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_ip_flags, { "Flags", "ip.flags", REMORA_FT_UINT8, REMORA_BASE_HEX, NULL, 0xe0, "Flags (3 bits)" } },
  { &hf_ip_flags_rb, { "Reserved bit", "ip.flags.rb", REMORA_FT_BOOLEAN, 8, NULL, 0x80, NULL } },
  { &hf_ip_flags_df, { "Don't fragment", "ip.flags.df", REMORA_FT_BOOLEAN, 8, NULL, 0x40, NULL } },
  { &hf_ip_flags_mf, { "More fragments", "ip.flags.mf", REMORA_FT_BOOLEAN, 8, NULL, 0x20, NULL } },
  { &hf_ip_frag_offset, { "Fragment Offset", "ip.frag_offset", REMORA_FT_UINT16, REMORA_BASE_DEC, NULL, 0x1fff, "Fragment offset (13 bits)" } },
  { &hf_ip_ttl, { "Time to Live", "ip.ttl", REMORA_FT_UINT8, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_ip_proto, { "Protocol", "ip.proto", REMORA_FT_UINT8, REMORA_BASE_DEC, remora_ip_proto_vals, 0, NULL } },
  { &hf_ip_checksum, { "Header Checksum", "ip.checksum", REMORA_FT_UINT16, REMORA_BASE_HEX, NULL, 0, NULL } },
  { &hf_ip_checksum_calc, { "Calculated Checksum", "ip.checksum_calculated", REMORA_FT_UINT16, REMORA_BASE_HEX, NULL, 0, "The expected IP checksum field as calculated from the IP datagram" } },
  { &hf_ip_checksum_status, { "Header checksum status", "ip.checksum.status", REMORA_FT_UINT8, REMORA_BASE_NONE, remora_checksum_status_vals, 0, NULL } },
  { &hf_opt_type, { "Type", "ip.opt.type", REMORA_FT_UINT8, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_opt_type_copy, { "Copy on fragmentation", "ip.opt.type.copy", REMORA_FT_BOOLEAN, 8, &tfs_yes_no, 0x80, NULL } },
  { &hf_opt_type_class, { "Class", "ip.opt.type.class", REMORA_FT_UINT8, REMORA_BASE_DEC, opt_class_vals, 0x60, NULL } },
  { &hf_opt_type_number, { "Number", "ip.opt.type.number", REMORA_FT_UINT8, REMORA_BASE_DEC, opt_number_vals, 0x1f, NULL } },
  { &hf_opt_len, { "Length", "ip.opt.len", REMORA_FT_UINT8, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_opt_ptr, { "Pointer", "ip.opt.ptr", REMORA_FT_UINT8, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_opt_ra, { "Router Alert", "ip.opt.ra", REMORA_FT_UINT16, REMORA_BASE_DEC, opt_ra_vals, 0, NULL } },
  { &hf_opt_addr, { "IP Address", "ip.opt.addr", REMORA_FT_IPv4, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_opt_padding, { "Padding", "ip.opt.padding", REMORA_FT_BYTES, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_rec_rt, { "Recorded Route", "ip.rec_rt", REMORA_FT_IPv4, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_rec_rt_host, { "Recorded Route Host", "ip.rec_rt_host", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_cur_rt, { "Current Route", "ip.cur_rt", REMORA_FT_IPv4, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_cur_rt_host, { "Current Route Host", "ip.cur_rt_host", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_src_rt, { "Source Route", "ip.src_rt", REMORA_FT_IPv4, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_src_rt_host, { "Source Route Host", "ip.src_rt_host", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_empty_rt, { "Empty Route", "ip.empty_rt", REMORA_FT_IPv4, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_empty_rt_host, { "Empty Route Host", "ip.empty_rt_host", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_opt_overflow, { "Overflow", "ip.opt.overflow", REMORA_FT_UINT8, REMORA_BASE_DEC, NULL, 0xf0, NULL } },
  { &hf_opt_flag, { "Flag", "ip.opt.flag", REMORA_FT_UINT8, REMORA_BASE_HEX, opt_ts_flag_vals, 0x0f, NULL } },
  { &hf_opt_ts, { "Time stamp", "ip.opt.time_stamp", REMORA_FT_UINT32, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_opt_ts_addr, { "Address", "ip.opt.time_stamp_addr", REMORA_FT_IPv4, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_ip_fragment_overlap, { "Fragment overlap", "ip.fragment.overlap", REMORA_FT_BOOLEAN, REMORA_BASE_NONE, NULL, 0,
                               "Fragment overlaps with other fragments" } },
  { &hf_ip_fragment_conflict, { "Conflicting data in fragment overlap", "ip.fragment.overlap.conflict",
                                REMORA_FT_BOOLEAN, REMORA_BASE_NONE, NULL, 0,
                                "Overlapping fragments contained conflicting data" } },
  { &hf_ip_fragment_multitails, { "Multiple tail fragments found", "ip.fragment.multipletails", REMORA_FT_BOOLEAN,
                                  REMORA_BASE_NONE, NULL, 0,
                                  "Several tails were found when defragmenting the packet" } },
  { &hf_ip_fragment_toolong, { "Fragment too long", "ip.fragment.toolongfragment", REMORA_FT_BOOLEAN,
                               REMORA_BASE_NONE, NULL, 0, "Fragment contained data past end of packet" } },
  { &hf_ip_fragment_error, { "Defragmentation error", "ip.fragment.error", REMORA_FT_FRAMENUM, REMORA_BASE_NONE,
                             NULL, 0, "Defragmentation error due to illegal fragments" } },
  { &hf_ip_fragment_count, { "Fragment count", "ip.fragment.count", REMORA_FT_UINT32, REMORA_BASE_DEC, NULL, 0,
                             NULL } },
  { &hf_ip_fragment, { "IPv4 Fragment", "ip.fragment", REMORA_FT_FRAMENUM, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_ip_fragments, { "IPv4 Fragments", "ip.fragments", REMORA_FT_BYTES, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_ip_reassembled_in, { "Reassembled IPv4 in frame", "ip.reassembled_in", REMORA_FT_FRAMENUM,
                             REMORA_BASE_NONE, NULL, 0, "This IPv4 packet is reassembled in this frame" } },
  { &hf_ip_reassembled_length, { "Reassembled IPv4 length", "ip.reassembled.length", REMORA_FT_UINT32,
                                 REMORA_BASE_DEC, NULL, 0, "The total length of the reassembled payload" } },
  { &hf_ip_reassembled_data, { "Reassembled IPv4 data", "ip.reassembled.data", REMORA_FT_BYTES, REMORA_BASE_NONE,
                               NULL, 0, "The reassembled payload" } },
};

static RemoraIpDefragItems ip_defrag_items = {
  0, &hf_ip_fragments, &hf_ip_fragment, &hf_ip_fragment_error, &hf_ip_fragment_overlap,
  &hf_ip_fragment_conflict, &hf_ip_fragment_multitails, &hf_ip_fragment_toolong, &hf_ip_fragment_count,
  &hf_ip_reassembled_in, &hf_ip_reassembled_length, &hf_ip_reassembled_data,
  "IPv4 Fragment", "IPv4 Fragments", "Reassembled IPv4",
};

/* Adds the dotted form of ADDR as a string field (the *_host fields: with
 * name resolution off they hold the address itself). */
static RemoraItem
add_host (RemoraPacket    *pkt,
          RemoraItem       tree,
          int              hf,
          const RemoraTvb *tvb,
          guint32          offset,
          guint32          addr)
{
  char buf[16];
  RemoraItem item;

  if (!remora_wants (pkt, hf))
    return 0;
  g_snprintf (buf, sizeof buf, "%u.%u.%u.%u", addr >> 24, (addr >> 16) & 0xff, (addr >> 8) & 0xff, addr & 0xff);
  item = remora_add_string (pkt, tree, hf, tvb, offset, 4, buf, -1);
  remora_item_set_hidden (pkt, item);
  return item;
}

static void
add_address (RemoraPacket    *pkt,
             RemoraItem       tree,
             int              hf,
             int              hf_host,
             const RemoraTvb *tvb,
             guint32          offset,
             guint32          addr)
{
  remora_add_ipv4 (pkt, tree, hf, tvb, offset, 4, addr);
  remora_item_set_hidden (pkt, remora_add_ipv4 (pkt, tree, hf_ip_addr, tvb, offset, 4, addr));
  add_host (pkt, tree, hf_host, tvb, offset, addr);
  add_host (pkt, tree, hf_ip_host, tvb, offset, addr);
}

/* The type byte of an option with its three bit fields. */
static void
add_option_type (RemoraPacket    *pkt,
                 RemoraItem       opt_tree,
                 const RemoraTvb *tvb,
                 guint32          offset,
                 guint8           type)
{
  RemoraItem ti = remora_add_uint (pkt, opt_tree, hf_opt_type, tvb, offset, 1, type);

  remora_add_boolean (pkt, ti, hf_opt_type_copy, tvb, offset, 1, type);
  remora_add_uint (pkt, ti, hf_opt_type_class, tvb, offset, 1, type);
  remora_add_uint (pkt, ti, hf_opt_type_number, tvb, offset, 1, type);
}

static void
dissect_route_option (RemoraPacket    *pkt,
                      RemoraItem       opt_tree,
                      const RemoraTvb *tvb,
                      guint32          offset,
                      guint            len,
                      gboolean         record)
{
  guint ptr = remora_tvb_get_u8 (tvb, offset + 2);
  guint pos;

  remora_add_item (pkt, opt_tree, hf_opt_ptr, tvb, offset + 2, 1, REMORA_ENC_BIG_ENDIAN);
  /* POS is 1-based within the option, as the pointer counts */
  for (pos = 4; pos + 3 <= len; pos += 4)
    {
      guint32 addr = remora_tvb_get_ntohl (tvb, offset + pos - 1);
      int hf, hf_host;

      if (pos == ptr)
        {
          hf = hf_cur_rt;
          hf_host = hf_cur_rt_host;
        }
      else if (record)
        {
          hf = addr == 0 ? hf_empty_rt : hf_rec_rt;
          hf_host = addr == 0 ? hf_empty_rt_host : hf_rec_rt_host;
        }
      else
        {
          hf = hf_src_rt;
          hf_host = hf_src_rt_host;
        }
      remora_add_ipv4 (pkt, opt_tree, hf, tvb, offset + pos - 1, 4, addr);
      add_host (pkt, opt_tree, hf_host, tvb, offset + pos - 1, addr);
    }
}

static void
dissect_timestamp_option (RemoraPacket    *pkt,
                          RemoraItem       opt_tree,
                          const RemoraTvb *tvb,
                          guint32          offset,
                          guint            len)
{
  guint8 of;
  guint pos;

  remora_add_item (pkt, opt_tree, hf_opt_ptr, tvb, offset + 2, 1, REMORA_ENC_BIG_ENDIAN);
  of = remora_tvb_get_u8 (tvb, offset + 3);
  remora_add_uint (pkt, opt_tree, hf_opt_overflow, tvb, offset + 3, 1, of);
  remora_add_uint (pkt, opt_tree, hf_opt_flag, tvb, offset + 3, 1, of);
  for (pos = 4; pos < len; )
    {
      if ((of & 0x0f) == 0)
        {
          if (pos + 4 > len)
            goto too_long;
          remora_add_item (pkt, opt_tree, hf_opt_ts, tvb, offset + pos, 4, REMORA_ENC_BIG_ENDIAN);
          pos += 4;
        }
      else
        {
          if (pos + 8 > len)
            goto too_long;
          remora_add_item (pkt, opt_tree, hf_opt_ts_addr, tvb, offset + pos, 4, REMORA_ENC_BIG_ENDIAN);
          remora_add_item (pkt, opt_tree, hf_opt_ts, tvb, offset + pos + 4, 4, REMORA_ENC_BIG_ENDIAN);
          pos += 8;
        }
    }
  return;

too_long:
  if (pkt->tree_mode)
    {
      RemoraItem ti = remora_add_text (pkt, opt_tree, tvb, offset + pos, len - pos,
                                       "Suboption would go past end of option");
      remora_add_expert (pkt, ti, tvb, offset + pos, len - pos, "Warning", "Protocol",
                         "Suboption would go past end of option");
    }
}

typedef struct {
  guint8      type;
  const char *name;
  int        *proto;
} IpOption;

static const IpOption ip_options[] = {
  { 0, "End of Options List (EOL)", &proto_opt_eol },
  { 1, "No-Operation (NOP)", &proto_opt_nop },
  { 130, "Security", &proto_opt_sec },
  { 131, "Loose Source Route", &proto_opt_lsrr },
  { 68, "Time Stamp", &proto_opt_ts },
  { 7, "Record Route", &proto_opt_rr },
  { 137, "Strict Source Route", &proto_opt_ssrr },
  { 148, "Router Alert", &proto_opt_ra },
};

static const IpOption *
find_option (guint8 type)
{
  for (guint i = 0; i < G_N_ELEMENTS (ip_options); i++)
    if (ip_options[i].type == type)
      return &ip_options[i];
  return NULL;
}

static void
dissect_options (RemoraPacket    *pkt,
                 RemoraItem       tree,
                 const RemoraTvb *tvb,
                 guint32          start,
                 guint32          end)
{
  RemoraItem opts = 0;
  guint32 offset = start;

  if (pkt->tree_mode)
    opts = remora_add_text (pkt, tree, tvb, start, end - start, "Options: (%u bytes)", end - start);

  while (offset < end)
    {
      guint8 type = remora_tvb_get_u8 (tvb, offset);
      const IpOption *opt = find_option (type);
      RemoraItem ot;
      guint len;

      if (type == 0 || type == 1)
        {
          ot = remora_add_protocol (pkt, opts, *opt->proto, tvb, offset, 1);
          remora_item_set_text (pkt, ot, "IP Option - %s", opt->name);
          remora_item_append_text (pkt, opts, ", %s", opt->name);
          add_option_type (pkt, ot, tvb, offset, type);
          offset++;
          continue;
        }

      if (offset + 1 >= end)
        {
          if (pkt->tree_mode)
            {
              RemoraItem ti;

              if (opt != NULL)
                ti = remora_add_text (pkt, opts, tvb, offset, 1, "%s (length byte past end of options)", opt->name);
              else
                ti = remora_add_text (pkt, opts, tvb, offset, 1, "Unknown (0x%02x) (length byte past end of options)", type);
              remora_add_expert (pkt, ti, tvb, offset, 1, "Warning", "Protocol", "Option length byte past end of options");
            }
          break;
        }
      len = remora_tvb_get_u8 (tvb, offset + 1);
      if (len < 2 || len > end - offset)
        {
          if (pkt->tree_mode)
            {
              g_autofree char *what = opt != NULL ? g_strdup (opt->name) : g_strdup_printf ("Unknown (0x%02x)", type);
              g_autofree char *msg = NULL;
              RemoraItem ti;

              if (len < 2)
                msg = g_strdup_printf ("%s (with too-short option length = %u byte%s)", what, len, len == 1 ? "" : "s");
              else
                msg = g_strdup_printf ("%s (option length = %u byte%s says option goes past end of options)",
                                       what, len, len == 1 ? "" : "s");
              ti = remora_add_text (pkt, opts, tvb, offset, 2, "%s", msg);
              remora_add_expert (pkt, ti, tvb, offset, 2, "Warning", "Protocol", "%s", msg);
            }
          break;
        }

      if (opt == NULL)
        {
          if (pkt->tree_mode)
            remora_add_text (pkt, opts, tvb, offset, len, "Unknown (0x%02x) (%u bytes)", type, len);
          offset += len;
          continue;
        }

      ot = remora_add_protocol (pkt, opts, *opt->proto, tvb, offset, len);
      remora_item_set_text (pkt, ot, "IP Option - %s (%u bytes)", opt->name, len);
      remora_item_append_text (pkt, opts, ", %s", opt->name);
      add_option_type (pkt, ot, tvb, offset, type);
      remora_add_item (pkt, ot, hf_opt_len, tvb, offset + 1, 1, REMORA_ENC_BIG_ENDIAN);
      switch (type)
        {
        case 148:
          if (len == 4)
            {
              guint16 ra = remora_tvb_get_ntohs (tvb, offset + 2);

              remora_add_uint (pkt, ot, hf_opt_ra, tvb, offset + 2, 2, ra);
              remora_item_append_text (pkt, ot, ": %s (%u)", ra == 0 ? "Router shall examine packet" : "Reserved", ra);
            }
          break;
        case 7:
        case 131:
        case 137:
          if (len >= 3)
            dissect_route_option (pkt, ot, tvb, offset, len, type == 7);
          break;
        case 68:
          if (len >= 4)
            dissect_timestamp_option (pkt, ot, tvb, offset, len);
          break;
        default:
          /* security: the classification bytes as they are */
          if (pkt->tree_mode && len > 2)
            remora_add_text (pkt, ot, tvb, offset + 2, len - 2, "Data (%u bytes)", len - 2);
          break;
        }
      offset += len;
    }
}

static guint
dissect_checksum (RemoraPacket    *pkt,
                  RemoraItem       tree,
                  const RemoraTvb *tvb,
                  guint            hlen)
{
  guint16 cksum = remora_tvb_get_ntohs (tvb, 10);
  RemoraItem ti = remora_add_uint (pkt, tree, hf_ip_checksum, tvb, 10, 2, cksum);
  guint status = REMORA_CKSUM_UNVERIFIED;

  if (pref_check_checksum && !pkt->in_error_pkt && remora_tvb_bytes_exist (tvb, 0, hlen))
    {
      guint16 computed = remora_cksum_finish (remora_cksum_add (0, remora_tvb_get_ptr (tvb, 0, hlen), hlen));
      guint16 shouldbe = remora_cksum_shouldbe (cksum, computed);

      if (computed == 0)
        {
          status = REMORA_CKSUM_GOOD;
          remora_item_append_text (pkt, ti, " [correct]");
        }
      else
        {
          status = REMORA_CKSUM_BAD;
          remora_item_append_text (pkt, ti, " [incorrect, should be 0x%04x (may be caused by \"IP checksum offload\"?)]", shouldbe);
          remora_add_expert (pkt, ti, tvb, 10, 2, "Error", "Checksum", "Bad checksum");
          remora_col_append_info (pkt, " [IP CHECKSUM INCORRECT]");
        }
      remora_item_set_generated (pkt, remora_add_uint (pkt, tree, hf_ip_checksum_calc, tvb, 10, 2, shouldbe));
    }
  else
    remora_item_append_text (pkt, ti, " [validation disabled]");
  remora_item_set_generated (pkt, remora_add_uint (pkt, tree, hf_ip_checksum_status, tvb, 10, 0, status));
  return status;
}

/* ---- defragmentation ---- */

/* Per-fragment verdicts, found when the datagram is put together (as
 * tshark finds them: the first fragment in offset order wins, later ones
 * are compared with what is already there). */
enum {
  FRAG_OVERLAP     = 1 << 0,
  FRAG_CONFLICT    = 1 << 1,
  FRAG_MULTITAIL   = 1 << 2,
  FRAG_TOOLONG     = 1 << 3,
};
#define FRAG_ILLEGAL (FRAG_CONFLICT | FRAG_MULTITAIL | FRAG_TOOLONG)

/* Bookkeeping charged to the pending total besides the bytes themselves,
 * so that floods of tiny or empty fragments count too. */
#define FRAG_OVERHEAD     64u
#define DATAGRAM_OVERHEAD 256u

typedef struct {
  guint32 frame;
  guint32 offset;
  guint32 len;
  guint32 flags;
} FragInfo;

typedef struct {
  FragInfo  info;
  guint8   *data;     /* owned */
} PendingFrag;

/* A datagram still missing pieces. */
typedef struct {
  RemoraIpFragKey key;
  GArray         *frags;       /* PendingFrag, by offset, then arrival */
  guint32         datalen;     /* from the first tail */
  gboolean        datalen_set;
  gsize           stored;      /* fragment bytes held */
  guint32         slot;        /* its place in DefragState.dones (revisiting sessions), or NO_SLOT */
  gsize           charged;     /* what it counts in the pending total */
  GList           link;        /* in DefragState.lru, oldest first */
} Datagram;

/* A completed datagram as the tree shows it: built once, in the frame
 * that completes it, and kept for redissection when the session revisits
 * frames, in the slot its datagram was given when its first fragment came
 * (so that frames before the last find it). */
typedef struct {
  RemoraIpFragKey key;
  guint32         reassembled_in;
  guint32         len;
  guint32         flags;       /* union of the fragments' */
  guint8         *data;        /* NULL once dropped for the kept cap */
  gboolean        owned;       /* data and record are heap memory (not the packet's) */
  GList           link;        /* in DefragState.kept while data is held */
  guint32         n_frags;
  FragInfo        frags[];
} Done;

#define NO_SLOT G_MAXUINT32

typedef struct {
  GHashTable       *pending;   /* RemoraIpFragKey* (in the Datagram) -> Datagram* */
  GQueue            lru;
  gsize             pending_bytes;
  /* Revisiting sessions only: a slot (Done *, NULL until complete) per
   * datagram, and per fragment frame a record with its datagram's slot
   * (varint), keyed by the IP layer's depth. */
  RemoraChunkArray *dones;
  RemoraFrameLog   *log;
  GQueue            kept;      /* Done with data, oldest first */
  gsize             kept_bytes;
} DefragState;

static guint
key_hash (gconstpointer p)
{
  const RemoraIpFragKey *k = p;
  guint h = k->family * 31u + k->proto;
  guint n = k->family == 4 ? 4 : 16;

  h = h * 16777619u ^ k->id;
  for (guint i = 0; i < n; i++)
    h = (h ^ k->src[i]) * 16777619u;
  for (guint i = 0; i < n; i++)
    h = (h ^ k->dst[i]) * 16777619u;
  return h;
}

static gboolean
key_equal (gconstpointer a,
           gconstpointer b)
{
  const RemoraIpFragKey *x = a, *y = b;

  return x->family == y->family && x->proto == y->proto && x->id == y->id
         && memcmp (x->src, y->src, 16) == 0 && memcmp (x->dst, y->dst, 16) == 0;
}

static void
datagram_free (Datagram *d)
{
  for (guint i = 0; i < d->frags->len; i++)
    g_free (g_array_index (d->frags, PendingFrag, i).data);
  g_array_unref (d->frags);
  g_free (d);
}

static void
defrag_state_free (gpointer p)
{
  DefragState *s = p;

  g_hash_table_destroy (s->pending);
  for (guint32 i = 0; s->dones != NULL && i < remora_chunk_array_length (s->dones); i++)
    {
      Done *d = *(Done **) remora_chunk_array_get (s->dones, i);

      if (d != NULL)
        {
          g_free (d->data);
          g_free (d);
        }
    }
  remora_chunk_array_free (s->dones);
  remora_frame_log_free (s->log);
  g_free (s);
}

static DefragState *
get_defrag_state (RemoraSession *session,
                  int            proto,
                  gboolean       create)
{
  DefragState *s = remora_session_get_proto_data (session, proto);

  if (s != NULL || !create)
    return s;
  s = g_new0 (DefragState, 1);
  s->pending = g_hash_table_new_full (key_hash, key_equal, NULL, (GDestroyNotify) datagram_free);
  g_queue_init (&s->lru);
  g_queue_init (&s->kept);
  remora_session_set_proto_data (session, proto, s, defrag_state_free);
  return s;
}

static void
drop_pending (DefragState *s,
              Datagram    *d)
{
  g_queue_unlink (&s->lru, &d->link);
  s->pending_bytes -= d->charged;
  g_hash_table_remove (s->pending, &d->key);
}

/* Puts the datagram together from its fragments (all there); the record
 * lives in the packet's scratch memory, or on the heap when it is kept. */
static Done *
assemble (RemoraPacket *pkt,
          Datagram     *d,
          gboolean      keep)
{
  guint32 n = d->frags->len;
  gsize size = sizeof (Done) + (gsize) n * sizeof (FragInfo);
  Done *done = keep ? g_malloc0 (size) : remora_packet_alloc (pkt, size);
  guint8 *buf = keep ? g_malloc0 (MAX (d->datalen, 1u)) : remora_packet_alloc (pkt, MAX (d->datalen, 1u));
  guint32 filled = 0;

  done->key = d->key;
  done->reassembled_in = pkt->frame->number;
  done->len = d->datalen;
  done->data = buf;
  done->owned = keep;
  done->n_frags = n;
  for (guint32 i = 0; i < n; i++)
    {
      PendingFrag *f = &g_array_index (d->frags, PendingFrag, i);
      guint32 end, cmp_end;

      if (f->info.len > 0)
        {
          if (f->info.offset >= d->datalen)
            f->info.flags |= FRAG_TOOLONG;
          else
            {
              end = f->info.offset + f->info.len;
              if (end > d->datalen)
                {
                  f->info.flags |= FRAG_TOOLONG;
                  end = d->datalen;
                }
              if (f->info.offset < filled)
                {
                  /* compared over what this fragment shares with the bytes
                   * already placed */
                  cmp_end = MIN (end, filled);
                  f->info.flags |= FRAG_OVERLAP;
                  if (memcmp (buf + f->info.offset, f->data, cmp_end - f->info.offset) != 0)
                    f->info.flags |= FRAG_CONFLICT;
                }
              if (end > filled)
                {
                  memcpy (buf + filled, f->data + (filled - f->info.offset), end - filled);
                  filled = end;
                }
            }
        }
      done->frags[i] = f->info;
      done->flags |= f->info.flags;
    }
  return done;
}

/* The contiguous bytes from offset 0 reach the tail. */
static gboolean
is_complete (const Datagram *d)
{
  guint32 reach = 0;

  if (!d->datalen_set)
    return FALSE;
  for (guint i = 0; i < d->frags->len; i++)
    {
      const FragInfo *f = &g_array_index (d->frags, PendingFrag, i).info;

      if (f->offset > reach)
        break;
      reach = MAX (reach, f->offset + f->len);
    }
  return reach >= d->datalen;
}

/* Keeps a completed datagram for redissection in SLOT, where every
 * fragment frame finds it; its bytes count towards the kept cap (oldest
 * dropped first). */
static void
keep_done (DefragState *s,
           Done        *done,
           guint32      slot)
{
  *(Done **) remora_chunk_array_get (s->dones, slot) = done;
  done->link.data = done;
  g_queue_push_tail_link (&s->kept, &done->link);
  s->kept_bytes += done->len;
  while (s->kept_bytes > REMORA_IP_DEFRAG_MAX_KEPT_TOTAL && s->kept.head != NULL)
    {
      Done *old = s->kept.head->data;

      g_queue_unlink (&s->kept, &old->link);
      s->kept_bytes -= old->len;
      g_clear_pointer (&old->data, g_free);
    }
}

/* The "[3 IPv4 Fragments (3008 bytes): #1(1480), ...]" tree and the data
 * source; returns FALSE when the bytes are no longer kept. */
static gboolean
show_done (RemoraPacket              *pkt,
           const RemoraIpDefragItems *items,
           RemoraItem                 tree,
           const RemoraTvb           *tvb,
           const Done                *done,
           RemoraTvb                 *out)
{
  char name[64];
  guint8 *copy;
  RemoraItem fi, it;

  if (done->data == NULL)
    {
      remora_add_text (pkt, tree, tvb, 0, 0, "[Reassembly data no longer available]");
      return FALSE;
    }
  /* a copy: the kept bytes may be dropped while this packet is shown */
  copy = remora_packet_alloc (pkt, MAX (done->len, 1u));
  memcpy (copy, done->data, done->len);
  g_snprintf (name, sizeof name, "%s (%u bytes)", items->source_name, done->len);
  remora_packet_add_source (pkt, remora_packet_strndup (pkt, name, strlen (name)), copy, done->len, out);

  fi = remora_add_item (pkt, tree, *items->hf_fragments, out, 0, done->len, REMORA_ENC_NA);
  remora_item_set_generated (pkt, fi);
  if (pkt->tree_mode)
    {
      /* Wireshark's labels stop at 239 characters */
      char label[240];
      gsize used;

      used = (gsize) g_snprintf (label, sizeof label, "%u %s (%u byte%s): ", done->n_frags,
                                 done->n_frags == 1 ? items->fragment_name : items->fragments_name,
                                 done->len, done->len == 1 ? "" : "s");
      for (guint32 i = 0; i < done->n_frags && used < sizeof label - 1; i++)
        used += (gsize) g_snprintf (label + used, sizeof label - used, "%s#%u(%u)", i ? ", " : "",
                                    done->frags[i].frame, done->frags[i].len);
      remora_item_set_text (pkt, fi, "%s", label);
    }
  for (guint32 i = 0; i < done->n_frags; i++)
    {
      const FragInfo *f = &done->frags[i];
      guint32 start = MIN (f->offset, done->len);
      guint32 len = MIN (f->len, done->len - start);

      it = remora_add_uint (pkt, fi, (f->flags & FRAG_ILLEGAL) ? *items->hf_fragment_error : *items->hf_fragment,
                            out, start, len, f->frame);
      remora_item_set_generated (pkt, it);
      if (f->len == 0)
        remora_item_set_text (pkt, it, "Frame: %u (no data)", f->frame);
      else
        remora_item_set_text (pkt, it, "Frame: %u, payload: %u-%u (%u byte%s)", f->frame, f->offset,
                              f->offset + f->len - 1, f->len, f->len == 1 ? "" : "s");
      if (f->flags & FRAG_OVERLAP)
        remora_item_set_generated (pkt, remora_add_boolean (pkt, it, *items->hf_overlap, out, 0, 0, 1));
      if (f->flags & FRAG_CONFLICT)
        remora_item_set_generated (pkt, remora_add_boolean (pkt, it, *items->hf_overlap_conflict, out, 0, 0, 1));
      if (f->flags & FRAG_MULTITAIL)
        remora_item_set_generated (pkt, remora_add_boolean (pkt, it, *items->hf_multiple_tails, out, 0, 0, 1));
      if (f->flags & FRAG_TOOLONG)
        remora_item_set_generated (pkt, remora_add_boolean (pkt, it, *items->hf_too_long, out, 0, 0, 1));
    }
  remora_item_set_generated (pkt, remora_add_uint (pkt, fi, *items->hf_count, out, 0, 0, done->n_frags));
  remora_item_set_generated (pkt, remora_add_uint (pkt, fi, *items->hf_reassembled_length, out, 0, 0, done->len));
  remora_item_set_generated (pkt, remora_add_item (pkt, fi, *items->hf_reassembled_data, out, 0, done->len,
                                                   REMORA_ENC_NA));
  return TRUE;
}

static gboolean
answer (RemoraPacket              *pkt,
        const RemoraIpDefragItems *items,
        RemoraItem                 tree,
        const RemoraTvb           *payload,
        const Done                *done,
        RemoraTvb                 *out,
        RemoraIpDefragResult      *res)
{
  if (done == NULL)
    return FALSE;
  res->reassembled_in = done->reassembled_in;
  res->illegal = (done->flags & FRAG_ILLEGAL) != 0;
  if (done->reassembled_in != pkt->frame->number)
    {
      remora_item_set_generated (pkt, remora_add_uint (pkt, tree, *items->hf_reassembled_in, payload, 0, 0,
                                                       done->reassembled_in));
      return FALSE;
    }
  if (!show_done (pkt, items, tree, payload, done, out))
    {
      res->reassembled_in = 0;
      res->illegal = FALSE;
      return FALSE;
    }
  return TRUE;
}

gboolean
remora_ip_defrag (RemoraPacket              *pkt,
                  const RemoraIpDefragItems *items,
                  RemoraItem                 tree,
                  const RemoraIpFragKey     *key,
                  const RemoraTvb           *payload,
                  guint32                    frag_offset,
                  gboolean                   more,
                  RemoraTvb                 *out,
                  RemoraIpDefragResult      *res)
{
  gboolean keep = remora_session_get_will_revisit (pkt->session);
  guint32 frame = pkt->frame->number;
  guint32 len = remora_tvb_reported_remaining (payload, 0);
  guint8 occurrence = (guint8) MIN (pkt->n_layers, 255);
  DefragState *s;
  Datagram *d;
  PendingFrag nf;
  gsize cost = FRAG_OVERHEAD + len;
  guint pos;
  guint32 slot;
  Done *done;

  res->reassembled_in = 0;
  res->illegal = FALSE;

  if (pkt->visited)
    {
      const guint8 *rec;
      RemoraPackReader r;
      gsize rec_len = 0;

      s = get_defrag_state (pkt->session, items->proto, FALSE);
      if (s == NULL || s->log == NULL)
        return FALSE;
      rec = remora_frame_log_find (s->log, frame, occurrence, &rec_len);
      remora_unpack_init (&r, rec, rec_len);
      slot = remora_unpack_u32 (&r);
      if (r.bad || slot >= remora_chunk_array_length (s->dones))
        return FALSE;
      return answer (pkt, items, tree, payload, *(Done **) remora_chunk_array_get (s->dones, slot), out, res);
    }

  /* A fragment no datagram can hold is left out (shown as a fragment). */
  if ((guint64) frag_offset + len > REMORA_IP_DEFRAG_MAX_END)
    return FALSE;

  s = get_defrag_state (pkt->session, items->proto, TRUE);
  d = g_hash_table_lookup (s->pending, key);
  if (d != NULL && (d->frags->len >= REMORA_IP_DEFRAG_MAX_FRAGS || d->stored + len > REMORA_IP_DEFRAG_MAX_STORED))
    return FALSE;
  if (d == NULL)
    cost += DATAGRAM_OVERHEAD;

  /* Room first: the oldest incomplete datagrams give way. */
  while (s->pending_bytes + cost > REMORA_IP_DEFRAG_MAX_PENDING_TOTAL && s->lru.head != NULL
         && s->lru.head->data != d)
    drop_pending (s, s->lru.head->data);
  if (s->pending_bytes + cost > REMORA_IP_DEFRAG_MAX_PENDING_TOTAL)
    return FALSE;

  /* Copy before touching the state: a bounds exception must leave it whole. */
  nf.info.frame = frame;
  nf.info.offset = frag_offset;
  nf.info.len = len;
  nf.info.flags = 0;
  remora_tvb_ensure (payload, 0, len);
  nf.data = len > 0 ? g_memdup2 (remora_tvb_get_ptr (payload, 0, len), len) : NULL;

  if (d == NULL)
    {
      d = g_new0 (Datagram, 1);
      d->key = *key;
      d->frags = g_array_new (FALSE, FALSE, sizeof (PendingFrag));
      d->link.data = d;
      d->slot = NO_SLOT;
      if (keep)
        {
          gpointer place;

          if (s->dones == NULL)
            s->dones = remora_chunk_array_new (sizeof (Done *));
          d->slot = remora_chunk_array_append (s->dones, &place);
        }
      d->charged = DATAGRAM_OVERHEAD;
      s->pending_bytes += DATAGRAM_OVERHEAD;
      g_queue_push_tail_link (&s->lru, &d->link);
      g_hash_table_insert (s->pending, &d->key, d);
    }

  if (!more)
    {
      if (!d->datalen_set)
        {
          d->datalen = frag_offset + len;
          d->datalen_set = TRUE;
        }
      else if (d->datalen != frag_offset + len)
        nf.info.flags |= FRAG_MULTITAIL;
    }

  /* after every fragment at the same or a lower offset */
  for (pos = d->frags->len; pos > 0; pos--)
    if (g_array_index (d->frags, PendingFrag, pos - 1).info.offset <= frag_offset)
      break;
  g_array_insert_val (d->frags, pos, nf);
  d->stored += len;
  d->charged += FRAG_OVERHEAD + len;
  s->pending_bytes += FRAG_OVERHEAD + len;
  if (d->slot != NO_SLOT)
    {
      RemoraPackWriter w;

      remora_pack_init (&w);
      remora_pack_u32 (&w, d->slot);
      if (s->log == NULL)
        s->log = remora_frame_log_new ();
      remora_frame_log_append (s->log, frame, occurrence, w.buf, w.len);
    }

  if (!is_complete (d))
    return FALSE;

  done = assemble (pkt, d, keep);
  slot = d->slot;
  drop_pending (s, d);
  if (slot != NO_SLOT)
    keep_done (s, done, slot);
  return answer (pkt, items, tree, payload, done, out, res);
}

void
remora_ip_defrag_get_stats (RemoraSession       *session,
                            int                  family,
                            RemoraIpDefragStats *stats)
{
  int proto = remora_field_lookup (family == 6 ? "ipv6" : "ip");
  DefragState *s = proto >= 0 ? get_defrag_state (session, proto, FALSE) : NULL;

  memset (stats, 0, sizeof *stats);
  if (s == NULL)
    return;
  stats->pending_bytes = s->pending_bytes;
  stats->pending_datagrams = g_hash_table_size (s->pending);
  stats->kept_bytes = s->kept_bytes;
}

static gboolean
is_multicast_or_broadcast (guint32 addr)
{
  return (addr >> 28) == 0xe || addr == 0xffffffff;
}

static int
dissect_ipv4 (const RemoraTvb *tvb_in,
              RemoraPacket    *pkt,
              RemoraItem       parent,
              void            *data)
{
  RemoraTvb tvb = *tvb_in;
  RemoraTvb next;
  RemoraItem tree, ti;
  guint8 ver_ihl, tos, ttl, proto;
  guint version, hlen, ip_len;
  guint16 frag;
  guint32 src, dst;
  guint8 src_bytes[4], dst_bytes[4];
  gboolean error_pkt = pkt->in_error_pkt > 0;
  gboolean fragmented;
  guint cksum_status;
  int flags[4];

  if (!error_pkt)
    {
      remora_col_set_protocol (pkt, "IPv4");
      remora_col_clear_info (pkt);
    }

  ver_ihl = remora_tvb_get_u8 (&tvb, 0);
  version = ver_ihl >> 4;
  hlen = (ver_ihl & 0x0f) * 4;
  tree = remora_add_protocol (pkt, parent, proto_ip, &tvb, 0,
                              MIN (MAX (hlen, 1u), remora_tvb_reported_remaining (&tvb, 0)));

  ti = remora_add_uint (pkt, tree, hf_ip_version, &tvb, 0, 1, version);
  if (pkt->tree_mode)
    {
      char bits[5];

      for (int i = 0; i < 4; i++)
        bits[i] = (version >> (3 - i) & 1) ? '1' : '0';
      bits[4] = '\0';
      remora_item_set_text (pkt, ti, "%s .... = Version: %u", bits, version);
    }
  if (version != 4)
    {
      if (!error_pkt)
        remora_col_add_info (pkt, "Bogus IPv4 version (%u, must be 4)", version);
      remora_add_expert (pkt, ti, &tvb, 0, 1, "Error", "Protocol", "Bogus IPv4 version");
      if (version == 6 && ipv6_handle != NULL)
        remora_call_dissector (ipv6_handle, &tvb, pkt, parent, NULL);
      return (int) tvb.captured;
    }

  ti = remora_add_uint (pkt, tree, hf_ip_hdr_len, &tvb, 0, 1, hlen);
  if (pkt->tree_mode)
    {
      guint n = hlen / 4;

      remora_item_set_text (pkt, ti, ".... %u%u%u%u = Header Length: %u bytes (%u)",
                            n >> 3 & 1, n >> 2 & 1, n >> 1 & 1, n & 1, hlen, n);
    }
  if (hlen < 20)
    {
      if (!error_pkt)
        remora_col_add_info (pkt, "Bogus IP header length (%u, must be at least %u)", hlen, 20);
      remora_add_expert (pkt, ti, &tvb, 0, 1, "Error", "Protocol",
                         "Bogus IP header length (%u, must be at least %u)", hlen, 20);
      return (int) tvb.captured;
    }

  tos = remora_tvb_get_u8 (&tvb, 1);
  ti = remora_add_uint (pkt, tree, hf_ip_dsfield, &tvb, 1, 1, tos);
  if (pkt->tree_mode)
    {
      char buf[24];

      remora_item_set_text (pkt, ti, "Differentiated Services Field: 0x%02x (DSCP: %s, ECN: %s)", tos,
                            remora_dscp_short_name (tos >> 2, buf, sizeof buf), remora_ecn_short_name (tos & 3));
    }
  remora_add_uint (pkt, ti, hf_ip_dscp, &tvb, 1, 1, tos);
  remora_add_uint (pkt, ti, hf_ip_ecn, &tvb, 1, 1, tos);

  ip_len = remora_tvb_get_ntohs (&tvb, 2);
  if (ip_len == 0)
    {
      /* TSO: the NIC fills the length in later; take what the frame has */
      ip_len = remora_tvb_reported_remaining (&tvb, 0);
      ti = remora_add_uint (pkt, tree, hf_ip_len, &tvb, 2, 2, ip_len);
      remora_item_set_text (pkt, ti, "Total Length: %u bytes (reported as 0, presumed to be because of "
                            "\"TCP segmentation offload\" (TSO))", ip_len);
      remora_item_set_generated (pkt, ti);
    }
  else if (ip_len < hlen)
    {
      if (!error_pkt)
        remora_col_add_info (pkt, "Bogus IP length (%u, less than header length %u)", ip_len, hlen);
      ti = remora_add_uint (pkt, tree, hf_ip_len, &tvb, 2, 2, ip_len);
      remora_item_set_text (pkt, ti, "Total Length: %u bytes (bogus, less than header length %u)", ip_len, hlen);
      remora_add_expert (pkt, ti, &tvb, 2, 2, "Error", "Protocol", "Bogus IP length");
      return (int) tvb.captured;
    }
  else
    remora_add_uint (pkt, tree, hf_ip_len, &tvb, 2, 2, ip_len);

  /* From here on the datagram is what the length says: Ethernet padding
   * after it belongs to nobody. */
  if (ip_len < tvb.reported)
    {
      RemoraTvb whole = tvb;

      remora_tvb_subset_length (&tvb, &whole, 0, ip_len);
    }

  remora_add_item (pkt, tree, hf_ip_id, &tvb, 4, 2, REMORA_ENC_BIG_ENDIAN);

  flags[0] = hf_ip_flags_rb;
  flags[1] = hf_ip_flags_df;
  flags[2] = hf_ip_flags_mf;
  flags[3] = -1;
  remora_add_bitmask (pkt, tree, hf_ip_flags, &tvb, 6, 1, flags, REMORA_ENC_BIG_ENDIAN);
  frag = remora_tvb_get_ntohs (&tvb, 6);
  ti = remora_add_uint (pkt, tree, hf_ip_frag_offset, &tvb, 6, 2, frag);
  if (pkt->tree_mode)
    {
      guint off = frag & 0x1fff;

      /* the field keeps the 8-byte units; the label shows bytes */
      remora_item_set_text (pkt, ti, "...%u %u%u%u%u %u%u%u%u %u%u%u%u = Fragment Offset: %u",
                            off >> 12 & 1, off >> 11 & 1, off >> 10 & 1, off >> 9 & 1, off >> 8 & 1,
                            off >> 7 & 1, off >> 6 & 1, off >> 5 & 1, off >> 4 & 1,
                            off >> 3 & 1, off >> 2 & 1, off >> 1 & 1, off & 1, off * 8);
    }

  ttl = remora_tvb_get_u8 (&tvb, 8);
  proto = remora_tvb_get_u8 (&tvb, 9);
  src = remora_tvb_get_ntohl (&tvb, 12);
  dst = remora_tvb_get_ntohl (&tvb, 16);
  ti = remora_add_uint (pkt, tree, hf_ip_ttl, &tvb, 8, 1, ttl);
  if (ttl < 5 && !is_multicast_or_broadcast (dst) && proto != 103 && proto != 89)
    remora_add_expert (pkt, ti, &tvb, 8, 1, "Note", "Sequence", "\"Time To Live\" only %u", ttl);
  remora_add_uint (pkt, tree, hf_ip_proto, &tvb, 9, 1, proto);
  cksum_status = dissect_checksum (pkt, tree, &tvb, hlen);

  add_address (pkt, tree, hf_ip_src, hf_ip_src_host, &tvb, 12, src);
  add_address (pkt, tree, hf_ip_dst, hf_ip_dst_host, &tvb, 16, dst);
  if (pkt->tree_mode)
    remora_item_append_text (pkt, tree, ", Src: %u.%u.%u.%u, Dst: %u.%u.%u.%u",
                             src >> 24, (src >> 16) & 0xff, (src >> 8) & 0xff, src & 0xff,
                             dst >> 24, (dst >> 16) & 0xff, (dst >> 8) & 0xff, dst & 0xff);

  remora_tvb_memcpy (&tvb, src_bytes, 12, 4);
  remora_tvb_memcpy (&tvb, dst_bytes, 16, 4);
  if (!error_pkt)
    {
      remora_address_set (&pkt->net_src, REMORA_AT_IPv4, src_bytes, 4);
      remora_address_set (&pkt->net_dst, REMORA_AT_IPv4, dst_bytes, 4);
      pkt->src = pkt->net_src;
      pkt->dst = pkt->net_dst;
    }

  if (hlen > 20)
    dissect_options (pkt, tree, &tvb, 20, hlen);

  pkt->ip_proto = proto;
  pkt->ip_ttl = ttl;
  pkt->ip_payload_len = ip_len - hlen;

  remora_tvb_subset_length (&next, &tvb, hlen, ip_len - hlen);

  /* tshark reassembles (default on) a fragment whose bytes are all there,
   * whose checksum is not known bad and that no ICMP error quotes.  Without
   * that, a first fragment is dissected as it is and later ones are data. */
  fragmented = (frag & 0x3fff) != 0;
  if (fragmented && pref_defragment && !error_pkt && ip_len > hlen && cksum_status != REMORA_CKSUM_BAD
      && remora_tvb_bytes_exist (&tvb, hlen, ip_len - hlen))
    {
      RemoraIpFragKey key;
      RemoraIpDefragResult res;
      RemoraTvb whole;

      memset (&key, 0, sizeof key);
      key.family = 4;
      key.proto = proto;
      key.id = remora_tvb_get_ntohs (&tvb, 4);
      memcpy (key.src, src_bytes, 4);
      memcpy (key.dst, dst_bytes, 4);
      if (remora_ip_defrag (pkt, &ip_defrag_items, tree, &key, &next, (frag & 0x1fff) * 8,
                            (frag & 0x2000) != 0, &whole, &res))
        {
          next = whole;
          pkt->ip_payload_len = whole.reported;
          if (res.illegal)
            remora_col_add_info (pkt, "[Illegal IPv4 fragments]");
          if (remora_table_try_uint ("ip.proto", proto, &next, pkt, parent, NULL) == 0)
            {
              if (!res.illegal)
                remora_col_add_info (pkt, "%s (%u)", remora_ip_proto_name (proto), proto);
              remora_call_data (&next, pkt, parent);
            }
          return (int) tvb.captured;
        }
      remora_col_add_info (pkt, "Fragmented IP protocol (proto=%s %u, off=%u, ID=%04x)",
                           remora_ip_proto_name (proto), proto, (frag & 0x1fff) * 8, key.id);
      if (res.reassembled_in != 0)
        remora_col_append_info (pkt, " [Reassembled in #%u]", res.reassembled_in);
      remora_call_data (&next, pkt, parent);
      return (int) tvb.captured;
    }
  if ((frag & 0x1fff) != 0)
    {
      if (!error_pkt)
        remora_col_add_info (pkt, "Fragmented IP protocol (proto=%s %u, off=%u, ID=%04x)",
                             remora_ip_proto_name (proto), proto, (frag & 0x1fff) * 8,
                             remora_tvb_get_ntohs (&tvb, 4));
      remora_call_data (&next, pkt, parent);
      return (int) tvb.captured;
    }

  if (remora_table_try_uint ("ip.proto", proto, &next, pkt, parent, NULL) == 0)
    {
      if (!error_pkt)
        remora_col_add_info (pkt, "%s (%u)", remora_ip_proto_name (proto), proto);
      remora_call_data (&next, pkt, parent);
    }
  return (int) tvb.captured;
}

void
remora_register_ip (void)
{
  proto_ip = remora_proto_register ("Internet Protocol Version 4", "IPv4", "ip");
  remora_fields_register (proto_ip, ip_fields, G_N_ELEMENTS (ip_fields));
  proto_opt_eol = remora_proto_register ("IP Option - End of Options List (EOL)", "EOL", "ip.options.eol");
  proto_opt_nop = remora_proto_register ("IP Option - No-Operation (NOP)", "NOP", "ip.options.nop");
  proto_opt_sec = remora_proto_register ("IP Option - Security", "Security", "ip.options.security");
  proto_opt_lsrr = remora_proto_register ("IP Option - Loose Source Route", "LSR", "ip.options.route");
  proto_opt_ts = remora_proto_register ("IP Option - Time Stamp", "TS", "ip.options.timestamp");
  proto_opt_rr = remora_proto_register ("IP Option - Record Route", "RR", "ip.options.record_route");
  proto_opt_ssrr = remora_proto_register ("IP Option - Strict Source Route", "SSR", "ip.options.source_route");
  proto_opt_ra = remora_proto_register ("IP Option - Router Alert", "RA", "ip.options.routeralert");
  ip_handle = remora_dissector_register ("ip", proto_ip, dissect_ipv4);
  remora_pref_register_bool ("ip.check_checksum", &pref_check_checksum,
                             "Validate the IPv4 checksum if possible");
  remora_pref_register_bool ("ip.defragment", &pref_defragment,
                             "Reassemble fragmented IPv4 datagrams");
  ip_defrag_items.proto = proto_ip;
}

void
remora_handoff_ip (void)
{
  ipv6_handle = remora_dissector_find ("ipv6");
  remora_table_add_uint ("ethertype", 0x0800, ip_handle);
  remora_table_add_uint ("ppp.protocol", 0x0021, ip_handle);
  remora_table_add_uint ("ip.proto", 4, ip_handle);
}
