/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-capture-writer"

#include "config.h"

#include <fcntl.h>
#include <unistd.h>

#include "remora-capture-reader.h"
#include "capture-builders.h"

static char *scratch;

typedef struct {
  gint64  ts_ns;
  guint32 cap_len;
  guint32 orig_len;
  guint32 iface_id;
  guint32 flags;
} Packet;

static const Packet packets[] = {
  { G_GINT64_CONSTANT (1700000000123456000), 60, 60, 0, 0 },
  { G_GINT64_CONSTANT (1700000000123457000), 1514, 1514, 1, 1 },
  { G_GINT64_CONSTANT (1700000001000000000), 0, 70, 0, 2 },
  { G_GINT64_CONSTANT (1700000001999999000), 3, 9000, 1, 0 },
  { 0, 7, 7, 0, 0 },
};

static gboolean
write_packets (const char        *path,
               RemoraFileFormat   format,
               guint64            ts_units,
               gboolean           two_ifaces,
               GError           **error)
{
  RemoraCaptureWriter *writer = remora_capture_writer_new (path, format, error);
  RemoraInterface ifaces[2] = {
    { REMORA_LINKTYPE_ETHERNET, 65535, (char *) "eth0", (char *) "first", ts_units, 0 },
    { REMORA_LINKTYPE_LINUX_SLL, 0, (char *) "any", NULL, ts_units, 0 },
  };

  if (writer == NULL)
    return FALSE;
  for (guint i = 0; i < (two_ifaces ? 2 : 1); i++)
    g_assert_cmpint (remora_capture_writer_add_interface (writer, &ifaces[i], error), ==, i);

  for (guint i = 0; i < G_N_ELEMENTS (packets); i++)
    {
      g_autoptr(GByteArray) data = g_byte_array_new ();
      RemoraPacketRecord rec = { 0 };

      cb_payload (data, packets[i].cap_len, i);
      rec.data = data->data;
      rec.ts_ns = packets[i].ts_ns;
      rec.cap_len = packets[i].cap_len;
      rec.orig_len = packets[i].orig_len;
      rec.iface_id = two_ifaces ? packets[i].iface_id : 0;
      rec.flags = packets[i].flags;
      g_assert_true (remora_capture_writer_write (writer, &rec, error));
    }
  return remora_capture_writer_close (writer, error);
}

static void
check_read_back (const char       *path,
                 RemoraFileFormat  format,
                 gboolean          two_ifaces)
{
  g_autoptr(RemoraCaptureReader) reader = NULL;
  g_autoptr(GArray) records = g_array_new (FALSE, FALSE, sizeof (CbRecord));
  g_autoptr(GError) error = NULL;

  reader = remora_capture_reader_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (remora_capture_reader_get_format (reader), ==, format);
  g_assert_cmpint (cb_read_all (reader, records, &error), ==, REMORA_READ_EOF);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, G_N_ELEMENTS (packets));
  for (guint i = 0; i < records->len; i++)
    {
      CbRecord *r = &g_array_index (records, CbRecord, i);

      g_assert_cmpint (r->ts_ns, ==, packets[i].ts_ns);
      g_assert_cmpuint (r->cap_len, ==, packets[i].cap_len);
      g_assert_cmpuint (r->orig_len, ==, packets[i].orig_len);
      g_assert_true (r->payload_ok);
      if (format == REMORA_FILE_FORMAT_PCAPNG)
        {
          g_assert_cmpuint (r->flags, ==, packets[i].flags);
          g_assert_cmpuint (r->iface_id, ==, two_ifaces ? packets[i].iface_id : 0);
        }
    }
  if (two_ifaces)
    {
      const RemoraInterface *iface = remora_capture_reader_get_interface (reader, 1);

      g_assert_cmpuint (remora_capture_reader_get_n_interfaces (reader), ==, 2);
      g_assert_cmpstr (iface->name, ==, "any");
      g_assert_cmpint (iface->link_type, ==, REMORA_LINKTYPE_LINUX_SLL);
      g_assert_cmpuint (iface->ts_units, ==, 1000000000);
      g_assert_cmpstr (remora_capture_reader_get_interface (reader, 0)->description, ==, "first");
    }
}

static guint32
file_magic (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len;
  guint32 magic;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_cmpuint (len, >=, 4);
  memcpy (&magic, contents, 4);
  return magic;
}

