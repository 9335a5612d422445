/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "remora-capture-reader.h"
#include "remora-capture-request.h"

G_BEGIN_DECLS

/* One run of the capture helper remora-capture, shared by remora-cli and
 * the application.  The helper is found as $REMORA_CAPTURE, beside the
 * running program in the build tree (../capture/remora-capture), beside
 * it, or in libexecdir.  Its standard error carries the status lines of
 * src/capture/README.md; they are parsed on a thread of their own.
 *
 * Two ways to use it:
 * - remora-cli: remora_capture_session_spawn(), then read the pcapng
 *   itself from remora_capture_session_steal_stdout_fd() (blocking), and
 *   remora_capture_session_wait().  Status lines reach it through the
 *   thread event function as they come.
 * - the application: remora_capture_session_start().  A worker thread
 *   reads the pcapng; packets come to the main context (the thread-default
 *   one at start) in batches, at most one "packets" emission per ~16 ms,
 *   with "event" for each status line and "finished" once the helper is
 *   gone and every packet it wrote has been handed over. */

typedef enum {
  REMORA_CAPTURE_EVENT_CAPTURING,   /* iface */
  REMORA_CAPTURE_EVENT_WARNING,     /* iface, text */
  REMORA_CAPTURE_EVENT_FILE,        /* text: the new ring buffer file */
  REMORA_CAPTURE_EVENT_STATS,       /* iface, received, dropped, if_dropped */
  REMORA_CAPTURE_EVENT_PACKETS,     /* received: packets written, at the end */
  REMORA_CAPTURE_EVENT_ERROR,       /* kind, text */
  REMORA_CAPTURE_EVENT_OTHER,       /* text: a line that is not the helper's own */
} RemoraCaptureEventKind;

typedef struct {
  RemoraCaptureEventKind  kind;
  const char             *iface;
  const char             *kind_name;  /* ERROR: usage, filter, permission, interface, output, privileges */
  const char             *text;
  guint64                 received;
  guint64                 dropped;
  guint64                 if_dropped;
} RemoraCaptureEvent;

/* Packets handed to the main thread: DATA pointers stay valid during the
 * "packets" emission only. */
typedef struct {
  const RemoraPacketRecord *records;
  guint                     n_records;
  guint64                   first_index;    /* packets delivered before this batch */
  /* With a stream file: how many of its bytes are written.  A record
   * whose data_offset + cap_len is within them has its bytes there (at
   * data_offset, counted from the start of the file); 0 without one. */
  guint64                   file_bytes;
} RemoraCaptureBatch;

#define REMORA_CAPTURE_SESSION_ERROR (remora_capture_session_error_quark ())
typedef enum {
  REMORA_CAPTURE_SESSION_ERROR_SPAWN,        /* the helper could not be run (missing) */
  REMORA_CAPTURE_SESSION_ERROR_DENIED,       /* not allowed to run the helper (group) */
  REMORA_CAPTURE_SESSION_ERROR_PERMISSION,   /* the helper lacks capture rights */
  REMORA_CAPTURE_SESSION_ERROR_USAGE,
  REMORA_CAPTURE_SESSION_ERROR_FILTER,
  REMORA_CAPTURE_SESSION_ERROR_INTERFACE,
  REMORA_CAPTURE_SESSION_ERROR_OUTPUT,
  REMORA_CAPTURE_SESSION_ERROR_PRIVILEGES,
  REMORA_CAPTURE_SESSION_ERROR_KILLED,       /* the helper died of a signal */
  REMORA_CAPTURE_SESSION_ERROR_FAILED,       /* it exited non-zero without saying why */
  REMORA_CAPTURE_SESSION_ERROR_STREAM,       /* its pcapng could not be read */
} RemoraCaptureSessionError;

GQuark remora_capture_session_error_quark (void);

typedef void (*RemoraCaptureEventFunc) (const RemoraCaptureEvent *event,
                                        gpointer                  user_data);

#define REMORA_TYPE_CAPTURE_SESSION (remora_capture_session_get_type ())
G_DECLARE_FINAL_TYPE (RemoraCaptureSession, remora_capture_session, REMORA, CAPTURE_SESSION, GObject)

