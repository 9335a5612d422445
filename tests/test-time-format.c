/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-time-format"

#include "config.h"

#include <stdlib.h>
#include <time.h>

#include "remora-time-format.h"

/* The Time column's text in each of tshark's -t formats; the expected
 * strings are what tshark 4.0 prints for these time stamps. */

#define TS G_GINT64_CONSTANT (1700000000123456789)   /* 2023-11-14 22:13:20.123456789 UTC */

static void
check (RemoraTimeFormat  format,
       gint64            ts_ns,
       gint64            reference_ns,
       int               digits,
       const char       *expected)
{
  g_autoptr(GString) out = g_string_new ("x");

  remora_time_format_append (format, ts_ns, reference_ns, digits, out);
  /* Appended, never replacing what OUT held. */
  g_assert_cmpstr (out->str + 1, ==, expected);
}

static void
test_seconds (void)
{
  check (REMORA_TIME_FORMAT_RELATIVE, TS, TS - G_GINT64_CONSTANT (1500000000), 6, "1.500000");
  check (REMORA_TIME_FORMAT_RELATIVE, TS, TS, 9, "0.000000000");
  check (REMORA_TIME_FORMAT_DELTA, TS, TS + 56000, 6, "-0.000056");
  /* A negative span too small to show keeps no sign. */
  check (REMORA_TIME_FORMAT_DELTA_DISPLAYED, TS, TS + 400, 6, "0.000000");
  check (REMORA_TIME_FORMAT_DELTA, TS, TS - G_GINT64_CONSTANT (3600000000000), 0, "3600");
  /* Cut to the precision, not rounded. */
  check (REMORA_TIME_FORMAT_EPOCH, TS, 0, 9, "1700000000.123456789");
  check (REMORA_TIME_FORMAT_EPOCH, TS, 0, 6, "1700000000.123456");
  check (REMORA_TIME_FORMAT_EPOCH, TS, 0, 0, "1700000000");
  g_assert_true (remora_time_format_is_relative (REMORA_TIME_FORMAT_DELTA_DISPLAYED));
  g_assert_false (remora_time_format_is_relative (REMORA_TIME_FORMAT_EPOCH));
}

static void
test_calendar (void)
{
  check (REMORA_TIME_FORMAT_UTC_YMD, TS, 0, 6, "2023-11-14 22:13:20.123456");
  check (REMORA_TIME_FORMAT_UTC_YDOY, TS, 0, 6, "2023/318 22:13:20.123456");
  check (REMORA_TIME_FORMAT_UTC, TS, 0, 9, "22:13:20.123456789");
  /* The local zone is UTC+5:30 (main). */
  check (REMORA_TIME_FORMAT_ABSOLUTE_YMD, TS, 0, 6, "2023-11-15 03:43:20.123456");
  check (REMORA_TIME_FORMAT_ABSOLUTE_YDOY, TS, 0, 6, "2023/319 03:43:20.123456");
  check (REMORA_TIME_FORMAT_ABSOLUTE, TS, 0, 3, "03:43:20.123");
  /* Before the epoch the fraction still counts up within its second. */
  check (REMORA_TIME_FORMAT_UTC_YMD, -1, 0, 9, "1969-12-31 23:59:59.999999999");
}

static void
test_digits (void)
{
  g_assert_cmpint (remora_time_format_digits (1000000), ==, 6);
  g_assert_cmpint (remora_time_format_digits (1000000000), ==, 9);
  g_assert_cmpint (remora_time_format_digits (1000), ==, 3);
  g_assert_cmpint (remora_time_format_digits (100), ==, 2);
  g_assert_cmpint (remora_time_format_digits (1), ==, 0);
  /* Unknown: pcap's microseconds. */
  g_assert_cmpint (remora_time_format_digits (0), ==, 6);
  g_assert_cmpint (remora_time_format_digits (G_MAXUINT64), ==, 9);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "XST-5:30", TRUE);
  tzset ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/time-format/seconds", test_seconds);
  g_test_add_func ("/time-format/calendar", test_calendar);
  g_test_add_func ("/time-format/digits", test_digits);
  return g_test_run ();
}
