/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-frame-store"

#include "config.h"

#include "remora-frame-store.h"

#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* Records live in fixed chunks so growth never moves (or briefly doubles)
 * millions of them; only the small chunk-pointer table is reallocated.
 * Packet bytes not in the mapped file go to 16 MiB arena chunks, addressed
 * as chunk << 24 | offset; a packet never straddles two chunks. */

#define RECORD_CHUNK_SHIFT 16
#define RECORD_CHUNK_SIZE  (1u << RECORD_CHUNK_SHIFT)
#define RECORD_CHUNK_MASK  (RECORD_CHUNK_SIZE - 1)

#define ARENA_CHUNK_SHIFT  24
#define ARENA_CHUNK_SIZE   (1u << ARENA_CHUNK_SHIFT)
#define ARENA_OFFSET_MASK  (ARENA_CHUNK_SIZE - 1)
#define ARENA_MAX_CHUNKS   (1u << (REMORA_FRAME_OFFSET_BITS - ARENA_CHUNK_SHIFT))

G_STATIC_ASSERT (REMORA_MAX_PACKET_SIZE <= ARENA_CHUNK_SIZE);

struct _RemoraFrameStore {
  RemoraFrameRecord **chunks;
  /* pcapng epb_flags, per record chunk: NULL until a frame of that chunk
   * has nonzero flags (most files have none) */
  guint32           **pack_flags;
  guint               n_chunks;
  guint               chunks_alloc;
  guint               n_frames;

  guint8            **arena;
  guint               n_arena;
  guint               arena_alloc;
  gsize               arena_used;      /* bytes used in the last arena chunk */

  GMappedFile        *map;
  RemoraGrowingMap   *growing;
  const guint8       *map_data;
  gsize               map_len;

  GArray             *interfaces;      /* RemoraInterface, strings owned */
};

static void
clear_interface (gpointer data)
{
  RemoraInterface *iface = data;

  g_clear_pointer (&iface->name, g_free);
  g_clear_pointer (&iface->description, g_free);
}

RemoraFrameStore *
remora_frame_store_new (void)
{
  RemoraFrameStore *store = g_new0 (RemoraFrameStore, 1);

  store->interfaces = g_array_new (FALSE, TRUE, sizeof (RemoraInterface));
  g_array_set_clear_func (store->interfaces, clear_interface);
  return store;
}

void
remora_frame_store_free (RemoraFrameStore *store)
{
  if (store == NULL)
    return;

  for (guint i = 0; i < store->n_chunks; i++)
    {
      g_free (store->chunks[i]);
      g_free (store->pack_flags[i]);
    }
  g_free (store->chunks);
  g_free (store->pack_flags);
  for (guint i = 0; i < store->n_arena; i++)
    g_free (store->arena[i]);
  g_free (store->arena);
  g_clear_pointer (&store->map, g_mapped_file_unref);
  g_clear_pointer (&store->growing, remora_growing_map_free);
  g_array_unref (store->interfaces);
  g_free (store);
}

void
remora_frame_store_set_mapped_file (RemoraFrameStore *store,
                                    GMappedFile      *map)
{
  g_return_if_fail (store != NULL);

  if (map == store->map)
    return;
  /* Records already pointing into the old map would dangle. */
  g_return_if_fail (store->map == NULL || store->n_frames == 0);

  if (map != NULL)
    g_mapped_file_ref (map);
  g_clear_pointer (&store->map, g_mapped_file_unref);
  store->map = map;
  store->map_data = map != NULL ? (const guint8 *) g_mapped_file_get_contents (map) : NULL;
  store->map_len = map != NULL ? g_mapped_file_get_length (map) : 0;
}

/* Copies LEN bytes into the arena and returns their address. */
static guint64
arena_add (RemoraFrameStore *store,
           const guint8     *data,
           gsize             len)
{
  guint8 *dst;

  if (store->n_arena == 0 || store->arena_used + len > ARENA_CHUNK_SIZE)
    {
      if (store->n_arena == store->arena_alloc)
        {
          store->arena_alloc = MAX (16, store->arena_alloc * 2);
          store->arena = g_renew (guint8 *, store->arena, store->arena_alloc);
        }
      /* Untouched pages of a fresh chunk cost no memory until written. */
      store->arena[store->n_arena++] = g_malloc (ARENA_CHUNK_SIZE);
      store->arena_used = 0;
    }

  dst = store->arena[store->n_arena - 1] + store->arena_used;
  if (len > 0)
    memcpy (dst, data, len);
  store->arena_used += len;
  return ((guint64) (store->n_arena - 1) << ARENA_CHUNK_SHIFT) | (store->arena_used - len);
}

