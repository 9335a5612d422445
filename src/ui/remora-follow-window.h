/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "remora-capture-document.h"
#include "remora-types.h"

G_BEGIN_DECLS

#define REMORA_TYPE_FOLLOW_WINDOW (remora_follow_window_get_type ())

G_DECLARE_FINAL_TYPE (RemoraFollowWindow, remora_follow_window, REMORA, FOLLOW_WINDOW, GtkWindow)

/* The Follow TCP Stream window for tcp.stream STREAM of DOCUMENT,
 * transient for PARENT (may be NULL).  The stream is collected on a
 * worker thread with a dissection session of its own; the window shows
 * progress meanwhile (property "loading").  Present it with
 * gtk_window_present ().
 *
 * Signal "filter-out" (const char *filter): the "Filter Out This Stream"
 * button, with `!(tcp.stream eq N)`; the window closes itself after it,
 * as Wireshark's does. */
RemoraFollowWindow    *remora_follow_window_new             (GtkWindow              *parent,
                                                             RemoraCaptureDocument  *document,
                                                             guint32                 stream);
guint32                remora_follow_window_get_stream      (RemoraFollowWindow     *self);
gboolean               remora_follow_window_get_loading     (RemoraFollowWindow     *self);
/* The text the view shows, in the current mode and direction (newly
 * allocated); "" while loading. */
char                  *remora_follow_window_dup_text        (RemoraFollowWindow     *self);
/* Writes what the view shows to FILE, replacing it only once the whole
 * text is written. */
gboolean               remora_follow_window_save            (RemoraFollowWindow     *self,
                                                             GFile                  *file,
                                                             GError                **error);

G_END_DECLS
