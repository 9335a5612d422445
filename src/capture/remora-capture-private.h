/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <pcap/pcap.h>

G_BEGIN_DECLS

/* Exit statuses (documented in --help and src/capture/README.md). */
enum {
  RC_EXIT_OK = 0,
  RC_EXIT_USAGE = 1,        /* bad command line */
  RC_EXIT_START = 2,        /* could not start: filter, interface, rights, output */
  RC_EXIT_RUNTIME = 3,      /* failed while capturing: interface gone, write error */
};

/* Error kinds of "remora-capture: error KIND MESSAGE" lines. */
#define RC_ERROR_USAGE      "usage"
#define RC_ERROR_FILTER     "filter"
#define RC_ERROR_PERMISSION "permission"
#define RC_ERROR_INTERFACE  "interface"
#define RC_ERROR_OUTPUT     "output"
#define RC_ERROR_PRIVILEGES "privileges"

/* One "remora-capture: error KIND MESSAGE" line on standard error.  The
 * message is kept on one line so readers can parse line by line. */
void rc_report_error     (const char *kind,
                          const char *format,
                          ...) G_GNUC_PRINTF (2, 3);

/* pcapng wants LINKTYPE_* values; pcap_datalink() answers in DLT_*, which
 * differ for a few (raw IP above all). */
int  rc_dlt_to_linktype  (int         dlt);

/* An activated handle with the usual settings (nanosecond time stamps,
 * 100 ms buffer timeout), or NULL with ERRBUF set and *STATUS the
 * pcap_activate() result.  Warnings go to stderr as "warning" lines. */
pcap_t *rc_open_handle   (const char *name,
                          int         snaplen,
                          gboolean    promisc,
                          int         buffer_mib,
                          char       *errbuf,
                          int        *status);

#define RC_LINKTYPE_UNKNOWN (-1)

/* The link type NAME will most likely have, found without opening it
 * (from /sys/class/net/NAME/type), or RC_LINKTYPE_UNKNOWN. */
int  rc_linktype_guess   (const char *name);

/* -D and -D --machine; IFACES (char *) limits -S to those interfaces. */
int  rc_list_interfaces  (gboolean    machine);
int  rc_print_statistics (GPtrArray  *ifaces);

G_END_DECLS
