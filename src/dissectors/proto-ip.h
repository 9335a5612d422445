/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "remora-dissect.h"

G_BEGIN_DECLS

/* IANA protocol numbers ("ip.proto", "ipv6.nxt"), named as Wireshark does. */
extern const RemoraValueString remora_ip_proto_vals[];
/* DSCP and ECN, long names for the bit fields and short ones for the
 * summary of the Differentiated Services / Traffic Class byte. */
extern const RemoraValueString remora_dscp_vals[];
extern const RemoraValueString remora_ecn_vals[];
const char *remora_dscp_short_name (guint dscp, char *buf, gsize size);
const char *remora_ecn_short_name  (guint ecn);
/* Name of an IP protocol number for Info texts ("UDP"), "Unknown" when none. */
const char *remora_ip_proto_name   (guint proto);

/* Checksum status values of Wireshark's *.checksum.status fields. */
enum {
  REMORA_CKSUM_BAD = 0,
  REMORA_CKSUM_GOOD = 1,
  REMORA_CKSUM_UNVERIFIED = 2,
  REMORA_CKSUM_NOT_PRESENT = 3,
};
extern const RemoraValueString remora_checksum_status_vals[];

/* Adds LEN bytes to a running ones'-complement sum (32-bit accumulator,
 * folded by remora_cksum_finish).  An odd trailing byte is padded with 0;
 * callers sum pieces of even length except the last. */
static inline guint32
remora_cksum_add (guint32 sum, const guint8 *data, guint32 len)
{
  guint32 i;

  for (i = 0; i + 1 < len; i += 2)
    sum += (guint32) data[i] << 8 | data[i + 1];
  if (len & 1)
    sum += (guint32) data[len - 1] << 8;
  while (sum >> 16)
    sum = (sum & 0xffff) + (sum >> 16);
  return sum;
}

/* The 16-bit ones' complement of the folded sum: 0 over data that holds a
 * correct checksum. */
static inline guint16
remora_cksum_finish (guint32 sum)
{
  while (sum >> 16)
    sum = (sum & 0xffff) + (sum >> 16);
  return (guint16) ~sum;
}

/* The value the checksum field should hold, given a sum computed with the
 * field itself included: ("computed" as Wireshark's in_cksum_shouldbe). */
guint16 remora_cksum_shouldbe (guint16 sum_field, guint16 computed);

G_END_DECLS

/* Echo request/reply matching for ICMP and ICMPv6 (kept in the session
 * under PROTO): returns the frame of the other half (0 when none) and, for a
 * reply, the request's time in *REQ_NS. */
typedef struct {
  guint32 other_frame;
  gint64  request_ns;
  gboolean found;
} RemoraEchoMatch;

void remora_echo_match (RemoraPacket    *pkt,
                        int              proto,
                        gboolean         is_request,
                        guint32          key0,
                        guint32          key1,
                        RemoraEchoMatch *out);
