/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A measure of how responsive the main loop stays, for benchmarks.
 *
 * With REMORA_STALL_LOG=PATH in the environment, a G_PRIORITY_HIGH
 * timeout fires every 10 ms on the default main context and records how
 * late it runs: whatever held the loop up (a long handler, a slow layout,
 * a wait for a lock) shows as lateness.  PATH gets one line per event,
 *
 *   <ms since start> <event> <longest stall in ms since the previous event> <cpu>
 *
 * so every event also closes a phase; CPU is the milliseconds of CPU time
 * the main thread had during that stall (the rest of it, it waited: for a
 * lock, or for a busy machine to give it a core).  The application writes "start",
 * "loop-started" (the loop's first turn, after the first window was
 * built), "first-rows" (the first frame with packet rows drawn),
 * "indexed" (a file finished loading), "filter-started",
 * "filter-applied" (the list shows a display filter's result),
 * "capture-started" (the capture helper reports capturing on an
 * interface: once per interface), "capture-stopping" (Stop, Restart or
 * a quit asked the capture to end), "capture-stopped" (a live capture
 * ended and every packet it wrote is in the list; followed by
 * "packets=N dropped=D": the packets the window received and the drops
 * the helper's statistics last reported, kernel and interface together)
 * and "quit".  Every stall over 50 ms also gets its own line,
 *
 *   <ms> long-stall <its length in ms> <cpu>
 *
 * which closes no phase.
 * Building the first window happens before the loop turns and is not
 * counted as a stall; "loop-started" shows how long it took.  Without the
 * variable nothing is started and every call returns at
 * once. */

/* Reads the environment; call once, before the main loop runs. */
void     remora_stall_meter_start     (void);
/* Writes EVENT (a word: "first-rows", "indexed", "filter-applied"). */
void     remora_stall_meter_mark      (const char *event);
/* The same, with printf-style FORMAT's words after the line's numbers
 * (key=value pairs, so that readers of the four columns are unaffected). */
void     remora_stall_meter_mark_detail (const char *event,
                                         const char *format,
                                         ...) G_GNUC_PRINTF (2, 3);
/* The same, but only the first time EVENT is marked. */
void     remora_stall_meter_mark_once (const char *event);
/* Marks EVENT once, after WIDGET's window has drawn its next frame. */
void     remora_stall_meter_mark_once_drawn (GtkWidget  *widget,
                                             const char *event);
/* Writes the pending phase and closes the file. */
void     remora_stall_meter_stop      (void);

G_END_DECLS
