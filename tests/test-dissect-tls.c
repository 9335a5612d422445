/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "dns-test-frames.h"
#include "remora-dissect.h"
#include "packet-text.h"

/* TLS records through a session.  A shim on LINKTYPE_USER2 (149) plays the
 * part of TCP: it hands the whole frame to "tls" as one TCP payload of a
 * stream between 10.0.0.1:40000 (client) and 10.0.0.2:443, with
 * desegmentation allowed, and keeps what TLS asked for.  The revisit case
 * goes through Ethernet / IPv4 / TCP frames instead. */

#define LINK_SHIM 149

static gboolean shim_from_server;
static guint32 seen_desegment_offset, seen_desegment_len;

static int
dissect_shim (const RemoraTvb *tvb, RemoraPacket *pkt, RemoraItem tree, void *data)
{
  static const guint8 client[4] = { 10, 0, 0, 1 }, server[4] = { 10, 0, 0, 2 };

  remora_address_set (&pkt->src, REMORA_AT_IPv4, shim_from_server ? server : client, 4);
  remora_address_set (&pkt->dst, REMORA_AT_IPv4, shim_from_server ? client : server, 4);
  pkt->ptype = REMORA_PT_TCP;
  pkt->srcport = shim_from_server ? 443 : 40000;
  pkt->destport = shim_from_server ? 40000 : 443;
  pkt->stream_index = 0;
  pkt->can_desegment = TRUE;
  pkt->desegment_offset = 0;
  pkt->desegment_len = 0;
  remora_call_dissector_guarded (remora_dissector_find ("tls"), tvb, pkt, tree, NULL);
  seen_desegment_offset = pkt->desegment_offset;
  seen_desegment_len = pkt->desegment_len;
  return (int) tvb->captured;
}

static void
setup (void)
{
  static gsize once;

  remora_dissectors_init ();
  if (g_once_init_enter (&once))
    {
      remora_table_add_uint ("link_type", LINK_SHIM, remora_dissector_register ("tls-test-shim", -1, dissect_shim));
      g_once_init_leave (&once, 1);
    }
}

/* ---- building TLS bytes ---- */

typedef struct {
  guint8 b[4096];
  guint  len;
} Buf;

static void
put8 (Buf *b, guint v)
{
  g_assert_cmpuint (b->len + 1, <=, sizeof b->b);
  b->b[b->len++] = (guint8) v;
}

static void
put16 (Buf *b, guint v)
{
  put8 (b, v >> 8);
  put8 (b, v);
}

static void
put24 (Buf *b, guint v)
{
  put8 (b, v >> 16);
  put16 (b, v & 0xffff);
}

static void
put_bytes (Buf *b, const void *p, guint n)
{
  g_assert_cmpuint (b->len + n, <=, sizeof b->b);
  memcpy (b->b + b->len, p, n);
  b->len += n;
}

static void
put_fill (Buf *b, guint8 byte, guint n)
{
  for (guint i = 0; i < n; i++)
    put8 (b, byte);
}

/* Patches a big-endian length of WIDTH bytes at AT to cover AT+WIDTH..end. */
static void
patch_len (Buf *b, guint at, guint width)
{
  guint v = b->len - at - width;

  for (guint i = 0; i < width; i++)
    b->b[at + i] = (guint8) (v >> (8 * (width - 1 - i)));
}

static guint
begin_record (Buf *b, guint type, guint version)
{
  put8 (b, type);
  put16 (b, version);
  put16 (b, 0);
  return b->len - 2;
}

static guint
begin_handshake (Buf *b, guint type)
{
  put8 (b, type);
  put24 (b, 0);
  return b->len - 3;
}

static void
extension (Buf *b, guint type, const guint8 *data, guint len)
{
  put16 (b, type);
  put16 (b, len);
  put_bytes (b, data, len);
}

