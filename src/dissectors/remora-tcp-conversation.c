/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-tcp"

#include "config.h"

#include "remora-tcp-conversation.h"

#include <string.h>

/* Streams live in fixed-size chunks so that the hash table can point at
 * their keys: a growing flat array would move them. */
#define STREAMS_PER_CHUNK 1024

/* A completed PDU kept for redissection. */
typedef struct {
  guint8         *data;      /* NULL once dropped for the cap */
  guint32         len;
  guint32         n_pieces;
  RemoraTcpPiece *pieces;
} KeptPdu;

struct _RemoraTcpState {
  GHashTable *by_key;     /* RemoraConvKey * (inside a stream) -> stream */
  GPtrArray  *chunks;     /* RemoraTcpStream[STREAMS_PER_CHUNK] */
  guint32     n_streams;
  GArray     *frames;     /* RemoraTcpFrameInfo, ascending frame order */
  GArray     *analysis;   /* RemoraTcpAnalysis, ascending frame order */
  GArray     *deseg;      /* RemoraTcpDesegInfo, ascending frame order */
  GArray     *kept;       /* KeptPdu */
  guint32     kept_oldest;  /* first index whose data may still be held */
  gsize       kept_bytes;
  gsize       pending_bytes;
  gsize       unacked_total;
};

/* All streams together remember at most this many unacknowledged
 * segments: a capture of many half-open streams stays bounded. */
#define UNACKED_MAX_TOTAL (2u * 1024 * 1024)

static int
address_cmp (const RemoraAddress *x,
             const RemoraAddress *y)
{
  if (x->type != y->type)
    return x->type < y->type ? -1 : 1;
  if (x->len != y->len)
    return x->len < y->len ? -1 : 1;
  return memcmp (x->data, y->data, MIN (x->len, sizeof x->data));
}

guint
remora_conv_key_init (RemoraConvKey       *key,
                      const RemoraAddress *src,
                      const RemoraAddress *dst,
                      guint16              sport,
                      guint16              dport)
{
  int c = address_cmp (src, dst);
  gboolean swap = c > 0 || (c == 0 && sport > dport);

  /* Zero first: the hash and compare read whole structs. */
  memset (key, 0, sizeof *key);
  if (!swap)
    {
      remora_address_set (&key->a, src->type, src->data, MIN (src->len, sizeof src->data));
      remora_address_set (&key->b, dst->type, dst->data, MIN (dst->len, sizeof dst->data));
      key->port_a = sport;
      key->port_b = dport;
    }
  else
    {
      remora_address_set (&key->a, dst->type, dst->data, MIN (dst->len, sizeof dst->data));
      remora_address_set (&key->b, src->type, src->data, MIN (src->len, sizeof src->data));
      key->port_a = dport;
      key->port_b = sport;
    }
  return swap ? 1 : 0;
}

static guint
address_hash (const RemoraAddress *addr, guint h)
{
  guint len = MIN (addr->len, sizeof addr->data);

  h = h * 31 + addr->type;
  for (guint i = 0; i < len; i++)
    h = h * 31 + addr->data[i];
  return h;
}

guint
remora_conv_key_hash (gconstpointer p)
{
  const RemoraConvKey *key = p;
  guint h = 17;

  h = address_hash (&key->a, h);
  h = address_hash (&key->b, h);
  h = h * 31 + key->port_a;
  h = h * 31 + key->port_b;
  return h ^ (h >> 15);
}

gboolean
remora_conv_key_equal (gconstpointer pa,
                       gconstpointer pb)
{
  const RemoraConvKey *a = pa, *b = pb;

  return a->port_a == b->port_a && a->port_b == b->port_b &&
         address_cmp (&a->a, &b->a) == 0 && address_cmp (&a->b, &b->b) == 0;
}

RemoraTcpState *
remora_tcp_state_new (void)
{
  RemoraTcpState *state = g_new0 (RemoraTcpState, 1);

  state->by_key = g_hash_table_new (remora_conv_key_hash, remora_conv_key_equal);
  state->chunks = g_ptr_array_new_with_free_func (g_free);
  state->frames = g_array_new (FALSE, FALSE, sizeof (RemoraTcpFrameInfo));
  state->analysis = g_array_new (FALSE, FALSE, sizeof (RemoraTcpAnalysis));
  state->deseg = g_array_new (FALSE, FALSE, sizeof (RemoraTcpDesegInfo));
  state->kept = g_array_new (FALSE, FALSE, sizeof (KeptPdu));
  return state;
}

