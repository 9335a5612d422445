/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <zlib.h>

#include "remora-dissect.h"
#include "packet-text.h"

/* HTTP, SSDP, Line-based text data and Media Type.  Most cases drive the
 * "http" dissector alone through a shim on LINKTYPE_USER3 (150) that plays
 * TCP's part: the first byte says whether the payload may be desegmented,
 * the second is the stream index, the rest is the TCP payload.  SSDP goes
 * through real Ethernet / IPv4 / UDP frames. */

#define LINK_SHIM 150
#define SHIM_DESEGMENT 0x01

static int
dissect_shim (const RemoraTvb *tvb, RemoraPacket *pkt, RemoraItem tree, void *data)
{
  guint8 flags = remora_tvb_get_u8 (tvb, 0);
  RemoraTvb next;

  pkt->ptype = REMORA_PT_TCP;
  pkt->srcport = 40000;
  pkt->destport = 80;
  pkt->stream_index = remora_tvb_get_u8 (tvb, 1);
  pkt->can_desegment = (flags & SHIM_DESEGMENT) != 0;
  pkt->desegment_offset = 0;
  pkt->desegment_len = 0;
  remora_tvb_subset_remaining (&next, tvb, 2);
  remora_call_dissector_guarded (remora_dissector_find ("http"), &next, pkt, tree, NULL);
  return (int) tvb->captured;
}

static void
setup (void)
{
  static gsize once;

  remora_dissectors_init ();
  if (g_once_init_enter (&once))
    {
      remora_table_add_uint ("link_type", LINK_SHIM, remora_dissector_register ("http-test-shim", -1, dissect_shim));
      g_once_init_leave (&once, 1);
    }
}

typedef struct {
  RemoraSession   *session;
  RemoraPacket    *pkt;
  RemoraFrameInput in;
  GByteArray      *bytes;
} Ctx;

static void
ctx_init (Ctx *c)
{
  setup ();
  c->session = remora_session_new ();
  c->pkt = remora_packet_new ();
  c->bytes = g_byte_array_new ();
  remora_packet_set_tree_mode (c->pkt, TRUE);
  remora_packet_set_want_columns (c->pkt, TRUE);
}

static void
ctx_clear (Ctx *c)
{
  remora_packet_free (c->pkt);
  remora_session_free (c->session);
  g_byte_array_unref (c->bytes);
}

/* Dissects PAYLOAD (LEN bytes) as TCP payload of STREAM in frame NUMBER. */
static void
dissect_payload (Ctx *c, guint32 number, guint8 stream, gboolean desegment,
                 const void *payload, gsize len)
{
  guint8 hdr[2] = { desegment ? SHIM_DESEGMENT : 0, stream };

  g_byte_array_set_size (c->bytes, 0);
  g_byte_array_append (c->bytes, hdr, 2);
  g_byte_array_append (c->bytes, payload, (guint) len);
  memset (&c->in, 0, sizeof c->in);
  c->in.number = number;
  c->in.data = c->bytes->data;
  c->in.cap_len = c->bytes->len;
  c->in.orig_len = c->bytes->len;
  c->in.ts_ns = G_GINT64_CONSTANT (1700000000000000000) + (gint64) number * 250000000;
  c->in.link_type = LINK_SHIM;
  remora_session_dissect (c->session, c->pkt, &c->in);
}

static void
dissect_str (Ctx *c, guint32 number, guint8 stream, gboolean desegment, const char *payload)
{
  dissect_payload (c, number, stream, desegment, payload, strlen (payload));
}

/* The Nth (0-based) node of ABBREV, or 0. */
static RemoraItem
find_nth (RemoraPacket *pkt, const char *abbrev, guint n)
{
  int id = remora_field_lookup (abbrev);

  g_assert_cmpint (id, >=, 0);
  for (guint i = 1; i <= remora_packet_get_n_nodes (pkt); i++)
    if (remora_packet_get_node (pkt, i)->field == id && n-- == 0)
      return i;
  return 0;
}

static guint
count_field (RemoraPacket *pkt, const char *abbrev)
{
  guint n = 0;

  while (find_nth (pkt, abbrev, n) != 0)
    n++;
  return n;
}

static char *
label_of (RemoraPacket *pkt, RemoraItem item)
{
  GString *s = g_string_new (NULL);

  g_assert_cmpuint (item, !=, 0);
  remora_node_format_label (pkt, item, s);
  return g_string_free (s, FALSE);
}

static char *
label_nth (RemoraPacket *pkt, const char *abbrev, guint n)
{
  return label_of (pkt, find_nth (pkt, abbrev, n));
}

