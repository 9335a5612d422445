/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "remora-dissect.h"
#include "remora-follow.h"

/* Follow TCP stream over the generated captures; the expected texts are
 * tshark 4.0's `-q -z follow,tcp,...` output on the same files, saved next
 * to them. */

static char *
data_path (const char *name)
{
  return g_build_filename (g_getenv ("REMORA_TEST_DATA"), name, NULL);
}

static RemoraFollow *
follow_file (const char *name, guint32 stream)
{
  g_autofree char *path = data_path (name);
  g_autoptr(GError) error = NULL;
  g_autoptr(RemoraCaptureReader) reader = remora_capture_reader_open (path, &error);
  RemoraFollow *f;

  g_assert_no_error (error);
  f = remora_follow_tcp_new (stream);
  g_assert_true (remora_follow_read (f, reader, &error));
  g_assert_no_error (error);
  return f;
}

static void
assert_format (RemoraFollow *f, RemoraFollowFormat fmt, const char *expected_file)
{
  g_autofree char *path = data_path (expected_file);
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  g_assert_true (g_file_get_contents (path, &expected, NULL, &error));
  remora_follow_format (f, fmt, out);
  g_assert_cmpstr (out->str, ==, expected);
}

static void
test_http_ooo (void)
{
  g_autoptr(RemoraFollow) f = follow_file ("tcp-http-ooo.pcap", 0);
  g_autoptr(GBytes) server = NULL;
  gsize len;
  const char *data;

  remora_dissectors_init ();
  assert_format (f, REMORA_FOLLOW_ASCII, "tcp-http-ooo.follow-ascii.txt");
  assert_format (f, REMORA_FOLLOW_HEX, "tcp-http-ooo.follow-hex.txt");
  g_assert_cmpstr (remora_follow_get_node (f, 0), ==, "10.0.0.1:40000");
  g_assert_cmpstr (remora_follow_get_node (f, 1), ==, "10.0.0.2:80");
  /* the response in stream order despite the out-of-order and
   * retransmitted segments: 6067 bytes, as sent */
  server = remora_follow_dup_direction (f, 1);
  data = g_bytes_get_data (server, &len);
  g_assert_cmpuint (len, ==, 6067);
  g_assert_true (g_str_has_prefix (data, "HTTP/1.1 200 OK\r\n"));
  g_assert_cmpuint (len - (g_strstr_len (data, len, "\r\n\r\n") + 4 - data), ==, 6000);
  g_assert_cmpuint (remora_follow_get_chunk (f, 0)->frame, ==, 4);
}

static void
test_gap (void)
{
  g_autoptr(RemoraFollow) f = follow_file ("tcp-lenpdu.pcap", 2);
  gboolean have_gap = FALSE;

  assert_format (f, REMORA_FOLLOW_ASCII, "tcp-lenpdu.follow2-ascii.txt");
  for (guint i = 0; i < remora_follow_get_n_chunks (f); i++)
    {
      const RemoraFollowChunk *c = remora_follow_get_chunk (f, i);
      if (c->is_gap)
        {
          have_gap = TRUE;
          g_assert_cmpstr ((const char *) c->data, ==, "[1000 bytes missing in capture file]");
        }
    }
  g_assert_true (have_gap);
}

static void
test_no_such_stream (void)
{
  g_autoptr(RemoraFollow) f = follow_file ("tcp-http-ooo.pcap", 7);
  g_autoptr(GString) out = g_string_new (NULL);

  g_assert_cmpuint (remora_follow_get_n_chunks (f), ==, 0);
  remora_follow_format (f, REMORA_FOLLOW_ASCII, out);
  /* tshark prints the frame of an empty follow with ":0" nodes */
  g_assert_true (strstr (out->str, "Node 0: :0\nNode 1: :0\n") != NULL);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/remora/follow/http-out-of-order", test_http_ooo);
  g_test_add_func ("/remora/follow/gap", test_gap);
  g_test_add_func ("/remora/follow/no-such-stream", test_no_such_stream);
  return g_test_run ();
}
