/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "remora-packet.h"

G_BEGIN_DECLS

/* Unwinds to the innermost guard with EXC (never returns). */
G_NORETURN void remora_packet_throw (RemoraPacket    *pkt,
                                     RemoraException  exc);
/* Clears the tree, columns and scratch memory for the next frame. */
void            remora_packet_reset (RemoraPacket    *pkt);
/* Records that the protocol PROTO is a layer of this frame. */
void            remora_packet_push_layer (RemoraPacket *pkt,
                                          int           proto);

/* Registers _ws.malformed and _ws.short (called by remora_dissectors_init). */
void            remora_dissect_register_engine_protocols (void);

G_END_DECLS
