/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-window"

#include "config.h"

#include "remora-window-private.h"

#include <glib/gi18n.h>

#include "remora-capture-options.h"
#include "remora-expression-dialog.h"
#include "remora-follow-window.h"
#include "remora-interface-chooser.h"

/* The window's "win." actions, with their keys beside them, and the one
 * place that decides which of them can run now.  The main menu in
 * remora-window.ui names them; a menu item whose action is disabled is
 * greyed out, so none does nothing when chosen. */

/* ---- File ---- */

static void
open_response (GtkNativeDialog *dialog,
               int              response,
               RemoraWindow    *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        remora_window_open (self, file);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
show_open_dialog (RemoraWindow *self,
                  gpointer      user_data)
{
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) captures = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  native = gtk_file_chooser_native_new (_("Open Capture File"),
                                        GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"),
                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);

  gtk_file_filter_set_name (captures, _("Capture files (pcap, pcapng, gz)"));
  gtk_file_filter_add_mime_type (captures, "application/vnd.tcpdump.pcap");
  gtk_file_filter_add_mime_type (captures, "application/x-pcapng");
  gtk_file_filter_add_suffix (captures, "pcap");
  gtk_file_filter_add_suffix (captures, "pcapng");
  gtk_file_filter_add_suffix (captures, "cap");
  gtk_file_filter_add_suffix (captures, "gz");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), captures);

  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), all);

  /* Start where the shown capture lives: the next file is often beside it. */
  if (self->document != NULL && remora_capture_document_get_file (self->document) != NULL)
    {
      g_autoptr(GFile) folder = g_file_get_parent (remora_capture_document_get_file (self->document));

      if (folder != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), folder, NULL);
    }

  g_signal_connect (native, "response", G_CALLBACK (open_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  _remora_window_confirm_discard (REMORA_WINDOW (widget), REMORA_DISCARD_FOR_OPEN,
                                  show_open_dialog, NULL, NULL);
}

/* ---- Analyze ---- */

/* The tcp.stream of the packet shown in the tree, or -1: the tree-mode
 * dissection of the selected frame already holds it. */
static gint64
selected_tcp_stream (RemoraWindow *self)
{
  static int tcp_stream = -2;
  const RemoraPacket *pkt;

  if (tcp_stream == -2)
    tcp_stream = remora_field_lookup ("tcp.stream");
  if (self->snapshot == NULL || tcp_stream < 0)
    return -1;

  pkt = remora_packet_snapshot_get_packet (self->snapshot);
  for (guint i = 1; i <= remora_packet_get_n_nodes (pkt); i++)
    {
      const RemoraNode *node = remora_packet_get_node (pkt, i);

      if (node->field == tcp_stream)
        return (gint64) node->value.u;
    }
  return -1;
}

static void
on_follow_filter_out (RemoraWindow       *self,
                      const char         *filter,
                      RemoraFollowWindow *follow)
{
  /* As if typed and Enter pressed: the bar checks it, keeps it among the
   * recent filters and applies it. */
  remora_filter_bar_set_text (self->filter_bar, filter);
  remora_filter_bar_apply (self->filter_bar);
}

static void
follow_tcp_stream_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  RemoraWindow *self = REMORA_WINDOW (widget);
  gint64 stream = selected_tcp_stream (self);
  RemoraFollowWindow *follow;

  if (stream < 0 || self->document == NULL)
    return;
  follow = remora_follow_window_new (GTK_WINDOW (self), self->document, (guint32) stream);
  g_signal_connect_object (follow, "filter-out", G_CALLBACK (on_follow_filter_out),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (follow));
}

/* ---- the filter bar's Expression… ---- */

static void
on_expression_insert (RemoraWindow           *self,
                      const char             *text,
                      RemoraExpressionDialog *dialog)
{
  GtkEditable *entry = GTK_EDITABLE (remora_filter_bar_get_entry (self->filter_bar));
  const char *current = remora_filter_bar_get_text (self->filter_bar);
  int cursor = gtk_editable_get_position (entry);
  const char *at;
  g_autofree char *combined = NULL;

  /* At the cursor, as Wireshark inserts; the bar's own setter so that it
   * checks the result and offers no completion for it. */
  if (current == NULL)
    current = "";
  cursor = CLAMP (cursor, 0, (int) g_utf8_strlen (current, -1));
  at = g_utf8_offset_to_pointer (current, cursor);
  combined = g_strdup_printf ("%.*s%s%s%s%s",
                              (int) (at - current), current,
                              at > current && at[-1] != ' ' ? " " : "",
                              text,
                              *at != '\0' && *at != ' ' ? " " : "",
                              at);
  remora_filter_bar_set_text (self->filter_bar, combined);
  remora_filter_bar_focus (self->filter_bar);
}