static char *
string_nth (RemoraPacket *pkt, const char *abbrev, guint n)
{
  RemoraItem item = find_nth (pkt, abbrev, n);
  const RemoraNode *node;

  g_assert_cmpuint (item, !=, 0);
  node = remora_packet_get_node (pkt, item);
  return g_strndup ((const char *) node->value.bytes.ptr, node->value.bytes.len);
}

static guint64
uint_nth (RemoraPacket *pkt, const char *abbrev, guint n)
{
  RemoraItem item = find_nth (pkt, abbrev, n);

  g_assert_cmpuint (item, !=, 0);
  return remora_packet_get_node (pkt, item)->value.u;
}

/* A text-only node whose label is LABEL, or 0. */
static RemoraItem
find_text (RemoraPacket *pkt, const char *label)
{
  for (guint i = 1; i <= remora_packet_get_n_nodes (pkt); i++)
    if (remora_packet_get_node (pkt, i)->field == -1)
      {
        g_autofree char *l = label_of (pkt, i);

        if (strcmp (l, label) == 0)
          return i;
      }
  return 0;
}

static const char *
layers (RemoraPacket *pkt)
{
  static char buf[256];
  RemoraItem item = find_nth (pkt, "frame.protocols", 0);
  const RemoraNode *node = remora_packet_get_node (pkt, item);

  g_assert_cmpuint (node->value.bytes.len, <, sizeof buf);
  memcpy (buf, node->value.bytes.ptr, node->value.bytes.len);
  buf[node->value.bytes.len] = '\0';
  return buf;
}

#define ASSERT_LABEL(pkt, abbrev, n, expected) \
  G_STMT_START { \
    g_autofree char *l_ = label_nth (pkt, abbrev, n); \
    g_assert_cmpstr (l_, ==, expected); \
  } G_STMT_END

#define ASSERT_STRING(pkt, abbrev, n, expected) \
  G_STMT_START { \
    g_autofree char *s_ = string_nth (pkt, abbrev, n); \
    g_assert_cmpstr (s_, ==, expected); \
  } G_STMT_END

/* ---- cases ---- */

static void
test_request (void)
{
  Ctx c;

  ctx_init (&c);
  dissect_str (&c, 1, 0, FALSE,
               "GET /a/b.html?x=1&y=two HTTP/1.1\r\n"
               "Host: example.com\r\n"
               "User-Agent: test/1.0\r\n"
               "Cookie: a=1; b=2\r\n"
               "Authorization: Basic dXNlcjpwYXNz\r\n"
               "X-Custom: foo\r\n"
               "\r\n");
  g_assert_cmpint (c.pkt->exception, ==, REMORA_EXC_NONE);
  g_assert_cmpstr (c.pkt->col_protocol, ==, "HTTP");
  g_assert_cmpstr (c.pkt->col_info->str, ==, "GET /a/b.html?x=1&y=two HTTP/1.1 ");
  g_assert_cmpstr (layers (c.pkt), ==, "http");
  g_assert_cmpuint (find_text (c.pkt, "GET /a/b.html?x=1&y=two HTTP/1.1\\r\\n"), !=, 0);
  g_assert_cmpuint (find_text (c.pkt, "[Expert Info (Chat/Sequence): GET /a/b.html?x=1&y=two HTTP/1.1\\r\\n]"), !=, 0);
  ASSERT_LABEL (c.pkt, "http.request.method", 0, "Request Method: GET");
  ASSERT_LABEL (c.pkt, "http.request.uri", 0, "Request URI: /a/b.html?x=1&y=two");
  ASSERT_LABEL (c.pkt, "http.request.uri.path", 0, "Request URI Path: /a/b.html");
  ASSERT_LABEL (c.pkt, "http.request.uri.query", 0, "Request URI Query: x=1&y=two");
  ASSERT_STRING (c.pkt, "http.request.uri.query.parameter", 1, "y=two");
  ASSERT_LABEL (c.pkt, "http.request.version", 0, "Request Version: HTTP/1.1");
  ASSERT_LABEL (c.pkt, "http.host", 0, "Host: example.com\\r\\n");
  ASSERT_STRING (c.pkt, "http.host", 0, "example.com");
  ASSERT_STRING (c.pkt, "http.user_agent", 0, "test/1.0");
  ASSERT_STRING (c.pkt, "http.cookie_pair", 0, "a=1");
  ASSERT_STRING (c.pkt, "http.cookie_pair", 1, "b=2");
  ASSERT_LABEL (c.pkt, "http.authbasic", 0, "Credentials: user:pass");
  /* every header line is a request line; the unknown one is shown as such */
  g_assert_cmpuint (count_field (c.pkt, "http.request.line"), ==, 5);
  ASSERT_LABEL (c.pkt, "http.request.line", 4, "X-Custom: foo\\r\\n");
  ASSERT_STRING (c.pkt, "http.request.line", 0, "Host: example.com\r\n");
  g_assert_true (remora_packet_get_node (c.pkt, find_nth (c.pkt, "http.request.line", 0))->flags & REMORA_NODE_HIDDEN);
  ASSERT_LABEL (c.pkt, "http.request.full_uri", 0, "[Full request URI: http://example.com/a/b.html?x=1&y=two]");
  ASSERT_LABEL (c.pkt, "http.request_number", 0, "[HTTP request 1/1]");
  g_assert_cmpuint (uint_nth (c.pkt, "http.request", 0), ==, 1);
  g_assert_cmpuint (find_text (c.pkt, "\\r\\n"), !=, 0);
  ctx_clear (&c);
}

