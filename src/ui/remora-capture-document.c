/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-capture-document"

#include "config.h"

#include "remora-capture-document.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "remora-capture-reader.h"
#include "remora-coloring-rules.h"
#include "remora-display-index.h"
#include "remora-dissect.h"
#include "remora-frame-store.h"

/* This file stays GTK-free (GLib and GIO only) so that it can move into the
 * core library once a second front end needs it. */

/* Rows a person scrolls back and forth over are dissected once; a screenful
 * is about 50 rows, so this keeps a few screens either way. */
#define SUMMARY_CACHE_SIZE 512

/* Frames the loading worker reads and first-passes per hold of the
 * session lock: the main thread waits at most that long (well under a
 * millisecond) to dissect a row while a file loads. */
#define LOAD_BATCH_FRAMES 64

/* A save looks for Cancel every this many frames: often enough to stop
 * at once, rarely enough to cost nothing. */
#define CANCEL_CHECK_INTERVAL 4096

/* The main thread learns of newly loaded frames at most this often: one
 * items-changed per report, never one per packet. */
#define LOAD_REPORT_INTERVAL_US (100 * G_TIME_SPAN_MILLISECOND)

/* A list view builds a row widget for each of the first couple of hundred
 * items it is given (GTK 4.8 keeps 200 around the visible ones), which
 * costs a few hundred milliseconds at once.  So the first frames are handed
 * over a few dozen at a time, one step per frame of the display, and the
 * rest as they come. */
#define LOAD_RAMP_FRAMES 256
#define LOAD_RAMP_STEP   32
#define LOAD_RAMP_INTERVAL_MS 16

/* The longest a worker waits for the main thread's loop turn to end. */
#define WORKER_PAUSE_MAX_US (50 * G_TIME_SPAN_MILLISECOND)

struct _RemoraPacketSummary
{
  guint  number;
  int    color_rule;   /* the first coloring rule the frame matches, or -1 */
  guint  offsets[REMORA_N_COLUMNS];
  char   text[];   /* the column texts, each NUL-terminated */
};

struct _RemoraCaptureDocument
{
  GObject           parent_instance;

  GFile            *file;
  char             *display_name;

  RemoraFrameStore *store;
  RemoraSession    *session;
  guint             n_frames;

  /* The loading worker and display filters run on other threads with the
   * same session: every dissection with SESSION holds this (see
   * RemoraDisplaySource), and so does every read of STORE while it grows. */
  GMutex            session_lock;

  /* Column dissection on the main thread, after the first pass.  It
   * also records the coloring rules' fields, so a row's colour costs no
   * second dissection. */
  RemoraPacket     *column_pkt;
  RemoraColoringRules *coloring_rules;
  GString          *scratch;

  /* Most recently used first; the hash maps frame number -> link. */
  GQueue            cache;
  GHashTable       *cache_index;

  /* Live capture: the first pass runs batch by batch on the main
   * thread as packets arrive (LIVE_PKT), under SESSION_LOCK. */
  RemoraPacket     *live_pkt;
  /* The live capture's temporary file, deleted with the document, and
   * how far its pages were released after the first pass read them. */
  GFile            *temp_file;
  guint64           temp_released;

  /* While a file loads, its worker fills STORE and runs the first pass
   * with SESSION batch by batch under SESSION_LOCK; the main thread sees
   * the frames up to N_FRAMES only, and takes new ones over from
   * LOAD_READY (atomic) when the worker reports. */
  guint             load_ready;          /* atomic: frames stored and first-passed */
  gint              load_permille;       /* atomic: share of the file read; -1 unknown */
  gint              load_report_pending; /* atomic: a report is on its way */
  gint              main_waiting;        /* atomic: the main thread wants the lock */
  guint             main_release_id;     /* idle that sets MAIN_WAITING back to 0 */
  GThread          *main_thread;         /* the thread that made the document */
  guint             load_ramp_id;        /* hands the first frames over step by step */
  GMutex            yield_lock;          /* with YIELD_COND: the worker waits for */
  GCond             yield_cond;          /* MAIN_WAITING to drop to 0 */

  guint             loading : 1;
  guint             load_started : 1;
  guint             live : 1;
  /* Live packets no file holds yet; cleared by a save. */
  guint             unsaved : 1;
};

