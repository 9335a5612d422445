/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-capture"

#include "config.h"

#include "remora-capture-reader.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "remora-capture-reader-private.h"

/* Decoded-stream buffer: big enough for the largest packet block so that
 * ordinary captures never grow it, and reads stay large. */
#define STREAM_BUFFER_SIZE (512u * 1024u)
#define GZIP_INPUT_SIZE    (256u * 1024u)

G_DEFINE_QUARK (remora-capture-error-quark, remora_capture_error)

static const guint8 empty_input[1];

static void
clear_interface (gpointer data)
{
  RemoraInterface *iface = data;

  g_clear_pointer (&iface->name, g_free);
  g_clear_pointer (&iface->description, g_free);
}

static RemoraCaptureReader *
reader_new (const char *display_name)
{
  RemoraCaptureReader *reader = g_new0 (RemoraCaptureReader, 1);

  reader->display_name = g_strdup (display_name);
  reader->fd = -1;
  reader->tee_fd = -1;
  reader->interfaces = g_array_new (FALSE, TRUE, sizeof (RemoraInterface));
  g_array_set_clear_func (reader->interfaces, clear_interface);
  reader->ts_conv = g_array_new (FALSE, TRUE, sizeof (RemoraTsConv));
  return reader;
}

void
remora_capture_reader_free (RemoraCaptureReader *reader)
{
  if (reader == NULL)
    return;

  if (reader->zs_live)
    inflateEnd (&reader->zs);
  if (reader->fd >= 0)
    close (reader->fd);
  g_clear_pointer (&reader->map, g_mapped_file_unref);
  g_free (reader->buf);
  g_free (reader->zbuf);
  g_free (reader->gzip_error);
  g_clear_error (&reader->tee_error);
  g_array_unref (reader->interfaces);
  g_array_unref (reader->ts_conv);
  g_free (reader->display_name);
  g_free (reader);
}

/* ---- byte source: the map, or a bounded buffer refilled from the fd ---- */

static gssize
read_retry (int     fd,
            void   *dst,
            gsize   len)
{
  gssize n;

  do
    n = read (fd, dst, len);
  while (n < 0 && errno == EINTR);
  return n;
}

static gboolean
set_read_error (RemoraCaptureReader  *reader,
                GError              **error,
                int                   saved_errno)
{
  g_set_error (error, REMORA_CAPTURE_ERROR, REMORA_CAPTURE_ERROR_IO,
               "An error occurred while reading from the file \"%s\": %s.",
               reader->display_name, g_strerror (saved_errno));
  return FALSE;
}

/* Inflates into DST.  Returns the bytes produced, 0 at the end of the
 * decoded stream, -1 on a read error.  Returns as soon as some output
 * exists, so a live gzip stream is never held back. */
static gssize
inflate_some (RemoraCaptureReader  *reader,
              guint8               *dst,
              gsize                 len,
              GError              **error)
{
  z_stream *zs = &reader->zs;

  for (;;)
    {
      gsize produced;
      int ret;

      if (zs->avail_in == 0 && !reader->raw_eof)
        {
          gssize n = read_retry (reader->fd, reader->zbuf, reader->zbuf_size);

          if (n < 0)
            {
              set_read_error (reader, error, errno);
              return -1;
            }
          if (n == 0)
            reader->raw_eof = TRUE;
          zs->next_in = reader->zbuf;
          zs->avail_in = (uInt) n;
        }

      if (reader->zs_member_done)
        {
          if (zs->avail_in == 0)
            {
              if (reader->raw_eof)
                {
                  reader->stream_eof = TRUE;
                  return 0;
                }
              continue;
            }
          /* Concatenated gzip members decode as one stream (what `cat a.gz
           * b.gz` gives); anything else after a member is ignored, as
           * gzip itself does with trailing zeros. */
          if (zs->next_in[0] != 0x1f)
            {
              reader->stream_eof = TRUE;
              return 0;
            }
          inflateReset (zs);
          reader->zs_member_done = FALSE;
        }

      if (zs->avail_in == 0 && reader->raw_eof)
        {
          reader->gzip_truncated = TRUE;
          reader->stream_eof = TRUE;
          return 0;
        }

      zs->next_out = dst;
      zs->avail_out = (uInt) MIN (len, G_MAXUINT32);
      ret = inflate (zs, Z_NO_FLUSH);
      produced = MIN (len, G_MAXUINT32) - zs->avail_out;

      if (ret == Z_STREAM_END)
        reader->zs_member_done = TRUE;
      else if (ret != Z_OK && ret != Z_BUF_ERROR)
        {
          reader->gzip_error = g_strdup (zs->msg != NULL ? zs->msg : "invalid compressed data");
          reader->stream_eof = TRUE;
          return produced;
        }

      if (produced > 0)
        return produced;
    }
}

