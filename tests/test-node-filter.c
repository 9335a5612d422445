/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-node-filter"

#include "config.h"

#include <string.h>

#include "remora-capture-reader.h"
#include "remora-dfilter.h"
#include "remora-dissect.h"
#include "remora-node-filter.h"

/* Apply as Filter: the filter built for a tree line or a packet list cell
 * must compile and must keep the packet it was built from.  Checked for
 * every line of every frame of the sample capture and of the corpus,
 * matching in fields mode as the display filter does. */

/* Frames whose tree shows a protocol line that the filter's dissection
 * does not record, so that the protocol's name does not match them.
 * tshark -Y gives the same answer for each (no match), so these are
 * known differences between the tree and the filter passes of those
 * malformed or unusual frames, not filters built wrong. */
static const struct {
  const char *file;
  guint       frame;
  const char *filter;
} known_mismatches[] = {
  { "tcpdump/arp-oobr.pcap", 1166, "arp" },           /* malformed ARP */
  { "tcpdump/ip_ts_opts_asan.pcap", 1, "icmp" },      /* cut short by the snap length */
  { "tcpdump/PIM-SM_join_prune.pcap", 11, "igmp" },   /* PIMv1 inside IGMP */
  { "tcpdump/PIM-SM_join_prune.pcap", 20, "igmp" },
  { "tcpdump/PIM-SM_join_prune.pcap", 28, "igmp" },
  { "tcpdump/PIM-SM_join_prune.pcap", 37, "igmp" },
};

static gboolean
is_known_mismatch (const char *file,
                   guint       frame,
                   const char *filter)
{
  for (guint i = 0; i < G_N_ELEMENTS (known_mismatches); i++)
    if (g_str_equal (known_mismatches[i].file, file) && known_mismatches[i].frame == frame &&
        g_str_equal (known_mismatches[i].filter, filter))
      return TRUE;
  return FALSE;
}

typedef struct {
  GPtrArray     *filters;     /* char *, for the frame being checked */
  GPtrArray     *compiled;    /* RemoraDfilter * */
  guint8        *wanted;
  guint          n_checked;
  guint          n_columns;
  guint          n_known;
  GString       *failures;
  guint          n_failures;
} Checker;

static char *
sample_path (void)
{
  return g_build_filename (g_getenv ("REMORA_TEST_DATA"), "..", "..", "data", "sample",
                           "http-dns.pcap", NULL);
}

static char *
find_corpus (void)
{
  const char *env = g_getenv ("REMORA_CORPUS");
  const char *data = g_getenv ("REMORA_TEST_DATA");

  if (env != NULL && env[0] != '\0')
    return g_strdup (env);
  if (data != NULL)
    return g_build_filename (data, "..", "..", "..", "shared", "corpus", NULL);
  return NULL;
}

static void
fail (Checker    *c,
      const char *file,
      guint       number,
      const char *filter,
      const char *why)
{
  c->n_failures++;
  if (c->n_failures <= 40)
    g_string_append_printf (c->failures, "%s frame %u: %s: %s\n", file, number, filter, why);
}

/* Compiles every filter of the frame, dissects the frame once more in
 * fields mode with what they read, and checks that each one matches. */
static void
check_filters (Checker          *c,
               RemoraSession    *session,
               RemoraPacket     *fields_pkt,
               RemoraFrameInput *input,
               const char       *file)
{
  guint n_fields = remora_field_count ();

  memset (c->wanted, 0, n_fields);
  g_ptr_array_set_size (c->compiled, 0);
  for (guint i = 0; i < c->filters->len; i++)
    {
      const char *text = g_ptr_array_index (c->filters, i);
      g_autoptr(RemoraDfilterError) error = NULL;
      RemoraDfilter *dfilter = remora_dfilter_compile (text, &error);

      if (dfilter == NULL)
        {
          fail (c, file, input->number, text, error != NULL ? error->message : "does not compile");
          g_ptr_array_add (c->compiled, NULL);
          continue;
        }
      g_ptr_array_add (c->compiled, dfilter);
      for (guint f = 0; f < n_fields; f++)
        c->wanted[f] |= remora_dfilter_get_wanted (dfilter)[f];
    }

  remora_packet_set_tree_mode (fields_pkt, FALSE);
  remora_packet_set_want_columns (fields_pkt, TRUE);
  remora_packet_set_wanted (fields_pkt, c->wanted);
  remora_session_dissect (session, fields_pkt, input);

  for (guint i = 0; i < c->compiled->len; i++)
    {
      RemoraDfilter *dfilter = g_ptr_array_index (c->compiled, i);

      if (dfilter == NULL)
        continue;
      if (!remora_dfilter_match (dfilter, fields_pkt))
        {
          if (is_known_mismatch (file, input->number, remora_dfilter_get_text (dfilter)))
            c->n_known++;
          else
            fail (c, file, input->number, remora_dfilter_get_text (dfilter), "does not match its own frame");
        }
      c->n_checked++;
    }
}

