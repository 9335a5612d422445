/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-writer"

#include "config.h"

#include "remora-capture-reader.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

/* Output choices:
 * - pcap: one interface.  The magic is the microsecond one when the added
 *   interface's timestamps are whole microseconds (its units divide 1e6,
 *   as for every classic pcap and most pcapng files), so the file reads
 *   anywhere; otherwise the nanosecond magic, so nothing is lost.  A
 *   record with sub-microsecond digits in a microsecond file is truncated
 *   to the microsecond.
 * - pcapng: one section in host byte order, one IDB per added interface
 *   with if_tsresol = 9 (ns), EPBs with ns timestamps.
 * Both the writer's close() and abort() free it. */

#define OUTPUT_BUFFER_SIZE (1024u * 1024u)
#define DEFAULT_SNAPLEN    262144u

#define PAD4(n) (((n) + 3u) & ~3u)

typedef struct {
  int     link_type;
  guint32 snaplen;
} OutInterface;

struct _RemoraCaptureWriter {
  RemoraFileFormat format;
  char            *path;
  char            *tmp_path;      /* NULL when writing to stdout */
  int              fd;
  guint8          *buf;
  gsize            buf_len;
  GArray          *interfaces;    /* OutInterface */
  gboolean         pcap_nsec;
  gboolean         header_done;   /* pcap: file header written */
  gboolean         failed;
};

static gboolean
set_write_error (RemoraCaptureWriter  *writer,
                 GError              **error,
                 int                   saved_errno)
{
  writer->failed = TRUE;
  g_set_error (error, REMORA_CAPTURE_ERROR, REMORA_CAPTURE_ERROR_IO,
               "An error occurred while writing to the file \"%s\": %s.",
               writer->path, g_strerror (saved_errno));
  return FALSE;
}

static gboolean
write_all (RemoraCaptureWriter  *writer,
           const guint8         *data,
           gsize                 len,
           GError              **error)
{
  gsize done = 0;

  while (done < len)
    {
      gssize n = write (writer->fd, data + done, len - done);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          return set_write_error (writer, error, errno);
        }
      done += n;
    }
  return TRUE;
}

static gboolean
flush_buffer (RemoraCaptureWriter  *writer,
              GError              **error)
{
  if (!write_all (writer, writer->buf, writer->buf_len, error))
    return FALSE;
  writer->buf_len = 0;
  return TRUE;
}

/* Small writes gather in the buffer so the file sees few, large writes. */
static gboolean
put (RemoraCaptureWriter  *writer,
     const void           *data,
     gsize                 len,
     GError              **error)
{
  if (writer->buf_len + len > OUTPUT_BUFFER_SIZE && !flush_buffer (writer, error))
    return FALSE;
  if (len > OUTPUT_BUFFER_SIZE)
    return write_all (writer, data, len, error);
  /* Callers pass (NULL, 0) for empty blocks; memcpy must not see NULL. */
  if (len > 0)
    memcpy (writer->buf + writer->buf_len, data, len);
  writer->buf_len += len;
  return TRUE;
}

static gboolean
put_u16 (RemoraCaptureWriter *writer, guint16 v, GError **error)
{
  return put (writer, &v, 2, error);
}

static gboolean
put_u32 (RemoraCaptureWriter *writer, guint32 v, GError **error)
{
  return put (writer, &v, 4, error);
}

static gboolean
put_zeros (RemoraCaptureWriter *writer, gsize n, GError **error)
{
  static const guint8 zeros[4];

  g_assert (n <= 4);
  return put (writer, zeros, n, error);
}

/* A pcapng option: code, length, value padded to 4. */
static gboolean
put_option (RemoraCaptureWriter  *writer,
            guint16               code,
            const void           *value,
            guint16               len,
            GError              **error)
{
  return put_u16 (writer, code, error)
         && put_u16 (writer, len, error)
         && put (writer, value, len, error)
         && put_zeros (writer, PAD4 (len) - len, error);
}

static gsize
option_size (gsize len)
{
  return 4 + PAD4 (len);
}

static gboolean
write_shb (RemoraCaptureWriter  *writer,
           GError              **error)
{
  static const char appl[] = "Remora " PACKAGE_VERSION;
  const guint32 len = 28 + option_size (strlen (appl)) + 4;
  const guint64 section_len = G_MAXUINT64;   /* -1: not given */

  return put_u32 (writer, 0x0a0d0d0a, error)
         && put_u32 (writer, len, error)
         && put_u32 (writer, 0x1a2b3c4d, error)
         && put_u16 (writer, 1, error)
         && put_u16 (writer, 0, error)
         && put (writer, &section_len, 8, error)
         && put_option (writer, 4 /* shb_userappl */, appl, strlen (appl), error)
         && put_u32 (writer, 0, error)
         && put_u32 (writer, len, error);
}