/* Copies decoded bytes to the tee as they enter the buffer, before any
 * record made of them is handed out. */
static void
tee_write (RemoraCaptureReader *reader,
           const guint8        *data,
           gsize                len)
{
  while (reader->tee_fd >= 0 && reader->tee_error == NULL && len > 0)
    {
      gssize n = write (reader->tee_fd, data, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          int saved_errno = n < 0 ? errno : ENOSPC;

          g_set_error (&reader->tee_error, REMORA_CAPTURE_ERROR, REMORA_CAPTURE_ERROR_IO,
                       "An error occurred while writing the copy of \"%s\": %s.",
                       reader->display_name, g_strerror (saved_errno));
          return;
        }
      reader->tee_written += n;
      data += n;
      len -= n;
    }
}

/* Makes NEED bytes available at buf_start, or as many as the input has. */
static gboolean
stream_fill (RemoraCaptureReader  *reader,
             gsize                 need,
             GError              **error)
{
  while (reader->buf_end - reader->buf_start < need && !reader->stream_eof)
    {
      gsize have = reader->buf_end - reader->buf_start;
      gsize want = need - have;
      gssize n;

      /* Slide the unread tail to the front only when the free end is too
       * small to take a large read; most calls append in place. */
      if (reader->buf_size - reader->buf_end < MAX (want, 64u * 1024u) && reader->buf_start > 0)
        {
          memmove (reader->buf, reader->buf + reader->buf_start, have);
          reader->buf_start = 0;
          reader->buf_end = have;
        }
      if (reader->buf_size < need)
        {
          /* Only reached by blocks larger than the default buffer; callers
           * have bounded NEED already. */
          reader->buf_size = MAX (need, reader->buf_size * 2);
          reader->buf = g_realloc (reader->buf, reader->buf_size);
        }

      if (reader->compressed)
        n = inflate_some (reader, reader->buf + reader->buf_end,
                          reader->buf_size - reader->buf_end, error);
      else
        {
          n = read_retry (reader->fd, reader->buf + reader->buf_end,
                          reader->buf_size - reader->buf_end);
          if (n < 0)
            return set_read_error (reader, error, errno);
          if (n == 0)
            reader->raw_eof = reader->stream_eof = TRUE;
        }
      if (n < 0)
        return FALSE;
      tee_write (reader, reader->buf + reader->buf_end, n);
      reader->buf_end += n;
    }
  return TRUE;
}

const guint8 *
_remora_reader_peek (RemoraCaptureReader  *reader,
                     gsize                 n,
                     gsize                *avail,
                     GError              **error)
{
  if (reader->map != NULL)
    {
      gsize left = reader->map_len - reader->pos;

      *avail = MIN (n, left);
      return reader->map_data != NULL ? reader->map_data + reader->pos : empty_input;
    }

  if (reader->buf_end - reader->buf_start < n && !stream_fill (reader, n, error))
    return NULL;
  *avail = MIN (n, reader->buf_end - reader->buf_start);
  return reader->buf != NULL ? reader->buf + reader->buf_start : empty_input;
}

