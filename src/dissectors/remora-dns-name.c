/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-dns"

#include "config.h"

#include "remora-dns-name.h"

#include "remora-packet.h"

static void
set_placeholder (RemoraDnsName       *out,
                 RemoraDnsNameStatus  status,
                 const char          *text)
{
  out->status = status;
  out->text_len = (guint32) g_strlcpy (out->text, text, sizeof out->text);
  out->raw_len = out->text_len;
  out->labels = 1;
}

/* Turns the raw wire characters into the text Wireshark displays. */
static void
escape_raw (const guint8  *raw,
            guint32        len,
            RemoraDnsName *out)
{
  char *p = out->text;
  guint32 i = 0;

  while (i < len)
    {
      guint8 c = raw[i];

      if (c >= 0x20 && c < 0x7f)
        {
          *p++ = (char) c;
          i++;
        }
      else if (c < 0x80)
        {
          static const char c_escapes[] = "abtnvfr";

          *p++ = '\\';
          if (c >= 7 && c <= 13)
            *p++ = c_escapes[c - 7];
          else
            {
              *p++ = (char) ('0' + (c >> 6));
              *p++ = (char) ('0' + ((c >> 3) & 7));
              *p++ = (char) ('0' + (c & 7));
            }
          i++;
        }
      else
        {
          gunichar uc = g_utf8_get_char_validated ((const char *) raw + i, len - i);

          if (uc == (gunichar) -1 || uc == (gunichar) -2)
            {
              memcpy (p, "\xef\xbf\xbd", 3);
              p += 3;
              i++;
            }
          else
            {
              guint32 n = (guint32) g_unichar_to_utf8 (uc, NULL);

              memcpy (p, raw + i, n);
              p += n;
              i += n;
            }
        }
    }
  *p = '\0';
  out->text_len = (guint32) (p - out->text);
}

void
remora_dns_name_read (const RemoraTvb *msg,
                      guint32          offset,
                      guint32         *budget,
                      RemoraDnsName   *out)
{
  guint8 raw[REMORA_DNS_NAME_MAX + 1];
  guint32 raw_len = 0;
  guint32 pos = offset;
  guint32 processed = 0;
  guint32 limit = MAX (msg->reported, msg->captured);
  /* A name is read once per question and record, so its cost must not
   * grow with the message for long: the labels and pointers it reaches
   * through pointers count against the message's BUDGET, and once that is
   * spent against a bound per name: a message can hold tens of thousands of names pointing
   * at one long label chain (or at a loop through labels), which would cost
   * the square of the message.  Until then names are walked to their end
   * as tshark walks them (a chain running off the message is malformed).
   * The name's own bytes are always walked to their end: they are the
   * record's, so no byte is walked twice that way, and where the name ends
   * decides where the record goes on. */
  guint32 max_walk = MIN (limit, REMORA_DNS_NAME_MAX_WALK);
  gboolean jumped = FALSE, too_long = FALSE;

  out->used = 0;
  out->status = REMORA_DNS_NAME_OK;

  for (;;)
    {
      guint8 len;

      if (jumped && budget != NULL && *budget > 0)
        (*budget)--;
      else if (jumped && processed > max_walk)
        {
          /* Labels went on past any valid name: too long, unless only
           * pointers can have made the walk this long. */
          if (too_long)
            set_placeholder (out, REMORA_DNS_NAME_TOO_LONG, "<Name too long>");
          else
            set_placeholder (out, REMORA_DNS_NAME_LOOP, "<Name contains a pointer that loops>");
          return;
        }
      len = remora_tvb_get_u8 (msg, pos);

      processed++;
      if (!jumped)
        out->used++;
      pos++;

      if (len == 0)
        break;

      switch (len & 0xc0)
        {
        case 0x00:
          {
            const guint8 *label = remora_tvb_get_ptr (msg, pos, len);

            processed += len;
            if (!jumped)
              out->used += len;
            pos += len;
            if (too_long)
              break;
            if (raw_len + (raw_len > 0) + len > REMORA_DNS_NAME_MAX)
              {
                too_long = TRUE;
                break;
              }
            if (raw_len > 0)
              raw[raw_len++] = '.';
            memcpy (raw + raw_len, label, len);
            raw_len += len;
          }
          break;

        case 0x40:
          if (len == 0x41)
            {
              /* An (obsolete) bit-string label: skipped over, not shown. */
              int bits = remora_tvb_get_u8 (msg, pos);
              /* Wireshark's arithmetic, under which a count of 0 takes one byte */
              guint32 bytes = (guint32) ((bits - 1) / 8 + 1);

              remora_tvb_ensure (msg, pos + 1, bytes);
              processed += 1 + bytes;
              if (!jumped)
                out->used += 1 + bytes;
              pos += 1 + bytes;
              break;
            }
          set_placeholder (out, REMORA_DNS_NAME_EXT_LABEL, "<Unknown extended label>");
          return;

        case 0x80:
          remora_throw_malformed (msg->pkt);

        default:
          {
            guint32 target = (guint32) (len & 0x3f) << 8 | remora_tvb_get_u8 (msg, pos);

            processed++;
            if (!jumped)
              out->used++;
            jumped = TRUE;
            /* Without a loop no byte is read twice, so a walk longer than
             * the message has gone round (Wireshark's test too: a chain
             * of pointers that ends is followed to its end). */
            if (processed > limit)
              {
                set_placeholder (out, REMORA_DNS_NAME_LOOP, "<Name contains a pointer that loops>");
                return;
              }
            pos = target;
          }
          break;
        }
    }

  if (too_long)
    set_placeholder (out, REMORA_DNS_NAME_TOO_LONG, "<Name too long>");
  else if (raw_len == 0)
    set_placeholder (out, REMORA_DNS_NAME_ROOT, "<Root>");
  else
    {
      guint16 dots = 0;

      escape_raw (raw, raw_len, out);
      for (guint32 i = 0; i < out->text_len; i++)
        dots += out->text[i] == '.';
      out->raw_len = raw_len;
      out->labels = dots + 1;
    }
}
