/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "remora-dissect.h"
#include "remora-format.h"
#include "remora-packet-private.h"

/* A test protocol on LINKTYPE_USER0 (147): a 2-byte length, then that many
 * bytes of payload, read whole; used to drive the engine's exceptions. */
static int proto_test;
static int hf_test_len;
static int hf_test_flags;
static int hf_test_flag_a;
static int hf_test_flag_b;
static int hf_test_payload;

static const RemoraValueString test_len_names[] = {
  { 3, "three" },
  { 0, NULL },
};

static RemoraFieldDef test_fields[] = {
  { &hf_test_len, { "Length", "test.len", REMORA_FT_UINT16, REMORA_BASE_DEC, test_len_names, 0, NULL } },
  { &hf_test_flags, { "Flags", "test.flags", REMORA_FT_UINT8, REMORA_BASE_HEX, NULL, 0xc0, NULL } },
  { &hf_test_flag_a, { "Alpha", "test.flags.a", REMORA_FT_BOOLEAN, 8, &remora_tfs_set_notset, 0x80, NULL } },
  { &hf_test_flag_b, { "Beta", "test.flags.b", REMORA_FT_BOOLEAN, 8, &remora_tfs_set_notset, 0x40, NULL } },
  { &hf_test_payload, { "Payload", "test.payload", REMORA_FT_BYTES, REMORA_BASE_NONE, NULL, 0, NULL } },
};

static int
dissect_test (const RemoraTvb *tvb, RemoraPacket *pkt, RemoraItem tree, void *data)
{
  RemoraItem ti = remora_add_protocol (pkt, tree, proto_test, tvb, 0, tvb->captured);
  guint16 len = remora_tvb_get_ntohs (tvb, 0);
  static const int flags[] = { 0, 0, -1 };
  int f[3] = { hf_test_flag_a, hf_test_flag_b, -1 };

  (void) flags;
  remora_col_set_protocol (pkt, "TEST");
  remora_col_add_info (pkt, "len=%u", len);
  remora_add_item (pkt, ti, hf_test_len, tvb, 0, 2, REMORA_ENC_BIG_ENDIAN);
  remora_add_bitmask (pkt, ti, hf_test_flags, tvb, 2, 1, f, REMORA_ENC_BIG_ENDIAN);
  remora_add_item (pkt, ti, hf_test_payload, tvb, 3, len, REMORA_ENC_NA);
  return (int) tvb->captured;
}

static void
register_test_protocol (void)
{
  static gsize once;

  remora_dissectors_init ();
  if (g_once_init_enter (&once))
    {
      proto_test = remora_proto_register ("Test Protocol", "TEST", "test");
      remora_fields_register (proto_test, test_fields, G_N_ELEMENTS (test_fields));
      remora_table_add_uint ("link_type", 147, remora_dissector_register ("test", proto_test, dissect_test));
      g_once_init_leave (&once, 1);
    }
}

static void
dissect_bytes (RemoraSession *session, RemoraPacket *pkt, guint32 number,
               const guint8 *bytes, guint32 cap_len, guint32 orig_len, int link_type)
{
  static RemoraFrameInput in;

  memset (&in, 0, sizeof in);
  in.number = number;
  in.data = bytes;
  in.cap_len = cap_len;
  in.orig_len = orig_len;
  in.ts_ns = G_GINT64_CONSTANT (1120622255938066000) + number * 1000;
  in.link_type = link_type;
  remora_session_dissect (session, pkt, &in);
}

static RemoraItem
find_field (RemoraPacket *pkt, const char *abbrev)
{
  int id = remora_field_lookup (abbrev);

  for (guint i = 1; i <= remora_packet_get_n_nodes (pkt); i++)
    if (remora_packet_get_node (pkt, i)->field == id)
      return i;
  return 0;
}

static char *
label_of (RemoraPacket *pkt, RemoraItem item)
{
  GString *s = g_string_new (NULL);

  remora_node_format_label (pkt, item, s);
  return g_string_free (s, FALSE);
}

