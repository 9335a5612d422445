/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-test-display-index"

#include "config.h"

#include "remora-display-index.h"

#include <string.h>

#include <glib/gstdio.h>

#include "remora-capture-reader.h"
#include "remora-dfilter.h"
#include "remora-dissectors.h"

/* A capture with its first pass done, as the window's document holds it. */
typedef struct {
  RemoraFrameStore *store;
  RemoraSession    *session;
  GMutex            lock;
  RemoraDisplaySource source;
} Capture;

static char *
sample_path (void)
{
  const char *data = g_getenv ("REMORA_TEST_DATA");

  g_assert_nonnull (data);
  return g_build_filename (data, "..", "..", "data", "sample", "http-dns.pcap", NULL);
}

static void
capture_first_pass (Capture *cap)
{
  g_autoptr(RemoraPacket) pkt = remora_packet_new ();
  guint n = remora_frame_store_get_n_frames (cap->store);

  cap->session = remora_session_new ();
  for (guint number = 1; number <= n; number++)
    {
      RemoraFrameInput input;

      remora_frame_store_get_frame_input (cap->store, number, &input);
      remora_session_dissect (cap->session, pkt, &input);
      remora_session_mark_displayed (cap->session, pkt);
    }
  g_mutex_init (&cap->lock);
  cap->source.store = cap->store;
  cap->source.session = cap->session;
  cap->source.session_lock = &cap->lock;
  cap->source.n_frames = n;
}

/* PATH's frames in a store (mapped, as the window reads a file). */
static RemoraFrameStore *
store_load (const char *path)
{
  g_autoptr(GError) error = NULL;
  RemoraCaptureReader *reader = remora_capture_reader_open (path, &error);
  RemoraFrameStore *store;

  g_assert_no_error (error);
  store = remora_frame_store_new ();
  remora_frame_store_load (store, reader, &error);
  g_assert_no_error (error);
  remora_capture_reader_free (reader);
  return store;
}

/* The sample, or (REPEAT > 1) its frames over and over with growing
 * time stamps: enough chunks to cancel in the middle of. */
