/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-capture"

#include "config.h"

#include "remora-capture-output.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#define BLOCK_SHB 0x0a0d0d0au
#define BLOCK_IDB 0x00000001u
#define BLOCK_EPB 0x00000006u

#define OPT_ENDOFOPT   0
#define OPT_SHB_USERAPPL 4
#define OPT_IF_NAME    2
#define OPT_IF_TSRESOL 9
#define OPT_IF_FILTER  11

#define PAD4(n) (((n) + 3u) & ~3u)

/* Large enough that a busy link costs few write() calls per wakeup; the
 * loop flushes every wakeup anyway, so this only bounds a burst. */
#define FLUSH_THRESHOLD (256u * 1024u)

typedef struct {
  char    *name;
  int      link_type;
  guint32  snaplen;
  char    *filter;
} OutIface;

struct _RcOutput {
  char        *path;          /* NULL = standard output */
  int          fd;
  GByteArray  *buf;
  guint64      file_size;     /* bytes in the current file, buffered included */
  guint64      ring_filesize;
  guint        ring_files;
  guint        ring_number;
  GQueue       ring_names;    /* char *, oldest first */
  GArray      *ifaces;        /* OutIface */
};

static void
out_iface_clear (gpointer data)
{
  OutIface *iface = data;

  g_free (iface->name);
  g_free (iface->filter);
}

RcOutput *
rc_output_new (const char *path,
               guint64     ring_filesize,
               guint       ring_files)
{
  RcOutput *output = g_new0 (RcOutput, 1);

  output->path = strcmp (path, "-") == 0 ? NULL : g_strdup (path);
  output->fd = -1;
  output->buf = g_byte_array_sized_new (FLUSH_THRESHOLD + 65536);
  output->ring_filesize = ring_filesize;
  output->ring_files = ring_files;
  g_queue_init (&output->ring_names);
  output->ifaces = g_array_new (FALSE, TRUE, sizeof (OutIface));
  g_array_set_clear_func (output->ifaces, out_iface_clear);
  return output;
}

void
rc_output_add_interface (RcOutput   *output,
                         const char *name,
                         int         link_type,
                         guint32     snaplen,
                         const char *filter)
{
  OutIface iface = { g_strdup (name), link_type, snaplen,
                     filter != NULL && filter[0] != '\0' ? g_strdup (filter) : NULL };

  g_array_append_val (output->ifaces, iface);
}

static void
put_u16 (GByteArray *buf,
         guint16     v)
{
  g_byte_array_append (buf, (const guint8 *) &v, 2);
}

static void
put_u32 (GByteArray *buf,
         guint32     v)
{
  g_byte_array_append (buf, (const guint8 *) &v, 4);
}

static void
put_pad (GByteArray *buf,
         gsize       len)
{
  static const guint8 zeros[4] = { 0 };

  g_byte_array_append (buf, zeros, PAD4 (len) - len);
}

/* An option whose value is PREFIX (0 or 1 byte) followed by LEN bytes. */
static void
put_option (GByteArray   *buf,
            guint16       code,
            const guint8 *prefix,
            gsize         prefix_len,
            const void   *value,
            gsize         len)
{
  put_u16 (buf, code);
  put_u16 (buf, (guint16) (prefix_len + len));
  if (prefix_len > 0)
    g_byte_array_append (buf, prefix, prefix_len);
  g_byte_array_append (buf, value, len);
  put_pad (buf, prefix_len + len);
}

/* Writes the total length at START + 4 and as the trailer. */
static void
end_block (GByteArray *buf,
           gsize       start)
{
  guint32 total = (guint32) (buf->len - start + 4);

  memcpy (buf->data + start + 4, &total, 4);
  put_u32 (buf, total);
}

static void
put_headers (RcOutput *output)
{
  GByteArray *buf = output->buf;
  gsize start = buf->len;
  const char *appl = "Remora remora-capture " PACKAGE_VERSION;
  guint64 unknown_length = G_MAXUINT64;

  put_u32 (buf, BLOCK_SHB);
  put_u32 (buf, 0);
  put_u32 (buf, 0x1a2b3c4du);
  put_u16 (buf, 1);
  put_u16 (buf, 0);
  g_byte_array_append (buf, (const guint8 *) &unknown_length, 8);
  put_option (buf, OPT_SHB_USERAPPL, NULL, 0, appl, strlen (appl));
  put_u32 (buf, OPT_ENDOFOPT);
  end_block (buf, start);

  for (guint i = 0; i < output->ifaces->len; i++)
    {
      const OutIface *iface = &g_array_index (output->ifaces, OutIface, i);
      static const guint8 nanoseconds = 9;
      static const guint8 libpcap_syntax = 0;

      start = buf->len;
      put_u32 (buf, BLOCK_IDB);
      put_u32 (buf, 0);
      put_u16 (buf, (guint16) iface->link_type);
      put_u16 (buf, 0);
      put_u32 (buf, iface->snaplen);
      put_option (buf, OPT_IF_NAME, NULL, 0, iface->name, strlen (iface->name));
      put_option (buf, OPT_IF_TSRESOL, NULL, 0, &nanoseconds, 1);
      if (iface->filter != NULL)
        put_option (buf, OPT_IF_FILTER, &libpcap_syntax, 1, iface->filter, strlen (iface->filter));
      put_u32 (buf, OPT_ENDOFOPT);
      end_block (buf, start);
    }
  output->file_size = buf->len;
}