static void
test_registry (void)
{
  const RemoraFieldInfo *info;

  register_test_protocol ();
  info = remora_field_get (remora_field_lookup ("frame.number"));
  g_assert_nonnull (info);
  g_assert_cmpint (info->type, ==, REMORA_FT_UINT32);
  g_assert_cmpstr (remora_field_type_name (info->type), ==, "FT_UINT32");
  g_assert_cmpstr (remora_field_base_name (info), ==, "BASE_DEC");
  g_assert_cmpint (remora_field_lookup ("no.such.field"), ==, -1);
  info = remora_field_get (hf_test_flag_a);
  g_assert_cmpstr (remora_field_base_name (info), ==, "8");
  g_assert_cmpint (info->bitshift, ==, 7);
  g_assert_cmpint (remora_field_get (info->parent)->type, ==, REMORA_FT_PROTOCOL);
}

static void
test_tree_labels (void)
{
  g_autoptr(RemoraSession) session = NULL;
  g_autoptr(RemoraPacket) pkt = remora_packet_new ();
  static const guint8 bytes[] = { 0x00, 0x03, 0x80, 'a', 'b', 'c' };
  g_autofree char *len_label = NULL, *flags_label = NULL, *a_label = NULL, *b_label = NULL, *frame_label = NULL;
  RemoraItem item;

  register_test_protocol ();
  session = remora_session_new ();
  remora_packet_set_tree_mode (pkt, TRUE);
  remora_packet_set_want_columns (pkt, TRUE);
  dissect_bytes (session, pkt, 1, bytes, sizeof bytes, sizeof bytes, 147);

  g_assert_cmpint (pkt->exception, ==, REMORA_EXC_NONE);
  frame_label = label_of (pkt, remora_packet_get_first_root (pkt));
  g_assert_cmpstr (frame_label, ==, "Frame 1: 6 bytes on wire (48 bits), 6 bytes captured (48 bits)");
  len_label = label_of (pkt, find_field (pkt, "test.len"));
  g_assert_cmpstr (len_label, ==, "Length: three (3)");
  flags_label = label_of (pkt, find_field (pkt, "test.flags"));
  g_assert_cmpstr (flags_label, ==, "10.. .... = Flags: 0x2, Alpha");
  a_label = label_of (pkt, find_field (pkt, "test.flags.a"));
  g_assert_cmpstr (a_label, ==, "1... .... = Alpha: Set");
  b_label = label_of (pkt, find_field (pkt, "test.flags.b"));
  g_assert_cmpstr (b_label, ==, ".0.. .... = Beta: Not set");
  g_assert_cmpstr (pkt->col_protocol, ==, "TEST");
  g_assert_cmpstr (pkt->col_info->str, ==, "len=3");

  item = find_field (pkt, "frame.protocols");
  g_assert_cmpuint (item, !=, 0);
  g_assert_cmpmem (remora_packet_get_node (pkt, item)->value.bytes.ptr,
                   remora_packet_get_node (pkt, item)->value.bytes.len, "test", 4);
  /* the payload node points at its bytes: (start, length) drive the hex view */
  item = find_field (pkt, "test.payload");
  g_assert_cmpuint (remora_packet_get_node (pkt, item)->start, ==, 3);
  g_assert_cmpuint (remora_packet_get_node (pkt, item)->length, ==, 3);
}

