/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-display-index"

#include "config.h"

#include "remora-display-index.h"
#include "remora-display-index-private.h"

#include <string.h>

#include "remora-dfilter.h"

/* Frames between two looks at the cancellable and two progress reports:
 * small enough that a cancel stops within a few milliseconds, large
 * enough that the checks cost nothing next to the dissections. */
#define CHUNK_FRAMES 1024

/* Progress reaches the main loop at most this often. */
#define PROGRESS_INTERVAL_US (G_USEC_PER_SEC / 20)

struct _RemoraDisplayIndex
{
  guint     n_frames;
  guint     n_displayed;
  char     *filter_text;
  guint32  *frames;      /* n_displayed entries; NULL for "all" and count-only */
  guint     is_all : 1;
  guint     has_frames : 1;
  guint     descending : 1;
  /* A sorted index: FRAMES is not increasing, so finding a frame goes
   * through POSITIONS (n_frames + 1 entries: frame number -> nth + 1,
   * 0 when not shown), and UNSORTED is the filter's result it came from. */
  RemoraSortKey        sort_key;
  guint32             *positions;
  RemoraDisplayIndex  *unsorted;
};

G_DEFINE_BOXED_TYPE (RemoraDisplayIndex, remora_display_index,
                     remora_display_index_ref, remora_display_index_unref)

static void
display_index_clear (gpointer data)
{
  RemoraDisplayIndex *index = data;

  g_free (index->filter_text);
  g_free (index->frames);
  g_free (index->positions);
  if (index->unsorted != NULL)
    remora_display_index_unref (index->unsorted);
}

static RemoraDisplayIndex *
display_index_alloc (guint       n_frames,
                     const char *filter_text)
{
  RemoraDisplayIndex *index = g_atomic_rc_box_new0 (RemoraDisplayIndex);

  index->n_frames = n_frames;
  index->filter_text = g_strdup (filter_text != NULL ? filter_text : "");
  return index;
}

RemoraDisplayIndex *
remora_display_index_new_all (guint n_frames)
{
  RemoraDisplayIndex *index = display_index_alloc (n_frames, "");

  index->n_displayed = n_frames;
  index->is_all = TRUE;
  index->has_frames = TRUE;
  return index;
}

RemoraDisplayIndex *
remora_display_index_new_for_frames (const guint32 *frames,
                                     guint          n_displayed,
                                     guint          n_frames,
                                     const char    *filter_text)
{
  RemoraDisplayIndex *index;

  g_return_val_if_fail (frames != NULL || n_displayed == 0, NULL);
  g_return_val_if_fail (n_displayed <= n_frames, NULL);

  index = display_index_alloc (n_frames, filter_text);
  index->n_displayed = n_displayed;
  index->has_frames = TRUE;
  index->frames = g_memdup2 (frames, (gsize) n_displayed * sizeof *frames);
  return index;
}

RemoraDisplayIndex *
remora_display_index_ref (RemoraDisplayIndex *index)
{
  g_return_val_if_fail (index != NULL, NULL);

  return g_atomic_rc_box_acquire (index);
}

void
remora_display_index_unref (RemoraDisplayIndex *index)
{
  g_return_if_fail (index != NULL);

  g_atomic_rc_box_release_full (index, display_index_clear);
}

guint
remora_display_index_get_n_frames (const RemoraDisplayIndex *index)
{
  g_return_val_if_fail (index != NULL, 0);

  return index->n_frames;
}

guint
remora_display_index_get_n_displayed (const RemoraDisplayIndex *index)
{
  g_return_val_if_fail (index != NULL, 0);

  return index->n_displayed;
}

gboolean
remora_display_index_is_all (const RemoraDisplayIndex *index)
{
  g_return_val_if_fail (index != NULL, FALSE);

  return index->is_all;
}

gboolean
remora_display_index_has_frames (const RemoraDisplayIndex *index)
{
  g_return_val_if_fail (index != NULL, FALSE);

  return index->has_frames;
}

