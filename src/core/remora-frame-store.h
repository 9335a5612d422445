/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "remora-capture-reader.h"
#include "remora-growing-map.h"
#include "remora-packet.h"

G_BEGIN_DECLS

/* One packed record per frame: 24 bytes, never a GObject.  The bytes stay in
 * the mapped file, in a live capture's temporary file as it grows, or in the
 * store's chunked append-only arena for streams.  A million frames cost 24
 * MB here, so the location, flags and interface share one word; the rare
 * pcapng packet flags live beside, only where a file has them. */
#define REMORA_FRAME_OFFSET_BITS 40   /* 1 TiB of file or arena */

typedef struct {
  guint64 data_offset : REMORA_FRAME_OFFSET_BITS;  /* into the mapping, the growing file, or the arena (chunk << 24 | offset) */
  guint64 flags : 8;                               /* REMORA_FRAME_* */
  guint64 iface_id : 16;
  gint64  ts_ns;         /* nanoseconds since the Unix epoch */
  guint32 cap_len;
  guint32 orig_len;
} RemoraFrameRecord;

G_STATIC_ASSERT (sizeof (RemoraFrameRecord) == 24);

enum {
  REMORA_FRAME_IN_ARENA   = 1 << 0,   /* data_offset refers to the arena, not the map */
  REMORA_FRAME_MARKED     = 1 << 1,
  REMORA_FRAME_IGNORED    = 1 << 2,
  REMORA_FRAME_IN_FILE    = 1 << 3,   /* data_offset refers to the growing file */
};

typedef struct _RemoraFrameStore RemoraFrameStore;

RemoraFrameStore        *remora_frame_store_new             (void);
void                     remora_frame_store_free            (RemoraFrameStore *store);
/* Keeps a reference on MAP; records appended with REMORA_FRAME_IN_ARENA
 * unset point into it. */
/* What the dissection engine needs of frame NUMBER (1-based): its bytes,
 * lengths, time stamp and the interface it came in on. */
void                     remora_frame_store_get_frame_input (RemoraFrameStore *store,
                                                             guint             number,
                                                             RemoraFrameInput *input);
void                     remora_frame_store_set_mapped_file (RemoraFrameStore *store,
                                                             GMappedFile      *map);
/* Takes MAP: the file a live capture writes as it goes, which
 * remora_frame_store_append_in_file() records point into. */
void                     remora_frame_store_set_growing_map (RemoraFrameStore *store,
                                                             RemoraGrowingMap *map);
RemoraGrowingMap        *remora_frame_store_get_growing_map (RemoraFrameStore *store);
/* Appends a frame whose bytes are in the growing file at REC->data_offset
 * (REC->data is not read).  Returns 0, appending nothing, when that part
 * of the file cannot be mapped: append a copy instead. */
guint                    remora_frame_store_append_in_file  (RemoraFrameStore          *store,
                                                             const RemoraPacketRecord  *rec);
/* Appends a frame.  When the reader has a mapped file whose bytes hold
 * REC->data, the record points into it; otherwise the bytes are copied
 * into the arena.  Returns the new frame number (1-based). */
guint                    remora_frame_store_append          (RemoraFrameStore          *store,
                                                             const RemoraPacketRecord  *rec);
void                     remora_frame_store_add_interface   (RemoraFrameStore          *store,
                                                             const RemoraInterface     *iface);
guint                    remora_frame_store_get_n_frames    (RemoraFrameStore *store);
/* NUMBER is the 1-based frame number. */
const RemoraFrameRecord *remora_frame_store_get_record      (RemoraFrameStore *store,
                                                             guint             number);
/* Lets go of the resident pages of the mapped capture file that frames
 * FIRST..LAST lie in, for a pass that reads frames once in file order (a
 * display filter): the pages stay in the page cache and come back on the
 * next read, but do not count in the process's memory. */
void                     remora_frame_store_release_frames  (RemoraFrameStore *store,
                                                             guint             first,
                                                             guint             last);
/* A RemoraFrameSourceFunc over STORE (a session reading frames back):
 * NULL for a number the store does not hold. */
const guint8            *remora_frame_store_read_frame      (gpointer          store,
                                                             guint32           number,
                                                             guint32          *len);
const guint8            *remora_frame_store_get_data        (RemoraFrameStore *store,
                                                             guint             number);
/* The frame's pcapng epb_flags (direction, reception type), 0 for pcap. */
guint32                  remora_frame_store_get_packet_flags (RemoraFrameStore *store,
                                                              guint             number);
guint                    remora_frame_store_get_n_interfaces (RemoraFrameStore *store);
const RemoraInterface   *remora_frame_store_get_interface   (RemoraFrameStore *store,
                                                             guint             id);
/* Reads every packet of READER into the store.  On damage returns FALSE with
 * ERROR set and keeps every frame read before it. */
gboolean                 remora_frame_store_load            (RemoraFrameStore    *store,
                                                             RemoraCaptureReader *reader,
                                                             GError             **error);
gsize                    remora_frame_store_get_memory_size (RemoraFrameStore *store);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RemoraFrameStore, remora_frame_store_free)

G_END_DECLS
