/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-capture-reader"

#include "config.h"

#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include <zlib.h>

#include "remora-capture-reader.h"
#include "capture-builders.h"

static char *scratch;

/* Reads BYTES as a file called NAME: returns the records and the final
 * status; ERROR gets the open or read error. */
static RemoraReadStatus
read_bytes (const char  *name,
            GByteArray  *bytes,
            GArray     **records,
            GError     **error)
{
  g_autofree char *path = cb_write_temp (scratch, name, bytes->data, bytes->len);
  g_autoptr(RemoraCaptureReader) reader = NULL;

  *records = g_array_new (FALSE, FALSE, sizeof (CbRecord));
  reader = remora_capture_reader_open (path, error);
  if (reader == NULL)
    return REMORA_READ_ERROR;
  g_assert_nonnull (remora_capture_reader_get_mapped_file (reader));
  return cb_read_all (reader, *records, error);
}

static GByteArray *
gzip_bytes (const guint8 *data,
            gsize         len)
{
  GByteArray *out = g_byte_array_sized_new (len + 64);
  z_stream zs = { 0 };
  guint8 buf[4096];
  int ret;

  g_assert_cmpint (deflateInit2 (&zs, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY),
                   ==, Z_OK);
  zs.next_in = (guint8 *) data;
  zs.avail_in = len;
  do
    {
      zs.next_out = buf;
      zs.avail_out = sizeof buf;
      ret = deflate (&zs, Z_FINISH);
      g_byte_array_append (out, buf, sizeof buf - zs.avail_out);
    }
  while (ret != Z_STREAM_END);
  deflateEnd (&zs);
  return out;
}

/* Three packets with distinct times and lengths. */
static GByteArray *
three_packet_pcap (gboolean swapped,
                   gboolean nsec)
{
  GByteArray *ba = cb_pcap_new (swapped, nsec ? 0xa1b23c4d : 0xa1b2c3d4, 65535, 1);

  cb_pcap_record (ba, swapped, 1700000000, nsec ? 123456789 : 123456, 60, 60, 0);
  cb_pcap_record (ba, swapped, 1700000001, 0, 1514, 1514, 1);
  cb_pcap_record (ba, swapped, 1700000002, nsec ? 999999999 : 999999, 0, 100, 2);
  return ba;
}

static void
check_three (GArray   *records,
             gboolean  nsec)
{
  CbRecord *r = (CbRecord *) records->data;

  g_assert_cmpuint (records->len, ==, 3);
  g_assert_cmpint (r[0].ts_ns, ==, G_GINT64_CONSTANT (1700000000123456789) - (nsec ? 0 : 789));
  g_assert_cmpint (r[1].ts_ns, ==, G_GINT64_CONSTANT (1700000001000000000));
  g_assert_cmpint (r[2].ts_ns, ==, G_GINT64_CONSTANT (1700000002999999999) - (nsec ? 0 : 999));
  g_assert_cmpuint (r[0].cap_len, ==, 60);
  g_assert_cmpuint (r[1].cap_len, ==, 1514);
  g_assert_cmpuint (r[2].cap_len, ==, 0);
  g_assert_cmpuint (r[2].orig_len, ==, 100);
  for (guint i = 0; i < 3; i++)
    g_assert_true (r[i].payload_ok);
}

static void
test_pcap_orders (void)
{
  for (guint i = 0; i < 4; i++)
    {
      gboolean swapped = i & 1, nsec = (i & 2) != 0;
      g_autoptr(GByteArray) ba = three_packet_pcap (swapped, nsec);
      g_autoptr(GArray) records = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_cmpint (read_bytes ("orders.pcap", ba, &records, &error), ==, REMORA_READ_EOF);
      g_assert_no_error (error);
      check_three (records, nsec);
    }
}

static void
test_pcap_header (void)
{
  /* FCS bits above the link type, an unknown link type, a caplen above
   * the snaplen: all accepted as they are. */
  g_autoptr(GByteArray) ba = cb_pcap_new (FALSE, 0xa1b2c3d4, 64, 0x14000000u | 4242);
  g_autofree char *path = NULL;
  g_autoptr(RemoraCaptureReader) reader = NULL;
  g_autoptr(GArray) records = g_array_new (FALSE, FALSE, sizeof (CbRecord));
  g_autoptr(GError) error = NULL;
  const RemoraInterface *iface;

  cb_pcap_record (ba, FALSE, 1, 2, 100, 200, 0);
  path = cb_write_temp (scratch, "header.pcap", ba->data, ba->len);
  reader = remora_capture_reader_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (remora_capture_reader_get_format (reader), ==, REMORA_FILE_FORMAT_PCAP);
  g_assert_false (remora_capture_reader_is_compressed (reader));
  g_assert_cmpuint (remora_capture_reader_get_n_interfaces (reader), ==, 1);
  iface = remora_capture_reader_get_interface (reader, 0);
  g_assert_cmpint (iface->link_type, ==, 4242);
  g_assert_cmpuint (iface->snaplen, ==, 64);
  g_assert_cmpuint (iface->ts_units, ==, 1000000);
  g_assert_null (remora_capture_reader_get_interface (reader, 1));
  g_assert_cmpstr (remora_capture_reader_get_display_name (reader), ==, path);
  g_assert_cmpint (cb_read_all (reader, records, &error), ==, REMORA_READ_EOF);
  g_assert_cmpuint (records->len, ==, 1);
  g_assert_cmpuint (g_array_index (records, CbRecord, 0).cap_len, ==, 100);
  g_assert_cmpint (g_array_index (records, CbRecord, 0).ts_ns, ==, 1000002000);
}