void
_remora_reader_consume (RemoraCaptureReader *reader,
                        gsize                n)
{
  reader->pos += n;
  if (reader->map == NULL)
    {
      g_assert (n <= reader->buf_end - reader->buf_start);
      reader->buf_start += n;
      if (reader->buf_start == reader->buf_end)
        reader->buf_start = reader->buf_end = 0;
    }
  else
    g_assert (reader->pos <= reader->map_len);
}

gint64
_remora_reader_skip (RemoraCaptureReader  *reader,
                     guint64               n,
                     GError              **error)
{
  guint64 done = 0;

  if (reader->map != NULL)
    {
      guint64 left = reader->map_len - reader->pos;

      done = MIN (n, left);
      reader->pos += done;
      return done;
    }

  while (done < n)
    {
      gsize avail;
      gsize chunk = (gsize) MIN (n - done, (guint64) STREAM_BUFFER_SIZE);

      if (_remora_reader_peek (reader, chunk, &avail, error) == NULL)
        return -1;
      if (avail == 0)
        break;
      _remora_reader_consume (reader, avail);
      done += avail;
    }
  return done;
}

/* ---- errors ---- */

void
_remora_reader_set_damaged (RemoraCaptureReader  *reader,
                            GError              **error,
                            const char           *format,
                            ...)
{
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, REMORA_CAPTURE_ERROR, REMORA_CAPTURE_ERROR_DAMAGED,
               "The file \"%s\" appears to be damaged or corrupt: %s.",
               reader->display_name, detail);
}

static gboolean
set_compression_error (RemoraCaptureReader  *reader,
                       GError              **error)
{
  if (reader->gzip_error != NULL)
    {
      g_set_error (error, REMORA_CAPTURE_ERROR, REMORA_CAPTURE_ERROR_DAMAGED,
                   "The compressed file \"%s\" appears to be damaged or corrupt: "
                   "decompression failed after %" G_GUINT64_FORMAT " bytes (%s).",
                   reader->display_name, reader->pos, reader->gzip_error);
      return TRUE;
    }
  if (reader->gzip_truncated)
    {
      g_set_error (error, REMORA_CAPTURE_ERROR, REMORA_CAPTURE_ERROR_TRUNCATED,
                   "The compressed file \"%s\" appears to have been cut short "
                   "after %" G_GUINT64_FORMAT " decompressed bytes.",
                   reader->display_name, reader->pos);
      return TRUE;
    }
  return FALSE;
}

void
_remora_reader_set_truncated (RemoraCaptureReader  *reader,
                              GError              **error,
                              guint64               offset)
{
  if (set_compression_error (reader, error))
    return;
  g_set_error (error, REMORA_CAPTURE_ERROR, REMORA_CAPTURE_ERROR_TRUNCATED,
               "The file \"%s\" appears to have been cut short in the middle of a packet "
               "(record at offset %" G_GUINT64_FORMAT ").",
               reader->display_name, offset);
}

RemoraReadStatus
_remora_reader_at_end (RemoraCaptureReader  *reader,
                       GError              **error)
{
  if (set_compression_error (reader, error))
    return REMORA_READ_ERROR;
  return REMORA_READ_EOF;
}

/* ---- interfaces and timestamps ---- */

gint64
_remora_reader_ts_to_ns (const RemoraTsConv *conv,
                         guint64             ts)
{
  guint64 secs, frac, ns;

  /* Units of exactly 1 ns or 1 us are by far the common case. */
  if (conv->mode == REMORA_TS_MUL && conv->factor == 1)
    return (gint64) (ts + (guint64) conv->offset_ns);

  secs = ts / conv->units;
  frac = ts % conv->units;
  switch (conv->mode)
    {
    case REMORA_TS_MUL:
      ns = frac * conv->factor;
      break;
    case REMORA_TS_DIV:
      ns = frac / conv->factor;
      break;
    case REMORA_TS_SHIFT:
      /* frac < 2^shift <= 2^34 and 1e9 < 2^30: the product fits. */
      ns = (frac * G_GUINT64_CONSTANT (1000000000)) >> conv->shift;
      break;
    case REMORA_TS_SHIFT_BIG:
      /* Drop the sub-nanosecond bits first so the product fits. */
      ns = ((frac >> (conv->shift - 34)) * G_GUINT64_CONSTANT (1000000000)) >> 34;
      break;
    default:
      g_assert_not_reached ();
    }
  /* Unsigned arithmetic: absurd timestamps wrap instead of being UB. */
  return (gint64) (secs * G_GUINT64_CONSTANT (1000000000) + ns + (guint64) conv->offset_ns);
}

