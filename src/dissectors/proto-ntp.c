/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-ntp"

#include "config.h"

#include "remora-dissectors.h"

/* Network Time Protocol (RFC 5905) on UDP 123: the time packet of modes
 * 1-5, and the mode 6 control messages (RFC 1305 appendix B) in outline.
 * Mode 7 (ntpd's private requests) shows only the flags. */

static int proto_ntp;
static int hf_flags, hf_flags_li, hf_flags_vn, hf_flags_mode, hf_stratum, hf_ppoll, hf_precision;
static int hf_rootdelay, hf_rootdispersion, hf_refid, hf_reftime, hf_org, hf_rec, hf_xmt;
static int hf_keyid, hf_mac, hf_ext, hf_ext_type, hf_ext_length, hf_ext_value;
static int hf_ctrl_flags2, hf_ctrl_flags2_r, hf_ctrl_flags2_error, hf_ctrl_flags2_more, hf_ctrl_flags2_opcode;
static int hf_ctrl_sequence, hf_ctrl_status, hf_ctrl_err_status, hf_ctrl_sys_li, hf_ctrl_sys_clksrc;
static int hf_ctrl_sys_count, hf_ctrl_sys_code, hf_ctrl_peer_config, hf_ctrl_peer_authenable;
static int hf_ctrl_peer_authentic, hf_ctrl_peer_reach, hf_ctrl_peer_bcast, hf_ctrl_peer_selection;
static int hf_ctrl_peer_count, hf_ctrl_peer_code, hf_ctrl_data, hf_ctrl_item, hf_ctrl_associd;
static int hf_ctrl_offset, hf_ctrl_count, hf_priv_r, hf_priv_more, hf_priv_impl, hf_priv_reqcode;

/* seconds from the NTP epoch (1900) to the Unix epoch (1970) */
#define NTP_UNIX_OFFSET G_GINT64_CONSTANT (2208988800)

static const RemoraValueString li_vals[] = {
  { 0, "no warning" }, { 1, "last minute of the day has 61 seconds" },
  { 2, "last minute of the day has 59 seconds" }, { 3, "unknown (clock unsynchronized)" },
  { 0, NULL }
};

static const RemoraValueString vn_vals[] = {
  { 0, "reserved" }, { 1, "NTP Version 1" }, { 2, "NTP Version 2" }, { 3, "NTP Version 3" },
  { 4, "NTP Version 4" }, { 5, "reserved" }, { 6, "reserved" }, { 7, "reserved" },
  { 0, NULL }
};

static const RemoraValueString mode_vals[] = {
  { 0, "reserved" }, { 1, "symmetric active" }, { 2, "symmetric passive" }, { 3, "client" },
  { 4, "server" }, { 5, "broadcast" }, { 6, "reserved for NTP control message" },
  { 7, "reserved for private use" },
  { 0, NULL }
};

/* the Info column and the protocol line use shorter mode names */
static const char *const mode_info[] = {
  "reserved", "symmetric active", "symmetric passive", "client", "server", "broadcast", "control", "private"
};

static const RemoraRangeString stratum_rvals[] = {
  { 0, 0, "unspecified or invalid" }, { 1, 1, "primary reference" }, { 2, 15, "secondary reference" },
  { 16, 16, "unsynchronized" }, { 17, 255, "reserved" },
  { 0, 0, NULL }
};

static const RemoraValueString ctrl_r_vals[] = { { 0, "Request" }, { 1, "Response" }, { 0, NULL } };

static const RemoraValueString ctrl_opcode_vals[] = {
  { 0, "reserved" }, { 1, "read status" }, { 2, "read variables" }, { 3, "write variables" },
  { 4, "read clock variables" }, { 5, "write clock variables" }, { 6, "set trap address/port" },
  { 7, "asynchronous message" }, { 8, "runtime configuration" }, { 9, "save config to file" },
  { 10, "retrieve MRU (mrulist)" }, { 11, "retrieve ordered list" }, { 12, "request a client nonce" },
  { 31, "unset trap address/port" },
  { 0, NULL }
};

static const RemoraTrueFalse tfs_peer_config = { "configured (peer.config)", "not configured (peer.config)" };
static const RemoraTrueFalse tfs_peer_authenable = { "authentication enabled (peer.authenable)",
                                                     "authentication disabled (peer.authenable)" };
