/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-ipv6"

#include "config.h"

#include "proto-ip.h"

#include "remora-dissectors.h"

/* Internet Protocol version 6 (RFC 8200) and its extension headers
 * (hop-by-hop, routing, fragment, destination options), each a layer of
 * its own reached through "ip.proto" as in Wireshark. */

static int proto_ipv6, proto_hopopts, proto_routing, proto_fraghdr, proto_dstopts;
static int hf_version, hf_tclass, hf_dscp, hf_ecn, hf_flow, hf_plen, hf_nxt, hf_hlim,
           hf_src, hf_dst, hf_addr, hf_src_host, hf_dst_host, hf_host,
           hf_src_slaac, hf_dst_slaac, hf_slaac;
static int hf_opt_type, hf_opt_action, hf_opt_change, hf_opt_rest, hf_opt_length, hf_opt_pad1,
           hf_opt_padn, hf_opt_ra, hf_opt_jumbo, hf_opt_unknown;
static int hf_hop_nxt, hf_hop_len, hf_hop_len_oct, hf_dst_nxt, hf_dst_len, hf_dst_len_oct;
static int hf_rt_nxt, hf_rt_len, hf_rt_len_oct, hf_rt_type, hf_rt_segleft, hf_rt_unknown,
           hf_rt_src_reserved, hf_rt_src_addr, hf_rt_srh_last, hf_rt_srh_flags, hf_rt_srh_tag,
           hf_rt_srh_addr;
static int hf_frag_nxt, hf_frag_rsv_octet, hf_frag_offset, hf_frag_rsv_bits, hf_frag_more,
           hf_frag_ident;
static int hf_fragments, hf_fragment, hf_fragment_error, hf_fragment_overlap, hf_fragment_conflict,
           hf_fragment_multitails, hf_fragment_toolong, hf_fragment_count, hf_reassembled_in,
           hf_reassembled_length, hf_reassembled_data;

static gboolean pref_defragment = TRUE;

/* What the extension headers of one IPv6 header need from it: where their
 * subtrees go (under the IPv6 tree, as tshark shows them), where the
 * payload goes, and the addresses fragments are keyed on. */
typedef struct {
  RemoraItem ipv6_tree;
  RemoraItem root;
  guint8     src[16];
  guint8     dst[16];
} Ipv6Chain;

static RemoraDissector *ipv6_handle, *hopopts_handle, *routing_handle, *fraghdr_handle,
                       *dstopts_handle;

static const RemoraValueString opt_type_vals[] = {
  { 0, "Pad1" },
  { 1, "PadN" },
  { 4, "Tunnel Encapsulation Limit" },
  { 5, "Router Alert" },
  { 7, "CALIPSO" },
  { 8, "SMF_DPD" },
  { 0xf, "Performance and Diagnostic Metrics" },
  { 0x1e, "Experimental (0x1E)" },
  { 0x26, "Quick-Start" },
  { 0x30, "Path MTU Option" },
  { 0x31, "IOAM Option" },
  { 0x3e, "Experimental (0x3E)" },
  { 0x41, "Tunnel Payload Forwarding (TPF) Information" },
  { 0x5e, "Experimental (0x5E)" },
  { 0x63, "RPL Option" },
  { 0x6d, "MPL Option" },
  { 0x7e, "Experimental (0x7E)" },
  { 0x8a, "Endpoint Identification" },
  { 0x8b, "ILNP Nonce" },
  { 0x8c, "Line-Identification Option" },
  { 0x9e, "Experimental (0x9E)" },
  { 0xbe, "Experimental (0xBE)" },
  { 0xc2, "Jumbo Payload" },
  { 0xc9, "Home Address" },
  { 0xde, "Experimental (0xDE)" },
  { 0xee, "IP_DFF" },
  { 0xfe, "Experimental (0xFE)" },
  { 0, NULL }
};
static const RemoraValueString opt_action_vals[] = {
  { 0, "Skip and continue" },
  { 1, "Discard" },
  { 2, "Discard and send ICMP Parameter Problem" },
  { 3, "Discard and send ICMP if not multicast" },
  { 0, NULL }
};
static const RemoraValueString opt_ra_vals[] = {
  { 0, "MLD" },
  { 1, "RSVP" },
  { 2, "Active Network" },
  { 0, NULL }
};
static const RemoraTrueFalse tfs_yes_no = { "Yes", "No" };

static const RemoraValueString routing_type_vals[] = {
  { 0, "Source Route" },
  { 1, "Nimrod" },
  { 2, "Type 2 Routing" },
  { 3, "RPL Source Route" },
  { 4, "Segment Routing" },
  { 5, "Compact Routing Header 16" },
  { 6, "Compact Routing Header 32" },
  { 0xfd, "Experiment 1" },
  { 0xfe, "Experiment 2" },
  { 0, NULL }
};

