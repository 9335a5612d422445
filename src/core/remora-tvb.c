/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-tvb"

#include "config.h"

#include "remora-tvb.h"

#include "remora-packet-private.h"

void
remora_tvb_throw (const RemoraTvb *tvb,
                  guint64          offset,
                  guint64          length)
{
  /* Wireshark's distinction: bytes the layer says it has but the capture
   * did not keep are "truncated"; bytes beyond what the layer says it has
   * mean the packet itself is wrong. */
  if (offset + length <= tvb->reported)
    remora_packet_throw (tvb->pkt, REMORA_EXC_TRUNCATED);
  remora_packet_throw (tvb->pkt, REMORA_EXC_MALFORMED);
}

void
remora_throw_malformed (RemoraPacket *pkt)
{
  remora_packet_throw (pkt, REMORA_EXC_MALFORMED);
}

void
remora_tvb_subset_remaining (RemoraTvb       *out,
                             const RemoraTvb *tvb,
                             guint32          offset)
{
  if (offset > tvb->captured)
    remora_tvb_throw (tvb, offset, 0);
  out->pkt = tvb->pkt;
  out->data = tvb->data + offset;
  out->captured = tvb->captured - offset;
  out->reported = offset <= tvb->reported ? tvb->reported - offset : 0;
  out->origin = tvb->origin + offset;
  out->source = tvb->source;
}

void
remora_tvb_subset_length (RemoraTvb       *out,
                          const RemoraTvb *tvb,
                          guint32          offset,
                          guint32          reported_length)
{
  guint32 rep_left;

  remora_tvb_subset_remaining (out, tvb, offset);
  rep_left = out->reported;
  if (reported_length < rep_left)
    out->reported = reported_length;
  if (out->captured > out->reported)
    out->captured = out->reported;
}

gint
remora_tvb_find_u8 (const RemoraTvb *tvb,
                    guint32          offset,
                    guint32          max_length,
                    guint8           byte)
{
  guint32 avail = remora_tvb_captured_remaining (tvb, offset);
  const guint8 *p;

  if (max_length < avail)
    avail = max_length;
  if (avail == 0)
    return -1;
  p = memchr (tvb->data + offset, byte, avail);
  return p ? (gint) (p - tvb->data) : -1;
}

gint
remora_tvb_find_line_end (const RemoraTvb *tvb,
                          guint32          offset,
                          guint32         *next_offset)
{
  gint lf = remora_tvb_find_u8 (tvb, offset, G_MAXUINT32, '\n');
  guint32 end;

  if (lf < 0)
    return -1;
  end = (guint32) lf;
  if (next_offset)
    *next_offset = end + 1;
  if (end > offset && tvb->data[end - 1] == '\r')
    end--;
  return (gint) (end - offset);
}
