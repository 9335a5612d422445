/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-growing-map"

#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "capture-builders.h"
#include "remora-capture-reader.h"
#include "remora-frame-store.h"
#include "remora-growing-map.h"

/* The pieces a live capture's temporary file is made of: the reader's
 * copy of the stream as it reads it, records' data offsets into that
 * copy, and mappings of the growing file that never move. */

static char *
temp_path (int *fd)
{
  g_autoptr(GError) error = NULL;
  char *path = NULL;

  *fd = g_file_open_tmp ("remora-growing-map-XXXXXX", &path, &error);
  g_assert_no_error (error);
  return path;
}

typedef struct {
  int         fd;
  GByteArray *bytes;
} WriterJob;

static gpointer
pipe_writer_thread (gpointer data)
{
  WriterJob *job = data;

  /* Small pieces, so that records straddle reads. */
  for (guint off = 0; off < job->bytes->len; off += 501)
    {
      gsize len = MIN (501, job->bytes->len - off);

      g_assert_cmpint (write (job->fd, job->bytes->data + off, len), ==, (gssize) len);
    }
  close (job->fd);
  return NULL;
}

/* Every byte read from the pipe is in the copy, each record's bytes at
 * its data_offset there by the time the reader hands the record out. */
static void
test_reader_tee (void)
{
  g_autoptr(GByteArray) stream = g_byte_array_new ();
  g_autoptr(RemoraCaptureReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *copy = NULL;
  RemoraPacketRecord rec;
  WriterJob job;
  GThread *thread;
  gsize copy_len;
  int fds[2];
  int tee_fd;
  guint n = 0;

  cb_ng_shb (stream, FALSE);
  cb_ng_idb (stream, FALSE, 1, 0, "eth0", 9, 0);
  for (guint i = 0; i < 500; i++)
    cb_ng_epb (stream, FALSE, 0, 1000 + i, 40 + i % 300, 40 + i % 300, i, 0);

  path = temp_path (&tee_fd);
  g_assert_cmpint (pipe (fds), ==, 0);
  job = (WriterJob) { fds[1], stream };
  thread = g_thread_new ("pipe-writer", pipe_writer_thread, &job);

  reader = remora_capture_reader_open_fd_tee (fds[0], "pipe", tee_fd, &error);
  g_assert_no_error (error);
  while (remora_capture_reader_next (reader, &rec, &error) == REMORA_READ_PACKET)
    {
      guint8 buf[512];

      g_assert_cmpuint (rec.data_offset + rec.cap_len, <=, remora_capture_reader_get_tee_written (reader));
      g_assert_cmpint (pread (tee_fd, buf, rec.cap_len, rec.data_offset), ==, (gssize) rec.cap_len);
      g_assert_cmpmem (buf, rec.cap_len, rec.data, rec.cap_len);
      g_assert_true (cb_payload_ok (rec.data, rec.cap_len, n));
      n++;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 500);
  g_assert_null (remora_capture_reader_get_tee_error (reader));
  g_thread_join (thread);

  g_assert_true (g_file_get_contents (path, &copy, &copy_len, NULL));
  g_assert_cmpmem (copy, copy_len, stream->data, stream->len);
  g_assert_cmpuint (remora_capture_reader_get_tee_written (reader), ==, stream->len);
  close (tee_fd);
  g_unlink (path);
}

/* A copy that cannot be written says why and leaves the reading alone. */
static void
test_reader_tee_failure (void)
{
  g_autoptr(GByteArray) stream = g_byte_array_new ();
  g_autoptr(RemoraCaptureReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  RemoraPacketRecord rec;
  WriterJob job;
  GThread *thread;
  int fds[2];
  int tee_fd;
  int read_only;
  guint n = 0;

  cb_ng_shb (stream, FALSE);
  cb_ng_idb (stream, FALSE, 1, 0, "eth0", 9, 0);
  for (guint i = 0; i < 20; i++)
    cb_ng_epb (stream, FALSE, 0, i, 60, 60, i, 0);

  path = temp_path (&tee_fd);
  close (tee_fd);
  read_only = g_open (path, O_RDONLY, 0);
  g_assert_cmpint (read_only, >=, 0);
  g_assert_cmpint (pipe (fds), ==, 0);
  job = (WriterJob) { fds[1], stream };
  thread = g_thread_new ("pipe-writer", pipe_writer_thread, &job);

  reader = remora_capture_reader_open_fd_tee (fds[0], "pipe", read_only, &error);
  g_assert_no_error (error);
  while (remora_capture_reader_next (reader, &rec, &error) == REMORA_READ_PACKET)
    g_assert_true (cb_payload_ok (rec.data, rec.cap_len, n++));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 20);
  g_assert_error ((GError *) remora_capture_reader_get_tee_error (reader),
                  REMORA_CAPTURE_ERROR, REMORA_CAPTURE_ERROR_IO);
  g_assert_cmpuint (remora_capture_reader_get_tee_written (reader), ==, 0);
  g_thread_join (thread);
  close (read_only);
  g_unlink (path);
}

/* Addresses handed out before the file grew stay where they were and
 * keep their bytes; a packet across a window's end reads whole. */
static void
test_growing_map (void)
{
  g_autoptr(RemoraGrowingMap) map = NULL;
  g_autofree char *path = NULL;
  const guint64 window = G_GUINT64_CONSTANT (1) << 26;
  const guint64 across = window - 10;
  guint8 first[100];
  guint8 second[100];
  const guint8 *p_first;
  const guint8 *p_second;
  int fd;

  path = temp_path (&fd);
  for (guint i = 0; i < sizeof first; i++)
    {
      first[i] = (guint8) i;
      second[i] = (guint8) (255 - i);
    }
  g_assert_cmpint (pwrite (fd, first, sizeof first, 0), ==, sizeof first);

  map = remora_growing_map_new (g_open (path, O_RDONLY, 0));
  g_assert_true (remora_growing_map_ensure (map, 0, sizeof first));
  p_first = remora_growing_map_get (map, 0);
  g_assert_cmpmem (p_first, sizeof first, first, sizeof first);

  /* The file grows past the first window (sparse in between). */
  g_assert_cmpint (pwrite (fd, second, sizeof second, across), ==, sizeof second);
  g_assert_true (remora_growing_map_ensure (map, across, sizeof second));
  p_second = remora_growing_map_get (map, across);
  g_assert_cmpmem (p_second, sizeof second, second, sizeof second);
  g_assert_true (remora_growing_map_get (map, 0) == p_first);
  g_assert_cmpmem (p_first, sizeof first, first, sizeof first);

  /* Released pages read back from the file. */
  remora_growing_map_release (map, 0, across + sizeof second);
  g_assert_cmpmem (p_first, sizeof first, first, sizeof first);
  g_assert_cmpmem (p_second, sizeof second, second, sizeof second);

  /* Beyond what the window table covers: the caller keeps a copy. */
  g_assert_false (remora_growing_map_ensure (map, G_GUINT64_CONSTANT (1) << 41, 10));
  close (fd);
  g_unlink (path);
}

/* Frames appended in the file keep a record only and read their bytes
 * from the file; the others are copied, and both mix in one store. */
static void
test_frame_store_in_file (void)
{
  g_autoptr(RemoraFrameStore) store = remora_frame_store_new ();
  g_autofree char *path = NULL;
  guint8 bytes[64];
  RemoraPacketRecord rec = { 0 };
  int fd;

  path = temp_path (&fd);
  for (guint i = 0; i < sizeof bytes; i++)
    bytes[i] = (guint8) (i * 3);
  g_assert_cmpint (pwrite (fd, bytes, sizeof bytes, 4096), ==, sizeof bytes);
  remora_frame_store_set_growing_map (store, remora_growing_map_new (g_open (path, O_RDONLY, 0)));

  rec.data_offset = 4096;
  rec.cap_len = rec.orig_len = sizeof bytes;
  rec.ts_ns = 42;
  g_assert_cmpuint (remora_frame_store_append_in_file (store, &rec), ==, 1);
  rec.data = bytes;
  rec.cap_len = rec.orig_len = 10;
  g_assert_cmpuint (remora_frame_store_append (store, &rec), ==, 2);

  g_assert_true (remora_frame_store_get_record (store, 1)->flags & REMORA_FRAME_IN_FILE);
  g_assert_cmpint (remora_frame_store_get_record (store, 1)->ts_ns, ==, 42);
  g_assert_cmpmem (remora_frame_store_get_data (store, 1), sizeof bytes, bytes, sizeof bytes);
  g_assert_true (remora_frame_store_get_record (store, 2)->flags & REMORA_FRAME_IN_ARENA);
  g_assert_cmpmem (remora_frame_store_get_data (store, 2), 10, bytes, 10);
  close (fd);
  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/remora/growing-map/reader-tee", test_reader_tee);
  g_test_add_func ("/remora/growing-map/reader-tee-failure", test_reader_tee_failure);
  g_test_add_func ("/remora/growing-map/windows", test_growing_map);
  g_test_add_func ("/remora/growing-map/frame-store", test_frame_store_in_file);
  return g_test_run ();
}