const char *
remora_display_index_get_filter_text (const RemoraDisplayIndex *index)
{
  g_return_val_if_fail (index != NULL, NULL);

  return index->filter_text;
}

guint32
remora_display_index_get_frame (const RemoraDisplayIndex *index,
                                guint                     nth)
{
  g_return_val_if_fail (index != NULL, 0);

  if (nth >= index->n_displayed || !index->has_frames)
    return 0;
  if (index->is_all)
    return nth + 1;
  return index->frames[nth];
}

gboolean
remora_display_index_find (const RemoraDisplayIndex *index,
                           guint32                   number,
                           guint                    *nth)
{
  guint lo = 0;
  guint hi;

  g_return_val_if_fail (index != NULL, FALSE);

  if (number == 0 || !index->has_frames)
    return FALSE;
  if (index->is_all)
    {
      if (number > index->n_displayed)
        return FALSE;
      if (nth != NULL)
        *nth = number - 1;
      return TRUE;
    }

  if (index->positions != NULL)
    {
      if (number > index->n_frames || index->positions[number] == 0)
        return FALSE;
      if (nth != NULL)
        *nth = index->positions[number] - 1;
      return TRUE;
    }

  hi = index->n_displayed;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (index->frames[mid] < number)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo < index->n_displayed && index->frames[lo] == number)
    {
      if (nth != NULL)
        *nth = lo;
      return TRUE;
    }
  return FALSE;
}

RemoraSortKey
remora_display_index_get_sort_key (const RemoraDisplayIndex *index)
{
  g_return_val_if_fail (index != NULL, REMORA_SORT_NONE);

  return index->sort_key;
}

gboolean
remora_display_index_get_sort_descending (const RemoraDisplayIndex *index)
{
  g_return_val_if_fail (index != NULL, FALSE);

  return index->descending;
}

RemoraDisplayIndex *
remora_display_index_get_unsorted (RemoraDisplayIndex *index)
{
  g_return_val_if_fail (index != NULL, NULL);

  return index->unsorted != NULL ? index->unsorted : index;
}

RemoraDisplayIndex *
_remora_display_index_new_sorted (RemoraDisplayIndex *unsorted,
                                  guint32            *frames,
                                  RemoraSortKey       key,
                                  gboolean            descending)
{
  RemoraDisplayIndex *index;

  g_return_val_if_fail (unsorted != NULL && unsorted->unsorted == NULL, NULL);
  g_return_val_if_fail (unsorted->has_frames, NULL);

  index = display_index_alloc (unsorted->n_frames, unsorted->filter_text);
  index->n_displayed = unsorted->n_displayed;
  index->has_frames = TRUE;
  index->frames = frames;
  index->sort_key = key;
  index->descending = !!descending;
  index->unsorted = remora_display_index_ref (unsorted);
  index->positions = g_new0 (guint32, (gsize) index->n_frames + 1);
  for (guint nth = 0; nth < index->n_displayed; nth++)
    {
      g_assert (frames[nth] >= 1 && frames[nth] <= index->n_frames);
      index->positions[frames[nth]] = nth + 1;
    }
  return index;
}

/* ---- computing ---- */

