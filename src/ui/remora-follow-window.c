/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-follow-window"

#include "config.h"

#include "remora-follow-window.h"

#include <string.h>

#include <glib/gi18n.h>

#include "remora-dissect.h"
#include "remora-field.h"
#include "remora-follow.h"

/* The follow pass runs on a worker thread over the document's frames with
 * a session of its own, so the document's session (and the lock the
 * display filter takes around it) is never touched from here:
 *
 *   document frame store --(worker: own RemoraSession, fields mode)-->
 *   RemoraFollow chunks --(main thread: format_stream)--> GtkTextBuffer
 *
 * The job is shared by the worker and the window: the window forgets it
 * in dispose (and cancels it); the completion callback, on the main
 * thread, drops the document the worker read and delivers the result
 * only if the window is still there. */

/* Often enough for a smooth bar, rarely enough to cost nothing. */
#define PROGRESS_INTERVAL_MS 100
#define PROGRESS_EVERY_FRAMES 1024

/* The order of the items in the .ui's "Show data as" list. */
typedef enum {
  SHOW_ASCII,
  SHOW_HEX_DUMP,
  SHOW_RAW,
} ShowMode;

/* The order of the direction drop-down's items. */
typedef enum {
  DIRECTION_BOTH,
  DIRECTION_CLIENT,
  DIRECTION_SERVER,
} Direction;

typedef struct {
  RemoraFollowWindow    *window;     /* main thread only; NULL once disposed */
  RemoraCaptureDocument *document;   /* keeps the frame store alive */
  RemoraFrameStore      *store;      /* NULL: read the file instead */
  guint                  n_frames;
  char                  *path;
  guint32                stream;
  int                    done;       /* frames dissected (atomic) */
  char                  *damage;     /* set by the worker: why the file ended early */
} FollowJob;

struct _RemoraFollowWindow
{
  GtkWindow              parent_instance;

  /* template widgets */
  GtkStack              *stack;
  GtkLabel              *progress_label;
  GtkProgressBar        *progress_bar;
  GtkTextView           *text_view;
  GtkLabel              *summary_label;
  GtkDropDown           *direction_dropdown;
  GtkDropDown           *show_dropdown;
  GtkButton             *filter_out_button;
  GtkButton             *save_button;

  GtkTextTag            *client_tag;
  GtkTextTag            *server_tag;
  GtkTextTag            *gap_tag;

  RemoraCaptureDocument *document;
  guint32                stream;
  FollowJob             *job;          /* while the pass runs */
  GCancellable          *cancellable;
  guint                  progress_source;
  RemoraFollow          *follow;       /* once the pass is done */
  char                  *damage;
  GtkNativeDialog       *chooser;
};

G_DEFINE_FINAL_TYPE (RemoraFollowWindow, remora_follow_window, GTK_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STREAM,
  PROP_LOADING,
  N_PROPS
};

