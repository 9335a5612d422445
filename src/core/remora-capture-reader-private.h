/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <zlib.h>

#include "remora-capture-reader.h"

G_BEGIN_DECLS

/* How a timestamp in interface units becomes nanoseconds; chosen once per
 * interface so the per-packet path is a switch, not a search. */
typedef enum {
  REMORA_TS_MUL,        /* ns = frac * factor            (units divide 1e9) */
  REMORA_TS_DIV,        /* ns = frac / factor            (1e9 divides units) */
  REMORA_TS_SHIFT,      /* ns = (frac * 1e9) >> shift    (units = 2^shift, shift <= 34) */
  REMORA_TS_SHIFT_BIG,  /* ns = ((frac >> (shift - 34)) * 1e9) >> 34 */
} RemoraTsMode;

typedef struct {
  RemoraTsMode mode;
  guint64      factor;
  guint        shift;
  guint64      units;
  gint64       offset_ns;
} RemoraTsConv;

struct _RemoraCaptureReader {
  char             *display_name;
  RemoraFileFormat  format;
  gboolean          compressed;

  /* Logical offset (in the decoded stream) of the next unread byte. */
  guint64           pos;

  /* Mapped regular file. */
  GMappedFile      *map;
  const guint8     *map_data;
  gsize             map_len;
  gboolean          release_behind;  /* drop pages already read (one-pass readers) */
  gsize             released;        /* bytes of the map released so far */

  /* Streams (pipes and gzip): decoded bytes live in buf[start, end). */
  int               fd;
  guint8           *buf;
  gsize             buf_size;
  gsize             buf_start;
  gsize             buf_end;
  gboolean          raw_eof;       /* read() returned 0 */
  gboolean          stream_eof;    /* no more decoded bytes will come */
  gboolean          gzip_truncated;
  char             *gzip_error;    /* inflate's complaint about corrupt data */

  /* Copy of the decoded stream (live captures' temporary file). */
  int               tee_fd;
  guint64           tee_written;
  GError           *tee_error;

  z_stream          zs;
  gboolean          zs_live;
  gboolean          zs_member_done;
  guint8           *zbuf;
  gsize             zbuf_size;

  /* Interfaces, global across pcapng sections, and their converters. */
  GArray           *interfaces;    /* RemoraInterface */
  GArray           *ts_conv;       /* RemoraTsConv, parallel to interfaces */

  /* Classic pcap. */
  gboolean          swapped;
  gboolean          pcap_nsec;
  gboolean          pcap_modified;
  guint32           snaplen;

  /* pcapng: byte order and first interface of the current section. */
  gboolean          section_swapped;
  guint             section_first_iface;
};

/* Largest pcapng block we hold in memory at once.  Packet blocks need the
 * packet plus room for options; section and interface headers only need
 * room for their options. */
#define REMORA_PCAPNG_MAX_META_BLOCK   (1024u * 1024u)
#define REMORA_PCAPNG_MAX_PACKET_BLOCK (REMORA_MAX_PACKET_SIZE + 64u * 1024u)
/* Blocks we skip are never held whole, but a length past this is damage. */
#define REMORA_PCAPNG_MAX_BLOCK        (64u * 1024u * 1024u)

/* Returns a pointer to up to N bytes at the current position without
 * consuming them; *AVAIL says how many are there (fewer than N only at the
 * end of the input).  NULL with ERROR set on a read or decompression error. */
const guint8 *_remora_reader_peek     (RemoraCaptureReader  *reader,
                                       gsize                 n,
                                       gsize                *avail,
                                       GError              **error);
void          _remora_reader_consume  (RemoraCaptureReader  *reader,
                                       gsize                 n);
/* Skips N bytes without holding them; returns how many were skipped (fewer
 * at the end of the input) or -1 with ERROR set. */
gint64        _remora_reader_skip     (RemoraCaptureReader  *reader,
                                       guint64               n,
                                       GError              **error);

/* Sets ERROR to "the file appears to be damaged or corrupt: <detail>". */
void          _remora_reader_set_damaged   (RemoraCaptureReader  *reader,
                                            GError              **error,
                                            const char           *format,
                                            ...) G_GNUC_PRINTF (3, 4);
/* Sets ERROR to "cut short in the middle of a packet" at OFFSET, or to the
 * gzip complaint if the compressed stream is what ended early. */
void          _remora_reader_set_truncated (RemoraCaptureReader  *reader,
                                            GError              **error,
                                            guint64               offset);
/* What to return when the input ends at a record boundary: a clean end,
 * or the error of a compressed stream that ended early or was corrupt. */
RemoraReadStatus _remora_reader_at_end     (RemoraCaptureReader  *reader,
                                            GError              **error);
/* Converts a timestamp in the interface's units to ns since the epoch. */
gint64        _remora_reader_ts_to_ns      (const RemoraTsConv   *conv,
                                            guint64               ts);
/* Adds an interface; takes the strings.  Returns FALSE with ERROR when the
 * resolution cannot be represented. */
gboolean      _remora_reader_add_interface (RemoraCaptureReader  *reader,
                                            const RemoraInterface *iface,
                                            GError              **error);

gboolean          _remora_pcap_open   (RemoraCaptureReader  *reader,
                                       GError              **error);
RemoraReadStatus  _remora_pcap_next   (RemoraCaptureReader  *reader,
                                       RemoraPacketRecord   *record,
                                       GError              **error);
gboolean          _remora_pcapng_open (RemoraCaptureReader  *reader,
                                       GError              **error);
RemoraReadStatus  _remora_pcapng_next (RemoraCaptureReader  *reader,
                                       RemoraPacketRecord   *record,
                                       GError              **error);

G_END_DECLS