/* Reads PATH frame by frame: a first pass as the document's load runs it,
 * then the frame again in tree mode (as when selected), then the filters
 * built from that tree against a third, fields-mode dissection. */
static guint
check_file (Checker    *c,
            const char *path,
            const char *name)
{
  g_autoptr(GError) error = NULL;
  RemoraCaptureReader *reader = remora_capture_reader_open (path, &error);
  g_autoptr(RemoraSession) session = NULL;
  g_autoptr(RemoraPacket) pass_pkt = remora_packet_new ();
  g_autoptr(RemoraPacket) tree_pkt = remora_packet_new ();
  g_autoptr(RemoraPacket) fields_pkt = remora_packet_new ();
  g_autoptr(GPtrArray) frames = g_ptr_array_new_with_free_func (g_free);
  RemoraPacketRecord rec;
  gint64 prev_ts = 0;
  guint number = 0;

  if (reader == NULL)
    return 0;

  session = remora_session_new ();
  remora_packet_set_want_columns (pass_pkt, TRUE);
  remora_packet_set_tree_mode (tree_pkt, TRUE);
  remora_packet_set_want_columns (tree_pkt, TRUE);

  while (remora_capture_reader_next (reader, &rec, NULL) == REMORA_READ_PACKET)
    {
      const RemoraInterface *iface = remora_capture_reader_get_interface (reader, rec.iface_id);
      /* Reassembly may point back into earlier frames: keep them all, as
       * the frame store does. */
      guint8 *data = g_memdup2 (rec.data, rec.cap_len);
      RemoraFrameInput input = { 0 };

      g_ptr_array_add (frames, data);
      input.number = ++number;
      input.data = data;
      input.cap_len = rec.cap_len;
      input.orig_len = rec.orig_len;
      input.ts_ns = rec.ts_ns;
      input.iface_id = rec.iface_id;
      input.link_type = iface != NULL ? iface->link_type : -1;
      input.iface_name = iface != NULL ? iface->name : NULL;
      input.iface_description = iface != NULL ? iface->description : NULL;
      input.pack_flags = rec.flags;

      remora_session_dissect (session, pass_pkt, &input);

      /* Every frame is displayed: the one before is the previous one. */
      input.has_prev_times = TRUE;
      input.prev_cap_ts_ns = number > 1 ? prev_ts : rec.ts_ns;
      input.prev_dis_ts_ns = input.prev_cap_ts_ns;
      prev_ts = rec.ts_ns;
      remora_session_dissect (session, tree_pkt, &input);

      g_ptr_array_set_size (c->filters, 0);
      for (guint item = 1; item <= remora_packet_get_n_nodes (tree_pkt); item++)
        {
          const RemoraNode *node = remora_packet_get_node (tree_pkt, item);
          char *filter = remora_node_filter_build (tree_pkt, item);

          if (node->field < 0)
            {
              if (filter != NULL)
                fail (c, name, number, filter, "built for a line without a field");
              g_free (filter);
              continue;
            }
          if (filter == NULL)
            {
              fail (c, name, number, remora_field_get (node->field)->abbrev, "no filter for a field");
              continue;
            }
          g_ptr_array_add (c->filters, filter);
        }
      for (guint column = 0; column < REMORA_N_SUMMARY_COLUMNS; column++)
        {
          char *filter = remora_column_filter_build (tree_pkt, column);

          if (filter != NULL)
            {
              g_ptr_array_add (c->filters, filter);
              c->n_columns++;
            }
        }
      check_filters (c, session, fields_pkt, &input, name);
    }
  remora_capture_reader_free (reader);
  return number;
}