char                 *remora_capture_find_helper              (void);
/* The commands that give the helper at HELPER its capabilities and put
 * the current user in its group (README, "Capturing without root"). */
char                 *remora_capture_fix_commands             (const char           *helper);
char                 *remora_capture_join_group_commands      (const char           *helper);

/* ARGS: the helper's arguments, without the program. */
RemoraCaptureSession *remora_capture_session_new              (const char * const   *args);
RemoraCaptureSession *remora_capture_session_new_for_request  (const RemoraCaptureRequest *request);
const char           *remora_capture_session_get_helper       (RemoraCaptureSession *self);
const char * const   *remora_capture_session_get_args         (RemoraCaptureSession *self);

/* Called on the status thread for each line, before any main-context
 * "event" emission.  Set before spawning. */
void                  remora_capture_session_set_thread_event_func (RemoraCaptureSession  *self,
                                                                    RemoraCaptureEventFunc func,
                                                                    gpointer               user_data);

/* ---- the CLI's synchronous use ---- */
/* PIPE_STDOUT: the helper's stdout is a pipe for the caller, else the
 * caller's own stdout.  On failure ERROR is SPAWN or DENIED. */
gboolean              remora_capture_session_spawn            (RemoraCaptureSession  *self,
                                                               gboolean               pipe_stdout,
                                                               GError               **error);
int                   remora_capture_session_steal_stdout_fd  (RemoraCaptureSession  *self);
/* Waits for the helper and the status thread; returns the wait status. */
int                   remora_capture_session_wait             (RemoraCaptureSession  *self);

/* ---- the application's asynchronous use ---- */
/* Every byte of the helper's pcapng is written to FD as it is read, before
 * its packets are handed over, so nothing received is lost if the program
 * dies.  The session owns FD; each run appends at its current position.
 * Set before starting. */
void                  remora_capture_session_set_stream_file  (RemoraCaptureSession  *self,
                                                               int                    fd);
/* Why writing the stream file failed (NULL while it has not): later
 * batches' bytes are then only in memory. */
const GError         *remora_capture_session_get_stream_file_error (RemoraCaptureSession *self);
gboolean              remora_capture_session_start            (RemoraCaptureSession  *self,
                                                               GError               **error);
/* Asks the helper to stop (SIGINT): it flushes what it has and exits,
 * and "finished" follows. */
void                  remora_capture_session_stop             (RemoraCaptureSession  *self);
/* Stops, and once finished starts again with the same arguments
 * ("finished", then "started"); starts at once when not running. */
void                  remora_capture_session_restart          (RemoraCaptureSession  *self);
gboolean              remora_capture_session_is_running       (RemoraCaptureSession  *self);

/* ---- state, read on the main thread (or after wait) ---- */
GPid                  remora_capture_session_get_pid          (RemoraCaptureSession  *self);
/* Interfaces of the pcapng stream (its IDBs), known after "interfaces". */
guint                 remora_capture_session_get_n_interfaces (RemoraCaptureSession  *self);
const RemoraInterface *remora_capture_session_get_interface   (RemoraCaptureSession  *self,
                                                               guint                  id);
guint64               remora_capture_session_get_n_packets    (RemoraCaptureSession  *self);
/* Error lines "KIND MESSAGE" the helper printed, in order. */
const char * const   *remora_capture_session_get_errors       (RemoraCaptureSession  *self);
/* The latest "stats" line of interface I (FALSE past the last). */
gboolean              remora_capture_session_get_stats        (RemoraCaptureSession  *self,
                                                               guint                  i,
                                                               const char           **iface,
                                                               guint64               *received,
                                                               guint64               *dropped,
                                                               guint64               *if_dropped);
/* The helper's final "packets N", if it printed one. */
gboolean              remora_capture_session_get_helper_packets (RemoraCaptureSession *self,
                                                                 guint64              *packets);
/* Why the capture ended badly, once finished (NULL when it ended well):
 * a message for the user, with the commands that fix missing rights. */
GError               *remora_capture_session_dup_failure      (RemoraCaptureSession  *self);

G_END_DECLS