G_DEFINE_FINAL_TYPE (RemoraCaptureDocument, remora_capture_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FILE,
  PROP_DISPLAY_NAME,
  PROP_LOADING,
  PROP_N_FRAMES,
  PROP_UNSAVED,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* ---- the session lock on the main thread ---- */

/* A worker (the loading one, a display filter's) takes the lock again
 * right after releasing it, and a busy machine may not wake the main
 * thread in between: a screenful of rows, each waiting its turn, would
 * hold the loop up.  So the first dissection of a main-loop turn asks the
 * workers to pause (worker_pause ()), and they go on once the loop is
 * idle again. */
static gboolean
main_release_cb (gpointer user_data)
{
  RemoraCaptureDocument *self = user_data;

  self->main_release_id = 0;
  g_mutex_lock (&self->yield_lock);
  g_atomic_int_set (&self->main_waiting, 0);
  g_cond_broadcast (&self->yield_cond);
  g_mutex_unlock (&self->yield_lock);
  return G_SOURCE_REMOVE;
}

static void
main_lock (RemoraCaptureDocument *self)
{
  if (self->main_release_id == 0)
    {
      g_atomic_int_set (&self->main_waiting, 1);
      self->main_release_id = g_idle_add_full (G_PRIORITY_LOW, main_release_cb,
                                               g_object_ref (self), g_object_unref);
      g_source_set_static_name (g_main_context_find_source_by_id (NULL, self->main_release_id),
                                "[remora] resume session workers");
    }
  g_mutex_lock (&self->session_lock);
}

static void
main_unlock (RemoraCaptureDocument *self)
{
  g_mutex_unlock (&self->session_lock);
}

/* Worker: lets the main thread have the lock and finish its loop turn
 * before going on.  Never on the main thread itself, and never for long:
 * a main thread that waits for the worker must not wait forever. */
static void
worker_pause (gpointer data)
{
  RemoraCaptureDocument *self = data;
  gint64 deadline;

  if (g_atomic_int_get (&self->main_waiting) == 0 || g_thread_self () == self->main_thread)
    return;
  deadline = g_get_monotonic_time () + WORKER_PAUSE_MAX_US;
  g_mutex_lock (&self->yield_lock);
  while (g_atomic_int_get (&self->main_waiting) > 0 &&
         g_cond_wait_until (&self->yield_cond, &self->yield_lock, deadline))
    ;
  g_mutex_unlock (&self->yield_lock);
}

/* ---- summaries ---- */

RemoraPacketSummary *
remora_packet_summary_ref (RemoraPacketSummary *summary)
{
  g_return_val_if_fail (summary != NULL, NULL);

  return g_rc_box_acquire (summary);
}

void
remora_packet_summary_unref (RemoraPacketSummary *summary)
{
  g_return_if_fail (summary != NULL);

  g_rc_box_release (summary);
}

guint
remora_packet_summary_get_number (const RemoraPacketSummary *summary)
{
  g_return_val_if_fail (summary != NULL, 0);

  return summary->number;
}

const char *
remora_packet_summary_get_text (const RemoraPacketSummary *summary,
                                RemoraColumn               column)
{
  g_return_val_if_fail (summary != NULL, "");
  g_return_val_if_fail (column < REMORA_N_COLUMNS, "");

  return summary->text + summary->offsets[column];
}

int
remora_packet_summary_get_color_rule (const RemoraPacketSummary *summary)
{
  g_return_val_if_fail (summary != NULL, -1);

  return summary->color_rule;
}

/* ---- frames ---- */

/* Decimals of the Time column: the resolution the capture was recorded
 * with, as Wireshark's automatic precision shows it (6 for microsecond
 * pcap, 9 for nanosecond files). */
static int
time_digits_for (const RemoraInterface *iface)
{
  guint64 units = iface != NULL ? iface->ts_units : 1000000;
  int digits = 0;

  while (units >= 10 && digits < 9)
    {
      units /= 10;
      digits++;
    }
  return digits;
}

/* Seconds since the first frame, "%.Nf" but truncated the way Wireshark
 * cuts time stamps to the capture's precision (no rounding up into the
 * next second). */
static void
append_seconds (GString *out,
                gint64   ns,
                int      digits)
{
  guint64 abs_ns = ns < 0 ? (guint64) 0 - (guint64) ns : (guint64) ns;
  guint64 secs = abs_ns / G_GUINT64_CONSTANT (1000000000);
  guint64 frac = abs_ns % G_GUINT64_CONSTANT (1000000000);

  for (int i = digits; i < 9; i++)
    frac /= 10;
  if (ns < 0 && (secs > 0 || frac > 0))
    g_string_append_c (out, '-');
  g_string_append_printf (out, "%" G_GUINT64_FORMAT, secs);
  if (digits > 0)
    g_string_append_printf (out, ".%0*" G_GUINT64_FORMAT, digits, frac);
}

/* Source and Destination show the network address when a layer set one,
 * the link address otherwise (ARP and other non-IP frames). */
static void
append_address (GString             *out,
                const RemoraAddress *net,
                const RemoraAddress *link)
{
  const RemoraAddress *addr = net->type != REMORA_AT_NONE ? net : link;
  char buf[64];

  if (addr->type != REMORA_AT_NONE)
    g_string_append (out, remora_address_to_str (addr, buf, sizeof buf));
}

static RemoraPacketSummary *
summary_new (guint               number,
             const RemoraPacket *pkt,
             int                 time_digits,
             GString            *scratch)
{
  RemoraPacketSummary *summary;
  guint offsets[REMORA_N_COLUMNS];

  g_string_truncate (scratch, 0);
  for (guint column = 0; column < REMORA_N_COLUMNS; column++)
    {
      offsets[column] = scratch->len;
      switch ((RemoraColumn) column)
        {
        case REMORA_COLUMN_NUMBER:
          g_string_append_printf (scratch, "%u", number);
          break;
        case REMORA_COLUMN_TIME:
          append_seconds (scratch, pkt->rel_ns, time_digits);
          break;
        case REMORA_COLUMN_SOURCE:
          append_address (scratch, &pkt->src, &pkt->dl_src);
          break;
        case REMORA_COLUMN_DESTINATION:
          append_address (scratch, &pkt->dst, &pkt->dl_dst);
          break;
        case REMORA_COLUMN_PROTOCOL:
          if (pkt->col_protocol != NULL)
            g_string_append (scratch, pkt->col_protocol);
          break;
        case REMORA_COLUMN_LENGTH:
          g_string_append_printf (scratch, "%u", pkt->frame->orig_len);
          break;
        case REMORA_COLUMN_INFO:
          if (pkt->col_info != NULL)
            g_string_append_len (scratch, pkt->col_info->str, pkt->col_info->len);
          break;
        case REMORA_N_COLUMNS:
        default:
          g_assert_not_reached ();
        }
      /* Packet text may hold anything; a cell must get valid UTF-8. */
      if (!g_utf8_validate (scratch->str + offsets[column], -1, NULL))
        {
          g_autofree char *valid = g_utf8_make_valid (scratch->str + offsets[column], -1);

          g_string_truncate (scratch, offsets[column]);
          g_string_append (scratch, valid);
        }
      g_string_append_c (scratch, '\0');
    }

  summary = g_rc_box_alloc (sizeof *summary + scratch->len);
  summary->number = number;
  memcpy (summary->offsets, offsets, sizeof offsets);
  memcpy (summary->text, scratch->str, scratch->len);
  return summary;
}

static void
cache_clear (RemoraCaptureDocument *self)
{
  g_hash_table_remove_all (self->cache_index);
  g_queue_clear_full (&self->cache, (GDestroyNotify) remora_packet_summary_unref);
}

RemoraPacketSummary *
remora_capture_document_ref_summary (RemoraCaptureDocument *self,
                                     guint                  number)
{
  RemoraPacketSummary *summary;
  RemoraFrameInput input;
  int time_digits;
  GList *link;

  g_return_val_if_fail (REMORA_IS_CAPTURE_DOCUMENT (self), NULL);
  g_return_val_if_fail (number >= 1 && number <= self->n_frames, NULL);

  link = g_hash_table_lookup (self->cache_index, GUINT_TO_POINTER (number));
  if (link != NULL)
    {
      g_queue_unlink (&self->cache, link);
      g_queue_push_head_link (&self->cache, link);
      return remora_packet_summary_ref (link->data);
    }

  if (self->column_pkt == NULL)
    {
      /* Fields mode with only what the coloring rules read wanted:
       * the columns are filled on the side. */
      self->column_pkt = remora_packet_new ();
      remora_packet_set_want_columns (self->column_pkt, TRUE);
      self->coloring_rules = remora_coloring_rules_new_default ();
      remora_packet_set_wanted (self->column_pkt, remora_coloring_rules_get_wanted (self->coloring_rules));
    }

  /* A loading worker may be growing the store's tables: read them under
   * the lock too. */
  main_lock (self);
  remora_frame_store_get_frame_input (self->store, number, &input);
  time_digits = time_digits_for (remora_frame_store_get_interface (self->store, input.iface_id));
  remora_session_dissect (self->session, self->column_pkt, &input);
  main_unlock (self);
  summary = summary_new (number, self->column_pkt, time_digits, self->scratch);
  summary->color_rule = remora_coloring_rules_match (self->coloring_rules, self->column_pkt);

  if (self->cache.length >= SUMMARY_CACHE_SIZE)
    {
      RemoraPacketSummary *oldest = g_queue_pop_tail (&self->cache);

      g_hash_table_remove (self->cache_index, GUINT_TO_POINTER (oldest->number));
      remora_packet_summary_unref (oldest);
    }
  g_queue_push_head (&self->cache, remora_packet_summary_ref (summary));
  g_hash_table_insert (self->cache_index, GUINT_TO_POINTER (number), self->cache.head);

  return summary;
}

/* ---- tree-mode snapshots ---- */

struct _RemoraPacketSnapshot
{
  RemoraCaptureDocument *document;
  RemoraFrameInput       input;     /* pkt->frame points here */
  RemoraPacket          *pkt;
};

G_DEFINE_BOXED_TYPE (RemoraPacketSnapshot, remora_packet_snapshot,
                     remora_packet_snapshot_ref, remora_packet_snapshot_unref)

static void
packet_snapshot_clear (gpointer data)
{
  RemoraPacketSnapshot *snapshot = data;

  /* The packet points into the document's bytes and session: it goes first. */
  g_clear_pointer (&snapshot->pkt, remora_packet_free);
  g_clear_object (&snapshot->document);
}

RemoraPacketSnapshot *
remora_packet_snapshot_ref (RemoraPacketSnapshot *snapshot)
{
  g_return_val_if_fail (snapshot != NULL, NULL);

  return g_rc_box_acquire (snapshot);
}

void
remora_packet_snapshot_unref (RemoraPacketSnapshot *snapshot)
{
  g_return_if_fail (snapshot != NULL);

  g_rc_box_release_full (snapshot, packet_snapshot_clear);
}

guint
remora_packet_snapshot_get_number (const RemoraPacketSnapshot *snapshot)
{
  g_return_val_if_fail (snapshot != NULL, 0);

  return snapshot->input.number;
}

RemoraCaptureDocument *
remora_packet_snapshot_get_document (const RemoraPacketSnapshot *snapshot)
{
  g_return_val_if_fail (snapshot != NULL, NULL);

  return snapshot->document;
}

const RemoraPacket *
remora_packet_snapshot_get_packet (const RemoraPacketSnapshot *snapshot)
{
  g_return_val_if_fail (snapshot != NULL, NULL);

  return snapshot->pkt;
}

RemoraPacketSnapshot *
remora_capture_document_dissect_frame (RemoraCaptureDocument *self,
                                       guint                  number,
                                       guint                  prev_displayed)
{
  RemoraPacketSnapshot *snapshot;
  const RemoraFrameRecord *prev;

  g_return_val_if_fail (REMORA_IS_CAPTURE_DOCUMENT (self), NULL);
  g_return_val_if_fail (number >= 1 && number <= self->n_frames, NULL);
  g_return_val_if_fail (prev_displayed < number, NULL);

  snapshot = g_rc_box_new0 (RemoraPacketSnapshot);
  snapshot->document = g_object_ref (self);
  snapshot->pkt = remora_packet_new ();
  remora_packet_set_tree_mode (snapshot->pkt, TRUE);
  remora_packet_set_want_columns (snapshot->pkt, TRUE);

  main_lock (self);
  remora_frame_store_get_frame_input (self->store, number, &snapshot->input);

  /* Out of order the session cannot know the neighbours' times.  The
   * first displayed frame is its own reference, so its delta is zero as
   * in Wireshark. */
  prev = remora_frame_store_get_record (self->store, number > 1 ? number - 1 : number);
  snapshot->input.has_prev_times = TRUE;
  snapshot->input.prev_cap_ts_ns = prev->ts_ns;
  prev = remora_frame_store_get_record (self->store, prev_displayed != 0 ? prev_displayed : number);
  snapshot->input.prev_dis_ts_ns = prev->ts_ns;

  remora_session_dissect (self->session, snapshot->pkt, &snapshot->input);
  main_unlock (self);

  return snapshot;
}

void
remora_capture_document_get_display_source (RemoraCaptureDocument *self,
                                            RemoraDisplaySource   *out)
{
  g_return_if_fail (REMORA_IS_CAPTURE_DOCUMENT (self));
  g_return_if_fail (out != NULL);

  *out = (RemoraDisplaySource) {
    .store = self->store,
    .session = self->session,
    .session_lock = &self->session_lock,
    .n_frames = self->n_frames,
    .pause_point = worker_pause,
    .pause_data = self,
  };
}

/* ---- loading ---- */

typedef struct {
  char             *path;
  GMainContext     *context;     /* where the reports go */
  GError           *damage;      /* the file ended in damage; the store keeps what came before */
} LoadData;

static void
load_data_free (gpointer data)
{
  LoadData *ld = data;

  g_free (ld->path);
  g_main_context_unref (ld->context);
  g_clear_error (&ld->damage);
  g_free (ld);
}

/* Main thread: takes the frames the worker has finished over, with one
 * n-frames notification (one items-changed in the list).  With RAMP, no
 * more than a ramp step while the document is short; returns whether
 * frames are left over. */
static gboolean
load_take_ready (RemoraCaptureDocument *self,
                 gboolean               ramp)
{
  guint ready = g_atomic_int_get (&self->load_ready);
  gboolean left = FALSE;

  if (ready <= self->n_frames)
    return FALSE;
  if (ramp && self->n_frames < LOAD_RAMP_FRAMES && ready - self->n_frames > LOAD_RAMP_STEP)
    {
      ready = self->n_frames + LOAD_RAMP_STEP;
      left = TRUE;
    }
  self->n_frames = ready;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_FRAMES]);
  return left;
}