static void
client_hello (Buf *b)
{
  static const guint8 sni[] = { 0, 15, 0, 0, 12, 'e', 'x', 'a', 'm', 'p', 'l', 'e', '.', 't', 'e', 's', 't' };
  static const guint8 alpn[] = { 0, 12, 2, 'h', '2', 8, 'h', 't', 't', 'p', '/', '1', '.', '1' };
  static const guint8 versions[] = { 4, 0x03, 0x04, 0x03, 0x03 };
  guint rec = begin_record (b, 22, 0x0301), hs = begin_handshake (b, 1), ext;
  guint8 share[40] = { 0, 36, 0, 29, 0, 32 };

  memset (share + 6, 0xab, 32);
  put16 (b, 0x0303);
  put_fill (b, 0x11, 32);               /* random */
  put8 (b, 0);                          /* session id */
  put16 (b, 4);
  put16 (b, 0x1301);
  put16 (b, 0xc02f);
  put8 (b, 1);
  put8 (b, 0);
  ext = b->len;
  put16 (b, 0);
  extension (b, 0, sni, sizeof sni);
  extension (b, 16, alpn, sizeof alpn);
  extension (b, 43, versions, sizeof versions);
  extension (b, 51, share, 6 + 32);
  patch_len (b, ext, 2);
  patch_len (b, hs, 3);
  patch_len (b, rec, 2);
}

static void
app_data (Buf *b, guint len)
{
  guint rec = begin_record (b, 23, 0x0303);

  put_fill (b, 0x5a, len);
  patch_len (b, rec, 2);
}

/* ---- dissecting and reading ---- */

typedef struct {
  RemoraSession *session;
  RemoraPacket  *pkt;
  guint32        number;
} Ctx;

static void
ctx_init (Ctx *c)
{
  setup ();
  c->session = remora_session_new ();
  c->pkt = remora_packet_new ();
  remora_packet_set_tree_mode (c->pkt, TRUE);
  remora_packet_set_want_columns (c->pkt, TRUE);
  c->number = 0;
}

static void
ctx_clear (Ctx *c)
{
  remora_packet_free (c->pkt);
  remora_session_free (c->session);
}

static void
send_buf (Ctx *c, gboolean from_server, const Buf *b)
{
  RemoraFrameInput in = { 0 };

  shim_from_server = from_server;
  in.number = ++c->number;
  in.data = b->b;
  in.cap_len = b->len;
  in.orig_len = b->len;
  in.ts_ns = G_GINT64_CONSTANT (1000000000) * in.number;
  in.link_type = LINK_SHIM;
  remora_session_dissect (c->session, c->pkt, &in);
}

static guint
count_field (RemoraPacket *pkt, const char *abbrev)
{
  int id = remora_field_lookup (abbrev);
  guint n = 0;

  g_assert_cmpint (id, >=, 0);
  for (guint i = 1; i <= remora_packet_get_n_nodes (pkt); i++)
    if (remora_packet_get_node (pkt, i)->field == id)
      n++;
  return n;
}

static RemoraItem
nth_field (RemoraPacket *pkt, const char *abbrev, guint nth)
{
  int id = remora_field_lookup (abbrev);

  g_assert_cmpint (id, >=, 0);
  for (guint i = 1; i <= remora_packet_get_n_nodes (pkt); i++)
    if (remora_packet_get_node (pkt, i)->field == id && nth-- == 0)
      return i;
  g_error ("no %s in frame", abbrev);
}

static guint64
uint_of (RemoraPacket *pkt, const char *abbrev, guint nth)
{
  return remora_packet_get_node (pkt, nth_field (pkt, abbrev, nth))->value.u;
}

static char *
string_of (RemoraPacket *pkt, const char *abbrev, guint nth)
{
  const RemoraNode *n = remora_packet_get_node (pkt, nth_field (pkt, abbrev, nth));

  return g_strndup ((const char *) n->value.bytes.ptr, n->value.bytes.len);
}

static char *
label_of (RemoraPacket *pkt, const char *abbrev, guint nth)
{
  GString *s = g_string_new (NULL);

  remora_node_format_label (pkt, nth_field (pkt, abbrev, nth), s);
  return g_string_free (s, FALSE);
}

#define assert_label(pkt, abbrev, nth, expected) G_STMT_START { \
    char *l_ = label_of (pkt, abbrev, nth); \
    g_assert_cmpstr (l_, ==, expected); \
    g_free (l_); \
  } G_STMT_END

#define assert_string(pkt, abbrev, nth, expected) G_STMT_START { \
    char *s_ = string_of (pkt, abbrev, nth); \
    g_assert_cmpstr (s_, ==, expected); \
    g_free (s_); \
  } G_STMT_END

/* ---- cases ---- */