static void
checker_init (Checker *c)
{
  remora_dissectors_init ();
  c->filters = g_ptr_array_new_with_free_func (g_free);
  c->compiled = g_ptr_array_new_with_free_func ((GDestroyNotify) remora_dfilter_free);
  c->wanted = g_new0 (guint8, remora_field_count ());
  c->failures = g_string_new (NULL);
}

static void
checker_clear (Checker *c)
{
  g_ptr_array_unref (c->filters);
  g_ptr_array_unref (c->compiled);
  g_free (c->wanted);
  g_string_free (c->failures, TRUE);
}

/* ---- the sample capture ---- */

/* Dissects frame NUMBER of the sample in tree mode into PKT (after a first
 * pass over the frames before it). */
static void
dissect_sample_frame (RemoraSession *session,
                      RemoraPacket  *pkt,
                      GPtrArray     *keep,
                      guint          number)
{
  g_autofree char *path = sample_path ();
  g_autoptr(GError) error = NULL;
  RemoraCaptureReader *reader = remora_capture_reader_open (path, &error);
  g_autoptr(RemoraPacket) pass = remora_packet_new ();
  RemoraPacketRecord rec;

  g_assert_no_error (error);
  remora_packet_set_tree_mode (pkt, TRUE);
  remora_packet_set_want_columns (pkt, TRUE);
  remora_packet_set_want_columns (pass, TRUE);
  for (guint n = 1; n <= number; n++)
    {
      RemoraFrameInput *input = g_new0 (RemoraFrameInput, 1);

      g_assert_cmpint (remora_capture_reader_next (reader, &rec, NULL), ==, REMORA_READ_PACKET);
      input->number = n;
      input->data = g_memdup2 (rec.data, rec.cap_len);
      input->cap_len = rec.cap_len;
      input->orig_len = rec.orig_len;
      input->ts_ns = rec.ts_ns;
      input->link_type = REMORA_LINKTYPE_ETHERNET;
      g_ptr_array_add (keep, (gpointer) input->data);
      g_ptr_array_add (keep, input);
      remora_session_dissect (session, n == number ? pkt : pass, input);
    }
  remora_capture_reader_free (reader);
}

/* The filter of the first node of ABBREV in PKT. */
static char *
filter_of (const RemoraPacket *pkt,
           const char         *abbrev)
{
  int id = remora_field_lookup (abbrev);

  g_assert_cmpint (id, >=, 0);
  for (guint item = 1; item <= remora_packet_get_n_nodes (pkt); item++)
    if (remora_packet_get_node (pkt, item)->field == id)
      return remora_node_filter_build (pkt, item);
  g_error ("no %s in the frame", abbrev);
}

static char *
value_of (const RemoraPacket *pkt,
          const char         *abbrev)
{
  int id = remora_field_lookup (abbrev);

  for (guint item = 1; item <= remora_packet_get_n_nodes (pkt); item++)
    if (remora_packet_get_node (pkt, item)->field == id)
      return remora_node_filter_copy_value (pkt, item);
  g_error ("no %s in the frame", abbrev);
}

#define ASSERT_FILTER(pkt, abbrev, expected) G_STMT_START { \
    g_autofree char *f_ = filter_of ((pkt), (abbrev));        \
    g_assert_cmpstr (f_, ==, (expected));                     \
  } G_STMT_END

