/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What a user sees of a dissected frame, as one string: the Protocol and
 * Info columns, then every label of the tree, one per line.  Tests that dissect frames
 * again (in another order, after other frames) compare these. */

#include "remora-dissect.h"
#include "remora-packet-private.h"

static inline char *
packet_shown_text (RemoraPacket *pkt)
{
  GString *out = g_string_new (NULL);

  g_string_printf (out, "%s: %s", pkt->col_protocol != NULL ? pkt->col_protocol : "",
                   pkt->col_info != NULL ? pkt->col_info->str : "");

  for (guint i = 1; i <= remora_packet_get_n_nodes (pkt); i++)
    {
      g_string_append_c (out, '\n');
      remora_node_format_label (pkt, i, out);
    }
  return g_string_free (out, FALSE);
}
