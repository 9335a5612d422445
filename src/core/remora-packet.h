/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "remora-field.h"
#include "remora-tvb.h"

G_BEGIN_DECLS

typedef struct _RemoraSession RemoraSession;

/* A handle on a tree node of the current packet: its index + 1; 0 means
 * "not recorded" (fields mode, or a field nobody asked for).  Every function
 * taking a RemoraItem accepts 0 and then does nothing. */
typedef guint32 RemoraItem;

/* Value of one field occurrence. */
typedef union {
  guint64 u;          /* unsigned ints, booleans (0/1 after masking), char, framenum, IPv4 (host order) */
  gint64  i;          /* signed ints */
  gint64  ns;         /* absolute time (ns since epoch), relative time (ns) */
  double  d;          /* float, double */
  guint8  addr[16];   /* ether (6), IPv6 (16) */
  struct {
    const guint8 *ptr;/* strings (not NUL-terminated) and byte arrays; valid as long as the packet */
    guint32       len;
  } bytes;
} RemoraValue;

enum {
  REMORA_NODE_HIDDEN    = 1 << 0,   /* filterable, not shown in the tree (ip.addr) */
  REMORA_NODE_GENERATED = 1 << 1,   /* computed, not on the wire: shown in [brackets] */
  REMORA_NODE_TRUNCATED = 1 << 2,   /* an exception of the truncated kind ended here */
  REMORA_NODE_MALFORMED = 1 << 3,
  REMORA_NODE_EXPERT    = 1 << 4,   /* an expert note */
};

/* One node of the packet tree: (field, start, length) against a data source. */
typedef struct {
  gint32      field;        /* field id, or -1 for a text-only item */
  guint16     source;       /* data source index: 0 = the frame */
  guint16     flags;        /* REMORA_NODE_* */
  guint32     start;        /* offset within the data source */
  guint32     length;
  RemoraItem  parent;
  RemoraItem  first_child;
  RemoraItem  last_child;
  RemoraItem  next_sibling;
  guint32     label;        /* offset + 1 of a custom label in the label buffer; 0 = derived */
  RemoraValue value;
} RemoraNode;

/* A data source: the frame, or a buffer a dissector built (reassembly,
 * decompression).  Node offsets refer to one of these. */
typedef struct {
  const char   *name;       /* "Frame (74 bytes)", "Reassembled TCP (2920 bytes)" */
  const guint8 *data;
  guint32       length;
} RemoraDataSource;

typedef enum {
  REMORA_AT_NONE,
  REMORA_AT_ETHER,
  REMORA_AT_IPv4,
  REMORA_AT_IPv6,
  REMORA_AT_STRING,         /* data holds up to 15 chars + NUL */
} RemoraAddressType;

typedef struct {
  guint8 type;              /* RemoraAddressType */
  guint8 len;
  guint8 data[16];
} RemoraAddress;

typedef enum {
  REMORA_PT_NONE,
  REMORA_PT_TCP,
  REMORA_PT_UDP,
} RemoraPortType;

/* String encodings and byte orders for remora_add_item(). */
enum {
  REMORA_ENC_BIG_ENDIAN    = 0,
  REMORA_ENC_LITTLE_ENDIAN = 1 << 0,
  REMORA_ENC_NA            = 0,
  REMORA_ENC_ASCII         = 0,
  REMORA_ENC_UTF_8         = 1 << 1,
};

/* The frame a dissection runs over. */
typedef struct {
  guint32       number;       /* 1-based */
  const guint8 *data;
  guint32       cap_len;
  guint32       orig_len;
  gint64        ts_ns;
  guint32       iface_id;
  int           link_type;    /* LINKTYPE_* */
  const char   *iface_name;   /* or NULL */
  const char   *iface_description; /* or NULL */
  guint32       pack_flags;
  /* For a frame dissected again out of order (the GUI's selected row):
   * the timestamps of the previous captured and previous displayed frames,
   * which the session cannot know then.  Ignored on the first pass. */
  gboolean      has_prev_times;
  gint64        prev_cap_ts_ns;
  gint64        prev_dis_ts_ns;
} RemoraFrameInput;

