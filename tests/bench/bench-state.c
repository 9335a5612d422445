/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-bench"

#include "config.h"

#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "remora-capture-reader.h"
#include "remora-dissect.h"
#include "remora-dissectors.h"
#include "remora-frame-store.h"
#include "remora-packet-private.h"

/* What the window keeps per packet, without the window.
 *
 *   bench-state CAPTURE
 *   bench-state --dump CAPTURE > TEXT
 *
 * Reads CAPTURE into a frame store and runs the first pass over it the way
 * the application's loading worker does (a session that will revisit
 * frames, so every dissector keeps what redissecting a row later needs),
 * releasing the mapped file's pages behind the read position.  Then it
 * dissects every frame a second time, as a display filter does, to check
 * that the kept state suffices without growing.  Prints the heap in use
 * (mallinfo2) and the process's anonymous memory after each step, per
 * packet, so that a change to what a dissector keeps shows up as a number.
 *
 * With --dump it prints, instead, what the second dissection of every frame
 * shows in the window: the whole tree (hidden items too, marked), the Info
 * column, and each data source with a checksum of its bytes.  Two builds'
 * dumps over the corpus must be equal when a change to the kept state is
 * meant to change nothing a user sees. */

static void
dump_nodes (const RemoraPacket *pkt,
            RemoraItem          item,
            guint               depth,
            GString            *out)
{
  for (; item != 0; item = remora_packet_get_node (pkt, item)->next_sibling)
    {
      const RemoraNode *node = remora_packet_get_node (pkt, item);

      for (guint i = 0; i < depth; i++)
        g_string_append (out, "  ");
      if (node->flags & REMORA_NODE_HIDDEN)
        g_string_append (out, "(hidden) ");
      remora_node_format_label (pkt, item, out);
      g_string_append_printf (out, " [%u:%u+%u]\n", node->source, node->start, node->length);
      if (node->first_child != 0)
        dump_nodes (pkt, node->first_child, depth + 1, out);
    }
}

static void
dump_frame (const RemoraPacket *pkt,
            guint               number,
            GString            *out)
{
  g_string_truncate (out, 0);
  g_string_append_printf (out, "=== %u: %s\n", number, pkt->col_info != NULL ? pkt->col_info->str : "");
  for (guint i = 0; i < pkt->n_sources; i++)
    {
      g_autofree char *sum = g_compute_checksum_for_data (G_CHECKSUM_MD5, pkt->sources[i].data,
                                                          pkt->sources[i].length);
      g_string_append_printf (out, "source %u %s %s\n", i, pkt->sources[i].name, sum);
    }
  dump_nodes (pkt, remora_packet_get_first_root (pkt), 0, out);
  fwrite (out->str, 1, out->len, stdout);
}

static gsize
heap_in_use (void)
{
  struct mallinfo2 mi = mallinfo2 ();

  return mi.uordblks + mi.hblkhd;
}

static gsize
status_kb (const char *key)
{
  g_autofree char *text = NULL;
  const char *p;

  if (!g_file_get_contents ("/proc/self/status", &text, NULL, NULL))
    return 0;
  p = strstr (text, key);
  return p != NULL ? (gsize) g_ascii_strtoull (p + strlen (key) + 1, NULL, 10) : 0;
}

static void
report (const char *step,
        guint       n,
        gsize       heap0,
        gsize       anon0)
{
  gsize heap = heap_in_use ();
  gsize anon = status_kb ("RssAnon:") * 1024;

  printf ("%-28s heap %8.1f B/packet   anon %8.1f B/packet   (heap %zu KiB, anon %zu KiB, file pages %zu KiB)\n",
          step, n ? (double) (heap - heap0) / n : 0.0, n ? (double) (anon - anon0) / n : 0.0,
          heap / 1024, anon / 1024, status_kb ("RssFile:"));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(RemoraCaptureReader) reader = NULL;
  g_autoptr(RemoraPacket) pkt = NULL;
  g_autoptr(GError) error = NULL;
  RemoraFrameStore *store;
  RemoraSession *session;
  RemoraPacketRecord rec;
  gsize heap0, anon0;
  guint n;

  gboolean dump = argc == 3 && g_str_equal (argv[1], "--dump");
  g_autoptr(GString) text = g_string_new (NULL);

  if (argc != 2 && !dump)
    {
      fprintf (stderr, "usage: bench-state [--dump] CAPTURE\n");
      return 2;
    }
  if (dump)
    argv++;

  remora_dissectors_init ();
  pkt = remora_packet_new ();
  heap0 = heap_in_use ();
  anon0 = status_kb ("RssAnon:") * 1024;

  reader = remora_capture_reader_open (argv[1], &error);
  if (reader == NULL)
    {
      fprintf (stderr, "bench-state: %s\n", error->message);
      return 1;
    }
  remora_capture_reader_set_release_behind (reader, TRUE);
  store = remora_frame_store_new ();
  session = remora_session_new ();
  remora_session_set_frame_source (session, remora_frame_store_read_frame, store);
  if (remora_capture_reader_get_mapped_file (reader) != NULL)
    remora_frame_store_set_mapped_file (store, remora_capture_reader_get_mapped_file (reader));

  while (remora_capture_reader_next (reader, &rec, &error) == REMORA_READ_PACKET)
    {
      RemoraFrameInput input;
      guint number;

      while (remora_frame_store_get_n_interfaces (store) < remora_capture_reader_get_n_interfaces (reader))
        remora_frame_store_add_interface (store,
                                          remora_capture_reader_get_interface (reader,
                                                                               remora_frame_store_get_n_interfaces (store)));
      number = remora_frame_store_append (store, &rec);
      if (number == 0)
        break;
      remora_frame_store_get_frame_input (store, number, &input);
      remora_session_dissect (session, pkt, &input);
      remora_session_mark_displayed (session, pkt);
    }
  if (error != NULL)
    fprintf (stderr, "bench-state: %s\n", error->message);

  n = remora_frame_store_get_n_frames (store);
  if (dump)
    {
      remora_packet_set_tree_mode (pkt, TRUE);
      remora_packet_set_want_columns (pkt, TRUE);
      for (guint i = 1; i <= n; i++)
        {
          RemoraFrameInput input;

          remora_frame_store_get_frame_input (store, i, &input);
          remora_session_dissect (session, pkt, &input);
          dump_frame (pkt, i, text);
        }
      remora_session_free (session);
      remora_frame_store_free (store);
      return 0;
    }

  printf ("%u packets\n", n);
  printf ("%-28s %8.1f B/packet\n", "frame store", (double) remora_frame_store_get_memory_size (store) / MAX (n, 1));
  report ("after the first pass", n, heap0, anon0);

  for (guint i = 1; i <= n; i++)
    {
      RemoraFrameInput input;

      remora_frame_store_get_frame_input (store, i, &input);
      remora_session_dissect (session, pkt, &input);
    }
  report ("after dissecting all again", n, heap0, anon0);
  printf ("%-28s %zu KiB\n", "peak RSS (VmHWM)", status_kb ("VmHWM:"));

  remora_session_free (session);
  remora_frame_store_free (store);
  return 0;
}
