/* SPDX-License-Identifier: GPL-3.0-or-later */
#define _GNU_SOURCE
#define G_LOG_DOMAIN "remora-fuzz"

#include "config.h"

#include "fuzz-common.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "remora-capture-session-private.h"

/* What remora-capture hands the program, as the capture session takes it:
 * its pcapng (or whatever it wrote) through a pipe that fills a few bytes
 * at a time, so the reader meets every block cut at every point and must
 * wait for the rest, and its status lines.
 *
 * Input: byte 0 sets the chunk sizes (see next_chunk), the rest is the
 * stream.  A writer thread puts one chunk into the pipe and waits until the
 * reader has taken all of it before the next, so each read returns at most
 * one chunk, and the cut points follow from the input alone.  The packets
 * read must be those the same bytes give read as a whole file.  The bytes
 * then go line by line through the status-line parser. */

/* Chunks after this many are written in one piece: each chunk costs two
 * thread hand-overs. */
#define MAX_CHUNKS 512

typedef struct {
  const guint8 *data;
  gsize         size;
  guint8        chunk_seed;
  int           fd;
  gint          reader_done;
} Writer;

typedef struct {
  guint    n_packets;
  gboolean opened;
  gboolean failed;
  guint64  checksum;
} Outcome;

static gsize
next_chunk (guint32 *state,
            guint8   seed,
            guint    index,
            gsize    left)
{
  /* From 1 byte up to 2 .. 8192 bytes, as the seed says. */
  gsize max = (gsize) 2 << (seed % 13);

  if (index + 1 >= MAX_CHUNKS)
    return left;
  *state = *state * 1103515245u + 12345u;
  return MIN (left, 1 + (*state >> 8) % max);
}

static gpointer
write_chunks (gpointer user_data)
{
  Writer *w = user_data;
  guint32 state = w->chunk_seed;
  gsize done = 0;

  for (guint i = 0; done < w->size; i++)
    {
      gsize len = next_chunk (&state, w->chunk_seed, i, w->size - done);
      gsize put = 0;
      int queued;

      while (put < len)
        {
          ssize_t n = write (w->fd, w->data + done + put, len - put);

          if (n < 0 && errno == EINTR)
            continue;
          if (n <= 0)
            goto out;   /* the reader stopped and closed its end */
          put += (gsize) n;
        }
      done += len;
      /* Wait until the reader has taken the chunk (or stopped reading). */
      while (!g_atomic_int_get (&w->reader_done) &&
             ioctl (w->fd, FIONREAD, &queued) == 0 && queued > 0)
        sched_yield ();
      if (g_atomic_int_get (&w->reader_done))
        break;
    }
out:
  close (w->fd);
  return NULL;
}

static void
drain (RemoraCaptureReader *reader,
       Outcome             *outcome)
{
  RemoraPacketRecord record;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) published = g_array_new (FALSE, TRUE, sizeof (RemoraInterface));
  RemoraReadStatus st;

  while ((st = remora_capture_reader_next (reader, &record, &error)) == REMORA_READ_PACKET)
    {
      const RemoraInterface *iface = remora_capture_reader_get_interface (reader, record.iface_id);

      if (iface == NULL || record.cap_len > REMORA_MAX_PACKET_SIZE)
        abort ();
      /* The session extends its copy of the interface list whenever it
       * grows: the new entries must be there, the old ones unchanged. */
      if (published->len != remora_capture_reader_get_n_interfaces (reader))
        {
          for (guint i = 0; i < published->len; i++)
            if (memcmp (&g_array_index (published, RemoraInterface, i),
                        remora_capture_reader_get_interface (reader, i), sizeof (RemoraInterface)) != 0)
              abort ();
          for (guint i = published->len; i < remora_capture_reader_get_n_interfaces (reader); i++)
            g_array_append_val (published, *remora_capture_reader_get_interface (reader, i));
        }
      for (guint32 i = 0; i < record.cap_len; i++)
        outcome->checksum += record.data[i];
      outcome->checksum += (guint64) record.ts_ns + record.orig_len + record.iface_id +
                           record.flags + (guint64) iface->link_type;
      outcome->n_packets++;
    }
  if (st == REMORA_READ_ERROR)
    {
      if (error == NULL || error->message == NULL)
        abort ();
      outcome->failed = TRUE;
    }
}