static void
test_client_hello (void)
{
  Ctx c;
  Buf b = { 0 };

  ctx_init (&c);
  client_hello (&b);
  send_buf (&c, FALSE, &b);
  g_assert_cmpstr (c.pkt->col_protocol, ==, "TLSv1");
  g_assert_cmpstr (c.pkt->col_info->str, ==, "Client Hello");
  assert_label (c.pkt, "tls.record", 0, "TLSv1 Record Layer: Handshake Protocol: Client Hello");
  g_assert_cmpuint (uint_of (c.pkt, "tls.handshake.type", 0), ==, 1);
  assert_label (c.pkt, "tls.handshake.version", 0, "Version: TLS 1.2 (0x0303)");
  assert_label (c.pkt, "tls.handshake.ciphersuite", 0, "Cipher Suite: TLS_AES_128_GCM_SHA256 (0x1301)");
  assert_string (c.pkt, "tls.handshake.extensions_server_name", 0, "example.test");
  g_assert_cmpuint (uint_of (c.pkt, "tls.handshake.extensions_server_name_list_len", 0), ==, 15);
  g_assert_cmpuint (count_field (c.pkt, "tls.handshake.extensions_alpn_str"), ==, 2);
  assert_string (c.pkt, "tls.handshake.extensions_alpn_str", 1, "http/1.1");
  g_assert_cmpuint (count_field (c.pkt, "tls.handshake.extensions.supported_version"), ==, 2);
  assert_label (c.pkt, "tls.handshake.extensions.supported_version", 0, "Supported Version: TLS 1.3 (0x0304)");
  assert_label (c.pkt, "tls.handshake.extensions_key_share_group", 0, "Group: x25519 (29)");
  g_assert_cmpuint (uint_of (c.pkt, "tls.handshake.extensions_key_share_key_exchange_length", 0), ==, 32);
  g_assert_cmpint (c.pkt->exception, ==, REMORA_EXC_NONE);
  ctx_clear (&c);
}

static void
test_tls13 (void)
{
  static const guint8 sv[] = { 0x03, 0x04 };
  Ctx c;
  Buf b = { 0 };
  guint rec, hs, ext;

  ctx_init (&c);
  client_hello (&b);
  send_buf (&c, FALSE, &b);

  memset (&b, 0, sizeof b);
  rec = begin_record (&b, 22, 0x0303);
  hs = begin_handshake (&b, 2);
  put16 (&b, 0x0303);
  put_fill (&b, 0x22, 32);
  put8 (&b, 0);
  put16 (&b, 0x1301);
  put8 (&b, 0);
  ext = b.len;
  put16 (&b, 0);
  extension (&b, 43, sv, sizeof sv);
  patch_len (&b, ext, 2);
  patch_len (&b, hs, 3);
  patch_len (&b, rec, 2);
  rec = begin_record (&b, 20, 0x0303);
  put8 (&b, 1);
  patch_len (&b, rec, 2);
  app_data (&b, 40);
  send_buf (&c, TRUE, &b);
  g_assert_cmpstr (c.pkt->col_protocol, ==, "TLSv1.3");
  g_assert_cmpstr (c.pkt->col_info->str, ==, "Server Hello, Change Cipher Spec, Application Data");
  assert_label (c.pkt, "tls.record", 0, "TLSv1.2 Record Layer: Handshake Protocol: Server Hello");
  assert_label (c.pkt, "tls.record", 1, "TLSv1.3 Record Layer: Change Cipher Spec Protocol: Change Cipher Spec");
  /* TLS 1.3 hides the real content type of application data records */
  g_assert_cmpuint (count_field (c.pkt, "tls.record.opaque_type"), ==, 1);
  g_assert_cmpuint (count_field (c.pkt, "tls.record.content_type"), ==, 2);
  /* no time in a TLS 1.3 random */
  g_assert_cmpuint (count_field (c.pkt, "tls.handshake.random_time"), ==, 0);

  memset (&b, 0, sizeof b);
  app_data (&b, 30);
  send_buf (&c, FALSE, &b);
  g_assert_cmpstr (c.pkt->col_protocol, ==, "TLSv1.3");
  g_assert_cmpstr (c.pkt->col_info->str, ==, "Application Data");
  assert_label (c.pkt, "tls.record", 0, "TLSv1.3 Record Layer: Application Data Protocol: Hypertext Transfer Protocol");
  g_assert_cmpuint (remora_packet_get_node (c.pkt, nth_field (c.pkt, "tls.app_data", 0))->length, ==, 30);
  ctx_clear (&c);
}