static void
test_pcap_modified (void)
{
  g_autoptr(GByteArray) ba = cb_pcap_new (TRUE, 0xa1b2cd34, 65535, 1);
  g_autoptr(GArray) records = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 2; i++)
    {
      cb_u32 (ba, TRUE, 10 + i);
      cb_u32 (ba, TRUE, 5);
      cb_u32 (ba, TRUE, 20);
      cb_u32 (ba, TRUE, 20);
      cb_u32 (ba, TRUE, 3);       /* ifindex */
      cb_u32 (ba, TRUE, 0);       /* protocol, pkt_type, pad */
      cb_payload (ba, 20, i);
    }
  g_assert_cmpint (read_bytes ("modified.pcap", ba, &records, &error), ==, REMORA_READ_EOF);
  g_assert_cmpuint (records->len, ==, 2);
  g_assert_true (g_array_index (records, CbRecord, 1).payload_ok);
  g_assert_cmpint (g_array_index (records, CbRecord, 1).ts_ns, ==, 11000005000);
}

static void
test_not_capture (void)
{
  g_autoptr(GByteArray) ba = g_byte_array_new ();
  g_autoptr(GArray) records = NULL;
  g_autoptr(GError) error = NULL;

  g_byte_array_append (ba, (const guint8 *) "hello, this is text\n", 20);
  read_bytes ("x.txt", ba, &records, &error);
  g_assert_error (error, REMORA_CAPTURE_ERROR, REMORA_CAPTURE_ERROR_NOT_CAPTURE);
  g_assert_true (g_str_has_suffix (error->message,
                                   "x.txt\" isn't a capture file in a format Remora understands."));
}

static void
test_empty (void)
{
  g_autoptr(GByteArray) ba = g_byte_array_new ();
  g_autoptr(GArray) records = NULL;
  g_autoptr(GError) error = NULL;

  read_bytes ("empty.pcap", ba, &records, &error);
  g_assert_error (error, REMORA_CAPTURE_ERROR, REMORA_CAPTURE_ERROR_NOT_CAPTURE);
}

static void
test_header_only (void)
{
  g_autoptr(GByteArray) ba = cb_pcap_new (FALSE, 0xa1b2c3d4, 65535, 1);
  g_autoptr(GArray) records = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (read_bytes ("hdr.pcap", ba, &records, &error), ==, REMORA_READ_EOF);
  g_assert_cmpuint (records->len, ==, 0);
}

static void
test_truncated_header (void)
{
  g_autoptr(GByteArray) ba = cb_pcap_new (FALSE, 0xa1b2c3d4, 65535, 1);
  g_autoptr(GArray) records = NULL;
  g_autoptr(GError) error = NULL;

  g_byte_array_set_size (ba, 13);
  read_bytes ("short.pcap", ba, &records, &error);
  g_assert_error (error, REMORA_CAPTURE_ERROR, REMORA_CAPTURE_ERROR_TRUNCATED);
}

static void
test_truncated_record (void)
{
  /* Cut in the last record header, then in the last record's data: the
   * packets before stay readable. */
  static const guint cuts[] = { 10, 30 };

  for (guint i = 0; i < G_N_ELEMENTS (cuts); i++)
    {
      g_autoptr(GByteArray) ba = three_packet_pcap (FALSE, FALSE);
      g_autoptr(GArray) records = NULL;
      g_autoptr(GError) error = NULL;
      guint last = 24 + 16 + 60 + 16 + 1514;
      guint32 caplen = 40;

      /* Give the third record 40 bytes of data, then cut the file. */
      memcpy (ba->data + last + 8, &caplen, 4);
      cb_payload (ba, caplen, 2);
      g_byte_array_set_size (ba, last + cuts[i]);
      g_assert_cmpint (read_bytes ("cut.pcap", ba, &records, &error), ==, REMORA_READ_ERROR);
      g_assert_error (error, REMORA_CAPTURE_ERROR, REMORA_CAPTURE_ERROR_TRUNCATED);
      g_assert_nonnull (strstr (error->message, "cut short in the middle of a packet"));
      g_assert_nonnull (strstr (error->message, "1630"));
      g_assert_cmpuint (records->len, ==, 2);
    }
}

static void
test_caplen_too_big (void)
{
  g_autoptr(GByteArray) ba = cb_pcap_new (FALSE, 0xa1b2c3d4, 65535, 1);
  g_autoptr(GArray) records = NULL;
  g_autoptr(GError) error = NULL;

  cb_pcap_record (ba, FALSE, 1, 0, 10, 10, 0);
  /* 256 KiB exactly is fine even above the snaplen. */
  cb_pcap_record (ba, FALSE, 1, 0, REMORA_MAX_PACKET_SIZE, REMORA_MAX_PACKET_SIZE, 1);
  cb_u32 (ba, FALSE, 2);
  cb_u32 (ba, FALSE, 0);
  cb_u32 (ba, FALSE, 300000);
  cb_u32 (ba, FALSE, 300000);
  g_assert_cmpint (read_bytes ("x.pcap", ba, &records, &error), ==, REMORA_READ_ERROR);
  g_assert_error (error, REMORA_CAPTURE_ERROR, REMORA_CAPTURE_ERROR_DAMAGED);
  g_assert_nonnull (strstr (error->message, "x.pcap\" appears to be damaged or corrupt: record at "
                            "offset 262210 claims 300000 captured bytes, more than the "
                            "maximum of 262144."));
  g_assert_cmpuint (records->len, ==, 2);
}

/* ---- pcapng ---- */