enum {
  FILTER_OUT,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

/* ---- the job ---- */

static FollowJob *
follow_job_ref (FollowJob *job)
{
  return g_atomic_rc_box_acquire (job);
}

static void
follow_job_clear (FollowJob *job)
{
  g_assert (job->document == NULL);
  g_free (job->path);
  g_free (job->damage);
}

static void
follow_job_unref (FollowJob *job)
{
  g_atomic_rc_box_release_full (job, (GDestroyNotify) follow_job_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FollowJob, follow_job_unref)

static void
follow_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  FollowJob *job = task_data;
  g_autoptr(RemoraFollow) follow = NULL;
  g_autoptr(GError) error = NULL;

  remora_dissectors_init ();
  follow = remora_follow_tcp_new (job->stream);

  if (job->store != NULL)
    {
      g_autoptr(RemoraSession) session = remora_session_new ();
      g_autoptr(RemoraPacket) pkt = remora_packet_new ();
      g_autofree guint8 *wanted = g_malloc0 (remora_field_count ());

      /* One pass, never revisited: per-frame records would only cost memory. */
      remora_session_set_will_revisit (session, FALSE);
      remora_follow_want_fields (wanted);
      remora_packet_set_wanted (pkt, wanted);

      for (guint number = 1; number <= job->n_frames; number++)
        {
          RemoraFrameInput input;

          if (number % PROGRESS_EVERY_FRAMES == 0)
            {
              if (g_task_return_error_if_cancelled (task))
                return;
              g_atomic_int_set (&job->done, (int) number);
            }
          remora_frame_store_get_frame_input (job->store, number, &input);
          remora_session_dissect (session, pkt, &input);
          remora_follow_add_packet (follow, pkt);
        }
      g_atomic_int_set (&job->done, (int) job->n_frames);
    }
  else
    {
      g_autoptr(RemoraCaptureReader) reader = NULL;

      if (job->path == NULL)
        {
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                                   _("The capture is not a local file."));
          return;
        }
      reader = remora_capture_reader_open (job->path, &error);
      if (reader == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      /* Damage ends the pass, but what came before it is still the stream. */
      if (!remora_follow_read (follow, reader, &error) && error != NULL)
        job->damage = g_strdup (error->message);
    }

  if (g_task_return_error_if_cancelled (task))
    return;
  g_task_return_pointer (task, g_steal_pointer (&follow), (GDestroyNotify) remora_follow_free);
}

/* ---- formatting ---- */

typedef struct {
  guint    start;     /* character offsets (the text is ASCII) */
  guint    end;
  guint    node;
  gboolean is_gap;
} Span;

static char
printable (guint8   byte,
           gboolean keep_line_breaks)
{
  if (keep_line_breaks && (byte == '\n' || byte == '\r' || byte == '\t'))
    return (char) byte;
  return g_ascii_isprint (byte) ? (char) byte : '.';
}

static void
append_gap (GString                 *out,
            const RemoraFollowChunk *chunk,
            const char              *indent)
{
  /* The marker is its own line; the core counts its closing NUL too. */
  if (out->len > 0 && out->str[out->len - 1] != '\n')
    g_string_append_c (out, '\n');
  g_string_append (out, indent);
  for (guint32 i = 0; i < chunk->length && chunk->data[i] != '\0'; i++)
    g_string_append_c (out, printable (chunk->data[i], FALSE));
  g_string_append_c (out, '\n');
}

static void
append_hex_dump (GString                 *out,
                 const RemoraFollowChunk *chunk,
                 const char              *indent,
                 guint64                  offset)
{
  for (guint32 line = 0; line < chunk->length; line += 16)
    {
      guint32 n = MIN (chunk->length - line, 16);

      g_string_append_printf (out, "%s%08" G_GINT64_MODIFIER "X  ", indent, offset + line);
      for (guint32 j = 0; j < 16; j++)
        {
          if (j < n)
            g_string_append_printf (out, "%02x ", chunk->data[line + j]);
          else
            g_string_append (out, "   ");
          if (j == 7)
            g_string_append_c (out, ' ');
        }
      g_string_append_c (out, ' ');
      for (guint32 j = 0; j < n; j++)
        {
          if (j == 8)
            g_string_append_c (out, ' ');
          g_string_append_c (out, printable (chunk->data[line + j], FALSE));
        }
      g_string_append_c (out, '\n');
    }
}

/* What the view shows and Save as writes, with the extent of each chunk
 * (SPANS may be NULL). */
static void
format_stream (RemoraFollow *follow,
               ShowMode      mode,
               Direction     direction,
               GString      *out,
               GArray       *spans)
{
  guint64 offset[2] = { 0, 0 };
  guint n = remora_follow_get_n_chunks (follow);

  for (guint i = 0; i < n; i++)
    {
      RemoraFollowChunk chunk = *remora_follow_get_chunk (follow, i);
      /* Hex lines of the second node are indented, so the two sides stay
       * apart when colours are lost (a saved file, a printout). */
      const char *indent = (chunk.node == 1 && mode == SHOW_HEX_DUMP) ? "    " : "";
      Span span = { out->len, 0, chunk.node, chunk.is_gap };

      if ((direction == DIRECTION_CLIENT && chunk.node != 0) ||
          (direction == DIRECTION_SERVER && chunk.node != 1))
        continue;

      if (chunk.is_gap)
        append_gap (out, &chunk, indent);
      else
        switch (mode)
          {
          case SHOW_ASCII:
            for (guint32 k = 0; k < chunk.length; k++)
              g_string_append_c (out, printable (chunk.data[k], TRUE));
            break;

          case SHOW_HEX_DUMP:
            append_hex_dump (out, &chunk, indent, offset[chunk.node & 1]);
            break;

          case SHOW_RAW:
            for (guint32 k = 0; k < chunk.length; k++)
              g_string_append_printf (out, "%02x", chunk.data[k]);
            g_string_append_c (out, '\n');
            break;

          default:
            g_assert_not_reached ();
          }
      if (!chunk.is_gap)
        offset[chunk.node & 1] += chunk.length;

      span.end = (guint) out->len;
      if (spans == NULL || span.end == span.start)
        continue;
      /* Neighbours from the same side make one tag range. */
      if (spans->len > 0)
        {
          Span *last = &g_array_index (spans, Span, spans->len - 1);

          if (last->end == span.start && last->node == span.node && last->is_gap == span.is_gap)
            {
              last->end = span.end;
              continue;
            }
        }
      g_array_append_val (spans, span);
    }
}

/* ---- showing the stream ---- */

static ShowMode
get_show_mode (RemoraFollowWindow *self)
{
  guint selected = gtk_drop_down_get_selected (self->show_dropdown);

  return selected <= SHOW_RAW ? (ShowMode) selected : SHOW_ASCII;
}

static Direction
get_direction (RemoraFollowWindow *self)
{
  guint selected = gtk_drop_down_get_selected (self->direction_dropdown);

  return selected <= DIRECTION_SERVER ? (Direction) selected : DIRECTION_BOTH;
}

static void
update_text (RemoraFollowWindow *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (Span));
  GtkTextIter top;
  ShowMode mode;