static gboolean
filter_text_is_empty (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

/* Pages behind a pass go RELEASE_LAG_FRAMES after it read them, and every
 * RELEASE_SWEEP_FRAMES the whole way behind goes again. */
#define RELEASE_LAG_FRAMES   (32 * 1024)
#define RELEASE_SWEEP_FRAMES (32 * 1024)

void
_remora_display_release_behind (const RemoraDisplaySource *source,
                                RemoraReleaseBehind       *rb,
                                guint                      last)
{
  guint upto;

  if (last == 0)
    {
      remora_frame_store_release_frames (source->store, 1, source->n_frames);
      return;
    }
  if (last <= RELEASE_LAG_FRAMES)
    return;
  upto = last - RELEASE_LAG_FRAMES;
  if (upto >= rb->next_sweep)
    {
      remora_frame_store_release_frames (source->store, 1, upto);
      rb->next_sweep = upto + RELEASE_SWEEP_FRAMES;
    }
  else if (upto > rb->released)
    remora_frame_store_release_frames (source->store, rb->released + 1, upto);
  rb->released = MAX (rb->released, upto);
}

RemoraDisplayIndex *
remora_display_index_compute (const RemoraDisplaySource *source,
                              const char                *filter_text,
                              RemoraDisplayIndexMode     mode,
                              GCancellable              *cancellable,
                              RemoraDisplayProgressFunc  progress,
                              gpointer                   progress_data,
                              GError                   **error)
{
  g_autoptr(RemoraDfilter) dfilter = NULL;
  g_autoptr(RemoraDfilterError) dferror = NULL;
  g_autoptr(RemoraPacket) pkt = NULL;
  g_autoptr(GArray) frames = NULL;
  RemoraDisplayIndex *index;
  RemoraReleaseBehind release = { 0, 0 };
  guint n_frames;
  guint n_matched = 0;

  g_return_val_if_fail (source != NULL, NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);

  n_frames = source->n_frames;
  if (filter_text_is_empty (filter_text))
    {
      if (progress != NULL)
        progress (1.0, progress_data);
      index = remora_display_index_new_all (n_frames);
      if (mode == REMORA_DISPLAY_INDEX_COUNT_ONLY)
        index->has_frames = FALSE;
      return index;
    }

  g_return_val_if_fail (n_frames == 0 || (source->store != NULL && source->session != NULL), NULL);

  /* Compiled here, not handed in: a compiled filter keeps scratch space
   * and must not be shared between threads. */
  dfilter = remora_dfilter_compile (filter_text, &dferror);
  if (dfilter == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           dferror != NULL ? dferror->message : "invalid display filter");
      return NULL;
    }

  pkt = remora_packet_new ();
  remora_packet_set_wanted (pkt, remora_dfilter_get_wanted (dfilter));
  if (mode == REMORA_DISPLAY_INDEX_FRAMES)
    frames = g_array_new (FALSE, FALSE, sizeof (guint32));

  for (guint first = 1; first <= n_frames; first += CHUNK_FRAMES)
    {
      guint last = MIN (n_frames, first + (CHUNK_FRAMES - 1));

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      for (guint number = first; number <= last; number++)
        {
          RemoraFrameInput input;

          remora_frame_store_get_frame_input (source->store, number, &input);
          if (source->pause_point != NULL)
            source->pause_point (source->pause_data);
          if (source->session_lock != NULL)
            g_mutex_lock (source->session_lock);
          remora_session_dissect (source->session, pkt, &input);
          if (source->session_lock != NULL)
            g_mutex_unlock (source->session_lock);

          /* The packet's values live in PKT, not in the session, so the
           * match runs without the lock. */
          if (remora_dfilter_match (dfilter, pkt))
            {
              guint32 n32 = number;

              n_matched++;
              if (frames != NULL)
                g_array_append_val (frames, n32);
            }
        }

      _remora_display_release_behind (source, &release, last);
      if (progress != NULL && last < n_frames)
        progress ((double) last / n_frames, progress_data);
    }

  _remora_display_release_behind (source, &release, 0);
  if (progress != NULL)
    progress (1.0, progress_data);

  index = display_index_alloc (n_frames, filter_text);
  index->n_displayed = n_matched;
  if (frames != NULL)
    {
      index->has_frames = TRUE;
      index->frames = (guint32 *) (void *) g_array_free (g_steal_pointer (&frames), FALSE);
    }
  return index;
}

/* Shared between the worker, the progress sources it posts and the
 * completion; only ever touched on the caller's context except for the
 * atomics. */