static Capture *
capture_load (guint repeat)
{
  g_autofree char *path = sample_path ();
  Capture *cap = g_new0 (Capture, 1);

  remora_dissectors_init ();
  cap->store = store_load (path);

  if (repeat > 1)
    {
      RemoraFrameStore *big = remora_frame_store_new ();
      guint n = remora_frame_store_get_n_frames (cap->store);

      remora_frame_store_add_interface (big, remora_frame_store_get_interface (cap->store, 0));
      for (guint r = 0; r < repeat; r++)
        for (guint number = 1; number <= n; number++)
          {
            const RemoraFrameRecord *rec = remora_frame_store_get_record (cap->store, number);
            RemoraPacketRecord out = { 0 };

            out.data = remora_frame_store_get_data (cap->store, number);
            out.ts_ns = rec->ts_ns + (gint64) r * G_GINT64_CONSTANT (1000000000);
            out.cap_len = rec->cap_len;
            out.orig_len = rec->orig_len;
            remora_frame_store_append (big, &out);
          }
      remora_frame_store_free (cap->store);
      cap->store = big;
    }

  capture_first_pass (cap);
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

/* What the index must say, computed the plain way: dissect, match. */
static GArray *
expected_frames (Capture    *cap,
                 const char *text)
{
  g_autoptr(RemoraDfilter) dfilter = remora_dfilter_compile (text, NULL);
  g_autoptr(RemoraPacket) pkt = remora_packet_new ();
  GArray *frames = g_array_new (FALSE, FALSE, sizeof (guint32));

  g_assert_nonnull (dfilter);
  remora_packet_set_wanted (pkt, remora_dfilter_get_wanted (dfilter));
  for (guint32 number = 1; number <= cap->source.n_frames; number++)
    {
      RemoraFrameInput input;

      remora_frame_store_get_frame_input (cap->store, number, &input);
      remora_session_dissect (cap->session, pkt, &input);
      if (remora_dfilter_match (dfilter, pkt))
        g_array_append_val (frames, number);
    }
  return frames;
}

static void
assert_index_is (const RemoraDisplayIndex *index,
                 const GArray             *frames)
{
  g_assert_true (remora_display_index_has_frames (index));
  g_assert_cmpuint (remora_display_index_get_n_displayed (index), ==, frames->len);
  for (guint i = 0; i < frames->len; i++)
    g_assert_cmpuint (remora_display_index_get_frame (index, i), ==, g_array_index (frames, guint32, i));
  g_assert_cmpuint (remora_display_index_get_frame (index, frames->len), ==, 0);
}

static void
record_progress (double   fraction,
                 gpointer user_data)
{
  GArray *seen = user_data;

  g_array_append_val (seen, fraction);
}

static void
test_tcp_sample (void)
{
  Capture *cap = capture_load (1);
  g_autoptr(GArray) expected = expected_frames (cap, "tcp");
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(RemoraDisplayIndex) index = NULL;
  g_autoptr(GError) error = NULL;
  guint nth;

  g_assert_cmpuint (cap->source.n_frames, ==, 30);
  index = remora_display_index_compute (&cap->source, "tcp", REMORA_DISPLAY_INDEX_FRAMES,
                                        NULL, record_progress, seen, &error);
  g_assert_no_error (error);
  assert_index_is (index, expected);

  /* What tshark shows for the sample: ARP 1-2, DNS 3-4, the HTTP
   * connection from 5 to the end. */
  g_assert_cmpuint (remora_display_index_get_n_displayed (index), ==, 26);
  g_assert_cmpuint (remora_display_index_get_n_frames (index), ==, 30);
  g_assert_cmpuint (remora_display_index_get_frame (index, 0), ==, 5);
  g_assert_cmpuint (remora_display_index_get_frame (index, 25), ==, 30);
  g_assert_false (remora_display_index_find (index, 1, NULL));
  g_assert_false (remora_display_index_find (index, 4, NULL));
  g_assert_true (remora_display_index_find (index, 5, &nth));
  g_assert_cmpuint (nth, ==, 0);
  g_assert_true (remora_display_index_find (index, 26, &nth));
  g_assert_cmpuint (nth, ==, 21);
  g_assert_false (remora_display_index_is_all (index));
  g_assert_cmpstr (remora_display_index_get_filter_text (index), ==, "tcp");

  g_assert_cmpuint (seen->len, >=, 1);
  g_assert_cmpfloat (g_array_index (seen, double, seen->len - 1), ==, 1.0);

  capture_free (cap);
}

static void
test_other_protocols (void)
{
  static const struct {
    const char *filter;
    guint32     frames[4];
    guint       n;
  } cases[] = {
    { "arp", { 1, 2 }, 2 },
    { "dns", { 3, 4 }, 2 },
    { "http.request", { 8 }, 1 },
    { "ip.addr == 10.99.0.1 && udp", { 3, 4 }, 2 },
    { "frame.number > 30", { 0 }, 0 },
  };
  Capture *cap = capture_load (1);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RemoraDisplayIndex) index =
        remora_display_index_compute (&cap->source, cases[i].filter, REMORA_DISPLAY_INDEX_FRAMES,
                                      NULL, NULL, NULL, &error);
      g_autoptr(GArray) expected = expected_frames (cap, cases[i].filter);

      g_assert_no_error (error);
      g_test_message ("%s", cases[i].filter);
      assert_index_is (index, expected);
      g_assert_cmpuint (remora_display_index_get_n_displayed (index), ==, cases[i].n);
      for (guint k = 0; k < cases[i].n; k++)
        g_assert_cmpuint (remora_display_index_get_frame (index, k), ==, cases[i].frames[k]);
    }
  capture_free (cap);
}

static void
test_empty_filter (void)
{
  /* No store and no session: the empty filter must not look at frames. */
  RemoraDisplaySource nothing = { NULL, NULL, NULL, 1000000 };
  static const char *const empties[] = { NULL, "", "   ", "\t\n" };

  for (guint i = 0; i < G_N_ELEMENTS (empties); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RemoraDisplayIndex) index = NULL;
      guint nth = 0;

      index = remora_display_index_compute (&nothing, empties[i], REMORA_DISPLAY_INDEX_FRAMES,
                                            NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (remora_display_index_is_all (index));
      g_assert_cmpuint (remora_display_index_get_n_displayed (index), ==, 1000000);
      g_assert_cmpuint (remora_display_index_get_frame (index, 0), ==, 1);
      g_assert_cmpuint (remora_display_index_get_frame (index, 999999), ==, 1000000);
      g_assert_cmpuint (remora_display_index_get_frame (index, 1000000), ==, 0);
      g_assert_true (remora_display_index_find (index, 777, &nth));
      g_assert_cmpuint (nth, ==, 776);
      g_assert_false (remora_display_index_find (index, 1000001, NULL));
    }
}

