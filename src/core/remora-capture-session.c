/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-capture-session"

#include "config.h"

#include "remora-capture-session.h"
#include "remora-capture-session-private.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define LINE_PREFIX "remora-capture: "

/* One "packets" emission per frame at 60 Hz at most: the list then grows
 * by one items-changed per tick however fast packets come. */
#define MIN_DISPATCH_INTERVAL_US (G_USEC_PER_SEC / 60)

typedef struct {
  char    *name;
  guint64  received;
  guint64  dropped;
  guint64  if_dropped;
} IfaceStats;

typedef struct {
  RemoraCaptureEvent  event;
  char               *iface;
  char               *kind_name;
  char               *text;
} QueuedEvent;

struct _RemoraCaptureSession {
  GObject                 parent_instance;

  char                   *helper;
  GStrv                   args;
  RemoraCaptureEventFunc  thread_func;
  gpointer                thread_data;

  GPid                    pid;
  gboolean                spawned;        /* a helper runs or has not been waited for */
  gboolean                exited;
  int                     wait_status;
  int                     stdout_fd;
  int                     stderr_fd;
  GThread                *stderr_thread;
  GThread                *reader_thread;

  GMutex                  lock;           /* guards what the threads fill in */
  GPtrArray              *errors;         /* char * "KIND MESSAGE", NULL-terminated */
  GArray                 *stats;          /* IfaceStats */
  guint64                 helper_packets;
  gboolean                helper_packets_known;
  GArray                 *pending_records;  /* RemoraPacketRecord, data unset */
  GArray                 *pending_offsets;  /* gsize into pending_bytes */
  GByteArray             *pending_bytes;
  GPtrArray              *pending_events;   /* QueuedEvent * */
  GArray                 *pending_ifaces;   /* RemoraInterface, or NULL: unchanged */
  gboolean                reader_done;
  gboolean                stderr_done;
  GError                 *stream_error;
  int                     stream_file_fd;   /* the copy of the pcapng, or -1 */
  guint64                 pending_file_bytes;
  GError                 *stream_file_error;
  gboolean                seen_capturing;   /* the helper said "capturing" */
  gboolean                wake_pending;
  gint64                  last_dispatch;

  /* main thread, asynchronous use */
  gboolean                async;
  gboolean                finished;
  gboolean                restart_pending;
  GSource                *wake_source;
  GSource                *child_source;
  GArray                 *ifaces;         /* RemoraInterface */
  guint64                 n_packets;
  GError                 *failure;
};

