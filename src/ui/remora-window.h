/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "remora-types.h"

G_BEGIN_DECLS

#define REMORA_TYPE_WINDOW (remora_window_get_type ())

G_DECLARE_FINAL_TYPE (RemoraWindow, remora_window, REMORA, WINDOW, GtkApplicationWindow)

RemoraWindow          *remora_window_new          (RemoraApplication *application);
/* Loads FILE in the background and shows it; replaces what was shown. */
void                   remora_window_open         (RemoraWindow      *self,
                                                   GFile             *file);
/* The capture shown (or being loaded), or NULL. */
RemoraCaptureDocument *remora_window_get_document (RemoraWindow      *self);
/* Before Quit: when the window holds captured packets no file holds,
 * asks whether to save them and returns TRUE (Quit runs again once the
 * question is answered that way); FALSE when the window may just go. */
gboolean               remora_window_confirm_quit (RemoraWindow      *self);

G_END_DECLS
