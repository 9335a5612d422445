/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-growing-map"

#include "config.h"

#include "remora-growing-map.h"

#include <errno.h>
#include <sys/mman.h>
#include <unistd.h>

#include "remora-capture-reader.h"

/* 64 MiB windows and 16384 of them: captures up to 1 TiB, and a table
 * of 128 KiB whose untouched pages cost nothing. */
#define WINDOW_SHIFT 26
#define WINDOW_SIZE  (G_GUINT64_CONSTANT (1) << WINDOW_SHIFT)
#define N_WINDOWS    16384u
/* Past the window's own range: the longest packet that may start at its
 * last byte, rounded up to whole pages. */
#define WINDOW_OVERLAP (REMORA_MAX_PACKET_SIZE + 64u * 1024u)

struct _RemoraGrowingMap {
  int       fd;
  gsize     page_size;
  /* Filled by ensure () on one thread, read by get () on any: each entry
   * is written once, before any offset inside it is handed to others. */
  guint8  **windows;
};

RemoraGrowingMap *
remora_growing_map_new (int fd)
{
  RemoraGrowingMap *map;

  g_return_val_if_fail (fd >= 0, NULL);

  map = g_new0 (RemoraGrowingMap, 1);
  map->fd = fd;
  map->page_size = (gsize) sysconf (_SC_PAGESIZE);
  map->windows = g_new0 (guint8 *, N_WINDOWS);
  return map;
}

void
remora_growing_map_free (RemoraGrowingMap *map)
{
  if (map == NULL)
    return;

  for (guint i = 0; i < N_WINDOWS; i++)
    if (map->windows[i] != NULL)
      munmap (map->windows[i], WINDOW_SIZE + WINDOW_OVERLAP);
  g_free (map->windows);
  close (map->fd);
  g_free (map);
}

gboolean
remora_growing_map_ensure (RemoraGrowingMap *map,
                           guint64           offset,
                           gsize             len)
{
  guint64 k = offset >> WINDOW_SHIFT;
  void *addr;

  g_return_val_if_fail (map != NULL, FALSE);
  g_return_val_if_fail (len <= REMORA_MAX_PACKET_SIZE, FALSE);

  if (k >= N_WINDOWS)
    return FALSE;
  if (g_atomic_pointer_get (&map->windows[k]) != NULL)
    return TRUE;

  addr = mmap (NULL, WINDOW_SIZE + WINDOW_OVERLAP, PROT_READ, MAP_SHARED,
               map->fd, (off_t) (k << WINDOW_SHIFT));
  if (addr == MAP_FAILED)
    {
      g_warning ("Could not map the capture file at %" G_GUINT64_FORMAT ": %s",
                 k << WINDOW_SHIFT, g_strerror (errno));
      return FALSE;
    }
  g_atomic_pointer_set (&map->windows[k], addr);
  return TRUE;
}

const guint8 *
remora_growing_map_get (RemoraGrowingMap *map,
                        guint64           offset)
{
  guint64 k = offset >> WINDOW_SHIFT;
  const guint8 *window;

  g_return_val_if_fail (map != NULL, NULL);
  g_return_val_if_fail (k < N_WINDOWS, NULL);

  window = g_atomic_pointer_get (&map->windows[k]);
  g_return_val_if_fail (window != NULL, NULL);
  return window + (offset & (WINDOW_SIZE - 1));
}

void
remora_growing_map_release (RemoraGrowingMap *map,
                            guint64           start,
                            guint64           end)
{
  g_return_if_fail (map != NULL);

  /* Window by window: a range may span two of them. */
  while (start < end)
    {
      guint64 k = start >> WINDOW_SHIFT;
      guint64 window_start = k << WINDOW_SHIFT;
      guint64 stop = MIN (end, window_start + WINDOW_SIZE);
      guint64 first_page = (start - window_start) / map->page_size * map->page_size;
      guint64 last_page = (stop - window_start) / map->page_size * map->page_size;
      guint8 *window;

      if (k >= N_WINDOWS)
        return;
      window = g_atomic_pointer_get (&map->windows[k]);
      /* Shared file pages: dropping them loses nothing, a later read
       * faults them back in from the file. */
      if (window != NULL && last_page > first_page)
        madvise (window + first_page, last_page - first_page, MADV_DONTNEED);
      start = stop;
    }
}
