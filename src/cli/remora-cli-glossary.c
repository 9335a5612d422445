/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-cli"

#include "config.h"

#include "remora-cli-private.h"

/* tshark -G fields / -G protocols, one registry entry a line:
 *   P  name  abbrev
 *   F  name  abbrev  FT_TYPE  parent  base  0xmask  blurb
 * and for protocols: name  short name  filter name. */
int
remora_cli_glossary (RemoraCliGlossary which)
{
  GString *out = g_string_sized_new (1 << 20);
  guint n = remora_field_count ();

  for (guint id = 0; id < n; id++)
    {
      const RemoraFieldInfo *info = remora_field_get ((int) id);

      if (info == NULL)
        continue;
      if (info->type == REMORA_FT_PROTOCOL)
        {
          if (which == REMORA_CLI_GLOSSARY_PROTOCOLS)
            g_string_append_printf (out, "%s\t%s\t%s\n", info->name,
                                    info->short_name ? info->short_name : info->name,
                                    info->abbrev);
          else
            g_string_append_printf (out, "P\t%s\t%s\n", info->name, info->abbrev);
        }
      else if (which == REMORA_CLI_GLOSSARY_FIELDS)
        {
          const RemoraFieldInfo *parent = info->parent >= 0 ? remora_field_get (info->parent) : NULL;

          g_string_append_printf (out, "F\t%s\t%s\t%s\t%s\t%s\t0x%" G_GINT64_MODIFIER "x\t%s\n",
                                  info->name, info->abbrev,
                                  remora_field_type_name (info->type),
                                  parent ? parent->abbrev : "",
                                  remora_field_base_name (info),
                                  info->bitmask,
                                  info->blurb ? info->blurb : "");
        }
      if (out->len > (1 << 20) - 4096)
        {
          fwrite (out->str, 1, out->len, stdout);
          g_string_truncate (out, 0);
        }
    }
  fwrite (out->str, 1, out->len, stdout);
  g_string_free (out, TRUE);
  return fflush (stdout) == 0 ? REMORA_CLI_EXIT_OK : REMORA_CLI_EXIT_INVALID_FILE;
}
