/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-frame-store"

#include "config.h"

#include <unistd.h>

#include "remora-frame-store.h"
#include "capture-builders.h"

static char *scratch;

static void
test_record_size (void)
{
  g_assert_cmpuint (sizeof (RemoraFrameRecord), ==, 24);
}

static void
test_empty (void)
{
  g_autoptr(RemoraFrameStore) store = remora_frame_store_new ();

  g_assert_cmpuint (remora_frame_store_get_n_frames (store), ==, 0);
  g_assert_cmpuint (remora_frame_store_get_n_interfaces (store), ==, 0);
  g_assert_null (remora_frame_store_get_interface (store, 0));
}

static void
test_arena (void)
{
  g_autoptr(RemoraFrameStore) store = remora_frame_store_new ();
  const guint n = 200000;
  guint8 buf[200];
  guint64 last_chunk = 0;

  for (guint i = 0; i < n; i++)
    {
      RemoraPacketRecord rec = { 0 };
      guint len = 20 + i % 150;

      for (guint b = 0; b < len; b++)
        buf[b] = (guint8) (i + b);
      rec.data = buf;
      rec.cap_len = len;
      rec.orig_len = len + 1;
      rec.ts_ns = (gint64) i * 1000;
      rec.flags = i & 3;
      g_assert_cmpuint (remora_frame_store_append (store, &rec), ==, i + 1);
    }
  g_assert_cmpuint (remora_frame_store_get_n_frames (store), ==, n);

  for (guint i = 0; i < n; i++)
    {
      const RemoraFrameRecord *r = remora_frame_store_get_record (store, i + 1);
      const guint8 *data = remora_frame_store_get_data (store, i + 1);
      guint len = 20 + i % 150;

      g_assert_cmpuint (r->cap_len, ==, len);
      g_assert_cmpuint (r->orig_len, ==, len + 1);
      g_assert_cmpint (r->ts_ns, ==, (gint64) i * 1000);
      g_assert_true (r->flags & REMORA_FRAME_IN_ARENA);
      g_assert_cmpuint (remora_frame_store_get_packet_flags (store, i + 1), ==, i & 3);
      /* No packet straddles a 16 MiB chunk. */
      g_assert_cmpuint ((r->data_offset & 0xffffff) + len, <=, 1u << 24);
      last_chunk = MAX (last_chunk, r->data_offset >> 24);
      for (guint b = 0; b < len; b++)
        if (data[b] != (guint8) (i + b))
          g_assert_not_reached ();
    }
  /* ~19 MB of packets: a second arena chunk was needed. */
  g_assert_cmpuint (last_chunk, ==, 1);
  g_assert_cmpuint (remora_frame_store_get_memory_size (store), >=, 2u << 24);
}

/* A million frames cost 24 MB of records; pcapng packet flags cost
 * memory only in the record chunks (65,536 frames) that have some. */
static void
test_packed (void)
{
  g_autoptr(RemoraFrameStore) store = remora_frame_store_new ();
  const guint n = 3 * 65536;
  gsize plain, flagged;

  for (guint i = 0; i < n; i++)
    {
      RemoraPacketRecord rec = { (const guint8 *) "xyz", i, 3, 3, 0, 0, 0 };

      g_assert_cmpuint (remora_frame_store_append (store, &rec), ==, i + 1);
    }
  plain = remora_frame_store_get_memory_size (store);
  g_assert_cmpuint (plain, <, (gsize) n * 24 + (1u << 24) + 4096);

  for (guint i = 0; i < 10; i++)
    {
      RemoraPacketRecord rec = { (const guint8 *) "xyz", i, 3, 3, 0, 0, 0 };

      rec.flags = i + 1;
      g_assert_cmpuint (remora_frame_store_append (store, &rec), ==, n + i + 1);
    }
  flagged = remora_frame_store_get_memory_size (store);
  /* one more record chunk, one flags chunk beside it */
  g_assert_cmpuint (flagged - plain, ==, 65536 * 24 + 65536 * 4);
  for (guint i = 0; i < 10; i++)
    g_assert_cmpuint (remora_frame_store_get_packet_flags (store, n + i + 1), ==, i + 1);
  g_assert_cmpuint (remora_frame_store_get_packet_flags (store, n), ==, 0);
  g_assert_cmpuint (remora_frame_store_get_packet_flags (store, 1), ==, 0);
}

static void
test_numbers (void)
{
  g_autoptr(RemoraFrameStore) store = remora_frame_store_new ();
  RemoraPacketRecord rec = { (const guint8 *) "xyz", 5, 3, 3, 0, 0, 0 };
  RemoraInterface iface = { REMORA_LINKTYPE_ETHERNET, 0, (char *) "eth0", NULL, 1000000, 0 };

  g_assert_cmpuint (remora_frame_store_append (store, &rec), ==, 1);
  g_assert_cmpuint (remora_frame_store_append (store, &rec), ==, 2);
  g_assert_cmpint (remora_frame_store_get_record (store, 1)->ts_ns, ==, 5);
  g_assert_cmpmem (remora_frame_store_get_data (store, 2), 3, "xyz", 3);
  remora_frame_store_add_interface (store, &iface);
  g_assert_cmpstr (remora_frame_store_get_interface (store, 0)->name, ==, "eth0");
  /* The store keeps its own copy of the strings. */
  g_assert_true (remora_frame_store_get_interface (store, 0)->name != iface.name);

  if (g_test_undefined ())
    {
      g_test_expect_message ("remora-frame-store", G_LOG_LEVEL_CRITICAL, "*number*");
      g_assert_null (remora_frame_store_get_record (store, 0));
      g_test_assert_expected_messages ();
    }
}

