/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-tcp"

#include "config.h"

#include "remora-tcp-conversation.h"

#include "remora-chunk-array.h"

#include <stdlib.h>
#include <string.h>

#include "remora-dissect.h"
#include "remora-frame-log.h"

/* Streams live in fixed-size chunks so that the hash table can point at
 * their keys: a growing flat array would move them. */
#define STREAMS_PER_CHUNK 1024

/* A record open for the frame being dissected: packed when the next
 * frame begins. */
typedef struct {
  guint32         frame;
  guint8          occurrence;
  guint8          dir;
  guint16         tcp_flags;
  guint32         seglen;
  RemoraTcpRecord rec;
} OpenRecord;

/* A PDU that was pending on the first pass (see remora_tcp_state_pdu_new). */
typedef struct {
  guint32 start_frame;
  guint32 done_frame;    /* 0 until completed */
  guint32 total;         /* its length when completed */
  guint32 next;          /* the PDU that carried its tail on, 0 none */
  guint32 from;          /* ...from this offset */
} PduEntry;

/* A completed PDU kept as a copy (no frame source, or bytes that are not
 * a frame's own). */
typedef struct {
  guint8 *data;          /* NULL once dropped for the cap */
  guint32 len;
} KeptCopy;

struct _RemoraTcpState {
  GHashTable     *by_key;     /* RemoraConvKey * (inside a stream) -> stream */
  GPtrArray      *chunks;     /* RemoraTcpStream[STREAMS_PER_CHUNK] */
  guint32         n_streams;
  RemoraFrameLog *records;    /* packed RemoraTcpRecord, key = occurrence */
  GPtrArray      *open;       /* OpenRecord, reused from frame to frame */
  guint           n_open;
  RemoraFrameLog *pdus;       /* completed PDUs' piece lists, key = occurrence */
  RemoraChunkArray *pdu_table; /* PduEntry, id - 1; updated in place, so never moved */
  GArray         *copies;     /* KeptCopy */
  guint32         copies_oldest;  /* first index whose data may still be held */
  gsize           copies_bytes;
  gsize           pending_bytes;
  gsize           unacked_total;
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
  state->records = remora_frame_log_new ();
  state->open = g_ptr_array_new_with_free_func (g_free);
  state->pdus = remora_frame_log_new ();
  state->pdu_table = remora_chunk_array_new (sizeof (PduEntry));
  state->copies = g_array_new (FALSE, FALSE, sizeof (KeptCopy));
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
  for (guint i = 0; i < state->copies->len; i++)
    g_free (g_array_index (state->copies, KeptCopy, i).data);
  g_array_unref (state->copies);
  remora_chunk_array_free (state->pdu_table);
  remora_frame_log_free (state->pdus);
  g_ptr_array_unref (state->open);
  remora_frame_log_free (state->records);
  g_hash_table_unref (state->by_key);
  g_ptr_array_unref (state->chunks);
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
                      guint32              frame,
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
  stream->first_frame = frame;
  stream->first_ts_ns = ts_ns;
  stream->prev_ts_ns = ts_ns;
  for (guint d = 0; d < 2; d++)
    {
      stream->flow[d].win_scale = -1;
      stream->flow[d].valid_bif = 1;
      stream->first_scale[d] = -1;
    }
  /* The newest stream of a reused port pair is the one later segments
   * belong to; older ones stay reachable by index for redissection. */
  g_hash_table_replace (state->by_key, &stream->key, stream);
  return stream;
}

static PduEntry *
pdu_entry (RemoraTcpState *state,
           guint32         id)
{
  if (id == 0 || id > remora_chunk_array_length (state->pdu_table))
    return NULL;
  return remora_chunk_array_get (state->pdu_table, id - 1);
}

static guint32
stream_first_frame (RemoraTcpState *state,
                    guint32         index)
{
  return remora_tcp_state_get_stream (state, index)->first_frame;
}

static guint32
pdu_start_frame (RemoraTcpState *state,
                 guint32         index)
{
  return pdu_entry (state, index + 1)->start_frame;
}

/* How many of the first N streams or PDUs, which begin in frame order
 * (FIRST_FRAME gives where the one at an index began), began before
 * FRAME. */
