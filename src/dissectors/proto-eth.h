/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "remora-dissectors.h"

G_BEGIN_DECLS

/* What a link layer hands to the "ethertype" dissector: the type, where the
 * payload starts in the tvb it passes, and where padding and trailer go. */
typedef struct {
  guint16    etype;
  guint32    payload_offset;
  RemoraItem fh_tree;       /* the calling layer's subtree */
  int        trailer_hf;    /* eth.trailer, vlan.trailer, sll.trailer */
  int        fcs_len;       /* 0: none, 4: present, -1: guess from the length */
} RemoraEthertypeData;

/* Ethernet type names, as Wireshark's etype table has them. */
extern const RemoraValueString remora_etype_vals[];

/* Shows the bytes of TVB from TRAILER_OFFSET on as Ethernet padding (zeros
 * up to the 60-byte minimum frame), a trailer and a guessed FCS. */
void remora_eth_add_trailer (RemoraPacket    *pkt,
                             RemoraItem       fh_tree,
                             int              trailer_hf,
                             const RemoraTvb *tvb,
                             guint32          trailer_offset,
                             int              fcs_len);

G_END_DECLS