static GByteArray *
build_pcapng (guint n)
{
  GByteArray *ba = g_byte_array_new ();

  cb_ng_shb (ba, FALSE);
  cb_ng_idb (ba, FALSE, 1, 0, "eth0", -1, 0);
  for (guint i = 0; i < n; i++)
    {
      /* A second interface appears half way through. */
      if (i == n / 2)
        cb_ng_idb (ba, FALSE, 113, 0, "any", 9, 0);
      cb_ng_epb (ba, FALSE, i < n / 2 ? 0 : 1, i, 10 + i % 50, 100, i, i % 2);
    }
  return ba;
}

static void
check_loaded (RemoraFrameStore *store,
              guint             n,
              gboolean          mapped)
{
  g_assert_cmpuint (remora_frame_store_get_n_frames (store), ==, n);
  g_assert_cmpuint (remora_frame_store_get_n_interfaces (store), ==, 2);
  g_assert_cmpstr (remora_frame_store_get_interface (store, 1)->name, ==, "any");
  for (guint i = 0; i < n; i++)
    {
      const RemoraFrameRecord *r = remora_frame_store_get_record (store, i + 1);

      g_assert_cmpuint (r->cap_len, ==, 10 + i % 50);
      g_assert_cmpuint (r->iface_id, ==, i < n / 2 ? 0 : 1);
      g_assert_cmpuint (remora_frame_store_get_packet_flags (store, i + 1), ==, i % 2);
      g_assert_cmpint (!!(r->flags & REMORA_FRAME_IN_ARENA), ==, !mapped);
      g_assert_true (cb_payload_ok (remora_frame_store_get_data (store, i + 1), r->cap_len, i));
    }
}

static void
test_load_mapped (void)
{
  g_autoptr(GByteArray) ba = build_pcapng (1000);
  g_autofree char *path = cb_write_temp (scratch, "load.pcapng", ba->data, ba->len);
  g_autoptr(RemoraFrameStore) store = remora_frame_store_new ();
  g_autoptr(GError) error = NULL;
  RemoraCaptureReader *reader;

  reader = remora_capture_reader_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (remora_frame_store_load (store, reader, &error));
  g_assert_no_error (error);
  /* The store keeps the mapping alive past the reader. */
  remora_capture_reader_free (reader);
  check_loaded (store, 1000, TRUE);
  g_assert_cmpuint (remora_frame_store_get_memory_size (store), <, 4u << 20);
}

static void
test_load_stream (void)
{
  g_autoptr(GByteArray) ba = build_pcapng (500);
  g_autoptr(RemoraFrameStore) store = remora_frame_store_new ();
  g_autoptr(RemoraCaptureReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  int fds[2];

  /* Under the pipe buffer size, so no writer thread is needed. */
  g_assert_cmpuint (ba->len, <, 65536);
  g_assert_cmpint (pipe (fds), ==, 0);
  g_assert_cmpint (write (fds[1], ba->data, ba->len), ==, ba->len);
  close (fds[1]);
  reader = remora_capture_reader_open_fd (fds[0], "pipe", &error);
  g_assert_no_error (error);
  g_assert_true (remora_frame_store_load (store, reader, &error));
  check_loaded (store, 500, FALSE);
}

static void
test_load_damaged (void)
{
  g_autoptr(GByteArray) ba = cb_pcap_new (FALSE, 0xa1b2c3d4, 65535, 1);
  g_autofree char *path = NULL;
  g_autoptr(RemoraFrameStore) store = remora_frame_store_new ();
  g_autoptr(RemoraCaptureReader) reader = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 10; i++)
    cb_pcap_record (ba, FALSE, i, 0, 50, 50, i);
  g_byte_array_set_size (ba, ba->len - 20);
  path = cb_write_temp (scratch, "cut.pcap", ba->data, ba->len);
  reader = remora_capture_reader_open (path, &error);
  g_assert_no_error (error);
  g_assert_false (remora_frame_store_load (store, reader, &error));
  g_assert_error (error, REMORA_CAPTURE_ERROR, REMORA_CAPTURE_ERROR_TRUNCATED);
  g_assert_cmpuint (remora_frame_store_get_n_frames (store), ==, 9);
  g_assert_true (cb_payload_ok (remora_frame_store_get_data (store, 9), 50, 8));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  scratch = g_dir_make_tmp ("remora-store-XXXXXX", NULL);
  g_assert_nonnull (scratch);

  g_test_add_func ("/remora/store/record-size", test_record_size);
  g_test_add_func ("/remora/store/empty", test_empty);
  g_test_add_func ("/remora/store/arena-200k", test_arena);
  g_test_add_func ("/remora/store/packed", test_packed);
  g_test_add_func ("/remora/store/frame-numbers", test_numbers);
  g_test_add_func ("/remora/store/load-mapped", test_load_mapped);
  g_test_add_func ("/remora/store/load-stream", test_load_stream);
  g_test_add_func ("/remora/store/load-damaged", test_load_damaged);

  ret = g_test_run ();
  {
    g_autoptr(GDir) dir = g_dir_open (scratch, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (scratch, name, NULL);

        g_unlink (child);
      }
  }
  g_rmdir (scratch);
  g_free (scratch);
  return ret;
}