static guint32
count_begun_before (RemoraTcpState *state,
                    guint32         n,
                    guint32       (*first_frame) (RemoraTcpState *, guint32),
                    guint32         frame)
{
  guint32 lo = 0, hi = n;

  while (lo < hi)
    {
      guint32 mid = lo + (hi - lo) / 2;

      if (first_frame (state, mid) < frame)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* Streams opened before FRAME. */
static guint32
streams_before (RemoraTcpState *state,
                guint32         frame)
{
  return count_begun_before (state, state->n_streams, stream_first_frame, frame);
}

/* PDUs that started collecting before FRAME. */
static guint32
pdus_before (RemoraTcpState *state,
             guint32         frame)
{
  return count_begun_before (state, remora_chunk_array_length (state->pdu_table), pdu_start_frame, frame);
}

gsize
remora_tcp_state_record_memory (RemoraTcpState *state)
{
  return remora_frame_log_memory (state->records) + remora_frame_log_memory (state->pdus) +
         remora_chunk_array_memory (state->pdu_table) +
         (gsize) state->copies->len * sizeof (KeptCopy) + state->copies_bytes;
}

gsize
remora_tcp_state_memory (RemoraTcpState *state)
{
  /* GHashTable keeps hashes, keys and values in three arrays sized to a
   * power of two at most twice the entries. */
  gsize table = (gsize) g_hash_table_size (state->by_key) * 2 * (sizeof (guint) + 2 * sizeof (gpointer));

  return table +
         (gsize) state->chunks->len * STREAMS_PER_CHUNK * sizeof (RemoraTcpStream) +
         remora_tcp_state_record_memory (state) +
         state->unacked_total * sizeof (RemoraTcpUnacked) +
         state->pending_bytes;
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


/* ---- per-frame records ----
 *
 * A record, packed (RemoraPackWriter varints):
 *
 *   byte    R_* flags: which optional parts follow
 *   byte    completeness (6 bits) | scale factor class << 6
 *   zigzag  streams opened before this frame - 1 - stream index (recent
 *           streams, the usual case, take one byte)
 *   time    tcp.time_delta
 *   [varint scale factor + 2, class SCALE_EXPLICIT]
 *   [R_AF: varint analysis flags; duplicate ACK number and frame, RTO and
 *          its frame, when the flags say so]
 *   [R_ACKS: frame - acks_frame, ack_rtt]
 *   [R_BIF: bytes in flight and push bytes sent, each less the segment length]
 *   [R_DESEG: what reassembly did, when not "dissected as it is"]
 *
 * Frame numbers are stored as distances back from the record's frame;
 * times as microseconds when they are whole ones (pcap's resolution). */

enum {
  R_SEQ_REL   = 1 << 0,
  R_FIRST_RTT = 1 << 1,   /* the stream's iRTT was known (it never changes once known) */
  R_AF        = 1 << 2,
  R_ACKS      = 1 << 3,
  R_BIF       = 1 << 4,
  R_DESEG     = 1 << 5,
};

/* Scale factor classes: the common values cost no byte of their own. */
enum {
  SCALE_UNKNOWN,          /* -1, and any SYN (it shows none) */
  SCALE_NONE,             /* -2 */
  SCALE_FIRST,            /* the first shift recorded for this direction of the stream */
  SCALE_EXPLICIT,
};

/* The desegmentation part: a varint of D_* and the kind, then the numbers
 * it announces. */
enum {
  D_KIND      = 3,        /* REMORA_TCP_DESEG_* */
  D_TAIL      = 1 << 2,   /* tail offset (else the segment length, or 0 for MIDDLE) */
  D_REF       = 1 << 3,   /* the pending PDU the tail went to */
  D_PDU       = 1 << 4,   /* a PDU completed here */
  D_HEAD      = 1 << 5,   /* head length */
  D_BITS      = 6,        /* REMORA_TCP_DESEG_BIT_* from here */
};

static inline guint64
zigzag (gint64 v)
{
  return ((guint64) v << 1) ^ (guint64) (v >> 63);
}

static inline gint64
unzigzag (guint64 v)
{
  return (gint64) (v >> 1) ^ -(gint64) (v & 1);
}

static void
pack_time (RemoraPackWriter *w,
           gint64            t)
{
  gint64 q = t / 1000, r = t % 1000;

  remora_pack_u64 (w, zigzag (q) << 1 | (r != 0));
  if (r != 0)
    remora_pack_s64 (w, r);
}

static gint64
unpack_time (RemoraPackReader *r)
{
  guint64 v = remora_unpack_u64 (r);
  gint64 t = unzigzag (v >> 1) * 1000;

  if (v & 1)
    t += remora_unpack_s64 (r);
  return t;
}

static guint8
default_kind (guint32 seglen)
{
  return seglen == 0 ? REMORA_TCP_DESEG_NONE : REMORA_TCP_DESEG_NORMAL;
}

static void
encode_record (RemoraTcpState   *state,
               OpenRecord       *o,
               RemoraPackWriter *w)
{
  const RemoraTcpRecord *rec = &o->rec;
  const RemoraTcpAnalysis *a = &rec->analysis;
  RemoraTcpStream *s = remora_tcp_state_get_stream (state, rec->stream);
  guint32 frame = o->frame;
  guint32 tail_default = rec->kind == REMORA_TCP_DESEG_MIDDLE ? 0 : G_MAXUINT32;
  guint8 h0 = 0, sc_class;
  guint dh = 0;

  if (rec->seq_rel)
    h0 |= R_SEQ_REL;
  if (a->present)
    {
      if (a->first_rtt_ns != 0)
        h0 |= R_FIRST_RTT;
      if (a->flags != 0)
        h0 |= R_AF;
      if (a->acks_frame != 0)
        h0 |= R_ACKS;
      if (a->bytes_in_flight != 0)
        h0 |= R_BIF;
    }
  dh = rec->kind | (guint) rec->bits << D_BITS;
  if (rec->tail_offset != tail_default)
    dh |= D_TAIL;
  if (rec->pdu_id != 0)
    dh |= D_REF;
  if (rec->has_pdu)
    dh |= D_PDU;
  if (rec->head_len != 0)
    dh |= D_HEAD;
  if (dh != default_kind (o->seglen))
    h0 |= R_DESEG;

  /* Only a non-SYN frame shows its scale factor. */
  if ((o->tcp_flags & 0x002) || rec->scalefactor == -1)
    sc_class = SCALE_UNKNOWN;
  else if (rec->scalefactor == -2)
    sc_class = SCALE_NONE;
  else
    {
      if (s->first_scale[o->dir] == -1 && rec->scalefactor >= 0)
        s->first_scale[o->dir] = rec->scalefactor;
      sc_class = rec->scalefactor == s->first_scale[o->dir] ? SCALE_FIRST : SCALE_EXPLICIT;
    }

  remora_pack_init (w);
  remora_pack_bytes (w, &h0, 1);
  {
    guint8 h1 = (rec->completeness & 0x3f) | sc_class << 6;
    remora_pack_bytes (w, &h1, 1);
  }
  remora_pack_s64 (w, (gint64) streams_before (state, frame) - 1 - rec->stream);
  pack_time (w, rec->delta_ns);
  if (sc_class == SCALE_EXPLICIT)
    remora_pack_u32 (w, (guint32) (rec->scalefactor + 2));
  if (h0 & R_AF)
    {
      remora_pack_u32 (w, a->flags);
      if (a->flags & REMORA_TCP_A_DUPLICATE_ACK)
        {
          remora_pack_u32 (w, a->dupack_num);
          remora_pack_u32 (w, frame - a->dupack_frame);
        }
      if (a->flags & REMORA_TCP_A_RETRANSMISSION)
        {
          pack_time (w, a->rto_ns);
          remora_pack_u32 (w, frame - a->rto_frame);
        }
    }
  if (h0 & R_ACKS)
    {
      remora_pack_u32 (w, frame - a->acks_frame);
      pack_time (w, a->ack_rtt_ns);
    }
  if (h0 & R_BIF)
    {
      remora_pack_s64 (w, (gint64) a->bytes_in_flight - o->seglen);
      remora_pack_s64 (w, (gint64) a->push_bytes_sent - o->seglen);
    }
  if (h0 & R_DESEG)
    {
      remora_pack_u32 (w, dh);
      if (dh & D_TAIL)
        remora_pack_u32 (w, rec->tail_offset);
      if (dh & D_HEAD)
        remora_pack_s64 (w, (gint64) o->seglen - rec->head_len);
      if (dh & D_REF)
        {
          remora_pack_s64 (w, (gint64) pdus_before (state, frame) - rec->pdu_id);
          remora_pack_u32 (w, rec->piece_start);
          remora_pack_s64 (w, (gint64) o->seglen - (rec->piece_end - rec->piece_start));
        }
    }
  /* A record is a few dozen bytes at most. */
  g_assert (!w->overflow);
}

static gboolean
decode_record (RemoraTcpState  *state,
               const guint8    *data,
               gsize            len,
               guint32          frame,
               guint            dir,
               guint16          tcp_flags,
               guint32          seglen,
               RemoraTcpRecord *rec)
{
  RemoraTcpAnalysis *a = &rec->analysis;
  RemoraPackReader r;
  RemoraTcpStream *s;
  guint8 h0 = 0, h1 = 0;
  gint64 index;
  guint dh;

  memset (rec, 0, sizeof *rec);
  remora_unpack_init (&r, data, len);
  remora_unpack_bytes (&r, &h0, 1);
  remora_unpack_bytes (&r, &h1, 1);
  index = (gint64) streams_before (state, frame) - 1 - remora_unpack_s64 (&r);
  s = index >= 0 && index <= G_MAXUINT32 ? remora_tcp_state_get_stream (state, (guint32) index) : NULL;
  if (r.bad || s == NULL)
    return FALSE;
  rec->stream = (guint32) index;
  rec->seq_rel = (h0 & R_SEQ_REL) != 0;
  rec->completeness = h1 & 0x3f;
  rec->delta_ns = unpack_time (&r);
  switch (h1 >> 6)
    {
    case SCALE_UNKNOWN:
      rec->scalefactor = -1;
      break;
    case SCALE_NONE:
      rec->scalefactor = -2;
      break;
    case SCALE_FIRST:
      rec->scalefactor = s->first_scale[dir & 1];
      break;
    default:
      rec->scalefactor = (gint8) ((gint) remora_unpack_u32 (&r) - 2);
      break;
    }
  if (h0 & R_AF)
    {
      a->flags = remora_unpack_u32 (&r);
      if (a->flags & REMORA_TCP_A_DUPLICATE_ACK)
        {
          a->dupack_num = remora_unpack_u32 (&r);
          a->dupack_frame = frame - remora_unpack_u32 (&r);
        }
      if (a->flags & REMORA_TCP_A_RETRANSMISSION)
        {
          a->rto_ns = unpack_time (&r);
          a->rto_frame = frame - remora_unpack_u32 (&r);
        }
    }
  if (h0 & R_ACKS)
    {
      a->acks_frame = frame - remora_unpack_u32 (&r);
      a->ack_rtt_ns = unpack_time (&r);
    }
  if (h0 & R_BIF)
    {
      a->bytes_in_flight = (guint32) (seglen + remora_unpack_s64 (&r));
      a->push_bytes_sent = (guint32) (seglen + remora_unpack_s64 (&r));
    }
  a->present = (h0 & (R_AF | R_ACKS | R_BIF)) != 0;
  if (a->present && (h0 & R_FIRST_RTT))
    a->first_rtt_ns = s->first_rtt_ns;

  dh = default_kind (seglen);
  if (h0 & R_DESEG)
    dh = remora_unpack_u32 (&r);
  rec->kind = dh & D_KIND;
  rec->bits = (guint8) (dh >> D_BITS);
  rec->tail_offset = rec->kind == REMORA_TCP_DESEG_MIDDLE ? 0 : G_MAXUINT32;
  if (dh & D_TAIL)
    rec->tail_offset = remora_unpack_u32 (&r);
  if (dh & D_HEAD)
    rec->head_len = (guint32) (seglen - remora_unpack_s64 (&r));
  if (dh & D_REF)
    {
      rec->pdu_id = (guint32) ((gint64) pdus_before (state, frame) - remora_unpack_s64 (&r));
      rec->piece_start = remora_unpack_u32 (&r);
      rec->piece_end = rec->piece_start + (guint32) (seglen - remora_unpack_s64 (&r));
    }
  rec->has_pdu = (dh & D_PDU) != 0;
  return !r.bad;
}

static void
flush_open (RemoraTcpState *state)
{
  RemoraPackWriter w;

  for (guint i = 0; i < state->n_open; i++)
    {
      OpenRecord *o = g_ptr_array_index (state->open, i);

      encode_record (state, o, &w);
      remora_frame_log_append (state->records, o->frame, o->occurrence, w.buf, w.len);
    }
  state->n_open = 0;
}

RemoraTcpRecord *
remora_tcp_state_begin_record (RemoraTcpState *state,
                               guint32         frame,
                               guint8          occurrence,
                               guint           dir,
                               guint16         tcp_flags,
                               guint32         seglen)
{
  OpenRecord *o;

  if (state->n_open > 0 && ((OpenRecord *) g_ptr_array_index (state->open, 0))->frame != frame)
    flush_open (state);
  /* Open records are few (one per TCP header of a frame) and reused: the
   * pool grows to the deepest nesting seen, never per frame. */
  if (state->n_open == state->open->len)
    g_ptr_array_add (state->open, g_new (OpenRecord, 1));
  o = g_ptr_array_index (state->open, state->n_open++);
  memset (o, 0, sizeof *o);
  o->frame = frame;
  o->occurrence = occurrence;
  o->dir = (guint8) dir;
  o->tcp_flags = tcp_flags;
  o->seglen = seglen;
  o->rec.scalefactor = -1;
  o->rec.kind = REMORA_TCP_DESEG_NONE;
  o->rec.tail_offset = G_MAXUINT32;
  return &o->rec;
}

gboolean
remora_tcp_state_find_record (RemoraTcpState  *state,
                              guint32          frame,
                              guint8           occurrence,
                              guint            dir,
                              guint16          tcp_flags,
                              guint32          seglen,
                              RemoraTcpRecord *rec)
{
  const guint8 *data;
  gsize len;

  if (state->n_open > 0)
    flush_open (state);
  data = remora_frame_log_find (state->records, frame, occurrence, &len);
  return data != NULL && decode_record (state, data, len, frame, dir, tcp_flags, seglen, rec);
}

/* ---- "reassembled in" ---- */

guint32
remora_tcp_state_pdu_new (RemoraTcpState *state,
                          guint32         frame)
{
  gpointer e;

  if (remora_chunk_array_length (state->pdu_table) == G_MAXUINT32 - 1)
    return 0;
  remora_chunk_array_append (state->pdu_table, &e);
  ((PduEntry *) e)->start_frame = frame;
  return remora_chunk_array_length (state->pdu_table);
}

void
remora_tcp_state_pdu_done (RemoraTcpState *state,
                           guint32         id,
                           guint32         frame,
                           guint32         total,
                           guint32         next_id,
                           guint32         from)
{
  PduEntry *e = pdu_entry (state, id);

  if (e == NULL)
    return;
  e->done_frame = frame;
  e->total = total;
  e->next = next_id;
  e->from = from;
}

guint32
remora_tcp_state_reassembled_in (RemoraTcpState *state,
                                 guint32         frame,
                                 guint32         id,
                                 guint32         start,
                                 guint32         end)
{
  guint32 result = 0;
  const PduEntry *e;

  /* Each completion names every frame with a piece in the PDU (but the
   * completing one); a PDU carried on takes the pieces that reach past
   * where the dissector stopped, cut to the PDU's length, as the first
   * pass moved them.  Later PDUs have higher ids: the walk ends. */
  while ((e = pdu_entry (state, id)) != NULL && e->done_frame != 0)
    {
      guint32 cut_end = start < e->total ? MIN (end, e->total) : start;
      guint32 from = MAX (start, e->from);

      if (e->done_frame != frame)
        result = e->done_frame;
      if (e->next <= id || cut_end <= from)
        break;
      start = from - e->from;
      end = cut_end - e->from;
      id = e->next;
    }
  return result;
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
                        guint32           frame,
                        guint32           frame_offset)
{
  guint64 end = (guint64) offset + len;
  RemoraTcpPiece piece = { frame, offset, len, frame_offset };

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

/* ---- completed PDUs kept for redissection ----
 *
 * Each is a list of records in the PDU log under its completion frame and
 * occurrence: the first starts with its length, piece count and whether a
 * copy holds its bytes (then the copy's index); then the pieces in offset
 * order, each as the distance back to its frame, its offset less the
 * previous piece's end, its length and, without a copy, where its bytes
 * sit in its frame. */

enum {
  PDU_COPY    = 1 << 0,
  PDU_DROPPED = 1 << 1,   /* over REMORA_TCP_PIECES_MAX_TOTAL: nothing kept */
};

/* The longest piece: five varints. */
#define PIECE_MAX_PACKED 25

static guint32
keep_copy (RemoraTcpState *state,
           const guint8   *data,
           guint32         len)
{
  KeptCopy k = { NULL, len };

  if (len > REMORA_TCP_COMPLETED_MAX_TOTAL)
    data = NULL;
  /* Oldest first out, until the new one fits. */
  while (data != NULL && state->copies_bytes + len > REMORA_TCP_COMPLETED_MAX_TOTAL &&
         state->copies_oldest < state->copies->len)
    {
      KeptCopy *old = &g_array_index (state->copies, KeptCopy, state->copies_oldest++);
      if (old->data != NULL)
        {
          state->copies_bytes -= old->len;
          g_clear_pointer (&old->data, g_free);
        }
    }
  if (data != NULL)
    {
      k.data = g_memdup2 (data, len);
      state->copies_bytes += len;
    }
  g_array_append_val (state->copies, k);
  return state->copies->len - 1;
}

void
remora_tcp_state_keep_pdu (RemoraTcpState       *state,
                           guint32               frame,
                           guint8                occurrence,
                           const guint8         *data,
                           guint32               len,
                           const RemoraTcpPiece *pieces,
                           guint32               n_pieces,
                           gboolean              from_frames)
{
  RemoraPackWriter w;
  guint32 prev_end = 0;

  remora_pack_init (&w);
  remora_pack_u32 (&w, len);
  if (remora_frame_log_memory (state->pdus) >= REMORA_TCP_PIECES_MAX_TOTAL)
    {
      remora_pack_u32 (&w, 0);
      remora_pack_u32 (&w, PDU_DROPPED);
      remora_frame_log_append (state->pdus, frame, occurrence, w.buf, w.len);
      return;
    }
  remora_pack_u32 (&w, n_pieces);
  remora_pack_u32 (&w, from_frames ? 0 : PDU_COPY);
  if (!from_frames)
    remora_pack_u32 (&w, keep_copy (state, data, len));
  for (guint32 i = 0; i < n_pieces; i++)
    {
      const RemoraTcpPiece *p = &pieces[i];

      if (w.len + PIECE_MAX_PACKED > sizeof w.buf)
        {
          remora_frame_log_append (state->pdus, frame, occurrence, w.buf, w.len);
          remora_pack_init (&w);
        }
      remora_pack_u32 (&w, frame - p->frame);
      remora_pack_s64 (&w, (gint64) p->offset - prev_end);
      remora_pack_u32 (&w, p->length);
      if (from_frames)
        remora_pack_u32 (&w, p->frame_offset);
      prev_end = p->offset + p->length;
    }
  remora_frame_log_append (state->pdus, frame, occurrence, w.buf, w.len);
}

typedef struct {
  RemoraPacket   *pkt;
  guint32         frame;
  gboolean        started;
  gboolean        bad;
  guint32         len;
  guint32         flags;
  guint32         copy;
  guint32         n;       /* announced */
  guint32         got;
  guint32         prev_end;
  RemoraTcpPiece *pieces;
} PduReader;

static gboolean
read_pdu_record (const guint8 *data,
                 gsize         len,
                 gpointer      user_data)
{
  PduReader *pr = user_data;
  RemoraPackReader r;

  remora_unpack_init (&r, data, len);
  if (!pr->started)
    {
      pr->started = TRUE;
      pr->len = remora_unpack_u32 (&r);
      pr->n = remora_unpack_u32 (&r);
      pr->flags = remora_unpack_u32 (&r);
      if (pr->flags & PDU_COPY)
        pr->copy = remora_unpack_u32 (&r);
      /* A PDU has at most 65536 pieces (remora_tcp_pending_add). */
      if (r.bad || pr->n > 65536)
        {
          pr->bad = TRUE;
          return FALSE;
        }
      pr->pieces = remora_packet_alloc (pr->pkt, MAX ((gsize) pr->n, 1) * sizeof (RemoraTcpPiece));
    }
  while (!r.bad && r.p < r.end && pr->got < pr->n)
    {
      RemoraTcpPiece *p = &pr->pieces[pr->got++];

      p->frame = pr->frame - remora_unpack_u32 (&r);
      p->offset = (guint32) (pr->prev_end + remora_unpack_s64 (&r));
      p->length = remora_unpack_u32 (&r);
      p->frame_offset = (pr->flags & PDU_COPY) ? REMORA_TCP_NOT_IN_FRAME : remora_unpack_u32 (&r);
      pr->prev_end = p->offset + p->length;
    }
  if (r.bad)
    pr->bad = TRUE;
  return !pr->bad && pr->got < pr->n;
}

static int
u64_cmp (gconstpointer a,
         gconstpointer b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;

  return x < y ? -1 : x > y;
}

/* The bytes of PIECE from its frame, or NULL. */
static const guint8 *
piece_bytes (RemoraPacket         *pkt,
             const RemoraTcpPiece *piece)
{
  guint32 flen;
  const guint8 *src = remora_session_get_frame_data (pkt->session, piece->frame, &flen);

  if (src == NULL || piece->frame_offset == REMORA_TCP_NOT_IN_FRAME || piece->frame_offset > flen ||
      piece->length > flen - piece->frame_offset)
    return NULL;
  return src + piece->frame_offset;
}

/* The PDU's bytes as the first pass assembled them: where pieces overlap,
 * the one from the earliest frame (the first to arrive) wins. */
static const guint8 *
rebuild_pdu (RemoraPacket         *pkt,
             guint32               len,
             const RemoraTcpPiece *pieces,
             guint32               n)
{
  guint8 *buf = remora_packet_alloc (pkt, MAX (len, 1));
  gboolean disjoint = TRUE;
  guint32 end = 0;

  for (guint32 i = 0; i < n; i++)
    {
      if (pieces[i].length == 0)
        continue;
      if (pieces[i].offset < end || pieces[i].offset > len || pieces[i].length > len - pieces[i].offset)
        disjoint = FALSE;
      end = MAX (end, pieces[i].offset + pieces[i].length);
    }
  if (disjoint)
    {
      for (guint32 i = 0; i < n; i++)
        {
          const guint8 *src;

          if (pieces[i].length == 0)
            continue;
          if ((src = piece_bytes (pkt, &pieces[i])) == NULL)
            return NULL;
          memcpy (buf + pieces[i].offset, src, pieces[i].length);
        }
    }
  else
    {
      guint64 *order = remora_packet_alloc (pkt, MAX ((gsize) n, 1) * sizeof *order);
      guint8 *have = remora_packet_alloc (pkt, len / 8 + 1);

      for (guint32 i = 0; i < n; i++)
        order[i] = (guint64) pieces[i].frame << 32 | i;
      qsort (order, n, sizeof *order, u64_cmp);
      for (guint32 k = 0; k < n; k++)
        {
          const RemoraTcpPiece *p = &pieces[(guint32) order[k]];
          const guint8 *src;

          if (p->length == 0)
            continue;
          if ((src = piece_bytes (pkt, p)) == NULL)
            return NULL;
          for (guint32 j = 0; j < p->length && p->offset + (guint64) j < len; j++)
            {
              guint32 pos = p->offset + j;

              if (!(have[pos / 8] & (1u << (pos % 8))))
                {
                  have[pos / 8] |= (guint8) (1u << (pos % 8));
                  buf[pos] = src[j];
                }
            }
        }
    }
  return buf;
}

gboolean
remora_tcp_state_get_pdu (RemoraTcpState        *state,
                          RemoraPacket          *pkt,
                          guint32                frame,
                          guint8                 occurrence,
                          const guint8         **data,
                          guint32               *len,
                          const RemoraTcpPiece **pieces,
                          guint32               *n_pieces)
{
  PduReader pr = { 0 };

  pr.pkt = pkt;
  pr.frame = frame;
  remora_frame_log_foreach (state->pdus, frame, occurrence, read_pdu_record, &pr);
  if (!pr.started || pr.bad || pr.got != pr.n)
    return FALSE;
  *len = pr.len;
  *pieces = pr.pieces;
  *n_pieces = pr.n;
  *data = NULL;
  if (pr.flags & PDU_DROPPED)
    return TRUE;
  if (pr.flags & PDU_COPY)
    {
      const KeptCopy *k = pr.copy < state->copies->len ? &g_array_index (state->copies, KeptCopy, pr.copy) : NULL;

      if (k != NULL && k->data != NULL)
        {
          guint8 *copy = remora_packet_alloc (pkt, MAX (k->len, 1));

          memcpy (copy, k->data, k->len);
          *data = copy;
        }
    }
  else
    *data = rebuild_pdu (pkt, pr.len, pr.pieces, pr.n);
  return TRUE;
}
