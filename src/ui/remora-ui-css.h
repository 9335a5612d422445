/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Adds the stylesheet at RESOURCE (a path in the application's GResource)
 * to WIDGET's display, once per display: a widget's colours travel with
 * it, so it looks right in any window and in tests that show it alone. */
void remora_ui_ensure_css (GtkWidget  *widget,
                           const char *resource);

G_END_DECLS
