/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-icmpv6"

#include "config.h"

#include "proto-ip.h"

#include "remora-dissectors.h"
#include "remora-format.h"

/* ICMP for IPv6 (RFC 4443), with neighbour discovery (RFC 4861) and MLD
 * basics, echo matching and the quoted packet of error messages. */

static int proto_icmpv6;
static int hf_type, hf_code, hf_checksum, hf_checksum_status, hf_reserved, hf_data, hf_mtu,
           hf_pointer, hf_echo_id, hf_echo_seq, hf_resp_in, hf_resp_to, hf_resptime,
           hf_ra_hop_limit, hf_ra_flag, hf_ra_flag_m, hf_ra_flag_o, hf_ra_flag_h, hf_ra_flag_prf,
           hf_ra_flag_p, hf_ra_flag_rsv, hf_ra_lifetime, hf_ra_reachable, hf_ra_retrans,
           hf_ns_target, hf_na_flag, hf_na_flag_r, hf_na_flag_s, hf_na_flag_o, hf_na_flag_rsv,
           hf_na_target, hf_rd_target, hf_rd_dst, hf_opt_type, hf_opt_length, hf_opt_linkaddr,
           hf_opt_src_linkaddr, hf_opt_target_linkaddr, hf_opt_mtu, hf_opt_prefix_len,
           hf_opt_prefix_flag, hf_opt_prefix_l, hf_opt_prefix_a, hf_opt_prefix_r,
           hf_opt_prefix_valid, hf_opt_prefix_pref, hf_opt_prefix, hf_mld_delay, hf_mld_addr;

static RemoraDissector *ipv6_handle;

static const RemoraValueString type_vals[] = {
  { 1, "Destination Unreachable" },
  { 2, "Packet Too Big" },
  { 3, "Time Exceeded" },
  { 4, "Parameter Problem" },
  { 0x64, "Private experimentation" },
  { 0x65, "Private experimentation" },
  { 0x7f, "Reserved for expansion of ICMPv6 error messages" },
  { 0x80, "Echo (ping) request" },
  { 0x81, "Echo (ping) reply" },
  { 0x82, "Multicast Listener Query" },
  { 0x83, "Multicast Listener Report" },
  { 0x84, "Multicast Listener Done" },
  { 0x85, "Router Solicitation" },
  { 0x86, "Router Advertisement" },
  { 0x87, "Neighbor Solicitation" },
  { 0x88, "Neighbor Advertisement" },
  { 0x89, "Redirect" },
  { 0x8a, "Router Renumbering" },
  { 0x8b, "Node Information Query" },
  { 0x8c, "Node Information Reply" },
  { 0x8d, "Inverse Neighbor Discovery Solicitation" },
  { 0x8e, "Inverse Neighbor Discovery Advertisement" },
  { 0x8f, "Multicast Listener Report Message v2" },
  { 0x90, "Home Agent Address Discovery Request" },
  { 0x91, "Home Agent Address Discovery Reply" },
  { 0x92, "Mobile Prefix Solicitation" },
  { 0x93, "Mobile Prefix Advertisement" },
  { 0x94, "Certification Path Solicitation" },
  { 0x95, "Certification Path Advertisement" },
  { 0x96, "Experimental Mobility" },
  { 0x97, "Multicast Router Advertisement" },
  { 0x98, "Multicast Router Solicitation" },
  { 0x99, "Multicast Router Termination" },
  { 0x9a, "FMIPv6" },
  { 0x9b, "RPL Control" },
  { 0x9c, "Locator Update" },
  { 0x9d, "Duplicate Address Request" },
  { 0x9e, "Duplicate Address Confirmation" },
  { 0x9f, "MPL Control Message" },
  { 0xa0, "Extended Echo request" },
  { 0xa1, "Extended Echo reply" },
  { 0xc8, "Private experimentation" },
  { 0xc9, "Private experimentation" },
  { 0xff, "Reserved for expansion of ICMPv6 informational messages" },
  { 0, NULL }
};
static const RemoraValueString opt_type_vals[] = {
  { 1, "Source link-layer address" },
  { 2, "Target link-layer address" },
  { 3, "Prefix information" },
  { 4, "Redirected header" },
  { 5, "MTU" },
  { 6, "NBMA Shortcut Limit Option" },
  { 7, "Advertisement Interval" },
  { 8, "Home Agent Information" },
  { 9, "Source Address List" },
  { 0xa, "Target Address List" },
  { 0xb, "CGA" },
  { 0xc, "RSA Signature" },
  { 0xd, "Timestamp" },
  { 0xe, "Nonce" },
  { 0xf, "Trust Anchor" },
  { 0x10, "Certificate" },
  { 0x11, "IP Address/Prefix Option" },
  { 0x12, "New Router Prefix Information" },
  { 0x13, "Link-layer Address" },
  { 0x14, "Neighbor Advertisement Acknowledgment" },
  { 0x17, "MAP" },
  { 0x18, "Route Information" },
  { 0x19, "Recursive DNS Server" },
  { 0x1a, "RA Flags Extension" },
  { 0x1b, "Handover Key Request" },
  { 0x1c, "Handover Key Reply" },
  { 0x1d, "Handover Assist Information" },
  { 0x1e, "Mobile Node Identifier Option" },
  { 0x1f, "DNS Search List Option" },
  { 0x20, "Proxy Signature (PS)" },
  { 0x21, "Address Registration Option" },
  { 0x22, "6LoWPAN Context Option" },
  { 0x23, "Authoritative Border Router" },
  { 0x24, "6LoWPAN Capability Indication Option" },
  { 0x25, "DHCP Captive-Portal" },
  { 0x26, "PREF64 Option" },
  { 0x8a, "CARD Request" },
  { 0x8b, "CARD Reply" },
  { 0xfd, "RFC3692-style Experiment 1" },
  { 0xfe, "RFC3692-style Experiment 2" },
  { 0, NULL }
};