static void
test_pcapng_basic (void)
{
  for (guint swapped = 0; swapped < 2; swapped++)
    {
      g_autoptr(GByteArray) ba = g_byte_array_new ();
      g_autofree char *path = NULL;
      g_autoptr(RemoraCaptureReader) reader = NULL;
      g_autoptr(GArray) records = g_array_new (FALSE, FALSE, sizeof (CbRecord));
      g_autoptr(GError) error = NULL;
      const RemoraInterface *iface;
      CbRecord *r;

      cb_ng_shb (ba, swapped);
      cb_ng_idb (ba, swapped, 1, 0, "eth0", -1, 0);
      cb_ng_epb (ba, swapped, 0, G_GUINT64_CONSTANT (1700000000123456), 61, 64, 0, 0x1);
      cb_ng_idb (ba, swapped, 113, 128, "any", 9, 0);
      cb_ng_epb (ba, swapped, 1, G_GUINT64_CONSTANT (1700000000123456789), 128, 1500, 1, 0);
      path = cb_write_temp (scratch, "basic.pcapng", ba->data, ba->len);
      reader = remora_capture_reader_open (path, &error);
      g_assert_no_error (error);
      g_assert_cmpint (remora_capture_reader_get_format (reader), ==, REMORA_FILE_FORMAT_PCAPNG);
      g_assert_cmpint (cb_read_all (reader, records, &error), ==, REMORA_READ_EOF);
      g_assert_no_error (error);
      g_assert_cmpuint (records->len, ==, 2);
      r = (CbRecord *) records->data;
      g_assert_cmpint (r[0].ts_ns, ==, G_GINT64_CONSTANT (1700000000123456000));
      g_assert_cmpuint (r[0].cap_len, ==, 61);
      g_assert_cmpuint (r[0].orig_len, ==, 64);
      g_assert_cmpuint (r[0].flags, ==, 1);
      g_assert_cmpuint (r[1].iface_id, ==, 1);
      g_assert_cmpint (r[1].ts_ns, ==, G_GINT64_CONSTANT (1700000000123456789));
      g_assert_true (r[0].payload_ok && r[1].payload_ok);
      g_assert_cmpuint (remora_capture_reader_get_n_interfaces (reader), ==, 2);
      iface = remora_capture_reader_get_interface (reader, 1);
      g_assert_cmpstr (iface->name, ==, "any");
      g_assert_cmpint (iface->link_type, ==, 113);
      g_assert_cmpuint (iface->snaplen, ==, 128);
      g_assert_cmpuint (iface->ts_units, ==, 1000000000);
    }
}

static void
test_pcapng_sections (void)
{
  g_autoptr(GByteArray) ba = g_byte_array_new ();
  g_autofree char *path = NULL;
  g_autoptr(RemoraCaptureReader) reader = NULL;
  g_autoptr(GArray) records = g_array_new (FALSE, FALSE, sizeof (CbRecord));
  g_autoptr(GError) error = NULL;
  CbRecord *r;

  cb_ng_shb (ba, FALSE);
  cb_ng_idb (ba, FALSE, 1, 0, "a", -1, 0);
  cb_ng_epb (ba, FALSE, 0, 1000000, 10, 10, 0, 0);
  /* Second section, other byte order: its interface 0 is global id 1. */
  cb_ng_shb (ba, TRUE);
  cb_ng_idb (ba, TRUE, 101, 0, "b", -1, 0);
  cb_ng_idb (ba, TRUE, 113, 0, "c", -1, 0);
  cb_ng_epb (ba, TRUE, 1, 2000000, 20, 20, 1, 0);
  cb_ng_epb (ba, TRUE, 0, 3000000, 30, 30, 2, 0);
  path = cb_write_temp (scratch, "sections.pcapng", ba->data, ba->len);
  reader = remora_capture_reader_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cb_read_all (reader, records, &error), ==, REMORA_READ_EOF);
  g_assert_no_error (error);
  r = (CbRecord *) records->data;
  g_assert_cmpuint (records->len, ==, 3);
  g_assert_cmpuint (r[0].iface_id, ==, 0);
  g_assert_cmpuint (r[1].iface_id, ==, 2);
  g_assert_cmpuint (r[2].iface_id, ==, 1);
  g_assert_cmpint (r[2].ts_ns, ==, 3000000000);
  g_assert_true (r[1].payload_ok && r[2].payload_ok);
  g_assert_cmpint (remora_capture_reader_get_interface (reader, 2)->link_type, ==, 113);
}

static void
test_pcapng_tsresol (void)
{
  g_autoptr(GByteArray) ba = g_byte_array_new ();
  g_autoptr(GArray) records = NULL;
  g_autoptr(GError) error = NULL;
  CbRecord *r;

  cb_ng_shb (ba, FALSE);
  cb_ng_idb (ba, FALSE, 1, 0, NULL, 0x80 | 10, 0);   /* 2^-10 s */
  cb_ng_idb (ba, FALSE, 1, 0, NULL, 3, 100);         /* ms, +100 s */
  cb_ng_idb (ba, FALSE, 1, 0, NULL, 12, -5);         /* ps, -5 s */
  cb_ng_idb (ba, FALSE, 1, 0, NULL, 0x80 | 40, 0);   /* 2^-40 s */
  cb_ng_epb (ba, FALSE, 0, 5 * 1024 + 512, 1, 1, 0, 0);
  cb_ng_epb (ba, FALSE, 1, 1500, 1, 1, 1, 0);
  cb_ng_epb (ba, FALSE, 2, G_GUINT64_CONSTANT (7000000000001), 1, 1, 2, 0);
  cb_ng_epb (ba, FALSE, 3, (G_GUINT64_CONSTANT (3) << 40) | (G_GUINT64_CONSTANT (1) << 39),
             1, 1, 3, 0);
  g_assert_cmpint (read_bytes ("tsresol.pcapng", ba, &records, &error), ==, REMORA_READ_EOF);
  g_assert_no_error (error);
  r = (CbRecord *) records->data;
  g_assert_cmpuint (records->len, ==, 4);
  g_assert_cmpint (r[0].ts_ns, ==, 5500000000);
  g_assert_cmpint (r[1].ts_ns, ==, 101500000000);
  g_assert_cmpint (r[2].ts_ns, ==, 2000000000);
  g_assert_cmpint (r[3].ts_ns, ==, 3500000000);
}