static void
test_invalid_filter (void)
{
  Capture *cap = capture_load (1);
  g_autoptr(GError) error = NULL;
  g_autoptr(RemoraDisplayIndex) index =
    remora_display_index_compute (&cap->source, "ip.src ==", REMORA_DISPLAY_INDEX_FRAMES,
                                  NULL, NULL, NULL, &error);

  g_assert_null (index);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_cmpstr (error->message, !=, "");
  capture_free (cap);
}

typedef struct {
  GCancellable *cancellable;
  double        cancel_at;
  double        last;
  guint         calls;
} CancelProbe;

static void
cancel_on_progress (double   fraction,
                    gpointer user_data)
{
  CancelProbe *probe = user_data;

  g_assert_cmpfloat (fraction, >=, probe->last);
  probe->last = fraction;
  probe->calls++;
  if (fraction >= probe->cancel_at)
    g_cancellable_cancel (probe->cancellable);
}

static void
test_progress_and_cancel (void)
{
  Capture *cap = capture_load (400);   /* 12000 frames, 12 chunks */
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  CancelProbe probe = { cancellable, 2.0, 0.0, 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(RemoraDisplayIndex) index = NULL;
  g_autoptr(GArray) expected = NULL;

  /* Whole run: increasing fractions, ending at exactly 1.0. */
  index = remora_display_index_compute (&cap->source, "tcp.flags.syn == 1",
                                        REMORA_DISPLAY_INDEX_FRAMES, cancellable,
                                        cancel_on_progress, &probe, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (probe.calls, >=, 10);
  g_assert_cmpfloat (probe.last, ==, 1.0);
  expected = expected_frames (cap, "tcp.flags.syn == 1");
  assert_index_is (index, expected);
  g_assert_cmpuint (expected->len, ==, 800);
  g_clear_pointer (&index, remora_display_index_unref);

  /* Cancelled at a quarter: it stops within the next chunk. */
  probe = (CancelProbe) { cancellable, 0.25, 0.0, 0 };
  index = remora_display_index_compute (&cap->source, "tcp.flags.syn == 1",
                                        REMORA_DISPLAY_INDEX_FRAMES, cancellable,
                                        cancel_on_progress, &probe, &error);
  g_assert_null (index);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpfloat (probe.last, <, 0.4);

  capture_free (cap);
}

typedef struct {
  GMainLoop          *loop;
  GThread            *main_thread;
  RemoraDisplayIndex *index;
  GError             *error;
  double              last_progress;
  guint               n_progress;
  gboolean            progress_after_done;
  gboolean            done;
  gboolean            destroyed;
} AsyncProbe;

static void
async_progress (double   fraction,
                gpointer user_data)
{
  AsyncProbe *probe = user_data;

  /* Progress reaches the caller's thread, never after the result. */
  g_assert_true (g_thread_self () == probe->main_thread);
  if (probe->done)
    probe->progress_after_done = TRUE;
  g_assert_cmpfloat (fraction, >=, probe->last_progress);
  probe->last_progress = fraction;
  probe->n_progress++;
}

static void
async_destroy (gpointer user_data)
{
  AsyncProbe *probe = user_data;

  g_assert_true (probe->done);
  probe->destroyed = TRUE;
}

static void
async_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  AsyncProbe *probe = user_data;

  probe->done = TRUE;
  probe->index = remora_display_index_compute_finish (result, &probe->error);
  g_main_loop_quit (probe->loop);
}

/* The window's main thread keeps dissecting rows (under the session
 * lock) while the worker filters: the answer must not change. */
typedef struct {
  Capture *cap;
  RemoraPacket *pkt;
  guint32 next;
  guint rounds;
} RowDissector;

static gboolean
dissect_rows (gpointer user_data)
{
  RowDissector *rows = user_data;

  for (guint i = 0; i < 64; i++)
    {
      RemoraFrameInput input;

      rows->next = rows->next % rows->cap->source.n_frames + 1;
      remora_frame_store_get_frame_input (rows->cap->store, rows->next, &input);
      g_mutex_lock (&rows->cap->lock);
      remora_session_dissect (rows->cap->session, rows->pkt, &input);
      g_mutex_unlock (&rows->cap->lock);
    }
  rows->rounds++;
  return G_SOURCE_CONTINUE;
}

static void
test_async (void)
{
  Capture *cap = capture_load (400);
  g_autoptr(GArray) expected = expected_frames (cap, "http || dns");
  AsyncProbe probe = { 0 };
  RowDissector rows = { cap, remora_packet_new (), 0, 0 };
  guint rows_source;

  remora_packet_set_tree_mode (rows.pkt, TRUE);
  probe.loop = g_main_loop_new (NULL, FALSE);
  probe.main_thread = g_thread_self ();

  rows_source = g_idle_add (dissect_rows, &rows);
  remora_display_index_compute_async (NULL, &cap->source, "http || dns", REMORA_DISPLAY_INDEX_FRAMES,
                                      NULL, async_progress, &probe, async_destroy,
                                      async_done, &probe);
  g_main_loop_run (probe.loop);
  g_source_remove (rows_source);

  g_assert_no_error (probe.error);
  g_assert_nonnull (probe.index);
  assert_index_is (probe.index, expected);
  /* Every DNS frame; HTTP only once (the repeats are retransmissions). */
  g_assert_cmpuint (expected->len, ==, 400 * 2 + 2);
  g_assert_true (probe.destroyed);
  g_assert_false (probe.progress_after_done);
  g_test_message ("%u progress reports, %u rounds of row dissection meanwhile",
                  probe.n_progress, rows.rounds);
  g_clear_pointer (&probe.index, remora_display_index_unref);

  /* Count only: the same number, no list. */
  probe = (AsyncProbe) { probe.loop, g_thread_self () };
  remora_display_index_compute_async (NULL, &cap->source, "http || dns",
                                      REMORA_DISPLAY_INDEX_COUNT_ONLY,
                                      NULL, NULL, NULL, NULL, async_done, &probe);
  g_main_loop_run (probe.loop);
  g_assert_no_error (probe.error);
  g_assert_false (remora_display_index_has_frames (probe.index));
  g_assert_cmpuint (remora_display_index_get_n_displayed (probe.index), ==, expected->len);
  g_assert_cmpuint (remora_display_index_get_frame (probe.index, 0), ==, 0);
  g_clear_pointer (&probe.index, remora_display_index_unref);

  /* Cancelled before it could finish: the callback still comes, once,
   * with CANCELLED. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();

    probe = (AsyncProbe) { probe.loop, g_thread_self () };
    remora_display_index_compute_async (NULL, &cap->source, "tcp", REMORA_DISPLAY_INDEX_FRAMES,
                                        cancellable, async_progress, &probe, async_destroy,
                                        async_done, &probe);
    g_cancellable_cancel (cancellable);
    g_main_loop_run (probe.loop);
    g_assert_null (probe.index);
    g_assert_error (probe.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_true (probe.destroyed);
    g_clear_error (&probe.error);
  }

  /* The empty filter: all frames, no thread, still a deferred callback. */
  probe = (AsyncProbe) { probe.loop, g_thread_self () };
  remora_display_index_compute_async (NULL, &cap->source, "", REMORA_DISPLAY_INDEX_FRAMES,
                                      NULL, NULL, NULL, NULL, async_done, &probe);
  g_assert_false (probe.done);
  g_main_loop_run (probe.loop);
  g_assert_true (remora_display_index_is_all (probe.index));
  g_assert_cmpuint (remora_display_index_get_n_displayed (probe.index), ==, 12000);
  g_clear_pointer (&probe.index, remora_display_index_unref);

  remora_packet_free (rows.pkt);
  g_main_loop_unref (probe.loop);
  capture_free (cap);
}

static void
test_new_for_frames (void)
{
  static const guint32 frames[] = { 2, 3, 9 };
  g_autoptr(RemoraDisplayIndex) index =
    remora_display_index_new_for_frames (frames, G_N_ELEMENTS (frames), 10, "x");
  g_autoptr(RemoraDisplayIndex) extra = remora_display_index_ref (index);
  guint nth = 0;

  g_assert_cmpuint (remora_display_index_get_n_displayed (index), ==, 3);
  g_assert_cmpuint (remora_display_index_get_n_frames (index), ==, 10);
  g_assert_true (remora_display_index_find (index, 9, &nth));
  g_assert_cmpuint (nth, ==, 2);
  g_assert_false (remora_display_index_find (index, 4, NULL));
  g_assert_false (remora_display_index_find (index, 10, NULL));
  g_assert_false (remora_display_index_find (index, 0, NULL));
  g_assert_true (extra == index);
}

/* Resident kilobytes of the mapping of PATH in this process. */
static gsize
mapping_rss_kb (const char *path)
{
  g_autofree char *smaps = NULL;
  g_auto(GStrv) lines = NULL;
  gboolean in = FALSE;

  g_assert_true (g_file_get_contents ("/proc/self/smaps", &smaps, NULL, NULL));
  lines = g_strsplit (smaps, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_suffix (lines[i], path))
        in = TRUE;
      else if (in && g_str_has_prefix (lines[i], "Rss:"))
        return (gsize) g_ascii_strtoull (lines[i] + 4, NULL, 10);
    }
  g_assert_not_reached ();
  return 0;
}

