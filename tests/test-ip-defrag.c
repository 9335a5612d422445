/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "proto-ip.h"
#include "remora-capture-reader.h"
#include "remora-dissect.h"

/* IPv4 and IPv6 defragmentation over tests/data/ip-frag.pcap (written by
 * tests/data/make-frag-captures.py; the verdicts asserted here are tshark
 * 4.0's on that file) and over floods of fragments built here. */

typedef struct {
  GPtrArray *data;     /* GBytes */
} Capture;

static Capture *
capture_load (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("REMORA_TEST_DATA"), name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RemoraCaptureReader) reader = remora_capture_reader_open (path, &error);
  Capture *cap = g_new0 (Capture, 1);
  RemoraPacketRecord rec;

  g_assert_no_error (error);
  cap->data = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  while (remora_capture_reader_next (reader, &rec, &error) == REMORA_READ_PACKET)
    g_ptr_array_add (cap->data, g_bytes_new (rec.data, rec.cap_len));
  g_assert_no_error (error);
  return cap;
}

static void
capture_free (Capture *cap)
{
  g_ptr_array_unref (cap->data);
  g_free (cap);
}

static void
dissect_bytes (RemoraSession *session, RemoraPacket *pkt, guint32 number, const guint8 *data, guint32 len)
{
  RemoraFrameInput in;

  memset (&in, 0, sizeof in);
  in.number = number;
  in.data = data;
  in.cap_len = in.orig_len = len;
  in.ts_ns = 1700000000000000000ll + number * 1000000ll;
  in.link_type = 1; /* Ethernet */
  remora_session_dissect (session, pkt, &in);
}

static void
dissect (RemoraSession *session, RemoraPacket *pkt, Capture *cap, guint32 number)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (g_ptr_array_index (cap->data, number - 1), &len);

  dissect_bytes (session, pkt, number, data, (guint32) len);
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

static const RemoraNode *
nth_field (RemoraPacket *pkt, const char *abbrev, guint nth)
{
  int id = remora_field_lookup (abbrev);

  for (guint i = 1; i <= remora_packet_get_n_nodes (pkt); i++)
    if (remora_packet_get_node (pkt, i)->field == id && nth-- == 0)
      return remora_packet_get_node (pkt, i);
  return NULL;
}

/* "1,2,3": the frames the ip.fragment (or ipv6.fragment) items list */
static char *
fragment_list (RemoraPacket *pkt, const char *abbrev)
{
  GString *s = g_string_new (NULL);
  const RemoraNode *n;

  for (guint i = 0; (n = nth_field (pkt, abbrev, i)) != NULL; i++)
    g_string_append_printf (s, "%s%" G_GUINT64_FORMAT, i ? "," : "", n->value.u);
  return g_string_free (s, FALSE);
}

/* Everything a user sees of the packet: sources, every label with its
 * place, the columns. */
static char *
describe (RemoraPacket *pkt)
{
  GString *s = g_string_new (NULL);
  GString *label = g_string_new (NULL);

  for (guint i = 0; i < pkt->n_sources; i++)
    {
      g_autofree char *sum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, pkt->sources[i].data,
                                                          pkt->sources[i].length);

      g_string_append_printf (s, "source %s %u %s\n", pkt->sources[i].name, pkt->sources[i].length, sum);
    }
  for (guint i = 1; i <= remora_packet_get_n_nodes (pkt); i++)
    {
      const RemoraNode *n = remora_packet_get_node (pkt, i);

      g_string_truncate (label, 0);
      remora_node_format_label (pkt, i, label);
      /* the frame's time deltas need the GUI's previous-frame times */
      if (strstr (label->str, "Time delta") != NULL)
        continue;
      g_string_append_printf (s, "%u %u %u %u %u %s\n", n->parent, n->source, n->start, n->length, n->flags,
                              label->str);
    }
  g_string_append_printf (s, "%s | %s\n", pkt->col_protocol ? pkt->col_protocol : "",
                          pkt->col_info ? pkt->col_info->str : "");
  g_string_free (label, TRUE);
  return g_string_free (s, FALSE);
}

