/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* An append-only array of small fixed-size records (a dissector's
 * transactions, streams, address table) in chunks of about 4 KiB that are
 * never moved or reallocated: appending costs at most one chunk of slack,
 * never a copy of everything kept so far, and a record's address stays
 * valid as long as the array.  Records are numbered from 0 in append
 * order and come zeroed. */

typedef struct {
  guint8 **chunks;
  guint32  n_chunks;
  guint32  chunks_alloc;
  guint32  elem_size;
  guint32  shift;        /* records per chunk = 1 << shift */
  guint32  len;
} RemoraChunkArray;

RemoraChunkArray *remora_chunk_array_new    (guint             elem_size);
void              remora_chunk_array_free   (RemoraChunkArray *array);
/* Appends a zeroed record; returns its index and, in *ELEM, its address. */
guint32           remora_chunk_array_append (RemoraChunkArray *array,
                                             gpointer         *elem);
/* Bytes held (chunks and the chunk table). */
gsize             remora_chunk_array_memory (const RemoraChunkArray *array);

static inline guint32
remora_chunk_array_length (const RemoraChunkArray *array)
{
  return array->len;
}

/* Record INDEX, which must be below the length. */
static inline gpointer
remora_chunk_array_get (const RemoraChunkArray *array,
                        guint32                 index)
{
  g_assert (index < array->len);
  return array->chunks[index >> array->shift] +
         (gsize) (index & ((1u << array->shift) - 1)) * array->elem_size;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RemoraChunkArray, remora_chunk_array_free)

G_END_DECLS
