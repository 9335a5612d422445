/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "remora-capture-session.h"

G_BEGIN_DECLS

/* Parses one status line of the capture helper (its standard error, without
 * the newline) into EVENT.  The strings of EVENT point into COPY, which is
 * changed; lines that are not the helper's own are
 * REMORA_CAPTURE_EVENT_OTHER with TEXT the whole line.  Exposed for the
 * fuzz target. */
void _remora_capture_parse_status_line (char               *copy,
                                        RemoraCaptureEvent *event);

G_END_DECLS