RemoraCaptureWriter *
remora_capture_writer_new (const char        *path,
                           RemoraFileFormat   format,
                           GError           **error)
{
  RemoraCaptureWriter *writer;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (format == REMORA_FILE_FORMAT_PCAP || format == REMORA_FILE_FORMAT_PCAPNG,
                        NULL);

  writer = g_new0 (RemoraCaptureWriter, 1);
  writer->format = format;
  writer->path = g_strdup (path);
  writer->interfaces = g_array_new (FALSE, FALSE, sizeof (OutInterface));
  writer->buf = g_malloc (OUTPUT_BUFFER_SIZE);

  if (strcmp (path, "-") == 0)
    writer->fd = STDOUT_FILENO;
  else
    {
      g_autofree char *dir = g_path_get_dirname (path);
      g_autofree char *base = g_path_get_basename (path);
      g_autofree char *tmpl = g_strdup_printf (".%s.XXXXXX", base);
      struct stat st;

      /* Same folder as the target, so the final rename() is atomic and
       * never crosses a file system. */
      writer->tmp_path = g_build_filename (dir, tmpl, NULL);
      writer->fd = g_mkstemp_full (writer->tmp_path, O_WRONLY | O_CLOEXEC, 0666);
      if (writer->fd < 0)
        {
          int saved_errno = errno;

          g_set_error (error, REMORA_CAPTURE_ERROR, REMORA_CAPTURE_ERROR_IO,
                       "The file \"%s\" could not be created: %s.", path,
                       g_strerror (saved_errno));
          g_clear_pointer (&writer->tmp_path, g_free);
          remora_capture_writer_abort (writer);
          return NULL;
        }
      /* Replacing a file keeps its permissions. */
      if (g_stat (path, &st) == 0 && S_ISREG (st.st_mode))
        (void) fchmod (writer->fd, st.st_mode & 07777);
    }

  if (format == REMORA_FILE_FORMAT_PCAPNG && !write_shb (writer, error))
    {
      remora_capture_writer_abort (writer);
      return NULL;
    }
  return writer;
}

static gboolean
write_pcap_header (RemoraCaptureWriter  *writer,
                   const OutInterface   *iface,
                   GError              **error)
{
  writer->header_done = TRUE;
  return put_u32 (writer, writer->pcap_nsec ? 0xa1b23c4d : 0xa1b2c3d4, error)
         && put_u16 (writer, 2, error)
         && put_u16 (writer, 4, error)
         && put_u32 (writer, 0, error)      /* thiszone */
         && put_u32 (writer, 0, error)      /* sigfigs */
         && put_u32 (writer, iface->snaplen != 0 ? iface->snaplen : DEFAULT_SNAPLEN, error)
         && put_u32 (writer, (guint32) iface->link_type, error);
}

static gboolean
write_idb (RemoraCaptureWriter    *writer,
           const RemoraInterface  *iface,
           GError                **error)
{
  const guint8 tsresol = 9;
  gsize name_len = iface->name != NULL ? MIN (strlen (iface->name), 1024) : 0;
  gsize desc_len = iface->description != NULL ? MIN (strlen (iface->description), 1024) : 0;
  guint32 len = 20 + option_size (1) + 4;

  if (name_len > 0)
    len += option_size (name_len);
  if (desc_len > 0)
    len += option_size (desc_len);

  return put_u32 (writer, 1, error)
         && put_u32 (writer, len, error)
         && put_u16 (writer, (guint16) iface->link_type, error)
         && put_u16 (writer, 0, error)
         && put_u32 (writer, iface->snaplen, error)
         && (name_len == 0 || put_option (writer, 2, iface->name, name_len, error))
         && (desc_len == 0 || put_option (writer, 3, iface->description, desc_len, error))
         && put_option (writer, 9, &tsresol, 1, error)
         && put_u32 (writer, 0, error)
         && put_u32 (writer, len, error);
}

int
remora_capture_writer_add_interface (RemoraCaptureWriter    *writer,
                                     const RemoraInterface  *iface,
                                     GError                **error)
{
  OutInterface out;

  g_return_val_if_fail (writer != NULL, -1);
  g_return_val_if_fail (iface != NULL, -1);

  if (writer->failed)
    return -1;

  out.link_type = iface->link_type;
  out.snaplen = iface->snaplen;

  if (writer->format == REMORA_FILE_FORMAT_PCAP)
    {
      if (writer->interfaces->len > 0)
        {
          g_set_error (error, REMORA_CAPTURE_ERROR, REMORA_CAPTURE_ERROR_UNSUPPORTED,
                       "The pcap format holds a single interface; save \"%s\" as pcapng "
                       "to keep several.", writer->path);
          return -1;
        }
      writer->pcap_nsec = iface->ts_units == 0 || 1000000 % iface->ts_units != 0;
      if (!write_pcap_header (writer, &out, error))
        return -1;
    }
  else if (!write_idb (writer, iface, error))
    return -1;

  g_array_append_val (writer->interfaces, out);
  return writer->interfaces->len - 1;
}

static gboolean
write_pcap_record (RemoraCaptureWriter       *writer,
                   const RemoraPacketRecord  *record,
                   GError                   **error)
{
  const gint64 billion = G_GINT64_CONSTANT (1000000000);
  gint64 secs = record->ts_ns / billion;
  gint64 frac = record->ts_ns % billion;
  guint32 hdr[4];

  /* Floor division, so times before the epoch keep a positive fraction. */
  if (frac < 0)
    {
      frac += billion;
      secs -= 1;
    }
  hdr[0] = (guint32) secs;
  hdr[1] = (guint32) (writer->pcap_nsec ? frac : frac / 1000);
  hdr[2] = record->cap_len;
  hdr[3] = record->orig_len;
  return put (writer, hdr, sizeof hdr, error)
         && put (writer, record->data, record->cap_len, error);
}

