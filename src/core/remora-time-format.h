/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The Time column's formats, tshark's -t letters in the comments. */
typedef enum {
  REMORA_TIME_FORMAT_RELATIVE,          /* r: seconds since the first frame */
  REMORA_TIME_FORMAT_ABSOLUTE,          /* a: local time of day */
  REMORA_TIME_FORMAT_ABSOLUTE_YMD,      /* ad: local date and time of day */
  REMORA_TIME_FORMAT_ABSOLUTE_YDOY,     /* adoy: local year/day of year and time */
  REMORA_TIME_FORMAT_DELTA,             /* d: seconds since the previous captured frame */
  REMORA_TIME_FORMAT_DELTA_DISPLAYED,   /* dd: seconds since the previous displayed frame */
  REMORA_TIME_FORMAT_EPOCH,             /* e: seconds since 1970-01-01 */
  REMORA_TIME_FORMAT_UTC,               /* u: UTC time of day */
  REMORA_TIME_FORMAT_UTC_YMD,           /* ud: UTC date and time of day */
  REMORA_TIME_FORMAT_UTC_YDOY,          /* udoy: UTC year/day of year and time */
} RemoraTimeFormat;

/* Whether FORMAT counts from another frame (REFERENCE_NS below). */
gboolean remora_time_format_is_relative (RemoraTimeFormat format);
/* Decimals shown for time stamps recorded in TS_UNITS per second, as
 * Wireshark's automatic precision: 6 for microsecond, 9 for nanosecond
 * captures. */
int      remora_time_format_digits      (guint64          ts_units);
/* Appends frame time TS_NS (nanoseconds since the epoch) in FORMAT with
 * DIGITS decimals, truncated as Wireshark truncates to the capture's
 * precision.  REFERENCE_NS is the first frame's time (r), the previous
 * captured (d) or displayed (dd) frame's; other formats ignore it. */
void     remora_time_format_append      (RemoraTimeFormat format,
                                         gint64           ts_ns,
                                         gint64           reference_ns,
                                         int              digits,
                                         GString         *out);

G_END_DECLS
