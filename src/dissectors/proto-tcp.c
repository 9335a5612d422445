/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-tcp"

#include "config.h"

#include "remora-dissectors.h"
#include "remora-tcp-conversation.h"

/* Transmission Control Protocol (RFC 9293) with the per-stream state that
 * relative sequence numbers, window scaling and stream indexes need.
 * Sequence analysis and reassembly build on RemoraTcpStream later. */

#define TH_FIN 0x001
#define TH_SYN 0x002
#define TH_RST 0x004
#define TH_PSH 0x008
#define TH_ACK 0x010
#define TH_URG 0x020
#define TH_ECE 0x040
#define TH_CWR 0x080
#define TH_AE  0x100
#define TH_RES 0xe00

#define COMP_SYN    0x01
#define COMP_SYNACK 0x02
#define COMP_ACK    0x04
#define COMP_DATA   0x08
#define COMP_FIN    0x10
#define COMP_RST    0x20

static int proto_tcp;
static int hf_srcport, hf_dstport, hf_port, hf_stream, hf_completeness, hf_len;
static int hf_seq, hf_seq_raw, hf_nxtseq, hf_ack, hf_ack_raw, hf_hdr_len;
static int hf_flags, hf_flags_res, hf_flags_ae, hf_flags_cwr, hf_flags_ece, hf_flags_ace;
static int hf_flags_urg, hf_flags_ack, hf_flags_push, hf_flags_reset, hf_flags_syn, hf_flags_fin;
static int hf_flags_str, hf_win_value, hf_win_size, hf_win_scalefactor;
static int hf_checksum, hf_checksum_status, hf_urgent_pointer;
static int hf_options, hf_option_kind, hf_option_len, hf_mss_val, hf_ws_shift, hf_ws_mult;
static int hf_sack_le, hf_sack_re, hf_sack_count, hf_tsval, hf_tsecr;
static int hf_tfo_request, hf_tfo_cookie, hf_exp_data, hf_exp_exid, hf_unknown_payload;
static int hf_accecn_ee0b, hf_accecn_eceb, hf_accecn_ee1b;
static int hf_time_relative, hf_time_delta, hf_payload, hf_bogus_hdr_len;

static int proto_opt_nop, proto_opt_eol, proto_opt_ts, proto_opt_mss, proto_opt_ws;
static int proto_opt_sack_perm, proto_opt_sack, proto_opt_tfo, proto_opt_accecn;
static int proto_opt_exp, proto_opt_unknown, proto_opt_mptcp;

static gboolean pref_relative_seq = TRUE;
static gboolean pref_check_checksum = FALSE;

static const RemoraValueString checksum_status_vals[] = {
  { 0, "Bad" }, { 1, "Good" }, { 2, "Unverified" }, { 3, "Not present" }, { 4, "Illegal" },
  { 0, NULL }
};

static const RemoraValueString option_kind_vals[] = {
  { 0, "End of Option List" }, { 1, "No-Operation" }, { 2, "Maximum Segment Size" },
  { 3, "Window Scale" }, { 4, "SACK Permitted" }, { 5, "SACK" }, { 6, "Echo" },
  { 7, "Echo Reply" }, { 8, "Time Stamp Option" }, { 9, "Partial Order Connection Permitted" },
  { 10, "Partial Order Service Profile" }, { 11, "CC" }, { 12, "CC.NEW" }, { 13, "CC.ECHO" },
  { 14, "TCP Alternate Checksum Request" }, { 15, "TCP Alternate Checksum Data" },
  { 16, "Skeeter" }, { 17, "Bubba" }, { 18, "Trailer Checksum Option" },
  { 19, "MD5 Signature Option" }, { 20, "SCPS Capabilities" },
  { 21, "Selective Negative Acknowledgements" }, { 22, "Record Boundaries" },
  { 23, "Corruption experienced" }, { 24, "SNAP" }, { 25, "Unassigned" },
  { 26, "TCP Compression Filter" }, { 27, "Quick-Start Response" },
  { 28, "User Timeout Option" }, { 29, "The TCP Authentication Option" },
  { 30, "Multipath TCP" }, { 34, "TCP Fast Open Cookie" }, { 76, "Riverbed Probe" },
  { 78, "Riverbed Transparency" }, { 172, "Accurate ECN Order 0" },
  { 174, "Accurate ECN Order 1" }, { 253, "RFC3692-style Experiment 1" },
  { 254, "RFC3692-style Experiment 2" },
  { 0, NULL }
};

static const RemoraValueString exid_vals[] = {
  { 0xf989, "Fast Open" },
  { 0, NULL }
};

