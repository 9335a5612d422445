/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-window"

#include "config.h"

#include "remora-window-private.h"

#include <string.h>

#include <glib/gi18n.h>

/* The File menu beyond Open: Save, Save As, Export Specified Packets,
 * Close, Open Recent, files dropped on the window, and the question
 * asked before captured packets that no file holds would be lost (a new
 * capture, another file, Close, closing the window, Quit).
 *
 * The per-window state lives in object data rather than the shared
 * struct: only this file uses it. */

#define RECENT_MENU_MAX 10

static const char pcap_mime_type[] = "application/vnd.tcpdump.pcap";
static const char pcapng_mime_type[] = "application/x-pcapng";

typedef struct _Pending Pending;

typedef struct {
  GMenu        *recent_menu;
  GStrv         recent_uris;        /* what the menu lists */
  GCancellable *save_cancellable;   /* while a save runs */
  GtkWidget    *prompt;             /* the question on screen, or NULL */
  /* A save the user asked for while the capture was still running: it
   * starts once the capture has stopped. */
  Pending      *save_after_stop;
  guint         save_after_stop_idle;
  /* The user agreed to lose the packets: the window closes unasked. */
  gboolean      close_confirmed;
  /* The document whose changes this file follows. */
  RemoraCaptureDocument *watched;
} FileState;

static GQuark file_state_quark;
static GtkWindowClass *window_parent_class;

/* ---- what runs once the question is answered ---- */

struct _Pending
{
  RemoraWindow            *window;
  RemoraWindowProceedFunc  proceed;
  gpointer                 user_data;
  GDestroyNotify           destroy;
};

static Pending *
pending_new (RemoraWindow            *window,
             RemoraWindowProceedFunc  proceed,
             gpointer                 user_data,
             GDestroyNotify           destroy)
{
  Pending *pending = g_new0 (Pending, 1);

  pending->window = g_object_ref (window);
  pending->proceed = proceed;
  pending->user_data = user_data;
  pending->destroy = destroy;
  return pending;
}

static void
pending_free (Pending *pending)
{
  if (pending == NULL)
    return;
  if (pending->destroy != NULL)
    pending->destroy (pending->user_data);
  g_object_unref (pending->window);
  g_free (pending);
}

static void
pending_run (Pending *pending)
{
  if (pending->proceed != NULL)
    pending->proceed (pending->window, pending->user_data);
  pending_free (pending);
}

static void
file_state_free (gpointer data)
{
  FileState *state = data;

  if (state->save_cancellable != NULL)
    g_cancellable_cancel (state->save_cancellable);
  g_clear_object (&state->save_cancellable);
  g_clear_handle_id (&state->save_after_stop_idle, g_source_remove);
  g_clear_pointer (&state->save_after_stop, pending_free);
  g_clear_object (&state->recent_menu);
  g_strfreev (state->recent_uris);
  g_clear_weak_pointer (&state->watched);
  g_free (state);
}

static FileState *
file_state (RemoraWindow *self)
{
  return g_object_get_qdata (G_OBJECT (self), file_state_quark);
}

/* Packets a person would lose: a capture that no file holds yet. */
static gboolean
has_unsaved_packets (RemoraWindow *self)
{
  return self->document != NULL &&
         remora_capture_document_get_unsaved (self->document) &&
         remora_capture_document_get_n_frames (self->document) > 0;
}

/* A document whose frames are all there and stay as they are. */
static gboolean
can_write_document (RemoraWindow *self)
{
  FileState *state = file_state (self);

  return self->document != NULL &&
         !remora_capture_document_get_loading (self->document) &&
         !remora_capture_document_get_live (self->document) &&
         !_remora_window_is_capturing (self) &&
         remora_capture_document_get_n_frames (self->document) > 0 &&
         (state == NULL || state->save_cancellable == NULL);
}

/* ---- recent files ---- */