static RemoraFrameRecord *
new_record (RemoraFrameStore *store)
{
  guint index = store->n_frames;

  if ((index & RECORD_CHUNK_MASK) == 0)
    {
      if (store->n_chunks == store->chunks_alloc)
        {
          store->chunks_alloc = MAX (16, store->chunks_alloc * 2);
          store->chunks = g_renew (RemoraFrameRecord *, store->chunks, store->chunks_alloc);
          store->pack_flags = g_renew (guint32 *, store->pack_flags, store->chunks_alloc);
        }
      store->pack_flags[store->n_chunks] = NULL;
      store->chunks[store->n_chunks++] = g_new (RemoraFrameRecord, RECORD_CHUNK_SIZE);
    }
  store->n_frames++;
  return &store->chunks[index >> RECORD_CHUNK_SHIFT][index & RECORD_CHUNK_MASK];
}

static void
set_pack_flags (RemoraFrameStore *store,
                guint             number,
                guint32           flags)
{
  guint index = number - 1;
  guint32 **chunk = &store->pack_flags[index >> RECORD_CHUNK_SHIFT];

  if (flags == 0 && *chunk == NULL)
    return;
  if (*chunk == NULL)
    *chunk = g_new0 (guint32, RECORD_CHUNK_SIZE);
  (*chunk)[index & RECORD_CHUNK_MASK] = flags;
}

/* Offsets past REMORA_FRAME_OFFSET_BITS do not fit a record. */
#define OFFSET_LIMIT (G_GUINT64_CONSTANT (1) << REMORA_FRAME_OFFSET_BITS)

guint
remora_frame_store_append (RemoraFrameStore          *store,
                           const RemoraPacketRecord  *rec)
{
  RemoraFrameRecord *out;
  guint64 where;
  guint8 flags;

  g_return_val_if_fail (store != NULL, 0);
  g_return_val_if_fail (rec != NULL, 0);
  g_return_val_if_fail (rec->cap_len <= REMORA_MAX_PACKET_SIZE, 0);
  g_return_val_if_fail (rec->data != NULL || rec->cap_len == 0, 0);
  g_return_val_if_fail (store->n_frames < G_MAXUINT - 1, 0);

  /* Pointer comparison via integers: the bytes may belong to any buffer. */
  if (store->map_data != NULL
      && (guintptr) rec->data >= (guintptr) store->map_data
      && (guintptr) rec->data - (guintptr) store->map_data <= store->map_len
      && rec->cap_len <= store->map_len - ((guintptr) rec->data - (guintptr) store->map_data))
    {
      /* Past 1 TiB of file the store is full. */
      if ((guintptr) rec->data - (guintptr) store->map_data >= OFFSET_LIMIT)
        return 0;
      where = (guintptr) rec->data - (guintptr) store->map_data;
      flags = 0;
    }
  else
    {
      /* A record addresses 1 TiB of arena; beyond it the store is full. */
      if (store->n_arena == ARENA_MAX_CHUNKS && store->arena_used + rec->cap_len > ARENA_CHUNK_SIZE)
        return 0;
      where = arena_add (store, rec->data, rec->cap_len);
      flags = REMORA_FRAME_IN_ARENA;
    }
  out = new_record (store);
  out->data_offset = where;
  out->flags = flags;
  out->ts_ns = rec->ts_ns;
  out->cap_len = rec->cap_len;
  out->orig_len = rec->orig_len;
  out->iface_id = (guint16) MIN (rec->iface_id, G_MAXUINT16);
  set_pack_flags (store, store->n_frames, rec->flags);
  return store->n_frames;
}

void
remora_frame_store_set_growing_map (RemoraFrameStore *store,
                                    RemoraGrowingMap *map)
{
  g_return_if_fail (store != NULL);
  /* Records already pointing into the old one would dangle. */
  g_return_if_fail (store->growing == NULL);

  store->growing = map;
}

RemoraGrowingMap *
remora_frame_store_get_growing_map (RemoraFrameStore *store)
{
  g_return_val_if_fail (store != NULL, NULL);

  return store->growing;
}

