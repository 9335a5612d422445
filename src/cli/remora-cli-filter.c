/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-cli"

#include "config.h"

#include "remora-cli-private.h"

#include <stdio.h>

#include "remora-dfilter.h"

/* The one place the display filter compiler plugs into remora-cli: compile
 * in remora_cli_filter_new(), declare the fields the filter reads in
 * remora_cli_filter_add_wanted() (so fields mode records them), and test a
 * dissected packet in remora_cli_filter_match(). */
struct _RemoraCliFilter {
  RemoraDfilter *dfilter;
};

RemoraCliFilter *
remora_cli_filter_new (const char  *text,
                       GError     **error)
{
  RemoraDfilterError *dferror = NULL;
  RemoraDfilter *dfilter = remora_dfilter_compile (text, &dferror);
  RemoraCliFilter *filter;

  if (dfilter == NULL)
    {
      /* tshark's layout: the message, then the filter with a caret line
       * under the offending span (none when the span is empty). */
      g_autoptr(GString) msg = g_string_new (dferror->message);

      if (dferror->length > 0)
        {
          g_string_append_printf (msg, "\n    %s\n    ", text);
          for (guint i = 0; i < dferror->start; i++)
            g_string_append_c (msg, ' ');
          g_string_append_c (msg, '^');
          for (guint i = 1; i < dferror->length; i++)
            g_string_append_c (msg, '~');
        }
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, msg->str);
      remora_dfilter_error_free (dferror);
      return NULL;
    }

  for (const char *const *w = remora_dfilter_get_warnings (dfilter); w && *w; w++)
    fprintf (stderr, "remora-cli: Warning: %s\n", *w);

  filter = g_new0 (RemoraCliFilter, 1);
  filter->dfilter = dfilter;
  return filter;
}

void
remora_cli_filter_free (RemoraCliFilter *filter)
{
  if (filter == NULL)
    return;
  remora_dfilter_free (filter->dfilter);
  g_free (filter);
}

void
remora_cli_filter_add_wanted (RemoraCliFilter *filter,
                              guint8          *wanted)
{
  const guint8 *mine = remora_dfilter_get_wanted (filter->dfilter);
  guint n = remora_field_count ();

  for (guint i = 0; i < n; i++)
    wanted[i] |= mine[i];
}

gboolean
remora_cli_filter_match (RemoraCliFilter    *filter,
                         const RemoraPacket *pkt)
{
  return remora_dfilter_match (filter->dfilter, pkt);
}

int
remora_cli_filter_explain (const char *text)
{
  g_autoptr(GError) error = NULL;
  RemoraCliFilter *filter = remora_cli_filter_new (text, &error);
  g_autofree char *tree = NULL;

  if (filter == NULL)
    {
      fprintf (stderr, "remora-cli: %s\n", error->message);
      return REMORA_CLI_EXIT_INVALID_FILTER;
    }
  tree = remora_dfilter_explain (filter->dfilter);
  fputs (tree, stdout);
  remora_cli_filter_free (filter);
  return 0;
}
