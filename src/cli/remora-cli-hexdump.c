/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-cli"

#include "config.h"

#include "remora-cli-private.h"

static const char hex_digits[] = "0123456789abcdef";

/* tshark's layout: offset (4 hex digits, more when the data needs them),
 * two spaces, 16 bytes as "xx " with no middle gap, two more spaces, the
 * bytes as ASCII with '.' for anything not printable. */
void
remora_cli_hexdump (GString      *out,
                    const guint8 *data,
                    guint32       length)
{
  int digits = 4;
  char line[128];

  if (length > 0)
    {
      guint32 last = length - 1;

      while (digits < 8 && (last >> (digits * 4)) != 0)
        digits++;
    }

  for (guint32 offset = 0; offset < length; offset += 16)
    {
      guint32 n = MIN (16u, length - offset);
      gsize pos = 0;

      for (int d = digits - 1; d >= 0; d--)
        line[pos++] = hex_digits[(offset >> (d * 4)) & 0xf];
      line[pos++] = ' ';
      line[pos++] = ' ';
      for (guint32 i = 0; i < 16; i++)
        {
          if (i < n)
            {
              guint8 b = data[offset + i];

              line[pos++] = hex_digits[b >> 4];
              line[pos++] = hex_digits[b & 0xf];
            }
          else
            {
              line[pos++] = ' ';
              line[pos++] = ' ';
            }
          line[pos++] = ' ';
        }
      line[pos++] = ' ';
      line[pos++] = ' ';
      for (guint32 i = 0; i < n; i++)
        {
          guint8 b = data[offset + i];

          line[pos++] = (b >= 0x20 && b < 0x7f) ? (char) b : '.';
        }
      line[pos++] = '\n';
      g_string_append_len (out, line, pos);
    }
}

void
remora_cli_print_hex (RemoraCli          *cli,
                      const RemoraPacket *pkt)
{
  /* A single source is printed bare; with reassembled or decompressed
   * buffers each one gets its name as a heading. */
  if (pkt->n_sources <= 1)
    {
      remora_cli_hexdump (cli->out, pkt->frame->data, pkt->frame->cap_len);
      return;
    }

  for (guint i = 0; i < pkt->n_sources; i++)
    {
      const RemoraDataSource *src = &pkt->sources[i];

      if (src->name != NULL)
        g_string_append_printf (cli->out, "%s:\n", src->name);
      else if (i == 0)
        g_string_append_printf (cli->out, "Frame (%u bytes):\n", pkt->frame->cap_len);
      remora_cli_hexdump (cli->out, src->data, src->length);
    }
}