static void
test_fields_mode_records_only_wanted (void)
{
  g_autoptr(RemoraSession) session = NULL;
  g_autoptr(RemoraPacket) pkt = remora_packet_new ();
  static const guint8 bytes[] = { 0x00, 0x01, 0x40, 'z' };
  g_autofree guint8 *wanted = NULL;
  g_autoptr(GString) s = g_string_new (NULL);

  register_test_protocol ();
  session = remora_session_new ();
  wanted = g_malloc0 (remora_field_count ());
  wanted[hf_test_flags] = 1;
  wanted[remora_field_lookup ("frame.time_relative")] = 1;
  remora_packet_set_wanted (pkt, wanted);
  dissect_bytes (session, pkt, 1, bytes, sizeof bytes, sizeof bytes, 147);
  dissect_bytes (session, pkt, 2, bytes, sizeof bytes, sizeof bytes, 147);

  g_assert_cmpuint (remora_packet_get_n_nodes (pkt), ==, 2);
  remora_format_value (remora_field_get (hf_test_flags), remora_packet_get_node (pkt, find_field (pkt, "test.flags")),
                       REMORA_FORMAT_FIELDS, s);
  g_assert_cmpstr (s->str, ==, "0x01");
  g_string_truncate (s, 0);
  remora_format_value (remora_field_get (remora_field_lookup ("frame.time_relative")),
                       remora_packet_get_node (pkt, find_field (pkt, "frame.time_relative")),
                       REMORA_FORMAT_FIELDS, s);
  g_assert_cmpstr (s->str, ==, "0.000001000");
}

static void
test_truncated_and_malformed (void)
{
  g_autoptr(RemoraSession) session = NULL;
  g_autoptr(RemoraPacket) pkt = remora_packet_new ();
  /* claims 10 payload bytes; the capture kept 2 of the 13 on the wire */
  static const guint8 cut[] = { 0x00, 0x0a, 0x00, 'a', 'b' };
  /* claims 10 payload bytes; the wire only had 2 */
  static const guint8 lying[] = { 0x00, 0x0a, 0x00, 'a', 'b' };
  g_autofree char *label = NULL;
  RemoraItem item;

  register_test_protocol ();
  session = remora_session_new ();
  remora_packet_set_tree_mode (pkt, TRUE);
  remora_packet_set_want_columns (pkt, TRUE);

  dissect_bytes (session, pkt, 1, cut, sizeof cut, 13, 147);
  g_assert_cmpint (pkt->exception, ==, REMORA_EXC_TRUNCATED);
  item = find_field (pkt, "_ws.short");
  g_assert_cmpuint (item, !=, 0);
  label = label_of (pkt, item);
  g_assert_cmpstr (label, ==, "[Packet size limited during capture: TEST truncated]");
  g_assert_cmpstr (pkt->col_info->str, ==, "len=10[Packet size limited during capture]");
  /* what came before the fault is still there */
  g_assert_cmpuint (find_field (pkt, "test.len"), !=, 0);
  g_clear_pointer (&label, g_free);

  dissect_bytes (session, pkt, 2, lying, sizeof lying, sizeof lying, 147);
  g_assert_cmpint (pkt->exception, ==, REMORA_EXC_MALFORMED);
  label = label_of (pkt, find_field (pkt, "_ws.malformed"));
  g_assert_cmpstr (label, ==, "[Malformed Packet: TEST]");
  g_assert_cmpstr (pkt->col_info->str, ==, "len=10[Malformed Packet]");
}

static void
test_unknown_link_type_is_data (void)
{
  g_autoptr(RemoraSession) session = NULL;
  g_autoptr(RemoraPacket) pkt = remora_packet_new ();
  static const guint8 bytes[] = { 1, 2, 3, 4, 5 };
  g_autofree char *label = NULL;
  RemoraItem item;

  remora_dissectors_init ();
  session = remora_session_new ();
  remora_packet_set_tree_mode (pkt, TRUE);
  remora_packet_set_want_columns (pkt, TRUE);
  dissect_bytes (session, pkt, 1, bytes, sizeof bytes, sizeof bytes, 4242);
  item = find_field (pkt, "data");
  g_assert_cmpuint (item, !=, 0);
  label = label_of (pkt, item);
  g_assert_cmpstr (label, ==, "Data (5 bytes)");
  item = find_field (pkt, "data.len");
  g_assert_cmpint (remora_packet_get_node (pkt, item)->value.i, ==, 5);
}

