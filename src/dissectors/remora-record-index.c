/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-record-index"

#include "config.h"

#include "remora-record-index.h"

#include <string.h>

#define EMPTY      G_MAXUINT32
#define FIRST_SIZE 64u

/* Sizes grow by half (not double), so that a large index is on average
 * about 60% full rather than 55%; a hash maps to a slot by its high bits
 * (hash * size >> 32), which needs no power of two. */
struct _RemoraRecordIndex {
  guint32              *slots;   /* record numbers, EMPTY where free */
  guint32               size;
  guint32               n;
  RemoraRecordHashFunc  hash_func;
  gpointer              user_data;
};

RemoraRecordIndex *
remora_record_index_new (RemoraRecordHashFunc hash_func,
                         gpointer             user_data)
{
  RemoraRecordIndex *index = g_new0 (RemoraRecordIndex, 1);

  index->hash_func = hash_func;
  index->user_data = user_data;
  return index;
}

void
remora_record_index_free (RemoraRecordIndex *index)
{
  if (index == NULL)
    return;
  g_free (index->slots);
  g_free (index);
}

static guint32 *
alloc_slots (guint32 size)
{
  guint32 *slots = g_new (guint32, size);

  memset (slots, 0xff, (gsize) size * sizeof *slots);
  return slots;
}

static guint32
home_of (guint    hash,
         guint32  size)
{
  return (guint32) (((guint64) hash * size) >> 32);
}

static guint32
next_of (guint32 i,
         guint32 size)
{
  return i + 1 < size ? i + 1 : 0;
}

static void
put (guint32 *slots,
     guint32  size,
     guint    hash,
     guint32  record)
{
  guint32 i = home_of (hash, size);

  while (slots[i] != EMPTY)
    i = next_of (i, size);
  slots[i] = record;
}

static void
grow (RemoraRecordIndex *index)
{
  guint32 old_size = index->size;
  guint64 want = old_size ? (guint64) old_size + old_size / 2 : FIRST_SIZE;
  guint32 size, *slots;

  /* More slots than a 32-bit record number can fill is a bug upstream. */
  g_assert (want <= G_MAXUINT32);
  size = (guint32) want;
  slots = alloc_slots (size);
  for (guint32 i = 0; i < old_size; i++)
    if (index->slots[i] != EMPTY)
      put (slots, size, index->hash_func (index->user_data, index->slots[i]), index->slots[i]);
  g_free (index->slots);
  index->slots = slots;
  index->size = size;
}

guint32 *
remora_record_index_lookup (RemoraRecordIndex    *index,
                            guint                 hash,
                            RemoraRecordMatchFunc match_func,
                            gconstpointer         key)
{
  guint32 i;

  if (index->slots == NULL)
    return NULL;
  for (i = home_of (hash, index->size); index->slots[i] != EMPTY; i = next_of (i, index->size))
    if (match_func (index->user_data, index->slots[i], key))
      return &index->slots[i];
  return NULL;
}

void
remora_record_index_insert (RemoraRecordIndex *index,
                            guint              hash,
                            guint32            record)
{
  g_return_if_fail (record != EMPTY);

  /* At most three quarters full, so that probes stay short. */
  if (index->slots == NULL || (guint64) (index->n + 1) * 4 > (guint64) index->size * 3)
    grow (index);
  put (index->slots, index->size, hash, record);
  index->n++;
}

void
remora_record_index_remove (RemoraRecordIndex *index,
                            guint32           *slot)
{
  guint32 i = (guint32) (slot - index->slots), j = i;

  g_return_if_fail (index->slots != NULL && i < index->size && *slot != EMPTY);

  /* Backward shift: entries after the hole that would no longer be found
   * past it move into it. */
  for (;;)
    {
      guint32 home;

      j = next_of (j, index->size);
      if (index->slots[j] == EMPTY)
        break;
      home = home_of (index->hash_func (index->user_data, index->slots[j]), index->size);
      if (i <= j ? (i < home && home <= j) : (i < home || home <= j))
        continue;
      index->slots[i] = index->slots[j];
      i = j;
    }
  index->slots[i] = EMPTY;
  index->n--;
}

guint32
remora_record_index_size (const RemoraRecordIndex *index)
{
  return index->n;
}

gsize
remora_record_index_memory (const RemoraRecordIndex *index)
{
  return sizeof *index + (gsize) index->size * sizeof (guint32);
}