enum {
  SIGNAL_STARTED,
  SIGNAL_EVENT,
  SIGNAL_INTERFACES,
  SIGNAL_PACKETS,
  SIGNAL_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_QUARK (remora-capture-session-error-quark, remora_capture_session_error)
G_DEFINE_FINAL_TYPE (RemoraCaptureSession, remora_capture_session, G_TYPE_OBJECT)

/* ---- the helper and the advice around it ---- */

char *
remora_capture_find_helper (void)
{
  const char *env = g_getenv ("REMORA_CAPTURE");
  g_autofree char *exe = NULL;

  if (env != NULL && env[0] != '\0')
    return g_strdup (env);

  exe = g_file_read_link ("/proc/self/exe", NULL);
  if (exe != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (exe);
      /* The build tree keeps each program in its own folder under src/. */
      char *candidates[] = {
        g_build_filename (dir, "..", "capture", "remora-capture", NULL),
        g_build_filename (dir, "remora-capture", NULL),
      };
      char *found = NULL;

      for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
        {
          if (found == NULL && g_file_test (candidates[i], G_FILE_TEST_IS_REGULAR))
            found = g_steal_pointer (&candidates[i]);
          g_free (candidates[i]);
        }
      if (found != NULL)
        return found;
    }
  return g_build_filename (REMORA_LIBEXECDIR, "remora-capture", NULL);
}

char *
remora_capture_fix_commands (const char *helper)
{
  const char *user = g_get_user_name ();

  return g_strdup_printf (_("Remora captures through its helper %s, which needs the\n"
                            "capabilities cap_net_raw and cap_net_admin.  To give them to it, and to let\n"
                            "the members of the group \"remora\" run it:\n"
                            "\n"
                            "    sudo groupadd -r remora\n"
                            "    sudo chgrp remora %s\n"
                            "    sudo chmod 0750 %s\n"
                            "    sudo setcap cap_net_raw,cap_net_admin=ep %s\n"
                            "    sudo usermod -aG remora %s\n"
                            "\n"
                            "then log out and back in, so that the group membership applies.\n"
                            "(\"meson install\" run as root does the first four when Remora is\n"
                            "configured with -Dcapture_caps=true.)\n"),
                          helper, helper, helper, helper, user);
}

char *
remora_capture_join_group_commands (const char *helper)
{
  return g_strdup_printf (_("The helper %s may only be run by the members of its group.\n"
                            "Join it with\n"
                            "\n"
                            "    sudo usermod -aG remora %s\n"
                            "\n"
                            "then log out and back in.\n"),
                          helper, g_get_user_name ());
}

/* ---- status lines (status thread) ---- */

static void
queued_event_free (gpointer data)
{
  QueuedEvent *queued = data;

  g_free (queued->iface);
  g_free (queued->kind_name);
  g_free (queued->text);
  g_free (queued);
}

static IfaceStats *
stats_for_locked (RemoraCaptureSession *self,
                  const char           *name)
{
  IfaceStats fresh = { 0 };

  for (guint i = 0; i < self->stats->len; i++)
    {
      IfaceStats *s = &g_array_index (self->stats, IfaceStats, i);

      if (strcmp (s->name, name) == 0)
        return s;
    }
  fresh.name = g_strdup (name);
  g_array_append_val (self->stats, fresh);
  return &g_array_index (self->stats, IfaceStats, self->stats->len - 1);
}

static void
wake_locked (RemoraCaptureSession *self)
{
  if (self->wake_pending || self->wake_source == NULL)
    return;
  self->wake_pending = TRUE;
  /* A time in the past fires at once; otherwise this spaces emissions. */
  g_source_set_ready_time (self->wake_source, self->last_dispatch + MIN_DISPATCH_INTERVAL_US);
}

/* Splits LINE into EVENT; the strings point into COPY, which the caller frees. */
void
_remora_capture_parse_status_line (char               *copy,
                                   RemoraCaptureEvent *event)
{
  char *rest;

  memset (event, 0, sizeof *event);
  event->kind = REMORA_CAPTURE_EVENT_OTHER;
  event->text = copy;
  if (!g_str_has_prefix (copy, LINE_PREFIX))
    return;
  rest = copy + strlen (LINE_PREFIX);

  if (g_str_has_prefix (rest, "capturing "))
    {
      event->kind = REMORA_CAPTURE_EVENT_CAPTURING;
      event->iface = rest + strlen ("capturing ");
      event->text = NULL;
    }
  else if (g_str_has_prefix (rest, "warning "))
    {
      char *iface = rest + strlen ("warning ");
      char *space = strchr (iface, ' ');

      event->kind = REMORA_CAPTURE_EVENT_WARNING;
      event->text = iface;  /* the whole "IFACE MESSAGE" when there is no interface */
      if (space != NULL)
        {
          *space = '\0';
          event->iface = iface;
          event->text = space + 1;
        }
    }
  else if (g_str_has_prefix (rest, "error "))
    {
      char *kind = rest + strlen ("error ");
      char *space = strchr (kind, ' ');

      event->kind = REMORA_CAPTURE_EVENT_ERROR;
      event->kind_name = kind;
      event->text = "";
      if (space != NULL)
        {
          *space = '\0';
          event->text = space + 1;
        }
    }
  else if (g_str_has_prefix (rest, "file "))
    {
      event->kind = REMORA_CAPTURE_EVENT_FILE;
      event->text = rest + strlen ("file ");
    }
  else if (g_str_has_prefix (rest, "stats "))
    {
      g_auto(GStrv) parts = g_strsplit (rest + strlen ("stats "), " ", -1);

      if (g_strv_length (parts) == 4)
        {
          char *iface = rest + strlen ("stats ");

          *strchr (iface, ' ') = '\0';
          event->kind = REMORA_CAPTURE_EVENT_STATS;
          event->iface = iface;
          event->text = NULL;
          event->received = g_ascii_strtoull (parts[1], NULL, 10);
          event->dropped = g_ascii_strtoull (parts[2], NULL, 10);
          event->if_dropped = g_ascii_strtoull (parts[3], NULL, 10);
        }
    }
  else if (g_str_has_prefix (rest, "packets "))
    {
      event->kind = REMORA_CAPTURE_EVENT_PACKETS;
      event->text = NULL;
      event->received = g_ascii_strtoull (rest + strlen ("packets "), NULL, 10);
    }
}

static void
handle_line (RemoraCaptureSession *self,
             const char           *line)
{
  g_autofree char *copy = g_strdup (line);
  RemoraCaptureEvent event;

  _remora_capture_parse_status_line (copy, &event);

  g_mutex_lock (&self->lock);
  switch (event.kind)
    {
    case REMORA_CAPTURE_EVENT_ERROR:
      /* Keep the NULL terminator last. */
      g_ptr_array_insert (self->errors, self->errors->len - 1,
                          g_strdup_printf ("%s %s", event.kind_name, event.text));
      break;
    case REMORA_CAPTURE_EVENT_STATS:
      {
        IfaceStats *s = stats_for_locked (self, event.iface);

        s->received = event.received;
        s->dropped = event.dropped;
        s->if_dropped = event.if_dropped;
      }
      break;
    case REMORA_CAPTURE_EVENT_PACKETS:
      self->helper_packets = event.received;
      self->helper_packets_known = TRUE;
      break;
    case REMORA_CAPTURE_EVENT_CAPTURING:
      self->seen_capturing = TRUE;
      break;
    case REMORA_CAPTURE_EVENT_WARNING:
    case REMORA_CAPTURE_EVENT_FILE:
    case REMORA_CAPTURE_EVENT_OTHER:
    default:
      break;
    }
  if (self->async)
    {
      QueuedEvent *queued = g_new0 (QueuedEvent, 1);

      queued->event = event;
      queued->iface = g_strdup (event.iface);
      queued->kind_name = g_strdup (event.kind_name);
      queued->text = g_strdup (event.text);
      queued->event.iface = queued->iface;
      queued->event.kind_name = queued->kind_name;
      queued->event.text = queued->text;
      g_ptr_array_add (self->pending_events, queued);
      wake_locked (self);
    }
  g_mutex_unlock (&self->lock);

  if (self->thread_func != NULL)
    self->thread_func (&event, self->thread_data);
}

static gpointer
read_stderr (gpointer user_data)
{
  RemoraCaptureSession *self = user_data;
  FILE *in = fdopen (self->stderr_fd, "r");
  char *line = NULL;
  size_t size = 0;
  ssize_t n;

  if (in == NULL)
    close (self->stderr_fd);
  else
    {
      while ((n = getline (&line, &size, in)) >= 0)
        {
          if (n > 0 && line[n - 1] == '\n')
            line[n - 1] = '\0';
          handle_line (self, line);
        }
      free (line);
      fclose (in);
    }
  self->stderr_fd = -1;

  g_mutex_lock (&self->lock);
  self->stderr_done = TRUE;
  wake_locked (self);
  g_mutex_unlock (&self->lock);
  return NULL;
}

/* ---- the pcapng stream (reader thread) ---- */

static void
interface_clear (gpointer data)
{
  RemoraInterface *iface = data;

  g_free (iface->name);
  g_free (iface->description);
}

static GArray *
interfaces_array_new (void)
{
  GArray *array = g_array_new (FALSE, TRUE, sizeof (RemoraInterface));

  g_array_set_clear_func (array, interface_clear);
  return array;
}

static void
publish_interfaces_locked (RemoraCaptureSession *self,
                           RemoraCaptureReader  *reader)
{
  guint n = remora_capture_reader_get_n_interfaces (reader);
  guint i = 0;

  /* A list the main thread has not taken yet is a prefix of the reader's
   * (interfaces only ever grow): extend it rather than copy it all again,
   * so a stream that adds an interface before every packet costs a copy
   * per interface, not one per interface and packet. */
  if (self->pending_ifaces == NULL)
    self->pending_ifaces = interfaces_array_new ();
  else
    i = self->pending_ifaces->len;
  for (; i < n; i++)
    {
      RemoraInterface copy = *remora_capture_reader_get_interface (reader, i);

      copy.name = g_strdup (copy.name);
      copy.description = g_strdup (copy.description);
      g_array_append_val (self->pending_ifaces, copy);
    }
}

static gpointer
read_stream (gpointer user_data)
{
  RemoraCaptureSession *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RemoraCaptureReader) reader = NULL;
  guint n_ifaces = 0;
  int fd = self->stdout_fd;
  guint64 base = 0;
  gboolean file_failed = FALSE;