static void
test_format_addresses (void)
{
  g_autoptr(GString) s = g_string_new (NULL);
  static const guint8 v6[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 };
  static const guint8 mac[6] = { 0x00, 0x1b, 0x21, 0x12, 0x34, 0x56 };

  remora_format_ipv4 (0x0a000005, s);
  g_assert_cmpstr (s->str, ==, "10.0.0.5");
  g_string_truncate (s, 0);
  remora_format_ipv6 (v6, s);
  g_assert_cmpstr (s->str, ==, "2001:db8::1");
  g_string_truncate (s, 0);
  remora_format_ether (mac, s);
  g_assert_cmpstr (s->str, ==, "00:1b:21:12:34:56");
  g_string_truncate (s, 0);
  remora_format_rel_time (-1500000000, s);
  g_assert_cmpstr (s->str, ==, "-1.500000000");
}

static void
test_format_strings_in_fields (void)
{
  g_autoptr(GString) s = g_string_new (NULL);
  RemoraFieldInfo info = { "Line", "test.line", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, NULL };
  RemoraNode node = { 0 };
  static const char text[] = "a\tb\\c\r\n";

  /* -T fields keeps one packet per line: tab, CR and LF are escaped as
   * tshark writes them; a backslash stays as it is */
  node.value.bytes.ptr = (const guint8 *) text;
  node.value.bytes.len = sizeof text - 1;
  remora_format_value (&info, &node, REMORA_FORMAT_FIELDS, s);
  g_assert_cmpstr (s->str, ==, "a\\tb\\c\\r\\n");
}

static void
test_tvb_bounds (void)
{
  static const guint8 bytes[] = { 1, 2, 3, 4, 5, 6, 7, 8 };
  RemoraTvb tvb = { NULL, bytes, 8, 8, 0, 0 }, sub;
  guint32 next;

  remora_tvb_subset_length (&sub, &tvb, 2, 4);
  g_assert_cmpuint (sub.captured, ==, 4);
  g_assert_cmpuint (sub.origin, ==, 2);
  g_assert_cmpuint (remora_tvb_get_ntohs (&sub, 0), ==, 0x0304);
  g_assert_cmpuint (remora_tvb_get_letohl (&sub, 0), ==, 0x06050403);
  g_assert_true (remora_tvb_bytes_exist (&sub, 0, 4));
  g_assert_false (remora_tvb_bytes_exist (&sub, 1, 4));
  g_assert_cmpint (remora_tvb_find_u8 (&tvb, 0, 8, 5), ==, 4);
  g_assert_cmpint (remora_tvb_find_line_end (&tvb, 0, &next), ==, -1);
}

static void
test_scratch_memory (void)
{
  g_autoptr(RemoraPacket) pkt = remora_packet_new ();

  /* big and small blocks interleaved, over several frames: every block is
   * writable in full and none overlaps another */
  for (int frame = 0; frame < 3; frame++)
    {
      guint8 *blocks[40];
      gsize sizes[40];

      remora_packet_reset (pkt);
      for (int i = 0; i < 40; i++)
        {
          sizes[i] = (i % 3 == 0) ? 100000 + i : 24 + i * 300;
          blocks[i] = remora_packet_alloc (pkt, sizes[i]);
          memset (blocks[i], i + 1, sizes[i]);
        }
      for (int i = 0; i < 40; i++)
        for (gsize j = 0; j < sizes[i]; j += 997)
          g_assert_cmpuint (blocks[i][j], ==, (guint) i + 1);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/remora/engine/registry", test_registry);
  g_test_add_func ("/remora/engine/tree-labels", test_tree_labels);
  g_test_add_func ("/remora/engine/fields-mode", test_fields_mode_records_only_wanted);
  g_test_add_func ("/remora/engine/truncated-and-malformed", test_truncated_and_malformed);
  g_test_add_func ("/remora/engine/unknown-link-type", test_unknown_link_type_is_data);
  g_test_add_func ("/remora/engine/format-addresses", test_format_addresses);
  g_test_add_func ("/remora/engine/tvb-bounds", test_tvb_bounds);
  g_test_add_func ("/remora/engine/format-strings-in-fields", test_format_strings_in_fields);
  g_test_add_func ("/remora/engine/scratch-memory", test_scratch_memory);
  return g_test_run ();
}
