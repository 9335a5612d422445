/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "remora-types.h"

G_BEGIN_DECLS

#define REMORA_TYPE_PACKET_LIST (remora_packet_list_get_type ())

G_DECLARE_FINAL_TYPE (RemoraPacketList, remora_packet_list, REMORA, PACKET_LIST, GObject)

RemoraPacketList      *remora_packet_list_new          (RemoraCaptureDocument *document);
RemoraCaptureDocument *remora_packet_list_get_document (RemoraPacketList      *self);
void                   remora_packet_list_set_document (RemoraPacketList      *self,
                                                        RemoraCaptureDocument *document);

G_END_DECLS