static gboolean
load_ramp_cb (gpointer user_data)
{
  RemoraCaptureDocument *self = user_data;

  if (self->loading && load_take_ready (self, TRUE))
    return G_SOURCE_CONTINUE;
  self->load_ramp_id = 0;
  return G_SOURCE_REMOVE;
}

static gboolean
load_report_cb (gpointer user_data)
{
  RemoraCaptureDocument *self = user_data;

  g_atomic_int_set (&self->load_report_pending, 0);
  if (self->loading && self->load_ramp_id == 0 && load_take_ready (self, TRUE))
    {
      self->load_ramp_id = g_timeout_add_full (G_PRIORITY_DEFAULT, LOAD_RAMP_INTERVAL_MS,
                                               load_ramp_cb, g_object_ref (self), g_object_unref);
      g_source_set_static_name (g_main_context_find_source_by_id (NULL, self->load_ramp_id),
                                "[remora] first loaded frames");
    }
  return G_SOURCE_REMOVE;
}

/* Worker: at most one report in flight; a newer count simply waits for
 * the pending one to be read. */
static void
load_post_report (RemoraCaptureDocument *self,
                  GMainContext          *context)
{
  GSource *source;

  if (!g_atomic_int_compare_and_exchange (&self->load_report_pending, 0, 1))
    return;
  /* A source rather than g_main_context_invoke (), which would run the
   * callback here on the worker whenever nobody owns the context. */
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, load_report_cb, g_object_ref (self), g_object_unref);
  g_source_set_static_name (source, "[remora] loaded frames");
  g_source_attach (source, context);
  g_source_unref (source);
}

