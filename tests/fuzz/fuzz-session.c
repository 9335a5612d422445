/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-fuzz"

#include "config.h"

#include "fuzz-common.h"

#include "remora-frame-store.h"

#include <stdlib.h>
#include <unistd.h>

/* A whole capture file through the reader and the dissectors, the way
 * remora-cli -V and remora-cli -T fields take it: what fuzz-dissect cannot
 * reach with one frame is state across frames (TCP streams, reassembly,
 * conversations), and this target mutates sequences of frames.  Seeds are
 * the corpus files themselves.  In tree mode it plays the window: the
 * frames go into a frame store that is the session's frame source, and
 * after the first pass every frame is dissected again, last first, from
 * the records the first pass packed (reassembled PDUs rebuilt from the
 * frames). */

#define MAX_FRAMES 2000

static guint8 *all_fields;

static void
run (const uint8_t *data,
     size_t         size,
     gboolean       tree_mode)
{
  g_autoptr(RemoraCaptureReader) reader = NULL;
  g_autoptr(RemoraSession) session = NULL;
  g_autoptr(RemoraPacket) pkt = NULL;
  RemoraPacketRecord record;
  RemoraFrameInput input = { 0 };
  char path[64];
  int fd = fuzz_fd_from_bytes (data, size, FALSE);

  g_snprintf (path, sizeof path, "/proc/self/fd/%d", fd);
  reader = remora_capture_reader_open (path, NULL);
  close (fd);
  if (reader == NULL)
    return;

  session = remora_session_new ();
  /* Tree mode plays the GUI (frames kept for revisiting), fields mode the
   * single-pass CLI. */
  remora_session_set_will_revisit (session, tree_mode);
  pkt = remora_packet_new ();
  remora_packet_set_tree_mode (pkt, tree_mode);
  if (!tree_mode)
    remora_packet_set_wanted (pkt, all_fields);
  remora_packet_set_want_columns (pkt, TRUE);

  if (tree_mode)
    {
      g_autoptr(GError) error = NULL;
      RemoraFrameStore *store = remora_frame_store_new ();
      guint n;

      remora_session_set_frame_source (session, remora_frame_store_read_frame, store);
      remora_frame_store_load (store, reader, &error);
      n = MIN (remora_frame_store_get_n_frames (store), MAX_FRAMES);
      for (guint number = 1; number <= n; number++)
        {
          remora_frame_store_get_frame_input (store, number, &input);
          remora_session_dissect (session, pkt, &input);
          (void) fuzz_walk_packet (pkt);
          remora_session_mark_displayed (session, pkt);
        }
      for (guint number = n; number >= 1; number--)
        {
          remora_frame_store_get_frame_input (store, number, &input);
          remora_session_dissect (session, pkt, &input);
          (void) fuzz_walk_packet (pkt);
        }
      /* The session reads the store until it goes. */
      g_clear_pointer (&session, remora_session_free);
      remora_frame_store_free (store);
      return;
    }

  while (input.number < MAX_FRAMES &&
         remora_capture_reader_next (reader, &record, NULL) == REMORA_READ_PACKET)
    {
      const RemoraInterface *iface = remora_capture_reader_get_interface (reader, record.iface_id);

      input.number++;
      input.data = record.data;
      input.cap_len = record.cap_len;
      input.orig_len = record.orig_len;
      input.ts_ns = record.ts_ns;
      input.iface_id = record.iface_id;
      input.link_type = iface->link_type;
      input.iface_name = iface->name;
      input.iface_description = iface->description;
      input.pack_flags = record.flags;
      remora_session_dissect (session, pkt, &input);
      (void) fuzz_walk_packet (pkt);
      remora_session_mark_displayed (session, pkt);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  fuzz_init ();
  if (all_fields == NULL)
    {
      guint n = remora_field_count ();

      all_fields = g_malloc (n + 1);
      memset (all_fields, 1, n + 1);
    }
  run (data, size, TRUE);
  run (data, size, FALSE);
  return 0;
}