static void
test_forms (void)
{
  g_autoptr(RemoraSession) session = NULL;
  g_autoptr(RemoraPacket) pkt = remora_packet_new ();
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *value = NULL;
  g_autofree char *column = NULL;
  gboolean saw_text_line = FALSE;

  remora_dissectors_init ();
  session = remora_session_new ();
  /* Frame 8: GET /index.txt from 10.99.0.2 to 10.99.0.1:80. */
  dissect_sample_frame (session, pkt, keep, 8);

  ASSERT_FILTER (pkt, "ip", "ip");
  ASSERT_FILTER (pkt, "tcp", "tcp");
  ASSERT_FILTER (pkt, "ip.src", "ip.src == 10.99.0.2");
  ASSERT_FILTER (pkt, "ip.dst", "ip.dst == 10.99.0.1");
  ASSERT_FILTER (pkt, "eth.src", "eth.src == 02:00:5e:10:00:02");
  ASSERT_FILTER (pkt, "ip.proto", "ip.proto == 6");
  ASSERT_FILTER (pkt, "tcp.dstport", "tcp.dstport == 80");
  ASSERT_FILTER (pkt, "ip.ttl", "ip.ttl == 64");
  /* Hex padded to the bitmask's twelve bits, as the tree line shows it. */
  ASSERT_FILTER (pkt, "tcp.flags", "tcp.flags == 0x018");
  ASSERT_FILTER (pkt, "tcp.flags.syn", "tcp.flags.syn == 0");
  ASSERT_FILTER (pkt, "tcp.flags.push", "tcp.flags.push == 1");
  ASSERT_FILTER (pkt, "eth.type", "eth.type == 0x0800");
  ASSERT_FILTER (pkt, "http.request.method", "http.request.method == \"GET\"");
  ASSERT_FILTER (pkt, "http.request.line", "http.request.line == \"Accept-Encoding: identity\\r\\n\"");
  ASSERT_FILTER (pkt, "http.host", "http.host == \"www.example.test\"");
  ASSERT_FILTER (pkt, "frame.time_relative", "frame.time_relative == 0.010025302");

  value = value_of (pkt, "ip.src");
  g_assert_cmpstr (value, ==, "10.99.0.2");

  for (guint item = 1; item <= remora_packet_get_n_nodes (pkt); item++)
    if (remora_packet_get_node (pkt, item)->field < 0)
      {
        g_autofree char *none = remora_node_filter_build (pkt, item);
        g_autofree char *no_value = remora_node_filter_copy_value (pkt, item);

        g_assert_null (none);
        g_assert_null (no_value);
        saw_text_line = TRUE;
      }
  g_assert_true (saw_text_line);

  column = remora_column_filter_build (pkt, REMORA_SUMMARY_SOURCE);
  g_assert_cmpstr (column, ==, "ip.src == 10.99.0.2");
  g_clear_pointer (&column, g_free);
  column = remora_column_filter_build (pkt, REMORA_SUMMARY_DESTINATION);
  g_assert_cmpstr (column, ==, "ip.dst == 10.99.0.1");
  g_clear_pointer (&column, g_free);
  column = remora_column_filter_build (pkt, REMORA_SUMMARY_PROTOCOL);
  g_assert_cmpstr (column, ==, "http");
  g_clear_pointer (&column, g_free);
  column = remora_column_filter_build (pkt, REMORA_SUMMARY_NUMBER);
  g_assert_cmpstr (column, ==, "frame.number == 8");
  g_clear_pointer (&column, g_free);
  column = remora_column_filter_build (pkt, REMORA_SUMMARY_LENGTH);
  g_assert_cmpstr (column, ==, "frame.len == 195");
  g_clear_pointer (&column, g_free);
  column = remora_column_filter_build (pkt, REMORA_SUMMARY_TIME);
  g_assert_cmpstr (column, ==, "frame.time_relative == 0.010025302");
  g_clear_pointer (&column, g_free);
  /* No _ws.col.info field to match the Info column on. */
  if (remora_field_lookup ("_ws.col.info") < 0)
    g_assert_null (remora_column_filter_build (pkt, REMORA_SUMMARY_INFO));
}

static void
test_link_columns (void)
{
  g_autoptr(RemoraSession) session = NULL;
  g_autoptr(RemoraPacket) pkt = remora_packet_new ();
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *source = NULL;
  g_autofree char *destination = NULL;
  g_autofree char *protocol = NULL;

  remora_dissectors_init ();
  session = remora_session_new ();
  /* Frame 1: an ARP request, shown by its MAC addresses. */
  dissect_sample_frame (session, pkt, keep, 1);
  source = remora_column_filter_build (pkt, REMORA_SUMMARY_SOURCE);
  destination = remora_column_filter_build (pkt, REMORA_SUMMARY_DESTINATION);
  protocol = remora_column_filter_build (pkt, REMORA_SUMMARY_PROTOCOL);
  g_assert_cmpstr (source, ==, "eth.src == 02:00:5e:10:00:02");
  g_assert_cmpstr (destination, ==, "eth.dst == ff:ff:ff:ff:ff:ff");
  g_assert_cmpstr (protocol, ==, "arp");
}

