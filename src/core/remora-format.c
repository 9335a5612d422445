/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-format"

#include "config.h"

#include "remora-format.h"

#include <arpa/inet.h>
#include <sys/socket.h>
#include <string.h>
#include <time.h>

void
remora_format_ipv4 (guint32  a,
                    GString *out)
{
  g_string_append_printf (out, "%u.%u.%u.%u", a >> 24, (a >> 16) & 0xff, (a >> 8) & 0xff, a & 0xff);
}

void
remora_format_ipv6 (const guint8 *addr,
                    GString      *out)
{
  char buf[INET6_ADDRSTRLEN];

  /* libc's RFC 5952 text form, the one every other tool prints */
  g_string_append (out, inet_ntop (AF_INET6, addr, buf, sizeof buf));
}

void
remora_format_ether (const guint8 *a,
                     GString      *out)
{
  g_string_append_printf (out, "%02x:%02x:%02x:%02x:%02x:%02x", a[0], a[1], a[2], a[3], a[4], a[5]);
}

void
remora_format_ether_label (const guint8 *a,
                           GString      *out)
{
  static const guint8 broadcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

  if (memcmp (a, broadcast, 6) == 0)
    g_string_append (out, "Broadcast");
  else
    remora_format_ether (a, out);
  g_string_append (out, " (");
  remora_format_ether (a, out);
  g_string_append_c (out, ')');
}

void
remora_format_abs_time (gint64   ns,
                        gboolean utc,
                        GString *out)
{
  static const char *const months[] = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
  };
  time_t secs = (time_t) (ns >= 0 ? ns / 1000000000 : (ns - 999999999) / 1000000000);
  gint64 frac = ns - (gint64) secs * 1000000000;
  struct tm tm;
  char zone[64] = "";

  if (utc ? gmtime_r (&secs, &tm) == NULL : localtime_r (&secs, &tm) == NULL)
    {
      g_string_append (out, "Not representable");
      return;
    }
  if (utc)
    g_strlcpy (zone, "UTC", sizeof zone);
  else
    strftime (zone, sizeof zone, "%Z", &tm);
  g_string_append_printf (out, "%s %2d, %d %02d:%02d:%02d.%09" G_GINT64_FORMAT " %s",
                          months[tm.tm_mon], tm.tm_mday, tm.tm_year + 1900,
                          tm.tm_hour, tm.tm_min, tm.tm_sec, frac, zone);
}

void
remora_format_rel_time (gint64   ns,
                        GString *out)
{
  guint64 mag = ns < 0 ? (guint64) -(ns + 1) + 1 : (guint64) ns;

  g_string_append_printf (out, "%s%" G_GUINT64_FORMAT ".%09" G_GUINT64_FORMAT,
                          ns < 0 ? "-" : "", mag / 1000000000, mag % 1000000000);
}

static guint
hex_digits (const RemoraFieldInfo *info,
            gboolean               for_label)
{
  /* tshark pads hex to the field's width in -T fields, but to the width of
   * the bitmask in a tree label ("Flags: 0x002" for a 12-bit mask). */
  if (for_label && info->bitmask)
    {
      guint64 m = info->bitmask >> info->bitshift;
      guint bits = 64 - (guint) __builtin_clzll (m);
      return (bits + 3) / 4;
    }
  return MAX (remora_field_type_width (info->type) * 2, 1);
}

static void
format_unsigned (const RemoraFieldInfo *info,
                 guint64                v,
                 gboolean               for_label,
                 GString               *out)
{
  guint digits = hex_digits (info, for_label);

  switch (info->base & REMORA_BASE_SPECIAL_MASK)
    {
    case REMORA_BASE_HEX:
      g_string_append_printf (out, "0x%0*" G_GINT64_MODIFIER "x", digits, v);
      break;
    case REMORA_BASE_HEX_DEC:
      if (for_label)
        g_string_append_printf (out, "0x%0*" G_GINT64_MODIFIER "x (%" G_GUINT64_FORMAT ")", digits, v, v);
      else
        g_string_append_printf (out, "0x%0*" G_GINT64_MODIFIER "x", digits, v);
      break;
    case REMORA_BASE_DEC_HEX:
      if (for_label)
        g_string_append_printf (out, "%" G_GUINT64_FORMAT " (0x%0*" G_GINT64_MODIFIER "x)", v, digits, v);
      else
        g_string_append_printf (out, "%" G_GUINT64_FORMAT, v);
      break;
    case REMORA_BASE_OCT:
      g_string_append_printf (out, "0%" G_GINT64_MODIFIER "o", v);
      break;
    default:
      g_string_append_printf (out, "%" G_GUINT64_FORMAT, v);
      break;
    }
}