/* An absolute time the wire says is unset (an all-zero NTP timestamp):
 * shown as "NULL", as tshark shows it. */
#define REMORA_TIME_NULL G_MININT64

/* As deep as dissectors may nest (remora-dissect.c), so frame.protocols
 * and the Protocol column name every layer of any frame not cut short. */
#define REMORA_MAX_LAYERS 256
#define REMORA_DESEGMENT_ONE_MORE_SEGMENT 0x0fffffffu
#define REMORA_DESEGMENT_UNTIL_FIN        0x0ffffffeu
#define REMORA_MAX_SOURCES 8

/* Everything one dissection of one frame reads and produces.  Reused from
 * frame to frame: after the first few frames, fields mode allocates nothing. */
struct _RemoraPacket {
  /* the frame */
  RemoraSession        *session;
  const RemoraFrameInput *frame;
  gboolean              visited;       /* dissected before: use saved state, do not create it */
  gint64                rel_ns;        /* frame.time_relative */
  gint64                delta_ns;      /* frame.time_delta */
  gint64                delta_displayed_ns;

  /* what to produce */
  gboolean              tree_mode;     /* every node, with labels */
  const guint8         *wanted;        /* fields mode: wanted[field id] != 0 is recorded */
  gboolean              want_columns;

  /* the tree */
  GArray               *nodes;         /* RemoraNode */
  RemoraItem            first_root;
  RemoraItem            last_root;
  GString              *labels;
  RemoraDataSource      sources[REMORA_MAX_SOURCES];
  guint                 n_sources;

  /* layers, for frame.protocols and the Protocol column */
  int                   layers[REMORA_MAX_LAYERS];  /* protocol ids */
  guint                 n_layers;
  int                   current_proto;

  /* columns (filled when want_columns) */
  const char           *col_protocol;
  GString              *col_info;
  gsize                 col_info_fence;
  RemoraAddress         dl_src, dl_dst, net_src, net_dst, src, dst;
  RemoraPortType        ptype;
  guint32               srcport, destport;

  /* what went wrong */
  RemoraException       exception;     /* the first exception caught in this packet */
  void                 *jmp;           /* innermost guard (jmp_buf *) */
  guint                 depth;         /* dissector nesting, bounded */

  /* scratch memory that lives until the next frame */
  GPtrArray            *arena_chunks;  /* chunks of ARENA_CHUNK_SIZE, kept across frames */
  gsize                 arena_used;    /* in the last chunk */
  GPtrArray            *arena_large;   /* blocks too big for a chunk, freed per frame */

  /* per-layer hand-over: set by a lower layer for the next (IP for TCP's
   * pseudo-header, etc.); owned by the dissectors that use them */
  guint8                ip_proto;
  guint8                ip_ttl;
  guint32               ip_payload_len;
  /* Desegmentation, as Wireshark's: TCP sets can_desegment before calling
   * its payload dissector; a dissector that finds its PDU incomplete sets
   * desegment_offset (where the unfinished PDU starts) and desegment_len
   * (bytes still missing, or one of the REMORA_DESEGMENT_* values) and
   * returns.  TCP then collects the following segments and calls it again,
   * in the frame that completes the PDU, over a reassembled data source. */
  gboolean              can_desegment;
  guint32               desegment_offset;
  guint32               desegment_len;
  /* the transport stream the payload belongs to (tcp.stream / udp.stream),
   * valid when ptype is TCP or UDP: upper layers key their state on it */
  guint32               stream_index;
  /* inside the quoted packet of an ICMP error: do not touch columns,
   * addresses or conversation state */
  guint                 in_error_pkt;
};

RemoraPacket     *remora_packet_new            (void);
void              remora_packet_free           (RemoraPacket *pkt);
void              remora_packet_set_tree_mode  (RemoraPacket *pkt,
                                                gboolean      tree_mode);
/* WANTED has remora_field_count () entries and is owned by the caller. */
void              remora_packet_set_wanted     (RemoraPacket *pkt,
                                                const guint8 *wanted);