void
remora_tcp_state_free (gpointer data)
{
  RemoraTcpState *state = data;

  if (state == NULL)
    return;
  for (guint32 i = 0; i < state->n_streams; i++)
    remora_tcp_stream_clear (state, remora_tcp_state_get_stream (state, i));
  for (guint i = 0; i < state->kept->len; i++)
    {
      KeptPdu *k = &g_array_index (state->kept, KeptPdu, i);
      g_free (k->data);
      g_free (k->pieces);
    }
  g_array_unref (state->kept);
  g_array_unref (state->analysis);
  g_array_unref (state->deseg);
  g_hash_table_unref (state->by_key);
  g_ptr_array_unref (state->chunks);
  g_array_unref (state->frames);
  g_free (state);
}

RemoraTcpStream *
remora_tcp_state_lookup (RemoraTcpState      *state,
                         const RemoraConvKey *key)
{
  return g_hash_table_lookup (state->by_key, key);
}

RemoraTcpStream *
remora_tcp_state_get_stream (RemoraTcpState *state,
                             guint32         index)
{
  RemoraTcpStream *chunk;

  if (index >= state->n_streams)
    return NULL;
  chunk = g_ptr_array_index (state->chunks, index / STREAMS_PER_CHUNK);
  return &chunk[index % STREAMS_PER_CHUNK];
}

guint32
remora_tcp_state_n_streams (RemoraTcpState *state)
{
  return state->n_streams;
}

RemoraTcpStream *
remora_tcp_state_add (RemoraTcpState      *state,
                      const RemoraConvKey *key,
                      gint64               ts_ns)
{
  RemoraTcpStream *stream, *old;
  guint32 index = state->n_streams;

  /* A stream replaced by a new one on the same ports gets no more
   * segments: its running state can go. */
  old = g_hash_table_lookup (state->by_key, key);
  if (old != NULL)
    remora_tcp_stream_clear (state, old);

  if (index % STREAMS_PER_CHUNK == 0)
    g_ptr_array_add (state->chunks, g_new0 (RemoraTcpStream, STREAMS_PER_CHUNK));
  state->n_streams++;
  stream = remora_tcp_state_get_stream (state, index);
  stream->key = *key;
  stream->index = index;
  stream->first_ts_ns = ts_ns;
  stream->prev_ts_ns = ts_ns;
  for (guint d = 0; d < 2; d++)
    {
      stream->flow[d].win_scale = -1;
      stream->flow[d].valid_bif = 1;
    }
  /* The newest stream of a reused port pair is the one later segments
   * belong to; older ones stay reachable by index for redissection. */
  g_hash_table_replace (state->by_key, &stream->key, stream);
  return stream;
}

void
remora_tcp_state_record (RemoraTcpState           *state,
                         const RemoraTcpFrameInfo *info)
{
  g_array_append_val (state->frames, *info);
}

const RemoraTcpFrameInfo *
remora_tcp_state_find (RemoraTcpState *state,
                       guint32         frame,
                       guint8          occurrence)
{
  const RemoraTcpFrameInfo *v = (const RemoraTcpFrameInfo *) state->frames->data;
  guint lo = 0, hi = state->frames->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (v[mid].frame < frame)
        lo = mid + 1;
      else
        hi = mid;
    }
  for (; lo < state->frames->len && v[lo].frame == frame; lo++)
    if (v[lo].occurrence == occurrence)
      return &v[lo];
  return NULL;
}

gsize
remora_tcp_state_memory (RemoraTcpState *state)
{
  /* GHashTable keeps hashes, keys and values in three arrays sized to a
   * power of two at most twice the entries. */
  gsize table = (gsize) g_hash_table_size (state->by_key) * 2 * (sizeof (guint) + 2 * sizeof (gpointer));

  return table +
         (gsize) state->chunks->len * STREAMS_PER_CHUNK * sizeof (RemoraTcpStream) +
         (gsize) state->frames->len * sizeof (RemoraTcpFrameInfo) +
         (gsize) state->analysis->len * sizeof (RemoraTcpAnalysis) +
         (gsize) state->deseg->len * sizeof (RemoraTcpDesegInfo) +
         state->unacked_total * sizeof (RemoraTcpUnacked) +
         state->pending_bytes + state->kept_bytes;
}

void
remora_tcp_stream_clear (RemoraTcpState  *state,
                         RemoraTcpStream *stream)
{
  for (guint d = 0; d < 2; d++)
    {
      RemoraTcpFlow *f = &stream->flow[d];

      state->unacked_total -= f->n_unacked;
      g_clear_pointer (&f->unacked, g_free);
      f->n_unacked = f->unacked_alloc = 0;
      if (f->pending != NULL)
        {
          remora_tcp_pending_free (state, f->pending);
          f->pending = NULL;
        }
    }
}

