/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-cli"

#include "config.h"

#include "remora-cli-private.h"

#include <string.h>
#include <time.h>

static const char * const column_names[REMORA_CLI_N_COLS] = {
  [REMORA_CLI_COL_NUMBER] = "_ws.col.No.",
  [REMORA_CLI_COL_TIME] = "_ws.col.Time",
  [REMORA_CLI_COL_SOURCE] = "_ws.col.Source",
  [REMORA_CLI_COL_DESTINATION] = "_ws.col.Destination",
  [REMORA_CLI_COL_PROTOCOL] = "_ws.col.Protocol",
  [REMORA_CLI_COL_LENGTH] = "_ws.col.Length",
  [REMORA_CLI_COL_INFO] = "_ws.col.Info",
};

gboolean
remora_cli_column_lookup (const char      *name,
                          RemoraCliColumn *out)
{
  for (guint i = 0; i < REMORA_CLI_N_COLS; i++)
    if (strcmp (name, column_names[i]) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

/* Number, time and length come from the frame alone; the others need the
 * dissectors to fill the columns. */
gboolean
remora_cli_column_needs_dissection (RemoraCliColumn column)
{
  return column == REMORA_CLI_COL_SOURCE || column == REMORA_CLI_COL_DESTINATION ||
         column == REMORA_CLI_COL_PROTOCOL || column == REMORA_CLI_COL_INFO;
}

static const guint32 pow10_table[10] = {
  1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000
};

/* Appends ".fff" with DIGITS decimals of NS (0 <= NS < 1e9), truncated as
 * Wireshark truncates time stamps to the capture's precision. */
static void
append_fraction (GString *out,
                 gint64   ns,
                 int      digits)
{
  char buf[16];
  guint32 v;

  if (digits <= 0)
    return;
  v = (guint32) (ns / pow10_table[9 - digits]);
  buf[0] = '.';
  for (int i = digits; i > 0; i--)
    {
      buf[i] = (char) ('0' + v % 10);
      v /= 10;
    }
  g_string_append_len (out, buf, digits + 1);
}

/* A signed duration: "-0.000056", "12.000001". */
static void
append_signed_seconds (GString *out,
                       gint64   ns,
                       int      digits)
{
  gboolean negative = ns < 0;
  guint64 abs_ns = negative ? (guint64) 0 - (guint64) ns : (guint64) ns;
  guint64 secs = abs_ns / G_GUINT64_CONSTANT (1000000000);
  gint64 frac = (gint64) (abs_ns % G_GUINT64_CONSTANT (1000000000));

  if (negative && (secs > 0 || (digits > 0 && frac / pow10_table[9 - digits] > 0)))
    g_string_append_c (out, '-');
  g_string_append_printf (out, "%" G_GUINT64_FORMAT, secs);
  append_fraction (out, frac, digits);
}

static void
append_absolute (GString             *out,
                 gint64               ns,
                 int                  digits,
                 RemoraCliTimeFormat  format)
{
  gint64 secs = ns / 1000000000;
  gint64 frac = ns % 1000000000;
  time_t t;
  struct tm tm;
  gboolean utc;
  gboolean ok;
  char buf[64];

  if (frac < 0)
    {
      frac += 1000000000;
      secs -= 1;
    }
  t = (time_t) secs;
  utc = format == REMORA_CLI_TIME_UTC || format == REMORA_CLI_TIME_UTC_YMD ||
        format == REMORA_CLI_TIME_UTC_YDOY;
  ok = utc ? gmtime_r (&t, &tm) != NULL : localtime_r (&t, &tm) != NULL;
  if (!ok)
    {
      g_string_append (out, "Not representable");
      return;
    }

  switch (format)
    {
    case REMORA_CLI_TIME_ABSOLUTE_YMD:
    case REMORA_CLI_TIME_UTC_YMD:
      strftime (buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
      break;
    case REMORA_CLI_TIME_ABSOLUTE_YDOY:
    case REMORA_CLI_TIME_UTC_YDOY:
      strftime (buf, sizeof buf, "%Y/%j %H:%M:%S", &tm);
      break;
    default:
      strftime (buf, sizeof buf, "%H:%M:%S", &tm);
      break;
    }
  g_string_append (out, buf);
  append_fraction (out, frac, digits);
}

static void
append_time (RemoraCli          *cli,
             const RemoraPacket *pkt,
             GString            *out)
{
  RemoraCliTimeFormat format = cli->options->time_format;
  int digits = cli->time_digits;

  switch (format)
    {
    case REMORA_CLI_TIME_RELATIVE:
      append_signed_seconds (out, pkt->rel_ns, digits);
      break;
    case REMORA_CLI_TIME_DELTA:
      append_signed_seconds (out, pkt->delta_ns, digits);
      break;
    case REMORA_CLI_TIME_DELTA_DISPLAYED:
      append_signed_seconds (out, pkt->delta_displayed_ns, digits);
      break;
    case REMORA_CLI_TIME_EPOCH:
      append_signed_seconds (out, pkt->frame->ts_ns, digits);
      break;
    case REMORA_CLI_TIME_ABSOLUTE:
    case REMORA_CLI_TIME_ABSOLUTE_YMD:
    case REMORA_CLI_TIME_ABSOLUTE_YDOY:
    case REMORA_CLI_TIME_UTC:
    case REMORA_CLI_TIME_UTC_YMD:
    case REMORA_CLI_TIME_UTC_YDOY:
    default:
      append_absolute (out, pkt->frame->ts_ns, digits, format);
      break;
    }
}

/* The Source / Destination columns show the network address when a layer
 * set one, the link address otherwise (ARP, non-IP frames). */
static void
append_address (const RemoraAddress *net,
                const RemoraAddress *link,
                GString             *out)
{
  char buf[64];
  const RemoraAddress *addr = net->type != REMORA_AT_NONE ? net : link;

  if (addr->type == REMORA_AT_NONE)
    return;
  g_string_append (out, remora_address_to_str (addr, buf, sizeof buf));
}

void
remora_cli_column_append (RemoraCli          *cli,
                          const RemoraPacket *pkt,
                          RemoraCliColumn     column,
                          GString            *out)
{
  switch (column)
    {
    case REMORA_CLI_COL_NUMBER:
      g_string_append_printf (out, "%u", pkt->frame->number);
      break;
    case REMORA_CLI_COL_TIME:
      append_time (cli, pkt, out);
      break;
    case REMORA_CLI_COL_SOURCE:
      append_address (&pkt->src, &pkt->dl_src, out);
      break;
    case REMORA_CLI_COL_DESTINATION:
      append_address (&pkt->dst, &pkt->dl_dst, out);
      break;
    case REMORA_CLI_COL_PROTOCOL:
      if (pkt->col_protocol != NULL)
        g_string_append (out, pkt->col_protocol);
      break;
    case REMORA_CLI_COL_LENGTH:
      g_string_append_printf (out, "%u", pkt->frame->orig_len);
      break;
    case REMORA_CLI_COL_INFO:
      if (pkt->col_info != NULL)
        g_string_append_len (out, pkt->col_info->str, pkt->col_info->len);
      break;
    case REMORA_CLI_N_COLS:
    default:
      g_assert_not_reached ();
    }
}
