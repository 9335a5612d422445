/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define REMORA_TYPE_PREFERENCES_WINDOW (remora_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (RemoraPreferencesWindow, remora_preferences_window, REMORA, PREFERENCES_WINDOW, GtkWindow)

/* Edit > Preferences: pages of the org.remora.Remora keys a person sets
 * (Appearance: font, colours, time format; Protocols: reassembly), each
 * control bound to its key in SETTINGS, so a change takes effect at once
 * and whoever watches the key (the main windows) follows.  Transient for
 * PARENT (may be NULL). */
GtkWindow *remora_preferences_window_new (GtkWindow *parent,
                                          GSettings *settings);

G_END_DECLS
