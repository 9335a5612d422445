/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "remora-cli-options.h"

G_BEGIN_DECLS

/* Live capture for remora-cli goes through the helper remora-capture
 * (RemoraCaptureSession in the core, shared with the application),
 * found as $REMORA_CAPTURE, beside remora-cli in the build tree
 * (../capture/remora-capture), beside remora-cli, or in libexecdir.
 * The helper's pcapng arrives on a pipe; its stderr lines ("remora-capture:
 * stats|error|capturing|packets ...") are read by a thread and turned into
 * tshark's messages. */

typedef struct _RemoraCliCapture RemoraCliCapture;

char                *remora_cli_capture_find_helper   (void);

/* -D: the helper's list, as tshark -D prints it.  Returns the exit status. */
int                  remora_cli_capture_list          (void);

/* -w with a live source: the helper writes the file (and any ring buffer)
 * itself, as dumpcap does for tshark.  Returns the exit status. */
int                  remora_cli_capture_run_to_file   (RemoraCliOptions  *options);

/* Starts the helper writing pcapng to a pipe; NULL (message printed,
 * *STATUS set) when it cannot be started. */
RemoraCliCapture    *remora_cli_capture_start         (RemoraCliOptions  *options,
                                                       int               *status);
/* Reads the stream's header (blocks until the helper has opened its
 * interfaces).  NULL when the helper failed: its reason is printed by
 * remora_cli_capture_finish(), ERROR is only for the rest. */
RemoraCaptureReader *remora_cli_capture_open_reader   (RemoraCliCapture  *capture,
                                                       GError           **error);
/* Asks the helper to stop (when remora-cli stops reading before the end:
 * -c reached, damage, an output error). */
void                 remora_cli_capture_stop          (RemoraCliCapture  *capture);
/* Waits for the helper (call after closing the reader), prints what
 * happened, "N packets captured" and drops, frees CAPTURE and returns the
 * exit status to use (STATUS unless the capture failed).  N_CAPTURED
 * G_MAXUINT64 takes the helper's own count. */
int                  remora_cli_capture_finish        (RemoraCliCapture  *capture,
                                                       guint64            n_captured,
                                                       int                status);

G_END_DECLS