static const RemoraDataSource *
find_source (RemoraPacket *pkt, const char *name)
{
  for (guint i = 0; i < pkt->n_sources; i++)
    if (g_strcmp0 (pkt->sources[i].name, name) == 0)
      return &pkt->sources[i];
  return NULL;
}

/* The UDP payload make-frag-captures.py puts in datagram N. */
static void
expected_payload (guint n, guint8 out[3000])
{
  guint32 x = 0x12345678u ^ n;

  for (guint i = 0; i < 3000; i++)
    {
      x = (x * 1103515245u + 12345u) & 0x7fffffffu;
      out[i] = (x >> 16) & 0xff;
    }
}

static gboolean
has_reassembled_source (RemoraPacket *pkt)
{
  for (guint i = 0; i < pkt->n_sources; i++)
    if (g_str_has_prefix (pkt->sources[i].name, "Reassembled IP"))
      return TRUE;
  return FALSE;
}

/* Frame numbers of ip-frag.pcap (see make-frag-captures.py). */
typedef struct {
  guint first;          /* first frame of the family's scenarios */
  const char *fragment; /* field names */
  const char *reassembled_in;
  const char *overlap;
  const char *conflict;
  const char *multitails;
  const char *error;
  const char *count;
  const char *source;
} Family;

static const Family v4 = { 1, "ip.fragment", "ip.reassembled_in", "ip.fragment.overlap",
                           "ip.fragment.overlap.conflict", "ip.fragment.multipletails", "ip.fragment.error",
                           "ip.fragment.count", "Reassembled IPv4 (3008 bytes)" };
static const Family v6 = { 27, "ipv6.fragment", "ipv6.reassembled.in", "ipv6.fragment.overlap",
                           "ipv6.fragment.overlap.conflict", "ipv6.fragment.multipletails", "ipv6.fragment.error",
                           "ipv6.fragment.count", "Reassembled IPv6 (3008 bytes)" };

/* Offsets of each scenario's frames from the family's first frame. */
enum { IN_ORDER = 0, OUT_OF_ORDER = 3, DUPLICATE = 6, CONFLICT = 10, MISSING = 14, SAME_OVERLAP = 16,
       TAILS = 20, N_SCENARIO_FRAMES = 24 };

static void
check_completing (RemoraPacket *pkt, const Family *f, guint datagram, guint expected_count,
                  const char *expected_list)
{
  const RemoraDataSource *src = find_source (pkt, f->source);
  g_autofree char *list = fragment_list (pkt, f->fragment);
  guint8 want[3000];

  g_assert_nonnull (src);
  g_assert_cmpuint (src->length, ==, 3008);
  g_assert_cmpuint (nth_field (pkt, f->count, 0)->value.u, ==, expected_count);
  g_assert_cmpstr (list, ==, expected_list);
  g_assert_cmpuint (count_field (pkt, "udp"), ==, 1);
  g_assert_cmpuint (nth_field (pkt, "udp.length", 0)->value.u, ==, 3008);
  /* the payload the UDP layer sees is the one that was sent (the
   * conflicting case keeps the first bytes placed, tshark's choice) */
  expected_payload (datagram, want);
  if (datagram != 4)
    g_assert_cmpmem (src->data + 8, 3000, want, 3000);
  else
    g_assert_true (memcmp (src->data + 8, want, 3000) != 0);
}

