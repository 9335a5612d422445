/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-preferences"

#include "config.h"

#include "remora-preferences-window.h"


/* The keys are the single source of truth: every control is bound with
 * g_settings_bind and the window keeps no state of its own. */

struct _RemoraPreferencesWindow
{
  GtkWindow       parent_instance;

  GSettings      *settings;

  /* template widgets */
  GtkFontButton  *font_button;
  GtkSwitch      *colorize_switch;
  GtkDropDown    *time_format_dropdown;
  GtkSwitch      *tcp_desegment_switch;
  GtkSwitch      *http_desegment_switch;
};

G_DEFINE_FINAL_TYPE (RemoraPreferencesWindow, remora_preferences_window, GTK_TYPE_WINDOW)

/* The drop-down's rows, in the View menu's order (the .ui lists the same
 * labels). */
static const char * const time_format_nicks[] = {
  "absolute-with-date",
  "absolute-with-day-of-year",
  "absolute",
  "epoch",
  "relative",
  "delta",
  "delta-displayed",
  "utc",
  "utc-time-of-day",
};

static gboolean
time_format_get_mapping (GValue   *value,
                         GVariant *variant,
                         gpointer  user_data)
{
  const char *nick = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (time_format_nicks); i++)
    if (g_str_equal (nick, time_format_nicks[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
time_format_set_mapping (const GValue       *value,
                         const GVariantType *expected_type,
                         gpointer            user_data)
{
  guint i = g_value_get_uint (value);

  if (i >= G_N_ELEMENTS (time_format_nicks))
    return NULL;
  return g_variant_new_string (time_format_nicks[i]);
}

GtkWindow *
remora_preferences_window_new (GtkWindow *parent,
                               GSettings *settings)
{
  RemoraPreferencesWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (REMORA_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       NULL);
  self->settings = g_object_ref (settings);

  g_settings_bind (settings, "font", self->font_button, "font", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "colorize-packets", self->colorize_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (settings, "time-format", self->time_format_dropdown, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                time_format_get_mapping, time_format_set_mapping, NULL, NULL);
  g_settings_bind (settings, "tcp-desegment", self->tcp_desegment_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "http-desegment", self->http_desegment_switch, "active", G_SETTINGS_BIND_DEFAULT);
  /* HTTP reassembles over what TCP reassembled: without it there is
   * nothing to choose. */
  g_object_bind_property (self->tcp_desegment_switch, "active",
                          self->http_desegment_switch, "sensitive",
                          G_BINDING_SYNC_CREATE);

  return GTK_WINDOW (self);
}

static void
remora_preferences_window_dispose (GObject *object)
{
  RemoraPreferencesWindow *self = REMORA_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), REMORA_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (remora_preferences_window_parent_class)->dispose (object);
}

static void
remora_preferences_window_class_init (RemoraPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = remora_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/remora/Remora/remora-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RemoraPreferencesWindow, font_button);
  gtk_widget_class_bind_template_child (widget_class, RemoraPreferencesWindow, colorize_switch);
  gtk_widget_class_bind_template_child (widget_class, RemoraPreferencesWindow, time_format_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RemoraPreferencesWindow, tcp_desegment_switch);
  gtk_widget_class_bind_template_child (widget_class, RemoraPreferencesWindow, http_desegment_switch);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
remora_preferences_window_init (RemoraPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