  self->stdout_fd = -1;
  if (self->stream_file_fd >= 0)
    {
      /* A restarted run appends its own section after the last one. */
      gint64 end = lseek (self->stream_file_fd, 0, SEEK_CUR);

      base = end > 0 ? (guint64) end : 0;
    }
  reader = remora_capture_reader_open_fd_tee (fd, "remora-capture", self->stream_file_fd, &error);
  if (reader != NULL)
    {
      RemoraPacketRecord record;
      RemoraReadStatus status;

      /* pcapng interfaces come in their own blocks, before the packets
       * that use them: published when the count changes. */
      while ((status = remora_capture_reader_next (reader, &record, &error)) == REMORA_READ_PACKET)
        {
          gsize offset;

          g_mutex_lock (&self->lock);
          if (remora_capture_reader_get_n_interfaces (reader) != n_ifaces)
            {
              n_ifaces = remora_capture_reader_get_n_interfaces (reader);
              publish_interfaces_locked (self, reader);
            }
          offset = self->pending_bytes->len;
          g_byte_array_append (self->pending_bytes, record.data, record.cap_len);
          record.data = NULL;
          /* The reader wrote the bytes to the file before parsing them. */
          record.data_offset += base;
          if (self->stream_file_fd >= 0 && !file_failed)
            {
              const GError *file_error = remora_capture_reader_get_tee_error (reader);

              self->pending_file_bytes = base + remora_capture_reader_get_tee_written (reader);
              if (file_error != NULL)
                {
                  file_failed = TRUE;
                  self->stream_file_error = g_error_copy (file_error);
                }
            }
          g_array_append_val (self->pending_records, record);
          g_array_append_val (self->pending_offsets, offset);
          wake_locked (self);
          g_mutex_unlock (&self->lock);
        }
    }