static void
check_family (RemoraSession *session, RemoraPacket *pkt, Capture *cap, const Family *f)
{
  guint b = f->first;
  g_autofree char *l = NULL;

  /* in order: the third frame completes */
  for (guint i = 0; i < 2; i++)
    {
      dissect (session, pkt, cap, b + IN_ORDER + i);
      g_assert_false (has_reassembled_source (pkt));
      g_assert_cmpuint (count_field (pkt, "udp"), ==, 0);
      g_assert_cmpuint (count_field (pkt, "data"), ==, 1);
    }
  if (f == &v4)
    g_assert_cmpstr (pkt->col_info->str, ==, "Fragmented IP protocol (proto=UDP 17, off=1480, ID=0001)");
  else
    g_assert_cmpstr (pkt->col_info->str, ==, "IPv6 fragment (off=1448 more=y ident=0x00000001 nxt=17)");
  dissect (session, pkt, cap, b + IN_ORDER + 2);
  l = g_strdup_printf ("%u,%u,%u", b, b + 1, b + 2);
  check_completing (pkt, f, 1, 3, l);
  g_assert_cmpstr (pkt->col_info->str, ==, "40000 \xe2\x86\x92 40001 Len=3000");
  g_clear_pointer (&l, g_free);

  /* out of order: last, first, middle */
  for (guint i = 0; i < 3; i++)
    dissect (session, pkt, cap, b + OUT_OF_ORDER + i);
  l = g_strdup_printf ("%u,%u,%u", b + 4, b + 5, b + 3);
  check_completing (pkt, f, 2, 3, l);
  g_clear_pointer (&l, g_free);

  /* a duplicate: an overlap with the same bytes */
  for (guint i = 0; i < 4; i++)
    dissect (session, pkt, cap, b + DUPLICATE + i);
  l = g_strdup_printf ("%u,%u,%u,%u", b + 6, b + 7, b + 8, b + 9);
  check_completing (pkt, f, 3, 4, l);
  g_assert_cmpuint (count_field (pkt, f->overlap), ==, 1);
  g_assert_cmpuint (count_field (pkt, f->conflict), ==, 0);
  g_clear_pointer (&l, g_free);

  /* conflicting overlap: both fragments involved are errors */
  for (guint i = 0; i < 4; i++)
    dissect (session, pkt, cap, b + CONFLICT + i);
  l = g_strdup_printf ("%u,%u", b + 10, b + 13);
  check_completing (pkt, f, 4, 4, l);
  g_clear_pointer (&l, g_free);
  l = fragment_list (pkt, f->error);
  g_assert_cmpstr (l, ==, f == &v4 ? "13,12" : "39,38");
  g_clear_pointer (&l, g_free);
  g_assert_cmpuint (count_field (pkt, f->overlap), ==, 2);
  g_assert_cmpuint (count_field (pkt, f->conflict), ==, 2);

  /* a missing middle: never reassembled, nothing invented */
  for (guint i = 0; i < 2; i++)
    {
      dissect (session, pkt, cap, b + MISSING + i);
      g_assert_false (has_reassembled_source (pkt));
      g_assert_cmpuint (count_field (pkt, "udp"), ==, 0);
      g_assert_cmpuint (count_field (pkt, f->reassembled_in), ==, 0);
    }

  /* an overlap with the same bytes */
  for (guint i = 0; i < 4; i++)
    dissect (session, pkt, cap, b + SAME_OVERLAP + i);
  l = g_strdup_printf ("%u,%u,%u,%u", b + 16, b + 17, b + 18, b + 19);
  check_completing (pkt, f, 6, 4, l);
  g_clear_pointer (&l, g_free);
  g_assert_cmpuint (count_field (pkt, f->overlap), ==, 2);
  g_assert_cmpuint (count_field (pkt, f->conflict), ==, 0);

  /* two tails: the second is an error */
  for (guint i = 0; i < 4; i++)
    dissect (session, pkt, cap, b + TAILS + i);
  l = g_strdup_printf ("%u,%u,%u", b + 20, b + 23, b + 21);
  check_completing (pkt, f, 7, 4, l);
  g_clear_pointer (&l, g_free);
  g_assert_cmpuint (count_field (pkt, f->multitails), ==, 1);
  g_assert_cmpuint (nth_field (pkt, f->error, 0)->value.u, ==, b + 22);
}

