/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "remora-dfilter.h"
#include "remora-dfilter-private.h"
#include "remora-dissect.h"

#include <string.h>

/* The filter tests build packets by hand (nodes of a test protocol) so they
 * do not depend on any dissector. */

static int proto_tst;
static int hf_u16, hf_addr, hf_src, hf_eth, hf_v6, hf_str, hf_bytes, hf_flag, hf_i32, hf_rel, hf_abs, hf_dbl;
static int hf_addr2;   /* second registration of "tst.addr" */

static const RemoraValueString proto_names[] = {
  { 6, "TCP" },
  { 17, "UDP" },
  { 0, NULL },
};

static RemoraFieldDef tst_fields[] = {
  { &hf_u16, { "U16", "tst.u16", REMORA_FT_UINT16, REMORA_BASE_DEC, proto_names, 0, NULL } },
  { &hf_addr, { "Addr", "tst.addr", REMORA_FT_IPv4, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_src, { "Src", "tst.src", REMORA_FT_IPv4, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_eth, { "Eth", "tst.eth", REMORA_FT_ETHER, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_v6, { "V6", "tst.v6", REMORA_FT_IPv6, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_str, { "Str", "tst.str", REMORA_FT_STRING, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_bytes, { "Bytes", "tst.bytes", REMORA_FT_BYTES, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_flag, { "Flag", "tst.flag", REMORA_FT_BOOLEAN, 8, &remora_tfs_set_notset, 0x02, NULL } },
  { &hf_i32, { "I32", "tst.i32", REMORA_FT_INT32, REMORA_BASE_DEC, NULL, 0, NULL } },
  { &hf_rel, { "Rel", "tst.rel", REMORA_FT_RELATIVE_TIME, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_abs, { "Abs", "tst.abs", REMORA_FT_ABSOLUTE_TIME, REMORA_ABSOLUTE_TIME_UTC, NULL, 0, NULL } },
  { &hf_dbl, { "Dbl", "tst.dbl", REMORA_FT_DOUBLE, REMORA_BASE_NONE, NULL, 0, NULL } },
  { &hf_addr2, { "Addr (again)", "tst.addr", REMORA_FT_IPv4, REMORA_BASE_NONE, NULL, 0, NULL } },
};

static void
register_tst (void)
{
  static gsize once;

  if (g_once_init_enter (&once))
    {
      proto_tst = remora_proto_register ("Test Protocol", "TST", "tst");
      remora_fields_register (proto_tst, tst_fields, G_N_ELEMENTS (tst_fields));
      g_once_init_leave (&once, 1);
    }
}

static const guint8 frame_bytes[] = {
  0x45, 0x00, 0x00, 0x3c, 0x0a, 0x00, 0x00, 0x01, 0xc0, 0xa8, 0x01, 0x02, 'G', 'E', 'T', ' ', '/', 'x',
};

static RemoraNode *
add_node (RemoraPacket *pkt,
          int           field,
          guint32       start,
          guint32       length)
{
  RemoraNode node = { 0 };

  node.field = field;
  node.start = start;
  node.length = length;
  g_array_append_val (pkt->nodes, node);
  return &g_array_index (pkt->nodes, RemoraNode, pkt->nodes->len - 1);
}

static void
add_ipv4 (RemoraPacket *pkt, int hf, guint32 addr)
{
  add_node (pkt, hf, 4, 4)->value.u = addr;
}

/* One packet: tst layer over the whole frame; tst.addr twice (10.0.0.1 and
 * 192.168.1.2, the second from the other registration), and then a second
 * tst layer holding tst.addr 172.16.0.9. */
static RemoraPacket *
make_packet (void)
{
  RemoraPacket *pkt = remora_packet_new ();
  static const guint8 eth[6] = { 0x00, 0x1b, 0x19, 0xaa, 0xbb, 0xcc };
  static const guint8 v6[16] = { 0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0x02, 0x11, 0x22, 0xff, 0xfe, 0x33, 0x44, 0x55 };
  static const char str[] = "Hello, World";
  static const guint8 bytes[] = { 0xde, 0xad, 0xbe, 0xef };
  RemoraNode *n;

  register_tst ();
  pkt->sources[0].name = "Frame";
  pkt->sources[0].data = frame_bytes;
  pkt->sources[0].length = sizeof frame_bytes;
  pkt->n_sources = 1;

  add_node (pkt, proto_tst, 0, sizeof frame_bytes);
  add_node (pkt, hf_u16, 0, 2)->value.u = 6;
  add_ipv4 (pkt, hf_addr, 0x0a000001);
  add_ipv4 (pkt, hf_addr2, 0xc0a80102);
  add_ipv4 (pkt, hf_src, 0x0a000001);
  memcpy (add_node (pkt, hf_eth, 0, 6)->value.addr, eth, 6);
  memcpy (add_node (pkt, hf_v6, 0, 16)->value.addr, v6, 16);
  n = add_node (pkt, hf_str, 12, 12);
  n->value.bytes.ptr = (const guint8 *) str;
  n->value.bytes.len = strlen (str);
  n = add_node (pkt, hf_bytes, 0, 4);
  n->value.bytes.ptr = bytes;
  n->value.bytes.len = sizeof bytes;
  add_node (pkt, hf_flag, 1, 1)->value.u = 1;
  add_node (pkt, hf_i32, 0, 4)->value.i = -5;
  add_node (pkt, hf_rel, 0, 0)->value.ns = 1500000;   /* 1.5 ms */
  add_node (pkt, hf_abs, 0, 0)->value.ns = G_GINT64_CONSTANT (1120622255) * 1000000000;  /* 2005-07-06 03:57:35 UTC */
  add_node (pkt, hf_dbl, 0, 0)->value.d = 2.5;
  add_node (pkt, proto_tst, 8, 10);
  add_ipv4 (pkt, hf_addr, 0xac100009);
  return pkt;
}

static RemoraDfilter *
compile_ok (const char *text)
{
  g_autoptr(RemoraDfilterError) error = NULL;
  RemoraDfilter *df = remora_dfilter_compile (text, &error);

  if (df == NULL)
    g_error ("filter %s failed: %s", text, error->message);
  return df;
}

static gboolean
matches (RemoraPacket *pkt,
         const char   *text)
{
  g_autoptr(RemoraDfilter) df = compile_ok (text);

  return remora_dfilter_match (df, pkt);
}

static void
assert_filters (const char *const *yes,
                const char *const *no)
{
  g_autoptr(RemoraPacket) pkt = make_packet ();

  for (guint i = 0; yes[i] != NULL; i++)
    if (!matches (pkt, yes[i]))
      g_error ("expected a match: %s", yes[i]);
  for (guint i = 0; no[i] != NULL; i++)
    if (matches (pkt, no[i]))
      g_error ("expected no match: %s", no[i]);
}

static void
test_lexer_positions (void)
{
  g_autoptr(GPtrArray) toks = df_lex ("tcp.port==80 && !ip.src[1:2] matches r\"\\d\"", NULL, NULL);
  static const struct { DfTokType type; guint start, len; } want[] = {
    { DF_TOK_LITERAL, 0, 8 }, { DF_TOK_ANY_EQ, 8, 2 }, { DF_TOK_LITERAL, 10, 2 }, { DF_TOK_AND, 13, 2 },
    { DF_TOK_NOT, 16, 1 }, { DF_TOK_LITERAL, 17, 6 }, { DF_TOK_SLICE, 23, 5 }, { DF_TOK_MATCHES, 29, 7 },
    { DF_TOK_STRING, 37, 5 }, { DF_TOK_EOF, 42, 0 },
  };
  DfToken *s;

  register_tst ();
  g_assert_nonnull (toks);
  g_assert_cmpuint (toks->len, ==, G_N_ELEMENTS (want));
  for (guint i = 0; i < G_N_ELEMENTS (want); i++)
    {
      DfToken *t = g_ptr_array_index (toks, i);
      g_assert_cmpint (t->type, ==, want[i].type);
      g_assert_cmpuint (t->start, ==, want[i].start);
      g_assert_cmpuint (t->len, ==, want[i].len);
    }
  s = g_ptr_array_index (toks, 8);
  g_assert_cmpstr (s->text, ==, "\\d");   /* raw: the backslash stays */
}

static void
test_string_escapes (void)
{
  g_autoptr(GPtrArray) toks = df_lex ("\"a\\x41\\101\\n\\\"\" 'c' '\\x7f'", NULL, NULL);
  DfToken *t;

  g_assert_nonnull (toks);
  t = g_ptr_array_index (toks, 0);
  g_assert_cmpuint (t->text_len, ==, 5);
  g_assert_cmpmem (t->text, 5, "aAA\n\"", 5);
  t = g_ptr_array_index (toks, 1);
  g_assert_cmpint (t->type, ==, DF_TOK_CHARCONST);
  g_assert_cmpuint (t->charval, ==, 'c');
  t = g_ptr_array_index (toks, 2);
  g_assert_cmpuint (t->charval, ==, 0x7f);
}

static void
assert_explain (const char *filter,
                const char *tree)
{
  g_autoptr(RemoraDfilter) df = compile_ok (filter);
  g_autofree char *text = remora_dfilter_explain (df);
  const char *body = strstr (text, "Syntax tree:\n");

  g_assert_nonnull (body);
  g_assert_cmpstr (body + strlen ("Syntax tree:\n"), ==, tree);
}

static void
test_parser_precedence (void)
{
  register_tst ();
  assert_explain ("tst and tst.str or tst.eth",
                  " 0 TEST_OR:\n"
                  "   1 TEST_AND:\n"
                  "     2 FIELD(tst <FT_PROTOCOL>)\n"
                  "     2 FIELD(tst.str <FT_STRING>)\n"
                  "   1 FIELD(tst.eth <FT_ETHER>)\n");
  assert_explain ("not tst and tst.str",
                  " 0 TEST_AND:\n"
                  "   1 TEST_NOT:\n"
                  "     2 FIELD(tst <FT_PROTOCOL>)\n"
                  "   1 FIELD(tst.str <FT_STRING>)\n");
  assert_explain ("tst or tst.str and tst.eth",
                  " 0 TEST_OR:\n"
                  "   1 FIELD(tst <FT_PROTOCOL>)\n"
                  "   1 TEST_AND:\n"
                  "     2 FIELD(tst.str <FT_STRING>)\n"
                  "     2 FIELD(tst.eth <FT_ETHER>)\n");
  assert_explain ("!(tst or (tst.str)) && tst.u16 == 0x10",
                  " 0 TEST_AND:\n"
                  "   1 TEST_NOT:\n"
                  "     2 TEST_OR:\n"
                  "       3 FIELD(tst <FT_PROTOCOL>)\n"
                  "       3 FIELD(tst.str <FT_STRING>)\n"
                  "   1 TEST_ANY_EQ:\n"
                  "     2 FIELD(tst.u16 <FT_UINT16>)\n"
                  "     2 FVALUE(16 <FT_UINT64>)\n");
  assert_explain ("tst.addr != 10.0.0.0/8",
                  " 0 TEST_ALL_NE:\n"
                  "   1 FIELD(tst.addr <FT_IPv4>)\n"
                  "   1 FVALUE(10.0.0.0/8 <FT_IPv4>)\n");
  assert_explain ("", " 0 TRUE\n");
}

static void
test_errors (void)
{
  static const struct {
    const char *filter;
    const char *message;
    guint start, len;
  } cases[] = {
    { "tst xor tst", "\"xor\" was unexpected in this context.", 4, 3 },
    { "tst.port", "tst.port is neither a field nor a protocol name.", 0, 8 },
    { "tst.port == 1", "Left side of \"==\" expression must be a field or function, not tst.port.", 0, 8 },
    { "tst.u16 == 68-1", "\"68-1\" is not a valid number.", 11, 4 },
    { "tst.u16 == 080", "\"080\" is not a valid number.", 11, 3 },
    { "tst.u16 == 99999", "\"99999\" too big for this field, maximum 65535.", 11, 5 },
    { "tst.u16 == foo", "\"foo\" cannot be found among the possible values for tst.u16.", 11, 3 },
    { "tst.i32 == \"80\"", "Signed integer (4 bytes) cannot be converted from a string (\"80\").", 11, 4 },
    { "tst matches 1", "Matches requires a double quoted string on the right side.", 12, 1 },
    { "tst.u16 contains 80", "tst.u16 (type=Unsigned integer (2 bytes)) cannot participate in contains comparison.", 0, 7 },
    { "tst.u16 ==", "Unexpected end of filter expression.", 10, 0 },
    { "(tst", "Unexpected end of filter expression.", 4, 0 },
    { "tst)", "\")\" was unexpected in this context.", 3, 1 },
    { "\"abc\"", "\"abc\" is neither a field nor a protocol name.", 0, 5 },
    { "tst.src == 1.2.3", "\"1.2.3\" is not a valid hostname or IPv4 address.", 11, 5 },
    { "tst.src == 1.2.3.4/33", "Netmask bits in a CIDR IPv4 address should be <= 32, not 33", 11, 10 },
    { "tst.src == \"1.2.3.4\"", "IPv4 address cannot be converted from a string (\"1.2.3.4\").", 11, 9 },
    { "tst.eth == 00:11:22", "\"00:11:22\" contains too few bytes to be a valid Ethernet address.", 11, 8 },
    { "tst.bytes == zz", "\"zz\" is not a valid byte string.", 13, 2 },
    { "tst.u16[0] == 0", "\"tst.u16\" is a Unsigned integer (2 bytes) and cannot be sliced into a sequence of bytes.", 0, 7 },
    { "tst.src[3:0] == 01", "Range 3:0 isn't valid because length 0 isn't positive", 8, 3 },
    { "tst.src[a] == 01", "\"a\" is not a valid number.", 8, 1 },
    { "tst.src[0", "The right bracket was missing from a slice.", 9, 0 },
    { "tst.u16 == tst.src", "tst.u16 and tst.src are not of compatible types.", 11, 7 },
    { "foo(tst.u16) == 1", "Function 'foo' does not exist", 0, 3 },
    { "upper(tst.u16) == \"A\"", "Only string type fields can be used as parameter for upper()", 6, 7 },
    { "count(1)", "You cannot test whether a function is present.", 0, 5 },
    { "max(tst.u16, tst.src) == 1", "Arguments to 'max' must have the same type (expected FT_UINT16, got FT_IPv4)", 13, 7 },
    { "tst.u16 in {80 443}", "\"443\" was unexpected in this context.", 15, 3 },
    { "tst.u16 bitand 2", "\"bitand\" was unexpected in this context.", 8, 6 },
    { "tst.str == \"abc", "The final quote was missing from a quoted string.", 11, 4 },
    { "tst.str == \"\\q\"", "\\q is not a valid character escape sequence", 12, 2 },
    { "tst.u16 == 80 == 80", "Left side of \"==\" expression must be a field or function, not 80.", 11, 2 },
    { "tst.flag == yes", "\"yes\" cannot be found among the possible values for tst.flag.", 12, 3 },
    { "tst.abs > \"garbage\"", "\"garbage\" is not a valid absolute time. Example: \"Nov 12, 1999 08:55:44.123\" or \"2011-07-04 12:34:56\"", 10, 9 },
    { "nope#2 == 1", "\"nope\" is not a valid protocol or protocol field.", 0, 4 },
    { "tst.str matches \"(\"", NULL, 16, 3 },
    /* numbers beyond 32 bits in layers and slices, as tshark words it */
    { "tst#[11111111111]", "\"11111111111\" causes an integer overflow.", 5, 11 },
    { "tst#11111111111", "\"11111111111\" causes an integer overflow.", 4, 11 },
    { "tst[-2147483649]", "\"-2147483649\" causes an integer overflow.", 4, 11 },
    { "tst[1:2147483648]", "\"1:2147483648\" is not a valid range.", 4, 12 },
    /* an empty slice or an empty item of one */
    { "tst[]", "\"]\" was unexpected in this context.", 4, 1 },
    { "tst[] == 2", "\"]\" was unexpected in this context.", 4, 1 },
    { "tst[1,]", "\"]\" was unexpected in this context.", 6, 1 },
    { "tst[,1]", "\",\" was unexpected in this context.", 4, 1 },
    { "tst[ ]", "\" \" is not a valid number.", 4, 1 },
    /* constant arithmetic: only on the right, with numbers, as tshark has it */
    { "2 * tst.u16 == 12", "Constant arithmetic expression on the LHS is invalid.", 0, 11 },
    { "1 & tst.u16", "Constant arithmetic expression on the LHS is invalid.", 0, 11 },
    { "tst.u16 == 70000 - 1", "\"70000\" too big for this field, maximum 65535.", 11, 5 },
    { "tst.src == 1.2.3.4 + 1", "FT_IPv4 cannot +.", 11, 7 },
    { "tst.rel < 0.5 * 2", "FT_RELATIVE_TIME cannot *.", 10, 3 },
    { "tst.str == \"a\" + \"b\"", "\"a\" is not a valid arithmetic operand.", 11, 3 },
    { "tst.u16 in {40+40 53}", "\"+\" was unexpected in this context.", 14, 1 },
    { "tst.u16 == 1 / 0", "\"1 / 0\" has no value.", 11, 5 },
    /* "&" where tshark 4.0 has none, and addresses that do not fit */
    { "tst & 1", "FT_PROTOCOL cannot &.", 0, 3 },
    { "tst.u16 & tst", "FT_PROTOCOL cannot &.", 10, 3 },
    { "tst.flag & 1", "FT_BOOLEAN cannot &.", 0, 8 },
    { "tst.str & 1", "FT_STRING cannot &.", 0, 7 },
    { "tst.rel & 1", "FT_RELATIVE_TIME cannot &.", 0, 7 },
    { "tst.src & 1", "\"1\" is not a valid hostname or IPv4 address.", 10, 1 },
    { "tst.eth & 02", "\"02\" contains too few bytes to be a valid Ethernet address.", 10, 2 },
    { "tst.eth & tst.src", "tst.eth and tst.src are not type compatible.", 10, 7 },
    { "tst.src contains 0a", "tst.src (type=IPv4 address) cannot participate in contains comparison.", 0, 7 },
  };

  register_tst ();
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(RemoraDfilterError) error = NULL;
      g_autoptr(RemoraDfilter) df = remora_dfilter_compile (cases[i].filter, &error);

      if (df != NULL)
        g_error ("%s compiled", cases[i].filter);
      g_assert_nonnull (error);
      if (cases[i].message != NULL && strcmp (error->message, cases[i].message) != 0)
        g_error ("%s: got message '%s'", cases[i].filter, error->message);
      if (cases[i].message == NULL)
        g_assert_true (g_str_has_prefix (error->message, "Regex compilation error: "));
      if (error->start != cases[i].start || error->length != cases[i].len)
        g_error ("%s: got span %u+%u, wanted %u+%u", cases[i].filter, error->start, error->length,
                 cases[i].start, cases[i].len);
    }
}

static void
test_warnings (void)
{
  g_autoptr(RemoraDfilter) df = NULL;
  g_autoptr(RemoraDfilter) df2 = NULL;
  const char *const *w;

  register_tst ();
  df = compile_ok ("tst.u16 ~= 6 or tst.u16 ~= 7");
  w = remora_dfilter_get_warnings (df);
  g_assert_cmpstr (w[0], ==, "The operator \"~=\" is deprecated, use \"!==\" instead.");
  g_assert_null (w[1]);
  df2 = compile_ok ("tst.u16 !== 6");
  g_assert_null (remora_dfilter_get_warnings (df2)[0]);
}

static void
test_match_all (void)
{
  g_autoptr(RemoraPacket) pkt = make_packet ();
  const char *texts[] = { NULL, "", "   \t " };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(RemoraDfilter) df = compile_ok (texts[i]);
      g_assert_true (remora_dfilter_match (df, pkt));
    }
}

static void
test_wanted (void)
{
  g_autoptr(RemoraDfilter) df = NULL;
  const guint8 *wanted;

  register_tst ();
  df = compile_ok ("tst.addr#2 == 1.2.3.4 or tst.u16 == 6");
  wanted = remora_dfilter_get_wanted (df);
  g_assert_cmpint (wanted[hf_addr], ==, 1);
  g_assert_cmpint (wanted[hf_addr2], ==, 1);  /* same abbrev */
  g_assert_cmpint (wanted[proto_tst], ==, 1); /* for the layer count */
  g_assert_cmpint (wanted[hf_u16], ==, 1);
  g_assert_cmpint (wanted[hf_str], ==, 0);
}

static void
test_multi_occurrence (void)
{
  static const char *const yes[] = {
    "tst.addr == 10.0.0.1", "tst.addr == 192.168.1.2",        /* any (both registrations) */
    "tst.addr != 1.1.1.1", "tst.addr !== 10.0.0.1", "tst.addr ~= 10.0.0.1",
    "tst.addr any_ne 10.0.0.1", "tst.src === 10.0.0.1", "tst.src all_eq 10.0.0.1",
    "count(tst.addr) == 3", "any tst.addr == 10.0.0.1", "all tst.addr != 1.2.3.4",
    "tst.addr in {10.0.0.1, 8.8.8.8}", "tst.addr not in {1.1.1.1}", "not tst.str in {\"x\"}",
    "tst.nothing_here == 1 or tst", NULL,
  };
  static const char *const no[] = {
    "tst.addr != 10.0.0.1", "tst.addr ne 10.0.0.1", "tst.addr all_ne 192.168.1.2",
    "tst.addr === 10.0.0.1", "tst.src !== 10.0.0.1", "all tst.addr == 10.0.0.1",
    "tst.addr not in {10.0.0.1}", "count(tst.addr) == 2", NULL,
  };

  register_tst ();
  /* unknown abbrevs are errors, so the line above must use a real field */
  {
    g_autoptr(RemoraDfilterError) error = NULL;
    g_autoptr(RemoraDfilter) df = remora_dfilter_compile ("tst.nothing_here == 1", &error);
    g_assert_null (df);
  }
  {
    static const char *const yes2[] = { "tst.addr == 10.0.0.1", NULL };
    assert_filters (yes2, no);
  }
  {
    const char *y[G_N_ELEMENTS (yes)];
    guint n = 0;
    for (guint i = 0; yes[i] != NULL; i++)
      if (!g_str_has_prefix (yes[i], "tst.nothing_here"))
        y[n++] = yes[i];
    y[n] = NULL;
    assert_filters (y, no);
  }
}

static void
test_missing_field (void)
{
  g_autoptr(RemoraPacket) pkt = remora_packet_new ();

  register_tst ();
  /* a comparison on a field the packet lacks is false, even != */
  g_assert_false (matches (pkt, "tst.u16 == 6"));
  g_assert_false (matches (pkt, "tst.u16 != 6"));
  g_assert_false (matches (pkt, "tst.u16 !== 6"));
  g_assert_false (matches (pkt, "tst.u16 === 6"));
  g_assert_true (matches (pkt, "tst.u16 not in {6}"));
  g_assert_true (matches (pkt, "!tst.u16"));
  g_assert_true (matches (pkt, "count(tst.u16) == 0"));
}

static void
test_relations_by_type (void)
{
  static const char *const yes[] = {
    /* integers, value names, bases, char constants */
    "tst.u16 == 6", "tst.u16 eq 0x6", "tst.u16 == 06", "tst.u16 == 0b110", "tst.u16 == TCP", "tst.u16 == tcp",
    "tst.u16 == \"Tcp\"", "tst.u16 > 5", "tst.u16 gt 5", "tst.u16 >= 6", "tst.u16 < 7", "tst.u16 le 6",
    "tst.u16 != 7", "tst.u16 in {1, 5..7}", "tst.u16 in {TCP, UDP}", "tst.u16 != -1", "tst.u16 > -1",
    "tst.i32 == -5", "tst.i32 < 0", "tst.i32 > -6", "tst.i32 in {-10..-1}", "tst.u16 == '\\x06'",
    /* arithmetic and bit tests */
    "tst.u16 & 2", "tst.u16 & 0x4 == 4", "tst.u16 bitwise_and 2", "tst.u16 + 1 == 7", "{tst.u16 * 2} == 12",
    "tst.u16 * 2 + 1 == 13", "tst.u16 - 10 == -4", "tst.u16 % 4 == 2", "tst.u16 / 4 == 1", "-tst.u16 == -6",
    "abs(tst.i32) == 5", "tst.u16 + 1 & 1",
    /* booleans */
    "tst.flag", "tst.flag == 1", "tst.flag == True", "tst.flag == set", "tst.flag == \"Set\"", "tst.flag == 2",
    "tst.flag != 0", "tst.flag > 0", "tst.flag >= 1", "tst.flag <= 1", "tst.flag > False",
    /* addresses */
    "tst.src == 10.0.0.1", "tst.src == 10.0.0.0/8", "tst.src == 10.1.2.3/8", "tst.src != 11.0.0.0/8",
    "tst.src > 9.255.255.255", "tst.src in {10.0.0.0/24}", "tst.src[0] == 0a", "tst.src[0:2] == 0a:00",
    "tst.v6 == fe80::211:22ff:fe33:4455", "tst.v6 == fe80::/10", "tst.v6 != ff00::/8",
    "tst.eth == 00:1b:19:aa:bb:cc", "tst.eth == 00-1b-19-aa-bb-cc", "tst.eth == 001b.19aa.bbcc",
    "tst.eth[0:3] == 00:1b:19", "tst.eth[0] & 1 == 0", "tst.eth > 00:1b:19:00:00:00",
    /* MAC addresses as bytes, address masks */
    "tst.eth contains 1b:19", "tst.eth contains aa", "tst.eth matches \"^\\x00\\x1b\"", "tst.eth ~ \"\\xbb\\xcc$\"",
    "tst.eth & 00:01:00:00:00:00", "tst.eth & ff:ff:ff:00:00:00 == 00:1b:19:00:00:00", "tst.src & 0.0.0.1",
    "tst.src & 255.0.0.0 == 10.0.0.0", "tst.src & tst.src", "tst.v6 & ::1", "tst.v6 & ffff:: == fe80::",
    /* strings */
    "tst.str == \"Hello, World\"", "tst.str == r\"Hello, World\"", "tst.str contains \"lo, W\"",
    "tst.str matches \"^hello\"", "tst.str ~ \"WORLD$\"", "tst.str matches r\"o,\\sW\"",
    "tst.str != \"hello, world\"", "tst.str > \"A\"", "tst.str[0:5] == \"Hello\"", "tst.str[-5:] == \"World\"",
    "upper(tst.str) == \"HELLO, WORLD\"", "lower(tst.str) contains \"hello\"", "len(tst.str) == 12",
    "tst.str in {\"x\", \"Hello, World\"}", "tst.str == \"Hel\\x6co, W\\157rld\"",
    /* bytes, protocols, slices */
    "tst.bytes == de:ad:be:ef", "tst.bytes == de-ad-be-ef", "tst.bytes == dead.beef", "tst.bytes == deadbeef",
    "tst.bytes contains be:ef", "tst.bytes contains 0xad", "tst.bytes[1:2] == ad:be", "tst.bytes[1-2] == ad:be",
    "tst.bytes[:2] == de:ad", "tst.bytes[2:] == be:ef", "tst.bytes[-1] == ef", "tst.bytes[0:1,3] == de:ef",
    "tst.bytes[3] == 0xef", "tst[0] == 45", "tst[0:2] == 45:00", "tst contains \"GET\"", "tst matches \"get /\"",
    "tst[12:3] == \"GET\"", "len(tst) == 18", "tst#2[0:2] == c0:a8",
    /* layers */
    "tst.addr#1 == 10.0.0.1", "tst.addr#2 == 172.16.0.9", "tst.addr#[1-2] == 172.16.0.9", "tst#2",
    "count(tst) == 2",
    /* times and doubles */
    "tst.rel == 0.0015", "tst.rel > 0.001", "tst.rel < 1", "tst.abs == \"2005-07-06 03:57:35 UTC\"",
    "tst.abs > \"Jul  5, 2005 00:00:00 UTC\"", "tst.dbl == 2.5", "tst.dbl > 2", "tst.dbl < 1e3",
    /* functions */
    "string(tst.u16) == \"6\"", "string(tst.src) == \"10.0.0.1\"", "max(tst.u16, 100) == 100",
    "min(tst.u16, 100) == 6", "len(tst.eth) == 6", "count(tst.u16) == 1",
    /* chains and quantifiers */
    "1 < 2 or tst", "tst.u16 < tst.u16 + 1", "tst.u16 == tst.u16",
    /* constant arithmetic on the right is folded to one value */
    "tst.u16 == 1 + 5", "tst.u16 == 2 * 4 - 2", "tst.u16 == 20 % 7 * 1", "tst.u16 == -1 + 7",
    "tst.u16 == 0x0f & 6", "tst.i32 == -10 / 2", "tst.i32 in {-5}", "tst.dbl == 5 / 2", "tst.dbl > 1.5 + 0.25",
    "tst.rel == 0.001 + 0.0005", "tst.u16 == tst.u16 * 2 - 6", NULL,
  };
  static const char *const no[] = {
    "tst.u16 == 7", "tst.u16 != 6", "tst.u16 in {1, 2..5}", "tst.u16 == UDP", "tst.u16 & 1", "tst.i32 > 0",
    "tst.flag == 0", "tst.flag == False", "!tst.flag", "tst.flag < 1", "tst.flag > 1", "tst.flag <= 0",
    "tst.eth contains 1b:aa", "tst.eth matches \"^00:1b\"", "tst.eth & 01:00:00:00:00:00", "tst.src & 0.0.0.2",
    "tst.src & 255.0.0.0 == 11.0.0.0", "tst.v6 & ::8", "tst.src == 11.0.0.0/8", "tst.v6 == fe81::/16",
    "tst.eth == 00:1b:19:aa:bb:cd", "tst.str == \"hello, world\"", "tst.str matches \"(?-i)^hello\"",
    "tst.str contains \"xyz\"", "tst.bytes[4] == 00", "tst.bytes[3:2] == ef", "tst.addr#3 == 10.0.0.1",
    "tst.addr#2 == 10.0.0.1", "tst.rel > 1", "tst.abs < \"Jan 1, 2000 00:00:00 UTC\"", "tst.dbl < 2",
    "tst.u16 / 0 == 1", "tst contains \"POST\"", "tst.u16 > tst.u16",
    "tst.u16 == 1 + 2 * 3", "tst.u16 == 65535 + 1", "tst.rel == 0.001 - 0.0005", NULL,
  };

  register_tst ();
  {
    g_autoptr(RemoraDfilterError) e = NULL;
    g_autoptr(RemoraDfilter) df = remora_dfilter_compile ("1 < 2 or tst", &e);
    g_assert_null (df);   /* a constant on the left is refused */
  }
  {
    const char *y[G_N_ELEMENTS (yes)];
    guint n = 0;
    for (guint i = 0; yes[i] != NULL; i++)
      if (!g_str_has_prefix (yes[i], "1 < 2"))
        y[n++] = yes[i];
    y[n] = NULL;
    assert_filters (y, no);
  }
}

/* Every relation, in symbols and words, on one single-valued field of each
 * type: the field's own value (E), one just below it (L) and one just above
 * it (H).  Booleans get the equality relations only, having no value above
 * true; their ordering is tested in test_relations_by_type. */
static void
test_relation_matrix (void)
{
  static const struct {
    const char *field, *e, *l, *h;
  } types[] = {
    { "tst.u16", "6", "5", "7" },
    { "tst.i32", "-5", "-6", "-4" },
    { "tst.src", "10.0.0.1", "10.0.0.0", "10.0.0.2" },
    { "tst.v6", "fe80::211:22ff:fe33:4455", "fe80::1", "fe80::211:22ff:fe33:4456" },
    { "tst.eth", "00:1b:19:aa:bb:cc", "00:1b:19:aa:bb:cb", "00:1b:19:aa:bb:cd" },
    { "tst.str", "\"Hello, World\"", "\"Hello, Worla\"", "\"Hello, Worlz\"" },
    { "tst.bytes", "de:ad:be:ef", "de:ad:be:ee", "de:ad:be:f0" },
    { "tst.rel", "0.0015", "0.001", "0.002" },
    { "tst.abs", "\"2005-07-06 03:57:35 UTC\"", "\"2005-07-06 03:57:34 UTC\"", "\"2005-07-06 03:57:36 UTC\"" },
    { "tst.dbl", "2.5", "2.25", "2.75" },
    { "tst.flag", "1", "0", NULL },
  };
  /* %E, %L, %H: the values above; ordered relations need H */
  static const struct {
    const char *rel;
    gboolean    ordered;
    gboolean    want;
  } rels[] = {
    { "== %E", FALSE, TRUE }, { "== %L", FALSE, FALSE }, { "eq %E", FALSE, TRUE }, { "any_eq %L", FALSE, FALSE },
    { "!= %E", FALSE, FALSE }, { "!= %L", FALSE, TRUE }, { "ne %L", FALSE, TRUE }, { "all_ne %E", FALSE, FALSE },
    { "=== %E", FALSE, TRUE }, { "=== %L", FALSE, FALSE }, { "all_eq %E", FALSE, TRUE },
    { "!== %E", FALSE, FALSE }, { "!== %L", FALSE, TRUE }, { "any_ne %E", FALSE, FALSE }, { "~= %L", FALSE, TRUE },
    { "in {%L, %E}", FALSE, TRUE }, { "in {%L}", FALSE, FALSE }, { "not in {%L}", FALSE, TRUE },
    { "not in {%L, %E}", FALSE, FALSE },
    { "< %H", TRUE, TRUE }, { "< %E", TRUE, FALSE }, { "lt %H", TRUE, TRUE }, { "lt %L", TRUE, FALSE },
    { "<= %E", TRUE, TRUE }, { "<= %L", TRUE, FALSE }, { "le %E", TRUE, TRUE }, { "le %L", TRUE, FALSE },
    { "> %L", TRUE, TRUE }, { "> %E", TRUE, FALSE }, { "gt %L", TRUE, TRUE }, { "gt %H", TRUE, FALSE },
    { ">= %E", TRUE, TRUE }, { ">= %H", TRUE, FALSE }, { "ge %E", TRUE, TRUE }, { "ge %H", TRUE, FALSE },
  };
  g_autoptr(RemoraPacket) pkt = make_packet ();
  guint checked = 0;

  for (guint t = 0; t < G_N_ELEMENTS (types); t++)
    for (guint r = 0; r < G_N_ELEMENTS (rels); r++)
      {
        g_autoptr(GString) f = g_string_new (types[t].field);
        const char *p;

        if (rels[r].ordered && types[t].h == NULL)
          continue;
        g_string_append_c (f, ' ');
        for (p = rels[r].rel; *p != '\0'; p++)
          {
            if (p[0] == '%' && p[1] != '\0')
              {
                p++;
                g_string_append (f, *p == 'E' ? types[t].e : *p == 'L' ? types[t].l : types[t].h);
              }
            else
              g_string_append_c (f, *p);
          }
        if (matches (pkt, f->str) != rels[r].want)
          g_error ("%s: expected %s", f->str, rels[r].want ? "a match" : "no match");
        checked++;
      }
  g_assert_cmpuint (checked, ==, (G_N_ELEMENTS (types) - 1) * G_N_ELEMENTS (rels) + 19);
}

/* Compiles 100,000 mangled filters: each compiles or fails with an error,
 * never crashes; compiled ones are also matched once. */
static void
test_far_future_time (void)
{
  /* After 2262 nanoseconds overflow 64 bits; such dates are still later
   * than any frame and earlier than none. */
  static const char *const yes[] = {
    "tst.abs < \"4046-1-1 0:0:5\"", "tst.abs != \"4046-1-1 0:0:5\"", "tst.abs < \"Dec 31, 9999 23:59:59.999\"",
    "tst.abs > \"1900-01-01 00:00:00 UTC\"", NULL,
  };
  static const char *const no[] = {
    "tst.abs > \"4046-1-1 0:0:5\"", "tst.abs >= \"2262-04-12 00:00:00 UTC\"", "tst.abs == \"4046-1-1 0:0:5\"",
    NULL,
  };

  assert_filters (yes, no);
}

/* A protocol's value is the bytes its node covers, wherever that node sits
 * in its data source, and the filter asks for the protocol node so that a
 * fields-mode dissection records it. */
static void
test_protocol_slice (void)
{
  g_autoptr(RemoraPacket) pkt = remora_packet_new ();
  g_autoptr(RemoraDfilter) df = NULL;
  static const char *const yes[] = {
    "tst[-1] == 02", "tst[0] == 0a", "tst[-4:4] == c0:a8:01:02", "len(tst) == 8", "tst == 0a:00:00:01:c0:a8:01:02",
    "tst[0:1] == 0a and tst[-8] == 0a", "tst[-1] == 02 and tst[-8:] == 0a:00:00:01:c0:a8:01:02", NULL,
  };
  static const char *const no[] = {
    "tst[-1] == 78", "tst[-1] == 00", "tst[-9]", "tst[8]", "tst[-1:2]", NULL,
  };

  register_tst ();
  pkt->sources[0].name = "Frame";
  pkt->sources[0].data = frame_bytes;
  pkt->sources[0].length = sizeof frame_bytes;
  pkt->n_sources = 1;
  /* 8 bytes in the middle of the 18-byte frame */
  add_node (pkt, proto_tst, 4, 8);
  for (guint i = 0; yes[i] != NULL; i++)
    if (!matches (pkt, yes[i]))
      g_error ("expected a match: %s", yes[i]);
  for (guint i = 0; no[i] != NULL; i++)
    if (matches (pkt, no[i]))
      g_error ("expected no match: %s", no[i]);

  df = compile_ok ("tst[-1] == 0");
  g_assert_cmpint (remora_dfilter_get_wanted (df)[proto_tst], ==, 1);
}

static void
test_robustness (void)
{
  static const char *const seeds[] = {
    "tcp.port == 80", "ip.addr == 10.0.0.0/8 and not tcp", "tst.str matches \"^a.*b$\"",
    "tst.bytes[0:2,4] == 00:11:22", "tst.addr#[1-2] != 1.2.3.4", "tst.u16 in {1, 5..7, TCP}",
    "upper(tst.str) contains \"X\" || len(tst) > 3", "{tst.u16 + 1} * 2 == -4", "!(tst or tst.eth == 00-11-22-33-44-55)",
    "tst.abs > \"Nov 27, 2026 02:09:01\"", "max(tst.u16, 3, 4) >= min(tst.u16, 9)", "tst.str == r\"\\d\\x41\"",
    "tst.flag == Set && tst.i32 < -1", "tst.v6 == fe80::/10 or tst.rel >= 0.5", "tst.eth[0] & 1",
    "count(tst.addr) === 2 xor tst", "tst.u16 ~= 'a'", "any tst.addr == 1.1.1.1",
  };
  static const char *const vocab[] = {
    "tst", "tst.u16", "tst.str", "tst.addr", "tst.bytes", "tst.eth", "tst.flag", "==", "!=", "===", "!==",
    "~=", "<", ">=", "and", "or", "not", "!", "(", ")", "{", "}", "[", "]", "[0:2]", "[-1]", ",", "..", "#",
    "#2", "in", "contains", "matches", "~", "&", "+", "-", "*", "/", "%", "\"x\"", "r\"\\\\\"", "'c'", "1",
    "0x10", "10.0.0.1/8", "aa:bb", "fe80::1", "len(", "count(", "upper(", "max(", "any", "all", "$", "\\",
    "\"", "'", "TCP", "Set", "-1", "99999999999999999999",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240229);
  g_autoptr(RemoraPacket) pkt = make_packet ();
  g_autoptr(GString) s = g_string_new (NULL);
  guint compiled = 0;

  for (guint iter = 0; iter < 100000; iter++)
    {
      g_autoptr(RemoraDfilterError) error = NULL;
      g_autoptr(RemoraDfilter) df = NULL;

      g_string_truncate (s, 0);
      if (iter % 3 == 2)
        {
          guint n = g_rand_int_range (rand, 1, 12);
          for (guint k = 0; k < n; k++)
            {
              g_string_append (s, vocab[g_rand_int_range (rand, 0, G_N_ELEMENTS (vocab))]);
              if (g_rand_boolean (rand))
                g_string_append_c (s, ' ');
            }
        }
      else
        {
          guint edits = g_rand_int_range (rand, 1, 5);

          g_string_assign (s, seeds[g_rand_int_range (rand, 0, G_N_ELEMENTS (seeds))]);
          for (guint k = 0; k < edits; k++)
            {
              guint pos = s->len ? (guint) g_rand_int_range (rand, 0, (gint32) s->len) : 0;
              switch (g_rand_int_range (rand, 0, 3))
                {
                case 0:
                  if (s->len)
                    g_string_erase (s, pos, 1);
                  break;
                case 1:
                  g_string_insert_c (s, pos, (char) g_rand_int_range (rand, 1, 256));
                  break;
                default:
                  if (s->len)
                    s->str[pos] = (char) g_rand_int_range (rand, 1, 256);
                  break;
                }
            }
        }
      df = remora_dfilter_compile (s->str, &error);
      if (df == NULL)
        {
          g_assert_nonnull (error);
          g_assert_nonnull (error->message);
          g_assert_cmpuint (error->start + error->length, <=, s->len);
        }
      else
        {
          g_autofree char *explain = remora_dfilter_explain (df);
          g_assert_null (error);
          remora_dfilter_match (df, pkt);
          compiled++;
        }
    }
  g_test_message ("%u of 100000 mangled filters compiled", compiled);
  g_assert_cmpuint (compiled, >, 1000);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/remora/filter/lexer-positions", test_lexer_positions);
  g_test_add_func ("/remora/filter/string-escapes", test_string_escapes);
  g_test_add_func ("/remora/filter/parser-precedence", test_parser_precedence);
  g_test_add_func ("/remora/filter/errors", test_errors);
  g_test_add_func ("/remora/filter/warnings", test_warnings);
  g_test_add_func ("/remora/filter/match-all", test_match_all);
  g_test_add_func ("/remora/filter/wanted", test_wanted);
  g_test_add_func ("/remora/filter/multi-occurrence", test_multi_occurrence);
  g_test_add_func ("/remora/filter/missing-field", test_missing_field);
  g_test_add_func ("/remora/filter/relations-by-type", test_relations_by_type);
  g_test_add_func ("/remora/filter/relation-matrix", test_relation_matrix);
  g_test_add_func ("/remora/filter/far-future-time", test_far_future_time);
  g_test_add_func ("/remora/filter/protocol-slice", test_protocol_slice);
  g_test_add_func ("/remora/filter/robustness", test_robustness);
  return g_test_run ();
}