static gboolean
write_epb (RemoraCaptureWriter       *writer,
           const RemoraPacketRecord  *record,
           GError                   **error)
{
  const guint64 ts = (guint64) record->ts_ns;
  guint32 len = 32 + PAD4 (record->cap_len);
  guint32 hdr[7];

  if (record->flags != 0)
    len += option_size (4) + 4;

  hdr[0] = 6;
  hdr[1] = len;
  hdr[2] = record->iface_id;
  hdr[3] = (guint32) (ts >> 32);
  hdr[4] = (guint32) ts;
  hdr[5] = record->cap_len;
  hdr[6] = record->orig_len;
  if (!put (writer, hdr, sizeof hdr, error)
      || !put (writer, record->data, record->cap_len, error)
      || !put_zeros (writer, PAD4 (record->cap_len) - record->cap_len, error))
    return FALSE;
  if (record->flags != 0
      && (!put_option (writer, 2, &record->flags, 4, error) || !put_u32 (writer, 0, error)))
    return FALSE;
  return put_u32 (writer, len, error);
}

gboolean
remora_capture_writer_write (RemoraCaptureWriter       *writer,
                             const RemoraPacketRecord  *record,
                             GError                   **error)
{
  g_return_val_if_fail (writer != NULL, FALSE);
  g_return_val_if_fail (record != NULL, FALSE);
  g_return_val_if_fail (record->data != NULL || record->cap_len == 0, FALSE);

  if (writer->failed)
    {
      g_set_error (error, REMORA_CAPTURE_ERROR, REMORA_CAPTURE_ERROR_IO,
                   "Writing to \"%s\" already failed.", writer->path);
      return FALSE;
    }
  if (record->iface_id >= writer->interfaces->len)
    {
      g_set_error (error, REMORA_CAPTURE_ERROR, REMORA_CAPTURE_ERROR_UNSUPPORTED,
                   "A packet for interface %u was written to \"%s\" before that "
                   "interface was added.", record->iface_id, writer->path);
      return FALSE;
    }
  if (record->cap_len > REMORA_MAX_PACKET_SIZE)
    {
      g_set_error (error, REMORA_CAPTURE_ERROR, REMORA_CAPTURE_ERROR_DAMAGED,
                   "A packet of %u bytes is too large to write to \"%s\".",
                   record->cap_len, writer->path);
      return FALSE;
    }

  if (writer->format == REMORA_FILE_FORMAT_PCAP)
    return write_pcap_record (writer, record, error);
  return write_epb (writer, record, error);
}

static void
writer_free (RemoraCaptureWriter *writer)
{
  if (writer->fd >= 0 && writer->fd != STDOUT_FILENO)
    close (writer->fd);
  g_free (writer->path);
  g_free (writer->tmp_path);
  g_free (writer->buf);
  g_array_unref (writer->interfaces);
  g_free (writer);
}

void
remora_capture_writer_abort (RemoraCaptureWriter *writer)
{
  if (writer == NULL)
    return;

  if (writer->tmp_path != NULL)
    g_unlink (writer->tmp_path);
  writer_free (writer);
}

gboolean
remora_capture_writer_close (RemoraCaptureWriter  *writer,
                             GError              **error)
{
  int fd;

  g_return_val_if_fail (writer != NULL, FALSE);

  if (writer->failed)
    {
      g_set_error (error, REMORA_CAPTURE_ERROR, REMORA_CAPTURE_ERROR_IO,
                   "Writing to \"%s\" failed; the file was not saved.", writer->path);
      goto fail;
    }

  /* A pcap file needs its header even with no packets. */
  if (writer->format == REMORA_FILE_FORMAT_PCAP && !writer->header_done)
    {
      OutInterface iface = { REMORA_LINKTYPE_ETHERNET, DEFAULT_SNAPLEN };

      if (!write_pcap_header (writer, &iface, error))
        goto fail;
    }
  if (!flush_buffer (writer, error))
    goto fail;

  if (writer->tmp_path == NULL)
    {
      writer_free (writer);
      return TRUE;
    }

  /* The data must be on disk before the name points at it, or a crash
   * could leave an empty file where the old one was. */
  if (fsync (writer->fd) < 0)
    {
      set_write_error (writer, error, errno);
      goto fail;
    }
  fd = writer->fd;
  writer->fd = -1;
  if (close (fd) < 0)
    {
      set_write_error (writer, error, errno);
      goto fail;
    }
  if (g_rename (writer->tmp_path, writer->path) < 0)
    {
      set_write_error (writer, error, errno);
      goto fail;
    }
  g_clear_pointer (&writer->tmp_path, g_free);
  writer_free (writer);
  return TRUE;

fail:
  remora_capture_writer_abort (writer);
  return FALSE;
}