static const char *
mime_type_for (GFile *file,
               int    format)
{
  g_autofree char *basename = NULL;

  if (format == REMORA_FILE_FORMAT_PCAP)
    return pcap_mime_type;
  if (format == REMORA_FILE_FORMAT_PCAPNG)
    return pcapng_mime_type;
  /* By the name, as the desktop's MIME database tells them apart. */
  basename = g_file_get_basename (file);
  if (basename != NULL &&
      (g_str_has_suffix (basename, ".pcapng") || g_str_has_suffix (basename, ".ntar") ||
       g_str_has_suffix (basename, ".pcapng.gz")))
    return pcapng_mime_type;
  return pcap_mime_type;
}

void
_remora_window_add_recent (RemoraWindow *self,
                           GFile        *file,
                           int           format)
{
  g_autofree char *uri = NULL;
  GtkRecentData data = { 0 };

  if (file == NULL)
    return;
  uri = g_file_get_uri (file);
  data.mime_type = (char *) mime_type_for (file, format);
  data.app_name = (char *) (g_get_application_name () != NULL ? g_get_application_name () : "remora");
  data.app_exec = (char *) "remora %u";
  gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
}

static gboolean
is_capture_mime_type (const char *mime_type)
{
  return g_strcmp0 (mime_type, pcap_mime_type) == 0 ||
         g_strcmp0 (mime_type, pcapng_mime_type) == 0 ||
         g_strcmp0 (mime_type, "application/x-pcap") == 0;
}

static int
compare_recent_newest_first (gconstpointer a,
                             gconstpointer b)
{
  GtkRecentInfo *info_a = *(GtkRecentInfo **) a;
  GtkRecentInfo *info_b = *(GtkRecentInfo **) b;

  return g_date_time_compare (gtk_recent_info_get_modified (info_b),
                              gtk_recent_info_get_modified (info_a));
}

/* A menu label shows the path; an underscore there is no mnemonic. */
static char *
escape_underscores (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, "_", -1);

  return g_strjoinv ("__", parts);
}

static void
rebuild_recent_menu (RemoraWindow *self)
{
  FileState *state = file_state (self);
  GList *items;
  g_autoptr(GPtrArray) captures = g_ptr_array_new ();
  g_autoptr(GStrvBuilder) uris = g_strv_builder_new ();
  GStrv new_uris;

  if (state == NULL || state->recent_menu == NULL)
    return;

  items = gtk_recent_manager_get_items (gtk_recent_manager_get_default ());
  for (GList *l = items; l != NULL; l = l->next)
    {
      GtkRecentInfo *info = l->data;

      /* Only files still there: a menu item that fails is no help. */
      if (is_capture_mime_type (gtk_recent_info_get_mime_type (info)) &&
          gtk_recent_info_is_local (info) && gtk_recent_info_exists (info))
        g_ptr_array_add (captures, info);
    }
  g_ptr_array_sort (captures, compare_recent_newest_first);
  if (captures->len > RECENT_MENU_MAX)
    g_ptr_array_set_size (captures, RECENT_MENU_MAX);

  /* The manager says "changed" for every write of its list, and a menu
   * rebuilt under the pointer closes: touch it only when it differs. */
  for (guint i = 0; i < captures->len; i++)
    g_strv_builder_add (uris, gtk_recent_info_get_uri (captures->pdata[i]));
  new_uris = g_strv_builder_end (uris);
  if (state->recent_uris != NULL && g_strv_equal ((const char * const *) state->recent_uris,
                                                  (const char * const *) new_uris))
    {
      g_strfreev (new_uris);
      g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
      return;
    }
  g_strfreev (state->recent_uris);
  state->recent_uris = new_uris;

  g_menu_remove_all (state->recent_menu);
  for (guint i = 0; i < captures->len; i++)
    {
      GtkRecentInfo *info = captures->pdata[i];
      g_autoptr(GFile) file = g_file_new_for_uri (gtk_recent_info_get_uri (info));
      g_autofree char *name = g_file_get_parse_name (file);
      g_autofree char *label = escape_underscores (name);
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target (item, "win.open-recent", "s",
                                         gtk_recent_info_get_uri (info));
      g_menu_append_item (state->recent_menu, item);
    }
  if (captures->len == 0)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_("No Recent Files"), "win.open-recent-none");

      g_menu_append_item (state->recent_menu, item);
    }
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
}

/* ---- the question ---- */