static void
test_several_records (void)
{
  Ctx c;
  Buf b = { 0 };

  ctx_init (&c);
  app_data (&b, 10);
  app_data (&b, 20);
  app_data (&b, 1);
  send_buf (&c, TRUE, &b);
  g_assert_cmpuint (count_field (c.pkt, "tls.record"), ==, 3);
  g_assert_cmpuint (uint_of (c.pkt, "tls.record.length", 1), ==, 20);
  g_assert_cmpstr (c.pkt->col_info->str, ==, "Application Data, Application Data, Application Data");
  g_assert_cmpstr (c.pkt->col_protocol, ==, "TLSv1.2");
  g_assert_cmpuint (seen_desegment_len, ==, 0);
  ctx_clear (&c);
}

static void
test_split_record (void)
{
  Ctx c;
  Buf b = { 0 }, whole = { 0 };

  ctx_init (&c);
  app_data (&whole, 100);
  app_data (&b, 10);
  put_bytes (&b, whole.b, 45);          /* the header and 40 of 100 bytes */
  send_buf (&c, TRUE, &b);
  /* the first record is shown; TLS asks for the rest of the second */
  g_assert_cmpuint (count_field (c.pkt, "tls.record"), ==, 1);
  g_assert_cmpuint (seen_desegment_offset, ==, 15);
  g_assert_cmpuint (seen_desegment_len, ==, 60);
  g_assert_cmpint (c.pkt->exception, ==, REMORA_EXC_NONE);

  /* three bytes: not even a header */
  memset (&b, 0, sizeof b);
  put_bytes (&b, whole.b, 3);
  send_buf (&c, TRUE, &b);
  g_assert_cmpuint (seen_desegment_offset, ==, 0);
  g_assert_cmpuint (seen_desegment_len, ==, REMORA_DESEGMENT_ONE_MORE_SEGMENT);

  /* and the whole record, as reassembly hands it over */
  send_buf (&c, TRUE, &whole);
  g_assert_cmpuint (seen_desegment_len, ==, 0);
  g_assert_cmpuint (remora_packet_get_node (c.pkt, nth_field (c.pkt, "tls.app_data", 0))->length, ==, 100);
  ctx_clear (&c);
}

static void
test_certificate (void)
{
  Ctx c;
  Buf b = { 0 };
  guint rec, hs, list;

  ctx_init (&c);
  rec = begin_record (&b, 22, 0x0303);
  hs = begin_handshake (&b, 11);
  list = b.len;
  put24 (&b, 0);
  put24 (&b, 300);
  put_fill (&b, 0x30, 300);
  put24 (&b, 120);
  put_fill (&b, 0x31, 120);
  patch_len (&b, list, 3);
  patch_len (&b, hs, 3);
  patch_len (&b, rec, 2);
  send_buf (&c, TRUE, &b);
  g_assert_cmpstr (c.pkt->col_info->str, ==, "Certificate");
  g_assert_cmpuint (uint_of (c.pkt, "tls.handshake.certificates_length", 0), ==, 426);
  g_assert_cmpuint (count_field (c.pkt, "tls.handshake.certificate"), ==, 2);
  g_assert_cmpuint (uint_of (c.pkt, "tls.handshake.certificate_length", 0), ==, 300);
  g_assert_cmpuint (uint_of (c.pkt, "tls.handshake.certificate_length", 1), ==, 120);
  g_assert_cmpuint (remora_packet_get_node (c.pkt, nth_field (c.pkt, "tls.handshake.certificate", 1))->length, ==, 120);
  assert_label (c.pkt, "tls.handshake.certificates", 0, "Certificates (426 bytes)");
  ctx_clear (&c);
}

