/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _RemoraApplication     RemoraApplication;
typedef struct _RemoraCaptureDocument RemoraCaptureDocument;
typedef struct _RemoraPacketList      RemoraPacketList;
typedef struct _RemoraPacketRow       RemoraPacketRow;
typedef struct _RemoraPacketSummary   RemoraPacketSummary;
typedef struct _RemoraWindow          RemoraWindow;

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
