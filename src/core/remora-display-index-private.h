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

/* A pass that reads every frame once, in capture order (a display filter,
 * a sort's column texts), would otherwise leave the whole mapped file
 * resident on top of what the window needs: the pages it has read go
 * behind it (the page cache keeps them).  Not right behind: redissecting a
 * frame that completes a reassembled PDU reads the PDU's earlier segments
 * back from their frames, so those pages stay while they are likely
 * wanted, and the whole way behind goes again now and then (pages read
 * back from further away).  Call after each batch with the last frame
 * number read, and with 0 when the pass is over (everything goes). */
typedef struct {
  guint released;    /* frames up to here have been let go */
  guint next_sweep;  /* the next release of everything behind */
} RemoraReleaseBehind;

void _remora_display_release_behind (const RemoraDisplaySource *source,
                                     RemoraReleaseBehind       *rb,
                                     guint                      last);

G_END_DECLS