void
_remora_window_show_expression_dialog (RemoraWindow *self)
{
  GtkWidget *dialog = remora_expression_dialog_new (GTK_WINDOW (self));

  g_signal_connect_object (dialog, "insert", G_CALLBACK (on_expression_insert),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- Capture ---- */

static void
on_options_start_capture (RemoraWindow         *self,
                          RemoraCaptureRequest *request,
                          RemoraCaptureOptions *options)
{
  gtk_window_close (GTK_WINDOW (options));
  _remora_window_start_capture_confirmed (self, request);
}

static RemoraCaptureOptions *
show_capture_options (RemoraWindow       *self,
                      const char * const *names)
{
  RemoraCaptureOptions *options = remora_capture_options_new (GTK_WINDOW (self));

  if (names != NULL && names[0] != NULL)
    remora_capture_options_set_capture_names (options, names);
  g_signal_connect_object (options, "start-capture", G_CALLBACK (on_options_start_capture),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (options));
  return options;
}

static void
capture_options_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  show_capture_options (REMORA_WINDOW (widget), NULL);
}

static void
on_chooser_start_capture (RemoraWindow           *self,
                          GStrv                   names,
                          RemoraInterfaceChooser *chooser)
{
  g_autoptr(RemoraCaptureRequest) request = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (chooser));

  if (names == NULL || names[0] == NULL)
    return;

  /* With what Capture Options holds for them (filters, snaplen...). */
  request = remora_capture_options_dup_saved_request ((const char * const *) names);

  if (GTK_IS_WINDOW (root) && GTK_WIDGET (root) != GTK_WIDGET (self))
    gtk_window_close (GTK_WINDOW (root));
  _remora_window_start_capture_confirmed (self, request);
}

static void
capture_interfaces_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  RemoraWindow *self = REMORA_WINDOW (widget);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *chooser = remora_interface_chooser_new ();

  gtk_window_set_title (GTK_WINDOW (window), _("Capture Interfaces"));
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (self));
  gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 720, 420);
  gtk_window_set_child (GTK_WINDOW (window), chooser);
  g_signal_connect_object (chooser, "start-capture", G_CALLBACK (on_chooser_start_capture),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (window));
}

static void
capture_stop_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  _remora_window_stop_capture (REMORA_WINDOW (widget));
}

/* ---- the one place that says what can run ---- */

void
_remora_window_actions_update (RemoraWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean capturing = _remora_window_is_capturing (self);

  /* A live capture's frames are followed once it has stopped. */
  gtk_widget_action_set_enabled (widget, "win.follow-tcp-stream",
                                 self->document != NULL && !capturing &&
                                 selected_tcp_stream (self) >= 0);
  gtk_widget_action_set_enabled (widget, "win.capture-stop", capturing);
  gtk_widget_action_set_enabled (widget, "win.capture-options", !capturing);
  gtk_widget_action_set_enabled (widget, "win.capture-interfaces", !capturing);
  _remora_window_view_update (self);
  _remora_window_file_actions_update (self);
  _remora_window_capture_actions_update (self);
}

void
_remora_window_class_actions_init (GtkWidgetClass *widget_class)
{
  /* Wireshark's keys, so the hands already know them. */
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);

  _remora_window_file_class_init (widget_class);

  gtk_widget_class_install_action (widget_class, "win.follow-tcp-stream", NULL, follow_tcp_stream_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_T,
                                       GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK,
                                       "win.follow-tcp-stream", NULL);

  gtk_widget_class_install_action (widget_class, "win.capture-interfaces", NULL, capture_interfaces_action);

  gtk_widget_class_install_action (widget_class, "win.capture-options", NULL, capture_options_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, GDK_CONTROL_MASK,
                                       "win.capture-options", NULL);

  /* Ctrl+E: win.capture-start-stop (remora-window-capture.c). */
  gtk_widget_class_install_action (widget_class, "win.capture-stop", NULL, capture_stop_action);
}
