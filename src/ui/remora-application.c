/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-application"

#include "config.h"

#include "remora-application.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <signal.h>

#include "remora-window.h"

/* A quit by signal waits this long at most for captures to end. */
#define SIGNAL_QUIT_WAIT_US (5 * G_USEC_PER_SEC)

struct _RemoraApplication
{
  GtkApplication parent_instance;

  /* The capture asked for on the command line (-i, -k, -f, -B), for the
   * next window that opens without a file. */
  GStrv          capture_interfaces;
  char          *capture_filter;
  int            capture_buffer_mib;  /* 0: as saved in Capture Options */
  gboolean       capture_start;

  guint          sigint_id;
  guint          sigterm_id;
  guint          signal_quit_id;
  gint64         signal_quit_deadline;
};

G_DEFINE_FINAL_TYPE (RemoraApplication, remora_application, GTK_TYPE_APPLICATION)

static void
remora_application_quit_action (GSimpleAction *action,
                                GVariant      *param,
                                gpointer       user_data)
{
  RemoraApplication *self = user_data;
  GList *windows;

  /* A window holding captured packets no file has asks first; it runs
   * Quit again once answered. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (REMORA_IS_WINDOW (l->data) && remora_window_confirm_quit (l->data))
      return;

  /* Destroying the windows lets each one cancel its load and drop its
   * document before the main loop ends. */
  while ((windows = gtk_application_get_windows (GTK_APPLICATION (self))) != NULL)
    gtk_window_destroy (windows->data);
}

static void
remora_application_about_action (GSimpleAction *action,
                                 GVariant      *param,
                                 gpointer       user_data)
{
  GtkApplication *app = user_data;

  gtk_show_about_dialog (gtk_application_get_active_window (app),
                         "program-name", _("Remora"),
                         "logo-icon-name", REMORA_APPLICATION_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Capture and browse network traffic, "
                                       "with Wireshark’s display filters and field names"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         NULL);
}

/* SIGINT or SIGTERM: every capture ends as Stop ends it (the helper
 * hands over what it still has and reports its counts), then the
 * application quits without questions, since nobody may be there to
 * answer them: unsaved packets go as with "Continue without Saving". */
static gboolean
remora_application_signal_quit_cb (gpointer user_data)
{
  RemoraApplication *self = user_data;
  gboolean capturing = FALSE;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (REMORA_IS_WINDOW (l->data) && remora_window_is_capturing (l->data))
      capturing = TRUE;
  if (capturing && g_get_monotonic_time () < self->signal_quit_deadline)
    return G_SOURCE_CONTINUE;

  self->signal_quit_id = 0;
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (REMORA_IS_WINDOW (l->data))
      remora_window_skip_quit_question (l->data);
  g_action_group_activate_action (G_ACTION_GROUP (self), "quit", NULL);
  return G_SOURCE_REMOVE;
}

static gboolean
remora_application_on_signal (gpointer user_data)
{
  RemoraApplication *self = user_data;

  if (self->signal_quit_id != 0)
    return G_SOURCE_CONTINUE;
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (REMORA_IS_WINDOW (l->data))
      {
        remora_window_skip_quit_question (l->data);
        remora_window_stop_capture (l->data);
      }
  self->signal_quit_deadline = g_get_monotonic_time () + SIGNAL_QUIT_WAIT_US;
  self->signal_quit_id = g_timeout_add (20, remora_application_signal_quit_cb, self);
  g_source_set_static_name (g_main_context_find_source_by_id (NULL, self->signal_quit_id),
                            "[remora] quit by signal");
  return G_SOURCE_CONTINUE;
}

static const GActionEntry app_actions[] = {
  { "quit", remora_application_quit_action },
  { "about", remora_application_about_action },
};

/* A window that shows nothing yet is reused for the next file, as a fresh
 * start then "Open" would do; otherwise each file gets its own window. */
static RemoraWindow *
remora_application_find_empty_window (RemoraApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (REMORA_IS_WINDOW (l->data) && remora_window_get_document (l->data) == NULL)
      return l->data;
  return NULL;
}

