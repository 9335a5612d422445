/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-time-column"

#include "config.h"

#include "remora-time-column.h"

#define BLOCK_SHIFT 6
#define FAR         G_MAXUINT32

struct _RemoraTimeColumn {
  GArray     *bases;   /* gint64 per block, in block order */
  GHashTable *far;     /* record + 1 -> gint64 * */
};

RemoraTimeColumn *
remora_time_column_new (void)
{
  RemoraTimeColumn *column = g_new0 (RemoraTimeColumn, 1);

  column->bases = g_array_new (FALSE, FALSE, sizeof (gint64));
  column->far = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  return column;
}

void
remora_time_column_free (RemoraTimeColumn *column)
{
  if (column == NULL)
    return;
  g_array_unref (column->bases);
  g_hash_table_unref (column->far);
  g_free (column);
}

guint32
remora_time_column_encode (RemoraTimeColumn *column,
                           guint32           index,
                           gint64            ts)
{
  guint32 block = index >> BLOCK_SHIFT;
  guint64 off;
  gint64 *whole;

  if (block >= column->bases->len)
    {
      g_return_val_if_fail (block == column->bases->len, FAR);
      g_array_append_val (column->bases, ts);
    }
  off = (guint64) ts - (guint64) g_array_index (column->bases, gint64, block);
  if (off < FAR)
    {
      g_hash_table_remove (column->far, GUINT_TO_POINTER (index + 1));
      return (guint32) off;
    }
  whole = g_hash_table_lookup (column->far, GUINT_TO_POINTER (index + 1));
  if (whole == NULL)
    {
      whole = g_new (gint64, 1);
      g_hash_table_insert (column->far, GUINT_TO_POINTER (index + 1), whole);
    }
  *whole = ts;
  return FAR;
}

gint64
remora_time_column_decode (RemoraTimeColumn *column,
                           guint32           index,
                           guint32           code)
{
  guint32 block = index >> BLOCK_SHIFT;

  if (code == FAR)
    {
      const gint64 *whole = g_hash_table_lookup (column->far, GUINT_TO_POINTER (index + 1));

      return whole != NULL ? *whole : 0;
    }
  g_return_val_if_fail (block < column->bases->len, 0);
  return (gint64) ((guint64) g_array_index (column->bases, gint64, block) + code);
}

gsize
remora_time_column_memory (RemoraTimeColumn *column)
{
  return sizeof *column + column->bases->len * sizeof (gint64) +
         g_hash_table_size (column->far) * (sizeof (gint64) + 3 * sizeof (gpointer));
}
