/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-ui-css"

#include "config.h"

#include "remora-ui-css.h"

void
remora_ui_ensure_css (GtkWidget  *widget,
                      const char *resource)
{
  GdkDisplay *display = gtk_widget_get_display (widget);
  g_autoptr(GtkCssProvider) css = NULL;

  /* The resource path itself marks the display as served. */
  if (display == NULL || g_object_get_data (G_OBJECT (display), resource) != NULL)
    return;

  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, resource);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_data_full (G_OBJECT (display), resource, g_object_ref (css), g_object_unref);
}