static void
test_first_pass_and_revisit (void)
{
  Capture *cap = capture_load ("ip-frag.pcap");
  g_autoptr(RemoraSession) session = remora_session_new ();
  g_autoptr(RemoraPacket) pkt = remora_packet_new ();
  g_autofree char *first = NULL, *again = NULL;

  g_assert_cmpuint (cap->data->len, ==, 50);
  remora_packet_set_tree_mode (pkt, TRUE);
  remora_packet_set_want_columns (pkt, TRUE);

  check_family (session, pkt, cap, &v4);
  /* frames 25, 26: a fragment reaching past 65535 is not taken in */
  dissect (session, pkt, cap, 25);
  dissect (session, pkt, cap, 26);
  g_assert_cmpstr (pkt->col_info->str, ==, "Fragmented IP protocol (proto=UDP 17, off=65528, ID=0008)");
  check_family (session, pkt, cap, &v6);

  /* Redissection (the GUI's selected row): earlier fragments now know
   * where they were reassembled, as tshark -2 shows them. */
  dissect (session, pkt, cap, 1);
  g_assert_true (pkt->visited);
  g_assert_cmpstr (pkt->col_info->str, ==,
                   "Fragmented IP protocol (proto=UDP 17, off=0, ID=0001) [Reassembled in #3]");
  g_assert_cmpuint (nth_field (pkt, "ip.reassembled_in", 0)->value.u, ==, 3);
  dissect (session, pkt, cap, 13);
  g_assert_cmpstr (pkt->col_info->str, ==,
                   "Fragmented IP protocol (proto=UDP 17, off=1464, ID=0004) [Reassembled in #14]");
  dissect (session, pkt, cap, 15);
  g_assert_cmpstr (pkt->col_info->str, ==, "Fragmented IP protocol (proto=UDP 17, off=0, ID=0005)");
  g_assert_cmpuint (count_field (pkt, "ip.reassembled_in"), ==, 0);
  dissect (session, pkt, cap, 27);
  g_assert_cmpstr (pkt->col_info->str, ==, "IPv6 fragment (off=0 more=y ident=0x00000001 nxt=17)");
  g_assert_cmpuint (nth_field (pkt, "ipv6.reassembled.in", 0)->value.u, ==, 29);

  /* the completing frame gives the same tree again, whatever came since */
  dissect (session, pkt, cap, 14);
  first = describe (pkt);
  dissect (session, pkt, cap, 3);
  dissect (session, pkt, cap, 14);
  again = describe (pkt);
  g_assert_cmpstr (again, ==, first);
  g_clear_pointer (&first, g_free);
  g_clear_pointer (&again, g_free);

  capture_free (cap);
}

/* The tree of a completing frame on the first pass equals the one the
 * redissection gives (a session that saw everything, then goes back). */
static void
test_revisit_same_tree (void)
{
  Capture *cap = capture_load ("ip-frag.pcap");
  g_autoptr(RemoraSession) session = remora_session_new ();
  g_autoptr(RemoraPacket) pkt = remora_packet_new ();
  const guint completing[] = { 3, 6, 10, 14, 20, 24, 29, 32, 36, 40, 46, 50 };
  char *trees[G_N_ELEMENTS (completing)] = { NULL };

  remora_packet_set_tree_mode (pkt, TRUE);
  remora_packet_set_want_columns (pkt, TRUE);
  for (guint n = 1, k = 0; n <= cap->data->len; n++)
    {
      dissect (session, pkt, cap, n);
      if (k < G_N_ELEMENTS (completing) && completing[k] == n)
        trees[k++] = describe (pkt);
    }
  for (guint k = G_N_ELEMENTS (completing); k-- > 0;)
    {
      g_autofree char *again = NULL;

      dissect (session, pkt, cap, completing[k]);
      g_assert_true (pkt->visited);
      again = describe (pkt);
      g_assert_cmpstr (again, ==, trees[k]);
      g_free (trees[k]);
    }
  capture_free (cap);
}

/* remora-cli's single pass: nothing is kept once a datagram completes,
 * only the datagrams still missing pieces. */
