/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "remora-dissect.h"

G_BEGIN_DECLS

/* Each protocol file defines a register function (its protocol, fields,
 * dissectors, tables and preferences) and a handoff function (its entries
 * in other protocols' tables), called in that order for all protocols. */
#define REMORA_PROTOCOLS(X) \
  X (frame) \
  X (data) \
  X (eth) \
  X (llc) \
  X (vlan) \
  X (sll) \
  X (null) \
  X (raw) \
  X (ppp) \
  X (nflog) \
  X (arp) \
  X (ip) \
  X (ipv6) \
  X (icmp) \
  X (icmpv6) \
  X (gre) \
  X (tcp) \
  X (udp) \
  X (dns) \
  X (dhcp) \
  X (tls) \
  X (http) \
  X (text_lines) \
  X (media) \
  X (igmp) \
  X (ntp) \
  X (dhcpv6) \
  X (vxlan) \
  X (geneve) \
  X (chdlc) \
  X (arcnet) \
  X (ipnet) \

#define REMORA_DECLARE_PROTOCOL(p) \
  void remora_register_##p (void); \
  void remora_handoff_##p (void);
REMORA_PROTOCOLS (REMORA_DECLARE_PROTOCOL)
#undef REMORA_DECLARE_PROTOCOL

G_END_DECLS