static void
test_pcapng_spb_pb (void)
{
  g_autoptr(GByteArray) ba = g_byte_array_new ();
  g_autoptr(GByteArray) body = g_byte_array_new ();
  g_autoptr(GArray) records = NULL;
  g_autoptr(GError) error = NULL;
  CbRecord *r;

  cb_ng_shb (ba, TRUE);
  cb_ng_idb (ba, TRUE, 1, 8, NULL, -1, 0);
  /* SPB: orig_len 20, snaplen 8 limits the captured part. */
  cb_u32 (body, TRUE, 20);
  cb_payload (body, 8, 0);
  cb_ng_block (ba, TRUE, 3, body->data, body->len);
  /* Obsolete Packet Block with pack_flags. */
  g_byte_array_set_size (body, 0);
  cb_u16 (body, TRUE, 0);
  cb_u16 (body, TRUE, 0);
  cb_u32 (body, TRUE, 0);
  cb_u32 (body, TRUE, 7000000);
  cb_u32 (body, TRUE, 5);
  cb_u32 (body, TRUE, 5);
  cb_payload (body, 5, 1);
  cb_pad (body);
  {
    guint32 flags = GUINT32_SWAP_LE_BE (2u);

    cb_ng_option (body, TRUE, 2, &flags, 4);
  }
  cb_ng_block (ba, TRUE, 2, body->data, body->len);
  g_assert_cmpint (read_bytes ("spb.pcapng", ba, &records, &error), ==, REMORA_READ_EOF);
  g_assert_no_error (error);
  r = (CbRecord *) records->data;
  g_assert_cmpuint (records->len, ==, 2);
  g_assert_cmpuint (r[0].cap_len, ==, 8);
  g_assert_cmpuint (r[0].orig_len, ==, 20);
  g_assert_true (r[0].payload_ok);
  g_assert_cmpuint (r[1].cap_len, ==, 5);
  g_assert_cmpuint (r[1].flags, ==, 2);
  g_assert_cmpint (r[1].ts_ns, ==, 7000000000);
  g_assert_true (r[1].payload_ok);
}

static void
test_pcapng_skip_blocks (void)
{
  g_autoptr(GByteArray) ba = g_byte_array_new ();
  g_autoptr(GArray) records = NULL;
  g_autoptr(GError) error = NULL;
  guint8 junk[40] = { 0 };

  cb_ng_shb (ba, FALSE);
  cb_ng_idb (ba, FALSE, 1, 0, NULL, -1, 0);
  cb_ng_block (ba, FALSE, 4, junk, 16);            /* NRB */
  cb_ng_epb (ba, FALSE, 0, 1, 4, 4, 0, 0);
  cb_ng_block (ba, FALSE, 5, junk, 40);            /* ISB */
  cb_ng_block (ba, FALSE, 10, junk, 12);           /* DSB */
  cb_ng_block (ba, FALSE, 0x40000bad, junk, 8);    /* custom */
  cb_ng_block (ba, FALSE, 0x12345678, junk, 0);    /* unknown, empty body */
  cb_ng_epb (ba, FALSE, 0, 2, 4, 4, 1, 0);
  g_assert_cmpint (read_bytes ("skip.pcapng", ba, &records, &error), ==, REMORA_READ_EOF);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 2);
  g_assert_true (g_array_index (records, CbRecord, 1).payload_ok);
}

/* A good packet, then whatever BREAK_BLOCK does to the next block. */
static void
check_pcapng_damage (guint32      bad_len,
                     gboolean     bad_trailer,
                     guint32      iface,
                     RemoraCaptureError expected,
                     const char  *fragment)
{
  g_autoptr(GByteArray) ba = g_byte_array_new ();
  g_autoptr(GArray) records = NULL;
  g_autoptr(GError) error = NULL;
  guint start;

  cb_ng_shb (ba, FALSE);
  cb_ng_idb (ba, FALSE, 1, 0, NULL, -1, 0);
  cb_ng_epb (ba, FALSE, 0, 1, 4, 4, 0, 0);
  start = ba->len;
  cb_ng_epb (ba, FALSE, iface, 2, 4, 4, 1, 0);
  if (bad_len != 0)
    memcpy (ba->data + start + 4, &bad_len, 4);
  if (bad_trailer)
    ba->data[ba->len - 4] ^= 4;
  g_assert_cmpint (read_bytes ("bad.pcapng", ba, &records, &error), ==, REMORA_READ_ERROR);
  g_assert_error (error, REMORA_CAPTURE_ERROR, expected);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, fragment));
  g_assert_cmpuint (records->len, ==, 1);
}

static void
test_pcapng_damage (void)
{
  check_pcapng_damage (34, FALSE, 0, REMORA_CAPTURE_ERROR_DAMAGED, "not a multiple of 4");
  check_pcapng_damage (8, FALSE, 0, REMORA_CAPTURE_ERROR_DAMAGED, "less than the minimum");
  check_pcapng_damage (24, FALSE, 0, REMORA_CAPTURE_ERROR_DAMAGED, "less than the minimum");
  check_pcapng_damage (0, TRUE, 0, REMORA_CAPTURE_ERROR_DAMAGED, "ends with a length");
  check_pcapng_damage (0, FALSE, 3, REMORA_CAPTURE_ERROR_DAMAGED, "refers to interface 3");
  check_pcapng_damage (1u << 30, FALSE, 0, REMORA_CAPTURE_ERROR_DAMAGED, "more than the maximum");
  /* Longer than what is left of the file: cut short. */
  check_pcapng_damage (4096, FALSE, 0, REMORA_CAPTURE_ERROR_TRUNCATED, "offset 88");
}

static void
test_pcapng_caplen_too_big (void)
{
  g_autoptr(GByteArray) ba = g_byte_array_new ();
  g_autoptr(GArray) records = NULL;
  g_autoptr(GError) error = NULL;
  guint start;
  guint32 caplen = 64;

  cb_ng_shb (ba, FALSE);
  cb_ng_idb (ba, FALSE, 1, 0, NULL, -1, 0);
  start = ba->len;
  cb_ng_epb (ba, FALSE, 0, 1, 4, 4, 0, 0);
  /* The captured length runs past its own block. */
  memcpy (ba->data + start + 20, &caplen, 4);
  g_assert_cmpint (read_bytes ("big.pcapng", ba, &records, &error), ==, REMORA_READ_ERROR);
  g_assert_error (error, REMORA_CAPTURE_ERROR, REMORA_CAPTURE_ERROR_DAMAGED);
  g_assert_cmpuint (records->len, ==, 0);
}

