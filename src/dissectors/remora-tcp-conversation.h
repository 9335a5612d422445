/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "remora-packet.h"

G_BEGIN_DECLS

/* A transport conversation key: both endpoints in a canonical order, so
 * both directions of a flow find the same entry. */
typedef struct {
  RemoraAddress a;
  RemoraAddress b;
  guint16       port_a;
  guint16       port_b;
} RemoraConvKey;

/* Fills KEY from a packet's endpoints; returns 0 when the packet travels
 * from endpoint a to b, 1 for the other way. */
guint    remora_conv_key_init  (RemoraConvKey       *key,
                                const RemoraAddress *src,
                                const RemoraAddress *dst,
                                guint16              sport,
                                guint16              dport);
guint    remora_conv_key_hash  (gconstpointer        key);
gboolean remora_conv_key_equal (gconstpointer        a,
                                gconstpointer        b);

enum {
  REMORA_TCP_FLOW_BASE_SET = 1 << 0,   /* base_seq is valid */
  REMORA_TCP_FLOW_SYN_SEEN = 1 << 1,
  REMORA_TCP_FLOW_FIN_SEEN = 1 << 2,
  REMORA_TCP_FLOW_RST_SEEN = 1 << 3,
};

/* One direction of a TCP stream.  The base never changes once set, which is
 * what keeps relative numbers stable when a frame is dissected again; the
 * last_* values are the running state that sequence analysis and
 * reassembly will extend. */
typedef struct {
  guint32 base_seq;
  guint32 last_seq;
  guint32 last_nxtseq;
  guint32 last_ack;
  guint32 last_win;
  gint8   win_scale;     /* shift, -1 unknown, -2 no scaling */
  guint8  flags;         /* REMORA_TCP_FLOW_* */
} RemoraTcpFlow;

typedef struct {
  RemoraConvKey key;
  guint32       index;         /* tcp.stream */
  guint8        completeness;  /* tcp.completeness bits so far */
  guint8        acc_ecn;       /* the SYN negotiated Accurate ECN */
  gint64        first_ts_ns;
  gint64        prev_ts_ns;
  RemoraTcpFlow flow[2];       /* [0]: a -> b, [1]: b -> a */
} RemoraTcpStream;

/* What the first pass decided for one TCP header of one frame: a
 * redissection reads it back instead of the (since advanced) stream state. */
typedef struct {
  guint32 frame;
  guint32 stream;
  gint64  delta_ns;
  gint32  scalefactor;   /* as tcp.window_size_scalefactor shows it */
  guint8  occurrence;    /* layer depth of this TCP header (tunnels carry two) */
  guint8  completeness;
  guint8  dir;
  guint8  flags;         /* REMORA_TCP_FRAME_* */
} RemoraTcpFrameInfo;

enum {
  REMORA_TCP_FRAME_SEQ_REL = 1 << 0,   /* seq base was known */
  REMORA_TCP_FRAME_ACK_REL = 1 << 1,   /* ack base was known */
};

typedef struct _RemoraTcpState RemoraTcpState;

RemoraTcpState     *remora_tcp_state_new        (void);
void                remora_tcp_state_free       (gpointer              state);
/* The newest stream of KEY, or NULL. */
RemoraTcpStream    *remora_tcp_state_lookup     (RemoraTcpState       *state,
                                                 const RemoraConvKey  *key);
/* A new stream for KEY (replacing an older one of the same key). */
RemoraTcpStream    *remora_tcp_state_add        (RemoraTcpState       *state,
                                                 const RemoraConvKey  *key,
                                                 gint64                ts_ns);
RemoraTcpStream    *remora_tcp_state_get_stream (RemoraTcpState       *state,
                                                 guint32               index);
guint32             remora_tcp_state_n_streams  (RemoraTcpState       *state);
/* Bytes held for N streams of one frame each (the per-stream cost). */
gsize               remora_tcp_state_memory     (RemoraTcpState       *state);
void                remora_tcp_state_record     (RemoraTcpState       *state,
                                                 const RemoraTcpFrameInfo *info);
const RemoraTcpFrameInfo *remora_tcp_state_find (RemoraTcpState       *state,
                                                 guint32               frame,
                                                 guint8                occurrence);

G_END_DECLS
