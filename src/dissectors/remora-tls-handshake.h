/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "remora-dissectors.h"

G_BEGIN_DECLS

/* What TLS remembers about one TCP stream.  Small and fixed-size, so a
 * capture with many streams costs a few dozen bytes per stream. */
typedef struct {
  guint16 version;          /* the session's protocol version once known, else 0 */
  guint16 suite;            /* the ServerHello's cipher suite */
  guint8  encrypted[2];     /* per direction (0 = client): a ChangeCipherSpec went by */
  guint8  claimed;          /* the heuristic found TLS on this stream */
  guint8  app_proto;        /* REMORA_TLS_APP_*, from ALPN in the ServerHello */
  guint8  have_client;
  guint8  client_end;       /* which end of the stream (proto-tls.c's key) spoke first */
} RemoraTlsConv;

enum {
  REMORA_TLS_APP_UNKNOWN,
  REMORA_TLS_APP_HTTP,
  REMORA_TLS_APP_HTTP2,
};

/* Registers the handshake fields under PROTO (called by proto-tls.c). */
void        remora_tls_handshake_register (int proto);

/* Short name of VERSION for the Protocol column and record labels
 * ("TLSv1.2"), or NULL when it is not one. */
const char *remora_tls_version_short_name (guint16 version);

/* Dissects the handshake messages of one record body at [OFFSET,
 * OFFSET+LENGTH) under RECORD; DIR is 0 from the client, 1 from the server.
 * Returns the text after "Handshake Protocol: " for the record label. */
const char *remora_tls_dissect_handshake  (const RemoraTvb *tvb,
                                           RemoraPacket    *pkt,
                                           RemoraItem       record,
                                           guint32          offset,
                                           guint32          length,
                                           RemoraTlsConv   *conv,
                                           int              dir);

/* What the record label says about a handshake record, without reading
 * past the captured bytes ("Client Hello", "Multiple Handshake Messages",
 * "Encrypted Handshake Message"). */
const char *remora_tls_handshake_summary  (const RemoraTvb *tvb,
                                           guint32          offset,
                                           guint32          length,
                                           const RemoraTlsConv *conv,
                                           int              dir);

G_END_DECLS