guint
remora_frame_store_append_in_file (RemoraFrameStore          *store,
                                   const RemoraPacketRecord  *rec)
{
  RemoraFrameRecord *out;

  g_return_val_if_fail (store != NULL, 0);
  g_return_val_if_fail (rec != NULL, 0);
  g_return_val_if_fail (store->growing != NULL, 0);
  g_return_val_if_fail (rec->cap_len <= REMORA_MAX_PACKET_SIZE, 0);
  g_return_val_if_fail (store->n_frames < G_MAXUINT - 1, 0);

  if (rec->data_offset + rec->cap_len > OFFSET_LIMIT ||
      !remora_growing_map_ensure (store->growing, rec->data_offset, rec->cap_len))
    return 0;

  out = new_record (store);
  out->data_offset = rec->data_offset;
  out->flags = REMORA_FRAME_IN_FILE;
  out->ts_ns = rec->ts_ns;
  out->cap_len = rec->cap_len;
  out->orig_len = rec->orig_len;
  out->iface_id = (guint16) MIN (rec->iface_id, G_MAXUINT16);
  set_pack_flags (store, store->n_frames, rec->flags);
  return store->n_frames;
}

void
remora_frame_store_add_interface (RemoraFrameStore       *store,
                                  const RemoraInterface  *iface)
{
  RemoraInterface copy;

  g_return_if_fail (store != NULL);
  g_return_if_fail (iface != NULL);

  copy = *iface;
  copy.name = g_strdup (iface->name);
  copy.description = g_strdup (iface->description);
  g_array_append_val (store->interfaces, copy);
}

guint
remora_frame_store_get_n_frames (RemoraFrameStore *store)
{
  g_return_val_if_fail (store != NULL, 0);

  return store->n_frames;
}

const RemoraFrameRecord *
remora_frame_store_get_record (RemoraFrameStore *store,
                               guint             number)
{
  guint index;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (number >= 1 && number <= store->n_frames, NULL);

  index = number - 1;
  return &store->chunks[index >> RECORD_CHUNK_SHIFT][index & RECORD_CHUNK_MASK];
}

const guint8 *
remora_frame_store_get_data (RemoraFrameStore *store,
                             guint             number)
{
  const RemoraFrameRecord *rec = remora_frame_store_get_record (store, number);

  if (rec == NULL)
    return NULL;
  if (rec->flags & REMORA_FRAME_IN_FILE)
    return remora_growing_map_get (store->growing, rec->data_offset);
  if (rec->flags & REMORA_FRAME_IN_ARENA)
    return store->arena[rec->data_offset >> ARENA_CHUNK_SHIFT]
           + (rec->data_offset & ARENA_OFFSET_MASK);
  return store->map_data + rec->data_offset;
}

void
remora_frame_store_release_frames (RemoraFrameStore *store,
                                   guint             first,
                                   guint             last)
{
  gsize page = (gsize) sysconf (_SC_PAGESIZE);
  gsize lo = G_MAXSIZE, hi = 0;
  guintptr base;

  g_return_if_fail (store != NULL);

  if (store->map_data == NULL || first == 0 || first > last || last > store->n_frames)
    return;
  for (guint number = first; number <= last; number++)
    {
      const RemoraFrameRecord *rec = remora_frame_store_get_record (store, number);

      if (rec->flags & (REMORA_FRAME_IN_ARENA | REMORA_FRAME_IN_FILE))
        continue;
      lo = MIN (lo, rec->data_offset);
      hi = MAX (hi, rec->data_offset + rec->cap_len);
    }
  if (lo >= hi)
    return;
  /* Whole pages: the first one may hold the end of the frame before,
   * which a pass in file order has read already; the last one may hold
   * the next frame's start, so it stays for the next call. */
  base = (guintptr) store->map_data;
  lo = ((base + lo) / page) * page - base;
  hi = ((base + hi) / page) * page - base;
  if (lo < hi)
    madvise ((void *) (base + lo), hi - lo, MADV_DONTNEED);
}

const guint8 *
remora_frame_store_read_frame (gpointer  user_data,
                               guint32   number,
                               guint32  *len)
{
  RemoraFrameStore *store = user_data;

  *len = 0;
  if (number == 0 || number > store->n_frames)
    return NULL;
  *len = remora_frame_store_get_record (store, number)->cap_len;
  return remora_frame_store_get_data (store, number);
}

