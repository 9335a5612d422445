/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "remora-dissectors.h"

G_BEGIN_DECLS

/* ARP hardware types by number: ARP's arp.hw.type, and the link-layer
 * address type of Linux cooked captures (sll.hatype), which uses the
 * same numbers. */
extern const RemoraValueString remora_arp_hrd_vals[];

G_END_DECLS