static void
test_combine (void)
{
  static const struct {
    const char         *current;
    RemoraFilterAction  action;
    const char         *expected;
  } cases[] = {
    { "tcp", REMORA_FILTER_ACTION_SELECTED, "ip.src == 1.2.3.4" },
    { "tcp", REMORA_FILTER_ACTION_NOT_SELECTED, "!(ip.src == 1.2.3.4)" },
    { "tcp", REMORA_FILTER_ACTION_AND_SELECTED, "(tcp) && (ip.src == 1.2.3.4)" },
    { "tcp", REMORA_FILTER_ACTION_OR_SELECTED, "(tcp) || (ip.src == 1.2.3.4)" },
    { "tcp", REMORA_FILTER_ACTION_AND_NOT_SELECTED, "(tcp) && !(ip.src == 1.2.3.4)" },
    { "tcp", REMORA_FILTER_ACTION_OR_NOT_SELECTED, "(tcp) || !(ip.src == 1.2.3.4)" },
    { "  ", REMORA_FILTER_ACTION_AND_SELECTED, "ip.src == 1.2.3.4" },
    { NULL, REMORA_FILTER_ACTION_OR_SELECTED, "ip.src == 1.2.3.4" },
    { "", REMORA_FILTER_ACTION_AND_NOT_SELECTED, "!(ip.src == 1.2.3.4)" },
    { NULL, REMORA_FILTER_ACTION_OR_NOT_SELECTED, "!(ip.src == 1.2.3.4)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *combined = remora_filter_combine (cases[i].current, "ip.src == 1.2.3.4",
                                                         cases[i].action);
      g_autoptr(RemoraDfilter) dfilter = remora_dfilter_compile (combined, NULL);

      g_assert_cmpstr (combined, ==, cases[i].expected);
      g_assert_nonnull (dfilter);
    }
}

/* ---- every line of every frame ---- */

static void
test_sample_every_node (void)
{
  g_autofree char *path = sample_path ();
  Checker c = { 0 };
  guint frames;

  checker_init (&c);
  frames = check_file (&c, path, "http-dns.pcap");
  g_assert_cmpuint (frames, ==, 30);
  g_test_message ("%u filters checked (%u of cells) over %u frames", c.n_checked, c.n_columns, frames);
  if (c.n_failures > 0)
    g_error ("%u filters failed:\n%s", c.n_failures, c.failures->str);
  g_assert_cmpuint (c.n_checked, >, 1000);
  checker_clear (&c);
}

static void
test_corpus_every_node (void)
{
  g_autofree char *corpus = find_corpus ();
  g_autofree char *list_path = NULL;
  g_autofree char *list = NULL;
  g_auto(GStrv) names = NULL;
  Checker c = { 0 };
  guint files = 0;
  guint frames = 0;

  if (corpus == NULL || !g_file_test (corpus, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("no corpus folder (set REMORA_CORPUS)");
      return;
    }
  list_path = g_build_filename (corpus, "public.txt", NULL);
  if (!g_file_get_contents (list_path, &list, NULL, NULL))
    {
      g_test_skip ("the corpus has no public.txt");
      return;
    }

  checker_init (&c);
  names = g_strsplit (list, "\n", -1);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *name = g_strstrip (g_strdup (names[i]));
      g_autofree char *path = NULL;

      if (name[0] == '\0' || name[0] == '#')
        continue;
      path = g_build_filename (corpus, name, NULL);
      frames += check_file (&c, path, name);
      files++;
    }
  g_test_message ("%u filters checked (%u of cells) over %u frames of %u files; %u known mismatches",
                  c.n_checked, c.n_columns, frames, files, c.n_known);
  if (c.n_failures > 0)
    g_error ("%u filters failed:\n%s", c.n_failures, c.failures->str);
  g_assert_cmpuint (files, >, 0);
  /* A fixed dissector drops its entry from the list above. */
  g_assert_cmpuint (c.n_known, <=, G_N_ELEMENTS (known_mismatches));
  g_assert_cmpuint (c.n_checked, >, 0);
  checker_clear (&c);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/remora/node-filter/forms", test_forms);
  g_test_add_func ("/remora/node-filter/link-columns", test_link_columns);
  g_test_add_func ("/remora/node-filter/combine", test_combine);
  g_test_add_func ("/remora/node-filter/sample", test_sample_every_node);
  g_test_add_func ("/remora/node-filter/corpus", test_corpus_every_node);

  return g_test_run ();
}
