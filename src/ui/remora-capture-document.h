/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "remora-display-index.h"
#include "remora-packet.h"
#include "remora-types.h"

G_BEGIN_DECLS

/* The row texts of one frame, immutable once made and shared by reference
 * between the document's cache and the rows on screen. */
RemoraPacketSummary *remora_packet_summary_ref      (RemoraPacketSummary *summary);
void                 remora_packet_summary_unref    (RemoraPacketSummary *summary);
guint                remora_packet_summary_get_number (const RemoraPacketSummary *summary);
const char          *remora_packet_summary_get_text (const RemoraPacketSummary *summary,
                                                     RemoraColumn               column);
/* The index of the first of Wireshark's default coloring rules
 * (remora-coloring-rules.h) the frame matches, or -1. */
int                  remora_packet_summary_get_color_rule (const RemoraPacketSummary *summary);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RemoraPacketSummary, remora_packet_summary_unref)

/* One frame dissected in tree mode: every node with its label, and the
 * data sources (the frame, reassembled or decompressed buffers) the nodes'
 * offsets refer to.  Immutable; it keeps its document alive, and with it
 * the bytes and session state the packet points into. */
#define REMORA_TYPE_PACKET_SNAPSHOT (remora_packet_snapshot_get_type ())

GType                  remora_packet_snapshot_get_type     (void) G_GNUC_CONST;
RemoraPacketSnapshot  *remora_packet_snapshot_ref          (RemoraPacketSnapshot       *snapshot);
void                   remora_packet_snapshot_unref        (RemoraPacketSnapshot       *snapshot);
guint                  remora_packet_snapshot_get_number   (const RemoraPacketSnapshot *snapshot);
const RemoraPacket    *remora_packet_snapshot_get_packet   (const RemoraPacketSnapshot *snapshot);
RemoraCaptureDocument *remora_packet_snapshot_get_document (const RemoraPacketSnapshot *snapshot);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RemoraPacketSnapshot, remora_packet_snapshot_unref)

#define REMORA_TYPE_CAPTURE_DOCUMENT (remora_capture_document_get_type ())

G_DECLARE_FINAL_TYPE (RemoraCaptureDocument, remora_capture_document, REMORA, CAPTURE_DOCUMENT, GObject)

RemoraCaptureDocument *remora_capture_document_new              (GFile                  *file);
/* A document that live capture fills: no file (get_file is NULL), never
 * loading; frames come through append_packets until end_live. */
RemoraCaptureDocument *remora_capture_document_new_live         (const char             *display_name);
gboolean               remora_capture_document_get_live         (RemoraCaptureDocument  *self);
void                   remora_capture_document_add_interface    (RemoraCaptureDocument  *self,
                                                                 const RemoraInterface  *iface);
guint                  remora_capture_document_get_n_interfaces (RemoraCaptureDocument  *self);
/* Copies the records' bytes, runs their first pass in order (fields
 * mode, under the session lock) and notifies n-frames once. */
void                   remora_capture_document_append_packets   (RemoraCaptureDocument  *self,
                                                                 const RemoraPacketRecord *records,
                                                                 guint                   n_records);
/* Creates the live capture's temporary file, remora_NAME_XXXXXX.pcapng
 * in g_get_tmp_dir () (NAME: the interfaces, made safe for a file name),
 * and returns a descriptor to write the helper's pcapng into (the caller
 * owns it), or -1 with ERROR.  Frames appended with append_batch then
 * keep only a record in memory and read their bytes from that file.  The
 * file goes with the document (on a crash it stays, with every packet). */
int                    remora_capture_document_open_temp_file   (RemoraCaptureDocument  *self,
                                                                 const char             *name,
                                                                 GError                **error);
/* The temporary file of a live capture (also after it ended), or NULL. */
GFile                 *remora_capture_document_get_temp_file    (RemoraCaptureDocument  *self);
/* As append_packets; records whose bytes lie within the first FILE_BYTES
 * bytes of the temporary file (RemoraCaptureBatch.file_bytes) are read
 * from there at their data_offset, the others are copied. */