static void
test_alert (void)
{
  Ctx c;
  Buf b = { 0 };
  guint rec;

  ctx_init (&c);
  rec = begin_record (&b, 21, 0x0303);
  put8 (&b, 2);
  put8 (&b, 40);
  patch_len (&b, rec, 2);
  send_buf (&c, TRUE, &b);
  g_assert_cmpstr (c.pkt->col_info->str, ==, "Alert (Level: Fatal, Description: Handshake Failure)");
  assert_label (c.pkt, "tls.alert_message.desc", 0, "Description: Handshake Failure (40)");
  g_assert_cmpuint (uint_of (c.pkt, "tls.alert_message.level", 0), ==, 2);

  /* after a ChangeCipherSpec the alert is ciphertext */
  memset (&b, 0, sizeof b);
  rec = begin_record (&b, 20, 0x0303);
  put8 (&b, 1);
  patch_len (&b, rec, 2);
  rec = begin_record (&b, 21, 0x0303);
  put_fill (&b, 0x77, 26);
  patch_len (&b, rec, 2);
  send_buf (&c, TRUE, &b);
  g_assert_cmpstr (c.pkt->col_info->str, ==, "Change Cipher Spec, Encrypted Alert");
  g_assert_cmpuint (count_field (c.pkt, "tls.alert_message.desc"), ==, 0);
  ctx_clear (&c);
}

static void
test_hostile_extension (void)
{
  Ctx c;
  Buf b = { 0 };
  guint rec, hs;

  ctx_init (&c);
  rec = begin_record (&b, 22, 0x0301);
  hs = begin_handshake (&b, 1);
  put16 (&b, 0x0303);
  put_fill (&b, 0x11, 32);
  put8 (&b, 0);
  put16 (&b, 2);
  put16 (&b, 0x1301);
  put8 (&b, 1);
  put8 (&b, 0);
  put16 (&b, 8);
  put16 (&b, 0);                        /* server_name claiming 65535 bytes */
  put16 (&b, 0xffff);
  put16 (&b, 0xfff0);
  put16 (&b, 0);
  patch_len (&b, hs, 3);
  patch_len (&b, rec, 2);
  send_buf (&c, FALSE, &b);
  /* the message is shown up to the lie, then called malformed */
  g_assert_cmpstr (c.pkt->col_protocol, ==, "TLSv1");
  g_assert_true (g_str_has_prefix (c.pkt->col_info->str, "Client Hello"));
  g_assert_cmpuint (uint_of (c.pkt, "tls.handshake.extension.len", 0), ==, 0xffff);
  g_assert_cmpuint (count_field (c.pkt, "tls.handshake.extensions_server_name"), ==, 0);
  g_assert_cmpint (c.pkt->exception, ==, REMORA_EXC_MALFORMED);

  /* a record length beyond anything TCP could deliver: asks, never reads */
  memset (&b, 0, sizeof b);
  put8 (&b, 23);
  put16 (&b, 0x0303);
  put16 (&b, 0xffff);
  send_buf (&c, TRUE, &b);
  g_assert_cmpuint (seen_desegment_len, ==, 0xffff);
  ctx_clear (&c);
}

typedef struct {
  gboolean from_server;
  Buf      b;
} Segment;

/* A TLS 1.2 connection over real TCP segments: the state changes as it
 * goes (version and ALPN from the ServerHello, encryption after each
 * ChangeCipherSpec), and a record spans two segments.  Dissected again
 * after the first pass in any order, every frame reads with the state it
 * began with, as in capture order: the ServerHello is not taken for an
 * encrypted message, and the record reassembled in the later segment is
 * whole. */