static void
test_single_pass_frees (void)
{
  Capture *cap = capture_load ("ip-frag.pcap");
  g_autoptr(RemoraSession) session = remora_session_new ();
  g_autoptr(RemoraPacket) pkt = remora_packet_new ();
  RemoraIpDefragStats st4, st6;

  remora_session_set_will_revisit (session, FALSE);
  remora_packet_set_want_columns (pkt, TRUE);
  for (guint n = 1; n <= cap->data->len; n++)
    {
      dissect (session, pkt, cap, n);
      if (n == 3)
        {
          remora_ip_defrag_get_stats (session, 4, &st4);
          g_assert_cmpuint (st4.pending_datagrams, ==, 0);
          g_assert_cmpuint (st4.pending_bytes, ==, 0);
          g_assert_cmpuint (st4.kept_bytes, ==, 0);
        }
    }
  remora_ip_defrag_get_stats (session, 4, &st4);
  remora_ip_defrag_get_stats (session, 6, &st6);
  /* id 5 (missing middle) and id 8 (its tail refused) are left */
  g_assert_cmpuint (st4.pending_datagrams, ==, 2);
  g_assert_cmpuint (st6.pending_datagrams, ==, 1);
  g_assert_cmpuint (st4.kept_bytes, ==, 0);
  g_assert_cmpuint (st6.kept_bytes, ==, 0);
  capture_free (cap);
}

/* An Ethernet + IPv4 fragment of a UDP datagram (LEN payload bytes at
 * byte offset OFF). */
static guint32
build_v4_fragment (guint8 *buf, guint16 id, guint32 off, guint32 len, gboolean more, guint8 fill)
{
  static const guint8 eth[14] = { 2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 0x08, 0x00 };
  guint8 *ip = buf + 14;
  guint16 flags = (guint16) ((more ? 0x2000 : 0) | (off / 8));

  memcpy (buf, eth, 14);
  memset (ip, 0, 20);
  ip[0] = 0x45;
  ip[2] = (guint8) ((20 + len) >> 8);
  ip[3] = (guint8) (20 + len);
  ip[4] = id >> 8;
  ip[5] = id & 0xff;
  ip[6] = flags >> 8;
  ip[7] = flags & 0xff;
  ip[8] = 64;
  ip[9] = 17;
  ip[12] = 10, ip[15] = 1;
  ip[16] = 10, ip[19] = 2;
  memset (ip + 20, fill, len);
  return 14 + 20 + len;
}

/* 20,000 first fragments of distinct datagrams: the pending total stays
 * under its cap, the oldest give way, the newest still complete. */
static void
test_flood_distinct_ids (void)
{
  g_autoptr(RemoraSession) session = remora_session_new ();
  g_autoptr(RemoraPacket) pkt = remora_packet_new ();
  guint8 *buf = g_malloc (2000);
  RemoraIpDefragStats st;
  guint32 n = 0, len;

  remora_session_set_will_revisit (session, FALSE);
  for (guint i = 0; i < 20000; i++)
    {
      /* ids wrap at 65536; 20,000 stay distinct */
      len = build_v4_fragment (buf, (guint16) i, 0, 1480, TRUE, 0x11);
      dissect_bytes (session, pkt, ++n, buf, len);
      remora_ip_defrag_get_stats (session, 4, &st);
      g_assert_cmpuint (st.pending_bytes, <=, REMORA_IP_DEFRAG_MAX_PENDING_TOTAL);
    }
  g_assert_cmpuint (st.pending_datagrams, <, 20000);
  g_assert_cmpuint (st.pending_datagrams, >, 5000);

  remora_packet_set_tree_mode (pkt, TRUE);
  /* the newest completes... */
  len = build_v4_fragment (buf, 19999, 1480, 8, FALSE, 0x22);
  dissect_bytes (session, pkt, ++n, buf, len);
  g_assert_nonnull (find_source (pkt, "Reassembled IPv4 (1488 bytes)"));
  /* ...the oldest was given up */
  len = build_v4_fragment (buf, 0, 1480, 8, FALSE, 0x22);
  dissect_bytes (session, pkt, ++n, buf, len);
  g_assert_false (has_reassembled_source (pkt));
  g_free (buf);
}

