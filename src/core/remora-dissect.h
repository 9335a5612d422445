/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "remora-field.h"
#include "remora-packet.h"
#include "remora-tvb.h"

G_BEGIN_DECLS

/* A dissector: returns the bytes it consumed, or 0 for "not mine" (so a
 * table lookup can fall back to the next candidate or to data). */
typedef int (*RemoraDissectFunc) (const RemoraTvb *tvb,
                                  RemoraPacket    *pkt,
                                  RemoraItem       tree,
                                  void            *data);

typedef struct _RemoraDissector RemoraDissector;

/* PROTO is the protocol whose filter name is pushed onto the packet's layer
 * list (frame.protocols) when the dissector is called; -1 pushes nothing. */
RemoraDissector *remora_dissector_register   (const char        *name,
                                              int                proto,
                                              RemoraDissectFunc  func);
RemoraDissector *remora_dissector_find       (const char        *name);
int              remora_dissector_get_proto  (const RemoraDissector *dissector);

/* Calls DISSECTOR on TVB.  Exceptions pass through to the nearest guard. */
int              remora_call_dissector       (RemoraDissector   *dissector,
                                              const RemoraTvb   *tvb,
                                              RemoraPacket      *pkt,
                                              RemoraItem         tree,
                                              void              *data);
/* The same, but a bounds exception inside is caught here and shown under
 * TREE as Wireshark shows it ("[Malformed Packet: IPv4]" / "[Packet size
 * limited during capture: IPv4 truncated]", plus the Info column note).
 * The frame guards the link layer; TCP and UDP guard their payload. */
int              remora_call_dissector_guarded (RemoraDissector *dissector,
                                                const RemoraTvb *tvb,
                                                RemoraPacket    *pkt,
                                                RemoraItem       tree,
                                                void            *data);
/* Hands TVB to the `data` dissector (payload nobody claims). */
int              remora_call_data            (const RemoraTvb   *tvb,
                                              RemoraPacket      *pkt,
                                              RemoraItem         tree);

/* ---- handoff tables: "ethertype", "ip.proto", "tcp.port", "udp.port", "link_type", ... ---- */

void             remora_table_register       (const char        *table);
void             remora_table_add_uint       (const char        *table,
                                              guint32            key,
                                              RemoraDissector   *dissector);
RemoraDissector *remora_table_lookup_uint    (const char        *table,
                                              guint32            key);
/* Calls the dissector registered for KEY; returns its result, or 0 (without
 * calling anything) when KEY has none or it declined. */
int              remora_table_try_uint       (const char        *table,
                                              guint32            key,
                                              const RemoraTvb   *tvb,
                                              RemoraPacket      *pkt,
                                              RemoraItem         tree,
                                              void              *data);

/* ---- heuristic lists: "tcp", "udp" ----
 * Dissectors that recognise their protocol by content (TLS on an unusual
 * port, HTTP on any port) are tried in registration order when no port
 * claimed the payload; each returns 0 to decline.  Each call is guarded,
 * like a payload dissector's. */
void             remora_heur_register        (const char        *list);
void             remora_heur_add             (const char        *list,
                                              RemoraDissector   *dissector);
int              remora_heur_try             (const char        *list,
                                              const RemoraTvb   *tvb,
                                              RemoraPacket      *pkt,
                                              RemoraItem         tree,
                                              void              *data);

/* ---- preferences (`-o name:value`) ---- */

void             remora_pref_register_bool   (const char  *name,
                                              gboolean    *var,
                                              const char  *description);
void             remora_pref_register_uint   (const char  *name,
                                              guint       *var,
                                              const char  *description);
gboolean         remora_pref_set             (const char  *name,
                                              const char  *value,
                                              GError     **error);

/* ---- the dissection session: state across the frames of one capture ---- */

RemoraSession   *remora_session_new          (void);
void             remora_session_free         (RemoraSession *session);
/* Dissects one frame into PKT (reset first).  Frames seen for the first
 * time must come in order; dissecting an earlier frame again (the GUI's
 * tree mode) reuses the state the first pass saved. */
void             remora_session_dissect      (RemoraSession          *session,
                                              RemoraPacket           *pkt,
                                              const RemoraFrameInput *frame);
/* Tells the session that the frame just dissected is displayed (passed the
 * filter), for frame.time_delta_displayed of the next. */
void             remora_session_mark_displayed (RemoraSession *session,
                                                const RemoraPacket *pkt);
/* Whether frames may be dissected again later (the GUI: TRUE, the default).
 * A single-pass reader (remora-cli, like tshark without -2) sets FALSE, and
 * dissectors then keep no per-frame records, only per-conversation state,
 * so memory does not grow with the number of frames. */
void             remora_session_set_will_revisit (RemoraSession *session,
                                                  gboolean       will_revisit);
gboolean         remora_session_get_will_revisit (RemoraSession *session);
/* Where a revisiting session reads any frame's bytes back (the frame store
 * of the capture).  With one, dissectors keep references to bytes already
 * in the capture (the segments of a reassembled PDU) instead of copies.
 * FUNC returns the frame's captured bytes and sets *LEN, or NULL. */
typedef const guint8 *(*RemoraFrameSourceFunc) (gpointer  user_data,
                                                guint32   number,
                                                guint32  *len);
void             remora_session_set_frame_source (RemoraSession         *session,
                                                  RemoraFrameSourceFunc  func,
                                                  gpointer               user_data);
/* Whether frames can be read back; dissectors check before relying on it. */
gboolean         remora_session_has_frame_source (RemoraSession *session);
/* Frame NUMBER's captured bytes, or NULL (no source, no such frame). */
const guint8    *remora_session_get_frame_data (RemoraSession *session,
                                                guint32        number,
                                                guint32       *len);
/* Per-protocol state for this capture (conversation tables and the like). */
gpointer         remora_session_get_proto_data (RemoraSession  *session,
                                                int             proto);
void             remora_session_set_proto_data (RemoraSession  *session,
                                                int             proto,
                                                gpointer        data,
                                                GDestroyNotify  destroy);

/* Registers every protocol once per process (idempotent, thread-safe). */
void             remora_dissectors_init      (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RemoraSession, remora_session_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RemoraPacket, remora_packet_free)

G_END_DECLS
