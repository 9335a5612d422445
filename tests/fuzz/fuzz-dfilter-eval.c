/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-fuzz"

#include "config.h"

#include "fuzz-common.h"

#include <stdio.h>
#include <stdlib.h>

#include "remora-dfilter.h"

/* Filter text compiled, then matched against a fixed set of frames (the
 * repository's sample capture unless REMORA_FUZZ_FRAMES names another).
 *
 * Each frame is matched twice: against a tree-mode dissection made once at
 * start-up (every field recorded), and against a fields-mode dissection
 * recording only what the filter asks for, which is what remora-cli -Y
 * does.  The two verdicts must agree: a filter that reads a field it did
 * not declare as wanted would otherwise pass or fail silently. */

#ifndef REMORA_FUZZ_FRAMES
#define REMORA_FUZZ_FRAMES "data/sample/http-dns.pcap"
#endif
#define MAX_FRAMES 64

typedef struct {
  RemoraFrameInput input;
  RemoraPacket    *tree;      /* tree-mode dissection, kept */
} Frame;

static Frame frames[MAX_FRAMES];
static guint n_frames;
static RemoraSession *tree_session;

static void
load_frames (void)
{
  const char *path = g_getenv ("REMORA_FUZZ_FRAMES");
  g_autoptr(RemoraCaptureReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  RemoraPacketRecord record;

  if (path == NULL)
    path = REMORA_FUZZ_FRAMES;
  reader = remora_capture_reader_open (path, &error);
  if (reader == NULL)
    {
      fprintf (stderr, "fuzz-dfilter-eval: %s\n", error->message);
      exit (1);
    }
  tree_session = remora_session_new ();
  while (n_frames < MAX_FRAMES &&
         remora_capture_reader_next (reader, &record, NULL) == REMORA_READ_PACKET)
    {
      Frame *f = &frames[n_frames];
      const RemoraInterface *iface = remora_capture_reader_get_interface (reader, record.iface_id);

      f->input.number = ++n_frames;
      f->input.data = g_memdup2 (record.data, MAX (record.cap_len, 1));
      f->input.cap_len = record.cap_len;
      f->input.orig_len = record.orig_len;
      f->input.ts_ns = record.ts_ns;
      f->input.iface_id = record.iface_id;
      f->input.link_type = iface->link_type;
      f->input.pack_flags = record.flags;
      f->tree = remora_packet_new ();
      remora_packet_set_tree_mode (f->tree, TRUE);
      remora_packet_set_want_columns (f->tree, TRUE);
      remora_session_dissect (tree_session, f->tree, &f->input);
      remora_session_mark_displayed (tree_session, f->tree);
    }
  if (n_frames == 0)
    {
      fprintf (stderr, "fuzz-dfilter-eval: no frames in %s\n", path);
      exit (1);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static RemoraPacket *pkt;
  static guint8 *wanted;
  g_autofree char *text = NULL;
  g_autoptr(RemoraDfilter) dfilter = NULL;
  g_autoptr(RemoraSession) session = NULL;
  guint n_fields;

  fuzz_init ();
  if (n_frames == 0)
    load_frames ();
  n_fields = remora_field_count ();
  if (pkt == NULL)
    {
      pkt = remora_packet_new ();
      wanted = g_malloc0 (n_fields + 1);
    }

  text = g_strndup ((const char *) data, size);
  dfilter = remora_dfilter_compile (text, NULL);
  if (dfilter == NULL)
    return 0;

  memcpy (wanted, remora_dfilter_get_wanted (dfilter), n_fields);
  remora_packet_set_wanted (pkt, wanted);
  session = remora_session_new ();
  remora_session_set_will_revisit (session, FALSE);

  for (guint i = 0; i < n_frames; i++)
    {
      gboolean in_tree = remora_dfilter_match (dfilter, frames[i].tree);
      gboolean in_fields;

      remora_session_dissect (session, pkt, &frames[i].input);
      in_fields = remora_dfilter_match (dfilter, pkt);
      if (in_fields)
        remora_session_mark_displayed (session, pkt);
      /* frame.time_delta_displayed depends on which frames passed, and the
       * tree-mode pass marked them all; leave filters on it out. */
      if (in_tree != in_fields && strstr (text, "displayed") == NULL)
        {
          fprintf (stderr, "fuzz-dfilter-eval: frame %u: tree mode says %d, fields mode %d "
                   "for the filter \"%s\"\n", frames[i].input.number, in_tree, in_fields, text);
          abort ();
        }
    }
  return 0;
}