/* Hostile fragments: past 65535, thousands of tiny pieces of one
 * datagram, duplicates without end.  Memory stays bounded and the pieces
 * a datagram cannot hold are left out. */
static void
test_hostile_fragments (void)
{
  g_autoptr(RemoraSession) session = remora_session_new ();
  g_autoptr(RemoraPacket) pkt = remora_packet_new ();
  guint8 *buf = g_malloc (2000);
  RemoraIpDefragStats st;
  guint32 n = 0, len;
  gint64 t0 = g_get_monotonic_time ();

  remora_session_set_will_revisit (session, FALSE);
  remora_packet_set_want_columns (pkt, TRUE);

  len = build_v4_fragment (buf, 1, 65528, 64, FALSE, 0x33);
  dissect_bytes (session, pkt, ++n, buf, len);
  remora_ip_defrag_get_stats (session, 4, &st);
  g_assert_cmpuint (st.pending_datagrams, ==, 0);
  g_assert_cmpstr (pkt->col_info->str, ==, "Fragmented IP protocol (proto=UDP 17, off=65528, ID=0001)");

  /* 10,000 8-byte fragments of one datagram, never complete (no offset 0) */
  for (guint i = 0; i < 10000; i++)
    {
      len = build_v4_fragment (buf, 2, 8 + (i % 8000) * 8, 8, TRUE, 0x44);
      dissect_bytes (session, pkt, ++n, buf, len);
    }
  remora_ip_defrag_get_stats (session, 4, &st);
  g_assert_cmpuint (st.pending_datagrams, ==, 1);
  g_assert_cmpuint (st.pending_bytes, <=, 256 + REMORA_IP_DEFRAG_MAX_FRAGS * (64 + 8));

  /* the same 1480 bytes over and over */
  for (guint i = 0; i < 10000; i++)
    {
      len = build_v4_fragment (buf, 3, 0, 1480, TRUE, 0x55);
      dissect_bytes (session, pkt, ++n, buf, len);
    }
  remora_ip_defrag_get_stats (session, 4, &st);
  g_assert_cmpuint (st.pending_bytes, <=, 2 * (256 + REMORA_IP_DEFRAG_MAX_FRAGS * (64 + 8) + REMORA_IP_DEFRAG_MAX_STORED));
  /* a few seconds at most even under sanitizers */
  g_assert_cmpint (g_get_monotonic_time () - t0, <, 60 * G_USEC_PER_SEC);
  g_free (buf);
}

/* An ICMP error quoting the first fragment of a datagram: the quoted
 * fragment does not enter reassembly. */
static void
test_icmp_error_quote (void)
{
  g_autoptr(RemoraSession) session = remora_session_new ();
  g_autoptr(RemoraPacket) pkt = remora_packet_new ();
  guint8 buf[200];
  guint8 quoted[100];
  guint32 qlen = build_v4_fragment (quoted, 7, 0, 8, TRUE, 0x66);
  guint32 len;
  RemoraIpDefragStats st;

  /* outer: IPv4 ICMP type 3 code 3, quoting the fragment's IP header + 8 bytes */
  len = build_v4_fragment (buf, 99, 0, 8 + qlen, FALSE, 0);
  buf[14 + 9] = 1;
  buf[34] = 3;
  buf[35] = 3;
  memmove (quoted, quoted + 14, qlen - 14);
  qlen -= 14;
  memcpy (buf + 42, quoted, qlen);
  remora_packet_set_want_columns (pkt, TRUE);
  dissect_bytes (session, pkt, 1, buf, len);
  remora_ip_defrag_get_stats (session, 4, &st);
  g_assert_cmpuint (st.pending_datagrams, ==, 0);
}

/* ip.defragment:FALSE: no reassembly; a first fragment is dissected as it
 * is, the others are data. */