static void
format_bytes (const guint8 *p,
              guint32       len,
              guint32       limit,
              GString      *out)
{
  static const char hex[] = "0123456789abcdef";
  guint32 n = limit && len > limit ? limit : len;

  for (guint32 i = 0; i < n; i++)
    {
      g_string_append_c (out, hex[p[i] >> 4]);
      g_string_append_c (out, hex[p[i] & 15]);
    }
  if (n < len)
    g_string_append (out, "…");
}

/* Printable ASCII as is, everything else escaped as Wireshark shows it. */
static void
format_string_display (const guint8 *p,
                       guint32       len,
                       GString      *out)
{
  if (g_utf8_validate ((const char *) p, len, NULL))
    {
      for (guint32 i = 0; i < len; i++)
        {
          guint8 c = p[i];

          if (c == '\n')
            g_string_append (out, "\\n");
          else if (c == '\r')
            g_string_append (out, "\\r");
          else if (c == '\t')
            g_string_append (out, "\\t");
          else if (c < 0x20 || c == 0x7f)
            g_string_append_printf (out, "\\x%02x", c);
          else
            g_string_append_c (out, (char) c);
        }
      return;
    }
  for (guint32 i = 0; i < len; i++)
    {
      if (p[i] >= 0x20 && p[i] < 0x7f)
        g_string_append_c (out, (char) p[i]);
      else
        g_string_append (out, "\xef\xbf\xbd");  /* U+FFFD, as invalid UTF-8 is shown */
    }
}