  g_mutex_lock (&self->lock);
  self->stream_error = g_steal_pointer (&error);
  self->reader_done = TRUE;
  wake_locked (self);
  g_mutex_unlock (&self->lock);
  return NULL;
}

/* ---- main thread ---- */

/* The error code and message of error line LINE ("KIND MESSAGE"). */
static int
split_error_line (const char  *line,
                  const char **message)
{
  static const struct {
    const char *kind;
    int         code;
  } kinds[] = {
    { "usage", REMORA_CAPTURE_SESSION_ERROR_USAGE },
    { "filter", REMORA_CAPTURE_SESSION_ERROR_FILTER },
    { "permission", REMORA_CAPTURE_SESSION_ERROR_PERMISSION },
    { "interface", REMORA_CAPTURE_SESSION_ERROR_INTERFACE },
    { "output", REMORA_CAPTURE_SESSION_ERROR_OUTPUT },
    { "privileges", REMORA_CAPTURE_SESSION_ERROR_PRIVILEGES },
  };
  const char *space = strchr (line, ' ');
  gsize kind_len = space != NULL ? (gsize) (space - line) : strlen (line);

  *message = space != NULL ? space + 1 : "";
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (strlen (kinds[i].kind) == kind_len && strncmp (line, kinds[i].kind, kind_len) == 0)
      return kinds[i].code;
  return REMORA_CAPTURE_SESSION_ERROR_FAILED;
}

/* A helper that dies while capturing: what ended it, its last word, and
 * that what came before stays. */
static GError *
build_death (RemoraCaptureSession *self,
             int                   code,
             const char           *how,
             const char           *last_message)
{
  g_autoptr(GString) text = g_string_new (how);

  if (last_message != NULL && last_message[0] != '\0')
    {
      g_string_append_c (text, ' ');
      g_string_append_printf (text, _("Its last message was: “%s”."), last_message);
    }
  g_string_append_c (text, ' ');
  g_string_append_printf (text,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "The %" G_GUINT64_FORMAT " packet received before is kept.",
                                       "The %" G_GUINT64_FORMAT " packets received before are kept.",
                                       self->n_packets),
                          self->n_packets);
  return g_error_new_literal (REMORA_CAPTURE_SESSION_ERROR, code, text->str);
}

static GError *
build_failure (RemoraCaptureSession *self)
{
  const char *last_message = NULL;
  int last_code = REMORA_CAPTURE_SESSION_ERROR_FAILED;
  gboolean ran = self->n_packets > 0 || self->seen_capturing;

  if (self->errors->len > 1)
    last_code = split_error_line (g_ptr_array_index (self->errors, self->errors->len - 2),
                                  &last_message);

  if (WIFSIGNALED (self->wait_status))
    {
      int signo = WTERMSIG (self->wait_status);
      g_autofree char *how =
        g_strdup_printf (_("The capture helper remora-capture was killed by signal %d (%s)."),
                         signo, g_strsignal (signo));

      return build_death (self, REMORA_CAPTURE_SESSION_ERROR_KILLED, how, last_message);
    }

  /* Before the capture began, the helper's first complaint is the reason
   * (with the fix for missing rights). */
  if (self->errors->len > 1 &&
      (!ran || !WIFEXITED (self->wait_status) || WEXITSTATUS (self->wait_status) == 0))
    {
      const char *message;
      int code = split_error_line (g_ptr_array_index (self->errors, 0), &message);

      if (code == REMORA_CAPTURE_SESSION_ERROR_PERMISSION)
        {
          g_autofree char *fix = remora_capture_fix_commands (self->helper);

          return g_error_new (REMORA_CAPTURE_SESSION_ERROR, code, "%s\n\n%s", message, fix);
        }
      return g_error_new_literal (REMORA_CAPTURE_SESSION_ERROR, code, message);
    }

  if (WIFEXITED (self->wait_status) && WEXITSTATUS (self->wait_status) != 0)
    {
      g_autofree char *how =
        g_strdup_printf (_("The capture helper remora-capture stopped with status %d."),
                         WEXITSTATUS (self->wait_status));

      if (!ran)
        return g_error_new_literal (REMORA_CAPTURE_SESSION_ERROR,
                                    REMORA_CAPTURE_SESSION_ERROR_FAILED, how);
      return build_death (self, last_code, how, last_message);
    }
  /* A helper stopped before it opened anything writes nothing: not damage. */
  if (self->stream_error != NULL &&
      !(self->n_packets == 0 &&
        g_error_matches (self->stream_error, REMORA_CAPTURE_ERROR, REMORA_CAPTURE_ERROR_NOT_CAPTURE)))
    return g_error_new (REMORA_CAPTURE_SESSION_ERROR, REMORA_CAPTURE_SESSION_ERROR_STREAM,
                        _("The capture helper's output could not be read: %s"),
                        self->stream_error->message);
  return NULL;
}