static void
test_roundtrip_pcap (void)
{
  g_autofree char *path = g_build_filename (scratch, "rt.pcap", NULL);
  g_autoptr(GError) error = NULL;

  /* Microsecond source: the classic magic. */
  g_assert_true (write_packets (path, REMORA_FILE_FORMAT_PCAP, 1000000, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmphex (file_magic (path), ==, 0xa1b2c3d4);
  check_read_back (path, REMORA_FILE_FORMAT_PCAP, FALSE);

  /* Nanosecond source: the nanosecond magic. */
  g_assert_true (write_packets (path, REMORA_FILE_FORMAT_PCAP, 1000000000, FALSE, &error));
  g_assert_cmphex (file_magic (path), ==, 0xa1b23c4d);
  check_read_back (path, REMORA_FILE_FORMAT_PCAP, FALSE);
}

static void
test_roundtrip_pcapng (void)
{
  g_autofree char *path = g_build_filename (scratch, "rt.pcapng", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (write_packets (path, REMORA_FILE_FORMAT_PCAPNG, 1000000, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmphex (file_magic (path), ==, 0x0a0d0d0a);
  check_read_back (path, REMORA_FILE_FORMAT_PCAPNG, TRUE);
}

static void
test_pcap_one_interface (void)
{
  g_autofree char *path = g_build_filename (scratch, "one.pcap", NULL);
  g_autoptr(GError) error = NULL;
  RemoraInterface iface = { REMORA_LINKTYPE_ETHERNET, 0, NULL, NULL, 1000000, 0 };
  RemoraPacketRecord rec = { (const guint8 *) "abcd", 0, 4, 4, 1, 0, 0 };
  RemoraCaptureWriter *writer;

  writer = remora_capture_writer_new (path, REMORA_FILE_FORMAT_PCAP, &error);
  g_assert_no_error (error);
  g_assert_cmpint (remora_capture_writer_add_interface (writer, &iface, &error), ==, 0);
  g_assert_cmpint (remora_capture_writer_add_interface (writer, &iface, &error), ==, -1);
  g_assert_error (error, REMORA_CAPTURE_ERROR, REMORA_CAPTURE_ERROR_UNSUPPORTED);
  g_clear_error (&error);
  /* A packet for an interface that was never added. */
  g_assert_false (remora_capture_writer_write (writer, &rec, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_true (remora_capture_writer_close (writer, &error));
  g_assert_no_error (error);
}

static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static void
test_abort_keeps_target (void)
{
  g_autofree char *dir = g_build_filename (scratch, "keep", NULL);
  g_autofree char *path = g_build_filename (dir, "target.pcap", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  RemoraInterface iface = { REMORA_LINKTYPE_ETHERNET, 0, NULL, NULL, 1000000, 0 };
  RemoraPacketRecord rec = { (const guint8 *) "abcd", 0, 4, 4, 0, 0, 0 };
  RemoraCaptureWriter *writer;

  g_assert_cmpint (g_mkdir (dir, 0755), ==, 0);
  g_assert_true (g_file_set_contents (path, "original", -1, NULL));

  writer = remora_capture_writer_new (path, REMORA_FILE_FORMAT_PCAP, &error);
  g_assert_no_error (error);
  remora_capture_writer_add_interface (writer, &iface, &error);
  g_assert_true (remora_capture_writer_write (writer, &rec, &error));
  /* The temporary file is in the target's folder while writing. */
  g_assert_cmpuint (count_entries (dir), ==, 2);
  remora_capture_writer_abort (writer);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "original");
  g_assert_cmpuint (count_entries (dir), ==, 1);

  /* A successful close replaces it and leaves no temporary behind. */
  g_clear_pointer (&contents, g_free);
  writer = remora_capture_writer_new (path, REMORA_FILE_FORMAT_PCAP, &error);
  remora_capture_writer_add_interface (writer, &iface, &error);
  g_assert_true (remora_capture_writer_write (writer, &rec, &error));
  g_assert_true (remora_capture_writer_close (writer, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_entries (dir), ==, 1);
  g_assert_cmphex (file_magic (path), ==, 0xa1b2c3d4);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_failed_save (void)
{
  g_autofree char *path = g_build_filename (scratch, "no-such-folder", "x.pcap", NULL);
  g_autoptr(GError) error = NULL;
  RemoraCaptureWriter *writer;

  writer = remora_capture_writer_new (path, REMORA_FILE_FORMAT_PCAPNG, &error);
  g_assert_null (writer);
  g_assert_error (error, REMORA_CAPTURE_ERROR, REMORA_CAPTURE_ERROR_IO);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_failed_write (void)
{
  g_autofree char *path = g_build_filename (scratch, "full.pcap", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  RemoraInterface iface = { REMORA_LINKTYPE_ETHERNET, 0, NULL, NULL, 1000000, 0 };
  g_autofree guint8 *big = g_malloc0 (REMORA_MAX_PACKET_SIZE);
  RemoraPacketRecord rec = { big, 0, REMORA_MAX_PACKET_SIZE, REMORA_MAX_PACKET_SIZE, 0, 0, 0 };
  RemoraCaptureWriter *writer;
  gboolean ok = TRUE;

  if (!g_file_test ("/dev/full", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no /dev/full");
      return;
    }
  /* Writes to a full disk fail; the writer reports it and saves nothing.
   * /dev/full stands in for the temporary file through stdout. */
  g_assert_true (g_file_set_contents (path, "original", -1, NULL));
  writer = remora_capture_writer_new ("-", REMORA_FILE_FORMAT_PCAP, &error);
  {
    int saved = dup (STDOUT_FILENO);
    int full = open ("/dev/full", O_WRONLY);

    dup2 (full, STDOUT_FILENO);
    close (full);
    remora_capture_writer_add_interface (writer, &iface, &error);
    for (guint i = 0; i < 16 && ok; i++)
      ok = remora_capture_writer_write (writer, &rec, &error);
    if (ok)
      ok = remora_capture_writer_close (writer, &error);
    else
      remora_capture_writer_abort (writer);
    dup2 (saved, STDOUT_FILENO);
    close (saved);
  }
  g_assert_false (ok);
  g_assert_error (error, REMORA_CAPTURE_ERROR, REMORA_CAPTURE_ERROR_IO);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "original");
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  scratch = g_dir_make_tmp ("remora-writer-XXXXXX", NULL);
  g_assert_nonnull (scratch);

  g_test_add_func ("/remora/capture/writer-roundtrip-pcap", test_roundtrip_pcap);
  g_test_add_func ("/remora/capture/writer-roundtrip-pcapng", test_roundtrip_pcapng);
  g_test_add_func ("/remora/capture/writer-pcap-one-interface", test_pcap_one_interface);
  g_test_add_func ("/remora/capture/writer-abort-keeps-target", test_abort_keeps_target);
  g_test_add_func ("/remora/capture/writer-failed-save", test_failed_save);
  g_test_add_func ("/remora/capture/writer-failed-write", test_failed_write);

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