static void
worker_lock (RemoraCaptureDocument *self)
{
  worker_pause (self);
  g_mutex_lock (&self->session_lock);
}

/* Runs on a worker thread.  It shares the document's store and session
 * with the main thread: it touches them only under SESSION_LOCK, in
 * batches, and hands frames over through LOAD_READY.  Records never move
 * once written (the store grows by chunks), and the main thread reads
 * only frames it has been handed. */
static void
load_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  RemoraCaptureDocument *self = source_object;
  LoadData *ld = task_data;
  g_autoptr(RemoraCaptureReader) reader = NULL;
  g_autoptr(RemoraPacket) pkt = NULL;
  RemoraSession *session;
  RemoraReadStatus status = REMORA_READ_PACKET;
  GMappedFile *map;
  gsize map_len = 0;
  gint64 last_report_us = 0;
  GError *error = NULL;

  reader = remora_capture_reader_open (ld->path, &error);
  if (reader == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* The first pass, in order, builds the per-capture state (conversations,
   * stream numbers) that dissecting any single row later relies on. */
  remora_dissectors_init ();
  session = remora_session_new ();
  /* Reassembled PDUs are rebuilt from the frames, not kept as copies. */
  remora_session_set_frame_source (session, remora_frame_store_read_frame, self->store);
  pkt = remora_packet_new ();

  map = remora_capture_reader_get_mapped_file (reader);
  if (map != NULL)
    map_len = g_mapped_file_get_length (map);
  /* The file's pages need not stay resident behind the first pass: rows
   * read theirs back from the page cache when shown. */
  remora_capture_reader_set_release_behind (reader, TRUE);

  worker_lock (self);
  self->session = session;
  /* The store holds its own reference on the mapping. */
  if (map != NULL)
    remora_frame_store_set_mapped_file (self->store, map);
  g_mutex_unlock (&self->session_lock);

  while (status == REMORA_READ_PACKET && !g_cancellable_is_cancelled (cancellable))
    {
      RemoraPacketRecord rec = { 0 };
      guint n_frames;
      gint64 now;

      worker_lock (self);
      for (guint i = 0; i < LOAD_BATCH_FRAMES; i++)
        {
          RemoraFrameInput input;
          guint number;

          status = remora_capture_reader_next (reader, &rec, &ld->damage);
          if (status != REMORA_READ_PACKET)
            break;

          /* Interfaces can appear anywhere in a pcapng file: each is
           * copied before the first packet that uses it. */
          while (remora_frame_store_get_n_interfaces (self->store) <
                 remora_capture_reader_get_n_interfaces (reader))
            remora_frame_store_add_interface (self->store,
                                              remora_capture_reader_get_interface (reader,
                                                                                   remora_frame_store_get_n_interfaces (self->store)));

          number = remora_frame_store_append (self->store, &rec);
          if (number == 0)
            {
              /* The store refuses more frames than it can number. */
              status = REMORA_READ_EOF;
              break;
            }
          remora_frame_store_get_frame_input (self->store, number, &input);
          remora_session_dissect (session, pkt, &input);
          remora_session_mark_displayed (session, pkt);
        }
      n_frames = remora_frame_store_get_n_frames (self->store);
      g_mutex_unlock (&self->session_lock);

      g_atomic_int_set (&self->load_ready, n_frames);
      if (map_len > 0 && status == REMORA_READ_PACKET)
        g_atomic_int_set (&self->load_permille,
                          (gint) MIN (999, rec.file_offset * 1000 / map_len));

      /* The first frames go out at once, so that the list shows them; the
       * rest at most every report interval. */
      now = g_get_monotonic_time ();
      if (n_frames > 0 && (last_report_us == 0 || now - last_report_us >= LOAD_REPORT_INTERVAL_US))
        {
          last_report_us = now;
          load_post_report (self, ld->context);
        }
    }

  g_task_return_boolean (task, TRUE);
}

