/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "remora-types.h"

G_BEGIN_DECLS

#define REMORA_TYPE_PACKET_ROW (remora_packet_row_get_type ())

G_DECLARE_FINAL_TYPE (RemoraPacketRow, remora_packet_row, REMORA, PACKET_ROW, GObject)

RemoraPacketRow       *remora_packet_row_new          (RemoraCaptureDocument *document,
                                                       guint                  number);
RemoraCaptureDocument *remora_packet_row_get_document (RemoraPacketRow       *self);
guint                  remora_packet_row_get_number   (RemoraPacketRow       *self);
/* The text of COLUMN; the frame is dissected on first use and its texts
 * stay with the row, so the cells of one row cost one dissection. */
const char            *remora_packet_row_get_text     (RemoraPacketRow       *self,
                                                       RemoraColumn           column);
/* The coloring rule the frame matches (remora-coloring-rules.h), or -1;
 * from the same dissection as the texts. */
int                    remora_packet_row_get_color_rule (RemoraPacketRow     *self);

G_END_DECLS
