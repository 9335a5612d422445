/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "remora-packet.h"

G_BEGIN_DECLS

typedef enum {
  REMORA_FORMAT_FIELDS,    /* as tshark -T fields prints a value: raw number, "0x0018", "10.0.0.1" */
  REMORA_FORMAT_DISPLAY,   /* as the tree shows it after "Name: ": "IPv4 (0x0800)" */
  REMORA_FORMAT_FILTER,    /* as a filter literal: strings quoted, for Apply as Filter */
} RemoraFormatStyle;

/* Appends the value of NODE (of field INFO) to OUT in STYLE. */
void remora_format_value (const RemoraFieldInfo *info,
                          const RemoraNode      *node,
                          RemoraFormatStyle      style,
                          GString               *out);
/* "10.0.0.1", "2001:db8::1", "00:11:22:33:44:55" */
void remora_format_ipv4  (guint32 host_order_addr, GString *out);
void remora_format_ipv6  (const guint8 *addr, GString *out);
void remora_format_ether (const guint8 *addr, GString *out);
/* As a tree label shows a MAC address: its name, then the digits in
 * parentheses ("Broadcast (ff:ff:ff:ff:ff:ff)").  Without a vendor
 * database the name is the digits themselves, as tshark shows a MAC it
 * has no name for. */
void remora_format_ether_label (const guint8 *addr, GString *out);
/* "Nov 27, 2026 02:09:01.123456789 UTC" (utc) or local time with zone name. */
void remora_format_abs_time (gint64 ns, gboolean utc, GString *out);
/* Seconds with 9 decimals: "0.000123000". */
void remora_format_rel_time (gint64 ns, GString *out);

G_END_DECLS
