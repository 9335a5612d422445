/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Read-only mappings of a file that is still being written (a live
 * capture's temporary file), whose addresses never change as it grows.
 *
 * The file is mapped in fixed windows, each one created once and kept
 * until the map is freed; remapping a single region as the file grew
 * would move bytes that rows, protocol trees and filter workers point
 * into.  Window K starts at K * window size and reaches one largest
 * packet further than the next window's start, so any packet starting
 * in it lies wholly inside it.  A window may extend past the end of the
 * file: those pages become readable as the writes reach them, and only
 * bytes already written are ever read.
 *
 * Memory: a window costs address space, not memory.  Pages read through
 * it are the file's page cache, which the kernel can drop and read back
 * at will; remora_growing_map_release() also takes them out of the
 * process's resident set once a pass over them is done. */
typedef struct _RemoraGrowingMap RemoraGrowingMap;

/* Takes FD (open for reading). */
RemoraGrowingMap *remora_growing_map_new     (int               fd);
void              remora_growing_map_free    (RemoraGrowingMap *map);
/* Maps what [OFFSET, OFFSET + LEN) needs (LEN at most
 * REMORA_MAX_PACKET_SIZE).  Call from one thread; FALSE when it cannot be
 * mapped (the file is too large for the window table, or mmap failed). */
gboolean          remora_growing_map_ensure  (RemoraGrowingMap *map,
                                              guint64           offset,
                                              gsize             len);
/* The address of OFFSET, which an earlier ensure covered; any thread. */
const guint8     *remora_growing_map_get     (RemoraGrowingMap *map,
                                              guint64           offset);
/* Tells the kernel that the pages from the one holding START to the last
 * one that ends by END need not stay resident for this process (START:
 * where the previous call's END was, so that the page it cut is now
 * whole); they read back from the file when touched. */
void              remora_growing_map_release (RemoraGrowingMap *map,
                                              guint64           start,
                                              guint64           end);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RemoraGrowingMap, remora_growing_map_free)

G_END_DECLS