/* A display filter and a text sort over a mapped file read every frame
 * once; the file's pages must not stay resident behind them (a million
 * frames would keep the whole file in the window's memory). */
static void
test_pages_released (void)
{
  Capture *small = capture_load (1);
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "remora-test-release.pcap", NULL);
  g_autoptr(GByteArray) file = g_byte_array_new ();
  static const guint8 header[24] = { 0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                                     0xff, 0xff, 0, 0, 1, 0, 0, 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(RemoraDisplayIndex) tcp = NULL;
  g_autoptr(RemoraDisplayIndex) sorted = NULL;
  Capture *cap = g_new0 (Capture, 1);
  guint n = remora_frame_store_get_n_frames (small->store);
  gsize before;

  /* The sample's frames 4,000 times over: about 20 MB. */
  g_byte_array_append (file, header, sizeof header);
  for (guint r = 0; r < 4000; r++)
    for (guint number = 1; number <= n; number++)
      {
        const RemoraFrameRecord *rec = remora_frame_store_get_record (small->store, number);
        guint32 h[4] = { GUINT32_TO_LE (r * 30 + number / 100), 0, GUINT32_TO_LE (rec->cap_len),
                         GUINT32_TO_LE (rec->orig_len) };

        g_byte_array_append (file, (const guint8 *) h, sizeof h);
        g_byte_array_append (file, remora_frame_store_get_data (small->store, number), rec->cap_len);
      }
  g_file_set_contents (path, (const char *) file->data, file->len, &error);
  g_assert_no_error (error);
  capture_free (small);

  cap->store = store_load (path);
  capture_first_pass (cap);

  /* The first pass read all of it. */
  before = mapping_rss_kb (path);
  g_assert_cmpuint (before, >, file->len / 1024 / 2);

  tcp = remora_display_index_compute (&cap->source, "tcp", REMORA_DISPLAY_INDEX_FRAMES, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (remora_display_index_get_n_displayed (tcp), ==, 26 * 4000);
  g_test_message ("mapping resident: %zu KiB after the first pass, %zu KiB after the filter",
                  before, mapping_rss_kb (path));
  g_assert_cmpuint (mapping_rss_kb (path), <, 256);

  /* Read again, then a sort by Info reads the TCP frames once more. */
  for (guint number = 1; number <= cap->source.n_frames; number++)
    (void) *(volatile const guint8 *) remora_frame_store_get_data (cap->store, number);
  sorted = remora_display_index_sort (&cap->source, tcp, REMORA_SORT_INFO, FALSE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mapping_rss_kb (path), <, 256);

  capture_free (cap);
  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/remora/display-index/tcp-sample", test_tcp_sample);
  g_test_add_func ("/remora/display-index/other-protocols", test_other_protocols);
  g_test_add_func ("/remora/display-index/empty-filter", test_empty_filter);
  g_test_add_func ("/remora/display-index/invalid-filter", test_invalid_filter);
  g_test_add_func ("/remora/display-index/progress-and-cancel", test_progress_and_cancel);
  g_test_add_func ("/remora/display-index/async", test_async);
  g_test_add_func ("/remora/display-index/new-for-frames", test_new_for_frames);
  g_test_add_func ("/remora/display-index/pages-released", test_pages_released);

  return g_test_run ();
}