static void
load_worker_done (GObject      *source_object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  RemoraCaptureDocument *self = REMORA_CAPTURE_DOCUMENT (source_object);
  g_autoptr(GTask) task = user_data;
  LoadData *ld = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  g_assert (self->loading);

  /* Whatever ended the load (the end of the file, damage, a cancel), the
   * frames read so far stay. */
  g_object_freeze_notify (G_OBJECT (self));
  load_take_ready (self, FALSE);
  self->loading = FALSE;
  g_atomic_int_set (&self->load_permille, 1000);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LOADING]);
  g_object_thaw_notify (G_OBJECT (self));

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_task_return_error (task, error);
  else if (ld->damage != NULL)
    g_task_return_error (task, g_steal_pointer (&ld->damage));
  else
    g_task_return_boolean (task, TRUE);
}

void
remora_capture_document_load_async (RemoraCaptureDocument *self,
                                    GCancellable          *cancellable,
                                    GAsyncReadyCallback    callback,
                                    gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) worker = NULL;
  LoadData *ld;
  char *path;

  g_return_if_fail (REMORA_IS_CAPTURE_DOCUMENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, remora_capture_document_load_async);

  if (self->load_started || self->live || self->store != NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               "A document is loaded only once");
      return;
    }
  self->load_started = TRUE;

  path = g_file_get_path (self->file);
  if (path == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("“%s” is not a local file"), self->display_name);
      return;
    }

  self->store = remora_frame_store_new ();
  self->loading = TRUE;
  g_atomic_int_set (&self->load_permille, -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LOADING]);

  ld = g_new0 (LoadData, 1);
  ld->path = path;
  ld->context = g_main_context_ref_thread_default ();

  /* The outer task reaches the caller only after the document has taken
   * the last frames over, so its callback sees the final count.  The
   * worker looks at CANCELLABLE between batches and always runs to its
   * end. */
  worker = g_task_new (self, cancellable, load_worker_done, g_steal_pointer (&task));
  g_task_set_source_tag (worker, load_worker);
  g_task_set_task_data (worker, ld, load_data_free);
  g_task_run_in_thread (worker, load_worker);
}

