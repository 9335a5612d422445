/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <gio/gio.h>

G_BEGIN_DECLS

/* Link-layer header types, numbered as pcap's LINKTYPE_* values
 * (https://www.tcpdump.org/linktypes.html). */
enum {
  REMORA_LINKTYPE_NULL        = 0,
  REMORA_LINKTYPE_ETHERNET    = 1,
  REMORA_LINKTYPE_PPP         = 9,
  REMORA_LINKTYPE_RAW         = 101,
  REMORA_LINKTYPE_PPP_HDLC    = 50,
  REMORA_LINKTYPE_PPP_ETHER   = 51,
  REMORA_LINKTYPE_C_HDLC      = 104,
  REMORA_LINKTYPE_LOOP        = 108,
  REMORA_LINKTYPE_LINUX_SLL   = 113,
  REMORA_LINKTYPE_IPV4        = 228,
  REMORA_LINKTYPE_IPV6        = 229,
  REMORA_LINKTYPE_NFLOG       = 239,
  REMORA_LINKTYPE_LINUX_SLL2  = 276,
};

/* Largest packet we accept, as Wireshark does for most link types: a
 * record claiming more is damage, not data. */
#define REMORA_MAX_PACKET_SIZE (256u * 1024u)

/* Most interfaces one file may describe (across its pcapng sections), and
 * most bytes kept of an interface's name and of its description.  Real
 * captures have a few, merged ones hundreds; the bounds keep what a file
 * (or a compressed one, or a stream) can make us hold to tens of MiB. */
#define REMORA_MAX_INTERFACES       65536u
#define REMORA_MAX_INTERFACE_STRING 256u

typedef enum {
  REMORA_FILE_FORMAT_PCAP,        /* microsecond or nanosecond, either byte order */
  REMORA_FILE_FORMAT_PCAPNG,
} RemoraFileFormat;

/* One capture interface.  pcap files have exactly one; pcapng files have
 * one per IDB, counted across sections (the id is global to the file). */
typedef struct {
  int       link_type;      /* LINKTYPE_* */
  guint32   snaplen;        /* 0 = unlimited */
  char     *name;           /* if_name, or NULL */
  char     *description;    /* if_description, or NULL */
  guint64   ts_units;       /* timestamp units per second (1e6, 1e9, ...) */
  gint64    ts_offset_s;    /* if_tsoffset, seconds */
} RemoraInterface;

/* One packet as the reader hands it out.  `data` stays valid until the next
 * call of remora_capture_reader_next() (streams) or as long as the reader
 * lives (mapped files, where `file_offset` locates the bytes in the map). */
typedef struct {
  const guint8 *data;
  gint64        ts_ns;        /* nanoseconds since the Unix epoch */
  guint32       cap_len;
  guint32       orig_len;
  guint32       iface_id;
  guint32       flags;        /* pcapng epb_flags (direction etc.), 0 otherwise */
  guint64       file_offset;  /* where the record starts in the file (for messages) */
  guint64       data_offset;  /* where DATA starts in the file (the decoded stream) */
} RemoraPacketRecord;

typedef enum {
  REMORA_READ_PACKET,         /* *record was filled */
  REMORA_READ_EOF,            /* clean end of input */
  REMORA_READ_ERROR,          /* damage: error set, everything read before it stays valid */
} RemoraReadStatus;

#define REMORA_CAPTURE_ERROR (remora_capture_error_quark ())
typedef enum {
  REMORA_CAPTURE_ERROR_NOT_CAPTURE,     /* not a pcap / pcapng file (or empty) */
  REMORA_CAPTURE_ERROR_TRUNCATED,       /* cut short in the middle of a header or packet */
  REMORA_CAPTURE_ERROR_DAMAGED,         /* a length or field that cannot be right */
  REMORA_CAPTURE_ERROR_UNSUPPORTED,     /* a valid file we do not read (e.g. unknown pcapng version) */
  REMORA_CAPTURE_ERROR_IO,              /* open/read/write failed; message has strerror */
} RemoraCaptureError;