static void
test_pcapng_bad_header (void)
{
  g_autoptr(GByteArray) ba = g_byte_array_new ();
  g_autoptr(GArray) records = NULL;
  g_autoptr(GError) error = NULL;

  cb_ng_shb (ba, FALSE);
  g_byte_array_set_size (ba, 10);
  read_bytes ("shb.pcapng", ba, &records, &error);
  g_assert_error (error, REMORA_CAPTURE_ERROR, REMORA_CAPTURE_ERROR_TRUNCATED);
  g_clear_error (&error);
  g_clear_pointer (&records, g_array_unref);

  g_byte_array_set_size (ba, 0);
  cb_ng_shb (ba, FALSE);
  ba->data[8] = 0x99;   /* byte-order magic */
  read_bytes ("shb.pcapng", ba, &records, &error);
  g_assert_error (error, REMORA_CAPTURE_ERROR, REMORA_CAPTURE_ERROR_NOT_CAPTURE);
  g_clear_error (&error);
  g_clear_pointer (&records, g_array_unref);

  g_byte_array_set_size (ba, 0);
  cb_ng_shb (ba, TRUE);
  ba->data[13] = 2;     /* major version 2 */
  read_bytes ("shb.pcapng", ba, &records, &error);
  g_assert_error (error, REMORA_CAPTURE_ERROR, REMORA_CAPTURE_ERROR_UNSUPPORTED);
}

static void
test_pcapng_oversized_options (void)
{
  g_autoptr(GByteArray) ba = g_byte_array_new ();
  g_autoptr(GByteArray) body = g_byte_array_new ();
  g_autoptr(GArray) records = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *big = g_malloc0 (60000);

  cb_ng_shb (ba, FALSE);
  cb_u16 (body, FALSE, 1);
  cb_u16 (body, FALSE, 0);
  cb_u32 (body, FALSE, 0);
  /* 20 options of 60000 bytes: more than 1 MiB of interface block. */
  for (guint i = 0; i < 20; i++)
    cb_ng_option (body, FALSE, 2, big, 60000);
  cb_ng_block (ba, FALSE, 1, body->data, body->len);
  g_assert_cmpint (read_bytes ("opts.pcapng", ba, &records, &error), ==, REMORA_READ_ERROR);
  g_assert_error (error, REMORA_CAPTURE_ERROR, REMORA_CAPTURE_ERROR_DAMAGED);
  g_assert_nonnull (strstr (error->message, "more than the maximum"));
  g_clear_error (&error);
  g_clear_pointer (&records, g_array_unref);

  /* An option claiming more than its block holds is ignored, not read. */
  g_byte_array_set_size (ba, 0);
  g_byte_array_set_size (body, 0);
  cb_ng_shb (ba, FALSE);
  cb_u16 (body, FALSE, 1);
  cb_u16 (body, FALSE, 0);
  cb_u32 (body, FALSE, 0);
  cb_u16 (body, FALSE, 2);
  cb_u16 (body, FALSE, 60000);
  cb_u32 (body, FALSE, 0);
  cb_ng_block (ba, FALSE, 1, body->data, body->len);
  cb_ng_epb (ba, FALSE, 0, 1, 4, 4, 0, 0);
  g_assert_cmpint (read_bytes ("opts.pcapng", ba, &records, &error), ==, REMORA_READ_EOF);
  g_assert_cmpuint (records->len, ==, 1);
}

static void
test_pcapng_bad_tsresol (void)
{
  g_autoptr(GByteArray) ba = g_byte_array_new ();
  g_autoptr(GArray) records = NULL;
  g_autoptr(GError) error = NULL;

  cb_ng_shb (ba, FALSE);
  cb_ng_idb (ba, FALSE, 1, 0, NULL, 20, 0);   /* 10^-20 does not fit */
  g_assert_cmpint (read_bytes ("res.pcapng", ba, &records, &error), ==, REMORA_READ_ERROR);
  g_assert_error (error, REMORA_CAPTURE_ERROR, REMORA_CAPTURE_ERROR_DAMAGED);
}

/* A file may describe at most REMORA_MAX_INTERFACES interfaces, with names
 * kept to REMORA_MAX_INTERFACE_STRING bytes: one more is refused with a
 * message, and the packets before it stay read. */
static void
test_pcapng_interface_cap (void)
{
  g_autoptr(GByteArray) ba = g_byte_array_new ();
  g_autoptr(GArray) records = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(RemoraCaptureReader) reader = NULL;
  g_autofree char *long_name = g_strnfill (1000, 'n');

  cb_ng_shb (ba, FALSE);
  cb_ng_idb (ba, FALSE, 1, 0, long_name, -1, 0);
  for (guint i = 1; i < REMORA_MAX_INTERFACES; i++)
    cb_ng_idb (ba, FALSE, 1, 0, NULL, -1, 0);
  cb_ng_epb (ba, FALSE, 0, 1, 60, 60, 0, 0);
  cb_ng_epb (ba, FALSE, REMORA_MAX_INTERFACES - 1, 2, 60, 60, 1, 0);
  cb_ng_idb (ba, FALSE, 1, 0, NULL, -1, 0);
  cb_ng_epb (ba, FALSE, 0, 3, 60, 60, 2, 0);

  path = cb_write_temp (scratch, "many-ifaces.pcapng", ba->data, ba->len);
  reader = remora_capture_reader_open (path, &error);
  g_assert_no_error (error);
  records = g_array_new (FALSE, FALSE, sizeof (CbRecord));
  g_assert_cmpint (cb_read_all (reader, records, &error), ==, REMORA_READ_ERROR);
  g_assert_error (error, REMORA_CAPTURE_ERROR, REMORA_CAPTURE_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, "more than 65536 capture interfaces"));
  g_assert_cmpuint (records->len, ==, 2);
  g_assert_cmpuint (g_array_index (records, CbRecord, 1).iface_id, ==, REMORA_MAX_INTERFACES - 1);
  g_assert_cmpuint (remora_capture_reader_get_n_interfaces (reader), ==, REMORA_MAX_INTERFACES);
  g_assert_cmpuint (strlen (remora_capture_reader_get_interface (reader, 0)->name), ==,
                    REMORA_MAX_INTERFACE_STRING);
}

/* ---- compressed and streamed input ---- */