  if (self->follow == NULL)
    return;

  mode = get_show_mode (self);
  format_stream (self->follow, mode, get_direction (self), text, spans);
  /* Text wraps as prose does; hex lines keep their columns. */
  gtk_text_view_set_wrap_mode (self->text_view,
                               mode == SHOW_ASCII ? GTK_WRAP_WORD_CHAR :
                               mode == SHOW_RAW ? GTK_WRAP_CHAR : GTK_WRAP_NONE);
  gtk_text_buffer_set_text (buffer, text->str, (int) text->len);

  for (guint i = 0; i < spans->len; i++)
    {
      const Span *span = &g_array_index (spans, Span, i);
      GtkTextIter start, end;

      gtk_text_buffer_get_iter_at_offset (buffer, &start, (int) span->start);
      gtk_text_buffer_get_iter_at_offset (buffer, &end, (int) span->end);
      gtk_text_buffer_apply_tag (buffer, span->is_gap ? self->gap_tag :
                                 span->node == 0 ? self->client_tag : self->server_tag,
                                 &start, &end);
    }
  gtk_text_buffer_get_start_iter (buffer, &top);
  gtk_text_buffer_place_cursor (buffer, &top);
}

static char *
format_bytes (guint64 n)
{
  /* Digits grouped as the locale groups them ("4,206" in English). */
  return g_strdup_printf (ngettext ("%'" G_GUINT64_FORMAT " byte",
                                    "%'" G_GUINT64_FORMAT " bytes", n), n);
}