static RemoraFieldDef tcp_fields[] = {
  { &hf_srcport, { "Source Port", "tcp.srcport", REMORA_FT_UINT16, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_dstport, { "Destination Port", "tcp.dstport", REMORA_FT_UINT16, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_port, { "Source or Destination Port", "tcp.port", REMORA_FT_UINT16, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_stream, { "Stream index", "tcp.stream", REMORA_FT_UINT32, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_completeness, { "Conversation completeness", "tcp.completeness", REMORA_FT_UINT8, REMORA_BASE_DEC, NULL, 0,
                        "The completeness of the conversation capture" } },
  { &hf_seq, { "Sequence Number", "tcp.seq", REMORA_FT_UINT32, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_seq_raw, { "Sequence Number (raw)", "tcp.seq_raw", REMORA_FT_UINT32, REMORA_BASE_DEC, NULL, 0,
                   "This shows the raw value of the sequence number" } },
  { &hf_nxtseq, { "Next Sequence Number", "tcp.nxtseq", REMORA_FT_UINT32, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_ack, { "Acknowledgment Number", "tcp.ack", REMORA_FT_UINT32, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_ack_raw, { "Acknowledgment number (raw)", "tcp.ack_raw", REMORA_FT_UINT32, REMORA_BASE_DEC, NULL, 0,
                   "This shows the raw value of the acknowledgment number" } },
  { &hf_hdr_len, { "Header Length", "tcp.hdr_len", REMORA_FT_UINT8, REMORA_BASE_DEC, NULL, 0,
                   "Data offset in 32-bit words" } },
  { &hf_flags, { "Flags", "tcp.flags", REMORA_FT_UINT16, REMORA_BASE_HEX, NULL, 0x0fff, "Flags (12 bits)" } },
  { &hf_flags_res, { "Reserved", "tcp.flags.res", REMORA_FT_BOOLEAN, 12, NULL, 0xe00,
                     "Three reserved bits (must be zero)" } },
  { &hf_flags_ae, { "Accurate ECN", "tcp.flags.ae", REMORA_FT_BOOLEAN, 12, NULL, 0x100, NULL } },
  { &hf_flags_cwr, { "Congestion Window Reduced", "tcp.flags.cwr", REMORA_FT_BOOLEAN, 12, NULL, 0x080, NULL } },
  { &hf_flags_ece, { "ECN-Echo", "tcp.flags.ece", REMORA_FT_BOOLEAN, 12, NULL, 0x040, NULL } },
  { &hf_flags_ace, { "ACE", "tcp.flags.ace", REMORA_FT_UINT8, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_flags_urg, { "Urgent", "tcp.flags.urg", REMORA_FT_BOOLEAN, 12, NULL, 0x020, NULL } },
  { &hf_flags_ack, { "Acknowledgment", "tcp.flags.ack", REMORA_FT_BOOLEAN, 12, NULL, 0x010, NULL } },
  { &hf_flags_push, { "Push", "tcp.flags.push", REMORA_FT_BOOLEAN, 12, NULL, 0x008, NULL } },
  { &hf_flags_reset, { "Reset", "tcp.flags.reset", REMORA_FT_BOOLEAN, 12, NULL, 0x004, NULL } },
  { &hf_flags_syn, { "Syn", "tcp.flags.syn", REMORA_FT_BOOLEAN, 12, NULL, 0x002, NULL } },
  { &hf_flags_fin, { "Fin", "tcp.flags.fin", REMORA_FT_BOOLEAN, 12, NULL, 0x001, NULL } },
  { &hf_flags_str, { "TCP Flags", "tcp.flags.str", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_win_value, { "Window", "tcp.window_size_value", REMORA_FT_UINT16, REMORA_BASE_DEC, NULL, 0,
                     "The window size value from the TCP header" } },
  { &hf_win_size, { "Calculated window size", "tcp.window_size", REMORA_FT_UINT32, REMORA_BASE_DEC, NULL, 0,
                    "The scaled window size (if scaling has been used)" } },
  { &hf_win_scalefactor, { "Window size scaling factor", "tcp.window_size_scalefactor", REMORA_FT_INT32,
                           REMORA_BASE_DEC, NULL, 0,
                           "The window size scaling factor (-1 when unknown, -2 when no scaling is used)" } },
  { &hf_checksum, { "Checksum", "tcp.checksum", REMORA_FT_UINT16, REMORA_BASE_HEX, NULL, 0,
                    "Details at: https://www.wireshark.org/docs/wsug_html_chunked/ChAdvChecksums.html" } },
  { &hf_checksum_status, { "Checksum Status", "tcp.checksum.status", REMORA_FT_UINT8, REMORA_BASE_NONE,
                           checksum_status_vals, 0, NULL } },
  { &hf_len, { "TCP Segment Len", "tcp.len", REMORA_FT_UINT32, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_urgent_pointer, { "Urgent Pointer", "tcp.urgent_pointer", REMORA_FT_UINT16, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_option_kind, { "Kind", "tcp.option_kind", REMORA_FT_UINT8, REMORA_BASE_DEC, option_kind_vals, 0,
                       "This TCP option's kind" } },
  { &hf_option_len, { "Length", "tcp.option_len", REMORA_FT_UINT8, REMORA_BASE_DEC, NULL, 0,
                      "Length of this TCP option in bytes (including kind and length fields)" } },
  { &hf_options, { "TCP Options", "tcp.options", REMORA_FT_BYTES, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_mss_val, { "MSS Value", "tcp.options.mss_val", REMORA_FT_UINT16, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_ws_shift, { "Shift count", "tcp.options.wscale.shift", REMORA_FT_UINT8, REMORA_BASE_DEC, NULL, 0,
                    "Logarithmically encoded power of 2 scale factor" } },
  { &hf_ws_mult, { "Multiplier", "tcp.options.wscale.multiplier", REMORA_FT_UINT16, REMORA_BASE_DEC, NULL, 0,
                   "Multiply segment window size by this for scaled window size" } },
  { &hf_exp_data, { "Data", "tcp.options.experimental.data", REMORA_FT_BYTES, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_exp_exid, { "Experiment Identifier", "tcp.options.experimental.exid", REMORA_FT_UINT16, REMORA_BASE_HEX,
                    exid_vals, 0, NULL } },
  { &hf_unknown_payload, { "Payload", "tcp.options.unknown.payload", REMORA_FT_BYTES, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_sack_le, { "TCP SACK Left Edge", "tcp.options.sack_le", REMORA_FT_UINT32, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_sack_re, { "TCP SACK Right Edge", "tcp.options.sack_re", REMORA_FT_UINT32, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_sack_count, { "TCP SACK Count", "tcp.options.sack.count", REMORA_FT_UINT8, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_tsval, { "Timestamp value", "tcp.options.timestamp.tsval", REMORA_FT_UINT32, REMORA_BASE_DEC, NULL, 0,
                 "Value of sending machine's timestamp clock" } },
  { &hf_tsecr, { "Timestamp echo reply", "tcp.options.timestamp.tsecr", REMORA_FT_UINT32, REMORA_BASE_DEC, NULL, 0,
                 "Echoed timestamp from remote machine" } },
  { &hf_accecn_ee0b, { "Accurate ECN Echo ECT(0) Byte Counter", "tcp.options.acc_ecn.ee0b", REMORA_FT_UINT24,
                       REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_accecn_eceb, { "Accurate ECN Echo CE Byte Counter", "tcp.options.acc_ecn.eceb", REMORA_FT_UINT24,
                       REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_accecn_ee1b, { "Accurate ECN Echo ECT(1) Byte Counter", "tcp.options.acc_ecn.ee1b", REMORA_FT_UINT24,
                       REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_tfo_request, { "Fast Open Cookie Request", "tcp.options.tfo.request", REMORA_FT_NONE, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_tfo_cookie, { "Fast Open Cookie", "tcp.options.tfo.cookie", REMORA_FT_BYTES, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_time_relative, { "Time since first frame in this TCP stream", "tcp.time_relative", REMORA_FT_RELATIVE_TIME,
                         REMORA_BASE_NONE, NULL, 0, "Time relative to first frame in this TCP stream" } },
  { &hf_time_delta, { "Time since previous frame in this TCP stream", "tcp.time_delta", REMORA_FT_RELATIVE_TIME,
                      REMORA_BASE_NONE, NULL, 0, "Time delta from previous frame in this TCP stream" } },
  { &hf_payload, { "TCP payload", "tcp.payload", REMORA_FT_BYTES, REMORA_BASE_NONE, NULL, 0,
                   "The TCP payload of this packet" } },
  { &hf_bogus_hdr_len, { "Bogus TCP Header length", "tcp.bogus_header_length", REMORA_FT_NONE, REMORA_BASE_NONE,
                         NULL, 0, NULL } },
};

/* Per-capture state: created on first use in a session. */
static RemoraTcpState *
get_state (RemoraPacket *pkt)
{
  RemoraTcpState *state = remora_session_get_proto_data (pkt->session, proto_tcp);

  if (state == NULL)
    {
      state = remora_tcp_state_new ();
      remora_session_set_proto_data (pkt->session, proto_tcp, state, remora_tcp_state_free);
    }
  return state;
}

static const char *
completeness_name (guint8 c)
{
  const guint8 base = COMP_SYN | COMP_SYNACK | COMP_ACK;

  switch (c)
    {
    case COMP_SYN:
      return "Incomplete, SYN_SENT";
    case COMP_SYN | COMP_SYNACK:
      return "Incomplete, CLIENT_ESTABLISHED";
    case COMP_SYN | COMP_SYNACK | COMP_ACK:
      return "Incomplete, ESTABLISHED";
    case COMP_SYN | COMP_SYNACK | COMP_ACK | COMP_DATA:
      return "Incomplete, DATA";
    default:
      if ((c & base) == base && (c & (COMP_FIN | COMP_RST)) != 0)
        return (c & COMP_DATA) ? "Complete, WITH_DATA" : "Complete, NO_DATA";
      return "Incomplete";
    }
}

/* "FIN, SYN, ACK" in Wireshark's order (lowest bit first); with Accurate
 * ECN negotiated the three ECN bits read as one counter. */
static void
format_flag_names (GString *out,
                   guint16  flags,
                   gboolean ace)
{
  static const char *const names[] = { "FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR", "AE" };
  gsize start = out->len;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      if (ace && i >= 6)
        break;
      if (flags & (1u << i))
        g_string_append_printf (out, "%s%s", out->len > start ? ", " : "", names[i]);
    }
  if (ace)
    g_string_append_printf (out, "%sACE=%u", out->len > start ? ", " : "", (flags >> 6) & 7);
  if (flags & TH_RES)
    g_string_append_printf (out, "%sReserved", out->len > start ? ", " : "");
  if (out->len == start)
    g_string_append (out, "<None>");
}

/* "·······A··S·": one character per bit, a middle dot when clear. */
static void
format_flag_str (GString *out,
                 guint16  flags,
                 gboolean ace)
{
  static const char letters[] = "RRRACEUAPRSF";

  for (int bit = 11; bit >= 0; bit--)
    {
      if (ace && bit >= 6 && bit <= 8)
        {
          if (bit == 7)
            g_string_append_printf (out, "%u", (flags >> 6) & 7);
          else
            g_string_append_c (out, '-');
          continue;
        }
      if (flags & (1u << bit))
        g_string_append_c (out, letters[11 - bit]);
      else
        g_string_append (out, "\xc2\xb7");
    }
}

typedef struct {
  RemoraTcpStream *stream;   /* NULL inside an ICMP error */
  guint            dir;
  guint16          flags;
  guint32          seq;
  gboolean         ack_rel;
  guint32          ack_base;
  RemoraItem       options_item;
  GString         *options_names;   /* tree mode: ", Maximum segment size, ..." */
  gboolean         saw_wscale;
} TcpContext;

static guint32
rel_sack (const TcpContext *ctx, guint32 v)
{
  return ctx->ack_rel ? v - ctx->ack_base : v;
}

static RemoraItem
option_start (RemoraPacket    *pkt,
              RemoraItem       tree,
              int              proto,
              const RemoraTvb *tvb,
              guint32          off,
              guint32          len,
              TcpContext      *ctx,
              const char      *summary)
{
  RemoraItem it = remora_add_protocol (pkt, tree, proto, tvb, off, len);

  remora_add_item (pkt, it, hf_option_kind, tvb, off, 1, REMORA_ENC_BIG_ENDIAN);
  if (len > 1)
    remora_add_item (pkt, it, hf_option_len, tvb, off + 1, 1, REMORA_ENC_BIG_ENDIAN);
  if (ctx->options_names != NULL)
    g_string_append_printf (ctx->options_names, ", %s", summary);
  return it;
}

static void
dissect_options (const RemoraTvb *tvb,
                 RemoraPacket    *pkt,
                 RemoraItem       tree,
                 guint32          off,
                 guint32          end,
                 TcpContext      *ctx)
{
  /* Bounded by the header length (at most 40 bytes): each step consumes at
   * least one byte. */
  while (off < end)
    {
      guint8 kind = remora_tvb_get_u8 (tvb, off);
      guint8 len;
      RemoraItem it;
      const char *name;

      if (kind == 0 || kind == 1)
        {
          it = option_start (pkt, tree, kind == 0 ? proto_opt_eol : proto_opt_nop, tvb, off, 1, ctx,
                             kind == 0 ? "End of Option List (EOL)" : "No-Operation (NOP)");
          (void) it;
          off++;
          continue;
        }

      switch (kind)
        {
        case 2: name = "Maximum segment size"; break;
        case 3: name = "Window scale"; break;
        case 4: name = "SACK permitted"; break;
        case 5: name = "SACK"; break;
        case 8: name = "Timestamps"; break;
        case 30: name = "Multipath TCP"; break;
        case 34: name = "TCP Fast Open"; break;
        case 172: case 174: name = "Accurate ECN"; break;
        case 253: case 254: name = "Experimental"; break;
        default: name = "Unknown"; break;
        }

      if (off + 1 >= end)
        {
          remora_add_expert (pkt, tree, tvb, off, 1, "Note", "Sequence",
                             "%s (option length byte is past end of options)", name);
          return;
        }
      len = remora_tvb_get_u8 (tvb, off + 1);
      if (len < 2)
        {
          remora_add_expert (pkt, tree, tvb, off, 2, "Note", "Sequence",
                             "%s (with too-short option length = %u byte%s)", name, len, len == 1 ? "" : "s");
          return;
        }
      if (off + len > end)
        {
          if (pkt->tree_mode)
            {
              RemoraItem t = remora_add_text (pkt, tree, tvb, off, end - off,
                                              "%s (option length = %u bytes says option goes past end of options)",
                                              name, len);
              remora_add_expert (pkt, t, tvb, off, end - off, "Note", "Sequence",
                                 "%s (option length = %u bytes says option goes past end of options)", name, len);
            }
          return;
        }

      switch (kind)
        {
        case 2:
          {
            guint16 mss;
            it = option_start (pkt, tree, proto_opt_mss, tvb, off, len, ctx, name);
            if (len != 4)
              break;
            mss = remora_tvb_get_ntohs (tvb, off + 2);
            remora_add_item (pkt, it, hf_mss_val, tvb, off + 2, 2, REMORA_ENC_BIG_ENDIAN);
            remora_item_append_text (pkt, it, ": %u bytes", mss);
            remora_col_append_info (pkt, " MSS=%u", mss);
          }
          break;
        case 3:
          {
            guint8 shift;
            guint mult;
            it = option_start (pkt, tree, proto_opt_ws, tvb, off, len, ctx, name);
            if (len != 3)
              break;
            shift = remora_tvb_get_u8 (tvb, off + 2);
            mult = 1u << MIN (shift, 14);
            remora_add_item (pkt, it, hf_ws_shift, tvb, off + 2, 1, REMORA_ENC_BIG_ENDIAN);
            remora_item_set_generated (pkt, remora_add_uint (pkt, it, hf_ws_mult, tvb, off + 2, 1, mult));
            remora_item_append_text (pkt, it, ": %u (multiply by %u)", shift, mult);
            remora_col_append_info (pkt, " WS=%u", mult);
            ctx->saw_wscale = TRUE;
            if (ctx->stream != NULL && !pkt->visited && (ctx->flags & TH_SYN))
              ctx->stream->flow[ctx->dir].win_scale = (gint8) MIN (shift, 14);
          }
          break;
        case 4:
          option_start (pkt, tree, proto_opt_sack_perm, tvb, off, len, ctx, name);
          remora_col_append_info (pkt, " SACK_PERM");
          break;
        case 5:
          {
            guint n = 0;
            it = option_start (pkt, tree, proto_opt_sack, tvb, off, len, ctx, name);
            for (guint32 p = off + 2; p + 8 <= off + len; p += 8, n++)
              {
                guint32 le = rel_sack (ctx, remora_tvb_get_ntohl (tvb, p));
                guint32 re = rel_sack (ctx, remora_tvb_get_ntohl (tvb, p + 4));
                RemoraItem li = remora_add_uint (pkt, it, hf_sack_le, tvb, p, 4, le);
                RemoraItem ri = remora_add_uint (pkt, it, hf_sack_re, tvb, p + 4, 4, re);
                const char *rel = ctx->ack_rel ? " (relative)" : "";
                remora_item_set_text (pkt, li, "left edge = %u%s", le, rel);
                remora_item_set_text (pkt, ri, "right edge = %u%s", re, rel);
                remora_item_append_text (pkt, it, " %u-%u", le, re);
                remora_col_append_info (pkt, " SLE=%u SRE=%u", le, re);
              }
            remora_item_set_generated (pkt, remora_add_uint (pkt, it, hf_sack_count, tvb, off, len, n));
          }
          break;
        case 8:
          {
            guint32 tsval, tsecr;
            it = option_start (pkt, tree, proto_opt_ts, tvb, off, len, ctx, name);
            if (len != 10)
              break;
            tsval = remora_tvb_get_ntohl (tvb, off + 2);
            tsecr = remora_tvb_get_ntohl (tvb, off + 6);
            remora_add_item (pkt, it, hf_tsval, tvb, off + 2, 4, REMORA_ENC_BIG_ENDIAN);
            remora_add_item (pkt, it, hf_tsecr, tvb, off + 6, 4, REMORA_ENC_BIG_ENDIAN);
            remora_item_append_text (pkt, it, ": TSval %u, TSecr %u", tsval, tsecr);
            remora_col_append_info (pkt, " TSval=%u TSecr=%u", tsval, tsecr);
          }
          break;
        case 34:
          it = option_start (pkt, tree, proto_opt_tfo, tvb, off, len, ctx, name);
          if (len > 2)
            {
              remora_add_item (pkt, it, hf_tfo_cookie, tvb, off + 2, len - 2, REMORA_ENC_NA);
              remora_col_append_info (pkt, " TFO=C");
            }
          else
            {
              remora_add_item (pkt, it, hf_tfo_request, tvb, off, len, REMORA_ENC_NA);
              remora_col_append_info (pkt, " TFO=R");
            }
          break;
        case 172:
        case 174:
          {
            static const char *const labels[] = { "EE0B", "ECEB", "EE1B" };
            int order0[] = { hf_accecn_ee0b, hf_accecn_eceb, hf_accecn_ee1b };
            int order1[] = { hf_accecn_ee1b, hf_accecn_eceb, hf_accecn_ee0b };
            const int *hfs = kind == 172 ? order0 : order1;
            it = option_start (pkt, tree, proto_opt_accecn, tvb, off, len, ctx, name);
            for (guint i = 0; i < 3 && 2 + 3 * (i + 1) <= len; i++)
              {
                guint32 v = remora_tvb_get_ntoh24 (tvb, off + 2 + 3 * i);
                guint which = kind == 172 ? i : 2 - i;
                remora_add_item (pkt, it, hfs[i], tvb, off + 2 + 3 * i, 3, REMORA_ENC_BIG_ENDIAN);
                remora_col_append_info (pkt, " %s=%u", labels[which], v);
              }
          }
          break;
        case 253:
        case 254:
          {
            guint16 exid = len >= 4 ? remora_tvb_get_ntohs (tvb, off + 2) : 0;
            it = option_start (pkt, tree, proto_opt_exp, tvb, off, len, ctx, name);
            if (len >= 4 && exid == 0xf989)
              {
                remora_item_append_text (pkt, it, ": Fast Open");
                remora_add_item (pkt, it, hf_exp_exid, tvb, off + 2, 2, REMORA_ENC_BIG_ENDIAN);
                if (len > 4)
                  {
                    remora_add_item (pkt, it, hf_tfo_cookie, tvb, off + 4, len - 4, REMORA_ENC_NA);
                    remora_col_append_info (pkt, " TFO=C");
                  }
                else
                  {
                    remora_add_item (pkt, it, hf_tfo_request, tvb, off, len, REMORA_ENC_NA);
                    remora_col_append_info (pkt, " TFO=R");
                  }
              }
            else if (len > 2)
              remora_add_item (pkt, it, hf_exp_data, tvb, off + 2, len - 2, REMORA_ENC_NA);
          }
          break;
        case 30:
          /* MPTCP gets a dissector of its own later: its bytes for now. */
          it = option_start (pkt, tree, proto_opt_mptcp, tvb, off, len, ctx, "MPTCP");
          if (len > 2)
            remora_add_item (pkt, it, hf_unknown_payload, tvb, off + 2, len - 2, REMORA_ENC_NA);
          break;
        default:
          it = option_start (pkt, tree, proto_opt_unknown, tvb, off, len, ctx, name);
          if (len > 2)
            remora_add_item (pkt, it, hf_unknown_payload, tvb, off + 2, len - 2, REMORA_ENC_NA);
          break;
        }
      off += len;
    }
}

static RemoraDissector *data_handle;

/* Payload handoff: a bounds error inside the payload's dissector is
 * caught there, so the TCP tree above it stays whole. */
static gboolean
try_port (guint16          port,
          const RemoraTvb *tvb,
          RemoraPacket    *pkt,
          RemoraItem       tree)
{
  RemoraDissector *d = remora_table_lookup_uint ("tcp.port", port);

  return d != NULL && remora_call_dissector_guarded (d, tvb, pkt, tree, NULL) != 0;
}

static int
dissect_tcp (const RemoraTvb *tvb,
             RemoraPacket    *pkt,
             RemoraItem       parent,
             void            *data)
{
  gboolean in_error = pkt->in_error_pkt > 0;
  guint16 sport, dport, raw_flags, flags, win_raw, urgp;
  guint32 seq_raw, ack_raw, hlen, seglen, seq, ack, nxtseq, win;
  guint32 reported = remora_tvb_reported_remaining (tvb, 0);
  gint32 scalefactor = -1;
  guint8 completeness = 0;
  gint64 delta_ns = 0, rel_ns = 0;
  gboolean seq_rel = FALSE, ace = FALSE, have_state = FALSE;
  TcpContext ctx = { 0 };
  RemoraItem tree, it;
  char info_flags[96];

  (void) data;
  tree = remora_add_protocol (pkt, parent, proto_tcp, tvb, 0, MIN (reported, 20));
  remora_col_set_protocol (pkt, "TCP");

  sport = remora_tvb_get_ntohs (tvb, 0);
  dport = remora_tvb_get_ntohs (tvb, 2);
  remora_add_item (pkt, tree, hf_srcport, tvb, 0, 2, REMORA_ENC_BIG_ENDIAN);
  remora_add_item (pkt, tree, hf_dstport, tvb, 2, 2, REMORA_ENC_BIG_ENDIAN);
  remora_item_set_hidden (pkt, remora_add_uint (pkt, tree, hf_port, tvb, 0, 2, sport));
  remora_item_set_hidden (pkt, remora_add_uint (pkt, tree, hf_port, tvb, 2, 2, dport));
  remora_item_set_text (pkt, tree, "Transmission Control Protocol, Src Port: %u, Dst Port: %u", sport, dport);

  if (!in_error)
    {
      pkt->ptype = REMORA_PT_TCP;
      pkt->srcport = sport;
      pkt->destport = dport;
      remora_col_clear_info (pkt);
      remora_col_add_info (pkt, "%u \xe2\x86\x92 %u", sport, dport);
    }

  /* A quoted header in an ICMP error is often 8 bytes: the rest is
   * shown only when present, without a verdict on the missing part. */
  if (in_error && !remora_tvb_bytes_exist (tvb, 0, 20))
    {
      if (remora_tvb_bytes_exist (tvb, 4, 4))
        {
          remora_add_item (pkt, tree, hf_seq_raw, tvb, 4, 4, REMORA_ENC_BIG_ENDIAN);
          remora_item_append_text (pkt, tree, ", Seq: %u", remora_tvb_get_ntohl (tvb, 4));
        }
      return (int) remora_tvb_captured_remaining (tvb, 0);
    }

  seq_raw = remora_tvb_get_ntohl (tvb, 4);
  ack_raw = remora_tvb_get_ntohl (tvb, 8);
  raw_flags = remora_tvb_get_ntohs (tvb, 12);
  hlen = (raw_flags >> 12) * 4u;
  flags = raw_flags & 0x0fff;
  win_raw = remora_tvb_get_ntohs (tvb, 14);
  urgp = remora_tvb_get_ntohs (tvb, 18);
  ctx.flags = flags;
  seglen = pkt->ip_payload_len > hlen ? pkt->ip_payload_len - hlen : 0;
  if (pkt->ip_payload_len == 0 && reported > hlen)
    seglen = reported - hlen;

  seq = seq_raw;
  ack = ack_raw;
  win = win_raw;

  if (!in_error)
    {
      RemoraTcpState *state = get_state (pkt);
      RemoraConvKey key;
      guint8 occ = (guint8) MIN (pkt->n_layers, 255);

      ctx.dir = remora_conv_key_init (&key, &pkt->net_src, &pkt->net_dst, sport, dport);
      if (pkt->visited)
        {
          const RemoraTcpFrameInfo *fi = remora_tcp_state_find (state, pkt->frame->number, occ);
          if (fi != NULL)
            {
              ctx.stream = remora_tcp_state_get_stream (state, fi->stream);
              ctx.dir = fi->dir;
              scalefactor = fi->scalefactor;
              completeness = fi->completeness;
              delta_ns = fi->delta_ns;
              seq_rel = (fi->flags & REMORA_TCP_FRAME_SEQ_REL) != 0;
              ctx.ack_rel = (fi->flags & REMORA_TCP_FRAME_ACK_REL) != 0;
              have_state = TRUE;
            }
        }
      else
        {
          RemoraTcpStream *s = remora_tcp_state_lookup (state, &key);
          RemoraTcpFrameInfo fi = { 0 };
          gboolean reused = FALSE;
          RemoraTcpFlow *fwd, *rev;

          /* A SYN whose ISN differs from the one this direction started
           * with opens a new connection on the same port pair. */
          if (s != NULL && (flags & (TH_SYN | TH_ACK)) == TH_SYN &&
              (s->flow[ctx.dir].flags & REMORA_TCP_FLOW_BASE_SET) &&
              s->flow[ctx.dir].base_seq != seq_raw)
            {
              s = NULL;
              reused = TRUE;
            }
          if (s == NULL)
            {
              s = remora_tcp_state_add (state, &key, pkt->frame->ts_ns);
              if (reused)
                s->completeness |= COMP_SYN;
            }
          fwd = &s->flow[ctx.dir];
          rev = &s->flow[1 - ctx.dir];

          if (pref_relative_seq)
            {
              if (!(fwd->flags & REMORA_TCP_FLOW_BASE_SET))
                {
                  fwd->base_seq = (flags & TH_SYN) ? seq_raw : seq_raw - 1;
                  fwd->flags |= REMORA_TCP_FLOW_BASE_SET;
                }
              if ((flags & TH_ACK) && !(rev->flags & REMORA_TCP_FLOW_BASE_SET))
                {
                  rev->base_seq = ack_raw - 1;
                  rev->flags |= REMORA_TCP_FLOW_BASE_SET;
                }
              seq_rel = TRUE;
              ctx.ack_rel = (flags & TH_ACK) != 0;
            }

          /* Window scaling: the SYN's option (set while parsing options
           * below) applies only when both SYNs carried one. */
          if (!(flags & TH_SYN))
            scalefactor = fwd->win_scale;

          completeness = s->completeness;
          delta_ns = pkt->frame->ts_ns - s->prev_ts_ns;

          ctx.stream = s;
          fi.frame = pkt->frame->number;
          fi.stream = s->index;
          fi.delta_ns = delta_ns;
          fi.occurrence = occ;
          fi.completeness = completeness;
          fi.dir = (guint8) ctx.dir;
          fi.flags = (seq_rel ? REMORA_TCP_FRAME_SEQ_REL : 0) | (ctx.ack_rel ? REMORA_TCP_FRAME_ACK_REL : 0);
          fi.scalefactor = scalefactor;
          if (remora_session_get_will_revisit (pkt->session))
            remora_tcp_state_record (state, &fi);
          have_state = TRUE;
        }
    }

  if (have_state)
    {
      RemoraTcpStream *s = ctx.stream;
      if (seq_rel)
        seq = seq_raw - s->flow[ctx.dir].base_seq;
      if (ctx.ack_rel)
        {
          ctx.ack_base = s->flow[1 - ctx.dir].base_seq;
          ack = ack_raw - ctx.ack_base;
        }
      rel_ns = pkt->frame->ts_ns - s->first_ts_ns;
      if (!(flags & TH_SYN) && scalefactor >= 0)
        win = (guint32) win_raw << scalefactor;
      ace = s->acc_ecn && !(flags & TH_SYN);
    }
  ctx.seq = seq;
  if (!(flags & TH_ACK))
    ack = ack_raw;

  if (pkt->want_columns && !in_error)
    {
      GString *fs = g_string_new (NULL);
      format_flag_names (fs, flags, ace);
      g_strlcpy (info_flags, fs->str, sizeof info_flags);
      g_string_free (fs, TRUE);
      remora_col_append_info (pkt, " [%s] Seq=%u", info_flags, seq);
      if (flags & TH_ACK)
        remora_col_append_info (pkt, " Ack=%u", ack);
      remora_col_append_info (pkt, " Win=%u", win);
      if (flags & TH_URG)
        remora_col_append_info (pkt, " Urg=%u", urgp);
    }

  if (ctx.stream != NULL)
    {
      remora_item_set_generated (pkt, remora_add_uint (pkt, tree, hf_stream, tvb, 0, 0, ctx.stream->index));
      it = remora_add_uint (pkt, tree, hf_completeness, tvb, 0, 0, completeness);
      remora_item_set_generated (pkt, it);
      remora_item_set_text (pkt, it, "Conversation completeness: %s (%u)", completeness_name (completeness), completeness);
    }

  if (hlen < 20)
    {
      remora_item_set_generated (pkt, remora_add_uint (pkt, tree, hf_len, tvb, 0, 0, seglen));
      it = remora_add_uint (pkt, tree, hf_seq, tvb, 4, 4, seq);
      if (seq_rel)
        remora_item_set_text (pkt, it, "Sequence Number: %u    (relative sequence number)", seq);
      remora_add_item (pkt, tree, hf_seq_raw, tvb, 4, 4, REMORA_ENC_BIG_ENDIAN);
      remora_item_append_text (pkt, tree, ", Seq: %u", seq);
      it = remora_add_uint (pkt, tree, hf_hdr_len, tvb, 12, 1, hlen);
      if (pkt->tree_mode)
        remora_item_set_text (pkt, it, "%c%c%c%c .... = Header Length: %u bytes (%u)",
                              (raw_flags & 0x8000) ? '1' : '0', (raw_flags & 0x4000) ? '1' : '0',
                              (raw_flags & 0x2000) ? '1' : '0', (raw_flags & 0x1000) ? '1' : '0',
                              hlen, hlen / 4);
      remora_add_expert (pkt, it, tvb, 12, 1, "Error", "Protocol",
                         "Bogus TCP header length (%u, must be at least 20)", hlen);
      if (!in_error)
        remora_col_append_info (pkt, ", bogus TCP header length (%u, must be at least 20)", hlen);
      return 12;
    }

  if (!in_error && ctx.stream != NULL && !pkt->visited)
    {
      RemoraTcpStream *s = ctx.stream;
      RemoraTcpFlow *fwd = &s->flow[ctx.dir];

      /* Running state: advanced on the first pass only. */
      s->prev_ts_ns = pkt->frame->ts_ns;
      if (flags & TH_SYN)
        {
          s->completeness |= (flags & TH_ACK) ? COMP_SYNACK : COMP_SYN;
          fwd->flags |= REMORA_TCP_FLOW_SYN_SEEN;
          if (!(flags & TH_ACK) && (flags & (TH_AE | TH_CWR | TH_ECE)) == (TH_AE | TH_CWR | TH_ECE))
            s->acc_ecn = TRUE;
        }
      else if ((flags & TH_ACK) && (s->completeness & (COMP_SYN | COMP_SYNACK)) == (COMP_SYN | COMP_SYNACK))
        s->completeness |= COMP_ACK;
      if (seglen > 0)
        s->completeness |= COMP_DATA;
      if (flags & TH_FIN)
        {
          s->completeness |= COMP_FIN;
          fwd->flags |= REMORA_TCP_FLOW_FIN_SEEN;
        }
      if (flags & TH_RST)
        {
          s->completeness |= COMP_RST;
          fwd->flags |= REMORA_TCP_FLOW_RST_SEEN;
        }
      nxtseq = seq_raw + seglen + ((flags & (TH_SYN | TH_FIN)) ? 1 : 0);
      fwd->last_seq = seq_raw;
      fwd->last_nxtseq = nxtseq;
      fwd->last_ack = ack_raw;
      fwd->last_win = win_raw;
    }

  nxtseq = seq + seglen + ((flags & (TH_SYN | TH_FIN)) ? 1 : 0);

  if (pkt->tree_mode)
    {
      remora_item_set_len (pkt, tree, hlen);
      remora_item_append_text (pkt, tree, ", Seq: %u", seq);
      if (flags & TH_ACK)
        remora_item_append_text (pkt, tree, ", Ack: %u", ack);
      remora_item_append_text (pkt, tree, ", Len: %u", seglen);
    }

  remora_item_set_generated (pkt, remora_add_uint (pkt, tree, hf_len, tvb, 0, 0, seglen));
  it = remora_add_uint (pkt, tree, hf_seq, tvb, 4, 4, seq);
  if (seq_rel)
    remora_item_set_text (pkt, it, "Sequence Number: %u    (relative sequence number)", seq);
  remora_add_item (pkt, tree, hf_seq_raw, tvb, 4, 4, REMORA_ENC_BIG_ENDIAN);
  it = remora_add_uint (pkt, tree, hf_nxtseq, tvb, 0, 0, nxtseq);
  remora_item_set_generated (pkt, it);
  if (seq_rel)
    remora_item_set_text (pkt, it, "Next Sequence Number: %u    (relative sequence number)", nxtseq);
  it = remora_add_uint (pkt, tree, hf_ack, tvb, 8, 4, ack);
  if (ctx.ack_rel)
    remora_item_set_text (pkt, it, "Acknowledgment Number: %u    (relative ack number)", ack);
  remora_add_item (pkt, tree, hf_ack_raw, tvb, 8, 4, REMORA_ENC_BIG_ENDIAN);

  it = remora_add_uint (pkt, tree, hf_hdr_len, tvb, 12, 1, hlen);
  if (pkt->tree_mode)
    remora_item_set_text (pkt, it, "%c%c%c%c .... = Header Length: %u bytes (%u)",
                          (raw_flags & 0x8000) ? '1' : '0', (raw_flags & 0x4000) ? '1' : '0',
                          (raw_flags & 0x2000) ? '1' : '0', (raw_flags & 0x1000) ? '1' : '0',
                          hlen, hlen / 4);

  {
    RemoraItem fi = remora_add_uint (pkt, tree, hf_flags, tvb, 12, 2, raw_flags);
    if (pkt->tree_mode)
      {
        GString *s = g_string_new (NULL);
        format_flag_names (s, flags, ace);
        remora_item_set_text (pkt, fi, "Flags: 0x%03x (%s)", flags, s->str);
        g_string_free (s, TRUE);
      }
    remora_add_uint (pkt, fi, hf_flags_res, tvb, 12, 2, flags);
    if (ace)
      {
        it = remora_add_uint (pkt, fi, hf_flags_ace, tvb, 12, 2, (flags >> 6) & 7);
        if (pkt->tree_mode)
          remora_item_set_text (pkt, it, "...%c %c%c.. .... = ACE: %u",
                                (flags & TH_AE) ? '1' : '0', (flags & TH_CWR) ? '1' : '0',
                                (flags & TH_ECE) ? '1' : '0', (flags >> 6) & 7);
      }
    else
      {
        remora_add_uint (pkt, fi, hf_flags_ae, tvb, 12, 2, flags);
        remora_add_uint (pkt, fi, hf_flags_cwr, tvb, 12, 2, flags);
        remora_add_uint (pkt, fi, hf_flags_ece, tvb, 12, 2, flags);
      }
    remora_add_uint (pkt, fi, hf_flags_urg, tvb, 12, 2, flags);
    remora_add_uint (pkt, fi, hf_flags_ack, tvb, 12, 2, flags);
    remora_add_uint (pkt, fi, hf_flags_push, tvb, 12, 2, flags);
    remora_add_uint (pkt, fi, hf_flags_reset, tvb, 12, 2, flags);
    remora_add_uint (pkt, fi, hf_flags_syn, tvb, 12, 2, flags);
    remora_add_uint (pkt, fi, hf_flags_fin, tvb, 12, 2, flags);
    if (remora_wants (pkt, hf_flags_str))
      {
        GString *s = g_string_new (NULL);
        format_flag_str (s, flags, ace);
        remora_item_set_generated (pkt, remora_add_string (pkt, fi, hf_flags_str, tvb, 12, 2, s->str, (gssize) s->len));
        g_string_free (s, TRUE);
      }
  }

  remora_add_item (pkt, tree, hf_win_value, tvb, 14, 2, REMORA_ENC_BIG_ENDIAN);
  remora_item_set_generated (pkt, remora_add_uint (pkt, tree, hf_win_size, tvb, 14, 2, win));
  if (!(flags & TH_SYN) && !in_error)
    {
      gint32 shown = scalefactor >= 0 ? (gint32) (1 << scalefactor) : scalefactor;
      it = remora_add_int (pkt, tree, hf_win_scalefactor, tvb, 14, 2, shown);
      remora_item_set_generated (pkt, it);
      if (shown == -1)
        remora_item_set_text (pkt, it, "Window size scaling factor: -1 (unknown)");
      else if (shown == -2)
        remora_item_set_text (pkt, it, "Window size scaling factor: -2 (no window scaling used)");
    }

  it = remora_add_item (pkt, tree, hf_checksum, tvb, 16, 2, REMORA_ENC_BIG_ENDIAN);
  remora_item_append_text (pkt, it, " [unverified]");
  it = remora_add_uint (pkt, tree, hf_checksum_status, tvb, 16, 2, 2);
  remora_item_set_generated (pkt, it);
  remora_item_set_text (pkt, it, "Checksum Status: Unverified");
  remora_add_item (pkt, tree, hf_urgent_pointer, tvb, 18, 2, REMORA_ENC_BIG_ENDIAN);

  if (!in_error)
    remora_col_append_info (pkt, " Len=%u", seglen);

  if (hlen > 20)
    {
      RemoraItem oi;
      ctx.options_names = pkt->tree_mode ? g_string_new (NULL) : NULL;
      oi = remora_add_item (pkt, tree, hf_options, tvb, 20, hlen - 20, REMORA_ENC_NA);
      ctx.options_item = oi;
      if (pkt->tree_mode)
        remora_item_set_text (pkt, oi, "Options: (%u bytes)", hlen - 20);
      /* Names go on the label as they are parsed, so that an option cut
       * short still leaves the ones before it named. */
      dissect_options (tvb, pkt, oi, 20, hlen, &ctx);
      if (ctx.options_names != NULL)
        {
          remora_item_append_text (pkt, oi, "%s", ctx.options_names->str);
          g_string_free (ctx.options_names, TRUE);
        }
    }

  if (!in_error && (flags & TH_SYN) && !ctx.saw_wscale && ctx.stream != NULL && !pkt->visited)
    {
      /* A SYN without the option means neither side scales (the other
       * side too, in case its SYN is missing from the capture). */
      ctx.stream->flow[0].win_scale = -2;
      ctx.stream->flow[1].win_scale = -2;
    }

  if (have_state && (pkt->tree_mode || remora_wants (pkt, hf_time_relative) || remora_wants (pkt, hf_time_delta)))
    {
      RemoraItem ts = remora_add_text (pkt, tree, tvb, 0, 0, "[Timestamps]");
      remora_item_set_generated (pkt, remora_add_time (pkt, ts, hf_time_relative, tvb, 0, 0, rel_ns));
      remora_item_set_generated (pkt, remora_add_time (pkt, ts, hf_time_delta, tvb, 0, 0, delta_ns));
    }

  if (seglen > 0 && !in_error)
    {
      RemoraTvb next;
      guint32 avail = remora_tvb_captured_remaining (tvb, hlen);
      guint16 lo = MIN (sport, dport), hi = MAX (sport, dport);

      it = remora_add_item (pkt, tree, hf_payload, tvb, hlen, MIN (avail, seglen), REMORA_ENC_NA);
      remora_item_set_text (pkt, it, "TCP payload (%u byte%s)", seglen, seglen == 1 ? "" : "s");
      remora_tvb_subset_length (&next, tvb, hlen, seglen);
      if (!try_port (lo, &next, pkt, parent) && (lo == hi || !try_port (hi, &next, pkt, parent)))
        remora_call_dissector_guarded (data_handle, &next, pkt, parent, NULL);
    }
  return (int) reported;
}

void
remora_register_tcp (void)
{
  proto_tcp = remora_proto_register ("Transmission Control Protocol", "TCP", "tcp");
  remora_fields_register (proto_tcp, tcp_fields, G_N_ELEMENTS (tcp_fields));
  /* Options are protocols in Wireshark's registry (tcp.options.mss is a
   * filterable name of its own), so they are here too. */
  proto_opt_nop = remora_proto_register ("TCP Option - No-Operation (NOP)", "NOP", "tcp.options.nop");
  proto_opt_eol = remora_proto_register ("TCP Option - End of Option List (EOL)", "EOL", "tcp.options.eol");
  proto_opt_ts = remora_proto_register ("TCP Option - Timestamps", "Timestamps", "tcp.options.timestamp");
  proto_opt_mss = remora_proto_register ("TCP Option - Maximum segment size", "MSS", "tcp.options.mss");
  proto_opt_ws = remora_proto_register ("TCP Option - Window scale", "WS", "tcp.options.wscale");
  proto_opt_sack_perm = remora_proto_register ("TCP Option - SACK permitted", "SACK_PERM", "tcp.options.sack_perm");
  proto_opt_sack = remora_proto_register ("TCP Option - SACK", "SACK", "tcp.options.sack");
  proto_opt_tfo = remora_proto_register ("TCP Option - TCP Fast Open", "TFO", "tcp.options.tfo");
  proto_opt_accecn = remora_proto_register ("TCP Option - Accurate ECN", "AccECN", "tcp.options.acc_ecn");
  proto_opt_exp = remora_proto_register ("TCP Option - Experimental", "Experimental", "tcp.options.experimental");
  proto_opt_unknown = remora_proto_register ("TCP Option - Unknown", "Unknown", "tcp.options.unknown");
  proto_opt_mptcp = remora_proto_register ("Multipath Transmission Control Protocol", "MPTCP", "mptcp");
  remora_dissector_register ("tcp", proto_tcp, dissect_tcp);
  remora_pref_register_bool ("tcp.relative_sequence_numbers", &pref_relative_seq,
                             "Show sequence and acknowledgment numbers relative to the first in each direction");
  remora_pref_register_bool ("tcp.check_checksum", &pref_check_checksum,
                             "Verify the TCP checksum when possible (not implemented yet: always unverified)");
}

void
remora_handoff_tcp (void)
{
  remora_table_add_uint ("ip.proto", 6, remora_dissector_find ("tcp"));
  data_handle = remora_dissector_find ("data");
}
