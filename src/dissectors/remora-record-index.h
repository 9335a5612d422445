/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A hash index over records kept elsewhere (a RemoraChunkArray): each slot
 * holds only a record's number, and the key is read from the record
 * itself, so an entry costs 4 bytes of slot (about 6 with the table's
 * slack) instead of a GHashTable node and a copied key.  Open addressing
 * with linear probing.
 *
 * HASH_FUNC gives the hash of record INDEX (to move entries when the table
 * grows); lookups pass the key's hash and MATCH_FUNC, which says whether
 * record INDEX has the key. */

typedef guint    (*RemoraRecordHashFunc)  (gpointer      user_data,
                                           guint32       index);
typedef gboolean (*RemoraRecordMatchFunc) (gpointer      user_data,
                                           guint32       index,
                                           gconstpointer key);

typedef struct _RemoraRecordIndex RemoraRecordIndex;

RemoraRecordIndex *remora_record_index_new    (RemoraRecordHashFunc  hash_func,
                                               gpointer              user_data);
void               remora_record_index_free   (RemoraRecordIndex    *index);
/* The slot whose record has KEY, or NULL.  The slot holds the record's
 * number; storing another number there repoints the key to that record
 * (which must have the same key).  Valid until the next insert. */
guint32           *remora_record_index_lookup (RemoraRecordIndex    *index,
                                               guint                 hash,
                                               RemoraRecordMatchFunc match_func,
                                               gconstpointer         key);
/* Adds record RECORD under HASH (its key must not be in the index yet). */
void               remora_record_index_insert (RemoraRecordIndex    *index,
                                               guint                 hash,
                                               guint32               record);
/* Takes SLOT (from a lookup) out of the index. */
void               remora_record_index_remove (RemoraRecordIndex    *index,
                                               guint32              *slot);
guint32            remora_record_index_size   (const RemoraRecordIndex *index);
gsize              remora_record_index_memory (const RemoraRecordIndex *index);

/* A well-mixed hash of a few words, for the callers' keys. */
static inline guint
remora_record_hash_mix (guint64 h)
{
  h ^= h >> 33;
  h *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  h ^= h >> 33;
  h *= G_GUINT64_CONSTANT (0xc4ceb9fe1a85ec53);
  h ^= h >> 33;
  return (guint) h;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RemoraRecordIndex, remora_record_index_free)

G_END_DECLS