gboolean
_remora_reader_add_interface (RemoraCaptureReader    *reader,
                              const RemoraInterface  *iface,
                              GError                **error)
{
  const guint64 billion = G_GUINT64_CONSTANT (1000000000);
  RemoraTsConv conv = { 0 };

  g_assert (iface->ts_units != 0);

  if (reader->interfaces->len >= REMORA_MAX_INTERFACES)
    {
      g_set_error (error, REMORA_CAPTURE_ERROR, REMORA_CAPTURE_ERROR_UNSUPPORTED,
                   "The file \"%s\" describes more than %u capture interfaces, "
                   "which is more than Remora can read.",
                   reader->display_name, REMORA_MAX_INTERFACES);
      clear_interface ((RemoraInterface *) iface);
      return FALSE;
    }

  conv.units = iface->ts_units;
  conv.offset_ns = (gint64) ((guint64) iface->ts_offset_s * billion);
  if (billion % iface->ts_units == 0)
    {
      conv.mode = REMORA_TS_MUL;
      conv.factor = billion / iface->ts_units;
    }
  else if (iface->ts_units % billion == 0)
    {
      conv.mode = REMORA_TS_DIV;
      conv.factor = iface->ts_units / billion;
    }
  else if ((iface->ts_units & (iface->ts_units - 1)) == 0)
    {
      conv.shift = g_bit_nth_lsf (iface->ts_units, -1);
      conv.mode = conv.shift <= 34 ? REMORA_TS_SHIFT : REMORA_TS_SHIFT_BIG;
    }
  else
    {
      g_set_error (error, REMORA_CAPTURE_ERROR, REMORA_CAPTURE_ERROR_UNSUPPORTED,
                   "The file \"%s\" uses a timestamp resolution of %" G_GUINT64_FORMAT
                   " units per second, which Remora cannot represent.",
                   reader->display_name, iface->ts_units);
      clear_interface ((RemoraInterface *) iface);
      return FALSE;
    }

  g_array_append_vals (reader->interfaces, iface, 1);
  g_array_append_val (reader->ts_conv, conv);
  return TRUE;
}

/* ---- opening ---- */

static gboolean
detect_format (RemoraCaptureReader  *reader,
               GError              **error)
{
  const guint8 *p;
  gsize avail;
  guint32 magic;

  p = _remora_reader_peek (reader, 4, &avail, error);
  if (p == NULL)
    return FALSE;
  if (avail < 4)
    {
      if (set_compression_error (reader, error))
        return FALSE;
      goto not_capture;
    }

  magic = GUINT32_FROM_BE (*(const guint32 *) (const void *) p);
  switch (magic)
    {
    case 0xa1b2c3d4: case 0xd4c3b2a1:
    case 0xa1b23c4d: case 0x4d3cb2a1:
    case 0xa1b2cd34: case 0x34cdb2a1:
      reader->format = REMORA_FILE_FORMAT_PCAP;
      return _remora_pcap_open (reader, error);

    case 0x0a0d0d0a:
      reader->format = REMORA_FILE_FORMAT_PCAPNG;
      return _remora_pcapng_open (reader, error);

    default:
      break;
    }

not_capture:
  g_set_error (error, REMORA_CAPTURE_ERROR, REMORA_CAPTURE_ERROR_NOT_CAPTURE,
               "The file \"%s\" isn't a capture file in a format Remora understands.",
               reader->display_name);
  return FALSE;
}

/* Streams start here: the first bytes decide whether zlib sits between the
 * fd and the decoded buffer. */
