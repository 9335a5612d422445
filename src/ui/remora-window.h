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
/* Makes the next Quit or close go without asking about unsaved packets
 * (a quit by signal: nobody is there to answer). */
void                   remora_window_skip_quit_question (RemoraWindow *self);

/* Captures on NAMES (NULL or empty: the interfaces ticked in Capture
 * Options) with the settings saved in Capture Options, as Start does;
 * FILTER, unless NULL, is every interface's capture filter, BUFFER_MIB,
 * unless 0, its kernel buffer size. */
void                   remora_window_start_capture_on (RemoraWindow       *self,
                                                       const char * const *names,
                                                       const char         *filter,
                                                       guint               buffer_mib);
/* Ticks NAMES on the start page's interface list (remora -i without -k). */
void                   remora_window_select_interfaces (RemoraWindow       *self,
                                                        const char * const *names);
gboolean               remora_window_is_capturing (RemoraWindow      *self);
/* Asks the running capture, if any, to stop; it ends a moment later. */
void                   remora_window_stop_capture (RemoraWindow      *self);

G_END_DECLS
