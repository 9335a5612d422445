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

/* A segment sent and not yet acknowledged, for ACK matching (acks_frame,
 * ack_rtt) and bytes in flight. */
typedef struct {
  guint32 frame;
  guint32 seq;
  guint32 nextseq;
  gint64  ts_ns;
} RemoraTcpUnacked;

/* Cap of unacknowledged segments remembered per direction (Wireshark's). */
#define REMORA_TCP_MAX_UNACKED 10000

typedef struct _RemoraTcpPending RemoraTcpPending;

/* One direction of a TCP stream.  The base never changes once set, which is
 * what keeps relative numbers stable when a frame is dissected again; the
 * rest is the running state of sequence analysis and reassembly, advanced
 * on the first pass only.  Sequence numbers here are raw (on the wire);
 * 0 means "not seen yet", as in Wireshark's analysis. */
typedef struct {
  guint32 base_seq;
  guint32 last_seq;
  guint32 last_nxtseq;
  guint32 last_ack;
  guint32 last_win;
  gint8   win_scale;     /* shift, -1 unknown, -2 no scaling */
  guint8  flags;         /* REMORA_TCP_FLOW_* */
  guint8  valid_bif;     /* bytes in flight can be computed */
  guint8  push_set_last; /* the previous data segment had PSH */
  /* sequence analysis */
  guint32 nextseq;             /* highest sequence number seen + 1 */
  guint32 nextseq_frame;
  gint64  nextseq_ts_ns;
  guint32 maxseqtobeacked;     /* end of the contiguous data seen */
  guint32 lastack;
  gint64  lastack_ts_ns;
  guint32 window;              /* scaled window of the previous segment */
  guint32 lastsegmentflags;    /* REMORA_TCP_A_* of the previous segment */
  guint32 dupacknum;
  guint32 lastnondupack;       /* frame */
  guint32 push_bytes_sent;
  guint32 n_unacked;
  guint32 unacked_alloc;
  RemoraTcpUnacked *unacked;   /* unordered */
  /* reassembly */
  guint32 rs_next;             /* payload consumed or collected up to here */
  guint32 rs_skip_end;         /* a dropped PDU ends here: do not dissect before it */
  guint8  rs_started;          /* rs_next is valid */
  guint8  rs_skipping;         /* rs_skip_end is valid */
  RemoraTcpPending *pending;   /* the PDU being collected, or NULL */
} RemoraTcpFlow;

typedef struct {
  RemoraConvKey key;
  guint32       index;         /* tcp.stream */
  guint8        completeness;  /* tcp.completeness bits so far */
  guint8        acc_ecn;       /* the SYN negotiated Accurate ECN */
  guint8        reused;        /* opened on the ports of an earlier stream */
  guint32       first_frame;   /* the frame that opened it */
  gint8         first_scale[2]; /* per direction: the first scale factor a frame recorded (-1 none yet) */
  gint64        first_ts_ns;
  gint64        prev_ts_ns;
  gint64        mru_syn_ts_ns; /* the latest SYN, for the initial RTT */
  gint64        first_rtt_ns;  /* 0 until the handshake completed */
  RemoraTcpFlow flow[2];       /* [0]: a -> b, [1]: b -> a */
} RemoraTcpStream;

/* Sequence analysis verdicts (tcp.analysis.flags). */
enum {
  REMORA_TCP_A_RETRANSMISSION          = 1 << 0,
  REMORA_TCP_A_LOST_PACKET             = 1 << 1,
  REMORA_TCP_A_ACK_LOST_PACKET         = 1 << 2,
  REMORA_TCP_A_KEEP_ALIVE              = 1 << 3,
  REMORA_TCP_A_DUPLICATE_ACK           = 1 << 4,
  REMORA_TCP_A_ZERO_WINDOW             = 1 << 5,
  REMORA_TCP_A_ZERO_WINDOW_PROBE       = 1 << 6,
  REMORA_TCP_A_ZERO_WINDOW_PROBE_ACK   = 1 << 7,
  REMORA_TCP_A_KEEP_ALIVE_ACK          = 1 << 8,
  REMORA_TCP_A_OUT_OF_ORDER            = 1 << 9,
  REMORA_TCP_A_FAST_RETRANSMISSION     = 1 << 10,
  REMORA_TCP_A_WINDOW_UPDATE           = 1 << 11,
  REMORA_TCP_A_WINDOW_FULL             = 1 << 12,
  REMORA_TCP_A_REUSED_PORTS            = 1 << 13,
  REMORA_TCP_A_SPURIOUS_RETRANSMISSION = 1 << 14,
};