static void
remora_application_activate (GApplication *app)
{
  RemoraApplication *self = REMORA_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (remora_window_new (self));
  gtk_window_present (window);
  if (!self->capture_start && self->capture_interfaces != NULL)
    {
      /* -i alone: the interfaces are ticked on the start page, as
       * Wireshark selects them, for Start to use. */
      remora_window_select_interfaces (REMORA_WINDOW (window),
                                       (const char * const *) self->capture_interfaces);
      g_clear_pointer (&self->capture_interfaces, g_strfreev);
    }
  if (self->capture_start)
    {
      self->capture_start = FALSE;
      remora_window_start_capture_on (REMORA_WINDOW (window),
                                      (const char * const *) self->capture_interfaces,
                                      self->capture_filter,
                                      self->capture_buffer_mib);
    }
}

static const GOptionEntry remora_application_options[] = {
  { "interface", 'i', 0, G_OPTION_ARG_STRING_ARRAY, NULL,
    N_("Capture on INTERFACE (repeat for more): with -k at once, else ticked on the start page"), N_("INTERFACE") },
  { "start-capture", 'k', 0, G_OPTION_ARG_NONE, NULL,
    N_("Start capturing at once: on the -i interfaces, else on those chosen in Capture Options"), NULL },
  { "capture-filter", 'f', 0, G_OPTION_ARG_STRING, NULL,
    N_("Capture filter for every interface of the capture -k starts"), N_("FILTER") },
  { "buffer-size", 'B', 0, G_OPTION_ARG_INT, NULL,
    N_("Kernel buffer size in MiB for every interface of the capture -k starts"), N_("MIB") },
  { NULL }
};

/* Runs in the process started from the command line, which may hand
 * the activation to an instance already running: the options go with it
 * as platform data. */
static int
remora_application_handle_local_options (GApplication *app,
                                         GVariantDict *options)
{
  RemoraApplication *self = REMORA_APPLICATION (app);

  g_clear_pointer (&self->capture_interfaces, g_strfreev);
  g_clear_pointer (&self->capture_filter, g_free);
  g_variant_dict_lookup (options, "interface", "^as", &self->capture_interfaces);
  g_variant_dict_lookup (options, "capture-filter", "s", &self->capture_filter);
  self->capture_buffer_mib = 0;
  if (g_variant_dict_lookup (options, "buffer-size", "i", &self->capture_buffer_mib) &&
      (self->capture_buffer_mib < 1 || self->capture_buffer_mib > 4096))
    {
      g_printerr ("%s\n", _("remora: the buffer size (-B) must be 1 to 4096 MiB"));
      return 1;
    }
  self->capture_start = g_variant_dict_contains (options, "start-capture");
  if (!self->capture_start && (self->capture_filter != NULL || self->capture_buffer_mib != 0))
    g_printerr ("%s\n", _("remora: -f and -B take effect with -k (start capturing)"));
  return -1;
}

static void
remora_application_add_platform_data (GApplication    *app,
                                      GVariantBuilder *builder)
{
  RemoraApplication *self = REMORA_APPLICATION (app);

  G_APPLICATION_CLASS (remora_application_parent_class)->add_platform_data (app, builder);
  if (!self->capture_start)
    {
      if (self->capture_interfaces != NULL)
        g_variant_builder_add (builder, "{sv}", "remora-select-interfaces",
                               g_variant_new_strv ((const char * const *) self->capture_interfaces, -1));
      return;
    }
  g_variant_builder_add (builder, "{sv}", "remora-start-capture", g_variant_new_boolean (TRUE));
  if (self->capture_interfaces != NULL)
    g_variant_builder_add (builder, "{sv}", "remora-interfaces",
                           g_variant_new_strv ((const char * const *) self->capture_interfaces, -1));
  if (self->capture_filter != NULL)
    g_variant_builder_add (builder, "{sv}", "remora-capture-filter",
                           g_variant_new_string (self->capture_filter));
  if (self->capture_buffer_mib != 0)
    g_variant_builder_add (builder, "{sv}", "remora-capture-buffer",
                           g_variant_new_int32 (self->capture_buffer_mib));
}

