/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <string.h>

G_BEGIN_DECLS

/* What a dissector decided about a frame on the first pass, kept so that
 * dissecting the frame again (a row selected, a display filter) gives the
 * same answer after the running state has moved on.
 *
 * A million frames each leave a record here, so records are packed: the
 * caller encodes its fields with RemoraPackWriter (small numbers take one
 * byte), the log stores them back to back in chunks that never move (4 KiB
 * at first, up to 64 KiB, so that a log that keeps little costs little),
 * and a sparse index (one entry per 64 records) finds a frame's
 * records by binary search plus a short scan.  Records are immutable:
 * whatever a later frame learns about an earlier one belongs in a
 * per-conversation or per-PDU structure, not here.
 *
 * Records must be appended in ascending frame order (several per frame are
 * fine: KEY tells them apart, for example a TCP header's nesting depth).
 * Not thread-safe: the caller serialises, as a session does. */

typedef struct _RemoraFrameLog RemoraFrameLog;

/* Longest record: enough for any per-frame summary; longer data (a PDU's
 * piece list) is split over several records by the caller. */
#define REMORA_FRAME_LOG_MAX_RECORD 4096

RemoraFrameLog *remora_frame_log_new     (void);
void            remora_frame_log_free    (RemoraFrameLog *log);
/* Appends LEN bytes for FRAME (not below the last frame appended). */
void            remora_frame_log_append  (RemoraFrameLog *log,
                                          guint32         frame,
                                          guint8          key,
                                          const guint8   *data,
                                          gsize           len);
/* The first record of FRAME with KEY, or NULL; *LEN gets its length.  The
 * bytes stay valid as long as the log. */
const guint8   *remora_frame_log_find    (RemoraFrameLog *log,
                                          guint32         frame,
                                          guint8          key,
                                          gsize          *len);
/* Every record of FRAME with KEY, in append order: calls FUNC until it
 * returns FALSE.  Returns the number of records visited. */
typedef gboolean (*RemoraFrameLogFunc) (const guint8 *data,
                                        gsize         len,
                                        gpointer      user_data);
guint           remora_frame_log_foreach (RemoraFrameLog     *log,
                                          guint32             frame,
                                          guint8              key,
                                          RemoraFrameLogFunc  func,
                                          gpointer            user_data);
guint           remora_frame_log_length  (RemoraFrameLog *log);
/* Bytes held (chunks and index). */
gsize           remora_frame_log_memory  (RemoraFrameLog *log);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RemoraFrameLog, remora_frame_log_free)

/* ---- packing numbers: LEB128 varints, zigzag for signed ---- */

typedef struct {
  guint8 buf[REMORA_FRAME_LOG_MAX_RECORD];
  gsize  len;
  gboolean overflow;   /* a put did not fit: the record is incomplete */
} RemoraPackWriter;

typedef struct {
  const guint8 *p;
  const guint8 *end;
  gboolean      bad;   /* read past the end or a malformed number */
} RemoraPackReader;

static inline void
remora_pack_init (RemoraPackWriter *w)
{
  w->len = 0;
  w->overflow = FALSE;
}

static inline void
remora_pack_u64 (RemoraPackWriter *w,
                 guint64           v)
{
  do
    {
      guint8 b = v & 0x7f;

      v >>= 7;
      if (w->len >= sizeof w->buf)
        {
          w->overflow = TRUE;
          return;
        }
      w->buf[w->len++] = b | (v ? 0x80 : 0);
    }
  while (v);
}

static inline void
remora_pack_u32 (RemoraPackWriter *w,
                 guint32           v)
{
  remora_pack_u64 (w, v);
}

static inline void
remora_pack_s64 (RemoraPackWriter *w,
                 gint64            v)
{
  remora_pack_u64 (w, ((guint64) v << 1) ^ (guint64) (v >> 63));
}

static inline void
remora_pack_bytes (RemoraPackWriter *w,
                   const void       *data,
                   gsize             len)
{
  if (len > sizeof w->buf - w->len)
    {
      w->overflow = TRUE;
      return;
    }
  if (len > 0)
    memcpy (w->buf + w->len, data, len);
  w->len += len;
}

static inline void
remora_unpack_init (RemoraPackReader *r,
                    const guint8     *data,
                    gsize             len)
{
  r->p = data;
  r->end = data != NULL ? data + len : NULL;
  r->bad = data == NULL;
}

static inline guint64
remora_unpack_u64 (RemoraPackReader *r)
{
  guint64 v = 0;

  for (guint shift = 0; shift < 64; shift += 7)
    {
      guint8 b;

      if (r->p >= r->end)
        break;
      b = *r->p++;
      v |= (guint64) (b & 0x7f) << shift;
      if (!(b & 0x80))
        return v;
    }
  r->bad = TRUE;
  return 0;
}

static inline guint32
remora_unpack_u32 (RemoraPackReader *r)
{
  guint64 v = remora_unpack_u64 (r);

  if (v > G_MAXUINT32)
    {
      r->bad = TRUE;
      return 0;
    }
  return (guint32) v;
}

static inline gint64
remora_unpack_s64 (RemoraPackReader *r)
{
  guint64 v = remora_unpack_u64 (r);

  return (gint64) (v >> 1) ^ -(gint64) (v & 1);
}

static inline gboolean
remora_unpack_bytes (RemoraPackReader *r,
                     void             *out,
                     gsize             len)
{
  if (r->bad || (gsize) (r->end - r->p) < len)
    {
      r->bad = TRUE;
      return FALSE;
    }
  if (len > 0)
    memcpy (out, r->p, len);
  r->p += len;
  return TRUE;
}

G_END_DECLS
