/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "remora-address-table.h"
#include "remora-chunk-array.h"
#include "remora-record-index.h"
#include "remora-time-column.h"

/* The compact tables the dissectors keep their per-stream and
 * per-transaction state in. */

typedef struct {
  guint32 key;
  guint32 value;
} Rec;

static void
test_chunk_array (void)
{
  g_autoptr(RemoraChunkArray) a = remora_chunk_array_new (sizeof (Rec));
  Rec *first = NULL;

  for (guint32 i = 0; i < 100000; i++)
    {
      Rec *r;

      g_assert_cmpuint (remora_chunk_array_append (a, (gpointer *) &r), ==, i);
      g_assert_cmpuint (r->key, ==, 0);
      r->key = i;
      r->value = i * 3;
      if (i == 0)
        first = r;
    }
  g_assert_cmpuint (remora_chunk_array_length (a), ==, 100000);
  /* records never move */
  g_assert_true (remora_chunk_array_get (a, 0) == first);
  for (guint32 i = 0; i < 100000; i += 997)
    g_assert_cmpuint (((Rec *) remora_chunk_array_get (a, i))->value, ==, i * 3);
  /* no more than a chunk of slack */
  g_assert_cmpuint (remora_chunk_array_memory (a), <, 100000 * sizeof (Rec) + 8192);
}

typedef struct {
  RemoraChunkArray *recs;
  guint             buckets;   /* how many hashes there are: collisions on purpose */
} IndexCtx;

static guint
ctx_hash (IndexCtx *ctx, guint32 key)
{
  return remora_record_hash_mix (key % ctx->buckets);
}

static guint
rec_rehash (gpointer user_data, guint32 index)
{
  IndexCtx *ctx = user_data;

  return ctx_hash (ctx, ((Rec *) remora_chunk_array_get (ctx->recs, index))->key);
}

static gboolean
rec_match (gpointer user_data, guint32 index, gconstpointer key)
{
  IndexCtx *ctx = user_data;

  return ((Rec *) remora_chunk_array_get (ctx->recs, index))->key == *(const guint32 *) key;
}

static guint32
find (RemoraRecordIndex *index, IndexCtx *ctx, guint32 key)
{
  guint32 *slot = remora_record_index_lookup (index, ctx_hash (ctx, key), rec_match, &key);

  return slot != NULL ? *slot : G_MAXUINT32;
}

/* Insert, find, repoint and remove, with many keys sharing a hash (long
 * probe runs, entries moved back into the holes removals leave). */
static void
test_record_index (void)
{
  for (guint buckets = 7; buckets <= 100000; buckets *= 100)
    {
      IndexCtx ctx = { remora_chunk_array_new (sizeof (Rec)), buckets };
      g_autoptr(RemoraRecordIndex) index = remora_record_index_new (rec_rehash, &ctx);
      const guint32 n = 5000;

      for (guint32 i = 0; i < n; i++)
        {
          Rec *r;
          guint32 number = remora_chunk_array_append (ctx.recs, (gpointer *) &r);

          r->key = i * 2654435761u;
          g_assert_cmpuint (find (index, &ctx, r->key), ==, G_MAXUINT32);
          remora_record_index_insert (index, ctx_hash (&ctx, r->key), number);
        }
      g_assert_cmpuint (remora_record_index_size (index), ==, n);
      for (guint32 i = 0; i < n; i++)
        g_assert_cmpuint (find (index, &ctx, i * 2654435761u), ==, i);

      /* a newer record of the same key takes its place */
      {
        Rec *r;
        guint32 key = 17 * 2654435761u, number = remora_chunk_array_append (ctx.recs, (gpointer *) &r);
        guint32 *slot = remora_record_index_lookup (index, ctx_hash (&ctx, key), rec_match, &key);

        r->key = key;
        *slot = number;
        g_assert_cmpuint (find (index, &ctx, key), ==, n);
      }

      for (guint32 i = 0; i < n; i += 3)
        {
          guint32 key = i * 2654435761u;
          guint32 *slot = remora_record_index_lookup (index, ctx_hash (&ctx, key), rec_match, &key);

          g_assert_nonnull (slot);
          remora_record_index_remove (index, slot);
        }
      for (guint32 i = 0; i < n; i++)
        {
          guint32 got = find (index, &ctx, i * 2654435761u);

          if (i % 3 == 0)
            g_assert_cmpuint (got, ==, G_MAXUINT32);
          else
            g_assert_cmpuint (got, ==, i == 17 ? n : i);
        }
      g_assert_cmpuint (remora_record_index_size (index), ==, n - (n + 2) / 3);
      /* about 4 bytes a slot, at least a quarter of them used */
      g_assert_cmpuint (remora_record_index_memory (index), <, 64 + 4 * 4 * n);
      remora_chunk_array_free (ctx.recs);
    }
}

