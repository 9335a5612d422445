/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-test-display-sort"

#include "config.h"

#include "remora-display-index.h"

#include <string.h>

#include "remora-capture-reader.h"
#include "remora-dissectors.h"

/* Sorting the displayed frames by a column, over data/sample/http-dns.pcap
 * (30 frames: 2 ARP, 2 DNS, an HTTP exchange over TCP; `remora-cli -r`
 * lists them). */

typedef struct {
  RemoraFrameStore   *store;
  RemoraSession      *session;
  GMutex              lock;
  RemoraDisplaySource source;
} Capture;

static void
fill_input (RemoraFrameStore *store,
            guint             number,
            RemoraFrameInput *input)
{
  const RemoraFrameRecord *rec = remora_frame_store_get_record (store, number);
  const RemoraInterface *iface = remora_frame_store_get_interface (store, rec->iface_id);

  memset (input, 0, sizeof *input);
  input->number = number;
  input->data = remora_frame_store_get_data (store, number);
  input->cap_len = rec->cap_len;
  input->orig_len = rec->orig_len;
  input->ts_ns = rec->ts_ns;
  input->iface_id = rec->iface_id;
  input->link_type = iface != NULL ? iface->link_type : -1;
}

static Capture *
capture_load (void)
{
  const char *data = g_getenv ("REMORA_TEST_DATA");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RemoraPacket) pkt = remora_packet_new ();
  RemoraCaptureReader *reader;
  Capture *cap = g_new0 (Capture, 1);
  guint n;

  g_assert_nonnull (data);
  path = g_build_filename (data, "..", "..", "data", "sample", "http-dns.pcap", NULL);
  remora_dissectors_init ();
  reader = remora_capture_reader_open (path, &error);
  g_assert_no_error (error);
  cap->store = remora_frame_store_new ();
  remora_frame_store_load (cap->store, reader, &error);
  g_assert_no_error (error);
  remora_capture_reader_free (reader);

  n = remora_frame_store_get_n_frames (cap->store);
  g_assert_cmpuint (n, ==, 30);
  cap->session = remora_session_new ();
  for (guint number = 1; number <= n; number++)
    {
      RemoraFrameInput input;

      fill_input (cap->store, number, &input);
      remora_session_dissect (cap->session, pkt, &input);
      remora_session_mark_displayed (cap->session, pkt);
    }
  g_mutex_init (&cap->lock);
  cap->source = (RemoraDisplaySource) { cap->store, cap->session, &cap->lock, n };
  return cap;
}

static void
capture_free (Capture *cap)
{
  remora_session_free (cap->session);
  remora_frame_store_free (cap->store);
  g_mutex_clear (&cap->lock);
  g_free (cap);
}

/* The frame numbers of INDEX in order, "1 2 3". */
static char *
order_of (const RemoraDisplayIndex *index)
{
  GString *out = g_string_new (NULL);

  for (guint nth = 0; nth < remora_display_index_get_n_displayed (index); nth++)
    g_string_append_printf (out, "%s%u", nth > 0 ? " " : "", remora_display_index_get_frame (index, nth));
  return g_string_free (out, FALSE);
}