void              remora_packet_set_want_columns (RemoraPacket *pkt,
                                                  gboolean      want);

/* Would a node of HF be recorded?  Skip costly work when not. */
static inline gboolean
remora_wants (const RemoraPacket *pkt, int hf)
{
  return pkt->tree_mode || (pkt->wanted != NULL && hf >= 0 && pkt->wanted[hf]);
}

/* Scratch memory for this packet (zeroed, 8-aligned). */
gpointer          remora_packet_alloc          (RemoraPacket *pkt,
                                                gsize         size);
char             *remora_packet_strndup        (RemoraPacket *pkt,
                                                const char   *str,
                                                gsize         len);
/* Adds a data source (the bytes must outlive the packet, e.g. from
 * remora_packet_alloc) and returns its index; initializes OUT over it. */
guint16           remora_packet_add_source     (RemoraPacket *pkt,
                                                const char   *name,
                                                const guint8 *data,
                                                guint32       length,
                                                RemoraTvb    *out);

/* ---- building the tree ---- */

/* Reads the value of HF at OFFSET (LENGTH bytes, ENCODING for byte order /
 * text) and adds it.  Integer fields with a bitmask are masked and shifted.
 * Bounds are checked in both modes, so both reach the same verdict. */
RemoraItem remora_add_item      (RemoraPacket *pkt, RemoraItem parent, int hf,
                                 const RemoraTvb *tvb, guint32 offset, guint32 length,
                                 guint encoding);
/* Explicit values.  For fields with a bitmask, VALUE is the containing
 * integer: the engine masks and shifts it. */
RemoraItem remora_add_uint      (RemoraPacket *pkt, RemoraItem parent, int hf,
                                 const RemoraTvb *tvb, guint32 offset, guint32 length,
                                 guint64 value);
RemoraItem remora_add_int       (RemoraPacket *pkt, RemoraItem parent, int hf,
                                 const RemoraTvb *tvb, guint32 offset, guint32 length,
                                 gint64 value);
RemoraItem remora_add_boolean   (RemoraPacket *pkt, RemoraItem parent, int hf,
                                 const RemoraTvb *tvb, guint32 offset, guint32 length,
                                 guint64 value);
RemoraItem remora_add_double    (RemoraPacket *pkt, RemoraItem parent, int hf,
                                 const RemoraTvb *tvb, guint32 offset, guint32 length,
                                 double value);
/* IPv4 in host byte order (as remora_tvb_get_ntohl returns it). */
RemoraItem remora_add_ipv4      (RemoraPacket *pkt, RemoraItem parent, int hf,
                                 const RemoraTvb *tvb, guint32 offset, guint32 length,
                                 guint32 addr);
RemoraItem remora_add_ipv6      (RemoraPacket *pkt, RemoraItem parent, int hf,
                                 const RemoraTvb *tvb, guint32 offset, guint32 length,
                                 const guint8 *addr);
RemoraItem remora_add_ether     (RemoraPacket *pkt, RemoraItem parent, int hf,
                                 const RemoraTvb *tvb, guint32 offset, guint32 length,
                                 const guint8 *addr);
/* Bytes and strings: the data is copied into the packet's scratch memory. */
RemoraItem remora_add_bytes     (RemoraPacket *pkt, RemoraItem parent, int hf,
                                 const RemoraTvb *tvb, guint32 offset, guint32 length,
                                 const guint8 *data, guint32 data_len);
RemoraItem remora_add_string    (RemoraPacket *pkt, RemoraItem parent, int hf,
                                 const RemoraTvb *tvb, guint32 offset, guint32 length,
                                 const char *str, gssize str_len);
/* Absolute (ns since epoch) or relative (ns) time. */
RemoraItem remora_add_time      (RemoraPacket *pkt, RemoraItem parent, int hf,
                                 const RemoraTvb *tvb, guint32 offset, guint32 length,
                                 gint64 ns);
/* A protocol layer's subtree (its label defaults to the protocol's name). */
RemoraItem remora_add_protocol  (RemoraPacket *pkt, RemoraItem parent, int proto,
                                 const RemoraTvb *tvb, guint32 offset, guint32 length);
