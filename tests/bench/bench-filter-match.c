/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-bench"

#include "config.h"

#include "remora-dfilter.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "remora-capture-reader.h"
#include "remora-dissect.h"
#include "remora-dissectors.h"

/* Display-filter match cost, apart from dissection.
 *
 *   bench-filter-match CAPTURE FILTER...
 *
 * For each filter, one pass over the capture on one thread: every frame is
 * dissected once in fields mode with only the fields that filter reads (no
 * columns, no tree), then remora_dfilter_match() runs on it once, as
 * remora-cli -Y does.  Only the match call is timed, between two reads of
 * CLOCK_MONOTONIC; the cost of reading the clock itself is measured on the
 * same frames with nothing in between and subtracted.  An interval longer
 * than PREEMPTED_NS means the thread lost the CPU in it (a busy machine):
 * such samples are left out of the averages, and counted.  The dissection
 * is timed too, for scale.  Prints one line per filter:
 *
 *   filter  packets  matched  dropped  dissect ns/pkt  match ns/pkt  match Mpkt/s
 */

#define PREEMPTED_NS 20000

static inline gint64
now_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (gint64) ts.tv_sec * G_GINT64_CONSTANT (1000000000) + ts.tv_nsec;
}

typedef struct {
  guint64 packets;
  guint64 matched;
  gint64  dissect_ns;
  gint64  match_ns;     /* match calls plus one clock read each */
  guint64 match_n;
  gint64  clock_ns;     /* one clock read each, nothing else */
  guint64 clock_n;
  guint64 dropped;      /* samples left out: preempted */
} BenchResult;

static void
add_sample (gint64  *sum,
            guint64 *n,
            guint64 *dropped,
            gint64   ns)
{
  if (ns > PREEMPTED_NS)
    {
      (*dropped)++;
      return;
    }
  *sum += ns;
  (*n)++;
}

static gboolean
run_filter (const char    *path,
            RemoraDfilter *dfilter,
            BenchResult   *res,
            GError       **error)
{
  g_autoptr(RemoraSession) session = remora_session_new ();
  g_autoptr(RemoraPacket) pkt = remora_packet_new ();
  RemoraCaptureReader *reader;
  RemoraPacketRecord record;
  RemoraFrameInput input = { 0 };
  RemoraReadStatus st;
  guint32 number = 0;

  reader = remora_capture_reader_open (path, error);
  if (reader == NULL)
    return FALSE;

  /* remora-cli's single pass: no per-frame state kept */
  remora_session_set_will_revisit (session, FALSE);
  remora_packet_set_tree_mode (pkt, FALSE);
  remora_packet_set_wanted (pkt, remora_dfilter_get_wanted (dfilter));
  remora_packet_set_want_columns (pkt, FALSE);

  while ((st = remora_capture_reader_next (reader, &record, error)) == REMORA_READ_PACKET)
    {
      const RemoraInterface *iface = remora_capture_reader_get_interface (reader, record.iface_id);
      gint64 t0, t1, t2, t3;
      gboolean m;

      input.number = ++number;
      input.data = record.data;
      input.cap_len = record.cap_len;
      input.orig_len = record.orig_len;
      input.ts_ns = record.ts_ns;
      input.iface_id = record.iface_id;
      input.link_type = iface ? iface->link_type : -1;
      input.pack_flags = record.flags;

      t0 = now_ns ();
      remora_session_dissect (session, pkt, &input);
      t1 = now_ns ();
      m = remora_dfilter_match (dfilter, pkt);
      t2 = now_ns ();
      t3 = now_ns ();

      res->packets++;
      res->matched += m ? 1 : 0;
      res->dissect_ns += t1 - t0;
      add_sample (&res->match_ns, &res->match_n, &res->dropped, t2 - t1);
      add_sample (&res->clock_ns, &res->clock_n, &res->dropped, t3 - t2);
    }
  remora_capture_reader_free (reader);
  return st == REMORA_READ_EOF;
}

int
main (int   argc,
      char *argv[])
{
  if (argc < 3)
    {
      fprintf (stderr, "usage: %s CAPTURE FILTER...\n", argv[0]);
      return 2;
    }

  remora_dissectors_init ();
  printf ("%-42s %9s %9s %9s %15s %13s %13s\n", "filter", "packets", "matched", "dropped",
          "dissect ns/pkt", "match ns/pkt", "match Mpkt/s");

  for (int i = 2; i < argc; i++)
    {
      g_autoptr(RemoraDfilterError) dferror = NULL;
      g_autoptr(RemoraDfilter) dfilter = remora_dfilter_compile (argv[i], &dferror);
      g_autoptr(GError) error = NULL;
      BenchResult res = { 0 };
      double match_ns;

      if (dfilter == NULL)
        {
          fprintf (stderr, "%s: %s: %s\n", argv[0], argv[i], dferror->message);
          return 2;
        }
      if (!run_filter (argv[1], dfilter, &res, &error))
        {
          fprintf (stderr, "%s: %s: %s\n", argv[0], argv[1], error->message);
          return 1;
        }
      if (res.packets == 0 || res.match_n == 0 || res.clock_n == 0)
        {
          fprintf (stderr, "%s: %s: no packets\n", argv[0], argv[1]);
          return 1;
        }

      match_ns = (double) res.match_ns / (double) res.match_n - (double) res.clock_ns / (double) res.clock_n;
      if (match_ns < 0.1)
        match_ns = 0.1;  /* below the clock's resolution: report a bound, not a division by zero */
      printf ("%-42s %9" G_GUINT64_FORMAT " %9" G_GUINT64_FORMAT " %9" G_GUINT64_FORMAT " %15.1f %13.1f %13.1f\n",
              argv[i], res.packets, res.matched, res.dropped,
              (double) res.dissect_ns / (double) res.packets, match_ns, 1000.0 / match_ns);
      fflush (stdout);
    }
  return 0;
}