static void
show_follow (RemoraFollowWindow *self)
{
  guint n = remora_follow_get_n_chunks (self->follow);
  const char *client = remora_follow_get_node (self->follow, 0);
  const char *server = remora_follow_get_node (self->follow, 1);
  guint64 bytes[2] = { 0, 0 };
  guint packets[2] = { 0, 0 };
  guint turns = 0;
  int last_node = -1;
  g_autofree char *total_text = NULL;
  g_autofree char *client_text = NULL;
  g_autofree char *server_text = NULL;
  g_autoptr(GtkStringList) directions = NULL;
  g_autofree char *entire = NULL;
  g_autofree char *to_server = NULL;
  g_autofree char *to_client = NULL;
  g_autofree char *summary = NULL;

  for (guint i = 0; i < n; i++)
    {
      const RemoraFollowChunk *chunk = remora_follow_get_chunk (self->follow, i);

      if (chunk->is_gap)
        continue;
      bytes[chunk->node & 1] += chunk->length;
      packets[chunk->node & 1]++;
      if (last_node >= 0 && (guint) last_node != chunk->node)
        turns++;
      last_node = (int) chunk->node;
    }

  total_text = format_bytes (bytes[0] + bytes[1]);
  client_text = format_bytes (bytes[0]);
  server_text = format_bytes (bytes[1]);
  /* Translators: the whole conversation, with its size ("4,335 bytes") */
  entire = g_strdup_printf (_("Entire conversation (%s)"), total_text);
  /* Translators: one direction, "10.0.0.1:45000 → 10.0.0.2:80 (2,345 bytes)" */
  to_server = g_strdup_printf (_("%s → %s (%s)"), client ? client : "?", server ? server : "?", client_text);
  to_client = g_strdup_printf (_("%s → %s (%s)"), server ? server : "?", client ? client : "?", server_text);
  directions = gtk_string_list_new ((const char *[]) { entire, to_server, to_client, NULL });
  gtk_drop_down_set_model (self->direction_dropdown, G_LIST_MODEL (directions));
  gtk_drop_down_set_selected (self->direction_dropdown, DIRECTION_BOTH);

  if (n == 0)
    summary = g_strdup (_("This stream carries no data."));
  else
    {
      g_autofree char *client_pkts =
        g_strdup_printf (ngettext ("%u client pkt", "%u client pkts", packets[0]), packets[0]);
      g_autofree char *server_pkts =
        g_strdup_printf (ngettext ("%u server pkt", "%u server pkts", packets[1]), packets[1]);
      g_autofree char *turns_text =
        g_strdup_printf (ngettext ("%u turn", "%u turns", turns), turns);

      /* Translators: "3 client pkts, 9 server pkts, 2 turns" */
      summary = g_strdup_printf (_("%s, %s, %s"), client_pkts, server_pkts, turns_text);
    }
  if (self->damage != NULL)
    {
      /* Translators: the summary, then why the capture file ended early */
      g_autofree char *with_damage = g_strdup_printf (_("%s · The file is damaged: %s"),
                                                      summary, self->damage);
      g_free (summary);
      summary = g_steal_pointer (&with_damage);
    }
  gtk_label_set_text (self->summary_label, summary);

  update_text (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->direction_dropdown), TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->show_dropdown), TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), TRUE);
  gtk_stack_set_visible_child_name (self->stack, "text");
}

static gboolean
progress_tick (gpointer data)
{
  RemoraFollowWindow *self = data;
  FollowJob *job = self->job;

  if (job == NULL)
    {
      self->progress_source = 0;
      return G_SOURCE_REMOVE;
    }
  if (job->store != NULL && job->n_frames > 0)
    {
      guint done = (guint) g_atomic_int_get (&job->done);
      g_autofree char *text =
        g_strdup_printf (_("Collecting the stream: frame %u of %u…"), done, job->n_frames);

      gtk_progress_bar_set_fraction (self->progress_bar, (double) done / job->n_frames);
      gtk_label_set_text (self->progress_label, text);
    }
  else
    gtk_progress_bar_pulse (self->progress_bar);
  return G_SOURCE_CONTINUE;
}

static void
follow_done (GObject      *source_object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(FollowJob) job = user_data;   /* the callback's reference */
  RemoraFollowWindow *self = job->window;
  g_autoptr(GError) error = NULL;
  RemoraFollow *follow;

  /* The worker is finished with the frames: let the document go here,
   * on the main thread. */
  g_clear_object (&job->document);
  job->store = NULL;

  follow = g_task_propagate_pointer (G_TASK (result), &error);
  if (self == NULL)
    {
      g_clear_pointer (&follow, remora_follow_free);
      return;
    }

  g_assert (self->job == job);
  g_clear_pointer (&self->job, follow_job_unref);
  g_clear_handle_id (&self->progress_source, g_source_remove);

  if (follow == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The stream could not be collected: %s"),
                                               error->message);

      gtk_label_set_text (self->progress_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);
    }
  else
    {
      self->follow = follow;
      self->damage = g_strdup (job->damage);
      show_follow (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LOADING]);
}

