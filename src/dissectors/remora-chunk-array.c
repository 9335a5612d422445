/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-chunk-array"

#include "config.h"

#include "remora-chunk-array.h"

#define CHUNK_BYTES 4096u

RemoraChunkArray *
remora_chunk_array_new (guint elem_size)
{
  RemoraChunkArray *array;
  guint shift = 0;

  g_return_val_if_fail (elem_size > 0 && elem_size <= CHUNK_BYTES, NULL);

  /* The most records that fit in a chunk, rounded down to a power of two
   * so that finding one is a shift and a mask. */
  while ((2u << shift) * elem_size <= CHUNK_BYTES)
    shift++;
  array = g_new0 (RemoraChunkArray, 1);
  array->elem_size = elem_size;
  array->shift = shift;
  return array;
}

void
remora_chunk_array_free (RemoraChunkArray *array)
{
  if (array == NULL)
    return;
  for (guint32 i = 0; i < array->n_chunks; i++)
    g_free (array->chunks[i]);
  g_free (array->chunks);
  g_free (array);
}

guint32
remora_chunk_array_append (RemoraChunkArray *array,
                           gpointer         *elem)
{
  guint32 index = array->len;

  /* Indexes are 32-bit; callers bound what they keep long before this. */
  g_assert (index < G_MAXUINT32);
  if ((index >> array->shift) == array->n_chunks)
    {
      if (array->n_chunks == array->chunks_alloc)
        {
          array->chunks_alloc = MAX (8u, array->chunks_alloc * 2);
          array->chunks = g_renew (guint8 *, array->chunks, array->chunks_alloc);
        }
      array->chunks[array->n_chunks++] = g_malloc0 ((gsize) array->elem_size << array->shift);
    }
  array->len++;
  *elem = remora_chunk_array_get (array, index);
  return index;
}

gsize
remora_chunk_array_memory (const RemoraChunkArray *array)
{
  return sizeof *array + (gsize) array->chunks_alloc * sizeof (guint8 *) +
         (gsize) array->n_chunks * ((gsize) array->elem_size << array->shift);
}