static const char *
discard_question (RemoraDiscardReason reason,
                  gboolean            capturing)
{
  /* Wireshark's questions, so the answer is already known. */
  switch (reason)
    {
    case REMORA_DISCARD_FOR_CAPTURE:
      return _("Do you want to save the captured packets before starting a new capture?");
    case REMORA_DISCARD_FOR_OPEN:
      return capturing ? _("Do you want to stop the capture and save the captured packets before opening another file?")
                       : _("Do you want to save the captured packets before opening another file?");
    case REMORA_DISCARD_FOR_CLOSE:
      return _("Do you want to save the captured packets before closing the file?");
    case REMORA_DISCARD_FOR_CLOSE_WINDOW:
      return capturing ? _("Do you want to stop the capture and save the captured packets before closing the window?")
                       : _("Do you want to save the captured packets before closing the window?");
    case REMORA_DISCARD_FOR_QUIT:
    default:
      return capturing ? _("Do you want to stop the capture and save the captured packets before quitting?")
                       : _("Do you want to save the captured packets before quitting?");
    }
}

enum {
  RESPONSE_DISCARD = 1,
};

static void show_save_dialog (RemoraWindow *self,
                              gboolean      export,
                              Pending      *pending);

static gboolean
save_after_stop_cb (gpointer user_data)
{
  RemoraWindow *self = user_data;
  FileState *state = file_state (self);

  state->save_after_stop_idle = 0;
  if (state->save_after_stop != NULL)
    {
      Pending *pending = g_steal_pointer (&state->save_after_stop);

      if (has_unsaved_packets (self) && can_write_document (self))
        show_save_dialog (self, FALSE, pending);
      else
        pending_free (pending);
    }
  return G_SOURCE_REMOVE;
}

static void
on_prompt_response (GtkDialog *dialog,
                    int        response,
                    Pending   *pending)
{
  RemoraWindow *self = pending->window;
  FileState *state = file_state (self);

  g_signal_handlers_disconnect_by_func (dialog, on_prompt_response, pending);
  if (state != NULL && state->prompt == GTK_WIDGET (dialog))
    state->prompt = NULL;
  /* The answer may destroy the window (Quit) while the dialog, still in
   * its button's click, outlives it: it must not point to it then. */
  gtk_window_set_transient_for (GTK_WINDOW (dialog), NULL);
  gtk_window_destroy (GTK_WINDOW (dialog));

  switch (response)
    {
    case GTK_RESPONSE_ACCEPT:
      if (_remora_window_is_capturing (self))
        {
          /* The last packets arrive before the capture ends; the save
           * starts when it has (see _remora_window_file_actions_update). */
          g_clear_pointer (&state->save_after_stop, pending_free);
          state->save_after_stop = pending;
          _remora_window_stop_capture (self);
        }
      else
        show_save_dialog (self, FALSE, pending);
      break;

    case RESPONSE_DISCARD:
      pending_run (pending);
      break;

    default:
      pending_free (pending);
      break;
    }
}

void
_remora_window_confirm_discard (RemoraWindow            *self,
                                RemoraDiscardReason      reason,
                                RemoraWindowProceedFunc  proceed,
                                gpointer                 user_data,
                                GDestroyNotify           destroy)
{
  FileState *state = file_state (self);
  Pending *pending = pending_new (self, proceed, user_data, destroy);
  GtkWidget *dialog;
  GtkWidget *button;

  if (!has_unsaved_packets (self))
    {
      pending_run (pending);
      return;
    }
  /* One question at a time; the second request is dropped. */
  if (state->prompt != NULL)
    {
      gtk_window_present (GTK_WINDOW (state->prompt));
      pending_free (pending);
      return;
    }

  dialog = gtk_message_dialog_new (GTK_WINDOW (self),
                                   GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_QUESTION,
                                   GTK_BUTTONS_NONE,
                                   "%s",
                                   discard_question (reason, _remora_window_is_capturing (self)));
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s",
                                            _("Your captured packets will be lost if you don't save them."));
  gtk_dialog_add_buttons (GTK_DIALOG (dialog),
                          _("Continue _without Saving"), RESPONSE_DISCARD,
                          _("_Cancel"), GTK_RESPONSE_CANCEL,
                          _("_Save"), GTK_RESPONSE_ACCEPT,
                          NULL);
  button = gtk_dialog_get_widget_for_response (GTK_DIALOG (dialog), RESPONSE_DISCARD);
  gtk_widget_add_css_class (button, "destructive-action");
  button = gtk_dialog_get_widget_for_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  gtk_window_set_title (GTK_WINDOW (dialog), _("Unsaved Packets"));

  /* Closing the question is Cancel (GTK_RESPONSE_DELETE_EVENT). */
  g_signal_connect (dialog, "response", G_CALLBACK (on_prompt_response), pending);
  state->prompt = dialog;
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- saving ---- */

