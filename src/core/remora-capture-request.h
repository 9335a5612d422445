/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* What the user asked to capture, as the Capture Options dialog (or the
 * interface chooser) describes it, independent of any widget.
 * remora_capture_request_to_args() turns it into remora-capture's
 * command line (see src/capture/README.md). */

typedef struct {
  char     *name;
  gboolean  promiscuous;    /* only counts when the request's promiscuous_all is off */
  guint     snaplen;        /* 0: the helper's default */
  guint     buffer_mib;     /* 0: the helper's default */
  char     *filter;         /* NULL or "": no capture filter */
} RemoraCaptureRequestIface;

typedef struct {
  GPtrArray *interfaces;        /* RemoraCaptureRequestIface *, in capture order */
  gboolean   promiscuous_all;   /* on: every interface promiscuous, whatever its own setting */
  gboolean   update_list;       /* for the window: packets shown as they arrive */
  gboolean   auto_scroll;       /* for the window: follow the newest packet */

  guint64    stop_packets;      /* 0: no such autostop condition */
  double     stop_duration;     /* seconds; 0: none */
  guint64    stop_filesize_kb;  /* kB (1000 bytes); 0: none */

  char      *output;            /* NULL: pcapng to the caller's pipe ("-w -") */
  guint64    ring_filesize_kb;  /* with output only; 0: no ring buffer */
  guint      ring_files;        /* with ring_filesize_kb; 0: keep every file */
} RemoraCaptureRequest;

#define REMORA_TYPE_CAPTURE_REQUEST (remora_capture_request_get_type ())

GType                      remora_capture_request_get_type   (void) G_GNUC_CONST;
RemoraCaptureRequest      *remora_capture_request_new        (void);
RemoraCaptureRequest      *remora_capture_request_copy       (const RemoraCaptureRequest *request);
void                       remora_capture_request_free       (RemoraCaptureRequest       *request);
/* Appends an interface with the defaults (promiscuous, helper's snaplen,
 * buffer, no filter) and returns it for the caller to adjust. */
RemoraCaptureRequestIface *remora_capture_request_add_interface (RemoraCaptureRequest    *request,
                                                                 const char              *name);
/* Whether IFACE will capture in promiscuous mode under REQUEST. */
gboolean                   remora_capture_request_iface_is_promiscuous (const RemoraCaptureRequest      *request,
                                                                        const RemoraCaptureRequestIface *iface);
/* The helper's arguments (without the program itself), NULL-terminated:
 * "-i IF [-p] [-f FILTER] [-s N] [-B N]" per interface, then "-a ..." per
 * autostop condition, "-b filesize:N[,files:N]" and "-w FILE|-". */
GStrv                      remora_capture_request_to_args    (const RemoraCaptureRequest *request);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RemoraCaptureRequest, remora_capture_request_free)

G_END_DECLS
