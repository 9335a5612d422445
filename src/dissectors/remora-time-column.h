/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Nanosecond timestamps of numbered records (streams, transactions) in 32
 * bits each instead of 64: records are made in capture order, so the
 * times of a block of 64 consecutive records lie close together, and
 * each is kept as its distance from the block's first.  A time that does
 * not fit (before that one, or more than four seconds after it) is kept
 * whole on the side. */

typedef struct _RemoraTimeColumn RemoraTimeColumn;

RemoraTimeColumn *remora_time_column_new    (void);
void              remora_time_column_free   (RemoraTimeColumn *column);
/* The code of TS for record INDEX.  The first record of a block must be
 * encoded before the others; a record may be encoded again (its new code
 * replaces the old). */
guint32           remora_time_column_encode (RemoraTimeColumn *column,
                                             guint32           index,
                                             gint64            ts);
gint64            remora_time_column_decode (RemoraTimeColumn *column,
                                             guint32           index,
                                             guint32           code);
gsize             remora_time_column_memory (RemoraTimeColumn *column);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RemoraTimeColumn, remora_time_column_free)

G_END_DECLS
