/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-fuzz"

#include "config.h"

#include "fuzz-common.h"

#include <stdio.h>
#include <stdlib.h>

#include "remora-dfilter.h"

/* Filter text through the compiler: compile, and on success everything a
 * caller asks of a compiled filter; on failure, the error must point into
 * the text. */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;
  g_autoptr(RemoraDfilter) dfilter = NULL;
  g_autoptr(RemoraDfilterError) error = NULL;

  fuzz_init ();
  text = g_strndup ((const char *) data, size);
  dfilter = remora_dfilter_compile (text, &error);
  if (dfilter == NULL)
    {
      if (error == NULL || error->message == NULL)
        abort ();
      if ((gsize) error->start + error->length > strlen (text))
        {
          fprintf (stderr, "fuzz-dfilter-compile: error span %u+%u outside a %zu-byte text\n",
                   error->start, error->length, strlen (text));
          abort ();
        }
      return 0;
    }
  {
    g_autofree char *explained = remora_dfilter_explain (dfilter);
    const char *const *warnings = remora_dfilter_get_warnings (dfilter);
    const guint8 *wanted = remora_dfilter_get_wanted (dfilter);
    guint n = remora_field_count ();
    gsize sum = strlen (explained) + strlen (remora_dfilter_get_text (dfilter));

    for (; *warnings != NULL; warnings++)
      sum += strlen (*warnings);
    for (guint i = 0; i < n; i++)
      sum += wanted[i];
    (void) sum;
  }
  return 0;
}
