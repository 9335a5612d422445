/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-cli"

#include "config.h"

#include "remora-cli-private.h"

#include <string.h>

#define RIGHT_ARROW " \xe2\x86\x92 "

/* tshark pads by bytes, not characters: numbers to 5, times to 10,
 * addresses to 12; source right-aligned, destination left-aligned. */
static void
append_padded (GString    *out,
               const char *str,
               gsize       len,
               gsize       width,
               gboolean    right)
{
  gsize pad = len < width ? width - len : 0;

  if (right)
    {
      for (gsize i = 0; i < pad; i++)
        g_string_append_c (out, ' ');
      g_string_append_len (out, str, len);
    }
  else
    {
      g_string_append_len (out, str, len);
      for (gsize i = 0; i < pad; i++)
        g_string_append_c (out, ' ');
    }
}

static void
append_column (RemoraCli          *cli,
               const RemoraPacket *pkt,
               RemoraCliColumn     column,
               gsize               width,
               gboolean            right)
{
  GString *s = cli->scratch;

  g_string_truncate (s, 0);
  remora_cli_column_append (cli, pkt, column, s);
  append_padded (cli->out, s->str, s->len, width, right);
}

void
remora_cli_print_summary (RemoraCli          *cli,
                          const RemoraPacket *pkt)
{
  GString *out = cli->out;

  append_column (cli, pkt, REMORA_CLI_COL_NUMBER, 5, TRUE);
  g_string_append_c (out, ' ');
  append_column (cli, pkt, REMORA_CLI_COL_TIME, 10, TRUE);
  g_string_append_c (out, ' ');
  append_column (cli, pkt, REMORA_CLI_COL_SOURCE, 12, TRUE);
  g_string_append (out, RIGHT_ARROW);
  append_column (cli, pkt, REMORA_CLI_COL_DESTINATION, 12, FALSE);
  g_string_append_c (out, ' ');
  remora_cli_column_append (cli, pkt, REMORA_CLI_COL_PROTOCOL, out);
  g_string_append_c (out, ' ');
  remora_cli_column_append (cli, pkt, REMORA_CLI_COL_LENGTH, out);
  g_string_append_c (out, ' ');
  remora_cli_column_append (cli, pkt, REMORA_CLI_COL_INFO, out);
  g_string_append_c (out, '\n');
}

static void
print_node (RemoraCli          *cli,
            const RemoraPacket *pkt,
            RemoraItem          item,
            guint               depth)
{
  for (; item != 0; item = remora_packet_get_node (pkt, item)->next_sibling)
    {
      const RemoraNode *node = remora_packet_get_node (pkt, item);

      /* Hidden items are for filters only, and so is all below them. */
      if (node->flags & REMORA_NODE_HIDDEN)
        continue;
      for (guint i = 0; i < depth; i++)
        g_string_append (cli->out, "    ");
      remora_node_format_label (pkt, item, cli->out);
      g_string_append_c (cli->out, '\n');
      if (node->first_child != 0)
        print_node (cli, pkt, node->first_child, depth + 1);
    }
}

void
remora_cli_print_tree (RemoraCli          *cli,
                       const RemoraPacket *pkt)
{
  print_node (cli, pkt, remora_packet_get_first_root (pkt), 0);
}
