/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-fuzz"

#include "config.h"

#include "fuzz-common.h"

#include <stdio.h>
#include <stdlib.h>

/* Seeds for fuzz-dissect, cut from capture files with Remora's own reader:
 *
 *   fuzz-seeds OUTDIR MAX_PER_FILE FILE...
 *
 * writes one OUTDIR/<sha1> per distinct packet of a link type the target
 * knows, as [link type index][mode][frame bytes] (see fuzz-dissect.c),
 * at most MAX_PER_FILE per file, and prints how many per link type. */

static int
link_index (int link_type)
{
  for (guint i = 0; i < fuzz_n_link_types; i++)
    if (fuzz_link_types[i] == link_type)
      return (int) i;
  return -1;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GHashTable) per_link = g_hash_table_new (NULL, NULL);
  guint max_per_file, total = 0;
  GHashTableIter iter;
  gpointer key, value;

  if (argc < 3)
    {
      fprintf (stderr, "usage: fuzz-seeds OUTDIR MAX_PER_FILE FILE...\n");
      return 2;
    }
  max_per_file = (guint) atoi (argv[2]);
  g_mkdir_with_parents (argv[1], 0755);

  for (int a = 3; a < argc; a++)
    {
      g_autoptr(RemoraCaptureReader) reader = remora_capture_reader_open (argv[a], NULL);
      RemoraPacketRecord record;
      guint n = 0;

      if (reader == NULL)
        continue;
      while (n < max_per_file &&
             remora_capture_reader_next (reader, &record, NULL) == REMORA_READ_PACKET)
        {
          const RemoraInterface *iface = remora_capture_reader_get_interface (reader, record.iface_id);
          int idx = link_index (iface->link_type);
          g_autoptr(GByteArray) seed = NULL;
          g_autofree char *sum = NULL;
          g_autofree char *path = NULL;
          guint8 head[2];

          if (idx < 0)
            continue;
          head[0] = (guint8) idx;
          /* Alternate tree mode with columns and fields mode with every
           * field; the fuzzer flips the other bits itself. */
          head[1] = (n % 2) ? 0x03 : 0x06;
          seed = g_byte_array_new ();
          g_byte_array_append (seed, head, 2);
          g_byte_array_append (seed, record.data, record.cap_len);
          sum = g_compute_checksum_for_data (G_CHECKSUM_SHA1, seed->data, seed->len);
          path = g_build_filename (argv[1], sum, NULL);
          if (!g_file_test (path, G_FILE_TEST_EXISTS))
            {
              if (!g_file_set_contents (path, (const char *) seed->data, seed->len, NULL))
                return 1;
              total++;
              g_hash_table_insert (per_link, GINT_TO_POINTER (iface->link_type + 1),
                                   GUINT_TO_POINTER (GPOINTER_TO_UINT (
                                     g_hash_table_lookup (per_link, GINT_TO_POINTER (iface->link_type + 1))) + 1));
            }
          n++;
        }
    }

  g_hash_table_iter_init (&iter, per_link);
  while (g_hash_table_iter_next (&iter, &key, &value))
    printf ("  link type %d: %u seeds\n", GPOINTER_TO_INT (key) - 1, GPOINTER_TO_UINT (value));
  printf ("  %u seeds in %s\n", total, argv[1]);
  return 0;
}
