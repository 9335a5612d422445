/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-stall-meter"

#include "config.h"

#include "remora-stall-meter.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <time.h>

#define TICK_MS 10
/* Stalls longer than this are also logged one by one ("long-stall"). */
#define LONG_STALL_MS 50

typedef struct {
  FILE       *out;
  gint64      start_us;
  gint64      last_tick_us;  /* 0 until the loop first runs the timeout */
  gint64      last_event_us;
  gint64      last_tick_cpu_us;
  gint64      longest_us;    /* since the last event */
  gint64      longest_cpu_us; /* the loop's own CPU time during that stall */
  guint       timeout_id;
  GHashTable *marked;        /* events written once */
} StallMeter;

static StallMeter *meter;

static void
stall_meter_write_detail (gint64      now,
                          const char *event,
                          const char *detail)
{
  fprintf (meter->out, "%.1f %s %.1f %.1f%s%s\n",
           (now - meter->start_us) / 1000.0, event, meter->longest_us / 1000.0,
           meter->longest_cpu_us / 1000.0, detail != NULL ? " " : "",
           detail != NULL ? detail : "");
  meter->longest_us = 0;
  meter->longest_cpu_us = 0;
  meter->last_event_us = now;
}

static void
stall_meter_write (gint64      now,
                   const char *event)
{
  stall_meter_write_detail (now, event, NULL);
}

/* CPU time of the calling (main) thread: a stall with little of it was
 * spent waiting, for a lock or for a busy machine to give it a core. */
static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
    return 0;
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

/* GLib schedules the next run from the last dispatch, so lateness is
 * measured against that one.  A stall that an event cuts in two counts
 * in each phase for its own part. */
static void
stall_meter_note (gint64 now,
                  gint64 cpu)
{
  gint64 late;

  if (meter->last_tick_us == 0)
    return;
  late = now - MAX (meter->last_tick_us + TICK_MS * 1000, meter->last_event_us);
  /* Each long one on its own line too, to find out what caused it; it
   * closes no phase. */
  if (late > LONG_STALL_MS * 1000)
    fprintf (meter->out, "%.1f long-stall %.1f %.1f\n", (now - meter->start_us) / 1000.0,
             late / 1000.0, (cpu - meter->last_tick_cpu_us) / 1000.0);
  if (late > meter->longest_us)
    {
      meter->longest_us = late;
      meter->longest_cpu_us = cpu - meter->last_tick_cpu_us;
    }
}

static gboolean
stall_meter_tick (gpointer user_data)
{
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_us ();

  /* Start-up (the application's first window, built before the loop
   * runs) is not a stall of a running loop: it shows as the time of this
   * event instead. */
  if (meter->last_tick_us == 0)
    stall_meter_write (now, "loop-started");
  stall_meter_note (now, cpu);
  meter->last_tick_us = now;
  meter->last_tick_cpu_us = cpu;
  return G_SOURCE_CONTINUE;
}

void
remora_stall_meter_start (void)
{
  const char *path = g_getenv ("REMORA_STALL_LOG");
  GSource *source;
  FILE *out;

  if (meter != NULL || path == NULL || path[0] == '\0')
    return;

  out = fopen (path, "w");
  if (out == NULL)
    {
      g_warning ("REMORA_STALL_LOG: cannot write %s: %s", path, g_strerror (errno));
      return;
    }
  /* Lines reach the file as they are written: a benchmark reads it while
   * the application runs. */
  setvbuf (out, NULL, _IOLBF, 0);

  meter = g_new0 (StallMeter, 1);
  meter->out = out;
  meter->start_us = g_get_monotonic_time ();
  meter->marked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  source = g_timeout_source_new (TICK_MS);
  g_source_set_priority (source, G_PRIORITY_HIGH);
  g_source_set_callback (source, stall_meter_tick, NULL, NULL);
  g_source_set_static_name (source, "[remora] stall meter");
  meter->timeout_id = g_source_attach (source, NULL);
  g_source_unref (source);

  stall_meter_write (meter->start_us, "start");
}

void
remora_stall_meter_mark (const char *event)
{
  gint64 now;

  g_return_if_fail (event != NULL);

  if (meter == NULL)
    return;

  /* The loop may be late right now, before the timeout could notice. */
  now = g_get_monotonic_time ();
  stall_meter_note (now, thread_cpu_us ());
  stall_meter_write (now, event);
}

void
remora_stall_meter_mark_detail (const char *event,
                                const char *format,
                                ...)
{
  g_autofree char *detail = NULL;
  va_list args;
  gint64 now;

  g_return_if_fail (event != NULL);
  g_return_if_fail (format != NULL);

  if (meter == NULL)
    return;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);
  now = g_get_monotonic_time ();
  stall_meter_note (now, thread_cpu_us ());
  stall_meter_write_detail (now, event, detail);
}

void
remora_stall_meter_mark_once (const char *event)
{
  g_return_if_fail (event != NULL);

  if (meter == NULL || g_hash_table_contains (meter->marked, event))
    return;
  g_hash_table_add (meter->marked, g_strdup (event));
  remora_stall_meter_mark (event);
}

typedef struct {
  char          *event;
  GdkFrameClock *clock;
  gulong         handler;
} DrawnMark;

static void
on_after_paint (GdkFrameClock *clock,
                gpointer       user_data)
{
  DrawnMark *mark = user_data;

  remora_stall_meter_mark (mark->event);
  g_signal_handler_disconnect (clock, mark->handler);
}

static void
drawn_mark_free (gpointer  data,
                 GClosure *closure)
{
  DrawnMark *mark = data;

  g_free (mark->event);
  g_free (mark);
}

void
remora_stall_meter_mark_once_drawn (GtkWidget  *widget,
                                    const char *event)
{
  GdkFrameClock *clock;
  DrawnMark *mark;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (event != NULL);

  if (meter == NULL || g_hash_table_contains (meter->marked, event))
    return;
  clock = gtk_widget_get_frame_clock (widget);
  if (clock == NULL)
    return;
  g_hash_table_add (meter->marked, g_strdup (event));

  mark = g_new0 (DrawnMark, 1);
  mark->event = g_strdup (event);
  mark->handler = g_signal_connect_data (clock, "after-paint", G_CALLBACK (on_after_paint),
                                         mark, drawn_mark_free, 0);
}

void
remora_stall_meter_stop (void)
{
  if (meter == NULL)
    return;

  remora_stall_meter_mark ("quit");
  g_clear_handle_id (&meter->timeout_id, g_source_remove);
  fclose (meter->out);
  g_hash_table_unref (meter->marked);
  g_clear_pointer (&meter, g_free);
}