typedef struct {
  gatomicrefcount           ref_count;
  RemoraDisplaySource       source;
  char                     *filter_text;
  RemoraDisplayIndexMode    mode;
  GMainContext             *context;
  RemoraDisplayProgressFunc progress;
  gpointer                  progress_data;
  GDestroyNotify            progress_destroy; /* called by job_completed () */
  gint64                    last_post_us;       /* worker only */
  int                       pending_permille;   /* atomic; -1 = none posted */
  gboolean                  finished;           /* caller's context only */
  /* A sort instead of a filter: SORT_INDEX (or NULL: all frames) by
   * SORT_KEY. */
  gboolean                  is_sort;
  RemoraDisplayIndex       *sort_index;
  RemoraSortKey             sort_key;
  gboolean                  descending;
} Job;

static Job *
job_ref (Job *job)
{
  g_atomic_ref_count_inc (&job->ref_count);
  return job;
}

static void
job_unref (gpointer data)
{
  Job *job = data;

  if (!g_atomic_ref_count_dec (&job->ref_count))
    return;
  /* PROGRESS_DATA was released by job_completed () on the caller's
   * context; the last reference may well go on the worker. */
  g_main_context_unref (job->context);
  g_free (job->filter_text);
  if (job->sort_index != NULL)
    remora_display_index_unref (job->sort_index);
  g_free (job);
}

static gboolean
job_dispatch_progress (gpointer data)
{
  Job *job = data;
  int permille = g_atomic_int_exchange (&job->pending_permille, -1);

  if (!job->finished && permille >= 0 && job->progress != NULL)
    job->progress (permille / 1000.0, job->progress_data);
  return G_SOURCE_REMOVE;
}

/* On the worker: coalesces reports so that a fast filter over a million
 * frames does not flood the main loop. */
static void
job_worker_progress (double   fraction,
                     gpointer user_data)
{
  Job *job = user_data;
  gint64 now = g_get_monotonic_time ();
  int permille = (int) (fraction * 1000.0);

  if (fraction < 1.0 && now - job->last_post_us < PROGRESS_INTERVAL_US)
    return;
  job->last_post_us = now;

  /* Only one source in flight: a newer value replaces an undelivered one. */
  if (g_atomic_int_exchange (&job->pending_permille, permille) < 0)
    {
      /* A source, not g_main_context_invoke (): that would run PROGRESS
       * right here on the worker whenever nobody iterates the context. */
      GSource *source = g_idle_source_new ();

      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, job_dispatch_progress, job_ref (job), job_unref);
      g_source_set_static_name (source, "[remora] display filter progress");
      g_source_attach (source, job->context);
      g_source_unref (source);
    }
}

static void
job_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Job *job = task_data;
  RemoraDisplayIndex *index;
  GError *error = NULL;

  if (job->is_sort)
    index = remora_display_index_sort (&job->source, job->sort_index, job->sort_key, job->descending,
                                       cancellable,
                                       job->progress != NULL ? job_worker_progress : NULL, job,
                                       &error);
  else
    index = remora_display_index_compute (&job->source, job->filter_text, job->mode, cancellable,
                                          job->progress != NULL ? job_worker_progress : NULL, job,
                                          &error);
  if (index == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, index, (GDestroyNotify) remora_display_index_unref);
}

typedef struct {
  GAsyncReadyCallback callback;
  gpointer            user_data;
} Completion;

/* Runs on the caller's context before its callback and closes the door
 * on late progress sources, so PROGRESS_DATA can go right after. */
static void
job_completed (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Completion *completion = user_data;
  Job *job = g_task_get_task_data (G_TASK (result));

  job->finished = TRUE;
  if (completion->callback != NULL)
    completion->callback (object, result, completion->user_data);
  if (job->progress_destroy != NULL)
    g_clear_pointer (&job->progress_data, job->progress_destroy);
  g_free (completion);
}

/* The task behind both asynchronous calls: a worker job over SOURCE
 * whose result reaches CALLBACK once, cancelled or not. */