typedef struct {
  RemoraWindow          *window;
  RemoraCaptureDocument *document;
  GCancellable          *cancellable;
  GFile                 *file;
  RemoraFileFormat       format;
  gboolean               export;
  Pending               *pending;
} SaveRun;

static void
save_run_free (SaveRun *run)
{
  g_object_unref (run->window);
  g_object_unref (run->document);
  g_object_unref (run->cancellable);
  g_object_unref (run->file);
  pending_free (run->pending);
  g_free (run);
}

static void
save_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  SaveRun *run = user_data;
  RemoraWindow *self = run->window;
  FileState *state = file_state (self);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = remora_capture_document_save_finish (run->document, result, &error);

  if (state != NULL && state->save_cancellable == run->cancellable)
    g_clear_object (&state->save_cancellable);

  /* The window went away meanwhile (its dispose drops the list). */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->packet_list == NULL)
    {
      save_run_free (run);
      return;
    }

  if (!ok)
    {
      g_autofree char *message = g_strdup_printf (_("The packets were not saved. %s"), error->message);

      /* The document keeps every packet and stays unsaved: nothing the
       * person asked for next (another file, Quit) happens. */
      _remora_window_show_error (self, message);
      _remora_window_actions_update (self);
      save_run_free (run);
      return;
    }

  _remora_window_add_recent (self, run->file, run->format);
  if (!run->export && run->document == self->document)
    _remora_window_update_file_display (self);
  else
    _remora_window_actions_update (self);

  if (run->pending != NULL)
    pending_run (g_steal_pointer (&run->pending));
  save_run_free (run);
}

static void
start_save (RemoraWindow     *self,
            GFile            *file,
            RemoraFileFormat  format,
            gboolean          export,
            Pending          *pending)
{
  FileState *state = file_state (self);
  g_autoptr(RemoraDisplayIndex) only = NULL;
  SaveRun *run;

  if (!can_write_document (self))
    {
      pending_free (pending);
      return;
    }

  if (export)
    {
      RemoraDisplayIndex *shown = remora_filtered_packet_list_get_index (self->packet_list);

      /* Without an index the list shows every frame. */
      if (shown != NULL && remora_display_index_has_frames (shown))
        only = remora_display_index_ref (shown);
      else
        only = remora_display_index_new_all (remora_capture_document_get_n_frames (self->document));
    }

  state->save_cancellable = g_cancellable_new ();
  run = g_new0 (SaveRun, 1);
  run->window = g_object_ref (self);
  run->document = g_object_ref (self->document);
  run->cancellable = g_object_ref (state->save_cancellable);
  run->file = g_object_ref (file);
  run->format = format;
  run->export = export;
  run->pending = pending;
  _remora_window_actions_update (self);

  remora_capture_document_save_async (self->document, file, format, only,
                                      run->cancellable, save_done, run);
}

/* The format a name asks for, or -1 when its suffix says none. */
static int
format_for_name (const char *basename)
{
  g_autofree char *lower = g_ascii_strdown (basename, -1);

  if (g_str_has_suffix (lower, ".pcapng") || g_str_has_suffix (lower, ".ntar"))
    return REMORA_FILE_FORMAT_PCAPNG;
  if (g_str_has_suffix (lower, ".pcap") || g_str_has_suffix (lower, ".cap"))
    return REMORA_FILE_FORMAT_PCAP;
  return -1;
}

typedef struct {
  RemoraWindow  *window;
  gboolean       export;
  Pending       *pending;
  GtkFileFilter *pcapng_filter;
  GtkFileFilter *pcap_filter;
} SaveDialog;

