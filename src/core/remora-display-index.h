/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "remora-dissect.h"
#include "remora-frame-store.h"

G_BEGIN_DECLS

/* The frames a display filter lets through (DESIGN.md rule 6): an
 * immutable, reference-counted index set mapping nth -> frame number,
 * computed off the main thread in chunks with progress and cancel.
 *
 * An index made for the empty filter holds no array: nth -> nth + 1. */
typedef struct _RemoraDisplayIndex RemoraDisplayIndex;

/* Where the frames come from.  Every pointer belongs to the caller and
 * must outlive the computation (pass their owner as SOURCE_OBJECT to the
 * async call, which keeps it alive).
 *
 * The dissectors' per-capture state in SESSION is plain hash tables and
 * arrays with no locking, and a dissection may create state on a miss
 * (every get_state () helper) or, for frames not yet seen, advance it.  So
 * whoever dissects with SESSION on another thread while an index is being
 * computed (the window's rows and protocol tree, a live capture's first
 * pass) must hold SESSION_LOCK around remora_session_dissect (); the
 * computation holds it around each of its own frames only, so the main
 * thread never waits longer than one frame's dissection.  NULL when no
 * other thread touches SESSION. */
typedef struct {
  RemoraFrameStore *store;
  RemoraSession    *session;
  GMutex           *session_lock;
  /* Frames 1..N_FRAMES are considered; all of them must have had their
   * first pass already (the computation only revisits). */
  guint             n_frames;
  /* Called (when not NULL) on the computing thread before each take of
   * SESSION_LOCK, with PAUSE_DATA: the owner may hold the computation
   * back there for a moment while its main thread needs the session. */
  void            (*pause_point) (gpointer data);
  gpointer          pause_data;
} RemoraDisplaySource;

typedef enum {
  REMORA_DISPLAY_INDEX_FRAMES,      /* the frame list */
  REMORA_DISPLAY_INDEX_COUNT_ONLY,  /* only how many match (the filter bar's live count) */
} RemoraDisplayIndexMode;

/* FRACTION in [0, 1]; the last call says 1.0 on success. */
typedef void (*RemoraDisplayProgressFunc) (double   fraction,
                                           gpointer user_data);

#define REMORA_TYPE_DISPLAY_INDEX (remora_display_index_get_type ())

GType                remora_display_index_get_type        (void) G_GNUC_CONST;

/* Every one of N_FRAMES frames, without any work. */
RemoraDisplayIndex  *remora_display_index_new_all         (guint                      n_frames);
/* FRAMES: N_DISPLAYED frame numbers, strictly increasing, each in 1..N_FRAMES
 * (a sorted order comes from remora_display_index_sort ()). */
RemoraDisplayIndex  *remora_display_index_new_for_frames  (const guint32             *frames,
                                                           guint                      n_displayed,
                                                           guint                      n_frames,
                                                           const char                *filter_text);
RemoraDisplayIndex  *remora_display_index_ref             (RemoraDisplayIndex        *index);
void                 remora_display_index_unref           (RemoraDisplayIndex        *index);

/* Frames the filter was run over. */
guint                remora_display_index_get_n_frames    (const RemoraDisplayIndex  *index);
/* Frames that passed. */
guint                remora_display_index_get_n_displayed (const RemoraDisplayIndex  *index);
/* TRUE for the empty filter: every frame, in order. */
gboolean             remora_display_index_is_all          (const RemoraDisplayIndex  *index);
/* FALSE for a count-only result: then only the counts are known. */
gboolean             remora_display_index_has_frames      (const RemoraDisplayIndex  *index);
/* The filter's text; "" for the empty filter. */
const char          *remora_display_index_get_filter_text (const RemoraDisplayIndex  *index);
/* The frame number (1-based) shown at position NTH (0-based); 0 when out
 * of range or count-only. */
guint32              remora_display_index_get_frame       (const RemoraDisplayIndex  *index,
                                                           guint                      nth);
/* Where frame NUMBER is shown; FALSE when it is filtered out. */
gboolean             remora_display_index_find            (const RemoraDisplayIndex  *index,
                                                           guint32                    number,
                                                           guint                     *nth);

/* Runs FILTER_TEXT over SOURCE on the calling thread.  PROGRESS (may be
 * NULL) is called on this thread after each chunk.  Fails with
 * G_IO_ERROR_INVALID_ARGUMENT (the compiler's message) when the text does
 * not compile, G_IO_ERROR_CANCELLED when CANCELLABLE fires. */
