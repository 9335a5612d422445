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

/* How often the first pass looks at the cancellable. */
#define CANCEL_CHECK_INTERVAL 4096

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

  /* Display filters run on a worker with the same session: every
   * dissection with SESSION after the load holds this (see
   * RemoraDisplaySource). */
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

  remora_frame_store_get_frame_input (self->store, number, &input);
  g_mutex_lock (&self->session_lock);
  remora_session_dissect (self->session, self->column_pkt, &input);
  g_mutex_unlock (&self->session_lock);
  summary = summary_new (number, self->column_pkt,
                         time_digits_for (remora_frame_store_get_interface (self->store, input.iface_id)),
                         self->scratch);
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
  remora_frame_store_get_frame_input (self->store, number, &snapshot->input);

  /* Out of order the session cannot know the neighbours' times.  The
   * first displayed frame is its own reference, so its delta is zero as
   * in Wireshark. */
  prev = remora_frame_store_get_record (self->store, number > 1 ? number - 1 : number);
  snapshot->input.has_prev_times = TRUE;
  snapshot->input.prev_cap_ts_ns = prev->ts_ns;
  prev = remora_frame_store_get_record (self->store, prev_displayed != 0 ? prev_displayed : number);
  snapshot->input.prev_dis_ts_ns = prev->ts_ns;

  snapshot->pkt = remora_packet_new ();
  remora_packet_set_tree_mode (snapshot->pkt, TRUE);
  remora_packet_set_want_columns (snapshot->pkt, TRUE);
  g_mutex_lock (&self->session_lock);
  remora_session_dissect (self->session, snapshot->pkt, &snapshot->input);
  g_mutex_unlock (&self->session_lock);

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
  };
}

/* ---- loading ---- */

/* What the worker hands back to the main thread. */
typedef struct {
  char             *path;
  RemoraFrameStore *store;
  RemoraSession    *session;
  GError           *damage;      /* the file ended in damage; store keeps what came before */
} LoadData;

static void
load_data_free (gpointer data)
{
  LoadData *ld = data;

  g_free (ld->path);
  g_clear_pointer (&ld->store, remora_frame_store_free);
  g_clear_pointer (&ld->session, remora_session_free);
  g_clear_error (&ld->damage);
  g_free (ld);
}

/* Runs on a worker thread and touches nothing but LoadData: the document
 * takes the results over on the main thread. */
static void
load_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *ld = task_data;
  g_autoptr(RemoraCaptureReader) reader = NULL;
  g_autoptr(RemoraPacket) pkt = NULL;
  GError *error = NULL;
  guint n_frames;

  reader = remora_capture_reader_open (ld->path, &error);
  if (reader == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  ld->store = remora_frame_store_new ();
  remora_frame_store_load (ld->store, reader, &ld->damage);
  /* The store holds its own reference on the mapping. */
  g_clear_pointer (&reader, remora_capture_reader_free);

  /* The first pass, in order, builds the per-capture state (conversations,
   * stream numbers) that dissecting any single row later relies on. */
  remora_dissectors_init ();
  ld->session = remora_session_new ();
  pkt = remora_packet_new ();
  n_frames = remora_frame_store_get_n_frames (ld->store);
  for (guint number = 1; number <= n_frames; number++)
    {
      RemoraFrameInput input;

      if (number % CANCEL_CHECK_INTERVAL == 0 &&
          g_task_return_error_if_cancelled (task))
        return;

      remora_frame_store_get_frame_input (ld->store, number, &input);
      remora_session_dissect (ld->session, pkt, &input);
      remora_session_mark_displayed (ld->session, pkt);
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

  self->loading = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LOADING]);
      g_task_return_error (task, error);
      return;
    }

  self->store = g_steal_pointer (&ld->store);
  self->session = g_steal_pointer (&ld->session);
  self->n_frames = remora_frame_store_get_n_frames (self->store);

  g_object_freeze_notify (G_OBJECT (self));
  if (self->n_frames > 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_FRAMES]);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LOADING]);
  g_object_thaw_notify (G_OBJECT (self));

  if (ld->damage != NULL)
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

  if (self->load_started)
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

  self->loading = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LOADING]);

  ld = g_new0 (LoadData, 1);
  ld->path = path;

  /* The outer task reaches the caller only after the document has taken
   * the worker's results over, so its callback sees a loaded document. */
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