static GTask *
job_task_new (gpointer                   source_object,
              const RemoraDisplaySource *source,
              const char                *filter_text,
              GCancellable              *cancellable,
              RemoraDisplayProgressFunc  progress,
              gpointer                   progress_data,
              GDestroyNotify             progress_destroy,
              GAsyncReadyCallback        callback,
              gpointer                   user_data,
              gpointer                   source_tag,
              Job                      **out_job)
{
  Completion *completion = g_new0 (Completion, 1);
  Job *job = g_new0 (Job, 1);
  GTask *task;

  completion->callback = callback;
  completion->user_data = user_data;

  g_atomic_ref_count_init (&job->ref_count);
  job->source = *source;
  job->filter_text = g_strdup (filter_text != NULL ? filter_text : "");
  job->context = g_main_context_ref_thread_default ();
  job->progress = progress;
  job->progress_data = progress_data;
  job->progress_destroy = progress_destroy;
  job->pending_permille = -1;

  task = g_task_new (source_object, cancellable, job_completed, completion);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, job, job_unref);
  /* One result per call even when cancelled late: the caller's callback
   * always sees what happened. */
  g_task_set_check_cancellable (task, TRUE);
  *out_job = job;
  return task;
}

void
remora_display_index_compute_async (gpointer                   source_object,
                                    const RemoraDisplaySource *source,
                                    const char                *filter_text,
                                    RemoraDisplayIndexMode     mode,
                                    GCancellable              *cancellable,
                                    RemoraDisplayProgressFunc  progress,
                                    gpointer                   progress_data,
                                    GDestroyNotify             progress_destroy,
                                    GAsyncReadyCallback        callback,
                                    gpointer                   user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (!source_object || G_IS_OBJECT (source_object));
  g_return_if_fail (source != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = job_task_new (source_object, source, filter_text, cancellable, progress, progress_data,
                       progress_destroy, callback, user_data, remora_display_index_compute_async, &job);
  job->mode = mode;

  if (filter_text_is_empty (filter_text))
    {
      RemoraDisplayIndex *index = remora_display_index_new_all (source->n_frames);

      if (mode == REMORA_DISPLAY_INDEX_COUNT_ONLY)
        index->has_frames = FALSE;
      g_task_return_pointer (task, index, (GDestroyNotify) remora_display_index_unref);
      return;
    }

  g_task_run_in_thread (task, job_thread);
}

RemoraDisplayIndex *
remora_display_index_compute_finish (GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == remora_display_index_compute_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
remora_display_index_sort_async (gpointer                   source_object,
                                 const RemoraDisplaySource *source,
                                 RemoraDisplayIndex        *index,
                                 RemoraSortKey              key,
                                 gboolean                   descending,
                                 GCancellable              *cancellable,
                                 RemoraDisplayProgressFunc  progress,
                                 gpointer                   progress_data,
                                 GDestroyNotify             progress_destroy,
                                 GAsyncReadyCallback        callback,
                                 gpointer                   user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (!source_object || G_IS_OBJECT (source_object));
  g_return_if_fail (source != NULL);
  g_return_if_fail (!index || index->has_frames);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = job_task_new (source_object, source, index != NULL ? index->filter_text : "", cancellable,
                       progress, progress_data, progress_destroy, callback, user_data,
                       remora_display_index_sort_async, &job);
  job->is_sort = TRUE;
  job->sort_index = index != NULL ? remora_display_index_ref (index) : NULL;
  job->sort_key = key;
  job->descending = descending;

  /* Capture order, either way round, is there without looking at a
   * single frame. */
  if (key == REMORA_SORT_NONE || key == REMORA_SORT_NUMBER)
    {
      GError *error = NULL;
      RemoraDisplayIndex *sorted = remora_display_index_sort (source, index, key, descending,
                                                              cancellable, NULL, NULL, &error);

      if (sorted == NULL)
        g_task_return_error (task, error);
      else
        g_task_return_pointer (task, sorted, (GDestroyNotify) remora_display_index_unref);
      return;
    }

  g_task_run_in_thread (task, job_thread);
}

RemoraDisplayIndex *
remora_display_index_sort_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == remora_display_index_sort_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