static gboolean start_async (RemoraCaptureSession *self, GError **error);

static void
maybe_finish (RemoraCaptureSession *self)
{
  gboolean done;

  if (!self->async || self->finished || !self->exited)
    return;
  g_mutex_lock (&self->lock);
  done = self->reader_done && self->stderr_done &&
         self->pending_records->len == 0 && self->pending_events->len == 0 &&
         self->pending_ifaces == NULL;
  g_mutex_unlock (&self->lock);
  if (!done)
    return;

  g_clear_pointer (&self->reader_thread, g_thread_join);
  g_clear_pointer (&self->stderr_thread, g_thread_join);
  self->spawned = FALSE;
  self->finished = TRUE;
  g_clear_error (&self->failure);
  self->failure = build_failure (self);
  g_signal_emit (self, signals[SIGNAL_FINISHED], 0, self->failure);

  if (self->restart_pending)
    {
      g_autoptr(GError) error = NULL;

      self->restart_pending = FALSE;
      if (!start_async (self, &error))
        {
          self->failure = g_steal_pointer (&error);
          g_signal_emit (self, signals[SIGNAL_FINISHED], 0, self->failure);
        }
    }
}

static gboolean
wake_dispatch (GSource     *source,
               GSourceFunc  callback,
               gpointer     user_data)
{
  RemoraCaptureSession *self = g_object_ref (*(RemoraCaptureSession **) (source + 1));
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GArray) records = NULL;
  g_autoptr(GArray) offsets = NULL;
  g_autoptr(GByteArray) bytes = NULL;
  g_autoptr(GArray) ifaces = NULL;

  g_source_set_ready_time (source, -1);
  g_mutex_lock (&self->lock);
  self->wake_pending = FALSE;
  self->last_dispatch = g_get_monotonic_time ();
  events = g_steal_pointer (&self->pending_events);
  self->pending_events = g_ptr_array_new_with_free_func (queued_event_free);
  ifaces = g_steal_pointer (&self->pending_ifaces);
  if (self->pending_records->len > 0)
    {
      records = g_steal_pointer (&self->pending_records);
      offsets = g_steal_pointer (&self->pending_offsets);
      bytes = g_steal_pointer (&self->pending_bytes);
      self->pending_records = g_array_new (FALSE, FALSE, sizeof (RemoraPacketRecord));
      self->pending_offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
      self->pending_bytes = g_byte_array_new ();
    }
  g_mutex_unlock (&self->lock);

  for (guint i = 0; i < events->len; i++)
    g_signal_emit (self, signals[SIGNAL_EVENT], 0,
                   &((QueuedEvent *) g_ptr_array_index (events, i))->event);
  if (ifaces != NULL)
    {
      g_clear_pointer (&self->ifaces, g_array_unref);
      self->ifaces = g_steal_pointer (&ifaces);
      g_signal_emit (self, signals[SIGNAL_INTERFACES], 0);
    }
  if (records != NULL)
    {
      RemoraCaptureBatch batch;

      for (guint i = 0; i < records->len; i++)
        g_array_index (records, RemoraPacketRecord, i).data =
          bytes->data + g_array_index (offsets, gsize, i);
      batch.records = (const RemoraPacketRecord *) records->data;
      batch.n_records = records->len;
      batch.first_index = self->n_packets;
      g_mutex_lock (&self->lock);
      batch.file_bytes = self->pending_file_bytes;
      g_mutex_unlock (&self->lock);
      self->n_packets += records->len;
      g_signal_emit (self, signals[SIGNAL_PACKETS], 0, &batch);
    }
  maybe_finish (self);
  g_object_unref (self);
  return G_SOURCE_CONTINUE;
}

static GSourceFuncs wake_funcs = {
  .dispatch = wake_dispatch,
};

static void
on_child_exited (GPid     pid,
                 int      wait_status,
                 gpointer user_data)
{
  RemoraCaptureSession *self = user_data;

  g_spawn_close_pid (pid);
  self->exited = TRUE;
  self->wait_status = wait_status;
  g_clear_pointer (&self->child_source, g_source_unref);
  maybe_finish (self);
}

static void
reset_run_state (RemoraCaptureSession *self)
{
  g_ptr_array_set_size (self->errors, 0);
  g_ptr_array_add (self->errors, NULL);
  g_array_set_size (self->stats, 0);
  self->helper_packets = 0;
  self->helper_packets_known = FALSE;
  g_array_set_size (self->pending_records, 0);
  g_array_set_size (self->pending_offsets, 0);
  g_byte_array_set_size (self->pending_bytes, 0);
  g_ptr_array_set_size (self->pending_events, 0);
  g_clear_pointer (&self->pending_ifaces, g_array_unref);
  self->reader_done = FALSE;
  self->stderr_done = FALSE;
  g_clear_error (&self->stream_error);
  g_clear_error (&self->stream_file_error);
  self->pending_file_bytes = 0;
  self->seen_capturing = FALSE;
  self->wake_pending = FALSE;
  self->exited = FALSE;
  self->wait_status = 0;
  self->finished = FALSE;
  g_clear_pointer (&self->ifaces, g_array_unref);
  self->ifaces = interfaces_array_new ();
  self->n_packets = 0;
  g_clear_error (&self->failure);
}

