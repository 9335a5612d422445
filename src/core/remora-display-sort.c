/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-display-index"

#include "config.h"

#include "remora-display-index.h"
#include "remora-display-index-private.h"

#include <string.h>

/* Sorting the packet list: one key per displayed frame, then one sort of
 * (key, frame) pairs.  Nothing per frame but the key survives the
 * dissection, so a million frames cost their keys (8 bytes each, or the
 * column text) and one permutation. */

/* Frames between two looks at the cancellable and two progress reports. */
#define CHUNK_FRAMES 1024

/* A column text longer than this sorts by its start; a person sorting
 * Info never tells the difference, and a hostile capture cannot make
 * the keys grow beyond this times the frame count. */
#define MAX_TEXT_KEY 256

/* The dissections take most of the time; the sort itself the rest. */
#define DISSECT_SHARE 0.9

typedef struct {
  gint64  value;
  guint32 frame;
} NumberKey;

/* The first bytes of the text, big-endian, decide most comparisons
 * without a look into the arena (which a million keys do not keep in
 * any cache). */
typedef struct {
  guint64  prefix;
  guintptr text;   /* offset into the key arena, later a pointer */
  guint32  frame;
} TextKey;

static gboolean
key_is_text (RemoraSortKey key)
{
  return key == REMORA_SORT_SOURCE || key == REMORA_SORT_DESTINATION ||
         key == REMORA_SORT_PROTOCOL || key == REMORA_SORT_INFO;
}

/* Ties go by frame number in both directions: the order of equal rows
 * never depends on which way the column points, as in capture order. */
static int
compare_numbers (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  const NumberKey *ka = a;
  const NumberKey *kb = b;
  gboolean descending = GPOINTER_TO_INT (user_data);

  if (ka->value != kb->value)
    return ((ka->value < kb->value) != descending) ? -1 : 1;
  return ka->frame < kb->frame ? -1 : ka->frame > kb->frame;
}

static int
compare_texts (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const TextKey *ka = a;
  const TextKey *kb = b;
  gboolean descending = GPOINTER_TO_INT (user_data);
  int cmp;

  if (ka->prefix != kb->prefix)
    cmp = ka->prefix < kb->prefix ? -1 : 1;
  else
    cmp = strcmp ((const char *) ka->text, (const char *) kb->text);

  if (cmp != 0)
    return descending ? -cmp : cmp;
  return ka->frame < kb->frame ? -1 : ka->frame > kb->frame;
}

/* The text the column shows for the dissected PKT, as the window's
 * summaries build it (remora-capture-document.c). */
static void
append_column_text (GString            *arena,
                    const RemoraPacket *pkt,
                    RemoraSortKey       key)
{
  const RemoraAddress *addr = NULL;
  const char *text = NULL;
  gsize len = 0;
  char buf[64];

  switch (key)
    {
    case REMORA_SORT_SOURCE:
      addr = pkt->src.type != REMORA_AT_NONE ? &pkt->src : &pkt->dl_src;
      break;
    case REMORA_SORT_DESTINATION:
      addr = pkt->dst.type != REMORA_AT_NONE ? &pkt->dst : &pkt->dl_dst;
      break;
    case REMORA_SORT_PROTOCOL:
      text = pkt->col_protocol;
      len = text != NULL ? strlen (text) : 0;
      break;
    case REMORA_SORT_INFO:
      if (pkt->col_info != NULL)
        {
          text = pkt->col_info->str;
          len = pkt->col_info->len;
        }
      break;
    case REMORA_SORT_NONE:
    case REMORA_SORT_NUMBER:
    case REMORA_SORT_TIME:
    case REMORA_SORT_LENGTH:
    default:
      g_assert_not_reached ();
    }

  if (addr != NULL && addr->type != REMORA_AT_NONE)
    {
      text = remora_address_to_str (addr, buf, sizeof buf);
      len = strlen (text);
    }
  if (text != NULL)
    {
      /* An embedded NUL ends the key as it ends the cell's text. */
      const char *nul = memchr (text, '\0', len);

      if (nul != NULL)
        len = nul - text;
      g_string_append_len (arena, text, MIN (len, MAX_TEXT_KEY));
    }
  g_string_append_c (arena, '\0');
}

static guint32
frame_at (RemoraDisplayIndex *unsorted,
          guint               nth)
{
  return unsorted != NULL ? remora_display_index_get_frame (unsorted, nth) : nth + 1;
}

static guint32 *
sort_numbers (const RemoraDisplaySource *source,
              RemoraDisplayIndex        *unsorted,
              guint                      n,
              RemoraSortKey              key,
              gboolean                   descending)
{
  NumberKey *keys = g_new (NumberKey, MAX (n, 1));
  guint32 *frames = g_new (guint32, MAX (n, 1));

  for (guint nth = 0; nth < n; nth++)
    {
      guint32 number = frame_at (unsorted, nth);
      const RemoraFrameRecord *rec = remora_frame_store_get_record (source->store, number);

      keys[nth].frame = number;
      keys[nth].value = key == REMORA_SORT_TIME ? rec->ts_ns : (gint64) rec->orig_len;
    }
  g_qsort_with_data (keys, (gint) n, sizeof *keys, compare_numbers, GINT_TO_POINTER (descending));
  for (guint nth = 0; nth < n; nth++)
    frames[nth] = keys[nth].frame;
  g_free (keys);
  return frames;
}