static const RemoraValueString unreach_codes[] = {
  { 0, "no route to destination" },
  { 1, "communication with destination administratively prohibited" },
  { 2, "beyond scope of source address" },
  { 3, "address unreachable" },
  { 4, "port unreachable" },
  { 5, "source address failed ingress/egress policy" },
  { 6, "reject route to destination" },
  { 7, "Error in Source Routing Header" },
  { 0, NULL }
};

static const RemoraValueString timex_codes[] = {
  { 0, "hop limit exceeded in transit" },
  { 1, "fragment reassembly time exceeded" },
  { 0, NULL }
};

static const RemoraValueString param_codes[] = {
  { 0, "erroneous header field encountered" },
  { 1, "unrecognized Next Header type encountered" },
  { 2, "unrecognized IPv6 option encountered" },
  { 3, "IPv6 First Fragment has incomplete IPv6 Header Chain" },
  { 0, NULL }
};

static const RemoraValueString prf_vals[] = {
  { 0, "Medium" },
  { 1, "High" },
  { 2, "Reserved" },
  { 3, "Low" },
  { 0, NULL }
};

static RemoraFieldDef icmpv6_fields[] = {
  { &hf_type, { "Type", "icmpv6.type", REMORA_FT_UINT8, REMORA_BASE_DEC, type_vals, 0, NULL } },
  { &hf_code, { "Code", "icmpv6.code", REMORA_FT_UINT8, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_checksum, { "Checksum", "icmpv6.checksum", REMORA_FT_UINT16, REMORA_BASE_HEX, NULL, 0, NULL } },
  { &hf_checksum_status, { "Checksum Status", "icmpv6.checksum.status", REMORA_FT_UINT8, REMORA_BASE_NONE, remora_checksum_status_vals, 0, NULL } },
  { &hf_reserved, { "Reserved", "icmpv6.reserved", REMORA_FT_BYTES, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_data, { "Data", "icmpv6.data", REMORA_FT_BYTES, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_mtu, { "MTU", "icmpv6.mtu", REMORA_FT_UINT32, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_pointer, { "Pointer", "icmpv6.pointer", REMORA_FT_UINT32, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_echo_id, { "Identifier", "icmpv6.echo.identifier", REMORA_FT_UINT16, REMORA_BASE_HEX, NULL, 0, NULL } },
  { &hf_echo_seq, { "Sequence", "icmpv6.echo.sequence_number", REMORA_FT_UINT16, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_resp_in, { "Response In", "icmpv6.resp_in", REMORA_FT_FRAMENUM, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_resp_to, { "Response To", "icmpv6.resp_to", REMORA_FT_FRAMENUM, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_resptime, { "Response Time", "icmpv6.resptime", REMORA_FT_DOUBLE, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_ra_hop_limit, { "Cur hop limit", "icmpv6.nd.ra.cur_hop_limit", REMORA_FT_UINT8, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_ra_flag, { "Flags", "icmpv6.nd.ra.flag", REMORA_FT_UINT8, REMORA_BASE_HEX, NULL, 0, NULL } },
  { &hf_ra_flag_m, { "Managed address configuration", "icmpv6.nd.ra.flag.m", REMORA_FT_BOOLEAN, 8, NULL, 0x80, NULL } },
  { &hf_ra_flag_o, { "Other configuration", "icmpv6.nd.ra.flag.o", REMORA_FT_BOOLEAN, 8, NULL, 0x40, NULL } },
  { &hf_ra_flag_h, { "Home Agent", "icmpv6.nd.ra.flag.h", REMORA_FT_BOOLEAN, 8, NULL, 0x20, NULL } },
  { &hf_ra_flag_prf, { "Prf (Default Router Preference)", "icmpv6.nd.ra.flag.prf", REMORA_FT_UINT8, REMORA_BASE_DEC, prf_vals, 0x18, NULL } },
  { &hf_ra_flag_p, { "Proxy", "icmpv6.nd.ra.flag.p", REMORA_FT_BOOLEAN, 8, NULL, 0x04, NULL } },
  { &hf_ra_flag_rsv, { "Reserved", "icmpv6.nd.ra.flag.rsv", REMORA_FT_UINT8, REMORA_BASE_DEC, NULL, 0x03, NULL } },
  { &hf_ra_lifetime, { "Router lifetime (s)", "icmpv6.nd.ra.router_lifetime", REMORA_FT_UINT16, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_ra_reachable, { "Reachable time (ms)", "icmpv6.nd.ra.reachable_time", REMORA_FT_UINT32, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_ra_retrans, { "Retrans timer (ms)", "icmpv6.nd.ra.retrans_timer", REMORA_FT_UINT32, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_ns_target, { "Target Address", "icmpv6.nd.ns.target_address", REMORA_FT_IPv6, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_na_flag, { "Flags", "icmpv6.nd.na.flag", REMORA_FT_UINT32, REMORA_BASE_HEX, NULL, 0, NULL } },
  { &hf_na_flag_r, { "Router", "icmpv6.nd.na.flag.r", REMORA_FT_BOOLEAN, 32, NULL, 0x80000000, NULL } },
  { &hf_na_flag_s, { "Solicited", "icmpv6.nd.na.flag.s", REMORA_FT_BOOLEAN, 32, NULL, 0x40000000, NULL } },
  { &hf_na_flag_o, { "Override", "icmpv6.nd.na.flag.o", REMORA_FT_BOOLEAN, 32, NULL, 0x20000000, NULL } },
  { &hf_na_flag_rsv, { "Reserved", "icmpv6.nd.na.flag.rsv", REMORA_FT_UINT32, REMORA_BASE_DEC, NULL, 0x1fffffff, NULL } },
  { &hf_na_target, { "Target Address", "icmpv6.nd.na.target_address", REMORA_FT_IPv6, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_rd_target, { "Target Address", "icmpv6.nd.rd.target_address", REMORA_FT_IPv6, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_rd_dst, { "Destination Address", "icmpv6.nd.rd.destination_address", REMORA_FT_IPv6, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_opt_type, { "Type", "icmpv6.opt.type", REMORA_FT_UINT8, REMORA_BASE_DEC, opt_type_vals, 0, NULL } },
  { &hf_opt_length, { "Length", "icmpv6.opt.length", REMORA_FT_UINT8, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_opt_linkaddr, { "Link-layer address", "icmpv6.opt.linkaddr", REMORA_FT_BYTES, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_opt_src_linkaddr, { "Source Link-layer address", "icmpv6.opt.src_linkaddr", REMORA_FT_BYTES, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_opt_target_linkaddr, { "Target Link-layer address", "icmpv6.opt.target_linkaddr", REMORA_FT_BYTES, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_opt_mtu, { "MTU", "icmpv6.opt.mtu", REMORA_FT_UINT32, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_opt_prefix_len, { "Prefix Length", "icmpv6.opt.prefix.length", REMORA_FT_UINT8, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_opt_prefix_flag, { "Flag", "icmpv6.opt.prefix.flag", REMORA_FT_UINT8, REMORA_BASE_HEX, NULL, 0, NULL } },
  { &hf_opt_prefix_l, { "On-link flag(L)", "icmpv6.opt.prefix.flag.l", REMORA_FT_BOOLEAN, 8, NULL, 0x80, NULL } },
  { &hf_opt_prefix_a, { "Autonomous address-configuration flag(A)", "icmpv6.opt.prefix.flag.a", REMORA_FT_BOOLEAN, 8, NULL, 0x40, NULL } },
  { &hf_opt_prefix_r, { "Router address flag(R)", "icmpv6.opt.prefix.flag.r", REMORA_FT_BOOLEAN, 8, NULL, 0x20, NULL } },
  { &hf_opt_prefix_valid, { "Valid Lifetime", "icmpv6.opt.prefix.valid_lifetime", REMORA_FT_UINT32, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_opt_prefix_pref, { "Preferred Lifetime", "icmpv6.opt.prefix.preferred_lifetime", REMORA_FT_UINT32, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_opt_prefix, { "Prefix", "icmpv6.opt.prefix", REMORA_FT_IPv6, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_mld_delay, { "Maximum Response Delay [ms]", "icmpv6.mld.maximum_response_delay", REMORA_FT_UINT16, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_mld_addr, { "Multicast Address", "icmpv6.mld.multicast_address", REMORA_FT_IPv6, REMORA_BASE_NONE, NULL, 0, NULL } },
};

/* Options of neighbour discovery messages; returns the link-layer address
 * of a source / target option (for Info) in LLADDR when there is one. */
static gboolean
dissect_nd_options (const RemoraTvb *tvb,
                    RemoraPacket    *pkt,
                    RemoraItem       tree,
                    guint32          offset,
                    guint8           lladdr[6])
{
  gboolean have_lladdr = FALSE;

  while (remora_tvb_reported_remaining (tvb, offset) > 0)
    {
      guint8 type = remora_tvb_get_u8 (tvb, offset);
      guint len = remora_tvb_get_u8 (tvb, offset + 1) * 8;
      const char *name = remora_value_string_lookup (opt_type_vals, type);
      RemoraItem ot, ti;

      ot = remora_add_text (pkt, tree, tvb, offset, MAX (len, 2u), "ICMPv6 Option (%s)", name ? name : "Unknown");
      remora_add_item (pkt, ot, hf_opt_type, tvb, offset, 1, REMORA_ENC_BIG_ENDIAN);
      ti = remora_add_item (pkt, ot, hf_opt_length, tvb, offset + 1, 1, REMORA_ENC_BIG_ENDIAN);
      remora_item_append_text (pkt, ti, " (%u bytes)", len);
      if (len == 0)
        {
          remora_add_expert (pkt, ti, tvb, offset + 1, 1, "Error", "Malformed", "Invalid option length (Zero)");
          return have_lladdr;
        }
      switch (type)
        {
        case 1:
        case 2:
          {
            int hf = type == 1 ? hf_opt_src_linkaddr : hf_opt_target_linkaddr;

            if (len == 8)
              {
                GString *s = g_string_new (NULL);

                remora_tvb_memcpy (tvb, lladdr, offset + 2, 6);
                have_lladdr = TRUE;
                remora_format_ether (lladdr, s);
                ti = remora_add_item (pkt, ot, hf_opt_linkaddr, tvb, offset + 2, 6, REMORA_ENC_NA);
                remora_item_set_text (pkt, ti, "Link-layer address: %s", s->str);
                remora_item_set_hidden (pkt, remora_add_item (pkt, ot, hf, tvb, offset + 2, 6, REMORA_ENC_NA));
                if (pkt->tree_mode)
                  remora_item_set_text (pkt, ot, "ICMPv6 Option (%s : %s)", name, s->str);
                g_string_free (s, TRUE);
              }
            else
              {
                remora_add_item (pkt, ot, hf_opt_linkaddr, tvb, offset + 2, len - 2, REMORA_ENC_NA);
                remora_item_set_hidden (pkt, remora_add_item (pkt, ot, hf, tvb, offset + 2, len - 2, REMORA_ENC_NA));
              }
          }
          break;
        case 3:
          if (len >= 32)
            {
              guint8 flag = remora_tvb_get_u8 (tvb, offset + 3);

              remora_add_item (pkt, ot, hf_opt_prefix_len, tvb, offset + 2, 1, REMORA_ENC_BIG_ENDIAN);
              ti = remora_add_uint (pkt, ot, hf_opt_prefix_flag, tvb, offset + 3, 1, flag);
              remora_add_boolean (pkt, ti, hf_opt_prefix_l, tvb, offset + 3, 1, flag);
              remora_add_boolean (pkt, ti, hf_opt_prefix_a, tvb, offset + 3, 1, flag);
              remora_add_boolean (pkt, ti, hf_opt_prefix_r, tvb, offset + 3, 1, flag);
              remora_add_item (pkt, ot, hf_opt_prefix_valid, tvb, offset + 4, 4, REMORA_ENC_BIG_ENDIAN);
              remora_add_item (pkt, ot, hf_opt_prefix_pref, tvb, offset + 8, 4, REMORA_ENC_BIG_ENDIAN);
              remora_add_item (pkt, ot, hf_opt_prefix, tvb, offset + 16, 16, REMORA_ENC_NA);
            }
          break;
        case 5:
          if (len >= 8)
            remora_add_item (pkt, ot, hf_opt_mtu, tvb, offset + 4, 4, REMORA_ENC_BIG_ENDIAN);
          break;
        default:
          break;
        }
      offset += len;
    }
  return have_lladdr;
}

static const char *
code_name (guint8 type, guint8 code)
{
  const char *name = NULL;

  switch (type)
    {
    case 1: name = remora_value_string_lookup (unreach_codes, code); break;
    case 3: name = remora_value_string_lookup (timex_codes, code); break;
    case 4: name = remora_value_string_lookup (param_codes, code); break;
    default: return NULL;
    }
  return name != NULL ? name : "Unknown";
}

static void
format_addr6 (const RemoraTvb *tvb, guint32 offset, GString *out)
{
  remora_format_ipv6 (remora_tvb_get_ptr (tvb, offset, 16), out);
}

static int
dissect_icmpv6 (const RemoraTvb *tvb,
                RemoraPacket    *pkt,
                RemoraItem       parent,
                void            *data)
{
  gboolean error_pkt = pkt->in_error_pkt > 0;
  guint8 type, code, lladdr[6];
  const char *type_str, *code_str;
  RemoraItem tree, ti;
  guint16 cksum;
  guint status;
  guint32 offset = 4;
  GString *s = NULL;

  remora_col_set_protocol (pkt, "ICMPv6");
  remora_col_clear_info (pkt);

  type = remora_tvb_get_u8 (tvb, 0);
  code = remora_tvb_get_u8 (tvb, 1);
  type_str = remora_value_string_lookup (type_vals, type);
  if (type_str == NULL)
    type_str = "Unknown";
  code_str = code_name (type, code);
  remora_col_set_info (pkt, type_str);
  if (code_str != NULL)
    remora_col_append_info (pkt, " (%s)", code_str);

  tree = remora_add_protocol (pkt, parent, proto_icmpv6, tvb, 0, tvb->captured);
  remora_add_item (pkt, tree, hf_type, tvb, 0, 1, REMORA_ENC_BIG_ENDIAN);
  ti = remora_add_item (pkt, tree, hf_code, tvb, 1, 1, REMORA_ENC_BIG_ENDIAN);
  if (code_str != NULL)
    remora_item_append_text (pkt, ti, " (%s)", code_str);

  cksum = remora_tvb_get_ntohs (tvb, 2);
  ti = remora_add_uint (pkt, tree, hf_checksum, tvb, 2, 2, cksum);
  if (!error_pkt && tvb->captured >= tvb->reported && pkt->net_src.type == REMORA_AT_IPv6
      && pkt->net_dst.type == REMORA_AT_IPv6)
    {
      guint8 pseudo[8] = { 0 };
      guint32 sum;
      guint16 computed;

      pseudo[0] = tvb->reported >> 24;
      pseudo[1] = tvb->reported >> 16;
      pseudo[2] = tvb->reported >> 8;
      pseudo[3] = tvb->reported;
      pseudo[7] = 58;
      sum = remora_cksum_add (0, pkt->net_src.data, 16);
      sum = remora_cksum_add (sum, pkt->net_dst.data, 16);
      sum = remora_cksum_add (sum, pseudo, 8);
      sum = remora_cksum_add (sum, remora_tvb_get_ptr (tvb, 0, tvb->reported), tvb->reported);
      computed = remora_cksum_finish (sum);
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
          remora_add_expert (pkt, ti, tvb, 2, 2, "Warning", "Checksum", "Bad checksum [should be 0x%04x]", shouldbe);
        }
    }
  else
    {
      status = REMORA_CKSUM_UNVERIFIED;
      remora_item_append_text (pkt, ti, " [unverified]");
    }
  remora_item_set_generated (pkt, remora_add_uint (pkt, tree, hf_checksum_status, tvb, 2, 0, status));

  if (pkt->want_columns || pkt->tree_mode)
    s = g_string_new (NULL);

  switch (type)
    {
    case 1: case 2: case 3: case 4:
      {
        RemoraTvb quoted;

        if (type == 2)
          remora_add_item (pkt, tree, hf_mtu, tvb, 4, 4, REMORA_ENC_BIG_ENDIAN);
        else if (type == 4)
          remora_add_item (pkt, tree, hf_pointer, tvb, 4, 4, REMORA_ENC_BIG_ENDIAN);
        else
          remora_add_item (pkt, tree, hf_reserved, tvb, 4, 4, REMORA_ENC_NA);
        remora_tvb_subset_remaining (&quoted, tvb, 8);
        if (quoted.reported > 0)
          {
            pkt->in_error_pkt++;
            remora_call_dissector_guarded (ipv6_handle, &quoted, pkt, tree, NULL);
            pkt->in_error_pkt--;
          }
        offset = tvb->reported;
      }
      break;
    case 128:
    case 129:
      {
        guint16 id = remora_tvb_get_ntohs (tvb, 4);
        guint16 seq = remora_tvb_get_ntohs (tvb, 6);

        remora_add_item (pkt, tree, hf_echo_id, tvb, 4, 2, REMORA_ENC_BIG_ENDIAN);
        remora_add_item (pkt, tree, hf_echo_seq, tvb, 6, 2, REMORA_ENC_BIG_ENDIAN);
        remora_col_append_info (pkt, " id=0x%04x, seq=%u", id, seq);
        if (!error_pkt)
          {
            RemoraEchoMatch m;

            remora_col_append_info (pkt, ", hop limit=%u", pkt->ip_ttl);
            /* requests and replies agree on id and sequence */
            remora_echo_match (pkt, proto_icmpv6, type == 128, 0, (guint32) id << 16 | seq, &m);
            if (type == 128 && m.other_frame != 0)
              {
                remora_item_set_generated (pkt, remora_add_uint (pkt, tree, hf_resp_in, tvb, 0, 0, m.other_frame));
                remora_col_append_info (pkt, " (reply in %u)", m.other_frame);
              }
            else if (type == 128 && pkt->visited && pkt->dst.type == REMORA_AT_IPv6 && pkt->dst.data[0] != 0xff)
              remora_col_append_info (pkt, " (no response found!)");
            else if (type == 129 && m.other_frame != 0)
              {
                double ms = (double) (pkt->frame->ts_ns - m.request_ns) / 1e6;

                remora_item_set_generated (pkt, remora_add_uint (pkt, tree, hf_resp_to, tvb, 0, 0, m.other_frame));
                ti = remora_add_double (pkt, tree, hf_resptime, tvb, 0, 0, ms);
                remora_item_set_generated (pkt, ti);
                remora_item_set_text (pkt, ti, "Response Time: %.3f ms", ms);
                remora_col_append_info (pkt, " (request in %u)", m.other_frame);
              }
          }
        offset = 8;
        if (remora_tvb_reported_remaining (tvb, 8) > 0)
          {
            RemoraTvb rest;

            remora_tvb_subset_remaining (&rest, tvb, 8);
            remora_call_data (&rest, pkt, tree);
          }
        offset = tvb->reported;
      }
      break;
    case 130: case 131: case 132:
      remora_add_item (pkt, tree, hf_mld_delay, tvb, 4, 2, REMORA_ENC_BIG_ENDIAN);
      remora_add_item (pkt, tree, hf_reserved, tvb, 6, 2, REMORA_ENC_NA);
      remora_add_item (pkt, tree, hf_mld_addr, tvb, 8, 16, REMORA_ENC_NA);
      offset = 24;
      break;
    case 133:
      remora_add_item (pkt, tree, hf_reserved, tvb, 4, 4, REMORA_ENC_NA);
      if (dissect_nd_options (tvb, pkt, tree, 8, lladdr) && s != NULL)
        {
          remora_format_ether (lladdr, s);
          remora_col_append_info (pkt, " from %s", s->str);
        }
      offset = tvb->reported;
      break;
    case 134:
      {
        guint8 flags = remora_tvb_get_u8 (tvb, 5);

        remora_add_item (pkt, tree, hf_ra_hop_limit, tvb, 4, 1, REMORA_ENC_BIG_ENDIAN);
        ti = remora_add_uint (pkt, tree, hf_ra_flag, tvb, 5, 1, flags);
        remora_add_boolean (pkt, ti, hf_ra_flag_m, tvb, 5, 1, flags);
        remora_add_boolean (pkt, ti, hf_ra_flag_o, tvb, 5, 1, flags);
        remora_add_boolean (pkt, ti, hf_ra_flag_h, tvb, 5, 1, flags);
        remora_add_uint (pkt, ti, hf_ra_flag_prf, tvb, 5, 1, flags);
        remora_add_boolean (pkt, ti, hf_ra_flag_p, tvb, 5, 1, flags);
        remora_add_uint (pkt, ti, hf_ra_flag_rsv, tvb, 5, 1, flags);
        remora_add_item (pkt, tree, hf_ra_lifetime, tvb, 6, 2, REMORA_ENC_BIG_ENDIAN);
        remora_add_item (pkt, tree, hf_ra_reachable, tvb, 8, 4, REMORA_ENC_BIG_ENDIAN);
        remora_add_item (pkt, tree, hf_ra_retrans, tvb, 12, 4, REMORA_ENC_BIG_ENDIAN);
        if (dissect_nd_options (tvb, pkt, tree, 16, lladdr) && s != NULL)
          {
            remora_format_ether (lladdr, s);
            remora_col_append_info (pkt, " from %s", s->str);
          }
        offset = tvb->reported;
      }
      break;
    case 135:
      remora_add_item (pkt, tree, hf_reserved, tvb, 4, 4, REMORA_ENC_NA);
      remora_add_item (pkt, tree, hf_ns_target, tvb, 8, 16, REMORA_ENC_NA);
      if (s != NULL)
        {
          format_addr6 (tvb, 8, s);
          remora_col_append_info (pkt, " for %s", s->str);
          
        }
      if (dissect_nd_options (tvb, pkt, tree, 24, lladdr) && s != NULL)
        {
          g_string_truncate (s, 0);
          remora_format_ether (lladdr, s);
          remora_col_append_info (pkt, " from %s", s->str);
        }
      offset = tvb->reported;
      break;
    case 136:
      {
        guint32 flags = remora_tvb_get_ntohl (tvb, 4);

        ti = remora_add_uint (pkt, tree, hf_na_flag, tvb, 4, 4, flags);
        remora_add_boolean (pkt, ti, hf_na_flag_r, tvb, 4, 4, flags);
        remora_add_boolean (pkt, ti, hf_na_flag_s, tvb, 4, 4, flags);
        remora_add_boolean (pkt, ti, hf_na_flag_o, tvb, 4, 4, flags);
        remora_add_uint (pkt, ti, hf_na_flag_rsv, tvb, 4, 4, flags);
        remora_add_item (pkt, tree, hf_na_target, tvb, 8, 16, REMORA_ENC_NA);
        if (s != NULL)
          {
            GString *f = g_string_new (NULL);

            format_addr6 (tvb, 8, s);
            if (flags & 0x80000000)
              g_string_append (f, "rtr, ");
            if (flags & 0x40000000)
              g_string_append (f, "sol, ");
            if (flags & 0x20000000)
              g_string_append (f, "ovr, ");
            if (f->len > 2)
              g_string_truncate (f, f->len - 2);
            remora_col_append_info (pkt, " %s (%s)", s->str, f->str);
            g_string_free (f, TRUE);
          }
        if (dissect_nd_options (tvb, pkt, tree, 24, lladdr) && s != NULL)
          {
            g_string_truncate (s, 0);
            remora_format_ether (lladdr, s);
            remora_col_append_info (pkt, " is at %s", s->str);
          }
        offset = tvb->reported;
      }
      break;
    case 137:
      remora_add_item (pkt, tree, hf_reserved, tvb, 4, 4, REMORA_ENC_NA);
      remora_add_item (pkt, tree, hf_rd_target, tvb, 8, 16, REMORA_ENC_NA);
      remora_add_item (pkt, tree, hf_rd_dst, tvb, 24, 16, REMORA_ENC_NA);
      dissect_nd_options (tvb, pkt, tree, 40, lladdr);
      offset = tvb->reported;
      break;
    default:
      break;
    }
  if (s != NULL)
    g_string_free (s, TRUE);

  if (remora_tvb_reported_remaining (tvb, offset) > 0)
    remora_add_item (pkt, tree, hf_data, tvb, offset, remora_tvb_reported_remaining (tvb, offset), REMORA_ENC_NA);
  return (int) tvb->captured;
}

void
remora_register_icmpv6 (void)
{
  proto_icmpv6 = remora_proto_register ("Internet Control Message Protocol v6", "ICMPv6", "icmpv6");
  remora_fields_register (proto_icmpv6, icmpv6_fields, G_N_ELEMENTS (icmpv6_fields));
  remora_dissector_register ("icmpv6", proto_icmpv6, dissect_icmpv6);
}

void
remora_handoff_icmpv6 (void)
{
  ipv6_handle = remora_dissector_find ("ipv6");
  remora_table_add_uint ("ip.proto", 58, remora_dissector_find ("icmpv6"));
}