gboolean
remora_capture_session_spawn (RemoraCaptureSession  *self,
                              gboolean               pipe_stdout,
                              GError               **error)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) spawn_error = NULL;
  int out_fd = -1;

  g_return_val_if_fail (REMORA_IS_CAPTURE_SESSION (self), FALSE);
  g_return_val_if_fail (!self->spawned, FALSE);

  reset_run_state (self);
  g_ptr_array_add (argv, self->helper);
  for (guint i = 0; self->args[i] != NULL; i++)
    g_ptr_array_add (argv, self->args[i]);
  g_ptr_array_add (argv, NULL);

  if (!g_spawn_async_with_pipes (NULL, (char **) argv->pdata, NULL,
                                 G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_CLOEXEC_PIPES,
                                 NULL, NULL, &self->pid, NULL,
                                 pipe_stdout ? &out_fd : NULL, &self->stderr_fd, &spawn_error))
    {
      if (g_error_matches (spawn_error, G_SPAWN_ERROR, G_SPAWN_ERROR_ACCES) ||
          g_error_matches (spawn_error, G_SPAWN_ERROR, G_SPAWN_ERROR_PERM))
        {
          g_autofree char *fix = remora_capture_join_group_commands (self->helper);

          g_set_error (error, REMORA_CAPTURE_SESSION_ERROR, REMORA_CAPTURE_SESSION_ERROR_DENIED,
                       _("Could not run the capture helper %s: %s\n\n%s"),
                       self->helper, spawn_error->message, fix);
        }
      else
        g_set_error (error, REMORA_CAPTURE_SESSION_ERROR, REMORA_CAPTURE_SESSION_ERROR_SPAWN,
                     _("Could not run the capture helper %s: %s"),
                     self->helper, spawn_error->message);
      return FALSE;
    }
  self->spawned = TRUE;
  self->stdout_fd = out_fd;
  self->stderr_thread = g_thread_new ("remora-capture-stderr", read_stderr, self);
  return TRUE;
}

int
remora_capture_session_steal_stdout_fd (RemoraCaptureSession *self)
{
  int fd;

  g_return_val_if_fail (REMORA_IS_CAPTURE_SESSION (self), -1);

  fd = self->stdout_fd;
  self->stdout_fd = -1;
  return fd;
}

int
remora_capture_session_wait (RemoraCaptureSession *self)
{
  int wait_status = 0;
  pid_t done;

  g_return_val_if_fail (REMORA_IS_CAPTURE_SESSION (self), 0);
  g_return_val_if_fail (!self->async, 0);

  if (!self->spawned)
    return self->wait_status;
  do
    done = waitpid (self->pid, &wait_status, 0);
  while (done < 0 && errno == EINTR);
  g_clear_pointer (&self->stderr_thread, g_thread_join);
  g_spawn_close_pid (self->pid);
  self->spawned = FALSE;
  self->exited = TRUE;
  self->wait_status = wait_status;
  return wait_status;
}

static gboolean
start_async (RemoraCaptureSession  *self,
             GError               **error)
{
  GMainContext *context = g_main_context_ref_thread_default ();

  self->async = TRUE;
  if (self->wake_source == NULL)
    {
      self->wake_source = g_source_new (&wake_funcs, sizeof (GSource) + sizeof (gpointer));
      *(RemoraCaptureSession **) (self->wake_source + 1) = self;
      g_source_set_priority (self->wake_source, G_PRIORITY_DEFAULT);
      g_source_set_name (self->wake_source, "[remora] capture session");
      g_source_attach (self->wake_source, context);
    }
  self->last_dispatch = 0;
  if (!remora_capture_session_spawn (self, TRUE, error))
    {
      self->async = FALSE;
      g_main_context_unref (context);
      return FALSE;
    }
  self->reader_thread = g_thread_new ("remora-capture-stream", read_stream, self);
  self->child_source = g_child_watch_source_new (self->pid);
  g_source_set_callback (self->child_source, (GSourceFunc) (void (*) (void)) on_child_exited, self, NULL);
  g_source_attach (self->child_source, context);
  g_main_context_unref (context);
  g_signal_emit (self, signals[SIGNAL_STARTED], 0);
  return TRUE;
}

gboolean
remora_capture_session_start (RemoraCaptureSession  *self,
                              GError               **error)
{
  g_return_val_if_fail (REMORA_IS_CAPTURE_SESSION (self), FALSE);
  g_return_val_if_fail (!self->spawned, FALSE);

  return start_async (self, error);
}

