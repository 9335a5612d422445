/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-frame-log"

#include "config.h"

#include "remora-frame-log.h"

/* Layout: records back to back in chunks, each one
 *
 *   varint  frame - previous record's frame (0 for a block's first record,
 *           whose frame the index holds)
 *   byte    key
 *   varint  length
 *   bytes   data
 *
 * A block is at most BLOCK_RECORDS records inside one chunk; the index has
 * one entry per block.  A record never straddles two chunks. */

#define CHUNK_SIZE    (64u * 1024)
#define FIRST_CHUNK   (4u * 1024)
#define BLOCK_RECORDS 64

typedef struct {
  guint32 first_frame;
  guint32 chunk;
  guint32 offset;        /* of the block's first record in its chunk */
  guint32 n;             /* records in the block */
} Block;

struct _RemoraFrameLog {
  GPtrArray *chunks;     /* guint8[], sizes in chunk_sizes */
  GArray    *chunk_sizes;/* guint32: FIRST_CHUNK doubling up to CHUNK_SIZE, so a log that keeps little costs little */
  gsize      chunk_bytes;/* their sum */
  gsize      used;       /* bytes used in the last chunk */
  GArray    *blocks;     /* Block */
  guint32    last_frame;
  guint      n_records;
};

RemoraFrameLog *
remora_frame_log_new (void)
{
  RemoraFrameLog *log = g_new0 (RemoraFrameLog, 1);

  log->chunks = g_ptr_array_new_with_free_func (g_free);
  log->chunk_sizes = g_array_new (FALSE, FALSE, sizeof (guint32));
  log->blocks = g_array_new (FALSE, FALSE, sizeof (Block));
  return log;
}

void
remora_frame_log_free (RemoraFrameLog *log)
{
  if (log == NULL)
    return;
  g_ptr_array_unref (log->chunks);
  g_array_unref (log->chunk_sizes);
  g_array_unref (log->blocks);
  g_free (log);
}

static gsize
varint_len (guint64 v)
{
  gsize n = 1;

  while (v >= 0x80)
    {
      v >>= 7;
      n++;
    }
  return n;
}

static guint8 *
put_varint (guint8 *p,
            guint64 v)
{
  while (v >= 0x80)
    {
      *p++ = (v & 0x7f) | 0x80;
      v >>= 7;
    }
  *p++ = (guint8) v;
  return p;
}

void
remora_frame_log_append (RemoraFrameLog *log,
                         guint32         frame,
                         guint8          key,
                         const guint8   *data,
                         gsize           len)
{
  Block *block = log->blocks->len > 0 ? &g_array_index (log->blocks, Block, log->blocks->len - 1) : NULL;
  guint32 size = log->chunks->len > 0 ? g_array_index (log->chunk_sizes, guint32, log->chunks->len - 1) : 0;
  gboolean new_block;
  guint32 delta;
  gsize need;
  guint8 *p;

  g_return_if_fail (len <= REMORA_FRAME_LOG_MAX_RECORD);
  g_return_if_fail (data != NULL || len == 0);
  g_return_if_fail (log->n_records == 0 || frame >= log->last_frame);

  new_block = block == NULL || block->n == BLOCK_RECORDS;
  delta = new_block ? 0 : frame - log->last_frame;
  need = varint_len (delta) + 1 + varint_len (len) + len;
  if (log->chunks->len == 0 || log->used + need > size)
    {
      new_block = TRUE;
      delta = 0;
      need = 1 + 1 + varint_len (len) + len;
      /* Untouched pages of a fresh chunk cost nothing until written. */
      size = MAX (MIN (size * 2, CHUNK_SIZE), FIRST_CHUNK);
      size = MAX (size, (guint32) need);
      g_ptr_array_add (log->chunks, g_malloc (size));
      g_array_append_val (log->chunk_sizes, size);
      log->chunk_bytes += size;
      log->used = 0;
    }
  if (new_block)
    {
      Block b = { frame, log->chunks->len - 1, (guint32) log->used, 0 };

      g_array_append_val (log->blocks, b);
      block = &g_array_index (log->blocks, Block, log->blocks->len - 1);
    }

  p = (guint8 *) g_ptr_array_index (log->chunks, log->chunks->len - 1) + log->used;
  p = put_varint (p, delta);
  *p++ = key;
  p = put_varint (p, len);
  if (len > 0)
    memcpy (p, data, len);
  log->used += need;
  block->n++;
  log->last_frame = frame;
  log->n_records++;
}

guint
remora_frame_log_foreach (RemoraFrameLog     *log,
                          guint32             frame,
                          guint8              key,
                          RemoraFrameLogFunc  func,
                          gpointer            user_data)
{
  const Block *blocks = (const Block *) log->blocks->data;
  guint lo = 0, hi = log->blocks->len;
  guint visited = 0;

  /* The first block starting at or after FRAME; FRAME's first records may
   * sit at the end of the block before it. */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (blocks[mid].first_frame < frame)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo > 0)
    lo--;

  for (guint b = lo; b < log->blocks->len; b++)
    {
      const Block *block = &blocks[b];
      RemoraPackReader r;
      guint32 at = block->first_frame;

      if (block->first_frame > frame)
        break;
      remora_unpack_init (&r, (const guint8 *) g_ptr_array_index (log->chunks, block->chunk) + block->offset,
                          g_array_index (log->chunk_sizes, guint32, block->chunk) - block->offset);
      for (guint i = 0; i < block->n; i++)
        {
          guint8 k = 0;
          gsize len;

          at += remora_unpack_u32 (&r);
          remora_unpack_bytes (&r, &k, 1);
          len = remora_unpack_u32 (&r);
          /* Written by this file only; a bad read is a bug, not input. */
          g_assert (!r.bad && (gsize) (r.end - r.p) >= len);
          if (at > frame)
            return visited;
          if (at == frame && k == key)
            {
              visited++;
              if (!func (r.p, len, user_data))
                return visited;
            }
          r.p += len;
        }
    }
  return visited;
}

typedef struct {
  const guint8 *data;
  gsize         len;
} FindResult;

static gboolean
find_first (const guint8 *data,
            gsize         len,
            gpointer      user_data)
{
  FindResult *res = user_data;

  res->data = data;
  res->len = len;
  return FALSE;
}

const guint8 *
remora_frame_log_find (RemoraFrameLog *log,
                       guint32         frame,
                       guint8          key,
                       gsize          *len)
{
  FindResult res = { NULL, 0 };

  remora_frame_log_foreach (log, frame, key, find_first, &res);
  if (len != NULL)
    *len = res.len;
  return res.data;
}

guint
remora_frame_log_length (RemoraFrameLog *log)
{
  return log->n_records;
}

gsize
remora_frame_log_memory (RemoraFrameLog *log)
{
  return sizeof *log + log->chunk_bytes + (gsize) log->blocks->len * sizeof (Block);
}
