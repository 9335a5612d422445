/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-cli"

#include "config.h"

#include "remora-cli-private.h"

#include <time.h>

/* tshark -T json: the tree as nested objects, one key per node (its
 * abbrev, or its label for text-only lines), hidden items included.  A node
 * with a value and children is written twice: "abbrev": "value" and
 * "abbrev_tree": { children }. */

static void
append_escaped (GString    *out,
                const char *str,
                gsize       len)
{
  for (gsize i = 0; i < len; i++)
    {
      guchar c = (guchar) str[i];

      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
          break;
        }
    }
}

static void
indent (GString *out,
        guint    level)
{
  for (guint i = 0; i < level; i++)
    g_string_append_c (out, ' ');
}

static void
append_key (GString    *out,
            guint       level,
            const char *key,
            gsize       len,
            const char *suffix)
{
  indent (out, level);
  g_string_append_c (out, '"');
  append_escaped (out, key, len);
  g_string_append (out, suffix);
  g_string_append (out, "\": ");
}

static void write_children (RemoraCli *cli, const RemoraPacket *pkt, RemoraItem first, guint level);

static void
write_node (RemoraCli          *cli,
            const RemoraPacket *pkt,
            RemoraItem          item,
            guint               level)
{
  const RemoraNode *node = remora_packet_get_node (pkt, item);
  const RemoraFieldInfo *info = node->field >= 0 ? remora_field_get (node->field) : NULL;
  GString *out = cli->out;
  GString *key = cli->scratch;
  gboolean has_value = info != NULL && info->type != REMORA_FT_NONE && info->type != REMORA_FT_PROTOCOL;
  gboolean has_children = node->first_child != 0;

  g_string_truncate (key, 0);
  if (info != NULL)
    g_string_append (key, info->abbrev);
  else
    {
      remora_node_format_label (pkt, item, key);
      /* The brackets of generated lines are decoration of the tree view
       * (dissectors may write them into the text themselves); tshark's
       * keys are the bare text. */
      if (key->len >= 2 &&
          key->str[0] == '[' && key->str[key->len - 1] == ']')
        {
          g_string_truncate (key, key->len - 1);
          g_string_erase (key, 0, 1);
        }
    }

  if (has_value || !has_children)
    {
      g_autoptr(GString) value = g_string_new (NULL);

      if (has_value)
        remora_format_value (info, node, REMORA_FORMAT_FIELDS, value);
      append_key (out, level, key->str, key->len, "");
      g_string_append_c (out, '"');
      append_escaped (out, value->str, value->len);
      g_string_append_c (out, '"');
      if (!has_children)
        return;
      g_string_append (out, ",\n");
    }
  append_key (out, level, key->str, key->len, has_value ? "_tree" : "");
  g_string_append (out, "{\n");
  write_children (cli, pkt, node->first_child, level + 2);
  g_string_append_c (out, '\n');
  indent (out, level);
  g_string_append_c (out, '}');
}

static void
write_children (RemoraCli          *cli,
                const RemoraPacket *pkt,
                RemoraItem          first,
                guint               level)
{
  gboolean first_written = TRUE;

  for (RemoraItem item = first; item != 0; item = remora_packet_get_node (pkt, item)->next_sibling)
    {
      if (!first_written)
        g_string_append (cli->out, ",\n");
      first_written = FALSE;
      write_node (cli, pkt, item, level);
    }
}

void
remora_cli_json_begin (RemoraCli *cli)
{
  g_string_append_c (cli->out, '[');
}

void
remora_cli_json_print (RemoraCli          *cli,
                       const RemoraPacket *pkt)
{
  GString *out = cli->out;
  time_t t = (time_t) (pkt->frame->ts_ns / 1000000000);
  struct tm tm;
  char date[32] = "1970-01-01";

  if (localtime_r (&t, &tm) != NULL)
    strftime (date, sizeof date, "%Y-%m-%d", &tm);

  g_string_append (out, cli->n_printed == 0 ? "\n" : ",\n");
  g_string_append_printf (out,
                          "  {\n"
                          "    \"_index\": \"packets-%s\",\n"
                          "    \"_type\": \"doc\",\n"
                          "    \"_score\": null,\n"
                          "    \"_source\": {\n"
                          "      \"layers\": {\n",
                          date);
  write_children (cli, pkt, remora_packet_get_first_root (pkt), 8);
  g_string_append (out, "\n      }\n    }\n  }");
  cli->n_printed++;
}

void
remora_cli_json_end (RemoraCli *cli)
{
  g_string_append (cli->out, cli->n_printed > 0 ? "\n]\n" : "]\n");
}
