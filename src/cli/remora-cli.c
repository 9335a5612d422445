/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-cli"

#include "config.h"

#include "remora-cli-private.h"

int
main (int    argc,
      char **argv)
{
  RemoraCliOptions options;
  int status;

  status = remora_cli_options_parse (&options, argc, argv);
  if (status != 0)
    ;
  else if (options.show_help)
    remora_cli_print_usage (stdout);
  else if (options.show_version)
    remora_cli_print_version (stdout);
  else if (options.explain_filter != NULL)
    {
      remora_dissectors_init ();
      status = remora_cli_filter_explain (options.explain_filter);
    }
  else if (options.glossary != REMORA_CLI_GLOSSARY_NONE)
    {
      remora_dissectors_init ();
      status = remora_cli_glossary (options.glossary);
    }
  else
    status = remora_cli_run (&options);

  remora_cli_options_clear (&options);
  return status;
}