gboolean
remora_tcp_flow_add_unacked (RemoraTcpState         *state,
                             RemoraTcpFlow          *flow,
                             const RemoraTcpUnacked *u)
{
  if (flow->n_unacked >= REMORA_TCP_MAX_UNACKED || state->unacked_total >= UNACKED_MAX_TOTAL)
    return FALSE;
  if (flow->n_unacked == flow->unacked_alloc)
    {
      flow->unacked_alloc = flow->unacked_alloc ? flow->unacked_alloc * 2 : 2;
      flow->unacked = g_renew (RemoraTcpUnacked, flow->unacked, flow->unacked_alloc);
    }
  flow->unacked[flow->n_unacked++] = *u;
  state->unacked_total++;
  return TRUE;
}

void
remora_tcp_flow_remove_unacked (RemoraTcpState *state,
                                RemoraTcpFlow  *flow,
                                guint32         index)
{
  flow->unacked[index] = flow->unacked[--flow->n_unacked];
  state->unacked_total--;
  if (flow->n_unacked == 0)
    {
      /* An idle flow gives its list back: many quiet streams cost nothing. */
      g_clear_pointer (&flow->unacked, g_free);
      flow->unacked_alloc = 0;
    }
}

/* Records are appended in frame order on the first pass, so each array is
 * sorted by frame and a binary search finds a frame's entries. */
