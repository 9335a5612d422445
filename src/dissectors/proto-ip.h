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

/* ---- IPv4 and IPv6 defragmentation (shared by proto-ip.c and proto-ipv6.c) ---- */

/* What identifies the fragments of one datagram: (src, dst, id, protocol)
 * for IPv4, (src, dst, identification) for IPv6 (proto 0). */
typedef struct {
  guint8  family;           /* 4 or 6 */
  guint8  proto;
  guint32 id;
  guint8  src[16];
  guint8  dst[16];
} RemoraIpFragKey;

/* The fields and names of one family's fragment tree. */
typedef struct {
  int         proto;        /* the session key of the family's state */
  int        *hf_fragments;
  int        *hf_fragment;
  int        *hf_fragment_error;
  int        *hf_overlap;
  int        *hf_overlap_conflict;
  int        *hf_multiple_tails;
  int        *hf_too_long;
  int        *hf_count;
  int        *hf_reassembled_in;
  int        *hf_reassembled_length;
  int        *hf_reassembled_data;
  const char *fragment_name;   /* "IPv4 Fragment" */
  const char *fragments_name;  /* "IPv4 Fragments" */
  const char *source_name;     /* "Reassembled IPv4" */
} RemoraIpDefragItems;

typedef struct {
  guint32  reassembled_in;  /* frame that completed the datagram, 0 when unknown */
  gboolean illegal;         /* conflicting overlap, several tails or a too-long fragment */
} RemoraIpDefragResult;

/* Adds the fragment PAYLOAD (all of whose bytes are present) at
 * FRAG_OFFSET to the datagram KEY names.  Returns TRUE in the frame that
 * completes it, with the fragment tree under TREE and OUT over a new data
 * source holding the datagram's payload; FALSE otherwise (then RES says
 * where it was reassembled when that is known, and ip.reassembled_in is
 * under TREE).  On a frame seen before, only looks up what the first pass
 * saved. */
gboolean remora_ip_defrag (RemoraPacket              *pkt,
                           const RemoraIpDefragItems *items,
                           RemoraItem                 tree,
                           const RemoraIpFragKey     *key,
                           const RemoraTvb           *payload,
                           guint32                    frag_offset,
                           gboolean                   more,
                           RemoraTvb                 *out,
                           RemoraIpDefragResult      *res);

/* Memory the family's defragmentation state holds in SESSION: fragment
 * data of incomplete datagrams (with bookkeeping) and reassembled payloads
 * kept for redissection. */
typedef struct {
  gsize pending_bytes;
  guint pending_datagrams;
  gsize kept_bytes;
} RemoraIpDefragStats;

void remora_ip_defrag_get_stats (RemoraSession       *session,
                                 int                  family,
                                 RemoraIpDefragStats *stats);

/* Limits: a fragment may not reach past this offset, a datagram holds at
 * most this many fragments and bytes, and the totals are capped. */
#define REMORA_IP_DEFRAG_MAX_END            65535u
#define REMORA_IP_DEFRAG_MAX_FRAGS          8192u
#define REMORA_IP_DEFRAG_MAX_STORED         (2u * 65536u)
#define REMORA_IP_DEFRAG_MAX_PENDING_TOTAL  ((gsize) 16 << 20)
#define REMORA_IP_DEFRAG_MAX_KEPT_TOTAL     ((gsize) 32 << 20)

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