static RemoraDisplayIndex *
sort (Capture            *cap,
      RemoraDisplayIndex *index,
      RemoraSortKey       key,
      gboolean            descending)
{
  g_autoptr(GError) error = NULL;
  RemoraDisplayIndex *sorted = remora_display_index_sort (&cap->source, index, key, descending,
                                                          NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (sorted);
  return sorted;
}

#define assert_order(index, expected) \
  G_STMT_START { \
    g_autofree char *order_ = order_of (index); \
    g_assert_cmpstr (order_, ==, (expected)); \
  } G_STMT_END

static void
test_sort_numbers (void)
{
  Capture *cap = capture_load ();
  g_autoptr(RemoraDisplayIndex) by_length = sort (cap, NULL, REMORA_SORT_LENGTH, FALSE);
  g_autoptr(RemoraDisplayIndex) by_length_down = sort (cap, NULL, REMORA_SORT_LENGTH, TRUE);
  g_autoptr(RemoraDisplayIndex) by_number_down = sort (cap, NULL, REMORA_SORT_NUMBER, TRUE);
  g_autoptr(RemoraDisplayIndex) by_number = sort (cap, by_length, REMORA_SORT_NUMBER, FALSE);
  g_autoptr(RemoraDisplayIndex) by_time_down = sort (cap, NULL, REMORA_SORT_TIME, TRUE);
  guint nth = 0;

  /* 42 ARP, 66 the bare ACKs, 74 the SYNs, 76 and 92 DNS, then the
   * HTTP request (195), the last HTTP segment (247), the response
   * header (254) and the 614-byte segments; equal lengths in frame
   * order. */
  assert_order (by_length,
                "1 2 7 9 11 13 15 17 19 21 23 25 27 28 29 30 5 6 3 4 8 26 10 12 14 16 18 20 22 24");
  g_assert_cmpint (remora_display_index_get_sort_key (by_length), ==, REMORA_SORT_LENGTH);
  g_assert_false (remora_display_index_get_sort_descending (by_length));
  /* Down, and still frame order among equals. */
  assert_order (by_length_down,
                "12 14 16 18 20 22 24 10 26 8 4 3 5 6 7 9 11 13 15 17 19 21 23 25 27 28 29 30 1 2");
  g_assert_true (remora_display_index_get_sort_descending (by_length_down));

  assert_order (by_number_down,
                "30 29 28 27 26 25 24 23 22 21 20 19 18 17 16 15 14 13 12 11 10 9 8 7 6 5 4 3 2 1");
  /* No. up is capture order again: the unsorted index itself. */
  assert_order (by_number,
                "1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30");
  g_assert_cmpint (remora_display_index_get_sort_key (by_number), ==, REMORA_SORT_NONE);
  g_assert_true (remora_display_index_is_all (by_number));
  g_assert_true (remora_display_index_get_unsorted (by_length) == remora_display_index_get_unsorted (by_length_down) ||
                 remora_display_index_is_all (remora_display_index_get_unsorted (by_length_down)));

  /* The time stamps grow: time down is capture order backwards. */
  assert_order (by_time_down,
                "30 29 28 27 26 25 24 23 22 21 20 19 18 17 16 15 14 13 12 11 10 9 8 7 6 5 4 3 2 1");

  /* A sorted index still finds its frames. */
  g_assert_true (remora_display_index_find (by_length, 3, &nth));
  g_assert_cmpuint (nth, ==, 18);
  g_assert_true (remora_display_index_find (by_length, 24, &nth));
  g_assert_cmpuint (nth, ==, 29);
  g_assert_false (remora_display_index_find (by_length, 31, &nth));
  g_assert_false (remora_display_index_find (by_length, 0, &nth));

  capture_free (cap);
}

static void
test_sort_texts (void)
{
  Capture *cap = capture_load ();
  g_autoptr(RemoraDisplayIndex) by_protocol = sort (cap, NULL, REMORA_SORT_PROTOCOL, FALSE);
  g_autoptr(RemoraDisplayIndex) by_protocol_down = sort (cap, NULL, REMORA_SORT_PROTOCOL, TRUE);
  g_autoptr(RemoraDisplayIndex) by_source = sort (cap, NULL, REMORA_SORT_SOURCE, FALSE);
  g_autoptr(RemoraDisplayIndex) by_destination_down = sort (cap, NULL, REMORA_SORT_DESTINATION, TRUE);
  g_autoptr(RemoraDisplayIndex) by_info = sort (cap, NULL, REMORA_SORT_INFO, FALSE);
  g_autoptr(RemoraDisplayIndex) by_info_down = sort (cap, NULL, REMORA_SORT_INFO, TRUE);

  assert_order (by_protocol,
                "1 2 3 4 8 26 5 6 7 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 27 28 29 30");
  assert_order (by_protocol_down,
                "5 6 7 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 27 28 29 30 8 26 3 4 1 2");

  /* The link addresses of the ARP frames, then 10.99.0.1, then .2. */
  assert_order (by_source,
                "2 1 4 6 9 10 12 14 16 18 20 22 24 26 29 3 5 7 8 11 13 15 17 19 21 23 25 27 28 30");
  /* "Broadcast" sorts after the digits; the ARP reply goes to a MAC. */
  assert_order (by_destination_down,
                "1 4 6 9 10 12 14 16 18 20 22 24 26 29 3 5 7 8 11 13 15 17 19 21 23 25 27 28 30 2");

  /* "10.99.0.1 is at ..." first, "Who has ..." last. */
  g_assert_cmpuint (remora_display_index_get_frame (by_info, 0), ==, 2);
  g_assert_cmpuint (remora_display_index_get_frame (by_info, 29), ==, 1);
  g_assert_cmpuint (remora_display_index_get_frame (by_info_down, 0), ==, 1);
  g_assert_cmpuint (remora_display_index_get_frame (by_info_down, 29), ==, 2);
  /* "59590 → 80 [ACK] Seq=130 Ack=1285" before "... Ack=1833". */
  {
    guint at_15, at_17;

    g_assert_true (remora_display_index_find (by_info, 15, &at_15));
    g_assert_true (remora_display_index_find (by_info, 17, &at_17));
    g_assert_cmpuint (at_15, <, at_17);
  }

  capture_free (cap);
}

/* A filtered index sorts its own frames; sorting again starts from its
 * frames in capture order, so ties stay in frame order whatever came
 * before. */
static void
test_sort_filtered (void)
{
  static const guint32 frames[] = { 3, 4, 8, 10, 12, 26 };
  Capture *cap = capture_load ();
  g_autoptr(RemoraDisplayIndex) filtered = remora_display_index_new_for_frames (frames, 6, 30, "frame.len > 75");
  g_autoptr(RemoraDisplayIndex) down = sort (cap, filtered, REMORA_SORT_LENGTH, TRUE);
  g_autoptr(RemoraDisplayIndex) by_protocol = sort (cap, down, REMORA_SORT_PROTOCOL, FALSE);
  g_autoptr(RemoraDisplayIndex) back = sort (cap, by_protocol, REMORA_SORT_NUMBER, FALSE);
  guint nth;

  assert_order (down, "12 10 26 8 4 3");
  g_assert_cmpstr (remora_display_index_get_filter_text (down), ==, "frame.len > 75");
  g_assert_cmpuint (remora_display_index_get_n_frames (down), ==, 30);
  g_assert_true (remora_display_index_get_unsorted (down) == filtered);
  g_assert_false (remora_display_index_find (down, 5, &nth));

  assert_order (by_protocol, "3 4 8 26 10 12");
  g_assert_true (remora_display_index_get_unsorted (by_protocol) == filtered);
  g_assert_true (back == filtered);

  capture_free (cap);
}

typedef struct {
  RemoraDisplayIndex *index;
  GError             *error;
  gboolean            done;
  double              last_progress;
} AsyncResult;

static void
on_progress (double   fraction,
             gpointer user_data)
{
  AsyncResult *r = user_data;

  g_assert_cmpfloat (fraction, >=, r->last_progress);
  r->last_progress = fraction;
}

static void
on_sorted (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  AsyncResult *r = user_data;

  r->index = remora_display_index_sort_finish (result, &r->error);
  r->done = TRUE;
}

static void
test_sort_async (void)
{
  Capture *cap = capture_load ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  AsyncResult r = { 0 };
  AsyncResult c = { 0 };

  remora_display_index_sort_async (NULL, &cap->source, NULL, REMORA_SORT_INFO, FALSE, NULL,
                                   on_progress, &r, NULL, on_sorted, &r);
  while (!r.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (r.error);
  g_assert_cmpuint (remora_display_index_get_frame (r.index, 0), ==, 2);
  g_assert_cmpuint (remora_display_index_get_n_displayed (r.index), ==, 30);
  remora_display_index_unref (r.index);

  /* Cancelled before it ran: the callback still comes, with the error. */
  g_cancellable_cancel (cancellable);
  remora_display_index_sort_async (NULL, &cap->source, NULL, REMORA_SORT_SOURCE, TRUE, cancellable,
                                   NULL, NULL, NULL, on_sorted, &c);
  while (!c.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (c.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (c.index);
  g_clear_error (&c.error);

  capture_free (cap);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/remora/display-sort/numbers", test_sort_numbers);
  g_test_add_func ("/remora/display-sort/texts", test_sort_texts);
  g_test_add_func ("/remora/display-sort/filtered", test_sort_filtered);
  g_test_add_func ("/remora/display-sort/async", test_sort_async);
  return g_test_run ();
}
