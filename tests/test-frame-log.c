/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "remora-frame-log.h"

/* Every record comes back for its frame and key, across block and chunk
 * boundaries, with frames that have several records and frames that have
 * none. */
static void
test_frame_log_find (void)
{
  g_autoptr(RemoraFrameLog) log = remora_frame_log_new ();
  guint32 frame = 1;

  /* 200,000 records over 100,000-odd frames: several 64 KiB chunks. */
  for (guint i = 0; i < 200000; i++)
    {
      RemoraPackWriter w;

      remora_pack_init (&w);
      remora_pack_u32 (&w, frame);
      remora_pack_u32 (&w, i);
      remora_pack_s64 (&w, -(gint64) i * 1000003);
      remora_frame_log_append (log, frame, i % 2, w.buf, w.len);
      /* Frames with two records (keys 0 and 1), and gaps of 0 to 2. */
      if (i % 2 == 1)
        frame += i % 3;
    }
  g_assert_cmpuint (remora_frame_log_length (log), ==, 200000);
  /* 11 to 12 bytes of data and 3 of framing each, and chunk slack */
  g_assert_cmpuint (remora_frame_log_memory (log), <, 200000 * 16);

  frame = 1;
  for (guint i = 0; i < 200000; i++)
    {
      gsize len = 0;
      const guint8 *data = remora_frame_log_find (log, frame, i % 2, &len);
      RemoraPackReader r;
      guint32 got_frame;

      /* When a frame repeats (gap 0) the first record of its key wins. */
      g_assert_nonnull (data);
      remora_unpack_init (&r, data, len);
      got_frame = remora_unpack_u32 (&r);
      g_assert_cmpuint (got_frame, ==, frame);
      if (i % 2 == 1)
        frame += i % 3;
    }
  g_assert_null (remora_frame_log_find (log, frame + 5, 0, NULL));
  g_assert_null (remora_frame_log_find (log, 0, 0, NULL));
}

typedef struct {
  guint n;
  guint32 values[8];
} Collected;

static gboolean
collect (const guint8 *data,
         gsize         len,
         gpointer      user_data)
{
  Collected *c = user_data;
  RemoraPackReader r;

  remora_unpack_init (&r, data, len);
  c->values[c->n++] = remora_unpack_u32 (&r);
  return c->n < G_N_ELEMENTS (c->values);
}

/* One frame with more records than a block holds: all of them, in order. */
static void
test_frame_log_many_per_frame (void)
{
  g_autoptr(RemoraFrameLog) log = remora_frame_log_new ();
  Collected c = { 0 };
  guint visited;

  for (guint i = 0; i < 100; i++)
    {
      RemoraPackWriter w;

      remora_pack_init (&w);
      remora_pack_u32 (&w, i);
      remora_frame_log_append (log, 7, i < 90 ? 0 : 1, w.buf, w.len);
    }
  visited = remora_frame_log_foreach (log, 7, 1, collect, &c);
  g_assert_cmpuint (visited, ==, 8);  /* stopped when full */
  for (guint i = 0; i < 8; i++)
    g_assert_cmpuint (c.values[i], ==, 90 + i);
}

/* The packing round-trips the extremes, and a reader never runs past a
 * record's end. */
static void
test_frame_log_pack (void)
{
  static const gint64 values[] = { 0, 1, -1, 63, -64, 64, G_MAXINT32, G_MININT32, G_MAXINT64, G_MININT64 };
  RemoraPackWriter w;
  RemoraPackReader r;
  guint8 b[3] = { 0 };

  remora_pack_init (&w);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    remora_pack_s64 (&w, values[i]);
  remora_pack_u32 (&w, G_MAXUINT32);
  remora_pack_bytes (&w, "abc", 3);
  g_assert_false (w.overflow);

  remora_unpack_init (&r, w.buf, w.len);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    g_assert_cmpint (remora_unpack_s64 (&r), ==, values[i]);
  g_assert_cmpuint (remora_unpack_u32 (&r), ==, G_MAXUINT32);
  g_assert_true (remora_unpack_bytes (&r, b, 3));
  g_assert_cmpmem (b, 3, "abc", 3);
  g_assert_false (r.bad);
  remora_unpack_u32 (&r);
  g_assert_true (r.bad);

  /* A number cut short is bad, not a wild read. */
  remora_unpack_init (&r, (const guint8 *) "\xff\xff", 2);
  remora_unpack_u64 (&r);
  g_assert_true (r.bad);

  /* Filling the writer sets overflow instead of writing past it. */
  remora_pack_init (&w);
  for (guint i = 0; i < REMORA_FRAME_LOG_MAX_RECORD; i++)
    remora_pack_u32 (&w, G_MAXUINT32);
  g_assert_true (w.overflow);
  g_assert_cmpuint (w.len, <=, sizeof w.buf);
}

/* A log that keeps a few records costs a few KiB, not a whole chunk; the
 * longest record still fits, whatever chunk it falls in. */
static void
test_frame_log_small (void)
{
  g_autoptr(RemoraFrameLog) log = remora_frame_log_new ();
  g_autofree guint8 *big = g_malloc (REMORA_FRAME_LOG_MAX_RECORD);
  gsize len = 0;
  const guint8 *data;

  for (guint i = 0; i < 10; i++)
    remora_frame_log_append (log, i + 1, 0, (const guint8 *) "abc", 3);
  g_assert_cmpuint (remora_frame_log_memory (log), <=, 8 * 1024);

  memset (big, 0x5a, REMORA_FRAME_LOG_MAX_RECORD);
  for (guint i = 0; i < 40; i++)
    remora_frame_log_append (log, 20 + i, 1, big, REMORA_FRAME_LOG_MAX_RECORD);
  for (guint i = 0; i < 40; i++)
    {
      data = remora_frame_log_find (log, 20 + i, 1, &len);
      g_assert_cmpuint (len, ==, REMORA_FRAME_LOG_MAX_RECORD);
      g_assert_cmpmem (data, len, big, REMORA_FRAME_LOG_MAX_RECORD);
    }
  data = remora_frame_log_find (log, 5, 0, &len);
  g_assert_cmpmem (data, len, "abc", 3);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/remora/frame-log/find", test_frame_log_find);
  g_test_add_func ("/remora/frame-log/many-per-frame", test_frame_log_many_per_frame);
  g_test_add_func ("/remora/frame-log/pack", test_frame_log_pack);
  g_test_add_func ("/remora/frame-log/small", test_frame_log_small);
  return g_test_run ();
}