static void
test_response_content_length (void)
{
  Ctx c;
  RemoraItem it;

  ctx_init (&c);
  dissect_str (&c, 1, 0, TRUE,
               "HTTP/1.1 200 OK\r\n"
               "Content-Type: text/plain; charset=utf-8\r\n"
               "Content-Length: 12\r\n"
               "\r\n"
               "hello\nworld\n");
  g_assert_cmpint (c.pkt->exception, ==, REMORA_EXC_NONE);
  g_assert_cmpuint (c.pkt->desegment_len, ==, 0);
  g_assert_cmpstr (c.pkt->col_info->str, ==, "HTTP/1.1 200 OK  (text/plain)");
  g_assert_cmpstr (layers (c.pkt), ==, "http:data-text-lines");
  ASSERT_LABEL (c.pkt, "http.response.version", 0, "Response Version: HTTP/1.1");
  ASSERT_LABEL (c.pkt, "http.response.code", 0, "Status Code: 200");
  ASSERT_LABEL (c.pkt, "http.response.code.desc", 0, "[Status Code Description: OK]");
  ASSERT_LABEL (c.pkt, "http.response.phrase", 0, "Response Phrase: OK");
  ASSERT_LABEL (c.pkt, "http.content_length_header", 0, "Content-Length: 12\\r\\n");
  ASSERT_LABEL (c.pkt, "http.content_length", 0, "[Content length: 12]");
  ASSERT_STRING (c.pkt, "http.content_type", 0, "text/plain; charset=utf-8");
  ASSERT_LABEL (c.pkt, "http.file_data", 0, "File Data: 12 bytes");
  ASSERT_STRING (c.pkt, "http.file_data", 0, "hello\nworld\n");
  ASSERT_LABEL (c.pkt, "data-text-lines", 0, "Line-based text data: text/plain (2 lines)");
  it = find_text (c.pkt, "world\\n");
  g_assert_cmpuint (it, !=, 0);
  g_assert_cmpuint (remora_packet_get_node (c.pkt, it)->length, ==, 6);
  /* The HTTP item covers the headers; the body is the text's */
  g_assert_cmpuint (remora_packet_get_node (c.pkt, find_nth (c.pkt, "http", 0))->length, ==, 80);

  /* other media types go to "media" with their type */
  dissect_str (&c, 2, 1, TRUE,
               "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: 4\r\n\r\n\x89PNG");
  g_assert_cmpstr (layers (c.pkt), ==, "http:media");
  g_assert_cmpstr (c.pkt->col_info->str, ==, "HTTP/1.1 200 OK  (image/png)");
  ASSERT_LABEL (c.pkt, "media.type", 0, "Media type: image/png (4 bytes)");
  ctx_clear (&c);
}

