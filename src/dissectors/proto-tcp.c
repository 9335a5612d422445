/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-tcp"

#include "config.h"

#include "remora-dissectors.h"
#include "remora-tcp-conversation.h"

#include <stdlib.h>
#include <string.h>

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
static int hf_analysis, hf_a_flags, hf_a_acks_frame, hf_a_ack_rtt, hf_a_first_rtt, hf_a_bif, hf_a_push_bytes;
static int hf_a_retrans, hf_a_fast_retrans, hf_a_spurious, hf_a_ooo, hf_a_lost, hf_a_ack_lost;
static int hf_a_dup_ack, hf_a_dup_ack_num, hf_a_dup_ack_frame, hf_a_zero_window, hf_a_zwp, hf_a_zwp_ack;
static int hf_a_window_update, hf_a_window_full, hf_a_keep_alive, hf_a_keep_alive_ack, hf_a_reused;
static int hf_a_rto, hf_a_rto_frame;
static int hf_segments, hf_segment, hf_segment_count, hf_reassembled_in, hf_reassembled_length;
static int hf_reassembled_data, hf_segment_data, hf_segment_overlap, hf_segment_overlap_conflict;

static int proto_opt_nop, proto_opt_eol, proto_opt_ts, proto_opt_mss, proto_opt_ws;
static int proto_opt_sack_perm, proto_opt_sack, proto_opt_tfo, proto_opt_accecn;
static int proto_opt_exp, proto_opt_unknown, proto_opt_mptcp;

static gboolean pref_relative_seq = TRUE;
static gboolean pref_check_checksum = FALSE;
static gboolean pref_analyze_seq = TRUE;
static gboolean pref_desegment = TRUE;

/* Timestamps come from the file and may be anything: a difference that
 * does not fit is clamped (symmetrically) instead of overflowing. */
