/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "remora-display-index.h"

G_BEGIN_DECLS

/* For remora-display-sort.c: an index showing UNSORTED's frames in the
 * order of FRAMES (taken over, g_malloc'd, a permutation of UNSORTED's
 * frames). */
RemoraDisplayIndex *_remora_display_index_new_sorted (RemoraDisplayIndex *unsorted,
                                                      guint32            *frames,
                                                      RemoraSortKey       key,
                                                      gboolean            descending);

G_END_DECLS
