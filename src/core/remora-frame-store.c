/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-frame-store"

#include "config.h"

#include "remora-frame-store.h"

#include <string.h>

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

G_STATIC_ASSERT (sizeof (RemoraFrameRecord) == 32);
G_STATIC_ASSERT (REMORA_MAX_PACKET_SIZE <= ARENA_CHUNK_SIZE);

struct _RemoraFrameStore {
  RemoraFrameRecord **chunks;
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
    g_free (store->chunks[i]);
  g_free (store->chunks);
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
        }
      store->chunks[store->n_chunks++] = g_new (RemoraFrameRecord, RECORD_CHUNK_SIZE);
    }
  store->n_frames++;
  return &store->chunks[index >> RECORD_CHUNK_SHIFT][index & RECORD_CHUNK_MASK];
}

guint
remora_frame_store_append (RemoraFrameStore          *store,
                           const RemoraPacketRecord  *rec)
{
  RemoraFrameRecord *out;

  g_return_val_if_fail (store != NULL, 0);
  g_return_val_if_fail (rec != NULL, 0);
  g_return_val_if_fail (rec->cap_len <= REMORA_MAX_PACKET_SIZE, 0);
  g_return_val_if_fail (rec->data != NULL || rec->cap_len == 0, 0);
  g_return_val_if_fail (store->n_frames < G_MAXUINT - 1, 0);

  out = new_record (store);
  /* Pointer comparison via integers: the bytes may belong to any buffer. */
  if (store->map_data != NULL
      && (guintptr) rec->data >= (guintptr) store->map_data
      && (guintptr) rec->data - (guintptr) store->map_data <= store->map_len
      && rec->cap_len <= store->map_len - ((guintptr) rec->data - (guintptr) store->map_data))
    {
      out->data_offset = (guintptr) rec->data - (guintptr) store->map_data;
      out->flags = 0;
    }
  else
    {
      out->data_offset = arena_add (store, rec->data, rec->cap_len);
      out->flags = REMORA_FRAME_IN_ARENA;
    }
  out->ts_ns = rec->ts_ns;
  out->cap_len = rec->cap_len;
  out->orig_len = rec->orig_len;
  out->iface_id = (guint16) MIN (rec->iface_id, G_MAXUINT16);
  /* The pcapng epb_flags (direction, reception type) ride in the spare
   * word; see remora_frame_store_get_packet_flags(). */
  out->reserved = rec->flags;
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

  if (!remora_growing_map_ensure (store->growing, rec->data_offset, rec->cap_len))
    return 0;

  out = new_record (store);
  out->data_offset = rec->data_offset;
  out->flags = REMORA_FRAME_IN_FILE;
  out->ts_ns = rec->ts_ns;
  out->cap_len = rec->cap_len;
  out->orig_len = rec->orig_len;
  out->iface_id = (guint16) MIN (rec->iface_id, G_MAXUINT16);
  out->reserved = rec->flags;
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
  const RemoraFrameRecord *rec = remora_frame_store_get_record (store, number);

  return rec != NULL ? rec->reserved : 0;
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
  g_return_val_if_fail (store != NULL, 0);

  return sizeof *store
         + (gsize) store->n_chunks * RECORD_CHUNK_SIZE * sizeof (RemoraFrameRecord)
         + (gsize) store->chunks_alloc * sizeof (RemoraFrameRecord *)
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