static void
on_save_dialog_response (GtkNativeDialog *dialog,
                         int              response,
                         SaveDialog      *sd)
{
  GtkFileChooser *chooser = GTK_FILE_CHOOSER (dialog);
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (chooser);

  if (file != NULL)
    {
      g_autofree char *basename = g_file_get_basename (file);
      int format = format_for_name (basename);

      /* The name's suffix decides; without one, the chosen type does and
       * gives the name its suffix. */
      if (format < 0)
        {
          g_autoptr(GFile) parent = g_file_get_parent (file);
          g_autofree char *named = NULL;

          format = gtk_file_chooser_get_filter (chooser) == sd->pcap_filter
                   ? REMORA_FILE_FORMAT_PCAP : REMORA_FILE_FORMAT_PCAPNG;
          named = g_strconcat (basename, format == REMORA_FILE_FORMAT_PCAP ? ".pcap" : ".pcapng", NULL);
          if (parent != NULL)
            {
              GFile *child = g_file_get_child (parent, named);

              g_object_unref (file);
              file = child;
            }
        }
      start_save (sd->window, file, format, sd->export, g_steal_pointer (&sd->pending));
    }

  pending_free (sd->pending);
  g_object_unref (sd->window);
  g_object_unref (sd->pcapng_filter);
  g_object_unref (sd->pcap_filter);
  g_free (sd);
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
show_save_dialog (RemoraWindow *self,
                  gboolean      export,
                  Pending      *pending)
{
  RemoraCaptureDocument *document = self->document;
  GFile *current = document != NULL ? remora_capture_document_get_file (document) : NULL;
  GtkFileChooserNative *native;
  SaveDialog *sd;
  g_autofree char *name = NULL;

  if (!can_write_document (self))
    {
      pending_free (pending);
      return;
    }

  native = gtk_file_chooser_native_new (export ? _("Export Specified Packets") : _("Save Capture File As"),
                                        GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"),
                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);

  sd = g_new0 (SaveDialog, 1);
  sd->window = g_object_ref (self);
  sd->export = export;
  sd->pending = pending;
  sd->pcapng_filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (sd->pcapng_filter, _("pcapng (*.pcapng)"));
  gtk_file_filter_add_suffix (sd->pcapng_filter, "pcapng");
  gtk_file_filter_add_suffix (sd->pcapng_filter, "ntar");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), sd->pcapng_filter);
  sd->pcap_filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (sd->pcap_filter, _("pcap (*.pcap)"));
  gtk_file_filter_add_suffix (sd->pcap_filter, "pcap");
  gtk_file_filter_add_suffix (sd->pcap_filter, "cap");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), sd->pcap_filter);

  /* Next to the open file under its name (a new one for an export); a
   * capture gets a name with the time it was saved. */
  if (current != NULL && !remora_capture_document_get_unsaved (document))
    {
      g_autoptr(GFile) folder = g_file_get_parent (current);
      g_autofree char *basename = g_file_get_basename (current);
      int format;

      /* What is written is never compressed. */
      if (basename != NULL && g_str_has_suffix (basename, ".gz") && strlen (basename) > 3)
        basename[strlen (basename) - 3] = '\0';
      format = basename != NULL ? format_for_name (basename) : -1;

      if (folder != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), folder, NULL);
      if (format == REMORA_FILE_FORMAT_PCAP)
        gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (native), sd->pcap_filter);
      if (export && basename != NULL)
        {
          char *dot = strrchr (basename, '.');

          if (dot != NULL && dot != basename)
            *dot = '\0';
          name = g_strdup_printf (_("%s-displayed%s"), basename,
                                  format == REMORA_FILE_FORMAT_PCAP ? ".pcap" : ".pcapng");
        }
      else if (basename != NULL)
        name = g_filename_display_name (basename);
    }
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *stamp = g_date_time_format (now, "%Y%m%d%H%M%S");

      name = g_strdup_printf ("capture-%s.pcapng", stamp);
    }
  if (name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);

  g_signal_connect (native, "response", G_CALLBACK (on_save_dialog_response), sd);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* ---- actions ---- */

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  RemoraWindow *self = REMORA_WINDOW (widget);

  /* A capture has no name of its own yet: Save asks for one, as Save As. */
  if (has_unsaved_packets (self))
    show_save_dialog (self, FALSE, NULL);
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  show_save_dialog (REMORA_WINDOW (widget), FALSE, NULL);
}