static void
test_pref_off (void)
{
  Capture *cap = capture_load ("ip-frag.pcap");
  g_autoptr(RemoraSession) session = remora_session_new ();
  g_autoptr(RemoraPacket) pkt = remora_packet_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (remora_pref_set ("ip.defragment", "FALSE", &error));
  g_assert_true (remora_pref_set ("ipv6.defragment", "FALSE", &error));
  remora_packet_set_want_columns (pkt, TRUE);
  remora_packet_set_tree_mode (pkt, TRUE);
  dissect (session, pkt, cap, 1);
  g_assert_cmpuint (count_field (pkt, "udp"), ==, 1);
  dissect (session, pkt, cap, 2);
  dissect (session, pkt, cap, 3);
  g_assert_cmpuint (count_field (pkt, "udp"), ==, 0);
  g_assert_false (has_reassembled_source (pkt));
  g_assert_cmpstr (pkt->col_info->str, ==, "Fragmented IP protocol (proto=UDP 17, off=2960, ID=0001)");
  dissect (session, pkt, cap, 27);
  g_assert_cmpuint (count_field (pkt, "udp"), ==, 1);
  dissect (session, pkt, cap, 28);
  dissect (session, pkt, cap, 29);
  g_assert_false (has_reassembled_source (pkt));
  g_assert_true (remora_pref_set ("ip.defragment", "TRUE", &error));
  g_assert_true (remora_pref_set ("ipv6.defragment", "TRUE", &error));
  capture_free (cap);
}

/* Every frame dissected again, last to first, after the first pass: the
 * same trees and Info as in capture order (fragments before the last find
 * where their datagram was completed). */
static void
test_revisit_reverse (void)
{
  Capture *cap = capture_load ("ip-frag.pcap");
  g_autoptr(RemoraSession) session = remora_session_new ();
  g_autoptr(RemoraPacket) pkt = remora_packet_new ();
  guint n = cap->data->len;
  g_auto(GStrv) forward = g_new0 (char *, n + 1);

  remora_packet_set_tree_mode (pkt, TRUE);
  remora_packet_set_want_columns (pkt, TRUE);
  for (guint i = 1; i <= n; i++)
    dissect (session, pkt, cap, i);
  for (guint i = 1; i <= n; i++)
    {
      g_autofree char *tree = NULL;

      dissect (session, pkt, cap, i);
      tree = describe (pkt);
      forward[i - 1] = g_strdup_printf ("%s\n%s", pkt->col_info->str, tree);
    }
  for (guint i = n; i >= 1; i--)
    {
      g_autofree char *tree = NULL, *again = NULL;

      dissect (session, pkt, cap, i);
      tree = describe (pkt);
      again = g_strdup_printf ("%s\n%s", pkt->col_info->str, tree);
      g_assert_cmpstr (again, ==, forward[i - 1]);
    }
  dissect (session, pkt, cap, 1);
  g_assert_cmpuint (nth_field (pkt, "ip.reassembled_in", 0)->value.u, ==, 3);
  capture_free (cap);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  remora_dissectors_init ();
  g_test_add_func ("/remora/ip-defrag/first-pass-and-revisit", test_first_pass_and_revisit);
  g_test_add_func ("/remora/ip-defrag/revisit-same-tree", test_revisit_same_tree);
  g_test_add_func ("/remora/ip-defrag/revisit-reverse", test_revisit_reverse);
  g_test_add_func ("/remora/ip-defrag/single-pass-frees", test_single_pass_frees);
  g_test_add_func ("/remora/ip-defrag/flood-distinct-ids", test_flood_distinct_ids);
  g_test_add_func ("/remora/ip-defrag/hostile-fragments", test_hostile_fragments);
  g_test_add_func ("/remora/ip-defrag/icmp-error-quote", test_icmp_error_quote);
  g_test_add_func ("/remora/ip-defrag/pref-off", test_pref_off);
  return g_test_run ();
}