static RemoraFieldDef ipv6_fields[] = {
  { &hf_version, { "Version", "ipv6.version", REMORA_FT_UINT8, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_tclass, { "Traffic Class", "ipv6.tclass", REMORA_FT_UINT32, REMORA_BASE_HEX, NULL, 0x0ff00000, NULL } },
  { &hf_dscp, { "Differentiated Services Codepoint", "ipv6.tclass.dscp", REMORA_FT_UINT32, REMORA_BASE_DEC, remora_dscp_vals, 0x0fc00000, NULL } },
  { &hf_ecn, { "Explicit Congestion Notification", "ipv6.tclass.ecn", REMORA_FT_UINT32, REMORA_BASE_DEC, remora_ecn_vals, 0x00300000, NULL } },
  { &hf_flow, { "Flow Label", "ipv6.flow", REMORA_FT_UINT24, REMORA_BASE_HEX, NULL, 0xfffff, NULL } },
  { &hf_plen, { "Payload Length", "ipv6.plen", REMORA_FT_UINT16, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_nxt, { "Next Header", "ipv6.nxt", REMORA_FT_UINT8, REMORA_BASE_DEC, remora_ip_proto_vals, 0, NULL } },
  { &hf_hlim, { "Hop Limit", "ipv6.hlim", REMORA_FT_UINT8, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_src, { "Source Address", "ipv6.src", REMORA_FT_IPv6, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_src_host, { "Source Host", "ipv6.src_host", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_src_slaac, { "Source SLAAC MAC", "ipv6.src_slaac_mac", REMORA_FT_ETHER, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_dst, { "Destination Address", "ipv6.dst", REMORA_FT_IPv6, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_dst_host, { "Destination Host", "ipv6.dst_host", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_dst_slaac, { "Destination SLAAC MAC", "ipv6.dst_slaac_mac", REMORA_FT_ETHER, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_addr, { "Source or Destination Address", "ipv6.addr", REMORA_FT_IPv6, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_host, { "Source or Destination Host", "ipv6.host", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_slaac, { "SLAAC MAC", "ipv6.slaac_mac", REMORA_FT_ETHER, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_opt_type, { "Type", "ipv6.opt.type", REMORA_FT_UINT8, REMORA_BASE_HEX, opt_type_vals, 0, NULL } },
  { &hf_opt_action, { "Action", "ipv6.opt.type.action", REMORA_FT_UINT8, REMORA_BASE_DEC, opt_action_vals, 0xc0, NULL } },
  { &hf_opt_change, { "May Change", "ipv6.opt.type.change", REMORA_FT_BOOLEAN, 8, NULL, 0x20, NULL } },
  { &hf_opt_rest, { "Low-Order Bits", "ipv6.opt.type.rest", REMORA_FT_UINT8, REMORA_BASE_HEX, NULL, 0x1f, NULL } },
  { &hf_opt_length, { "Length", "ipv6.opt.length", REMORA_FT_UINT8, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_opt_pad1, { "Pad1", "ipv6.opt.pad1", REMORA_FT_NONE, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_opt_padn, { "PadN", "ipv6.opt.padn", REMORA_FT_BYTES, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_opt_ra, { "Router Alert", "ipv6.opt.router_alert", REMORA_FT_UINT16, REMORA_BASE_DEC, opt_ra_vals, 0, NULL } },
  { &hf_opt_jumbo, { "Payload Length", "ipv6.opt.jumbo", REMORA_FT_UINT32, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_opt_unknown, { "Unknown Option Payload", "ipv6.opt.unknown", REMORA_FT_BYTES, REMORA_BASE_NONE, NULL, 0, NULL } },
};

static RemoraFieldDef hopopts_fields[] = {
  { &hf_hop_nxt, { "Next Header", "ipv6.hopopts.nxt", REMORA_FT_UINT8, REMORA_BASE_DEC, remora_ip_proto_vals, 0, NULL } },
  { &hf_hop_len, { "Length", "ipv6.hopopts.len", REMORA_FT_UINT8, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_hop_len_oct, { "Length", "ipv6.hopopts.len_oct", REMORA_FT_UINT16, REMORA_BASE_DEC, NULL, 0, NULL } },
};

static RemoraFieldDef dstopts_fields[] = {
  { &hf_dst_nxt, { "Next Header", "ipv6.dstopts.nxt", REMORA_FT_UINT8, REMORA_BASE_DEC, remora_ip_proto_vals, 0, NULL } },
  { &hf_dst_len, { "Length", "ipv6.dstopts.len", REMORA_FT_UINT8, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_dst_len_oct, { "Length", "ipv6.dstopts.len_oct", REMORA_FT_UINT16, REMORA_BASE_DEC, NULL, 0, NULL } },
};

static RemoraFieldDef routing_fields[] = {
  { &hf_rt_nxt, { "Next Header", "ipv6.routing.nxt", REMORA_FT_UINT8, REMORA_BASE_DEC, remora_ip_proto_vals, 0, NULL } },
  { &hf_rt_len, { "Length", "ipv6.routing.len", REMORA_FT_UINT8, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_rt_len_oct, { "Length", "ipv6.routing.len_oct", REMORA_FT_UINT16, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_rt_type, { "Type", "ipv6.routing.type", REMORA_FT_UINT8, REMORA_BASE_DEC, routing_type_vals, 0, NULL } },
  { &hf_rt_segleft, { "Segments Left", "ipv6.routing.segleft", REMORA_FT_UINT8, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_rt_unknown, { "Type-Specific Data", "ipv6.routing.unknown_data", REMORA_FT_BYTES, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_rt_src_reserved, { "Reserved", "ipv6.routing.src.reserved", REMORA_FT_BYTES, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_rt_src_addr, { "Address", "ipv6.routing.src.addr", REMORA_FT_IPv6, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_rt_srh_last, { "Last Entry", "ipv6.routing.srh.last_entry", REMORA_FT_UINT8, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_rt_srh_flags, { "Flags", "ipv6.routing.srh.flags", REMORA_FT_UINT8, REMORA_BASE_HEX, NULL, 0, NULL } },
  { &hf_rt_srh_tag, { "Tag", "ipv6.routing.srh.tag", REMORA_FT_BYTES, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_rt_srh_addr, { "Address", "ipv6.routing.srh.addr", REMORA_FT_IPv6, REMORA_BASE_NONE, NULL, 0, NULL } },
};

static RemoraFieldDef defrag_fields[] = {
  { &hf_fragment, { "IPv6 Fragment", "ipv6.fragment", REMORA_FT_FRAMENUM, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_fragment_overlap, { "Fragment overlap", "ipv6.fragment.overlap", REMORA_FT_BOOLEAN, REMORA_BASE_NONE, NULL, 0,
                            "Fragment overlaps with other fragments" } },
  { &hf_fragment_conflict, { "Conflicting data in fragment overlap", "ipv6.fragment.overlap.conflict",
                             REMORA_FT_BOOLEAN, REMORA_BASE_NONE, NULL, 0,
                             "Overlapping fragments contained conflicting data" } },
  { &hf_fragment_multitails, { "Multiple tail fragments found", "ipv6.fragment.multipletails", REMORA_FT_BOOLEAN,
                               REMORA_BASE_NONE, NULL, 0,
                               "Several tails were found when defragmenting the packet" } },
  { &hf_fragment_toolong, { "Fragment too long", "ipv6.fragment.toolongfragment", REMORA_FT_BOOLEAN,
                            REMORA_BASE_NONE, NULL, 0, "Fragment contained data past end of packet" } },
  { &hf_fragment_error, { "Defragmentation error", "ipv6.fragment.error", REMORA_FT_FRAMENUM, REMORA_BASE_NONE,
                          NULL, 0, "Defragmentation error due to illegal fragments" } },
  { &hf_fragment_count, { "Fragment count", "ipv6.fragment.count", REMORA_FT_UINT32, REMORA_BASE_DEC, NULL, 0,
                          NULL } },
  { &hf_fragments, { "IPv6 Fragments", "ipv6.fragments", REMORA_FT_NONE, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_reassembled_in, { "Reassembled IPv6 in frame", "ipv6.reassembled.in", REMORA_FT_FRAMENUM,
                          REMORA_BASE_NONE, NULL, 0, "This IPv6 packet is reassembled in this frame" } },
  { &hf_reassembled_length, { "Reassembled IPv6 length", "ipv6.reassembled.length", REMORA_FT_UINT32,
                              REMORA_BASE_DEC, NULL, 0, "The total length of the reassembled payload" } },
  { &hf_reassembled_data, { "Reassembled IPv6 data", "ipv6.reassembled.data", REMORA_FT_BYTES, REMORA_BASE_NONE,
                            NULL, 0, "The reassembled payload" } },
};

static RemoraIpDefragItems ipv6_defrag_items = {
  0, &hf_fragments, &hf_fragment, &hf_fragment_error, &hf_fragment_overlap,
  &hf_fragment_conflict, &hf_fragment_multitails, &hf_fragment_toolong, &hf_fragment_count,
  &hf_reassembled_in, &hf_reassembled_length, &hf_reassembled_data,
  "IPv6 Fragment", "IPv6 Fragments", "Reassembled IPv6",
};

static RemoraFieldDef fraghdr_fields[] = {
  { &hf_frag_nxt, { "Next header", "ipv6.fraghdr.nxt", REMORA_FT_UINT8, REMORA_BASE_DEC, remora_ip_proto_vals, 0, NULL } },
  { &hf_frag_rsv_octet, { "Reserved octet", "ipv6.fraghdr.reserved_octet", REMORA_FT_UINT8, REMORA_BASE_HEX, NULL, 0, NULL } },
  { &hf_frag_offset, { "Offset", "ipv6.fraghdr.offset", REMORA_FT_UINT16, REMORA_BASE_DEC, NULL, 0xfff8, NULL } },
  { &hf_frag_rsv_bits, { "Reserved bits", "ipv6.fraghdr.reserved_bits", REMORA_FT_UINT16, REMORA_BASE_DEC, NULL, 0x0006, NULL } },
  { &hf_frag_more, { "More Fragments", "ipv6.fraghdr.more", REMORA_FT_BOOLEAN, 16, &tfs_yes_no, 0x0001, NULL } },
  { &hf_frag_ident, { "Identification", "ipv6.fraghdr.ident", REMORA_FT_UINT32, REMORA_BASE_HEX, NULL, 0, NULL } },
};

#include "remora-format.h"

/* The host fields hold the address text (no name resolution). */
static void
add_address (RemoraPacket    *pkt,
             RemoraItem       tree,
             int              hf,
             int              hf_one_host,
             const RemoraTvb *tvb,
             guint32          offset,
             const guint8    *addr)
{
  remora_add_ipv6 (pkt, tree, hf, tvb, offset, 16, addr);
  remora_item_set_hidden (pkt, remora_add_ipv6 (pkt, tree, hf_addr, tvb, offset, 16, addr));
  if (remora_wants (pkt, hf_one_host) || remora_wants (pkt, hf_host))
    {
      GString *s = g_string_sized_new (48);

      remora_format_ipv6 (addr, s);
      remora_item_set_hidden (pkt, remora_add_string (pkt, tree, hf_one_host, tvb, offset, 16, s->str, (gssize) s->len));
      remora_item_set_hidden (pkt, remora_add_string (pkt, tree, hf_host, tvb, offset, 16, s->str, (gssize) s->len));
      g_string_free (s, TRUE);
    }
}

/* An interface identifier made from a MAC (modified EUI-64: ff:fe in the
 * middle) gives the MAC back. */
static void
add_slaac (RemoraPacket    *pkt,
           RemoraItem       tree,
           int              hf,
           const RemoraTvb *tvb,
           guint32          offset,
           const guint8    *addr)
{
  guint8 mac[6];

  if (addr[11] != 0xff || addr[12] != 0xfe)
    return;
  mac[0] = addr[8] ^ 0x02;
  mac[1] = addr[9];
  mac[2] = addr[10];
  mac[3] = addr[13];
  mac[4] = addr[14];
  mac[5] = addr[15];
  remora_item_set_generated (pkt, remora_add_ether (pkt, tree, hf, tvb, offset + 8, 8, mac));
  remora_item_set_hidden (pkt, remora_add_ether (pkt, tree, hf_slaac, tvb, offset + 8, 8, mac));
}

/* Hands the rest after an IPv6 header or extension header on: the
 * extension headers with CHAIN (when known), NXT through "ip.proto", and
 * to data when nobody takes it. */
static void
dissect_next (const RemoraTvb *tvb,
              RemoraPacket    *pkt,
              RemoraItem       parent,
              Ipv6Chain       *chain,
              guint8           nxt)
{
  RemoraDissector *ext = NULL;

  pkt->ip_proto = nxt;
  if (nxt == 59) /* No Next Header */
    {
      remora_call_data (tvb, pkt, parent);
      return;
    }
  switch (nxt)
    {
    case 0: ext = hopopts_handle; break;
    case 43: ext = routing_handle; break;
    case 44: ext = fraghdr_handle; break;
    case 60: ext = dstopts_handle; break;
    default: break;
    }
  if (ext != NULL && chain != NULL)
    {
      remora_call_dissector (ext, tvb, pkt, parent, chain);
      return;
    }
  if (remora_table_try_uint ("ip.proto", nxt, tvb, pkt, parent, NULL) == 0)
    {
      if (!pkt->in_error_pkt)
        remora_col_add_info (pkt, "Unknown IP Protocol: %s (%u)", remora_ip_proto_name (nxt), nxt);
      remora_call_data (tvb, pkt, parent);
    }
}

static int
dissect_ipv6 (const RemoraTvb *tvb,
              RemoraPacket    *pkt,
              RemoraItem       parent,
              void            *data)
{
  gboolean error_pkt = pkt->in_error_pkt > 0;
  RemoraItem tree, ti;
  RemoraTvb next;
  Ipv6Chain chain;
  guint32 word, plen, reported;
  guint8 nxt, hlim, version;
  guint8 src[16], dst[16];

  if (!error_pkt)
    {
      remora_col_set_protocol (pkt, "IPv6");
      remora_col_clear_info (pkt);
    }
  reported = remora_tvb_reported_remaining (tvb, 0);
  tree = remora_add_protocol (pkt, parent, proto_ipv6, tvb, 0, MIN (reported, 40u));

  version = remora_tvb_get_u8 (tvb, 0) >> 4;
  ti = remora_add_uint (pkt, tree, hf_version, tvb, 0, 1, version);
  if (pkt->tree_mode)
    remora_item_set_text (pkt, ti, "%u%u%u%u .... = Version: %u",
                          version >> 3 & 1, version >> 2 & 1, version >> 1 & 1, version & 1, version);
  if (reported < 40)
    {
      if (!error_pkt)
        remora_col_add_info (pkt, "Invalid IPv6 header (%u bytes, need exactly 40)", reported);
      remora_add_expert (pkt, tree, tvb, 0, reported, "Error", "Malformed", "IPv6 header must be exactly 40 bytes");
    }

  word = remora_tvb_get_ntohl (tvb, 0);
  ti = remora_add_uint (pkt, tree, hf_tclass, tvb, 0, 4, word);
  if (pkt->tree_mode)
    {
      char buf[24];
      guint tc = (word >> 20) & 0xff;

      remora_item_append_text (pkt, ti, " (DSCP: %s, ECN: %s)",
                               remora_dscp_short_name (tc >> 2, buf, sizeof buf), remora_ecn_short_name (tc & 3));
    }
  remora_add_uint (pkt, ti, hf_dscp, tvb, 0, 4, word);
  remora_add_uint (pkt, ti, hf_ecn, tvb, 0, 4, word);
  remora_add_uint (pkt, tree, hf_flow, tvb, 1, 3, word & 0xffffff);

  plen = remora_tvb_get_ntohs (tvb, 4);
  nxt = remora_tvb_get_u8 (tvb, 6);
  ti = remora_add_uint (pkt, tree, hf_plen, tvb, 4, 2, plen);
  if (plen == 0)
    {
      if (nxt == 0)
        remora_item_append_text (pkt, ti, " (Jumbogram)");
      else
        remora_add_expert (pkt, ti, tvb, 4, 2, "Chat", "Protocol",
                           "IPv6 payload length equals 0 (maybe because of \"TCP segmentation offload\" (TSO))");
      /* a jumbogram's length is in its hop-by-hop option; tshark takes a
       * plain 0 at its word (the payload is then empty) */
      if (nxt == 0)
        plen = remora_tvb_reported_remaining (tvb, 40);
    }
  else if (plen > remora_tvb_reported_remaining (tvb, 40) && reported >= 40)
    remora_add_expert (pkt, ti, tvb, 4, 2, "Warning", "Protocol",
                       "IPv6 payload length does not match expected framing length");
  remora_add_uint (pkt, tree, hf_nxt, tvb, 6, 1, nxt);
  hlim = remora_tvb_get_u8 (tvb, 7);
  remora_add_uint (pkt, tree, hf_hlim, tvb, 7, 1, hlim);

  remora_tvb_memcpy (tvb, src, 8, 16);
  add_address (pkt, tree, hf_src, hf_src_host, tvb, 8, src);
  remora_tvb_memcpy (tvb, dst, 24, 16);
  add_address (pkt, tree, hf_dst, hf_dst_host, tvb, 24, dst);
  add_slaac (pkt, tree, hf_src_slaac, tvb, 8, src);
  add_slaac (pkt, tree, hf_dst_slaac, tvb, 24, dst);
  if (pkt->tree_mode)
    {
      GString *s = g_string_new (", Src: ");

      remora_format_ipv6 (src, s);
      g_string_append (s, ", Dst: ");
      remora_format_ipv6 (dst, s);
      remora_item_append_text (pkt, tree, "%s", s->str);
      g_string_free (s, TRUE);
    }

  if (!error_pkt)
    {
      remora_address_set (&pkt->net_src, REMORA_AT_IPv6, src, 16);
      remora_address_set (&pkt->net_dst, REMORA_AT_IPv6, dst, 16);
      pkt->src = pkt->net_src;
      pkt->dst = pkt->net_dst;
    }
  pkt->ip_ttl = hlim;
  pkt->ip_payload_len = plen;

  chain.ipv6_tree = tree;
  chain.root = parent;
  memcpy (chain.src, src, 16);
  memcpy (chain.dst, dst, 16);
  remora_tvb_subset_length (&next, tvb, 40, plen);
  dissect_next (&next, pkt, parent, &chain, nxt);
  return (int) tvb->captured;
}

/* ---- options of hop-by-hop and destination options headers ---- */

static void
dissect_options (const RemoraTvb *tvb,
                 RemoraPacket    *pkt,
                 RemoraItem       tree,
                 guint32          offset,
                 guint32          end)
{
  while (offset < end)
    {
      guint8 type = remora_tvb_get_u8 (tvb, offset);
      const char *name = remora_value_string_lookup (opt_type_vals, type);
      RemoraItem ot, ti;
      guint len;

      if (type == 0)
        {
          ot = remora_add_text (pkt, tree, tvb, offset, 1, "Pad1");
          ti = remora_add_uint (pkt, ot, hf_opt_type, tvb, offset, 1, type);
          remora_add_uint (pkt, ti, hf_opt_action, tvb, offset, 1, type);
          remora_add_boolean (pkt, ti, hf_opt_change, tvb, offset, 1, type);
          remora_add_uint (pkt, ti, hf_opt_rest, tvb, offset, 1, type);
          remora_add_item (pkt, ot, hf_opt_pad1, tvb, offset, 1, REMORA_ENC_NA);
          offset++;
          continue;
        }
      len = remora_tvb_get_u8 (tvb, offset + 1);
      if (name != NULL)
        ot = remora_add_text (pkt, tree, tvb, offset, 2 + len, "%s", name);
      else
        ot = remora_add_text (pkt, tree, tvb, offset, 2 + len, "Unknown IPv6 Option (0x%02x)", type);
      ti = remora_add_uint (pkt, ot, hf_opt_type, tvb, offset, 1, type);
      remora_add_uint (pkt, ti, hf_opt_action, tvb, offset, 1, type);
      remora_add_boolean (pkt, ti, hf_opt_change, tvb, offset, 1, type);
      remora_add_uint (pkt, ti, hf_opt_rest, tvb, offset, 1, type);
      remora_add_item (pkt, ot, hf_opt_length, tvb, offset + 1, 1, REMORA_ENC_BIG_ENDIAN);
      switch (type)
        {
        case 1:
          ti = remora_add_item (pkt, ot, hf_opt_padn, tvb, offset + 2, len, REMORA_ENC_NA);
          if (len == 0)
            remora_item_set_text (pkt, ti, "PadN: <none>");
          break;
        case 5:
          if (len == 2)
            remora_add_item (pkt, ot, hf_opt_ra, tvb, offset + 2, 2, REMORA_ENC_BIG_ENDIAN);
          else
            remora_add_item (pkt, ot, hf_opt_unknown, tvb, offset + 2, len, REMORA_ENC_NA);
          break;
        case 0xc2:
          if (len == 4)
            remora_add_item (pkt, ot, hf_opt_jumbo, tvb, offset + 2, 4, REMORA_ENC_BIG_ENDIAN);
          else
            remora_add_item (pkt, ot, hf_opt_unknown, tvb, offset + 2, len, REMORA_ENC_NA);
          break;
        default:
          remora_add_item (pkt, ot, hf_opt_unknown, tvb, offset + 2, len, REMORA_ENC_NA);
          break;
        }
      offset += 2 + len;
    }
}

/* Hop-by-hop and destination options share their layout. */
static int
dissect_opts_header (const RemoraTvb *tvb,
                     RemoraPacket    *pkt,
                     RemoraItem       parent,
                     int              proto,
                     int              hf_hnxt,
                     int              hf_hlen,
                     int              hf_hlen_oct,
                     const char      *info,
                     Ipv6Chain       *chain)
{
  RemoraItem tree, ti;
  RemoraTvb next;
  guint8 nxt = remora_tvb_get_u8 (tvb, 0);
  guint len = (remora_tvb_get_u8 (tvb, 1) + 1) * 8;

  if (!pkt->in_error_pkt)
    remora_col_set_info (pkt, info);
  tree = remora_add_protocol (pkt, chain != NULL ? chain->ipv6_tree : parent, proto, tvb, 0, len);
  remora_add_uint (pkt, tree, hf_hnxt, tvb, 0, 1, nxt);
  remora_add_item (pkt, tree, hf_hlen, tvb, 1, 1, REMORA_ENC_BIG_ENDIAN);
  ti = remora_add_uint (pkt, tree, hf_hlen_oct, tvb, 1, 1, len);
  remora_item_set_generated (pkt, ti);
  remora_item_set_text (pkt, ti, "Length: %u bytes", len);
  dissect_options (tvb, pkt, tree, 2, len);

  pkt->ip_payload_len = pkt->ip_payload_len > len ? pkt->ip_payload_len - len : 0;
  remora_tvb_subset_remaining (&next, tvb, len);
  dissect_next (&next, pkt, parent, chain, nxt);
  return (int) tvb->captured;
}

static int
dissect_hopopts (const RemoraTvb *tvb,
                 RemoraPacket    *pkt,
                 RemoraItem       parent,
                 void            *data)
{
  return dissect_opts_header (tvb, pkt, parent, proto_hopopts, hf_hop_nxt, hf_hop_len, hf_hop_len_oct,
                              "IPv6 hop-by-hop options", data);
}

static int
dissect_dstopts (const RemoraTvb *tvb,
                 RemoraPacket    *pkt,
                 RemoraItem       parent,
                 void            *data)
{
  return dissect_opts_header (tvb, pkt, parent, proto_dstopts, hf_dst_nxt, hf_dst_len, hf_dst_len_oct,
                              "IPv6 destination options", data);
}

static int
dissect_routing (const RemoraTvb *tvb,
                 RemoraPacket    *pkt,
                 RemoraItem       parent,
                 void            *data)
{
  RemoraItem tree, ti;
  RemoraTvb next;
  guint8 nxt = remora_tvb_get_u8 (tvb, 0);
  guint len = (remora_tvb_get_u8 (tvb, 1) + 1) * 8;
  guint8 type = remora_tvb_get_u8 (tvb, 2);
  const char *type_name = remora_value_string_lookup (routing_type_vals, type);
  guint32 offset;
  guint n;

  Ipv6Chain *chain = data;

  tree = remora_add_protocol (pkt, chain != NULL ? chain->ipv6_tree : parent, proto_routing, tvb, 0, len);
  remora_item_append_text (pkt, tree, " (%s)", type_name != NULL ? type_name : "Unknown");
  remora_add_uint (pkt, tree, hf_rt_nxt, tvb, 0, 1, nxt);
  remora_add_item (pkt, tree, hf_rt_len, tvb, 1, 1, REMORA_ENC_BIG_ENDIAN);
  ti = remora_add_uint (pkt, tree, hf_rt_len_oct, tvb, 1, 1, len);
  remora_item_set_generated (pkt, ti);
  remora_item_set_text (pkt, ti, "Length: %u bytes", len);
  remora_add_item (pkt, tree, hf_rt_type, tvb, 2, 1, REMORA_ENC_BIG_ENDIAN);
  remora_add_item (pkt, tree, hf_rt_segleft, tvb, 3, 1, REMORA_ENC_BIG_ENDIAN);
  switch (type)
    {
    case 0:
      remora_add_item (pkt, tree, hf_rt_src_reserved, tvb, 4, 4, REMORA_ENC_NA);
      for (offset = 8, n = 0; offset + 16 <= len; offset += 16, n++)
        {
          ti = remora_add_item (pkt, tree, hf_rt_src_addr, tvb, offset, 16, REMORA_ENC_NA);
          if (pkt->tree_mode)
            {
              GString *s = g_string_new (NULL);

              remora_format_ipv6 (remora_tvb_get_ptr (tvb, offset, 16), s);
              remora_item_set_text (pkt, ti, "Address[%u]: %s", n, s->str);
              g_string_free (s, TRUE);
            }
        }
      break;
    case 4:
      remora_add_item (pkt, tree, hf_rt_srh_last, tvb, 4, 1, REMORA_ENC_BIG_ENDIAN);
      remora_add_item (pkt, tree, hf_rt_srh_flags, tvb, 5, 1, REMORA_ENC_BIG_ENDIAN);
      remora_add_item (pkt, tree, hf_rt_srh_tag, tvb, 6, 2, REMORA_ENC_NA);
      for (offset = 8, n = 0; offset + 16 <= len; offset += 16, n++)
        {
          ti = remora_add_item (pkt, tree, hf_rt_srh_addr, tvb, offset, 16, REMORA_ENC_NA);
          if (pkt->tree_mode)
            {
              GString *s = g_string_new (NULL);

              remora_format_ipv6 (remora_tvb_get_ptr (tvb, offset, 16), s);
              remora_item_set_text (pkt, ti, "Address[%u]: %s", n, s->str);
              g_string_free (s, TRUE);
            }
        }
      break;
    default:
      if (len > 4)
        remora_add_item (pkt, tree, hf_rt_unknown, tvb, 4, len - 4, REMORA_ENC_NA);
      break;
    }

  pkt->ip_payload_len = pkt->ip_payload_len > len ? pkt->ip_payload_len - len : 0;
  remora_tvb_subset_remaining (&next, tvb, len);
  dissect_next (&next, pkt, parent, chain, nxt);
  return (int) tvb->captured;
}

static int
dissect_fraghdr (const RemoraTvb *tvb,
                 RemoraPacket    *pkt,
                 RemoraItem       parent,
                 void            *data)
{
  Ipv6Chain *chain = data;
  RemoraItem tree, ti;
  RemoraTvb next, whole;
  RemoraIpDefragResult res = { 0, FALSE };
  guint8 nxt = remora_tvb_get_u8 (tvb, 0);
  guint16 offlg = remora_tvb_get_ntohs (tvb, 2);
  guint32 ident = remora_tvb_get_ntohl (tvb, 4);
  guint off = offlg & 0xfff8;
  gboolean more = (offlg & 1) != 0;
  guint32 frag_len;

  tree = remora_add_protocol (pkt, chain != NULL ? chain->ipv6_tree : parent, proto_fraghdr, tvb, 0, 8);
  remora_add_uint (pkt, tree, hf_frag_nxt, tvb, 0, 1, nxt);
  remora_add_item (pkt, tree, hf_frag_rsv_octet, tvb, 1, 1, REMORA_ENC_BIG_ENDIAN);
  ti = remora_add_uint (pkt, tree, hf_frag_offset, tvb, 2, 2, offlg);
  remora_item_append_text (pkt, ti, " (%u bytes)", off);
  remora_add_uint (pkt, tree, hf_frag_rsv_bits, tvb, 2, 2, offlg);
  remora_add_boolean (pkt, tree, hf_frag_more, tvb, 2, 2, offlg);
  remora_add_uint (pkt, tree, hf_frag_ident, tvb, 4, 4, ident);

  pkt->ip_payload_len = pkt->ip_payload_len > 8 ? pkt->ip_payload_len - 8 : 0;
  remora_tvb_subset_remaining (&next, tvb, 8);
  frag_len = remora_tvb_reported_remaining (&next, 0);
  /* An atomic fragment is the whole datagram; tshark treats an empty one
   * the same way. */
  if ((off == 0 && !more) || frag_len == 0)
    {
      dissect_next (&next, pkt, parent, chain, nxt);
      return (int) tvb->captured;
    }
  if (!pref_defragment && off == 0)
    {
      /* not reassembling: the first fragment is dissected as it is */
      dissect_next (&next, pkt, parent, chain, nxt);
      return (int) tvb->captured;
    }
  if (pref_defragment && chain != NULL && !pkt->in_error_pkt && remora_tvb_bytes_exist (&next, 0, frag_len))
    {
      RemoraIpFragKey key;

      memset (&key, 0, sizeof key);
      key.family = 6;
      key.id = ident;
      memcpy (key.src, chain->src, 16);
      memcpy (key.dst, chain->dst, 16);
      if (remora_ip_defrag (pkt, &ipv6_defrag_items, chain->ipv6_tree, &key, &next, off, more, &whole, &res))
        {
          pkt->ip_payload_len = whole.reported;
          dissect_next (&whole, pkt, parent, chain, nxt);
          return (int) tvb->captured;
        }
    }
  if (!pkt->in_error_pkt)
    remora_col_add_info (pkt, "IPv6 fragment (off=%u more=%s ident=0x%08x nxt=%u)", off, more ? "y" : "n", ident, nxt);
  pkt->ip_proto = nxt;
  remora_call_data (&next, pkt, parent);
  return (int) tvb->captured;
}

void
remora_register_ipv6 (void)
{
  proto_ipv6 = remora_proto_register ("Internet Protocol Version 6", "IPv6", "ipv6");
  remora_fields_register (proto_ipv6, ipv6_fields, G_N_ELEMENTS (ipv6_fields));
  remora_fields_register (proto_ipv6, defrag_fields, G_N_ELEMENTS (defrag_fields));
  ipv6_defrag_items.proto = proto_ipv6;
  remora_pref_register_bool ("ipv6.defragment", &pref_defragment, "Reassemble fragmented IPv6 datagrams");
  proto_hopopts = remora_proto_register ("IPv6 Hop-by-Hop Option", "IPv6 Hop-by-Hop", "ipv6.hopopts");
  remora_fields_register (proto_hopopts, hopopts_fields, G_N_ELEMENTS (hopopts_fields));
  proto_routing = remora_proto_register ("Routing Header for IPv6", "IPv6 Routing", "ipv6.routing");
  remora_fields_register (proto_routing, routing_fields, G_N_ELEMENTS (routing_fields));
  proto_fraghdr = remora_proto_register ("Fragment Header for IPv6", "IPv6 Fragment", "ipv6.fraghdr");
  remora_fields_register (proto_fraghdr, fraghdr_fields, G_N_ELEMENTS (fraghdr_fields));
  proto_dstopts = remora_proto_register ("Destination Options for IPv6", "IPv6 DstOpts", "ipv6.dstopts");
  remora_fields_register (proto_dstopts, dstopts_fields, G_N_ELEMENTS (dstopts_fields));

  ipv6_handle = remora_dissector_register ("ipv6", proto_ipv6, dissect_ipv6);
  hopopts_handle = remora_dissector_register ("ipv6.hopopts", proto_hopopts, dissect_hopopts);
  routing_handle = remora_dissector_register ("ipv6.routing", proto_routing, dissect_routing);
  fraghdr_handle = remora_dissector_register ("ipv6.fraghdr", proto_fraghdr, dissect_fraghdr);
  dstopts_handle = remora_dissector_register ("ipv6.dstopts", proto_dstopts, dissect_dstopts);
}

void
remora_handoff_ipv6 (void)
{
  remora_table_add_uint ("ethertype", 0x86dd, ipv6_handle);
  remora_table_add_uint ("ip.proto", 41, ipv6_handle);
  remora_table_add_uint ("ppp.protocol", 0x0057, ipv6_handle);
  remora_table_add_uint ("ip.proto", 0, hopopts_handle);
  remora_table_add_uint ("ip.proto", 43, routing_handle);
  remora_table_add_uint ("ip.proto", 44, fraghdr_handle);
  remora_table_add_uint ("ip.proto", 60, dstopts_handle);
}
