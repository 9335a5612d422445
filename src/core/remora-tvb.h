/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <string.h>

G_BEGIN_DECLS

typedef struct _RemoraPacket RemoraPacket;

/* A bounded view of packet bytes: one layer's slice of a data source.
 * Every read of packet memory goes through the accessors below.  A read past
 * `captured` but within `reported` throws "truncated by the snapshot length";
 * a read past `reported` throws "malformed".  Both unwind (longjmp) to the
 * nearest guarded dissector call, which records the outcome in the tree.
 * Dissectors therefore never check a length just to avoid a crash: they
 * read, and the engine catches. */
typedef struct {
  RemoraPacket *pkt;
  const guint8 *data;      /* first byte of this view */
  guint32       captured;  /* bytes present at data */
  guint32       reported;  /* bytes this layer has on the wire */
  guint32       origin;    /* offset of data[0] within its data source (node starts) */
  guint16       source;    /* data source index: 0 = the frame */
} RemoraTvb;

typedef enum {
  REMORA_EXC_NONE = 0,
  REMORA_EXC_TRUNCATED,    /* past the captured bytes: "Packet size limited during capture" */
  REMORA_EXC_MALFORMED,    /* past the reported length, or a dissector's own verdict */
} RemoraException;

G_NORETURN void remora_tvb_throw      (const RemoraTvb *tvb,
                                       guint64          offset,
                                       guint64          length);
/* A dissector found the data impossible (a length field that cannot be
 * right): unwinds as malformed. */
G_NORETURN void remora_throw_malformed (RemoraPacket   *pkt);

static inline void
remora_tvb_ensure (const RemoraTvb *tvb,
                   guint32          offset,
                   guint32          length)
{
  if (G_LIKELY ((guint64) offset + length <= tvb->captured))
    return;
  remora_tvb_throw (tvb, offset, length);
}

static inline guint8
remora_tvb_get_u8 (const RemoraTvb *tvb, guint32 offset)
{
  remora_tvb_ensure (tvb, offset, 1);
  return tvb->data[offset];
}

static inline guint16
remora_tvb_get_ntohs (const RemoraTvb *tvb, guint32 offset)
{
  remora_tvb_ensure (tvb, offset, 2);
  return (guint16) (tvb->data[offset] << 8 | tvb->data[offset + 1]);
}

static inline guint32
remora_tvb_get_ntoh24 (const RemoraTvb *tvb, guint32 offset)
{
  remora_tvb_ensure (tvb, offset, 3);
  return (guint32) tvb->data[offset] << 16 | (guint32) tvb->data[offset + 1] << 8 | tvb->data[offset + 2];
}

static inline guint32
remora_tvb_get_ntohl (const RemoraTvb *tvb, guint32 offset)
{
  remora_tvb_ensure (tvb, offset, 4);
  return (guint32) tvb->data[offset] << 24 | (guint32) tvb->data[offset + 1] << 16 |
         (guint32) tvb->data[offset + 2] << 8 | tvb->data[offset + 3];
}

static inline guint64
remora_tvb_get_ntoh64 (const RemoraTvb *tvb, guint32 offset)
{
  remora_tvb_ensure (tvb, offset, 8);
  return (guint64) remora_tvb_get_ntohl (tvb, offset) << 32 | remora_tvb_get_ntohl (tvb, offset + 4);
}

static inline guint16
remora_tvb_get_letohs (const RemoraTvb *tvb, guint32 offset)
{
  remora_tvb_ensure (tvb, offset, 2);
  return (guint16) (tvb->data[offset + 1] << 8 | tvb->data[offset]);
}

static inline guint32
remora_tvb_get_letohl (const RemoraTvb *tvb, guint32 offset)
{
  remora_tvb_ensure (tvb, offset, 4);
  return (guint32) tvb->data[offset + 3] << 24 | (guint32) tvb->data[offset + 2] << 16 |
         (guint32) tvb->data[offset + 1] << 8 | tvb->data[offset];
}

static inline guint64
remora_tvb_get_letoh64 (const RemoraTvb *tvb, guint32 offset)
{
  remora_tvb_ensure (tvb, offset, 8);
  return (guint64) remora_tvb_get_letohl (tvb, offset + 4) << 32 | remora_tvb_get_letohl (tvb, offset);
}

/* A pointer to LENGTH bytes at OFFSET (throws if they are not all there). */
static inline const guint8 *
remora_tvb_get_ptr (const RemoraTvb *tvb, guint32 offset, guint32 length)
{
  remora_tvb_ensure (tvb, offset, length);
  return tvb->data + offset;
}

static inline void
remora_tvb_memcpy (const RemoraTvb *tvb, void *dest, guint32 offset, guint32 length)
{
  remora_tvb_ensure (tvb, offset, length);
  memcpy (dest, tvb->data + offset, length);
}

/* Bytes present from OFFSET on (0 when OFFSET is at or past the end; never throws). */
static inline guint32
remora_tvb_captured_remaining (const RemoraTvb *tvb, guint32 offset)
{
  return offset < tvb->captured ? tvb->captured - offset : 0;
}

/* Bytes this layer has on the wire from OFFSET on (0 at or past the end). */
static inline guint32
remora_tvb_reported_remaining (const RemoraTvb *tvb, guint32 offset)
{
  return offset < tvb->reported ? tvb->reported - offset : 0;
}

static inline gboolean
remora_tvb_bytes_exist (const RemoraTvb *tvb, guint32 offset, guint32 length)
{
  return (guint64) offset + length <= tvb->captured;
}

/* The view from OFFSET to the end (throws if OFFSET is past the captured
 * bytes; OFFSET == captured gives an empty view). */
void     remora_tvb_subset_remaining (RemoraTvb       *out,
                                      const RemoraTvb *tvb,
                                      guint32          offset);
/* The view of REPORTED_LENGTH bytes from OFFSET: a layer that says how long
 * it is.  The captured part is what the parent has of them; a
 * REPORTED_LENGTH beyond the parent's reported bytes is clamped to it. */
void     remora_tvb_subset_length    (RemoraTvb       *out,
                                      const RemoraTvb *tvb,
                                      guint32          offset,
                                      guint32          reported_length);
/* Offset of the first BYTE in [OFFSET, OFFSET+MAX_LENGTH) of the captured
 * bytes, or -1. */
gint     remora_tvb_find_u8          (const RemoraTvb *tvb,
                                      guint32          offset,
                                      guint32          max_length,
                                      guint8           byte);
/* Length of the line at OFFSET without its CR LF / LF, or -1 when no line
 * end is in the captured bytes; *NEXT_OFFSET gets the start of the next line. */
gint     remora_tvb_find_line_end    (const RemoraTvb *tvb,
                                      guint32          offset,
                                      guint32         *next_offset);

G_END_DECLS
