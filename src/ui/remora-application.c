/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-application"

#include "config.h"

#include "remora-application.h"

#include <glib/gi18n.h>

#include "remora-window.h"

struct _RemoraApplication
{
  GtkApplication parent_instance;
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
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (remora_window_new (REMORA_APPLICATION (app)));
  gtk_window_present (window);
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
}

static void
remora_application_class_init (RemoraApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = remora_application_activate;
  app_class->open = remora_application_open;
  app_class->startup = remora_application_startup;
}

static void
remora_application_init (RemoraApplication *self)
{
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