void
remora_capture_session_stop (RemoraCaptureSession *self)
{
  g_return_if_fail (REMORA_IS_CAPTURE_SESSION (self));

  if (self->spawned && !self->exited)
    kill (self->pid, SIGINT);
}

void
remora_capture_session_restart (RemoraCaptureSession *self)
{
  g_return_if_fail (REMORA_IS_CAPTURE_SESSION (self));

  if (self->spawned)
    {
      self->restart_pending = TRUE;
      remora_capture_session_stop (self);
      return;
    }
  if (!start_async (self, NULL))
    g_warning ("Could not restart the capture");
}

void
remora_capture_session_set_stream_file (RemoraCaptureSession *self,
                                        int                   fd)
{
  g_return_if_fail (REMORA_IS_CAPTURE_SESSION (self));
  g_return_if_fail (!self->spawned);

  if (self->stream_file_fd >= 0)
    close (self->stream_file_fd);
  self->stream_file_fd = fd;
}

const GError *
remora_capture_session_get_stream_file_error (RemoraCaptureSession *self)
{
  const GError *error;

  g_return_val_if_fail (REMORA_IS_CAPTURE_SESSION (self), NULL);

  /* Set once per run by the reader thread, then left alone. */
  g_mutex_lock (&self->lock);
  error = self->stream_file_error;
  g_mutex_unlock (&self->lock);
  return error;
}

gboolean
remora_capture_session_is_running (RemoraCaptureSession *self)
{
  g_return_val_if_fail (REMORA_IS_CAPTURE_SESSION (self), FALSE);

  return self->spawned;
}

GPid
remora_capture_session_get_pid (RemoraCaptureSession *self)
{
  g_return_val_if_fail (REMORA_IS_CAPTURE_SESSION (self), 0);

  return self->spawned ? self->pid : 0;
}

guint
remora_capture_session_get_n_interfaces (RemoraCaptureSession *self)
{
  g_return_val_if_fail (REMORA_IS_CAPTURE_SESSION (self), 0);

  return self->ifaces != NULL ? self->ifaces->len : 0;
}

const RemoraInterface *
remora_capture_session_get_interface (RemoraCaptureSession *self,
                                      guint                 id)
{
  g_return_val_if_fail (REMORA_IS_CAPTURE_SESSION (self), NULL);

  if (self->ifaces == NULL || id >= self->ifaces->len)
    return NULL;
  return &g_array_index (self->ifaces, RemoraInterface, id);
}

guint64
remora_capture_session_get_n_packets (RemoraCaptureSession *self)
{
  g_return_val_if_fail (REMORA_IS_CAPTURE_SESSION (self), 0);

  return self->n_packets;
}

const char * const *
remora_capture_session_get_errors (RemoraCaptureSession *self)
{
  g_return_val_if_fail (REMORA_IS_CAPTURE_SESSION (self), NULL);

  return (const char * const *) self->errors->pdata;
}

gboolean
remora_capture_session_get_stats (RemoraCaptureSession  *self,
                                  guint                  i,
                                  const char           **iface,
                                  guint64               *received,
                                  guint64               *dropped,
                                  guint64               *if_dropped)
{
  const IfaceStats *s;
  gboolean found = FALSE;

  g_return_val_if_fail (REMORA_IS_CAPTURE_SESSION (self), FALSE);

  g_mutex_lock (&self->lock);
  if (i < self->stats->len)
    {
      s = &g_array_index (self->stats, IfaceStats, i);
      if (iface != NULL)
        *iface = s->name;
      if (received != NULL)
        *received = s->received;
      if (dropped != NULL)
        *dropped = s->dropped;
      if (if_dropped != NULL)
        *if_dropped = s->if_dropped;
      found = TRUE;
    }
  g_mutex_unlock (&self->lock);
  return found;
}

gboolean
remora_capture_session_get_helper_packets (RemoraCaptureSession *self,
                                           guint64              *packets)
{
  gboolean known;

  g_return_val_if_fail (REMORA_IS_CAPTURE_SESSION (self), FALSE);

  g_mutex_lock (&self->lock);
  known = self->helper_packets_known;
  if (packets != NULL)
    *packets = self->helper_packets;
  g_mutex_unlock (&self->lock);
  return known;
}

GError *
remora_capture_session_dup_failure (RemoraCaptureSession *self)
{
  g_return_val_if_fail (REMORA_IS_CAPTURE_SESSION (self), NULL);

  return self->failure != NULL ? g_error_copy (self->failure) : NULL;
}

void
remora_capture_session_set_thread_event_func (RemoraCaptureSession   *self,
                                              RemoraCaptureEventFunc  func,
                                              gpointer                user_data)
{
  g_return_if_fail (REMORA_IS_CAPTURE_SESSION (self));

  self->thread_func = func;
  self->thread_data = user_data;
}

const char *
remora_capture_session_get_helper (RemoraCaptureSession *self)
{
  g_return_val_if_fail (REMORA_IS_CAPTURE_SESSION (self), NULL);

  return self->helper;
}