static RemoraCaptureReader *
open_stream (int                   fd,
             const char           *display_name,
             int                   tee_fd,
             GError              **error)
{
  g_autoptr(RemoraCaptureReader) reader = reader_new (display_name);
  gsize got = 0;

  reader->fd = fd;
  reader->tee_fd = tee_fd;
  reader->buf_size = STREAM_BUFFER_SIZE;
  reader->buf = g_malloc (reader->buf_size);

  /* Read at least two raw bytes, without ever asking for more than what
   * is already there. */
  while (got < 2)
    {
      gssize n = read_retry (fd, reader->buf + got, reader->buf_size - got);

      if (n < 0)
        {
          set_read_error (reader, error, errno);
          return NULL;
        }
      if (n == 0)
        {
          reader->raw_eof = reader->stream_eof = TRUE;
          break;
        }
      got += n;
    }

  if (got >= 2 && reader->buf[0] == 0x1f && reader->buf[1] == 0x8b)
    {
      reader->compressed = TRUE;
      reader->zbuf_size = MAX (GZIP_INPUT_SIZE, got);
      reader->zbuf = g_malloc (reader->zbuf_size);
      memcpy (reader->zbuf, reader->buf, got);
      memset (&reader->zs, 0, sizeof reader->zs);
      /* 16 + MAX_WBITS: gzip wrapper only. */
      if (inflateInit2 (&reader->zs, 16 + MAX_WBITS) != Z_OK)
        {
          g_set_error (error, REMORA_CAPTURE_ERROR, REMORA_CAPTURE_ERROR_IO,
                       "Could not start decompressing \"%s\".", display_name);
          return NULL;
        }
      reader->zs_live = TRUE;
      reader->zs.next_in = reader->zbuf;
      reader->zs.avail_in = (uInt) got;
    }
  else
    {
      tee_write (reader, reader->buf, got);
      reader->buf_end = got;
    }

  if (!detect_format (reader, error))
    return NULL;
  return g_steal_pointer (&reader);
}

