/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "remora-capture-reader.h"
#include "remora-packet.h"

G_BEGIN_DECLS

/* Follow TCP stream: the payload of one tcp.stream, per direction, in
 * stream order, the way tshark's `-z follow,tcp,...` collects it (first
 * pass, capture order).  Node 0 is the sender of the stream's first
 * segment seen, node 1 the other side.
 *
 * Two ways to feed it:
 *  - remora_follow_read (): a pass of its own over a capture reader;
 *  - remora_follow_add_packet () after each remora_session_dissect () of a
 *    pass the caller runs anyway (remora-cli): in fields mode, first OR
 *    remora_follow_want_fields () into the wanted table. */

typedef struct _RemoraFollow RemoraFollow;

typedef enum {
  REMORA_FOLLOW_ASCII,
  REMORA_FOLLOW_HEX,
} RemoraFollowFormat;

/* One chunk of payload as tshark lists it: new bytes of one segment (or of
 * an out-of-order segment once the gap before it filled), in the order
 * they joined their direction's stream.  A gap the peer acknowledged but
 * the capture lacks is a chunk with is_gap set whose data reads
 * "[N bytes missing in capture file]". */
typedef struct {
  guint         node;      /* 0 or 1 */
  guint32       frame;
  gboolean      is_gap;
  const guint8 *data;
  guint32       length;
} RemoraFollowChunk;

RemoraFollow *remora_follow_tcp_new        (guint32              stream_index);
void          remora_follow_free           (RemoraFollow        *follow);
/* Sets WANTED[id] for the fields remora_follow_add_packet () reads. */
void          remora_follow_want_fields    (guint8              *wanted);
/* Takes the segments of the followed stream from a dissected packet
 * (first pass only: visited packets are ignored). */
void          remora_follow_add_packet     (RemoraFollow        *follow,
                                            const RemoraPacket  *pkt);
/* Dissects every packet of READER in a session of its own. */
gboolean      remora_follow_read           (RemoraFollow        *follow,
                                            RemoraCaptureReader *reader,
                                            GError             **error);

guint                    remora_follow_get_n_chunks (RemoraFollow *follow);
const RemoraFollowChunk *remora_follow_get_chunk    (RemoraFollow *follow,
                                                     guint         index);
/* "10.0.2.15:44188" / "[2001:db8::1]:80", or NULL when nothing was seen. */
const char   *remora_follow_get_node       (RemoraFollow        *follow,
                                            guint                node);
/* The bytes of one direction in stream order, gaps included as their
 * marker chunks. */
GBytes       *remora_follow_dup_direction  (RemoraFollow        *follow,
                                            guint                node);

/* Appends tshark's `-q -z follow,tcp,ascii,N` / `follow,tcp,hex,N` block,
 * from the leading empty line to the closing "=====...". */
void          remora_follow_format         (RemoraFollow        *follow,
                                            RemoraFollowFormat   format,
                                            GString             *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RemoraFollow, remora_follow_free)

G_END_DECLS