static void
test_gzip (void)
{
  g_autoptr(GByteArray) plain = three_packet_pcap (TRUE, TRUE);
  g_autoptr(GByteArray) gz = gzip_bytes (plain->data, plain->len);
  g_autofree char *path = cb_write_temp (scratch, "no-gz-suffix.pcap", gz->data, gz->len);
  g_autoptr(RemoraCaptureReader) reader = NULL;
  g_autoptr(GArray) records = g_array_new (FALSE, FALSE, sizeof (CbRecord));
  g_autoptr(GError) error = NULL;

  reader = remora_capture_reader_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (remora_capture_reader_is_compressed (reader));
  g_assert_null (remora_capture_reader_get_mapped_file (reader));
  g_assert_cmpint (cb_read_all (reader, records, &error), ==, REMORA_READ_EOF);
  g_assert_no_error (error);
  check_three (records, TRUE);
}

static void
test_gzip_truncated (void)
{
  g_autoptr(GByteArray) plain = three_packet_pcap (FALSE, FALSE);
  g_autoptr(GByteArray) gz = NULL;
  g_autoptr(GByteArray) big = g_byte_array_new ();
  g_autofree char *path = NULL;
  g_autoptr(RemoraCaptureReader) reader = NULL;
  g_autoptr(GArray) records = g_array_new (FALSE, FALSE, sizeof (CbRecord));
  g_autoptr(GError) error = NULL;

  /* Many packets so the cut lands well after the first ones. */
  g_byte_array_append (big, plain->data, 24);
  for (guint i = 0; i < 2000; i++)
    cb_pcap_record (big, FALSE, i, 0, 100, 100, i);
  gz = gzip_bytes (big->data, big->len);
  path = cb_write_temp (scratch, "cut.pcap.gz", gz->data, gz->len / 2);
  reader = remora_capture_reader_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cb_read_all (reader, records, &error), ==, REMORA_READ_ERROR);
  g_assert_error (error, REMORA_CAPTURE_ERROR, REMORA_CAPTURE_ERROR_TRUNCATED);
  g_assert_cmpuint (records->len, >, 10);
  g_assert_cmpuint (records->len, <, 2000);
  for (guint i = 0; i < records->len; i++)
    g_assert_true (g_array_index (records, CbRecord, i).payload_ok);
}

static void
test_gzip_corrupt (void)
{
  g_autoptr(GByteArray) plain = three_packet_pcap (FALSE, FALSE);
  g_autoptr(GByteArray) gz = gzip_bytes (plain->data, plain->len);
  g_autofree char *path = NULL;
  g_autoptr(RemoraCaptureReader) reader = NULL;
  g_autoptr(GArray) records = g_array_new (FALSE, FALSE, sizeof (CbRecord));
  g_autoptr(GError) error = NULL;

  /* Damage the deflate data after the header; either the open or a
   * later read fails, without a crash. */
  for (guint i = 20; i < gz->len - 8; i++)
    gz->data[i] ^= 0x5a;
  path = cb_write_temp (scratch, "bad.pcap.gz", gz->data, gz->len);
  reader = remora_capture_reader_open (path, &error);
  if (reader != NULL)
    g_assert_cmpint (cb_read_all (reader, records, &error), ==, REMORA_READ_ERROR);
  g_assert_nonnull (error);
}

static int
make_pipe (int fds[2])
{
  int ret = pipe (fds);

  g_assert_cmpint (ret, ==, 0);
  return ret;
}

static void
write_fd (int           fd,
          const guint8 *data,
          gsize         len)
{
  while (len > 0)
    {
      gssize n = write (fd, data, len);

      g_assert_cmpint (n, >, 0);
      data += n;
      len -= n;
    }
}

typedef struct {
  int         fd;
  GByteArray *bytes;
} WriterJob;

static gpointer
pipe_writer_thread (gpointer data)
{
  WriterJob *job = data;

  /* Small pieces, to split records across reads. */
  for (guint off = 0; off < job->bytes->len; off += 777)
    write_fd (job->fd, job->bytes->data + off, MIN (777, job->bytes->len - off));
  close (job->fd);
  return NULL;
}

static void
check_pipe (GByteArray *bytes,
            guint       n_packets,
            gboolean    compressed)
{
  g_autoptr(RemoraCaptureReader) reader = NULL;
  g_autoptr(GArray) records = g_array_new (FALSE, FALSE, sizeof (CbRecord));
  g_autoptr(GError) error = NULL;
  WriterJob job;
  GThread *thread;
  int fds[2];

  make_pipe (fds);
  job.fd = fds[1];
  job.bytes = bytes;
  thread = g_thread_new ("pipe-writer", pipe_writer_thread, &job);
  reader = remora_capture_reader_open_fd (fds[0], "pipe", &error);
  g_assert_no_error (error);
  g_assert_cmpint (remora_capture_reader_is_compressed (reader), ==, compressed);
  g_assert_cmpint (cb_read_all (reader, records, &error), ==, REMORA_READ_EOF);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, n_packets);
  for (guint i = 0; i < records->len; i++)
    g_assert_true (g_array_index (records, CbRecord, i).payload_ok);
  g_thread_join (thread);
}

static void
test_pipe (void)
{
  g_autoptr(GByteArray) pcap = cb_pcap_new (FALSE, 0xa1b2c3d4, 65535, 1);
  g_autoptr(GByteArray) ng = g_byte_array_new ();
  g_autoptr(GByteArray) gz = NULL;

  for (guint i = 0; i < 3000; i++)
    cb_pcap_record (pcap, FALSE, i, 0, (i * 37) % 1600, 1600, i);
  check_pipe (pcap, 3000, FALSE);

  cb_ng_shb (ng, TRUE);
  cb_ng_idb (ng, TRUE, 1, 0, "eth0", -1, 0);
  for (guint i = 0; i < 3000; i++)
    {
      guint8 junk[64] = { 0 };

      if (i % 100 == 50)
        cb_ng_block (ng, TRUE, 5, junk, sizeof junk);
      cb_ng_epb (ng, TRUE, 0, i, (i * 37) % 1600, 1600, i, 0);
    }
  check_pipe (ng, 3000, FALSE);

  gz = gzip_bytes (ng->data, ng->len);
  check_pipe (gz, 3000, TRUE);
}

/* Each packet must come out as soon as its bytes are in the pipe: if the
 * reader waited for more, this test would block (the alarm ends it). */