static void
read_as_file (const uint8_t *data,
              size_t         size,
              Outcome       *outcome)
{
  g_autoptr(RemoraCaptureReader) reader = NULL;
  int fd = fuzz_fd_from_bytes (data, size, FALSE);
  char path[64];

  g_snprintf (path, sizeof path, "/proc/self/fd/%d", fd);
  reader = remora_capture_reader_open (path, NULL);
  close (fd);
  outcome->opened = reader != NULL;
  if (reader != NULL)
    drain (reader, outcome);
}

static void
read_as_stream (const uint8_t *data,
                size_t         size,
                guint8         chunk_seed,
                Outcome       *outcome)
{
  g_autoptr(RemoraCaptureReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  Writer w = { data, size, chunk_seed, -1, 0 };
  GThread *thread;
  int fds[2];

  if (pipe2 (fds, O_CLOEXEC) < 0)
    abort ();
  w.fd = fds[1];
  thread = g_thread_new ("fuzz-writer", write_chunks, &w);

  reader = remora_capture_reader_open_fd (fds[0], "remora-capture", &error);
  outcome->opened = reader != NULL;
  if (reader != NULL)
    drain (reader, outcome);
  else if (error == NULL || error->message == NULL)
    abort ();
  g_atomic_int_set (&w.reader_done, 1);
  /* Closes the read end (the reader owns it, opened or not), so a writer
   * blocked on a full pipe gets EPIPE. */
  g_clear_pointer (&reader, remora_capture_reader_free);
  g_thread_join (thread);
}

static void
parse_status_lines (const uint8_t *data,
                    size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  char *line = text;

  /* NULs end a line early here, as they would for the session's getline
   * and string copy. */
  for (;;)
    {
      char *nl = strchr (line, '\n');
      RemoraCaptureEvent event;
      g_autofree char *copy = NULL;

      if (nl != NULL)
        *nl = '\0';
      copy = g_strdup (line);
      _remora_capture_parse_status_line (copy, &event);
      if (event.kind > REMORA_CAPTURE_EVENT_OTHER)
        abort ();
      if ((event.kind == REMORA_CAPTURE_EVENT_CAPTURING || event.kind == REMORA_CAPTURE_EVENT_STATS)
          && event.iface == NULL)
        abort ();
      if (event.kind == REMORA_CAPTURE_EVENT_ERROR && (event.kind_name == NULL || event.text == NULL))
        abort ();
      /* Every string must be a terminated one the caller can copy. */
      g_free (g_strdup_printf ("%s %s %s", event.iface ? event.iface : "",
                               event.kind_name ? event.kind_name : "",
                               event.text ? event.text : ""));
      if (nl == NULL)
        break;
      line = nl + 1;
    }
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  /* The writer may write after the reader has closed the pipe. */
  signal (SIGPIPE, SIG_IGN);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  Outcome whole = { 0 }, streamed = { 0 };

  if (size < 1)
    return 0;
  fuzz_init ();

  read_as_file (data + 1, size - 1, &whole);
  read_as_stream (data + 1, size - 1, data[0], &streamed);
  if (whole.opened != streamed.opened || whole.n_packets != streamed.n_packets ||
      whole.checksum != streamed.checksum || whole.failed != streamed.failed)
    {
      fprintf (stderr, "fuzz-capture-stream: file and stream disagree: opened %d/%d, "
               "%u/%u packets, error %d/%d\n", whole.opened, streamed.opened,
               whole.n_packets, streamed.n_packets, whole.failed, streamed.failed);
      abort ();
    }

  parse_status_lines (data + 1, size - 1);
  return 0;
}
