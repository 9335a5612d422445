/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Every type of the application, so that a header can name one
 * without pulling in its widget's header (C11 allows the typedef to be
 * repeated by G_DECLARE_FINAL_TYPE). */
typedef struct _RemoraApplication        RemoraApplication;
typedef struct _RemoraCaptureDocument    RemoraCaptureDocument;
typedef struct _RemoraFilterBar          RemoraFilterBar;
typedef struct _RemoraFilteredPacketList RemoraFilteredPacketList;
typedef struct _RemoraHexView            RemoraHexView;
typedef struct _RemoraPacketRow          RemoraPacketRow;
typedef struct _RemoraPacketSnapshot     RemoraPacketSnapshot;
typedef struct _RemoraPacketSummary      RemoraPacketSummary;
typedef struct _RemoraProtoNode          RemoraProtoNode;
typedef struct _RemoraProtoTree          RemoraProtoTree;
typedef struct _RemoraWindow             RemoraWindow;

/* The packet list's columns, in Wireshark's default order. */
typedef enum {
  REMORA_COLUMN_NUMBER,
  REMORA_COLUMN_TIME,
  REMORA_COLUMN_SOURCE,
  REMORA_COLUMN_DESTINATION,
  REMORA_COLUMN_PROTOCOL,
  REMORA_COLUMN_LENGTH,
  REMORA_COLUMN_INFO,
  REMORA_N_COLUMNS
} RemoraColumn;

G_END_DECLS