static void
export_specified_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  show_save_dialog (REMORA_WINDOW (widget), TRUE, NULL);
}

static void
close_file_now (RemoraWindow *self,
                gpointer      user_data)
{
  _remora_window_close_document (self);
}

static void
close_file_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  RemoraWindow *self = REMORA_WINDOW (widget);

  if (self->document != NULL)
    _remora_window_confirm_discard (self, REMORA_DISCARD_FOR_CLOSE, close_file_now, NULL, NULL);
}

static void
open_file_now (RemoraWindow *self,
               gpointer      user_data)
{
  remora_window_open (self, G_FILE (user_data));
}

static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  const char *uri = g_variant_get_string (param, NULL);

  _remora_window_confirm_discard (REMORA_WINDOW (widget), REMORA_DISCARD_FOR_OPEN,
                                  open_file_now, g_file_new_for_uri (uri), g_object_unref);
}

static void
start_capture_now (RemoraWindow *self,
                   gpointer      user_data)
{
  _remora_window_start_capture (self, user_data);
}

void
_remora_window_start_capture_confirmed (RemoraWindow         *self,
                                        RemoraCaptureRequest *request)
{
  _remora_window_confirm_discard (self, REMORA_DISCARD_FOR_CAPTURE, start_capture_now,
                                  remora_capture_request_copy (request),
                                  (GDestroyNotify) remora_capture_request_free);
}

static void
open_recent_none_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
}

/* ---- closing the window ---- */

static void
close_window_now (RemoraWindow *self,
                  gpointer      user_data)
{
  file_state (self)->close_confirmed = TRUE;
  gtk_window_destroy (GTK_WINDOW (self));
}

static gboolean
remora_window_file_close_request (GtkWindow *window)
{
  RemoraWindow *self = REMORA_WINDOW (window);
  FileState *state = file_state (self);

  if (state != NULL && !state->close_confirmed && has_unsaved_packets (self))
    {
      _remora_window_confirm_discard (self, REMORA_DISCARD_FOR_CLOSE_WINDOW,
                                      close_window_now, NULL, NULL);
      return TRUE;
    }
  return window_parent_class->close_request != NULL && window_parent_class->close_request (window);
}

static void
quit_now (RemoraWindow *self,
          gpointer      user_data)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  file_state (self)->close_confirmed = TRUE;
  if (app != NULL)
    g_object_ref (app);
  gtk_window_destroy (GTK_WINDOW (self));
  /* The other windows may have packets of their own to ask about. */
  if (app != NULL)
    {
      g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
      g_object_unref (app);
    }
}

gboolean
remora_window_confirm_quit (RemoraWindow *self)
{
  FileState *state;

  g_return_val_if_fail (REMORA_IS_WINDOW (self), FALSE);

  state = file_state (self);
  if (state == NULL || state->close_confirmed || !has_unsaved_packets (self))
    return FALSE;
  gtk_window_present (GTK_WINDOW (self));
  _remora_window_confirm_discard (self, REMORA_DISCARD_FOR_QUIT, quit_now, NULL, NULL);
  return TRUE;
}

void
remora_window_skip_quit_question (RemoraWindow *self)
{
  FileState *state;

  g_return_if_fail (REMORA_IS_WINDOW (self));

  state = file_state (self);
  if (state != NULL)
    state->close_confirmed = TRUE;
}

/* ---- dropped files ---- */

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         RemoraWindow  *self)
{
  GFile *file = NULL;

  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      GSList *files = gdk_file_list_get_files (g_value_get_boxed (value));

      /* One window shows one capture: the first file is opened. */
      if (files != NULL)
        file = g_object_ref (files->data);
      g_slist_free (files);
    }
  else if (G_VALUE_HOLDS (value, G_TYPE_FILE))
    file = g_value_dup_object (value);

  if (file == NULL)
    return FALSE;
  _remora_window_confirm_discard (self, REMORA_DISCARD_FOR_OPEN, open_file_now, file, g_object_unref);
  return TRUE;
}