GQuark remora_capture_error_quark (void);

typedef struct _RemoraCaptureReader RemoraCaptureReader;

/* Opens PATH ("-" is standard input).  Regular uncompressed files are
 * mmapped; gzip files and pipes are decoded as a stream.  The file header
 * (and for pcapng the first section header) is read here, so a file that is
 * not a capture fails now with REMORA_CAPTURE_ERROR_NOT_CAPTURE. */
RemoraCaptureReader *remora_capture_reader_open     (const char           *path,
                                                     GError              **error);
/* The same over an already open file descriptor (a pipe from the capture
 * helper); the reader takes ownership of FD.  DISPLAY_NAME is used in messages. */
RemoraCaptureReader *remora_capture_reader_open_fd  (int                   fd,
                                                     const char           *display_name,
                                                     GError              **error);
/* The same, and every byte read from FD is also written to TEE_FD (not
 * owned) before the reader parses it, so a record handed out is already
 * in the tee at its data_offset.  A failed write stops the copying:
 * remora_capture_reader_get_tee_written() stays where it was and
 * remora_capture_reader_get_tee_error() says why. */
RemoraCaptureReader *remora_capture_reader_open_fd_tee (int               fd,
                                                        const char       *display_name,
                                                        int               tee_fd,
                                                        GError          **error);
/* Bytes written to the tee so far. */
guint64              remora_capture_reader_get_tee_written (RemoraCaptureReader *reader);
const GError        *remora_capture_reader_get_tee_error   (RemoraCaptureReader *reader);
void                 remora_capture_reader_free     (RemoraCaptureReader  *reader);
/* For a reader that goes through a mapped file once (remora-cli): tells the
 * kernel that the pages behind the current position will not be needed
 * again, so a large capture does not stay resident as it is read.  Bytes
 * handed out earlier stay readable (the kernel reads them back if asked). */
void                 remora_capture_reader_set_release_behind (RemoraCaptureReader *reader,
                                                               gboolean             release);
RemoraReadStatus     remora_capture_reader_next     (RemoraCaptureReader  *reader,
                                                     RemoraPacketRecord   *record,
                                                     GError              **error);
RemoraFileFormat     remora_capture_reader_get_format        (RemoraCaptureReader *reader);
gboolean             remora_capture_reader_is_compressed     (RemoraCaptureReader *reader);
/* The mapping behind a regular file, or NULL for streams. */
GMappedFile         *remora_capture_reader_get_mapped_file   (RemoraCaptureReader *reader);
guint                remora_capture_reader_get_n_interfaces  (RemoraCaptureReader *reader);
const RemoraInterface *remora_capture_reader_get_interface   (RemoraCaptureReader *reader,
                                                              guint                id);
const char          *remora_capture_reader_get_display_name  (RemoraCaptureReader *reader);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RemoraCaptureReader, remora_capture_reader_free)

/* ---- writing ---- */

typedef struct _RemoraCaptureWriter RemoraCaptureWriter;

/* Writes to PATH through a temporary file in the same folder that replaces
 * PATH only on a successful remora_capture_writer_close(); "-" writes to
 * standard output.  Interfaces must be added before packets that use them. */
RemoraCaptureWriter *remora_capture_writer_new      (const char           *path,
                                                     RemoraFileFormat      format,
                                                     GError              **error);
/* Returns the interface id in the output (pcap: only one interface, and
 * only one link type, may be added; a second gets an error). */
int                  remora_capture_writer_add_interface (RemoraCaptureWriter    *writer,
                                                          const RemoraInterface  *iface,
                                                          GError                **error);
gboolean             remora_capture_writer_write    (RemoraCaptureWriter       *writer,
                                                     const RemoraPacketRecord  *record,
                                                     GError                   **error);
/* Flushes and renames into place; on failure the target is left untouched. */
gboolean             remora_capture_writer_close    (RemoraCaptureWriter  *writer,
                                                     GError              **error);
/* Drops the temporary file without touching the target. */
void                 remora_capture_writer_abort    (RemoraCaptureWriter  *writer);

G_END_DECLS
