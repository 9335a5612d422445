/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "remora-packet.h"

G_BEGIN_DECLS

/* "Apply as Filter", "Prepare as Filter" and "Copy" for a tree node or a
 * packet list cell, in the forms Wireshark 4.0 writes them.  Every filter
 * built here is meant to compile and to match the packet it came from. */

/* The packet list's cells, in the list's order (No., Time, Source,
 * Destination, Protocol, Length, Info). */
typedef enum {
  REMORA_SUMMARY_NUMBER,
  REMORA_SUMMARY_TIME,
  REMORA_SUMMARY_SOURCE,
  REMORA_SUMMARY_DESTINATION,
  REMORA_SUMMARY_PROTOCOL,
  REMORA_SUMMARY_LENGTH,
  REMORA_SUMMARY_INFO,
  REMORA_N_SUMMARY_COLUMNS
} RemoraSummaryColumn;

/* How the filter of the selection joins the one already typed, as the
 * items of Wireshark's "Apply as Filter" submenu. */
typedef enum {
  REMORA_FILTER_ACTION_SELECTED,          /* new */
  REMORA_FILTER_ACTION_NOT_SELECTED,      /* !(new) */
  REMORA_FILTER_ACTION_AND_SELECTED,      /* (old) && (new) */
  REMORA_FILTER_ACTION_OR_SELECTED,       /* (old) || (new) */
  REMORA_FILTER_ACTION_AND_NOT_SELECTED,  /* (old) && !(new) */
  REMORA_FILTER_ACTION_OR_NOT_SELECTED,   /* (old) || !(new) */
  REMORA_N_FILTER_ACTIONS
} RemoraFilterAction;

/* The filter for ITEM of PKT (dissected in tree mode): "ip.src == 10.0.0.1",
 * "tcp.flags.syn == 1", "tcp" for a protocol; NULL for a line without a
 * field (a text line, an expert note), which cannot be filtered on. */
char *remora_node_filter_build       (const RemoraPacket  *pkt,
                                      RemoraItem           item);
/* The value as "Copy ▸ Value" copies it (tshark's -T fields text; a
 * protocol's line for a protocol), or NULL for a line without a field. */
char *remora_node_filter_copy_value  (const RemoraPacket  *pkt,
                                      RemoraItem           item);
/* The filter for a packet list cell of PKT: "ip.src == 10.0.0.1",
 * "frame.number == 7", "dns"; NULL when the cell has none (an address
 * of no filterable kind, or Info, which has no field to filter on). */
char *remora_column_filter_build     (const RemoraPacket  *pkt,
                                      RemoraSummaryColumn  column);
/* SELECTED joined to CURRENT (NULL or blank: none) the way ACTION says. */
char *remora_filter_combine          (const char          *current,
                                      const char          *selected,
                                      RemoraFilterAction   action);

G_END_DECLS