static const RemoraTrueFalse tfs_peer_authentic = { "authentication okay (peer.authentic)",
                                                    "authentication not okay (peer.authentic)" };
static const RemoraTrueFalse tfs_peer_reach = { "reachability okay (peer.reach != 0)",
                                                "reachability not okay (peer.reach != 0)" };

static RemoraFieldDef ntp_fields[] = {
  { &hf_flags, { "Flags", "ntp.flags", REMORA_FT_UINT8, REMORA_BASE_HEX, NULL, 0, "Flags (Leap/Version/Mode)" } },
  { &hf_flags_li, { "Leap Indicator", "ntp.flags.li", REMORA_FT_UINT8, REMORA_BASE_DEC, li_vals, 0xc0,
                    "Warning of an impending leap second to be inserted or deleted in the last minute of the current month" } },
  { &hf_flags_vn, { "Version number", "ntp.flags.vn", REMORA_FT_UINT8, REMORA_BASE_DEC, vn_vals, 0x38, NULL } },
  { &hf_flags_mode, { "Mode", "ntp.flags.mode", REMORA_FT_UINT8, REMORA_BASE_DEC, mode_vals, 0x07, NULL } },
  { &hf_stratum, { "Peer Clock Stratum", "ntp.stratum", REMORA_FT_UINT8, REMORA_BASE_DEC | REMORA_BASE_RANGE_STRING,
                   stratum_rvals, 0, NULL } },
  { &hf_ppoll, { "Peer Polling Interval", "ntp.ppoll", REMORA_FT_UINT8, REMORA_BASE_DEC, NULL, 0,
                 "Maximum interval between successive messages" } },
  { &hf_precision, { "Peer Clock Precision", "ntp.precision", REMORA_FT_UINT8, REMORA_BASE_DEC, NULL, 0,
                     "The precision of the system clock" } },
  { &hf_rootdelay, { "Root Delay", "ntp.rootdelay", REMORA_FT_UINT32, REMORA_BASE_DEC, NULL, 0,
                     "Total round-trip delay to the reference clock" } },
  { &hf_rootdispersion, { "Root Dispersion", "ntp.rootdispersion", REMORA_FT_UINT32, REMORA_BASE_DEC, NULL, 0,
                          "Total dispersion to the reference clock" } },
  { &hf_refid, { "Reference ID", "ntp.refid", REMORA_FT_BYTES, REMORA_BASE_NONE, NULL, 0,
                 "Particular server or reference clock being used" } },
  { &hf_reftime, { "Reference Timestamp", "ntp.reftime", REMORA_FT_ABSOLUTE_TIME, REMORA_ABSOLUTE_TIME_UTC, NULL, 0,
                   "Time when the system clock was last set or corrected" } },
  { &hf_org, { "Origin Timestamp", "ntp.org", REMORA_FT_ABSOLUTE_TIME, REMORA_ABSOLUTE_TIME_UTC, NULL, 0,
               "Time at the client when the request departed for the server" } },
  { &hf_rec, { "Receive Timestamp", "ntp.rec", REMORA_FT_ABSOLUTE_TIME, REMORA_ABSOLUTE_TIME_UTC, NULL, 0,
               "Time at the server when the request arrived from the client" } },
  { &hf_xmt, { "Transmit Timestamp", "ntp.xmt", REMORA_FT_ABSOLUTE_TIME, REMORA_ABSOLUTE_TIME_UTC, NULL, 0,
               "Time at the server when the response left for the client" } },
  { &hf_keyid, { "Key ID", "ntp.keyid", REMORA_FT_BYTES, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_mac, { "Message Authentication Code", "ntp.mac", REMORA_FT_BYTES, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_ext, { "Extension", "ntp.ext", REMORA_FT_NONE, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_ext_type, { "Field Type", "ntp.ext.type", REMORA_FT_UINT16, REMORA_BASE_HEX, NULL, 0, NULL } },
  { &hf_ext_length, { "Length", "ntp.ext.length", REMORA_FT_UINT16, REMORA_BASE_DEC, NULL, 0,
                      "Entire extension length including padding" } },
  { &hf_ext_value, { "Value", "ntp.ext.value", REMORA_FT_BYTES, REMORA_BASE_NONE, NULL, 0, "Type-specific value" } },
  { &hf_ctrl_flags2, { "Flags 2", "ntp.ctrl.flags2", REMORA_FT_UINT8, REMORA_BASE_HEX, NULL, 0,
                       "Flags (Response/Error/More/Opcode)" } },
  { &hf_ctrl_flags2_r, { "Response bit", "ntp.ctrl.flags2.r", REMORA_FT_UINT8, REMORA_BASE_DEC, ctrl_r_vals, 0x80, NULL } },
  { &hf_ctrl_flags2_error, { "Error bit", "ntp.ctrl.flags2.error", REMORA_FT_UINT8, REMORA_BASE_DEC, NULL, 0x40, NULL } },
  { &hf_ctrl_flags2_more, { "More bit", "ntp.ctrl.flags2.more", REMORA_FT_UINT8, REMORA_BASE_DEC, NULL, 0x20, NULL } },
  { &hf_ctrl_flags2_opcode, { "Opcode", "ntp.ctrl.flags2.opcode", REMORA_FT_UINT8, REMORA_BASE_DEC, ctrl_opcode_vals,
                              0x1f, NULL } },
  { &hf_ctrl_sequence, { "Sequence", "ntp.ctrl.sequence", REMORA_FT_UINT16, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_ctrl_status, { "Status", "ntp.ctrl.status", REMORA_FT_UINT16, REMORA_BASE_HEX, NULL, 0, NULL } },
  { &hf_ctrl_err_status, { "Error Status Word", "ntp.ctrl.err_status", REMORA_FT_UINT16, REMORA_BASE_DEC, NULL,
                           0xff00, NULL } },
  { &hf_ctrl_sys_li, { "Leap Indicator", "ntp.ctrl.sys_status.li", REMORA_FT_UINT16, REMORA_BASE_DEC, li_vals, 0xc000,
                       "Warning of an impending leap second to be inserted or deleted in the last minute of the current month" } },
  { &hf_ctrl_sys_clksrc, { "Clock Source", "ntp.ctrl.sys_status.clksrc", REMORA_FT_UINT16, REMORA_BASE_DEC, NULL,
                           0x3f00, NULL } },
  { &hf_ctrl_sys_count, { "System Event Counter", "ntp.ctrl.sys_status.count", REMORA_FT_UINT16, REMORA_BASE_DEC,
                          NULL, 0x00f0, NULL } },
  { &hf_ctrl_sys_code, { "System Event Code", "ntp.ctrl.sys_status.code", REMORA_FT_UINT16, REMORA_BASE_DEC, NULL,
                         0x000f, NULL } },
  { &hf_ctrl_peer_config, { "Peer Status", "ntp.ctrl.peer_status.config", REMORA_FT_BOOLEAN, 16, &tfs_peer_config,
                            0x8000, NULL } },
  { &hf_ctrl_peer_authenable, { "Peer Status", "ntp.ctrl.peer_status.authenable", REMORA_FT_BOOLEAN, 16,
                                &tfs_peer_authenable, 0x4000, NULL } },
  { &hf_ctrl_peer_authentic, { "Peer Status", "ntp.ctrl.peer_status.authentic", REMORA_FT_BOOLEAN, 16,
                               &tfs_peer_authentic, 0x2000, NULL } },
  { &hf_ctrl_peer_reach, { "Peer Status", "ntp.ctrl.peer_status.reach", REMORA_FT_BOOLEAN, 16, &tfs_peer_reach,
                           0x1000, NULL } },
  { &hf_ctrl_peer_bcast, { "Peer Status broadcast association", "ntp.ctrl.peer_status.bcast", REMORA_FT_BOOLEAN, 16,
                           &remora_tfs_set_notset, 0x0800, NULL } },
  { &hf_ctrl_peer_selection, { "Peer Selection", "ntp.ctrl.peer_status.selection", REMORA_FT_UINT16, REMORA_BASE_DEC,
                               NULL, 0x0700, NULL } },
  { &hf_ctrl_peer_count, { "Peer Event Counter", "ntp.ctrl.peer_status.count", REMORA_FT_UINT16, REMORA_BASE_DEC,
                           NULL, 0x00f0, NULL } },
  { &hf_ctrl_peer_code, { "Peer Event Code", "ntp.ctrl.peer_status.code", REMORA_FT_UINT16, REMORA_BASE_DEC, NULL,
                          0x000f, NULL } },
  { &hf_ctrl_data, { "Data", "ntp.ctrl.data", REMORA_FT_NONE, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_ctrl_item, { "Item", "ntp.ctrl.item", REMORA_FT_NONE, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_ctrl_associd, { "AssociationID", "ntp.ctrl.associd", REMORA_FT_UINT16, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_ctrl_offset, { "Offset", "ntp.ctrl.offset", REMORA_FT_UINT16, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_ctrl_count, { "Count", "ntp.ctrl.count", REMORA_FT_UINT16, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_priv_r, { "Response bit", "ntp.priv.flags.r", REMORA_FT_UINT8, REMORA_BASE_DEC, ctrl_r_vals, 0x80, NULL } },
  { &hf_priv_more, { "More bit", "ntp.priv.flags.more", REMORA_FT_UINT8, REMORA_BASE_DEC, NULL, 0x40, NULL } },
  { &hf_priv_impl, { "Implementation", "ntp.priv.impl", REMORA_FT_UINT8, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_priv_reqcode, { "Request code", "ntp.priv.reqcode", REMORA_FT_UINT8, REMORA_BASE_DEC, NULL, 0, NULL } },
};

static const char *
name_or (const RemoraValueString *vs, guint64 v, const char *dflt)
{
  const char *s = remora_value_string_lookup (vs, v);

  return s != NULL ? s : dflt;
}

/* An NTP timestamp: seconds since 1900 and a binary fraction.  Seconds
 * with the top bit clear belong to era 1 (from 2036 on), as Wireshark reads
 * them; all zeros means "no time" and is shown as NULL. */
static void
add_timestamp (const RemoraTvb *tvb,
               RemoraPacket    *pkt,
               RemoraItem       tree,
               int              hf,
               guint32          offset)
{
  guint32 secs = remora_tvb_get_ntohl (tvb, offset);
  guint32 frac = remora_tvb_get_ntohl (tvb, offset + 4);
  gint64 unix_secs = (gint64) secs + ((secs & 0x80000000u) ? 0 : G_GINT64_CONSTANT (0x100000000)) - NTP_UNIX_OFFSET;
  gint64 ns = unix_secs * 1000000000 + (gint64) (((guint64) frac * 1000000000u) >> 32);
  RemoraItem ti = remora_add_time (pkt, tree, hf, tvb, offset, 8, secs == 0 && frac == 0 ? REMORA_TIME_NULL : ns);

  if (secs == 0 && frac == 0 && ti != 0)
    remora_item_set_text (pkt, ti, "%s: NULL", remora_field_get (hf)->name);
}

static void
add_flags (const RemoraTvb *tvb, RemoraPacket *pkt, RemoraItem tree, guint8 flags)
{
  RemoraItem ti = remora_add_item (pkt, tree, hf_flags, tvb, 0, 1, REMORA_ENC_BIG_ENDIAN);

  remora_item_set_text (pkt, ti, "Flags: 0x%02x, Leap Indicator: %s, Version number: %s, Mode: %s", flags,
                        name_or (li_vals, flags >> 6, "?"), name_or (vn_vals, (flags >> 3) & 7, "?"),
                        name_or (mode_vals, flags & 7, "?"));
  remora_add_item (pkt, ti, hf_flags_li, tvb, 0, 1, REMORA_ENC_BIG_ENDIAN);
  remora_add_item (pkt, ti, hf_flags_vn, tvb, 0, 1, REMORA_ENC_BIG_ENDIAN);
  remora_add_item (pkt, ti, hf_flags_mode, tvb, 0, 1, REMORA_ENC_BIG_ENDIAN);
}

static void
add_refid (const RemoraTvb *tvb, RemoraPacket *pkt, RemoraItem tree, guint8 stratum)
{
  RemoraItem ti = remora_add_item (pkt, tree, hf_refid, tvb, 12, 4, REMORA_ENC_NA);
  const guint8 *p;
  char text[5];

  if (ti == 0)
    return;
  p = remora_tvb_get_ptr (tvb, 12, 4);
  if (p[0] == 0 && p[1] == 0 && p[2] == 0 && p[3] == 0)
    remora_item_set_text (pkt, ti, "Reference ID: NULL");
  else if (stratum <= 1)
    {
      /* a four-letter code naming the clock or a kiss code */
      for (guint i = 0; i < 4; i++)
        text[i] = g_ascii_isprint (p[i]) ? (char) p[i] : '.';
      text[4] = '\0';
      for (int i = 3; i >= 0 && p[i] == 0; i--)
        text[i] = '\0';
      remora_item_set_text (pkt, ti, "Reference ID: Unidentified reference source '%s'", text);
    }
  else
    remora_item_set_text (pkt, ti, "Reference ID: %u.%u.%u.%u", p[0], p[1], p[2], p[3]);
}

static void
dissect_time_packet (const RemoraTvb *tvb,
                     RemoraPacket    *pkt,
                     RemoraItem       tree,
                     guint8           version)
{
  guint8 stratum = remora_tvb_get_u8 (tvb, 1);
  guint8 ppoll = remora_tvb_get_u8 (tvb, 2);
  gint8 precision = (gint8) remora_tvb_get_u8 (tvb, 3);
  guint32 rootdelay = remora_tvb_get_ntohl (tvb, 4);
  guint32 rootdisp = remora_tvb_get_ntohl (tvb, 8);
  guint32 offset, remaining;
  RemoraItem ti;

  remora_add_item (pkt, tree, hf_stratum, tvb, 1, 1, REMORA_ENC_BIG_ENDIAN);
  ti = remora_add_item (pkt, tree, hf_ppoll, tvb, 2, 1, REMORA_ENC_BIG_ENDIAN);
  if (ppoll >= 4 && ppoll <= 17)
    remora_item_set_text (pkt, ti, "Peer Polling Interval: %u (%u seconds)", ppoll, 1u << ppoll);
  else
    remora_item_set_text (pkt, ti, "Peer Polling Interval: invalid (%u)", ppoll);
  ti = remora_add_item (pkt, tree, hf_precision, tvb, 3, 1, REMORA_ENC_BIG_ENDIAN);
  if (ti != 0)
    {
      /* the precision is a signed power of two */
      double seconds = 1.0;

      for (int i = 0; i < ABS (precision); i++)
        seconds = precision < 0 ? seconds / 2 : seconds * 2;
      remora_item_set_text (pkt, ti, "Peer Clock Precision: %f seconds", seconds);
    }
  ti = remora_add_item (pkt, tree, hf_rootdelay, tvb, 4, 4, REMORA_ENC_BIG_ENDIAN);
  remora_item_set_text (pkt, ti, "Root Delay: %f seconds", rootdelay / 65536.0);
  ti = remora_add_item (pkt, tree, hf_rootdispersion, tvb, 8, 4, REMORA_ENC_BIG_ENDIAN);
  remora_item_set_text (pkt, ti, "Root Dispersion: %f seconds", rootdisp / 65536.0);
  add_refid (tvb, pkt, tree, stratum);
  add_timestamp (tvb, pkt, tree, hf_reftime, 16);
  add_timestamp (tvb, pkt, tree, hf_org, 24);
  add_timestamp (tvb, pkt, tree, hf_rec, 32);
  add_timestamp (tvb, pkt, tree, hf_xmt, 40);

  /* NTPv4 extension fields come first when more than a MAC follows */
  offset = 48;
  remaining = remora_tvb_reported_remaining (tvb, offset);
  while (version == 4 && remaining > 24)
    {
      guint16 elen = remora_tvb_get_ntohs (tvb, offset + 2);
      RemoraItem et;

      if (elen < 4 || elen > remaining)
        break;
      et = remora_add_item (pkt, tree, hf_ext, tvb, offset, elen, REMORA_ENC_NA);
      remora_add_item (pkt, et, hf_ext_type, tvb, offset, 2, REMORA_ENC_BIG_ENDIAN);
      remora_add_item (pkt, et, hf_ext_length, tvb, offset + 2, 2, REMORA_ENC_BIG_ENDIAN);
      if (elen > 4)
        remora_add_item (pkt, et, hf_ext_value, tvb, offset + 4, elen - 4u, REMORA_ENC_NA);
      offset += elen;
      remaining -= elen;
    }
  if (remaining >= 4)
    {
      remora_add_item (pkt, tree, hf_keyid, tvb, offset, 4, REMORA_ENC_NA);
      if (remaining > 4)
        remora_add_item (pkt, tree, hf_mac, tvb, offset + 4, remaining - 4, REMORA_ENC_NA);
    }
}

static void
add_sys_status (const RemoraTvb *tvb, RemoraPacket *pkt, RemoraItem ti, guint32 offset)
{
  remora_add_item (pkt, ti, hf_ctrl_sys_li, tvb, offset, 2, REMORA_ENC_BIG_ENDIAN);
  remora_add_item (pkt, ti, hf_ctrl_sys_clksrc, tvb, offset, 2, REMORA_ENC_BIG_ENDIAN);
  remora_add_item (pkt, ti, hf_ctrl_sys_count, tvb, offset, 2, REMORA_ENC_BIG_ENDIAN);
  remora_add_item (pkt, ti, hf_ctrl_sys_code, tvb, offset, 2, REMORA_ENC_BIG_ENDIAN);
}

static void
add_peer_status (const RemoraTvb *tvb, RemoraPacket *pkt, RemoraItem ti, guint32 offset)
{
  remora_add_item (pkt, ti, hf_ctrl_peer_config, tvb, offset, 2, REMORA_ENC_BIG_ENDIAN);
  remora_add_item (pkt, ti, hf_ctrl_peer_authenable, tvb, offset, 2, REMORA_ENC_BIG_ENDIAN);
  remora_add_item (pkt, ti, hf_ctrl_peer_authentic, tvb, offset, 2, REMORA_ENC_BIG_ENDIAN);
  remora_add_item (pkt, ti, hf_ctrl_peer_reach, tvb, offset, 2, REMORA_ENC_BIG_ENDIAN);
  remora_add_item (pkt, ti, hf_ctrl_peer_bcast, tvb, offset, 2, REMORA_ENC_BIG_ENDIAN);
  remora_add_item (pkt, ti, hf_ctrl_peer_selection, tvb, offset, 2, REMORA_ENC_BIG_ENDIAN);
  remora_add_item (pkt, ti, hf_ctrl_peer_count, tvb, offset, 2, REMORA_ENC_BIG_ENDIAN);
  remora_add_item (pkt, ti, hf_ctrl_peer_code, tvb, offset, 2, REMORA_ENC_BIG_ENDIAN);
}

static void
dissect_control (const RemoraTvb *tvb,
                 RemoraPacket    *pkt,
                 RemoraItem       tree)
{
  guint8 flags2 = remora_tvb_get_u8 (tvb, 1);
  guint8 opcode = flags2 & 0x1f;
  gboolean response = (flags2 & 0x80) != 0;
  guint16 associd = remora_tvb_get_ntohs (tvb, 6);
  guint16 count = remora_tvb_get_ntohs (tvb, 10);
  RemoraItem ti;

  ti = remora_add_item (pkt, tree, hf_ctrl_flags2, tvb, 1, 1, REMORA_ENC_BIG_ENDIAN);
  remora_item_set_text (pkt, ti, "Flags 2: 0x%02x, Response bit: %s, Opcode: %s", flags2,
                        response ? "Response" : "Request", name_or (ctrl_opcode_vals, opcode, "Unknown"));
  remora_add_item (pkt, ti, hf_ctrl_flags2_r, tvb, 1, 1, REMORA_ENC_BIG_ENDIAN);
  remora_add_item (pkt, ti, hf_ctrl_flags2_error, tvb, 1, 1, REMORA_ENC_BIG_ENDIAN);
  remora_add_item (pkt, ti, hf_ctrl_flags2_more, tvb, 1, 1, REMORA_ENC_BIG_ENDIAN);
  remora_add_item (pkt, ti, hf_ctrl_flags2_opcode, tvb, 1, 1, REMORA_ENC_BIG_ENDIAN);
  remora_add_item (pkt, tree, hf_ctrl_sequence, tvb, 2, 2, REMORA_ENC_BIG_ENDIAN);

  /* what the status word holds depends on the request it answers */
  ti = remora_add_item (pkt, tree, hf_ctrl_status, tvb, 4, 2, REMORA_ENC_BIG_ENDIAN);
  if (flags2 & 0x40)
    remora_add_item (pkt, ti, hf_ctrl_err_status, tvb, 4, 2, REMORA_ENC_BIG_ENDIAN);
  else if (response && (opcode == 1 || opcode == 2))
    {
      if (associd == 0)
        add_sys_status (tvb, pkt, ti, 4);
      else
        add_peer_status (tvb, pkt, ti, 4);
    }
  remora_add_item (pkt, tree, hf_ctrl_associd, tvb, 6, 2, REMORA_ENC_BIG_ENDIAN);
  remora_add_item (pkt, tree, hf_ctrl_offset, tvb, 8, 2, REMORA_ENC_BIG_ENDIAN);
  remora_add_item (pkt, tree, hf_ctrl_count, tvb, 10, 2, REMORA_ENC_BIG_ENDIAN);

  if (count == 0)
    return;
  ti = remora_add_item (pkt, tree, hf_ctrl_data, tvb, 12, count, REMORA_ENC_NA);
  if (response && opcode == 1 && associd == 0)
    {
      /* read status: a list of (association, peer status) pairs */
      for (guint32 off = 12; off + 4 <= 12u + count; off += 4)
        {
          RemoraItem item = remora_add_item (pkt, ti, hf_ctrl_item, tvb, off, 4, REMORA_ENC_NA);
          RemoraItem st;

          remora_add_item (pkt, item, hf_ctrl_associd, tvb, off, 2, REMORA_ENC_BIG_ENDIAN);
          st = remora_add_item (pkt, tree, hf_ctrl_status, tvb, off + 2, 2, REMORA_ENC_BIG_ENDIAN);
          add_peer_status (tvb, pkt, st, off + 2);
        }
    }
}

static int
dissect_ntp (const RemoraTvb *tvb,
             RemoraPacket    *pkt,
             RemoraItem       parent,
             void            *data)
{
  guint8 flags = remora_tvb_get_u8 (tvb, 0);
  guint8 version = (flags >> 3) & 7;
  guint8 mode = flags & 7;
  RemoraItem tree;

  (void) data;
  remora_col_set_protocol (pkt, "NTP");
  remora_col_clear_info (pkt);
  remora_col_add_info (pkt, "NTP Version %u, %s", version, mode_info[mode]);

  tree = remora_add_protocol (pkt, parent, proto_ntp, tvb, 0, remora_tvb_captured_remaining (tvb, 0));
  remora_item_set_text (pkt, tree, "Network Time Protocol (NTP Version %u, %s)", version, mode_info[mode]);
  add_flags (tvb, pkt, tree, flags);

  if (mode == 6)
    dissect_control (tvb, pkt, tree);
  else if (mode == 7)
    {
      remora_add_item (pkt, tree, hf_priv_r, tvb, 0, 1, REMORA_ENC_BIG_ENDIAN);
      remora_add_item (pkt, tree, hf_priv_more, tvb, 0, 1, REMORA_ENC_BIG_ENDIAN);
      remora_add_item (pkt, tree, hf_priv_impl, tvb, 2, 1, REMORA_ENC_BIG_ENDIAN);
      remora_add_item (pkt, tree, hf_priv_reqcode, tvb, 3, 1, REMORA_ENC_BIG_ENDIAN);
    }
  else
    dissect_time_packet (tvb, pkt, tree, version);
  return (int) MAX (remora_tvb_captured_remaining (tvb, 0), 1u);
}

void
remora_register_ntp (void)
{
  proto_ntp = remora_proto_register ("Network Time Protocol", "NTP", "ntp");
  remora_fields_register (proto_ntp, ntp_fields, G_N_ELEMENTS (ntp_fields));
  remora_dissector_register ("ntp", proto_ntp, dissect_ntp);
}

void
remora_handoff_ntp (void)
{
  remora_table_add_uint ("udp.port", 123, remora_dissector_find ("ntp"));
}