static const char *
display_path (RcOutput *output)
{
  return output->path != NULL ? output->path : "standard output";
}

/* BASE_00001_20240131120000.EXT beside PATH, as dumpcap names ring files. */
static char *
ring_file_name (RcOutput *output)
{
  g_autofree char *dir = g_path_get_dirname (output->path);
  g_autofree char *base = g_path_get_basename (output->path);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d%H%M%S");
  const char *dot = strrchr (base, '.');
  g_autofree char *stem = dot != NULL && dot != base ? g_strndup (base, dot - base) : g_strdup (base);
  const char *ext = dot != NULL && dot != base ? dot : "";
  g_autofree char *name = g_strdup_printf ("%s_%05u_%s%s", stem, output->ring_number, stamp, ext);

  return g_build_filename (dir, name, NULL);
}

static gboolean
open_file (RcOutput  *output,
           GError   **error)
{
  g_autofree char *name = NULL;

  if (output->path == NULL)
    {
      output->fd = STDOUT_FILENO;
      return TRUE;
    }

  if (output->ring_filesize > 0)
    {
      output->ring_number++;
      name = ring_file_name (output);
    }
  else
    name = g_strdup (output->path);

  /* Captures hold other people's traffic: only the owner reads them. */
  output->fd = g_open (name, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (output->fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "The file \"%s\" could not be created: %s.", name, g_strerror (saved_errno));
      return FALSE;
    }
  if (output->ring_filesize > 0)
    {
      g_printerr ("remora-capture: file %s\n", name);
      g_queue_push_tail (&output->ring_names, g_steal_pointer (&name));
      while (output->ring_files > 0 && output->ring_names.length > output->ring_files)
        {
          g_autofree char *old = g_queue_pop_head (&output->ring_names);

          g_unlink (old);
        }
    }
  return TRUE;
}

gboolean
rc_output_open (RcOutput  *output,
                GError   **error)
{
  if (!open_file (output, error))
    return FALSE;
  put_headers (output);
  return rc_output_flush (output, error);
}

gboolean
rc_output_flush (RcOutput  *output,
                 GError   **error)
{
  gsize done = 0;

  while (done < output->buf->len)
    {
      gssize n = write (output->fd, output->buf->data + done, output->buf->len - done);

      if (n < 0)
        {
          int saved_errno = errno;

          if (saved_errno == EINTR)
            continue;
          g_byte_array_set_size (output->buf, 0);
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                       "Could not write to %s: %s.", display_path (output), g_strerror (saved_errno));
          return FALSE;
        }
      done += n;
    }
  g_byte_array_set_size (output->buf, 0);
  return TRUE;
}

static gboolean
next_ring_file (RcOutput  *output,
                GError   **error)
{
  if (!rc_output_flush (output, error))
    return FALSE;
  close (output->fd);
  output->fd = -1;
  return rc_output_open (output, error);
}

gboolean
rc_output_packet (RcOutput     *output,
                  guint         iface,
                  gint64        ts_ns,
                  guint32       caplen,
                  guint32       len,
                  const guint8 *data,
                  GError      **error)
{
  GByteArray *buf = output->buf;
  gsize start = buf->len;
  guint64 ts = (guint64) ts_ns;

  put_u32 (buf, BLOCK_EPB);
  put_u32 (buf, 0);
  put_u32 (buf, iface);
  put_u32 (buf, (guint32) (ts >> 32));
  put_u32 (buf, (guint32) ts);
  put_u32 (buf, caplen);
  put_u32 (buf, len);
  g_byte_array_append (buf, data, caplen);
  put_pad (buf, caplen);
  end_block (buf, start);
  output->file_size += buf->len - start;

  if (output->ring_filesize > 0 && output->file_size >= output->ring_filesize)
    return next_ring_file (output, error);
  if (buf->len >= FLUSH_THRESHOLD)
    return rc_output_flush (output, error);
  return TRUE;
}

guint64
rc_output_get_file_size (RcOutput *output)
{
  return output->file_size;
}

gboolean
rc_output_close (RcOutput  *output,
                 GError   **error)
{
  gboolean ok = TRUE;

  if (output->fd >= 0)
    {
      ok = rc_output_flush (output, error);
      if (output->fd != STDOUT_FILENO && close (output->fd) != 0 && ok)
        {
          int saved_errno = errno;

          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                       "Could not write to %s: %s.", display_path (output), g_strerror (saved_errno));
          ok = FALSE;
        }
    }
  g_queue_clear_full (&output->ring_names, g_free);
  g_array_unref (output->ifaces);
  g_byte_array_unref (output->buf);
  g_free (output->path);
  g_free (output);
  return ok;
}
