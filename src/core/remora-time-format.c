/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-format"

#include "config.h"

#include "remora-time-format.h"

#include <time.h>

#define NS_PER_SEC G_GINT64_CONSTANT (1000000000)

static const guint32 pow10_table[10] = {
  1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000
};

gboolean
remora_time_format_is_relative (RemoraTimeFormat format)
{
  return format == REMORA_TIME_FORMAT_RELATIVE ||
         format == REMORA_TIME_FORMAT_DELTA ||
         format == REMORA_TIME_FORMAT_DELTA_DISPLAYED;
}

int
remora_time_format_digits (guint64 ts_units)
{
  int digits = 0;

  if (ts_units == 0)
    ts_units = 1000000;
  while (ts_units >= 10 && digits < 9)
    {
      ts_units /= 10;
      digits++;
    }
  return digits;
}

/* ".fff": DIGITS decimals of FRAC_NS (0 <= FRAC_NS < 1e9), cut, not rounded. */
static void
append_fraction (GString *out,
                 guint64  frac_ns,
                 int      digits)
{
  if (digits <= 0)
    return;
  g_string_append_printf (out, ".%0*" G_GUINT64_FORMAT, digits,
                          frac_ns / pow10_table[9 - digits]);
}

/* A signed duration; "-0.000000" never shows, the sign only when a
 * printed digit is not zero. */
static void
append_seconds (GString *out,
                gint64   ns,
                int      digits)
{
  guint64 abs_ns = ns < 0 ? (guint64) 0 - (guint64) ns : (guint64) ns;
  guint64 secs = abs_ns / NS_PER_SEC;
  guint64 frac = abs_ns % NS_PER_SEC;

  if (ns < 0 && (secs > 0 || (digits > 0 && frac / pow10_table[9 - digits] > 0)))
    g_string_append_c (out, '-');
  g_string_append_printf (out, "%" G_GUINT64_FORMAT, secs);
  append_fraction (out, frac, digits);
}

static void
append_calendar (GString          *out,
                 RemoraTimeFormat  format,
                 gint64            ns,
                 int               digits)
{
  gint64 secs = ns / NS_PER_SEC;
  gint64 frac = ns % NS_PER_SEC;
  gboolean utc = format == REMORA_TIME_FORMAT_UTC ||
                 format == REMORA_TIME_FORMAT_UTC_YMD ||
                 format == REMORA_TIME_FORMAT_UTC_YDOY;
  size_t written;
  struct tm tm;
  time_t t;
  char buf[64];

  /* Before 1970 the fraction still counts forward within its second. */
  if (frac < 0)
    {
      frac += NS_PER_SEC;
      secs -= 1;
    }
  t = (time_t) secs;
  if ((utc ? gmtime_r (&t, &tm) : localtime_r (&t, &tm)) == NULL)
    {
      g_string_append (out, "Not representable");
      return;
    }

  /* Literal patterns, so that the compiler checks them. */
  switch (format)
    {
    case REMORA_TIME_FORMAT_ABSOLUTE_YMD:
    case REMORA_TIME_FORMAT_UTC_YMD:
      written = strftime (buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
      break;
    case REMORA_TIME_FORMAT_ABSOLUTE_YDOY:
    case REMORA_TIME_FORMAT_UTC_YDOY:
      written = strftime (buf, sizeof buf, "%Y/%j %H:%M:%S", &tm);
      break;
    case REMORA_TIME_FORMAT_ABSOLUTE:
    case REMORA_TIME_FORMAT_UTC:
    case REMORA_TIME_FORMAT_RELATIVE:
    case REMORA_TIME_FORMAT_DELTA:
    case REMORA_TIME_FORMAT_DELTA_DISPLAYED:
    case REMORA_TIME_FORMAT_EPOCH:
    default:
      written = strftime (buf, sizeof buf, "%H:%M:%S", &tm);
      break;
    }
  if (written == 0)
    {
      g_string_append (out, "Not representable");
      return;
    }
  g_string_append (out, buf);
  append_fraction (out, (guint64) frac, digits);
}

void
remora_time_format_append (RemoraTimeFormat format,
                           gint64           ts_ns,
                           gint64           reference_ns,
                           int              digits,
                           GString         *out)
{
  g_return_if_fail (out != NULL);

  digits = CLAMP (digits, 0, 9);
  switch (format)
    {
    case REMORA_TIME_FORMAT_RELATIVE:
    case REMORA_TIME_FORMAT_DELTA:
    case REMORA_TIME_FORMAT_DELTA_DISPLAYED:
      append_seconds (out, ts_ns - reference_ns, digits);
      break;
    case REMORA_TIME_FORMAT_EPOCH:
      append_seconds (out, ts_ns, digits);
      break;
    case REMORA_TIME_FORMAT_ABSOLUTE:
    case REMORA_TIME_FORMAT_ABSOLUTE_YMD:
    case REMORA_TIME_FORMAT_ABSOLUTE_YDOY:
    case REMORA_TIME_FORMAT_UTC:
    case REMORA_TIME_FORMAT_UTC_YMD:
    case REMORA_TIME_FORMAT_UTC_YDOY:
    default:
      append_calendar (out, format, ts_ns, digits);
      break;
    }
}
