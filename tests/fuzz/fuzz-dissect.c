/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-fuzz"

#include "config.h"

#include "fuzz-common.h"

#include <stdlib.h>

/* One frame through the dissectors.  Input: byte 0 picks the link type
 * (index into fuzz_link_types), byte 1 the mode, the rest is the frame.
 *
 * Mode bits: 0 tree mode (else fields mode), 1 columns, 2 fields mode
 * records every field (else none, the cheapest path), 3 orig_len is
 * reported larger than the bytes (a snaplen cut), 4 single-pass session.
 *
 * The frame is dissected as frame 1, again as frame 2 of the same session
 * (so conversation state sees a second packet: retransmissions, duplicate
 * streams), and then frame 1 once more as the GUI does when a row is
 * selected (pkt->visited), unless the session is single-pass. */

static guint8 *all_fields;

static void
dissect (RemoraSession    *session,
         RemoraPacket     *pkt,
         RemoraFrameInput *input,
         guint32           number)
{
  input->number = number;
  input->ts_ns = 1700000000000000000 + (gint64) number * 1000;
  remora_session_dissect (session, pkt, input);
  if (pkt->n_sources == 0 || pkt->n_sources > REMORA_MAX_SOURCES)
    abort ();
  (void) fuzz_walk_packet (pkt);
  remora_session_mark_displayed (session, pkt);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(RemoraSession) session = NULL;
  g_autoptr(RemoraPacket) pkt = NULL;
  RemoraFrameInput input = { 0 };
  guint8 mode;

  if (size < 2 || size - 2 > REMORA_MAX_PACKET_SIZE)
    return 0;
  fuzz_init ();
  if (all_fields == NULL)
    {
      guint n = remora_field_count ();

      all_fields = g_malloc (n + 1);
      memset (all_fields, 1, n + 1);
    }

  mode = data[1];
  input.link_type = fuzz_link_types[data[0] % fuzz_n_link_types];
  /* A private copy sized exactly, so ASan sees any read past the frame. */
  input.data = memcpy (g_malloc (MAX (size - 2, 1)), data + 2, size - 2);
  input.cap_len = (guint32) (size - 2);
  input.orig_len = input.cap_len + ((mode & 8) ? 1000 : 0);
  input.iface_name = "fuzz0";

  session = remora_session_new ();
  remora_session_set_will_revisit (session, !(mode & 16));
  pkt = remora_packet_new ();
  remora_packet_set_tree_mode (pkt, mode & 1);
  if (!(mode & 1) && (mode & 4))
    remora_packet_set_wanted (pkt, all_fields);
  remora_packet_set_want_columns (pkt, (mode & 2) != 0);

  dissect (session, pkt, &input, 1);
  dissect (session, pkt, &input, 2);
  if (!(mode & 16))
    {
      input.has_prev_times = TRUE;
      input.prev_cap_ts_ns = input.prev_dis_ts_ns = 1700000000000000000;
      dissect (session, pkt, &input, 1);
    }

  g_clear_pointer (&pkt, remora_packet_free);
  g_clear_pointer (&session, remora_session_free);
  g_free ((gpointer) input.data);
  return 0;
}