gboolean
remora_capture_document_load_finish (RemoraCaptureDocument  *self,
                                     GAsyncResult           *result,
                                     GError                **error)
{
  g_return_val_if_fail (REMORA_IS_CAPTURE_DOCUMENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- object ---- */

RemoraCaptureDocument *
remora_capture_document_new (GFile *file)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  return g_object_new (REMORA_TYPE_CAPTURE_DOCUMENT,
                       "file", file,
                       NULL);
}

GFile *
remora_capture_document_get_file (RemoraCaptureDocument *self)
{
  g_return_val_if_fail (REMORA_IS_CAPTURE_DOCUMENT (self), NULL);

  return self->file;
}

const char *
remora_capture_document_get_display_name (RemoraCaptureDocument *self)
{
  g_return_val_if_fail (REMORA_IS_CAPTURE_DOCUMENT (self), NULL);

  return self->display_name;
}

gboolean
remora_capture_document_get_loading (RemoraCaptureDocument *self)
{
  g_return_val_if_fail (REMORA_IS_CAPTURE_DOCUMENT (self), FALSE);

  return self->loading;
}

double
remora_capture_document_get_load_fraction (RemoraCaptureDocument *self)
{
  int permille;

  g_return_val_if_fail (REMORA_IS_CAPTURE_DOCUMENT (self), -1.0);

  if (!self->loading)
    return 1.0;
  permille = g_atomic_int_get (&self->load_permille);
  return permille < 0 ? -1.0 : permille / 1000.0;
}

/* ---- live capture ---- */

RemoraCaptureDocument *
remora_capture_document_new_live (const char *display_name)
{
  RemoraCaptureDocument *self;

  g_return_val_if_fail (display_name != NULL, NULL);

  self = g_object_new (REMORA_TYPE_CAPTURE_DOCUMENT, NULL);
  self->display_name = g_strdup (display_name);
  self->store = remora_frame_store_new ();
  remora_dissectors_init ();
  self->session = remora_session_new ();
  remora_session_set_frame_source (self->session, remora_frame_store_read_frame, self->store);
  self->live = TRUE;
  self->unsaved = TRUE;
  return self;
}

gboolean
remora_capture_document_get_live (RemoraCaptureDocument *self)
{
  g_return_val_if_fail (REMORA_IS_CAPTURE_DOCUMENT (self), FALSE);

  return self->live;
}

void
remora_capture_document_add_interface (RemoraCaptureDocument *self,
                                       const RemoraInterface *iface)
{
  g_return_if_fail (REMORA_IS_CAPTURE_DOCUMENT (self));
  g_return_if_fail (self->live);

  g_mutex_lock (&self->session_lock);
  remora_frame_store_add_interface (self->store, iface);
  g_mutex_unlock (&self->session_lock);
}

guint
remora_capture_document_get_n_interfaces (RemoraCaptureDocument *self)
{
  g_return_val_if_fail (REMORA_IS_CAPTURE_DOCUMENT (self), 0);

  return self->store != NULL ? remora_frame_store_get_n_interfaces (self->store) : 0;
}

/* A live capture's packets are not kept in memory: the helper's pcapng
 * goes to a temporary file as it is read (remora_capture_session_set_stream_file,
 * on the session's reader thread, before the packets reach us), and each
 * frame keeps only its 32-byte record with the file offset of its bytes.
 * The bytes are read through a RemoraGrowingMap: fixed windows over the
 * file that are never moved or unmapped while the document lives, so the
 * pointers that rows, protocol trees and filter workers hold stay valid
 * as the file grows, with no copy and no cache to bound.  Once the first
 * pass has read a batch, its pages leave the resident set (the file's
 * page cache has them, and a row that needs them reads them back). */
int
remora_capture_document_open_temp_file (RemoraCaptureDocument  *self,
                                        const char             *name,
                                        GError                **error)
{
  g_autoptr(GString) tmpl = g_string_new ("remora_");
  g_autofree char *path = NULL;
  int write_fd;
  int read_fd;

  g_return_val_if_fail (REMORA_IS_CAPTURE_DOCUMENT (self), -1);
  g_return_val_if_fail (self->live, -1);
  g_return_val_if_fail (self->temp_file == NULL, -1);
  g_return_val_if_fail (remora_frame_store_get_n_frames (self->store) == 0, -1);

  /* Interface names may hold anything a file name should not. */
  for (const char *c = name != NULL ? name : ""; *c != '\0' && tmpl->len < 48; c++)
    g_string_append_c (tmpl, g_ascii_isalnum (*c) || *c == '-' || *c == '.' ? *c : '_');
  g_string_append (tmpl, "_XXXXXX.pcapng");

  write_fd = g_file_open_tmp (tmpl->str, &path, error);
  if (write_fd < 0)
    return -1;
  read_fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (read_fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not open the temporary file “%s”: %s"),
                   path, g_strerror (saved_errno));
      close (write_fd);
      g_unlink (path);
      return -1;
    }

  g_mutex_lock (&self->session_lock);
  remora_frame_store_set_growing_map (self->store, remora_growing_map_new (read_fd));
  g_mutex_unlock (&self->session_lock);
  self->temp_file = g_file_new_for_path (path);
  return write_fd;
}

GFile *
remora_capture_document_get_temp_file (RemoraCaptureDocument *self)
{
  g_return_val_if_fail (REMORA_IS_CAPTURE_DOCUMENT (self), NULL);

  return self->temp_file;
}

void
remora_capture_document_append_packets (RemoraCaptureDocument    *self,
                                        const RemoraPacketRecord *records,
                                        guint                     n_records)
{
  remora_capture_document_append_batch (self, records, n_records, 0);
}

void
remora_capture_document_append_batch (RemoraCaptureDocument    *self,
                                      const RemoraPacketRecord *records,
                                      guint                     n_records,
                                      guint64                   file_bytes)
{
  guint64 read_end = 0;

  g_return_if_fail (REMORA_IS_CAPTURE_DOCUMENT (self));
  g_return_if_fail (self->live);

  if (n_records == 0)
    return;
  if (self->live_pkt == NULL)
    self->live_pkt = remora_packet_new ();
  if (self->temp_file == NULL)
    file_bytes = 0;

  /* The records' bytes belong to the capture session and last only this
   * call: frames whose bytes already are in the temporary file point
   * there, the others (no file, or writing it failed) are copied into the
   * store's arena. */
  g_mutex_lock (&self->session_lock);
  for (guint i = 0; i < n_records; i++)
    {
      const RemoraPacketRecord *rec = &records[i];
      guint number = 0;
      RemoraFrameInput input;

      if (rec->data_offset <= file_bytes && rec->cap_len <= file_bytes - rec->data_offset)
        {
          number = remora_frame_store_append_in_file (self->store, rec);
          if (number != 0)
            read_end = MAX (read_end, rec->data_offset + rec->cap_len);
        }
      if (number == 0)
        number = remora_frame_store_append (self->store, rec);

      /* In order, as the file load's first pass. */
      remora_frame_store_get_frame_input (self->store, number, &input);
      remora_session_dissect (self->session, self->live_pkt, &input);
      remora_session_mark_displayed (self->session, self->live_pkt);
    }
  g_mutex_unlock (&self->session_lock);

  if (read_end > self->temp_released)
    {
      RemoraGrowingMap *map = remora_frame_store_get_growing_map (self->store);
      /* A page fault maps the neighbouring cached pages too ("fault
       * around", 64 KiB by default), some of them released before. */
      guint64 slack = 256 * 1024;

      remora_growing_map_release (map, self->temp_released > slack ? self->temp_released - slack : 0,
                                  read_end);
      self->temp_released = read_end;
    }

  /* One notification per batch: the list grows with one items-changed. */
  self->n_frames = remora_frame_store_get_n_frames (self->store);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_FRAMES]);
}

