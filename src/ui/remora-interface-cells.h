/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Columns over RemoraInterfaceItems shared by the interface chooser and
 * Capture Options. */

typedef enum {
  REMORA_INTERFACE_CELL_NAME,         /* name, description under it */
  REMORA_INTERFACE_CELL_TRAFFIC,      /* sparkline */
  REMORA_INTERFACE_CELL_PACKETS,      /* packets since shown (class "packet-count") */
  REMORA_INTERFACE_CELL_ADDRESSES,
  REMORA_INTERFACE_CELL_LINK_TYPE,
  REMORA_INTERFACE_CELL_STATE,        /* up/down, loopback marks */
} RemoraInterfaceCell;

GtkColumnViewColumn *remora_interface_column_new (RemoraInterfaceCell  cell,
                                                  const char          *title);

G_END_DECLS
