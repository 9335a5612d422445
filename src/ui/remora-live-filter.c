/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-live-filter"

#include "config.h"

#include "remora-live-filter.h"

#include <string.h>

#include "remora-dfilter.h"
#include "remora-dissect.h"

/* Catching up gives the main loop back this often, so a filter applied
 * to a long capture never stalls drawing or the arriving batches. */
#define SLICE_US 8000
/* Frames between two looks at the clock. */
#define SLICE_CHECK_FRAMES 256

struct _RemoraLiveFilter
{
  GObject                parent_instance;

  RemoraCaptureDocument *document;
  RemoraDisplaySource    source;
  RemoraDfilter         *dfilter;
  RemoraPacket          *pkt;
  GArray                *frames;        /* guint32, the frames that passed */
  guint                  n_done;        /* frames 1..n_done have been matched */
  RemoraDisplayIndex    *index;         /* FRAMES as an index, made when asked */
  guint                  catch_up_id;
  gulong                 n_frames_handler;
  gboolean               caught_up;
};

G_DEFINE_FINAL_TYPE (RemoraLiveFilter, remora_live_filter, G_TYPE_OBJECT)

enum {
  SIGNAL_CHANGED,
  SIGNAL_PROGRESS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Matches frames n_done + 1 .. LAST, giving up at DEADLINE (monotonic
 * µs, 0: never); returns how many passed. */
static guint
match_frames (RemoraLiveFilter *self,
              guint             last,
              gint64            deadline)
{
  guint before = self->frames->len;

  /* The first pass already ran over every frame the document counts;
   * this one only revisits.  The lock is the document's: a worker (the
   * filter bar's count) may be dissecting with the same session. */
  while (self->n_done < last)
    {
      guint32 number = ++self->n_done;
      RemoraFrameInput input;

      remora_frame_store_get_frame_input (self->source.store, number, &input);
      g_mutex_lock (self->source.session_lock);
      remora_session_dissect (self->source.session, self->pkt, &input);
      g_mutex_unlock (self->source.session_lock);
      if (remora_dfilter_match (self->dfilter, self->pkt))
        g_array_append_val (self->frames, number);

      if (deadline != 0 && number % SLICE_CHECK_FRAMES == 0 &&
          g_get_monotonic_time () >= deadline)
        break;
    }
  if (self->frames->len != before)
    g_clear_pointer (&self->index, remora_display_index_unref);
  return self->frames->len - before;
}

static gboolean
catch_up_cb (gpointer user_data)
{
  RemoraLiveFilter *self = user_data;
  guint n_frames = remora_capture_document_get_n_frames (self->document);

  match_frames (self, n_frames, g_get_monotonic_time () + SLICE_US);
  if (self->n_done < n_frames)
    {
      g_signal_emit (self, signals[SIGNAL_PROGRESS], 0, (double) self->n_done / n_frames);
      return G_SOURCE_CONTINUE;
    }

  self->catch_up_id = 0;
  self->caught_up = TRUE;
  g_clear_pointer (&self->index, remora_display_index_unref);
  g_signal_emit (self, signals[SIGNAL_PROGRESS], 0, 1.0);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0, TRUE);
  return G_SOURCE_REMOVE;
}

/* A batch arrived (one notification per batch): matched right away once
 * caught up, so the list grows with one items-changed per batch. */
static void
on_n_frames_changed (RemoraLiveFilter      *self,
                     GParamSpec            *pspec,
                     RemoraCaptureDocument *document)
{
  if (!self->caught_up)
    return;
  if (match_frames (self, remora_capture_document_get_n_frames (document), 0) > 0)
    g_signal_emit (self, signals[SIGNAL_CHANGED], 0, FALSE);
}

RemoraLiveFilter *
remora_live_filter_new (RemoraCaptureDocument  *document,
                        const char             *text,
                        GError                **error)
{
  g_autoptr(RemoraDfilterError) dferror = NULL;
  RemoraLiveFilter *self;
  RemoraDfilter *dfilter;

  g_return_val_if_fail (REMORA_IS_CAPTURE_DOCUMENT (document), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  dfilter = remora_dfilter_compile (text, &dferror);
  if (dfilter == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           dferror != NULL ? dferror->message : "invalid display filter");
      return NULL;
    }

  self = g_object_new (REMORA_TYPE_LIVE_FILTER, NULL);
  self->document = g_object_ref (document);
  self->dfilter = dfilter;
  remora_capture_document_get_display_source (document, &self->source);
  self->pkt = remora_packet_new ();
  remora_packet_set_wanted (self->pkt, remora_dfilter_get_wanted (dfilter));
  self->n_frames_handler = g_signal_connect_object (document, "notify::n-frames",
                                                    G_CALLBACK (on_n_frames_changed), self,
                                                    G_CONNECT_SWAPPED);

  if (remora_capture_document_get_n_frames (document) == 0)
    self->caught_up = TRUE;
  else
    {
      /* Below the capture's batches (default priority) and redraws. */
      self->catch_up_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, catch_up_cb, self, NULL);
      g_source_set_static_name (g_main_context_find_source_by_id (NULL, self->catch_up_id),
                                "[remora] live display filter");
    }
  return self;
}

const char *
remora_live_filter_get_text (RemoraLiveFilter *self)
{
  g_return_val_if_fail (REMORA_IS_LIVE_FILTER (self), NULL);

  return remora_dfilter_get_text (self->dfilter);
}

gboolean
remora_live_filter_get_caught_up (RemoraLiveFilter *self)
{
  g_return_val_if_fail (REMORA_IS_LIVE_FILTER (self), FALSE);

  return self->caught_up;
}

RemoraDisplayIndex *
remora_live_filter_ref_index (RemoraLiveFilter *self)
{
  g_return_val_if_fail (REMORA_IS_LIVE_FILTER (self), NULL);

  if (self->index == NULL)
    self->index = remora_display_index_new_for_frames ((const guint32 *) (void *) self->frames->data,
                                                       self->frames->len, self->n_done,
                                                       remora_dfilter_get_text (self->dfilter));
  return remora_display_index_ref (self->index);
}

static void
remora_live_filter_dispose (GObject *object)
{
  RemoraLiveFilter *self = REMORA_LIVE_FILTER (object);

  g_clear_handle_id (&self->catch_up_id, g_source_remove);
  if (self->document != NULL)
    g_clear_signal_handler (&self->n_frames_handler, self->document);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (remora_live_filter_parent_class)->dispose (object);
}

static void
remora_live_filter_finalize (GObject *object)
{
  RemoraLiveFilter *self = REMORA_LIVE_FILTER (object);

  g_clear_pointer (&self->index, remora_display_index_unref);
  g_array_unref (self->frames);
  g_clear_pointer (&self->pkt, remora_packet_free);
  g_clear_pointer (&self->dfilter, remora_dfilter_free);

  G_OBJECT_CLASS (remora_live_filter_parent_class)->finalize (object);
}

static void
remora_live_filter_class_init (RemoraLiveFilterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = remora_live_filter_dispose;
  object_class->finalize = remora_live_filter_finalize;

  /* TRUE: the catching up is over (a new result); FALSE: frames of a
   * new batch passed. */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
  signals[SIGNAL_PROGRESS] =
    g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_DOUBLE);
}

static void
remora_live_filter_init (RemoraLiveFilter *self)
{
  self->frames = g_array_new (FALSE, FALSE, sizeof (guint32));
}
