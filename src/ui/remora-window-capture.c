/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-window"

#include "config.h"

#include "remora-window-private.h"

#include <glib/gi18n.h>

#include "remora-capture-options.h"
#include "remora-interface-chooser.h"
#include "remora-stall-meter.h"

/* The window's capture controls, as Wireshark has them:
 *
 * - the start page lists the interfaces (RemoraInterfaceChooser, sampling
 *   their traffic only while the page is on screen); a double-click or its
 *   Start button captures on the selected ones;
 * - Start (Ctrl+E when not capturing) captures on the start page's
 *   selection, else on the interfaces ticked in Capture Options, else on
 *   those of the window's last capture, with the settings saved in
 *   Capture Options; with none of these it opens Capture Options;
 * - Stop (Ctrl+E when capturing) and Restart (Ctrl+R: stop, then start
 *   again with the same request into a new list);
 * - Automatic Scrolling in Live Capture: the list follows the newest
 *   packet until the user scrolls up, and follows again once they scroll
 *   back down to the end (End, the wheel, the scroll bar). */

#define SCHEMA_ID "org.remora.Remora"
#define AUTO_SCROLL_KEY "capture-auto-scroll"

static gboolean auto_scroll_enabled (RemoraWindow *self);
static void     scroll_to_newest    (RemoraWindow *self);

/* ---- starting ---- */

static void
remora_window_capture_on (RemoraWindow       *self,
                          const char * const *names)
{
  g_autoptr(RemoraCaptureRequest) request = remora_capture_options_dup_saved_request (names);

  /* Then where this window captured last (a double-click on the start
   * page ticks nothing in Capture Options). */
  if (request == NULL && self->capture_request != NULL)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) last = NULL;

      for (guint i = 0; i < self->capture_request->interfaces->len; i++)
        {
          RemoraCaptureRequestIface *iface = g_ptr_array_index (self->capture_request->interfaces, i);

          g_strv_builder_add (builder, iface->name);
        }
      last = g_strv_builder_end (builder);
      request = remora_capture_options_dup_saved_request ((const char * const *) last);
    }
  if (request == NULL)
    {
      /* Nothing chosen yet: the dialog where one chooses. */
      gtk_widget_activate_action (GTK_WIDGET (self), "win.capture-options", NULL);
      return;
    }
  _remora_window_start_capture_confirmed (self, request);
}

void
remora_window_select_interfaces (RemoraWindow       *self,
                                 const char * const *names)
{
  g_return_if_fail (REMORA_IS_WINDOW (self));

  remora_interface_chooser_select_names (REMORA_INTERFACE_CHOOSER (self->interface_chooser), names);
}

void
remora_window_start_capture_on (RemoraWindow       *self,
                                const char * const *names,
                                const char         *filter,
                                guint               buffer_mib)
{
  g_autoptr(RemoraCaptureRequest) request = NULL;

  g_return_if_fail (REMORA_IS_WINDOW (self));

  if (_remora_window_is_capturing (self))
    return;
  if (filter == NULL && buffer_mib == 0)
    {
      remora_window_capture_on (self, names);
      return;
    }
  request = remora_capture_options_dup_saved_request (names);
  if (request == NULL)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.capture-options", NULL);
      return;
    }
  for (guint i = 0; i < request->interfaces->len; i++)
    {
      RemoraCaptureRequestIface *iface = g_ptr_array_index (request->interfaces, i);

      if (filter != NULL)
        {
          g_free (iface->filter);
          iface->filter = g_strdup (filter);
        }
      if (buffer_mib != 0)
        iface->buffer_mib = buffer_mib;
    }
  _remora_window_start_capture_confirmed (self, request);
}

gboolean
remora_window_is_capturing (RemoraWindow *self)
{
  g_return_val_if_fail (REMORA_IS_WINDOW (self), FALSE);

  return _remora_window_is_capturing (self);
}

void
remora_window_stop_capture (RemoraWindow *self)
{
  g_return_if_fail (REMORA_IS_WINDOW (self));

  _remora_window_stop_capture (self);
}

static void
on_start_page_start_capture (RemoraWindow           *self,
                             GStrv                   names,
                             RemoraInterfaceChooser *chooser)
{
  if (names != NULL && names[0] != NULL)
    remora_window_capture_on (self, (const char * const *) names);
}

static void
capture_start_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  RemoraWindow *self = REMORA_WINDOW (widget);
  g_auto(GStrv) names = NULL;

  if (_remora_window_is_capturing (self))
    return;
  /* What the start page shows selected is what the user means. */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "empty") == 0)
    names = remora_interface_chooser_dup_selected_names (REMORA_INTERFACE_CHOOSER (self->interface_chooser));
  remora_window_capture_on (self, (const char * const *) names);
}