static void
test_chunked (void)
{
  Ctx c;
  guint16 src;

  ctx_init (&c);
  dissect_str (&c, 1, 0, TRUE,
               "HTTP/1.1 200 OK\r\n"
               "Content-Type: text/html\r\n"
               "Transfer-Encoding: chunked\r\n"
               "\r\n"
               "5\r\nhello\r\n"
               "7;ext=1\r\n world\n\r\n"
               "0\r\nX-Trailer: t\r\n\r\n");
  g_assert_cmpint (c.pkt->exception, ==, REMORA_EXC_NONE);
  g_assert_cmpuint (c.pkt->desegment_len, ==, 0);
  g_assert_cmpuint (count_field (c.pkt, "http.chunk_size"), ==, 3);
  ASSERT_LABEL (c.pkt, "http.chunk_size", 0, "Chunk size: 5 octets");
  g_assert_cmpuint (uint_nth (c.pkt, "http.chunk_size", 1), ==, 7);
  g_assert_cmpuint (uint_nth (c.pkt, "http.chunk_size", 2), ==, 0);
  ASSERT_LABEL (c.pkt, "http.chunk_data", 0, "Chunk data: 68656c6c6f");
  ASSERT_LABEL (c.pkt, "http.chunked_trailer_part", 0, "trailer-part: X-Trailer: t\\r\\n");
  g_assert_cmpuint (find_text (c.pkt, "Data chunk (7 octets)"), !=, 0);
  g_assert_cmpuint (find_text (c.pkt, "End of chunked encoding"), !=, 0);
  ASSERT_STRING (c.pkt, "http.file_data", 0, "hello world\n");
  src = remora_packet_get_node (c.pkt, find_nth (c.pkt, "http.file_data", 0))->source;
  g_assert_cmpuint (src, >, 0);
  g_assert_cmpstr (c.pkt->sources[src].name, ==, "De-chunked entity body (12 bytes)");
  ASSERT_LABEL (c.pkt, "data-text-lines", 0, "Line-based text data: text/html (1 lines)");

  /* a chunk that is not all there: TCP is asked for one more segment,
   * as Wireshark asks, not for just the rest of the chunk (that would end
   * the PDU inside a segment that may also hold the next chunk lines) */
  dissect_str (&c, 2, 1, TRUE,
               "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nabcd");
  g_assert_cmpuint (c.pkt->desegment_offset, ==, 0);
  g_assert_cmpuint (c.pkt->desegment_len, ==, REMORA_DESEGMENT_ONE_MORE_SEGMENT);
  ctx_clear (&c);
}

static GByteArray *
gzip_bytes (const char *text, gsize len)
{
  GByteArray *out = g_byte_array_new ();
  guint8 buf[4096];
  z_stream zs = { 0 };
  int rc;

  g_assert_cmpint (deflateInit2 (&zs, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), ==, Z_OK);
  zs.next_in = (Bytef *) text;
  zs.avail_in = (uInt) len;
  do
    {
      zs.next_out = buf;
      zs.avail_out = sizeof buf;
      rc = deflate (&zs, Z_FINISH);
      g_byte_array_append (out, buf, sizeof buf - zs.avail_out);
    }
  while (rc == Z_OK);
  g_assert_cmpint (rc, ==, Z_STREAM_END);
  deflateEnd (&zs);
  return out;
}

static void
test_gzip (void)
{
  static const char text[] = "line one\nline two\r\nthird";
  g_autoptr(GByteArray) gz = gzip_bytes (text, sizeof text - 1);
  g_autoptr(GByteArray) msg = g_byte_array_new ();
  g_autofree char *hdr = g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                                          "Content-Encoding: gzip\r\nContent-Length: %u\r\n\r\n", gz->len);
  g_autofree char *expected = g_strdup_printf ("Content-encoded entity body (gzip): %u bytes -> 24 bytes", gz->len);
  RemoraItem it;
  guint16 src;
  Ctx c;

  ctx_init (&c);
  g_byte_array_append (msg, (const guint8 *) hdr, (guint) strlen (hdr));
  g_byte_array_append (msg, gz->data, gz->len);
  dissect_payload (&c, 1, 0, TRUE, msg->data, msg->len);
  g_assert_cmpint (c.pkt->exception, ==, REMORA_EXC_NONE);
  g_assert_cmpuint (find_text (c.pkt, expected), !=, 0);
  ASSERT_STRING (c.pkt, "http.file_data", 0, text);
  src = remora_packet_get_node (c.pkt, find_nth (c.pkt, "http.file_data", 0))->source;
  g_assert_cmpstr (c.pkt->sources[src].name, ==, "Uncompressed entity body (24 bytes)");
  ASSERT_LABEL (c.pkt, "data-text-lines", 0, "Line-based text data: text/html (3 lines)");
  it = find_text (c.pkt, "line two\\r\\n");
  g_assert_cmpuint (it, !=, 0);
  g_assert_cmpuint (remora_packet_get_node (c.pkt, it)->source, ==, src);
  g_assert_cmpuint (find_text (c.pkt, "third"), !=, 0);
  ctx_clear (&c);
}

