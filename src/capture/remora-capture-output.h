/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The pcapng stream remora-capture writes: one section, one IDB per
 * interface (if_name, if_tsresol = 9, the link type, the capture filter),
 * EPBs with nanosecond time stamps, all in host byte order.  Packets are
 * buffered and leave on rc_output_flush(), which the capture loop calls
 * once per wakeup so a reader on a pipe sees them promptly.
 *
 * With a ring buffer (-b), each file is a complete pcapng file of its own
 * named BASE_NNNNN_YYYYMMDDhhmmss.EXT, and only the newest FILES are kept. */

typedef struct _RcOutput RcOutput;

/* PATH "-" is standard output.  RING_FILESIZE (bytes, 0 = no ring) and
 * RING_FILES (0 = keep all) need a real PATH.  Nothing is opened yet. */
RcOutput   *rc_output_new           (const char   *path,
                                     guint64       ring_filesize,
                                     guint         ring_files);
void        rc_output_add_interface (RcOutput     *output,
                                     const char   *name,
                                     int           link_type,
                                     guint32       snaplen,
                                     const char   *filter);
/* Opens the (first) file and writes the section and interface blocks. */
gboolean    rc_output_open          (RcOutput     *output,
                                     GError      **error);
gboolean    rc_output_packet        (RcOutput     *output,
                                     guint         iface,
                                     gint64        ts_ns,
                                     guint32       caplen,
                                     guint32       len,
                                     const guint8 *data,
                                     GError      **error);
gboolean    rc_output_flush         (RcOutput     *output,
                                     GError      **error);
/* Bytes in the current file, buffered ones included. */
guint64     rc_output_get_file_size (RcOutput     *output);
/* Flushes, closes and frees; returns FALSE (error set) if the flush failed. */
gboolean    rc_output_close         (RcOutput     *output,
                                     GError      **error);

G_END_DECLS
