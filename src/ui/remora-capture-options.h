/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "remora-capture-request.h"

G_BEGIN_DECLS

/* Capture Options (Ctrl+K): which interfaces to capture on and how
 * (promiscuous mode, snapshot length, buffer, capture filter checked as
 * typed), when to stop, where to write.  Settings persist in GSettings
 * (org.remora.Remora capture-*) where the schema has a key for them, and
 * for the life of the process otherwise.  Start emits "start-capture"
 * with a RemoraCaptureRequest; the dialog stays open for the caller to
 * close. */

#define REMORA_TYPE_CAPTURE_OPTIONS (remora_capture_options_get_type ())
G_DECLARE_FINAL_TYPE (RemoraCaptureOptions, remora_capture_options, REMORA, CAPTURE_OPTIONS, GtkWindow)

RemoraCaptureOptions *remora_capture_options_new                (GtkWindow            *parent);
/* Ticks the Capture column for NAMES (e.g. the chooser's selection) and
 * unticks the others. */
void                  remora_capture_options_set_capture_names  (RemoraCaptureOptions *self,
                                                                 const char * const   *names);
/* The request for the interfaces ticked now. */
RemoraCaptureRequest *remora_capture_options_dup_request        (RemoraCaptureOptions *self);
/* A request built from the saved settings, without the dialog: for NAMES,
 * or (NULL) for the interfaces ticked last; NULL when there are none. */
RemoraCaptureRequest *remora_capture_options_dup_saved_request  (const char * const   *names);
/* Whether FILTER compiles for LINK_TYPE (LINKTYPE_*, -1 unknown); on
 * failure *MESSAGE gets libpcap's reason. */
gboolean              remora_capture_filter_check               (const char           *filter,
                                                                 int                   link_type,
                                                                 char                **message);

G_END_DECLS