static void
test_time_column (void)
{
  g_autoptr(RemoraTimeColumn) col = remora_time_column_new ();
  gint64 base = G_GINT64_CONSTANT (1700000000000000000);
  gint64 times[300];
  guint32 codes[300];

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      times[i] = base + (gint64) i * 1000003;
      if (i % 50 == 7)
        times[i] = base - 5;                                   /* before the block's first */
      if (i % 50 == 9)
        times[i] = base + G_GINT64_CONSTANT (3600000000000);   /* an hour later */
      if (i == 299)
        times[i] = G_MININT64;
      codes[i] = remora_time_column_encode (col, i, times[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    g_assert_cmpint (remora_time_column_decode (col, i, codes[i]), ==, times[i]);
  /* encoded again: a far time that now fits, and the other way round */
  codes[9] = remora_time_column_encode (col, 9, base + 42);
  g_assert_cmpint (remora_time_column_decode (col, 9, codes[9]), ==, base + 42);
  codes[8] = remora_time_column_encode (col, 8, G_MAXINT64);
  g_assert_cmpint (remora_time_column_decode (col, 8, codes[8]), ==, G_MAXINT64);
}

static void
test_address_table (void)
{
  g_autoptr(RemoraAddressTable) t = remora_address_table_new ();
  RemoraAddress a = { 0 }, b = { 0 }, six = { 0 };
  guint32 ia, ib, i6, p;

  remora_address_set (&a, REMORA_AT_IPv4, (guint8[]) { 10, 0, 0, 1 }, 4);
  remora_address_set (&b, REMORA_AT_IPv4, (guint8[]) { 10, 0, 0, 2 }, 4);
  memset (six.data, 0xfe, sizeof six.data);
  remora_address_set (&six, REMORA_AT_IPv6, six.data, 16);

  g_assert_cmpuint (remora_address_table_intern (t, &a, FALSE), ==, REMORA_ADDRESS_NONE);
  ia = remora_address_table_intern (t, &a, TRUE);
  ib = remora_address_table_intern (t, &b, TRUE);
  i6 = remora_address_table_intern (t, &six, TRUE);
  g_assert_cmpuint (ia, !=, ib);
  g_assert_cmpuint (ib, !=, i6);
  /* bytes past the length do not count */
  a.data[10] = 0x99;
  g_assert_cmpuint (remora_address_table_intern (t, &a, FALSE), ==, ia);
  g_assert_cmpuint (remora_address_table_get (t, ia)->data[10], ==, 0);
  g_assert_cmpmem (remora_address_table_get (t, i6)->data, 16, six.data, 16);

  g_assert_cmpuint (remora_address_table_intern_pair (t, ia, ib, FALSE), ==, REMORA_ADDRESS_NONE);
  p = remora_address_table_intern_pair (t, ia, ib, TRUE);
  g_assert_cmpuint (remora_address_table_intern_pair (t, ia, ib, TRUE), ==, p);
  g_assert_cmpuint (remora_address_table_intern_pair (t, ib, ia, TRUE), !=, p);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/remora/record-index/chunk-array", test_chunk_array);
  g_test_add_func ("/remora/record-index/index", test_record_index);
  g_test_add_func ("/remora/record-index/time-column", test_time_column);
  g_test_add_func ("/remora/record-index/address-table", test_address_table);
  return g_test_run ();
}