/* The "SEQ/ACK analysis" of one segment (Wireshark's tcp_acked). */
typedef struct {
  guint8  present;         /* the analysis subtree is shown */
  guint32 flags;           /* REMORA_TCP_A_* */
  guint32 acks_frame;
  guint32 bytes_in_flight;
  guint32 push_bytes_sent;
  guint32 dupack_num;
  guint32 dupack_frame;
  guint32 rto_frame;
  gint64  ack_rtt_ns;
  gint64  rto_ns;
  gint64  first_rtt_ns;
} RemoraTcpAnalysis;

/* What reassembly did with one frame's payload, for redissection. */
enum {
  REMORA_TCP_DESEG_NORMAL,         /* dissected from the segment (maybe after a completed PDU) */
  REMORA_TCP_DESEG_MIDDLE,         /* all of it went to a PDU still pending */
  REMORA_TCP_DESEG_NONE,           /* the first pass recorded nothing (it stopped before the payload) */
  REMORA_TCP_DESEG_SKIPPED,        /* not handed to any dissector */
};

enum {
  REMORA_TCP_DESEG_BIT_LIMITED  = 1 << 0,  /* a cap dropped a pending PDU here */
  REMORA_TCP_DESEG_BIT_OVERLAP  = 1 << 1,  /* the completed PDU had overlapping segments */
  REMORA_TCP_DESEG_BIT_CONFLICT = 1 << 2,  /* ...with different data */
  REMORA_TCP_DESEG_BIT_SUFFIX   = 1 << 3,  /* Info got "[TCP segment of a reassembled PDU]" */
};

/* What the first pass decided for one TCP header of one frame (frame
 * info, SEQ/ACK analysis and desegmentation together): a redissection
 * reads it back instead of the (since advanced) stream state.  Kept packed
 * in a RemoraFrameLog, one record per header; only what differs from the
 * usual costs bytes. */
typedef struct {
  guint32 stream;
  gint64  delta_ns;
  gint8   scalefactor;     /* as tcp.window_size_scalefactor shows it (shift, -1, -2) */
  guint8  completeness;
  guint8  seq_rel;         /* seq base was known (the ack's follows from the ACK flag) */
  RemoraTcpAnalysis analysis;
  /* desegmentation */
  guint8  kind;            /* REMORA_TCP_DESEG_* */
  guint8  bits;            /* REMORA_TCP_DESEG_BIT_* */
  guint8  has_pdu;         /* a PDU completed here: remora_tcp_state_get_pdu () has it */
  guint32 head_len;        /* payload bytes that completed the pending PDU */
  guint32 tail_offset;     /* from here the payload went to a later PDU (seglen: none) */
  guint32 pdu_id;          /* ...this pending PDU (0: none) */
  guint32 piece_start;     /* ...where this frame's bytes sit in it */
  guint32 piece_end;
} RemoraTcpRecord;

/* One piece of a reassembled PDU, as tcp.segments lists it. */
typedef struct {
  guint32 frame;
  guint32 offset;          /* in the PDU */
  guint32 length;
  guint32 frame_offset;    /* of its bytes in the frame's captured bytes, or REMORA_TCP_NOT_IN_FRAME */
} RemoraTcpPiece;

#define REMORA_TCP_NOT_IN_FRAME G_MAXUINT32

