/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-text-lines"

#include "config.h"

#include "remora-dissectors.h"

#include <string.h>

/* "Line-based text data": a textual body shown one tree line per text
 * line.  The caller passes the body's media type ("text/html") as DATA, or
 * NULL. */

static int proto_text_lines;

/* A gzip bomb can decode to millions of lines; the tree stops here. */
#define MAX_LINE_ITEMS 200000

static void
append_escaped_line (GString      *out,
                     const guint8 *p,
                     guint32       len)
{
  gboolean utf8 = g_utf8_validate ((const char *) p, len, NULL);

  for (guint32 i = 0; i < len; i++)
    {
      guint8 c = p[i];

      if (c == '\r')
        g_string_append (out, "\\r");
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c < 0x20 || c == 0x7f)
        g_string_append_printf (out, "\\x%02x", c);
      else if (c >= 0x80 && !utf8)
        g_string_append (out, "\xef\xbf\xbd");
      else
        g_string_append_c (out, (char) c);
    }
}

static int
dissect_text_lines (const RemoraTvb *tvb,
                    RemoraPacket    *pkt,
                    RemoraItem       tree,
                    void            *data)
{
  const char *media_type = data;
  guint32 len = remora_tvb_reported_remaining (tvb, 0);
  guint32 avail = remora_tvb_captured_remaining (tvb, 0);
  RemoraItem ti;

  if (len == 0)
    return 0;
  if (media_type != NULL)
    remora_col_append_info (pkt, " (%s)", media_type);
  ti = remora_add_protocol (pkt, tree, proto_text_lines, tvb, 0, avail);
  if (ti != 0 && pkt->tree_mode)
    {
      const guint8 *p = remora_tvb_get_ptr (tvb, 0, avail);
      g_autoptr(GString) label = g_string_new (NULL);
      guint32 off = 0, lines = 0;

      while (off < avail)
        {
          const guint8 *lf = memchr (p + off, '\n', avail - off);
          guint32 end = lf ? (guint32) (lf - p) + 1 : avail;

          if (lines < MAX_LINE_ITEMS)
            {
              g_string_truncate (label, 0);
              append_escaped_line (label, p + off, end - off);
              remora_add_text (pkt, ti, tvb, off, end - off, "%s", label->str);
            }
          else if (lines == MAX_LINE_ITEMS)
            remora_add_text (pkt, ti, tvb, off, avail - off, "[Further lines not shown]");
          lines++;
          off = end;
        }
      if (media_type != NULL)
        remora_item_set_text (pkt, ti, "Line-based text data: %s (%u lines)", media_type, lines);
      else
        remora_item_set_text (pkt, ti, "Line-based text data (%u lines)", lines);
    }
  return (int) len;
}

void
remora_register_text_lines (void)
{
  proto_text_lines = remora_proto_register ("Line-based text data", "Line-based text data", "data-text-lines");
  remora_dissector_register ("data-text-lines", proto_text_lines, dissect_text_lines);
}

void
remora_handoff_text_lines (void)
{
}
