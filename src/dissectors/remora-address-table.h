/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "remora-packet.h"

G_BEGIN_DECLS

/* Addresses interned as 32-bit numbers, so that a conversation key is a
 * few words whatever the address type (an IPv6 pair is 36 bytes, its
 * numbers 8), and ordered pairs of them too (the two ends of many
 * conversations are the same two hosts: 4 bytes for the pair).  Two
 * addresses get the same number when their type, length and bytes up to
 * the length are equal.  Numbers are never reused. */

typedef struct _RemoraAddressTable RemoraAddressTable;

#define REMORA_ADDRESS_NONE G_MAXUINT32

RemoraAddressTable *remora_address_table_new    (void);
void                remora_address_table_free   (RemoraAddressTable  *table);
/* ADDR's number: added when ADD, else REMORA_ADDRESS_NONE when unknown. */
guint32             remora_address_table_intern (RemoraAddressTable  *table,
                                                 const RemoraAddress *addr,
                                                 gboolean             add);
/* The number of the pair (A, B) of address numbers: added when ADD, else
 * REMORA_ADDRESS_NONE when unknown. */
guint32             remora_address_table_intern_pair (RemoraAddressTable *table,
                                                      guint32             a,
                                                      guint32             b,
                                                      gboolean            add);
/* The address of number ID. */
const RemoraAddress *remora_address_table_get   (RemoraAddressTable  *table,
                                                 guint32              id);
gsize               remora_address_table_memory (RemoraAddressTable  *table);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RemoraAddressTable, remora_address_table_free)

G_END_DECLS