/* The PDU being collected in one direction.  The buffer grows with the
 * bytes received (never to a length the peer merely announced); received
 * ranges are a short sorted list, so holes are known exactly. */
struct _RemoraTcpPending {
  guint32         seq;         /* raw sequence number of the PDU's first byte */
  guint32         len;         /* bytes needed (known length) */
  guint8          mode;        /* 0 known length, 1 one more segment, 2 until FIN */
  guint8          conflict;    /* overlapping segments disagreed */
  guint8          overlap;
  guint32         first_frame;
  guint32         id;          /* remora_tcp_state_pdu_new (), 0 in a single pass */
  guint8         *buf;
  guint32         buf_len;     /* bytes allocated */
  guint32         n_ranges;
  guint32         ranges[2 * 16]; /* received [start, end) offsets, sorted, disjoint */
  GArray         *pieces;      /* RemoraTcpPiece, arrival order */
};

typedef struct _RemoraTcpState RemoraTcpState;

RemoraTcpState     *remora_tcp_state_new        (void);
void                remora_tcp_state_free       (gpointer              state);
/* The newest stream of KEY, or NULL. */
RemoraTcpStream    *remora_tcp_state_lookup     (RemoraTcpState       *state,
                                                 const RemoraConvKey  *key);
/* A new stream for KEY (replacing an older one of the same key), opened
 * by FRAME (streams open in frame order). */
RemoraTcpStream    *remora_tcp_state_add        (RemoraTcpState       *state,
                                                 const RemoraConvKey  *key,
                                                 guint32               frame,
                                                 gint64                ts_ns);
RemoraTcpStream    *remora_tcp_state_get_stream (RemoraTcpState       *state,
                                                 guint32               index);
guint32             remora_tcp_state_n_streams  (RemoraTcpState       *state);
/* Bytes held: streams, per-frame records, kept PDUs, running state. */
gsize               remora_tcp_state_memory     (RemoraTcpState       *state);
/* Bytes held for redissection only (per-frame records and kept PDUs). */
gsize               remora_tcp_state_record_memory (RemoraTcpState    *state);
/* Frees what a stream's flows hold (unacked lists, pending PDUs). */
void                remora_tcp_stream_clear     (RemoraTcpState       *state,
                                                 RemoraTcpStream      *stream);
/* Unacknowledged segments of a flow: FALSE when a cap refuses one. */
gboolean            remora_tcp_flow_add_unacked (RemoraTcpState         *state,
                                                 RemoraTcpFlow          *flow,
                                                 const RemoraTcpUnacked *u);
void                remora_tcp_flow_remove_unacked (RemoraTcpState      *state,
                                                    RemoraTcpFlow       *flow,
                                                    guint32              index);

/* ---- per-frame records ----
 * The first pass opens a record per TCP header (zeroed but for
 * tail_offset = G_MAXUINT32, "the whole segment") and fills it while the
 * header is dissected; the record stays writable until the next frame
 * begins, then is packed for good.  DIR, TCP_FLAGS and SEGLEN (the
 * header's own) let the packing leave out what follows from them. */
RemoraTcpRecord    *remora_tcp_state_begin_record (RemoraTcpState     *state,
                                                   guint32             frame,
                                                   guint8              occurrence,
                                                   guint               dir,
                                                   guint16             tcp_flags,
                                                   guint32             seglen);
/* Reads back FRAME's record for OCCURRENCE into *REC; FALSE when none. */
gboolean            remora_tcp_state_find_record  (RemoraTcpState     *state,
                                                   guint32             frame,
                                                   guint8              occurrence,
                                                   guint               dir,
                                                   guint16             tcp_flags,
                                                   guint32             seglen,
                                                   RemoraTcpRecord    *rec);

/* ---- reassembly memory ---- */

/* Caps: bytes of one pending PDU, of all pending PDUs, and of the completed
 * PDUs kept as copies for redissection (oldest dropped first). */