static void
start_follow (RemoraFollowWindow *self)
{
  g_autoptr(GTask) task = NULL;
  /* The box's first reference is the window's (self->job). */
  FollowJob *job = g_atomic_rc_box_new0 (FollowJob);
  GFile *file = remora_capture_document_get_file (self->document);

  job->window = self;
  job->stream = self->stream;
  job->document = g_object_ref (self->document);

  /* The loaded frames when there are; while the document is still
   * loading, the file itself. */
  if (!remora_capture_document_get_loading (self->document) &&
      remora_capture_document_get_n_frames (self->document) > 0)
    {
      RemoraDisplaySource source;

      remora_capture_document_get_display_source (self->document, &source);
      job->store = source.store;
      job->n_frames = source.n_frames;
    }
  else if (file != NULL)
    job->path = g_file_get_path (file);

  self->job = job;
  self->cancellable = g_cancellable_new ();
  self->progress_source = g_timeout_add (PROGRESS_INTERVAL_MS, progress_tick, self);

  /* No source object: the window must not be finalized on the worker. */
  task = g_task_new (NULL, self->cancellable, follow_done, follow_job_ref (job));
  g_task_set_source_tag (task, start_follow);
  g_task_set_name (task, "[remora] follow tcp stream");
  g_task_set_task_data (task, follow_job_ref (job), (GDestroyNotify) follow_job_unref);
  g_task_run_in_thread (task, follow_worker);
}

/* ---- buttons ---- */

static void
on_filter_out_clicked (RemoraFollowWindow *self)
{
  g_autofree char *filter = g_strdup_printf ("!(tcp.stream eq %u)", self->stream);

  /* As in Wireshark: the filter goes to the main window, which shows the
   * rest of the capture, and this window has done its job. */
  g_signal_emit (self, signals [FILTER_OUT], 0, filter);
  gtk_window_close (GTK_WINDOW (self));
}

static void
show_error (RemoraFollowWindow *self,
            const char         *primary,
            const char         *secondary)
{
  GtkWidget *dialog = gtk_message_dialog_new (GTK_WINDOW (self),
                                              GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                              GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE,
                                              "%s", primary);

  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", secondary);
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_save_response (GtkNativeDialog    *chooser,
                  int                 response,
                  RemoraFollowWindow *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file != NULL && !remora_follow_window_save (self, file, &error))
    show_error (self, _("The stream could not be saved"), error->message);
}

static void
on_save_clicked (RemoraFollowWindow *self)
{
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  if (self->follow == NULL || self->chooser != NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Save Stream As"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  name = g_strdup_printf ("tcp-stream-%u.txt", self->stream);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_save_response), self);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->chooser);
}

/* ---- GObject ---- */

static void
remora_follow_window_dispose (GObject *object)
{
  RemoraFollowWindow *self = REMORA_FOLLOW_WINDOW (object);

  if (self->job != NULL)
    {
      /* The worker finishes on its own; its callback finds no window. */
      self->job->window = NULL;
      g_clear_pointer (&self->job, follow_job_unref);
    }
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->progress_source, g_source_remove);
  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (self->chooser);
      g_clear_object (&self->chooser);
    }
  g_clear_object (&self->document);
  gtk_widget_dispose_template (GTK_WIDGET (self), REMORA_TYPE_FOLLOW_WINDOW);

  G_OBJECT_CLASS (remora_follow_window_parent_class)->dispose (object);
}

static void
remora_follow_window_finalize (GObject *object)
{
  RemoraFollowWindow *self = REMORA_FOLLOW_WINDOW (object);

  g_clear_pointer (&self->follow, remora_follow_free);
  g_free (self->damage);

  G_OBJECT_CLASS (remora_follow_window_parent_class)->finalize (object);
}

