/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-dissectors"

#include "config.h"

#include "remora-dissectors.h"
#include "remora-packet-private.h"

void
remora_dissectors_init (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      /* Tables first: handoffs may add to a table registered by a
       * protocol that comes later in the list. */
      remora_dissect_register_engine_protocols ();
      remora_table_register ("link_type");
      remora_table_register ("ethertype");
      remora_table_register ("ip.proto");
      remora_table_register ("tcp.port");
      remora_table_register ("udp.port");
      remora_table_register ("ppp.protocol");
      remora_table_register ("llc.dsap");
      remora_table_register ("sll.ltype");
      remora_table_register ("null.type");
      remora_heur_register ("tcp");
      remora_heur_register ("udp");
#define REGISTER(p) remora_register_##p ();
      REMORA_PROTOCOLS (REGISTER)
#undef REGISTER
#define HANDOFF(p) remora_handoff_##p ();
      REMORA_PROTOCOLS (HANDOFF)
#undef HANDOFF
      g_once_init_leave (&initialized, 1);
    }
}