static void
capture_start_stop_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  RemoraWindow *self = REMORA_WINDOW (widget);

  if (_remora_window_is_capturing (self))
    _remora_window_stop_capture (self);
  else
    capture_start_action (widget, "win.capture-start", NULL);
}

static void
capture_restart_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  RemoraWindow *self = REMORA_WINDOW (widget);

  if (!_remora_window_is_capturing (self) || self->capture_request == NULL)
    return;
  /* The capture flushes and ends first; _remora_window_capture_ended ()
   * starts the new one. */
  self->capture_restart_pending = TRUE;
  _remora_window_stop_capture (self);
  _remora_window_actions_update (self);
}

void
_remora_window_capture_started (RemoraWindow               *self,
                                const RemoraCaptureRequest *request)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), AUTO_SCROLL_KEY);

  if (self->capture_request != (RemoraCaptureRequest *) request)
    {
      g_clear_pointer (&self->capture_request, remora_capture_request_free);
      self->capture_request = remora_capture_request_copy (request);
    }
  self->capture_restart_pending = FALSE;
  self->auto_scroll_following = TRUE;
  /* Without GSettings the dialog's check reaches the window only here. */
  if (self->capture_settings == NULL && action != NULL)
    g_action_change_state (action, g_variant_new_boolean (request->auto_scroll));
}

void
_remora_window_capture_ended (RemoraWindow *self)
{
  g_autoptr(RemoraCaptureRequest) request = NULL;

  /* The last packets came with the end: they are shown too. */
  if (self->auto_scroll_following && auto_scroll_enabled (self))
    scroll_to_newest (self);
  if (!self->capture_restart_pending || self->capture_request == NULL)
    {
      self->capture_restart_pending = FALSE;
      return;
    }
  self->capture_restart_pending = FALSE;
  request = remora_capture_request_copy (self->capture_request);
  _remora_window_start_capture (self, request);
}

/* ---- the stall meter's capture events ---- */

void
_remora_window_capture_note_event (RemoraWindow             *self,
                                   RemoraCaptureSession     *session,
                                   const RemoraCaptureEvent *event)
{
  if (event->kind == REMORA_CAPTURE_EVENT_CAPTURING)
    remora_stall_meter_mark ("capture-started");
}

void
_remora_window_capture_note_finished (RemoraWindow         *self,
                                      RemoraCaptureSession *session)
{
  guint64 dropped = 0;
  guint64 iface_dropped, iface_if_dropped;

  /* Drops in the kernel and on the interface alike: packets never seen. */
  for (guint i = 0; remora_capture_session_get_stats (session, i, NULL, NULL,
                                                      &iface_dropped, &iface_if_dropped); i++)
    dropped += iface_dropped + iface_if_dropped;
  remora_stall_meter_mark_detail ("capture-stopped", "packets=%" G_GUINT64_FORMAT
                                  " dropped=%" G_GUINT64_FORMAT,
                                  remora_capture_session_get_n_packets (session), dropped);
}

/* ---- automatic scrolling ---- */

static gboolean
auto_scroll_enabled (RemoraWindow *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), AUTO_SCROLL_KEY);
  g_autoptr(GVariant) state = action != NULL ? g_action_get_state (action) : NULL;

  return state != NULL && g_variant_get_boolean (state);
}

static GtkAdjustment *
packet_list_vadjustment (RemoraWindow *self)
{
  return gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->column_view));
}

static void
scroll_to_newest (RemoraWindow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->packet_list));

  if (n == 0)
    return;
  /* GTK 4.8's column view scrolls through its inner list's action. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      {
        gtk_widget_activate_action (child, "list.scroll-to-item", "u", n - 1);
        break;
      }
}

static gboolean
scroll_to_newest_cb (gpointer user_data)
{
  RemoraWindow *self = user_data;

  self->auto_scroll_idle = 0;
  if (_remora_window_is_capturing (self) && self->auto_scroll_following && auto_scroll_enabled (self))
    scroll_to_newest (self);
  return G_SOURCE_REMOVE;
}

/* The list lays new rows out, and its adjustment grows: the moment to
 * show them, once that layout is over (the list cannot scroll in the
 * middle of its own allocation). */