#define REMORA_TCP_PENDING_MAX_PER_STREAM (16u * 1024 * 1024)
#define REMORA_TCP_PENDING_MAX_TOTAL      (256u * 1024 * 1024)
#define REMORA_TCP_COMPLETED_MAX_TOTAL    (64u * 1024 * 1024)
/* ...and of their piece lists: a dissector asking for one more segment
 * again and again makes each longer than the last. */
#define REMORA_TCP_PIECES_MAX_TOTAL       (64u * 1024 * 1024)

RemoraTcpPending   *remora_tcp_pending_new      (RemoraTcpState       *state,
                                                 guint32               seq,
                                                 guint32               frame);
void                remora_tcp_pending_free     (RemoraTcpState       *state,
                                                 RemoraTcpPending     *p);
/* Copies LEN bytes at PDU offset OFFSET (first copy wins on overlap);
 * FRAME_OFFSET is where they sit in FRAME's captured bytes, or
 * REMORA_TCP_NOT_IN_FRAME.  FALSE when a cap refuses them: the caller
 * drops the PDU. */
gboolean            remora_tcp_pending_add      (RemoraTcpState       *state,
                                                 RemoraTcpPending     *p,
                                                 guint32               offset,
                                                 const guint8         *data,
                                                 guint32               len,
                                                 guint32               frame,
                                                 guint32               frame_offset);
/* Whether bytes [0, END) are all present. */
gboolean            remora_tcp_pending_complete (const RemoraTcpPending *p,
                                                 guint32               end);
/* Bytes held for pending PDUs across the capture. */
gsize               remora_tcp_state_pending_bytes (RemoraTcpState    *state);

/* ---- "reassembled in": what later frames learn about a pending PDU ----
 * Every PDU pending on a first pass that will be revisited gets an id
 * (FRAME: where it starts collecting).  Its completion, and the PDU that
 * carries its tail on when the dissector asked for more (from offset
 * FROM), go into a small per-PDU table; a frame's record names the PDU its
 * bytes went to, so nothing already recorded changes. */
guint32             remora_tcp_state_pdu_new    (RemoraTcpState       *state,
                                                 guint32               frame);
void                remora_tcp_state_pdu_done   (RemoraTcpState       *state,
                                                 guint32               id,
                                                 guint32               frame,
                                                 guint32               total,
                                                 guint32               next_id,
                                                 guint32               from);
/* The frame whose completion of PDU ID (holding FRAME's bytes at
 * [START, END)) last covered FRAME's bytes, as tcp.reassembled_in; 0 when
 * none did. */
guint32             remora_tcp_state_reassembled_in (RemoraTcpState   *state,
                                                     guint32           frame,
                                                     guint32           id,
                                                     guint32           start,
                                                     guint32           end);

/* ---- completed PDUs ----
 * Kept for redissection.  With FROM_FRAMES (a frame source, every piece
 * inside its frame's captured bytes) only the pieces are kept and the
 * bytes are rebuilt from the frames; otherwise a copy, under
 * REMORA_TCP_COMPLETED_MAX_TOTAL.  PIECES are sorted by offset, with
 * lengths cut to LEN. */
void                remora_tcp_state_keep_pdu   (RemoraTcpState       *state,
                                                 guint32               frame,
                                                 guint8                occurrence,
                                                 const guint8         *data,
                                                 guint32               len,
                                                 const RemoraTcpPiece *pieces,
                                                 guint32               n_pieces,
                                                 gboolean              from_frames);
/* The PDU completed at FRAME/OCCURRENCE, in PKT's scratch memory: *DATA is
 * NULL when its bytes are gone (dropped for the cap, or the frames cannot
 * be read back). */
gboolean            remora_tcp_state_get_pdu    (RemoraTcpState       *state,
                                                 RemoraPacket         *pkt,
                                                 guint32               frame,
                                                 guint8                occurrence,
                                                 const guint8        **data,
                                                 guint32              *len,
                                                 const RemoraTcpPiece **pieces,
                                                 guint32              *n_pieces);

G_END_DECLS