static void
remora_application_before_emit (GApplication *app,
                                GVariant     *platform_data)
{
  RemoraApplication *self = REMORA_APPLICATION (app);
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (platform_data);

  G_APPLICATION_CLASS (remora_application_parent_class)->before_emit (app, platform_data);
  if (g_variant_dict_contains (&dict, "remora-select-interfaces"))
    {
      g_clear_pointer (&self->capture_interfaces, g_strfreev);
      g_variant_dict_lookup (&dict, "remora-select-interfaces", "^as", &self->capture_interfaces);
    }
  if (!g_variant_dict_contains (&dict, "remora-start-capture"))
    return;
  self->capture_start = TRUE;
  g_clear_pointer (&self->capture_interfaces, g_strfreev);
  g_clear_pointer (&self->capture_filter, g_free);
  g_variant_dict_lookup (&dict, "remora-interfaces", "^as", &self->capture_interfaces);
  g_variant_dict_lookup (&dict, "remora-capture-filter", "s", &self->capture_filter);
  self->capture_buffer_mib = 0;
  g_variant_dict_lookup (&dict, "remora-capture-buffer", "i", &self->capture_buffer_mib);
}

static void
remora_application_open (GApplication  *app,
                         GFile        **files,
                         int            n_files,
                         const char    *hint)
{
  RemoraApplication *self = REMORA_APPLICATION (app);

  for (int i = 0; i < n_files; i++)
    {
      RemoraWindow *window = remora_application_find_empty_window (self);

      if (window == NULL)
        window = remora_window_new (self);
      remora_window_open (window, files[i]);
      gtk_window_present (GTK_WINDOW (window));
    }
}

static void
remora_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  RemoraApplication *self = REMORA_APPLICATION (app);
  g_autoptr(GtkCssProvider) css = NULL;

  G_APPLICATION_CLASS (remora_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);

  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, "/org/remora/Remora/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  gtk_window_set_default_icon_name (REMORA_APPLICATION_ID);

  self->sigint_id = g_unix_signal_add (SIGINT, remora_application_on_signal, app);
  self->sigterm_id = g_unix_signal_add (SIGTERM, remora_application_on_signal, app);
}

static void
remora_application_shutdown (GApplication *app)
{
  RemoraApplication *self = REMORA_APPLICATION (app);

  g_clear_handle_id (&self->sigint_id, g_source_remove);
  g_clear_handle_id (&self->sigterm_id, g_source_remove);
  g_clear_handle_id (&self->signal_quit_id, g_source_remove);
  G_APPLICATION_CLASS (remora_application_parent_class)->shutdown (app);
}

static void
remora_application_finalize (GObject *object)
{
  RemoraApplication *self = REMORA_APPLICATION (object);

  g_clear_handle_id (&self->sigint_id, g_source_remove);
  g_clear_handle_id (&self->sigterm_id, g_source_remove);
  g_clear_handle_id (&self->signal_quit_id, g_source_remove);
  g_strfreev (self->capture_interfaces);
  g_free (self->capture_filter);
  G_OBJECT_CLASS (remora_application_parent_class)->finalize (object);
}

static void
remora_application_class_init (RemoraApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = remora_application_finalize;
  app_class->activate = remora_application_activate;
  app_class->open = remora_application_open;
  app_class->startup = remora_application_startup;
  app_class->shutdown = remora_application_shutdown;
  app_class->handle_local_options = remora_application_handle_local_options;
  app_class->add_platform_data = remora_application_add_platform_data;
  app_class->before_emit = remora_application_before_emit;
}

static void
remora_application_init (RemoraApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), remora_application_options);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[FILE…]"));
}

RemoraApplication *
remora_application_new (void)
{
  return g_object_new (REMORA_TYPE_APPLICATION,
                       "application-id", REMORA_APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/org/remora/Remora",
                       NULL);
}
