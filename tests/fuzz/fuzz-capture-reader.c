/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-fuzz"

#include "config.h"

#include "fuzz-common.h"

#include <stdio.h>
#include <unistd.h>

/* Capture-file bytes through the reader, twice: as a regular file (mapped,
 * or streamed through zlib when it starts with the gzip magic) and as a
 * pipe (the stream path, which is also how the capture helper's output is
 * read: remora_capture_reader_open_fd on its pipe, so this target covers
 * that reader too).  Both must reach the same verdict on the same bytes. */

typedef struct {
  guint    n_packets;
  gboolean failed;
  guint64  checksum;
} Outcome;

static void
drain (RemoraCaptureReader *reader,
       Outcome             *outcome)
{
  RemoraPacketRecord record;
  g_autoptr(GError) error = NULL;
  RemoraReadStatus st;

  while ((st = remora_capture_reader_next (reader, &record, &error)) == REMORA_READ_PACKET)
    {
      const RemoraInterface *iface;

      if (record.cap_len > REMORA_MAX_PACKET_SIZE)
        abort ();
      iface = remora_capture_reader_get_interface (reader, record.iface_id);
      if (iface == NULL)
        abort ();
      /* Touch every byte handed out, so a record pointing past its buffer
       * shows up under ASan here rather than in some dissector. */
      for (guint32 i = 0; i < record.cap_len; i++)
        outcome->checksum += record.data[i];
      outcome->checksum += (guint64) record.ts_ns + record.orig_len + iface->link_type;
      outcome->n_packets++;
    }
  if (st == REMORA_READ_ERROR)
    {
      if (error == NULL || error->message == NULL)
        abort ();
      outcome->failed = TRUE;
    }
  for (guint i = 0; i < remora_capture_reader_get_n_interfaces (reader); i++)
    {
      const RemoraInterface *iface = remora_capture_reader_get_interface (reader, i);

      if (iface == NULL)
        abort ();
      if (iface->name != NULL)
        outcome->checksum += strlen (iface->name);
      if (iface->description != NULL)
        outcome->checksum += strlen (iface->description);
    }
}

static gboolean
read_all (int            fd,
          gboolean       by_path,
          Outcome       *outcome)
{
  g_autoptr(RemoraCaptureReader) reader = NULL;
  g_autoptr(GError) error = NULL;

  if (by_path)
    {
      char path[64];

      g_snprintf (path, sizeof path, "/proc/self/fd/%d", fd);
      reader = remora_capture_reader_open (path, &error);
      close (fd);
    }
  else
    reader = remora_capture_reader_open_fd (fd, "fuzz-pipe", &error);

  if (reader == NULL)
    {
      if (error == NULL || error->message == NULL)
        abort ();
      return FALSE;
    }
  (void) remora_capture_reader_get_format (reader);
  (void) remora_capture_reader_is_compressed (reader);
  drain (reader, outcome);
  return TRUE;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  Outcome mapped = { 0 }, piped = { 0 };
  gboolean opened_mapped, opened_piped;
  int fd;

  fuzz_init ();

  opened_mapped = read_all (fuzz_fd_from_bytes (data, size, FALSE), TRUE, &mapped);
  fd = fuzz_fd_from_bytes (data, size, TRUE);
  if (fd < 0)
    return 0;
  opened_piped = read_all (fd, FALSE, &piped);

  /* The same bytes give the same packets whichever way they arrive. */
  if (opened_mapped != opened_piped || mapped.n_packets != piped.n_packets ||
      mapped.checksum != piped.checksum || mapped.failed != piped.failed)
    {
      fprintf (stderr, "fuzz-capture-reader: file and pipe disagree: opened %d/%d, "
               "%u/%u packets, error %d/%d\n", opened_mapped, opened_piped,
               mapped.n_packets, piped.n_packets, mapped.failed, piped.failed);
      abort ();
    }
  return 0;
}