static void
check_live (gboolean compressed)
{
  g_autoptr(GByteArray) pcap = cb_pcap_new (FALSE, 0xa1b2c3d4, 65535, 1);
  g_autoptr(RemoraCaptureReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  RemoraPacketRecord rec;
  z_stream zs = { 0 };
  guint8 out[8192];
  int fds[2];

  make_pipe (fds);
  if (compressed)
    g_assert_cmpint (deflateInit2 (&zs, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY),
                     ==, Z_OK);

  for (guint i = 0; i < 5; i++)
    {
      cb_pcap_record (pcap, FALSE, i, 0, 100, 100, i);
      if (compressed)
        {
          zs.next_in = pcap->data;
          zs.avail_in = pcap->len;
          zs.next_out = out;
          zs.avail_out = sizeof out;
          g_assert_cmpint (deflate (&zs, Z_SYNC_FLUSH), ==, Z_OK);
          write_fd (fds[1], out, sizeof out - zs.avail_out);
        }
      else
        write_fd (fds[1], pcap->data, pcap->len);
      g_byte_array_set_size (pcap, 0);

      if (reader == NULL)
        {
          reader = remora_capture_reader_open_fd (fds[0], "live", &error);
          g_assert_no_error (error);
        }
      g_assert_cmpint (remora_capture_reader_next (reader, &rec, &error), ==, REMORA_READ_PACKET);
      g_assert_cmpint (rec.ts_ns, ==, (gint64) i * 1000000000);
      g_assert_true (cb_payload_ok (rec.data, rec.cap_len, i));
    }

  if (compressed)
    {
      zs.next_in = NULL;
      zs.avail_in = 0;
      zs.next_out = out;
      zs.avail_out = sizeof out;
      g_assert_cmpint (deflate (&zs, Z_FINISH), ==, Z_STREAM_END);
      write_fd (fds[1], out, sizeof out - zs.avail_out);
      deflateEnd (&zs);
    }
  close (fds[1]);
  g_assert_cmpint (remora_capture_reader_next (reader, &rec, &error), ==, REMORA_READ_EOF);
  g_assert_no_error (error);
}

static void
test_pipe_live (void)
{
  alarm (20);
  check_live (FALSE);
  check_live (TRUE);
  alarm (0);
}

static void
test_pipe_truncated (void)
{
  g_autoptr(GByteArray) ba = three_packet_pcap (FALSE, FALSE);
  g_autoptr(RemoraCaptureReader) reader = NULL;
  g_autoptr(GArray) records = g_array_new (FALSE, FALSE, sizeof (CbRecord));
  g_autoptr(GError) error = NULL;
  int fds[2];

  make_pipe (fds);
  write_fd (fds[1], ba->data, ba->len - 5);
  close (fds[1]);
  reader = remora_capture_reader_open_fd (fds[0], "cut-pipe", &error);
  g_assert_no_error (error);
  g_assert_cmpint (cb_read_all (reader, records, &error), ==, REMORA_READ_ERROR);
  g_assert_error (error, REMORA_CAPTURE_ERROR, REMORA_CAPTURE_ERROR_TRUNCATED);
  g_assert_cmpuint (records->len, ==, 2);
}

static void
test_stdin (void)
{
  g_autoptr(GByteArray) ba = three_packet_pcap (TRUE, FALSE);
  g_autoptr(GByteArray) gz = gzip_bytes (ba->data, ba->len);
  g_autoptr(RemoraCaptureReader) reader = NULL;
  g_autoptr(GArray) records = g_array_new (FALSE, FALSE, sizeof (CbRecord));
  g_autoptr(GError) error = NULL;
  int saved = dup (STDIN_FILENO);
  int fds[2];

  /* gzip arriving on standard input, fitting the pipe buffer. */
  make_pipe (fds);
  write_fd (fds[1], gz->data, gz->len);
  close (fds[1]);
  dup2 (fds[0], STDIN_FILENO);
  close (fds[0]);
  reader = remora_capture_reader_open ("-", &error);
  g_assert_no_error (error);
  g_assert_true (remora_capture_reader_is_compressed (reader));
  g_assert_cmpint (cb_read_all (reader, records, &error), ==, REMORA_READ_EOF);
  check_three (records, FALSE);
  dup2 (saved, STDIN_FILENO);
  close (saved);
}

static void
test_open_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RemoraCaptureReader) reader = NULL;

  reader = remora_capture_reader_open ("/nonexistent/file.pcap", &error);
  g_assert_null (reader);
  g_assert_error (error, REMORA_CAPTURE_ERROR, REMORA_CAPTURE_ERROR_IO);
  g_clear_error (&error);
  reader = remora_capture_reader_open (scratch, &error);
  g_assert_null (reader);
  g_assert_error (error, REMORA_CAPTURE_ERROR, REMORA_CAPTURE_ERROR_IO);
}

/* ---- real captures ---- */

static char *
find_corpus (void)
{
  const char *env = g_getenv ("REMORA_CORPUS");
  const char *data = g_getenv ("REMORA_TEST_DATA");

  if (env != NULL)
    return g_strdup (env);
  if (data != NULL)
    return g_build_filename (data, "..", "..", "..", "shared", "corpus", NULL);
  return NULL;
}