void
remora_capture_document_end_live (RemoraCaptureDocument *self)
{
  g_return_if_fail (REMORA_IS_CAPTURE_DOCUMENT (self));

  self->live = FALSE;
  g_clear_pointer (&self->live_pkt, remora_packet_free);
}

guint
remora_capture_document_get_n_frames (RemoraCaptureDocument *self)
{
  g_return_val_if_fail (REMORA_IS_CAPTURE_DOCUMENT (self), 0);

  return self->n_frames;
}

static void
remora_capture_document_constructed (GObject *object)
{
  RemoraCaptureDocument *self = REMORA_CAPTURE_DOCUMENT (object);
  g_autofree char *basename = NULL;

  G_OBJECT_CLASS (remora_capture_document_parent_class)->constructed (object);

  /* A live capture has no file yet; its name comes from new_live. */
  if (self->file == NULL)
    return;

  /* The basename is in the file system's encoding; show it as UTF-8. */
  basename = g_file_get_basename (self->file);
  self->display_name = g_filename_display_name (basename != NULL ? basename : "");
}

static void
remora_capture_document_dispose (GObject *object)
{
  RemoraCaptureDocument *self = REMORA_CAPTURE_DOCUMENT (object);

  cache_clear (self);

  G_OBJECT_CLASS (remora_capture_document_parent_class)->dispose (object);
}

static void
remora_capture_document_finalize (GObject *object)
{
  RemoraCaptureDocument *self = REMORA_CAPTURE_DOCUMENT (object);

  g_clear_pointer (&self->cache_index, g_hash_table_unref);
  g_clear_pointer (&self->column_pkt, remora_packet_free);
  g_clear_pointer (&self->coloring_rules, remora_coloring_rules_free);
  g_clear_pointer (&self->live_pkt, remora_packet_free);
  /* Packets and summaries point into the session's state and the store's
   * bytes: those go last. */
  g_clear_pointer (&self->session, remora_session_free);
  g_clear_pointer (&self->store, remora_frame_store_free);
  g_string_free (self->scratch, TRUE);
  g_free (self->display_name);
  g_clear_object (&self->file);
  /* The temporary file has no use once its document is gone: saving
   * copies or moves it before. */
  if (self->temp_file != NULL)
    {
      g_autofree char *path = g_file_get_path (self->temp_file);

      if (g_unlink (path) < 0 && errno != ENOENT)
        g_warning ("Could not delete the temporary file %s: %s", path, g_strerror (errno));
      g_clear_object (&self->temp_file);
    }
  g_mutex_clear (&self->session_lock);
  g_mutex_clear (&self->yield_lock);
  g_cond_clear (&self->yield_cond);

  G_OBJECT_CLASS (remora_capture_document_parent_class)->finalize (object);
}