void                   remora_capture_document_append_batch     (RemoraCaptureDocument  *self,
                                                                 const RemoraPacketRecord *records,
                                                                 guint                   n_records,
                                                                 guint64                 file_bytes);
/* The capture is over: the frames are final and may be filtered. */
void                   remora_capture_document_end_live         (RemoraCaptureDocument  *self);
GFile                 *remora_capture_document_get_file         (RemoraCaptureDocument  *self);
/* The file's name as shown to a person (UTF-8). */
const char            *remora_capture_document_get_display_name (RemoraCaptureDocument  *self);
gboolean               remora_capture_document_get_loading      (RemoraCaptureDocument  *self);
/* The frames read and first-passed so far: while a file loads this grows
 * in batches (one n-frames notification each, at most about ten a
 * second), and every frame up to it can be summarised and dissected. */
guint                  remora_capture_document_get_n_frames     (RemoraCaptureDocument  *self);
/* How much of the file a load has read, in [0, 1]; -1 when that cannot be
 * known (compressed files, pipes).  1 once the load is over. */
double                 remora_capture_document_get_load_fraction (RemoraCaptureDocument *self);
/* Reads the file and runs the first dissection pass on a worker thread,
 * handing the frames to the document batch by batch as they are ready.
 * Can be called once.  On damage the finish call fails with the reader's
 * error, and on a cancel with G_IO_ERROR_CANCELLED, but either way the
 * frames read before stay in the document. */
void                   remora_capture_document_load_async       (RemoraCaptureDocument  *self,
                                                                 GCancellable           *cancellable,
                                                                 GAsyncReadyCallback     callback,
                                                                 gpointer                user_data);
gboolean               remora_capture_document_load_finish      (RemoraCaptureDocument  *self,
                                                                 GAsyncResult           *result,
                                                                 GError                **error);
/* The column texts of frame NUMBER (1-based), dissected on demand on the
 * calling (main) thread and cached. */
RemoraPacketSummary   *remora_capture_document_ref_summary      (RemoraCaptureDocument  *self,
                                                                 guint                   number);
/* Frame NUMBER (1-based) dissected again in tree mode, on the calling
 * (main) thread: cheap for one frame, so it is done on selection.
 * PREV_DISPLAYED is the frame the list shows just before it (0: none),
 * for frame.time_delta_displayed. */
RemoraPacketSnapshot  *remora_capture_document_dissect_frame    (RemoraCaptureDocument  *self,
                                                                 guint                   number,
                                                                 guint                   prev_displayed);
/* What a display filter runs over: the loaded frames, the session and
 * the lock that guards it.  Valid while the document lives; call it
 * after the load has finished (the store still grows before). */
void                   remora_capture_document_get_display_source (RemoraCaptureDocument *self,
                                                                   RemoraDisplaySource   *out);

/* TRUE while the document holds captured packets that no file holds
 * (a live capture until it is saved); notifies "unsaved". */
gboolean               remora_capture_document_get_unsaved      (RemoraCaptureDocument  *self);
/* Writes the frames to FILE in FORMAT on a worker thread, through a
 * temporary file that replaces FILE only once complete (so FILE may be
 * the one the document reads).  ONLY, when not NULL, picks the frames
 * (an export; the document is unchanged); with NULL every frame is
 * written and the document then refers to FILE and is no longer unsaved.
 * Call it once the load or the capture has finished. */
void                   remora_capture_document_save_async       (RemoraCaptureDocument  *self,
                                                                 GFile                  *file,
                                                                 RemoraFileFormat        format,
                                                                 const RemoraDisplayIndex *only,
                                                                 GCancellable           *cancellable,
                                                                 GAsyncReadyCallback     callback,
                                                                 gpointer                user_data);
gboolean               remora_capture_document_save_finish      (RemoraCaptureDocument  *self,
                                                                 GAsyncResult           *result,
                                                                 GError                **error);

G_END_DECLS
