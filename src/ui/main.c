/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora"

#include "config.h"

#include <glib/gi18n.h>

#include "remora-application.h"
#include "remora-stall-meter.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(RemoraApplication) app = NULL;
  int status;

  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_application_name (_("Remora"));

  app = remora_application_new ();
  /* Benchmarks only: nothing runs unless REMORA_STALL_LOG is set. */
  remora_stall_meter_start ();
  status = g_application_run (G_APPLICATION (app), argc, argv);
  remora_stall_meter_stop ();
  return status;
}
