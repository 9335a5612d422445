/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by the libFuzzer targets: one-time set-up, and walking a dissected
 * packet the way a front end would (labels, columns), so that formatting
 * code runs over whatever the dissectors recorded. */

#include <glib.h>
#include <stddef.h>
#include <stdint.h>

#include "remora-dissect.h"
#include "remora-capture-reader.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);
int LLVMFuzzerInitialize (int *argc, char ***argv);

/* Link types the frame dissector is reached with; the dissect target picks
 * one from its first input byte, so the order is part of the seed format
 * (fuzz-seeds.c writes the index). */
extern const int fuzz_link_types[];
extern const guint fuzz_n_link_types;

void     fuzz_init           (void);
/* Formats every label, the columns and the addresses of PKT into a
 * scratch string; returns its length so the work cannot be optimised out. */
gsize    fuzz_walk_packet    (const RemoraPacket *pkt);
/* A file descriptor reading back DATA: a sealed memfd (regular file, so
 * the reader maps it) or, when AS_PIPE, a pipe already holding all of DATA
 * and closed for writing (-1 when DATA does not fit in a pipe). */
int      fuzz_fd_from_bytes  (const uint8_t *data,
                              size_t         size,
                              gboolean       as_pipe);