static void
test_corpus (void)
{
  static const char *const files[] = {
    "wireshark/many_interfaces.pcapng.1",
    "wireshark/dhcp-nanosecond.pcap",
    "wireshark/dhcp.pcapng",
    "wireshark/challenge01_ooo_stream.pcapng.gz",
    "wireshark/dhe1.pcapng.gz",
    "wireshark/empty.pcap",
  };
  g_autofree char *corpus = find_corpus ();
  g_autofree char *index_path = NULL;
  g_autofree char *index = NULL;
  g_auto(GStrv) lines = NULL;
  guint checked = 0;

  if (corpus == NULL || !g_file_test (corpus, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("no corpus folder (set REMORA_CORPUS or REMORA_TEST_DATA)");
      return;
    }
  index_path = g_build_filename (corpus, "INDEX.tsv", NULL);
  if (!g_file_get_contents (index_path, &index, NULL, NULL))
    {
      g_test_skip ("the corpus has no INDEX.tsv");
      return;
    }
  lines = g_strsplit (index, "\n", -1);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (corpus, files[i], NULL);
      g_autoptr(RemoraCaptureReader) reader = NULL;
      g_autoptr(GArray) records = g_array_new (FALSE, FALSE, sizeof (CbRecord));
      g_autoptr(GError) error = NULL;
      RemoraPacketRecord rec;
      gint64 expected = -1;
      guint n = 0;

      for (guint l = 0; lines[l] != NULL; l++)
        {
          g_auto(GStrv) cols = g_strsplit (lines[l], "\t", -1);

          if (g_strv_length (cols) > 2 && g_str_equal (cols[0], files[i]))
            expected = g_ascii_strtoll (cols[2], NULL, 10);
        }
      if (expected < 0 || !g_file_test (path, G_FILE_TEST_EXISTS))
        continue;

      reader = remora_capture_reader_open (path, &error);
      g_assert_no_error (error);
      while (remora_capture_reader_next (reader, &rec, &error) == REMORA_READ_PACKET)
        n++;
      g_assert_no_error (error);
      g_test_message ("%s: %u packets", files[i], n);
      g_assert_cmpint (n, ==, expected);
      if (g_str_has_suffix (files[i], ".gz"))
        g_assert_true (remora_capture_reader_is_compressed (reader));
      checked++;
    }
  g_assert_cmpuint (checked, >, 0);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_unlink (child);
    }
  g_rmdir (path);
}

/* A one-pass reader drops the pages behind it; every packet still comes out
 * whole, and bytes handed out long before stay readable. */
static void
test_release_behind (void)
{
  g_autofree char *dir = g_dir_make_tmp ("remora-release-XXXXXX", NULL);
  g_autoptr(GByteArray) ba = cb_pcap_new (FALSE, 0xa1b2c3d4, 65535, 1);
  g_autoptr(RemoraCaptureReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) got = g_array_new (FALSE, FALSE, sizeof (CbRecord));
  g_autofree char *path = NULL;
  const guint n = 24000, len = 2000;   /* 48 MB: several release windows */
  RemoraPacketRecord first;
  const guint8 *first_data;

  for (guint i = 0; i < n; i++)
    cb_pcap_record (ba, FALSE, i, 0, len, len, i);
  path = cb_write_temp (dir, "big.pcap", ba->data, ba->len);

  reader = remora_capture_reader_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (remora_capture_reader_get_mapped_file (reader));
  remora_capture_reader_set_release_behind (reader, TRUE);
  g_assert_cmpint (remora_capture_reader_next (reader, &first, &error), ==, REMORA_READ_PACKET);
  first_data = first.data;
  g_array_set_size (got, 1);
  g_assert_cmpint (cb_read_all (reader, got, &error), ==, REMORA_READ_EOF);
  g_assert_no_error (error);
  g_assert_cmpuint (got->len, ==, n);
  for (guint i = 1; i < got->len; i++)
    g_assert_true (g_array_index (got, CbRecord, i).payload_ok);
  g_assert_true (cb_payload_ok (first_data, len, 0));

  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  signal (SIGPIPE, SIG_IGN);
  scratch = g_dir_make_tmp ("remora-test-XXXXXX", NULL);
  g_assert_nonnull (scratch);

  g_test_add_func ("/remora/capture/pcap-byte-orders", test_pcap_orders);
  g_test_add_func ("/remora/capture/release-behind", test_release_behind);
  g_test_add_func ("/remora/capture/pcap-header", test_pcap_header);
  g_test_add_func ("/remora/capture/pcap-modified", test_pcap_modified);
  g_test_add_func ("/remora/capture/not-capture", test_not_capture);
  g_test_add_func ("/remora/capture/empty", test_empty);
  g_test_add_func ("/remora/capture/header-only", test_header_only);
  g_test_add_func ("/remora/capture/truncated-header", test_truncated_header);
  g_test_add_func ("/remora/capture/truncated-record", test_truncated_record);
  g_test_add_func ("/remora/capture/caplen-too-big", test_caplen_too_big);
  g_test_add_func ("/remora/capture/pcapng-basic", test_pcapng_basic);
  g_test_add_func ("/remora/capture/pcapng-sections", test_pcapng_sections);
  g_test_add_func ("/remora/capture/pcapng-tsresol", test_pcapng_tsresol);
  g_test_add_func ("/remora/capture/pcapng-spb-pb", test_pcapng_spb_pb);
  g_test_add_func ("/remora/capture/pcapng-skip-blocks", test_pcapng_skip_blocks);
  g_test_add_func ("/remora/capture/pcapng-damage", test_pcapng_damage);
  g_test_add_func ("/remora/capture/pcapng-caplen-past-block", test_pcapng_caplen_too_big);
  g_test_add_func ("/remora/capture/pcapng-bad-header", test_pcapng_bad_header);
  g_test_add_func ("/remora/capture/pcapng-oversized-options", test_pcapng_oversized_options);
  g_test_add_func ("/remora/capture/pcapng-bad-tsresol", test_pcapng_bad_tsresol);
  g_test_add_func ("/remora/capture/pcapng-interface-cap", test_pcapng_interface_cap);
  g_test_add_func ("/remora/capture/gzip", test_gzip);
  g_test_add_func ("/remora/capture/gzip-truncated", test_gzip_truncated);
  g_test_add_func ("/remora/capture/gzip-corrupt", test_gzip_corrupt);
  g_test_add_func ("/remora/capture/pipe", test_pipe);
  g_test_add_func ("/remora/capture/pipe-live", test_pipe_live);
  g_test_add_func ("/remora/capture/pipe-truncated", test_pipe_truncated);
  g_test_add_func ("/remora/capture/stdin-gzip", test_stdin);
  g_test_add_func ("/remora/capture/open-errors", test_open_errors);
  g_test_add_func ("/remora/capture/corpus", test_corpus);

  ret = g_test_run ();
  remove_tree (scratch);
  g_free (scratch);
  return ret;
}