guint32
remora_frame_store_get_packet_flags (RemoraFrameStore *store,
                                     guint             number)
{
  const guint32 *chunk;
  guint index;

  g_return_val_if_fail (store != NULL, 0);
  g_return_val_if_fail (number >= 1 && number <= store->n_frames, 0);

  index = number - 1;
  chunk = store->pack_flags[index >> RECORD_CHUNK_SHIFT];
  return chunk != NULL ? chunk[index & RECORD_CHUNK_MASK] : 0;
}

guint
remora_frame_store_get_n_interfaces (RemoraFrameStore *store)
{
  g_return_val_if_fail (store != NULL, 0);

  return store->interfaces->len;
}

const RemoraInterface *
remora_frame_store_get_interface (RemoraFrameStore *store,
                                  guint             id)
{
  g_return_val_if_fail (store != NULL, NULL);

  if (id >= store->interfaces->len)
    return NULL;
  return &g_array_index (store->interfaces, RemoraInterface, id);
}

/* Interfaces can appear anywhere in a pcapng file, so they are copied as
 * the reader meets them, before the first packet that uses them. */
static void
sync_interfaces (RemoraFrameStore    *store,
                 RemoraCaptureReader *reader,
                 guint                base)
{
  guint n = remora_capture_reader_get_n_interfaces (reader);

  while (store->interfaces->len - base < n)
    remora_frame_store_add_interface (store,
                                      remora_capture_reader_get_interface (reader,
                                                                           store->interfaces->len - base));
}

gboolean
remora_frame_store_load (RemoraFrameStore     *store,
                         RemoraCaptureReader  *reader,
                         GError              **error)
{
  GMappedFile *map;
  RemoraPacketRecord rec;
  RemoraReadStatus status;
  guint base;
  guint n_ifaces = 0;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (reader != NULL, FALSE);

  map = remora_capture_reader_get_mapped_file (reader);
  if (map != NULL && store->map == NULL && store->n_frames == 0)
    remora_frame_store_set_mapped_file (store, map);

  /* Loading into a store that already has interfaces shifts the ids. */
  base = store->interfaces->len;
  sync_interfaces (store, reader, base);

  while ((status = remora_capture_reader_next (reader, &rec, error)) == REMORA_READ_PACKET)
    {
      /* Cheap test per packet; the copy happens once per interface. */
      if (G_UNLIKELY (remora_capture_reader_get_n_interfaces (reader) != n_ifaces))
        {
          sync_interfaces (store, reader, base);
          n_ifaces = remora_capture_reader_get_n_interfaces (reader);
        }
      rec.iface_id += base;
      remora_frame_store_append (store, &rec);
    }
  return status == REMORA_READ_EOF;
}

gsize
remora_frame_store_get_memory_size (RemoraFrameStore *store)
{
  gsize flags = 0;

  g_return_val_if_fail (store != NULL, 0);

  for (guint i = 0; i < store->n_chunks; i++)
    if (store->pack_flags[i] != NULL)
      flags += RECORD_CHUNK_SIZE * sizeof (guint32);
  return sizeof *store + flags
         + (gsize) store->n_chunks * RECORD_CHUNK_SIZE * sizeof (RemoraFrameRecord)
         + (gsize) store->chunks_alloc * 2 * sizeof (gpointer)
         + (gsize) store->n_arena * ARENA_CHUNK_SIZE
         + (gsize) store->arena_alloc * sizeof (guint8 *);
}

void
remora_frame_store_get_frame_input (RemoraFrameStore *store,
                                    guint             number,
                                    RemoraFrameInput *input)
{
  const RemoraFrameRecord *rec = remora_frame_store_get_record (store, number);
  const RemoraInterface *iface = remora_frame_store_get_interface (store, rec->iface_id);

  memset (input, 0, sizeof *input);
  input->number = number;
  input->data = remora_frame_store_get_data (store, number);
  input->cap_len = rec->cap_len;
  input->orig_len = rec->orig_len;
  input->ts_ns = rec->ts_ns;
  input->iface_id = rec->iface_id;
  input->link_type = iface != NULL ? iface->link_type : -1;
  input->iface_name = iface != NULL ? iface->name : NULL;
  input->iface_description = iface != NULL ? iface->description : NULL;
  input->pack_flags = remora_frame_store_get_packet_flags (store, number);
}