static guint
lower_bound (const void *base, guint n, gsize size, gsize frame_off, guint32 frame)
{
  guint lo = 0, hi = n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      guint32 f;

      memcpy (&f, (const guint8 *) base + (gsize) mid * size + frame_off, sizeof f);
      if (f < frame)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

void
remora_tcp_state_record_analysis (RemoraTcpState          *state,
                                  const RemoraTcpAnalysis *a)
{
  g_array_append_val (state->analysis, *a);
}

const RemoraTcpAnalysis *
remora_tcp_state_find_analysis (RemoraTcpState *state,
                                guint32         frame,
                                guint8          occurrence)
{
  const RemoraTcpAnalysis *v = (const RemoraTcpAnalysis *) state->analysis->data;
  guint i = lower_bound (v, state->analysis->len, sizeof *v, G_STRUCT_OFFSET (RemoraTcpAnalysis, frame), frame);

  for (; i < state->analysis->len && v[i].frame == frame; i++)
    if (v[i].occurrence == occurrence)
      return &v[i];
  return NULL;
}

void
remora_tcp_state_record_deseg (RemoraTcpState           *state,
                               const RemoraTcpDesegInfo *d)
{
  g_array_append_val (state->deseg, *d);
}

RemoraTcpDesegInfo *
remora_tcp_state_find_deseg (RemoraTcpState *state,
                             guint32         frame,
                             guint8          occurrence)
{
  RemoraTcpDesegInfo *v = (RemoraTcpDesegInfo *) state->deseg->data;
  guint i = lower_bound (v, state->deseg->len, sizeof *v, G_STRUCT_OFFSET (RemoraTcpDesegInfo, frame), frame);

  for (; i < state->deseg->len && v[i].frame == frame; i++)
    if (v[i].occurrence == occurrence)
      return &v[i];
  return NULL;
}

/* ---- pending PDUs ---- */

RemoraTcpPending *
remora_tcp_pending_new (RemoraTcpState *state,
                        guint32         seq,
                        guint32         frame)
{
  RemoraTcpPending *p = g_new0 (RemoraTcpPending, 1);

  p->seq = seq;
  p->first_frame = frame;
  p->pieces = g_array_new (FALSE, FALSE, sizeof (RemoraTcpPiece));
  state->pending_bytes += sizeof *p;
  return p;
}

void
remora_tcp_pending_free (RemoraTcpState   *state,
                         RemoraTcpPending *p)
{
  if (p == NULL)
    return;
  state->pending_bytes -= sizeof *p + p->buf_len + (gsize) p->pieces->len * sizeof (RemoraTcpPiece);
  g_array_unref (p->pieces);
  g_free (p->buf);
  g_free (p);
}

gsize
remora_tcp_state_pending_bytes (RemoraTcpState *state)
{
  return state->pending_bytes;
}

/* Marks [start, end) received in the sorted range list; FALSE when the
 * list is full (too many holes to track: the PDU is dropped). */
static gboolean
ranges_add (RemoraTcpPending *p,
            guint32           start,
            guint32           end)
{
  guint32 *r = p->ranges;
  guint n = p->n_ranges, i = 0, j;

  while (i < n && r[2 * i + 1] < start)
    i++;
  /* ranges i..j-1 touch or overlap [start, end): merge them */
  j = i;
  while (j < n && r[2 * j] <= end)
    {
      start = MIN (start, r[2 * j]);
      end = MAX (end, r[2 * j + 1]);
      j++;
    }
  if (j == i)
    {
      if (n == G_N_ELEMENTS (p->ranges) / 2)
        return FALSE;
      memmove (&r[2 * (i + 1)], &r[2 * i], (n - i) * 2 * sizeof *r);
      n++;
    }
  else if (j > i + 1)
    {
      memmove (&r[2 * (i + 1)], &r[2 * j], (n - j) * 2 * sizeof *r);
      n -= j - i - 1;
    }
  r[2 * i] = start;
  r[2 * i + 1] = end;
  p->n_ranges = n;
  return TRUE;
}

gboolean
remora_tcp_pending_add (RemoraTcpState   *state,
                        RemoraTcpPending *p,
                        guint32           offset,
                        const guint8     *data,
                        guint32           len,
                        guint32           frame)
{
  guint64 end = (guint64) offset + len;
  RemoraTcpPiece piece = { frame, offset, len };

  if (len == 0)
    return TRUE;
  if (end > REMORA_TCP_PENDING_MAX_PER_STREAM || p->pieces->len >= 65536)
    return FALSE;
  if (end > p->buf_len)
    {
      /* Doubling keeps appends linear; the caps bound it. */
      guint32 alloc = (guint32) MIN (MAX (end, (guint64) p->buf_len * 2),
                                     (guint64) REMORA_TCP_PENDING_MAX_PER_STREAM);

      if (state->pending_bytes + (alloc - p->buf_len) > REMORA_TCP_PENDING_MAX_TOTAL)
        return FALSE;
      p->buf = g_realloc (p->buf, alloc);
      state->pending_bytes += alloc - p->buf_len;
      p->buf_len = alloc;
    }
  /* First copy wins: only bytes not yet received are written; received
   * ones are compared, and a difference is an overlap conflict. */
  for (guint32 pos = offset; pos < end;)
    {
      guint32 stop = (guint32) end;
      gboolean have = FALSE;

      for (guint i = 0; i < p->n_ranges; i++)
        {
          guint32 rs = p->ranges[2 * i], re = p->ranges[2 * i + 1];
          if (pos >= rs && pos < re)
            {
              have = TRUE;
              stop = MIN (stop, re);
              break;
            }
          if (rs > pos)
            {
              stop = MIN (stop, rs);
              break;
            }
        }
      if (have)
        {
          p->overlap = TRUE;
          if (memcmp (p->buf + pos, data + (pos - offset), stop - pos) != 0)
            p->conflict = TRUE;
        }
      else
        memcpy (p->buf + pos, data + (pos - offset), stop - pos);
      pos = stop;
    }
  if (!ranges_add (p, offset, (guint32) end))
    return FALSE;
  g_array_append_val (p->pieces, piece);
  state->pending_bytes += sizeof piece;
  return TRUE;
}

gboolean
remora_tcp_pending_complete (const RemoraTcpPending *p,
                             guint32                 end)
{
  return p->n_ranges > 0 && p->ranges[0] == 0 && p->ranges[1] >= end;
}

/* ---- completed PDUs kept for redissection ---- */

guint32
remora_tcp_state_keep_pdu (RemoraTcpState       *state,
                           const guint8         *data,
                           guint32               len,
                           const RemoraTcpPiece *pieces,
                           guint32               n_pieces)
{
  KeptPdu k = { 0 };

  if (len > REMORA_TCP_COMPLETED_MAX_TOTAL)
    data = NULL;
  /* Oldest first out, until the new one fits. */
  while (data != NULL && state->kept_bytes + len > REMORA_TCP_COMPLETED_MAX_TOTAL &&
         state->kept_oldest < state->kept->len)
    {
      KeptPdu *old = &g_array_index (state->kept, KeptPdu, state->kept_oldest++);
      if (old->data != NULL)
        {
          state->kept_bytes -= old->len;
          g_clear_pointer (&old->data, g_free);
        }
    }
  k.len = len;
  k.data = data ? g_memdup2 (data, len) : NULL;
  if (k.data != NULL)
    state->kept_bytes += len;
  k.n_pieces = n_pieces;
  k.pieces = g_memdup2 (pieces, (gsize) n_pieces * sizeof *pieces);
  g_array_append_val (state->kept, k);
  return state->kept->len;
}

gboolean
remora_tcp_state_get_pdu (RemoraTcpState        *state,
                          guint32                pdu,
                          const guint8         **data,
                          guint32               *len,
                          const RemoraTcpPiece **pieces,
                          guint32               *n_pieces)
{
  const KeptPdu *k;

  if (pdu == 0 || pdu > state->kept->len)
    return FALSE;
  k = &g_array_index (state->kept, KeptPdu, pdu - 1);
  *data = k->data;
  *len = k->len;
  *pieces = k->pieces;
  *n_pieces = k->n_pieces;
  return TRUE;
}