RemoraCaptureReader *
remora_capture_reader_open_fd (int          fd,
                               const char  *display_name,
                               GError     **error)
{
  g_return_val_if_fail (fd >= 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (display_name == NULL)
    display_name = "-";
  return open_stream (fd, display_name, -1, error);
}

RemoraCaptureReader *
remora_capture_reader_open_fd_tee (int          fd,
                                   const char  *display_name,
                                   int          tee_fd,
                                   GError     **error)
{
  g_return_val_if_fail (fd >= 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (display_name == NULL)
    display_name = "-";
  return open_stream (fd, display_name, tee_fd, error);
}

guint64
remora_capture_reader_get_tee_written (RemoraCaptureReader *reader)
{
  g_return_val_if_fail (reader != NULL, 0);

  return reader->tee_written;
}

const GError *
remora_capture_reader_get_tee_error (RemoraCaptureReader *reader)
{
  g_return_val_if_fail (reader != NULL, NULL);

  return reader->tee_error;
}

RemoraCaptureReader *
remora_capture_reader_open (const char  *path,
                            GError     **error)
{
  g_autoptr(RemoraCaptureReader) reader = NULL;
  g_autoptr(GError) local_error = NULL;
  struct stat st;
  guint8 magic[2];
  int fd;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (strcmp (path, "-") == 0)
    {
      /* A duplicate, so freeing the reader does not close stdin. */
      fd = dup (STDIN_FILENO);
      if (fd < 0)
        {
          int saved_errno = errno;

          g_set_error (error, REMORA_CAPTURE_ERROR, REMORA_CAPTURE_ERROR_IO,
                       "Could not read standard input: %s.", g_strerror (saved_errno));
          return NULL;
        }
      return open_stream (fd, "-", -1, error);
    }

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0 || fstat (fd, &st) < 0)
    {
      int saved_errno = errno;

      if (fd >= 0)
        close (fd);
      g_set_error (error, REMORA_CAPTURE_ERROR, REMORA_CAPTURE_ERROR_IO,
                   "The file \"%s\" could not be opened: %s.", path, g_strerror (saved_errno));
      return NULL;
    }
  if (S_ISDIR (st.st_mode))
    {
      close (fd);
      g_set_error (error, REMORA_CAPTURE_ERROR, REMORA_CAPTURE_ERROR_IO,
                   "\"%s\" is a folder, not a file.", path);
      return NULL;
    }

  /* Compression is decided by content, not by name. */
  if (!S_ISREG (st.st_mode)
      || (pread (fd, magic, 2, 0) == 2 && magic[0] == 0x1f && magic[1] == 0x8b))
    return open_stream (fd, path, -1, error);

  reader = reader_new (path);
  reader->map = g_mapped_file_new_from_fd (fd, FALSE, &local_error);
  close (fd);
  if (reader->map == NULL)
    {
      g_set_error (error, REMORA_CAPTURE_ERROR, REMORA_CAPTURE_ERROR_IO,
                   "The file \"%s\" could not be read: %s.", path, local_error->message);
      return NULL;
    }
  reader->map_data = (const guint8 *) g_mapped_file_get_contents (reader->map);
  reader->map_len = g_mapped_file_get_length (reader->map);

  if (!detect_format (reader, error))
    return NULL;
  return g_steal_pointer (&reader);
}

void
remora_capture_reader_set_release_behind (RemoraCaptureReader *reader,
                                          gboolean             release)
{
  g_return_if_fail (reader != NULL);

  reader->release_behind = !!release;
}

/* Releases the mapped pages more than a window behind the read position;
 * called every few MiB, so the cost is one madvise per window. */
static void
release_behind (RemoraCaptureReader *reader)
{
  const gsize window = 16u * 1024 * 1024;
  gsize page = (gsize) sysconf (_SC_PAGESIZE);
  gsize upto;

  if (reader->pos < reader->released + 2 * window)
    return;
  upto = (reader->pos - window) / page * page;
  if (upto <= reader->released)
    return;
  madvise ((void *) (reader->map_data + reader->released), upto - reader->released, MADV_DONTNEED);
  reader->released = upto;
}

RemoraReadStatus
remora_capture_reader_next (RemoraCaptureReader  *reader,
                            RemoraPacketRecord   *record,
                            GError              **error)
{
  g_return_val_if_fail (reader != NULL, REMORA_READ_ERROR);
  g_return_val_if_fail (record != NULL, REMORA_READ_ERROR);

  if (reader->release_behind && reader->map_data != NULL)
    release_behind (reader);

  switch (reader->format)
    {
    case REMORA_FILE_FORMAT_PCAP:
      return _remora_pcap_next (reader, record, error);
    case REMORA_FILE_FORMAT_PCAPNG:
      return _remora_pcapng_next (reader, record, error);
    default:
      g_assert_not_reached ();
    }
  return REMORA_READ_ERROR;
}

RemoraFileFormat
remora_capture_reader_get_format (RemoraCaptureReader *reader)
{
  g_return_val_if_fail (reader != NULL, REMORA_FILE_FORMAT_PCAP);

  return reader->format;
}

gboolean
remora_capture_reader_is_compressed (RemoraCaptureReader *reader)
{
  g_return_val_if_fail (reader != NULL, FALSE);

  return reader->compressed;
}

GMappedFile *
remora_capture_reader_get_mapped_file (RemoraCaptureReader *reader)
{
  g_return_val_if_fail (reader != NULL, NULL);

  return reader->map;
}

guint
remora_capture_reader_get_n_interfaces (RemoraCaptureReader *reader)
{
  g_return_val_if_fail (reader != NULL, 0);

  return reader->interfaces->len;
}

const RemoraInterface *
remora_capture_reader_get_interface (RemoraCaptureReader *reader,
                                     guint                id)
{
  g_return_val_if_fail (reader != NULL, NULL);

  if (id >= reader->interfaces->len)
    return NULL;
  return &g_array_index (reader->interfaces, RemoraInterface, id);
}

const char *
remora_capture_reader_get_display_name (RemoraCaptureReader *reader)
{
  g_return_val_if_fail (reader != NULL, NULL);

  return reader->display_name;
}
