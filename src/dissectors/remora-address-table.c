/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-address-table"

#include "config.h"

#include "remora-address-table.h"

#include <string.h>

#include "remora-chunk-array.h"
#include "remora-record-index.h"

struct _RemoraAddressTable {
  RemoraChunkArray  *addrs;    /* RemoraAddress, zeroed past the length */
  RemoraRecordIndex *index;
  RemoraChunkArray  *pairs;    /* guint32[2] */
  RemoraRecordIndex *pair_index;
};

static guint
pair_hash (const guint32 *p)
{
  return remora_record_hash_mix ((guint64) p[0] << 32 | p[1]);
}

static guint
pair_rehash (gpointer user_data,
             guint32  index)
{
  RemoraAddressTable *table = user_data;

  return pair_hash (remora_chunk_array_get (table->pairs, index));
}

static gboolean
pair_match (gpointer      user_data,
            guint32       index,
            gconstpointer key)
{
  RemoraAddressTable *table = user_data;
  const guint32 *p = remora_chunk_array_get (table->pairs, index), *k = key;

  return p[0] == k[0] && p[1] == k[1];
}

static guint
addr_hash (const RemoraAddress *a)
{
  guint64 h = (guint64) a->type << 8 | a->len;

  for (guint i = 0; i < a->len; i++)
    h = h * 1099511628211u ^ a->data[i];
  return remora_record_hash_mix (h);
}

static guint
addr_rehash (gpointer user_data,
             guint32  index)
{
  RemoraAddressTable *table = user_data;

  return addr_hash (remora_chunk_array_get (table->addrs, index));
}

static gboolean
addr_match (gpointer      user_data,
            guint32       index,
            gconstpointer key)
{
  RemoraAddressTable *table = user_data;

  return memcmp (remora_chunk_array_get (table->addrs, index), key, sizeof (RemoraAddress)) == 0;
}

RemoraAddressTable *
remora_address_table_new (void)
{
  RemoraAddressTable *table = g_new0 (RemoraAddressTable, 1);

  table->addrs = remora_chunk_array_new (sizeof (RemoraAddress));
  table->index = remora_record_index_new (addr_rehash, table);
  table->pairs = remora_chunk_array_new (2 * sizeof (guint32));
  table->pair_index = remora_record_index_new (pair_rehash, table);
  return table;
}

void
remora_address_table_free (RemoraAddressTable *table)
{
  if (table == NULL)
    return;
  remora_record_index_free (table->index);
  remora_chunk_array_free (table->addrs);
  remora_record_index_free (table->pair_index);
  remora_chunk_array_free (table->pairs);
  g_free (table);
}

guint32
remora_address_table_intern (RemoraAddressTable  *table,
                             const RemoraAddress *addr,
                             gboolean             add)
{
  RemoraAddress norm = { 0 };
  guint32 *slot, id;
  gpointer elem;
  guint hash;

  norm.type = addr->type;
  norm.len = MIN (addr->len, sizeof norm.data);
  memcpy (norm.data, addr->data, norm.len);
  hash = addr_hash (&norm);
  slot = remora_record_index_lookup (table->index, hash, addr_match, &norm);
  if (slot != NULL)
    return *slot;
  if (!add)
    return REMORA_ADDRESS_NONE;
  id = remora_chunk_array_append (table->addrs, &elem);
  memcpy (elem, &norm, sizeof norm);
  remora_record_index_insert (table->index, hash, id);
  return id;
}

guint32
remora_address_table_intern_pair (RemoraAddressTable *table,
                                  guint32             a,
                                  guint32             b,
                                  gboolean            add)
{
  guint32 key[2] = { a, b }, *slot, id;
  guint32 *elem;
  guint hash = pair_hash (key);

  slot = remora_record_index_lookup (table->pair_index, hash, pair_match, key);
  if (slot != NULL)
    return *slot;
  if (!add)
    return REMORA_ADDRESS_NONE;
  id = remora_chunk_array_append (table->pairs, (gpointer *) &elem);
  elem[0] = a;
  elem[1] = b;
  remora_record_index_insert (table->pair_index, hash, id);
  return id;
}

const RemoraAddress *
remora_address_table_get (RemoraAddressTable *table,
                          guint32             id)
{
  return remora_chunk_array_get (table->addrs, id);
}

gsize
remora_address_table_memory (RemoraAddressTable *table)
{
  return sizeof *table + remora_chunk_array_memory (table->addrs) + remora_record_index_memory (table->index) +
         remora_chunk_array_memory (table->pairs) + remora_record_index_memory (table->pair_index);
}