static guint32 *
sort_texts (const RemoraDisplaySource *source,
            RemoraDisplayIndex        *unsorted,
            guint                      n,
            RemoraSortKey              key,
            gboolean                   descending,
            GCancellable              *cancellable,
            RemoraDisplayProgressFunc  progress,
            gpointer                   progress_data,
            GError                   **error)
{
  g_autoptr(RemoraPacket) pkt = remora_packet_new ();
  g_autofree TextKey *keys = g_new (TextKey, MAX (n, 1));
  GString *arena = g_string_sized_new (MAX (n, 1) * 16);
  RemoraReleaseBehind release = { 0, 0 };
  guint32 *frames;

  remora_packet_set_want_columns (pkt, TRUE);
  for (guint first = 0; first < n; first += CHUNK_FRAMES)
    {
      guint end = MIN (n, first + CHUNK_FRAMES);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          g_string_free (arena, TRUE);
          return NULL;
        }
      for (guint nth = first; nth < end; nth++)
        {
          guint32 number = frame_at (unsorted, nth);
          RemoraFrameInput input;

          remora_frame_store_get_frame_input (source->store, number, &input);
          if (source->session_lock != NULL)
            g_mutex_lock (source->session_lock);
          remora_session_dissect (source->session, pkt, &input);
          if (source->session_lock != NULL)
            g_mutex_unlock (source->session_lock);

          keys[nth].frame = number;
          keys[nth].text = arena->len;
          append_column_text (arena, pkt, key);
        }
      /* UNSORTED is in capture order. */
      _remora_display_release_behind (source, &release, frame_at (unsorted, end - 1));
      if (progress != NULL && end < n)
        progress (DISSECT_SHARE * end / n, progress_data);
    }

  _remora_display_release_behind (source, &release, 0);

  /* The arena is complete: offsets become pointers. */
  for (guint nth = 0; nth < n; nth++)
    {
      const guchar *text = (const guchar *) arena->str + keys[nth].text;
      guint64 prefix = 0;
      guint i = 0;

      /* Unsigned bytes, as strcmp compares them; zeros past the end. */
      for (; i < 8 && text[i] != '\0'; i++)
        prefix = (prefix << 8) | text[i];
      keys[nth].prefix = i > 0 ? prefix << (8 * (8 - i)) : 0;
      keys[nth].text = (guintptr) text;
    }
  g_qsort_with_data (keys, (gint) n, sizeof *keys, compare_texts, GINT_TO_POINTER (descending));

  frames = g_new (guint32, MAX (n, 1));
  for (guint nth = 0; nth < n; nth++)
    frames[nth] = keys[nth].frame;
  g_string_free (arena, TRUE);
  return frames;
}

RemoraDisplayIndex *
remora_display_index_sort (const RemoraDisplaySource *source,
                           RemoraDisplayIndex        *index,
                           RemoraSortKey              key,
                           gboolean                   descending,
                           GCancellable              *cancellable,
                           RemoraDisplayProgressFunc  progress,
                           gpointer                   progress_data,
                           GError                   **error)
{
  g_autoptr(RemoraDisplayIndex) unsorted = NULL;
  guint32 *frames;
  guint n;

  g_return_val_if_fail (source != NULL, NULL);
  g_return_val_if_fail (!index || remora_display_index_has_frames (index), NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);

  unsorted = index != NULL ? remora_display_index_ref (remora_display_index_get_unsorted (index))
                           : remora_display_index_new_all (source->n_frames);
  n = remora_display_index_get_n_displayed (unsorted);

  if (key == REMORA_SORT_NONE || (key == REMORA_SORT_NUMBER && !descending))
    {
      if (progress != NULL)
        progress (1.0, progress_data);
      return g_steal_pointer (&unsorted);
    }

  g_return_val_if_fail (n == 0 || source->store != NULL, NULL);

  if (key == REMORA_SORT_NUMBER)
    {
      frames = g_new (guint32, MAX (n, 1));
      for (guint nth = 0; nth < n; nth++)
        frames[nth] = frame_at (unsorted, n - 1 - nth);
    }
  else if (!key_is_text (key))
    frames = sort_numbers (source, unsorted, n, key, descending);
  else
    {
      g_return_val_if_fail (n == 0 || source->session != NULL, NULL);
      frames = sort_texts (source, unsorted, n, key, descending,
                           cancellable, progress, progress_data, error);
      if (frames == NULL)
        return NULL;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      g_free (frames);
      return NULL;
    }
  if (progress != NULL)
    progress (1.0, progress_data);
  return _remora_display_index_new_sorted (unsorted, frames, key, descending);
}