static void
remora_follow_window_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  RemoraFollowWindow *self = REMORA_FOLLOW_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STREAM:
      g_value_set_uint (value, self->stream);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, remora_follow_window_get_loading (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remora_follow_window_class_init (RemoraFollowWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = remora_follow_window_dispose;
  object_class->finalize = remora_follow_window_finalize;
  object_class->get_property = remora_follow_window_get_property;

  properties [PROP_STREAM] =
    g_param_spec_uint ("stream", NULL, NULL,
                       0, G_MAXUINT32, 0,
                       (G_PARAM_READABLE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  properties [PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals [FILTER_OUT] =
    g_signal_new ("filter-out",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/remora/Remora/remora-follow-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RemoraFollowWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, RemoraFollowWindow, progress_label);
  gtk_widget_class_bind_template_child (widget_class, RemoraFollowWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, RemoraFollowWindow, text_view);
  gtk_widget_class_bind_template_child (widget_class, RemoraFollowWindow, summary_label);
  gtk_widget_class_bind_template_child (widget_class, RemoraFollowWindow, direction_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RemoraFollowWindow, show_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RemoraFollowWindow, filter_out_button);
  gtk_widget_class_bind_template_child (widget_class, RemoraFollowWindow, save_button);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_out_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
remora_follow_window_init (RemoraFollowWindow *self)
{
  g_autoptr(GtkStringList) placeholder = NULL;
  GtkTextBuffer *buffer;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* GNOME palette tints (Red 1 and Blue 1 over white) behind the darkest
   * shades of the same hues: Wireshark's red client, blue server, readable
   * whatever the theme's text colour. */
  buffer = gtk_text_view_get_buffer (self->text_view);
  self->client_tag = gtk_text_buffer_create_tag (buffer, "client",
                                                 "foreground", "#a51d2d",
                                                 "background", "#fde3e0",
                                                 NULL);
  self->server_tag = gtk_text_buffer_create_tag (buffer, "server",
                                                 "foreground", "#1a5fb4",
                                                 "background", "#e0ecfb",
                                                 NULL);
  self->gap_tag = gtk_text_buffer_create_tag (buffer, "gap",
                                              "foreground", "#63452c",
                                              "background", "#fdf7c3",
                                              "style", PANGO_STYLE_ITALIC,
                                              NULL);

  /* Until the sizes are known. */
  placeholder = gtk_string_list_new ((const char *[]) { _("Entire conversation"), NULL });
  gtk_drop_down_set_model (self->direction_dropdown, G_LIST_MODEL (placeholder));

  g_signal_connect_object (self->show_dropdown, "notify::selected",
                           G_CALLBACK (update_text), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->direction_dropdown, "notify::selected",
                           G_CALLBACK (update_text), self, G_CONNECT_SWAPPED);
}

/* ---- public ---- */

RemoraFollowWindow *
remora_follow_window_new (GtkWindow             *parent,
                          RemoraCaptureDocument *document,
                          guint32                stream)
{
  RemoraFollowWindow *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (REMORA_IS_CAPTURE_DOCUMENT (document), NULL);

  self = g_object_new (REMORA_TYPE_FOLLOW_WINDOW,
                       "transient-for", parent,
                       NULL);
  self->document = g_object_ref (document);
  self->stream = stream;

  /* Translators: the window title; %u is the stream number, %s the file */
  title = g_strdup_printf (_("Follow TCP Stream (tcp.stream eq %u) · %s"),
                           stream, remora_capture_document_get_display_name (document));
  gtk_window_set_title (GTK_WINDOW (self), title);

  start_follow (self);
  return self;
}

guint32
remora_follow_window_get_stream (RemoraFollowWindow *self)
{
  g_return_val_if_fail (REMORA_IS_FOLLOW_WINDOW (self), 0);

  return self->stream;
}

gboolean
remora_follow_window_get_loading (RemoraFollowWindow *self)
{
  g_return_val_if_fail (REMORA_IS_FOLLOW_WINDOW (self), FALSE);

  return self->job != NULL;
}

char *
remora_follow_window_dup_text (RemoraFollowWindow *self)
{
  GString *text;

  g_return_val_if_fail (REMORA_IS_FOLLOW_WINDOW (self), NULL);

  text = g_string_new (NULL);
  if (self->follow != NULL)
    format_stream (self->follow, get_show_mode (self), get_direction (self), text, NULL);
  return g_string_free (text, FALSE);
}

gboolean
remora_follow_window_save (RemoraFollowWindow  *self,
                           GFile               *file,
                           GError             **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (REMORA_IS_FOLLOW_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  text = remora_follow_window_dup_text (self);
  /* g_file_replace_contents writes a temporary file and renames it over
   * FILE, so a failure leaves the old file as it was. */
  return g_file_replace_contents (file, text, strlen (text), NULL, FALSE,
                                  G_FILE_CREATE_NONE, NULL, NULL, error);
}