const char * const *
remora_capture_session_get_args (RemoraCaptureSession *self)
{
  g_return_val_if_fail (REMORA_IS_CAPTURE_SESSION (self), NULL);

  return (const char * const *) self->args;
}

static void
iface_stats_clear (gpointer data)
{
  g_free (((IfaceStats *) data)->name);
}

static void
remora_capture_session_dispose (GObject *object)
{
  RemoraCaptureSession *self = REMORA_CAPTURE_SESSION (object);

  self->restart_pending = FALSE;
  if (self->spawned)
    {
      /* Nobody will read any more: the helper must not outlive us. */
      if (!self->exited)
        kill (self->pid, SIGTERM);
      if (self->async)
        {
          g_clear_pointer (&self->reader_thread, g_thread_join);
          g_clear_pointer (&self->stderr_thread, g_thread_join);
          if (self->child_source != NULL)
            {
              int status;

              g_source_destroy (self->child_source);
              g_clear_pointer (&self->child_source, g_source_unref);
              while (waitpid (self->pid, &status, 0) < 0 && errno == EINTR)
                ;
              g_spawn_close_pid (self->pid);
            }
          self->spawned = FALSE;
        }
      else
        {
          if (self->stdout_fd >= 0)
            close (self->stdout_fd);
          self->stdout_fd = -1;
          remora_capture_session_wait (self);
        }
    }
  if (self->wake_source != NULL)
    {
      g_source_destroy (self->wake_source);
      g_clear_pointer (&self->wake_source, g_source_unref);
    }

  G_OBJECT_CLASS (remora_capture_session_parent_class)->dispose (object);
}

static void
remora_capture_session_finalize (GObject *object)
{
  RemoraCaptureSession *self = REMORA_CAPTURE_SESSION (object);

  if (self->stdout_fd >= 0)
    close (self->stdout_fd);
  if (self->stream_file_fd >= 0)
    close (self->stream_file_fd);
  g_clear_error (&self->stream_file_error);
  g_free (self->helper);
  g_strfreev (self->args);
  g_mutex_clear (&self->lock);
  g_ptr_array_unref (self->errors);
  g_array_unref (self->stats);
  g_array_unref (self->pending_records);
  g_array_unref (self->pending_offsets);
  g_byte_array_unref (self->pending_bytes);
  g_ptr_array_unref (self->pending_events);
  g_clear_pointer (&self->pending_ifaces, g_array_unref);
  g_clear_pointer (&self->ifaces, g_array_unref);
  g_clear_error (&self->stream_error);
  g_clear_error (&self->failure);

  G_OBJECT_CLASS (remora_capture_session_parent_class)->finalize (object);
}

static void
remora_capture_session_class_init (RemoraCaptureSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = remora_capture_session_dispose;
  object_class->finalize = remora_capture_session_finalize;

  /* A run began (also after a restart): clear what the last one showed. */
  signals[SIGNAL_STARTED] =
    g_signal_new ("started", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* A status line: const RemoraCaptureEvent *, valid during the emission. */
  signals[SIGNAL_EVENT] =
    g_signal_new ("event", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
  /* The stream's interfaces are known (or grew). */
  signals[SIGNAL_INTERFACES] =
    g_signal_new ("interfaces", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* const RemoraCaptureBatch *, valid during the emission. */
  signals[SIGNAL_PACKETS] =
    g_signal_new ("packets", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
  /* The helper is gone and every packet was delivered; the GError says
   * why it ended badly, NULL when it did not. */
  signals[SIGNAL_FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
remora_capture_session_init (RemoraCaptureSession *self)
{
  g_mutex_init (&self->lock);
  self->stdout_fd = -1;
  self->stderr_fd = -1;
  self->stream_file_fd = -1;
  self->errors = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->errors, NULL);
  self->stats = g_array_new (FALSE, TRUE, sizeof (IfaceStats));
  g_array_set_clear_func (self->stats, iface_stats_clear);
  self->pending_records = g_array_new (FALSE, FALSE, sizeof (RemoraPacketRecord));
  self->pending_offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
  self->pending_bytes = g_byte_array_new ();
  self->pending_events = g_ptr_array_new_with_free_func (queued_event_free);
}

RemoraCaptureSession *
remora_capture_session_new (const char * const *args)
{
  RemoraCaptureSession *self = g_object_new (REMORA_TYPE_CAPTURE_SESSION, NULL);

  self->helper = remora_capture_find_helper ();
  self->args = g_strdupv ((char **) (args != NULL ? args : (const char * const[]) { NULL }));
  return self;
}

RemoraCaptureSession *
remora_capture_session_new_for_request (const RemoraCaptureRequest *request)
{
  g_auto(GStrv) args = NULL;

  g_return_val_if_fail (request != NULL, NULL);

  args = remora_capture_request_to_args (request);
  return remora_capture_session_new ((const char * const *) args);
}