static gint64
time_diff_ns (gint64 a,
              gint64 b)
{
  gint64 d;

  if (__builtin_sub_overflow (a, b, &d))
    return a < b ? -G_MAXINT64 : G_MAXINT64;
  return d == G_MININT64 ? -G_MAXINT64 : d;
}

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
  { &hf_analysis, { "SEQ/ACK analysis", "tcp.analysis", REMORA_FT_NONE, REMORA_BASE_NONE, NULL, 0,
                    "This frame has some of the TCP analysis shown" } },
  { &hf_a_flags, { "TCP Analysis Flags", "tcp.analysis.flags", REMORA_FT_NONE, REMORA_BASE_NONE, NULL, 0,
                   "This frame has some of the TCP analysis flags set" } },
  { &hf_a_acks_frame, { "This is an ACK to the segment in frame", "tcp.analysis.acks_frame", REMORA_FT_FRAMENUM,
                        REMORA_BASE_NONE, NULL, 0, "Which previous segment is this an ACK for" } },
  { &hf_a_ack_rtt, { "The RTT to ACK the segment was", "tcp.analysis.ack_rtt", REMORA_FT_RELATIVE_TIME,
                     REMORA_BASE_NONE, NULL, 0, "How long time it took to ACK the segment (RTT)" } },
  { &hf_a_first_rtt, { "iRTT", "tcp.analysis.initial_rtt", REMORA_FT_RELATIVE_TIME, REMORA_BASE_NONE, NULL, 0,
                       "How long it took for the SYN to ACK handshake (iRTT)" } },
  { &hf_a_bif, { "Bytes in flight", "tcp.analysis.bytes_in_flight", REMORA_FT_UINT32, REMORA_BASE_DEC, NULL, 0,
                 "How many bytes are now in flight for this connection" } },
  { &hf_a_push_bytes, { "Bytes sent since last PSH flag", "tcp.analysis.push_bytes_sent", REMORA_FT_UINT32,
                        REMORA_BASE_DEC, NULL, 0, "How many bytes have been sent since the last PSH flag" } },
  { &hf_a_retrans, { "This frame is a (suspected) retransmission", "tcp.analysis.retransmission", REMORA_FT_NONE,
                     REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_a_fast_retrans, { "This frame is a (suspected) fast retransmission", "tcp.analysis.fast_retransmission",
                          REMORA_FT_NONE, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_a_spurious, { "This frame is a (suspected) spurious retransmission", "tcp.analysis.spurious_retransmission",
                      REMORA_FT_NONE, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_a_ooo, { "This frame is a (suspected) out-of-order segment", "tcp.analysis.out_of_order", REMORA_FT_NONE,
                 REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_a_lost, { "Previous segment(s) not captured (common at capture start)", "tcp.analysis.lost_segment",
                  REMORA_FT_NONE, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_a_ack_lost, { "ACKed segment that wasn't captured (common at capture start)", "tcp.analysis.ack_lost_segment",
                      REMORA_FT_NONE, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_a_dup_ack, { "Duplicate ACK", "tcp.analysis.duplicate_ack", REMORA_FT_NONE, REMORA_BASE_NONE, NULL, 0,
                     "This is a duplicate ACK" } },
  { &hf_a_dup_ack_num, { "Duplicate ACK #", "tcp.analysis.duplicate_ack_num", REMORA_FT_UINT32, REMORA_BASE_DEC,
                         NULL, 0, "This is duplicate ACK number #" } },
  { &hf_a_dup_ack_frame, { "Duplicate to the ACK in frame", "tcp.analysis.duplicate_ack_frame", REMORA_FT_FRAMENUM,
                           REMORA_BASE_NONE, NULL, 0, "This is a duplicate to the ACK in frame #" } },
  { &hf_a_zero_window, { "TCP Zero Window segment", "tcp.analysis.zero_window", REMORA_FT_NONE, REMORA_BASE_NONE,
                         NULL, 0, NULL } },
  { &hf_a_zwp, { "TCP Zero Window Probe", "tcp.analysis.zero_window_probe", REMORA_FT_NONE, REMORA_BASE_NONE,
                 NULL, 0, NULL } },
  { &hf_a_zwp_ack, { "ACK to a TCP Zero Window Probe", "tcp.analysis.zero_window_probe_ack", REMORA_FT_NONE,
                     REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_a_window_update, { "TCP window update", "tcp.analysis.window_update", REMORA_FT_NONE, REMORA_BASE_NONE,
                           NULL, 0, NULL } },
  { &hf_a_window_full, { "TCP window specified by the receiver is now completely full", "tcp.analysis.window_full",
                         REMORA_FT_NONE, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_a_keep_alive, { "TCP keep-alive segment", "tcp.analysis.keep_alive", REMORA_FT_NONE, REMORA_BASE_NONE,
                        NULL, 0, NULL } },
  { &hf_a_keep_alive_ack, { "ACK to a TCP keep-alive segment", "tcp.analysis.keep_alive_ack", REMORA_FT_NONE,
                            REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_a_reused, { "A new tcp session is started with the same ports as an earlier session in this trace",
                    "tcp.analysis.reused_ports", REMORA_FT_NONE, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_a_rto, { "The RTO for this segment was", "tcp.analysis.rto", REMORA_FT_RELATIVE_TIME, REMORA_BASE_NONE,
                 NULL, 0, "How long transmission was delayed before this segment was retransmitted (RTO)" } },
  { &hf_a_rto_frame, { "RTO based on delta from frame", "tcp.analysis.rto_frame", REMORA_FT_FRAMENUM,
                       REMORA_BASE_NONE, NULL, 0, "This is the frame we measure the RTO from" } },
  { &hf_segments, { "Reassembled TCP Segments", "tcp.segments", REMORA_FT_NONE, REMORA_BASE_NONE, NULL, 0,
                    "TCP Segments" } },
  { &hf_segment, { "TCP Segment", "tcp.segment", REMORA_FT_FRAMENUM, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_segment_count, { "Segment count", "tcp.segment.count", REMORA_FT_UINT32, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_segment_overlap, { "Segment overlap", "tcp.segment.overlap", REMORA_FT_BOOLEAN, REMORA_BASE_NONE, NULL, 0,
                           "Segment overlaps with other segments" } },
  { &hf_segment_overlap_conflict, { "Conflicting data in segment overlap", "tcp.segment.overlap.conflict",
                                    REMORA_FT_BOOLEAN, REMORA_BASE_NONE, NULL, 0,
                                    "Overlapping segments contained conflicting data" } },
  { &hf_reassembled_in, { "Reassembled PDU in frame", "tcp.reassembled_in", REMORA_FT_FRAMENUM, REMORA_BASE_NONE,
                          NULL, 0, "The PDU that doesn't end in this segment is reassembled in this frame" } },
  { &hf_reassembled_length, { "Reassembled TCP length", "tcp.reassembled.length", REMORA_FT_UINT32, REMORA_BASE_DEC,
                              NULL, 0, "The total length of the reassembled payload" } },
  { &hf_reassembled_data, { "Reassembled TCP Data", "tcp.reassembled.data", REMORA_FT_BYTES, REMORA_BASE_NONE,
                            NULL, 0, "The reassembled payload" } },
  { &hf_segment_data, { "TCP segment data", "tcp.segment_data", REMORA_FT_BYTES, REMORA_BASE_NONE, NULL, 0,
                        "A data segment used in reassembly of a lower-level protocol" } },
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

/* ---- sequence analysis (Wireshark's rules and order of checks) ---- */

#define SEQ_LT(a, b) ((gint32) ((guint32) (a) - (guint32) (b)) < 0)
#define SEQ_GT(a, b) ((gint32) ((guint32) (a) - (guint32) (b)) > 0)
#define SEQ_LE(a, b) ((gint32) ((guint32) (a) - (guint32) (b)) <= 0)

#define MS(n) ((gint64) (n) * 1000000)

static void
analyze_sequence (RemoraTcpState    *state,
                  RemoraTcpStream   *s,
                  guint              dir,
                  guint32            frame,
                  gint64             now,
                  guint32            seq,
                  guint32            ack,
                  guint32            seglen,
                  guint16            flags,
                  guint32            window,
                  gboolean           reused,
                  RemoraTcpAnalysis *ta)
{
  RemoraTcpFlow *fwd = &s->flow[dir], *rev = &s->flow[1 - dir];
  const guint16 sfr = TH_SYN | TH_FIN | TH_RST;
  guint32 af = 0, nextseq, ackcount = 0;

  if (reused)
    af |= REMORA_TCP_A_REUSED_PORTS;

  /* A probe is one byte at the next sequence number into a closed window. */
  if (seglen == 1 && seq == fwd->nextseq && rev->window == 0)
    {
      af |= REMORA_TCP_A_ZERO_WINDOW_PROBE;
      goto finished_fwd;
    }
  if (window == 0 && !(flags & sfr))
    af |= REMORA_TCP_A_ZERO_WINDOW;
  if (fwd->nextseq != 0 && SEQ_GT (seq, fwd->nextseq) && !(flags & TH_RST))
    {
      af |= REMORA_TCP_A_LOST_PACKET;
      fwd->valid_bif = 0;
    }
  if (seglen <= 1 && seq + 1 == fwd->nextseq && !(flags & sfr))
    af |= REMORA_TCP_A_KEEP_ALIVE;
  if (seglen == 0 && window != 0 && window != fwd->window && seq == fwd->nextseq &&
      ack == fwd->lastack && !(flags & sfr))
    af |= REMORA_TCP_A_WINDOW_UPDATE;
  if (seglen > 0 && rev->win_scale != -1 && !(flags & sfr) &&
      seq + seglen == rev->lastack + (rev->window << (rev->win_scale > 0 ? rev->win_scale : 0)))
    af |= REMORA_TCP_A_WINDOW_FULL;
  if (seglen == 0 && window != 0 && window == fwd->window && seq == fwd->nextseq &&
      ack == fwd->lastack && (rev->lastsegmentflags & REMORA_TCP_A_KEEP_ALIVE) && !(flags & sfr))
    {
      af |= REMORA_TCP_A_KEEP_ALIVE_ACK;
      goto finished_fwd;
    }
  if (seglen == 0 && window == 0 && window == fwd->window && seq == fwd->nextseq &&
      (ack == fwd->lastack || ack == fwd->lastack + 1) &&
      (rev->lastsegmentflags & REMORA_TCP_A_ZERO_WINDOW_PROBE) && !(flags & sfr))
    {
      af |= REMORA_TCP_A_ZERO_WINDOW_PROBE_ACK;
      goto finished_fwd;
    }
  if (seglen == 0 && window != 0 && window == fwd->window && seq == fwd->nextseq &&
      ack == fwd->lastack && !(flags & sfr))
    {
      fwd->dupacknum++;
      af |= REMORA_TCP_A_DUPLICATE_ACK;
      ta->dupack_num = fwd->dupacknum;
      ta->dupack_frame = fwd->lastnondupack;
    }

finished_fwd:
  /* tshark numbers a duplicate of the ACK after a SYN "0#1": the SYN is
   * not the ACK it duplicates. */
  if (!(af & REMORA_TCP_A_DUPLICATE_ACK) && !(flags & TH_SYN))
    {
      fwd->lastnondupack = frame;
      fwd->dupacknum = 0;
    }
  if (rev->maxseqtobeacked != 0 && SEQ_GT (ack, rev->maxseqtobeacked) && (flags & TH_ACK))
    {
      af |= REMORA_TCP_A_ACK_LOST_PACKET;
      rev->maxseqtobeacked = rev->nextseq;
    }

  if ((seglen > 0 || (flags & (TH_SYN | TH_FIN))) && !(af & REMORA_TCP_A_KEEP_ALIVE))
    {
      gboolean not_advanced = fwd->nextseq != 0 && SEQ_LT (seq, fwd->nextseq);
      gint64 thres = s->first_rtt_ns != 0 ? s->first_rtt_ns : MS (3);

      if (not_advanced && rev->dupacknum >= 2 && rev->lastack == seq && time_diff_ns (now, rev->lastack_ts_ns) < MS (20))
        af |= REMORA_TCP_A_FAST_RETRANSMISSION;
      else if (not_advanced && time_diff_ns (now, fwd->nextseq_ts_ns) < thres &&
               fwd->nextseq != seq + seglen + ((flags & (TH_SYN | TH_FIN)) ? 1 : 0))
        af |= REMORA_TCP_A_OUT_OF_ORDER;
      else if (not_advanced && rev->lastack != 0 && SEQ_LE (seq + seglen, rev->lastack))
        af |= REMORA_TCP_A_SPURIOUS_RETRANSMISSION;
      else if (not_advanced)
        {
          af |= REMORA_TCP_A_RETRANSMISSION;
          ta->rto_ns = time_diff_ns (now, fwd->nextseq_ts_ns);
          ta->rto_frame = fwd->nextseq_frame;
        }
    }

  nextseq = seq + seglen + ((flags & (TH_SYN | TH_FIN)) ? 1 : 0);
  if (seglen > 0 || (flags & (TH_SYN | TH_FIN)))
    {
      RemoraTcpUnacked u = { frame, seq, nextseq, now };
      remora_tcp_flow_add_unacked (state, fwd, &u);
    }
  /* A probe does not move the edge: the receiver drops its byte. */
  if ((SEQ_GT (nextseq, fwd->nextseq) || fwd->nextseq == 0) && !(af & REMORA_TCP_A_ZERO_WINDOW_PROBE))
    {
      fwd->nextseq = nextseq;
      fwd->nextseq_frame = frame;
      fwd->nextseq_ts_ns = now;
    }
  if ((seq == fwd->maxseqtobeacked || fwd->maxseqtobeacked == 0) && !(af & REMORA_TCP_A_ZERO_WINDOW_PROBE))
    fwd->maxseqtobeacked = fwd->nextseq;
  fwd->window = window;
  fwd->lastack = ack;
  fwd->lastack_ts_ns = now;
  fwd->lastsegmentflags = af;

  /* Segments of the other direction this ACK covers.  When several end
   * where it points (a segment and its retransmission), the ACK is
   * credited to the oldest, as Wireshark does. */
  for (guint32 i = 0; i < rev->n_unacked;)
    {
      RemoraTcpUnacked *u = &rev->unacked[i];

      if (ack == u->nextseq)
        {
          if (ta->acks_frame == 0 || u->frame < ta->acks_frame)
            {
              ta->acks_frame = u->frame;
              ta->ack_rtt_ns = time_diff_ns (now, u->ts_ns);
            }
        }
      else if (SEQ_GT (ack, u->seq) && SEQ_LE (ack, u->nextseq))
        {
          u->seq = ack;
          i++;
          continue;
        }
      else if (SEQ_GT (u->nextseq, ack))
        {
          i++;
          continue;
        }
      ackcount++;
      remora_tcp_flow_remove_unacked (state, rev, i);
    }
  if (ackcount > 0)
    rev->valid_bif = 1;

  if (seglen != 0 && fwd->n_unacked > 0 && fwd->valid_bif)
    {
      guint32 ref = fwd->unacked[0].seq;
      gint64 first = 0, last = (gint32) (fwd->unacked[0].nextseq - ref);
      gint64 in_flight;

      for (guint32 i = 1; i < fwd->n_unacked; i++)
        {
          first = MIN (first, (gint64) (gint32) (fwd->unacked[i].seq - ref));
          last = MAX (last, (gint64) (gint32) (fwd->unacked[i].nextseq - ref));
        }
      in_flight = last - first;
      if (in_flight > 0 && in_flight < 2000000000)
        ta->bytes_in_flight = (guint32) in_flight;
      if (flags & TH_PSH)
        {
          fwd->push_bytes_sent = fwd->push_set_last ? seglen : fwd->push_bytes_sent + seglen;
          fwd->push_set_last = TRUE;
        }
      else if (fwd->push_set_last)
        {
          fwd->push_bytes_sent = seglen;
          fwd->push_set_last = FALSE;
        }
      else
        fwd->push_bytes_sent += seglen;
      ta->push_bytes_sent = fwd->push_bytes_sent;
    }

  ta->flags = af;
  ta->first_rtt_ns = s->first_rtt_ns;
  ta->present = af != 0 || ta->acks_frame != 0 || ta->bytes_in_flight != 0;
}

/* An expert note that is also a filterable field (tcp.analysis.*), as
 * Wireshark's expert infos are. */
static RemoraItem
add_expert_field (RemoraPacket    *pkt,
                  RemoraItem       parent,
                  int              hf,
                  const RemoraTvb *tvb,
                  const char      *severity,
                  const char      *message)
{
  RemoraItem it = remora_add_item_format (pkt, parent, hf, tvb, 0, 0, "Expert Info (%s/Sequence): %s",
                                          severity, message);

  if (it != 0 && pkt->tree_mode)
    {
      ((RemoraNode *) remora_packet_get_node (pkt, it))->flags |= REMORA_NODE_GENERATED | REMORA_NODE_EXPERT;
      remora_item_set_generated (pkt, remora_add_text (pkt, it, tvb, 0, 0, "%s", message));
      remora_item_set_generated (pkt, remora_add_text (pkt, it, tvb, 0, 0, "Severity level: %s", severity));
      remora_item_set_generated (pkt, remora_add_text (pkt, it, tvb, 0, 0, "Group: Sequence"));
    }
  return it;
}

/* Wireshark's col_prepend_fence: the note stays when an upper layer
 * rewrites the column. */
static void
col_prepend_fence (RemoraPacket *pkt,
                   const char   *text)
{
  gsize len;

  if (!pkt->want_columns || pkt->in_error_pkt)
    return;
  len = strlen (text);
  g_string_prepend (pkt->col_info, text);
  pkt->col_info_fence = pkt->col_info_fence > 0 ? pkt->col_info_fence + len : len;
}

static void
show_analysis (RemoraPacket            *pkt,
               RemoraItem               tree,
               const RemoraTvb         *tvb,
               const RemoraTcpAnalysis *ta)
{
  static const struct {
    guint32     flag;
    int        *hf;
    const char *severity;
    const char *info;
  } notes[] = {
    { REMORA_TCP_A_REUSED_PORTS, &hf_a_reused, "Note", "[TCP Port numbers reused] " },
    { REMORA_TCP_A_LOST_PACKET, &hf_a_lost, "Warning", "[TCP Previous segment not captured] " },
    { REMORA_TCP_A_ACK_LOST_PACKET, &hf_a_ack_lost, "Warning", "[TCP ACKed unseen segment] " },
    { REMORA_TCP_A_KEEP_ALIVE, &hf_a_keep_alive, "Note", "[TCP Keep-Alive] " },
    { REMORA_TCP_A_WINDOW_UPDATE, &hf_a_window_update, "Chat", "[TCP Window Update] " },
    { REMORA_TCP_A_WINDOW_FULL, &hf_a_window_full, "Warning", "[TCP Window Full] " },
    { REMORA_TCP_A_KEEP_ALIVE_ACK, &hf_a_keep_alive_ack, "Note", "[TCP Keep-Alive ACK] " },
    { REMORA_TCP_A_RETRANSMISSION, &hf_a_retrans, "Note", "[TCP Retransmission] " },
    { REMORA_TCP_A_FAST_RETRANSMISSION, &hf_a_fast_retrans, "Note", "[TCP Fast Retransmission] " },
    { REMORA_TCP_A_SPURIOUS_RETRANSMISSION, &hf_a_spurious, "Note", "[TCP Spurious Retransmission] " },
    { REMORA_TCP_A_OUT_OF_ORDER, &hf_a_ooo, "Warning", "[TCP Out-Of-Order] " },
    { REMORA_TCP_A_ZERO_WINDOW_PROBE, &hf_a_zwp, "Note", "[TCP ZeroWindowProbe] " },
    { REMORA_TCP_A_ZERO_WINDOW, &hf_a_zero_window, "Warning", "[TCP ZeroWindow] " },
    { REMORA_TCP_A_ZERO_WINDOW_PROBE_ACK, &hf_a_zwp_ack, "Note", "[TCP ZeroWindowProbeAck] " },
  };
  RemoraItem at, ft, it;

  if (!ta->present)
    return;
  at = remora_add_item (pkt, tree, hf_analysis, tvb, 0, 0, REMORA_ENC_NA);
  remora_item_set_generated (pkt, at);
  if (ta->acks_frame != 0)
    {
      remora_item_set_generated (pkt, remora_add_uint (pkt, at, hf_a_acks_frame, tvb, 0, 0, ta->acks_frame));
      if (ta->ack_rtt_ns != 0)
        remora_item_set_generated (pkt, remora_add_time (pkt, at, hf_a_ack_rtt, tvb, 0, 0, ta->ack_rtt_ns));
    }
  if (ta->first_rtt_ns != 0)
    remora_item_set_generated (pkt, remora_add_time (pkt, at, hf_a_first_rtt, tvb, 0, 0, ta->first_rtt_ns));
  if (ta->bytes_in_flight != 0)
    {
      remora_item_set_generated (pkt, remora_add_uint (pkt, at, hf_a_bif, tvb, 0, 0, ta->bytes_in_flight));
      remora_item_set_generated (pkt, remora_add_uint (pkt, at, hf_a_push_bytes, tvb, 0, 0, ta->push_bytes_sent));
    }
  if (ta->flags == 0)
    return;

  ft = remora_add_item (pkt, at, hf_a_flags, tvb, 0, 0, REMORA_ENC_NA);
  remora_item_set_generated (pkt, ft);
  for (guint i = 0; i < G_N_ELEMENTS (notes); i++)
    {
      if (!(ta->flags & notes[i].flag))
        continue;
      add_expert_field (pkt, ft, *notes[i].hf, tvb, notes[i].severity,
                        remora_field_get (*notes[i].hf)->name);
      /* The two special retransmissions are retransmissions too. */
      if (notes[i].flag & (REMORA_TCP_A_FAST_RETRANSMISSION | REMORA_TCP_A_SPURIOUS_RETRANSMISSION))
        add_expert_field (pkt, ft, hf_a_retrans, tvb, "Note", remora_field_get (hf_a_retrans)->name);
      if (notes[i].flag == REMORA_TCP_A_RETRANSMISSION && ta->rto_ns != 0)
        {
          remora_item_set_generated (pkt, remora_add_time (pkt, ft, hf_a_rto, tvb, 0, 0, ta->rto_ns));
          remora_item_set_generated (pkt, remora_add_uint (pkt, ft, hf_a_rto_frame, tvb, 0, 0, ta->rto_frame));
        }
      col_prepend_fence (pkt, notes[i].info);
    }
  if ((ta->flags & REMORA_TCP_A_DUPLICATE_ACK) && ta->dupack_num != 0)
    {
      it = remora_add_item_format (pkt, ft, hf_a_dup_ack, tvb, 0, 0, "This is a TCP duplicate ack");
      remora_item_set_generated (pkt, it);
      if (pkt->want_columns && !pkt->in_error_pkt)
        {
          char buf[64];
          g_snprintf (buf, sizeof buf, "[TCP Dup ACK %u#%u] ", ta->dupack_frame, ta->dupack_num);
          col_prepend_fence (pkt, buf);
        }
      remora_item_set_generated (pkt, remora_add_uint (pkt, at, hf_a_dup_ack_num, tvb, 0, 0, ta->dupack_num));
      it = remora_add_uint (pkt, at, hf_a_dup_ack_frame, tvb, 0, 0, ta->dupack_frame);
      remora_item_set_generated (pkt, it);
      if (remora_wants (pkt, hf_a_dup_ack))
        {
          char msg[64];
          g_snprintf (msg, sizeof msg, "Duplicate ACK (#%u)", ta->dupack_num);
          add_expert_field (pkt, it, hf_a_dup_ack, tvb, "Note", msg);
        }
    }
}

/* ---- payload hand-off and reassembly ---- */

static RemoraDissector *data_handle;

/* Payload handoff: a bounds error inside the payload's dissector is
 * caught there, so the TCP tree above it stays whole. */
static int
try_port (guint16          port,
          const RemoraTvb *tvb,
          RemoraPacket    *pkt,
          RemoraItem       tree)
{
  RemoraDissector *d = remora_table_lookup_uint ("tcp.port", port);

  return d != NULL ? remora_call_dissector_guarded (d, tvb, pkt, tree, NULL) : 0;
}

typedef struct {
  RemoraPacket      *pkt;
  RemoraTcpState    *state;
  RemoraTcpFlow     *flow;        /* NULL: no stream state (reassembly off) */
  RemoraItem         parent;      /* where the payload's layers go */
  RemoraItem         tcp_tree;
  guint16            lo, hi;      /* ports, the lower tried first */
  guint16            flags;
  guint32            seq;         /* raw */
  guint32            seglen;
  guint32            frame;
  guint8             occurrence;
  guint32            a_flags;
  RemoraTcpRecord   *rec;         /* first pass: the frame's open record (NULL: none kept);
                                   * again: what the first pass recorded, or NULL */
  const RemoraTvb   *tcp_tvb;     /* for notes without bytes of their own */
} PayloadCtx;

/* Where LEN bytes at P sit in the frame's captured bytes: a PDU made of
 * such pieces can be rebuilt from the frames instead of copied. */
static guint32
frame_offset_of (const RemoraPacket *pkt,
                 const guint8       *p,
                 guint32             len)
{
  guintptr at = (guintptr) p, base = (guintptr) pkt->frame->data;

  if (p == NULL || pkt->frame->data == NULL || at < base || at - base > pkt->frame->cap_len ||
      len > pkt->frame->cap_len - (at - base))
    return REMORA_TCP_NOT_IN_FRAME;
  return (guint32) (at - base);
}

/* This frame's bytes went to pending PDU ID at [START, END). */
static void
note_piece (RemoraTcpRecord *rec,
            guint32          id,
            guint32          start,
            guint32          end)
{
  rec->pdu_id = id;
  rec->piece_start = start;
  rec->piece_end = end;
}

/* Calls the payload's dissector once; the layers of a dissector that only
 * asked for more data are dropped, as Wireshark lists none for it. */
static int
call_payload (PayloadCtx      *c,
              const RemoraTvb *tvb,
              gboolean         can_desegment)
{
  RemoraPacket *pkt = c->pkt;
  guint saved_layers = pkt->n_layers;
  int r;

  pkt->can_desegment = can_desegment;
  pkt->desegment_offset = 0;
  pkt->desegment_len = 0;
  r = try_port (c->lo, tvb, pkt, c->parent);
  if (r == 0 && c->lo != c->hi)
    r = try_port (c->hi, tvb, pkt, c->parent);
  if (r == 0)
    r = remora_heur_try ("tcp", tvb, pkt, c->parent, NULL);
  if (r == 0)
    r = remora_call_dissector_guarded (data_handle, tvb, pkt, c->parent, NULL);
  pkt->can_desegment = FALSE;
  if (!can_desegment)
    pkt->desegment_len = 0;
  if (pkt->desegment_len != 0 && pkt->desegment_offset == 0)
    pkt->n_layers = saved_layers;
  return r;
}

static void
add_segment_data (PayloadCtx      *c,
                  const RemoraTvb *tvb,
                  guint32          offset,
                  guint32          length)
{
  RemoraItem it;

  if (length == 0)
    return;
  it = remora_add_item (c->pkt, c->tcp_tree, hf_segment_data, tvb, offset,
                        MIN (length, remora_tvb_captured_remaining (tvb, offset)), REMORA_ENC_NA);
  remora_item_set_text (c->pkt, it, "TCP segment data (%u byte%s)", length, length == 1 ? "" : "s");
}

static void
add_deseg_suffix (PayloadCtx *c)
{
  remora_col_set_protocol (c->pkt, "TCP");
  remora_col_append_sep_info (c->pkt, " ", "[TCP segment of a reassembled PDU]");
}

static int
piece_cmp (gconstpointer a, gconstpointer b)
{
  const RemoraTcpPiece *x = a, *y = b;

  if (x->offset != y->offset)
    return x->offset < y->offset ? -1 : 1;
  return x->frame < y->frame ? -1 : x->frame > y->frame;
}

/* The "[N Reassembled TCP Segments (L bytes): #6(1448), ...]" tree and the
 * second data source; returns FALSE when the bytes are gone. */
static gboolean
show_reassembled (PayloadCtx           *c,
                  const guint8         *data,
                  guint32               len,
                  const RemoraTcpPiece *pieces,
                  guint32               n_pieces,
                  guint8                bits,
                  RemoraTvb            *out)
{
  RemoraPacket *pkt = c->pkt;
  RemoraItem st, it;
  char name[64];

  if (data == NULL)
    {
      remora_add_text (pkt, c->parent, c->tcp_tvb, 0, 0, "[Reassembly data no longer available]");
      return FALSE;
    }
  g_snprintf (name, sizeof name, "Reassembled TCP (%u bytes)", len);
  remora_packet_add_source (pkt, remora_packet_strndup (pkt, name, strlen (name)), data, len, out);
  st = remora_add_item (pkt, c->parent, hf_segments, out, 0, len, REMORA_ENC_NA);
  remora_item_set_generated (pkt, st);
  if (pkt->tree_mode)
    {
      GString *label = g_string_new (NULL);
      g_string_printf (label, "%u Reassembled TCP Segments (%u bytes): ", n_pieces, len);
      for (guint32 i = 0; i < n_pieces && i < 64; i++)
        g_string_append_printf (label, "%s#%u(%u)", i ? ", " : "", pieces[i].frame, pieces[i].length);
      if (n_pieces > 64)
        g_string_append (label, "\xe2\x80\xa6");
      remora_item_set_text (pkt, st, "%s", label->str);
      g_string_free (label, TRUE);
    }
  for (guint32 i = 0; i < n_pieces; i++)
    {
      it = remora_add_uint (pkt, st, hf_segment, out, pieces[i].offset, pieces[i].length, pieces[i].frame);
      remora_item_set_generated (pkt, it);
      remora_item_set_text (pkt, it, "Frame: %u, payload: %u-%u (%u byte%s)", pieces[i].frame, pieces[i].offset,
                            pieces[i].offset + pieces[i].length - 1, pieces[i].length,
                            pieces[i].length == 1 ? "" : "s");
    }
  if (bits & REMORA_TCP_DESEG_BIT_OVERLAP)
    remora_item_set_generated (pkt, remora_add_boolean (pkt, st, hf_segment_overlap, out, 0, 0, 1));
  if (bits & REMORA_TCP_DESEG_BIT_CONFLICT)
    remora_item_set_generated (pkt, remora_add_boolean (pkt, st, hf_segment_overlap_conflict, out, 0, 0, 1));
  remora_item_set_generated (pkt, remora_add_uint (pkt, st, hf_segment_count, out, 0, 0, n_pieces));
  remora_item_set_generated (pkt, remora_add_uint (pkt, st, hf_reassembled_length, out, 0, 0, len));
  it = remora_add_item (pkt, st, hf_reassembled_data, out, 0, len, REMORA_ENC_NA);
  remora_item_set_generated (pkt, it);
  return TRUE;
}

/* The length a new pending PDU needs, from the dissector's answer. */
static void
pending_set_need (RemoraTcpPending *p,
                  guint32           have,
                  guint32           desegment_len)
{
  if (desegment_len == REMORA_DESEGMENT_ONE_MORE_SEGMENT)
    p->mode = 1;
  else if (desegment_len == REMORA_DESEGMENT_UNTIL_FIN)
    p->mode = 2;
  else
    {
      p->mode = 0;
      p->len = (guint32) MIN ((guint64) have + desegment_len, G_MAXUINT32);
    }
}

static void
drop_pending (PayloadCtx *c)
{
  RemoraTcpFlow *f = c->flow;
  RemoraTcpPending *p = f->pending;

  if (p == NULL)
    return;
  if (p->mode == 0)
    {
      f->rs_skipping = TRUE;
      f->rs_skip_end = p->seq + p->len;
    }
  remora_tcp_pending_free (c->state, p);
  f->pending = NULL;
}

static void
note_limited (PayloadCtx *c)
{
  RemoraItem it = remora_add_text (c->pkt, c->tcp_tree, c->tcp_tvb, 0, 0,
                                   "[Reassembly limit reached: PDU dropped, its segments are not reassembled]");
  remora_add_expert (c->pkt, it, c->tcp_tvb, 0, 0, "Warning", "Reassemble",
                     "Reassembly limit reached (%u MiB per stream, %u MiB in total)",
                     REMORA_TCP_PENDING_MAX_PER_STREAM >> 20, REMORA_TCP_PENDING_MAX_TOTAL >> 20);
}

/* Starts a pending PDU at payload offset D of this segment. */
static gboolean
start_pending (PayloadCtx      *c,
               const RemoraTvb *tvb,
               guint32          d,
               guint32          desegment_len)
{
  RemoraTcpFlow *f = c->flow;
  RemoraTcpPending *p;
  guint32 have = c->seglen - d;
  guint32 cap = MIN (remora_tvb_captured_remaining (tvb, d), have);
  const guint8 *data;

  if (f->pending != NULL)
    {
      remora_tcp_pending_free (c->state, f->pending);
      f->pending = NULL;
    }
  p = remora_tcp_pending_new (c->state, c->seq + d, c->frame);
  if (c->rec != NULL)
    p->id = remora_tcp_state_pdu_new (c->state, c->frame);
  pending_set_need (p, have, desegment_len);
  data = remora_tvb_get_ptr (tvb, d, cap);
  if (!remora_tcp_pending_add (c->state, p, 0, data, cap, c->frame, frame_offset_of (c->pkt, data, cap)))
    {
      f->pending = p;
      drop_pending (c);
      return FALSE;
    }
  f->pending = p;
  return TRUE;
}

/* First pass (or single pass) over one segment's payload. */
static void
payload_first_pass (PayloadCtx       *c,
                    const RemoraTvb  *tvb)
{
  RemoraPacket *pkt = c->pkt;
  RemoraTcpFlow *f = c->flow;
  RemoraTcpPending *p = f->pending;
  RemoraTcpRecord rec = { 0 };
  guint32 captured = MIN (remora_tvb_captured_remaining (tvb, 0), c->seglen);
  guint32 off = 0;
  gboolean handled_pending = FALSE;

  rec.kind = REMORA_TCP_DESEG_NORMAL;
  rec.tail_offset = c->seglen;

  if (p != NULL)
    {
      gint64 rel = (gint32) (c->seq - p->seq);       /* segment start, PDU offsets */
      gint64 seg_end = rel + c->seglen;
      gint64 pdu_end = p->mode == 0 ? (gint64) p->len : G_MAXINT64;

      if (seg_end > 0 && rel < pdu_end)
        {
          guint32 a = rel < 0 ? (guint32) -rel : 0;                      /* payload offset of PDU bytes */
          /* pdu_end may be G_MAXINT64 (a PDU that ends at FIN): compare
           * ends instead of subtracting from it. */
          guint32 b = seg_end <= pdu_end ? c->seglen : (guint32) (pdu_end - rel);
          guint32 add_end = MIN (b, captured);
          const guint8 *bytes;
          gboolean complete;
          guint32 total;

          handled_pending = TRUE;
          bytes = add_end > a ? remora_tvb_get_ptr (tvb, a, add_end - a) : NULL;
          if (add_end > a &&
              !remora_tcp_pending_add (c->state, p, (guint32) (rel + a), bytes, add_end - a, c->frame,
                                       frame_offset_of (pkt, bytes, add_end - a)))
            {
              drop_pending (c);
              note_limited (c);
              rec.kind = REMORA_TCP_DESEG_SKIPPED;
              rec.bits |= REMORA_TCP_DESEG_BIT_LIMITED;
              goto done;
            }
          if (p->mode == 0)
            total = p->len;
          else
            total = (guint32) (rel + b);
          complete = remora_tcp_pending_complete (p, total) && (p->mode != 2 || (c->flags & TH_FIN));

          if (!complete)
            {
              add_segment_data (c, tvb, a, c->seglen - a);
              rec.kind = a == 0 ? REMORA_TCP_DESEG_MIDDLE : REMORA_TCP_DESEG_NORMAL;
              rec.tail_offset = a;
              if (add_end > a)
                note_piece (&rec, p->id, (guint32) (rel + a), (guint32) (rel + add_end));
              rec.bits |= REMORA_TCP_DESEG_BIT_SUFFIX;
              add_deseg_suffix (c);
              goto done;
            }
          else
            {
              guint8 *buf = remora_packet_alloc (pkt, MAX (total, 1));
              RemoraTcpPiece *pieces;
              guint32 n = p->pieces->len, pdu_seq = p->seq, id = p->id;
              gboolean from_frames = remora_session_has_frame_source (pkt->session);
              RemoraTvb rtvb;

              memcpy (buf, p->buf, total);
              pieces = remora_packet_alloc (pkt, MAX ((gsize) n, 1) * sizeof *pieces);
              memcpy (pieces, p->pieces->data, (gsize) n * sizeof *pieces);
              qsort (pieces, n, sizeof *pieces, piece_cmp);
              for (guint32 i = 0; i < n; i++)
                {
                  pieces[i].length = (guint32) MIN ((guint64) pieces[i].length, total - MIN (pieces[i].offset, total));
                  if (pieces[i].frame_offset == REMORA_TCP_NOT_IN_FRAME)
                    from_frames = FALSE;
                }
              if (p->overlap)
                rec.bits |= REMORA_TCP_DESEG_BIT_OVERLAP;
              if (p->conflict)
                rec.bits |= REMORA_TCP_DESEG_BIT_CONFLICT;
              remora_tcp_pending_free (c->state, p);
              f->pending = NULL;
              if (c->rec != NULL)
                {
                  remora_tcp_state_keep_pdu (c->state, c->frame, c->occurrence, buf, total, pieces, n, from_frames);
                  rec.has_pdu = TRUE;
                }
              rec.head_len = b;
              add_segment_data (c, tvb, a, b - a);
              show_reassembled (c, buf, total, pieces, n, rec.bits, &rtvb);
              call_payload (c, &rtvb, TRUE);
              if (pkt->desegment_len != 0 && pkt->desegment_offset < total)
                {
                  /* Still not enough: collect on from where the dissector
                   * stopped, keeping the pieces already received. */
                  guint32 d = pkt->desegment_offset;
                  RemoraTcpPending *np = remora_tcp_pending_new (c->state, pdu_seq + d, c->frame);
                  gboolean ok = TRUE, moved = FALSE;
                  guint32 moved_start = 0, moved_end = 0;

                  if (c->rec != NULL)
                    np->id = remora_tcp_state_pdu_new (c->state, c->frame);
                  remora_tcp_state_pdu_done (c->state, id, c->frame, total, np->id, d);
                  pending_set_need (np, total - d, pkt->desegment_len);
                  for (guint32 i = 0; i < n && ok; i++)
                    {
                      guint32 ps = MAX (pieces[i].offset, d), pe = pieces[i].offset + pieces[i].length;
                      guint32 fo = pieces[i].frame_offset;

                      if (pe <= ps)
                        continue;
                      if (fo != REMORA_TCP_NOT_IN_FRAME)
                        fo += ps - pieces[i].offset;
                      ok = remora_tcp_pending_add (c->state, np, ps - d, buf + ps, pe - ps, pieces[i].frame, fo);
                      if (pieces[i].frame == c->frame)
                        {
                          moved = TRUE;
                          moved_start = ps - d;
                          moved_end = pe - d;
                        }
                    }
                  if (ok && moved)
                    note_piece (&rec, np->id, moved_start, moved_end);
                  f->pending = np;
                  if (!ok)
                    {
                      drop_pending (c);
                      note_limited (c);
                      rec.bits |= REMORA_TCP_DESEG_BIT_LIMITED;
                    }
                  /* Nothing of it was dissected: like any segment of a PDU
                   * still being collected, the Info column says so. */
                  if (d == 0)
                    {
                      rec.bits |= REMORA_TCP_DESEG_BIT_SUFFIX;
                      add_deseg_suffix (c);
                    }
                  rec.tail_offset = a;
                  goto done;
                }
              remora_tcp_state_pdu_done (c->state, id, c->frame, total, 0, 0);
              off = b;
            }
        }
    }

  if (!handled_pending)
    {
      /* Wireshark hands no retransmitted or out-of-order data to the
       * payload's dissector: it would see a PDU twice or out of place. */
      if (c->a_flags & (REMORA_TCP_A_RETRANSMISSION | REMORA_TCP_A_SPURIOUS_RETRANSMISSION |
                        REMORA_TCP_A_OUT_OF_ORDER))
        {
          rec.kind = REMORA_TCP_DESEG_SKIPPED;
          goto done;
        }
      if (f->rs_skipping)
        {
          if (SEQ_LT (c->seq, f->rs_skip_end))
            {
              add_segment_data (c, tvb, 0, c->seglen);
              rec.kind = REMORA_TCP_DESEG_SKIPPED;
              goto done;
            }
          f->rs_skipping = FALSE;
        }
    }

  /* Bounded: every round consumes at least one byte of the segment. */
  for (guint rounds = 0; off < c->seglen && rounds < 4096; rounds++)
    {
      RemoraTvb sub;
      int r;

      remora_tvb_subset_length (&sub, tvb, off, c->seglen - off);
      r = call_payload (c, &sub, TRUE);
      if (pkt->desegment_len != 0)
        {
          guint32 d = off + MIN (pkt->desegment_offset, c->seglen - off);
          gboolean suffix = pkt->desegment_offset == 0;

          if (d >= c->seglen || d >= captured)
            break;
          rec.tail_offset = d;
          if (!start_pending (c, tvb, d, pkt->desegment_len))
            {
              note_limited (c);
              rec.bits |= REMORA_TCP_DESEG_BIT_LIMITED;
              break;
            }
          if (f->pending->pieces->len > 0)
            note_piece (&rec, f->pending->id, 0, g_array_index (f->pending->pieces, RemoraTcpPiece, 0).length);
          add_segment_data (c, tvb, d, c->seglen - d);
          if (suffix)
            {
              rec.bits |= REMORA_TCP_DESEG_BIT_SUFFIX;
              add_deseg_suffix (c);
            }
          break;
        }
      if (r <= 0 || (guint32) r >= c->seglen - off)
        break;
      off += (guint32) r;
    }

done:
  if (c->rec != NULL)
    {
      c->rec->kind = rec.kind;
      c->rec->bits = rec.bits;
      c->rec->has_pdu = rec.has_pdu;
      c->rec->head_len = rec.head_len;
      c->rec->tail_offset = rec.tail_offset < c->seglen ? rec.tail_offset : G_MAXUINT32;
      if (rec.pdu_id != 0 && c->rec->tail_offset != G_MAXUINT32)
        note_piece (c->rec, rec.pdu_id, rec.piece_start, rec.piece_end);
    }
}

/* A frame dissected again: replay what the first pass recorded. */
static void
payload_revisit (PayloadCtx            *c,
                 const RemoraTvb       *tvb,
                 const RemoraTcpRecord *rec)
{
  RemoraPacket *pkt = c->pkt;
  guint32 tail = rec->tail_offset < c->seglen ? rec->tail_offset : c->seglen;
  guint32 off = 0;

  if (rec->bits & REMORA_TCP_DESEG_BIT_LIMITED)
    note_limited (c);
  if (rec->kind == REMORA_TCP_DESEG_SKIPPED)
    return;
  if (rec->kind != REMORA_TCP_DESEG_MIDDLE)
    {
      if (rec->has_pdu)
        {
          const guint8 *data;
          const RemoraTcpPiece *pieces;
          guint32 len, n;
          RemoraTvb rtvb;

          if (remora_tcp_state_get_pdu (c->state, pkt, c->frame, c->occurrence, &data, &len, &pieces, &n))
            {
              add_segment_data (c, tvb, 0, rec->head_len);
              if (show_reassembled (c, data, len, pieces, n, rec->bits, &rtvb))
                call_payload (c, &rtvb, TRUE);
            }
          off = rec->head_len;
        }
      for (guint rounds = 0; off < tail && rounds < 4096; rounds++)
        {
          RemoraTvb sub;
          int r;

          remora_tvb_subset_length (&sub, tvb, off, c->seglen - off);
          r = call_payload (c, &sub, TRUE);
          if (pkt->desegment_len != 0 || r <= 0 || (guint32) r >= c->seglen - off)
            break;
          off += (guint32) r;
        }
    }
  if (tail < c->seglen)
    {
      guint32 in = rec->pdu_id != 0 ? remora_tcp_state_reassembled_in (c->state, c->frame, rec->pdu_id,
                                                                         rec->piece_start, rec->piece_end) : 0;
      if (in != 0)
        remora_item_set_generated (pkt, remora_add_uint (pkt, c->tcp_tree, hf_reassembled_in, tvb, 0, 0, in));
      add_segment_data (c, tvb, tail, c->seglen - tail);
    }
  if (rec->bits & REMORA_TCP_DESEG_BIT_SUFFIX)
    add_deseg_suffix (c);
}

static void
dissect_payload (PayloadCtx      *c,
                 const RemoraTvb *tvb)
{
  if (c->flow == NULL || !pref_desegment)
    {
      call_payload (c, tvb, FALSE);
      return;
    }
  if (c->pkt->visited)
    {
      if (c->rec != NULL && c->rec->kind != REMORA_TCP_DESEG_NONE)
        payload_revisit (c, tvb, c->rec);
      else
        call_payload (c, tvb, FALSE);
      return;
    }
  payload_first_pass (c, tvb);
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
  gboolean reused = FALSE;
  RemoraTcpAnalysis ta = { 0 };
  RemoraTcpState *state = NULL;
  RemoraTcpRecord found, *rec = NULL;
  guint8 occ = 0;

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
      RemoraConvKey key;

      state = get_state (pkt);
      occ = (guint8) MIN (pkt->n_layers, 255);

      ctx.dir = remora_conv_key_init (&key, &pkt->net_src, &pkt->net_dst, sport, dport);
      if (pkt->visited)
        {
          /* The direction follows from the addresses, as on the first pass. */
          if (remora_tcp_state_find_record (state, pkt->frame->number, occ, ctx.dir, flags, seglen, &found))
            {
              rec = &found;
              ctx.stream = remora_tcp_state_get_stream (state, rec->stream);
              scalefactor = rec->scalefactor;
              completeness = rec->completeness;
              delta_ns = rec->delta_ns;
              seq_rel = rec->seq_rel;
              ctx.ack_rel = seq_rel && (flags & TH_ACK) != 0;
              have_state = TRUE;
              if (pref_analyze_seq)
                ta = rec->analysis;
            }
        }
      else
        {
          RemoraTcpStream *s = remora_tcp_state_lookup (state, &key);
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
              s = remora_tcp_state_add (state, &key, pkt->frame->number, pkt->frame->ts_ns);
              if (reused)
                {
                  s->completeness |= COMP_SYN;
                  s->reused = TRUE;
                }
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
          delta_ns = time_diff_ns (pkt->frame->ts_ns, s->prev_ts_ns);

          ctx.stream = s;
          if (remora_session_get_will_revisit (pkt->session))
            {
              rec = remora_tcp_state_begin_record (state, pkt->frame->number, occ, ctx.dir, flags, seglen);
              rec->stream = s->index;
              rec->delta_ns = delta_ns;
              rec->completeness = completeness;
              rec->seq_rel = seq_rel;
              rec->scalefactor = (gint8) scalefactor;
            }
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
      rel_ns = time_diff_ns (pkt->frame->ts_ns, s->first_ts_ns);
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
      /* The initial RTT: from the latest SYN to the ACK that completes
       * the handshake. */
      if ((flags & (TH_SYN | TH_ACK)) == TH_SYN)
        s->mru_syn_ts_ns = pkt->frame->ts_ns;
      else if ((flags & (TH_SYN | TH_ACK)) == TH_ACK && s->mru_syn_ts_ns != 0 && s->first_rtt_ns == 0)
        s->first_rtt_ns = time_diff_ns (pkt->frame->ts_ns, s->mru_syn_ts_ns);
      if (pref_analyze_seq)
        {
          analyze_sequence (state, s, ctx.dir, pkt->frame->number, pkt->frame->ts_ns, seq_raw,
                            (flags & TH_ACK) ? ack_raw : 0, seglen, flags, win_raw, reused, &ta);
          if (ta.present && rec != NULL)
            rec->analysis = ta;
        }
      nxtseq = seq_raw + seglen + ((flags & (TH_SYN | TH_FIN)) ? 1 : 0);
      fwd->last_seq = seq_raw;
      fwd->last_nxtseq = nxtseq;
      fwd->last_ack = ack_raw;
      fwd->last_win = win_raw;
    }

  nxtseq = seq + seglen + ((flags & (TH_SYN | TH_FIN)) ? 1 : 0);

  /* the protocol node spans the header in both modes, so a filter on a
   * slice of tcp reads the same bytes whether or not a tree is built */
  remora_item_set_len (pkt, tree, hlen);
  if (pkt->tree_mode)
    {
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
    it = remora_add_uint (pkt, fi, hf_flags_reset, tvb, 12, 2, flags);
    if ((flags & TH_RST) && !in_error)
      remora_add_expert (pkt, it, tvb, 12, 2, "Warning", "Sequence", "Connection reset (RST)");
    it = remora_add_uint (pkt, fi, hf_flags_syn, tvb, 12, 2, flags);
    /* the expert notes tshark hangs under the flag bits that open, close
     * and reset a connection */
    if ((flags & TH_SYN) && !in_error)
      {
        if (flags & TH_ACK)
          remora_add_expert (pkt, it, tvb, 12, 2, "Chat", "Sequence",
                             "Connection establish acknowledge (SYN+ACK): server port %u", sport);
        else
          remora_add_expert (pkt, it, tvb, 12, 2, "Chat", "Sequence",
                             "Connection establish request (SYN): server port %u", dport);
      }
    it = remora_add_uint (pkt, fi, hf_flags_fin, tvb, 12, 2, flags);
    if ((flags & TH_FIN) && !in_error)
      remora_add_expert (pkt, it, tvb, 12, 2, "Chat", "Sequence", "Connection finish (FIN)");
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

  show_analysis (pkt, tree, tvb, &ta);

  if (seglen > 0 && !in_error)
    {
      RemoraTvb next;
      guint32 avail = remora_tvb_captured_remaining (tvb, hlen);
      PayloadCtx pc = { 0 };

      it = remora_add_item (pkt, tree, hf_payload, tvb, hlen, MIN (avail, seglen), REMORA_ENC_NA);
      remora_item_set_text (pkt, it, "TCP payload (%u byte%s)", seglen, seglen == 1 ? "" : "s");
      remora_tvb_subset_length (&next, tvb, hlen, seglen);
      if (ctx.stream != NULL)
        pkt->stream_index = ctx.stream->index;
      pc.pkt = pkt;
      pc.state = state;
      pc.flow = ctx.stream != NULL ? &ctx.stream->flow[ctx.dir] : NULL;
      pc.parent = parent;
      pc.tcp_tree = tree;
      pc.tcp_tvb = tvb;
      pc.lo = MIN (sport, dport);
      pc.hi = MAX (sport, dport);
      pc.flags = flags;
      pc.seq = seq_raw;
      pc.seglen = MIN (seglen, remora_tvb_reported_remaining (&next, 0));
      pc.frame = pkt->frame->number;
      pc.occurrence = occ;
      pc.a_flags = ta.flags;
      pc.rec = rec;
      dissect_payload (&pc, &next);
    }

  /* One pass (remora-cli): once a direction has closed and its last bytes
   * were handed on, a PDU still being collected there can never complete,
   * so its buffer goes now rather than at the end of the capture. */
  if (ctx.stream != NULL && !pkt->visited && !in_error && (flags & (TH_FIN | TH_RST)) &&
      !remora_session_get_will_revisit (pkt->session))
    {
      for (guint d = 0; d < 2; d++)
        {
          RemoraTcpFlow *f = &ctx.stream->flow[d];

          if (f->pending != NULL && (d == ctx.dir || (flags & TH_RST)))
            {
              remora_tcp_pending_free (state, f->pending);
              f->pending = NULL;
            }
        }
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
  remora_pref_register_bool ("tcp.analyze_sequence_numbers", &pref_analyze_seq,
                             "Analyze TCP sequence numbers: retransmissions, lost segments, duplicate ACKs, RTT");
  remora_pref_register_bool ("tcp.desegment_tcp_streams", &pref_desegment,
                             "Let payload dissectors reassemble PDUs that span several TCP segments");
  remora_pref_register_bool ("tcp.check_checksum", &pref_check_checksum,
                             "Verify the TCP checksum when possible (not implemented yet: always unverified)");
}

void
remora_handoff_tcp (void)
{
  remora_table_add_uint ("ip.proto", 6, remora_dissector_find ("tcp"));
  data_handle = remora_dissector_find ("data");
}
