/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "remora-capture-document.h"
#include "remora-display-index.h"

G_BEGIN_DECLS

/* A display filter over a capture that is still growing: the frames
 * captured so far are gone through on the main thread in short slices
 * (the store grows under any worker's feet while packets arrive), and
 * from then on every batch the document appends is matched as it comes,
 * in fields mode, with one "changed" per batch that let frames through.
 *
 * "progress" (double fraction) while catching up; "changed" (gboolean:
 * TRUE when the catching up is over, FALSE when a batch's frames passed). */
#define REMORA_TYPE_LIVE_FILTER (remora_live_filter_get_type ())

G_DECLARE_FINAL_TYPE (RemoraLiveFilter, remora_live_filter, REMORA, LIVE_FILTER, GObject)

/* NULL with G_IO_ERROR_INVALID_ARGUMENT (the compiler's message) when
 * TEXT does not compile. */
RemoraLiveFilter   *remora_live_filter_new            (RemoraCaptureDocument *document,
                                                       const char            *text,
                                                       GError               **error);
const char         *remora_live_filter_get_text       (RemoraLiveFilter      *self);
/* Whether every frame of the document has been matched. */
gboolean            remora_live_filter_get_caught_up  (RemoraLiveFilter      *self);
/* The frames that passed, of those matched so far (a new reference). */
RemoraDisplayIndex *remora_live_filter_ref_index      (RemoraLiveFilter      *self);

G_END_DECLS