static void
remora_capture_document_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  RemoraCaptureDocument *self = REMORA_CAPTURE_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;

    case PROP_DISPLAY_NAME:
      g_value_set_string (value, self->display_name);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    case PROP_N_FRAMES:
      g_value_set_uint (value, self->n_frames);
      break;

    case PROP_UNSAVED:
      g_value_set_boolean (value, self->unsaved);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remora_capture_document_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  RemoraCaptureDocument *self = REMORA_CAPTURE_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_FILE:
      self->file = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remora_capture_document_class_init (RemoraCaptureDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = remora_capture_document_constructed;
  object_class->dispose = remora_capture_document_dispose;
  object_class->finalize = remora_capture_document_finalize;
  object_class->get_property = remora_capture_document_get_property;
  object_class->set_property = remora_capture_document_set_property;

  properties [PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL,
                         G_TYPE_FILE,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties [PROP_DISPLAY_NAME] =
    g_param_spec_string ("display-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties [PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  properties [PROP_N_FRAMES] =
    g_param_spec_uint ("n-frames", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  properties [PROP_UNSAVED] =
    g_param_spec_boolean ("unsaved", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
remora_capture_document_init (RemoraCaptureDocument *self)
{
  g_mutex_init (&self->session_lock);
  self->main_thread = g_thread_self ();
  g_mutex_init (&self->yield_lock);
  g_cond_init (&self->yield_cond);
  g_queue_init (&self->cache);
  self->cache_index = g_hash_table_new (NULL, NULL);
  self->scratch = g_string_sized_new (256);
}

/* ---- saving ---- */

gboolean
remora_capture_document_get_unsaved (RemoraCaptureDocument *self)
{
  g_return_val_if_fail (REMORA_IS_CAPTURE_DOCUMENT (self), FALSE);

  return self->unsaved;
}

typedef struct {
  GFile              *file;
  char               *path;
  RemoraFileFormat    format;
  RemoraDisplayIndex *only;
  /* Borrowed: the worker task keeps the document, owner of the store,
   * alive, and a document that can be saved no longer changes. */
  RemoraFrameStore   *store;
  guint               n_frames;
} SaveData;

static void
save_data_free (gpointer data)
{
  SaveData *sd = data;

  g_object_unref (sd->file);
  g_free (sd->path);
  g_clear_pointer (&sd->only, remora_display_index_unref);
  g_free (sd);
}

/* The output interface of store interface ID, added on first use: a
 * pcap file holds one, so a capture whose packets all came through one
 * of several interfaces still saves as pcap. */
static int
save_output_interface (SaveData             *sd,
                       RemoraCaptureWriter  *writer,
                       int                  *map,
                       guint                 id,
                       GError              **error)
{
  const RemoraInterface *iface;

  if (map[id] >= 0)
    return map[id];
  iface = remora_frame_store_get_interface (sd->store, id);
  map[id] = remora_capture_writer_add_interface (writer, iface, error);
  return map[id];
}

static void
save_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveData *sd = task_data;
  RemoraCaptureWriter *writer;
  g_autofree int *map = NULL;
  guint n_ifaces = remora_frame_store_get_n_interfaces (sd->store);
  guint n = sd->only != NULL ? remora_display_index_get_n_displayed (sd->only) : sd->n_frames;
  GError *error = NULL;

  writer = remora_capture_writer_new (sd->path, sd->format, &error);
  if (writer == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  map = g_new (int, MAX (n_ifaces, 1));
  for (guint id = 0; id < n_ifaces; id++)
    map[id] = -1;
  /* pcapng keeps every interface, used or not, in its original order. */
  if (sd->format == REMORA_FILE_FORMAT_PCAPNG)
    for (guint id = 0; id < n_ifaces; id++)
      if (save_output_interface (sd, writer, map, id, &error) < 0)
        goto failed;

  for (guint i = 0; i < n; i++)
    {
      guint number = sd->only != NULL ? remora_display_index_get_frame (sd->only, i) : i + 1;
      const RemoraFrameRecord *rec;
      RemoraPacketRecord out;
      int out_id;

      if (i % CANCEL_CHECK_INTERVAL == 0 && g_cancellable_set_error_if_cancelled (cancellable, &error))
        goto failed;
      if (number < 1 || number > sd->n_frames)
        continue;

      rec = remora_frame_store_get_record (sd->store, number);
      if (rec->iface_id >= n_ifaces)
        {
          g_set_error (&error, REMORA_CAPTURE_ERROR, REMORA_CAPTURE_ERROR_DAMAGED,
                       _("Frame %u names an interface the capture does not have."), number);
          goto failed;
        }
      out_id = save_output_interface (sd, writer, map, rec->iface_id, &error);
      if (out_id < 0)
        goto failed;

      out = (RemoraPacketRecord) {
        .data = remora_frame_store_get_data (sd->store, number),
        .ts_ns = rec->ts_ns,
        .cap_len = rec->cap_len,
        .orig_len = rec->orig_len,
        .iface_id = (guint32) out_id,
        .flags = remora_frame_store_get_packet_flags (sd->store, number),
      };
      if (!remora_capture_writer_write (writer, &out, &error))
        goto failed;
    }

  /* The temporary file replaces the target only now: until then a file
   * being overwritten, even the one this document maps, stays whole. */
  if (!remora_capture_writer_close (writer, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
  return;

failed:
  remora_capture_writer_abort (writer);
  g_task_return_error (task, error);
}

static void
save_worker_done (GObject      *source_object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  RemoraCaptureDocument *self = REMORA_CAPTURE_DOCUMENT (source_object);
  g_autoptr(GTask) task = user_data;
  SaveData *sd = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      return;
    }

  /* The whole capture now lives in that file: the document is it. */
  if (sd->only == NULL)
    {
      g_autofree char *basename = g_file_get_basename (sd->file);

      g_object_freeze_notify (G_OBJECT (self));
      if (self->file == NULL || !g_file_equal (self->file, sd->file))
        {
          g_set_object (&self->file, sd->file);
          g_free (self->display_name);
          self->display_name = g_filename_display_name (basename != NULL ? basename : "");
          g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_FILE]);
          g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_DISPLAY_NAME]);
        }
      if (self->unsaved)
        {
          self->unsaved = FALSE;
          g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_UNSAVED]);
        }
      g_object_thaw_notify (G_OBJECT (self));
    }
  g_task_return_boolean (task, TRUE);
}

void
remora_capture_document_save_async (RemoraCaptureDocument    *self,
                                    GFile                    *file,
                                    RemoraFileFormat          format,
                                    const RemoraDisplayIndex *only,
                                    GCancellable             *cancellable,
                                    GAsyncReadyCallback       callback,
                                    gpointer                  user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) worker = NULL;
  SaveData *sd;
  char *path;

  g_return_if_fail (REMORA_IS_CAPTURE_DOCUMENT (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, remora_capture_document_save_async);

  if (self->loading || self->live || self->store == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_BUSY,
                               _("The capture can be saved once it has finished loading or capturing."));
      return;
    }
  if (only != NULL && remora_display_index_get_n_frames (only) != self->n_frames)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("The displayed packets belong to another capture."));
      return;
    }
  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("“%s” is not a local file"), name);
      return;
    }

  sd = g_new0 (SaveData, 1);
  sd->file = g_object_ref (file);
  sd->path = path;
  sd->format = format;
  sd->only = only != NULL ? remora_display_index_ref ((RemoraDisplayIndex *) only) : NULL;
  sd->store = self->store;
  sd->n_frames = self->n_frames;

  worker = g_task_new (self, cancellable, save_worker_done, g_steal_pointer (&task));
  g_task_set_source_tag (worker, save_worker);
  g_task_set_task_data (worker, sd, save_data_free);
  g_task_run_in_thread (worker, save_worker);
}

gboolean
remora_capture_document_save_finish (RemoraCaptureDocument  *self,
                                     GAsyncResult           *result,
                                     GError                **error)
{
  g_return_val_if_fail (REMORA_IS_CAPTURE_DOCUMENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