/* ---- the document ---- */

static void
on_document_notify (RemoraWindow          *self,
                    GParamSpec            *pspec,
                    RemoraCaptureDocument *document)
{
  if (document != self->document)
    return;
  /* A file that loaded (even in part) is one the user may want again. */
  if (g_str_equal (pspec->name, "loading") && !remora_capture_document_get_loading (document) &&
      remora_capture_document_get_n_frames (document) > 0)
    _remora_window_add_recent (self, remora_capture_document_get_file (document), -1);
  _remora_window_actions_update (self);
}

static void
on_window_document_changed (RemoraWindow *self,
                            GParamSpec   *pspec,
                            gpointer      user_data)
{
  FileState *state = file_state (self);

  if (state->watched != NULL)
    g_signal_handlers_disconnect_by_func (state->watched, on_document_notify, self);
  g_set_weak_pointer (&state->watched, self->document);
  if (self->document == NULL)
    return;
  g_signal_connect_object (self->document, "notify::loading",
                           G_CALLBACK (on_document_notify), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "notify::unsaved",
                           G_CALLBACK (on_document_notify), self, G_CONNECT_SWAPPED);
}

/* ---- hooks ---- */

void
_remora_window_file_actions_update (RemoraWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  FileState *state = file_state (self);
  gboolean writable = can_write_document (self);

  /* A file read from disk is saved already: only Save As applies. */
  gtk_widget_action_set_enabled (widget, "win.save", writable && has_unsaved_packets (self));
  gtk_widget_action_set_enabled (widget, "win.save-as", writable);
  gtk_widget_action_set_enabled (widget, "win.export-specified", writable);
  gtk_widget_action_set_enabled (widget, "win.close-file",
                                 self->document != NULL && !_remora_window_is_capturing (self));
  gtk_widget_action_set_enabled (widget, "win.open-recent-none", FALSE);

  if (state != NULL && state->save_after_stop != NULL && !_remora_window_is_capturing (self) &&
      state->save_after_stop_idle == 0)
    state->save_after_stop_idle = g_idle_add (save_after_stop_cb, self);
}

void
_remora_window_file_init (RemoraWindow *self)
{
  FileState *state = g_new0 (FileState, 1);
  GtkDropTarget *drop;
  GType types[] = { GDK_TYPE_FILE_LIST, G_TYPE_FILE };
  GObject *menu;

  g_object_set_qdata_full (G_OBJECT (self), file_state_quark, state, file_state_free);
  g_signal_connect (self, "notify::document", G_CALLBACK (on_window_document_changed), NULL);

  menu = gtk_widget_get_template_child (GTK_WIDGET (self), REMORA_TYPE_WINDOW, "recent_menu");
  if (G_IS_MENU (menu))
    state->recent_menu = g_object_ref (G_MENU (menu));
  g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                           G_CALLBACK (rebuild_recent_menu), self, G_CONNECT_SWAPPED);
  rebuild_recent_menu (self);

  drop = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (drop, types, G_N_ELEMENTS (types));
  g_signal_connect_object (drop, "drop", G_CALLBACK (on_drop), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  _remora_window_file_actions_update (self);
}

void
_remora_window_file_class_init (GtkWidgetClass *widget_class)
{
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (widget_class);

  file_state_quark = g_quark_from_static_string ("remora-window-file-state");
  window_parent_class = g_type_class_peek_parent (widget_class);
  window_class->close_request = remora_window_file_close_request;

  gtk_widget_class_bind_template_child_full (widget_class, "recent_menu", FALSE, 0);

  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save", NULL);

  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_S, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.save-as", NULL);

  gtk_widget_class_install_action (widget_class, "win.export-specified", NULL, export_specified_action);

  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  /* The placeholder of an empty Open Recent menu, never enabled. */
  gtk_widget_class_install_action (widget_class, "win.open-recent-none", NULL, open_recent_none_action);

  /* Ctrl+W closes the capture file, as in Wireshark; the window stays. */
  gtk_widget_class_install_action (widget_class, "win.close-file", NULL, close_file_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "win.close-file", NULL);
}