static void
test_partial (void)
{
  Ctx c;

  ctx_init (&c);
  /* headers without their blank line */
  dissect_str (&c, 1, 0, TRUE, "GET / HTTP/1.1\r\nHost: a\r\n");
  g_assert_cmpuint (c.pkt->desegment_offset, ==, 0);
  g_assert_cmpuint (c.pkt->desegment_len, ==, REMORA_DESEGMENT_ONE_MORE_SEGMENT);
  g_assert_cmpuint (count_field (c.pkt, "http.request.method"), ==, 0);

  /* not even the start line */
  dissect_str (&c, 2, 1, TRUE, "HTTP/1.");
  g_assert_cmpuint (c.pkt->desegment_len, ==, REMORA_DESEGMENT_ONE_MORE_SEGMENT);

  /* a body by Content-Length: exactly the missing bytes */
  dissect_str (&c, 3, 2, TRUE, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789");
  g_assert_cmpuint (c.pkt->desegment_offset, ==, 0);
  g_assert_cmpuint (c.pkt->desegment_len, ==, 90);
  g_assert_cmpstr (c.pkt->col_info->str, ==, "HTTP/1.1 200 OK ");

  /* a second, pipelined message: the offset is where it starts */
  dissect_str (&c, 4, 3, TRUE, "GET /1 HTTP/1.1\r\n\r\nGET /2 HTTP/1.1\r\nHo");
  g_assert_cmpuint (c.pkt->desegment_offset, ==, 19);
  g_assert_cmpuint (c.pkt->desegment_len, ==, REMORA_DESEGMENT_ONE_MORE_SEGMENT);
  ASSERT_STRING (c.pkt, "http.request.uri", 0, "/1");
  g_assert_cmpuint (count_field (c.pkt, "http.request.uri"), ==, 1);

  /* a response without any framing runs to the end of the connection */
  dissect_str (&c, 5, 4, TRUE, "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nsome");
  g_assert_cmpuint (c.pkt->desegment_len, ==, REMORA_DESEGMENT_UNTIL_FIN);
  /* ... and once TCP has the FIN it calls without desegmentation */
  dissect_str (&c, 6, 4, FALSE, "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nsome text\n");
  g_assert_cmpuint (c.pkt->desegment_len, ==, 0);
  ASSERT_STRING (c.pkt, "http.file_data", 0, "some text\n");

  /* nothing to wait for after 1xx / 204 / 304 */
  dissect_str (&c, 7, 5, TRUE, "HTTP/1.1 304 Not Modified\r\n\r\n");
  g_assert_cmpuint (c.pkt->desegment_len, ==, 0);
  ASSERT_LABEL (c.pkt, "http.response.code.desc", 0, "[Status Code Description: Not Modified]");

  /* preference off: no waiting for the body */
  g_assert_true (remora_pref_set ("http.desegment_body", "FALSE", NULL));
  dissect_str (&c, 8, 6, TRUE, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789");
  g_assert_cmpuint (c.pkt->desegment_len, ==, 0);
  ASSERT_STRING (c.pkt, "http.file_data", 0, "0123456789");
  g_assert_true (remora_pref_set ("http.desegment_body", "TRUE", NULL));
  ctx_clear (&c);
}

static void
test_links (void)
{
  Ctx c;

  ctx_init (&c);
  dissect_str (&c, 1, 7, FALSE, "GET /one HTTP/1.1\r\nHost: h\r\n\r\n");
  /* a request on another stream does not pair with the response */
  dissect_str (&c, 2, 8, FALSE, "GET /other HTTP/1.1\r\nHost: h\r\n\r\n");
  dissect_str (&c, 3, 7, FALSE, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
  g_assert_cmpuint (uint_nth (c.pkt, "http.request_in", 0), ==, 1);
  ASSERT_LABEL (c.pkt, "http.request_in", 0, "[Request in frame: 1]");
  ASSERT_LABEL (c.pkt, "http.time", 0, "[Time since request: 0.500000000 seconds]");
  ASSERT_LABEL (c.pkt, "http.response_for.uri", 0, "[Request URI: http://h/one]");
  ASSERT_LABEL (c.pkt, "http.response_number", 0, "[HTTP response 1/1]");
  dissect_str (&c, 4, 7, FALSE, "GET /two HTTP/1.1\r\nHost: h\r\n\r\n");
  ASSERT_LABEL (c.pkt, "http.request_number", 0, "[HTTP request 2/2]");
  g_assert_cmpuint (uint_nth (c.pkt, "http.prev_request_in", 0), ==, 1);
  g_assert_cmpuint (count_field (c.pkt, "http.response_in"), ==, 0);

  /* revisiting the first request: the answer is known now */
  dissect_str (&c, 1, 7, FALSE, "GET /one HTTP/1.1\r\nHost: h\r\n\r\n");
  g_assert_true (c.pkt->visited);
  g_assert_cmpuint (uint_nth (c.pkt, "http.response_in", 0), ==, 3);
  g_assert_cmpuint (uint_nth (c.pkt, "http.next_request_in", 0), ==, 4);
  ASSERT_LABEL (c.pkt, "http.request_number", 0, "[HTTP request 1/2]");
  /* and the response keeps the URI it answered */
  dissect_str (&c, 3, 7, FALSE, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
  ASSERT_LABEL (c.pkt, "http.response_for.uri", 0, "[Request URI: http://h/one]");
  g_assert_cmpuint (uint_nth (c.pkt, "http.next_request_in", 0), ==, 4);
  ctx_clear (&c);
}

static void
test_ssdp (void)
{
  static const char msearch[] =
    "M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nMAN: \"ssdp:discover\"\r\nMX: 1\r\nST: ssdp:all\r\n\r\n";
  static const guint8 eth[14] = { 0x01, 0x00, 0x5e, 0x7f, 0xff, 0xfa, 0x02, 0, 0, 0, 0, 1, 0x08, 0x00 };
  guint8 frame[256] = { 0 };
  guint plen = sizeof msearch - 1, ip_len = 20 + 8 + plen;
  Ctx c;

  ctx_init (&c);
  memcpy (frame, eth, 14);
  frame[14] = 0x45;
  frame[16] = (guint8) (ip_len >> 8);
  frame[17] = (guint8) ip_len;
  frame[22] = 4;
  frame[23] = 17;
  memcpy (frame + 26, (guint8[]) { 10, 0, 0, 5 }, 4);
  memcpy (frame + 30, (guint8[]) { 239, 255, 255, 250 }, 4);
  frame[34] = 0xc3;                 /* source port 50000 */
  frame[35] = 0x50;
  frame[36] = 0x07;                 /* destination port 1900 */
  frame[37] = 0x6c;
  frame[38] = (guint8) ((8 + plen) >> 8);
  frame[39] = (guint8) (8 + plen);
  memcpy (frame + 42, msearch, plen);
  memset (&c.in, 0, sizeof c.in);
  c.in.number = 1;
  c.in.data = frame;
  c.in.cap_len = c.in.orig_len = 42 + plen;
  c.in.link_type = 1;
  remora_session_dissect (c.session, c.pkt, &c.in);

  g_assert_cmpint (c.pkt->exception, ==, REMORA_EXC_NONE);
  g_assert_cmpstr (c.pkt->col_protocol, ==, "SSDP");
  g_assert_cmpstr (c.pkt->col_info->str, ==, "M-SEARCH * HTTP/1.1 ");
  g_assert_cmpstr (layers (c.pkt), ==, "eth:ethertype:ip:udp:ssdp");
  ASSERT_LABEL (c.pkt, "ssdp", 0, "Simple Service Discovery Protocol");
  ASSERT_STRING (c.pkt, "http.request.method", 0, "M-SEARCH");
  /* header names are matched without regard to case */
  ASSERT_LABEL (c.pkt, "http.host", 0, "HOST: 239.255.255.250:1900\\r\\n");
  ASSERT_STRING (c.pkt, "http.request.full_uri", 0, "http://239.255.255.250:1900*");
  ASSERT_LABEL (c.pkt, "http.request.line", 1, "MAN: \"ssdp:discover\"\\r\\n");
  ctx_clear (&c);
}

static void
test_hostile (void)
{
  g_autoptr(GString) s = g_string_new (NULL);
  Ctx c;

  ctx_init (&c);

  /* a start line that never ends: waited for, but not forever */
  g_string_append (s, "GET /");
  for (guint i = 0; i < 2 * 1024 * 1024; i++)
    g_string_append_c (s, 'A');
  dissect_payload (&c, 1, 0, TRUE, s->str, 100000);
  g_assert_cmpuint (c.pkt->desegment_len, ==, REMORA_DESEGMENT_ONE_MORE_SEGMENT);
  dissect_payload (&c, 2, 0, TRUE, s->str, s->len);
  g_assert_cmpuint (c.pkt->desegment_len, ==, 0);
  g_assert_cmpint (c.pkt->exception, ==, REMORA_EXC_NONE);

  /* a huge header line is one (long) item */
  g_string_truncate (s, 0);
  g_string_append (s, "GET / HTTP/1.1\r\nX-Big: ");
  for (guint i = 0; i < 200000; i++)
    g_string_append_c (s, 'b');
  g_string_append (s, "\r\n\r\n");
  dissect_payload (&c, 3, 1, TRUE, s->str, s->len);
  g_assert_cmpint (c.pkt->exception, ==, REMORA_EXC_NONE);
  g_assert_cmpuint (count_field (c.pkt, "http.request.line"), ==, 1);

  /* bogus lengths: no Content length item, and no endless wait */
  dissect_str (&c, 4, 2, TRUE, "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\nxyz");
  g_assert_cmpuint (count_field (c.pkt, "http.content_length"), ==, 0);
  dissect_str (&c, 5, 3, TRUE, "HTTP/1.1 200 OK\r\nContent-Length: 99999999999999\r\n\r\nxyz");
  g_assert_cmpuint (c.pkt->desegment_len, ==, 0);
  g_assert_cmpuint (uint_nth (c.pkt, "http.content_length", 0), ==, G_GUINT64_CONSTANT (99999999999999));
  ASSERT_STRING (c.pkt, "http.file_data", 0, "xyz");
  dissect_str (&c, 6, 4, TRUE, "HTTP/1.1 200 OK\r\nContent-Length: 999999999999999999999999\r\n\r\nxyz");
  g_assert_cmpuint (count_field (c.pkt, "http.content_length"), ==, 0);

  /* a chunk size that overflows is not a chunk */
  dissect_str (&c, 7, 5, TRUE,
               "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFFFF\r\nabc\r\n0\r\n\r\n");
  g_assert_cmpint (c.pkt->exception, ==, REMORA_EXC_NONE);
  g_assert_cmpuint (c.pkt->desegment_len, ==, 0);
  g_assert_cmpuint (count_field (c.pkt, "http.chunk_size"), ==, 0);

  /* broken gzip: said so, body kept as it came */
  dissect_str (&c, 8, 6, TRUE,
               "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 6\r\n\r\n\x1f\x8bjunk");
  g_assert_cmpint (c.pkt->exception, ==, REMORA_EXC_NONE);
  g_assert_cmpuint (find_text (c.pkt, "Content-encoded entity body (gzip): 6 bytes [Error: Decompression failed]"), !=, 0);

  /* many pipelined messages in one segment */
  g_string_truncate (s, 0);
  for (guint i = 0; i < 3000; i++)
    g_string_append (s, "GET / HTTP/1.1\r\n\r\n");
  remora_packet_set_tree_mode (c.pkt, FALSE);
  dissect_payload (&c, 9, 7, TRUE, s->str, s->len);
  g_assert_cmpint (c.pkt->exception, ==, REMORA_EXC_NONE);
  ctx_clear (&c);
}

static void
test_gzip_bomb (void)
{
  const gsize n = 80u * 1024 * 1024;
  char *zeros = g_malloc0 (n);
  g_autoptr(GByteArray) gz = NULL;
  g_autoptr(GByteArray) msg = g_byte_array_new ();
  g_autofree char *hdr = NULL;
  g_autofree char *expected = NULL;
  Ctx c;

  memset (zeros, '\n', n);
  gz = gzip_bytes (zeros, n);
  g_free (zeros);
  hdr = g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Encoding: gzip\r\n"
                         "Content-Length: %u\r\n\r\n", gz->len);
  g_byte_array_append (msg, (const guint8 *) hdr, (guint) strlen (hdr));
  g_byte_array_append (msg, gz->data, gz->len);
  expected = g_strdup_printf ("Content-encoded entity body (gzip): %u bytes -> %u bytes", gz->len, 64u * 1024 * 1024);

  ctx_init (&c);
  dissect_payload (&c, 1, 0, FALSE, msg->data, msg->len);
  g_assert_cmpint (c.pkt->exception, ==, REMORA_EXC_NONE);
  g_assert_cmpuint (find_text (c.pkt, expected), !=, 0);
  /* the line view is bounded too */
  g_assert_cmpuint (remora_packet_get_n_nodes (c.pkt), <, 300000);
  ctx_clear (&c);
}

/* The GUI dissects frames again in any order once the first pass is done:
 * from the last to the first, each message still shows the links to the
 * messages around it (learnt after it, for the earlier ones), the time
 * since its request and the URI it answers, as in capture order. */
static void
test_revisit_reverse (void)
{
  static const struct { guint8 stream; const char *text; } msgs[] = {
    { 7, "POST /up HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n" },
    { 7, "HTTP/1.1 100 Continue\r\n\r\n" },
    { 7, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n" },
    { 9, "GET /elsewhere HTTP/1.1\r\nHost: other\r\n\r\n" },
    { 7, "GET /x HTTP/1.1\r\nHost: h\r\n\r\n" },
    { 7, "GET /y HTTP/1.1\r\nHost: h\r\n\r\n" },           /* pipelined */
    { 7, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n" },
    { 7, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n" },
    { 7, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n" }, /* no request left */
    { 9, "HTTP/1.1 204 No Content\r\n\r\n" },
    { 7, "GET /x HTTP/1.1\r\nHost: h\r\n\r\nGET /z HTTP/1.1\r\nHost: h\r\n\r\n" },
  };
  guint n = G_N_ELEMENTS (msgs);
  g_auto(GStrv) forward = g_new0 (char *, n + 1);
  Ctx c;

  ctx_init (&c);
  for (guint i = 0; i < n; i++)
    dissect_str (&c, i + 1, msgs[i].stream, FALSE, msgs[i].text);
  for (guint i = 0; i < n; i++)
    {
      dissect_str (&c, i + 1, msgs[i].stream, FALSE, msgs[i].text);
      forward[i] = packet_shown_text (c.pkt);
    }

  for (guint i = n; i-- > 0;)
    {
      g_autofree char *again = NULL;

      dissect_str (&c, i + 1, msgs[i].stream, FALSE, msgs[i].text);
      g_assert_true (c.pkt->visited);
      again = packet_shown_text (c.pkt);
      g_assert_cmpstr (again, ==, forward[i]);
      switch (i + 1)
        {
        case 11:
          ASSERT_LABEL (c.pkt, "http.request_number", 0, "[HTTP request 6/7]");
          ASSERT_LABEL (c.pkt, "http.request_number", 1, "[HTTP request 7/7]");
          g_assert_cmpuint (uint_nth (c.pkt, "http.next_request_in", 0), ==, 11);
          g_assert_cmpuint (uint_nth (c.pkt, "http.prev_request_in", 0), ==, 11);
          break;
        case 9:
          /* a response with no request left opens a transaction of its own */
          ASSERT_LABEL (c.pkt, "http.response_number", 0, "[HTTP response 5/7]");
          g_assert_cmpuint (count_field (c.pkt, "http.request_in"), ==, 0);
          g_assert_cmpuint (uint_nth (c.pkt, "http.prev_response_in", 0), ==, 8);
          g_assert_cmpuint (uint_nth (c.pkt, "http.next_request_in", 0), ==, 11);
          ASSERT_LABEL (c.pkt, "http.response_for.uri", 0, "[Request URI: http://h/y]");
          break;
        case 7:
          /* pipelined: the 404 joins the newest request */
          g_assert_cmpuint (uint_nth (c.pkt, "http.request_in", 0), ==, 6);
          g_assert_cmpuint (uint_nth (c.pkt, "http.next_response_in", 0), ==, 8);
          ASSERT_LABEL (c.pkt, "http.time", 0, "[Time since request: 0.250000000 seconds]");
          ASSERT_LABEL (c.pkt, "http.response_for.uri", 0, "[Request URI: http://h/y]");
          break;
        case 5:
          ASSERT_LABEL (c.pkt, "http.request_number", 0, "[HTTP request 2/7]");
          g_assert_cmpuint (count_field (c.pkt, "http.response_in"), ==, 0);
          g_assert_cmpuint (uint_nth (c.pkt, "http.prev_request_in", 0), ==, 1);
          g_assert_cmpuint (uint_nth (c.pkt, "http.next_request_in", 0), ==, 6);
          break;
        case 4:
          ASSERT_LABEL (c.pkt, "http.request_number", 0, "[HTTP request 1/1]");
          g_assert_cmpuint (uint_nth (c.pkt, "http.response_in", 0), ==, 10);
          break;
        case 3:
          g_assert_cmpuint (uint_nth (c.pkt, "http.request_in", 0), ==, 1);
          ASSERT_LABEL (c.pkt, "http.time", 0, "[Time since request: 0.500000000 seconds]");
          ASSERT_LABEL (c.pkt, "http.response_for.uri", 0, "[Request URI: http://h/up]");
          break;
        case 1:
          /* the final response, after the 100 Continue */
          ASSERT_LABEL (c.pkt, "http.request_number", 0, "[HTTP request 1/7]");
          g_assert_cmpuint (uint_nth (c.pkt, "http.response_in", 0), ==, 3);
          g_assert_cmpuint (uint_nth (c.pkt, "http.next_request_in", 0), ==, 5);
          break;
        default:
          break;
        }
    }
  ctx_clear (&c);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/remora/dissect/http/request", test_request);
  g_test_add_func ("/remora/dissect/http/response-content-length", test_response_content_length);
  g_test_add_func ("/remora/dissect/http/chunked", test_chunked);
  g_test_add_func ("/remora/dissect/http/gzip", test_gzip);
  g_test_add_func ("/remora/dissect/http/partial", test_partial);
  g_test_add_func ("/remora/dissect/http/links", test_links);
  g_test_add_func ("/remora/dissect/http/revisit-reverse", test_revisit_reverse);
  g_test_add_func ("/remora/dissect/http/ssdp", test_ssdp);
  g_test_add_func ("/remora/dissect/http/hostile", test_hostile);
  g_test_add_func ("/remora/dissect/http/gzip-bomb", test_gzip_bomb);
  return g_test_run ();
}