static void
on_packet_list_grown (RemoraWindow  *self,
                      GtkAdjustment *adjustment)
{
  if (!_remora_window_is_capturing (self) || !self->auto_scroll_following ||
      !auto_scroll_enabled (self) || self->auto_scroll_idle != 0)
    return;
  self->auto_scroll_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE, scroll_to_newest_cb, self, NULL);
  g_source_set_static_name (g_main_context_find_source_by_id (NULL, self->auto_scroll_idle),
                            "[remora] automatic scrolling");
}

/* Scrolling up pauses the following; scrolling down back near the end
 * resumes it.  Near: within a page, since rows keep coming while the
 * list slides there (End and the scroll bar aim at the end of the moment
 * they were used).  At rates that outrun even that, the toggle (off, on)
 * jumps to the end. */
static void
on_packet_list_scrolled (RemoraWindow  *self,
                         GtkAdjustment *adjustment)
{
  double value = gtk_adjustment_get_value (adjustment);
  double page = gtk_adjustment_get_page_size (adjustment);
  double upper = gtk_adjustment_get_upper (adjustment);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->packet_list));
  double row = n > 0 ? upper / n : 0.0;
  double to_end = upper - (value + page);

  /* A shorter list (another capture, a filter) moves it, not the user. */
  if (upper >= self->auto_scroll_upper)
    {
      if (value < self->auto_scroll_value)
        self->auto_scroll_following = to_end <= MAX (2.0, row / 2.0);
      else if (value > self->auto_scroll_value && to_end <= MAX (1.5 * row, page))
        self->auto_scroll_following = TRUE;
    }
  self->auto_scroll_value = value;
  self->auto_scroll_upper = upper;
}

static void
on_auto_scroll_state (RemoraWindow *self,
                      GParamSpec   *pspec,
                      GAction      *action)
{
  /* Switched on: back to the newest packet at once, as Wireshark does. */
  if (auto_scroll_enabled (self) && _remora_window_is_capturing (self))
    {
      self->auto_scroll_following = TRUE;
      scroll_to_newest (self);
    }
}

static GSettings *
capture_settings_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source == NULL)
    return NULL;
  schema = g_settings_schema_source_lookup (source, SCHEMA_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, AUTO_SCROLL_KEY))
    return NULL;
  return g_settings_new (SCHEMA_ID);
}

/* ---- enabled state, setup ---- */

void
_remora_window_capture_actions_update (RemoraWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean capturing = _remora_window_is_capturing (self);

  gtk_widget_action_set_enabled (widget, "win.capture-start", !capturing);
  gtk_widget_action_set_enabled (widget, "win.capture-restart",
                                 capturing && !self->capture_restart_pending);
}

void
_remora_window_capture_class_init (GtkWidgetClass *widget_class)
{
  g_type_ensure (REMORA_TYPE_INTERFACE_CHOOSER);
  gtk_widget_class_bind_template_child (widget_class, RemoraWindow, interface_chooser);
  gtk_widget_class_bind_template_callback (widget_class, on_start_page_start_capture);

  gtk_widget_class_install_action (widget_class, "win.capture-start", NULL, capture_start_action);
  gtk_widget_class_install_action (widget_class, "win.capture-restart", NULL, capture_restart_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "win.capture-restart", NULL);
  /* One key for both, as in Wireshark: it starts or stops. */
  gtk_widget_class_install_action (widget_class, "win.capture-start-stop", NULL, capture_start_stop_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "win.capture-start-stop", NULL);
}

void
_remora_window_capture_init (RemoraWindow *self)
{
  g_autoptr(GAction) action = NULL;

  self->capture_settings = capture_settings_new ();
  if (self->capture_settings != NULL)
    action = g_settings_create_action (self->capture_settings, AUTO_SCROLL_KEY);
  else
    action = G_ACTION (g_simple_action_new_stateful (AUTO_SCROLL_KEY, NULL, g_variant_new_boolean (TRUE)));
  g_action_map_add_action (G_ACTION_MAP (self), action);
  g_signal_connect_object (action, "notify::state", G_CALLBACK (on_auto_scroll_state),
                           self, G_CONNECT_SWAPPED);

  g_signal_connect_object (packet_list_vadjustment (self), "changed",
                           G_CALLBACK (on_packet_list_grown), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (packet_list_vadjustment (self), "value-changed",
                           G_CALLBACK (on_packet_list_scrolled), self, G_CONNECT_SWAPPED);
}

void
_remora_window_capture_dispose (RemoraWindow *self)
{
  g_clear_handle_id (&self->auto_scroll_idle, g_source_remove);
  g_clear_pointer (&self->capture_request, remora_capture_request_free);
  g_clear_object (&self->capture_settings);
}