static void
test_revisit_out_of_order (void)
{
  static const guint8 alpn[] = { 0, 3, 2, 'h', '2' };
  static const guint orders[][7] = { { 6, 5, 4, 3, 2, 1, 0 }, { 5, 1, 6, 0, 4, 2, 3 } };
  Segment seg[7];
  Buf whole = { 0 };
  guint32 seq[2] = { 1000, 5000 };
  GPtrArray *frames = g_ptr_array_new_with_free_func ((GDestroyNotify) g_byte_array_unref);
  g_autoptr(RemoraSession) session = NULL;
  g_autoptr(RemoraPacket) pkt = NULL;
  g_auto(GStrv) forward = g_new0 (char *, G_N_ELEMENTS (seg) + 1);
  guint rec, hs, ext;

  setup ();
  memset (seg, 0, sizeof seg);
  client_hello (&seg[0].b);

  seg[1].from_server = TRUE;
  rec = begin_record (&seg[1].b, 22, 0x0303);
  hs = begin_handshake (&seg[1].b, 2);
  put16 (&seg[1].b, 0x0303);
  put_fill (&seg[1].b, 0x22, 32);
  put8 (&seg[1].b, 0);
  put16 (&seg[1].b, 0xc02f);
  put8 (&seg[1].b, 0);
  ext = seg[1].b.len;
  put16 (&seg[1].b, 0);
  extension (&seg[1].b, 16, alpn, sizeof alpn);
  patch_len (&seg[1].b, ext, 2);
  patch_len (&seg[1].b, hs, 3);
  patch_len (&seg[1].b, rec, 2);

  for (guint i = 2; i <= 3; i++)
    {
      seg[i].from_server = i == 3;
      rec = begin_record (&seg[i].b, 20, 0x0303);
      put8 (&seg[i].b, 1);
      patch_len (&seg[i].b, rec, 2);
      rec = begin_record (&seg[i].b, 22, 0x0303);
      put_fill (&seg[i].b, 0x77, 40);
      patch_len (&seg[i].b, rec, 2);
    }

  app_data (&whole, 1000);
  seg[4].from_server = seg[5].from_server = TRUE;
  put_bytes (&seg[4].b, whole.b, 100);
  put_bytes (&seg[5].b, whole.b + 100, whole.len - 100);
  app_data (&seg[6].b, 50);

  for (guint i = 0; i < G_N_ELEMENTS (seg); i++)
    {
      gboolean srv = seg[i].from_server;

      g_ptr_array_add (frames, tf_frame (6, srv ? "10.0.0.2" : "10.0.0.1", srv ? "10.0.0.1" : "10.0.0.2",
                                         srv ? 443 : 50000, srv ? 50000 : 443, seq[srv], seg[i].b.b, seg[i].b.len));
      seq[srv] += seg[i].b.len;
    }

  session = remora_session_new ();
  pkt = tf_tree_packet ();
  for (guint i = 0; i < frames->len; i++)
    tf_dissect (session, pkt, i + 1, (gint64) i * 1000000, frames->pdata[i], 1);
  for (guint i = 0; i < frames->len; i++)
    {
      tf_dissect (session, pkt, i + 1, (gint64) i * 1000000, frames->pdata[i], 1);
      forward[i] = packet_shown_text (pkt);
    }

  for (guint o = 0; o < G_N_ELEMENTS (orders); o++)
    for (guint k = 0; k < frames->len; k++)
      {
        guint i = orders[o][k];
        g_autofree char *again = NULL;

        tf_dissect (session, pkt, i + 1, (gint64) i * 1000000, frames->pdata[i], 1);
        g_assert_true (pkt->visited);
        again = packet_shown_text (pkt);
        g_assert_cmpstr (again, ==, forward[i]);
        switch (i + 1)
          {
          case 2:
            g_assert_cmpstr (pkt->col_protocol, ==, "TLSv1.2");
            g_assert_cmpstr (pkt->col_info->str, ==, "Server Hello");
            break;
          case 3:
          case 4:
            g_assert_cmpstr (pkt->col_info->str, ==, "Change Cipher Spec, Encrypted Handshake Message");
            break;
          case 5:
            g_assert_cmpuint (count_field (pkt, "tls.record"), ==, 0);
            break;
          case 6:
            g_assert_cmpstr (pkt->col_info->str, ==, "Application Data");
            assert_label (pkt, "tls.record", 0, "TLSv1.2 Record Layer: Application Data Protocol: HyperText Transfer Protocol 2");
            g_assert_cmpuint (remora_packet_get_node (pkt, nth_field (pkt, "tls.app_data", 0))->length, ==, 1000);
            break;
          default:
            break;
          }
      }
  g_ptr_array_unref (frames);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/remora/dissect/tls/client-hello", test_client_hello);
  g_test_add_func ("/remora/dissect/tls/tls13-server-hello", test_tls13);
  g_test_add_func ("/remora/dissect/tls/several-records", test_several_records);
  g_test_add_func ("/remora/dissect/tls/split-record", test_split_record);
  g_test_add_func ("/remora/dissect/tls/revisit-out-of-order", test_revisit_out_of_order);
  g_test_add_func ("/remora/dissect/tls/certificate", test_certificate);
  g_test_add_func ("/remora/dissect/tls/alert", test_alert);
  g_test_add_func ("/remora/dissect/tls/hostile-extension", test_hostile_extension);
  return g_test_run ();
}