/* A field of type NONE, or any field, with an explicit label (the value is
 * read from the tvb as remora_add_item does when the type has one). */
RemoraItem remora_add_item_format (RemoraPacket *pkt, RemoraItem parent, int hf,
                                   const RemoraTvb *tvb, guint32 offset, guint32 length,
                                   const char *format, ...) G_GNUC_PRINTF (7, 8);
/* A text-only line (tree mode only). */
RemoraItem remora_add_text      (RemoraPacket *pkt, RemoraItem parent,
                                 const RemoraTvb *tvb, guint32 offset, guint32 length,
                                 const char *format, ...) G_GNUC_PRINTF (6, 7);
/* An integer header field with its bit fields as children (FIELDS is
 * -1-terminated).  The header's label gets ", Name" appended for each set
 * boolean, as Wireshark's bitmask items read ("Flags: 0x40, Don't fragment"). */
RemoraItem remora_add_bitmask   (RemoraPacket *pkt, RemoraItem parent, int hf,
                                 const RemoraTvb *tvb, guint32 offset, guint32 length,
                                 const int *fields, guint encoding);
/* An expert note ("[Expert Info (Warning/Malformed): ...]") under PARENT;
 * severity is one of "Chat", "Note", "Warning", "Error". */
RemoraItem remora_add_expert    (RemoraPacket *pkt, RemoraItem parent,
                                 const RemoraTvb *tvb, guint32 offset, guint32 length,
                                 const char *severity, const char *group,
                                 const char *format, ...) G_GNUC_PRINTF (8, 9);

void       remora_item_set_text     (RemoraPacket *pkt, RemoraItem item, const char *format, ...) G_GNUC_PRINTF (3, 4);
void       remora_item_append_text  (RemoraPacket *pkt, RemoraItem item, const char *format, ...) G_GNUC_PRINTF (3, 4);
void       remora_item_set_generated (RemoraPacket *pkt, RemoraItem item);
void       remora_item_set_hidden   (RemoraPacket *pkt, RemoraItem item);
void       remora_item_set_len      (RemoraPacket *pkt, RemoraItem item, guint32 length);

/* ---- reading the tree ---- */

static inline guint
remora_packet_get_n_nodes (const RemoraPacket *pkt)
{
  return pkt->nodes->len;
}

static inline const RemoraNode *
remora_packet_get_node (const RemoraPacket *pkt, RemoraItem item)
{
  g_assert (item > 0 && item <= pkt->nodes->len);
  return &g_array_index (pkt->nodes, RemoraNode, item - 1);
}

/* First top-level node (0 when none); walk with next_sibling / first_child. */
RemoraItem remora_packet_get_first_root (const RemoraPacket *pkt);
/* The label as shown in the tree ("Source Address: 10.0.0.5"). */
void       remora_node_format_label   (const RemoraPacket *pkt, RemoraItem item, GString *out);

/* ---- columns ---- */

void remora_col_set_protocol     (RemoraPacket *pkt, const char *str);  /* static string */
void remora_col_set_info         (RemoraPacket *pkt, const char *str);
void remora_col_add_info         (RemoraPacket *pkt, const char *format, ...) G_GNUC_PRINTF (2, 3);
void remora_col_append_info      (RemoraPacket *pkt, const char *format, ...) G_GNUC_PRINTF (2, 3);
/* Appends SEP first unless the column is empty (or ends at the fence). */
void remora_col_append_sep_info  (RemoraPacket *pkt, const char *sep, const char *format, ...) G_GNUC_PRINTF (3, 4);
void remora_col_clear_info       (RemoraPacket *pkt);
/* Text before the fence survives later set / clear calls. */
void remora_col_set_fence        (RemoraPacket *pkt);
void remora_address_set          (RemoraAddress *addr, RemoraAddressType type, const void *data, guint len);
/* Formats ADDR into BUF (at least 64 bytes) and returns BUF. */
const char *remora_address_to_str (const RemoraAddress *addr, char *buf, gsize size);

G_END_DECLS