RemoraDisplayIndex  *remora_display_index_compute         (const RemoraDisplaySource *source,
                                                           const char                *filter_text,
                                                           RemoraDisplayIndexMode     mode,
                                                           GCancellable              *cancellable,
                                                           RemoraDisplayProgressFunc  progress,
                                                           gpointer                   progress_data,
                                                           GError                   **error);
/* The same on a worker thread.  PROGRESS runs on the thread-default main
 * context of the caller, at most about 20 times a second, never after
 * CALLBACK; PROGRESS_DESTROY frees PROGRESS_DATA once the work is over.
 * An empty filter completes without a thread. */
void                 remora_display_index_compute_async   (gpointer                   source_object,
                                                           const RemoraDisplaySource *source,
                                                           const char                *filter_text,
                                                           RemoraDisplayIndexMode     mode,
                                                           GCancellable              *cancellable,
                                                           RemoraDisplayProgressFunc  progress,
                                                           gpointer                   progress_data,
                                                           GDestroyNotify             progress_destroy,
                                                           GAsyncReadyCallback        callback,
                                                           gpointer                   user_data);
RemoraDisplayIndex  *remora_display_index_compute_finish  (GAsyncResult              *result,
                                                           GError                   **error);

/* ---- sorting (remora-display-sort.c) ---- */

/* What the packet list can be sorted by: its columns.  Numbers, times
 * and lengths compare as numbers, the others as the texts the columns
 * show; ties keep capture order. */
typedef enum {
  REMORA_SORT_NONE,         /* the order the filter gave: capture order */
  REMORA_SORT_NUMBER,
  REMORA_SORT_TIME,
  REMORA_SORT_SOURCE,
  REMORA_SORT_DESTINATION,
  REMORA_SORT_PROTOCOL,
  REMORA_SORT_LENGTH,
  REMORA_SORT_INFO,
} RemoraSortKey;

/* What the index is sorted by: REMORA_SORT_NONE for a filter's result. */
RemoraSortKey        remora_display_index_get_sort_key     (const RemoraDisplayIndex  *index);
gboolean             remora_display_index_get_sort_descending (const RemoraDisplayIndex *index);
/* The filter's result a sorted index was made from (INDEX itself when
 * it is not sorted); never NULL.  Transfer none. */
RemoraDisplayIndex  *remora_display_index_get_unsorted     (RemoraDisplayIndex        *index);

/* The frames of INDEX (NULL: all of SOURCE's frames) in the order of
 * KEY, on the calling thread.  Text keys dissect every displayed frame
 * once, holding SOURCE's lock around each dissection as the filter does;
 * numeric keys read the frame store only.  The result has INDEX's
 * filter text and counts; sorting a sorted index starts again from its
 * unsorted frames, so ties are always in capture order.
 * REMORA_SORT_NONE and ascending REMORA_SORT_NUMBER give the unsorted
 * index back.  Fails only with G_IO_ERROR_CANCELLED. */
RemoraDisplayIndex  *remora_display_index_sort             (const RemoraDisplaySource *source,
                                                           RemoraDisplayIndex        *index,
                                                           RemoraSortKey              key,
                                                           gboolean                   descending,
                                                           GCancellable              *cancellable,
                                                           RemoraDisplayProgressFunc  progress,
                                                           gpointer                   progress_data,
                                                           GError                   **error);
/* The same on a worker thread, with PROGRESS as compute_async has it.
 * Orders that need no dissection complete without a thread. */
void                 remora_display_index_sort_async       (gpointer                   source_object,
                                                           const RemoraDisplaySource *source,
                                                           RemoraDisplayIndex        *index,
                                                           RemoraSortKey              key,
                                                           gboolean                   descending,
                                                           GCancellable              *cancellable,
                                                           RemoraDisplayProgressFunc  progress,
                                                           gpointer                   progress_data,
                                                           GDestroyNotify             progress_destroy,
                                                           GAsyncReadyCallback        callback,
                                                           gpointer                   user_data);
RemoraDisplayIndex  *remora_display_index_sort_finish      (GAsyncResult              *result,
                                                           GError                   **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RemoraDisplayIndex, remora_display_index_unref)

G_END_DECLS
