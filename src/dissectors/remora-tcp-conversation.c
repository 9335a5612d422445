/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-tcp"

#include "config.h"

#include "remora-tcp-conversation.h"

#include <string.h>

/* Streams live in fixed-size chunks so that the hash table can point at
 * their keys: a growing flat array would move them. */
#define STREAMS_PER_CHUNK 1024

struct _RemoraTcpState {
  GHashTable *by_key;     /* RemoraConvKey * (inside a stream) -> stream */
  GPtrArray  *chunks;     /* RemoraTcpStream[STREAMS_PER_CHUNK] */
  guint32     n_streams;
  GArray     *frames;     /* RemoraTcpFrameInfo, ascending frame order */
};

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
  return state;
}

void
remora_tcp_state_free (gpointer data)
{
  RemoraTcpState *state = data;

  if (state == NULL)
    return;
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
  RemoraTcpStream *stream;
  guint32 index = state->n_streams;

  if (index % STREAMS_PER_CHUNK == 0)
    g_ptr_array_add (state->chunks, g_new0 (RemoraTcpStream, STREAMS_PER_CHUNK));
  state->n_streams++;
  stream = remora_tcp_state_get_stream (state, index);
  stream->key = *key;
  stream->index = index;
  stream->first_ts_ns = ts_ns;
  stream->prev_ts_ns = ts_ns;
  for (guint d = 0; d < 2; d++)
    stream->flow[d].win_scale = -1;
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
         (gsize) state->frames->len * sizeof (RemoraTcpFrameInfo);
}