void
remora_format_value (const RemoraFieldInfo *info,
                     const RemoraNode      *node,
                     RemoraFormatStyle      style,
                     GString               *out)
{
  const RemoraValue *v = &node->value;
  gboolean label = style == REMORA_FORMAT_DISPLAY;

  switch (info->type)
    {
    case REMORA_FT_NONE:
      /* a marker field (tcp.analysis.flags) has no value; tshark's -T
       * fields prints its presence as 1 */
      if (style == REMORA_FORMAT_FIELDS)
        g_string_append_c (out, '1');
      break;

    case REMORA_FT_PROTOCOL:
    case REMORA_FT_N_TYPES:
      break;

    case REMORA_FT_BOOLEAN:
      if (style == REMORA_FORMAT_DISPLAY)
        {
          const RemoraTrueFalse *tf = info->strings;

          if (tf == NULL)
            tf = info->bitmask ? &remora_tfs_set_notset : &remora_tfs_true_false;
          g_string_append (out, v->u ? tf->true_string : tf->false_string);
        }
      else
        g_string_append_c (out, v->u ? '1' : '0');
      break;

    case REMORA_FT_CHAR:
    case REMORA_FT_UINT8:
    case REMORA_FT_UINT16:
    case REMORA_FT_UINT24:
    case REMORA_FT_UINT32:
    case REMORA_FT_UINT40:
    case REMORA_FT_UINT48:
    case REMORA_FT_UINT56:
    case REMORA_FT_UINT64:
    case REMORA_FT_FRAMENUM:
      if (label && info->strings && !(info->base & REMORA_BASE_UNIT_STRING))
        {
          const char *name = remora_field_value_name (info, v->u);
          RemoraFieldInfo plain = *info;

          /* "IPv4 (0x0800)": the name, then the raw value in the base alone */
          if ((plain.base & REMORA_BASE_SPECIAL_MASK) == REMORA_BASE_HEX_DEC)
            plain.base = REMORA_BASE_HEX;
          else if ((plain.base & REMORA_BASE_SPECIAL_MASK) == REMORA_BASE_DEC_HEX)
            plain.base = REMORA_BASE_DEC;
          /* BASE_NONE with names (a status, a verdict): the name alone */
          if ((info->base & REMORA_BASE_SPECIAL_MASK) == REMORA_BASE_NONE && name != NULL)
            {
              g_string_append (out, name);
              break;
            }
          g_string_append (out, name ? name : "Unknown");
          g_string_append (out, " (");
          format_unsigned (&plain, v->u, TRUE, out);
          g_string_append_c (out, ')');
        }
      else
        {
          format_unsigned (info, v->u, label, out);
          if (label && (info->base & REMORA_BASE_UNIT_STRING) && info->strings)
            {
              const RemoraUnitString *unit = info->strings;
              g_string_append (out, v->u == 1 || unit->plural == NULL ? unit->singular : unit->plural);
            }
        }
      break;

    case REMORA_FT_INT8:
    case REMORA_FT_INT16:
    case REMORA_FT_INT24:
    case REMORA_FT_INT32:
    case REMORA_FT_INT64:
      if (label && info->strings && !(info->base & REMORA_BASE_UNIT_STRING))
        {
          const char *name = remora_field_value_name (info, (guint64) v->i);
          g_string_append_printf (out, "%s (%" G_GINT64_FORMAT ")", name ? name : "Unknown", v->i);
        }
      else
        {
          g_string_append_printf (out, "%" G_GINT64_FORMAT, v->i);
          if (label && (info->base & REMORA_BASE_UNIT_STRING) && info->strings)
            {
              const RemoraUnitString *unit = info->strings;
              g_string_append (out, v->i == 1 || unit->plural == NULL ? unit->singular : unit->plural);
            }
        }
      break;

    case REMORA_FT_FLOAT:
    case REMORA_FT_DOUBLE:
      {
        char buf[G_ASCII_DTOSTR_BUF_SIZE];
        g_string_append (out, g_ascii_formatd (buf, sizeof buf, info->type == REMORA_FT_FLOAT ? "%.9g" : "%.15g", v->d));
      }
      break;

    case REMORA_FT_ABSOLUTE_TIME:
      if (v->ns == REMORA_TIME_NULL)
        {
          g_string_append (out, "NULL");
          break;
        }
      remora_format_abs_time (v->ns, info->base == REMORA_ABSOLUTE_TIME_UTC, out);
      break;

    case REMORA_FT_RELATIVE_TIME:
      remora_format_rel_time (v->ns, out);
      if (label)
        g_string_append (out, " seconds");
      break;

    case REMORA_FT_STRING:
    case REMORA_FT_STRINGZ:
      if (style == REMORA_FORMAT_FIELDS)
        {
          /* tshark's -T fields keeps a value on its line: tab, CR and LF
           * are written as \t \r \n, every other byte as is */
          for (guint32 i = 0; i < v->bytes.len; i++)
            {
              guint8 c = v->bytes.ptr[i];

              if (c == '\t')
                g_string_append (out, "\\t");
              else if (c == '\r')
                g_string_append (out, "\\r");
              else if (c == '\n')
                g_string_append (out, "\\n");
              else
                g_string_append_c (out, (char) c);
            }
        }
      else if (style == REMORA_FORMAT_FILTER)
        {
          g_string_append_c (out, '"');
          for (guint32 i = 0; i < v->bytes.len; i++)
            {
              guint8 c = v->bytes.ptr[i];
              if (c == '"' || c == '\\')
                g_string_append_printf (out, "\\%c", c);
              else if (c < 0x20 || c >= 0x7f)
                g_string_append_printf (out, "\\x%02x", c);
              else
                g_string_append_c (out, (char) c);
            }
          g_string_append_c (out, '"');
        }
      else
        format_string_display (v->bytes.ptr, v->bytes.len, out);
      break;

    case REMORA_FT_BYTES:
      if (style == REMORA_FORMAT_FILTER)
        {
          for (guint32 i = 0; i < v->bytes.len; i++)
            g_string_append_printf (out, i ? ":%02x" : "%02x", v->bytes.ptr[i]);
        }
      else
        format_bytes (v->bytes.ptr, v->bytes.len, label ? 36 : 0, out);
      break;

    case REMORA_FT_ETHER:
      if (label)
        remora_format_ether_label (v->addr, out);
      else
        remora_format_ether (v->addr, out);
      break;

    case REMORA_FT_IPv4:
      remora_format_ipv4 ((guint32) v->u, out);
      break;

    case REMORA_FT_IPv6:
      remora_format_ipv6 (v->addr, out);
      break;
    }
}
